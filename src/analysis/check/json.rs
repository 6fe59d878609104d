//! The JSON output of `styr check --format json`: a stable interface, documented in
//! `docs/check.md`. Fields are only ever added; a change of meaning raises [`SCHEMA`].

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::targets::level_key;
use super::{
    ActivityRow, CellSource, CheckResult, ChoiceCounts, Comparison, EconomyRow, GoalRow,
    IndicatorRow, Levels, PeerRow, Provenance, QualityRow, StatusCounts, Trend, rules,
};
use crate::workspace::catalogue::{Level, TargetValue};

/// The schema name and version written as `"schema"`.
pub const SCHEMA: &str = "styr-check/1";

/// Rounds away binary floating-point noise (0.30000000000000004 → 0.3): to 9 decimals, fewer
/// for numbers of a million or more so that the scaled number stays exact.
pub(super) fn round(v: f64) -> f64 {
    let scale = if v.abs() < 1e6 {
        1e9
    } else if v.abs() < 1e9 {
        1e6
    } else {
        return v;
    };
    let r = (v * scale).round() / scale;
    if r == 0.0 { 0.0 } else { r }
}

fn num(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite()).map(round)
}

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    kommun: &'a str,
    period: String,
    period_text: String,
    previous_period: String,
    last_year_period: String,
    forvaltning: Option<&'a str>,
    rules: RulesDoc,
    summary: Levels3<StatusCountsDoc>,
    indicators: Levels3<Vec<RowDoc<'a>>>,
    economy: Levels3<Vec<EconomyDoc<'a>>>,
    goals: Vec<GoalDoc<'a>>,
    activities: Vec<ActivityDoc<'a>>,
    quality: Levels3<Vec<QualityDoc<'a>>>,
    preliminary: Vec<&'a str>,
    notes: &'a [String],
    peers: Vec<PeerDoc<'a>>,
}

/// One indicator's peer lens (kept apart from the målvärde verdicts).
#[derive(Serialize)]
struct PeerDoc<'a> {
    indicator: &'a str,
    name: &'a str,
    area: &'static str,
    kpi: &'a str,
    direction: &'static str,
    year: Option<u16>,
    /// Kolada's status of the kommun's value as stored ("" final, "Preliminary").
    kolada_status: Option<&'a str>,
    /// "2025, preliminär".
    year_text: String,
    value: Option<f64>,
    peers: usize,
    peers_with_value: usize,
    peers_preliminary: usize,
    median: Option<f64>,
    rank: Option<usize>,
    of: Option<usize>,
    quartile: Option<&'static str>,
    quartile_text: Option<&'static str>,
    note: Option<&'a str>,
}

fn peer_doc(p: &PeerRow) -> PeerDoc<'_> {
    let pos = p.position.as_ref();
    PeerDoc {
        indicator: p.indicator.as_str(),
        name: &p.indicator_name,
        area: p.area.key(),
        kpi: &p.kpi,
        direction: p.direction.key(),
        year: p.year,
        kolada_status: p.status.as_deref(),
        year_text: p.year_status(),
        value: num(p.value),
        peers: p.peers,
        peers_with_value: p.peers_with_value,
        peers_preliminary: p.peers_preliminary,
        median: num(pos.map(|x| x.median)),
        rank: pos.and_then(|x| x.rank),
        of: pos.map(|x| x.of),
        quartile: pos.and_then(|x| x.quartile).map(|q| q.key()),
        quartile_text: pos.and_then(|x| x.quartile).map(|q| q.swedish()),
        note: p.note.as_deref(),
    }
}

#[derive(Serialize)]
struct RulesDoc {
    status: &'static str,
    target: &'static str,
    rollup: &'static str,
    trend: &'static str,
    economy: &'static str,
    goals: &'static str,
}

#[derive(Serialize)]
struct Levels3<T> {
    kommun: T,
    forvaltningar: T,
    units: T,
}

fn levels<'a, T, U>(l: &'a Levels<T>, f: impl Fn(&'a [T]) -> U) -> Levels3<U> {
    Levels3 {
        kommun: f(&l.kommun),
        forvaltningar: f(&l.forvaltningar),
        units: f(&l.units),
    }
}

#[derive(Serialize)]
struct StatusCountsDoc {
    uppfyllt: u32,
    delvis: u32,
    ej_uppfyllt: u32,
    ej_bedomt: u32,
}

impl From<StatusCounts> for StatusCountsDoc {
    fn from(c: StatusCounts) -> Self {
        Self {
            uppfyllt: c.uppfyllt,
            delvis: c.delvis,
            ej_uppfyllt: c.ej_uppfyllt,
            ej_bedomt: c.ej_bedomt,
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum TargetDoc {
    Point { value: f64 },
    Interval { min: f64, max: f64 },
}

impl From<TargetValue> for TargetDoc {
    fn from(t: TargetValue) -> Self {
        match t {
            TargetValue::Point(v) => TargetDoc::Point { value: round(v) },
            TargetValue::Interval { min, max } => TargetDoc::Interval {
                min: round(min),
                max: round(max),
            },
        }
    }
}

#[derive(Serialize)]
struct TargetSourceDoc {
    level: &'static str,
    id: Option<String>,
    period: String,
    basis: &'static str,
    months: Option<u8>,
    text: String,
    defined_at: String,
}

#[derive(Serialize)]
struct ComparisonDoc {
    period: String,
    value: Option<f64>,
    /// `as_is`, or `same_span`: a cumulative indicator's earlier value at the pace of the period.
    basis: &'static str,
    basis_text: String,
    compared_value: Option<f64>,
    change: Option<f64>,
    trend: Option<&'static str>,
    trend_text: &'static str,
}

impl From<&Comparison> for ComparisonDoc {
    fn from(c: &Comparison) -> Self {
        Self {
            period: c.period.to_string(),
            value: num(c.value),
            basis: c.basis.key(),
            basis_text: c.basis.swedish(),
            compared_value: num(c.compared),
            change: num(c.change),
            trend: c.trend.map(Trend::key),
            trend_text: Trend::text(c.trend),
        }
    }
}

#[derive(Serialize)]
struct CellDoc<'a> {
    file: &'a str,
    sha256: &'a str,
    sheet: &'a str,
    cell: &'a str,
    reference: String,
}

impl<'a> From<&'a CellSource> for CellDoc<'a> {
    fn from(c: &'a CellSource) -> Self {
        Self {
            file: &c.file,
            sha256: &c.sha256,
            sheet: &c.sheet,
            cell: &c.cell,
            reference: c.reference(),
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum SourceDoc<'a> {
    Cell {
        #[serde(flatten)]
        cell: CellDoc<'a>,
    },
    History {
        file: &'a str,
        line: Option<u32>,
    },
    Rollup {
        rollup: &'static str,
        units: usize,
        missing: u32,
        without_weight: u32,
        from: Vec<&'a str>,
    },
    Derived {
        formula: &'a str,
        inputs: Vec<InputDoc<'a>>,
    },
    None,
}

#[derive(Serialize)]
struct InputDoc<'a> {
    name: &'a str,
    value: f64,
    source: &'a str,
}

impl<'a> From<&'a Provenance> for SourceDoc<'a> {
    fn from(p: &'a Provenance) -> Self {
        match p {
            Provenance::Cell(c) => SourceDoc::Cell { cell: c.into() },
            Provenance::History { file, line } => SourceDoc::History { file, line: *line },
            Provenance::Rollup {
                rollup,
                from,
                missing,
                without_weight,
            } => SourceDoc::Rollup {
                rollup: rollup.key(),
                units: from.len(),
                missing: *missing,
                without_weight: *without_weight,
                from: from.iter().map(|u| u.as_str()).collect(),
            },
            Provenance::Derived(d) => SourceDoc::Derived {
                formula: &d.formula,
                inputs: d
                    .inputs
                    .iter()
                    .map(|i| InputDoc {
                        name: &i.name,
                        value: i.value,
                        source: &i.source,
                    })
                    .collect(),
            },
            Provenance::None => SourceDoc::None,
        }
    }
}

fn level_id(l: &Level) -> (&'static str, Option<&str>) {
    let (k, id) = level_key(l);
    (k, (!id.is_empty()).then_some(id))
}

#[derive(Serialize)]
struct RowDoc<'a> {
    level: &'static str,
    id: Option<&'a str>,
    name: &'a str,
    forvaltning: Option<&'a str>,
    indicator: &'a str,
    indicator_name: &'a str,
    area: &'static str,
    perspective: &'static str,
    measure: &'static str,
    direction: &'static str,
    period: String,
    value: Option<f64>,
    target: Option<TargetDoc>,
    target_source: Option<TargetSourceDoc>,
    status: &'static str,
    status_text: &'static str,
    colour: &'static str,
    reason: Option<&'static str>,
    reason_text: Option<String>,
    deviation: Option<f64>,
    deviation_pct: Option<f64>,
    rule: &'a str,
    /// "3 av 5 enheter" when a rolled-up value covers only some units.
    coverage: Option<String>,
    previous: ComparisonDoc,
    last_year: ComparisonDoc,
    source: SourceDoc<'a>,
}

impl<'a> From<&'a IndicatorRow> for RowDoc<'a> {
    fn from(r: &'a IndicatorRow) -> Self {
        let (level, id) = level_id(&r.level);
        Self {
            level,
            id,
            name: &r.name,
            forvaltning: r.forvaltning.as_ref().map(|f| f.as_str()),
            indicator: r.indicator.as_str(),
            indicator_name: &r.indicator_name,
            area: r.area.key(),
            perspective: r.perspective.key(),
            measure: r.measure.key(),
            direction: r.direction.key(),
            period: r.period.to_string(),
            value: num(r.value),
            target: r.target.map(TargetDoc::from),
            target_source: r.target_source.as_ref().map(|t| {
                let (lk, id) = level_id(&t.level);
                TargetSourceDoc {
                    level: lk,
                    id: id.map(str::to_string),
                    period: t.period.to_string(),
                    basis: t.basis.key(),
                    months: match t.basis {
                        super::TargetBasis::ProRata { months } => Some(months),
                        _ => None,
                    },
                    text: t.swedish(),
                    defined_at: t.defined_at.clone(),
                }
            }),
            status: r.status.key(),
            status_text: r.status.swedish(),
            colour: r.status.colour().key(),
            reason: r.reason.map(rules::Reason::key),
            reason_text: r.reason_text(),
            deviation: num(r.deviation),
            deviation_pct: num(r.deviation_pct),
            rule: &r.rule,
            coverage: r.coverage(),
            previous: (&r.previous).into(),
            last_year: (&r.last_year).into(),
            source: (&r.provenance).into(),
        }
    }
}

#[derive(Serialize)]
struct EconomyDoc<'a> {
    level: &'static str,
    id: Option<&'a str>,
    name: &'a str,
    forvaltning: Option<&'a str>,
    budget_tkr: Option<f64>,
    spent_tkr: Option<f64>,
    forecast_tkr: Option<f64>,
    deviation_tkr: Option<f64>,
    deviation_pct: Option<f64>,
    status: &'static str,
    status_text: &'static str,
    colour: &'static str,
    units: u32,
    missing: u32,
    /// "3 av 5 enheter" when a förvaltning's or the kommun's sums miss units (not judged).
    coverage: Option<String>,
    forecast_source: Option<CellDoc<'a>>,
    spent_source: Option<CellDoc<'a>>,
}

impl<'a> From<&'a EconomyRow> for EconomyDoc<'a> {
    fn from(r: &'a EconomyRow) -> Self {
        let (level, id) = level_id(&r.level);
        Self {
            level,
            id,
            name: &r.name,
            forvaltning: r.forvaltning.as_ref().map(|f| f.as_str()),
            budget_tkr: num(r.budget_tkr),
            spent_tkr: num(r.spent_tkr),
            forecast_tkr: num(r.forecast_tkr),
            deviation_tkr: num(r.deviation_tkr),
            deviation_pct: num(r.deviation_pct),
            status: r.status.key(),
            status_text: r.status.swedish(),
            colour: r.status.colour().key(),
            units: r.units,
            missing: r.missing,
            coverage: r.coverage(),
            forecast_source: r.forecast_source.as_ref().map(CellDoc::from),
            spent_source: r.spent_source.as_ref().map(CellDoc::from),
        }
    }
}

#[derive(Serialize)]
struct GoalDoc<'a> {
    id: &'a str,
    name: &'a str,
    perspective: &'static str,
    indicators: Vec<&'a str>,
    counts: StatusCountsDoc,
    /// "3 av 5 indikatorer bedömda" when only some are judged.
    coverage: Option<String>,
    status: &'static str,
    status_text: &'static str,
    colour: &'static str,
}

/// Choice counts as a JSON object in the list's order.
struct Counts<'a>(&'a ChoiceCounts);

impl Serialize for Counts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct ActivityDoc<'a> {
    unit: &'a str,
    name: &'a str,
    forvaltning: &'a str,
    goal: &'a str,
    counts: Counts<'a>,
}

#[derive(Serialize)]
struct QualityDoc<'a> {
    level: &'static str,
    id: Option<&'a str>,
    name: &'a str,
    forvaltning: Option<&'a str>,
    perspective: Option<&'static str>,
    counts: Counts<'a>,
}

fn goal_doc(g: &GoalRow) -> GoalDoc<'_> {
    GoalDoc {
        id: g.goal.as_str(),
        name: &g.name,
        perspective: g.perspective.key(),
        indicators: g.indicators.iter().map(|i| i.as_str()).collect(),
        counts: g.counts.into(),
        coverage: g.coverage(),
        status: g.status.key(),
        status_text: g.status.swedish(),
        colour: g.status.colour().key(),
    }
}

fn activity_doc(a: &ActivityRow) -> ActivityDoc<'_> {
    ActivityDoc {
        unit: a.unit.as_str(),
        name: &a.name,
        forvaltning: a.forvaltning.as_str(),
        goal: &a.goal,
        counts: Counts(&a.counts),
    }
}

fn quality_doc(q: &QualityRow) -> QualityDoc<'_> {
    let (level, id) = level_id(&q.level);
    QualityDoc {
        level,
        id,
        name: &q.name,
        forvaltning: q.forvaltning.as_ref().map(|f| f.as_str()),
        perspective: q.perspective.map(|p| p.key()),
        counts: Counts(&q.counts),
    }
}

/// The result as pretty-printed JSON (ends with a newline).
///
/// # Errors
/// Only serde_json's own errors.
pub fn to_string(r: &CheckResult) -> Result<String, serde_json::Error> {
    let doc = Doc {
        schema: SCHEMA,
        kommun: &r.kommun,
        period: r.period.to_string(),
        period_text: r.period.swedish(),
        previous_period: r.previous.to_string(),
        last_year_period: r.last_year.to_string(),
        forvaltning: r.forvaltning.as_ref().map(|f| f.as_str()),
        rules: RulesDoc {
            status: rules::STATUS_RULE,
            target: rules::TARGET_RULE,
            rollup: rules::ROLLUP_RULE,
            trend: rules::TREND_RULE,
            economy: rules::ECONOMY_RULE,
            goals: rules::GOAL_RULE,
        },
        summary: levels(&r.indicators, |rows| {
            StatusCounts::of(rows.iter().map(|x| &x.status)).into()
        }),
        indicators: levels(&r.indicators, |rows| {
            rows.iter().map(RowDoc::from).collect()
        }),
        economy: levels(&r.economy, |rows| {
            rows.iter().map(EconomyDoc::from).collect()
        }),
        goals: r.goals.iter().map(goal_doc).collect(),
        activities: r.activities.iter().map(activity_doc).collect(),
        quality: levels(&r.quality, |rows| rows.iter().map(quality_doc).collect()),
        preliminary: r.preliminary.iter().map(|u| u.as_str()).collect(),
        notes: &r.notes,
        peers: r.peers.iter().map(peer_doc).collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}

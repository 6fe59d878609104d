//! `styr check`: every outcome of a period judged against its målvärde, rolled up unit →
//! förvaltning → kommun, compared with earlier periods; the economy, the municipal goals, the
//! units' activities and quality factors.
//!
//! [`evaluate`] runs the whole check with polars and returns typed rows ([`CheckResult`]) plus
//! the indicator frame. Every verdict follows a declared rule, and each row says which:
//! [`STATUS_RULE`], [`TARGET_RULE`], [`ROLLUP_RULE`], [`TREND_RULE`], [`ECONOMY_RULE`],
//! [`GOAL_RULE`]. Stored values are found by the role of their field in the form definition of
//! the version they were collected with, never by section or field id.

mod derived;
mod economy;
mod frames;
pub mod json;
mod peers;
mod pipeline;
mod qualitative;
pub mod render;
mod rows;
mod rules;
mod targets;

use polars::prelude::*;

use crate::analysis::store::Store;
use crate::domain::{
    Area, Direction, FormKind, ForvaltningId, GoalId, IndicatorId, Measure, Period, Perspective,
    UnitId,
};
use crate::form::FieldRole;
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Level, TargetValue, Tolerance};

pub use peers::{PeerRow, status_swedish};
pub use rules::{
    Colour, ECONOMY_RULE, ECONOMY_YELLOW_PCT, EDGE_EPSILON, GOAL_GREEN_PCT, GOAL_RULE, ROLLUP_RULE,
    Reason, STATUS_RULE, Status, TARGET_RULE, TREND_RULE, Trend, suffix, sv_number,
};
pub use targets::{TargetBasis, TargetSource, level_text};

/// Why a check could not run.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A planning period has no outcomes to judge.
    #[error("{0} is a planning period; outcomes are checked for follow-up periods")]
    NotFollowUp(Period),
    /// polars failed (a bug, or a store of the wrong shape).
    #[error("the analysis failed: {0}")]
    Polars(#[from] PolarsError),
}

/// Rows of the three levels.
#[derive(Debug, Clone, PartialEq)]
pub struct Levels<T> {
    pub kommun: Vec<T>,
    pub forvaltningar: Vec<T>,
    pub units: Vec<T>,
}

impl<T> Default for Levels<T> {
    fn default() -> Self {
        Self {
            kommun: Vec::new(),
            forvaltningar: Vec::new(),
            units: Vec::new(),
        }
    }
}

impl<T> Levels<T> {
    /// Every row: kommun, then förvaltningar, then units.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.kommun
            .iter()
            .chain(&self.forvaltningar)
            .chain(&self.units)
    }
}

/// Where a stored value was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSource {
    /// The returned file's name as collected.
    pub file: String,
    pub sha256: String,
    pub sheet: String,
    /// `E7`.
    pub cell: String,
}

impl CellSource {
    /// `'Sheet'!E7`.
    pub fn reference(&self) -> String {
        format!(
            "{}!{}",
            crate::domain::SheetCell::quoted_sheet(&self.sheet),
            self.cell
        )
    }
}

/// Where a row's value came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Provenance {
    /// A unit typed it in a returned workbook (from the data store).
    Cell(CellSource),
    /// A line of historik.csv (earlier or centrally reported outcomes).
    History { file: String, line: Option<u32> },
    /// Rolled up from unit rows by the indicator's rule.
    Rollup {
        rollup: crate::domain::Rollup,
        /// The units whose values were counted.
        from: Vec<UnitId>,
        /// Units of the row without a value.
        missing: u32,
        /// Units with a value but no weight (weighted mean only), left out.
        without_weight: u32,
    },
    /// Computed by a derived indicator's formula from the unit's inputs.
    Derived(Derived),
    /// No value.
    None,
}

/// How a derived value was computed: the formula and each input's value and source.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// `budget - forecast`; a ratio `(a) / (b) × 100`.
    pub formula: String,
    pub inputs: Vec<DerivedInput>,
}

impl Derived {
    /// In the run's language, for the reports: `härledd: budget - forecast (budget 12 000:
    /// styr.toml budget_tkr; forecast 11 500: fil.xlsx 'Ekonomi'!C6)`.
    pub fn text(&self) -> String {
        let inputs: Vec<String> = self
            .inputs
            .iter()
            .map(|i| format!("{} {}: {}", i.name, sv_number(i.value, 1), i.source))
            .collect();
        crate::tx!(
            "derived-source-inputs",
            "formula" => &self.formula,
            "inputs" => inputs.join("; ")
        )
    }
}

/// One input of a derived value.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedInput {
    /// The name in the formula (an indicator id, `budget`, `spent`, `forecast`, `months`).
    pub name: String,
    pub value: f64,
    /// Where it came from: `file 'Sheet'!C6`, `historik.csv:12`, `styr.toml budget_tkr`.
    pub source: String,
}

/// A comparison with an earlier period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub period: Period,
    /// The earlier value (from the store, else historik.csv; rolled up like the row).
    pub value: Option<f64>,
    /// How the earlier value is compared: as it is, or (a cumulative indicator over another
    /// span) at the pace of the period.
    pub basis: crate::model::TrendBasis,
    /// The earlier value as compared (`value × basis.factor()`).
    pub compared: Option<f64>,
    /// Value now minus the earlier value as compared.
    pub change: Option<f64>,
    /// `None` when either value is missing (or an interval has no målvärde).
    pub trend: Option<Trend>,
}

/// One indicator judged at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub level: Level,
    /// The unit's, förvaltning's or kommun's name.
    pub name: String,
    /// The row's förvaltning (a unit's, or the förvaltning itself); `None` for the kommun.
    pub forvaltning: Option<ForvaltningId>,
    pub indicator: IndicatorId,
    pub indicator_name: String,
    pub area: Area,
    pub perspective: Perspective,
    pub measure: Measure,
    pub direction: Direction,
    /// Decimals the catalogue shows the indicator with.
    pub decimals: u8,
    pub period: Period,
    pub value: Option<f64>,
    /// The effective målvärde (pro rata applied).
    pub target: Option<TargetValue>,
    /// The effective tolerance (an absolute band scaled with a pro-rata målvärde).
    pub tolerance: Option<Tolerance>,
    pub target_source: Option<TargetSource>,
    pub status: Status,
    /// Why the row is Ej bedömt.
    pub reason: Option<Reason>,
    /// Outcome minus målvärde (for an interval: minus the nearest bound; 0 inside).
    pub deviation: Option<f64>,
    /// The deviation in percent of the målvärde (of the nearest bound).
    pub deviation_pct: Option<f64>,
    /// The rule as Swedish text: `≥ 95 %, gult från 90 %`.
    pub rule: String,
    pub previous: Comparison,
    pub last_year: Comparison,
    pub provenance: Provenance,
}

impl IndicatorRow {
    /// Why the row is not judged, in Swedish; an incomplete total says how many of its units
    /// have a value.
    pub fn reason_text(&self) -> Option<String> {
        let reason = self.reason?;
        Some(match (reason, self.coverage()) {
            (Reason::Incomplete, Some(c)) => format!("ofullständig summa: {c} har utfall"),
            _ => reason.swedish().to_string(),
        })
    }

    /// How many units a rolled-up value covers when some are missing ("3 av 5 enheter"): the
    /// row is judged as partial (a mean, median or weighted mean), or not at all (a sum).
    pub fn coverage(&self) -> Option<String> {
        match &self.provenance {
            Provenance::Rollup {
                from,
                missing,
                without_weight,
                ..
            } => crate::model::coverage_text(
                from.len(),
                usize::try_from(missing + without_weight).unwrap_or(usize::MAX),
            ),
            _ => None,
        }
    }
}

/// Budget, spent and forecast of a unit, förvaltning or the kommun, in tkr.
#[derive(Debug, Clone, PartialEq)]
pub struct EconomyRow {
    pub level: Level,
    pub name: String,
    pub forvaltning: Option<ForvaltningId>,
    /// The annual budget (styr.toml); for a förvaltning or the kommun, the sum over the units
    /// counted.
    pub budget_tkr: Option<f64>,
    /// Spent so far this year.
    pub spent_tkr: Option<f64>,
    /// Full-year forecast.
    pub forecast_tkr: Option<f64>,
    /// Budget minus forecast: positive is a surplus.
    pub deviation_tkr: Option<f64>,
    /// The deviation in percent of the budget.
    pub deviation_pct: Option<f64>,
    pub status: Status,
    /// Units counted (with both budget and forecast) and units left out.
    pub units: u32,
    pub missing: u32,
    pub forecast_source: Option<CellSource>,
    pub spent_source: Option<CellSource>,
}

impl EconomyRow {
    /// How many units a förvaltning's or the kommun's sums cover when some are missing ("3 av
    /// 5 enheter"); the row is then not judged.
    pub fn coverage(&self) -> Option<String> {
        match self.level {
            Level::Unit(_) => None,
            _ => crate::model::coverage_text(
                usize::try_from(self.units).unwrap_or(0),
                usize::try_from(self.missing).unwrap_or(0),
            ),
        }
    }
}

/// Statuses counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub uppfyllt: u32,
    pub delvis: u32,
    pub ej_uppfyllt: u32,
    pub ej_bedomt: u32,
}

impl StatusCounts {
    pub fn add(&mut self, s: Status) {
        *self.get_mut(s) += 1;
    }

    fn get_mut(&mut self, s: Status) -> &mut u32 {
        match s {
            Status::Uppfyllt => &mut self.uppfyllt,
            Status::Delvis => &mut self.delvis,
            Status::EjUppfyllt => &mut self.ej_uppfyllt,
            Status::EjBedomt => &mut self.ej_bedomt,
        }
    }

    pub fn get(&self, s: Status) -> u32 {
        match s {
            Status::Uppfyllt => self.uppfyllt,
            Status::Delvis => self.delvis,
            Status::EjUppfyllt => self.ej_uppfyllt,
            Status::EjBedomt => self.ej_bedomt,
        }
    }

    pub fn of<'a>(statuses: impl IntoIterator<Item = &'a Status>) -> Self {
        let mut c = Self::default();
        for s in statuses {
            c.add(*s);
        }
        c
    }
}

/// A municipal development goal assessed from its indicators' kommun rows ([`GOAL_RULE`]).
#[derive(Debug, Clone, PartialEq)]
pub struct GoalRow {
    pub goal: GoalId,
    pub name: String,
    pub perspective: Perspective,
    /// The indicators that measure the goal (catalogue order).
    pub indicators: Vec<IndicatorId>,
    /// Statuses of those of its indicators that have a kommun row in the period.
    pub counts: StatusCounts,
    pub status: Status,
}

impl GoalRow {
    /// How many of the goal's indicators are judged when some are not ("3 av 5 indikatorer
    /// bedömda").
    pub fn coverage(&self) -> Option<String> {
        let c = &self.counts;
        let judged = c.uppfyllt + c.delvis + c.ej_uppfyllt;
        (c.ej_bedomt > 0 && judged > 0)
            .then(|| format!("{judged} av {} indikatorer bedömda", judged + c.ej_bedomt))
    }
}

/// Values of a choice list counted, in the list's order (values outside the list after).
pub type ChoiceCounts = Vec<(String, u32)>;

/// Activity statuses of one unit's development goal.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    pub unit: UnitId,
    pub name: String,
    pub forvaltning: ForvaltningId,
    /// The goal as the unit wrote it ("" when the row names none).
    pub goal: String,
    pub counts: ChoiceCounts,
}

/// Quality-factor assessments of one perspective at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct QualityRow {
    pub level: Level,
    pub name: String,
    pub forvaltning: Option<ForvaltningId>,
    /// `None` when the rows name no (known) perspective.
    pub perspective: Option<Perspective>,
    pub counts: ChoiceCounts,
}

/// The whole check of a period.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// The kommun's name.
    pub kommun: String,
    pub period: Period,
    /// The period trends compare with, and the same period last year.
    pub previous: Period,
    pub last_year: Period,
    /// Set when the result was limited to one förvaltning ([`CheckResult::only_forvaltning`]).
    pub forvaltning: Option<ForvaltningId>,
    /// The förvaltningar's ids and names, as in styr.toml.
    pub forvaltning_names: Vec<(ForvaltningId, String)>,
    pub indicators: Levels<IndicatorRow>,
    pub economy: Levels<EconomyRow>,
    pub goals: Vec<GoalRow>,
    pub activities: Vec<ActivityRow>,
    pub quality: Levels<QualityRow>,
    /// The peer lens: each Kolada indicator's kommun value beside its peers' (kommun level;
    /// apart from the target lens, it never changes a status).
    pub peers: Vec<PeerRow>,
    /// What was left out and why (values of unknown units, indicators or form versions).
    pub notes: Vec<String>,
    /// The units whose return had errors: their valid values are used, marked preliminary
    /// ("retur med fel, rättelse begärd"), until the correction is collected.
    pub preliminary: Vec<UnitId>,
    /// The indicator rows of every level as polars computed them, one row per (level, id,
    /// indicator), in no particular order:
    ///
    /// | column | type | meaning |
    /// |---|---|---|
    /// | lvl, id, ind, forv | u32 | the key as codes: level (0 kommun, 1 förvaltning, 2 enhet), the position of the unit or förvaltning in styr.toml and of the indicator in the catalogue; the row's förvaltning (null for the kommun) |
    /// | level, level_id, indicator | str | the same key as text (`level_id` is "" for the kommun) |
    /// | value | f64? | the outcome, given or rolled up |
    /// | kind, src | u32? | where the value came from: 0 the store (`src` is its position in `Store::values`), 1 historik.csv (`src` in `Workspace::history`), 2 rolled up |
    /// | n_units, n_missing, n_no_weight, from | u32?, list\[u32\]? | roll-ups: units counted, without a value, without a weight; the units counted |
    /// | prev_value, ly_value, prev_change, ly_change | f64? | the earlier values and the changes |
    /// | pro_rata, prev_cmp, ly_cmp | bool, f64? | a cumulative indicator; the earlier values as compared (per month over unequal spans) |
    /// | prev_trend, ly_trend | str? | [`Trend`] keys |
    /// | direction, rollup, unchanged | str, str, f64 | from the catalogue |
    /// | t_min, t_max, tol_abs, tol_pct, judged | f64?, bool? | the effective målvärde (a point has min = max) and tolerance |
    /// | g_lo, g_hi, y_lo, y_hi | f64? | the thresholds of green and yellow (`model::Limits::thresholds`: the limits with the edge tolerance, infinite on an open side) |
    /// | target_basis, target_ref | str?, u32? | [`TargetBasis`] key; the målvärde's position in the catalogue |
    /// | status, reason | str, str? | [`Status`] and [`Reason`] keys |
    /// | deviation, deviation_pct | f64? | as in [`IndicatorRow`] |
    pub frame: DataFrame,
}

impl CheckResult {
    /// The result limited to one förvaltning and its units: the kommun rows and the goals are
    /// left out (the roll-ups are still those of the whole kommun).
    #[must_use]
    pub fn only_forvaltning(mut self, f: &ForvaltningId) -> Self {
        let mine = |x: &Option<ForvaltningId>| x.as_ref() == Some(f);
        self.indicators.kommun.clear();
        self.peers.clear();
        self.indicators
            .forvaltningar
            .retain(|r| mine(&r.forvaltning));
        self.indicators.units.retain(|r| mine(&r.forvaltning));
        self.economy.kommun.clear();
        self.economy.forvaltningar.retain(|r| mine(&r.forvaltning));
        self.economy.units.retain(|r| mine(&r.forvaltning));
        self.quality.kommun.clear();
        self.quality.forvaltningar.retain(|r| mine(&r.forvaltning));
        self.quality.units.retain(|r| mine(&r.forvaltning));
        self.activities.retain(|r| &r.forvaltning == f);
        self.goals.clear();
        let code = self.forvaltning_names.iter().position(|(id, _)| id == f);
        if let Some(code) = code.and_then(|c| u32::try_from(c).ok()) {
            let keep = self
                .frame
                .column("forv")
                .and_then(|c| c.u32().cloned())
                .map(|c| c.equal(code).fill_null_with_values(false))
                .and_then(|mask| mask.and_then(|m| self.frame.filter(&m)));
            if let Ok(df) = keep {
                self.frame = df;
            }
        }
        let units: Vec<UnitId> = self
            .economy
            .units
            .iter()
            .filter_map(|e| match &e.level {
                Level::Unit(u) => Some(u.clone()),
                _ => None,
            })
            .collect();
        self.preliminary.retain(|u| units.contains(u));
        self.forvaltning_names.retain(|(id, _)| id == f);
        self.forvaltning = Some(f.clone());
        self
    }

    /// Every status light of the result: indicator rows of every level and economy rows.
    pub fn statuses(&self) -> impl Iterator<Item = Status> + '_ {
        self.indicators
            .iter()
            .map(|r| r.status)
            .chain(self.economy.iter().map(|r| r.status))
    }

    /// The indicator rows that are red, kommun first.
    pub fn red_rows(&self) -> impl Iterator<Item = &IndicatorRow> {
        self.indicators
            .iter()
            .filter(|r| r.status == Status::EjUppfyllt)
    }
}

/// Judges every outcome of `period` in `store` (and in the workspace's history) against its
/// målvärde, rolls it up, compares it with the previous period and the same period last year,
/// and assesses the economy, the goals, the activities and the quality factors.
///
/// # Errors
/// [`CheckError::NotFollowUp`] for a planning period; [`CheckError::Polars`] when polars fails.
pub fn evaluate(ws: &Workspace, store: &Store, period: Period) -> Result<CheckResult, CheckError> {
    if !period.is_follow_up() {
        return Err(CheckError::NotFollowUp(period));
    }
    let periods = [period, period.previous(), period.same_last_year()];
    let per = |p: Period| {
        let i = periods.iter().position(|q| *q == p).unwrap_or(0);
        u32::try_from(i).unwrap_or(0)
    };
    let codes = frames::Codes::new(ws);
    let loaded = frames::load(ws, store, &codes, &periods)?;
    let idx = targets::TargetIndex::new(&ws.catalogue);
    let units = frames::units(ws, &codes)?;
    let inputs = pipeline::Inputs {
        outcomes: loaded.outcomes.clone(),
        expected: frames::expected(ws, &codes, period)?,
        units: units.clone(),
        indicators: frames::indicators(ws, &codes, period)?,
        targets: targets::frame(ws, &idx, period)?,
        names: frames::key_names(ws)?,
    };
    // A pro-rata indicator's factor for each comparison (`TrendBasis::factor`).
    let factor = |then: Period| {
        let months = |p: Period| p.months().unwrap_or(12);
        crate::model::TrendBasis::SameSpan {
            now: months(period),
            then: months(then),
        }
        .factor()
    };
    let frame = inputs.run(
        (per(periods[1]), factor(periods[1])),
        (per(periods[2]), factor(periods[2])),
    )?;
    let indicators = rows::indicator_rows(ws, store, &frame, period, &loaded.derived)?;
    let economy = rows::economy_rows(ws, store, &economy::frame(&loaded.economy, &units)?)?;
    let goals = rows::goal_rows(ws, &frame)?;
    let activities = rows::activity_rows(
        ws,
        &qualitative::activities(&loaded.texts, &units)?,
        &choices(ws, FieldRole::ActivityStatus),
    )?;
    let quality = rows::quality_rows(
        ws,
        &qualitative::quality(&loaded.texts, &units)?,
        &choices(ws, FieldRole::Assessment),
    )?;
    let with_errors = store.preliminary_units(period, FormKind::Uppfoljning);
    let preliminary: Vec<UnitId> = ws
        .config
        .units
        .iter()
        .filter(|u| with_errors.contains(&u.id.as_str()))
        .map(|u| u.id.clone())
        .collect();
    Ok(CheckResult {
        kommun: ws.config.kommun.name.clone(),
        period,
        previous: period.previous(),
        last_year: period.same_last_year(),
        forvaltning: None,
        forvaltning_names: ws
            .config
            .forvaltningar
            .iter()
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect(),
        indicators,
        economy,
        goals,
        activities,
        quality,
        peers: peers::peer_rows(ws, store, period),
        notes: notes(&loaded, period)
            .into_iter()
            .chain(
                preliminary.iter().map(|u| {
                    format!("{u}: {PRELIMINARY} (its valid values are used as preliminary)")
                }),
            )
            .collect(),
        preliminary,
        frame,
    })
}

/// The choices of the (first) field with `role` in the current uppföljning form.
fn choices(ws: &Workspace, role: FieldRole) -> Vec<String> {
    ws.forms
        .current(FormKind::Uppfoljning)
        .and_then(|def| {
            def.with_role(role)
                .first()
                .map(|(_, field)| def.choices(field))
        })
        .unwrap_or_default()
}

/// How every report marks a unit whose return had errors.
pub const PRELIMINARY: &str = "retur med fel, rättelse begärd";

/// What the check left out of the store for `period`, and why.
fn notes(loaded: &frames::Loaded<'_>, period: Period) -> Vec<String> {
    let mut out = Vec::new();
    if !loaded.any_returns {
        out.push(crate::tx!("check-note-no-returns", "period" => period.to_string()));
    }
    if loaded.history_left_out > 0 {
        out.push(crate::tx!(
            "check-note-history-left-out",
            "n" => loaded.history_left_out,
            "period" => period.to_string()
        ));
    }
    for (v, n) in &loaded.unknown_versions {
        out.push(crate::tx!(
            "check-note-unknown-version",
            "n" => *n,
            "version" => v.to_string()
        ));
    }
    for u in &loaded.unknown_units {
        out.push(crate::tx!("check-note-unknown-unit", "id" => u.to_string()));
    }
    for i in &loaded.unknown_indicators {
        out.push(crate::tx!("check-note-unknown-indicator", "id" => i.to_string()));
    }
    out
}

/// Judges single outcomes with the same polars expressions [`evaluate`] uses, on the limits of
/// the model ([`crate::model::Limits`]): for each case (direction, tolerance, målvärde,
/// outcome), its status. A missing målvärde or outcome is
/// Ej bedömt.
///
/// # Errors
/// Only polars' own errors.
pub fn judge(
    cases: &[(Direction, Tolerance, Option<TargetValue>, Option<f64>)],
) -> Result<Vec<Status>, CheckError> {
    let mut t_min = Vec::with_capacity(cases.len());
    let mut t_max = Vec::with_capacity(cases.len());
    let mut th: [Vec<Option<f64>>; 4] = Default::default();
    for (direction, tol, target, _) in cases {
        let (lo, hi) = target.map(TargetValue::bounds).unzip();
        t_min.push(lo);
        t_max.push(hi);
        let t = target.map(|t| crate::model::Limits::new(*direction, t, *tol).thresholds());
        th[0].push(t.map(|t| t.green_lo));
        th[1].push(t.map(|t| t.green_hi));
        th[2].push(t.map(|t| t.yellow_lo));
        th[3].push(t.map(|t| t.yellow_hi));
    }
    let [g_lo, g_hi, y_lo, y_hi] = th;
    let df = df!(
        "lvl" => vec![frames::ENHET; cases.len()],
        "rollup" => vec!["mean"; cases.len()],
        "direction" => cases.iter().map(|c| c.0.key()).collect::<Vec<_>>(),
        "value" => cases.iter().map(|c| c.3).collect::<Vec<_>>(),
        "t_min" => t_min,
        "t_max" => t_max,
        "g_lo" => g_lo,
        "g_hi" => g_hi,
        "y_lo" => y_lo,
        "y_hi" => y_hi,
        "judged" => vec![true; cases.len()],
        "kind" => vec![frames::FROM_STORE; cases.len()],
        "n_missing" => vec![0u32; cases.len()],
    )?;
    let out = df
        .lazy()
        .with_columns(pipeline::judgement())
        .with_columns(pipeline::status())
        .collect()?;
    let s = out.column("status")?.str()?;
    Ok(s.iter()
        .map(|k| k.and_then(Status::parse).unwrap_or(Status::EjBedomt))
        .collect())
}

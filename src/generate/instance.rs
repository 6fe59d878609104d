//! A form instance: one workbook's worth of content, personalised for a unit (or förvaltning)
//! and period. Pure data: the writer turns it into a workbook, the reader checks a return
//! against the same layout.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::domain::{
    Date, FormKind, ForvaltningId, IndicatorId, Period, Perspective, Value, format_number,
};
use crate::form::{ContextSource, FormDef, Layout, PeriodKind, Repeat, SectionDef, fixed_keys};
use crate::model::{
    FoundTarget, Indicator, Level, Limits, TargetIndex, TargetValue, category_has_row,
    category_reports,
};
use crate::workspace::Workspace;
use crate::workspace::config::{Control, Deadline, Forvaltning, Unit};

/// Who a workbook is for.
#[derive(Debug, Clone, Copy)]
pub enum Recipient<'a> {
    Unit(&'a Unit),
    Forvaltning(&'a Forvaltning),
}

impl Recipient<'_> {
    pub fn id(&self) -> &str {
        match self {
            Recipient::Unit(u) => u.id.as_str(),
            Recipient::Forvaltning(f) => f.id.as_str(),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Recipient::Unit(u) => &u.name,
            Recipient::Forvaltning(f) => &f.name,
        }
    }

    pub fn chef(&self) -> &str {
        match self {
            Recipient::Unit(u) => &u.chef,
            Recipient::Forvaltning(f) => &f.chef,
        }
    }

    pub fn email(&self) -> &str {
        match self {
            Recipient::Unit(u) => &u.email,
            Recipient::Forvaltning(f) => &f.email,
        }
    }
}

/// A read-only value shown in a context cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Number { value: f64, decimals: u8 },
    Text(String),
}

/// One row of a table section.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    /// Context values by column id.
    pub shown: BTreeMap<String, Shown>,
    /// Allowed range for fields with `bounds = "indicator"`.
    pub bounds: (Option<f64>, Option<f64>),
    pub decimals: Option<u8>,
    /// The limits the row's outcome is judged by (colours at entry, åtgärd required).
    pub target: Option<Limits>,
}

/// Everything one workbook shows.
#[derive(Debug, Clone)]
pub struct Instance<'a> {
    pub def: &'a FormDef,
    pub period: Period,
    pub kommun: String,
    pub recipient: Recipient<'a>,
    /// Name of the förvaltning (for a unit: its förvaltning).
    pub forvaltning: String,
    pub deadline: Option<&'a Deadline>,
    /// Table rows per section id (sections of the period only).
    pub rows: BTreeMap<String, Vec<Row>>,
    /// Context values of once sections: (section id, column id).
    pub once: BTreeMap<(String, String), Shown>,
    /// Values already in input cells: (section id, row key, field id).
    pub prefill: BTreeMap<(String, String, String), Value>,
    /// Stored values of `from_import` fields, shown read-only with their source: (section id,
    /// row key, field id).
    pub imported: BTreeMap<(String, String, String), Imported>,
    /// The workbook's creation date (the send-out date, for byte-identical output).
    pub created: Date,
    /// Correction workbooks: problems per input cell (section id, row key, field id), marked
    /// in the cell and listed on an "Att rätta" sheet.
    pub marks: BTreeMap<(String, String, String), Vec<String>>,
    /// Correction workbooks: problems with the file as a whole (a deleted sheet).
    pub general: Vec<String>,
    /// Correction workbooks: the new deadline for the corrected return.
    pub correction_deadline: Option<Date>,
    /// The definition's [`FormDef::fingerprint`], computed once per [`Prepared`] form.
    pub fingerprint: String,
}

/// A value pre-filled from the data store (a system import), shown read-only.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub value: f64,
    /// The file it was imported from, as stored.
    pub source: String,
    /// When it was stored (`2026-05-02`).
    pub date: String,
}

impl Imported {
    /// The cell's note, in the surface's language: where the value comes from.
    pub fn note(&self) -> String {
        crate::tx!("form-imported-note", "source" => &self.source, "date" => &self.date)
    }
}

impl<'a> Instance<'a> {
    pub fn period_kind(&self) -> PeriodKind {
        PeriodKind::of(self.period)
    }

    /// The row keys per section, as recorded in the workbook's `_styr` sheet.
    pub fn keys(&self) -> BTreeMap<String, Vec<String>> {
        self.rows
            .iter()
            .map(|(s, rows)| (s.clone(), rows.iter().map(|r| r.key.clone()).collect()))
            .collect()
    }

    pub fn layout(&self) -> Layout<'a> {
        Layout::new(self.def, self.period_kind(), &self.keys())
    }

    /// A stable id of this instance: the same workspace gives the same id.
    /// Whether this is a correction workbook (it has problems to mark).
    pub fn is_correction(&self) -> bool {
        !self.marks.is_empty() || !self.general.is_empty()
    }

    pub fn instance_id(&self) -> String {
        use sha2::{Digest, Sha256};
        let text = format!(
            "{}|{}|{}|{}|{}",
            self.def.kind.key(),
            self.def.version,
            self.recipient.id(),
            self.period,
            self.fingerprint
        );
        Sha256::digest(text.as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    pub fn row(&self, section: &str, key: &str) -> Option<&Row> {
        self.rows.get(section)?.iter().find(|r| r.key == key)
    }
}

/// Whether a unit reports an indicator in a period of this kind
/// ([`crate::model::category_reports`]).
pub fn reports(ind: &Indicator, unit: &Unit, period: Period) -> bool {
    category_reports(ind, &unit.category, period)
}

/// The levels a recipient's målvärden are looked up in, most specific first
/// ([`Level::chain`]).
pub fn level_chain(r: Recipient<'_>) -> Vec<Level> {
    match r {
        Recipient::Unit(u) => Level::Unit(u.id.clone()).chain(Some(&u.forvaltning)),
        Recipient::Forvaltning(f) => Level::Forvaltning(f.id.clone()).chain(None),
    }
}

/// A form prepared for generating many workbooks: its fingerprint, and the workspace's history
/// of outcomes and its målvärden indexed by (indicator, level, period), all computed once.
/// Building an instance then costs the same however long the history and the list of målvärden
/// are (scanning them for every value made each workbook slower with every unit added).
#[derive(Debug)]
pub struct Prepared<'a> {
    ws: &'a Workspace,
    def: &'a FormDef,
    fingerprint: String,
    /// The categories of each förvaltning's units: a förvaltning reports what they report.
    categories: HashMap<&'a ForvaltningId, BTreeSet<&'a str>>,
    /// `None`: values are looked up by scanning the history (a single workbook).
    history: Option<HashMap<(&'a IndicatorId, &'a Level, Period), f64>>,
    /// The catalogue's målvärden with their positions; `None`: scanned (a single workbook).
    targets: Option<TargetIndex<'a>>,
}

impl<'a> Prepared<'a> {
    /// Prepares `def` for generating many workbooks of `ws`.
    pub fn new(ws: &'a Workspace, def: &'a FormDef) -> Self {
        let mut history = HashMap::with_capacity(ws.history.len());
        for o in &ws.history {
            // The first row wins, as a scan of the history finds it.
            history
                .entry((&o.indicator, &o.level, o.period))
                .or_insert(o.value);
        }
        Prepared {
            history: Some(history),
            targets: Some(TargetIndex::new(&ws.catalogue)),
            ..Self::unindexed(ws, def)
        }
    }

    /// For a single workbook: nothing to index.
    fn unindexed(ws: &'a Workspace, def: &'a FormDef) -> Self {
        let mut categories: HashMap<_, BTreeSet<_>> = HashMap::new();
        for u in &ws.config.units {
            categories
                .entry(&u.forvaltning)
                .or_default()
                .insert(u.category.as_str());
        }
        Prepared {
            ws,
            def,
            fingerprint: def.fingerprint(),
            categories,
            history: None,
            targets: None,
        }
    }

    /// Builds the instance for `recipient` and `period`, as [`build`] does.
    pub fn build(
        &self,
        recipient: Recipient<'a>,
        period: Period,
        prefill: BTreeMap<(String, String, String), Value>,
        outcome: &dyn Fn(&Indicator, &Level, Period) -> Option<f64>,
    ) -> Instance<'a> {
        build_prepared(self, recipient, period, prefill, outcome)
    }

    /// The målvärde of `ind` for `chain` and `period`, as [`Catalogue::target_for`] finds it.
    ///
    /// [`Catalogue::target_for`]: crate::workspace::Catalogue::target_for
    fn target_for(&self, ind: &Indicator, chain: &[Level], period: Period) -> Option<FoundTarget> {
        match &self.targets {
            Some(index) => index.resolve(ind, chain, period),
            None => self.ws.catalogue.target_for(ind, chain, period),
        }
    }

    /// A known outcome: from the history, at the first level of the chain that has one.
    fn known_outcome(&self, ind: &Indicator, chain: &[Level], period: Period) -> Option<f64> {
        chain.iter().find_map(|level| match &self.history {
            Some(index) => index.get(&(&ind.id, level, period)).copied(),
            None => self
                .ws
                .history
                .iter()
                .find(|o| o.indicator == ind.id && &o.level == level && o.period == period)
                .map(|o| o.value),
        })
    }
}

/// Builds the instance of `kind` for `recipient` and `period`.
///
/// `outcome` looks up an earlier outcome (indicator, level, period) beyond the workspace's
/// history, e.g. from the data store; `prefill` gives values for input cells. For many
/// workbooks of one form, [`Prepared::build`] gives the same without rescanning the history.
pub fn build<'a>(
    ws: &'a Workspace,
    def: &'a FormDef,
    recipient: Recipient<'a>,
    period: Period,
    prefill: BTreeMap<(String, String, String), Value>,
    outcome: &dyn Fn(&Indicator, &Level, Period) -> Option<f64>,
) -> Instance<'a> {
    build_prepared(
        &Prepared::unindexed(ws, def),
        recipient,
        period,
        prefill,
        outcome,
    )
}

fn build_prepared<'a>(
    prepared: &Prepared<'a>,
    recipient: Recipient<'a>,
    period: Period,
    prefill: BTreeMap<(String, String, String), Value>,
    outcome: &dyn Fn(&Indicator, &Level, Period) -> Option<f64>,
) -> Instance<'a> {
    let (ws, def) = (prepared.ws, prepared.def);
    let chain = level_chain(recipient);
    let deadline = ws.config.deadline(def.kind, period);
    let forvaltning = match recipient {
        Recipient::Unit(u) => ws
            .config
            .forvaltning(u.forvaltning.as_str())
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        Recipient::Forvaltning(f) => f.name.clone(),
    };
    let past = |ind: &Indicator, p: Period| -> Option<f64> {
        // Outcomes at the recipient's own level first, then upwards.
        chain
            .iter()
            .find_map(|l| outcome(ind, l, p))
            .or_else(|| prepared.known_outcome(ind, &chain, p))
    };
    let mut rows = BTreeMap::new();
    let mut once = BTreeMap::new();
    for s in def
        .sections
        .iter()
        .filter(|s| s.in_period(PeriodKind::of(period)))
    {
        if s.repeat == Repeat::Once {
            for c in &s.columns {
                if let Some(v) = once_value(c.source, recipient) {
                    once.insert((s.id.clone(), c.id.clone()), v);
                }
            }
            continue;
        }
        let section_rows = match s.repeat {
            Repeat::Indicator => indicator_rows(prepared, s, recipient, period, &chain, &past),
            Repeat::Control => controls(ws, recipient)
                .into_iter()
                .map(|c| plain_row(s, c.id.as_str(), |src| control_value(src, c)))
                .collect(),
            Repeat::Goal => ws
                .catalogue
                .goals
                .iter()
                .map(|g| {
                    plain_row(s, g.id.as_str(), |src| match src {
                        ContextSource::GoalId => Some(Shown::Text(g.id.to_string())),
                        ContextSource::GoalName => Some(Shown::Text(g.name.clone())),
                        _ => None,
                    })
                })
                .collect(),
            Repeat::Perspective | Repeat::Rows | Repeat::Once => fixed_keys(s)
                .unwrap_or_default()
                .iter()
                .map(|k| {
                    plain_row(s, k, |src| match src {
                        ContextSource::RowNumber => k.parse::<f64>().ok().map(|n| Shown::Number {
                            value: n,
                            decimals: 0,
                        }),
                        ContextSource::PerspectiveName => {
                            Perspective::parse(k).map(|p| Shown::Text(p.swedish().to_string()))
                        }
                        _ => None,
                    })
                })
                .collect(),
        };
        rows.insert(s.id.clone(), section_rows);
    }
    let created = deadline.map_or_else(
        || Date::new(period.year(), 1, 1).unwrap_or(Date::Y2000),
        |d| d.sent,
    );
    Instance {
        def,
        period,
        kommun: ws.config.kommun.name.clone(),
        recipient,
        forvaltning,
        deadline,
        rows,
        once,
        prefill,
        created,
        marks: BTreeMap::new(),
        imported: BTreeMap::new(),
        general: Vec::new(),
        correction_deadline: None,
        fingerprint: prepared.fingerprint.clone(),
    }
}

fn once_value(src: ContextSource, r: Recipient<'_>) -> Option<Shown> {
    match (src, r) {
        (ContextSource::UnitName, _) => Some(Shown::Text(r.name().to_string())),
        (ContextSource::UnitBudget, Recipient::Unit(u)) => u.budget_tkr.map(|b| Shown::Number {
            value: b,
            decimals: 0,
        }),
        _ => None,
    }
}

fn plain_row(s: &SectionDef, key: &str, value: impl Fn(ContextSource) -> Option<Shown>) -> Row {
    Row {
        key: key.to_string(),
        shown: s
            .columns
            .iter()
            .filter_map(|c| value(c.source).map(|v| (c.id.clone(), v)))
            .collect(),
        bounds: (None, None),
        decimals: None,
        target: None,
    }
}

fn controls<'a>(ws: &'a Workspace, r: Recipient<'_>) -> Vec<&'a Control> {
    let forv = match r {
        Recipient::Unit(u) => u.forvaltning.clone(),
        Recipient::Forvaltning(f) => f.id.clone(),
    };
    ws.config
        .controls
        .iter()
        .filter(|c| c.forvaltningar.is_empty() || c.forvaltningar.contains(&forv))
        .collect()
}

fn control_value(src: ContextSource, c: &Control) -> Option<Shown> {
    let t = match src {
        ContextSource::ControlId => c.id.to_string(),
        ContextSource::ControlName => c.name.clone(),
        ContextSource::ControlRisk => c.risk.clone(),
        ContextSource::ControlMethod => c.method.clone(),
        ContextSource::ControlResponsible => c.responsible.clone(),
        _ => return None,
    };
    Some(Shown::Text(t))
}

/// Indicators of a recipient for a section: a unit's own; a förvaltning's are those any of its
/// units report (any of their `categories`).
fn section_indicators<'a>(
    prepared: &Prepared<'a>,
    s: &SectionDef,
    r: Recipient<'_>,
    period: Period,
) -> Vec<&'a Indicator> {
    let in_area = |i: &Indicator| s.areas.is_empty() || s.areas.contains(&i.area);
    prepared
        .ws
        .catalogue
        .indicators
        .iter()
        .filter(|i| in_area(i))
        .filter(|i| match r {
            Recipient::Unit(u) => reports(i, u, period),
            Recipient::Forvaltning(f) => prepared.categories.get(&f.id).is_some_and(|cats| {
                cats.iter()
                    // A förvaltning reviews the målvärden of derived indicators too: it is
                    // asked for a target, not for an outcome.
                    .any(|c| category_has_row(i, c, Period::Year(period.year())))
            }),
        })
        .collect()
}

fn target_shown(ind: &Indicator, v: TargetValue) -> Shown {
    match v {
        TargetValue::Point(t) => Shown::Number {
            value: t,
            decimals: ind.decimals,
        },
        TargetValue::Interval { min, max } => Shown::Text(format!(
            "{}–{}",
            format_number(min, Some(ind.decimals)),
            format_number(max, Some(ind.decimals))
        )),
    }
}

fn indicator_rows(
    prepared: &Prepared<'_>,
    s: &SectionDef,
    r: Recipient<'_>,
    period: Period,
    chain: &[Level],
    past: &dyn Fn(&Indicator, Period) -> Option<f64>,
) -> Vec<Row> {
    // For a planning period the målvärde under review is the current year's.
    let judged = if period.is_follow_up() {
        period
    } else {
        Period::Year(period.year() - 1)
    };
    let ws = prepared.ws;
    section_indicators(prepared, s, r, period)
        .into_iter()
        .map(|ind| {
            let target = prepared.target_for(ind, chain, judged);
            let num = |v: Option<f64>| {
                v.map(|value| Shown::Number {
                    value,
                    decimals: ind.decimals,
                })
            };
            let year = |back: u16| past(ind, Period::Year(judged.year() - back));
            let shown = s
                .columns
                .iter()
                .filter_map(|c| {
                    let v = match c.source {
                        ContextSource::IndicatorId => Some(Shown::Text(ind.id.to_string())),
                        ContextSource::IndicatorName => Some(Shown::Text(ind.name.clone())),
                        ContextSource::IndicatorMeasure => {
                            Some(Shown::Text(ind.measure.swedish().to_string()))
                        }
                        ContextSource::IndicatorArea => {
                            Some(Shown::Text(ind.area.swedish().into()))
                        }
                        ContextSource::IndicatorPerspective => {
                            Some(Shown::Text(ind.perspective.swedish().into()))
                        }
                        ContextSource::IndicatorGoals => Some(Shown::Text(
                            ind.goals
                                .iter()
                                .map(|g| match ws.catalogue.goal(g.as_str()) {
                                    Some(goal) => format!("{} {}", g, goal.name),
                                    None => g.to_string(),
                                })
                                .collect::<Vec<_>>()
                                .join("; "),
                        )),
                        ContextSource::IndicatorRule => Some(Shown::Text(match &target {
                            Some(t) => t.rule_text_sv(ind),
                            None => format!("{} (inget målvärde)", ind.direction.swedish()),
                        })),
                        ContextSource::IndicatorTarget | ContextSource::IndicatorCurrentTarget => {
                            target.as_ref().map(|t| target_shown(ind, t.value))
                        }
                        ContextSource::IndicatorPrevious => num(past(ind, period.previous())),
                        ContextSource::IndicatorLastYear => num(past(ind, period.same_last_year())),
                        ContextSource::IndicatorYearMinus1 => num(year(0)),
                        ContextSource::IndicatorYearMinus2 => num(year(1)),
                        ContextSource::IndicatorYearMinus3 => num(year(2)),
                        _ => None,
                    };
                    v.map(|v| (c.id.clone(), v))
                })
                .collect();
            Row {
                key: ind.id.to_string(),
                shown,
                bounds: (ind.min, ind.max),
                decimals: Some(ind.decimals),
                target: target.and_then(|t| t.limits(ind)),
            }
        })
        .collect()
}

/// The file name of a workbook: `uppfoljning-2026-T1-buf-fsk-solrosen.xlsx`.
pub fn file_name(kind: FormKind, period: Period, recipient_id: &str) -> String {
    format!("{}-{}-{}.xlsx", kind.key(), period, recipient_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{Selection, recipients};

    /// The indexes of [`Prepared`] find what the scans of [`build`] find, for every recipient,
    /// form and kind of period of the sample workspace.
    #[test]
    fn prepared_builds_the_same_instances_as_build() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let ws = Workspace::load(&root).unwrap();
        let none = |_: &Indicator, _: &Level, _: Period| None;
        for kind in FormKind::ALL {
            let def = ws.forms.current(*kind).unwrap();
            let prepared = Prepared::new(&ws, def);
            for period in ["2026-03", "2026-T1", "2026-T2", "2025", "2027-plan"] {
                let period = Period::parse(period).unwrap();
                for r in recipients(&ws, def, &Selection::default()).unwrap() {
                    let one = build(&ws, def, r, period, BTreeMap::new(), &none);
                    let many = prepared.build(r, period, BTreeMap::new(), &none);
                    assert_eq!(one.rows, many.rows, "{} {period} {}", kind.key(), r.id());
                    assert_eq!(one.once, many.once);
                    assert_eq!(many.fingerprint, def.fingerprint());
                }
            }
        }
    }
}

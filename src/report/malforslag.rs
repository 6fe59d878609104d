//! `styr report malforslag`: the target review for budgetutskottet. Per municipal goal, each
//! indicator's målvärde proposed by each förvaltning (from its `malvarden` return) beside the last
//! three annual outcomes, the linear trend, the current målvärde and the förvaltning's
//! motivation, with flags for proposals already reached, far from the trend or proposing to drop
//! the indicator. The committee types its decisions in the yellow column; [`accept`] reads the
//! decided workbook back into the catalogue.
//!
//! Outcomes come from historik.csv (and annual returns in the data store) at the row's own level
//! when present, else rolled up from the units' outcomes by the indicator's rule ([`ROLLUP_TEXT`]).

pub mod accept;
pub mod review;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::analysis::check::Status;
use crate::analysis::store::Store;
use crate::collect::RegisterStatus;
use crate::domain::{Direction, FormKind, Period, format_number};
use crate::form::FieldRole;
use crate::model::{Indicator, Level, Limits, TargetValue, UnitValues, Verdict};
use crate::report::verksamhetsplan::{Returned, returns_by_role, text_of};
use crate::report::{ReportError, load_store, report_date, require_plan, save, status_fill};
use crate::workspace::Workspace;
use crate::xlsx_write::{Cell, ListSheet};

/// What the identity (custom property `styr.kind` and the `_styr` sheet) says a decided
/// workbook is.
pub const KIND: &str = "malforslag";
/// The sheet of proposals and decisions.
pub const SHEET: &str = "Målvärden";
/// The sheet of the förvaltningar's comments.
pub const COMMENTS_SHEET: &str = "Kommentarer";
/// Header of the hidden column holding each row's key ([`row_key`]).
pub const KEY_HEADER: &str = "Nyckel";
/// Header of the committee's column: the decided målvärde (an interval's lowest value).
pub const DECIDED_HEADER: &str = "Beslutat målvärde";
/// Header of the committee's column for an interval's highest value.
pub const DECIDED_MAX_HEADER: &str = "Beslutat högsta (intervall)";

/// A proposal is "långt från trenden" when it lies further from the linear trend of the last
/// three annual outcomes (extrapolated to the planning year) than this share of the trend
/// value, in percent, and further than the indicator's `unchanged` threshold (so that noise
/// around zero is not flagged).
pub const FAR_FROM_TREND_PCT: f64 = 10.0;

/// How outcomes are found, in words for the report.
pub const ROLLUP_TEXT: &str = "Utfallen är årsutfall ur historiken (historik.csv och insamlade årsuppföljningar) på radens egen nivå; saknas de räknas de fram ur enheternas utfall med indikatorns summeringsregel (summa, medelvärde, median eller vägt medelvärde), samma regel som i uppföljningen: en summa bara när alla enheter som rapporterar indikatorn har utfall. Trenden är en rät linje genom årens utfall, förlängd till planeringsåret.";

/// A flag on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flag {
    /// The förvaltning proposes to drop the indicator.
    Removal,
    /// The last outcome already reaches the proposed målvärde.
    AlreadyReached,
    /// The proposal is far from the trend ([`FAR_FROM_TREND_PCT`]).
    FarFromTrend,
    /// The förvaltning has sent no proposal.
    NoProposal,
}

impl Flag {
    /// The flag in the surface's language.
    pub fn shown(self) -> String {
        match self {
            Flag::Removal => crate::tx!("review-flag-removal"),
            Flag::AlreadyReached => crate::tx!("review-flag-reached"),
            Flag::FarFromTrend => crate::tx!("review-flag-far"),
            Flag::NoProposal => crate::tx!("review-flag-none"),
        }
    }

    pub fn swedish(self) -> &'static str {
        match self {
            Flag::Removal => "föreslås tas bort",
            Flag::AlreadyReached => "redan uppnått",
            Flag::FarFromTrend => "långt från trenden",
            Flag::NoProposal => "förslag saknas",
        }
    }

    /// The fill colour of the flag cell.
    pub fn fill(self) -> u32 {
        match self {
            Flag::Removal => status_fill(Status::EjUppfyllt),
            Flag::AlreadyReached | Flag::FarFromTrend => status_fill(Status::Delvis),
            Flag::NoProposal => status_fill(Status::EjBedomt),
        }
    }
}

/// One indicator at one level (the kommun or a förvaltning).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewLine {
    /// [`row_key`] of the row: read back with the decision.
    pub key: String,
    pub indicator: String,
    pub name: String,
    /// "Kommunen" or the förvaltning's id.
    pub level: String,
    pub measure: String,
    pub decimals: u8,
    pub interval: bool,
    /// Plausible range of a value (the catalogue's min and max).
    pub bounds: (Option<f64>, Option<f64>),
    /// Outcomes of [`Review::years`].
    pub outcomes: [Option<f64>; 3],
    /// The trend's value in the planning year.
    pub trend: Option<f64>,
    pub current: Option<TargetValue>,
    pub proposed: Option<TargetValue>,
    /// "Ja" / "Nej" as the förvaltning answered.
    pub keep: String,
    pub flags: Vec<Flag>,
    pub motivation: String,
    /// Where the proposal was typed: file and cell.
    pub source: String,
}

/// A row of the review sheet: a goal heading or an indicator line.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewRow {
    Goal(String),
    Line(Box<ReviewLine>),
}

/// The whole review workbook.
#[derive(Debug, Clone)]
pub struct Review {
    pub title: String,
    pub subtitle: String,
    pub instructions: String,
    pub period: Period,
    pub kommun: String,
    /// The three years of outcomes shown.
    pub years: [u16; 3],
    pub rows: Vec<ReviewRow>,
    pub notes: Vec<String>,
    pub comments: ListSheet,
    /// Identity: written as custom properties `styr.<key>` and in the hidden `_styr` sheet.
    pub identity: Vec<(String, String)>,
    /// Sheet protection (stops mistakes, not people).
    pub password: String,
}

/// The key of a level in a row key: `kommun` or `forvaltning:BUF`.
pub fn level_key(l: &Level) -> String {
    match l {
        Level::Kommun => l.kind_key().into(),
        _ => format!("{}:{}", l.kind_key(), l.id()),
    }
}

/// The key of a review row: `sjukfranvaro|forvaltning:BUF`.
pub fn row_key(indicator: &str, level: &Level) -> String {
    format!("{indicator}|{}", level_key(level))
}

/// Annual outcomes by (indicator, level, year): historik.csv, then annual follow-ups in the
/// store (unit level).
pub(crate) struct Outcomes {
    known: BTreeMap<(String, Level, u16), f64>,
}

impl Outcomes {
    pub fn new(ws: &Workspace, store: &Store) -> Self {
        let mut known = BTreeMap::new();
        for o in &ws.history {
            if let Period::Year(y) = o.period {
                known.insert((o.indicator.to_string(), o.level.clone(), y), o.value);
            }
        }
        for v in store
            .values
            .iter()
            .filter(|v| v.form == FormKind::Uppfoljning)
        {
            let Period::Year(y) = v.period else { continue };
            let role = ws
                .forms
                .version(v.form, v.form_version)
                .and_then(|d| d.section(&v.section))
                .and_then(|s| s.field(&v.field))
                .and_then(|f| f.role);
            let unit = crate::domain::UnitId::new(v.unit.as_str());
            if let (Some(FieldRole::Outcome), Some(n), Ok(u)) = (role, v.number, unit) {
                known.entry((v.key.clone(), Level::Unit(u), y)).or_insert(n);
            }
        }
        Self { known }
    }

    /// The latest year with any annual outcome, up to `max`.
    pub fn latest_year(&self, max: u16) -> Option<u16> {
        self.known
            .keys()
            .map(|(_, _, y)| *y)
            .filter(|y| *y <= max)
            .max()
    }

    fn get(&self, ind: &str, level: &Level, year: u16) -> Option<f64> {
        self.known
            .get(&(ind.to_string(), level.clone(), year))
            .copied()
    }

    /// The outcome of `ind` at `level` in `year`: given, or rolled up from the units.
    pub fn value(&self, ws: &Workspace, ind: &Indicator, level: &Level, year: u16) -> Option<f64> {
        if let Some(v) = self.get(ind.id.as_str(), level, year) {
            return Some(v);
        }
        // The units of the level that report the indicator in the year: a total needs every
        // one of them (the model's one rule for a level with units missing).
        let units: Vec<&crate::workspace::config::Unit> = ws
            .config
            .units
            .iter()
            .filter(|u| match level {
                Level::Kommun => true,
                Level::Forvaltning(f) => &u.forvaltning == f,
                Level::Unit(_) => false,
            })
            .filter(|u| crate::model::category_has_row(ind, &u.category, Period::Year(year)))
            .collect();
        let mut values = UnitValues::default();
        for u in units {
            let l = Level::Unit(u.id.clone());
            match self.get(ind.id.as_str(), &l, year) {
                Some(v) => {
                    let w = ind
                        .weight
                        .as_ref()
                        .and_then(|w| self.get(w.as_str(), &l, year));
                    values.values.push((v, w));
                }
                None => values.missing += 1,
            }
        }
        crate::model::rollup(ind.rollup, &values).ok()
    }
}

/// The least-squares line through `points` (year, value), evaluated at `year`; `None` with
/// fewer than two points.
pub fn trend(points: &[(u16, f64)], year: u16) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|(x, _)| f64::from(*x)).sum::<f64>() / n;
    let my = points.iter().map(|(_, y)| y).sum::<f64>() / n;
    let sxx: f64 = points
        .iter()
        .map(|(x, _)| (f64::from(*x) - mx).powi(2))
        .sum();
    let sxy: f64 = points
        .iter()
        .map(|(x, y)| (f64::from(*x) - mx) * (y - my))
        .sum();
    if sxx == 0.0 {
        return None;
    }
    Some(my + sxy / sxx * (f64::from(year) - mx))
}

/// The flags of a proposal.
pub fn flags(
    ind: &Indicator,
    last: Option<f64>,
    trend: Option<f64>,
    proposed: Option<TargetValue>,
    keep: &str,
) -> Vec<Flag> {
    let mut out = Vec::new();
    if keep.trim().eq_ignore_ascii_case("nej") {
        out.push(Flag::Removal);
    }
    if let (Some(p @ TargetValue::Point(_)), Some(x), Direction::Higher | Direction::Lower) =
        (proposed, last, ind.direction)
        && Limits::new(ind.direction, p, ind.tolerance).verdict(x) == Verdict::Reached
    {
        out.push(Flag::AlreadyReached);
    }
    if let (Some(p), Some(t)) = (proposed, trend) {
        let distance = match p {
            TargetValue::Point(v) => (v - t).abs(),
            TargetValue::Interval { min, max } => (min - t).max(t - max).max(0.0),
        };
        if distance > (t.abs() * FAR_FROM_TREND_PCT / 100.0).max(ind.unchanged) {
            out.push(Flag::FarFromTrend);
        }
    }
    out
}

/// The proposal in a förvaltning's return: (målvärde, keep, motivation, source).
fn proposal(ret: &Returned<'_>, ind: &Indicator) -> (Option<TargetValue>, String, String, String) {
    let Some((_, row)) = ret
        .rows_with(FieldRole::ProposedTarget)
        .into_iter()
        .chain(ret.rows_with(FieldRole::KeepIndicator))
        .find(|(k, _)| *k == ind.id.as_str())
    else {
        return (None, String::new(), String::new(), String::new());
    };
    let num = |r: FieldRole| row.get(&r).and_then(|v| v.number);
    let value = match (
        num(FieldRole::ProposedTarget),
        num(FieldRole::ProposedTargetMax),
    ) {
        (Some(min), Some(max)) if ind.direction == Direction::Interval => {
            Some(TargetValue::Interval { min, max })
        }
        (Some(v), _) => Some(TargetValue::Point(v)),
        _ => None,
    };
    let source = row
        .get(&FieldRole::ProposedTarget)
        .or_else(|| row.get(&FieldRole::KeepIndicator))
        .map(|v| {
            format!(
                "{} {}!{}",
                v.file,
                crate::domain::SheetCell::quoted_sheet(&v.sheet),
                v.cell
            )
        })
        .unwrap_or_default();
    (
        value,
        text_of(row, FieldRole::KeepIndicator),
        text_of(row, FieldRole::Motivation),
        source,
    )
}

/// Whether any unit of förvaltning `f` reports `ind` in a year.
fn reported_in(
    ws: &Workspace,
    ind: &Indicator,
    f: &crate::domain::ForvaltningId,
    year: u16,
) -> bool {
    ws.config
        .units
        .iter()
        .filter(|u| &u.forvaltning == f)
        .any(|u| crate::model::category_has_row(ind, &u.category, Period::Year(year)))
}

/// A målvärde as text: `6,5` or `4,5–5,5`.
pub fn target_text(t: TargetValue, decimals: u8) -> String {
    let n = |v: f64| format_number(v, Some(decimals));
    match t {
        TargetValue::Point(v) => n(v),
        TargetValue::Interval { min, max } => format!("{}–{}", n(min), n(max)),
    }
}

/// Builds the review of the planning period `period`.
pub fn build(ws: &Workspace, store: &Store, period: Period) -> Review {
    let plan = period.year();
    let current_year = plan - 1;
    let outcomes = Outcomes::new(ws, store);
    let last = outcomes.latest_year(current_year).unwrap_or(current_year);
    let years = [last - 2, last - 1, last];
    let returns = returns_by_role(ws, store, period, FormKind::Malvarden);
    let line = |ind: &Indicator, level: Level| -> ReviewLine {
        let values = years.map(|y| outcomes.value(ws, ind, &level, y));
        let points: Vec<(u16, f64)> = years
            .iter()
            .zip(values)
            .filter_map(|(y, v)| v.map(|v| (*y, v)))
            .collect();
        let clamp = |v: f64| {
            v.max(ind.min.unwrap_or(f64::MIN))
                .min(ind.max.unwrap_or(f64::MAX))
        };
        let trend_value = trend(&points, plan).map(clamp);
        let current = match &level {
            Level::Kommun => {
                ws.catalogue
                    .target_for(ind, &[Level::Kommun], Period::Year(current_year))
            }
            other => ws.catalogue.target_for(
                ind,
                &[other.clone(), Level::Kommun],
                Period::Year(current_year),
            ),
        }
        .map(|t| t.value);
        let (proposed, keep, motivation, source, mut flags) = match &level {
            Level::Forvaltning(f) => match returns.get(f.as_str()) {
                Some(ret) => {
                    let (p, keep, motivation, source) = proposal(ret, ind);
                    let fl = flags(ind, points.last().map(|(_, v)| *v), trend_value, p, &keep);
                    (p, keep, motivation, source, fl)
                }
                None => (
                    None,
                    String::new(),
                    String::new(),
                    String::new(),
                    vec![Flag::NoProposal],
                ),
            },
            _ => (
                None,
                String::new(),
                String::new(),
                String::new(),
                Vec::new(),
            ),
        };
        flags.sort();
        ReviewLine {
            key: row_key(ind.id.as_str(), &level),
            indicator: ind.id.to_string(),
            name: ind.name.clone(),
            level: match &level {
                Level::Kommun => crate::tx!("report-kommun"),
                Level::Forvaltning(f) => f.to_string(),
                Level::Unit(u) => u.to_string(),
            },
            measure: crate::report::words::measure(ind.measure),
            decimals: ind.decimals,
            interval: ind.direction == Direction::Interval,
            bounds: (ind.min, ind.max),
            outcomes: values,
            trend: trend_value,
            current,
            proposed,
            keep,
            flags,
            motivation,
            source,
        }
    };
    let mut rows = Vec::new();
    let mut groups: Vec<(String, Vec<&Indicator>)> = ws
        .catalogue
        .goals
        .iter()
        .map(|g| {
            (
                format!(
                    "{} {} ({})",
                    g.id,
                    g.name,
                    crate::report::words::perspective(g.perspective)
                ),
                ws.catalogue
                    .indicators
                    .iter()
                    .filter(|i| i.goals.first() == Some(&g.id))
                    .collect(),
            )
        })
        .collect();
    let known = |i: &Indicator| {
        i.goals
            .first()
            .is_some_and(|g| ws.catalogue.goal(g.as_str()).is_some())
    };
    groups.push((
        crate::tx!("review-no-goal"),
        ws.catalogue
            .indicators
            .iter()
            .filter(|i| !known(i))
            .collect(),
    ));
    for (heading, inds) in groups.into_iter().filter(|(_, i)| !i.is_empty()) {
        rows.push(ReviewRow::Goal(heading));
        for ind in inds {
            let mut l = line(ind, Level::Kommun);
            if ind.goals.len() > 1 {
                let others: Vec<String> =
                    ind.goals.iter().skip(1).map(ToString::to_string).collect();
                l.name = crate::tx!("review-also", "name" => &l.name, "goals" => others.join(", "));
            }
            rows.push(ReviewRow::Line(Box::new(l)));
            for f in &ws.config.forvaltningar {
                let proposed = returns
                    .get(f.id.as_str())
                    .is_some_and(|r| r.rows.keys().any(|(_, k)| k == ind.id.as_str()));
                if proposed || reported_in(ws, ind, &f.id, plan) {
                    rows.push(ReviewRow::Line(Box::new(line(
                        ind,
                        Level::Forvaltning(f.id.clone()),
                    ))));
                }
            }
        }
    }
    let forum = ws
        .config
        .deadline(FormKind::Malvarden, period)
        .and_then(|d| d.forum.clone())
        .unwrap_or_else(|| crate::tx!("review-default-forum"));
    let came = ws
        .config
        .forvaltningar
        .iter()
        .filter(|f| returns.contains_key(f.id.as_str()))
        .count();
    Review {
        title: crate::tx!("review-title", "kommun" => &ws.config.kommun.name, "year" => plan.to_string()),
        subtitle: crate::tx!(
            "review-subtitle",
            "forum" => &forum,
            "came" => came,
            "total" => ws.config.forvaltningar.len(),
            "current" => current_year.to_string()
        ),
        instructions: crate::tx!("review-instructions", "decided" => DECIDED_HEADER),
        period,
        kommun: ws.config.kommun.name.clone(),
        years,
        rows,
        notes: vec![
            crate::tx!(
                "review-flags-note",
                "reached" => Flag::AlreadyReached.shown(),
                "far" => Flag::FarFromTrend.shown(),
                "pct" => format_number(FAR_FROM_TREND_PCT, None),
                "year" => plan.to_string(),
                "removal" => Flag::Removal.shown(),
                "none" => Flag::NoProposal.shown()
            ),
            crate::tx!("review-rollup-note"),
            crate::tx!("review-goals-note"),
        ],
        comments: comments(
            ws,
            &returns,
            &crate::collect::load_register(ws, period),
            period,
        ),
        identity: vec![
            ("kind".into(), KIND.into()),
            ("period".into(), period.to_string()),
            ("year".into(), plan.to_string()),
            ("kommun".into(), ws.config.kommun.name.clone()),
        ],
        password: ws.config.sending.password.clone(),
    }
}

fn comments(
    ws: &Workspace,
    returns: &BTreeMap<String, Returned<'_>>,
    register: &[crate::collect::RegisterEntry],

    period: Period,
) -> ListSheet {
    let status = |f: &str| {
        register
            .iter()
            .find(|e| {
                e.recipient.as_deref() == Some(f)
                    && e.form.as_deref() == Some(FormKind::Malvarden.key())
            })
            .map_or(RegisterStatus::Inkommen, |e| e.status)
    };
    let rows = ws
        .config
        .forvaltningar
        .iter()
        .map(|f| match returns.get(f.id.as_str()) {
            Some(r) => vec![
                Cell::Text(format!("{} {}", f.id, f.name)),
                {
                    let s = status(f.id.as_str());
                    let fill = if s == RegisterStatus::Inkommen {
                        status_fill(Status::Uppfyllt)
                    } else {
                        status_fill(Status::Delvis)
                    };
                    Cell::Status(s.label(), fill)
                },
                Cell::Text(r.once_text(FieldRole::GeneralComment)),
                Cell::Text(r.once_text(FieldRole::NewIndicators)),
                Cell::Text(r.once_text(FieldRole::FilledBy)),
                Cell::Text(r.file().rsplit('/').next().unwrap_or_default().to_string()),
            ],
            None => vec![
                Cell::Text(format!("{} {}", f.id, f.name)),
                Cell::Status(Flag::NoProposal.shown(), Flag::NoProposal.fill()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
        })
        .collect();
    ListSheet {
        name: COMMENTS_SHEET.into(),
        title: crate::tx!("review-comments-title", "year" => period.year().to_string()),
        subtitle: ws.config.kommun.name.clone(),
        columns: vec![
            (crate::tx!("report-col-forvaltning"), 26.0),
            (crate::tx!("report-col-status"), 14.0),
            (crate::tx!("review-col-comment"), 50.0),
            (crate::tx!("review-col-new-indicators"), 40.0),
            (crate::tx!("review-col-filled-by"), 18.0),
            (crate::tx!("report-col-file"), 30.0),
        ],
        rows,
        back_to: Some(SHEET.into()),
        ..ListSheet::default()
    }
}

/// Writes the review of `period` to `out` (default `<reports>/<period>/malforslag-<period>.xlsx`)
/// and returns its path.
///
/// # Errors
/// [`ReportError`] when the store cannot be read, the period is not a planning period, or the
/// file cannot be written.
pub fn write(ws: &Workspace, period: Period, out: Option<PathBuf>) -> Result<PathBuf, ReportError> {
    require_plan(period, "målvärden are proposed for a planning period")?;
    let store = load_store(ws)?;
    let review = build(ws, &store, period);
    let date = report_date(ws, FormKind::Malvarden, period);
    save(
        ws,
        period,
        out,
        "malforslag",
        crate::report::malforslag::review::write_review(&review, date),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trend_is_a_straight_line() {
        assert_eq!(trend(&[(2024, 10.0), (2025, 12.0)], 2027), Some(16.0));
        assert_eq!(
            trend(&[(2023, 1.0), (2024, 2.0), (2025, 3.0)], 2027),
            Some(5.0)
        );
        assert_eq!(trend(&[(2025, 3.0)], 2027), None);
    }
}

//! The indicator catalogue: development goals, indicators and their målvärden.
//!
//! Kept in `indikatorer.toml`, or in a workbook `indikatorer.xlsx` with the sheets `Mål`,
//! `Indikatorer` and `Målvärden` whose header rows carry the same keys.

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::domain::{
    Area, Direction, ForvaltningId, Frequency, GoalId, IndicatorId, Measure, Period, Perspective,
    ReportedBy, Rollup, TertialRule, UnitId,
};
use crate::workspace::locate::{Locator, Locs, TomlEntry};
use crate::workspace::source::Source;

/// A municipal development goal (utvecklingsmål) that indicators measure.
#[derive(Debug, Clone)]
pub struct Goal {
    pub id: GoalId,
    pub name: String,
    pub perspective: Perspective,
    pub description: String,
    pub locs: Locs,
}

/// How far from the målvärde an outcome may be and still be yellow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    /// No yellow band: reached or not.
    None,
    /// In the indicator's own unit (percentage points for %).
    Absolute(f64),
    /// In percent of the målvärde.
    Relative(f64),
}

impl Tolerance {
    /// The band's width for a given målvärde.
    pub fn width(self, target: f64) -> f64 {
        match self {
            Tolerance::None => 0.0,
            Tolerance::Absolute(w) => w,
            Tolerance::Relative(p) => (target * p / 100.0).abs(),
        }
    }
}

/// How an indicator is defined (so that staff turnover is computed one way only).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    #[serde(default)]
    pub numerator: String,
    #[serde(default)]
    pub denominator: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub owner: String,
}

/// An indicator of the catalogue.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    pub perspective: Perspective,
    pub area: Area,
    pub measure: Measure,
    pub direction: Direction,
    pub tolerance: Tolerance,
    pub rollup: Rollup,
    /// For a weighted mean: the indicator whose values weigh (e.g. årsarbetare).
    pub weight: Option<IndicatorId>,
    pub tertial_rule: TertialRule,
    pub frequency: Frequency,
    pub reported_by: ReportedBy,
    pub definition: Definition,
    pub kolada: Option<String>,
    pub goals: Vec<GoalId>,
    /// Unit categories that report it; empty means every unit.
    pub categories: Vec<String>,
    /// Plausible range of an outcome, checked at entry.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub decimals: u8,
    /// A change smaller than this counts as "unchanged" in trends.
    pub unchanged: f64,
    /// The largest plausible change of a unit's outcome from its latest earlier outcome (in the
    /// indicator's unit); a larger change is a warning at entry (R222). None: not checked.
    pub plausible_change: Option<f64>,
    pub locs: Locs,
}

/// The level a målvärde or an outcome belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Kommun,
    Forvaltning(ForvaltningId),
    Unit(UnitId),
}

/// A målvärde: a point (for higher/lower is better) or an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetValue {
    Point(f64),
    Interval { min: f64, max: f64 },
}

/// A målvärde of an indicator at a level for a period.
#[derive(Debug, Clone)]
pub struct Target {
    pub indicator: IndicatorId,
    pub level: Level,
    pub period: Period,
    pub value: TargetValue,
    pub locs: Locs,
}

/// The whole catalogue.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub goals: Vec<Goal>,
    pub indicators: Vec<Indicator>,
    pub targets: Vec<Target>,
}

impl Catalogue {
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id.as_str() == id)
    }

    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id.as_str() == id)
    }
}

// ---- raw entries, shared by the TOML and the Excel form ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoal {
    id: GoalId,
    name: String,
    perspective: Perspective,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndicator {
    id: IndicatorId,
    name: String,
    perspective: Perspective,
    area: Area,
    measure: Measure,
    direction: Direction,
    tolerance: Option<f64>,
    tolerance_pct: Option<f64>,
    rollup: Rollup,
    weight: Option<IndicatorId>,
    #[serde(default = "default_tertial_rule")]
    tertial_rule: TertialRule,
    #[serde(default = "default_frequency")]
    frequency: Frequency,
    #[serde(default = "default_reported_by")]
    reported_by: ReportedBy,
    #[serde(default)]
    definition: Definition,
    kolada: Option<String>,
    #[serde(default)]
    goals: Vec<GoalId>,
    #[serde(default)]
    categories: Vec<String>,
    min: Option<f64>,
    max: Option<f64>,
    #[serde(default = "default_decimals")]
    decimals: u8,
    #[serde(default)]
    unchanged: f64,
    plausible_change: Option<f64>,
}

fn default_tertial_rule() -> TertialRule {
    TertialRule::Annual
}
fn default_frequency() -> Frequency {
    Frequency::Tertial
}
fn default_reported_by() -> ReportedBy {
    ReportedBy::Unit
}
fn default_decimals() -> u8 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTarget {
    indicator: IndicatorId,
    period: Period,
    #[serde(default = "default_level")]
    level: String,
    id: Option<String>,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
}

fn default_level() -> String {
    "kommun".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    #[serde(default)]
    goal: Vec<toml::Spanned<RawGoal>>,
    #[serde(default)]
    indicator: Vec<toml::Spanned<RawIndicator>>,
    #[serde(default)]
    target: Vec<toml::Spanned<RawTarget>>,
}

pub(crate) const INDICATOR_KEYS: &[&str] = &[
    "id",
    "rollup",
    "weight",
    "tolerance",
    "tolerance_pct",
    "goals",
    "categories",
    "min",
    "max",
    "direction",
    "frequency",
    "plausible_change",
];
pub(crate) const TARGET_KEYS: &[&str] =
    &["indicator", "period", "level", "id", "value", "min", "max"];

impl RawGoal {
    pub(crate) fn into_model(self, loc: &dyn Locator) -> Goal {
        Goal {
            id: self.id,
            name: self.name,
            perspective: self.perspective,
            description: self.description,
            locs: Locs::new(loc, &["id"]),
        }
    }
}

impl RawIndicator {
    /// # Errors
    /// `C020` when both `tolerance` and `tolerance_pct` are given or either is negative;
    /// `C023` when `plausible_change` is not a positive number.
    pub(crate) fn into_model(self, loc: &dyn Locator) -> Result<Indicator, Diagnostic> {
        if let Some(c) = self.plausible_change
            && !(c.is_finite() && c > 0.0)
        {
            return Err(Diagnostic::error(
                "C023",
                loc.key("plausible_change"),
                format!(
                    "indicator '{}' has plausible_change = {c}, which is not a positive number",
                    self.id
                ),
            )
            .hint("the largest believable change from one period to the next, in the indicator's unit, e.g. 5 for 5 percentage points"));
        }
        let tolerance = match (self.tolerance, self.tolerance_pct) {
            (Some(_), Some(_)) => {
                return Err(Diagnostic::error(
                    "C020",
                    loc.key("tolerance_pct"),
                    format!(
                        "indicator '{}' has both `tolerance` and `tolerance_pct`",
                        self.id
                    ),
                )
                .hint("keep one: `tolerance` in the indicator's unit, or `tolerance_pct` in percent of the målvärde"));
            }
            (Some(t), None) | (None, Some(t)) if !(t.is_finite() && t >= 0.0) => {
                let key = if self.tolerance.is_some() {
                    "tolerance"
                } else {
                    "tolerance_pct"
                };
                return Err(Diagnostic::error(
                    "C020",
                    loc.key(key),
                    format!("indicator '{}' has a negative tolerance ({t})", self.id),
                )
                .hint("the yellow band's width is zero or more"));
            }
            (Some(t), None) => Tolerance::Absolute(t),
            (None, Some(p)) => Tolerance::Relative(p),
            (None, None) => Tolerance::None,
        };
        Ok(Indicator {
            id: self.id,
            name: self.name,
            perspective: self.perspective,
            area: self.area,
            measure: self.measure,
            direction: self.direction,
            tolerance,
            rollup: self.rollup,
            weight: self.weight,
            tertial_rule: self.tertial_rule,
            frequency: self.frequency,
            reported_by: self.reported_by,
            definition: self.definition,
            kolada: self.kolada.filter(|k| !k.trim().is_empty()),
            goals: self.goals,
            categories: self.categories,
            min: self.min,
            max: self.max,
            decimals: self.decimals,
            unchanged: self.unchanged,
            plausible_change: self.plausible_change,
            locs: Locs::new(loc, INDICATOR_KEYS),
        })
    }
}

impl RawTarget {
    /// # Errors
    /// `C021` for a bad level, `C022` for a value that is neither a point nor an interval.
    pub(crate) fn into_model(self, loc: &dyn Locator) -> Result<Target, Diagnostic> {
        let need_id = |what: &str| {
            Diagnostic::error(
                "C021",
                loc.key("level"),
                format!("a målvärde at level '{what}' needs `id`, the {what}'s id"),
            )
        };
        let level = match (self.level.as_str(), &self.id) {
            ("kommun", None) => Level::Kommun,
            ("kommun", Some(_)) => {
                return Err(Diagnostic::error(
                    "C021",
                    loc.key("id"),
                    "a målvärde for the kommun has no `id`",
                )
                .hint("remove `id`, or set `level` to \"forvaltning\" or \"enhet\""));
            }
            ("forvaltning", Some(id)) => Level::Forvaltning(
                ForvaltningId::new(id.as_str())
                    .map_err(|e| Diagnostic::error("C021", loc.key("id"), e.to_string()))?,
            ),
            ("enhet", Some(id)) => Level::Unit(
                UnitId::new(id.as_str())
                    .map_err(|e| Diagnostic::error("C021", loc.key("id"), e.to_string()))?,
            ),
            ("forvaltning" | "enhet", None) => return Err(need_id(&self.level)),
            (other, _) => {
                return Err(Diagnostic::error(
                    "C021",
                    loc.key("level"),
                    format!("unknown level '{other}'"),
                )
                .hint("use \"kommun\", \"forvaltning\" or \"enhet\""));
            }
        };
        let value = match (self.value, self.min, self.max) {
            (Some(v), None, None) => TargetValue::Point(v),
            (None, Some(min), Some(max)) => TargetValue::Interval { min, max },
            _ => {
                return Err(Diagnostic::error(
                    "C022",
                    loc.entry(),
                    format!(
                        "målvärde for '{}' {} needs either `value` or both `min` and `max`",
                        self.indicator, self.period
                    ),
                )
                .hint("`value = 95` for higher/lower is better, `min = 2` and `max = 4` for an interval"));
            }
        };
        let bad = match value {
            TargetValue::Point(v) => !v.is_finite(),
            TargetValue::Interval { min, max } => !(min.is_finite() && max.is_finite()),
        };
        if bad {
            return Err(Diagnostic::error(
                "C022",
                loc.entry(),
                "a målvärde must be a finite number",
            ));
        }
        Ok(Target {
            indicator: self.indicator,
            level,
            period: self.period,
            value,
            locs: Locs::new(loc, TARGET_KEYS),
        })
    }
}

/// Parses `indikatorer.toml`.
///
/// # Errors
/// Every shape error found.
pub fn parse(src: &Source) -> Result<Catalogue, Vec<Diagnostic>> {
    let raw: RawCatalogue = src.parse_toml().map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let mut cat = Catalogue::default();
    let entry = |span: std::ops::Range<usize>| TomlEntry { src, span };
    for g in raw.goal {
        let loc = entry(g.span());
        cat.goals.push(g.into_inner().into_model(&loc));
    }
    for i in raw.indicator {
        let loc = entry(i.span());
        match i.into_inner().into_model(&loc) {
            Ok(i) => cat.indicators.push(i),
            Err(e) => errors.push(e),
        }
    }
    for t in raw.target {
        let loc = entry(t.span());
        match t.into_inner().into_model(&loc) {
            Ok(t) => cat.targets.push(t),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(cat)
    } else {
        Err(errors)
    }
}

/// How a row's målvärde follows from the målvärde found in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetBasis {
    /// A målvärde for the period itself.
    Own,
    /// The year's målvärde, as it is (tertial_rule = annual).
    Annual,
    /// The year's målvärde times `months`/12 (tertial_rule = pro_rata).
    ProRata { months: u8 },
    /// The year's målvärde exists but the indicator is judged at the end of the year only
    /// (tertial_rule = not_judged).
    NotJudged,
}

/// The keys of a basis in frames and JSON.
impl TargetBasis {
    /// The basis of a frame's `target_basis` key for `period`.
    pub fn parse(key: &str, period: Period) -> Option<Self> {
        match key {
            "own" => Some(TargetBasis::Own),
            "annual" => Some(TargetBasis::Annual),
            "pro_rata" => Some(TargetBasis::ProRata {
                months: period.months().unwrap_or(12),
            }),
            "not_judged" => Some(TargetBasis::NotJudged),
            _ => None,
        }
    }

    /// The key used in frames and JSON.
    pub fn key(self) -> &'static str {
        match self {
            TargetBasis::Own => "own",
            TargetBasis::Annual => "annual",
            TargetBasis::ProRata { .. } => "pro_rata",
            TargetBasis::NotJudged => "not_judged",
        }
    }
}

/// The målvärde that applies, made effective for the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoundTarget {
    /// The position in the catalogue of the målvärde used.
    pub index: usize,
    /// The effective målvärde (pro rata already applied); for a period that is not judged,
    /// the year's målvärde for information.
    pub value: TargetValue,
    /// The effective tolerance (an absolute band is scaled with a pro-rata målvärde).
    pub tolerance: Tolerance,
    /// Whether outcomes are judged against it in this period.
    pub judged: bool,
    pub basis: TargetBasis,
}

impl FoundTarget {
    /// The rule an outcome is judged by, when it is judged in this period.
    pub fn judge(&self, indicator: &Indicator) -> Option<Judge> {
        self.judged.then_some(Judge {
            direction: indicator.direction,
            target: self.value,
            tolerance: self.tolerance,
        })
    }
}

/// The one rule for which målvärde applies to `indicator` at the levels `chain` (most specific
/// first: unit, its förvaltning, the kommun) for `period`; `find` looks up the catalogue's
/// målvärde of a level and period (with its position).
///
/// At each level in turn: a målvärde for exactly the period wins; for a month or tertial
/// without one, the year's målvärde applies by the indicator's tertial rule (as it is, pro
/// rata with the absolute tolerance scaled alike, or for information only: not judged). A level
/// with neither passes to the next, except that a `sum` indicator never inherits: a
/// förvaltning's or the kommun's total is no målvärde for a unit.
pub fn resolve_target<'t>(
    indicator: &Indicator,
    chain: &[Level],
    period: Period,
    find: impl Fn(&Level, Period) -> Option<(usize, &'t Target)>,
) -> Option<FoundTarget> {
    let year = Period::Year(period.year());
    for (depth, level) in chain.iter().enumerate() {
        if depth > 0 && indicator.rollup == Rollup::Sum {
            return None;
        }
        if let Some((index, t)) = find(level, period) {
            return Some(FoundTarget {
                index,
                value: t.value,
                tolerance: indicator.tolerance,
                judged: true,
                basis: TargetBasis::Own,
            });
        }
        if period == year || !period.is_follow_up() {
            continue;
        }
        let Some((index, t)) = find(level, year) else {
            continue;
        };
        let found = |value, tolerance, judged, basis| FoundTarget {
            index,
            value,
            tolerance,
            judged,
            basis,
        };
        return Some(match indicator.tertial_rule {
            TertialRule::Annual => found(t.value, indicator.tolerance, true, TargetBasis::Annual),
            TertialRule::ProRata => {
                let months = period.months().unwrap_or(12);
                let f = f64::from(months) / 12.0;
                let value = match t.value {
                    TargetValue::Point(v) => TargetValue::Point(v * f),
                    TargetValue::Interval { min, max } => TargetValue::Interval {
                        min: min * f,
                        max: max * f,
                    },
                };
                let tolerance = match indicator.tolerance {
                    Tolerance::Absolute(w) => Tolerance::Absolute(w * f),
                    other => other,
                };
                found(value, tolerance, true, TargetBasis::ProRata { months })
            }
            TertialRule::NotJudged => {
                found(t.value, indicator.tolerance, false, TargetBasis::NotJudged)
            }
        });
    }
    None
}

impl Catalogue {
    /// The målvärde of `indicator` for the levels `chain` and `period` by [`resolve_target`]
    /// (a linear search; the checks use an index for thousands of rows).
    pub fn target_for(
        &self,
        indicator: &Indicator,
        chain: &[Level],
        period: Period,
    ) -> Option<FoundTarget> {
        resolve_target(indicator, chain, period, |level, p| {
            self.targets
                .iter()
                .enumerate()
                .find(|(_, t)| t.indicator == indicator.id && &t.level == level && t.period == p)
        })
    }

    /// The target at `index` (from [`FoundTarget::index`]).
    pub fn target(&self, index: usize) -> Option<&Target> {
        self.targets.get(index)
    }
}

/// The rule of a målvärde as Swedish text: "≥ 95 %, gult från 90 %", "≤ 6,5 %, gult till 7,5 %",
/// "4,5–5,5 kvot, gult 0,5 utanför".
pub fn rule_text(indicator: &Indicator, target: TargetValue) -> String {
    use crate::domain::format_number as n;
    let d = Some(indicator.decimals);
    let unit = match indicator.measure {
        crate::domain::Measure::Percent => " %".to_string(),
        m => format!(" {}", m.swedish()),
    };
    match (indicator.direction, target) {
        (Direction::Higher, TargetValue::Point(t))
        | (Direction::Interval, TargetValue::Point(t)) => {
            let w = indicator.tolerance.width(t);
            if w > 0.0 {
                format!("≥ {}{unit}, gult från {}{unit}", n(t, d), n(t - w, d))
            } else {
                format!("≥ {}{unit}", n(t, d))
            }
        }
        (Direction::Lower, TargetValue::Point(t)) => {
            let w = indicator.tolerance.width(t);
            if w > 0.0 {
                format!("≤ {}{unit}, gult till {}{unit}", n(t, d), n(t + w, d))
            } else {
                format!("≤ {}{unit}", n(t, d))
            }
        }
        (_, TargetValue::Interval { min, max }) => {
            let w = indicator.tolerance.width((min + max) / 2.0);
            if w > 0.0 {
                format!(
                    "{}–{}{unit}, gult {} utanför",
                    n(min, d),
                    n(max, d),
                    n(w, d)
                )
            } else {
                format!("{}–{}{unit}", n(min, d), n(max, d))
            }
        }
    }
}

/// The verdict on one outcome against one målvärde.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Verdict {
    /// Green: the målvärde is reached.
    Reached,
    /// Yellow: not reached, but inside the tolerance band.
    Near,
    /// Red: outside the band.
    Missed,
}

/// A målvärde with its direction and tolerance: the rule an outcome is judged by. The same rule
/// colours a cell in the workbook ([`Judge::excel_condition`]) and decides at read-back whether
/// an åtgärd is required ([`Judge::verdict`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judge {
    pub direction: Direction,
    pub target: TargetValue,
    pub tolerance: Tolerance,
}

impl Judge {
    pub fn new(indicator: &Indicator, target: TargetValue) -> Self {
        Self {
            direction: indicator.direction,
            target,
            tolerance: indicator.tolerance,
        }
    }

    /// (lowest, highest) value that is green, and the same for yellow.
    fn bands(&self) -> ((f64, f64), (f64, f64)) {
        match (self.direction, self.target) {
            (Direction::Lower, TargetValue::Point(t)) => {
                let w = self.tolerance.width(t);
                ((f64::NEG_INFINITY, t), (f64::NEG_INFINITY, t + w))
            }
            (_, TargetValue::Point(t)) => {
                let w = self.tolerance.width(t);
                ((t, f64::INFINITY), (t - w, f64::INFINITY))
            }
            (_, TargetValue::Interval { min, max }) => {
                let w = self.tolerance.width((min + max) / 2.0);
                ((min, max), (min - w, max + w))
            }
        }
    }

    /// The verdict on `x`.
    pub fn verdict(&self, x: f64) -> Verdict {
        let ((g0, g1), (y0, y1)) = self.bands();
        if x >= g0 && x <= g1 {
            Verdict::Reached
        } else if x >= y0 && x <= y1 {
            Verdict::Near
        } else {
            Verdict::Missed
        }
    }

    /// An Excel condition, true when the number in `cell` gets `verdict` (false for a blank or
    /// text cell, so blank cells stay uncoloured).
    pub fn excel_condition(&self, cell: &str, verdict: Verdict) -> String {
        let ((g0, g1), (y0, y1)) = self.bands();
        let within = |lo: f64, hi: f64| {
            let mut parts = vec![format!("ISNUMBER({cell})")];
            if lo.is_finite() {
                parts.push(format!("{cell}>={lo}"));
            }
            if hi.is_finite() {
                parts.push(format!("{cell}<={hi}"));
            }
            format!("AND({})", parts.join(","))
        };
        match verdict {
            Verdict::Reached => within(g0, g1),
            Verdict::Near => format!("AND({},NOT({}))", within(y0, y1), within(g0, g1)),
            Verdict::Missed => format!("AND(ISNUMBER({cell}),NOT({}))", within(y0, y1)),
        }
    }
}

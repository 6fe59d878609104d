//! The catalogue as the rules see it: development goals, indicators and their målvärden.
//! Made from `indikatorer.toml` or `indikatorer.xlsx` by `workspace::catalogue`.

use crate::diag::Locs;
use crate::domain::{
    Area, Direction, Frequency, GoalId, IndicatorId, Measure, Period, Perspective, ReportedBy,
    Rollup, TertialRule,
};
use crate::model::Level;

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
    /// In percent of the målvärde (of an interval: of each bound).
    Relative(f64),
}

impl Tolerance {
    /// The band's width beyond `bound` (a point målvärde, or one bound of an interval).
    pub fn width(self, bound: f64) -> f64 {
        match self {
            Tolerance::None => 0.0,
            Tolerance::Absolute(w) => w,
            Tolerance::Relative(p) => (bound * p / 100.0).abs(),
        }
    }

    /// The tolerance for a målvärde scaled by `factor` (pro rata): a width in the indicator's
    /// unit scales with it; a percentage of the målvärde follows the målvärde by itself.
    #[must_use]
    pub fn scaled(self, factor: f64) -> Self {
        match self {
            Tolerance::Absolute(w) => Tolerance::Absolute(w * factor),
            other => other,
        }
    }
}

/// How an indicator is defined (so that staff turnover is computed one way only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Definition {
    pub numerator: String,
    pub denominator: String,
    pub source: String,
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
    /// A derived or ratio indicator: computed in check from other indicators and the
    /// economy's field roles of the same unit and period, never asked of a unit.
    pub derived: Option<crate::model::Derivation>,
    pub locs: Locs,
}

/// A målvärde: a point (for higher/lower is better) or an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetValue {
    Point(f64),
    Interval { min: f64, max: f64 },
}

impl TargetValue {
    /// The målvärde as a closed range: a point is `[v, v]`.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            TargetValue::Point(v) => (v, v),
            TargetValue::Interval { min, max } => (min, max),
        }
    }

    /// The målvärde times `factor` (pro rata).
    #[must_use]
    pub fn scaled(self, factor: f64) -> Self {
        match self {
            TargetValue::Point(v) => TargetValue::Point(v * factor),
            TargetValue::Interval { min, max } => TargetValue::Interval {
                min: min * factor,
                max: max * factor,
            },
        }
    }
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

    /// The target at `index` (from [`crate::model::FoundTarget::index`]).
    pub fn target(&self, index: usize) -> Option<&Target> {
        self.targets.get(index)
    }
}

//! Which målvärde applies to an outcome: inheritance between levels and the period rule.

use std::collections::HashMap;

use crate::domain::{Period, Rollup, TertialRule};
use crate::model::{Catalogue, Indicator, Level, Limits, Target, TargetValue, Tolerance};

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

    /// The Swedish suffix of a source text: ", pro rata 4/12".
    pub fn swedish_suffix(self) -> String {
        match self {
            TargetBasis::Own => String::new(),
            TargetBasis::Annual => ", helårets målvärde".into(),
            TargetBasis::ProRata { months } => format!(", pro rata {months}/12"),
            TargetBasis::NotJudged => ", bedöms inte under året".into(),
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
    /// The limits an outcome is judged by, when it is judged in this period.
    pub fn limits(&self, indicator: &Indicator) -> Option<Limits> {
        self.judged.then(|| self.band(indicator))
    }

    /// The limits of the målvärde, also in a period it is not judged in (for its rule text).
    pub fn band(&self, indicator: &Indicator) -> Limits {
        Limits::new(indicator.direction, self.value, self.tolerance)
    }

    /// The rule as text in the run's language ([`Limits::rule_text`]), with the effective
    /// numbers.
    pub fn rule_text(&self, indicator: &Indicator) -> String {
        self.band(indicator)
            .rule_text(indicator.measure, indicator.decimals)
    }

    /// The rule in Swedish, for a form's context column (Swedish like the form's labels).
    pub fn rule_text_sv(&self, indicator: &Indicator) -> String {
        self.band(indicator).rule_text_in(
            crate::i18n::Lang::Sv,
            indicator.measure,
            indicator.decimals,
        )
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
/// förvaltning's or the kommun's total is no målvärde for a unit. The one exception is a
/// målvärde of 0 (a budget in balance): zero for the whole is zero for every part, so a sum
/// inherits it.
pub fn resolve_target<'t>(
    indicator: &Indicator,
    chain: &[Level],
    period: Period,
    find: impl Fn(&Level, Period) -> Option<(usize, &'t Target)>,
) -> Option<FoundTarget> {
    let year = Period::Year(period.year());
    // Above its own level a sum takes only a balance målvärde (0).
    let inherits = |depth: usize, t: &Target| {
        depth == 0 || indicator.rollup != Rollup::Sum || t.value == TargetValue::Point(0.0)
    };
    for (depth, level) in chain.iter().enumerate() {
        if let Some((index, t)) = find(level, period) {
            if !inherits(depth, t) {
                return None;
            }
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
        if !inherits(depth, t) {
            return None;
        }
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
                found(
                    t.value.scaled(f),
                    indicator.tolerance.scaled(f),
                    true,
                    TargetBasis::ProRata { months },
                )
            }
            TertialRule::NotJudged => {
                found(t.value, indicator.tolerance, false, TargetBasis::NotJudged)
            }
        });
    }
    None
}

/// The catalogue's målvärden by indicator, level and period: the lookup [`resolve_target`]
/// needs, made once for many rows.
#[derive(Debug)]
pub struct TargetIndex<'a> {
    map: HashMap<(&'a str, &'a Level, Period), (usize, &'a Target)>,
}

impl<'a> TargetIndex<'a> {
    pub fn new(cat: &'a Catalogue) -> Self {
        let mut map = HashMap::with_capacity(cat.targets.len());
        for (i, t) in cat.targets.iter().enumerate() {
            // The first one wins, as a scan of the catalogue finds it.
            map.entry((t.indicator.as_str(), &t.level, t.period))
                .or_insert((i, t));
        }
        Self { map }
    }

    /// The målvärde for `ind` at the first level of `chain` that has one, for `period`, by
    /// [`resolve_target`].
    pub fn resolve(&self, ind: &Indicator, chain: &[Level], period: Period) -> Option<FoundTarget> {
        resolve_target(ind, chain, period, |level, p| {
            self.map.get(&(ind.id.as_str(), level, p)).copied()
        })
    }
}

impl Catalogue {
    /// The målvärde of `indicator` for the levels `chain` and `period` by [`resolve_target`]
    /// (a linear search; many rows use a [`TargetIndex`]).
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
}

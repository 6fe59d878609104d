//! Rolling units' values up to a förvaltning or the kommun, and the rule for a level with
//! units missing. `styr check` computes the same in polars (`analysis::check::pipeline`); the
//! cross-check test holds the two together.

use crate::domain::Rollup;

/// The values of a level's units: those that have one (with the weight of a weighted mean,
/// when the unit has one) and how many units of the level have none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnitValues {
    pub values: Vec<(f64, Option<f64>)>,
    pub missing: usize,
}

/// Why a level has no rolled-up value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoRollup {
    /// `rollup = "none"`.
    NotRolledUp,
    /// A sum with units missing: a sum of some units is no total.
    Incomplete,
    /// No unit has a value (or, for a weighted mean, a weight).
    NoValue,
}

/// The rule for a level with units missing, the same for indicators and the economy: a total
/// (an indicator's `sum`, a budget, a forecast) needs every unit, otherwise the level has no
/// value and is not judged; a mean, median or weighted mean is the one of the units that have
/// a value, and the level is judged as partial, saying how many units it covers
/// ("3 av 5 enheter").
pub fn needs_every_unit(rule: Rollup) -> bool {
    rule == Rollup::Sum
}

/// Rolls `units` up by `rule`. A ratio's units are (numerator, denominator) pairs here: it
/// is Σ numerator / Σ denominator (× the ratio's scale, which the caller applies; see
/// [`crate::model::derived::ratio_rollup`]).
///
/// # Errors
/// Why there is no value.
pub fn rollup(rule: Rollup, units: &UnitValues) -> Result<f64, NoRollup> {
    let values = &units.values;
    if rule == Rollup::None {
        return Err(NoRollup::NotRolledUp);
    }
    if needs_every_unit(rule) && units.missing > 0 {
        return Err(NoRollup::Incomplete);
    }
    if values.is_empty() {
        return Err(NoRollup::NoValue);
    }
    let n = values.len() as f64;
    match rule {
        Rollup::Sum => Ok(values.iter().map(|(v, _)| v).sum()),
        Rollup::Mean => Ok(values.iter().map(|(v, _)| v).sum::<f64>() / n),
        Rollup::Median => {
            let mut v: Vec<f64> = values.iter().map(|(v, _)| *v).collect();
            v.sort_by(f64::total_cmp);
            let m = v.len() / 2;
            Ok(if v.len().is_multiple_of(2) {
                (v[m - 1] + v[m]) / 2.0
            } else {
                v[m]
            })
        }
        Rollup::WeightedMean => {
            let weighted: Vec<(f64, f64)> = values
                .iter()
                .filter_map(|(v, w)| w.map(|w| (*v, w)))
                .collect();
            let total: f64 = weighted.iter().map(|(_, w)| w).sum();
            if weighted.is_empty() || total == 0.0 {
                Err(NoRollup::NoValue)
            } else {
                Ok(weighted.iter().map(|(v, w)| v * w).sum::<f64>() / total)
            }
        }
        Rollup::Ratio => {
            let pairs: Vec<(Option<f64>, Option<f64>)> =
                values.iter().map(|(n, d)| (Some(*n), *d)).collect();
            crate::model::derived::ratio_rollup(&pairs, 1.0).ok_or(NoRollup::NoValue)
        }
        Rollup::None => Err(NoRollup::NotRolledUp),
    }
}

/// How many units a rolled-up value covers, in Swedish: "3 av 5 enheter"; `None` when it
/// covers every unit of the level.
pub fn coverage_text(counted: usize, missing: usize) -> Option<String> {
    (missing > 0).then(|| format!("{counted} av {} enheter", counted + missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(values: &[f64], missing: usize) -> UnitValues {
        UnitValues {
            values: values.iter().map(|v| (*v, Some(1.0))).collect(),
            missing,
        }
    }

    #[test]
    fn a_sum_needs_every_unit_a_mean_does_not() {
        assert_eq!(
            rollup(Rollup::Sum, &u(&[1.0, 2.0], 1)),
            Err(NoRollup::Incomplete)
        );
        assert_eq!(rollup(Rollup::Sum, &u(&[1.0, 2.0], 0)), Ok(3.0));
        assert_eq!(rollup(Rollup::Mean, &u(&[1.0, 2.0], 1)), Ok(1.5));
        assert_eq!(
            rollup(Rollup::Median, &u(&[1.0, 2.0, 9.0, 4.0], 0)),
            Ok(3.0)
        );
        assert_eq!(
            rollup(Rollup::None, &u(&[1.0], 0)),
            Err(NoRollup::NotRolledUp)
        );
        assert_eq!(rollup(Rollup::Mean, &u(&[], 2)), Err(NoRollup::NoValue));
        assert_eq!(coverage_text(3, 2).as_deref(), Some("3 av 5 enheter"));
        assert_eq!(coverage_text(3, 0), None);
    }
}

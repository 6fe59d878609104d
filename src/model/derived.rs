//! Derived and ratio indicators: an indicator computed from other indicators and the economy's
//! field roles of the same unit and period, never asked of a unit.
//!
//! - `formula = "budget - forecast"`: the formula's value for each unit; above the units it
//!   rolls up by the indicator's `rollup` like any outcome.
//! - `ratio = { numerator = "...", denominator = "...", scale = 100 }`: numerator / denominator
//!   × scale for each unit, and Σ numerator / Σ denominator × scale for a förvaltning or the
//!   kommun (`rollup = "ratio"`), the correct roll-up of a percentage such as sick leave.
//!
//! The catalogue is checked here for unknown names, cycles and unit mismatches; the workspace
//! turns each [`Finding`] into a diagnostic at its line and column. No I/O.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::Measure;
use crate::model::formula::{self, Builtin, Dim, Expr};
use crate::model::{Catalogue, Indicator};
use crate::tx;

/// One formula of a derivation, as written and parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub text: String,
    pub expr: Expr,
}

impl Formula {
    /// # Errors
    /// Where and why `text` does not parse.
    pub fn parse(text: &str) -> Result<Self, formula::SyntaxError> {
        Ok(Formula {
            text: text.to_string(),
            expr: formula::parse(text)?,
        })
    }
}

/// How a derived indicator is computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Derivation {
    Formula(Formula),
    Ratio {
        numerator: Formula,
        denominator: Formula,
        scale: f64,
    },
}

/// The keys a derivation's formulas stand at (for locations).
pub const FORMULA_KEY: &str = "formula";
pub const NUMERATOR_KEY: &str = "ratio.numerator";
pub const DENOMINATOR_KEY: &str = "ratio.denominator";

/// A unit's derived value: for a ratio, with its numerator and denominator (what rolls up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DerivedValue {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
}

impl Derivation {
    /// Its formulas with the key each stands at.
    pub fn parts(&self) -> Vec<(&'static str, &Formula)> {
        match self {
            Derivation::Formula(f) => vec![(FORMULA_KEY, f)],
            Derivation::Ratio {
                numerator,
                denominator,
                ..
            } => vec![(NUMERATOR_KEY, numerator), (DENOMINATOR_KEY, denominator)],
        }
    }

    /// Every name it uses (indicator ids and [`Builtin`]s), each once, in text order.
    pub fn names(&self) -> Vec<&str> {
        let mut seen = BTreeSet::new();
        self.parts()
            .into_iter()
            .flat_map(|(_, f)| f.expr.names())
            .map(|(n, _)| n)
            .filter(|n| seen.insert(*n))
            .collect()
    }

    /// The value for one unit and period, `value` giving each name's. A ratio whose
    /// denominator is zero has no value but keeps its numerator and denominator.
    pub fn eval(&self, value: &dyn Fn(&str) -> Option<f64>) -> DerivedValue {
        match self {
            Derivation::Formula(f) => DerivedValue {
                value: f.expr.eval(value),
                numerator: None,
                denominator: None,
            },
            Derivation::Ratio {
                numerator,
                denominator,
                scale,
            } => {
                let n = numerator.expr.eval(value);
                let d = denominator.expr.eval(value);
                DerivedValue {
                    value: ratio(n, d, *scale),
                    numerator: n,
                    denominator: d,
                }
            }
        }
    }

    /// The Swedish text of how it is computed: `budget - forecast`, `(a) / (b) × 100`.
    pub fn text(&self) -> String {
        match self {
            Derivation::Formula(f) => f.text.clone(),
            Derivation::Ratio {
                numerator,
                denominator,
                scale,
            } if *scale == 1.0 => format!("({}) / ({})", numerator.text, denominator.text),
            Derivation::Ratio {
                numerator,
                denominator,
                scale,
            } => format!(
                "({}) / ({}) × {}",
                numerator.text,
                denominator.text,
                crate::model::sv_number(*scale, 0)
            ),
        }
    }
}

/// Σ numerator / Σ denominator × scale: `None` without both or when the denominator is zero.
pub fn ratio(numerator: Option<f64>, denominator: Option<f64>, scale: f64) -> Option<f64> {
    match (numerator, denominator) {
        (Some(n), Some(d)) if d != 0.0 => Some(n / d * scale).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// Rolls units' (numerator, denominator) up as Σ numerator / Σ denominator × scale, over the
/// units that have both.
pub fn ratio_rollup(units: &[(Option<f64>, Option<f64>)], scale: f64) -> Option<f64> {
    let both: Vec<(f64, f64)> = units
        .iter()
        .filter_map(|(n, d)| Some(((*n)?, (*d)?)))
        .collect();
    if both.is_empty() {
        return None;
    }
    ratio(
        Some(both.iter().map(|(n, _)| n).sum()),
        Some(both.iter().map(|(_, d)| d).sum()),
        scale,
    )
}

/// Whether an indicator is computed rather than reported.
pub fn is_derived(ind: &Indicator) -> bool {
    ind.derived.is_some()
}

/// A problem of a derivation in the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// `C071` unknown name, `C072` cycle, `C073` unit mismatch.
    pub code: &'static str,
    /// The indicator (position in the catalogue).
    pub indicator: usize,
    /// The key of the formula ([`FORMULA_KEY`], [`NUMERATOR_KEY`], [`DENOMINATOR_KEY`]).
    pub key: &'static str,
    /// Byte offset in that formula's text.
    pub at: usize,
    pub message: String,
    pub hint: String,
}

/// The measure of a name (`None` for a plain number); `Err` for an unknown name.
fn measure_of(cat: &Catalogue, name: &str) -> Result<Option<Measure>, ()> {
    if let Some(b) = Builtin::parse(name) {
        return Ok(b.measure());
    }
    cat.indicator(name).map(|i| Some(i.measure)).ok_or(())
}

/// Every unknown name, cycle and unit mismatch of the catalogue's derivations.
/// `closest` gives the "did you mean" hint for a name among known names, if one is near.
pub fn check(cat: &Catalogue, closest: &dyn Fn(&str, &[&str]) -> Option<String>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut known: Vec<&str> = cat.indicators.iter().map(|i| i.id.as_str()).collect();
    known.extend(Builtin::ALL.iter().map(|b| b.key()));
    for (n, ind) in cat.indicators.iter().enumerate() {
        let Some(d) = &ind.derived else { continue };
        let mut bad_name = false;
        for (key, f) in d.parts() {
            for (name, at) in f.expr.names() {
                if measure_of(cat, name).is_ok() {
                    continue;
                }
                bad_name = true;
                let hint = match closest(name, &known) {
                    Some(did_you_mean) => did_you_mean,
                    None if name.contains('-') => tx!(
                        "C071-hint-dash",
                        "names" => builtin_list(),
                        "spaced" => name.replace('-', " - ")
                    ),
                    None => tx!("C071-hint", "names" => builtin_list()),
                };
                out.push(Finding {
                    code: "C071",
                    indicator: n,
                    key,
                    at,
                    message: tx!("C071", "name" => name, "id" => ind.id.to_string()),
                    hint,
                });
            }
        }
        if bad_name {
            continue;
        }
        let dim = |name: &str| measure_of(cat, name).ok().map(Dim::of);
        let mut dims = Vec::new();
        for (key, f) in d.parts() {
            match formula::dimension(&f.expr, &dim) {
                Ok(x) => dims.push(x),
                Err(e) => out.push(Finding {
                    code: "C073",
                    indicator: n,
                    key,
                    at: e.at,
                    message: tx!("C073", "id" => ind.id.to_string(), "why" => e.message),
                    hint: tx!("C073-hint"),
                }),
            }
        }
        let result = match (d, dims.as_slice()) {
            (Derivation::Formula(_), [x]) => Some(x.clone()),
            (Derivation::Ratio { scale, .. }, [a, b]) => {
                let mut q = quotient(a, b);
                q.free_scale |= *scale != 1.0;
                Some(q)
            }
            _ => None,
        };
        if let Some(x) = result
            && !x.fits(ind.measure)
        {
            let key = d.parts().first().map_or(FORMULA_KEY, |(k, _)| *k);
            out.push(Finding {
                code: "C073",
                indicator: n,
                key,
                at: 0,
                message: tx!(
                    "C073-measure",
                    "id" => ind.id.to_string(),
                    "gives" => x.text(),
                    "measure" => ind.measure.key()
                ),
                hint: tx!("C073-measure-hint"),
            });
        }
    }
    out.extend(cycles(cat));
    out
}

fn quotient(a: &Dim, b: &Dim) -> Dim {
    let mut base = a.base.clone();
    for (k, e) in &b.base {
        let n = base.entry(k).or_insert(0);
        *n -= e;
        if *n == 0 {
            base.remove(k);
        }
    }
    Dim {
        base,
        scale: a.scale - b.scale,
        free_scale: a.free_scale || b.free_scale,
    }
}

fn builtin_list() -> String {
    Builtin::ALL
        .iter()
        .map(|b| b.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The derived indicators each derived indicator names directly.
fn edges(cat: &Catalogue) -> BTreeMap<usize, Vec<(usize, &'static str, usize)>> {
    let pos: BTreeMap<&str, usize> = cat
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.as_str(), i))
        .collect();
    let mut out = BTreeMap::new();
    for (n, ind) in cat.indicators.iter().enumerate() {
        let Some(d) = &ind.derived else { continue };
        let mut to = Vec::new();
        for (key, f) in d.parts() {
            for (name, at) in f.expr.names() {
                if Builtin::parse(name).is_none()
                    && let Some(&m) = pos.get(name)
                    && cat.indicators[m].derived.is_some()
                {
                    to.push((m, key, at));
                }
            }
        }
        out.insert(n, to);
    }
    out
}

/// Each cycle once, reported at the first indicator of the cycle in the catalogue, at the
/// name that closes it.
fn cycles(cat: &Catalogue) -> Vec<Finding> {
    let g = edges(cat);
    let mut out = Vec::new();
    let mut reported: BTreeSet<usize> = BTreeSet::new();
    for &start in g.keys() {
        if reported.contains(&start) {
            continue;
        }
        // Depth-first from `start`, looking for a way back to it.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        let mut path = vec![start];
        let mut on_path: BTreeSet<usize> = [start].into();
        let mut visited: BTreeSet<usize> = BTreeSet::new();
        while let Some((node, next)) = stack.last_mut() {
            let succ = g.get(node).and_then(|v| v.get(*next)).copied();
            *next += 1;
            let Some((to, _, _)) = succ else {
                on_path.remove(node);
                stack.pop();
                path.pop();
                continue;
            };
            if to == start {
                path.push(start);
                let (key, at) = g
                    .get(&start)
                    .and_then(|v| v.iter().find(|(m, _, _)| Some(m) == path.get(1)))
                    .map_or((FORMULA_KEY, 0), |(_, k, a)| (*k, *a));
                let chain: Vec<&str> = path
                    .iter()
                    .map(|i| cat.indicators[*i].id.as_str())
                    .collect();
                reported.extend(path.iter().copied());
                out.push(Finding {
                    code: "C072",
                    indicator: start,
                    key,
                    at,
                    message: tx!(
                        "C072",
                        "id" => cat.indicators[start].id.to_string(),
                        "chain" => chain.join(" → ")
                    ),
                    hint: tx!("C072-hint"),
                });
                break;
            }
            if !on_path.contains(&to) && visited.insert(to) {
                on_path.insert(to);
                path.push(to);
                stack.push((to, 0));
            }
        }
    }
    out
}

/// The derived indicators (positions in the catalogue) in an order where each comes after
/// the derived ones it names. Indicators on a cycle (which validation refuses) are left out.
pub fn order(cat: &Catalogue) -> Vec<usize> {
    let g = edges(cat);
    let mut done: BTreeSet<usize> = BTreeSet::new();
    let mut out = Vec::new();
    loop {
        let ready: Vec<usize> = g
            .iter()
            .filter(|(n, to)| !done.contains(n) && to.iter().all(|(m, _, _)| done.contains(m)))
            .map(|(n, _)| *n)
            .collect();
        if ready.is_empty() {
            break;
        }
        for n in ready {
            done.insert(n);
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ratio_rolls_up_as_a_quotient_of_sums() {
        // 10/100 and 30/50: Σ 40 / Σ 150 = 26,67 %, not the mean of 10 % and 60 %.
        let r = ratio_rollup(
            &[(Some(10.0), Some(100.0)), (Some(30.0), Some(50.0))],
            100.0,
        );
        assert!(
            r.is_some_and(|v| (v - 40.0 / 150.0 * 100.0).abs() < 1e-12),
            "{r:?}"
        );
        assert_eq!(ratio_rollup(&[(Some(1.0), None)], 100.0), None);
        assert_eq!(ratio(Some(1.0), Some(0.0), 100.0), None);
    }
}

//! Derived and ratio indicators in the check: each unit's value computed from its inputs of the
//! same period (the outcomes loaded, the economy's spent and forecast, the budget, the
//! period's months), with the provenance of every input. The formulas themselves are the
//! model's ([`crate::model::derived`]).

use std::collections::HashMap;

use super::frames::{DERIVED, ENHET, FROM_HISTORY, FROM_STORE, FxBuild, OutcomeCols, code};
use crate::analysis::store::Store;
use crate::domain::Period;
use crate::workspace::Workspace;

/// Computes every derived indicator for every unit that has a row of it, in each period, from
/// the outcomes loaded (store, then history), the economy's spent and forecast, the unit's
/// budget (for periods of the workspace's year only: styr.toml holds that year's budget) and
/// the period's months. A computed value replaces what was loaded for the row; where it cannot
/// be computed, a loaded value (an earlier year's line of historik.csv) stays.
pub(super) fn derive(
    ws: &Workspace,
    store: &Store,
    periods: &[Period],
    economy: &HashMap<(u32, u32, bool), usize, FxBuild>,
    out: &mut OutcomeCols,
    derived: &mut Vec<super::Derived>,
) {
    use crate::model::formula::Builtin;
    let order = crate::model::derived::order(&ws.catalogue);
    if order.is_empty() {
        return;
    }
    let mut row: HashMap<(u32, u32, u32), usize, FxBuild> = HashMap::default();
    for i in 0..out.lvl.len() {
        if out.lvl[i] == ENHET {
            row.insert((out.id[i], out.ind[i], out.per[i]), i);
        }
    }
    let cell = |n: usize| {
        store.values.get(n).map_or_else(String::new, |v| {
            format!(
                "{} {}!{}",
                v.file,
                crate::domain::SheetCell::quoted_sheet(&v.sheet),
                v.cell
            )
        })
    };
    for n in order {
        let Some(ind) = ws.catalogue.indicators.get(n) else {
            continue;
        };
        let Some(d) = &ind.derived else { continue };
        let indc = code(n);
        for (u, unit) in ws.config.units.iter().enumerate() {
            let uc = code(u);
            for (per, p) in periods.iter().enumerate() {
                if !crate::model::category_has_row(ind, &unit.category, *p) {
                    continue;
                }
                let pc = code(per);
                // A name's value and where it came from.
                let input = |name: &str| -> Option<(f64, String)> {
                    match Builtin::parse(name) {
                        Some(Builtin::Budget) => (p.year() == ws.config.year)
                            .then_some(unit.budget_tkr)
                            .flatten()
                            .map(|b| (b, "styr.toml budget_tkr".to_string())),
                        Some(Builtin::Months) => {
                            p.months().map(|m| (f64::from(m), format!("perioden {p}")))
                        }
                        Some(b) => economy
                            .get(&(uc, pc, b == Builtin::Spent))
                            .and_then(|&s| Some((store.values.get(s)?.number?, cell(s)))),
                        None => {
                            let i = *ws
                                .catalogue
                                .indicators
                                .iter()
                                .position(|x| x.id.as_str() == name)
                                .and_then(|x| row.get(&(uc, code(x), pc)))?;
                            let v = out.value[i]?;
                            let at = usize::try_from(out.src[i]).unwrap_or(usize::MAX);
                            let source = match out.kind[i] {
                                FROM_STORE => cell(at),
                                FROM_HISTORY => ws
                                    .history
                                    .get(at)
                                    .map_or_else(String::new, |o| o.at.to_string()),
                                _ => derived.get(at).map_or_else(
                                    String::new,
                                    |x| crate::tx!("derived-source", "formula" => &x.formula),
                                ),
                            };
                            Some((v, source))
                        }
                    }
                };
                let value = d.eval(&|name| input(name).map(|(v, _)| v));
                if value.value.is_none()
                    && (value.numerator.is_none() || value.denominator.is_none())
                {
                    continue;
                }
                let inputs = d
                    .names()
                    .into_iter()
                    .filter_map(|name| {
                        input(name).map(|(value, source)| super::DerivedInput {
                            name: name.to_string(),
                            value,
                            source,
                        })
                    })
                    .collect();
                derived.push(super::Derived {
                    formula: d.text(),
                    inputs,
                });
                let src = derived.len() - 1;
                let i = match row.get(&(uc, indc, pc)) {
                    Some(&i) => i,
                    None => {
                        out.push(ENHET, uc, indc, pc, None, DERIVED, src);
                        row.insert((uc, indc, pc), out.lvl.len() - 1);
                        out.lvl.len() - 1
                    }
                };
                out.value[i] = value.value;
                out.kind[i] = DERIVED;
                out.src[i] = code(src);
                out.num[i] = value.numerator;
                out.den[i] = value.denominator;
            }
        }
    }
}

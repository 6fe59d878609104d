//! Plausibility of a return against what styr knows of its unit: the forecast and the amount
//! spent against the unit's budget, each outcome against the unit's latest earlier outcome, and
//! who filled the workbook in and what its file is called against the unit it is for.
//!
//! | code | severity | finding |
//! |---|---|---|
//! | R130 | warning | *Ifylld av* is not the unit's chef, or the file name names another unit: "kan vara en annan enhets siffror" |
//! | R220 | error | a forecast (or the amount spent, pro rata) outside the field's `budget_factor` of the budget (default 0,5–2) |
//! | R221 | warning | a forecast more than `budget_warning_pct` (default 10 %) from the budget, and no economy comment |
//! | R222 | warning | an outcome that changed more than the indicator's `plausible_change` from the unit's latest earlier outcome |

use std::path::Path;

use crate::collect::identify::Identity;
use crate::collect::read::{FormRead, ReadValue};
use crate::diag::{Diagnostic, Location};
use crate::domain::{SheetCell, Value, format_number};
use crate::form::{FieldDef, FieldRole, FormDef, Layout, PeriodKind};
use crate::tx;
use crate::workspace::Workspace;
use crate::workspace::catalogue::Level;

/// The Swedish words of R130, shown in the register.
pub const OTHER_UNIT: &str = "kan vara en annan enhets siffror";

/// Checks `read` (a return of `id`, read as `def`) against the unit's budget, history and
/// identity. A value outside its budget range is refused like any invalid cell.
pub fn check(file: &Path, def: &FormDef, id: &Identity, ws: &Workspace, read: &mut FormRead) {
    let Some(unit) = ws.config.unit(&id.recipient) else {
        return;
    };
    who_filled_in(file, def, id, ws, read);
    if let Some(budget) = unit.budget_tkr.filter(|b| b.is_finite() && *b > 0.0) {
        economy(file, def, id, budget, read);
    }
    history(file, def, id, ws, read);
}

/// The role of a read value's field.
fn field_of<'d>(def: &'d FormDef, v: &ReadValue) -> Option<&'d FieldDef> {
    def.section(&v.section)?.field(&v.field)
}

fn tkr(n: f64) -> String {
    format!("{} tkr", format_number(n, Some(0)))
}

fn pct(n: f64) -> String {
    format!("{} %", format_number(n, Some(0)))
}

fn at(file: &Path, cell: &SheetCell) -> Location {
    Location::Cell {
        file: file.to_path_buf(),
        cell: cell.clone(),
    }
}

/// Moves the value at `i` to the refused ones with its error (kept as the number it is, so a
/// correction workbook shows it as the unit typed it).
fn refuse(read: &mut FormRead, i: usize, d: Diagnostic) {
    let v = read.values.remove(i);
    let key = (
        v.section.to_string(),
        v.key.to_string(),
        v.field.to_string(),
    );
    read.refused.push(v);
    read.cell_findings.push((key, d.clone()));
    read.diagnostics.push(d);
}

fn economy(file: &Path, def: &FormDef, id: &Identity, budget: f64, read: &mut FormRead) {
    let months = id.period.months().map_or(12.0, f64::from);
    let mut forecast: Option<(f64, f64)> = None; // (value, warning pct)
    let mut i = 0;
    while i < read.values.len() {
        let v = &read.values[i];
        let (Some(f), Value::Number(n)) = (field_of(def, v), &v.value) else {
            i += 1;
            continue;
        };
        let n = *n;
        let (what, what_sv, base) = match f.role {
            Some(FieldRole::Forecast) => ("R220-forecast", tx!("correction-R220-forecast"), budget),
            Some(FieldRole::Spent) => (
                "R220-spent",
                tx!("correction-R220-spent"),
                budget * months / 12.0,
            ),
            _ => {
                i += 1;
                continue;
            }
        };
        let [lo, hi] = f.budget_factor();
        let share = n / base * 100.0;
        if !(lo * base..=hi * base).contains(&n) {
            let of = if f.role == Some(FieldRole::Spent) {
                tx!("R220-pro-rata", "part" => tkr(base), "budget" => tkr(budget))
            } else {
                tx!("R220-budget", "budget" => tkr(budget))
            };
            let of_sv = if f.role == Some(FieldRole::Spent) {
                tx!("correction-R220-of-period", "budget" => tkr(base))
            } else {
                tx!("correction-R220-of-budget", "budget" => tkr(budget))
            };
            let d = Diagnostic::error(
                "R220",
                at(file, &v.cell),
                tx!(
                    "R220",
                    "what" => tx!(what),
                    "value" => tkr(n),
                    "share" => pct(share),
                    "of" => of,
                    "low" => pct(lo * 100.0),
                    "high" => pct(hi * 100.0)
                ),
            )
            .hint(tx!("R220-hint"))
            .for_unit(tx!(
                "correction-R220",
                "what" => what_sv,
                "value" => tkr(n),
                "share" => pct(share),
                "of" => of_sv
            ));
            refuse(read, i, d);
            continue;
        }
        if f.role == Some(FieldRole::Forecast) {
            forecast = Some((n, f.budget_warning_pct()));
        }
        i += 1;
    }
    let Some((n, warn)) = forecast else { return };
    let deviation = (n - budget) / budget * 100.0;
    if deviation.abs() <= warn {
        return;
    }
    let commented = read.values.iter().any(|v| {
        field_of(def, v).is_some_and(|f| f.role == Some(FieldRole::EconomyComment))
            && matches!(&v.value, Value::Text(t) if !t.trim().is_empty())
    });
    if commented {
        return;
    }
    let layout = Layout::new(def, PeriodKind::of(id.period), &id.rows);
    let Some((sec, field, cell)) = layout.sections.iter().find_map(|s| {
        let f = s
            .def
            .fields
            .iter()
            .find(|f| f.role == Some(FieldRole::EconomyComment))?;
        Some((s, f, s.cell("", &f.id)?))
    }) else {
        return;
    };
    let d = Diagnostic::warning(
        "R221",
        at(file, &SheetCell::new(sec.sheet(), cell)),
        tx!(
            "R221",
            "value" => tkr(n),
            "deviation" => pct(deviation.abs()),
            "budget" => tkr(budget),
            "limit" => pct(warn),
            "label" => &field.label
        ),
    )
    .hint(tx!("R221-hint"))
    .for_unit(tx!(
        "correction-R221",
        "deviation" => pct(deviation.abs()),
        "label" => &field.label
    ));
    read.cell_findings.push((
        (sec.def.id.clone(), String::new(), field.id.clone()),
        d.clone(),
    ));
    read.diagnostics.push(d);
}

/// Outcomes against the unit's latest earlier outcome (the previous period, else the same
/// period last year), for indicators that declare a `plausible_change`.
fn history(file: &Path, def: &FormDef, id: &Identity, ws: &Workspace, read: &mut FormRead) {
    let Some(unit) = ws.config.unit(&id.recipient) else {
        return;
    };
    if !ws
        .catalogue
        .indicators
        .iter()
        .any(|i| i.plausible_change.is_some())
    {
        return;
    }
    // The unit's own history, found once per file rather than once per outcome.
    let level = Level::Unit(unit.id.clone());
    let periods = [id.period.previous(), id.period.same_last_year()];
    let mine: Vec<&crate::workspace::history::Outcome> = ws
        .history
        .iter()
        .filter(|o| periods.contains(&o.period) && o.level == level)
        .collect();
    let earlier = |ind: &str, p: crate::domain::Period| {
        mine.iter()
            .find(|o| o.indicator.as_str() == ind && o.period == p)
            .map(|o| (o.value, p))
    };
    let mut found = Vec::new();
    for v in &read.values {
        let (Some(f), Value::Number(n)) = (field_of(def, v), &v.value) else {
            continue;
        };
        if f.role != Some(FieldRole::Outcome) {
            continue;
        }
        let Some(ind) = ws.catalogue.indicator(&v.key) else {
            continue;
        };
        let Some(limit) = ind.plausible_change else {
            continue;
        };
        let Some((before, when)) = earlier(&v.key, id.period.previous())
            .or_else(|| earlier(&v.key, id.period.same_last_year()))
        else {
            continue;
        };
        let change = n - before;
        if change.abs() <= limit {
            continue;
        }
        let d = ind.decimals;
        let num = |x: f64| format_number(x, Some(d));
        let diag = Diagnostic::warning(
            "R222",
            at(file, &v.cell),
            tx!(
                "R222",
                "value" => num(*n),
                "id" => ind.id.to_string(),
                "change" => num(change),
                "before" => num(before),
                "when" => when.to_string(),
                "limit" => num(limit)
            ),
        )
        .hint(tx!("R222-hint"))
        .for_unit(tx!(
            "correction-R222",
            "value" => num(*n),
            "when" => when.shown(),
            "before" => num(before)
        ));
        found.push((
            (
                v.section.to_string(),
                v.key.to_string(),
                v.field.to_string(),
            ),
            diag,
        ));
    }
    for (k, d) in found {
        read.cell_findings.push((k, d.clone()));
        read.diagnostics.push(d);
    }
}

/// Normalised for comparing names: lower case, single spaces.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// *Ifylld av* against the unit's chef, and the file name against the other units.
fn who_filled_in(file: &Path, def: &FormDef, id: &Identity, ws: &Workspace, read: &mut FormRead) {
    let Some(unit) = ws.config.unit(&id.recipient) else {
        return;
    };
    let mut reasons: Vec<String> = Vec::new();
    let filled = read.values.iter().find_map(|v| {
        let f = field_of(def, v)?;
        match (&v.value, f.role) {
            (Value::Text(t), Some(FieldRole::FilledBy)) if !t.trim().is_empty() => {
                Some((t.trim().to_string(), v.cell.clone()))
            }
            _ => None,
        }
    });
    let mut location = Location::File(file.to_path_buf());
    if let Some((name, cell)) = &filled {
        let (typed, chef) = (norm(name), norm(&unit.chef));
        let same =
            !chef.is_empty() && (typed == chef || chef.contains(&typed) || typed.contains(&chef));
        if !chef.is_empty() && !same {
            let other = ws
                .config
                .units
                .iter()
                .find(|u| u.id != unit.id && !u.chef.is_empty() && norm(&u.chef) == typed);
            reasons.push(match other {
                Some(o) => tx!(
                    "R130-other-chef",
                    "name" => name.as_str(),
                    "other" => o.id.to_string(),
                    "chef" => &unit.chef
                ),
                None => tx!("R130-not-chef", "name" => name.as_str(), "chef" => &unit.chef),
            });
            location = at(file, cell);
        }
    }
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // The units the file name names: by id, or by a name of five letters or more; of names
    // within one another ("norr" in "hemtj-norr") only the longest counts.
    let mut named: Vec<(&str, usize)> = Vec::new();
    for u in &ws.config.units {
        for needle in [u.id.as_str().to_lowercase(), u.name.to_lowercase()] {
            if needle.chars().count() >= 5 && file_name.contains(&needle) {
                named.push((u.id.as_str(), needle.len()));
            }
        }
    }
    let longest = named.iter().map(|(_, l)| *l).max().unwrap_or(0);
    if let Some((other, _)) = named
        .iter()
        .find(|(u, l)| *l == longest && *u != unit.id.as_str())
        && !named
            .iter()
            .any(|(u, l)| *l == longest && *u == unit.id.as_str())
    {
        reasons.push(tx!(
            "R130-file-name",
            "other" => *other,
            "unit" => unit.id.to_string()
        ));
    }
    if reasons.is_empty() {
        return;
    }
    read.diagnostics.push(
        Diagnostic::warning(
            "R130",
            location,
            tx!("R130", "reasons" => reasons.join("; ")),
        )
        .hint(tx!(
            "R130-hint",
            "who" => if unit.chef.is_empty() {
                tx!("the-unit")
            } else {
                unit.chef.clone()
            },
            "name" => &unit.name
        )),
    );
}

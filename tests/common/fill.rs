//! Values of every type for every input cell of a generated workbook: what a unit might type.

use std::collections::BTreeMap;

use styr::domain::{Date, FieldType, Value};
use styr::form::{Bounds as BoundsFrom, FieldDef, FormDef, Layout};

/// An allowed range: (min, max).
pub type Bounds = (Option<f64>, Option<f64>);

/// A value for one input cell, deterministic in the row and field index.
pub fn value_for(
    def: &FormDef,
    f: &FieldDef,
    bounds: (Option<f64>, Option<f64>),
    i: usize,
) -> Value {
    match f.kind {
        FieldType::Number | FieldType::Percent | FieldType::Amount => {
            let (lo, hi) = match f.bounds {
                BoundsFrom::Field => (f.min, f.max),
                BoundsFrom::Indicator => bounds,
            };
            let lo = lo.unwrap_or(0.0);
            let hi = hi.unwrap_or(lo + 1000.0);
            // A value inside the range with decimals, different per row.
            let frac = ((i * 37) % 100) as f64 / 100.0;
            let mut v = lo + (hi - lo) * (0.1 + 0.8 * frac);
            if f.kind == FieldType::Amount || f.min == Some(1.0) {
                v = v.round();
            } else {
                v = (v * 10.0).round() / 10.0;
            }
            Value::Number(v)
        }
        FieldType::Date => Value::Date(Date::new(2026, 5, 1 + (i % 28) as u8).unwrap()),
        FieldType::Choice | FieldType::YesNo => {
            let c = def.choices(f);
            Value::Text(c[i % c.len()].clone())
        }
        FieldType::Text if i.is_multiple_of(3) => {
            Value::Text(format!("=SUMMA(A1:A{i}) är ingen formel"))
        }
        FieldType::Text => Value::Text(format!("Åtgärd {i}: öka närvaron på förskolan")),
        FieldType::LongText => Value::Text(format!(
            "Rad ett för fält {} ({i}).\nRad två med åäö ÅÄÖ och citat \"så här\".\n=1+1 ska förbli text",
            f.id
        )),
    }
}

/// A value for every input cell of a layout: (section, key, field) -> value. The indicator
/// bounds come from `bounds_of(key)`.
pub fn fill_all(
    def: &FormDef,
    layout: &Layout<'_>,
    bounds_of: &dyn Fn(&str) -> Bounds,
) -> BTreeMap<(String, String, String), Value> {
    let mut out = BTreeMap::new();
    let mut i = 0;
    for sec in &layout.sections {
        for (key, f, _) in sec.inputs() {
            let max_len = f.max_len.map_or(usize::MAX, |m| m as usize);
            let v = match value_for(def, f, bounds_of(key), i) {
                Value::Text(t) if t.chars().count() > max_len => {
                    Value::Text(t.chars().take(max_len).collect())
                }
                v => v,
            };
            out.insert((sec.def.id.clone(), key.to_string(), f.id.clone()), v);
            i += 1;
        }
    }
    out
}

/// What a unit that fills its own workbook in carefully types where styr can judge it: its
/// chef as "Ifylld av", a forecast equal to the budget and the amount spent pro rata. Without
/// this, [`fill_all`]'s values are implausible for the unit (collect warns, R130, or refuses, R220).
#[allow(dead_code)] // the benches use fill_all only
pub fn make_plausible(
    ws: &styr::workspace::Workspace,
    def: &FormDef,
    unit: &str,
    period: styr::domain::Period,
    values: &mut BTreeMap<(String, String, String), Value>,
) {
    use styr::form::FieldRole;
    let Some(u) = ws.config.unit(unit) else {
        return;
    };
    let budget = u.budget_tkr.unwrap_or(0.0);
    let months = period.months().map_or(12.0, f64::from);
    for (s, f) in def
        .sections
        .iter()
        .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    {
        let v = match f.role {
            Some(FieldRole::FilledBy) => Value::Text(u.chef.clone()),
            Some(FieldRole::Forecast) if budget > 0.0 => Value::Number(budget),
            Some(FieldRole::Spent) if budget > 0.0 => {
                Value::Number((budget * months / 12.0).round())
            }
            _ => continue,
        };
        let key = (s.id.clone(), String::new(), f.id.clone());
        if values.contains_key(&key) {
            values.insert(key, v);
        }
    }
}

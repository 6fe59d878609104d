//! Checks across the workspace files: references, duplicates and ranges that a parser cannot see.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Location, closest, did_you_mean};
use crate::domain::{Direction, Period, Rollup};
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Level, TargetValue};

/// Every semantic problem of a parsed workspace, in file order.
pub fn check(ws: &Workspace) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_config(ws, &mut out);
    check_catalogue(ws, &mut out);
    check_history(ws, &mut out);
    crate::workspace::sources::check(ws, &mut out);
    out
}

/// Reports ids that occur more than once, pointing at the second and naming the first.
fn duplicates<'a>(
    what: &str,
    items: impl IntoIterator<Item = (&'a str, &'a Location)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<&str, &Location> = BTreeMap::new();
    for (id, at) in items {
        if let Some(first) = seen.get(id) {
            out.push(
                Diagnostic::error("C010", at.clone(), format!("duplicate {what} id '{id}'")).hint(
                    format!("'{id}' is first defined at {first}; ids must be unique"),
                ),
            );
        } else {
            seen.insert(id, at);
        }
    }
}

fn unknown(code: &'static str, at: &Location, what: &str, id: &str, known: &[&str]) -> Diagnostic {
    let d = Diagnostic::error(code, at.clone(), format!("unknown {what} '{id}'"));
    match did_you_mean(id, known.iter().copied()) {
        Some(h) => d.hint(h),
        None if known.len() <= 12 => d.hint(format!("known: {}", known.join(", "))),
        None => d.hint(format!(
            "it must be one of the {} {what} ids defined in the workspace",
            known.len()
        )),
    }
}

/// A unit's category outside the declared `categories`.
fn unknown_category(
    at: &Location,
    cat: &str,
    declared: &[String],
    declared_at: &Location,
) -> Diagnostic {
    let d = Diagnostic::error(
        "C011",
        at.clone(),
        format!("kategorin \"{cat}\" finns inte bland de deklarerade `categories`"),
    );
    let d = match closest(cat, declared.iter().map(String::as_str)) {
        Some(c) => d.hint(format!("menade du \"{c}\"?")),
        None => d,
    };
    d.hint(format!(
        "kategorierna deklareras vid {declared_at}: {}; lägg till den där, eller ta bort listan så att kategorierna är fria",
        declared
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn check_config(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let c = &ws.config;
    duplicates(
        "förvaltning",
        c.forvaltningar.iter().map(|f| (f.id.as_str(), &f.at)),
        out,
    );
    duplicates("unit", c.units.iter().map(|u| (u.id.as_str(), &u.at)), out);
    duplicates(
        "control point",
        c.controls.iter().map(|k| (k.id.as_str(), &k.at)),
        out,
    );
    let forv: Vec<&str> = c.forvaltningar.iter().map(|f| f.id.as_str()).collect();
    for f in &c.forvaltningar {
        if c.units.iter().any(|u| u.id.as_str() == f.id.as_str()) {
            out.push(Diagnostic::error(
                "C010",
                f.at.clone(),
                format!("'{}' is both a förvaltning and a unit id", f.id),
            ));
        }
    }
    for u in &c.units {
        if !forv.contains(&u.forvaltning.as_str()) {
            out.push(unknown(
                "C011",
                &u.forvaltning_at,
                "förvaltning",
                u.forvaltning.as_str(),
                &forv,
            ));
        }
        if let Some(declared) = &c.categories
            && !declared.contains(&u.category)
        {
            out.push(unknown_category(
                &u.category_at,
                &u.category,
                declared,
                &c.categories_at,
            ));
        }
        if u.budget_tkr.is_some_and(|b| !b.is_finite() || b < 0.0) {
            out.push(Diagnostic::error(
                "C012",
                u.at.clone(),
                format!("unit '{}' has a negative budget", u.id),
            ));
        }
    }
    for k in &c.controls {
        for f in &k.forvaltningar {
            if !forv.contains(&f.as_str()) {
                out.push(unknown("C011", &k.at, "förvaltning", f.as_str(), &forv));
            }
        }
    }
    let mut seen = BTreeSet::new();
    for d in &c.arshjul {
        let ok_year = match d.period {
            Period::Plan(y) => y == c.year + 1 || y == c.year,
            p => p.year() == c.year,
        };
        if !ok_year {
            out.push(
                Diagnostic::error(
                    "C013",
                    d.at.clone(),
                    format!("period {} is outside the year {}", d.period, c.year),
                )
                .hint(format!(
                    "the årshjul holds the periods of {} and the planning period {}-plan; `year` is set at {}",
                    c.year,
                    c.year + 1,
                    c.year_at
                )),
            );
        }
        if d.deadline < d.sent {
            out.push(Diagnostic::error(
                "C014",
                d.at.clone(),
                format!(
                    "the deadline {} is before the send-out date {}",
                    d.deadline, d.sent
                ),
            ));
        }
        if !seen.insert((d.period, d.form)) {
            out.push(Diagnostic::error(
                "C010",
                d.at.clone(),
                format!("{} for {} is in the årshjul twice", d.form.key(), d.period),
            ));
        }
    }
}

fn check_catalogue(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let cat = &ws.catalogue;
    duplicates(
        "goal",
        cat.goals.iter().map(|g| (g.id.as_str(), g.locs.entry())),
        out,
    );
    duplicates(
        "indicator",
        cat.indicators
            .iter()
            .map(|i| (i.id.as_str(), i.locs.entry())),
        out,
    );
    let goals: Vec<&str> = cat.goals.iter().map(|g| g.id.as_str()).collect();
    let inds: Vec<&str> = cat.indicators.iter().map(|i| i.id.as_str()).collect();
    // Declared categories are the vocabulary; free ones are those the units use.
    let categories: BTreeSet<&str> = match &ws.config.categories {
        Some(declared) => declared.iter().map(String::as_str).collect(),
        None => ws
            .config
            .units
            .iter()
            .map(|u| u.category.as_str())
            .collect(),
    };
    let cat_list: Vec<&str> = categories.iter().copied().collect();
    for i in &cat.indicators {
        match (i.rollup, &i.weight) {
            (Rollup::WeightedMean, None) => out.push(
                Diagnostic::error(
                    "C015",
                    i.locs.key("rollup").clone(),
                    format!("indicator '{}' rolls up as a weighted mean but names no weight", i.id),
                )
                .hint("add `weight = \"<indicator id>\"`, e.g. the number of årsarbetare, or use rollup = \"mean\""),
            ),
            (Rollup::WeightedMean, Some(w)) if !inds.contains(&w.as_str()) => {
                out.push(unknown("C011", i.locs.key("weight"), "indicator", w.as_str(), &inds));
            }
            (Rollup::WeightedMean, Some(w)) if w == &i.id => out.push(Diagnostic::error(
                "C015",
                i.locs.key("weight").clone(),
                format!("indicator '{}' cannot weigh itself", i.id),
            )),
            (r, Some(_)) if r != Rollup::WeightedMean => out.push(
                Diagnostic::warning(
                    "C016",
                    i.locs.key("weight").clone(),
                    format!("indicator '{}' names a weight but rolls up as {}", i.id, r.key()),
                )
                .hint("the weight is used only with rollup = \"weighted_mean\""),
            ),
            _ => {}
        }
        for g in &i.goals {
            if !goals.contains(&g.as_str()) {
                out.push(unknown(
                    "C011",
                    i.locs.key("goals"),
                    "goal",
                    g.as_str(),
                    &goals,
                ));
            }
        }
        for c in &i.categories {
            if !categories.contains(c.as_str()) {
                out.push(unknown(
                    "C011",
                    i.locs.key("categories"),
                    "unit category",
                    c,
                    &cat_list,
                ));
            }
        }
        if let (Some(min), Some(max)) = (i.min, i.max)
            && min > max
        {
            out.push(Diagnostic::error(
                "C017",
                i.locs.key("min").clone(),
                format!("indicator '{}': min {min} is above max {max}", i.id),
            ));
        }
    }
    check_derivations(ws, out);
    for t in &cat.targets {
        let Some(ind) = cat.indicator(t.indicator.as_str()) else {
            out.push(unknown(
                "C011",
                t.locs.key("indicator"),
                "indicator",
                t.indicator.as_str(),
                &inds,
            ));
            continue;
        };
        match &t.level {
            Level::Kommun => {}
            Level::Forvaltning(f) => {
                if ws.config.forvaltning(f.as_str()).is_none() {
                    let known: Vec<&str> = ws
                        .config
                        .forvaltningar
                        .iter()
                        .map(|f| f.id.as_str())
                        .collect();
                    out.push(unknown(
                        "C011",
                        t.locs.key("id"),
                        "förvaltning",
                        f.as_str(),
                        &known,
                    ));
                }
            }
            Level::Unit(u) => {
                if ws.config.unit(u.as_str()).is_none() {
                    let known: Vec<&str> = ws.config.units.iter().map(|u| u.id.as_str()).collect();
                    out.push(unknown(
                        "C011",
                        t.locs.key("id"),
                        "unit",
                        u.as_str(),
                        &known,
                    ));
                }
            }
        }
        match (ind.direction, t.value) {
            (Direction::Interval, TargetValue::Point(_)) => out.push(
                Diagnostic::error(
                    "C018",
                    t.locs.key("value").clone(),
                    format!(
                        "'{}' is an interval indicator; its målvärde needs `min` and `max`",
                        t.indicator
                    ),
                )
                .hint("replace `value` by `min = ...` and `max = ...`"),
            ),
            (Direction::Higher | Direction::Lower, TargetValue::Interval { .. }) => out.push(
                Diagnostic::error(
                    "C018",
                    t.locs.key("min").clone(),
                    format!(
                        "'{}' is a '{}' indicator; its målvärde is one `value`",
                        t.indicator,
                        ind.direction.key()
                    ),
                )
                .hint("replace `min`/`max` by `value`, or declare direction = \"interval\""),
            ),
            (_, TargetValue::Interval { min, max }) if min > max => out.push(
                Diagnostic::error(
                    "C017",
                    t.locs.key("min").clone(),
                    format!(
                        "målvärde for '{}' {}: min {min} is above max {max}",
                        t.indicator, t.period
                    ),
                )
                .hint("swap the two values"),
            ),
            _ => {}
        }
        if !t.period.is_follow_up() {
            out.push(
                Diagnostic::error(
                    "C013",
                    t.locs.key("period").clone(),
                    format!("a målvärde belongs to a follow-up period, not {}", t.period),
                )
                .hint(format!(
                    "the målvärde for the year {} is written period = \"{}\"",
                    t.period.year(),
                    t.period.year()
                )),
            );
        }
    }
    let mut seen = BTreeMap::new();
    for t in &cat.targets {
        let key = (t.indicator.as_str(), &t.level, t.period);
        if let Some(first) = seen.insert(key, t.locs.entry()) {
            out.push(
                Diagnostic::error(
                    "C010",
                    t.locs.entry().clone(),
                    format!(
                        "a second målvärde for '{}' {} at the same level",
                        t.indicator, t.period
                    ),
                )
                .hint(format!("the first is at {first}")),
            );
        }
    }
}

/// Unknown names (C071), cycles (C072) and unit mismatches (C073) of derived and ratio
/// indicators, at the line and column inside the formula.
fn check_derivations(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let cat = &ws.catalogue;
    let near = |name: &str, known: &[&str]| did_you_mean(name, known.iter().copied());
    for f in crate::model::derived::check(cat, &near) {
        let Some(ind) = cat.indicators.get(f.indicator) else {
            continue;
        };
        let text = ind
            .derived
            .as_ref()
            .and_then(|d| d.parts().into_iter().find(|(k, _)| *k == f.key))
            .map_or("", |(_, formula)| formula.text.as_str());
        let chars = text.get(..f.at).map_or(0, |s| s.chars().count());
        out.push(
            Diagnostic::error(f.code, ind.locs.key(f.key).shifted(chars), f.message).hint(f.hint),
        );
    }
}

fn check_history(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let inds: Vec<&str> = ws
        .catalogue
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    let mut reported = BTreeSet::new();
    let mut missing_ids = BTreeSet::new();
    for o in &ws.history {
        if !inds.contains(&o.indicator.as_str()) && reported.insert(o.indicator.as_str()) {
            out.push(unknown(
                "C011",
                &o.at,
                "indicator",
                o.indicator.as_str(),
                &inds,
            ));
        }
        let missing = match &o.level {
            Level::Kommun => None,
            Level::Forvaltning(f) => ws
                .config
                .forvaltning(f.as_str())
                .is_none()
                .then(|| f.to_string()),
            Level::Unit(u) => ws.config.unit(u.as_str()).is_none().then(|| u.to_string()),
        };
        if let Some(id) = missing
            && missing_ids.insert(id.clone())
        {
            out.push(Diagnostic::warning(
                    "C019",
                    o.at.clone(),
                    format!("history for '{id}', which is not in styr.toml"),
                ).hint("a unit that has been closed or renamed keeps its history; rename the id in historik.csv if it moved"));
        }
    }
}

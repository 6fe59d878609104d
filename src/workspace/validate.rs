//! Checks across the workspace files: references, duplicates and ranges that a parser cannot see.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Location, closest, did_you_mean};
use crate::domain::{Direction, Period, Rollup};
use crate::tx;
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Level, TargetValue};

/// Every semantic problem of a parsed workspace, in file order.
pub fn check(ws: &Workspace) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_config(ws, &mut out);
    check_catalogue(ws, &mut out);
    check_history(ws, &mut out);
    check_report(ws, &mut out);
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
                Diagnostic::error(
                    "C010",
                    at.clone(),
                    tx!("C010", "what" => tx!(what), "id" => id),
                )
                .hint(tx!("C010-hint", "id" => id, "first" => first.to_string())),
            );
        } else {
            seen.insert(id, at);
        }
    }
}

fn unknown(code: &'static str, at: &Location, what: &str, id: &str, known: &[&str]) -> Diagnostic {
    let what = tx!(what);
    let d = Diagnostic::error(code, at.clone(), tx!("C011", "what" => &what, "id" => id));
    match did_you_mean(id, known.iter().copied()) {
        Some(h) => d.hint(h),
        None if known.len() <= 12 => d.hint(tx!("C011-known", "list" => known.join(", "))),
        None => d.hint(tx!("C011-many", "n" => known.len(), "what" => &what)),
    }
}

/// A unit's category outside the declared `categories`.
fn unknown_category(
    at: &Location,
    cat: &str,
    declared: &[String],
    declared_at: &Location,
) -> Diagnostic {
    let d = Diagnostic::error("C011", at.clone(), tx!("C011-category", "category" => cat));
    let d = match closest(cat, declared.iter().map(String::as_str)) {
        Some(c) => d.hint(tx!("did-you-mean-quoted", "name" => c)),
        None => d,
    };
    d.hint(tx!(
        "C011-category-hint",
        "at" => declared_at.to_string(),
        "list" => declared
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn check_config(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let c = &ws.config;
    duplicates(
        "what-forvaltning",
        c.forvaltningar.iter().map(|f| (f.id.as_str(), &f.at)),
        out,
    );
    duplicates(
        "what-unit",
        c.units.iter().map(|u| (u.id.as_str(), &u.at)),
        out,
    );
    duplicates(
        "what-control",
        c.controls.iter().map(|k| (k.id.as_str(), &k.at)),
        out,
    );
    let forv: Vec<&str> = c.forvaltningar.iter().map(|f| f.id.as_str()).collect();
    for f in &c.forvaltningar {
        if c.units.iter().any(|u| u.id.as_str() == f.id.as_str()) {
            out.push(Diagnostic::error(
                "C010",
                f.at.clone(),
                tx!("C010-both", "id" => f.id.to_string()),
            ));
        }
    }
    for u in &c.units {
        if !forv.contains(&u.forvaltning.as_str()) {
            out.push(unknown(
                "C011",
                &u.forvaltning_at,
                "what-forvaltning",
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
                tx!("C012", "id" => u.id.to_string()),
            ));
        }
    }
    for k in &c.controls {
        for f in &k.forvaltningar {
            if !forv.contains(&f.as_str()) {
                out.push(unknown(
                    "C011",
                    &k.at,
                    "what-forvaltning",
                    f.as_str(),
                    &forv,
                ));
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
                    tx!("C013", "period" => d.period.to_string(), "year" => c.year.to_string()),
                )
                .hint(tx!(
                    "C013-hint",
                    "year" => c.year.to_string(),
                    "next" => (c.year + 1).to_string(),
                    "at" => c.year_at.to_string()
                )),
            );
        }
        if d.deadline < d.sent {
            out.push(Diagnostic::error(
                "C014",
                d.at.clone(),
                tx!(
                    "C014",
                    "deadline" => d.deadline.to_string(),
                    "sent" => d.sent.to_string()
                ),
            ));
        }
        if !seen.insert((d.period, d.form)) {
            out.push(Diagnostic::error(
                "C010",
                d.at.clone(),
                tx!("C010-arshjul", "form" => d.form.key(), "period" => d.period.to_string()),
            ));
        }
    }
}

/// `[report]`: the Översikt charts name known indicators, each once, and no more than fit.
fn check_report(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    use crate::workspace::config::MAX_OVERVIEW_CHARTS;
    let Some(charts) = &ws.config.report.overview_charts else {
        return;
    };
    let inds: Vec<&str> = ws
        .catalogue
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    for (id, at) in charts {
        if !inds.contains(&id.as_str()) {
            out.push(unknown("C011", at, "what-indicator", id, &inds));
        }
    }
    duplicates(
        "what-chart",
        charts.iter().map(|(id, at)| (id.as_str(), at)),
        out,
    );
    if let Some((_, at)) = charts.get(MAX_OVERVIEW_CHARTS) {
        out.push(
            Diagnostic::error(
                "C025",
                at.clone(),
                tx!("C025", "n" => charts.len(), "max" => MAX_OVERVIEW_CHARTS),
            )
            .hint(tx!("C025-hint")),
        );
    }
}

fn check_catalogue(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let cat = &ws.catalogue;
    duplicates(
        "what-goal",
        cat.goals.iter().map(|g| (g.id.as_str(), g.locs.entry())),
        out,
    );
    duplicates(
        "what-indicator",
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
                    tx!("C015", "id" => i.id.to_string()),
                )
                .hint(tx!("C015-hint")),
            ),
            (Rollup::WeightedMean, Some(w)) if !inds.contains(&w.as_str()) => {
                out.push(unknown(
                    "C011",
                    i.locs.key("weight"),
                    "what-indicator",
                    w.as_str(),
                    &inds,
                ));
            }
            (Rollup::WeightedMean, Some(w)) if w == &i.id => out.push(Diagnostic::error(
                "C015",
                i.locs.key("weight").clone(),
                tx!("C015-self", "id" => i.id.to_string()),
            )),
            (r, Some(_)) if r != Rollup::WeightedMean => out.push(
                Diagnostic::warning(
                    "C016",
                    i.locs.key("weight").clone(),
                    tx!("C016", "id" => i.id.to_string(), "rollup" => r.key()),
                )
                .hint(tx!("C016-hint")),
            ),
            _ => {}
        }
        for g in &i.goals {
            if !goals.contains(&g.as_str()) {
                out.push(unknown(
                    "C011",
                    i.locs.key("goals"),
                    "what-goal",
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
                    "what-category",
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
                tx!("C017", "id" => i.id.to_string(), "min" => min.to_string(), "max" => max.to_string()),
            ));
        }
    }
    check_derivations(ws, out);
    for t in &cat.targets {
        let Some(ind) = cat.indicator(t.indicator.as_str()) else {
            out.push(unknown(
                "C011",
                t.locs.key("indicator"),
                "what-indicator",
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
                        "what-forvaltning",
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
                        "what-unit",
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
                    tx!("C018-interval", "id" => t.indicator.to_string()),
                )
                .hint(tx!("C018-interval-hint")),
            ),
            (Direction::Higher | Direction::Lower, TargetValue::Interval { .. }) => out.push(
                Diagnostic::error(
                    "C018",
                    t.locs.key("min").clone(),
                    tx!("C018", "id" => t.indicator.to_string(), "direction" => ind.direction.key()),
                )
                .hint(tx!("C018-hint")),
            ),
            (_, TargetValue::Interval { min, max }) if min > max => out.push(
                Diagnostic::error(
                    "C017",
                    t.locs.key("min").clone(),
                    tx!(
                        "C017-target",
                        "id" => t.indicator.to_string(),
                        "period" => t.period.to_string(),
                        "min" => min.to_string(),
                        "max" => max.to_string()
                    ),
                )
                .hint(tx!("C017-hint")),
            ),
            _ => {}
        }
        if !t.period.is_follow_up() {
            out.push(
                Diagnostic::error(
                    "C013",
                    t.locs.key("period").clone(),
                    tx!("C013-target", "period" => t.period.to_string()),
                )
                .hint(tx!("C013-target-hint", "year" => t.period.year().to_string())),
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
                    tx!(
                        "C010-target",
                        "id" => t.indicator.to_string(),
                        "period" => t.period.to_string()
                    ),
                )
                .hint(tx!("C010-target-hint", "first" => first.to_string())),
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
                "what-indicator",
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
            out.push(
                Diagnostic::warning("C019", o.at.clone(), tx!("C019", "id" => &id))
                    .hint(tx!("C019-hint")),
            );
        }
    }
}

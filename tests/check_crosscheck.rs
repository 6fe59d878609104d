//! An independent cross-check of `styr check` on the example municipality (sample-data): every
//! unit reports every indicator it should, with random values from a fixed seed (and most units
//! a forecast); the statuses, values, deviations, trends, coverage and economy are recomputed
//! here in plain Rust, without polars and without calling into the check module, from the rules
//! as the documentation states them, and must agree row for row with what `check::evaluate`
//! computed with polars. The rules restated include: historik.csv gives earlier periods only
//! (the period itself only for centrally reported indicators); a cumulative indicator's trend
//! compares equal spans; a total with a unit missing is not judged, a mean says how many units
//! it covers; a derived indicator is computed from its inputs (its formula evaluated by the
//! model, the inputs found here) and a ratio rolls up as Σ numerator / Σ denominator; a sum
//! inherits only a balance målvärde of 0.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use styr::analysis::check::{self, CheckResult, IndicatorRow, Status, Trend};
use styr::analysis::store::{Store, StoredValue};
use styr::domain::{Area, Direction, FormKind, Frequency, Period, ReportedBy, Rollup, TertialRule};
use styr::form::FieldRole;
use styr::workspace::Workspace;
use styr::workspace::catalogue::{Indicator, Level, TargetValue, Tolerance};

// ---- a small deterministic generator (xorshift) ----

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ---- the rules, restated ----

const EPS: f64 = 1e-9;

fn tol_width(t: Tolerance, bound: f64) -> f64 {
    match t {
        Tolerance::None => 0.0,
        Tolerance::Absolute(w) => w,
        Tolerance::Relative(p) => bound.abs() * p / 100.0,
    }
}

fn ge(v: f64, b: f64) -> bool {
    v >= b - EPS * (1.0 + b.abs())
}

fn le(v: f64, b: f64) -> bool {
    v <= b + EPS * (1.0 + b.abs())
}

/// The effective målvärde: (min, max, tolerance, judged).
#[derive(Debug, Clone, Copy)]
struct Eff {
    lo: f64,
    hi: f64,
    tol: Tolerance,
    judged: bool,
}

/// Whether a unit has a row of the indicator (reported or derived).
fn reports(ind: &Indicator, category: &str, p: Period) -> bool {
    ind.reported_by == ReportedBy::Unit
        && frequency_ok(ind.frequency, p)
        && (ind.categories.is_empty() || ind.categories.iter().any(|c| c == category))
}

/// Whether a unit is asked for the indicator: a derived one never is.
fn asked(ind: &Indicator, category: &str, p: Period) -> bool {
    reports(ind, category, p) && ind.derived.is_none()
}

fn frequency_ok(f: Frequency, p: Period) -> bool {
    match p {
        Period::Month { .. } => f == Frequency::Month,
        Period::Tertial { .. } => f != Frequency::Year,
        Period::Year(_) => true,
        Period::Plan(_) => false,
    }
}

fn lookup(ws: &Workspace, ind: &str, level: &Level, p: Period) -> Option<TargetValue> {
    ws.catalogue
        .targets
        .iter()
        .find(|t| t.indicator.as_str() == ind && &t.level == level && t.period == p)
        .map(|t| t.value)
}

fn effective(ws: &Workspace, ind: &Indicator, chain: &[Level], p: Period) -> Option<Eff> {
    let range = |t: TargetValue| match t {
        TargetValue::Point(v) => (v, v),
        TargetValue::Interval { min, max } => (min, max),
    };
    // A sum only has the målvärde of its own level (a total above is no target for a part),
    // except a balance målvärde of 0.
    let refused = |depth: usize, t: TargetValue| {
        depth > 0 && ind.rollup == Rollup::Sum && t != TargetValue::Point(0.0)
    };
    for (depth, level) in chain.iter().enumerate() {
        if let Some(t) = lookup(ws, ind.id.as_str(), level, p) {
            if refused(depth, t) {
                return None;
            }
            let (lo, hi) = range(t);
            return Some(Eff {
                lo,
                hi,
                tol: ind.tolerance,
                judged: true,
            });
        }
        if let Period::Year(_) = p {
            continue;
        }
        if let Some(t) = lookup(ws, ind.id.as_str(), level, Period::Year(p.year())) {
            if refused(depth, t) {
                return None;
            }
            let (lo, hi) = range(t);
            return Some(match ind.tertial_rule {
                TertialRule::Annual => Eff {
                    lo,
                    hi,
                    tol: ind.tolerance,
                    judged: true,
                },
                TertialRule::NotJudged => Eff {
                    lo,
                    hi,
                    tol: ind.tolerance,
                    judged: false,
                },
                TertialRule::ProRata => {
                    let months = match p {
                        Period::Month { month, .. } => f64::from(month),
                        Period::Tertial { tertial, .. } => 4.0 * f64::from(tertial),
                        _ => 12.0,
                    };
                    let f = months / 12.0;
                    let tol = match ind.tolerance {
                        Tolerance::Absolute(w) => Tolerance::Absolute(w * f),
                        t => t,
                    };
                    Eff {
                        lo: lo * f,
                        hi: hi * f,
                        tol,
                        judged: true,
                    }
                }
            });
        }
    }
    None
}

fn status(d: Direction, v: Option<f64>, t: Option<Eff>) -> Status {
    let (Some(v), Some(t)) = (v, t) else {
        return Status::EjBedomt;
    };
    if !t.judged {
        return Status::EjBedomt;
    }
    let inside = |lo: f64, hi: f64| match d {
        Direction::Higher => ge(v, lo),
        Direction::Lower => le(v, hi),
        Direction::Interval => ge(v, lo) && le(v, hi),
    };
    if inside(t.lo, t.hi) {
        Status::Uppfyllt
    } else if inside(t.lo - tol_width(t.tol, t.lo), t.hi + tol_width(t.tol, t.hi)) {
        Status::Delvis
    } else {
        Status::EjUppfyllt
    }
}

fn deviation(d: Direction, v: Option<f64>, t: Option<Eff>) -> Option<f64> {
    let (v, t) = (v?, t?);
    if !t.judged {
        return None;
    }
    Some(match d {
        Direction::Higher => v - t.lo,
        Direction::Lower => v - t.hi,
        Direction::Interval if v < t.lo => v - t.lo,
        Direction::Interval if v > t.hi => v - t.hi,
        Direction::Interval => 0.0,
    })
}

/// The months a year-to-date value covers.
fn months(p: Period) -> f64 {
    match p {
        Period::Month { month, .. } => f64::from(month),
        Period::Tertial { tertial, .. } => 4.0 * f64::from(tertial),
        _ => 12.0,
    }
}

/// An earlier value as a trend compares it: a cumulative (pro-rata) indicator's value over
/// another number of months at the pace of the period checked.
fn like_with_like(ind: &Indicator, before: Option<f64>, then: Period, now: Period) -> Option<f64> {
    match ind.tertial_rule {
        TertialRule::ProRata => before.map(|b| b / months(then) * months(now)),
        _ => before,
    }
}

fn trend(ind: &Indicator, now: Option<f64>, before: Option<f64>, t: Option<Eff>) -> Option<Trend> {
    let (v, e) = (now?, before?);
    let gain = match ind.direction {
        Direction::Higher => v - e,
        Direction::Lower => e - v,
        Direction::Interval => {
            let t = t?;
            let dist = |x: f64| (t.lo - x).max(x - t.hi).max(0.0);
            dist(e) - dist(v)
        }
    };
    let tiny = EPS * (1.0 + v.abs() + e.abs());
    let thr = ind.unchanged;
    Some(
        if gain.abs() <= tiny || gain.abs() < thr - EPS * (1.0 + thr.abs()) {
            Trend::Oforandrad
        } else if gain > 0.0 {
            Trend::Battre
        } else {
            Trend::Samre
        },
    )
}

/// Rolls up the values of a level's units (`rows`: value and weight of the units with a value;
/// `missing`: units of the level without a value).
fn roll(rule: Rollup, rows: &[(f64, Option<f64>)], missing: usize, scale: f64) -> Option<f64> {
    let vals: Vec<f64> = rows.iter().map(|r| r.0).collect();
    if vals.is_empty() {
        return None;
    }
    match rule {
        Rollup::Sum if missing > 0 => None,
        Rollup::Sum => Some(vals.iter().sum()),
        Rollup::Mean => Some(vals.iter().sum::<f64>() / vals.len() as f64),
        Rollup::Median => {
            let mut s = vals.clone();
            s.sort_by(f64::total_cmp);
            let n = s.len();
            Some(if n % 2 == 1 {
                s[n / 2]
            } else {
                (s[n / 2 - 1] + s[n / 2]) / 2.0
            })
        }
        Rollup::WeightedMean => {
            let with: Vec<(f64, f64)> =
                rows.iter().filter_map(|(v, w)| Some((*v, (*w)?))).collect();
            let den: f64 = with.iter().map(|x| x.1).sum();
            if with.is_empty() || den == 0.0 {
                None
            } else {
                Some(with.iter().map(|x| x.0 * x.1).sum::<f64>() / den)
            }
        }
        // Σ numerator / Σ denominator (a row is a unit's numerator and denominator).
        Rollup::Ratio => {
            let n: f64 = rows.iter().map(|r| r.0).sum();
            let d: f64 = rows.iter().filter_map(|r| r.1).sum();
            (d != 0.0).then(|| n / d * scale)
        }
        Rollup::None => None,
    }
}

/// A unit's value at `q` (value, and for a ratio its numerator and denominator): a derived
/// indicator computed from its inputs (the budget of the workspace's year, spent and forecast
/// from the store, the period's months, other indicators' values), else, like any indicator,
/// the store's value or the history's line.
fn unit_value(
    ws: &Workspace,
    store: &Store,
    q: Period,
    hist: &dyn Fn(&Level, &str) -> Option<f64>,
    u: &str,
    ind: &str,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let plain = || {
        let stored = store
            .values
            .iter()
            .find(|v| v.period == q && v.unit == u && v.key == ind)
            .and_then(|v| v.number);
        let l = Level::Unit(styr::domain::UnitId::new(u).unwrap());
        (stored.or_else(|| hist(&l, ind)), None, None)
    };
    let Some(d) = ws.catalogue.indicator(ind).and_then(|i| i.derived.as_ref()) else {
        return plain();
    };
    let unit = ws.config.unit(u).unwrap();
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let role = |r: FieldRole| {
        let (sec, field) = def.with_role(r)[0];
        store
            .values
            .iter()
            .find(|v| v.period == q && v.unit == u && v.section == sec.id && v.field == field.id)
            .and_then(|v| v.number)
    };
    let input = |name: &str| match name {
        "budget" if q.year() == ws.config.year => unit.budget_tkr,
        "budget" => None,
        "spent" => role(FieldRole::Spent),
        "forecast" => role(FieldRole::Forecast),
        "months" => Some(months(q)),
        other => unit_value(ws, store, q, hist, u, other).0,
    };
    let got = d.eval(&input);
    if got.value.is_some() || (got.numerator.is_some() && got.denominator.is_some()) {
        (got.value, got.numerator, got.denominator)
    } else {
        plain()
    }
}

// ---- the synthetic store ----

fn outcome_cell(ws: &Workspace, area: Area) -> (String, String, String) {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let (sec, field) = def
        .with_role(FieldRole::Outcome)
        .into_iter()
        .find(|(s, _)| s.areas.is_empty() || s.areas.contains(&area))
        .unwrap();
    (sec.id.clone(), field.id.clone(), sec.sheet.clone())
}

fn synthetic_store(ws: &Workspace, p: Period, seed: u64) -> Store {
    let mut rng = Rng(seed);
    let version = ws.forms.current(FormKind::Uppfoljning).unwrap().version;
    let mut values = Vec::new();
    for u in &ws.config.units {
        let chain = [
            Level::Unit(u.id.clone()),
            Level::Forvaltning(u.forvaltning.clone()),
            Level::Kommun,
        ];
        for (row, ind) in ws.catalogue.indicators.iter().enumerate() {
            if !asked(ind, &u.category, p) {
                continue;
            }
            if rng.next() < 0.05 {
                continue; // a value the unit left empty
            }
            let (center, spread) = match effective(ws, ind, &chain, p) {
                Some(t) => {
                    let c = (t.lo + t.hi) / 2.0;
                    let w = tol_width(t.tol, c).max((t.hi - t.lo) / 2.0);
                    (c, (3.0 * w).max(0.1 * c.abs()).max(1.0))
                }
                None => (50.0, 50.0),
            };
            let raw = center + spread * (2.0 * rng.next() - 1.0);
            let scale = 10f64.powi(i32::from(ind.decimals));
            let mut v = (raw * scale).round() / scale;
            if ind.id.as_str() == "arsarbetare" {
                v = v.abs().max(1.0);
            }
            let (section, field, sheet) = outcome_cell(ws, ind.area);
            values.push(StoredValue {
                period: p,
                form: FormKind::Uppfoljning,
                form_version: version,
                unit: u.id.to_string(),
                section,
                key: ind.id.to_string(),
                field,
                number: Some(v),
                text: None,
                file: format!("{}.xlsx", u.id),
                sha256: format!("{:064}", 0),
                sheet,
                cell: format!("H{}", 6 + row),
                collected_at: "2026-05-02T10:00:00Z".into(),
                preliminary: false,
                error: None,
                mail: None,
                import: None,
            });
        }
    }
    // Economy: a full-year forecast around the budget, for most units (the rest send none).
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let (sec, field) = def.with_role(FieldRole::Forecast)[0];
    for u in &ws.config.units {
        let Some(budget) = u.budget_tkr else { continue };
        if rng.next() < 0.1 {
            continue;
        }
        let forecast = (budget * (0.97 + 0.05 * rng.next())).round();
        values.push(StoredValue {
            period: p,
            form: FormKind::Uppfoljning,
            form_version: version,
            unit: u.id.to_string(),
            section: sec.id.clone(),
            key: String::new(),
            field: field.id.clone(),
            number: Some(forecast),
            text: None,
            file: format!("{}.xlsx", u.id),
            sha256: format!("{:064}", 0),
            sheet: sec.sheet.clone(),
            cell: "C6".into(),
            collected_at: "2026-05-02T10:00:00Z".into(),
            preliminary: false,
            error: None,
            mail: None,
            import: None,
        });
    }
    Store { values }
}

/// The economy, restated: a unit is judged by budget − forecast; a förvaltning or the kommun
/// only when every one of its units has both (a total with a unit missing is no total).
fn economy_check(ws: &Workspace, store: &Store, p: Period, result: &CheckResult) {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let (sec, field) = def.with_role(FieldRole::Forecast)[0];
    let forecast = |u: &str| {
        store
            .values
            .iter()
            .find(|v| v.period == p && v.unit == u && v.section == sec.id && v.field == field.id)
            .and_then(|v| v.number)
    };
    let judge = |budget: f64, forecast: f64| {
        let dev = budget - forecast;
        let eps = EPS * (1.0 + budget.abs());
        if dev >= -eps {
            Status::Uppfyllt
        } else if dev >= -budget.abs() * 0.01 - eps {
            Status::Delvis
        } else {
            Status::EjUppfyllt
        }
    };
    let mut partial = 0;
    for e in result.economy.iter() {
        let units: Vec<_> = ws
            .config
            .units
            .iter()
            .filter(|u| match &e.level {
                Level::Kommun => true,
                Level::Forvaltning(f) => &u.forvaltning == f,
                Level::Unit(id) => &u.id == id,
            })
            .collect();
        let both: Vec<(f64, f64)> = units
            .iter()
            .filter_map(|u| Some((u.budget_tkr?, forecast(u.id.as_str())?)))
            .collect();
        let missing = units.len() - both.len();
        assert_eq!(
            (e.units as usize, e.missing as usize),
            (both.len(), missing),
            "{:?}",
            e.level
        );
        let want = if missing > 0 || both.is_empty() {
            if !matches!(e.level, Level::Unit(_)) && missing > 0 {
                partial += 1;
                assert_eq!(
                    e.coverage(),
                    Some(format!("{} av {} enheter", both.len(), units.len())),
                    "{:?}",
                    e.level
                );
            }
            assert_eq!(
                e.deviation_tkr, None,
                "{:?}: no total, no deviation",
                e.level
            );
            Status::EjBedomt
        } else {
            let (b, f) = both
                .iter()
                .fold((0.0, 0.0), |(b, f), (x, y)| (b + x, f + y));
            assert!(same(e.deviation_tkr, Some(b - f)), "{:?}", e.level);
            judge(b, f)
        };
        assert_eq!(e.status, want, "{:?}: economy", e.level);
    }
    assert!(partial > 0, "{p}: no level with a unit missing");
}

// ---- the cross-check ----

type Key = (Level, String);

/// Whether historik.csv counts for `ind` in period `q` when `checked` is checked: for earlier
/// periods, and for the period itself only for centrally reported indicators (no return
/// carries them).
fn history_counts(ws: &Workspace, ind: &str, q: Period, checked: Period) -> bool {
    q != checked
        || ws
            .catalogue
            .indicator(ind)
            .is_some_and(|i| i.reported_by == ReportedBy::Central)
}

/// Values by (level, indicator) at period `q`: unit values from the store, else the history
/// (earlier periods only, see [`history_counts`]); förvaltning and kommun values as given in
/// the history, else rolled up from `units`.
fn values_at(
    ws: &Workspace,
    store: &Store,
    q: Period,
    checked: Period,
    unit_rows: &BTreeSet<Key>,
) -> BTreeMap<Key, Option<f64>> {
    let hist = |l: &Level, ind: &str| {
        if !history_counts(ws, ind, q, checked) {
            return None;
        }
        ws.history
            .iter()
            .find(|o| &o.level == l && o.indicator.as_str() == ind && o.period == q)
            .map(|o| o.value)
    };
    let unit_value = |l: &Level, ind: &str| match l {
        Level::Unit(u) => unit_value(ws, store, q, &hist, u.as_str(), ind),
        _ => (None, None, None),
    };
    let mut out = BTreeMap::new();
    for (l, ind) in unit_rows {
        out.insert((l.clone(), ind.clone()), unit_value(l, ind).0);
    }
    // Roll-ups.
    for ind in &ws.catalogue.indicators {
        let mut groups: BTreeMap<Level, Vec<(f64, Option<f64>)>> = BTreeMap::new();
        let mut missing: BTreeMap<Level, usize> = BTreeMap::new();
        for (l, i) in unit_rows {
            if i != ind.id.as_str() {
                continue;
            }
            let Level::Unit(u) = l else { continue };
            let f = Level::Forvaltning(ws.config.unit(u.as_str()).unwrap().forvaltning.clone());
            let (value, num, den) = unit_value(l, i);
            // A ratio counts a unit by its numerator and denominator, rolled up as their sums.
            let pair = match ind.rollup {
                Rollup::Ratio => num.zip(den),
                _ => value.map(|v| (v, f64::NAN)),
            };
            let Some((v, d)) = pair else {
                *missing.entry(f).or_default() += 1;
                *missing.entry(Level::Kommun).or_default() += 1;
                continue;
            };
            let w = match ind.rollup {
                Rollup::Ratio => Some(d),
                _ => ind
                    .weight
                    .as_ref()
                    .and_then(|w| unit_value(l, w.as_str()).0),
            };
            groups.entry(f).or_default().push((v, w));
            groups.entry(Level::Kommun).or_default().push((v, w));
        }
        let mut levels: BTreeSet<Level> = groups.keys().cloned().collect();
        levels.insert(Level::Kommun);
        for f in &ws.config.forvaltningar {
            levels.insert(Level::Forvaltning(f.id.clone()));
        }
        for l in levels {
            let rows = groups.get(&l).cloned().unwrap_or_default();
            let m = missing.get(&l).copied().unwrap_or(0);
            let scale = match &ind.derived {
                Some(styr::model::Derivation::Ratio { scale, .. }) => *scale,
                _ => 1.0,
            };
            let v = hist(&l, ind.id.as_str()).or_else(|| roll(ind.rollup, &rows, m, scale));
            out.insert((l, ind.id.to_string()), v);
        }
    }
    out
}

fn chain_of(ws: &Workspace, l: &Level) -> Vec<Level> {
    match l {
        Level::Kommun => vec![Level::Kommun],
        Level::Forvaltning(f) => vec![Level::Forvaltning(f.clone()), Level::Kommun],
        Level::Unit(u) => vec![
            l.clone(),
            Level::Forvaltning(ws.config.unit(u.as_str()).unwrap().forvaltning.clone()),
            Level::Kommun,
        ],
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs())),
        _ => false,
    }
}

fn cross_check(ws: &Workspace, p: Period, seed: u64) -> usize {
    let store = synthetic_store(ws, p, seed);
    let result: CheckResult = check::evaluate(ws, &store, p).unwrap();
    // The rows that must exist.
    let mut unit_rows: BTreeSet<Key> = BTreeSet::new();
    for u in &ws.config.units {
        for ind in &ws.catalogue.indicators {
            if reports(ind, &u.category, p) {
                unit_rows.insert((Level::Unit(u.id.clone()), ind.id.to_string()));
            }
        }
    }
    let got_units: BTreeSet<Key> = result
        .indicators
        .units
        .iter()
        .map(|r| (r.level.clone(), r.indicator.to_string()))
        .collect();
    assert_eq!(got_units, unit_rows, "{p}: the unit rows");

    // Förvaltningar with a unit row (or a given value), the kommun for every indicator of the
    // period.
    let given = |l: &Level, ind: &str| {
        history_counts(ws, ind, p, p)
            && ws
                .history
                .iter()
                .any(|o| &o.level == l && o.indicator.as_str() == ind && o.period == p)
    };
    let mut upper: BTreeSet<Key> = BTreeSet::new();
    for (l, ind) in &unit_rows {
        let Level::Unit(u) = l else { continue };
        let f = ws.config.unit(u.as_str()).unwrap().forvaltning.clone();
        upper.insert((Level::Forvaltning(f), ind.clone()));
        upper.insert((Level::Kommun, ind.clone()));
    }
    for ind in &ws.catalogue.indicators {
        if frequency_ok(ind.frequency, p) || given(&Level::Kommun, ind.id.as_str()) {
            upper.insert((Level::Kommun, ind.id.to_string()));
        }
        for f in &ws.config.forvaltningar {
            let l = Level::Forvaltning(f.id.clone());
            if given(&l, ind.id.as_str()) {
                upper.insert((l, ind.id.to_string()));
            }
        }
    }
    let got_upper: BTreeSet<Key> = result
        .indicators
        .kommun
        .iter()
        .chain(&result.indicators.forvaltningar)
        .map(|r| (r.level.clone(), r.indicator.to_string()))
        .collect();
    assert_eq!(got_upper, upper, "{p}: the förvaltning and kommun rows");

    let now = values_at(ws, &store, p, p, &unit_rows);
    let prev = values_at(ws, &store, p.previous(), p, &unit_rows);
    let ly = values_at(ws, &store, p.same_last_year(), p, &unit_rows);
    let inds: BTreeMap<&str, &Indicator> = ws
        .catalogue
        .indicators
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    let mut checked = 0;
    let mut seen: BTreeMap<Status, usize> = BTreeMap::new();
    for r in result.indicators.iter() {
        let ind = inds[r.indicator.as_str()];
        let key = (r.level.clone(), r.indicator.to_string());
        let v = now.get(&key).copied().flatten();
        let t = effective(ws, ind, &chain_of(ws, &r.level), p);
        let what = |x: &IndicatorRow| format!("{p} {:?} {}", x.level, x.indicator);
        assert!(
            same(r.value, v),
            "{}: value {:?}, recomputed {v:?}",
            what(r),
            r.value
        );
        let want = status(ind.direction, v, t);
        *seen.entry(want).or_default() += 1;
        assert_eq!(r.status, want, "{}: value {v:?}, target {t:?}", what(r));
        assert!(
            same(r.deviation, deviation(ind.direction, v, t)),
            "{}: deviation {:?}",
            what(r),
            r.deviation
        );
        let before = prev.get(&key).copied().flatten();
        assert!(
            same(r.previous.value, before),
            "{}: previous {:?} vs {before:?}",
            what(r),
            r.previous.value
        );
        let before_cmp = like_with_like(ind, before, p.previous(), p);
        assert!(
            same(r.previous.compared, before_cmp),
            "{}: compared {:?} vs {before_cmp:?}",
            what(r),
            r.previous.compared
        );
        assert_eq!(
            r.previous.trend,
            trend(ind, v, before_cmp, t),
            "{}: trend vs {before_cmp:?}",
            what(r)
        );
        let ly_v = ly.get(&key).copied().flatten();
        assert!(same(r.last_year.value, ly_v), "{}: last year", what(r));
        assert_eq!(
            r.last_year.trend,
            trend(ind, v, like_with_like(ind, ly_v, p.same_last_year(), p), t),
            "{}: trend last year",
            what(r)
        );
        // A mean of some units is judged as partial and says how many units it covers.
        if let Some(provenance_missing) = match &r.provenance {
            check::Provenance::Rollup {
                missing,
                without_weight,
                from,
                ..
            } => Some((from.len(), (missing + without_weight) as usize)),
            _ => None,
        } {
            let (counted, missing) = provenance_missing;
            assert_eq!(
                r.coverage(),
                (missing > 0).then(|| format!("{counted} av {} enheter", counted + missing)),
                "{}",
                what(r)
            );
        }
        checked += 1;
    }
    economy_check(ws, &store, p, &result);
    // The statuses are not all the same colour: the check covers every branch.
    for s in [
        Status::Uppfyllt,
        Status::Delvis,
        Status::EjUppfyllt,
        Status::EjBedomt,
    ] {
        assert!(
            seen.get(&s).copied().unwrap_or(0) > 0,
            "{p}: no {s:?} row: {seen:?}"
        );
    }
    checked
}

fn sample() -> Workspace {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    match Workspace::load(&root) {
        Ok(ws) => ws,
        Err(e) => panic!("sample-data does not load: {e:?}"),
    }
}

#[test]
fn statuses_agree_with_a_plain_rust_recomputation_tertial() {
    let ws = sample();
    let n = cross_check(&ws, Period::parse("2026-T1").unwrap(), 0x5eed_0001);
    assert!(n > 400, "{n} rows checked");
}

#[test]
fn statuses_agree_with_a_plain_rust_recomputation_year() {
    let ws = sample();
    let n = cross_check(&ws, Period::parse("2026").unwrap(), 0x5eed_0002);
    assert!(n > 400, "{n} rows checked");
}

#[test]
fn statuses_agree_with_a_plain_rust_recomputation_second_tertial_and_month() {
    let ws = sample();
    cross_check(&ws, Period::parse("2026-T2").unwrap(), 0x5eed_0003);
    cross_check(&ws, Period::parse("2026-03").unwrap(), 0x5eed_0004);
}

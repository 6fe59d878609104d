//! `styr check`: status rules, period targets, roll-ups, trends, economy, goals, activities and
//! quality factors, against numbers computed by hand. Property tests at the end.

use std::path::Path;

use proptest::prelude::*;
use styr::analysis::check::{
    self, CheckResult, IndicatorRow, Provenance, Reason, Status, TargetBasis, Trend,
};
use styr::analysis::store::{Store, StoredValue};
use styr::domain::{Direction, FormKind, Period, UnitId};
use styr::form::FieldRole;
use styr::workspace::Workspace;
use styr::workspace::catalogue::{Level, TargetValue, Tolerance};

// ---------------------------------------------------------------------------------------------
// Support: a workspace written into a temporary folder, stored values found by role
// ---------------------------------------------------------------------------------------------

fn workspace(config: &str, catalogue: &str, history: &str) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("styr.toml"), config).unwrap();
    std::fs::write(dir.path().join("indikatorer.toml"), catalogue).unwrap();
    if !history.is_empty() {
        std::fs::write(dir.path().join("historik.csv"), history).unwrap();
    }
    let ws = match Workspace::load(dir.path()) {
        Ok(ws) => ws,
        Err(e) => panic!("workspace does not load: {e:?}"),
    };
    (dir, ws)
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

/// A stored value of the uppföljning form in the (first) field with `role`.
fn stored(
    ws: &Workspace,
    period: &str,
    unit: &str,
    role: FieldRole,
    key: &str,
    number: Option<f64>,
    text: Option<&str>,
) -> StoredValue {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let (sec, field) = def.with_role(role)[0];
    StoredValue {
        period: p(period),
        form: FormKind::Uppfoljning,
        form_version: def.version,
        unit: unit.into(),
        section: sec.id.clone(),
        key: key.into(),
        field: field.id.clone(),
        number,
        text: text.map(str::to_string),
        file: format!("{unit}.xlsx"),
        sha256: "ab".repeat(32),
        sheet: sec.sheet.clone(),
        cell: format!("H{}", 6 + key.len()),
        collected_at: "2026-05-02T10:00:00Z".into(),
        preliminary: false,
        error: None,
        mail: None,
        import: None,
    }
}

fn outcome(ws: &Workspace, period: &str, unit: &str, ind: &str, v: f64) -> StoredValue {
    stored(ws, period, unit, FieldRole::Outcome, ind, Some(v), None)
}

fn row<'a>(rows: &'a [IndicatorRow], level: &Level, ind: &str) -> &'a IndicatorRow {
    rows.iter()
        .find(|r| &r.level == level && r.indicator.as_str() == ind)
        .unwrap_or_else(|| panic!("no row {level:?} {ind}"))
}

fn unit(id: &str) -> Level {
    Level::Unit(UnitId::new(id).unwrap())
}

fn forv(id: &str) -> Level {
    Level::Forvaltning(styr::domain::ForvaltningId::new(id).unwrap())
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() <= 1e-9 * (1.0 + b.abs()))
}

// ---------------------------------------------------------------------------------------------
// Status: every direction × tolerance × missing value / missing target, boundaries
// ---------------------------------------------------------------------------------------------

use Status::{Delvis as D, EjBedomt as G, EjUppfyllt as R, Uppfyllt as U};

fn judge_table(
    direction: Direction,
    tolerance: Tolerance,
    target: TargetValue,
    cases: &[(f64, Status)],
) {
    let mut input: Vec<_> = cases
        .iter()
        .map(|(v, _)| (direction, tolerance, Some(target), Some(*v)))
        .collect();
    input.push((direction, tolerance, Some(target), None));
    input.push((direction, tolerance, None, Some(1.0)));
    input.push((direction, tolerance, None, None));
    let got = check::judge(&input).unwrap();
    for (i, (v, want)) in cases.iter().enumerate() {
        assert_eq!(
            got[i], *want,
            "{direction:?} {tolerance:?} target {target:?}: outcome {v}"
        );
    }
    let n = cases.len();
    assert_eq!(
        got[n], G,
        "{direction:?} {tolerance:?}: no outcome is Ej bedömt"
    );
    assert_eq!(
        got[n + 1],
        G,
        "{direction:?} {tolerance:?}: no target is Ej bedömt"
    );
    assert_eq!(
        got[n + 2],
        G,
        "{direction:?} {tolerance:?}: neither is Ej bedömt"
    );
}

#[test]
fn higher_is_better_without_tolerance() {
    judge_table(
        Direction::Higher,
        Tolerance::None,
        TargetValue::Point(95.0),
        &[(95.0, U), (100.0, U), (94.99, R), (0.0, R)],
    );
}

#[test]
fn higher_is_better_with_absolute_tolerance() {
    judge_table(
        Direction::Higher,
        Tolerance::Absolute(5.0),
        TargetValue::Point(95.0),
        &[
            (95.0, U),
            (96.0, U),
            (94.99, D),
            (92.0, D),
            (90.0, D),
            (89.99, R),
        ],
    );
}

#[test]
fn higher_is_better_with_relative_tolerance() {
    // 5 % of 95 is 4,75: the band ends at 90,25.
    judge_table(
        Direction::Higher,
        Tolerance::Relative(5.0),
        TargetValue::Point(95.0),
        &[(95.0, U), (94.0, D), (90.25, D), (90.24, R)],
    );
}

#[test]
fn lower_is_better_without_tolerance() {
    judge_table(
        Direction::Lower,
        Tolerance::None,
        TargetValue::Point(6.5),
        &[(6.5, U), (2.0, U), (6.51, R)],
    );
}

#[test]
fn lower_is_better_with_absolute_tolerance() {
    judge_table(
        Direction::Lower,
        Tolerance::Absolute(1.0),
        TargetValue::Point(6.5),
        &[(6.5, U), (5.0, U), (6.6, D), (7.5, D), (7.51, R)],
    );
}

#[test]
fn lower_is_better_with_relative_tolerance() {
    // 10 % of 6,5 is 0,65: the band ends at 7,15, which binary floating point puts a hair
    // away from 6,5 + 0,65; typed as 7,15 it is on the edge.
    judge_table(
        Direction::Lower,
        Tolerance::Relative(10.0),
        TargetValue::Point(6.5),
        &[(6.5, U), (7.0, D), (7.15, D), (7.16, R)],
    );
}

#[test]
fn interval_without_tolerance() {
    let t = TargetValue::Interval { min: 4.5, max: 5.5 };
    judge_table(
        Direction::Interval,
        Tolerance::None,
        t,
        &[(4.5, U), (5.0, U), (5.5, U), (4.49, R), (5.51, R)],
    );
}

#[test]
fn interval_with_absolute_tolerance() {
    let t = TargetValue::Interval { min: 4.5, max: 5.5 };
    judge_table(
        Direction::Interval,
        Tolerance::Absolute(0.5),
        t,
        &[
            (4.5, U),
            (5.5, U),
            (4.2, D),
            (4.0, D),
            (6.0, D),
            (3.99, R),
            (6.01, R),
        ],
    );
}

#[test]
fn interval_with_relative_tolerance() {
    // 10 % of each bound: 0,45 below 4,5 and 0,55 above 5,5.
    let t = TargetValue::Interval { min: 4.5, max: 5.5 };
    judge_table(
        Direction::Interval,
        Tolerance::Relative(10.0),
        t,
        &[(5.0, U), (4.05, D), (4.04, R), (6.05, D), (6.06, R)],
    );
}

#[test]
fn a_target_of_zero_and_negative_outcomes() {
    // A budget deviation with målvärde 0 and a band of 250 tkr.
    judge_table(
        Direction::Higher,
        Tolerance::Absolute(250.0),
        TargetValue::Point(0.0),
        &[(0.0, U), (-250.0, D), (-250.5, R), (1e6, U)],
    );
    // 5 % of zero is no band at all.
    judge_table(
        Direction::Lower,
        Tolerance::Relative(5.0),
        TargetValue::Point(0.0),
        &[(0.0, U), (1e-6, R), (-3.0, U)],
    );
}

// ---------------------------------------------------------------------------------------------
// A small municipality for roll-ups, period targets, trends, economy and provenance
// ---------------------------------------------------------------------------------------------

const CONFIG: &str = r#"
year = 2026
[kommun]
name = "Provby kommun"

[[forvaltning]]
id = "F1"
name = "Första förvaltningen"

[[forvaltning]]
id = "F2"
name = "Andra förvaltningen"

[[enhet]]
id = "a1"
name = "Enhet A1"
forvaltning = "F1"
category = "x"
budget_tkr = 1000

[[enhet]]
id = "a2"
name = "Enhet A2"
forvaltning = "F1"
category = "x"
budget_tkr = 2000

[[enhet]]
id = "a3"
name = "Enhet A3"
forvaltning = "F1"
category = "x"
budget_tkr = 1000

[[enhet]]
id = "a4"
name = "Enhet A4"
forvaltning = "F1"
category = "x"

[[enhet]]
id = "b1"
name = "Enhet B1"
forvaltning = "F2"
category = "y"
budget_tkr = 500

[[enhet]]
id = "b2"
name = "Enhet B2"
forvaltning = "F2"
category = "y"
budget_tkr = 1000
"#;

fn indicator(id: &str, direction: &str, rollup: &str, extra: &str) -> String {
    format!(
        "[[indicator]]\nid = \"{id}\"\nname = \"Indikator {id}\"\nperspective = \"Verksamhet\"\n\
         area = \"verksamhet\"\nmeasure = \"%\"\ndirection = \"{direction}\"\nrollup = \"{rollup}\"\n{extra}\n"
    )
}

fn catalogue() -> String {
    let mut c = String::from(
        "[[goal]]\nid = \"G1\"\nname = \"Mål ett\"\nperspective = \"Medarbetare\"\n\n",
    );
    c += &indicator("fte", "higher", "sum", "");
    c += &indicator(
        "sick",
        "lower",
        "weighted_mean",
        "weight = \"fte\"\ntolerance = 0.5\nunchanged = 0.3\ngoals = [\"G1\"]",
    );
    c += &indicator(
        "cost",
        "lower",
        "mean",
        "tolerance_pct = 3\ngoals = [\"G1\"]",
    );
    c += &indicator("med", "higher", "median", "");
    c += &indicator("ratio", "higher", "none", "");
    c += &indicator(
        "visits",
        "higher",
        "sum",
        "tolerance_pct = 5\ntertial_rule = \"pro_rata\"",
    );
    c += &indicator("given", "higher", "mean", "");
    c += &indicator("nj", "higher", "mean", "tertial_rule = \"not_judged\"");
    c += &indicator(
        "kids",
        "interval",
        "mean",
        "tolerance = 0.3\nunchanged = 0.1\ncategories = [\"x\"]",
    );
    c += &indicator("yearly", "higher", "mean", "frequency = \"year\"");
    c += r#"
[[target]]
indicator = "sick"
period = "2026"
value = 7.0

[[target]]
indicator = "sick"
period = "2026"
level = "forvaltning"
id = "F1"
value = 6.5

[[target]]
indicator = "sick"
period = "2026"
level = "enhet"
id = "a3"
value = 9.0

[[target]]
indicator = "sick"
period = "2026-T1"
value = 7.8

[[target]]
indicator = "cost"
period = "2026"
value = 150

[[target]]
indicator = "med"
period = "2026-T1"
value = 4

[[target]]
indicator = "visits"
period = "2026"
value = 3000

# A sum never inherits: the unit and the förvaltning have their own.
[[target]]
indicator = "visits"
period = "2026"
level = "enhet"
id = "a1"
value = 3000

[[target]]
indicator = "visits"
period = "2026"
level = "forvaltning"
id = "F1"
value = 3000

[[target]]
indicator = "nj"
period = "2026"
value = 10

[[target]]
indicator = "kids"
period = "2026"
min = 4.5
max = 5.5

[[target]]
indicator = "yearly"
period = "2026"
value = 1
"#;
    c
}

const HISTORY: &str = "indicator,level,id,period,value
sick,enhet,a1,2025,7.0
sick,enhet,a2,2025,6.1
sick,enhet,a3,2025,7.0
sick,kommun,,2025-T1,6.0
cost,enhet,a1,2025,80
kids,enhet,a1,2025,6.5
kids,enhet,a2,2025,5.0
given,kommun,,2026-T1,42
given,enhet,a3,2026-T1,7
visits,enhet,a1,2025,270
visits,enhet,a2,2025,600
";

fn provby() -> (tempfile::TempDir, Workspace, Store) {
    let (dir, ws) = workspace(CONFIG, &catalogue(), HISTORY);
    let t1 = "2026-T1";
    let mut v = Vec::new();
    let mut put = |u: &str, ind: &str, x: Option<f64>| {
        if let Some(x) = x {
            v.push(outcome(&ws, t1, u, ind, x));
        }
    };
    let units = ["a1", "a2", "a3", "a4", "b1", "b2"];
    let table: &[(&str, [Option<f64>; 6])] = &[
        (
            "fte",
            [
                Some(10.0),
                Some(20.0),
                Some(30.0),
                None,
                Some(5.0),
                Some(15.0),
            ],
        ),
        (
            "sick",
            [Some(4.0), Some(6.0), Some(8.0), Some(10.0), Some(3.0), None],
        ),
        (
            "cost",
            [
                Some(100.0),
                Some(200.0),
                None,
                Some(400.0),
                Some(50.0),
                Some(70.0),
            ],
        ),
        (
            "med",
            [
                Some(1.0),
                Some(9.0),
                Some(3.0),
                Some(7.0),
                Some(2.0),
                Some(4.0),
            ],
        ),
        (
            "ratio",
            [
                Some(1.0),
                Some(2.0),
                Some(3.0),
                Some(4.0),
                Some(5.0),
                Some(6.0),
            ],
        ),
        (
            "visits",
            [
                Some(100.0),
                Some(200.0),
                Some(300.0),
                Some(400.0),
                Some(1000.0),
                None,
            ],
        ),
        ("given", [Some(1.0), Some(2.0), None, None, None, None]),
        ("nj", [Some(11.0), None, None, None, None, None]),
        ("kids", [Some(5.0), Some(5.9), Some(4.0), None, None, None]),
    ];
    for (ind, values) in table {
        for (u, x) in units.iter().zip(values) {
            put(u, ind, *x);
        }
    }
    // Economy: spent so far and full-year forecast (tkr).
    for (u, forecast) in [
        ("a1", 900.0),
        ("a2", 2020.0),
        ("a3", 1011.0),
        ("a4", 50.0),
        ("b2", 1000.0),
    ] {
        v.push(stored(
            &ws,
            t1,
            u,
            FieldRole::Forecast,
            "",
            Some(forecast),
            None,
        ));
        v.push(stored(
            &ws,
            t1,
            u,
            FieldRole::Spent,
            "",
            Some(forecast / 3.0),
            None,
        ));
    }
    // Activities and quality factors, rows numbered as in the workbook.
    for (u, row, goal, status) in [
        ("a1", "1", "Läsa mer", "Pågår"),
        ("a1", "2", "Läsa mer", "Klar"),
        ("a1", "3", "Röra sig mer", "Pågår"),
        ("a2", "1", "Läsa mer", "Senarelagd"),
        ("b1", "1", "", "Klar"),
    ] {
        if !goal.is_empty() {
            v.push(stored(&ws, t1, u, FieldRole::Goal, row, None, Some(goal)));
        }
        v.push(stored(
            &ws,
            t1,
            u,
            FieldRole::ActivityStatus,
            row,
            None,
            Some(status),
        ));
    }
    for (u, row, persp, assessment) in [
        ("a1", "1", "Målgrupp", "Uppnådd"),
        ("a1", "2", "Målgrupp", "Ej uppnådd"),
        ("a1", "3", "Medarbetare", "Uppnådd"),
        ("a2", "1", "Målgrupp", "Delvis uppnådd"),
        ("b1", "1", "Ekonomi", "Uppnådd"),
    ] {
        v.push(stored(
            &ws,
            t1,
            u,
            FieldRole::Perspective,
            row,
            None,
            Some(persp),
        ));
        v.push(stored(
            &ws,
            t1,
            u,
            FieldRole::Assessment,
            row,
            None,
            Some(assessment),
        ));
    }
    (dir, ws, Store { values: v })
}

fn run(period: &str) -> (tempfile::TempDir, CheckResult) {
    let (dir, ws, store) = provby();
    let r = check::evaluate(&ws, &store, p(period)).unwrap();
    (dir, r)
}

#[test]
fn weighted_mean_leaves_out_units_without_weight_and_counts_them() {
    let (_d, r) = run("2026-T1");
    let f1 = row(&r.indicators.forvaltningar, &forv("F1"), "sick");
    // (4·10 + 6·20 + 8·30) / 60; a4 has no weight.
    assert!(close(f1.value, 400.0 / 60.0), "{:?}", f1.value);
    match &f1.provenance {
        Provenance::Rollup {
            from,
            missing,
            without_weight,
            ..
        } => {
            let ids: Vec<&str> = from.iter().map(UnitId::as_str).collect();
            assert_eq!(ids, ["a1", "a2", "a3"]);
            assert_eq!((*missing, *without_weight), (0, 1));
        }
        other => panic!("{other:?}"),
    }
    let f2 = row(&r.indicators.forvaltningar, &forv("F2"), "sick");
    assert!(close(f2.value, 3.0));
    assert!(matches!(
        f2.provenance,
        Provenance::Rollup {
            missing: 1,
            without_weight: 0,
            ..
        }
    ));
    // The kommun from all units: (400 + 3·5) / 65.
    let k = row(&r.indicators.kommun, &Level::Kommun, "sick");
    assert!(close(k.value, 415.0 / 65.0), "{:?}", k.value);
}

#[test]
fn mean_median_sum_and_none_against_hand_computed_numbers() {
    let (_d, r) = run("2026-T1");
    let f = &r.indicators.forvaltningar;
    let k = &r.indicators.kommun;
    // mean: a3 has no value.
    assert!(close(row(f, &forv("F1"), "cost").value, 700.0 / 3.0));
    assert!(close(row(f, &forv("F2"), "cost").value, 60.0));
    assert!(close(row(k, &Level::Kommun, "cost").value, 164.0));
    // median of an even count: the mean of the middle two.
    assert!(close(row(f, &forv("F1"), "med").value, 5.0));
    assert!(close(row(f, &forv("F2"), "med").value, 3.0));
    assert!(close(row(k, &Level::Kommun, "med").value, 3.5));
    // sum: only a total when every unit has a value.
    assert!(close(row(f, &forv("F1"), "visits").value, 1000.0));
    assert!(close(row(f, &forv("F2"), "fte").value, 20.0));
    for x in [
        row(f, &forv("F2"), "visits"),
        row(k, &Level::Kommun, "visits"),
        row(f, &forv("F1"), "fte"),
        row(k, &Level::Kommun, "fte"),
    ] {
        assert_eq!(x.value, None, "{:?} {}", x.level, x.indicator);
        assert_eq!(x.status, G);
        assert_eq!(x.reason, Some(Reason::Incomplete));
        assert!(matches!(
            x.provenance,
            Provenance::Rollup { missing: 1, .. }
        ));
    }
    // none: no rolled-up value, and the row says why.
    for x in [
        row(f, &forv("F1"), "ratio"),
        row(k, &Level::Kommun, "ratio"),
    ] {
        assert_eq!(x.value, None);
        assert_eq!(x.status, G);
        assert_eq!(x.reason, Some(Reason::NotRolledUp));
    }
}

#[test]
fn the_history_gives_no_outcome_for_the_period_checked() {
    // historik.csv has `given` for the kommun and for unit a3 in 2026-T1, and `given` is
    // reported by the units: the period's outcomes come from the returns only.
    let (_d, r) = run("2026-T1");
    let k = row(&r.indicators.kommun, &Level::Kommun, "given");
    assert!(close(k.value, 1.5), "{:?}", k.value);
    assert!(
        matches!(&k.provenance, Provenance::Rollup { .. }),
        "{:?}",
        k.provenance
    );
    let a3 = row(&r.indicators.units, &unit("a3"), "given");
    assert_eq!((a3.value, a3.status), (None, G));
    assert_eq!(a3.reason, Some(Reason::NoValue));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("2 rader i historik.csv för 2026-T1 utelämnades")),
        "{:?}",
        r.notes
    );
    assert!(close(
        row(&r.indicators.forvaltningar, &forv("F1"), "given").value,
        1.5
    ));
}

#[test]
fn targets_inherit_unit_then_forvaltning_then_kommun() {
    let (_d, r) = run("2026-T1");
    let u = &r.indicators.units;
    let src = |x: &IndicatorRow| {
        let s = x.target_source.as_ref().unwrap();
        (s.level.clone(), s.period.to_string(), s.basis)
    };
    // a1: no target of its own; F1's year target, as the year's value.
    let a1 = row(u, &unit("a1"), "sick");
    assert_eq!(a1.target, Some(TargetValue::Point(6.5)));
    assert_eq!(src(a1), (forv("F1"), "2026".into(), TargetBasis::Annual));
    // a3 has its own.
    let a3 = row(u, &unit("a3"), "sick");
    assert_eq!(src(a3), (unit("a3"), "2026".into(), TargetBasis::Annual));
    assert_eq!(a3.status, U, "8 ≤ 9");
    // b1: F2 has none; the kommun's target for the tertial itself.
    let b1 = row(u, &unit("b1"), "sick");
    assert_eq!(src(b1), (Level::Kommun, "2026-T1".into(), TargetBasis::Own));
    assert_eq!(b1.target, Some(TargetValue::Point(7.8)));
    // The förvaltning and the kommun rows against their own level's target.
    let f1 = row(&r.indicators.forvaltningar, &forv("F1"), "sick");
    assert_eq!(src(f1), (forv("F1"), "2026".into(), TargetBasis::Annual));
    assert_eq!(f1.status, D, "6,67 against ≤ 6,5 with 0,5 band");
    let f2 = row(&r.indicators.forvaltningar, &forv("F2"), "sick");
    assert_eq!(src(f2), (Level::Kommun, "2026-T1".into(), TargetBasis::Own));
    assert_eq!(a1.rule, "≤ 6,5 %, gult till 7 %");
}

#[test]
fn pro_rata_scales_the_year_target_and_not_judged_waits_for_the_year() {
    let (_d, r) = run("2026-T1");
    let a1 = row(&r.indicators.units, &unit("a1"), "visits");
    assert_eq!(a1.target, Some(TargetValue::Point(1000.0)), "3000 · 4/12");
    assert_eq!(
        a1.target_source.as_ref().unwrap().basis,
        TargetBasis::ProRata { months: 4 }
    );
    assert_eq!(a1.status, R, "100 against ≥ 1000");
    assert!(close(a1.deviation, -900.0));
    assert!(close(a1.deviation_pct, -90.0));
    let f1 = row(&r.indicators.forvaltningar, &forv("F1"), "visits");
    assert_eq!(f1.status, U, "1000 ≥ 1000, exactly on the målvärde");
    assert_eq!(f1.deviation, Some(0.0));
    assert_eq!(f1.rule, "≥ 1000 %, gult från 950 %");
    // A sum is not judged against a total of a level above: a2 has no målvärde of its own.
    let a2 = row(&r.indicators.units, &unit("a2"), "visits");
    assert_eq!((a2.status, a2.reason), (G, Some(Reason::NoTarget)));
    let nj = row(&r.indicators.units, &unit("a1"), "nj");
    assert_eq!((nj.status, nj.reason), (G, Some(Reason::NotJudged)));
    assert_eq!(
        nj.target_source.as_ref().unwrap().basis,
        TargetBasis::NotJudged
    );
    assert_eq!(nj.deviation, None);
    let fte = row(&r.indicators.units, &unit("a1"), "fte");
    assert_eq!((fte.status, fte.reason), (G, Some(Reason::NoTarget)));
    let a4 = row(&r.indicators.units, &unit("a4"), "fte");
    assert_eq!((a4.status, a4.reason), (G, Some(Reason::NoValue)));
    // A yearly indicator is not asked for in a tertial.
    assert!(
        !r.indicators
            .iter()
            .any(|x| x.indicator.as_str() == "yearly")
    );
}

#[test]
fn the_year_is_judged_against_its_own_target_only() {
    let (_d, r) = run("2026");
    // No returns for 2026 in the store: every unit row is Ej bedömt, no value.
    assert!(r.indicators.units.iter().all(|x| x.status == G));
    let b1 = row(&r.indicators.units, &unit("b1"), "sick");
    let s = b1.target_source.as_ref().unwrap();
    assert_eq!(
        (s.level.clone(), s.basis),
        (Level::Kommun, TargetBasis::Own)
    );
    assert_eq!(b1.target, Some(TargetValue::Point(7.0)));
    assert!(
        r.indicators
            .iter()
            .any(|x| x.indicator.as_str() == "yearly")
    );
    // med has a target for 2026-T1 only; the unit sent no return for 2026.
    let med = row(&r.indicators.units, &unit("a1"), "med");
    assert_eq!(med.reason, Some(Reason::NoReturn));
    assert_eq!(med.target, None);
    assert!(
        r.notes.iter().any(|n| n.contains("har inga returer")),
        "{:?}",
        r.notes
    );
}

#[test]
fn interval_rows_deviate_from_the_nearest_bound() {
    let (_d, r) = run("2026-T1");
    let u = &r.indicators.units;
    let a1 = row(u, &unit("a1"), "kids");
    assert_eq!(
        (a1.status, a1.deviation, a1.deviation_pct),
        (U, Some(0.0), Some(0.0))
    );
    let a2 = row(u, &unit("a2"), "kids");
    assert_eq!(a2.status, R);
    assert!(close(a2.deviation, 0.4));
    assert!(close(a2.deviation_pct, 0.4 / 5.5 * 100.0));
    let a3 = row(u, &unit("a3"), "kids");
    assert_eq!(a3.status, R);
    assert!(close(a3.deviation, -0.5));
    assert_eq!(a1.rule, "4,5–5,5 %, gult 4,2–5,8 %");
}

#[test]
fn trends_are_direction_aware_with_a_threshold() {
    let (_d, r) = run("2026-T1");
    let u = &r.indicators.units;
    let t = |id: &str, ind: &str| row(u, &unit(id), ind).previous;
    // sick is lower-is-better, unchanged below 0,3.
    assert_eq!(t("a1", "sick").trend, Some(Trend::Battre), "7 → 4");
    assert_eq!(t("a2", "sick").trend, Some(Trend::Oforandrad), "6,1 → 6");
    assert_eq!(t("a3", "sick").trend, Some(Trend::Samre), "7 → 8");
    assert!(close(t("a3", "sick").change, 1.0));
    assert_eq!(t("a3", "sick").period, p("2025"));
    assert_eq!(t("b1", "sick").trend, None, "no earlier value");
    // cost is lower-is-better without a threshold: 80 → 100 is worse.
    assert_eq!(t("a1", "cost").trend, Some(Trend::Samre));
    // kids is an interval: 6,5 → 5,0 moved into it (better); 5,0 → 5,9 moved out (worse).
    assert_eq!(t("a1", "kids").trend, Some(Trend::Battre));
    assert_eq!(t("a2", "kids").trend, Some(Trend::Samre));
    // No earlier value: no trend (an interval's distance must not count a missing value as 0).
    assert_eq!(t("a3", "kids").trend, None);
    assert_eq!(t("a3", "kids").change, None);
    // The same period last year: the kommun's given 6,0 against the rolled-up 6,38.
    let k = row(&r.indicators.kommun, &Level::Kommun, "sick");
    assert_eq!(k.last_year.period, p("2025-T1"));
    assert_eq!(k.last_year.value, Some(6.0));
    assert_eq!(k.last_year.trend, Some(Trend::Samre));
}

#[test]
fn a_cumulative_indicator_is_compared_like_with_like() {
    use styr::model::TrendBasis;
    let (_d, r) = run("2026-T1");
    // visits is pro rata: T1 (4 months) against the whole of 2025 at the same pace.
    let a1 = row(&r.indicators.units, &unit("a1"), "visits").previous;
    assert_eq!(a1.basis, TrendBasis::SameSpan { now: 4, then: 12 });
    assert_eq!(a1.value, Some(270.0));
    assert!(close(a1.compared, 90.0));
    assert!(close(a1.change, 10.0));
    assert_eq!(
        a1.trend,
        Some(Trend::Battre),
        "100 in 4 months beats 270 in 12"
    );
    let a2 = row(&r.indicators.units, &unit("a2"), "visits").previous;
    assert_eq!(
        a2.trend,
        Some(Trend::Oforandrad),
        "200 in 4 months is 600 in 12"
    );
    // An indicator that is no running total is compared as it is.
    let sick = row(&r.indicators.units, &unit("a1"), "sick").previous;
    assert_eq!(sick.basis, TrendBasis::AsIs);
    assert_eq!(sick.compared, sick.value);
}

#[test]
fn the_store_wins_over_the_history_for_earlier_periods() {
    let (_d, ws, mut store) = provby();
    store.values.push(outcome(&ws, "2025", "a1", "sick", 3.0));
    let r = check::evaluate(&ws, &store, p("2026-T1")).unwrap();
    let a1 = row(&r.indicators.units, &unit("a1"), "sick");
    assert_eq!(a1.previous.value, Some(3.0));
    assert_eq!(a1.previous.trend, Some(Trend::Samre), "3 → 4");
}

#[test]
fn unit_rows_point_at_the_cell_the_unit_typed() {
    let (_d, r) = run("2026-T1");
    let a1 = row(&r.indicators.units, &unit("a1"), "sick");
    match &a1.provenance {
        Provenance::Cell(c) => {
            assert_eq!(c.file, "a1.xlsx");
            assert_eq!(c.reference(), "'Personal och kompetens'!H10");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn economy_rule_green_yellow_red_grey() {
    let (_d, r) = run("2026-T1");
    let e = &r.economy;
    let st = |id: &str| {
        e.units
            .iter()
            .find(|x| x.level == unit(id))
            .map(|x| (x.status, x.deviation_tkr))
            .unwrap()
    };
    assert_eq!(st("a1"), (U, Some(100.0)));
    assert_eq!(st("a2").0, D, "a deficit of exactly 1 % is yellow");
    assert_eq!(st("a3").0, R, "1,1 % is red");
    assert_eq!(st("a4"), (G, None), "no budget");
    assert_eq!(st("b1"), (G, None), "no forecast");
    assert_eq!(st("b2"), (U, Some(0.0)));
    let f1 = e
        .forvaltningar
        .iter()
        .find(|x| x.level == forv("F1"))
        .unwrap();
    // A total with a unit missing is no total: the förvaltning is not judged, as a sum
    // indicator with a unit missing is not, and says how many units its sums cover.
    assert_eq!(
        (f1.budget_tkr, f1.forecast_tkr, f1.units, f1.missing),
        (Some(4000.0), Some(3931.0), 3, 1)
    );
    assert_eq!((f1.status, f1.deviation_tkr), (G, None));
    assert_eq!(f1.coverage().as_deref(), Some("3 av 4 enheter"));
    let k = &e.kommun[0];
    assert_eq!(
        (k.budget_tkr, k.deviation_tkr, k.units, k.missing),
        (Some(5000.0), None, 4, 2)
    );
    assert_eq!(k.status, G);
    assert_eq!(k.coverage().as_deref(), Some("4 av 6 enheter"));
    // With every unit's forecast the förvaltning is judged from its sums.
    let (_d2, ws, mut store) = provby();
    store.values.push(stored(
        &ws,
        "2026-T1",
        "b1",
        FieldRole::Forecast,
        "",
        Some(530.0),
        None,
    ));
    let r2 = check::evaluate(&ws, &store, p("2026-T1")).unwrap();
    let f2 = r2
        .economy
        .forvaltningar
        .iter()
        .find(|x| x.level == forv("F2"))
        .unwrap();
    assert_eq!((f2.units, f2.missing, f2.coverage()), (2, 0, None));
    assert!(close(f2.deviation_tkr, -30.0), "{:?}", f2.deviation_tkr);
    assert_eq!(f2.status, R, "a deficit of 30 of 1500 is over 1 %");
    let a1 = e.units.iter().find(|x| x.level == unit("a1")).unwrap();
    assert_eq!(
        a1.forecast_source.as_ref().unwrap().reference(),
        "'Ekonomi'!H6"
    );
}

#[test]
fn activities_and_quality_factors_are_counted() {
    let (_d, r) = run("2026-T1");
    let count = |c: &[(String, u32)], k: &str| c.iter().find(|(x, _)| x == k).map(|(_, n)| *n);
    let a1: Vec<_> = r
        .activities
        .iter()
        .filter(|a| a.unit.as_str() == "a1")
        .collect();
    assert_eq!(a1.len(), 2);
    let las = a1.iter().find(|a| a.goal == "Läsa mer").unwrap();
    assert_eq!(count(&las.counts, "Pågår"), Some(1));
    assert_eq!(count(&las.counts, "Klar"), Some(1));
    assert_eq!(count(&las.counts, "Avbruten"), Some(0));
    assert_eq!(las.counts[0].0, "Ej påbörjad", "in the list's order");
    let b1 = r
        .activities
        .iter()
        .find(|a| a.unit.as_str() == "b1")
        .unwrap();
    assert_eq!(b1.goal, "");
    let q = |rows: &[check::QualityRow], l: &Level, pp: &str, a: &str| {
        rows.iter()
            .find(|x| &x.level == l && x.perspective.map(|p| p.key()) == Some(pp))
            .and_then(|x| count(&x.counts, a))
    };
    assert_eq!(
        q(&r.quality.units, &unit("a1"), "Målgrupp", "Uppnådd"),
        Some(1)
    );
    assert_eq!(
        q(&r.quality.units, &unit("a1"), "Målgrupp", "Ej uppnådd"),
        Some(1)
    );
    assert_eq!(
        q(
            &r.quality.forvaltningar,
            &forv("F1"),
            "Målgrupp",
            "Delvis uppnådd"
        ),
        Some(1)
    );
    assert_eq!(
        q(&r.quality.forvaltningar, &forv("F1"), "Målgrupp", "Uppnådd"),
        Some(1)
    );
    assert_eq!(
        q(&r.quality.kommun, &Level::Kommun, "Ekonomi", "Uppnådd"),
        Some(1)
    );
}

#[test]
fn limiting_to_one_forvaltning() {
    let (_d, r) = run("2026-T1");
    let f = styr::domain::ForvaltningId::new("F2").unwrap();
    let r = r.only_forvaltning(&f);
    assert!(r.indicators.kommun.is_empty() && r.goals.is_empty());
    assert!(
        r.indicators
            .units
            .iter()
            .all(|x| x.forvaltning.as_ref() == Some(&f))
    );
    assert!(!r.indicators.units.is_empty());
    assert_eq!(r.frame.height(), r.indicators.iter().count());
}

#[test]
fn a_planning_period_is_refused() {
    let (_d, ws, store) = provby();
    assert!(matches!(
        check::evaluate(&ws, &store, p("2027-plan")),
        Err(check::CheckError::NotFollowUp(_))
    ));
}

#[test]
fn unknown_units_and_indicators_in_the_store_are_noted_and_left_out() {
    let (_d, ws, mut store) = provby();
    store
        .values
        .push(outcome(&ws, "2026-T1", "ghost", "sick", 5.0));
    store
        .values
        .push(outcome(&ws, "2026-T1", "a1", "nosuch", 5.0));
    let r = check::evaluate(&ws, &store, p("2026-T1")).unwrap();
    assert!(
        r.notes.iter().any(|n| n.contains("'ghost'")),
        "{:?}",
        r.notes
    );
    assert!(
        r.notes.iter().any(|n| n.contains("'nosuch'")),
        "{:?}",
        r.notes
    );
    assert!(
        !r.indicators
            .units
            .iter()
            .any(|x| x.indicator.as_str() == "nosuch")
    );
}

// ---------------------------------------------------------------------------------------------
// Goals: the declared rule at its boundaries
// ---------------------------------------------------------------------------------------------

#[test]
fn goals_follow_the_declared_rule() {
    let config =
        "year = 2026\n[kommun]\nname = \"Målby\"\n[[forvaltning]]\nid = \"F\"\nname = \"F\"\n";
    let mut cat = String::new();
    for (g, inds) in [
        ("GA", "c1 c2 c3 c4"),
        ("GB", "c1 c2 c4 c5"),
        ("GC", "c5 c6 c1"),
        ("GD", "c5 c1"),
        ("GE", "c7"),
        ("GF", "c1 c2 c4"),
        ("GG", ""),
    ] {
        let _ = inds;
        cat +=
            &format!("[[goal]]\nid = \"{g}\"\nname = \"Mål {g}\"\nperspective = \"Verksamhet\"\n");
    }
    let goals_of = |c: &str| -> Vec<&str> {
        [
            ("GA", "c1 c2 c3 c4"),
            ("GB", "c1 c2 c4 c5"),
            ("GC", "c5 c6 c1"),
            ("GD", "c5 c1"),
            ("GE", "c7"),
            ("GF", "c1 c2 c4"),
        ]
        .iter()
        .filter(|(_, inds)| inds.split(' ').any(|i| i == c))
        .map(|(g, _)| *g)
        .collect()
    };
    let mut hist = String::from("indicator,level,id,period,value\n");
    // value 10 against ≥ 10 (band 1): green; 9,5 yellow; 5 red; none grey.
    for (c, v) in [
        ("c1", Some(10.0)),
        ("c2", Some(10.0)),
        ("c3", Some(10.0)),
        ("c4", Some(9.5)),
        ("c5", Some(5.0)),
        ("c6", Some(5.0)),
        ("c7", None),
    ] {
        let goals: Vec<String> = goals_of(c).iter().map(|g| format!("\"{g}\"")).collect();
        cat += &format!(
            "[[indicator]]\nid = \"{c}\"\nname = \"{c}\"\nperspective = \"Verksamhet\"\narea = \"verksamhet\"\n\
             measure = \"%\"\ndirection = \"higher\"\ntolerance = 1\nrollup = \"none\"\nreported_by = \"central\"\n\
             goals = [{}]\n[[target]]\nindicator = \"{c}\"\nperiod = \"2026\"\nvalue = 10\n",
            goals.join(", ")
        );
        if let Some(v) = v {
            hist += &format!("{c},kommun,,2026-T1,{v}\n");
        }
    }
    let (_d, ws) = workspace(config, &cat, &hist);
    let r = check::evaluate(&ws, &Store::default(), p("2026-T1")).unwrap();
    let status = |g: &str| {
        r.goals
            .iter()
            .find(|x| x.goal.as_str() == g)
            .unwrap()
            .status
    };
    assert_eq!(status("GA"), U, "3 of 4 green (75 %), none red");
    assert_eq!(status("GB"), D, "one red");
    assert_eq!(status("GC"), R, "2 of 3 red");
    assert_eq!(status("GD"), D, "exactly half red is not more than half");
    assert_eq!(status("GE"), G, "nothing judged");
    assert_eq!(status("GF"), D, "2 of 3 green is under 75 %");
    assert_eq!(status("GG"), G, "no indicators");
    let ga = r.goals.iter().find(|x| x.goal.as_str() == "GA").unwrap();
    assert_eq!((ga.counts.uppfyllt, ga.counts.delvis), (3, 1));
    let ge = r.goals.iter().find(|x| x.goal.as_str() == "GE").unwrap();
    assert_eq!(ge.counts.ej_bedomt, 1);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn rank(s: Status) -> u8 {
    match s {
        U => 0,
        D => 1,
        R => 2,
        G => 3,
    }
}

fn any_case() -> impl Strategy<Value = (Direction, Tolerance, TargetValue)> {
    let tol = prop_oneof![
        Just(Tolerance::None),
        (0.0f64..50.0).prop_map(Tolerance::Absolute),
        (0.0f64..30.0).prop_map(Tolerance::Relative),
    ];
    let dir = prop_oneof![
        Just(Direction::Higher),
        Just(Direction::Lower),
        Just(Direction::Interval)
    ];
    (dir, tol, -1000.0f64..1000.0, 0.0f64..200.0).prop_map(|(d, t, a, w)| {
        let target = if d == Direction::Interval {
            TargetValue::Interval { min: a, max: a + w }
        } else {
            TargetValue::Point(a)
        };
        (d, t, target)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Moving an outcome toward its målvärde never worsens its status.
    #[test]
    fn moving_toward_the_target_never_worsens(
        (d, t, target) in any_case(),
        v in -3000.0f64..3000.0,
        step in 0.0f64..=1.0,
    ) {
        let (lo, hi) = match target {
            TargetValue::Point(x) => (x, x),
            TargetValue::Interval { min, max } => (min, max),
        };
        let goal = match d {
            Direction::Higher => lo,
            Direction::Lower => hi,
            Direction::Interval => v.clamp(lo, hi),
        };
        let moved = v + step * (goal - v);
        let got = check::judge(&[(d, t, Some(target), Some(v)), (d, t, Some(target), Some(moved))]).unwrap();
        prop_assert!(rank(got[1]) <= rank(got[0]), "{v} {:?} → {moved} {:?}", got[0], got[1]);
    }
}

/// A kommun with one unit and one indicator per roll-up rule.
fn single_unit_workspace() -> (tempfile::TempDir, Workspace) {
    let config = "year = 2026\n[kommun]\nname = \"Enby\"\n[[forvaltning]]\nid = \"F\"\nname = \"F\"\n\
                  [[enhet]]\nid = \"e\"\nname = \"E\"\nforvaltning = \"F\"\ncategory = \"x\"\n";
    let mut cat = indicator("w", "higher", "sum", "");
    for r in ["sum", "mean", "median", "none"] {
        cat += &indicator(&format!("r-{r}"), "higher", r, "");
    }
    cat += &indicator(
        "r-weighted_mean",
        "higher",
        "weighted_mean",
        "weight = \"w\"",
    );
    workspace(config, &cat, "")
}

#[test]
fn rolling_up_a_single_unit_gives_its_value() {
    let (_d, ws) = single_unit_workspace();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(24));
    runner
        .run(&(-1e6f64..1e6, 0.1f64..1e4), |(v, w)| {
            let mut values = vec![outcome(&ws, "2026-T1", "e", "w", w)];
            for r in ["sum", "mean", "median", "weighted_mean", "none"] {
                values.push(outcome(&ws, "2026-T1", "e", &format!("r-{r}"), v));
            }
            let r = check::evaluate(&ws, &Store { values }, p("2026-T1")).unwrap();
            for x in r
                .indicators
                .forvaltningar
                .iter()
                .chain(&r.indicators.kommun)
            {
                match x.indicator.as_str() {
                    "w" => prop_assert!(close(x.value, w)),
                    "r-none" => prop_assert_eq!(x.value, None),
                    other => prop_assert!(close(x.value, v), "{other}: {:?} ≠ {v}", x.value),
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_json_output_names_its_schema_and_rules() {
    let (_d, r) = run("2026-T1");
    let s = check::json::to_string(&r).unwrap();
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["schema"], "styr-check/1");
    assert_eq!(v["period"], "2026-T1");
    assert!(v["rules"]["economy"].as_str().unwrap().contains("1 %"));
    let units = v["indicators"]["units"].as_array().unwrap();
    assert_eq!(units.len(), r.indicators.units.len());
    let a1 = units
        .iter()
        .find(|x| x["id"] == "a1" && x["indicator"] == "sick")
        .unwrap();
    assert_eq!(a1["status"], "uppfyllt");
    assert_eq!(a1["colour"], "green");
    assert_eq!(a1["source"]["kind"], "cell");
    assert_eq!(a1["target"]["kind"], "point");
    assert_eq!(a1["target_source"]["basis"], "annual");
    assert_eq!(a1["previous"]["trend"], "battre");
    let _ = Path::new(".");
}

//! One rule from an outcome and its målvärde to a colour, four places that show it: for random
//! indicators (every direction, `tolerance`, `tolerance_pct`, intervals, negative and zero
//! målvärden, pro-rata periods) and values at, just inside and just outside every limit, these
//! agree with each other and with the rule restated here:
//!
//! - the Excel condition styr writes into the workbook, evaluated by a tiny evaluator of the
//!   condition form styr writes (`AND`, `NOT`, `ISNUMBER`, `>=`, `<=`);
//! - the model's judge (`model::Limits::verdict`);
//! - the numbers in the rule text;
//! - the status `styr check` computes with polars.
//!
//! A second test reads the conditional formats out of a generated uppföljning workbook and
//! holds them to the same rule.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use proptest::prelude::*;
use styr::analysis::check::{self, Status};
use styr::diag::{Location, Locs};
use styr::domain::{
    Area, Direction, Frequency, IndicatorId, Measure, Period, Perspective, ReportedBy, Rollup,
    TertialRule,
};
use styr::model::{
    Definition, Indicator, Level, Limits, Target, TargetValue, Tolerance, Verdict, resolve_target,
};

// ---- the rule, restated from the README ----

/// (green lo, green hi, yellow lo, yellow hi) of an effective målvärde: the band is `tolerance`
/// in the indicator's unit or `tolerance_pct` of the målvärde, of an interval of each bound.
fn restated(d: Direction, t: TargetValue, tol: Tolerance) -> (f64, f64, f64, f64) {
    let (lo, hi) = match t {
        TargetValue::Point(v) => (v, v),
        TargetValue::Interval { min, max } => (min, max),
    };
    let w = |b: f64| match tol {
        Tolerance::None => 0.0,
        Tolerance::Absolute(w) => w,
        Tolerance::Relative(p) => b.abs() * p / 100.0,
    };
    let inf = f64::INFINITY;
    match d {
        Direction::Higher => (lo, inf, lo - w(lo), inf),
        Direction::Lower => (-inf, hi, -inf, hi + w(hi)),
        Direction::Interval => (lo, hi, lo - w(lo), hi + w(hi)),
    }
}

/// The verdict by the restated rule; a value within 10⁻⁹ (relative) of a limit is on it.
fn expected(x: f64, (glo, ghi, ylo, yhi): (f64, f64, f64, f64)) -> Verdict {
    let slack = |b: f64| 1e-9 * (1.0 + b.abs());
    let ge = |b: f64| b == f64::NEG_INFINITY || x >= b - slack(b);
    let le = |b: f64| b == f64::INFINITY || x <= b + slack(b);
    if ge(glo) && le(ghi) {
        Verdict::Reached
    } else if ge(ylo) && le(yhi) {
        Verdict::Near
    } else {
        Verdict::Missed
    }
}

// ---- a tiny evaluator of the conditions styr writes ----

/// Evaluates a condition such as `AND(ISNUMBER($E7),$E7>=4.05,NOT(AND(...)))` with the number
/// `x` in every cell reference (a blank cell: `None`).
fn eval(formula: &str, x: Option<f64>) -> bool {
    let f = formula.trim_start_matches('=');
    let (v, rest) = expr(f, x);
    assert!(rest.is_empty(), "trailing text in {formula:?}: {rest:?}");
    v
}

fn expr(s: &str, x: Option<f64>) -> (bool, &str) {
    for func in ["AND(", "NOT(", "ISNUMBER("] {
        if let Some(mut rest) = s.strip_prefix(func) {
            if func == "ISNUMBER(" {
                let end = rest.find(')').expect("ISNUMBER(...)");
                return (x.is_some(), &rest[end + 1..]);
            }
            let mut args = Vec::new();
            loop {
                let (v, r) = expr(rest, x);
                args.push(v);
                if let Some(r) = r.strip_prefix(',') {
                    rest = r;
                } else if let Some(r) = r.strip_prefix(')') {
                    rest = r;
                    break;
                } else {
                    panic!("expected , or ) at {r:?}");
                }
            }
            let v = if func == "AND(" {
                args.iter().all(|a| *a)
            } else {
                assert_eq!(args.len(), 1, "NOT takes one argument");
                !args[0]
            };
            return (v, rest);
        }
    }
    // A comparison: a cell reference, >= or <=, a number.
    let op_at = s.find(['>', '<']).expect("a comparison");
    let rest = &s[op_at..];
    let (ge, rest) = match rest {
        r if r.starts_with(">=") => (true, &r[2..]),
        r if r.starts_with("<=") => (false, &r[2..]),
        r => panic!("unknown operator at {r:?}"),
    };
    let end = rest.find([',', ')']).unwrap_or(rest.len());
    let n: f64 = rest[..end].parse().expect("a number");
    let v = match x {
        Some(x) if ge => x >= n,
        Some(x) => x <= n,
        None => false,
    };
    (v, &rest[end..])
}

/// The verdict the workbook's three conditions give `x`; exactly one must hold for a number.
fn excel_verdict(conditions: &[(Verdict, String)], x: f64) -> Verdict {
    let hits: Vec<Verdict> = conditions
        .iter()
        .filter(|(_, f)| eval(f, Some(x)))
        .map(|(v, _)| *v)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{x}: conditions {conditions:?} give {hits:?}"
    );
    for (_, f) in conditions {
        assert!(!eval(f, None), "a blank cell is coloured by {f}");
    }
    hits[0]
}

// ---- the numbers of a rule text ----

/// The numbers in a Swedish rule text: "≥ 1 250,5 %, gult från -3 %" → [1250.5, -3].
fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    let flush = |cur: &mut String, out: &mut Vec<f64>| {
        if cur.chars().any(|c| c.is_ascii_digit()) {
            out.push(cur.replace(',', ".").parse().expect("a number"));
        }
        cur.clear();
    };
    for (i, c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        match c {
            d if d.is_ascii_digit() => cur.push(*d),
            ',' if prev_digit && next_digit => cur.push('.'),
            ' ' if prev_digit && next_digit && !cur.is_empty() => {}
            '-' if cur.is_empty() && next_digit => cur.push('-'),
            _ => flush(&mut cur, &mut out),
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The limits a rule text must show, in order.
fn shown_limits(l: &Limits) -> Vec<f64> {
    let band = l.has_band();
    let mut v = Vec::new();
    match l.direction {
        Direction::Higher => {
            v.push(l.green.0);
            if band {
                v.push(l.yellow.0);
            }
        }
        Direction::Lower => {
            v.push(l.green.1);
            if band {
                v.push(l.yellow.1);
            }
        }
        Direction::Interval => {
            v.extend([l.green.0, l.green.1]);
            if band {
                v.extend([l.yellow.0, l.yellow.1]);
            }
        }
    }
    v
}

// ---- random indicators ----

fn indicator(d: Direction, tol: Tolerance, rule: TertialRule, decimals: u8) -> Indicator {
    Indicator {
        id: IndicatorId::new("x").unwrap(),
        name: "X".into(),
        perspective: Perspective::Verksamhet,
        area: Area::Verksamhet,
        measure: Measure::Percent,
        direction: d,
        tolerance: tol,
        rollup: Rollup::Mean,
        weight: None,
        tertial_rule: rule,
        frequency: Frequency::Tertial,
        reported_by: ReportedBy::Unit,
        definition: Definition::default(),
        kolada: None,
        goals: Vec::new(),
        categories: Vec::new(),
        min: None,
        max: None,
        decimals,
        unchanged: 0.0,
        plausible_change: None,
        derived: None,
        locs: Locs::from_parts(Location::File("indikatorer.toml".into()), BTreeMap::new()),
    }
}

#[derive(Debug, Clone)]
struct Case {
    direction: Direction,
    tolerance: Tolerance,
    rule: TertialRule,
    annual: TargetValue,
    period: Period,
    decimals: u8,
}

fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        (-1000i32..1000).prop_map(|n| f64::from(n) / 10.0),
        -5000.0f64..5000.0,
        (-3i32..3, 1.0f64..10.0).prop_map(|(e, m)| m * 10f64.powi(e)),
    ]
}

fn any_case() -> impl Strategy<Value = Case> {
    let direction = prop_oneof![
        Just(Direction::Higher),
        Just(Direction::Lower),
        Just(Direction::Interval)
    ];
    let tolerance = prop_oneof![
        Just(Tolerance::None),
        prop_oneof![Just(0.5), Just(0.3), 0.01f64..50.0].prop_map(Tolerance::Absolute),
        prop_oneof![Just(10.0), Just(5.0), 0.5f64..40.0].prop_map(Tolerance::Relative),
    ];
    let rule = prop_oneof![Just(TertialRule::Annual), Just(TertialRule::ProRata)];
    let period = prop_oneof![
        Just(Period::Year(2026)),
        (1u8..=2).prop_map(|t| Period::Tertial {
            year: 2026,
            tertial: t
        }),
        (1u8..=12).prop_map(|m| Period::Month {
            year: 2026,
            month: m
        }),
    ];
    (
        direction,
        tolerance,
        rule,
        any_number(),
        prop_oneof![Just(0.0), Just(1.0), 0.0f64..300.0],
        period,
        0u8..=2,
    )
        .prop_map(
            |(direction, tolerance, rule, a, w, period, decimals)| Case {
                direction,
                tolerance,
                rule,
                annual: if direction == Direction::Interval {
                    TargetValue::Interval { min: a, max: a + w }
                } else {
                    TargetValue::Point(a)
                },
                period,
                decimals,
            },
        )
}

/// Values at, just inside and just outside every finite limit, and as a person would type
/// each limit (rounded to ten significant digits).
fn probes(l: &Limits) -> Vec<f64> {
    let mut out = Vec::new();
    for b in [l.green.0, l.green.1, l.yellow.0, l.yellow.1] {
        if !b.is_finite() {
            continue;
        }
        let d = 1e-7 * (1.0 + b.abs());
        let typed: f64 = format!("{b:.9e}").parse().unwrap();
        out.extend([b, typed, b - d, b + d, b - 100.0 * d, b + 100.0 * d]);
    }
    out.push(0.0);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn workbook_model_rule_text_and_check_agree(c in any_case()) {
        let ind = indicator(c.direction, c.tolerance, c.rule, c.decimals);
        let annual = Target {
            indicator: ind.id.clone(),
            level: Level::Kommun,
            period: Period::Year(2026),
            value: c.annual,
            locs: ind.locs.clone(),
        };
        let found = resolve_target(&ind, &[Level::Kommun], c.period, |l, p| {
            (l == &Level::Kommun && p == Period::Year(2026)).then_some((0, &annual))
        })
        .expect("the annual målvärde applies");
        let limits = found.limits(&ind).expect("judged");

        // Pro rata: the målvärde and a tolerance in the indicator's unit scale alike.
        let f = match (c.rule, c.period) {
            (TertialRule::ProRata, p) => f64::from(p.months().unwrap_or(12)) / 12.0,
            _ => 1.0,
        };
        let (eff_target, eff_tol) = match c.annual {
            TargetValue::Point(v) => (TargetValue::Point(v * f), c.tolerance),
            TargetValue::Interval { min, max } => {
                (TargetValue::Interval { min: min * f, max: max * f }, c.tolerance)
            }
        };
        let eff_tol = match eff_tol {
            Tolerance::Absolute(w) => Tolerance::Absolute(w * f),
            t => t,
        };
        let bands = restated(c.direction, eff_target, eff_tol);
        prop_assert_eq!(
            (limits.green.0, limits.green.1, limits.yellow.0, limits.yellow.1),
            bands
        );

        // The numbers in the rule text are the limits, to the decimals shown.
        let text = found.rule_text(&ind);
        let shown = numbers(&text);
        let want = shown_limits(&limits);
        prop_assert_eq!(shown.len(), want.len(), "{}: {:?} vs {:?}", text, shown, want);
        let half = 0.5 * 10f64.powi(-i32::from(c.decimals + 2)) + 1e-9;
        for (s, w) in shown.iter().zip(&want) {
            prop_assert!((s - w).abs() <= half * (1.0 + w.abs() * 1e-12), "{}: {} vs {}", text, s, w);
        }

        let conditions: Vec<(Verdict, String)> = [Verdict::Reached, Verdict::Near, Verdict::Missed]
            .into_iter()
            .map(|v| (v, format!("={}", limits.excel_condition("$H7", v))))
            .collect();
        let xs = probes(&limits);
        let statuses = check::judge(
            &xs.iter()
                .map(|x| (c.direction, eff_tol, Some(eff_target), Some(*x)))
                .collect::<Vec<_>>(),
        )
        .unwrap();
        for (x, status) in xs.iter().zip(statuses) {
            let want = expected(*x, bands);
            let model = limits.verdict(*x);
            prop_assert_eq!(model, want, "model at {} for {:?}", x, limits);
            prop_assert_eq!(excel_verdict(&conditions, *x), want, "workbook at {}", x);
            prop_assert_eq!(status, Status::from(want), "check at {}", x);
        }
    }
}

/// The two disagreements the copies had: an interval 4,5–5,5 with tolerance_pct = 10.
#[test]
fn the_interval_of_the_issue() {
    let l = Limits::new(
        Direction::Interval,
        TargetValue::Interval { min: 4.5, max: 5.5 },
        Tolerance::Relative(10.0),
    );
    let conditions: Vec<(Verdict, String)> = [Verdict::Reached, Verdict::Near, Verdict::Missed]
        .into_iter()
        .map(|v| (v, l.excel_condition("$H7", v)))
        .collect();
    let statuses = check::judge(&[
        (
            Direction::Interval,
            Tolerance::Relative(10.0),
            Some(l.target),
            Some(4.02),
        ),
        (
            Direction::Interval,
            Tolerance::Relative(10.0),
            Some(l.target),
            Some(6.03),
        ),
    ])
    .unwrap();
    assert_eq!(excel_verdict(&conditions, 4.02), Verdict::Missed);
    assert_eq!(statuses[0], Status::EjUppfyllt);
    assert_eq!(excel_verdict(&conditions, 6.03), Verdict::Near);
    assert_eq!(statuses[1], Status::Delvis);
    assert_eq!(l.rule_text(Measure::Ratio, 1), "4,5–5,5, gult 4,05–6,05");
}

// ---- the conditions of a generated workbook ----

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().unwrap().to_string(), s);
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The fill colours of the workbook's differential formats, in order.
fn dxf_fills(styles: &str) -> Vec<u32> {
    let Some(start) = styles.find("<dxfs") else {
        return Vec::new();
    };
    let end = styles[start..].find("</dxfs>").unwrap() + start;
    styles[start..end]
        .split("<dxf>")
        .skip(1)
        .map(|d| {
            let at = d.find("rgb=\"").map(|i| i + 5);
            at.and_then(|i| u32::from_str_radix(&d[i + 2..i + 8], 16).ok())
                .unwrap_or(0)
        })
        .collect()
}

/// (cell, [(fill, formula)]) of every conditional format of a sheet.
fn conditional_formats(sheet: &str) -> BTreeMap<String, Vec<(usize, String)>> {
    let mut out: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for block in sheet.split("<conditionalFormatting").skip(1) {
        let sq = block.find("sqref=\"").unwrap() + 7;
        let sqref = &block[sq..sq + block[sq..].find('"').unwrap()];
        let block = &block[..block.find("</conditionalFormatting>").unwrap()];
        for rule in block.split("<cfRule").skip(1) {
            let dxf = rule
                .find("dxfId=\"")
                .map(|i| {
                    let s = &rule[i + 7..];
                    s[..s.find('"').unwrap()].parse::<usize>().unwrap()
                })
                .unwrap();
            let f0 = rule.find("<formula>").unwrap() + 9;
            let f1 = rule.find("</formula>").unwrap();
            out.entry(sqref.to_string())
                .or_default()
                .push((dxf, unescape(&rule[f0..f1])));
        }
    }
    out
}

/// Every outcome cell of a generated uppföljning workbook (a tertial, with pro-rata and interval
/// indicators) is coloured by conditions that give the model's verdict and check's status at,
/// just inside and just outside each limit of the row's målvärde.
#[test]
fn a_generated_workbook_colours_by_the_model() {
    use styr::generate::instance::{Recipient, build, level_chain};
    use styr::xlsx_write::style;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let ws = styr::workspace::Workspace::load(&root).unwrap();
    let period = Period::parse("2026-T1").unwrap();
    let def = ws
        .forms
        .current(styr::domain::FormKind::Uppfoljning)
        .unwrap();
    let mut checked = 0;
    let mut pro_rata = 0;
    for unit in ws.config.units.iter().take(6) {
        let none = |_: &Indicator, _: &Level, _: Period| None;
        let inst = build(
            &ws,
            def,
            Recipient::Unit(unit),
            period,
            BTreeMap::new(),
            &none,
        );
        let bytes = styr::generate::write_form(&inst, "pw", "kontakt").unwrap();
        let p = parts(&bytes);
        let fills = dxf_fills(&p["xl/styles.xml"]);
        let layout = inst.layout();
        let chain = level_chain(Recipient::Unit(unit));
        for (sec_id, rows) in &inst.rows {
            let Some(n) = layout.sections.iter().position(|s| s.def.id == *sec_id) else {
                continue;
            };
            let sec = &layout.sections[n];
            let Some(outcome) = sec
                .def
                .fields
                .iter()
                .find(|f| f.role == Some(styr::form::FieldRole::Outcome))
            else {
                continue;
            };
            // Sheet 1 is Instruktioner; the sections follow in order.
            let cfs = conditional_formats(&p[&format!("xl/worksheets/sheet{}.xml", n + 2)]);
            for r in rows {
                let ind = ws.catalogue.indicator(&r.key).unwrap();
                let Some(limits) = ws
                    .catalogue
                    .target_for(ind, &chain, period)
                    .and_then(|t| t.limits(ind))
                else {
                    continue;
                };
                if ind.tertial_rule == TertialRule::ProRata {
                    pro_rata += 1;
                }
                let cell = sec.cell(&r.key, &outcome.id).unwrap().to_string();
                let rules = &cfs[&cell];
                let conditions: Vec<(Verdict, String)> = rules
                    .iter()
                    .filter_map(|(dxf, f)| {
                        let v = match fills.get(*dxf).copied() {
                            Some(c) if c == style::GREEN => Verdict::Reached,
                            Some(c) if c == style::YELLOW => Verdict::Near,
                            Some(c) if c == style::RED => Verdict::Missed,
                            _ => return None,
                        };
                        Some((v, f.clone()))
                    })
                    .collect();
                assert_eq!(conditions.len(), 3, "{cell}: {rules:?}");
                let xs = probes(&limits);
                let statuses = check::judge(
                    &xs.iter()
                        .map(|x| {
                            (
                                ind.direction,
                                limits.tolerance,
                                Some(limits.target),
                                Some(*x),
                            )
                        })
                        .collect::<Vec<_>>(),
                )
                .unwrap();
                let bands = restated(ind.direction, limits.target, limits.tolerance);
                for (x, status) in xs.iter().zip(statuses) {
                    let want = expected(*x, bands);
                    assert_eq!(
                        excel_verdict(&conditions, *x),
                        want,
                        "{} {cell} at {x}",
                        r.key
                    );
                    assert_eq!(limits.verdict(*x), want);
                    assert_eq!(status, Status::from(want));
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "only {checked} rows checked");
    assert!(pro_rata > 0, "no pro-rata row checked");
}

// ---- collect judges by what the workbook showed ----

/// A return with `sjukfranvaro` (lower is better) above its yellow limit and no åtgärd: R210 by
/// the limits the workbook recorded; after the catalogue's målvärde changes so that the outcome
/// reaches it, R210 still holds (the unit was shown the old limits) and R107 warns; a workbook
/// that recorded no limits is judged by the catalogue as it is now.
#[test]
fn collect_judges_by_the_limits_the_workbook_showed() {
    use styr::collect::{identify, read_form};
    use styr::domain::{FormKind, Value};
    use styr::form::{FieldRole, RequiredWhen};
    use styr::generate::instance::{Recipient, build, level_chain};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut ws = styr::workspace::Workspace::load(&root).unwrap();
    let period = Period::parse("2026-T1").unwrap();
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap().clone();
    let unit = ws.config.units[0].clone();
    let ind = ws.catalogue.indicator("sjukfranvaro").unwrap().clone();
    let chain = level_chain(Recipient::Unit(&unit));
    let limits = ws
        .catalogue
        .target_for(&ind, &chain, period)
        .and_then(|t| t.limits(&ind))
        .expect("sjukfranvaro has a judged målvärde");
    let x = (limits.yellow.1 + 0.5).min(ind.max.unwrap_or(f64::MAX));
    assert_eq!(limits.verdict(x), Verdict::Missed);
    let (sec, outcome) = def.with_role(FieldRole::Outcome)[0];
    let sec = def
        .sections
        .iter()
        .find(|s| {
            s.fields.iter().any(|f| f.role == Some(FieldRole::Outcome))
                && (s.areas.is_empty() || s.areas.contains(&ind.area))
        })
        .unwrap_or(sec);
    let outcome = sec
        .fields
        .iter()
        .find(|f| f.role == Some(FieldRole::Outcome))
        .unwrap_or(outcome);
    let action = sec
        .fields
        .iter()
        .find(|f| f.required_when == Some(RequiredWhen::TargetMissed))
        .expect("an åtgärd field");
    let prefill = BTreeMap::from([(
        (sec.id.clone(), ind.id.to_string(), outcome.id.clone()),
        Value::Number(x),
    )]);
    let none = |_: &Indicator, _: &Level, _: Period| None;
    let bytes = {
        let inst = build(&ws, &def, Recipient::Unit(&unit), period, prefill, &none);
        styr::generate::write_form(&inst, "pw", "kontakt").unwrap()
    };
    let raw = styr::xlsx_read::read(
        &bytes,
        styr::xlsx_read::Format::Xlsx,
        &styr::xlsx_read::Limits::default(),
    )
    .unwrap();
    let file = Path::new("retur.xlsx");
    let mut id = identify(file, &raw).unwrap();
    assert!(
        id.limits
            .contains_key(&(sec.id.clone(), ind.id.to_string())),
        "the _styr sheet records the row's limits: {:?}",
        id.limits
    );
    let codes = |ws: &styr::workspace::Workspace, id: &styr::collect::Identity| {
        read_form(file, &raw, &def, id, ws)
            .diagnostics
            .iter()
            .filter(|d| d.message.contains(ind.id.as_str()) || d.message.contains(&action.label))
            .map(|d| d.code.to_string())
            .collect::<Vec<_>>()
    };
    let before = codes(&ws, &id);
    assert!(before.contains(&"R210".to_string()), "{before:?}");
    assert!(!before.contains(&"R107".to_string()), "{before:?}");

    // The catalogue changes: every målvärde of the indicator is now far above the outcome.
    for t in ws
        .catalogue
        .targets
        .iter_mut()
        .filter(|t| t.indicator == ind.id)
    {
        t.value = TargetValue::Point(1.0e6);
    }
    let after = codes(&ws, &id);
    assert!(after.contains(&"R210".to_string()), "{after:?}");
    assert!(after.contains(&"R107".to_string()), "{after:?}");

    // A workbook made before limits were recorded: the catalogue as it is now decides.
    id.limits.clear();
    let old = codes(&ws, &id);
    assert!(!old.contains(&"R210".to_string()), "{old:?}");
    assert!(!old.contains(&"R107".to_string()), "{old:?}");
}

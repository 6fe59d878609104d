//! Derived and ratio indicators: values and roll-ups against numbers computed by hand, their
//! provenance, one bad catalogue per finding (at its line and column), and that a derived
//! indicator is never asked of a unit.

mod common;

use proptest::prelude::*;
use styr::analysis::check::{self, IndicatorRow, Provenance, Reason, Status};
use styr::analysis::store::{Store, StoredValue};
use styr::domain::{FormKind, Period, UnitId};
use styr::form::FieldRole;
use styr::workspace::catalogue::Level;
use styr::workspace::{LoadError, Workspace};

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn write_ws(config: &str, catalogue: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("styr.toml"), config).unwrap();
    std::fs::write(dir.path().join("indikatorer.toml"), catalogue).unwrap();
    dir
}

fn workspace(config: &str, catalogue: &str) -> (tempfile::TempDir, Workspace) {
    let dir = write_ws(config, catalogue);
    let ws = match Workspace::load(dir.path()) {
        Ok(ws) => ws,
        Err(e) => panic!("workspace does not load: {e:?}"),
    };
    (dir, ws)
}

/// The diagnostics of a workspace that must not load, as `location: CODE message` lines.
fn findings(catalogue: &str) -> Vec<String> {
    let dir = write_ws(CONFIG, catalogue);
    match Workspace::load(dir.path()) {
        Err(LoadError::Invalid(d)) => d
            .iter()
            .map(|d| {
                let loc = d.location.to_string();
                let short = loc
                    .rsplit_once("indikatorer.toml")
                    .map_or(loc.clone(), |(_, rest)| format!("indikatorer.toml{rest}"));
                format!("{short}: {} {}", d.code, d.message)
            })
            .collect(),
        Ok(_) => panic!("the workspace loads"),
        Err(e) => panic!("{e:?}"),
    }
}

fn stored(
    ws: &Workspace,
    period: &str,
    unit: &str,
    role: FieldRole,
    key: &str,
    number: f64,
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
        number: Some(number),
        text: None,
        file: format!("{unit}.xlsx"),
        sha256: "ab".repeat(32),
        sheet: sec.sheet.clone(),
        cell: if key.is_empty() {
            format!("C{}", 5 + role as u32)
        } else {
            format!("H{}", 6 + key.len())
        },
        collected_at: "2026-05-02T10:00:00Z".into(),
        preliminary: false,
        error: None,
        mail: None,
        import: None,
    }
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
id = "b1"
name = "Enhet B1"
forvaltning = "F2"
category = "x"
budget_tkr = 500
"#;

/// A reported indicator; `extra` adds keys (a formula, a ratio, a rollup).
fn ind(id: &str, measure: &str, extra: &str) -> String {
    format!(
        "[[indicator]]\nid = \"{id}\"\nname = \"Indikator {id}\"\nperspective = \"Ekonomi\"\n\
         area = \"ekonomi\"\nmeasure = \"{measure}\"\ndirection = \"higher\"\n{extra}\n\n"
    )
}

fn catalogue() -> String {
    [
        ind(
            "prog",
            "tkr",
            "rollup = \"sum\"\nformula = \"budget - forecast\"",
        ),
        ind(
            "bud",
            "tkr",
            "rollup = \"sum\"\nformula = \"budget * months / 12 - spent\"",
        ),
        ind(
            "pct",
            "%",
            "ratio = { numerator = \"budget - forecast\", denominator = \"budget\", scale = 100 }\nrollup = \"ratio\"",
        ),
        ind("sjuktim", "timmar", "rollup = \"sum\""),
        ind("arbtim", "timmar", "rollup = \"sum\""),
        ind(
            "sjuk",
            "%",
            "ratio = { numerator = \"sjuktim\", denominator = \"arbtim\", scale = 100 }\nrollup = \"ratio\"",
        ),
        // A derived indicator of a derived one, with a plain mean.
        ind("dubbel", "tkr", "rollup = \"mean\"\nformula = \"prog * 2\""),
        "[[target]]\nindicator = \"prog\"\nperiod = \"2026\"\nvalue = 0\n\n".into(),
        "[[target]]\nindicator = \"pct\"\nperiod = \"2026\"\nvalue = 0\n\n".into(),
    ]
    .concat()
}

/// The store of the hand-computed example (2026-T1, four months): budgets 1000, 2000, 500;
/// forecasts 1100, 1800, 500; spent 300, 700, 200; sick hours 50 of 1000 (a1) and 10 of 100
/// (a2); b1 reports no hours.
fn example_store(ws: &Workspace) -> Store {
    let mut values = Vec::new();
    for (u, forecast, spent) in [
        ("a1", 1100.0, 300.0),
        ("a2", 1800.0, 700.0),
        ("b1", 500.0, 200.0),
    ] {
        values.push(stored(ws, "2026-T1", u, FieldRole::Forecast, "", forecast));
        values.push(stored(ws, "2026-T1", u, FieldRole::Spent, "", spent));
    }
    for (u, sick, work) in [("a1", 50.0, 1000.0), ("a2", 10.0, 100.0)] {
        values.push(stored(
            ws,
            "2026-T1",
            u,
            FieldRole::Outcome,
            "sjuktim",
            sick,
        ));
        values.push(stored(ws, "2026-T1", u, FieldRole::Outcome, "arbtim", work));
    }
    Store { values }
}

#[test]
fn derived_values_and_their_rollups_match_the_hand_computed_numbers() {
    let (_d, ws) = workspace(CONFIG, &catalogue());
    let store = example_store(&ws);
    let r = check::evaluate(&ws, &store, p("2026-T1")).unwrap();
    let rows: Vec<IndicatorRow> = r.indicators.iter().cloned().collect();
    let v = |l: &Level, i: &str| row(&rows, l, i).value;
    // budget - forecast: -100, 200, 0; summed: F1 100, F2 0, the kommun 100.
    assert!(close(v(&unit("a1"), "prog"), -100.0));
    assert!(close(v(&unit("a2"), "prog"), 200.0));
    assert!(close(v(&unit("b1"), "prog"), 0.0));
    assert!(close(v(&forv("F1"), "prog"), 100.0));
    assert!(close(v(&forv("F2"), "prog"), 0.0));
    assert!(close(v(&Level::Kommun, "prog"), 100.0));
    // budget × 4/12 - spent: 1000/3 - 300, 2000/3 - 700, 500/3 - 200.
    assert!(close(v(&unit("a1"), "bud"), 1000.0 / 3.0 - 300.0));
    assert!(close(v(&unit("a2"), "bud"), 2000.0 / 3.0 - 700.0));
    assert!(close(v(&Level::Kommun, "bud"), 3500.0 / 3.0 - 1200.0));
    // The ratio: -10 %, 10 %, 0 % for the units; F1 is Σ 100 / Σ 3000 = 3,33 % (the mean of
    // the percentages would be 0), the kommun Σ 100 / Σ 3500 = 2,857 %.
    assert!(close(v(&unit("a1"), "pct"), -10.0));
    assert!(close(v(&unit("a2"), "pct"), 10.0));
    assert!(close(v(&forv("F1"), "pct"), 100.0 / 3000.0 * 100.0));
    assert!(close(v(&Level::Kommun, "pct"), 100.0 / 3500.0 * 100.0));
    // Sick leave: 5 % and 10 %; F1 and the kommun 60 / 1100 = 5,45 % (the mean: 7,5 %), the
    // kommun covering 2 of 3 units; b1 returned but has no hours: its input is missing.
    assert!(close(v(&unit("a1"), "sjuk"), 5.0));
    assert!(close(v(&unit("a2"), "sjuk"), 10.0));
    assert!(close(v(&forv("F1"), "sjuk"), 60.0 / 1100.0 * 100.0));
    let k = row(&rows, &Level::Kommun, "sjuk");
    assert!(close(k.value, 60.0 / 1100.0 * 100.0));
    assert_eq!(k.coverage().as_deref(), Some("2 av 3 enheter"));
    let b1 = row(&rows, &unit("b1"), "sjuk");
    assert_eq!((b1.value, b1.reason), (None, Some(Reason::NoInput)));
    assert_eq!(row(&rows, &forv("F2"), "sjuk").value, None);
    // A derived indicator of a derived one: 2 × (budget - forecast), then a mean.
    assert!(close(v(&unit("a1"), "dubbel"), -200.0));
    assert!(close(v(&forv("F1"), "dubbel"), 100.0));
    // Judged at every level: a ratio inherits the kommun's målvärde, a sum its balance 0.
    assert_eq!(row(&rows, &unit("a1"), "pct").status, Status::EjUppfyllt);
    assert_eq!(row(&rows, &unit("a2"), "pct").status, Status::Uppfyllt);
    assert_eq!(row(&rows, &forv("F1"), "pct").status, Status::Uppfyllt);
    assert_eq!(row(&rows, &unit("a1"), "prog").status, Status::EjUppfyllt);
    assert_eq!(row(&rows, &unit("b1"), "prog").status, Status::Uppfyllt);
    assert_eq!(row(&rows, &Level::Kommun, "prog").status, Status::Uppfyllt);
}

#[test]
fn a_derived_value_names_its_inputs_and_where_each_came_from() {
    let (_d, ws) = workspace(CONFIG, &catalogue());
    let store = example_store(&ws);
    let r = check::evaluate(&ws, &store, p("2026-T1")).unwrap();
    let rows: Vec<IndicatorRow> = r.indicators.iter().cloned().collect();
    let Provenance::Derived(d) = &row(&rows, &unit("a1"), "prog").provenance else {
        panic!("not derived");
    };
    assert_eq!(d.formula, "budget - forecast");
    let inputs: Vec<(&str, f64, &str)> = d
        .inputs
        .iter()
        .map(|i| (i.name.as_str(), i.value, i.source.as_str()))
        .collect();
    assert_eq!(
        inputs,
        vec![
            ("budget", 1000.0, "styr.toml budget_tkr"),
            ("forecast", 1100.0, "a1.xlsx 'Ekonomi'!C9"),
        ]
    );
    let Provenance::Derived(d) = &row(&rows, &unit("a1"), "dubbel").provenance else {
        panic!("not derived");
    };
    assert_eq!(d.inputs[0].source, "härledd: budget - forecast");
    let Provenance::Derived(d) = &row(&rows, &unit("a1"), "pct").provenance else {
        panic!("not derived");
    };
    assert_eq!(d.formula, "(budget - forecast) / (budget) × 100");
    // The JSON says the same.
    let json: serde_json::Value =
        serde_json::from_str(&check::json::to_string(&r).unwrap()).unwrap();
    let source = json["indicators"]["units"]
        .as_array()
        .and_then(|rows| {
            rows.iter()
                .find(|x| x["id"] == "a1" && x["indicator"] == "prog")
        })
        .map(|x| x["source"].clone());
    assert_eq!(
        source,
        Some(serde_json::json!({
            "kind": "derived",
            "formula": "budget - forecast",
            "inputs": [
                {"name": "budget", "value": 1000.0, "source": "styr.toml budget_tkr"},
                {"name": "forecast", "value": 1100.0, "source": "a1.xlsx 'Ekonomi'!C9"},
            ],
        }))
    );
}

#[test]
fn an_earlier_year_without_a_budget_keeps_its_history_line() {
    // styr.toml holds this year's budget: last year's derived value cannot be computed, and
    // the line of historik.csv stays (with its source).
    let dir = write_ws(CONFIG, &catalogue());
    std::fs::write(
        dir.path().join("historik.csv"),
        "indicator,level,id,period,value\nprog,enhet,a1,2025-T1,-40\n",
    )
    .unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    let store = example_store(&ws);
    let r = check::evaluate(&ws, &store, p("2026-T1")).unwrap();
    let rows: Vec<IndicatorRow> = r.indicators.iter().cloned().collect();
    let a1 = row(&rows, &unit("a1"), "prog");
    assert_eq!(a1.last_year.value, Some(-40.0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The model's roll-up of a ratio from one unit is that unit's ratio.
    #[test]
    fn a_ratio_of_one_unit_rolls_up_to_itself(n in -1e6f64..1e6, d in 1e-3f64..1e6, scale in prop::sample::select(vec![1.0, 100.0, 1000.0])) {
        let own = styr::model::derived::ratio(Some(n), Some(d), scale);
        let rolled = styr::model::derived::ratio_rollup(&[(Some(n), Some(d))], scale);
        prop_assert_eq!(own, rolled);
        let model = styr::model::rollup(styr::domain::Rollup::Ratio, &styr::model::UnitValues { values: vec![(n, Some(d))], missing: 0 });
        prop_assert!(close(model.ok().map(|v| v * scale), own.unwrap_or(f64::NAN)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The check's roll-up of a ratio from one unit (the only unit of its förvaltning and of
    /// the kommun) is that unit's ratio, at both levels.
    #[test]
    fn a_ratio_of_one_unit_rolls_up_to_itself_in_the_check(sick in 0.0f64..5000.0, work in 1.0f64..100000.0) {
        let config = CONFIG.split("[[enhet]]\nid = \"a2\"").next().unwrap_or(CONFIG);
        let (_d, ws) = workspace(config, &catalogue());
        let store = Store { values: vec![
            stored(&ws, "2026-T1", "a1", FieldRole::Outcome, "sjuktim", sick),
            stored(&ws, "2026-T1", "a1", FieldRole::Outcome, "arbtim", work),
        ]};
        let r = check::evaluate(&ws, &store, p("2026-T1")).unwrap();
        let rows: Vec<IndicatorRow> = r.indicators.iter().cloned().collect();
        let own = row(&rows, &unit("a1"), "sjuk").value;
        prop_assert!(close(own, sick / work * 100.0));
        prop_assert_eq!(row(&rows, &forv("F1"), "sjuk").value, own);
        prop_assert_eq!(row(&rows, &Level::Kommun, "sjuk").value, own);
    }
}

// ---------------------------------------------------------------------------------------------
// One bad catalogue per finding, at the line and column inside the formula
// ---------------------------------------------------------------------------------------------

/// `ind` for the fixtures: 7 lines, then the formula's own lines.
fn bad(id: &str, measure: &str, formula: &str) -> String {
    ind(id, measure, &format!("rollup = \"sum\"\n{formula}"))
}

#[test]
fn c070_a_formula_that_does_not_parse() {
    // Lines 1-7 the indicator's keys, line 8 `rollup`, line 9 the formula.
    let cat = bad("d", "tkr", "formula = \"budget - (forecast\"");
    assert_eq!(
        findings(&cat),
        vec!["indikatorer.toml:9:30: C070 formeln för 'd' går inte att läsa: en '(' stängs aldrig"]
    );
}

#[test]
fn c071_an_unknown_name() {
    let cat = [
        bad("d", "tkr", "formula = \"budget - forcast\""),
        // A minus without spaces makes one name; the hint says so.
        bad("e", "tkr", "formula = \"budget-spent\""),
    ]
    .concat();
    let f = findings(&cat);
    assert_eq!(
        f,
        vec![
            "indikatorer.toml:9:21: C071 okänt namn 'forcast' i formeln för 'd'",
            "indikatorer.toml:19:12: C071 okänt namn 'budget-spent' i formeln för 'e'",
        ]
    );
    let dir = write_ws(CONFIG, &cat);
    let Err(LoadError::Invalid(d)) = Workspace::load(dir.path()) else {
        panic!("loads")
    };
    assert_eq!(d[0].hints, vec!["menade du 'forecast'?"]);
    assert!(
        d[1].hints[0].contains("'budget - spent'"),
        "{:?}",
        d[1].hints
    );
}

#[test]
fn c072_a_cycle() {
    let cat = [
        bad("a", "tkr", "formula = \"budget - b\""),
        bad("b", "tkr", "formula = \"c + 1\""),
        bad("c", "tkr", "formula = \"a * 2\""),
    ]
    .concat();
    assert_eq!(
        findings(&cat),
        vec!["indikatorer.toml:9:21: C072 formeln för 'a' beror på sig själv: a → b → c → a"]
    );
}

#[test]
fn c073_a_unit_mismatch() {
    let cat = [
        ind("andel", "%", "rollup = \"mean\""),
        // tkr minus %: at the '-'.
        bad("d", "tkr", "formula = \"budget - andel\""),
        // tkr where the indicator is measured in kr: at the formula's start.
        bad("e", "kr", "formula = \"budget - forecast\""),
        // A ratio of tkr to tkr is a plain number, not tkr.
        ind(
            "f",
            "tkr",
            "ratio = { numerator = \"forecast\", denominator = \"budget\" }\nrollup = \"ratio\"",
        ),
    ]
    .concat();
    assert_eq!(
        findings(&cat),
        vec![
            "indikatorer.toml:18:19: C073 formeln för 'd' blandar enheter: '-' mellan tkr och ett rent tal",
            "indikatorer.toml:28:12: C073 formeln för 'e' ger tkr, men indikatorn mäts i kr",
            "indikatorer.toml:37:24: C073 formeln för 'f' ger ett rent tal, men indikatorn mäts i tkr",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Never asked of a unit
// ---------------------------------------------------------------------------------------------

#[test]
fn a_derived_indicator_is_not_in_the_units_workbook() {
    let ws = common::cases::sample();
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let prepared = styr::generate::Prepared::new(&ws, def);
    let u = ws.config.unit("ksf-ekonomi").unwrap();
    let inst = prepared.build(
        styr::generate::Recipient::Unit(u),
        p("2026-T1"),
        Default::default(),
        &|_, _, _| None,
    );
    let keys: Vec<&str> = inst
        .rows
        .values()
        .flatten()
        .map(|r| r.key.as_str())
        .collect();
    for derived in [
        "budgetavvikelse",
        "prognosavvikelse",
        "prognosavvikelse-pct",
    ] {
        assert!(ws.catalogue.indicator(derived).unwrap().derived.is_some());
        assert!(!keys.contains(&derived), "{derived} is asked: {keys:?}");
    }
    // What the unit does report is still there.
    assert!(keys.contains(&"sjukfranvaro"), "{keys:?}");
    // The written workbook has no row for it either.
    let bytes = styr::generate::write_form(&inst, &ws.config.sending.password, "").unwrap();
    let text = String::from_utf8_lossy(&zip_text(&bytes)).to_string();
    assert!(
        !text.contains("prognosavvikelse"),
        "the workbook names a derived indicator"
    );
    assert!(text.contains("sjukfranvaro"));
    // A förvaltning still reviews a derived indicator's målvärde.
    let mdef = ws.forms.current(FormKind::Malvarden).unwrap();
    let mprep = styr::generate::Prepared::new(&ws, mdef);
    let f = ws.config.forvaltning("KSF").unwrap();
    let minst = mprep.build(
        styr::generate::Recipient::Forvaltning(f),
        p("2027-plan"),
        Default::default(),
        &|_, _, _| None,
    );
    assert!(
        minst
            .rows
            .values()
            .flatten()
            .any(|r| r.key == "prognosavvikelse")
    );
}

/// Every XML part of an xlsx, concatenated (the shared strings and the sheets).
fn zip_text(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.ends_with(".xml")) {
            f.read_to_end(&mut out).unwrap();
        }
    }
    out
}

/// The catalogue kept as a workbook: the formula and the ratio's columns, and a finding at the
/// formula's cell.
#[test]
fn the_catalogue_workbook_takes_formulas_and_ratios() {
    use rust_xlsxwriter::Workbook;
    let write = |formula: &str| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("styr.toml"), CONFIG).unwrap();
        let mut wb = Workbook::new();
        let s = wb.add_worksheet().set_name("Mål").unwrap();
        for (c, h) in ["id", "name", "perspective"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        let s = wb.add_worksheet().set_name("Indikatorer").unwrap();
        let head = [
            "id",
            "name",
            "perspective",
            "area",
            "measure",
            "direction",
            "rollup",
            "formula",
            "ratio_numerator",
            "ratio_denominator",
            "ratio_scale",
        ];
        let rows: [[&str; 10]; 4] = [
            [
                "sjuktim",
                "Sjuktimmar",
                "Medarbetare",
                "personal",
                "timmar",
                "lower",
                "sum",
                "",
                "",
                "",
            ],
            [
                "arbtim",
                "Arbetstimmar",
                "Medarbetare",
                "personal",
                "timmar",
                "lower",
                "sum",
                "",
                "",
                "",
            ],
            [
                "sjuk",
                "Sjukfrånvaro",
                "Medarbetare",
                "personal",
                "%",
                "lower",
                "ratio",
                "",
                "sjuktim",
                "arbtim",
            ],
            [
                "d",
                "Avvikelse",
                "Ekonomi",
                "ekonomi",
                "tkr",
                "higher",
                "sum",
                formula,
                "",
                "",
            ],
        ];
        for (c, h) in head.iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    s.write_string(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
        }
        s.write_number(3, 10, 100.0).unwrap();
        let s = wb.add_worksheet().set_name("Målvärden").unwrap();
        for (c, h) in ["indicator", "period"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        wb.save(dir.path().join("indikatorer.xlsx")).unwrap();
        dir
    };
    let dir = write("budget - forcast");
    let Err(LoadError::Invalid(d)) = Workspace::load(dir.path()) else {
        panic!("loads")
    };
    let found: Vec<String> = d
        .iter()
        .map(|d| format!("{} {}", d.code, d.location))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("C071 ") && found[0].ends_with("indikatorer.xlsx: 'Indikatorer'!H5"),
        "{found:?}"
    );
    let dir = write("budget - forecast");
    let ws = Workspace::load(dir.path()).unwrap();
    let sjuk = ws.catalogue.indicator("sjuk").unwrap();
    assert_eq!(sjuk.rollup, styr::domain::Rollup::Ratio);
    let Some(styr::model::Derivation::Ratio {
        scale, numerator, ..
    }) = &sjuk.derived
    else {
        panic!("not a ratio: {:?}", sjuk.derived);
    };
    assert_eq!((*scale, numerator.text.as_str()), (100.0, "sjuktim"));
}

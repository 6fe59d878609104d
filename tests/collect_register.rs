//! Collect tells the truth about returns: plausibility against the unit's budget, history and
//! identity (R130, R220–R222), the register's labels for files that do not count, lateness of
//! corrections, the archive of correction workbooks, and what a correction workbook marks.
//! Each test makes its own workspace (`styr init`) and batch, and runs the real CLI.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::xlsx_edit::{CellValue, Package};
use serde_json::Value as Json;
use styr::domain::{FormKind, Period, Value};
use styr::form::FieldRole;
use styr::generate::write_form;
use styr::generate::{self, Recipient};
use styr::workspace::Workspace;

const PERIOD: &str = "2026-T1";
/// Before the deadline of 2026-T1 (2026-05-11).
const ON_TIME: &str = "2026-05-05T10:00:00Z";

/// In English: these tests read the wording of each finding (the Swedish surface has its own
/// snapshots in `tests/lang_cli.rs`).
fn styr() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
    c.env("STYR_LANG", "en");
    c
}

/// A fresh example workspace in a temporary folder, with an empty batch folder.
struct Setup {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    batch: PathBuf,
    ws: Workspace,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    let o = styr().arg("init").arg(&root).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let batch = root.join("inkommet").join(PERIOD);
    std::fs::create_dir_all(&batch).unwrap();
    let ws = Workspace::load(&root).unwrap();
    Setup {
        _tmp: tmp,
        root,
        batch,
        ws,
    }
}

type Values = BTreeMap<(String, String, String), Value>;

/// `unit`'s return, every input filled plausibly, changed by `change`, saved at `saved`.
fn filled(ws: &Workspace, unit: &str, saved: &str, change: impl Fn(&mut Values)) -> Vec<u8> {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(unit).unwrap());
    let p = Period::parse(PERIOD).unwrap();
    let empty = generate::build(ws, def, r, p, BTreeMap::new(), &|_, _, _| None);
    let bounds = |key: &str| {
        ws.catalogue
            .indicator(key)
            .map_or((None, None), |i| (i.min, i.max))
    };
    let mut values = common::fill::fill_all(def, &empty.layout(), &bounds);
    common::fill::make_plausible(ws, def, unit, p, &mut values);
    change(&mut values);
    let inst = generate::build(ws, def, r, p, values, &|_, _, _| None);
    let bytes = write_form(&inst, &ws.config.sending.password, "").unwrap();
    let mut pkg = Package::open(&bytes);
    pkg.set_saved(saved);
    pkg.finish()
}

/// The (section, key, field) of the first field with `role` (a once section: key "").
fn key_of(ws: &Workspace, role: FieldRole) -> (String, String, String) {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let (s, f) = def.with_role(role)[0];
    (s.id.clone(), String::new(), f.id.clone())
}

/// Where `unit`'s return has the field: (sheet, cell).
fn place(ws: &Workspace, unit: &str, key: &(String, String, String)) -> (String, String) {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(unit).unwrap());
    let inst = generate::build(
        ws,
        def,
        r,
        Period::parse(PERIOD).unwrap(),
        BTreeMap::new(),
        &|_, _, _| None,
    );
    let layout = inst.layout();
    let sec = layout.section(&key.0).unwrap();
    (
        sec.sheet().to_string(),
        sec.cell(&key.1, &key.2).unwrap().to_string(),
    )
}

fn collect(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let o = styr()
        .arg("-C")
        .arg(root)
        .arg("collect")
        .args(["--period", PERIOD])
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

fn collect_json(s: &Setup) -> Json {
    let (_, out) = collect(&s.root, &["--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

fn file_json<'a>(j: &'a Json, name: &str) -> &'a Json {
    j["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no {name} in {j:#}"))
}

/// The diagnostics of a file as (code, severity, sheet, cell, message).
fn diags(j: &Json, name: &str) -> Vec<(String, String, String, String, String)> {
    file_json(j, name)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("").to_string();
            (
                s("code"),
                s("severity"),
                s("sheet"),
                s("cell"),
                s("message"),
            )
        })
        .collect()
}

fn register_status(j: &Json, name: &str) -> String {
    j["register"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(name)))
        .map(|r| r["status"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no register row for {name}"))
}

// ---------------------------------------------------------------------------------------------
// Plausibility

#[test]
fn r220_another_units_forecast_is_an_error_and_r130_names_its_chef() {
    let s = setup();
    let unit = "buf-gr-sjoholm"; // budget 14 800 tkr
    let other = s.ws.config.unit("buf-fsk-solrosen").unwrap().chef.clone();
    let forecast = key_of(&s.ws, FieldRole::Forecast);
    let filled_by = key_of(&s.ws, FieldRole::FilledBy);
    let bytes = filled(&s.ws, unit, ON_TIME, |v| {
        v.insert(forecast.clone(), Value::Number(60_976.0));
        v.insert(filled_by.clone(), Value::Text(other.clone()));
    });
    std::fs::write(
        s.batch.join("uppfoljning-2026-T1-buf-gr-sjoholm.xlsx"),
        bytes,
    )
    .unwrap();
    let j = collect_json(&s);
    let (sheet, cell) = place(&s.ws, unit, &forecast);
    let (fb_sheet, fb_cell) = place(&s.ws, unit, &filled_by);
    let chef = &s.ws.config.unit(unit).unwrap().chef;
    assert_eq!(
        diags(&j, "sjoholm.xlsx"),
        [
            (
                "R130".to_string(),
                "warning".to_string(),
                fb_sheet,
                fb_cell,
                format!("\"Ifylld av\" is '{other}', the chef of 'buf-fsk-solrosen', not of this unit ('{chef}'): may be another unit's figures"),
            ),
            (
                "R220".to_string(),
                "error".to_string(),
                sheet,
                cell,
                "the forecast 60\u{a0}976 tkr is 412 % of the unit's budget (14\u{a0}800 tkr), outside 50 %–200 % of it".to_string(),
            ),
        ]
    );
    assert_eq!(register_status(&j, "sjoholm.xlsx"), "inkommen med fel");
    // The refused forecast is not stored; the rest of the return is, as preliminary.
    let store = styr::analysis::store::Store::load(&s.root.join("data/varden.parquet")).unwrap();
    let mine: Vec<_> = store.values.iter().filter(|v| v.unit == unit).collect();
    assert!(mine.len() > 10 && mine.iter().all(|v| v.preliminary));
    let f: Vec<_> = mine
        .iter()
        .filter(|v| v.field == forecast.2 && v.section == forecast.0)
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].number, f[0].error.as_deref()), (None, Some("R220")));
}

#[test]
fn r130_a_file_named_after_another_unit() {
    let s = setup();
    let bytes = filled(&s.ws, "buf-gr-sjoholm", ON_TIME, |_| {});
    std::fs::write(
        s.batch.join("uppfoljning-2026-T1-buf-fsk-solrosen.xlsx"),
        bytes,
    )
    .unwrap();
    let j = collect_json(&s);
    assert_eq!(
        diags(&j, "solrosen.xlsx"),
        [(
            "R130".to_string(),
            "warning".to_string(),
            String::new(),
            String::new(),
            "the file name names the unit 'buf-fsk-solrosen', but the workbook is for 'buf-gr-sjoholm': may be another unit's figures".to_string()
        )]
    );
    assert_eq!(register_status(&j, "solrosen.xlsx"), "inkommen");
    // The register says it too, beside the file.
    let row = j["register"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["recipient"] == "buf-gr-sjoholm")
        .unwrap();
    assert_eq!(row["other_unit"], true);
    let (_, out) = collect(&s.root, &[]);
    assert!(
        out.lines().any(|l| l.starts_with("received ")
            && l.ends_with(
                "uppfoljning-2026-T1-buf-fsk-solrosen.xlsx  (may be another unit's figures)"
            )),
        "{out}"
    );
}

#[test]
fn r221_a_forecast_far_from_the_budget_asks_for_the_comment() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    let forecast = key_of(&s.ws, FieldRole::Forecast);
    let comment = key_of(&s.ws, FieldRole::EconomyComment);
    let bytes = filled(&s.ws, unit, ON_TIME, |v| {
        v.insert(forecast.clone(), Value::Number(16_576.0)); // 12 % over
        v.remove(&comment);
    });
    std::fs::write(s.batch.join("a.xlsx"), bytes).unwrap();
    // The same with a comment: no finding.
    let bytes = filled(&s.ws, "buf-gr-lindas", ON_TIME, |v| {
        let budget =
            s.ws.config
                .unit("buf-gr-lindas")
                .unwrap()
                .budget_tkr
                .unwrap();
        v.insert(forecast.clone(), Value::Number((budget * 1.12).round()));
    });
    std::fs::write(s.batch.join("b.xlsx"), bytes).unwrap();
    let j = collect_json(&s);
    let (sheet, cell) = place(&s.ws, unit, &comment);
    let label =
        s.ws.forms
            .current(FormKind::Uppfoljning)
            .unwrap()
            .section(&comment.0)
            .unwrap()
            .field(&comment.2)
            .unwrap()
            .label
            .clone();
    assert_eq!(
        diags(&j, "a.xlsx"),
        [(
            "R221".to_string(),
            "warning".to_string(),
            sheet,
            cell,
            format!(
                "the forecast 16\u{a0}576 tkr deviates 12 % from the budget 14\u{a0}800 tkr (more than 10 %), and \"{label}\" is empty"
            )
        )]
    );
    assert_eq!(diags(&j, "b.xlsx"), []);
    assert_eq!(register_status(&j, "a.xlsx"), "inkommen");
}

#[test]
fn r222_an_outcome_far_from_the_units_history() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    // The unit's first indicator with an annual outcome in the history for 2025, the period
    // before tertial 1.
    let def = s.ws.forms.current(FormKind::Uppfoljning).unwrap();
    let p = Period::parse(PERIOD).unwrap();
    let inst = generate::build(
        &s.ws,
        def,
        Recipient::Unit(s.ws.config.unit(unit).unwrap()),
        p,
        BTreeMap::new(),
        &|_, _, _| None,
    );
    let layout = inst.layout();
    let (sec, key, field, before) = layout
        .sections
        .iter()
        .flat_map(|sec| sec.inputs().into_iter().map(move |i| (sec, i)))
        .filter(|(_, (_, f, _))| f.role == Some(FieldRole::Outcome))
        .find_map(|(sec, (key, f, _))| {
            let h = s.ws.history.iter().find(|o| {
                o.indicator.as_str() == key
                    && o.period == p.previous()
                    && o.level
                        == styr::workspace::catalogue::Level::Unit(
                            s.ws.config.unit(unit).unwrap().id.clone(),
                        )
            })?;
            Some((sec, key.to_string(), f, h.value))
        })
        .expect("an outcome with unit history");
    let cell = sec.cell(&key, &field.id).unwrap();
    // Declare a plausible change of 1 for that indicator, and type the outcome 5 higher.
    let cat = s.root.join("indikatorer.toml");
    let text = std::fs::read_to_string(&cat).unwrap();
    let needle = format!("id = \"{key}\"\n");
    assert!(text.contains(&needle), "{key} in indikatorer.toml");
    std::fs::write(
        &cat,
        text.replacen(&needle, &format!("{needle}plausible_change = 1\n"), 1),
    )
    .unwrap();
    let ws = Workspace::load(&s.root).unwrap();
    let k = (sec.def.id.clone(), key.clone(), field.id.clone());
    let typed = before + 5.0;
    let bytes = filled(&ws, unit, ON_TIME, |v| {
        v.insert(k.clone(), Value::Number(typed));
    });
    std::fs::write(s.batch.join("a.xlsx"), bytes).unwrap();
    let j = collect_json(&s);
    let d = ws.catalogue.indicator(&key).unwrap().decimals;
    let n = |x: f64| styr::domain::format_number(x, Some(d));
    let found: Vec<_> = diags(&j, "a.xlsx")
        .into_iter()
        .filter(|x| x.0 == "R222")
        .collect();
    assert_eq!(
        found,
        [(
            "R222".to_string(),
            "warning".to_string(),
            sec.sheet().to_string(),
            cell.to_string(),
            format!(
                "the outcome {} of '{key}' changed by {} from {} in 2025, more than its plausible_change {}",
                n(typed),
                n(5.0),
                n(before),
                n(1.0)
            )
        )]
    );
}

#[test]
fn c023_a_plausible_change_that_is_not_positive_is_refused() {
    let s = setup();
    let cat = s.root.join("indikatorer.toml");
    let text = std::fs::read_to_string(&cat).unwrap();
    let first = s.ws.catalogue.indicators[0].id.to_string();
    let needle = format!("id = \"{first}\"\n");
    std::fs::write(
        &cat,
        text.replacen(&needle, &format!("{needle}plausible_change = -2\n"), 1),
    )
    .unwrap();
    let o = styr()
        .arg("-C")
        .arg(&s.root)
        .arg("validate")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains(&format!(
            "C023 indicator '{first}' has plausible_change = -2, which is not a positive number"
        )),
        "{out}"
    );
}

#[test]
fn c024_correction_days_out_of_range_is_refused() {
    let s = setup();
    let toml = s.root.join("styr.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains("[sending]"));
    std::fs::write(
        &toml,
        text.replacen("[sending]\n", "[sending]\ncorrection_days = 0\n", 1),
    )
    .unwrap();
    let o = styr()
        .arg("-C")
        .arg(&s.root)
        .arg("validate")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("C024 correction_days = 0 is not a number of days from 1 to 90"),
        "{out}"
    );
}

// ---------------------------------------------------------------------------------------------
// The register

fn with_text_in_outcome(ws: &Workspace, unit: &str, saved: &str) -> Vec<u8> {
    let forecast = key_of(ws, FieldRole::Forecast);
    let (sheet, cell) = place(ws, unit, &forecast);
    let mut pkg = Package::open(&filled(ws, unit, saved, |_| {}));
    pkg.set_cell(&sheet, &cell, CellValue::Text("ca 58".into()));
    pkg.finish()
}

#[test]
fn a_newer_draft_with_errors_is_not_ersatt_av_nyare() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    std::fs::write(
        s.batch.join("giltig.xlsx"),
        filled(&s.ws, unit, ON_TIME, |_| {}),
    )
    .unwrap();
    std::fs::write(
        s.batch.join("utkast.xlsx"),
        with_text_in_outcome(&s.ws, unit, "2026-05-06T10:00:00Z"),
    )
    .unwrap();
    // An older file with errors that the valid one replaces.
    std::fs::write(
        s.batch.join("forsta.xlsx"),
        with_text_in_outcome(&s.ws, unit, "2026-05-04T10:00:00Z"),
    )
    .unwrap();
    let j = collect_json(&s);
    assert_eq!(register_status(&j, "giltig.xlsx"), "inkommen");
    assert_eq!(
        register_status(&j, "utkast.xlsx"),
        "med fel, äldre utan fel gäller"
    );
    assert_eq!(register_status(&j, "forsta.xlsx"), "ersatt av nyare");
    let f = file_json(&j, "utkast.xlsx");
    assert_eq!(
        (&f["register_status"], &f["current"], &f["errors"]),
        (
            &Json::from("med fel, äldre utan fel gäller"),
            &Json::from(false),
            &Json::from(1)
        )
    );
    assert_eq!(file_json(&j, "giltig.xlsx")["current"], true);
}

#[test]
fn two_different_files_saved_at_the_same_time_are_not_ersatt_av_nyare() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    let filled_by = key_of(&s.ws, FieldRole::FilledBy);
    let chef = s.ws.config.unit(unit).unwrap().chef.clone();
    std::fs::write(s.batch.join("a.xlsx"), filled(&s.ws, unit, ON_TIME, |_| {})).unwrap();
    std::fs::write(
        s.batch.join("bb.xlsx"),
        filled(&s.ws, unit, ON_TIME, |v| {
            v.insert(filled_by.clone(), Value::Text(format!("{chef} ")));
            v.insert(
                key_of(&s.ws, FieldRole::Summary),
                Value::Text("En annan sammanfattning.".into()),
            );
        }),
    )
    .unwrap();
    let j = collect_json(&s);
    assert_eq!(register_status(&j, "a.xlsx"), "inkommen");
    assert_eq!(register_status(&j, "bb.xlsx"), "ersatt, sparad samtidigt");
}

#[test]
fn findings_of_replaced_files_are_history_not_current() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    std::fs::write(
        s.batch.join("forsta.xlsx"),
        with_text_in_outcome(&s.ws, unit, "2026-05-04T10:00:00Z"),
    )
    .unwrap();
    std::fs::write(
        s.batch.join("rattad.xlsx"),
        filled(&s.ws, unit, ON_TIME, |_| {}),
    )
    .unwrap();
    let (code, out) = collect(&s.root, &[]);
    assert!(!out.contains("forsta.xlsx: "), "{out}");
    assert!(
        out.contains("(1 finding(s) in 1 replaced file(s) not shown: --format json lists them)"),
        "{out}"
    );
    assert!(out.contains(" 0 with errors"), "{out}");
    // Other units are missing: exit 1 for those, not for the replaced file. Its finding stays
    // in the JSON with its status.
    assert_eq!(code, Some(1));
    let j = collect_json(&s);
    let f = file_json(&j, "forsta.xlsx");
    assert_eq!(f["register_status"], "ersatt av nyare");
    assert_eq!(f["current"], false);
    assert_eq!(f["diagnostics"][0]["code"], "R203");
}

#[test]
fn a_correction_after_the_deadline_but_within_the_correction_days_is_not_late() {
    let s = setup();
    // Deadline 2026-05-11; correction_days 10 by default: corrections due 2026-05-21.
    for (unit, first, second, expected) in [
        (
            "buf-gr-sjoholm",
            Some(ON_TIME),
            "2026-05-20T10:00:00Z",
            "inkommen",
        ),
        (
            "buf-gr-lindas",
            Some(ON_TIME),
            "2026-05-22T10:00:00Z",
            "sen",
        ),
        ("buf-gr-hassla", None, "2026-05-20T10:00:00Z", "sen"),
        (
            "buf-gr-ekebo79",
            Some("2026-05-12T10:00:00Z"),
            "2026-05-20T10:00:00Z",
            "sen",
        ),
    ] {
        if let Some(first) = first {
            std::fs::write(
                s.batch.join(format!("{unit}-1.xlsx")),
                with_text_in_outcome(&s.ws, unit, first),
            )
            .unwrap();
        }
        std::fs::write(
            s.batch.join(format!("{unit}-2.xlsx")),
            filled(&s.ws, unit, second, |_| {}),
        )
        .unwrap();
        let j = collect_json(&s);
        assert_eq!(
            register_status(&j, &format!("{unit}-2.xlsx")),
            expected,
            "{unit}: first {first:?}, correction {second}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Correction workbooks

fn zip_text(bytes: &[u8], part_prefix: &str) -> String {
    let pkg = Package::open(bytes);
    (1..10)
        .filter_map(|i| pkg.part(&format!("{part_prefix}{i}.xml")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_correction_workbook_marks_the_faulty_cell_and_is_archived_once_corrected() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    std::fs::write(
        s.batch.join("forsta.xlsx"),
        with_text_in_outcome(&s.ws, unit, ON_TIME),
    )
    .unwrap();
    // The correction workbook speaks the surface's language: Swedish here.
    let sv = styr()
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(&s.root)
        .args(["collect", "--period", PERIOD])
        .output()
        .unwrap();
    assert!(sv.status.code().is_some());
    let dir = s.root.join("utskick").join(PERIOD).join("rattelser");
    let name = "uppfoljning-2026-T1-buf-gr-sjoholm-rattelse.xlsx";
    let bytes = std::fs::read(dir.join(name)).unwrap();
    let pkg = Package::open(&bytes);
    // The faulty cell has a note with the Swedish message and the field's help.
    let comments = zip_text(&bytes, "xl/comments");
    assert!(
        comments.contains("Att rätta: Cellen ska innehålla ett tal."),
        "{comments}"
    );
    assert!(
        comments.contains("Så fyller du i: Beräknad nettokostnad"),
        "{comments}"
    );
    // ... and a style kept for errors: a thick dark red border over a hatched fill.
    let styles = pkg.part("xl/styles.xml").unwrap();
    assert!(
        styles.contains("<left style=\"thick\"><color rgb=\"FFC00000\""),
        "{styles}"
    );
    assert!(styles.contains("patternType=\"lightUp\""), "{styles}");
    // The instruction names that style, never "de röda cellerna", and gives the new deadline.
    let strings = pkg.shared_strings().join("\n");
    assert!(!strings.contains("röda cellerna"), "{strings}");
    assert!(
        strings.contains("tjock mörkröd ram och blårandig bakgrund"),
        "{strings}"
    );
    assert!(
        strings.contains("Skicka rättelsen senast 2026-05-21."),
        "{strings}"
    );
    assert!(strings.contains("Det här är en rättelse."), "{strings}");
    // The corrected return arrives: the correction workbook moves to the archive.
    std::fs::write(
        s.batch.join("rattad.xlsx"),
        filled(&s.ws, unit, "2026-05-15T10:00:00Z", |_| {}),
    )
    .unwrap();
    let (_, out) = collect(&s.root, &[]);
    assert!(!dir.join(name).exists());
    assert_eq!(std::fs::read(dir.join("arkiv").join(name)).unwrap(), bytes);
    assert!(out.contains("1 correction workbooks archived in"), "{out}");
    // Collecting again changes nothing.
    collect(&s.root, &[]);
    let archived: Vec<_> = std::fs::read_dir(dir.join("arkiv")).unwrap().collect();
    assert_eq!(archived.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Check: a faulty return's valid values are used, and Ej bedömt says why

#[test]
fn check_uses_a_faulty_returns_valid_values_and_says_why_a_row_is_not_judged() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    // The first outcome of the unit's first indicator section: "ca 5", an error (R203).
    let def = s.ws.forms.current(FormKind::Uppfoljning).unwrap();
    let inst = generate::build(
        &s.ws,
        def,
        Recipient::Unit(s.ws.config.unit(unit).unwrap()),
        Period::parse(PERIOD).unwrap(),
        BTreeMap::new(),
        &|_, _, _| None,
    );
    let layout = inst.layout();
    let (sheet, cell, bad, good) = layout
        .sections
        .iter()
        .find_map(|sec| {
            let outcomes: Vec<_> = sec
                .inputs()
                .into_iter()
                .filter(|(_, f, _)| f.role == Some(FieldRole::Outcome))
                .collect();
            let (k0, _, c0) = outcomes.first()?;
            let (k1, _, _) = outcomes.get(1)?;
            Some((
                sec.sheet().to_string(),
                c0.to_string(),
                k0.to_string(),
                k1.to_string(),
            ))
        })
        .unwrap();
    let mut pkg = Package::open(&filled(&s.ws, unit, ON_TIME, |_| {}));
    pkg.set_cell(&sheet, &cell, CellValue::Text("ca 5".into()));
    std::fs::write(s.batch.join("a.xlsx"), pkg.finish()).unwrap();
    collect(&s.root, &[]);
    let o = styr()
        .arg("-C")
        .arg(&s.root)
        .args(["check", "--period", PERIOD, "--format", "json"])
        .output()
        .unwrap();
    let j: Json = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["preliminary"], serde_json::json!([unit]));
    assert!(
        j["notes"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap()
            .starts_with(&format!("{unit}: retur med fel, rättelse begärd"))),
        "{:#}",
        j["notes"]
    );
    let row = |u: &str, ind: &str| {
        j["indicators"]["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == u && r["indicator"] == ind)
            .unwrap_or_else(|| panic!("no row {u} {ind}"))
            .clone()
    };
    let r = row(unit, &bad);
    assert_eq!(
        (&r["status"], &r["reason"], &r["reason_text"]),
        (
            &Json::from("ej_bedomt"),
            &Json::from("cell_error"),
            &Json::from("cellen hade fel, rättelse begärd")
        )
    );
    // The valid values of the same return are used.
    assert!(row(unit, &good)["value"].is_number());
    // A unit that sent nothing.
    let r = row("buf-gr-lindas", &bad);
    assert_eq!(
        (&r["reason"], &r["reason_text"]),
        (&Json::from("no_return"), &Json::from("ingen retur"))
    );
}

#[test]
fn a_later_return_with_errors_never_replaces_a_stored_valid_one() {
    let s = setup();
    let unit = "buf-gr-sjoholm";
    let store = s.root.join("data/varden.parquet");
    let valid = s.root.join("giltig.xlsx");
    std::fs::write(&valid, filled(&s.ws, unit, ON_TIME, |_| {})).unwrap();
    collect(&s.root, &[valid.to_str().unwrap()]);
    let before = styr::analysis::store::Store::load(&store).unwrap();
    assert!(
        before
            .values
            .iter()
            .any(|v| v.unit == unit && !v.preliminary)
    );
    // A newer draft with an error, collected on its own: the valid return stays.
    let draft = s.root.join("utkast.xlsx");
    std::fs::write(
        &draft,
        with_text_in_outcome(&s.ws, unit, "2026-05-07T10:00:00Z"),
    )
    .unwrap();
    let (_, out) = collect(&s.root, &[draft.to_str().unwrap()]);
    assert!(out.contains("(0 returns added or replaced)"), "{out}");
    assert_eq!(styr::analysis::store::Store::load(&store).unwrap(), before);
}

//! Collect reads exactly what the unit meant (issue 16): every input cell's stored value equals
//! what the cell shows, or the cell gets a diagnostic; nothing in a form sheet is dropped
//! without a message.
//!
//! Each fixture is a generated, filled return changed the way people and programs change one:
//! raw XML edits here (a deleted `_styr` sheet, merged cells, a formula without its value, a
//! missing shared string, notes beside a table, number formats), and LibreOffice edits and
//! re-saves as .xlsx and .ods in `collect_libreoffice.rs`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::xlsx_edit::{CellValue, Package};
use styr::collect::{FormRead, InProcess, RawReader, identify, read_form};
use styr::diag::{Diagnostic, Location, Severity};
use styr::domain::{FormKind, Period, Value};
use styr::generate::write_form;
use styr::generate::{self, Recipient};
use styr::workspace::Workspace;
use styr::xlsx_read::Format;

const UNIT: &str = "buf-gr-sjoholm";
const PERIOD: &str = "2026-T1";
const PERSONAL: &str = "Personal och kompetens";

type Key = (String, String, String);

fn key(section: &str, row: &str, field: &str) -> Key {
    (section.into(), row.into(), field.into())
}

/// The unit's return with every input filled (`change` may set some), as xlsx bytes.
fn filled(ws: &Workspace, change: impl Fn(&mut BTreeMap<Key, Value>)) -> Package {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(UNIT).unwrap());
    let p = Period::parse(PERIOD).unwrap();
    let empty = generate::build(ws, def, r, p, BTreeMap::new(), &|_, _, _| None);
    let bounds = |key: &str| {
        ws.catalogue
            .indicator(key)
            .map_or((None, None), |i| (i.min, i.max))
    };
    let mut values = common::fill::fill_all(def, &empty.layout(), &bounds);
    change(&mut values);
    let inst = generate::build(ws, def, r, p, values, &|_, _, _| None);
    Package::open(&write_form(&inst, &ws.config.sending.password, "").unwrap())
}

/// The cell of a field in the generated layout: `H6`.
fn cell(ws: &Workspace, section: &str, row: &str, field: &str) -> String {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(UNIT).unwrap());
    let inst = generate::build(
        ws,
        def,
        r,
        Period::parse(PERIOD).unwrap(),
        BTreeMap::new(),
        &|_, _, _| None,
    );
    inst.layout()
        .section(section)
        .unwrap()
        .cell(row, field)
        .unwrap()
        .to_string()
}

/// Reads `bytes` as collect does (identify, then every input of the form).
fn read(ws: &Workspace, bytes: &[u8], format: Format) -> FormRead {
    let path = Path::new("retur.xlsx");
    let raw = InProcess
        .read(path, bytes, format)
        .unwrap_or_else(|d| panic!("{d}"));
    let id = identify(path, &raw).unwrap_or_else(|d| panic!("{d}"));
    let def = ws.forms.version(id.kind, id.version).unwrap();
    read_form(path, &raw, def, &id, ws)
}

fn stored(read: &FormRead) -> BTreeMap<Key, Value> {
    read.values
        .iter()
        .map(|v| {
            (
                (
                    v.section.to_string(),
                    v.key.to_string(),
                    v.field.to_string(),
                ),
                v.value.clone(),
            )
        })
        .collect()
}

fn cell_of(d: &Diagnostic) -> Option<String> {
    match &d.location {
        Location::Cell { cell, .. } => Some(cell.to_string()),
        _ => None,
    }
}

/// The one finding `code` at `'sheet'!cell`.
fn finding<'a>(read: &'a FormRead, code: &str, sheet: &str, at: &str) -> &'a Diagnostic {
    let want = format!("'{sheet}'!{at}");
    let found: Vec<&Diagnostic> = read
        .diagnostics
        .iter()
        .filter(|d| d.code == code && cell_of(d).as_deref() == Some(want.as_str()))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {code} at {want}; findings: {:#?}",
        read.diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    found[0]
}

fn no_findings_at(read: &FormRead, sheet: &str, at: &str, but: &str) {
    let want = format!("'{sheet}'!{at}");
    let other: Vec<String> = read
        .diagnostics
        .iter()
        .filter(|d| d.code != but && cell_of(d).as_deref() == Some(want.as_str()))
        .map(ToString::to_string)
        .collect();
    assert!(other.is_empty(), "{other:#?}");
}

/// The first two indicators of the personal table, and the outcome's column.
fn personal_rows(ws: &Workspace) -> Vec<String> {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(UNIT).unwrap());
    let inst = generate::build(
        ws,
        def,
        r,
        Period::parse(PERIOD).unwrap(),
        BTreeMap::new(),
        &|_, _, _| None,
    );
    inst.layout().section("personal").unwrap().keys.clone()
}

#[test]
fn baseline_reads_every_input_without_findings() {
    let ws = common::cases::sample();
    let pkg = filled(&ws, |_| {});
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let stray: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("R1") || d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(stray.is_empty(), "{stray:#?}");
}

#[test]
fn deleted_styr_sheet_keeps_every_indicator_input() {
    let ws = common::cases::sample();
    let pkg = filled(&ws, |_| {});
    let whole = stored(&read(&ws, &pkg.finish(), Format::Xlsx));
    let mut cut = pkg.clone();
    cut.delete_sheet("_styr");
    let r = read(&ws, &cut.finish(), Format::Xlsx);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "R122" && d.severity == Severity::Warning),
        "{:#?}",
        r.diagnostics
    );
    let got = stored(&r);
    assert!(
        whole.keys().any(|(s, _, _)| s == "personal"),
        "the fixture has indicator inputs"
    );
    assert_eq!(got, whole, "every value of the whole return is stored");
}

#[test]
fn merged_cells_hiding_inputs_are_errors_and_not_stored() {
    let ws = common::cases::sample();
    let rows = personal_rows(&ws);
    let first = &rows[0];
    let outcome = cell(&ws, "personal", first, "utfall");
    let analys = cell(&ws, "personal", first, "analys");
    let atgard = cell(&ws, "personal", first, "atgard");
    let mut pkg = filled(&ws, |v| {
        v.insert(
            key("personal", first, "analys"),
            Value::Text("dold analys".into()),
        );
    });
    pkg.merge(PERSONAL, &format!("{outcome}:{atgard}"));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R123", PERSONAL, &analys);
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("\"dold analys\""), "{}", d.message);
    assert!(
        d.message.contains(&format!("{outcome}:{atgard}")),
        "{}",
        d.message
    );
    finding(&r, "R123", PERSONAL, &atgard);
    let got = stored(&r);
    assert!(!got.contains_key(&key("personal", first, "analys")));
    assert!(!got.contains_key(&key("personal", first, "atgard")));
    assert!(
        got.contains_key(&key("personal", first, "utfall")),
        "the first cell shows"
    );
}

#[test]
fn formula_without_cached_value_in_an_optional_cell_is_reported() {
    let ws = common::cases::sample();
    let rows = personal_rows(&ws);
    let analys = cell(&ws, "personal", &rows[1], "analys");
    let mut pkg = filled(&ws, |_| {});
    pkg.set_cell(
        PERSONAL,
        &analys,
        CellValue::FormulaOnly("CONCATENATE(\"Se \";\"bilaga\")".into()),
    );
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R124", PERSONAL, &analys);
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message
            .contains("formeln =CONCATENATE(\"Se \";\"bilaga\") har inget beräknat värde"),
        "{}",
        d.message
    );
    no_findings_at(&r, PERSONAL, &analys, "R124");
    assert!(!stored(&r).contains_key(&key("personal", &rows[1], "analys")));
}

#[test]
fn notes_beside_the_tables_are_warnings_with_cell_and_text() {
    let ws = common::cases::sample();
    let mut pkg = filled(&ws, |_| {});
    pkg.set_cell(
        PERSONAL,
        "M7",
        CellValue::Text("Obs: siffrorna är preliminära".into()),
    );
    pkg.set_cell("Ekonomi", "E6", CellValue::Number(1234.0));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R117", PERSONAL, "M7");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "ett värde utanför formulärets celler läses inte: \"Obs: siffrorna är preliminära\""
    );
    let d = finding(&r, "R117", "Ekonomi", "E6");
    assert!(d.message.ends_with("\"1234\""), "{}", d.message);
}

#[test]
fn tiny_number_in_a_text_field_is_stored_as_shown() {
    let ws = common::cases::sample();
    let rows = personal_rows(&ws);
    let analys = cell(&ws, "personal", &rows[0], "analys");
    let mut pkg = filled(&ws, |_| {});
    pkg.set_cell(PERSONAL, &analys, CellValue::Number(1e-7));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    assert_eq!(
        stored(&r).get(&key("personal", &rows[0], "analys")),
        Some(&Value::Text("0,0000001".into()))
    );
    let mut pkg = filled(&ws, |_| {});
    pkg.set_cell(PERSONAL, &analys, CellValue::Number(0.000_25));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    assert_eq!(
        stored(&r).get(&key("personal", &rows[0], "analys")),
        Some(&Value::Text("0,00025".into()))
    );
}

#[test]
fn missing_shared_string_is_named_at_its_cell_and_the_sheet_read_on() {
    let ws = common::cases::sample();
    let rows = personal_rows(&ws);
    let analys = cell(&ws, "personal", &rows[0], "analys");
    let mut pkg = filled(&ws, |_| {});
    pkg.set_cell(PERSONAL, &analys, CellValue::SharedIndex(99_999));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R124", PERSONAL, &analys);
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("delad sträng 99999"), "{}", d.message);
    no_findings_at(&r, PERSONAL, &analys, "R124");
    assert!(r.diagnostics.iter().all(|d| d.code != "R121"));
    // The cells after it are read.
    let got = stored(&r);
    for k in &rows[1..] {
        assert!(got.contains_key(&key("personal", k, "utfall")), "{k}");
    }
}

#[test]
fn date_in_an_amount_cell_is_r203_in_xlsx_quoting_the_date() {
    let ws = common::cases::sample();
    let mut pkg = filled(&ws, |_| {});
    let date = pkg.add_number_style(14);
    // 2026-03-15 as Excel counts days.
    pkg.set_cell("Ekonomi", "B6", CellValue::Styled(46_096.0, date));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R203", "Ekonomi", "B6");
    assert_eq!(d.message, "ett datum (2026-03-15) i en talcell");
    assert!(!stored(&r).contains_key(&key("ekonomi", "", "utfall")));
}

fn percent_row(ws: &Workspace, id: &str) -> String {
    assert!(
        personal_rows(ws).iter().any(|k| k == id),
        "{id} is reported"
    );
    cell(ws, "personal", id, "utfall")
}

#[test]
fn percent_formatted_values_are_read_as_shown() {
    let ws = common::cases::sample();
    let sjuk = percent_row(&ws, "sjukfranvaro");
    let heltid = percent_row(&ws, "andel-heltid");
    let mut pkg = filled(&ws, |_| {});
    let pct = pkg.add_number_style(10);
    pkg.set_cell(PERSONAL, &sjuk, CellValue::Styled(0.095, pct.clone()));
    pkg.set_cell(PERSONAL, &heltid, CellValue::Styled(0.94, pct));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let got = stored(&r);
    assert_eq!(
        got.get(&key("personal", "sjukfranvaro", "utfall")),
        Some(&Value::Number(9.5))
    );
    assert_eq!(
        got.get(&key("personal", "andel-heltid", "utfall")),
        Some(&Value::Number(94.0))
    );
    no_findings_at(&r, PERSONAL, &sjuk, "R210");
}

#[test]
fn out_of_range_message_quotes_what_the_cell_shows() {
    let ws = common::cases::sample();
    let sjuk = percent_row(&ws, "sjukfranvaro");
    let mut pkg = filled(&ws, |_| {});
    let pct = pkg.add_number_style(10);
    pkg.set_cell(PERSONAL, &sjuk, CellValue::Styled(1.5, pct));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R202", PERSONAL, &sjuk);
    assert!(
        d.message
            .starts_with("150 % ligger utanför det tillåtna intervallet"),
        "{}",
        d.message
    );
}

#[test]
fn percent_in_an_amount_cell_is_an_error() {
    let ws = common::cases::sample();
    let mut pkg = filled(&ws, |_| {});
    let pct = pkg.add_number_style(9);
    pkg.set_cell("Ekonomi", "B6", CellValue::Styled(0.5, pct));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R217", "Ekonomi", "B6");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("(50 %)"), "{}", d.message);
}

#[test]
fn fraction_in_a_percentage_field_is_an_error_naming_its_rule() {
    let ws = common::cases::sample();
    let sjuk = percent_row(&ws, "sjukfranvaro");
    let mut pkg = filled(&ws, |_| {});
    pkg.set_cell(PERSONAL, &sjuk, CellValue::Number(0.095));
    let r = read(&ws, &pkg.finish(), Format::Xlsx);
    let d = finding(&r, "R216", PERSONAL, &sjuk);
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message
            .starts_with("0,095 är en andel, inte procent: 9,5 % passar målvärdet"),
        "{}",
        d.message
    );
    assert!(!stored(&r).contains_key(&key("personal", "sjukfranvaro", "utfall")));
    assert!(r.diagnostics.iter().all(|d| d.code != "R215"));
}

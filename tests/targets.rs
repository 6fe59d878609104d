//! `styr targets accept`: the decided proposal workbook read back, the differences against
//! indikatorer.toml (snapshot), `--apply` round trip keeping comments, diagnostics at the cell,
//! and a decided file saved by LibreOffice.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::xlsx_edit::{CellValue, Package};
use styr::collect::{self, InProcess};
use styr::domain::{CellRef, Period};
use styr::report::malforslag::{DECIDED_HEADER, DECIDED_MAX_HEADER, KEY_HEADER, SHEET};
use styr::workspace::Workspace;
use styr::workspace::catalogue::{Level, TargetValue};
use styr::xlsx_read::{Format, Limits, RawCell};

const PLAN: &str = "2027-plan";

/// Målvärden for 2027 already in the catalogue before the committee decides: one the committee
/// changes, one it keeps.
const EARLIER_2027: &str = r#"
# Beslutat i kommunfullmäktige juni 2025 (flerårsplan).
[[target]]
indicator = "sjukfranvaro"
period = "2027"
value = 7.2

[[target]]
indicator = "nki-stod"
period = "2027"
level = "forvaltning"
id = "KSF"
value = 75
"#;

struct Fixture {
    _tmp: tempfile::TempDir,
    ws: PathBuf,
    /// The review workbook as written by styr.
    review: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    styr::sample::write_workspace(&dir).unwrap();
    let cat = dir.join("indikatorer.toml");
    let text = std::fs::read_to_string(&cat).unwrap();
    std::fs::write(&cat, format!("{text}{EARLIER_2027}")).unwrap();
    let ws = Workspace::load(&dir).unwrap();
    styr::sample::write_returns(&ws.path(&ws.config.folders.incoming).join(PLAN), PLAN).unwrap();
    collect::collect_period(
        &ws,
        Period::parse(PLAN).unwrap(),
        &[],
        &InProcess,
        1,
        &|_| {},
        "2026-04-10T08:00:00Z",
    )
    .unwrap();
    let review = styr::report::malforslag::write(&ws, Period::parse(PLAN).unwrap(), None).unwrap();
    Fixture {
        _tmp: tmp,
        ws: dir,
        review,
    }
}

/// The A1 cells of the decision columns of the row with `key`: (decided, decided max).
fn decision_cells(review: &Path, key: &str) -> (String, String) {
    let raw = styr::xlsx_read::read(
        &std::fs::read(review).unwrap(),
        Format::Xlsx,
        &Limits::default(),
    )
    .unwrap();
    let s = raw.sheet(SHEET).unwrap();
    let find = |pred: &dyn Fn(&RawCell) -> bool| {
        s.cells
            .iter()
            .find(|(_, _, v)| pred(v))
            .map(|(r, c, _)| (*r, *c))
            .unwrap()
    };
    let is = |t: &'static str| move |v: &RawCell| matches!(v, RawCell::Text(x) if x == t);
    let (_, key_col) = find(&is(KEY_HEADER));
    let (_, min_col) = find(&is(DECIDED_HEADER));
    let (_, max_col) = find(&is(DECIDED_MAX_HEADER));
    let row = s
        .cells
        .iter()
        .find(|(_, c, v)| *c == key_col && matches!(v, RawCell::Text(x) if x == key))
        .map(|(r, _, _)| *r)
        .unwrap_or_else(|| panic!("no row {key}"));
    (
        CellRef::new(row, min_col).to_string(),
        CellRef::new(row, max_col).to_string(),
    )
}

/// The review with `decisions` typed in: (row key, decided, decided max).
fn decide(f: &Fixture, decisions: &[(&str, CellValue, Option<CellValue>)], name: &str) -> PathBuf {
    let mut pkg = Package::open(&std::fs::read(&f.review).unwrap());
    for (key, value, max) in decisions {
        let (a, b) = decision_cells(&f.review, key);
        pkg.set_cell(SHEET, &a, value.clone());
        if let Some(m) = max {
            pkg.set_cell(SHEET, &b, m.clone());
        }
    }
    let out = f.ws.join(name);
    std::fs::write(&out, pkg.finish()).unwrap();
    out
}

fn styr(ws: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(ws)
        .args(args)
        .output()
        .unwrap();
    let redact = |s: &[u8]| String::from_utf8_lossy(s).replace(&ws.display().to_string(), "[WS]");
    (
        o.status.code().unwrap_or(-1),
        redact(&o.stdout),
        redact(&o.stderr),
    )
}

fn committee(f: &Fixture) -> PathBuf {
    decide(
        f,
        &[
            ("sjukfranvaro|kommun", CellValue::Number(7.0), None),
            ("sjukfranvaro|forvaltning:SOF", CellValue::Number(7.5), None),
            ("nki-stod|forvaltning:KSF", CellValue::Number(75.0), None),
            (
                "barn-per-arsarbetare|forvaltning:BUF",
                CellValue::Number(4.6),
                Some(CellValue::Number(5.4)),
            ),
            (
                "besokare|forvaltning:KFF",
                CellValue::Number(115000.0),
                None,
            ),
        ],
        "malforslag-beslutat.xlsx",
    )
}

#[test]
fn accept_shows_the_differences_and_changes_nothing() {
    let f = fixture();
    let decided = committee(&f);
    let before = std::fs::read(f.ws.join("indikatorer.toml")).unwrap();
    let (code, out, err) = styr(&f.ws, &["targets", "accept", decided.to_str().unwrap()]);
    assert_eq!(code, 1, "differences exit 1\n{out}\n{err}");
    insta::assert_snapshot!("accept_differences", format!("{out}--- stderr\n{err}"));
    assert_eq!(
        std::fs::read(f.ws.join("indikatorer.toml")).unwrap(),
        before,
        "without --apply nothing changes"
    );
}

#[test]
fn accept_apply_writes_the_catalogue_and_keeps_its_comments() {
    let f = fixture();
    let decided = committee(&f);
    let cat = f.ws.join("indikatorer.toml");
    let before = std::fs::read_to_string(&cat).unwrap();
    let (code, out, err) = styr(
        &f.ws,
        &["targets", "accept", decided.to_str().unwrap(), "--apply"],
    );
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        out.contains("skrev [WS]/indikatorer.toml (4 målvärden)"),
        "{out}"
    );
    let after = std::fs::read_to_string(&cat).unwrap();
    // Every comment and every line that was not changed is still there.
    let changed_line = "value = 7.2";
    for line in before.lines().filter(|l| *l != changed_line) {
        assert!(after.contains(line), "lost: {line}");
    }
    assert!(after.contains("# Beslutat i kommunfullmäktige juni 2025 (flerårsplan).\n[[target]]\nindicator = \"sjukfranvaro\"\nperiod = \"2027\"\nvalue = 7\n"), "changed in place");
    // The applied catalogue validates and holds the decided values.
    let ws = Workspace::load(&f.ws).unwrap();
    let target = |ind: &str, level: Level| {
        ws.catalogue
            .targets
            .iter()
            .find(|t| {
                t.indicator.as_str() == ind && t.level == level && t.period == Period::Year(2027)
            })
            .map(|t| t.value)
    };
    let forv = |id: &str| Level::Forvaltning(styr::domain::ForvaltningId::new(id).unwrap());
    assert_eq!(
        target("sjukfranvaro", Level::Kommun),
        Some(TargetValue::Point(7.0))
    );
    assert_eq!(
        target("sjukfranvaro", forv("SOF")),
        Some(TargetValue::Point(7.5))
    );
    assert_eq!(
        target("nki-stod", forv("KSF")),
        Some(TargetValue::Point(75.0))
    );
    assert_eq!(
        target("barn-per-arsarbetare", forv("BUF")),
        Some(TargetValue::Interval { min: 4.6, max: 5.4 })
    );
    assert_eq!(
        target("besokare", forv("KFF")),
        Some(TargetValue::Point(115000.0))
    );
    // The added målvärde stands after the indicator's others, not at the end of the file.
    let buf = after.find("indicator = \"barn-per-arsarbetare\"\nperiod = \"2027\"\nlevel = \"forvaltning\"\nid = \"BUF\"\nmin = 4.6\nmax = 5.4\n").expect("the interval added");
    assert!(
        after.find("# --- barn-per-arsarbetare ---").unwrap() < buf
            && buf < after.find("# --- fallskador ---").unwrap(),
        "added after the indicator's last målvärde"
    );
    // Accepting the same file again finds nothing to do.
    let (code, out, _) = styr(&f.ws, &["targets", "accept", decided.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 nya, 0 ändrade, 5 oförändrade"), "{out}");
    let (code, _, _) = styr(
        &f.ws,
        &["targets", "accept", decided.to_str().unwrap(), "--apply"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&cat).unwrap(),
        after,
        "a second --apply changes nothing"
    );
}

#[test]
fn bad_decided_values_are_reported_at_their_cells_and_nothing_is_applied() {
    let f = fixture();
    let decided = decide(
        &f,
        &[
            (
                "sjukfranvaro|forvaltning:SOF",
                CellValue::Text("ca 7".into()),
                None,
            ),
            (
                "barn-per-arsarbetare|forvaltning:BUF",
                CellValue::Number(5.6),
                Some(CellValue::Number(4.4)),
            ),
            (
                "andel-heltid|forvaltning:KSF",
                CellValue::Number(140.0),
                None,
            ),
            (
                "hme|forvaltning:BUF",
                CellValue::Number(80.0),
                Some(CellValue::Number(85.0)),
            ),
            ("nki-stod|forvaltning:KSF", CellValue::Number(76.0), None),
            (
                "besokare|forvaltning:KFF",
                CellValue::Text("115 000".into()),
                None,
            ),
        ],
        "felaktig.xlsx",
    );
    let cell = |key: &str| decision_cells(&f.review, key);
    let before = std::fs::read(f.ws.join("indikatorer.toml")).unwrap();
    let (code, out, err) = styr(
        &f.ws,
        &["targets", "accept", decided.to_str().unwrap(), "--apply"],
    );
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(
        err.contains(&format!(
            "felaktig.xlsx: 'Målvärden'!{}: T001 the decided målvärde is not a number: \"ca 7\"",
            cell("sjukfranvaro|forvaltning:SOF").0
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "'Målvärden'!{}: T004",
            cell("barn-per-arsarbetare|forvaltning:BUF").0
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "'Målvärden'!{}: T007",
            cell("andel-heltid|forvaltning:KSF").0
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "'Målvärden'!{}: T006",
            cell("hme|forvaltning:BUF").1
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "'Målvärden'!{}: varning: T009 a number typed as text: 115000",
            cell("besokare|forvaltning:KFF").0
        )),
        "{err}"
    );
    assert!(
        out.contains("ändrat     nki-stod") && out.contains("nytt       besokare"),
        "the valid decisions are still compared:\n{out}"
    );
    assert!(
        out.contains("inget skrevs: rätta först de 4 felen"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(f.ws.join("indikatorer.toml")).unwrap(),
        before
    );
}

#[test]
fn a_workbook_that_is_not_a_review_cannot_be_accepted() {
    let f = fixture();
    let ws = Workspace::load(&f.ws).unwrap();
    let plan =
        styr::report::verksamhetsplan::write(&ws, Period::parse(PLAN).unwrap(), None).unwrap();
    let (code, _, err) = styr(&f.ws, &["targets", "accept", plan.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("this is not a målvärde proposal made by styr"),
        "{err}"
    );
    assert!(
        err.contains("tips: make the proposal workbook with `styr report malforslag"),
        "{err}"
    );
    // A review whose sheet was renamed says so.
    let mut pkg = Package::open(&std::fs::read(&f.review).unwrap());
    pkg.rename_sheet(SHEET, "Målvärden (beslut)");
    let renamed = f.ws.join("omdopt.xlsx");
    std::fs::write(&renamed, pkg.finish()).unwrap();
    let (code, _, err) = styr(&f.ws, &["targets", "accept", renamed.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no sheet 'Målvärden'") && err.contains("Målvärden (beslut)"),
        "{err}"
    );
}

/// The committee's secretary types the decisions in a Swedish LibreOffice and saves.
#[test]
fn a_review_decided_and_saved_in_libreoffice_is_accepted() {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is required in CI"
        );
        eprintln!("skipped: soffice not installed");
        return;
    }
    let f = fixture();
    let ws = Workspace::load(&f.ws).unwrap();
    let out = f.ws.join("beslutat-lo.xlsx");
    let (a, _) = decision_cells(&f.review, "sjukfranvaro|forvaltning:SOF");
    let (b, b_max) = decision_cells(&f.review, "barn-per-arsarbetare|forvaltning:BUF");
    let spec = serde_json::json!({
        "password": ws.config.sending.password,
        "input": f.review,
        "outputs": [out],
        "cells": [
            {"sheet": SHEET, "cell": a, "kind": "input", "value": "7,5"},
            {"sheet": SHEET, "cell": b, "kind": "input", "value": "4,6"},
            {"sheet": SHEET, "cell": b_max, "kind": "input", "value": "5,4"},
        ]
    });
    let mut child = Command::new("/usr/bin/python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/lo_fill.py"))
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), spec.to_string().as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let decided =
        styr::report::malforslag::accept::read(&ws, &out, Path::new("beslutat-lo.xlsx")).unwrap();
    assert!(decided.diagnostics.is_empty(), "{:?}", decided.diagnostics);
    let values: Vec<(String, TargetValue)> = decided
        .decisions
        .iter()
        .map(|d| (d.indicator.to_string(), d.value))
        .collect();
    assert_eq!(
        values,
        [
            (
                "barn-per-arsarbetare".to_string(),
                TargetValue::Interval { min: 4.6, max: 5.4 }
            ),
            ("sjukfranvaro".to_string(), TargetValue::Point(7.5))
        ]
    );
}

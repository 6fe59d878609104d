//! Clean prints (issue 12): every report kind and every form kind, as LibreOffice prints them on
//! A4. `tools/lo_print.py` has LibreOffice count each sheet's pages and lay out the text of every
//! cell in the cell's own font: no text may be cut off (taller than its row, or wider than its
//! cell where the next cell is filled or the page ends), no word of a header or label broken
//! inside, and each sheet prints on the pages it should (Data and Definitioner only their head).
//!
//! Skips where `soffice` is missing, except in CI (`CI` set), where it fails instead.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn have_soffice() -> bool {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is required in CI (installed by .ci/run)"
        );
        eprintln!("skipped: soffice not installed");
    }
    found
}

fn styr(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One sheet as LibreOffice prints it.
#[derive(Debug)]
struct Sheet {
    visible: bool,
    print_areas: Vec<String>,
    pages: u64,
    overflows: Vec<serde_json::Value>,
}

/// Every workbook's sheets, by path and sheet name, as `tools/lo_print.py` reports them.
fn printed(files: &[PathBuf]) -> BTreeMap<String, BTreeMap<String, Sheet>> {
    let out = Command::new("/usr/bin/python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/lo_print.py"))
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "lo_print failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut books = BTreeMap::new();
    for wb in report["workbooks"].as_array().unwrap() {
        let name = wb["path"].as_str().unwrap().to_string();
        let mut sheets = BTreeMap::new();
        for s in wb["sheets"].as_array().unwrap() {
            sheets.insert(
                s["name"].as_str().unwrap().to_string(),
                Sheet {
                    visible: s["visible"].as_bool().unwrap(),
                    print_areas: s["print_areas"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| a.as_str().unwrap().to_string())
                        .collect(),
                    pages: s["pages"].as_u64().unwrap(),
                    overflows: s["overflows"].as_array().unwrap().clone(),
                },
            );
        }
        books.insert(name, sheets);
    }
    books
}

/// What is wrong with a cell's text: cut off anywhere, or a header's or label's (bold) word
/// broken inside. A word of a form's context text (an indicator id in a narrow column) may
/// break; it is still all there.
fn faults(sheets: &BTreeMap<String, Sheet>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, s) in sheets {
        for o in &s.overflows {
            let problem = o["problem"].as_str().unwrap();
            if problem != "word" || o["bold"].as_bool() == Some(true) {
                out.push(format!("'{name}'!{o}"));
            }
        }
    }
    out
}

#[test]
fn every_report_and_form_prints_cleanly_on_a4() {
    if !have_soffice() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let demo = tmp.path().join("demo");
    let d = demo.to_str().unwrap();
    let (code, err) = styr(&["demo", "--out", d]);
    assert_eq!(code, 0, "{err}");
    // The year's report (no returns: written with a warning) and a month's form as well.
    let (code, err) = styr(&["-C", d, "report", "uppfoljning", "--period", "2026"]);
    assert_eq!(code, 1, "{err}");
    let (code, err) = styr(&[
        "-C",
        d,
        "generate",
        "uppfoljning",
        "--period",
        "2026-03",
        "--unit",
        "buf-gr-bjorkvall",
    ]);
    assert_eq!(code, 0, "{err}");
    let reports = [
        "rapporter/2026-T1/uppfoljning-2026-T1.xlsx",
        "rapporter/2026-03/uppfoljning-2026-03.xlsx",
        "rapporter/2026/uppfoljning-2026.xlsx",
        "rapporter/2027-plan/verksamhetsplan-2027-plan.xlsx",
        "rapporter/2027-plan/malforslag-2027-plan.xlsx",
        "rapporter/2026-T1/enheter/enhet-2026-T1-buf-gr-bjorkvall.xlsx",
        "rapporter/2026-T1/enheter/enhet-2026-T1-sof-ifo-vuxen.xlsx",
        "rapporter/2026-T1/inlamning.xlsx",
        "rapporter/2027-plan/inlamning.xlsx",
    ];
    let forms = [
        "utskick/2026-T1/uppfoljning-2026-T1-buf-gr-bjorkvall.xlsx",
        "utskick/2026-03/uppfoljning-2026-03-buf-gr-bjorkvall.xlsx",
        "utskick/2027-plan/verksamhetsplan-2027-plan-buf-gr-bjorkvall.xlsx",
        "utskick/2027-plan/malvarden-2027-plan-BUF.xlsx",
        "utskick/2026-T2/internkontroll-2026-T2-buf-gr-bjorkvall.xlsx",
        "utskick/2026-T1/rattelser/uppfoljning-2026-T1-kff-bibl-stensjo-rattelse.xlsx",
    ];
    let files: Vec<PathBuf> = reports.iter().chain(&forms).map(|f| demo.join(f)).collect();
    let books = printed(&files);
    assert_eq!(books.len(), files.len());
    let book = |f: &str| &books[demo.join(f).to_str().unwrap()];

    let mut wrong = Vec::new();
    for f in reports.iter().chain(&forms) {
        let sheets = book(f);
        for (name, s) in sheets {
            // A hidden sheet (_styr, _listor) never prints; every other sheet does.
            if s.visible != (s.pages > 0) {
                wrong.push(format!(
                    "{f}: '{name}' visible {} prints {}",
                    s.visible, s.pages
                ));
            }
        }
        wrong.extend(faults(sheets).into_iter().map(|x| format!("{f}: {x}")));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    // Reports: Översikt on one page; Data and Definitioner print their head only (the demo's
    // tertial report printed 117 pages, 65 of them Data, before).
    for f in &reports[..3] {
        let sheets = book(f);
        assert_eq!(sheets["Översikt"].pages, 1, "{f}");
        for name in ["Data", "Definitioner"] {
            assert_eq!(sheets[name].pages, 1, "{f}: {name}");
        }
        // Only the tertial has values; the month's and the year's Data print the line that
        // says there are none.
        let data = usize::from(f.contains("2026-T1"));
        assert_eq!(sheets["Data"].print_areas.len(), data, "{f}");
        assert_eq!(sheets["Definitioner"].print_areas.len(), 1, "{f}");
    }
    let tertial: u64 = book(reports[0]).values().map(|s| s.pages).sum();
    assert!((20..70).contains(&tertial), "{tertial} pages");
    // A unit's feedback: each sheet on one page.
    for f in &reports[5..7] {
        for (name, s) in book(f) {
            assert_eq!(s.pages, 1, "{f}: {name}");
        }
    }
    // Forms: Instruktioner on one page (a correction: the colours and sheets on a second), and
    // every section on at most two.
    for f in &forms {
        let sheets = book(f);
        let expected = if f.contains("rattelse") { 2 } else { 1 };
        assert_eq!(sheets["Instruktioner"].pages, expected, "{f}");
        for (name, s) in sheets {
            assert!(s.pages <= 2, "{f}: '{name}' prints {} pages", s.pages);
        }
    }
}

/// The help of a free-rows section says the plan's rows "är förifyllda" only when they are:
/// without a plan to carry over, the form's `help_unfilled` says there is none (issue 12).
#[test]
fn help_says_prefilled_only_when_it_is() {
    use styr::domain::{FormKind, Value};
    use styr::xlsx_read::{Format, Limits, RawCell};
    let ws = common::cases::sample();
    let (kind, r, p) = common::cases::per_kind(&ws)
        .into_iter()
        .find(|(k, _, _)| *k == FormKind::Uppfoljning)
        .unwrap();
    let def = ws.forms.current(kind).unwrap();
    let help_of = |prefill: BTreeMap<(String, String, String), Value>, sheet: &str| {
        let inst = styr::generate::build(&ws, def, r, p, prefill, &|_, _, _| None);
        let bytes = styr::generate::write_form(&inst, "x", "").unwrap();
        let raw = styr::xlsx_read::read(&bytes, Format::Xlsx, &Limits::default()).unwrap();
        raw.sheet(sheet)
            .unwrap()
            .cells
            .iter()
            .find_map(|(row, col, v)| match v {
                RawCell::Text(t) if (*row, *col) == (2, 0) => Some(t.clone()),
                _ => None,
            })
            .unwrap()
    };
    for (section, sheet, field, what) in [
        (
            "kvalitet",
            "Kvalitetsfaktorer",
            "faktor",
            "kvalitetsfaktorer",
        ),
        ("aktiviteter", "Aktiviteter", "aktivitet", "aktiviteter"),
    ] {
        let sec = def.section(section).unwrap();
        let empty = help_of(BTreeMap::new(), sheet);
        assert!(!empty.contains("förifyllda"), "{empty}");
        assert_eq!(Some(&empty), sec.help_unfilled.as_ref());
        assert!(empty.contains(what), "{empty}");
        let one = BTreeMap::from([(
            (section.to_string(), "1".to_string(), field.to_string()),
            Value::Text("Från planen".into()),
        )]);
        let filled = help_of(one, sheet);
        assert!(filled.contains("är förifyllda"), "{filled}");
        assert_eq!(filled, sec.help);
    }
}

//! `styr collect` on the example municipality's returned workbooks of 2026-T1 (filled and saved
//! by LibreOffice, a few faulty on purpose): the expected register, diagnostics and outputs.

use std::path::Path;
use std::process::Command;

fn styr(ws: &Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(ws)
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn workspace_with_returns() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("init")
        .arg(ws.join("ws"))
        .output()
        .unwrap();
    assert!(o.status.success());
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/returns/2026-T1");
    let dst = ws.join("ws/inkommet/2026-T1");
    std::fs::create_dir_all(&dst).unwrap();
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dst.join(e.file_name())).unwrap();
    }
    tmp
}

#[test]
fn sample_returns_give_the_expected_register() {
    let tmp = workspace_with_returns();
    let ws = tmp.path().join("ws");
    let (code, out, err) = styr(&ws, &["collect", "--period", "2026-T1"]);
    assert_eq!(code, 1, "findings exit 1\n{err}");
    let out = out.replace(&ws.display().to_string(), "[WS]");
    insta::assert_snapshot!("collect_sample_2026_t1", out);
}

#[test]
fn sample_returns_store_values_with_provenance_and_rerun_changes_nothing() {
    let tmp = workspace_with_returns();
    let ws = tmp.path().join("ws");
    let inputs: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(ws.join("inkommet/2026-T1"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    styr(&ws, &["collect", "--period", "2026-T1"]);
    let store = ws.join("data/varden.parquet");
    let register = ws.join("rapporter/2026-T1/inlamning.xlsx");
    let first = (
        std::fs::read(&store).unwrap(),
        std::fs::read(&register).unwrap(),
    );
    let (code, out, _) = styr(&ws, &["collect", "--period", "2026-T1"]);
    assert_eq!(code, 1);
    assert!(out.contains("(0 returer tillagda eller ersatta)"), "{out}");
    assert_eq!(
        (
            std::fs::read(&store).unwrap(),
            std::fs::read(&register).unwrap()
        ),
        first,
        "re-collecting changed outputs"
    );
    for (p, b) in inputs {
        assert_eq!(
            std::fs::read(&p).unwrap(),
            b,
            "{} was modified",
            p.display()
        );
    }
    // Provenance: every stored value names its file, sheet and cell.
    let s = styr::analysis::store::Store::load(&store).unwrap();
    assert!(s.values.len() > 500, "{} values", s.values.len());
    assert!(s.values.iter().all(|v| !v.file.is_empty()
        && !v.sheet.is_empty()
        && styr::domain::CellRef::parse(&v.cell).is_some()
        && v.sha256.len() == 64));
    // A faulty return keeps its valid values, marked preliminary; only the faulty cell is
    // missing, marked with its error. The corrected one of a unit that sent twice is stored.
    let blaklockan: Vec<_> = s
        .values
        .iter()
        .filter(|v| v.unit == "buf-fsk-blaklockan")
        .collect();
    assert!(blaklockan.len() > 10, "{} values", blaklockan.len());
    assert!(blaklockan.iter().all(|v| v.preliminary));
    let refused: Vec<(&str, &str, Option<&str>, Option<f64>)> = blaklockan
        .iter()
        .filter(|v| !v.is_value())
        .map(|v| {
            (
                v.sheet.as_str(),
                v.cell.as_str(),
                v.error.as_deref(),
                v.number,
            )
        })
        .collect();
    assert_eq!(
        refused,
        [("Personal och kompetens", "H6", Some("R203"), None)]
    );
    assert!(
        s.values
            .iter()
            .filter(|v| v.unit == "ksf-ekonomi")
            .all(|v| !v.preliminary && v.is_value())
    );
    assert!(
        s.values
            .iter()
            .any(|v| v.unit == "sbf-gata-park" && !v.file.contains("version1"))
    );
    // Corrections went out for the units with errors.
    let corr = ws.join("utskick/2026-T1/rattelser");
    let mut names: Vec<String> = std::fs::read_dir(corr)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "uppfoljning-2026-T1-buf-fsk-blaklockan-rattelse.xlsx",
            "uppfoljning-2026-T1-kff-bibl-stensjo-rattelse.xlsx",
            "uppfoljning-2026-T1-sbf-fastighet-rattelse.xlsx",
            "uppfoljning-2026-T1-sof-hemtj-norr-rattelse.xlsx",
            "uppfoljning-2026-T1-sof-hemtj-soder-rattelse.xlsx"
        ]
    );
}

#[test]
fn correction_workbook_marks_the_faulty_cells_in_swedish() {
    use styr::xlsx_read::{Format, Limits, RawCell};
    let tmp = workspace_with_returns();
    let ws = tmp.path().join("ws");
    styr(&ws, &["collect", "--period", "2026-T1"]);
    let bytes = std::fs::read(
        ws.join("utskick/2026-T1/rattelser/uppfoljning-2026-T1-buf-fsk-blaklockan-rattelse.xlsx"),
    )
    .unwrap();
    let raw = styr::xlsx_read::read(&bytes, Format::Xlsx, &Limits::default()).unwrap();
    let sheet = raw.sheet("Att rätta").expect("an Att rätta sheet");
    let text: Vec<String> = sheet
        .cells
        .iter()
        .filter_map(|(_, _, v)| match v {
            RawCell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("Cellen ska innehålla ett tal")),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t == "H6"), "links the cell: {text:?}");
    // What the unit typed is back in its cell, as text.
    let pk = raw.sheet("Personal och kompetens").unwrap();
    assert!(
        pk.cells
            .iter()
            .any(|(r, c, v)| (*r, *c) == (5, 7) && *v == RawCell::Text("ca 5".into()))
    );
    // And the file identifies as the same form, for the same unit and period.
    let id = styr::collect::identify(Path::new("x"), &raw).unwrap();
    assert_eq!(
        (id.recipient.as_str(), id.period.to_string().as_str()),
        ("buf-fsk-blaklockan", "2026-T1")
    );
}

#[test]
fn json_output_lists_every_file() {
    let tmp = workspace_with_returns();
    let ws = tmp.path().join("ws");
    let (_, out, _) = styr(&ws, &["collect", "--period", "2026-T1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let n_files = std::fs::read_dir(ws.join("inkommet/2026-T1"))
        .unwrap()
        .count();
    assert_eq!(v["files"].as_array().unwrap().len(), n_files);
    let spill = &v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["recipient"] == "buf-fsk-blaklockan")
        .unwrap()["diagnostics"][0];
    assert_eq!(spill["code"], "R203");
    assert_eq!(spill["sheet"], "Personal och kompetens");
    assert_eq!(spill["cell"], "H6");
    let statuses: Vec<&str> = v["register"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    for s in [
        "inkommen",
        "inkommen med fel",
        "saknas",
        "sen",
        "dubblett",
        "ersatt av nyare",
        "fel period",
        "hoppad över",
    ] {
        assert!(statuses.contains(&s), "no '{s}' in the register");
    }
}

/// Issue 10 ("one clock"): the time a value was collected is the run's clock, and the clock
/// honours `SOURCE_DATE_EPOCH`; a malformed one stops the run (exit 2) instead of being ignored.
#[test]
fn collected_at_comes_from_source_date_epoch() {
    let tmp = workspace_with_returns();
    let ws = tmp.path().join("ws");
    let run = |epoch: &str| {
        Command::new(env!("CARGO_BIN_EXE_styr"))
            .env("STYR_LANG", "sv")
            .env("SOURCE_DATE_EPOCH", epoch)
            .arg("-C")
            .arg(&ws)
            .args(["collect", "--period", "2026-T1"])
            .output()
            .unwrap()
    };
    let bad = run("tisdag");
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
    assert!(
        !ws.join("data/varden.parquet").exists(),
        "a refused run wrote the store"
    );

    assert_eq!(run("1778572800").status.code(), Some(1));
    let s = styr::analysis::store::Store::load(&ws.join("data/varden.parquet")).unwrap();
    assert!(!s.values.is_empty());
    assert!(
        s.values
            .iter()
            .all(|v| v.collected_at == "2026-05-12T08:00:00Z"),
        "{:?}",
        s.values.first().map(|v| &v.collected_at)
    );
}

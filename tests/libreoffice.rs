//! LibreOffice as the real client: every input of a generated workbook of each kind is filled
//! through LibreOffice (UNO, headless) with values of every type, saved as .xlsx and .ods, and
//! read back by styr with every value exact. Each kind also converts to PDF.
//!
//! Skips where `soffice` is missing, except in CI (`CI` set), where it fails instead.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use styr::collect::{InProcess, RawReader, identify, read_form};
use styr::domain::{FieldType, Value};
use styr::generate;
use styr::generate::write_form;
use styr::workspace::Workspace;
use styr::xlsx_read::Format;

fn have_soffice() -> bool {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CI").is_some() {
        panic!("soffice is required in CI (installed by .ci/run)");
    }
    if !found {
        eprintln!("skipped: soffice not installed");
    }
    found
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the fixtures go: kept after the test for the collect tests and for looking at.
fn fixture_dir() -> PathBuf {
    let d = std::env::var_os("CARGO_TARGET_TMPDIR").map_or_else(
        || root().join("target/lo-fixtures"),
        |t| PathBuf::from(t).join("lo-fixtures"),
    );
    std::fs::create_dir_all(&d).unwrap();
    d
}

use common::cases::per_kind as cases;

#[test]
fn filled_by_libreoffice_reads_back_exactly() {
    if !have_soffice() {
        return;
    }
    let ws = Workspace::load(&root().join("sample-data")).unwrap();
    let dir = fixture_dir();
    let mut jobs = Vec::new();
    let mut expected = Vec::new();
    for (kind, r, p) in cases(&ws) {
        let def = ws.forms.current(kind).unwrap();
        let inst = generate::build(&ws, def, r, p, BTreeMap::new(), &|_, _, _| None);
        let template = dir.join(format!("{}-template.xlsx", kind.key()));
        std::fs::write(
            &template,
            write_form(&inst, &ws.config.sending.password, "").unwrap(),
        )
        .unwrap();
        let layout = inst.layout();
        let bounds = |key: &str| {
            ws.catalogue
                .indicator(key)
                .map_or((None, None), |i| (i.min, i.max))
        };
        let mut values = common::fill::fill_all(def, &layout, &bounds);
        let mut cells = Vec::new();
        let mut typed_comma = false;
        for sec in &layout.sections {
            for (key, f, cell) in sec.inputs() {
                let k = (sec.def.id.clone(), key.to_string(), f.id.clone());
                let (kind_s, value) = match &values[&k] {
                    // One number is typed as a person with a Swedish LibreOffice would: "1,5".
                    Value::Number(n) if !typed_comma && f.kind == FieldType::Number => {
                        typed_comma = true;
                        ("input", serde_json::json!(format!("{n}").replace('.', ",")))
                    }
                    Value::Number(n) => ("number", serde_json::json!(n)),
                    Value::Text(t) => ("text", serde_json::json!(t)),
                    Value::Date(d) => ("date", serde_json::json!(d.to_string())),
                };
                cells.push(serde_json::json!({"sheet": sec.sheet(), "cell": cell.to_string(), "kind": kind_s, "value": value}));
            }
        }
        // The åtgärd of a missed target is required; the fill leaves none empty.
        values.retain(|_, _| true);
        let xlsx = dir.join(format!("{}-lo.xlsx", kind.key()));
        let ods = dir.join(format!("{}-lo.ods", kind.key()));
        jobs.push(serde_json::json!({"input": template, "outputs": [xlsx, ods], "cells": cells}));
        expected.push((kind, xlsx, ods, values));
    }
    let spec = dir.join("fill-spec.json");
    std::fs::write(
        &spec,
        serde_json::to_vec_pretty(
            &serde_json::json!({"password": ws.config.sending.password, "jobs": jobs}),
        )
        .unwrap(),
    )
    .unwrap();
    let out = Command::new("/usr/bin/python3")
        .arg(root().join("tools/lo_fill.py"))
        .arg(&spec)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "lo_fill failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for (kind, xlsx, ods, values) in expected {
        for (path, format) in [(&xlsx, Format::Xlsx), (&ods, Format::Ods)] {
            let bytes = std::fs::read(path).unwrap();
            let raw = InProcess
                .read(path, &bytes, format)
                .unwrap_or_else(|d| panic!("{d}"));
            let id = identify(path, &raw).unwrap_or_else(|d| panic!("{}: {d}", path.display()));
            assert_eq!(id.kind, kind);
            let def = ws.forms.version(id.kind, id.version).unwrap();
            let read = read_form(path, &raw, def, &id, &ws);
            let errors: Vec<String> = read
                .diagnostics
                .iter()
                .filter(|d| d.is_error() && d.code != "R210")
                .map(ToString::to_string)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            let got: BTreeMap<_, _> = read
                .values
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
                .collect();
            for (k, v) in &values {
                let g = got.get(k);
                let same = match (g, v) {
                    (Some(Value::Number(a)), Value::Number(b)) => (a - b).abs() < 1e-9,
                    (Some(a), b) => a == b,
                    _ => false,
                };
                assert!(same, "{}: {k:?}: sent {v:?}, read {g:?}", path.display());
            }
            assert_eq!(got.len(), values.len(), "{}", path.display());
        }
    }
}

#[test]
fn every_kind_converts_to_pdf() {
    if !have_soffice() {
        return;
    }
    let ws = Workspace::load(&root().join("sample-data")).unwrap();
    let dir = fixture_dir().join("pdf");
    std::fs::create_dir_all(&dir).unwrap();
    for (kind, r, p) in cases(&ws) {
        let def = ws.forms.current(kind).unwrap();
        let inst = generate::build(&ws, def, r, p, BTreeMap::new(), &|_, _, _| None);
        let file = dir.join(format!("{}.xlsx", kind.key()));
        std::fs::write(&file, write_form(&inst, "x", "").unwrap()).unwrap();
        let out = Command::new("bash")
            .arg(root().join("tools/render.sh"))
            .arg(&file)
            .arg(&dir)
            .arg("1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}: {}\n{}",
            kind.key(),
            stdout,
            String::from_utf8_lossy(&out.stderr)
        );
        let pages: usize = stdout
            .lines()
            .find_map(|l| l.strip_prefix("pages: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        // Instruktioner plus at least one page per section sheet.
        assert!(
            pages > layout_sheets(&inst),
            "{}: {pages} pages",
            kind.key()
        );
        assert!(Path::new(&dir.join(format!("{}-1.png", kind.key()))).exists());
    }
}

fn layout_sheets(inst: &styr::generate::Instance<'_>) -> usize {
    inst.layout().sections.len()
}

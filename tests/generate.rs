//! `styr generate`: golden files per kind, determinism, identity, and a round trip through
//! styr's own reader.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use styr::collect::{identify, read_form};
use styr::domain::{FormKind, Period, Value};
use styr::form::FieldRole;
use styr::generate::write_form;
use styr::generate::{self, Instance, Recipient};
use styr::workspace::Workspace;
use styr::xlsx_read::{self, Format, Limits};

use common::cases::{per_kind as cases, sample};

fn instance<'a>(
    ws: &'a Workspace,
    kind: FormKind,
    r: Recipient<'a>,
    p: Period,
    prefill: BTreeMap<(String, String, String), Value>,
) -> Instance<'a> {
    let def = ws.forms.current(kind).unwrap();
    generate::build(ws, def, r, p, prefill, &|_, _, _| None)
}

fn write(ws: &Workspace, inst: &Instance<'_>) -> Vec<u8> {
    write_form(
        inst,
        &ws.config.sending.password,
        &ws.config.sending.contact,
    )
    .unwrap()
}

fn golden_path(kind: FormKind) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{}.xlsx", kind.key()))
}

#[test]
fn golden_workbooks_per_kind() {
    let ws = sample();
    for (kind, r, p) in cases(&ws) {
        let bytes = write(&ws, &instance(&ws, kind, r, p, BTreeMap::new()));
        common::golden::assert_golden(&bytes, &golden_path(kind));
    }
}

#[test]
fn same_workspace_gives_identical_bytes() {
    let ws = sample();
    for (kind, r, p) in cases(&ws) {
        let a = write(&ws, &instance(&ws, kind, r, p, BTreeMap::new()));
        let b = write(&ws, &instance(&ws, kind, r, p, BTreeMap::new()));
        assert!(a == b, "{} differs between two runs", kind.key());
    }
}

#[test]
fn every_input_round_trips_through_the_reader() {
    let ws = sample();
    for (kind, r, p) in cases(&ws) {
        let def = ws.forms.current(kind).unwrap();
        let empty = instance(&ws, kind, r, p, BTreeMap::new());
        let layout = empty.layout();
        let bounds = |key: &str| {
            ws.catalogue
                .indicator(key)
                .map_or((None, None), |i| (i.min, i.max))
        };
        let values = common::fill::fill_all(def, &layout, &bounds);
        assert!(
            values.len() >= 10,
            "{}: only {} inputs",
            kind.key(),
            values.len()
        );
        let inst = instance(&ws, kind, r, p, values.clone());
        let bytes = write(&ws, &inst);
        let raw = xlsx_read::read(&bytes, Format::Xlsx, &Limits::default()).unwrap();
        let file = Path::new("x.xlsx");
        let id = identify(file, &raw).unwrap();
        assert_eq!(
            (id.kind, id.period, id.recipient.as_str()),
            (kind, p, r.id())
        );
        assert_eq!(id.rows, inst.keys());
        let read = read_form(file, &raw, def, &id, &ws);
        let errors: Vec<String> = read
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        // Filled with in-range values of the right types, only "åtgärd required" may be found.
        assert!(
            errors.iter().all(|e| e.contains("R210")),
            "{}: {errors:#?}",
            kind.key()
        );
        let got: BTreeMap<(String, String, String), Value> = read
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
        assert_eq!(got.len(), values.len(), "{}", kind.key());
        for (k, v) in &values {
            assert_eq!(got.get(k), Some(v), "{}: {k:?}", kind.key());
        }
        // Every value was read from exactly the cell the layout puts it in.
        for v in &read.values {
            let sec = layout.section(&v.section).unwrap();
            assert_eq!(Some(v.cell.cell), sec.cell(&v.key, &v.field));
            assert_eq!(&*v.cell.sheet, sec.sheet());
        }
    }
}

#[test]
fn identity_is_carried_three_ways() {
    let ws = sample();
    for (kind, r, p) in cases(&ws) {
        let inst = instance(&ws, kind, r, p, BTreeMap::new());
        let raw = xlsx_read::read(&write(&ws, &inst), Format::Xlsx, &Limits::default()).unwrap();
        assert_eq!(
            raw.custom_properties.get("styr.kind").map(String::as_str),
            Some(kind.key())
        );
        assert_eq!(
            raw.custom_properties.get("styr.instance"),
            Some(&inst.instance_id())
        );
        let meta = raw.sheet("_styr").expect("_styr sheet");
        assert!(!meta.visible);
        // Every field's input range has a global defined name pointing at the layout's cells.
        let layout = inst.layout();
        for sec in &layout.sections {
            for f in &sec.def.fields {
                let Some((a, b)) = sec.range_of(&f.id) else {
                    continue;
                };
                let name = sec.name_of(&f.id);
                let target = raw
                    .defined_names
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, t)| t.replace('$', ""));
                let want = format!("{}:{}", a, b);
                assert!(
                    target.as_deref().is_some_and(|t| t.ends_with(&want)),
                    "{name}: {target:?}, want …!{want}"
                );
            }
        }
    }
}

#[test]
fn text_from_a_unit_is_written_as_text() {
    let ws = sample();
    let (kind, r, p) = cases(&ws)[0];
    let def = ws.forms.current(kind).unwrap();
    let (sec, f) = def.with_role(FieldRole::Summary)[0];
    let mut prefill = BTreeMap::new();
    prefill.insert(
        (sec.id.clone(), String::new(), f.id.clone()),
        Value::Text("=HYPERLINK(\"http://x\")".into()),
    );
    let bytes = write(&ws, &instance(&ws, kind, r, p, prefill));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut e, &mut s).unwrap();
        assert!(
            !s.contains("<f>HYPERLINK"),
            "{:?} holds a formula from unit text",
            e.name()
        );
    }
}

#[test]
fn cli_generates_every_unit_and_rerun_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let styr = env!("CARGO_BIN_EXE_styr");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(styr)
            .env("STYR_LANG", "sv")
            .arg("-C")
            .arg(&ws)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let o = std::process::Command::new(styr)
        .env("STYR_LANG", "sv")
        .args(["init"])
        .arg(&ws)
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = run(&[
        "generate",
        "uppfoljning",
        "--period",
        "2026-T1",
        "--forvaltning",
        "KFF",
    ]);
    assert!(out.contains("skrev 6 arbetsböcker"), "{out}");
    let dir = ws.join("utskick/2026-T1");
    let snapshot = |d: &Path| -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
        std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    (
                        std::fs::read(e.path()).unwrap(),
                        e.metadata().unwrap().modified().unwrap(),
                    ),
                )
            })
            .collect()
    };
    let before = snapshot(&dir);
    assert_eq!(
        before.len(),
        7,
        "6 workbooks and utskick.xlsx: {:?}",
        before.keys()
    );
    let again = run(&[
        "generate",
        "uppfoljning",
        "--period",
        "2026-T1",
        "--forvaltning",
        "KFF",
    ]);
    assert_eq!(snapshot(&dir), before, "re-running rewrote files");
    // Issue 12: the second run says nothing was written.
    assert!(
        again.starts_with("alla 6 arbetsböcker i ") && again.contains("är oförändrade"),
        "{again}"
    );
    // A bad selection is a usage error with a suggestion.
    let o = std::process::Command::new(styr)
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(&ws)
        .args([
            "generate",
            "uppfoljning",
            "--period",
            "2026-T1",
            "--forvaltning",
            "KFX",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("did you mean"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = std::process::Command::new(styr)
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(&ws)
        .args(["generate", "malvarden", "--period", "2026-T1"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// Each input cell of every kind has exactly one data validation, and none covers a cell that
/// is not an input: validations are added per run of rows (`C10:C39`), and a run cut short, one
/// left open at the end of a section or two overlapping would show here.
#[test]
fn every_input_has_exactly_one_validation() {
    use std::collections::BTreeSet;
    use std::io::Read as _;
    use styr::domain::CellRef;
    use styr::form::PeriodKind;
    use styr::form::layout::Layout;

    let ws = sample();
    for (kind, r, p) in cases(&ws) {
        let bytes = write(&ws, &instance(&ws, kind, r, p, BTreeMap::new()));
        let raw = xlsx_read::read(&bytes, Format::Xlsx, &Limits::default()).unwrap();
        let id = identify(Path::new("x.xlsx"), &raw).unwrap();
        let def = ws.forms.current(kind).unwrap();
        let layout = Layout::new(def, PeriodKind::of(p), &id.rows);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        for (index, sheet) in raw.sheets.iter().enumerate() {
            let mut xml = String::new();
            zip.by_name(&format!("xl/worksheets/sheet{}.xml", index + 1))
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            let mut covered: Vec<(u32, u16)> = Vec::new();
            for part in xml.split("<dataValidation ").skip(1) {
                let sqref = part
                    .split("sqref=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                for range in sqref.split(' ') {
                    let (a, b) = range.split_once(':').unwrap_or((range, range));
                    let (a, b) = (CellRef::parse(a).unwrap(), CellRef::parse(b).unwrap());
                    for row in a.row..=b.row {
                        for col in a.col..=b.col {
                            covered.push((row, col));
                        }
                    }
                }
            }
            let inputs: BTreeSet<(u32, u16)> = layout
                .sections
                .iter()
                .filter(|s| s.sheet() == sheet.name)
                .flat_map(|s| s.inputs())
                .map(|(_, _, c)| (c.row, c.col))
                .collect();
            let distinct: BTreeSet<(u32, u16)> = covered.iter().copied().collect();
            assert_eq!(
                covered.len(),
                distinct.len(),
                "{} '{}': a cell has two validations",
                kind.key(),
                sheet.name
            );
            assert_eq!(
                distinct,
                inputs,
                "{} '{}': validations cover the inputs",
                kind.key(),
                sheet.name
            );
        }
    }
}

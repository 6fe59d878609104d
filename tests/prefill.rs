//! Pre-filled fields (`from_import`): a value the data store holds for the unit from a system
//! import is shown read-only with its source and date; without one the cell is an input. The
//! round trip: generate → fill → read as collect reads.

mod common;

use std::path::Path;

use common::xlsx_edit::{CellValue, Package, attr};
use styr::analysis::store::{Imported, Store, StoredValue};
use styr::collect::{FormRead, InProcess, RawReader, identify, read_form};
use styr::domain::{FormKind, Period, Value};
use styr::generate::{self, Recipient, Selection};
use styr::workspace::Workspace;
use styr::xlsx_read::Format;

const WITH: &str = "buf-gr-sjoholm";
const WITHOUT: &str = "ksf-ekonomi";
const PERIOD: &str = "2026-T1";

fn p() -> Period {
    Period::parse(PERIOD).unwrap()
}

/// A value as an import stores it: from a system export, not from a return's sheet.
fn imported(
    unit: &str,
    section: &str,
    key: &str,
    field: &str,
    v: f64,
    file: &str,
    at: &str,
) -> StoredValue {
    StoredValue {
        period: p(),
        form: FormKind::Uppfoljning,
        form_version: 1,
        unit: unit.into(),
        section: section.into(),
        key: key.into(),
        field: field.into(),
        number: Some(v),
        text: None,
        file: file.into(),
        sha256: "cd".repeat(32),
        sheet: String::new(),
        cell: "D17".into(),
        collected_at: at.into(),
        preliminary: false,
        error: None,
        mail: None,
        import: Some(Imported {
            source: "ekonomi".into(),
            kind: "ekonomisystem".into(),
            lines: "2-13".into(),
            column: "Utfall".into(),
            status: None,
        }),
    }
}

/// The example workspace with `values` in its store.
fn workspace(values: Vec<StoredValue>) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    styr::sample::write_workspace(dir.path()).unwrap();
    let ws = Workspace::load(dir.path()).unwrap();
    let data = ws.path(&ws.config.folders.data);
    std::fs::create_dir_all(&data).unwrap();
    Store { values }.save(&Store::path(&data)).unwrap();
    (dir, ws)
}

/// The cell of a field in a unit's layout: `C6`.
fn cell(ws: &Workspace, unit: &str, section: &str, row: &str, field: &str) -> String {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(unit).unwrap());
    let inst = generate::build(ws, def, r, p(), Default::default(), &|_, _, _| None);
    inst.layout()
        .section(section)
        .unwrap()
        .cell(row, field)
        .unwrap()
        .to_string()
}

/// Whether the cell is locked by sheet protection: its style's `<protection locked="0"/>`
/// unlocks it (rust_xlsxwriter writes it for the input style only).
fn locked(pkg: &Package, sheet: &str, at: &str) -> bool {
    let xml = pkg.part(&pkg.sheet_part(sheet)).unwrap();
    let start = xml
        .find(&format!("<c r=\"{at}\""))
        .unwrap_or_else(|| panic!("no cell {at}"));
    let head = &xml[start..start + xml[start..].find('>').unwrap()];
    let s: usize = attr(head, "s").map_or(0, |s| s.parse().unwrap());
    let styles = pkg.part("xl/styles.xml").unwrap();
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(s + 1).unwrap();
    !xf.contains("locked=\"0\"")
}

fn read(ws: &Workspace, bytes: &[u8]) -> FormRead {
    let path = Path::new("retur.xlsx");
    let raw = InProcess
        .read(path, bytes, Format::Xlsx)
        .unwrap_or_else(|d| panic!("{d}"));
    let id = identify(path, &raw).unwrap_or_else(|d| panic!("{d}"));
    let def = ws.forms.version(id.kind, id.version).unwrap();
    read_form(path, &raw, def, &id, ws)
}

fn value(read: &FormRead, section: &str, key: &str, field: &str) -> Option<Value> {
    read.values
        .iter()
        .find(|v| &*v.section == section && &*v.key == key && &*v.field == field)
        .map(|v| v.value.clone())
}

#[test]
fn a_stored_import_is_shown_read_only_and_without_one_the_cell_is_an_input() {
    let (_dir, ws) = workspace(vec![
        // An older and a newer export of the same figure: the newer is shown.
        imported(
            WITH,
            "ekonomi",
            "",
            "utfall",
            4000.0,
            "huvudbok-2026-03.csv",
            "2026-04-03T07:00:00Z",
        ),
        imported(
            WITH,
            "ekonomi",
            "",
            "utfall",
            4321.0,
            "huvudbok-2026-04.csv",
            "2026-05-03T07:00:00Z",
        ),
        imported(
            WITH,
            "personal",
            "sjukfranvaro",
            "utfall",
            6.4,
            "hr-2026-04.xlsx",
            "2026-05-04T07:00:00Z",
        ),
        // The other unit's own return typed its spent amount on the Ekonomi sheet: that is
        // the unit's, never pre-filled.
        StoredValue {
            sheet: "Ekonomi".into(),
            file: "uppfoljning-2026-T1-ksf-ekonomi.xlsx".into(),
            mail: None,
            import: None,
            ..imported(
                WITHOUT,
                "ekonomi",
                "",
                "utfall",
                999.0,
                "",
                "2026-05-05T07:00:00Z",
            )
        },
    ]);
    let g = generate::generate_period(
        &ws,
        FormKind::Uppfoljning,
        p(),
        &Selection {
            units: vec![WITH.into(), WITHOUT.into()],
            forvaltningar: vec![],
        },
    )
    .unwrap();
    let bytes = |unit: &str| {
        let path = g
            .workbooks
            .iter()
            .find(|w| w.to_string_lossy().contains(unit))
            .unwrap();
        std::fs::read(path).unwrap()
    };
    // To look at them: STYR_PREFILL_OUT=DIR keeps both workbooks there.
    if let Ok(out) = std::env::var("STYR_PREFILL_OUT") {
        for u in [WITH, WITHOUT] {
            std::fs::write(Path::new(&out).join(format!("{u}.xlsx")), bytes(u)).unwrap();
        }
    }
    let spent_with = cell(&ws, WITH, "ekonomi", "", "utfall");
    let sick_with = cell(&ws, WITH, "personal", "sjukfranvaro", "utfall");
    let spent_without = cell(&ws, WITHOUT, "ekonomi", "", "utfall");

    // With a stored import: the value, locked, with its source and date.
    let with = Package::open(&bytes(WITH));
    assert!(locked(&with, "Ekonomi", &spent_with));
    assert!(locked(&with, "Personal och kompetens", &sick_with));
    // The forecast beside it stays an input.
    let forecast = cell(&ws, WITH, "ekonomi", "", "prognos");
    assert!(!locked(&with, "Ekonomi", &forecast));
    let notes: String = (1..=6)
        .filter_map(|n| with.part(&format!("xl/comments{n}.xml")))
        .collect();
    assert!(
        notes.contains("Förifyllt av styr från huvudbok-2026-04.csv (2026-05-03)"),
        "{notes}"
    );
    assert!(notes.contains("hr-2026-04.xlsx (2026-05-04)"), "{notes}");
    assert!(
        with.shared_strings()
            .iter()
            .any(|s| s == "Förifyllt från huvudbok-2026-04.csv (2026-05-03)."),
        "the source is not shown beside the value"
    );
    // Read back as collect reads it: what the cell shows.
    let r = read(&ws, &bytes(WITH));
    assert_eq!(
        value(&r, "ekonomi", "", "utfall"),
        Some(Value::Number(4321.0))
    );
    assert_eq!(
        value(&r, "personal", "sjukfranvaro", "utfall"),
        Some(Value::Number(6.4))
    );

    // Without one: an empty input, which the unit fills in.
    let mut without = Package::open(&bytes(WITHOUT));
    assert!(!locked(&without, "Ekonomi", &spent_without));
    assert_eq!(
        value(&read(&ws, &bytes(WITHOUT)), "ekonomi", "", "utfall"),
        None
    );
    without.set_cell("Ekonomi", &spent_without, CellValue::Number(555.0));
    let r = read(&ws, &without.finish());
    assert_eq!(
        value(&r, "ekonomi", "", "utfall"),
        Some(Value::Number(555.0))
    );
}

/// Only numbers are imported: `from_import` on a text field is C049 at the field.
#[test]
fn c049_from_import_on_a_text_field() {
    let dir = tempfile::tempdir().unwrap();
    styr::sample::write_workspace(dir.path()).unwrap();
    let template = include_str!("../templates/uppfoljning.toml");
    let marked = template.replacen(
        "  role = \"summary\"\n",
        "  role = \"summary\"\n  from_import = true\n",
        1,
    );
    assert_ne!(marked, template);
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/uppfoljning.toml"), &marked).unwrap();
    let line = marked
        .lines()
        .position(|l| l.contains("id = \"sammanfattning\""))
        .unwrap()
        + 1;
    let Err(styr::workspace::LoadError::Invalid(d)) = Workspace::load(dir.path()) else {
        panic!("loads");
    };
    let found: Vec<String> = d.iter().map(ToString::to_string).collect();
    // The definition is then refused as a whole (C040); the finding is C049 at the field.
    let d: Vec<_> = d.iter().filter(|d| d.code == "C049").collect();
    assert_eq!(d.len(), 1, "{found:?}");
    assert!(
        d[0].location
            .to_string()
            .contains(&format!("templates/uppfoljning.toml:{line}:")),
        "{found:?}"
    );
}

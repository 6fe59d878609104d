//! Collect against LibreOffice as the oracle (issue 16). A filled return is changed the way
//! people change one in LibreOffice Calc (typed `94%`, `9,5%`, `0,095` and `15/3`; a row
//! inserted inside a table and one appended below it; a column inserted before the outcome; a
//! row repeating an indicator; the `_styr` sheet deleted; notes typed beside the tables; a tiny
//! number in a text field) and saved as .xlsx and .ods by `tools/lo_change.py`. Each fixture
//! asserts its stored values or its finding at its cell, in both formats.
//!
//! Then the oracle: LibreOffice opens every saved file again and reports every non-empty cell
//! of every form sheet as it shows it. Each cell must be stored by styr with the same value,
//! carry a diagnostic, or be the form's own content (a label, id, name or målvärde of the empty
//! template, or a computed formula). Any other difference is a silent misread or drop and fails.
//!
//! Skips where `soffice` is missing, except in CI (`CI` set), where it fails instead.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value as Json, json};
use styr::collect::{FormRead, InProcess, RawReader, identify, read_form};
use styr::diag::{Diagnostic, Location, Severity};
use styr::domain::{Date, FormKind, Period, Value};
use styr::generate::write_form;
use styr::generate::{self, Recipient};
use styr::workspace::Workspace;
use styr::xlsx_read::Format;

const UNIT: &str = "buf-gr-sjoholm";
const PERIOD: &str = "2026-T1";
const PERSONAL: &str = "Personal och kompetens";

type Key = (String, String, String);

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

fn read(ws: &Workspace, path: &Path) -> FormRead {
    let bytes = std::fs::read(path).unwrap();
    let format = if path.extension().is_some_and(|e| e == "ods") {
        Format::Ods
    } else {
        Format::Xlsx
    };
    let raw = InProcess
        .read(path, &bytes, format)
        .unwrap_or_else(|d| panic!("{d}"));
    let id = identify(path, &raw).unwrap_or_else(|d| panic!("{}: {d}", path.display()));
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

fn listing(read: &FormRead) -> Vec<String> {
    read.diagnostics.iter().map(ToString::to_string).collect()
}

fn finding<'a>(
    read: &'a FormRead,
    code: &str,
    sheet: &str,
    at: &str,
    what: &str,
) -> &'a Diagnostic {
    let want = format!("'{sheet}'!{at}");
    read.diagnostics
        .iter()
        .find(|d| d.code == code && cell_of(d).as_deref() == Some(want.as_str()))
        .unwrap_or_else(|| panic!("{what}: no {code} at {want}: {:#?}", listing(read)))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn number_of(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    t.replace(',', ".").replace('−', "-").parse().ok()
}

/// Whether a stored value equals what LibreOffice shows in the cell.
fn same(v: &Value, lo: &Json) -> bool {
    let ty = lo["type"].as_str().unwrap_or_default();
    let string = lo["string"].as_str().unwrap_or_default();
    let number = lo["value"].as_f64();
    let percent = lo["format"] == "percent";
    match v {
        Value::Number(n) => match (ty, number) {
            ("VALUE" | "FORMULA", Some(x)) => close(if percent { x * 100.0 } else { x }, *n),
            _ => number_of(string).is_some_and(|x| close(x, *n)),
        },
        Value::Text(t) => {
            string == t
                || string.eq_ignore_ascii_case(t)
                || (ty == "VALUE" && number_of(t).zip(number).is_some_and(|(a, b)| close(a, b)))
        }
        Value::Date(d) => {
            string == d.to_string() || number.and_then(Date::from_excel_serial) == Some(*d)
        }
    }
}

/// The fixtures: name and the LibreOffice operations that make it.
fn fixtures(ws: &Workspace, keys: &[String]) -> Vec<(&'static str, Json)> {
    let layout_cell = |row: &str, field: &str| cell(ws, "personal", row, field);
    let n = keys.len();
    let sjuk = layout_cell("sjukfranvaro", "utfall");
    let heltid = layout_cell("andel-heltid", "utfall");
    let analys0 = layout_cell(&keys[0], "analys");
    let set = |sheet: &str, at: &str, kind: &str, value: Json| json!({"op": "set", "sheet": sheet, "cell": at, "kind": kind, "value": value});
    let format = |sheet: &str, at: &str, code: &str| json!({"op": "format", "sheet": sheet, "cell": at, "code": code});
    // The second item's row (1-based): rows inserted there land inside the table.
    let inside = 5 + 2;
    vec![
        ("plain", json!([])),
        // Typed into cells with a number format, Calc keeps the format: 9,5% shows as 0,1.
        (
            "typed",
            json!([
                set(PERSONAL, &sjuk, "input", json!("9,5%")),
                set(PERSONAL, &heltid, "input", json!("94%")),
                set(PERSONAL, &analys0, "number", json!(1e-7)),
            ]),
        ),
        // As Excel (and Calc in a General cell) does: the typed percentage or date brings its
        // format with it.
        (
            "formatted",
            json!([
                set(PERSONAL, &sjuk, "input", json!("9,5%")),
                format(PERSONAL, &sjuk, "0.0%"),
                set(PERSONAL, &heltid, "input", json!("94%")),
                format(PERSONAL, &heltid, "0%"),
                set("Ekonomi", "B6", "input", json!("15/3")),
                format("Ekonomi", "B6", "YYYY-MM-DD"),
            ]),
        ),
        (
            "fraction",
            json!([set(PERSONAL, &sjuk, "input", json!("0,095"))]),
        ),
        (
            "rows",
            json!([
                {"op": "insert_rows", "sheet": PERSONAL, "row": inside, "count": 1},
                set(PERSONAL, &format!("B{inside}"), "text", json!("Timanställda vikarier")),
                set(PERSONAL, &format!("H{inside}"), "number", json!(12)),
                set(PERSONAL, &format!("B{}", 7 + n), "text", json!("Antal trygghetslarm")),
                set(PERSONAL, &format!("H{}", 7 + n), "number", json!(140)),
            ]),
        ),
        (
            "column",
            json!([{"op": "insert_columns", "sheet": PERSONAL, "col": "H", "count": 1}]),
        ),
        (
            "shadow",
            json!([
                {"op": "insert_rows", "sheet": PERSONAL, "row": inside, "count": 1},
                set(PERSONAL, &format!("A{inside}"), "text", json!(keys[0])),
                set(PERSONAL, &format!("H{inside}"), "number", json!(99)),
            ]),
        ),
        ("styr", json!([{"op": "delete_sheet", "sheet": "_styr"}])),
        (
            "merged",
            json!([{"op": "merge", "sheet": PERSONAL, "range": format!("{}:{}", layout_cell(&keys[0], "utfall"), layout_cell(&keys[0], "atgard"))}]),
        ),
        (
            "notes",
            json!([
                set(PERSONAL, "M6", "text", json!("Kommentar: se bilaga")),
                set("Ekonomi", "E5", "text", json!("Prel.")),
            ]),
        ),
    ]
}

fn cell(ws: &Workspace, section: &str, row: &str, field: &str) -> String {
    instance(ws, BTreeMap::new(), |inst| {
        inst.layout()
            .section(section)
            .unwrap()
            .cell(row, field)
            .unwrap()
            .to_string()
    })
}

fn instance<T>(
    ws: &Workspace,
    values: BTreeMap<Key, Value>,
    f: impl FnOnce(&generate::Instance<'_>) -> T,
) -> T {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(UNIT).unwrap());
    let inst = generate::build(
        ws,
        def,
        r,
        Period::parse(PERIOD).unwrap(),
        values,
        &|_, _, _| None,
    );
    f(&inst)
}

#[test]
fn libreoffice_changes_read_as_shown_or_reported() {
    if !have_soffice() {
        return;
    }
    let ws = common::cases::sample();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("lo-faithful");
    std::fs::create_dir_all(&dir).unwrap();
    let password = ws.config.sending.password.clone();
    // The empty template (the form's own content) and the filled return.
    let (template, sheets, keys, filled) = instance(&ws, BTreeMap::new(), |empty| {
        let layout = empty.layout();
        let bounds = |key: &str| {
            ws.catalogue
                .indicator(key)
                .map_or((None, None), |i| (i.min, i.max))
        };
        let values = common::fill::fill_all(empty.def, &layout, &bounds);
        let sheets: Vec<String> = layout
            .sections
            .iter()
            .map(|s| s.sheet().to_string())
            .collect();
        let keys = layout.section("personal").unwrap().keys.clone();
        (
            write_form(empty, &password, "").unwrap(),
            sheets,
            keys,
            values,
        )
    });
    let filled_bytes = instance(&ws, filled, |inst| write_form(inst, &password, "").unwrap());
    let template_path = dir.join("template.xlsx");
    let filled_path = dir.join("filled.xlsx");
    std::fs::write(&template_path, template).unwrap();
    std::fs::write(&filled_path, filled_bytes).unwrap();
    let fixtures = fixtures(&ws, &keys);
    let mut jobs = Vec::new();
    let mut outputs = Vec::new();
    for (name, ops) in &fixtures {
        let xlsx = dir.join(format!("{name}.xlsx"));
        let ods = dir.join(format!("{name}.ods"));
        jobs.push(json!({"input": filled_path, "outputs": [xlsx, ods], "ops": ops}));
        outputs.push((*name, xlsx));
        outputs.push((*name, ods));
    }
    // The oracle: every saved file opened again, and the empty template.
    for (_, path) in &outputs {
        jobs.push(json!({"input": path, "used": sheets}));
    }
    jobs.push(json!({"input": template_path, "used": sheets}));
    let spec = dir.join("spec.json");
    std::fs::write(
        &spec,
        serde_json::to_vec_pretty(&json!({"password": password, "jobs": jobs})).unwrap(),
    )
    .unwrap();
    let out = Command::new("/usr/bin/python3")
        .arg(root().join("tools/lo_change.py"))
        .arg(&spec)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "lo_change failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Json = serde_json::from_slice(&out.stdout).unwrap();
    let reports = report["jobs"].as_array().unwrap();
    let shown_of = |i: usize| -> Vec<Json> {
        reports[fixtures.len() + i]["cells"]
            .as_array()
            .unwrap()
            .clone()
    };
    let mut form_texts: BTreeSet<(String, String)> = shown_of(outputs.len())
        .iter()
        .map(|c| {
            (
                c["sheet"].as_str().unwrap().to_string(),
                c["string"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // A section's help depends on whether its rows were pre-filled (`help_unfilled`): the empty
    // template shows one, the filled return the other; both are the form's own text.
    let def = ws
        .forms
        .current(styr::domain::FormKind::Uppfoljning)
        .unwrap();
    for sec in &def.sections {
        for help in std::iter::once(&sec.help).chain(&sec.help_unfilled) {
            form_texts.insert((sec.sheet.clone(), help.clone()));
        }
    }

    let plain = stored(&read(&ws, &outputs[0].1));
    let n = keys.len();
    for (i, (name, path)) in outputs.iter().enumerate() {
        let what = path.display().to_string();
        let r = read(&ws, path);
        let got = stored(&r);
        let personal = |m: &BTreeMap<Key, Value>| -> BTreeMap<Key, Value> {
            m.iter()
                .filter(|(k, _)| k.0 == "personal")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        let k = |row: &str, field: &str| -> Key { ("personal".into(), row.into(), field.into()) };
        match *name {
            "plain" => {
                let errors: Vec<String> = r
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error || d.code.starts_with("R1"))
                    .map(ToString::to_string)
                    .collect();
                assert!(errors.is_empty(), "{what}: {errors:#?}");
            }
            "typed" => {
                // Shown as 0,1 and 0,9: not what the unit meant, and never stored silently.
                for (row, shown) in [("sjukfranvaro", "0,095"), ("andel-heltid", "0,94")] {
                    let at = cell(&ws, "personal", row, "utfall");
                    let d = finding(&r, "R216", PERSONAL, &at, &what);
                    assert!(
                        d.message.starts_with(&format!("{shown} är en andel")),
                        "{}",
                        d.message
                    );
                    assert!(!got.contains_key(&k(row, "utfall")), "{what}");
                }
                match got.get(&k(&keys[0], "analys")) {
                    Some(Value::Text(t)) => assert_eq!(t, "0,0000001", "{what}"),
                    other => panic!("{what}: {other:?}"),
                }
            }
            "formatted" => {
                assert_eq!(
                    got.get(&k("sjukfranvaro", "utfall")),
                    Some(&Value::Number(9.5)),
                    "{what}"
                );
                assert_eq!(
                    got.get(&k("andel-heltid", "utfall")),
                    Some(&Value::Number(94.0)),
                    "{what}"
                );
                let d = finding(&r, "R203", "Ekonomi", "B6", &what);
                assert!(
                    d.message.starts_with("ett datum (") && d.message.contains("-03-15)"),
                    "{what}: {}",
                    d.message
                );
                assert!(!got.contains_key(&("ekonomi".into(), String::new(), "utfall".into())));
            }
            "fraction" => {
                let at = cell(&ws, "personal", "sjukfranvaro", "utfall");
                let d = finding(&r, "R216", PERSONAL, &at, &what);
                assert_eq!(d.severity, Severity::Error);
                assert!(d.message.contains("passar målvärdet"), "{}", d.message);
            }
            "rows" => {
                let d = finding(&r, "R115", PERSONAL, "B7", &what);
                assert!(
                    d.message
                        .contains("B7 \"Timanställda vikarier\", H7 \"12\""),
                    "{}",
                    d.message
                );
                let last = format!("B{}", 7 + n);
                let d = finding(&r, "R115", PERSONAL, &last, &what);
                assert!(
                    d.message.contains("\"Antal trygghetslarm\"") && d.message.contains("\"140\""),
                    "{}",
                    d.message
                );
                assert_eq!(personal(&got), personal(&plain), "{what}");
            }
            "column" => {
                assert!(
                    r.diagnostics.iter().any(|d| d.code == "R118"),
                    "{what}: {:#?}",
                    listing(&r)
                );
                assert_eq!(personal(&got), personal(&plain), "{what}");
            }
            "shadow" => {
                let d = finding(&r, "R116", PERSONAL, "A7", &what);
                assert_eq!(d.severity, Severity::Error);
                assert!(d.message.contains("H7 \"99\""), "{}", d.message);
                assert_eq!(personal(&got), personal(&plain), "{what}");
            }
            "styr" => {
                assert!(r.diagnostics.iter().any(|d| d.code == "R122"), "{what}");
                assert_eq!(got, plain, "{what}");
            }
            "merged" => {
                for field in ["analys", "atgard"] {
                    let at = cell(&ws, "personal", &keys[0], field);
                    let d = finding(&r, "R123", PERSONAL, &at, &what);
                    assert_eq!(d.severity, Severity::Error);
                    assert!(!got.contains_key(&k(&keys[0], field)), "{what}");
                }
                assert_eq!(
                    got.get(&k(&keys[0], "utfall")),
                    plain.get(&k(&keys[0], "utfall"))
                );
            }
            "notes" => {
                let d = finding(&r, "R117", PERSONAL, "M6", &what);
                assert!(
                    d.message.contains("\"Kommentar: se bilaga\""),
                    "{}",
                    d.message
                );
                finding(&r, "R117", "Ekonomi", "E5", &what);
            }
            _ => unreachable!(),
        }
        // The oracle: every cell LibreOffice shows is stored as shown, reported, or the form's.
        let by_cell: BTreeMap<String, &styr::collect::ReadValue> =
            r.values.iter().map(|v| (v.cell.to_string(), v)).collect();
        // A diagnostic at the cell, or one on its sheet that quotes the cell (a stray row).
        let reported = |sheet: &str, at: &str| {
            let whole = format!("{}!{at}", styr::domain::SheetCell::quoted_sheet(sheet));
            r.diagnostics.iter().any(|d| {
                let on = match &d.location {
                    Location::Cell { cell, .. } => Some(&*cell.sheet),
                    Location::Sheet { sheet, .. } => Some(sheet.as_str()),
                    _ => None,
                };
                cell_of(d).as_deref() == Some(whole.as_str())
                    || (on == Some(sheet) && d.message.contains(&format!("{at} \"")))
            })
        };
        let mut silent = Vec::new();
        let shown = shown_of(i);
        assert!(
            shown.len() > 100,
            "{what}: LibreOffice reported {} cells",
            shown.len()
        );
        for c in &shown {
            let sheet = c["sheet"].as_str().unwrap();
            let cell_ref = c["cell"].as_str().unwrap();
            let at = format!(
                "{}!{cell_ref}",
                styr::domain::SheetCell::quoted_sheet(sheet)
            );
            match by_cell.get(&at) {
                Some(v) => {
                    if !same(&v.value, c) && !reported(sheet, cell_ref) {
                        silent.push(format!(
                            "{at}: LibreOffice shows {c}, styr stored {:?}",
                            v.value
                        ));
                    }
                }
                None => {
                    let string = c["string"].as_str().unwrap_or_default().to_string();
                    if !(reported(sheet, cell_ref)
                        || c["type"] == "FORMULA"
                        || form_texts.contains(&(sheet.to_string(), string)))
                    {
                        silent.push(format!(
                            "{at}: LibreOffice shows {c}; styr neither stored nor reported it"
                        ));
                    }
                }
            }
        }
        // And nothing is stored that LibreOffice does not show.
        let shown_at: BTreeSet<String> = shown
            .iter()
            .map(|c| {
                format!(
                    "{}!{}",
                    styr::domain::SheetCell::quoted_sheet(c["sheet"].as_str().unwrap()),
                    c["cell"].as_str().unwrap()
                )
            })
            .collect();
        for v in &r.values {
            let at = v.cell.to_string();
            if !shown_at.contains(&at) {
                silent.push(format!(
                    "{at}: styr stored {:?}, LibreOffice shows nothing",
                    v.value
                ));
            }
        }
        assert!(
            silent.is_empty(),
            "{what}: silent differences:\n{}",
            silent.join("\n")
        );
    }
}

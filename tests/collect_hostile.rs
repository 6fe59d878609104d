//! `styr collect` on one batch folder holding valid returns and every hostile fixture of issue
//! 4, each named after its defect, run through the real CLI (so the isolated worker pool reads
//! the files). The batch is collected once (the expensive part); each test asserts one
//! fixture's specific finding in the JSON output.
//!
//! The folder and workspace are kept under `CARGO_TARGET_TMPDIR/collect-hostile/` after the
//! run, to open and look at.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use common::hostile;
use common::xlsx_edit::{CellValue, Package};
use serde_json::Value as Json;
use styr::domain::{FormKind, Period, Value};
use styr::form::{FieldRole, Repeat};
use styr::generate::write_form;
use styr::generate::{self, Recipient};
use styr::workspace::Workspace;
use styr::xlsx_read::{self, Format, Limits, RawCell};

const PERIOD: &str = "2026-T1";
/// Saved before the deadline of 2026-T1 (2026-05-11).
const SAVED: &str = "2026-05-05T10:00:00Z";
const VALID_UNITS: &[&str] = &["buf-gr-sjoholm", "buf-gr-lindas", "sof-hemtj-norr"];

fn styr() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
    c.env("STYR_LANG", "sv");
    c
}

fn base_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("collect-hostile")
}

/// A fresh example workspace made by `styr init` in `dir`.
fn init_workspace(dir: &Path) -> Workspace {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    let o = styr().arg("init").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Workspace::load(dir).unwrap()
}

/// A return of the follow-up for `unit` and `period`, every input filled with an in-range value
/// of its type (åtgärd fields too, so no "åtgärd required" finding), saved at [`SAVED`].
fn filled_return(ws: &Workspace, unit: &str, period: &str) -> Package {
    filled_return_with(ws, unit, period, |_| {})
}

fn filled_return_with(
    ws: &Workspace,
    unit: &str,
    period: &str,
    change: impl Fn(&mut BTreeMap<(String, String, String), Value>),
) -> Package {
    let def = ws.forms.current(FormKind::Uppfoljning).unwrap();
    let r = Recipient::Unit(ws.config.unit(unit).unwrap());
    let p = Period::parse(period).unwrap();
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
    let bytes = write_form(
        &inst,
        &ws.config.sending.password,
        &ws.config.sending.contact,
    )
    .unwrap();
    let mut pkg = Package::open(&bytes);
    pkg.set_saved(SAVED);
    pkg
}

/// Where the layout of `unit`'s return puts things: (sheet, cell) of a field.
struct Place {
    sheet: String,
    cell: String,
}

fn place_of(ws: &Workspace, unit: &str, section: &str, key: &str, field: &str) -> Place {
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
    let sec = layout.section(section).unwrap();
    Place {
        sheet: sec.sheet().to_string(),
        cell: sec.cell(key, field).unwrap().to_string(),
    }
}

/// The first indicator section of `unit`'s return with at least two rows: (section id, row
/// keys, outcome field id).
fn indicator_rows(ws: &Workspace, unit: &str) -> (String, Vec<String>, String) {
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
    let sec = layout
        .sections
        .iter()
        .find(|s| s.def.repeat == Repeat::Indicator && s.keys.len() >= 2)
        .unwrap_or_else(|| panic!("{unit} reports no section with two indicators"));
    let outcome = sec
        .def
        .fields
        .iter()
        .find(|f| f.role == Some(FieldRole::Outcome))
        .unwrap();
    (sec.def.id.clone(), sec.keys.clone(), outcome.id.clone())
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

/// The batch folder and what the tests need to know about it.
struct Fixtures {
    ws: PathBuf,
    batch: PathBuf,
    /// Cells where a fixture has its defect, by fixture file name.
    cells: BTreeMap<&'static str, Vec<Place>>,
    /// The sheet a fixture's finding is on.
    sheets: BTreeMap<&'static str, String>,
}

fn fixtures() -> &'static Fixtures {
    static F: OnceLock<Fixtures> = OnceLock::new();
    F.get_or_init(build_fixtures)
}

fn build_fixtures() -> Fixtures {
    let base = base_dir();
    let ws_dir = base.join("ws");
    let ws = init_workspace(&ws_dir);
    let batch = base.join("inkommet");
    if batch.exists() {
        std::fs::remove_dir_all(&batch).unwrap();
    }
    std::fs::create_dir_all(&batch).unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(batch.join(name), bytes).unwrap();
    let mut cells: BTreeMap<&'static str, Vec<Place>> = BTreeMap::new();
    let mut sheets: BTreeMap<&'static str, String> = BTreeMap::new();

    for unit in VALID_UNITS {
        put(
            &format!("giltig-{unit}.xlsx"),
            &filled_return(&ws, unit, PERIOD).finish(),
        );
    }

    // Guards (R0xx): what never reaches a reader.
    put("zipbomb.xlsx", &hostile::zip_bomb());
    put(
        "avklippt-zip.xlsx",
        &hostile::truncated_zip(&filled_return(&ws, VALID_UNITS[0], PERIOD).finish()),
    );
    put("dubbla-zipposter.xlsx", &hostile::duplicate_entries());
    put("losenordsskyddad.xlsx", &hostile::encrypted_ooxml());
    put("losenordsskyddad.ods", &hostile::password_ods());
    put("tom-0-byte.xlsx", &hostile::empty_file());
    put("~$x.xlsx", &hostile::lock_file_content());
    std::fs::create_dir_all(batch.join("x.xlsx")).unwrap();
    put("html-sida.xls", &hostile::html_as_xls());
    put("annan-arbetsbok.xlsx", &hostile::valid_xlsx());

    // Cells at A1 and XFD1048576: the far cell in the Ekonomi sheet.
    let unit = "buf-gr-hassla";
    let ekonomi = place_of(&ws, unit, "ekonomi", "", "utfall").sheet;
    let mut pkg = filled_return(&ws, unit, PERIOD);
    pkg.set_cell(&ekonomi, "A1", CellValue::Text("Ekonomi".into()));
    pkg.set_cell(&ekonomi, "XFD1048576", CellValue::Number(1.0));
    put("cell-A1-och-XFD1048576.xlsx", &pkg.finish());
    sheets.insert("cell-A1-och-XFD1048576.xlsx", ekonomi);

    // A date serial of -1e300 in the date cell, which keeps its date style.
    let unit = "buf-gr-ekebo79";
    let datum = place_of(&ws, unit, "analys", "", "datum");
    let mut pkg = filled_return(&ws, unit, PERIOD);
    pkg.set_cell(&datum.sheet, &datum.cell, CellValue::Number(-1e300));
    put("datum-minus-1e300.xlsx", &pkg.finish());
    cells.insert("datum-minus-1e300.xlsx", vec![datum]);

    // #SPILL! in the first outcome of an indicator sheet, text in the last one: the cells after
    // the error value are still read and judged.
    let unit = "buf-fsk-solrosen";
    let (section, keys, outcome) = indicator_rows(&ws, unit);
    let first = place_of(&ws, unit, &section, &keys[0], &outcome);
    let last = place_of(&ws, unit, &section, keys.last().unwrap(), &outcome);
    let mut pkg = filled_return(&ws, unit, PERIOD);
    pkg.set_cell(
        &first.sheet,
        &first.cell,
        CellValue::Error("#SPILL!".into()),
    );
    pkg.set_cell(&last.sheet, &last.cell, CellValue::Text("ca 7".into()));
    put("spill-fel.xlsx", &pkg.finish());
    cells.insert("spill-fel.xlsx", vec![first, last]);

    // Text in number cells: "ca 5" in the economy, "n/a" as an outcome.
    let unit = "buf-fsk-blaklockan";
    let (section, keys, outcome) = indicator_rows(&ws, unit);
    let utfall = place_of(&ws, unit, "ekonomi", "", "utfall");
    let na = place_of(&ws, unit, &section, &keys[0], &outcome);
    let mut pkg = filled_return(&ws, unit, PERIOD);
    pkg.set_cell(&utfall.sheet, &utfall.cell, CellValue::Text("ca 5".into()));
    pkg.set_cell(&na.sheet, &na.cell, CellValue::Text("n/a".into()));
    put("text-i-talcell.xlsx", &pkg.finish());
    cells.insert("text-i-talcell.xlsx", vec![utfall, na]);

    // A renamed and a deleted sheet.
    let unit = "buf-fsk-ekorren";
    let ekonomi = place_of(&ws, unit, "ekonomi", "", "utfall").sheet;
    let mut pkg = filled_return(&ws, unit, PERIOD);
    let renamed = format!("{ekonomi} 2026");
    pkg.rename_sheet(&ekonomi, &renamed);
    put("flik-omdopt.xlsx", &pkg.finish());
    sheets.insert("flik-omdopt.xlsx", renamed);

    let unit = "buf-fsk-larkan";
    let aktiviteter = place_of(&ws, unit, "aktiviteter", "1", "aktivitet").sheet;
    let mut pkg = filled_return(&ws, unit, PERIOD);
    pkg.delete_sheet(&aktiviteter);
    put("flik-borttagen.xlsx", &pkg.finish());
    sheets.insert("flik-borttagen.xlsx", aktiviteter);

    // The wrong period: the March return in the 2026-T1 batch.
    put(
        "fel-period-2026-03.xlsx",
        &filled_return(&ws, "buf-fsk-tallbacken", "2026-03").finish(),
    );

    // The same unit twice: an identical copy, and a different, newer return.
    let copy = filled_return(&ws, "buf-fsk-hagalund", PERIOD).finish();
    put("samma-enhet-kopia-1.xlsx", &copy);
    put("samma-enhet-kopia-2.xlsx", &copy);
    let unit = "buf-fsk-skogsglantan";
    let mut older = filled_return(&ws, unit, PERIOD);
    older.set_saved("2026-05-04T09:00:00Z");
    let mut newer = filled_return_with(&ws, unit, PERIOD, |values| {
        for (k, v) in values.iter_mut() {
            if k.0 == "ekonomi" && k.2 == "kommentar" {
                *v = Value::Text("Rättad prognos efter samtal med controllern.".into());
            }
        }
    });
    newer.set_saved("2026-05-08T15:30:00Z");
    // Named so that name order and file times say the opposite of the saved times.
    put("skogsglantan-b-aldre.xlsx", &older.finish());
    put("skogsglantan-a-nyare.xlsx", &newer.finish());
    let now = SystemTime::now();
    set_mtime(
        &batch.join("skogsglantan-a-nyare.xlsx"),
        now - Duration::from_secs(7200),
    );
    set_mtime(
        &batch.join("skogsglantan-b-aldre.xlsx"),
        now - Duration::from_secs(60),
    );

    // Issue 14: a damaged thumbnail in an otherwise valid return: a warning, and the return
    // counts.
    put(
        "skadad-miniatyrbild.xlsx",
        &hostile::with_corrupt_thumbnail(&filled_return(&ws, "buf-gy-ekebo", PERIOD).finish()),
    );

    // Issue 14: a foreign workbook with a 100 000-character sheet name: the message names it
    // shortened.
    let mut pkg = Package::open(&hostile::valid_xlsx());
    pkg.rename_sheet("Indikatorer", &"Flik".repeat(25_000));
    put("langt-fliknamn.xlsx", &pkg.finish());

    // An older version of the form, which the workspace no longer has.
    let mut pkg = filled_return(&ws, "buf-gr-bjorkvall", PERIOD);
    pkg.set_identity("version", "0");
    put("gammal-formversion.xlsx", &pkg.finish());

    // A workbook for a unit the workspace does not know.
    let mut pkg = filled_return(&ws, "buf-gr-angsskolan", PERIOD);
    pkg.set_identity("recipient", "buf-gr-nedlagd");
    put("okand-enhet.xlsx", &pkg.finish());

    Fixtures {
        ws: ws_dir,
        batch,
        cells,
        sheets,
    }
}

/// The output of one `styr collect … --format json` run.
struct Run {
    code: Option<i32>,
    stderr: String,
    json: Json,
}

fn collect(ws: &Path, batch: &Path) -> Run {
    let o = styr()
        .arg("-C")
        .arg(ws)
        .arg("collect")
        .arg(batch)
        .args(["--period", PERIOD, "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let json = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    Run {
        code: o.status.code(),
        stderr,
        json,
    }
}

fn run() -> &'static Run {
    static R: OnceLock<Run> = OnceLock::new();
    R.get_or_init(|| {
        let f = fixtures();
        collect(&f.ws, &f.batch)
    })
}

fn name_of(shown: &str) -> String {
    Path::new(shown)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The JSON report of the file named `name`.
fn file(name: &str) -> &'static Json {
    let files = run().json["files"].as_array().unwrap();
    let found: Vec<&Json> = files
        .iter()
        .filter(|f| name_of(f["file"].as_str().unwrap()) == name)
        .collect();
    assert_eq!(found.len(), 1, "{name} in the files list: {found:#?}");
    found[0]
}

fn diagnostics(name: &str) -> Vec<&'static Json> {
    file(name)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .collect()
}

fn codes(name: &str) -> Vec<String> {
    diagnostics(name)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The diagnostics of `name` with `code`.
fn with_code(name: &str, code: &str) -> Vec<&'static Json> {
    let found: Vec<&Json> = diagnostics(name)
        .into_iter()
        .filter(|d| d["code"] == code)
        .collect();
    assert!(
        !found.is_empty(),
        "{name}: no {code}; found {:#?}",
        diagnostics(name)
    );
    found
}

/// The file's only finding has `code` (and it is an error unless `warning`).
fn only(name: &str, code: &str) -> &'static Json {
    let d = diagnostics(name);
    assert_eq!(d.len(), 1, "{name}: {d:#?}");
    assert_eq!(d[0]["code"], code, "{name}: {d:#?}");
    d[0]
}

/// The register statuses of the rows showing the file `name`.
fn register_status(name: &str) -> Vec<String> {
    run().json["register"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["file"].as_str().is_some_and(|f| name_of(f) == name))
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect()
}

fn assert_at(d: &Json, place: &Place) {
    assert_eq!(d["sheet"], place.sheet.as_str(), "{d:#?}");
    assert_eq!(d["cell"], place.cell.as_str(), "{d:#?}");
}

fn status(name: &str) -> String {
    file(name)["status"].as_str().unwrap().to_string()
}

// ---------------------------------------------------------------------------------------------
// The batch as a whole

#[test]
fn batch_completes_with_findings_and_lists_every_file() {
    let r = run();
    assert_eq!(r.code, Some(1), "stderr: {}", r.stderr);
    let on_disk: Vec<String> = std::fs::read_dir(&fixtures().batch)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(on_disk.len() >= 25, "{on_disk:?}");
    let listed: Vec<String> = r.json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| name_of(f["file"].as_str().unwrap()))
        .collect();
    let mut a = on_disk.clone();
    let mut b = listed.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "every file in the folder is in the files list, once");
    for name in &on_disk {
        assert_eq!(
            register_status(name).len(),
            1,
            "{name} appears once in the register"
        );
    }
}

#[test]
fn no_file_crashed_timed_out_or_ran_out_of_memory_in_a_worker() {
    for f in run().json["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            let code = d["code"].as_str().unwrap();
            assert!(
                !["R040", "R041", "R042", "R043", "R044", "R045"].contains(&code),
                "{d:#?}"
            );
        }
    }
}

#[test]
fn valid_returns_are_inkommen_without_findings() {
    for unit in VALID_UNITS {
        let name = format!("giltig-{unit}.xlsx");
        assert_eq!(diagnostics(&name), Vec::<&Json>::new(), "{name}");
        assert_eq!(status(&name), "ok");
        assert_eq!(register_status(&name), ["inkommen"]);
        assert_eq!(file(&name)["recipient"], *unit);
    }
}

#[test]
fn returns_missing_from_the_folder_are_saknas() {
    let register = run().json["register"].as_array().unwrap();
    let saknas = register.iter().filter(|r| r["status"] == "saknas").count();
    assert!(saknas > 20, "{saknas} missing");
    assert!(
        register
            .iter()
            .filter(|r| r["status"] == "saknas")
            .all(|r| r["file"].is_null())
    );
}

// ---------------------------------------------------------------------------------------------
// Guards: rejected before any reader

#[test]
fn r033_a_damaged_thumbnail_is_a_warning_and_the_return_counts() {
    let name = "skadad-miniatyrbild.xlsx";
    assert_eq!(codes(name), ["R033"]);
    let d = only(name, "R033");
    assert_eq!(d["severity"], "warning");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("docProps/thumbnail.wmf"),
        "{d}"
    );
    assert_eq!(status(name), "ok");
    assert_eq!(register_status(name), ["inkommen"]);
}

/// Issue 14: every message and hint a person reads is one short plain line: no reader's debug
/// dump, no panic text, no toolchain path. The technical detail is in `detail`.
#[test]
fn every_message_a_person_reads_is_one_short_plain_line() {
    let files = run().json["files"].as_array().unwrap();
    let mut seen = 0;
    for f in files {
        for d in f["diagnostics"].as_array().unwrap() {
            let mut lines = vec![d["message"].as_str().unwrap().to_string()];
            for h in d["hints"].as_array().unwrap() {
                lines.push(h.as_str().unwrap().to_string());
            }
            for line in lines {
                seen += 1;
                assert!(
                    line.chars().count() <= 300,
                    "{} chars: {d}",
                    line.chars().count()
                );
                assert!(!line.contains('\n'), "{d}");
                for bad in ["panicked", "rustc", "{", ".cargo", "registry"] {
                    assert!(!line.contains(bad), "'{bad}' in: {d}");
                }
            }
        }
    }
    assert!(seen > 40, "only {seen} lines checked");
    let d = only("langt-fliknamn.xlsx", "R101");
    assert!(d["message"].as_str().unwrap().contains("FlikFlik"), "{d}");
}

#[test]
fn r025_zip_bomb() {
    let d = only("zipbomb.xlsx", "R025");
    assert!(d["message"].as_str().unwrap().contains("bomb"), "{d:#?}");
    assert_eq!(register_status("zipbomb.xlsx"), ["avvisad"]);
}

#[test]
fn r020_truncated_zip() {
    only("avklippt-zip.xlsx", "R020");
    assert_eq!(register_status("avklippt-zip.xlsx"), ["avvisad"]);
}

#[test]
fn r026_duplicate_zip_entries() {
    let d = only("dubbla-zipposter.xlsx", "R026");
    assert!(
        d["message"].as_str().unwrap().contains(hostile::SHEET_PATH),
        "{d:#?}"
    );
    assert_eq!(register_status("dubbla-zipposter.xlsx"), ["avvisad"]);
}

#[test]
fn r010_password_protected_workbook() {
    let d = only("losenordsskyddad.xlsx", "R010");
    assert!(
        d["message"].as_str().unwrap().contains("lösenordsskyddad"),
        "{d:#?}"
    );
    assert_eq!(register_status("losenordsskyddad.xlsx"), ["avvisad"]);
}

/// Issue 14: a password on an .ods is the same finding as on an xlsx, said once.
#[test]
fn r010_password_protected_ods() {
    let d = only("losenordsskyddad.ods", "R010");
    assert_eq!(d["message"], "arbetsboken är lösenordsskyddad");
    assert_eq!(d["detail"], "Workbook is password protected");
    assert_eq!(register_status("losenordsskyddad.ods"), ["avvisad"]);
}

#[test]
fn r001_empty_file() {
    only("tom-0-byte.xlsx", "R001");
    assert_eq!(register_status("tom-0-byte.xlsx"), ["avvisad"]);
}

#[test]
fn r011_lock_file_is_skipped() {
    let d = only("~$x.xlsx", "R011");
    assert_eq!(d["severity"], "warning");
    assert_eq!(status("~$x.xlsx"), "skipped");
    assert_eq!(register_status("~$x.xlsx"), ["hoppad över"]);
}

#[test]
fn r011_directory_named_like_a_workbook_is_skipped() {
    let d = only("x.xlsx", "R011");
    assert!(d["message"].as_str().unwrap().contains("en mapp"), "{d:#?}");
    assert_eq!(status("x.xlsx"), "skipped");
    assert_eq!(register_status("x.xlsx"), ["hoppad över"]);
}

#[test]
fn r002_html_page_saved_as_xls() {
    let d = only("html-sida.xls", "R002");
    assert!(d["message"].as_str().unwrap().contains("HTML"), "{d:#?}");
    assert_eq!(register_status("html-sida.xls"), ["avvisad"]);
}

#[test]
fn r101_foreign_workbook_without_styr_identity() {
    let d = only("annan-arbetsbok.xlsx", "R101");
    assert!(
        d["message"].as_str().unwrap().contains("Indikatorer"),
        "names the sheets it has: {d:#?}"
    );
    assert_eq!(register_status("annan-arbetsbok.xlsx"), ["avvisad"]);
}

// ---------------------------------------------------------------------------------------------
// Read, with findings in cells and sheets

#[test]
fn r120_far_cell_is_reported_and_the_rest_is_read() {
    let name = "cell-A1-och-XFD1048576.xlsx";
    let d = only(name, "R120");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["sheet"], fixtures().sheets[name].as_str());
    assert!(
        d["message"].as_str().unwrap().contains("XFD1048576"),
        "{d:#?}"
    );
    assert_eq!(status(name), "ok");
    assert_eq!(register_status(name), ["inkommen"]);
}

#[test]
fn r208_date_serial_minus_1e300() {
    let name = "datum-minus-1e300.xlsx";
    let d = only(name, "R208");
    assert_at(d, &fixtures().cells[name][0]);
    assert_eq!(status(name), "errors");
    assert_eq!(register_status(name), ["inkommen med fel"]);
}

#[test]
fn r204_spill_cell_and_the_rest_of_the_sheet_is_still_assessed() {
    let name = "spill-fel.xlsx";
    let [spill, text] = &fixtures().cells[name][..] else {
        unreachable!()
    };
    let d = with_code(name, "R204");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_at(d[0], spill);
    assert!(d[0]["message"].as_str().unwrap().contains("#SPILL!"));
    // The text typed below the error value is found too: the sheet was read past it.
    let d = with_code(name, "R203");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_at(d[0], text);
    // ...and nothing else: no "required but empty" for the cells after it, no "sheet could not
    // be read".
    let mut c = codes(name);
    c.sort();
    assert_eq!(c, ["R203", "R204"]);
    assert_eq!(register_status(name), ["inkommen med fel"]);
}

#[test]
fn r203_text_in_number_cells() {
    let name = "text-i-talcell.xlsx";
    let [ca, na] = &fixtures().cells[name][..] else {
        unreachable!()
    };
    let d = with_code(name, "R203");
    assert_eq!(d.len(), 2, "{d:#?}");
    let at = |p: &Place| {
        d.iter()
            .find(|x| x["sheet"] == p.sheet.as_str() && x["cell"] == p.cell.as_str())
            .copied()
            .unwrap_or_else(|| panic!("no R203 at {}!{}: {d:#?}", p.sheet, p.cell))
    };
    assert!(at(ca)["message"].as_str().unwrap().contains("ca 5"));
    assert!(at(na)["message"].as_str().unwrap().contains("n/a"));
    assert_eq!(codes(name), ["R203", "R203"]);
    assert_eq!(register_status(name), ["inkommen med fel"]);
}

#[test]
fn r111_renamed_sheet_is_read_with_a_warning() {
    let name = "flik-omdopt.xlsx";
    let d = only(name, "R111");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["sheet"], fixtures().sheets[name].as_str());
    assert_eq!(status(name), "ok");
    assert_eq!(register_status(name), ["inkommen"]);
}

#[test]
fn r110_deleted_sheet() {
    let name = "flik-borttagen.xlsx";
    let d = only(name, "R110");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains(&format!("'{}'", fixtures().sheets[name])),
        "{d:#?}"
    );
    assert_eq!(status(name), "errors");
    assert_eq!(register_status(name), ["inkommen med fel"]);
}

// ---------------------------------------------------------------------------------------------
// Identity and the register

#[test]
fn r106_wrong_period_is_fel_period() {
    let name = "fel-period-2026-03.xlsx";
    let d = only(name, "R106");
    assert!(d["message"].as_str().unwrap().contains("2026-03"), "{d:#?}");
    assert_eq!(file(name)["period"], "2026-03");
    assert_eq!(register_status(name), ["fel period"]);
}

#[test]
fn same_unit_twice_identical_copy_is_dubblett() {
    let a = register_status("samma-enhet-kopia-1.xlsx");
    let b = register_status("samma-enhet-kopia-2.xlsx");
    let mut both = [a[0].clone(), b[0].clone()];
    both.sort();
    assert_eq!(both, ["dubblett", "inkommen"]);
    assert_eq!(
        file("samma-enhet-kopia-1.xlsx")["sha256"],
        file("samma-enhet-kopia-2.xlsx")["sha256"]
    );
}

#[test]
fn same_unit_twice_the_newer_saved_return_replaces_the_older() {
    assert_eq!(
        register_status("skogsglantan-a-nyare.xlsx"),
        ["inkommen"],
        "the return saved last wins, whatever the file names and file times say"
    );
    assert_eq!(
        register_status("skogsglantan-b-aldre.xlsx"),
        ["ersatt av nyare"]
    );
    let row = run().json["register"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["file"]
                .as_str()
                .is_some_and(|f| name_of(f) == "skogsglantan-a-nyare.xlsx")
        })
        .unwrap();
    let replaced: Vec<String> = row["replaced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| name_of(f.as_str().unwrap()))
        .collect();
    assert_eq!(replaced, ["skogsglantan-b-aldre.xlsx"]);
}

#[test]
fn r103_older_form_version_is_fel_version() {
    let name = "gammal-formversion.xlsx";
    let d = only(name, "R103");
    assert!(
        d["message"].as_str().unwrap().contains("version 0"),
        "{d:#?}"
    );
    assert_eq!(file(name)["version"], 0);
    assert_eq!(register_status(name), ["fel version"]);
}

#[test]
fn r105_unknown_unit_is_okand_enhet() {
    let name = "okand-enhet.xlsx";
    let d = only(name, "R105");
    assert!(
        d["message"].as_str().unwrap().contains("buf-gr-nedlagd"),
        "{d:#?}"
    );
    assert_eq!(register_status(name), ["okänd enhet"]);
}

// ---------------------------------------------------------------------------------------------
// Outputs: collecting again changes nothing; inputs are never touched

fn hash(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    if path.is_dir() {
        return "directory".into();
    }
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Name, content hash and modification time of everything in `dir`.
fn snapshot(dir: &Path) -> BTreeMap<String, (String, SystemTime)> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                (hash(&e.path()), e.metadata().unwrap().modified().unwrap()),
            )
        })
        .collect()
}

#[test]
fn collecting_twice_changes_nothing_and_never_touches_the_inputs() {
    let f = fixtures();
    // A workspace of its own, so that the shared run does not write into it meanwhile.
    let ws_dir = base_dir().join("ws-twice");
    init_workspace(&ws_dir);
    let before = snapshot(&f.batch);
    let first = collect(&ws_dir, &f.batch);
    assert_eq!(first.code, Some(1), "{}", first.stderr);
    let store = ws_dir.join("data/varden.parquet");
    let register = ws_dir.join("rapporter").join(PERIOD).join("inlamning.xlsx");
    let store_1 = std::fs::read(&store).unwrap();
    let register_1 = std::fs::read(&register).unwrap();
    assert!(!store_1.is_empty() && !register_1.is_empty());
    let second = collect(&ws_dir, &f.batch);
    assert_eq!(second.code, Some(1), "{}", second.stderr);
    assert!(
        std::fs::read(&store).unwrap() == store_1,
        "data/varden.parquet changed on the second run"
    );
    assert!(
        std::fs::read(&register).unwrap() == register_1,
        "inlamning.xlsx changed on the second run"
    );
    assert_eq!(first.json, second.json);
    assert_eq!(
        snapshot(&f.batch),
        before,
        "an input file was modified, moved or deleted"
    );
}

// ---------------------------------------------------------------------------------------------
// The fixture helpers do what they say (read back with styr's own reader)

fn read(bytes: &[u8]) -> styr::xlsx_read::RawWorkbook {
    xlsx_read::read(bytes, Format::Xlsx, &Limits::default()).unwrap()
}

#[test]
fn xlsx_edit_far_cell_is_counted_not_allocated() {
    let f = fixtures();
    let bytes = std::fs::read(f.batch.join("cell-A1-och-XFD1048576.xlsx")).unwrap();
    let raw = read(&bytes);
    let sheet = raw.sheet(&f.sheets["cell-A1-och-XFD1048576.xlsx"]).unwrap();
    assert_eq!(sheet.outside, 1);
    assert_eq!(sheet.outside_first, [(1_048_575, 16_383)]);
    assert!(sheet.error.is_none());
    assert!(
        sheet
            .cells
            .iter()
            .any(|(r, c, v)| (*r, *c) == (0, 0) && *v == RawCell::Text("Ekonomi".into()))
    );
}

#[test]
fn xlsx_edit_date_cell_keeps_its_date_style() {
    let f = fixtures();
    let place = &f.cells["datum-minus-1e300.xlsx"][0];
    let bytes = std::fs::read(f.batch.join("datum-minus-1e300.xlsx")).unwrap();
    let raw = read(&bytes);
    let cell = styr::domain::CellRef::parse(&place.cell).unwrap();
    let got = raw
        .sheet(&place.sheet)
        .unwrap()
        .cells
        .iter()
        .find(|(r, c, _)| (*r, *c) == (cell.row, cell.col))
        .map(|(_, _, v)| v.clone());
    assert_eq!(got, Some(RawCell::Serial(-1e300)), "read as a date cell");
}

#[test]
fn xlsx_edit_renames_deletes_and_changes_identity() {
    let ws = Workspace::load(&fixtures().ws).unwrap();
    let mut pkg = filled_return(&ws, VALID_UNITS[0], PERIOD);
    let names = pkg.sheet_names();
    assert!(names.contains(&"Ekonomi".to_string()), "{names:?}");
    pkg.rename_sheet("Ekonomi", "Budget");
    pkg.delete_sheet("Analys");
    pkg.set_identity("version", "7");
    pkg.set_saved("2026-05-09T12:00:00Z");
    assert_eq!(pkg.meta("version").as_deref(), Some("7"));
    let raw = read(&pkg.finish());
    let read_names: Vec<&str> = raw.sheets.iter().map(|s| s.name.as_str()).collect();
    assert!(read_names.contains(&"Budget"), "{read_names:?}");
    assert!(!read_names.contains(&"Ekonomi"), "{read_names:?}");
    assert!(!read_names.contains(&"Analys"), "{read_names:?}");
    assert_eq!(read_names.len(), names.len() - 1);
    assert!(raw.sheets.iter().all(|s| s.error.is_none()));
    assert_eq!(
        raw.custom_properties
            .get("styr.version")
            .map(String::as_str),
        Some("7")
    );
    let id = styr::collect::identify(Path::new("x.xlsx"), &raw).unwrap();
    assert_eq!(id.version, 7, "the property and the _styr sheet agree");
    assert_eq!(raw.modified.as_deref(), Some("2026-05-09T12:00:00Z"));
    // Defined names follow the renamed sheet and leave with the deleted one.
    assert!(
        raw.defined_names
            .iter()
            .all(|(_, target)| !target.contains("Analys") && !target.contains("'Ekonomi'!")),
        "{:?}",
        raw.defined_names
    );
}

/// A cell reference with more letters than any column (`personalomsattningC7`, as a broken
/// export might write) overflows calamine 0.38's column arithmetic. The reader panics and the
/// panic is this file's R043, in every build: the release profile keeps calamine's overflow
/// checks (Cargo.toml), without which the value would silently land in some other column.
#[test]
fn r043_a_cell_reference_with_too_many_letters_is_refused_not_misplaced() {
    let base = base_dir().join("too-many-letters");
    let ws = init_workspace(&base.join("ws"));
    let unit = VALID_UNITS[0];
    let utfall = place_of(&ws, unit, "ekonomi", "", "utfall");
    let mut pkg = filled_return(&ws, unit, PERIOD);
    let part = pkg.sheet_part(&utfall.sheet);
    let xml = pkg.part(&part).unwrap();
    let at = format!("<c r=\"{}\"", utfall.cell);
    assert!(xml.contains(&at), "the economy's outcome is written: {at}");
    pkg.set_part(
        &part,
        xml.replacen(
            &at,
            &format!("<c r=\"personalomsattning{}\"", utfall.cell),
            1,
        ),
    );
    let batch = base.join("inkommet");
    std::fs::create_dir_all(&batch).unwrap();
    std::fs::write(batch.join("for-manga-bokstaver.xlsx"), pkg.finish()).unwrap();

    let run = collect(&base.join("ws"), &batch);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let files = run.json["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{files:#?}");
    let codes: Vec<&str> = files[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["R043"], "{files:#?}");
    let message = files[0]["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        !message.contains('\n') && !message.contains("/registry/"),
        "one line, without the build machine's paths: {message}"
    );
    let statuses: Vec<&str> = run.json["register"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["file"].as_str().is_some())
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["avvisad"]);

    // What keeps it so in a release build.
    let manifest: toml::Table =
        toml::from_str(include_str!("../Cargo.toml")).expect("Cargo.toml parses");
    assert_eq!(
        manifest["profile"]["release"]["package"]["calamine"]["overflow-checks"].as_bool(),
        Some(true),
        "the release profile must keep calamine's overflow checks"
    );
}

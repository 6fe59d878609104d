//! The fixed texts styr writes into workbooks follow the surface's language (`workbooks`
//! catalogue): the example cycle (`styr demo`) run with `STYR_LANG=en` writes English sheet
//! titles, headers, legends, status words and instructions, while what the kommun wrote
//! (indicator names, unit names, form labels) and the sheet names (links and collect read by
//! them) stay as they are. The Swedish workbooks are the golden files (tests/report.rs,
//! tests/generate.rs), unchanged.
//!
//! The language is process-wide (set once by `main`), so the English workbooks are made by the
//! binary; they are read back with calamine.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use calamine::{Data, Reader, open_workbook_auto};

/// The example cycle run in English once per test process (in cargo's scratch folder for
/// integration tests), with the unit feedback of one unit.
fn english_demo() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lang_workbooks");
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let run = |dir: &Path, args: &[&str]| {
            let o = Command::new(env!("CARGO_BIN_EXE_styr"))
                .env("STYR_LANG", "en")
                .env("SOURCE_DATE_EPOCH", "1778572800")
                .arg("-C")
                .arg(dir)
                .args(args)
                .output()
                .unwrap();
            assert!(
                o.status.code().is_some_and(|c| c < 2),
                "{args:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        };
        run(&root, &["demo", "--out", "d"]);
        let d = root.join("d");
        run(
            &d,
            &[
                "report",
                "enhet",
                "--period",
                "2026-T1",
                "--unit",
                "buf-fsk-solrosen",
            ],
        );
        d
    })
}

/// Every text cell of a workbook: (sheet, text); `keep` chooses by sheet and row (0-based).
fn texts_where(path: &Path, keep: impl Fn(&str, u32) -> bool) -> Vec<(String, String)> {
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let (top, _) = range.start().unwrap_or((0, 0));
        for (r, _, v) in range.used_cells() {
            let row = top + u32::try_from(r).unwrap();
            if let Data::String(s) = v
                && keep(&name, row)
            {
                out.push((name.clone(), s.clone()));
            }
        }
    }
    out
}

/// Every text cell of a workbook: (sheet, text).
fn texts(path: &Path) -> Vec<(String, String)> {
    texts_where(path, |_, _| true)
}

/// Fails naming every cell that holds one of the Swedish phrases styr writes (`phrases`,
/// anywhere in a cell) or is one of its Swedish headers (`headers`, the whole cell).
fn assert_no_swedish(what: &str, cells: &[(String, String)], phrases: &[&str], headers: &[&str]) {
    let bad: Vec<_> = cells
        .iter()
        .filter(|(_, t)| {
            phrases.iter().any(|p| t.contains(p)) || headers.iter().any(|h| t.trim() == *h)
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: Swedish fixed text in the English workbook: {bad:#?}"
    );
}

fn has(cells: &[(String, String)], text: &str) -> bool {
    cells.iter().any(|(_, t)| t == text)
}

fn contains(cells: &[(String, String)], text: &str) -> bool {
    cells.iter().any(|(_, t)| t.contains(text))
}

fn sheets(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

/// The status words, the trend words, the reasons of a grey light: styr's own words in every
/// report.
const STATUS_WORDS: &[&str] = &[
    "Uppfyllt",
    "Delvis uppfyllt",
    "Ej uppfyllt",
    "Ej bedömt",
    "↑ Bättre",
    "→ Oförändrad",
    "↓ Sämre",
    "inget utfall",
    "ingen retur",
];

#[test]
fn the_english_followup_report_has_english_fixed_texts_and_the_kommuns_data() {
    let path = english_demo().join("rapporter/2026-T1/uppfoljning-2026-T1.xlsx");
    // The Data sheet's rows are the stored values (sections and fields as the forms name
    // them): only its head is styr's.
    let cells = texts_where(&path, |sheet, row| sheet != "Data" || row <= 3);
    let mut phrases = STATUS_WORDS.to_vec();
    phrases.extend([
        "Måluppfyllelse",
        "Underlag för",
        "Läs vidare",
        "Föregående period",
        "Samma period i fjol",
        "Källa (fil",
        "Kommunen per perspektiv",
        "Färger:",
        "enheternas",
        "indikatorer för kommunen",
        "ingen insamling",
        "sammanvägt",
        "Jämförelse med liknande",
        "bästa kvartilen",
        "sämsta kvartilen",
        "mellersta hälften",
        "Analyser och åtgärder",
        "Kvalitetsfaktorer:",
        "Intern kontroll:",
        "Utvecklingsmål:",
        "Definitioner:",
        "varje inlämnat värde",
        "Uppfyllt (grönt)",
        "Målvärdet söks",
        "Avvikelse = budget",
        "(ansvarig:",
        "Sjukfrånvaro per förvaltning",
        "Budget och prognos",
        "Sida ",
    ]);
    let headers = [
        "Indikator",
        "Utfall",
        "Enhet",
        "Nivå",
        "Mått",
        "Regel",
        "Totalt",
        "Kommunen",
        "Prognos",
        "Avvikelse",
        "Utveckling",
        "Kommentar",
        "Bedömning",
        "Perspektiv",
        "Kvalitetsfaktor",
        "Åtgärd",
        "Analys",
        "Namn",
        "Fil",
        "Sparad",
        "Fel",
        "Formulär",
        "Avsnitt",
        "Nyckel",
        "Fält",
        "Tal",
        "Flik",
        "Område",
        "Riktning",
        "Summering",
        "Frekvens",
        "Täljare",
        "Nämnare",
        "Uppf.",
        "Delv.",
        "Ej",
    ];
    assert_no_swedish("uppföljning", &cells, &phrases, &headers);
    // The English words are there ...
    for t in [
        "Goal attainment per förvaltning and area (number of indicators)",
        "Met",
        "Not met",
        "Read more",
        "Previous period",
    ] {
        assert!(has(&cells, t), "'{t}' missing");
    }
    assert!(contains(&cells, "Colours: against the unit's own målvärde"));
    // ... the kommun's data as it is: indicator and unit names, the units' own texts ...
    for t in [
        "Sjukfrånvaro, total",
        "Andel tillsvidareanställda med heltidsanställning",
        "Solrosens förskola",
        "Uppnådd",
    ] {
        assert!(has(&cells, t), "data '{t}' changed or missing");
    }
    // ... and the sheet names, which the internal links name, are the Swedish ones.
    let names = sheets(&path);
    for s in ["Översikt", "Definitioner", "Inlämning", "Data", "Analyser"] {
        assert!(names.iter().any(|n| n == s), "sheet {s} missing: {names:?}");
    }
}

#[test]
fn the_english_unit_feedback_has_english_fixed_texts() {
    let path = english_demo().join("rapporter/2026-T1/enheter/enhet-2026-T1-buf-fsk-solrosen.xlsx");
    let cells = texts(&path);
    let mut phrases = STATUS_WORDS.to_vec();
    phrases.extend([
        "Återkoppling",
        "underlag för dialogen",
        "uppfyllda",
        "Förvaltningens status",
        "Kommunens status",
        "Regel (målvärdet gäller)",
        "Utfall hittills",
        "Helårsprognos (tkr)",
        "Aktiviteter som inte är klara",
        "Inga öppna aktiviteter",
        "Avvikelse = budget",
        "Färger:",
    ]);
    let headers = [
        "Indikator",
        "Mått",
        "Utfall",
        "Förvaltningen",
        "Kommunen",
        "Enheten",
        "Nivå",
        "Namn",
        "Aktivitet",
        "Ansvarig",
        "Kommentar",
    ];
    assert_no_swedish("enhet", &cells, &phrases, &headers);
    assert!(contains(&cells, "Feedback to Solrosens förskola"));
    assert!(has(&cells, "Sjukfrånvaro, total"));
}

#[test]
fn the_english_register_shows_english_status_words_and_headers() {
    let path = english_demo().join("rapporter/2026-T1/inlamning.xlsx");
    let cells = texts(&path);
    // The status column shows the words of the surface; the register file keeps its labels.
    let phrases = [
        "inkommen",
        "saknas",
        "dubblett",
        "ersatt av nyare",
        "fel period",
        "kan vara en annan enhets siffror",
        "ersätter ",
        "Inlämning ",
    ];
    let headers = [
        "Mall",
        "Namn",
        "Fil",
        "Sparad",
        "Senast",
        "Fel",
        "Varningar",
        "Kommentar",
        "sen",
        "Uppföljning",
    ];
    assert_no_swedish("inlamning", &cells, &phrases, &headers);
    assert!(has(&cells, "Warnings") && has(&cells, "Deadline"));
    assert!(has(&cells, "Solrosens förskola"));
    // The register file keeps the Swedish labels: machine keys, whatever the language.
    let json = std::fs::read_to_string(english_demo().join("data/inlamning-2026-T1.json")).unwrap();
    assert!(json.contains("\"inkommen\""), "{json}");
}

#[test]
fn the_english_correction_workbook_speaks_english_to_the_unit() {
    let dir = english_demo().join("utskick/2026-T1/rattelser");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .expect("a correction workbook");
    // styr's own sheets; the form's sheets hold the template's labels.
    let cells = texts_where(&path, |sheet, _| {
        sheet == "Instruktioner" || sheet == "Att rätta"
    });
    let phrases = [
        "Det här är en rättelse",
        "Rätta cellerna",
        "Skicka rättelsen",
        "tjock mörkröd ram",
        "Cellen ska innehålla",
        "ser ut som en andel",
        "Så här fyller du i",
        "Gul cell:",
        "Grå cell:",
        "Utfallet når",
        "Lämnas senast",
        "Skicka filen till",
        "lämnas senast",
        "Obligatorisk",
        "Sida ",
        "Ogiltigt värde",
        "Skriv ett tal",
        "Raden upprepar",
    ];
    let headers = [
        "Hela filen",
        "Rättelse",
        "Att rätta",
        "Färger",
        "Flikar",
        "Fält",
        "Flik",
        "Ansvarig",
        "Skickad",
        "Syfte",
        "Fyll i",
        "Förifyllt",
        "Uppfyllt",
        "Delvis",
        "Ej uppfyllt",
        "Åtgärd krävs",
    ];
    assert_no_swedish("correction", &cells, &phrases, &headers);
    assert!(contains(&cells, "This is a correction."), "{cells:#?}");
    assert!(
        has(&cells, "To correct") && has(&cells, "Sheet"),
        "{cells:#?}"
    );
    // The notes of the faulty cells and the input help are English too.
    let bytes = std::fs::read(&path).unwrap();
    let pkg = common::xlsx_edit::Package::open(&bytes);
    let notes: String = (1..20)
        .filter_map(|i| pkg.part(&format!("xl/comments{i}.xml")))
        .collect();
    assert!(notes.contains("To correct:"), "{notes}");
    for p in phrases {
        assert!(!notes.contains(p), "'{p}' in the notes: {notes}");
    }
    let validations: String = pkg
        .sheet_names()
        .iter()
        .map(|s| pkg.sheet_part(s))
        .collect();
    for p in [
        "Skriv ett tal",
        "Ogiltigt värde",
        "Obligatorisk",
        "Välj ett av",
    ] {
        assert!(!validations.contains(p), "'{p}' in an input help");
    }
    // The sheets keep their names: collect reads a returned correction by them.
    let names = sheets(&path);
    assert!(names.iter().any(|n| n == "Instruktioner"), "{names:?}");
    assert!(names.iter().any(|n| n == "Att rätta"), "{names:?}");
}

#[test]
fn the_english_form_instructions_are_english_and_the_templates_texts_stay() {
    let dir = english_demo().join("utskick/2026-T1");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "xlsx")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("uppfoljning-"))
        })
        .expect("a form");
    let cells: Vec<_> = texts(&path)
        .into_iter()
        .filter(|(s, _)| s == "Instruktioner")
        .collect();
    let phrases = [
        "Så här fyller du i",
        "Gul cell:",
        "Grå cell:",
        "Utfallet når",
        "Utfallet ligger",
        "Målvärdet nås inte",
        "lämnas senast",
        "januari-april",
    ];
    let headers = [
        "Ansvarig",
        "Skickad",
        "Lämnas senast",
        "Redovisas i",
        "Skicka filen till",
        "Syfte",
        "Färger",
        "Fyll i",
        "Förifyllt",
        "Uppfyllt",
        "Delvis",
        "Ej uppfyllt",
        "Åtgärd krävs",
        "Flikar",
    ];
    assert_no_swedish("form Instruktioner", &cells, &phrases, &headers);
    for t in ["How to fill in", "Colours", "Sheets", "Due"] {
        assert!(has(&cells, t), "'{t}' missing: {cells:#?}");
    }
    // The form's own sheets keep the template's names and labels.
    let names = sheets(&path);
    assert_eq!(names.first().map(String::as_str), Some("Instruktioner"));
    assert!(names.iter().any(|n| n == "Ekonomi"), "{names:?}");
}

#[test]
fn the_english_mail_drafts_have_the_english_default_text() {
    let d = english_demo();
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "en")
        .env("SOURCE_DATE_EPOCH", "1778572800")
        .arg("-C")
        .arg(d)
        .args(["send", "--period", "2026-T1", "--unit", "buf-gr-hassla"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let eml = std::fs::read_to_string(
        d.join("utskick/2026-T1/epost/uppfoljning-2026-T1-buf-gr-hassla.eml"),
    )
    .unwrap();
    // The example's styr.toml sets no [sending.mail] text: styr's default, in English.
    assert!(
        eml.contains("Dear ") && eml.contains("Kind regards"),
        "{eml}"
    );
    for p in ["Hej ", "Med v", "Byt inte namn", "snarast"] {
        assert!(!eml.contains(p), "'{p}' in the draft: {eml}");
    }
    // The period is in English; the form's title is the template's.
    assert!(eml.contains("(January-April)"), "{eml}");
}

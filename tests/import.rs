//! `styr import`: one test per source format and per diagnostic, the provenance in the store and
//! in `styr export`, re-import as a no-op and a newer export replacing an older one.
//!
//! The workspace is the example's (`styr init`), whose `ekonomi` source reads a huvudbok in
//! Windows-1252 with semicolons and decimal commas, and whose `hr` source reads an Excel sheet;
//! `ksf-ekonomi` has the ansvar code 1010 and `ksf-hr` 1020. A UTF-8 source with thousands
//! separators is added for the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use styr::analysis::store::{STORE_FILE, Store};

const EXTRA: &str = r#"
[[source]]
id = "lon"
kind = "lönesystem"
format = "csv"
encoding = "utf-8"
delimiter = ";"
decimal = ","
thousands = " "
key = "Kostnadsställe"
period = "Månad"
aggregate = "sum"
scale = 0.001

[[source.target]]
value = "Belopp"
role = "spent"
"#;

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let o = styr(tmp.path(), &["init", "ws"]);
    assert!(o.0 == Some(0), "{o:?}");
    let cfg = ws.join("styr.toml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str(EXTRA);
    std::fs::write(&cfg, text).unwrap();
    (tmp, ws)
}

/// (exit code, stdout, stderr)
fn styr(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1778572800")
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn cp1252(text: &str) -> Vec<u8> {
    let (b, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    b.into_owned()
}

const HEAD: &str = "Period;Ansvar;Ansvar benämning;Konto;Konto benämning;Budget;Utfall\r\n";

/// A huvudbok for ksf-ekonomi (1010) and ksf-hr (1020), January to April 2026.
fn huvudbok(extra: &str) -> String {
    let mut s = String::from(HEAD);
    for m in 1..=4 {
        s.push_str(&format!(
            "2026{m:02};1010;Ekonomiavdelningen;5010;Löner;1000,50;900,25\r\n"
        ));
        s.push_str(&format!(
            "2026{m:02};1020;HR-avdelningen;5010;Löner;2000;2500,5\r\n"
        ));
    }
    s.push_str(extra);
    s
}

fn store(ws: &Path) -> Store {
    Store::load(&ws.join("data").join(STORE_FILE)).unwrap()
}

fn number(s: &Store, unit: &str, field: &str, key: &str) -> Option<f64> {
    s.values
        .iter()
        .find(|v| v.unit == unit && v.field == field && v.key == key)
        .and_then(|v| v.number)
}

#[test]
fn a_windows_1252_huvudbok_is_summed_to_the_period_with_provenance() {
    let (_t, ws) = workspace();
    // 2025 rows and May 2026 lie outside 2026-T1; the finansförvaltning's 9100 is ignored.
    let text = huvudbok(
        "202512;1010;Ekonomiavdelningen;5010;Löner;99999;99999\r\n\
         202605;1010;Ekonomiavdelningen;5010;Löner;99999;99999\r\n\
         202603;9100;Finansförvaltning;8010;Skatteintäkter;-5000;-5000\r\n",
    );
    std::fs::write(ws.join("hb.csv"), cp1252(&text)).unwrap();
    let (code, out, err) = styr(&ws, &["import", "ekonomi", "hb.csv", "--period", "2026-T1"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("hb.csv: 11 rader, 9 inom 2026-T1"), "{out}");
    let s = store(&ws);
    // Utfall: 4 × 900,25 kr = 3,601 tkr. (budgetavvikelse is derived by check from it.)
    assert_eq!(number(&s, "ksf-ekonomi", "utfall", ""), Some(3.601));
    assert_eq!(number(&s, "ksf-hr", "utfall", ""), Some(10.002));
    assert_eq!(
        number(&s, "ksf-ekonomi", "utfall", "budgetavvikelse"),
        None,
        "a derived indicator is never imported"
    );
    let v = s
        .values
        .iter()
        .find(|v| v.unit == "ksf-ekonomi" && v.key.is_empty())
        .unwrap();
    let i = v.import.as_ref().unwrap();
    assert_eq!(
        (v.file.as_str(), v.sheet.as_str(), v.cell.as_str()),
        ("hb.csv", "", "2:7")
    );
    assert_eq!(
        (
            i.source.as_str(),
            i.kind.as_str(),
            i.lines.as_str(),
            i.column.as_str()
        ),
        ("ekonomi", "ekonomisystem", "2,4,6,8", "Utfall")
    );
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(cp1252(&text))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(v.sha256, sha);
    assert_eq!(v.collected_at, "2026-05-12T08:00:00Z");
}

#[test]
fn utf8_with_a_bom_thousands_minus_signs_and_parentheses() {
    let (_t, ws) = workspace();
    let text = "\u{feff}Månad;Kostnadsställe;Belopp\n\
                mars 2026;1010;1 234 567,50\n\
                2026-04;1010;-1 000,25\n\
                april 2026;1010;(200)\n\
                2026-01;1010;34,75-\n";
    std::fs::write(ws.join("lon.csv"), text).unwrap();
    let (code, out, err) = styr(&ws, &["import", "lon", "lon.csv", "--period", "2026-T1"]);
    assert_eq!(code, Some(0), "{out}{err}");
    // 1 234 567,50 − 1 000,25 − 200 − 34,75 = 1 233 332,5 kr
    assert_eq!(
        number(&store(&ws), "ksf-ekonomi", "utfall", ""),
        Some(1233.3325)
    );
}

#[test]
fn an_excel_export_reads_percentages_as_shown_and_names_its_cells() {
    let (_t, ws) = workspace();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sh = wb.add_worksheet().set_name("Personalstatistik").unwrap();
    let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    sh.write(0, 0, "Personalstatistik").unwrap();
    for (c, h) in [
        "Månad",
        "Kostnadsställe",
        "Benämning",
        "Årsarbetare",
        "Sjukfrånvaro ack.",
        "Korttidssjukfrånvaro ack.",
        "Personalomsättning ack.",
    ]
    .iter()
    .enumerate()
    {
        sh.write(3, c as u16, *h).unwrap();
    }
    for (r, (month, code, fte, sick)) in [
        ("mars 2026", "1010", 9.0, 0.051),
        ("april 2026", "1010", 9.5, 0.095),
        ("april 2026", "1020", 7.0, 0.04),
    ]
    .iter()
    .enumerate()
    {
        let r = 4 + r as u32;
        sh.write(r, 0, *month).unwrap();
        sh.write(r, 1, *code).unwrap();
        sh.write(r, 3, *fte).unwrap();
        sh.write_with_format(r, 4, *sick, &pct).unwrap();
        sh.write_with_format(r, 5, 0.02, &pct).unwrap();
        sh.write(r, 6, 3.5).unwrap();
    }
    wb.save(ws.join("hr.xlsx")).unwrap();
    let (code, out, err) = styr(&ws, &["import", "hr", "hr.xlsx", "--period", "2026-T1"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let s = store(&ws);
    assert_eq!(
        number(&s, "ksf-ekonomi", "utfall", "sjukfranvaro"),
        Some(9.5)
    );
    assert_eq!(
        number(&s, "ksf-ekonomi", "utfall", "arsarbetare"),
        Some(9.5)
    );
    assert_eq!(number(&s, "ksf-hr", "utfall", "sjukfranvaro"), Some(4.0));
    let v = s
        .values
        .iter()
        .find(|v| v.unit == "ksf-ekonomi" && v.key == "sjukfranvaro")
        .unwrap();
    assert_eq!(
        (v.sheet.as_str(), v.cell.as_str()),
        ("Personalstatistik", "E6")
    );
    assert_eq!(v.import.as_ref().unwrap().lines, "6");
    // The store is read by the checks: the imported outcome is judged.
    let (_, out, _) = styr(&ws, &["check", "--period", "2026-T1", "--format", "json"]);
    assert!(out.contains("\"sjukfranvaro\""), "{out}");
}

/// Runs an import that must fail with exactly the given diagnostic lines and store nothing.
fn refused(ws: &Path, args: &[&str], want: &[&str]) {
    let (code, out, err) = styr(ws, args);
    assert_eq!(code, Some(1), "{out}{err}");
    for w in want {
        assert!(out.lines().any(|l| l == *w), "missing {w:?} in:\n{out}");
    }
    assert!(out.contains("inget importerat"), "{out}");
    assert!(
        !ws.join("data").join(STORE_FILE).exists(),
        "a refused import wrote the store"
    );
}

#[test]
fn an_unmapped_code_is_reported_with_its_total() {
    let (_t, ws) = workspace();
    let text = huvudbok(
        "202602;7777;Okänt ansvar;5010;Löner;100;250,5\r\n202603;7777;Okänt ansvar;5010;Löner;100;250\r\n",
    );
    std::fs::write(ws.join("hb.csv"), cp1252(&text)).unwrap();
    refused(
        &ws,
        &["import", "ekonomi", "hb.csv", "--period", "2026-T1"],
        &[
            "hb.csv:10:8: I013 koden '7777' i Ansvar hör inte till någon enhet: 2 rader, summa Utfall 0,5005",
            "  tips: lägg koden i codes = [...] för en enhet i styr.toml, eller i ignore_codes för källan 'ekonomi' om den inte hör till någon enhet",
        ],
    );
}

#[test]
fn a_duplicate_key_names_both_lines() {
    let (_t, ws) = workspace();
    let text = huvudbok("202603;1010;Ekonomiavdelningen;5010;Löner;1;1\r\n");
    std::fs::write(ws.join("hb.csv"), cp1252(&text)).unwrap();
    refused(
        &ws,
        &["import", "ekonomi", "hb.csv", "--period", "2026-T1"],
        &["hb.csv:10:8: I014 Ansvar 1010 har redan en rad för 2026-03, 5010 (rad 6)"],
    );
}

#[test]
fn a_missing_column_points_at_the_header_with_a_suggestion() {
    let (_t, ws) = workspace();
    let text = huvudbok("").replace(";Utfall\r\n", ";Utfal\r\n");
    std::fs::write(ws.join("hb.csv"), cp1252(&text)).unwrap();
    refused(
        &ws,
        &["import", "ekonomi", "hb.csv", "--period", "2026-T1"],
        &[
            "hb.csv:1:1: I010 kolumnen 'Utfall' som källan 'ekonomi' läser saknas",
            "  tips: menade du 'Utfal'? Rubrikerna är: Period, Ansvar, Ansvar benämning, Konto, Konto benämning, Budget, Utfal",
        ],
    );
}

#[test]
fn an_unparseable_number_and_an_unknown_period_at_line_and_column() {
    let (_t, ws) = workspace();
    let text = huvudbok(
        "202603;1010;Ekonomiavdelningen;6110;Lokaler;1;1.000,50\r\n\
         Q1 2026;1010;Ekonomiavdelningen;6110;Lokaler;1;1\r\n",
    );
    std::fs::write(ws.join("hb.csv"), cp1252(&text)).unwrap();
    refused(
        &ws,
        &["import", "ekonomi", "hb.csv", "--period", "2026-T1"],
        &[
            "hb.csv:10:47: I011 \"1.000,50\" är inget tal",
            "hb.csv:11:1: I012 okänd period \"Q1 2026\" i kolumnen Period",
            "  tips: skriv månaden som 202603, 2026-03 eller mars 2026",
        ],
    );
}

#[test]
fn a_text_that_is_not_utf8_and_an_export_that_ends_too_early() {
    let (_t, ws) = workspace();
    std::fs::write(
        ws.join("lon.csv"),
        cp1252("Månad;Kostnadsställe;Belopp\n2026-04;1010;1\n"),
    )
    .unwrap();
    refused(
        &ws,
        &["import", "lon", "lon.csv", "--period", "2026-T1"],
        &["lon.csv:1:2: I002 filen är inte UTF-8 (byte 0xE5)"],
    );
    std::fs::write(ws.join("hb.csv"), cp1252(&huvudbok(""))).unwrap();
    refused(
        &ws,
        &["import", "ekonomi", "hb.csv", "--period", "2026-T2"],
        &["hb.csv: I017 exporten har rader till och med 2026-04, men 2026-T2 slutar 2026-08"],
    );
}

#[test]
fn reimport_changes_nothing_and_a_newer_export_replaces_the_older() {
    let (_t, ws) = workspace();
    std::fs::write(ws.join("hb.csv"), cp1252(&huvudbok(""))).unwrap();
    let args = ["import", "ekonomi", "hb.csv", "--period", "2026-T1"];
    assert_eq!(styr(&ws, &args).0, Some(0));
    let path = ws.join("data").join(STORE_FILE);
    let first = std::fs::read(&path).unwrap();
    let (code, out, _) = styr(&ws, &args);
    assert_eq!(code, Some(0));
    assert!(out.contains("redan importerade, inget ändrat"), "{out}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "re-import changed the store"
    );
    // A newer export of the same source and period: ksf-hr's rows are gone from it.
    let newer: String = huvudbok("")
        .lines()
        .filter(|l| !l.contains(";1020;"))
        .map(|l| format!("{l}\r\n"))
        .collect::<String>()
        .replace("900,25", "950");
    std::fs::write(ws.join("hb2.csv"), cp1252(&newer)).unwrap();
    let (code, out, err) = styr(
        &ws,
        &["import", "ekonomi", "hb2.csv", "--period", "2026-T1"],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    let s = store(&ws);
    assert_eq!(number(&s, "ksf-ekonomi", "utfall", ""), Some(3.8));
    assert_eq!(number(&s, "ksf-hr", "utfall", ""), None);
    assert!(s.values.iter().all(|v| v.file == "hb2.csv"));
    // The status lists the import.
    let (_, out, _) = styr(&ws, &["status", "--period", "2026-T1"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("2026-T1    ekonomi (ekonomisystem)") && l.ends_with("hb2.csv")),
        "{out}"
    );
}

#[test]
fn the_export_carries_the_provenance() {
    let (_t, ws) = workspace();
    std::fs::write(ws.join("hb.csv"), cp1252(&huvudbok(""))).unwrap();
    assert_eq!(
        styr(&ws, &["import", "ekonomi", "hb.csv", "--period", "2026-T1"]).0,
        Some(0)
    );
    let (code, out, err) = styr(&ws, &["export", "--format", "csv"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let text = std::fs::read_to_string(ws.join("rapporter/export/varden.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    for c in [
        "file",
        "sha256",
        "sheet",
        "cell",
        "source",
        "source_kind",
        "lines",
        "column",
    ] {
        assert!(head.contains(&c), "{c} not in {head:?}");
    }
    let row = lines
        .find(|l| l.contains("ksf-ekonomi") && l.contains(",ekonomi,"))
        .unwrap();
    assert!(
        row.contains("hb.csv") && row.contains("2:7") && row.contains("\"2,4,6,8\""),
        "{row}"
    );
}

#[test]
fn an_unknown_source_cannot_run() {
    let (_t, ws) = workspace();
    let (code, _, err) = styr(&ws, &["import", "okand", "x.csv", "--period", "2026-T1"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("okänd källa 'okand'"), "{err}");
    assert!(err.contains("ekonomi, hr, lon"), "{err}");
}

/// Kolada's API answer, municipality and ou variants in one file (as two answers appended).
const KOLADA: &str = r#"{"count": 6, "next_page": null, "previous_page": null, "values": [
 {"kpi": "N00090", "municipality": "1452", "period": 2024,
  "values": [{"count": 1, "gender": "K", "status": "", "value": 8.1},
             {"count": 1, "gender": "M", "status": "", "value": 4.0},
             {"count": 1, "gender": "T", "status": "", "value": 6.5}]},
 {"kpi": "N00090", "municipality": "1465", "period": 2025,
  "values": [{"count": 1, "gender": "T", "status": "Preliminary", "value": 7.25}]},
 {"kpi": "N00090", "municipality": "9999", "period": 2025,
  "values": [{"count": 1, "gender": "T", "status": "", "value": 1.0}]},
 {"kpi": "N01951", "municipality": "1452", "period": 2025,
  "values": [{"count": 1, "gender": "T", "status": "", "value": 12040}]},
 {"kpi": "U21468", "ou": "V21E145200101", "period": 2025,
  "values": [{"count": 1, "gender": "T", "status": "", "value": 91}]},
 {"kpi": "U21468", "ou": "V21E999999999", "period": 2025,
  "values": [{"count": 1, "gender": "T", "status": "", "value": null}]}
]}"#;

/// (period, unit, KPI, gender, value, status, place in the JSON)
type Row = (String, String, String, String, Option<f64>, String, String);

#[test]
fn kolada_json_for_municipalities_and_units_round_trips_with_year_and_status() {
    let (_t, ws) = workspace();
    std::fs::write(ws.join("kolada.json"), KOLADA).unwrap();
    let (code, out, err) = styr(&ws, &["import", "kolada", "kolada.json"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("kolada.json: 6 poster, 3 för"), "{out}");
    let s = store(&ws);
    let got: Vec<Row> = s
        .values
        .iter()
        .map(|v| {
            let i = v.import.as_ref().unwrap();
            (
                v.period.to_string(),
                v.unit.clone(),
                v.key.clone(),
                v.field.clone(),
                v.number,
                i.status.clone().unwrap_or_default(),
                v.cell.clone(),
            )
        })
        .collect();
    let row = |p: &str, u: &str, k: &str, g: &str, n: f64, st: &str, c: &str| {
        (
            p.to_string(),
            u.to_string(),
            k.to_string(),
            g.to_string(),
            Some(n),
            st.to_string(),
            c.to_string(),
        )
    };
    assert_eq!(
        got,
        vec![
            row(
                "2024",
                "1452",
                "N00090",
                "K",
                8.1,
                "",
                "values[0].values[0]"
            ),
            row(
                "2024",
                "1452",
                "N00090",
                "M",
                4.0,
                "",
                "values[0].values[1]"
            ),
            row(
                "2024",
                "1452",
                "N00090",
                "T",
                6.5,
                "",
                "values[0].values[2]"
            ),
            row(
                "2025",
                "1465",
                "N00090",
                "T",
                7.25,
                "Preliminary",
                "values[1].values[0]"
            ),
            row(
                "2025",
                "sof-hemtj-centrum",
                "U21468",
                "T",
                91.0,
                "",
                "values[4].values[0]"
            ),
        ]
    );
    assert!(
        s.values
            .iter()
            .all(|v| v.section == "kolada"
                && v.import.as_ref().is_some_and(|i| i.source == "kolada"))
    );
    // Again: nothing changes; one year only: the other year's values stay.
    let path = ws.join("data").join(STORE_FILE);
    let first = std::fs::read(&path).unwrap();
    assert_eq!(styr(&ws, &["import", "kolada", "kolada.json"]).0, Some(0));
    assert_eq!(std::fs::read(&path).unwrap(), first);
    let newer = KOLADA.replace("7.25", "7.5");
    std::fs::write(ws.join("kolada2.json"), newer).unwrap();
    assert_eq!(
        styr(
            &ws,
            &["import", "kolada", "kolada2.json", "--period", "2025"]
        )
        .0,
        Some(0)
    );
    let s = store(&ws);
    assert_eq!(s.values.len(), 5);
    assert!(s.values.iter().any(|v| v.number == Some(7.5)));
    assert!(
        s.values
            .iter()
            .any(|v| v.file == "kolada.json" && v.period.to_string() == "2024")
    );
}

#[test]
fn a_file_that_is_not_koladas_json_points_at_the_place() {
    let (_t, ws) = workspace();
    std::fs::write(ws.join("k.json"), "{\"values\": [\n {\"kpi\": 5}\n]}").unwrap();
    let (code, out, _) = styr(&ws, &["import", "kolada", "k.json"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("k.json:2:") && l.contains("I020 filen är inte Koladas JSON")),
        "{out}"
    );
    assert!(!ws.join("data").join(STORE_FILE).exists());
}

#[test]
fn a_missing_sheet_a_row_without_key_and_two_files_for_one_unit() {
    let (_t, ws) = workspace();
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Blad1").unwrap();
    wb.save(ws.join("hr.xlsx")).unwrap();
    refused(
        &ws,
        &["import", "hr", "hr.xlsx", "--period", "2026-T1"],
        &[
            "hr.xlsx: I003 bladet 'Personalstatistik' finns inte i arbetsboken",
            "  tips: bladen är: Blad1",
        ],
    );
    // A total row at the bottom: amounts but no ansvar.
    let text = huvudbok("202604;;;;Summa;12000;13000\r\n");
    std::fs::write(ws.join("hb.csv"), cp1252(&text)).unwrap();
    refused(
        &ws,
        &["import", "ekonomi", "hb.csv", "--period", "2026-T1"],
        &["hb.csv:10:8: I015 raden har belopp men ingen Ansvar"],
    );
    // The same export twice, under two names.
    std::fs::write(ws.join("a.csv"), cp1252(&huvudbok(""))).unwrap();
    std::fs::write(ws.join("b.csv"), cp1252(&huvudbok(""))).unwrap();
    refused(
        &ws,
        &["import", "ekonomi", "a.csv", "b.csv", "--period", "2026-T1"],
        &["b.csv: I016 enheten ksf-ekonomi har redan ett värde för Utfall från a.csv"],
    );
    // A file that is not there.
    refused(
        &ws,
        &["import", "ekonomi", "saknas.csv", "--period", "2026-T1"],
        &[],
    );
}

/// A source may not feed a derived indicator: check computes it from its inputs (C083).
#[test]
fn a_target_naming_a_derived_indicator_is_c083() {
    let (_t, ws) = workspace();
    let cfg = ws.join("styr.toml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str("\n[[source.target]]\nvalue = \"Belopp\"\nindicator = \"budgetavvikelse\"\n");
    std::fs::write(&cfg, text).unwrap();
    let (_, out, err) = styr(&ws, &["validate"]);
    let all = format!("{out}{err}");
    assert!(
        all.lines()
            .any(|l| l.contains("C083") && l.contains("'budgetavvikelse' är en härledd indikator")),
        "{all}"
    );
}

//! The peer lens on the example municipality's Kolada snapshot (sample-data/exports): the
//! medians, places and quartiles computed by hand from the JSON, in `styr check --format json`,
//! on the report's area sheet and Översikt strip (read back with calamine), and what is said
//! when peers' values are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

const KOLADA: &str = "sample-data/exports/kolada-2024-2025.json";

fn styr(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1778572800")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The example workspace (configuration, catalogue, history) with `kolada` imported.
fn workspace(kolada: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for f in ["styr.toml", "indikatorer.toml", "historik.csv"] {
        std::fs::copy(src.join(f), ws.join(f)).unwrap();
    }
    std::fs::write(ws.join("kolada.json"), kolada).unwrap();
    let o = styr(&ws, &["import", "kolada", "kolada.json"]);
    assert_eq!(o.0, Some(0), "{o:?}");
    (tmp, ws)
}

fn snapshot() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(KOLADA)).unwrap()
}

fn peers(ws: &Path) -> Vec<Value> {
    let (code, out, err) = styr(ws, &["check", "--period", "2026-T1", "--format", "json"]);
    assert!(code == Some(0) || code == Some(1), "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    doc["peers"].as_array().unwrap().clone()
}

fn peer<'a>(all: &'a [Value], id: &str) -> &'a Value {
    all.iter().find(|p| p["indicator"] == id).unwrap()
}

#[test]
fn the_demo_snapshot_by_hand() {
    let (_tmp, ws) = workspace(&snapshot());
    let all = peers(&ws);
    // Every catalogue indicator with a Kolada id has a row, none without.
    assert_eq!(all.len(), 11);

    // Sjukfrånvaro (N00090, lower is better), 2025: Ekebo 8,3; the ten peers 6,3 6,3 6,4 6,5
    // 6,6 6,7 6,7 7,8 7,8 8,0: the median is (6,6 + 6,7) / 2 = 6,65, every peer is lower, so
    // Ekebo is 11th of 11, in the worst quarter (k = round(11 / 4) = 3: places 9–11).
    let s = peer(&all, "sjukfranvaro");
    assert_eq!(s["kpi"], "N00090");
    assert_eq!(s["value"], 8.3);
    assert_eq!(s["median"], 6.65);
    assert_eq!((s["rank"].as_u64(), s["of"].as_u64()), (Some(11), Some(11)));
    assert_eq!(s["quartile"], "worst");
    assert_eq!(s["year_text"], "2025, slutligt");
    assert_eq!(s["note"], Value::Null);

    // Nöjdhet särskilt boende (U23471, higher is better): 87,5 against 71,3 72,5 74,6 75,0
    // 79,5 85,0 89,9 90,0 91,3 92,5: four peers are higher, so 5th of 11 (middle half);
    // median (79,5 + 85,0) / 2 = 82,25.
    let n = peer(&all, "nojd-sabo");
    assert_eq!(n["median"], 82.25);
    assert_eq!(n["rank"], 5);
    assert_eq!(n["quartile"], "middle");

    // Behöriga lärare (N15814, higher): 80,0 preliminary, above every peer (highest 79,9).
    let b = peer(&all, "behoriga-larare");
    assert_eq!(b["rank"], 1);
    assert_eq!(b["quartile"], "best");
    assert_eq!(b["median"], 68.95);
    assert_eq!(b["kolada_status"], "Preliminary");
    assert_eq!(b["year_text"], "2025, preliminär");

    // Meritvärde (N15505, higher): 195,3 is above only 194,3 and 194,6: 9th of 11, worst.
    let m = peer(&all, "meritvarde-ak9");
    assert_eq!(
        (m["rank"].as_u64(), m["quartile"].as_str()),
        (Some(9), Some("worst"))
    );

    // An interval indicator gets the median and says why it has no place.
    let i = peer(&all, "barn-per-arsarbetare");
    assert_eq!(i["rank"], Value::Null);
    assert!(i["median"].is_number());
    assert!(i["note"].as_str().unwrap().contains("intervall"));

    // The table says the same, apart from the verdicts.
    let (_, table, _) = styr(&ws, &["check", "--period", "2026-T1"]);
    let line = table
        .lines()
        .find(|l| l.trim_start().starts_with("sjukfranvaro") && l.contains("av 11"))
        .unwrap();
    assert!(line.contains("8,3") && line.contains("6,7") && line.contains("11 av 11"));
    assert!(line.contains("sämsta kvartilen") && line.contains("2025, slutligt"));
    assert!(table.contains("påverkar inte måluppfyllelsen"));
}

/// The cells of a sheet as text (numbers as Rust prints them).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_report_shows_the_lens_on_the_area_sheet_and_the_overview() {
    let (_tmp, ws) = workspace(&snapshot());
    let out = ws.join("r.xlsx");
    let (code, o, e) = styr(
        &ws,
        &[
            "report",
            "uppfoljning",
            "--period",
            "2026-T1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(code == Some(0) || code == Some(1), "{o}{e}");
    let rows = sheet(&out, "Personal");
    let head = rows
        .iter()
        .find(|r| {
            r.iter()
                .any(|c| c == "Kolada: plats bland liknande kommuner")
        })
        .unwrap();
    let col = |h: &str| head.iter().position(|c| c == h).unwrap();
    let (place, median, year) = (
        col("Kolada: plats bland liknande kommuner"),
        col("Kolada: median"),
        col("Kolada: år"),
    );
    let kommun = rows
        .iter()
        .find(|r| r[0] == "Sjukfrånvaro, total" && r[1] == "Kommunen")
        .unwrap();
    assert_eq!(kommun[place], "11 av 11 · sämsta kvartilen");
    assert_eq!(kommun[median], "6.65");
    assert_eq!(kommun[year], "2025, slutligt");
    // A förvaltning's row says the lens is the kommun's, never an empty cell.
    let forv = rows
        .iter()
        .find(|r| r[0] == "Sjukfrånvaro, total" && r[1] == "SOF")
        .unwrap();
    assert_eq!(forv[place], "gäller kommunen");

    let o = sheet(&out, "Översikt");
    let title = o
        .iter()
        .position(|r| r[0].starts_with("Jämförelse med liknande kommuner"))
        .unwrap();
    let line = o[title..]
        .iter()
        .find(|r| r[0] == "Sjukfrånvaro, total")
        .unwrap();
    let cells: Vec<&str> = line[1..]
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        cells,
        [
            "8,3",
            "6,7",
            "11 av 11",
            "sämsta kvartilen",
            "2025, slutligt"
        ]
    );
}

#[test]
fn missing_peer_values_are_said() {
    // Drop two peers' sick leave (N00090) and all but two peers' teacher share (N15814).
    let mut doc: Value = serde_json::from_str(&snapshot()).unwrap();
    let keep_two = ["1465", "1466"];
    doc["values"].as_array_mut().unwrap().retain(|e| {
        let m = e["municipality"].as_str().unwrap_or("");
        match e["kpi"].as_str().unwrap() {
            "N00090" => !["0617", "0665"].contains(&m),
            "N15814" => m == "1452" || keep_two.contains(&m) || m.is_empty(),
            _ => true,
        }
    });
    let (_tmp, ws) = workspace(&doc.to_string());
    let all = peers(&ws);
    let s = peer(&all, "sjukfranvaro");
    assert_eq!(s["peers_with_value"], 8);
    assert_eq!(s["of"], 9);
    assert_eq!(s["note"], "8 av 10 jämförelsekommuner har värde");
    let b = peer(&all, "behoriga-larare");
    assert_eq!(b["rank"], Value::Null);
    assert_eq!(b["median"], Value::Null);
    assert_eq!(
        b["note"],
        "för få jämförelsekommuner med värde (2, minst 3 behövs)"
    );
}

#[test]
fn the_check_table_snapshot() {
    let (_tmp, ws) = workspace(&snapshot());
    let (_, table, _) = styr(&ws, &["check", "--period", "2026-T1"]);
    let start = table.find("Jämförelse med liknande kommuner").unwrap();
    let section: String = table[start..]
        .lines()
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(section);
}

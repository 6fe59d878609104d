//! Kolada's CSV download through the declared `[kolada.csv]` layout: a Windows-1252 file with
//! Swedish headers, åäö, decimal commas and Kolada's gender words, imported beside the
//! peers and used by the peer lens; a missing column and a bad number point at their place.

use std::path::{Path, PathBuf};
use std::process::Command;

fn styr(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
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

const LAYOUT: &str = r#"
[kolada.csv]
kpi = "Nyckeltals-id"
municipality = "Kommun-id"
period = "År"
gender = "Kön"
value = "Värde"
status = ""
encoding = "windows-1252"
"#;

/// The example workspace with the CSV layout declared after its `[kolada]` table.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    std::fs::create_dir_all(&ws).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for f in ["indikatorer.toml", "historik.csv"] {
        std::fs::copy(src.join(f), ws.join(f)).unwrap();
    }
    let mut cfg = std::fs::read_to_string(src.join("styr.toml")).unwrap();
    cfg.push_str(LAYOUT);
    std::fs::write(ws.join("styr.toml"), cfg).unwrap();
    (tmp, ws)
}

fn cp1252(text: &str) -> Vec<u8> {
    let (b, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    b.into_owned()
}

/// Sick leave 2025 (N00090) for Ekebo (1452) and its ten peers, as Kolada's table lists them.
fn download() -> String {
    let rows = [
        ("1452", "Tranemo", "8,3"),
        ("1465", "Svenljunga", "6,3"),
        ("1466", "Herrljunga", "6,4"),
        ("1442", "Vårgårda", "6,5"),
        ("0617", "Gnosjö", "6,6"),
        ("0665", "Vaggeryd", "7,8"),
        ("1443", "Bollebygd", "9,1"),
        ("1498", "Tidaholm", "6,7"),
        ("1497", "Hjo", "7,0"),
        ("1473", "Töreboda", ""),
        ("1445", "Essunga", "8,0"),
    ];
    let mut s = String::from("Nyckeltals-id;Nyckeltal;Kommun-id;Kommun;År;Kön;Värde\r\n");
    for (id, name, v) in rows {
        s.push_str(&format!(
            "N00090;Sjukfrånvaro, kommunalt anställda;{id};{name};2025;Totalt;{v}\r\n"
        ));
        s.push_str(&format!(
            "N00090;Sjukfrånvaro, kommunalt anställda;{id};{name};2025;Kvinnor;9,9\r\n"
        ));
    }
    s
}

#[test]
fn a_windows_1252_download_feeds_the_peer_lens() {
    let (_tmp, ws) = workspace();
    std::fs::write(ws.join("kolada.csv"), cp1252(&download())).unwrap();
    let (code, out, err) = styr(&ws, &["import", "kolada", "kolada.csv"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (_, json, _) = styr(&ws, &["check", "--period", "2026-T1", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let s = doc["peers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["indicator"] == "sjukfranvaro")
        .unwrap();
    // Nine peers with a value (Töreboda's cell is empty): 6,3 6,4 6,5 6,6 6,7 7,0 7,8 8,0
    // 9,1; the median is the fifth, 6,7. Lower is better: only Bollebygd (9,1) is worse than
    // 8,3, so Ekebo is 9th of 10; k = round(10 / 4) = 3, places 8–10 are the worst quarter.
    assert_eq!(s["value"], 8.3);
    assert_eq!(s["median"], 6.7);
    assert_eq!((s["rank"].as_u64(), s["of"].as_u64()), (Some(9), Some(10)));
    assert_eq!(s["quartile"], "worst");
    assert_eq!(s["note"], "9 av 10 jämförelsekommuner har värde");
    // No status column: the values are final.
    assert_eq!(s["year_text"], "2025, slutligt");
}

#[test]
fn a_missing_column_and_a_bad_number_point_at_their_place() {
    let (_tmp, ws) = workspace();
    let renamed = download().replace("Kön", "Kön/grupp");
    std::fs::write(ws.join("a.csv"), cp1252(&renamed)).unwrap();
    let (code, out, err) = styr(&ws, &["import", "kolada", "a.csv"]);
    let all = format!("{out}{err}");
    assert_eq!(code, Some(1), "{all}");
    assert!(
        all.lines()
            .any(|l| l.starts_with("a.csv:1:1") && l.contains("I010") && l.contains("'Kön'")),
        "{all}"
    );
    assert!(all.contains("Kön/grupp"), "{all}");

    let bad = download().replace("Tidaholm;2025;Totalt;6,7", "Tidaholm;2025;Totalt;6,7x");
    std::fs::write(ws.join("b.csv"), cp1252(&bad)).unwrap();
    let (code, out, err) = styr(&ws, &["import", "kolada", "b.csv"]);
    let all = format!("{out}{err}");
    assert_eq!(code, Some(1), "{all}");
    // Line 1 is the header, two lines per kommun: Tidaholm's total is line 16; the value is
    // the 7th field.
    let col = "N00090;Sjukfrånvaro, kommunalt anställda;1498;Tidaholm;2025;Totalt;"
        .chars()
        .count()
        + 1;
    assert!(
        all.lines()
            .any(|l| l.starts_with(&format!("b.csv:16:{col}"))
                && l.contains("I011")
                && l.contains("'6,7x'")),
        "{all}"
    );
    // Nothing was stored.
    assert!(!ws.join("data").join("varden.parquet").exists());
}

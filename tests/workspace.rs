//! `styr init` and `styr validate`: the example workspace is valid, and every kind of broken
//! workspace gets a message at its file, line and column with a hint, and exit code 2.

use std::path::{Path, PathBuf};
use std::process::Command;

fn styr(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run styr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh example workspace in a temporary folder.
fn example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let (code, _, err) = styr(tmp.path(), &["init", ws.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    (tmp, ws)
}

/// Replaces the first `from` in `file` by `to` and returns the 1-based line and column where
/// `marker` (a part of `to`) starts.
fn edit(ws: &Path, file: &str, from: &str, to: &str, marker: &str) -> (usize, usize) {
    let path = ws.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    let new = text.replacen(from, to, 1);
    std::fs::write(&path, &new).unwrap();
    let at = text.find(from).unwrap() + to.find(marker).unwrap();
    let line = new[..at].matches('\n').count() + 1;
    let col = new[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Runs validate, expects exit 2 and a finding `<file>:<line>:<col>: <code> ...` with a hint.
fn expect_finding(ws: &Path, file: &str, pos: (usize, usize), code: &str, words: &str) -> String {
    let (status, out, err) = styr(ws, &["validate"]);
    assert_eq!(status, 2, "stdout: {out}\nstderr: {err}");
    let prefix = format!("{}:{}:{}: {code} ", ws.join(file).display(), pos.0, pos.1);
    let line = err
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no finding starting {prefix:?} in:\n{err}"));
    assert!(line.contains(words), "{line:?} lacks {words:?}");
    let after: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.starts_with(&prefix))
        .skip(1)
        .collect();
    assert!(
        after
            .first()
            .is_some_and(|h| h.trim_start().starts_with("tips:")),
        "no hint after {line:?}:\n{err}"
    );
    assert!(err.contains("fel: arbetsytan är ogiltig"), "{err}");
    err
}

#[test]
fn init_gives_a_valid_workspace() {
    let (_t, ws) = example();
    let (code, out, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("45 enheter"), "{out}");
    assert!(out.contains("40 indikatorer"), "{out}");
}

#[test]
fn init_never_overwrites() {
    let (t, ws) = example();
    let before = std::fs::read(ws.join("styr.toml")).unwrap();
    let (code, _, err) = styr(t.path(), &["init", ws.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("finns redan"), "{err}");
    assert_eq!(std::fs::read(ws.join("styr.toml")).unwrap(), before);
}

#[test]
fn duplicate_unit_id() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "id = \"ksf-hr\"",
        "id = \"ksf-ekonomi\"",
        "id",
    );
    let err = expect_finding(
        &ws,
        "styr.toml",
        (pos.0 - 1, 1),
        "C010",
        "id för enhet finns två gånger: 'ksf-ekonomi'",
    );
    assert!(err.contains("definieras först vid"), "{err}");
}

#[test]
fn unit_in_unknown_forvaltning() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "forvaltning = \"KSF\"\ncategory",
        "forvaltning = \"ksf\"\ncategory",
        "\"ksf\"",
    );
    let err = expect_finding(
        &ws,
        "styr.toml",
        pos,
        "C011",
        "okänt id för förvaltning: 'ksf'",
    );
    assert!(err.contains("menade du 'KSF'?"), "{err}");
}

#[test]
fn target_for_unknown_indicator() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "indikatorer.toml",
        "indicator = \"budgetavvikelse\"\nperiod = \"2024\"",
        "indicator = \"budgetavvikelsen\"\nperiod = \"2024\"",
        "indicator",
    );
    let err = expect_finding(
        &ws,
        "indikatorer.toml",
        pos,
        "C011",
        "okänt id för indikator: 'budgetavvikelsen'",
    );
    assert!(err.contains("menade du 'budgetavvikelse'?"), "{err}");
}

#[test]
fn weighted_mean_without_weight() {
    let (_t, ws) = example();
    edit(
        &ws,
        "indikatorer.toml",
        "rollup = \"weighted_mean\"\nweight = \"arsarbetare\"\n",
        "rollup = \"weighted_mean\"\n",
        "rollup",
    );
    let text = std::fs::read_to_string(ws.join("indikatorer.toml")).unwrap();
    let at = text.find("rollup = \"weighted_mean\"\n").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    expect_finding(
        &ws,
        "indikatorer.toml",
        (line, 1),
        "C015",
        "anger ingen vikt",
    );
}

#[test]
fn interval_with_min_above_max() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "indikatorer.toml",
        "indicator = \"barn-per-arsarbetare\"\nperiod = \"2024\"\nmin = 4.5\nmax = 5.5",
        "indicator = \"barn-per-arsarbetare\"\nperiod = \"2024\"\nmin = 5.5\nmax = 4.5",
        "min",
    );
    expect_finding(
        &ws,
        "indikatorer.toml",
        pos,
        "C017",
        "min 5.5 är större än max 4.5",
    );
}

#[test]
fn period_outside_the_year() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "period = \"2026-T1\"",
        "period = \"2025-T1\"",
        "period",
    );
    // The finding points at the [[arshjul]] entry that holds the period.
    let text = std::fs::read_to_string(ws.join("styr.toml")).unwrap();
    let entry_line = text[..text.find("period = \"2025-T1\"").unwrap()]
        .rfind("[[arshjul]]")
        .map(|i| text[..i].matches('\n').count() + 1)
        .unwrap();
    assert!(entry_line < pos.0);
    expect_finding(
        &ws,
        "styr.toml",
        (entry_line, 1),
        "C013",
        "perioden 2025-T1 ligger utanför året 2026",
    );
}

#[test]
fn toml_syntax_error() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "name = \"Ekebo kommun\"",
        "name = Ekebo kommun\"",
        "Ekebo",
    );
    expect_finding(&ws, "styr.toml", pos, "C001", "");
}

#[test]
fn unknown_key_is_a_typo() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "budget_tkr = 9800",
        "budjet_tkr = 9800",
        "budjet",
    );
    let err = expect_finding(
        &ws,
        "styr.toml",
        pos,
        "C001",
        "okänd nyckel `budjet_tkr` i [[enhet]] 'ksf-ekonomi'",
    );
    assert!(err.contains("tips: menade du `budget_tkr`?"), "{err}");
}

fn override_template(ws: &Path, from: &str, to: &str, marker: &str) -> (usize, usize) {
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(
        ws.join("templates/uppfoljning.toml"),
        include_str!("../templates/uppfoljning.toml"),
    )
    .unwrap();
    edit(ws, "templates/uppfoljning.toml", from, to, marker)
}

#[test]
fn field_with_unknown_type() {
    let (_t, ws) = example();
    let pos = override_template(&ws, "type = \"amount\"", "type = \"money\"", "\"money\"");
    let err = expect_finding(
        &ws,
        "templates/uppfoljning.toml",
        pos,
        "C001",
        "`type = \"money\"`",
    );
    assert!(err.contains("\"long_text\""), "lists the types: {err}");
}

#[test]
fn choice_list_with_no_values() {
    let (_t, ws) = example();
    let pos = override_template(
        &ws,
        "bedomning = [\"Uppnådd\", \"Delvis uppnådd\", \"Ej uppnådd\"]",
        "bedomning = []",
        "bedomning",
    );
    expect_finding(
        &ws,
        "templates/uppfoljning.toml",
        pos,
        "C041",
        "listan 'bedomning' har inga värden",
    );
}

#[test]
fn catalogue_in_excel_points_at_cells() {
    use rust_xlsxwriter::Workbook;
    let (_t, ws) = example();
    std::fs::remove_file(ws.join("indikatorer.toml")).unwrap();
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Mål").unwrap();
    for (c, h) in ["id", "name", "perspective"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["M1", "Trygg uppväxt", "Målgrupp"].iter().enumerate() {
        s.write_string(1, c as u16, *v).unwrap();
    }
    let s = wb.add_worksheet().set_name("Indikatorer").unwrap();
    let head = [
        "id",
        "name",
        "perspective",
        "area",
        "measure",
        "direction",
        "rollup",
        "goals",
        "numerator",
    ];
    let row = [
        "nojd",
        "Nöjda brukare",
        "Målgrupp",
        "malgrupp",
        "%",
        "upwards",
        "mean",
        "M1",
        "Antal nöjda",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
        s.write_string(1, c as u16, row[c]).unwrap();
    }
    let s = wb.add_worksheet().set_name("Målvärden").unwrap();
    for (c, h) in ["indicator", "period", "value"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    wb.save(ws.join("indikatorer.xlsx")).unwrap();
    // Without historik.csv (which names the catalogue's real indicators) the file stands alone.
    std::fs::remove_file(ws.join("historik.csv")).unwrap();
    let (code, _, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 2, "{err}");
    let expected = format!(
        "{}: 'Indikatorer'!F2: C001 `direction = \"upwards\"` i raden i 'Indikatorer' är inget av de tillåtna värdena",
        ws.join("indikatorer.xlsx").display()
    );
    assert!(err.contains(&expected), "{expected}\nnot in:\n{err}");
}

#[test]
fn catalogue_in_excel_is_read() {
    use rust_xlsxwriter::Workbook;
    let (_t, ws) = example();
    std::fs::remove_file(ws.join("indikatorer.toml")).unwrap();
    std::fs::remove_file(ws.join("historik.csv")).unwrap();
    // The Översikt charts name indicators of the catalogue: now its own.
    edit(
        &ws,
        "styr.toml",
        "overview_charts = [\"sjukfranvaro\", \"kompetensutveckling-dagar\"]",
        "overview_charts = [\"nojd\"]",
        "",
    );
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Mål").unwrap();
    for (c, h) in ["id", "name", "perspective"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
        s.write_string(1, c as u16, ["M1", "Trygg uppväxt", "Målgrupp"][c])
            .unwrap();
    }
    let s = wb.add_worksheet().set_name("Indikatorer").unwrap();
    let head = [
        "id",
        "name",
        "perspective",
        "area",
        "measure",
        "direction",
        "rollup",
        "goals",
        "tolerance",
        "decimals",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "nojd",
        "Nöjda brukare",
        "Målgrupp",
        "malgrupp",
        "%",
        "higher",
        "mean",
        "M1",
    ]
    .iter()
    .enumerate()
    {
        s.write_string(1, c as u16, *v).unwrap();
    }
    s.write_number(1, 8, 5.0).unwrap();
    s.write_number(1, 9, 0.0).unwrap();
    let s = wb.add_worksheet().set_name("Målvärden").unwrap();
    for (c, h) in ["indicator", "period", "value"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "nojd").unwrap();
    s.write_string(1, 1, "2026").unwrap();
    s.write_number(1, 2, 90.0).unwrap();
    wb.save(ws.join("indikatorer.xlsx")).unwrap();
    let (code, out, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 indikatorer, 1 målvärden"), "{out}");
}

/// Regression: `styr init ws` with a relative folder wrote into `ws/ws`, because the global
/// `-C` folder and init's folder shared one argument name.
#[test]
fn init_with_a_relative_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .current_dir(tmp.path())
        .args(["init", "ws"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tmp.path().join("ws/styr.toml").is_file());
    assert!(!tmp.path().join("ws/ws").exists());
}

fn styr_at(dir: &Path, epoch: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("run styr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Issue 12: `styr status` marks a period past its deadline with returns missing, by the run's
/// clock, and exits 1; before the deadline nothing is overdue.
#[test]
fn status_marks_overdue_periods_by_the_clock() {
    let (_t, ws) = example();
    // 2026-03-01: nothing is due yet.
    let (code, out, err) = styr_at(&ws, "1772352000", &["status"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("FÖRSENAD"), "{out}");
    // 2026-05-12, the day after the T1 deadline (2026-05-11): the målvärden review, March and
    // T1 are overdue, June is not.
    let (code, out, err) = styr_at(&ws, "1778572800", &["status"]);
    assert_eq!(code, 1, "{out}{err}");
    let row = |p: &str| {
        out.lines()
            .find(|l| l.starts_with(p))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("2026-T1 ").contains("FÖRSENAD"), "{out}");
    assert!(row("2026-03 ").contains("FÖRSENAD"), "{out}");
    assert!(!row("2026-06 ").contains("FÖRSENAD"), "{out}");
    assert!(
        err.contains("uppfoljning 2026-T1 skulle vara inne 2026-05-11 (för 1 dag sedan)"),
        "{err}"
    );
}

#[test]
fn overview_chart_of_an_unknown_indicator() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "overview_charts = [\"sjukfranvaro\"",
        "overview_charts = [\"sjukfranvar\"",
        "\"sjukfranvar\"",
    );
    let err = expect_finding(
        &ws,
        "styr.toml",
        pos,
        "C011",
        "okänt id för indikator: 'sjukfranvar'",
    );
    assert!(err.contains("'sjukfranvaro'"), "no suggestion in {err}");
}

#[test]
fn overview_charts_more_than_fit_or_twice() {
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "overview_charts = [\"sjukfranvaro\", \"kompetensutveckling-dagar\"]",
        "overview_charts = [\"sjukfranvaro\", \"hme\", \"andel-heltid\", \"personalomsattning\", \"besokare\"]",
        "\"besokare\"",
    );
    expect_finding(&ws, "styr.toml", pos, "C025", "har 5 indikatorer");
    let (_t, ws) = example();
    let pos = edit(
        &ws,
        "styr.toml",
        "overview_charts = [\"sjukfranvaro\", \"kompetensutveckling-dagar\"]",
        "overview_charts = [\"sjukfranvaro\", \"sjukfranvaro\"]",
        "\"sjukfranvaro\"]",
    );
    expect_finding(
        &ws,
        "styr.toml",
        pos,
        "C010",
        "id för diagram på Översikt finns två gånger: 'sjukfranvaro'",
    );
}

#[test]
fn a_coloured_list_value_without_meaning() {
    let (_t, ws) = example();
    override_template(&ws, "\"Senarelagd\" = \"not_met\"\n", "", "");
    let text = std::fs::read_to_string(ws.join("templates/uppfoljning.toml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("status = ["))
        .unwrap()
        + 1;
    let err = expect_finding(
        &ws,
        "templates/uppfoljning.toml",
        (line, 1),
        "C041",
        "'Senarelagd'",
    );
    assert!(err.contains("[meanings.status]"), "{err}");
}

#[test]
fn a_meaning_for_a_value_or_list_that_is_not_there() {
    let (_t, ws) = example();
    let pos = override_template(
        &ws,
        "\"Pågår\" = \"partly\"",
        "\"Pågående\" = \"partly\"",
        "\"Pågående\"",
    );
    let err = expect_finding(&ws, "templates/uppfoljning.toml", pos, "C041", "'Pågående'");
    assert!(err.contains("'Pågår'"), "no suggestion in {err}");
    let (_t, ws) = example();
    let pos = override_template(
        &ws,
        "[meanings.bedomning]",
        "[meanings.bedomningar]",
        "[meanings",
    );
    let err = expect_finding(
        &ws,
        "templates/uppfoljning.toml",
        pos,
        "C043",
        "[meanings.bedomningar]",
    );
    assert!(err.contains("'bedomning'"), "no suggestion in {err}");
}

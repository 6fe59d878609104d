//! A new kommun in an afternoon: `styr init --blank` and `--from-excel`, every finding of a
//! workspace in one pass in plain Swedish, the catalogue workbook's findings at their cells,
//! and the newcomer's whole way from a blank workspace and an organisation workbook to a report.
//! One bad fixture per diagnostic; every test runs the real CLI.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::Workbook;
use styr::domain::{FormKind, Period};
use styr::workspace::Workspace;

/// 2026-05-10T08:00:00Z: after the send-out of 2026-T1, before its deadline.
const MAY_10: &str = "1778400000";

fn styr(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", MAY_10)
        .env("NO_COLOR", "1")
        .output()
        .expect("run styr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn blank(tmp: &Path, extra: &[&str]) -> PathBuf {
    let ws = tmp.join("ws");
    let mut args = vec!["init", "ws", "--blank", "--year", "2026"];
    args.extend_from_slice(extra);
    let (code, out, err) = styr(tmp, &args);
    assert_eq!(code, 0, "{out}{err}");
    ws
}

fn example(tmp: &Path) -> PathBuf {
    let (code, _, err) = styr(tmp, &["init", "ws"]);
    assert_eq!(code, 0, "{err}");
    tmp.join("ws")
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The findings of `validate` (exit 2): the lines that carry a code, and the whole output.
fn findings(ws: &Path) -> (Vec<String>, String) {
    let (code, out, err) = styr(ws, &["validate"]);
    assert_eq!(code, 2, "{out}{err}");
    let lines = err
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("fel:"))
        .map(String::from)
        .collect();
    (lines, err)
}

// ---- init --blank ----

#[test]
fn blank_workspace_is_valid_and_explains_every_key() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    let (code, out, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 förvaltningar, 1 enheter, 0 indikatorer"),
        "{out}"
    );
    // Every key of both files is explained: in a comment on its line, in the comment just
    // above it, or named in the comment block of its section.
    for file in ["styr.toml", "indikatorer.toml"] {
        let text = std::fs::read_to_string(ws.join(file)).unwrap();
        let comments: String = text
            .lines()
            .filter_map(|l| l.split_once('#').map(|(_, c)| c))
            .collect::<Vec<_>>()
            .join("\n");
        let lines: Vec<&str> = text.lines().collect();
        let mut keys = 0;
        for (i, l) in lines.iter().enumerate() {
            let Some((key, _)) = l.split_once(" = ") else {
                continue;
            };
            if l.starts_with('#') || key.contains(' ') {
                continue;
            }
            keys += 1;
            let explained = l.contains(" # ")
                || i > 0 && lines[i - 1].starts_with('#')
                || comments.contains(&format!(" {key} "))
                || comments.contains(&format!(" {key},"));
            assert!(
                explained,
                "{file}: `{key}` on line {} is not explained",
                i + 1
            );
        }
        if file == "styr.toml" {
            assert!(keys >= 25, "{keys} keys");
        }
    }
    // The catalogue names every key an indicator can have.
    let cat = std::fs::read_to_string(ws.join("indikatorer.toml")).unwrap();
    for key in [
        "perspective",
        "area",
        "measure",
        "direction",
        "tolerance",
        "tolerance_pct",
        "rollup",
        "tertial_rule",
        "frequency",
        "reported_by",
        "definition",
        "goals",
        "categories",
        "min",
        "max",
        "decimals",
        "kolada",
        "indicator",
        "period",
        "level",
        "value",
    ] {
        assert!(cat.contains(key), "`{key}`");
    }
}

#[test]
fn blank_workspace_with_the_standard_indicators_is_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(
        tmp.path(),
        &[
            "--standard-indicators",
            "--name",
            "Ekeby kommun",
            "--kolada-id",
            "1452",
        ],
    );
    let (code, out, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Ekeby kommun: giltig"), "{out}");
    assert!(out.contains("5 indikatorer, 5 målvärden"), "{out}");
    let (code, _, err) = styr(tmp.path(), &["init", "ws", "--blank"]);
    assert_eq!(code, 2, "never over a workspace: {err}");
    assert!(err.contains("finns redan"), "{err}");
}

#[test]
fn a_kolada_id_that_is_not_four_digits_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = styr(
        tmp.path(),
        &["init", "ws", "--blank", "--kolada-id", "Ekeby"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("fyra siffror"), "{err}");
    assert!(!tmp.path().join("ws/styr.toml").exists());
}

// ---- every finding in one pass ----

/// A minimal indicator lacking five keys gets all five in one run, each with its expected form
/// and an example; a wrong type elsewhere in the same run is told in plain words.
#[test]
fn every_missing_key_and_wrong_type_in_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    let cat = ws.join("indikatorer.toml");
    let mut text = std::fs::read_to_string(&cat).unwrap();
    text.push_str("\n[[indicator]]\nid = \"simhall\"\nname = \"Besök i simhallen\"\n");
    text.push_str("\n[[target]]\nindicator = \"simhall\"\nperiod = 2026\nvalue = \"12,5\"\n");
    std::fs::write(&cat, text).unwrap();
    replace(&ws.join("styr.toml"), "year = 2026", "year = \"2026\"");
    let (lines, err) = findings(&ws);
    for key in ["perspective", "area", "measure", "direction", "rollup"] {
        let line = lines
            .iter()
            .find(|l| l.contains(&format!("C001 `{key}` saknas i [[indicator]] 'simhall'")))
            .unwrap_or_else(|| panic!("`{key}` not reported:\n{err}"));
        assert!(line.contains("indikatorer.toml:"), "{line}");
    }
    assert!(
        err.contains("tips: Hur enheternas värden läggs ihop till förvaltning och kommun; en kvotindikator (ratio) läggs ihop som \"ratio\". rollup: ett av värdena \"sum\", \"mean\", \"weighted_mean\", \"median\", \"ratio\", \"none\", till exempel rollup = \"mean\""),
        "{err}"
    );
    assert!(
        err.contains("C001 `period` i [[target]] ska vara en period inom citattecken"),
        "{err}"
    );
    assert!(err.contains("till exempel period = \"2026\""), "{err}");
    assert!(
        err.contains("C001 `value` i [[target]] ska vara ett tal utan citattecken, med decimalpunkt, men är texten \"12,5\""),
        "{err}"
    );
    assert!(err.contains("till exempel value = 12.5"), "{err}");
    assert!(
        err.contains("styr.toml:") && err.contains("`year` överst i filen ska vara ett heltal"),
        "{err}"
    );
    // The parser's own words never reach the controller.
    for words in [
        "expected",
        "invalid type",
        "missing field",
        "unknown variant",
    ] {
        assert!(!err.contains(words), "{words:?} in:\n{err}");
    }
    assert_eq!(lines.len(), 8, "{err}");
}

#[test]
fn a_misspelled_key_gets_did_you_mean() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &["--standard-indicators"]);
    let cat = ws.join("indikatorer.toml");
    replace(&cat, "tolerance = 0.5", "tolerence = 0.5");
    replace(&cat, "tolerance_pct = 5", "tolerence_pct = 5");
    let (lines, err) = findings(&ws);
    let line = lines
        .iter()
        .find(|l| l.contains("okänd nyckel `tolerence`"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("[[indicator]] 'sjukfranvaro'"), "{line}");
    assert!(
        err.contains("tips: menade du `tolerance` eller `tolerance_pct`?"),
        "{err}"
    );
    assert!(err.contains("okänd nyckel `tolerence_pct`"), "{err}");
    assert!(err.contains("tips: menade du `tolerance_pct`?"), "{err}");
}

#[test]
fn an_id_with_a_swedish_letter_is_explained_with_a_plain_one() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    replace(
        &ws.join("styr.toml"),
        "id = \"ksf-ekonomi\"",
        "id = \"ksf-ekonomiförråd\"",
    );
    let (lines, err) = findings(&ws);
    assert!(
        lines.iter().any(
            |l| l.contains("C001 `id = \"ksf-ekonomiförråd\"` i [[enhet]]")
                && l.contains("är inget giltigt id")
        ),
        "{err}"
    );
    assert!(err.contains("utan å, ä, ö"), "{err}");
    assert!(
        err.contains("till exempel id = \"ksf-ekonomiforrad\""),
        "{err}"
    );
}

#[test]
fn a_wrong_value_gets_did_you_mean_and_the_values() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &["--standard-indicators"]);
    replace(
        &ws.join("indikatorer.toml"),
        "direction = \"lower\"",
        "direction = \"lowr\"",
    );
    let (_, err) = findings(&ws);
    assert!(
        err.contains(
            "`direction = \"lowr\"` i [[indicator]] 'sjukfranvaro' är inget av de tillåtna värdena"
        ),
        "{err}"
    );
    assert!(err.contains("tips: menade du \"lower\"?"), "{err}");
    assert!(
        err.contains("tips: skriv ett av \"higher\", \"lower\", \"interval\""),
        "{err}"
    );
}

#[test]
fn a_toml_syntax_error_is_one_finding_in_swedish() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    replace(
        &ws.join("styr.toml"),
        "name = \"Vår kommun\"",
        "name = Vår kommun\"",
    );
    let (lines, err) = findings(&ws);
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("C001 TOML-filen går inte att läsa här"),
        "{err}"
    );
}

// ---- categories: declared or free ----

#[test]
fn a_category_outside_the_declared_ones_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = example(tmp.path());
    replace(
        &ws.join("styr.toml"),
        "category = \"förskola\"",
        "category = \"förskolan\"",
    );
    replace(
        &ws.join("styr.toml"),
        "category = \"stöd\"",
        "category = \"måltid\"",
    );
    let (_, err) = findings(&ws);
    assert!(
        err.contains("C011 kategorin \"förskolan\" finns inte bland de deklarerade `categories`"),
        "{err}"
    );
    assert!(err.contains("tips: menade du \"förskola\"?"), "{err}");
    assert!(
        err.contains("C011 kategorin \"måltid\" finns inte"),
        "{err}"
    );
}

#[test]
fn without_the_list_categories_are_free() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    replace(&ws.join("styr.toml"), "categories = [\"stöd\"]", "");
    replace(
        &ws.join("styr.toml"),
        "category = \"stöd\"",
        "category = \"måltid\"",
    );
    let (code, _, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 0, "{err}");
}

// ---- the catalogue workbook ----

/// Writes `indikatorer.xlsx` with a goal sheet, the indicator sheet `head` + `rows`, and a
/// target sheet; removes `indikatorer.toml` unless `keep_toml`.
fn catalogue_workbook(ws: &Path, head: &[&str], rows: &[Vec<&str>], keep_toml: bool) {
    if !keep_toml {
        std::fs::remove_file(ws.join("indikatorer.toml")).unwrap();
    }
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Mål").unwrap();
    for (c, (h, v)) in ["id", "name", "perspective"]
        .iter()
        .zip(["M1", "Friska medarbetare", "Medarbetare"])
        .enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
        s.write_string(1, c as u16, v).unwrap();
    }
    let s = wb.add_worksheet().set_name("Indikatorer").unwrap();
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            match v.parse::<f64>() {
                Ok(n) => s.write_number(r as u32 + 1, c as u16, n).unwrap(),
                Err(_) => s.write_string(r as u32 + 1, c as u16, *v).unwrap(),
            };
        }
    }
    let s = wb.add_worksheet().set_name("Målvärden").unwrap();
    for (c, h) in ["indicator", "period", "value"].iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    // A period typed as the number 2026 is the text it shows.
    s.write_string(1, 0, "sjuk").unwrap();
    s.write_number(1, 1, 2026).unwrap();
    s.write_number(1, 2, 6.5).unwrap();
    wb.save(ws.join("indikatorer.xlsx")).unwrap();
}

const HEAD: [&str; 8] = [
    "id",
    "name",
    "perspective",
    "area",
    "measure",
    "direction",
    "rollup",
    "min",
];

fn row<'a>(id: &'a str, min: &'a str) -> Vec<&'a str> {
    vec![
        id,
        "Sjukfrånvaro",
        "Medarbetare",
        "personal",
        "%",
        "lower",
        "mean",
        min,
    ]
}

#[test]
fn catalogue_workbook_is_read_with_a_period_typed_as_a_number() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    catalogue_workbook(&ws, &HEAD, &[row("sjuk", "0")], false);
    let (code, out, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 indikatorer, 1 målvärden"), "{out}");
}

#[test]
fn catalogue_workbook_type_error_is_at_its_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    catalogue_workbook(&ws, &HEAD, &[row("sjuk", "0"), row("sjuk2", "låg")], false);
    let (lines, err) = findings(&ws);
    let xlsx = ws.join("indikatorer.xlsx").display().to_string();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "{xlsx}: 'Indikatorer'!H3: C001 `min` i raden i 'Indikatorer' ska vara ett tal"
        )),
        "{err}"
    );
}

#[test]
fn catalogue_workbook_misspelled_header_is_one_finding_at_its_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    let mut head = HEAD;
    head[6] = "rolup";
    let rows: Vec<Vec<&str>> = ["a", "b", "c", "d"].iter().map(|id| row(id, "0")).collect();
    catalogue_workbook(&ws, &head, &rows, false);
    let (lines, err) = findings(&ws);
    let xlsx = ws.join("indikatorer.xlsx").display().to_string();
    let about_rollup: Vec<&String> = lines.iter().filter(|l| l.contains("rolup")).collect();
    assert_eq!(about_rollup.len(), 1, "{err}");
    assert!(
        about_rollup[0].starts_with(&format!(
            "{xlsx}: 'Indikatorer'!G1: C001 okänd kolumnrubrik `rolup`"
        )),
        "{err}"
    );
    assert!(err.contains("tips: menade du `rollup`?"), "{err}");
    // The column the misspelling stands for is missing: also one finding, at the header.
    let missing: Vec<&String> = lines.iter().filter(|l| l.contains("`rollup`")).collect();
    assert_eq!(missing.len(), 1, "{err}");
    assert!(
        missing[0].contains("'Indikatorer'!I1: C001 kolumnen `rollup` saknas"),
        "{err}"
    );
    assert_eq!(lines.len(), 2, "{err}");
}

#[test]
fn both_catalogues_is_an_error_naming_both() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    catalogue_workbook(&ws, &HEAD, &[row("sjuk", "0")], true);
    let (lines, err) = findings(&ws);
    let line = lines
        .iter()
        .find(|l| l.contains("C051"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("indikatorer.toml") && line.contains("indikatorer.xlsx"),
        "{line}"
    );
}

// ---- init --from-excel ----

struct Org<'a> {
    head: &'a [&'a str],
    rows: Vec<Vec<&'a str>>,
}

fn org_workbook(path: &Path, org: &Org<'_>) {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("Organisation").unwrap();
    s.write_string(0, 0, "Organisation 2026, från HR-systemet")
        .unwrap();
    for (c, h) in org.head.iter().enumerate() {
        s.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in org.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let (r, c) = (r as u32 + 3, c as u16);
            match v.parse::<f64>() {
                Ok(n)
                    if org.head[c as usize].starts_with("Budget")
                        || org.head[c as usize] == "Ansvar" =>
                {
                    s.write_number(r, c, n).unwrap()
                }
                _ => s.write_string(r, c, *v).unwrap(),
            };
        }
    }
    wb.save(path).unwrap();
}

const ORG_HEAD: [&str; 7] = [
    "Förvaltning",
    "Enhet",
    "Kategori",
    "Chef",
    "E-post",
    "Budget (tkr)",
    "Ansvar",
];

fn good_org() -> Org<'static> {
    let f1 = "Barn- och utbildningsförvaltningen";
    let f2 = "Socialförvaltningen";
    let f3 = "Kommunstyrelseförvaltningen";
    Org {
        head: &ORG_HEAD,
        rows: vec![
            vec![f1, "", "", "Johan Berg", "johan.berg@ekeby.se", "", ""],
            vec![
                f1,
                "Solrosens förskola",
                "Förskola",
                "Anna Ek",
                "anna.ek@ekeby.se",
                "14200",
                "4110",
            ],
            vec![
                f1,
                "Åsens skola",
                "Grundskola",
                "Per Lind",
                "per.lind@ekeby.se",
                "38 500",
                "4210, 4211",
            ],
            vec![f2, "", "", "Maria Al", "maria.al@ekeby.se", "", ""],
            vec![
                f2,
                "Hemtjänst norr",
                "Hemtjänst",
                "Eva Sund",
                "eva.sund@ekeby.se",
                "22100",
                "5110",
            ],
            vec![
                f2,
                "Tallgårdens boende",
                "Särskilt boende",
                "Ola Dahl",
                "ola.dahl@ekeby.se",
                "41000",
                "5210",
            ],
            vec![
                f3,
                "Ekonomiavdelningen",
                "Stöd",
                "Karin Holm",
                "karin.holm@ekeby.se",
                "9800",
                "1110",
            ],
            vec![
                f3,
                "HR-avdelningen",
                "Stöd",
                "Sofia Wall",
                "sofia.wall@ekeby.se",
                "8600",
                "1120",
            ],
        ],
    }
}

#[test]
fn from_excel_reads_the_organisation() {
    let tmp = tempfile::tempdir().unwrap();
    org_workbook(&tmp.path().join("org.xlsx"), &good_org());
    let (code, out, err) = styr(
        tmp.path(),
        &[
            "init",
            "ws",
            "--from-excel",
            "org.xlsx",
            "--name",
            "Ekeby kommun",
            "--year",
            "2026",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("3 förvaltningar, 6 enheter"), "{out}");
    let ws = Workspace::load(&tmp.path().join("ws")).unwrap();
    let c = &ws.config;
    let ids: Vec<&str> = c.forvaltningar.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["BUF", "SF", "KF"]);
    assert_eq!(c.forvaltningar[0].chef, "Johan Berg");
    assert_eq!(c.forvaltningar[1].email, "maria.al@ekeby.se");
    let skola = c.unit("buf-asens-skola").expect("id from the name, plain");
    assert_eq!(skola.name, "Åsens skola");
    assert_eq!(skola.category, "grundskola");
    assert_eq!(skola.budget_tkr, Some(38500.0));
    assert_eq!(skola.codes, ["4210", "4211"]);
    assert_eq!(c.unit("buf-solrosens-forskola").unwrap().codes, ["4110"]);
    assert_eq!(
        c.categories.as_deref().unwrap(),
        [
            "förskola",
            "grundskola",
            "hemtjänst",
            "stöd",
            "särskilt boende"
        ]
    );
}

#[test]
fn from_excel_findings_are_at_their_cells_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let mut org = good_org();
    let head = [
        "Förvaltning",
        "Enhet",
        "Kategori",
        "Chef",
        "E-post",
        "Budget (tkr)",
        "Ansvar",
        "Anteckning",
        "Epost-adress",
    ];
    org.head = &head;
    org.rows[1][5] = "ca 14 000"; // F5: no amount
    org.rows[2][4] = "per.lind at ekeby.se"; // E6: no address
    org.rows[4][0] = ""; // A8: a unit without förvaltning
    org.rows.push(vec![
        "Kommunstyrelseförvaltningen",
        "HR-avdelningen",
        "Stöd",
        "",
        "",
        "",
        "",
    ]); // B12: the same id again
    org_workbook(&tmp.path().join("org.xlsx"), &org);
    let (code, out, err) = styr(tmp.path(), &["init", "ws", "--from-excel", "org.xlsx"]);
    assert_eq!(code, 2, "{out}{err}");
    let file = tmp.path().join("org.xlsx").display().to_string();
    for expected in [
        format!("{file}: 'Organisation'!F5: C093 budgeten \"ca 14 000\""),
        format!("{file}: 'Organisation'!E6: C094 \"per.lind at ekeby.se\" är ingen e-postadress"),
        format!("{file}: 'Organisation'!A8: C092 enheten saknar förvaltning"),
        format!(
            "{file}: 'Organisation'!B12: C095 enheten \"HR-avdelningen\" får samma id 'kf-hr-avdelningen'"
        ),
        format!("{file}: 'Organisation'!H3: varning: C091 kolumnen \"Anteckning\" läses inte"),
    ] {
        assert!(err.contains(&expected), "{expected}\nnot in:\n{err}");
    }
    assert!(err.contains("tips: menade du \"e-postadress\"?"), "{err}");
    assert!(err.contains("organisationsfilen har 4 fel"), "{err}");
    assert!(!tmp.path().join("ws").exists(), "nothing written");
}

#[test]
fn from_excel_without_unit_column_says_what_it_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let org = Org {
        head: &["Förvaltning", "Chef"],
        rows: vec![vec!["Socialförvaltningen", "Maria Al"]],
    };
    org_workbook(&tmp.path().join("org.xlsx"), &org);
    let (code, _, err) = styr(tmp.path(), &["init", "ws", "--from-excel", "org.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("C090 ingen rubrikrad med kolumnerna Förvaltning och Enhet"),
        "{err}"
    );
}

// ---- the newcomer ----

/// From `--from-excel` and the kommun's own indicators to a report: a 3-förvaltning kommun is
/// validated in one pass, generated, its returns filled and collected, and reported on.
#[test]
fn newcomer_builds_a_kommun_and_reports() {
    let tmp = tempfile::tempdir().unwrap();
    org_workbook(&tmp.path().join("org.xlsx"), &good_org());
    let (code, out, err) = styr(
        tmp.path(),
        &[
            "init",
            "ws",
            "--from-excel",
            "org.xlsx",
            "--name",
            "Ekeby kommun",
            "--kolada-id",
            "1452",
            "--year",
            "2026",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let ws = tmp.path().join("ws");
    // The kommun's own indicators: one for all, one for the schools, one for elderly care.
    std::fs::write(
        ws.join("indikatorer.toml"),
        r#"#:schema ./schema/indikatorer.schema.json
[[goal]]
id = "M1"
name = "Friska medarbetare"
perspective = "Medarbetare"

[[goal]]
id = "M2"
name = "Trygg omsorg och lärande"
perspective = "Målgrupp"

[[indicator]]
id = "sjukfranvaro"
name = "Sjukfrånvaro"
perspective = "Medarbetare"
area = "personal"
measure = "%"
direction = "lower"
tolerance = 0.5
rollup = "mean"
goals = ["M1"]
min = 0
max = 100

[[indicator]]
id = "behoriga-larare"
name = "Andel behöriga lärare"
perspective = "Målgrupp"
area = "kompetens"
measure = "%"
direction = "higher"
tolerance_pct = 5
rollup = "mean"
goals = ["M2"]
categories = ["förskola", "grundskola"]
min = 0
max = 100

[[indicator]]
id = "trygghet"
name = "Brukare som känner sig trygga"
perspective = "Målgrupp"
area = "malgrupp"
measure = "%"
direction = "higher"
tolerance = 3
rollup = "mean"
goals = ["M2"]
categories = ["hemtjänst", "särskilt boende"]
min = 0
max = 100

[[target]]
indicator = "sjukfranvaro"
period = "2026"
value = 6

[[target]]
indicator = "behoriga-larare"
period = "2026"
value = 85

[[target]]
indicator = "trygghet"
period = "2026"
value = 90
"#,
    )
    .unwrap();
    let (code, out, err) = styr(&ws, &["validate"]);
    assert_eq!(code, 0, "one pass, valid: {err}");
    assert!(
        out.contains("3 förvaltningar, 6 enheter, 3 indikatorer, 3 målvärden"),
        "{out}"
    );

    let (code, out, err) = styr(&ws, &["generate", "uppfoljning", "--period", "2026-T1"]);
    assert_eq!(code, 0, "{out}{err}");
    let outgoing = ws.join("utskick/2026-T1");
    let sent: Vec<_> = std::fs::read_dir(&outgoing)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "xlsx"))
        .filter(|e| e.file_name().to_string_lossy().starts_with("uppfoljning-"))
        .collect();
    assert_eq!(sent.len(), 6, "one workbook per unit");

    // Every unit fills its workbook in and sends it back.
    let loaded = Workspace::load(&ws).unwrap();
    let def = loaded.forms.current(FormKind::Uppfoljning).unwrap();
    let p = Period::parse("2026-T1").unwrap();
    let incoming = ws.join("inkommet/2026-T1");
    std::fs::create_dir_all(&incoming).unwrap();
    for u in &loaded.config.units {
        let r = styr::generate::Recipient::Unit(u);
        let empty = styr::generate::build(&loaded, def, r, p, BTreeMap::new(), &|_, _, _| None);
        let bounds = |key: &str| {
            loaded
                .catalogue
                .indicator(key)
                .map_or((None, None), |i| (i.min, i.max))
        };
        let mut values = common::fill::fill_all(def, &empty.layout(), &bounds);
        common::fill::make_plausible(&loaded, def, u.id.as_str(), p, &mut values);
        let inst = styr::generate::build(&loaded, def, r, p, values, &|_, _, _| None);
        let bytes = styr::generate::write_form(&inst, &loaded.config.sending.password, "").unwrap();
        let mut pkg = common::xlsx_edit::Package::open(&bytes);
        pkg.set_saved("2026-05-08T09:00:00Z");
        std::fs::write(
            incoming.join(styr::generate::file_name(
                FormKind::Uppfoljning,
                p,
                u.id.as_str(),
            )),
            pkg.finish(),
        )
        .unwrap();
    }
    let (code, out, err) = styr(&ws, &["collect", "--period", "2026-T1", "--format", "json"]);
    assert!(code == 0 || code == 1, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let text = v.to_string();
    for u in &loaded.config.units {
        assert!(text.contains(u.id.as_str()), "{} not in the register", u.id);
    }
    let errors: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let (code, out, err) = styr(&ws, &["report", "uppfoljning", "--period", "2026-T1"]);
    assert_eq!(code, 0, "{out}{err}");
    let reports: Vec<_> = std::fs::read_dir(ws.join("rapporter/2026-T1"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        reports.iter().any(|n| n.starts_with("uppfoljning")),
        "{reports:?}"
    );
}

/// A form definition of the workspace's own is checked the same way: every finding at once,
/// named by its section and column.
#[test]
fn a_form_definition_gets_every_finding_with_its_section_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = blank(tmp.path(), &[]);
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    let def = include_str!("../templates/uppfoljning.toml")
        .replacen("label = ", "lable = ", 1)
        .replacen("repeat = \"indicator\"", "repeat = \"indikator\"", 1);
    std::fs::write(ws.join("templates/uppfoljning.toml"), def).unwrap();
    let (_, err) = findings(&ws);
    assert!(
        err.contains("C001 `label` saknas i [[column]] 'budget' i [[section]] 'ekonomi'"),
        "{err}"
    );
    assert!(
        err.contains("C001 okänd nyckel `lable` i [[column]] 'budget' i [[section]] 'ekonomi'"),
        "{err}"
    );
    assert!(err.contains("tips: menade du `label`?"), "{err}");
    assert!(
        err.contains("C001 `repeat = \"indikator\"` i [[section]] '"),
        "{err}"
    );
    assert!(err.contains("tips: menade du \"indicator\"?"), "{err}");
}

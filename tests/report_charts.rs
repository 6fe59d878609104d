//! The charts of Översikt: the indicators `[report] overview_charts` names in `styr.toml`, in
//! that order, after the economy; without the key, a default that does not depend on Kolada ids
//! (one personal and one competence indicator, see `report::uppfoljning::charts`).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use styr::domain::Period;
use styr::workspace::Workspace;

/// The example workspace, `edit`ed before loading, with the example returns of 2026-T1
/// collected and the follow-up report written.
fn report_with(edit: impl Fn(&Path)) -> (tempfile::TempDir, PathBuf) {
    let (tmp, ws) = collected_with(edit);
    let path =
        styr::report::write_uppfoljning(&ws, Period::parse("2026-T1").unwrap(), None).unwrap();
    (tmp, path)
}

/// The example workspace, `edit`ed before loading, with the example returns of 2026-T1
/// collected.
fn collected_with(edit: impl Fn(&Path)) -> (tempfile::TempDir, Workspace) {
    let (tmp, ws) = common::cases::collected(&["2026-T1"], "2026-05-12T08:00:00Z", edit);
    assert!(
        styr::workspace::validate::check(&ws)
            .iter()
            .all(|d| !d.is_error()),
        "the edited workspace is not valid"
    );
    (tmp, ws)
}

/// Replaces `from` by `to` in a workspace file (it must be there).
fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {file}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// The titles of the workbook's charts in the order they were inserted.
fn chart_titles(path: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut names: Vec<(u32, String)> = (0..zip.len())
        .filter_map(|i| {
            let n = zip.by_index(i).unwrap().name().unwrap().to_string();
            let k = n.strip_prefix("xl/charts/chart")?.strip_suffix(".xml")?;
            Some((k.parse().ok()?, n))
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|(_, n)| {
            let mut xml = String::new();
            zip.by_name(&n).unwrap().read_to_string(&mut xml).unwrap();
            let title = xml.split("<a:t>").nth(1).unwrap_or("");
            title.split("</a:t>").next().unwrap_or("").to_string()
        })
        .collect()
}

/// Every text of the Översikt sheet.
fn overview_texts(path: &Path) -> Vec<String> {
    let raw = styr::xlsx_read::read(
        &std::fs::read(path).unwrap(),
        styr::xlsx_read::Format::Xlsx,
        &styr::xlsx_read::Limits::default(),
    )
    .unwrap();
    raw.sheet("Översikt")
        .unwrap()
        .cells
        .iter()
        .filter_map(|(_, _, v)| match v {
            styr::xlsx_read::RawCell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// Leaves out `[report] overview_charts` and every Kolada id of the example.
fn without_report_table_and_kolada(dir: &Path) {
    replace(dir, "styr.toml", WITHOUT_REPORT_TABLE, "");
    let cat = dir.join("indikatorer.toml");
    let text = std::fs::read_to_string(&cat).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("kolada = "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        without.len() < text.len(),
        "the catalogue had no Kolada ids"
    );
    std::fs::write(&cat, without).unwrap();
}

const WITHOUT_REPORT_TABLE: &str =
    "overview_charts = [\"sjukfranvaro\", \"kompetensutveckling-dagar\"]";

#[test]
fn the_named_indicators_are_charted_in_their_order() {
    let (_t, path) = report_with(|dir| {
        replace(
            dir,
            "styr.toml",
            WITHOUT_REPORT_TABLE,
            "overview_charts = [\"andel-heltid\", \"sjukfranvaro\", \"personalomsattning\"]",
        );
    });
    assert_eq!(
        chart_titles(&path),
        [
            "Budget och prognos per förvaltning (tkr)",
            "Andel tillsvidareanställda med heltidsanställning per förvaltning (%)",
            "Sjukfrånvaro, total per förvaltning (%)",
            "Personalomsättning, tillsvidareanställda som slutat på egen begäran per förvaltning (%)",
        ]
    );
}

#[test]
fn the_default_needs_no_kolada_id() {
    // No [report] table and no Kolada ids at all: the default still charts sick leave (a
    // personal indicator with a målvärde that is a mean, not a sum such as årsarbetare, which
    // comes first in the catalogue) and the competence indicator with the most outcomes.
    let (_t, path) = report_with(without_report_table_and_kolada);
    assert_eq!(
        chart_titles(&path),
        [
            "Budget och prognos per förvaltning (tkr)",
            "Sjukfrånvaro, total per förvaltning (%)",
            "Genomförda kompetensutvecklingsdagar per medarbetare per förvaltning (dagar)",
        ]
    );
}

#[test]
fn the_default_says_why_a_month_has_no_indicator_chart() {
    let (_t, ws) = collected_with(without_report_table_and_kolada);
    let path =
        styr::report::write_uppfoljning(&ws, Period::parse("2026-03").unwrap(), None).unwrap();
    assert_eq!(
        chart_titles(&path),
        Vec::<String>::new(),
        "no outcomes in March"
    );
    let texts = overview_texts(&path);
    for why in [
        "inga indikatorer för personal rapporteras månadsvis",
        "inga indikatorer för kompetens rapporteras månadsvis",
    ] {
        assert!(texts.iter().any(|t| t == why), "{why:?} not in {texts:?}");
    }
}

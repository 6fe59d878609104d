//! The charts of Översikt: the indicators `[report] overview_charts` names in `styr.toml`, in
//! that order, after the economy; without the key, a default that does not depend on Kolada ids
//! (one personal and one competence indicator, see `report::uppfoljning::charts`).

use std::io::Read;
use std::path::{Path, PathBuf};

use styr::collect::{self, InProcess};
use styr::domain::Period;
use styr::workspace::Workspace;

/// The example workspace, `edit`ed before loading, with the example returns of 2026-T1
/// collected and the follow-up report written.
fn report_with(edit: impl Fn(&Path)) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    styr::sample::write_workspace(&dir).unwrap();
    edit(&dir);
    let ws = Workspace::load(&dir).unwrap();
    assert!(
        styr::workspace::validate::check(&ws)
            .iter()
            .all(|d| !d.is_error()),
        "the edited workspace is not valid"
    );
    let period = Period::parse("2026-T1").unwrap();
    styr::sample::write_returns(
        &ws.path(&ws.config.folders.incoming).join("2026-T1"),
        "2026-T1",
    )
    .unwrap();
    collect::collect_period(
        &ws,
        period,
        &[],
        &InProcess,
        1,
        &|_| {},
        "2026-05-12T08:00:00Z",
    )
    .unwrap();
    let path = styr::report::write_uppfoljning(&ws, period, None).unwrap();
    (tmp, path)
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
    let (_t, path) = report_with(|dir| {
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
    });
    assert_eq!(
        chart_titles(&path),
        [
            "Budget och prognos per förvaltning (tkr)",
            "Sjukfrånvaro, total per förvaltning (%)",
            "Genomförda kompetensutvecklingsdagar per medarbetare per förvaltning (dagar)",
        ]
    );
}

//! The workbooks the tests generate: one per kind, for a school (it reports the most
//! indicators) or its förvaltning.

use std::path::Path;

use styr::domain::{FormKind, Period};
use styr::generate::Recipient;
use styr::workspace::Workspace;

/// The example workspace written to a temporary folder (`<tmp>/ws`), changed by `edit` before
/// it is loaded, with the embedded example returns of each of `periods` collected in process at
/// the fixed time `at`.
pub fn collected(
    periods: &[&str],
    at: &str,
    edit: impl Fn(&Path),
) -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("ws");
    styr::sample::write_workspace(&dir).expect("the example workspace");
    edit(&dir);
    let ws = Workspace::load(&dir).expect("the edited example loads");
    for p in periods {
        let n = styr::sample::write_returns(&ws.path(&ws.config.folders.incoming).join(p), p)
            .expect("the example returns");
        assert!(n > 0, "no example returns of {p}");
        styr::collect::collect_period(
            &ws,
            Period::parse(p).expect("a period"),
            &[],
            &styr::collect::InProcess,
            1,
            &|_| {},
            at,
        )
        .expect("collect");
    }
    (tmp, ws)
}

/// The example workspace in sample-data/.
pub fn sample() -> Workspace {
    Workspace::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"))
        .expect("sample workspace")
}

/// (kind, recipient, period) for every template kind.
pub fn per_kind(ws: &Workspace) -> Vec<(FormKind, Recipient<'_>, Period)> {
    let unit = ws
        .config
        .units
        .iter()
        .find(|u| u.category == "grundskola")
        .expect("a school");
    let forv = ws
        .config
        .forvaltning(unit.forvaltning.as_str())
        .expect("its förvaltning");
    let p = |s: &str| Period::parse(s).expect("a period");
    vec![
        (FormKind::Uppfoljning, Recipient::Unit(unit), p("2026-T1")),
        (
            FormKind::Verksamhetsplan,
            Recipient::Unit(unit),
            p("2027-plan"),
        ),
        (
            FormKind::Malvarden,
            Recipient::Forvaltning(forv),
            p("2027-plan"),
        ),
        (
            FormKind::Internkontroll,
            Recipient::Unit(unit),
            p("2026-T2"),
        ),
    ]
}

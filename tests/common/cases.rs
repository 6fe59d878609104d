//! The workbooks the tests generate: one per kind, for a school (it reports the most
//! indicators) or its förvaltning.

use std::path::Path;

use styr::domain::{FormKind, Period};
use styr::generate::Recipient;
use styr::workspace::Workspace;

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

//! Register statuses travel as a type: one Swedish label each, read back from the kept register
//! by that label, and one fill shared by both register sheets (`inlamning.xlsx` and the
//! report's Inlämning sheet).

use styr::analysis::check::Status;
use styr::collect::{RegisterEntry, RegisterStatus};
use styr::report::status_fill;

#[test]
fn every_status_has_its_own_label_and_is_read_back_by_it() {
    let mut labels: Vec<&str> = RegisterStatus::ALL.iter().map(|s| s.swedish()).collect();
    for s in RegisterStatus::ALL {
        assert_eq!(RegisterStatus::from_swedish(s.swedish()), Some(s));
    }
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(
        labels.len(),
        RegisterStatus::ALL.len(),
        "two statuses share a label"
    );
    assert_eq!(RegisterStatus::from_swedish("Inkommen"), None);
}

fn entry(status: &str) -> String {
    format!(
        r#"{{"form":"uppfoljning","recipient":"E1","name":"Enhet","forvaltning":"F",
            "status":"{status}","file":null,"saved":null,"deadline":null,
            "errors":0,"warnings":0,"replaced":[]}}"#
    )
}

#[test]
fn the_kept_register_is_read_by_label_and_an_unknown_label_is_refused() {
    let e: RegisterEntry = serde_json::from_str(&entry("ersatt av nyare")).unwrap();
    assert_eq!(e.status, RegisterStatus::ErsattAvNyare);
    let back = serde_json::to_string(&e).unwrap();
    assert!(back.contains(r#""status":"ersatt av nyare""#), "{back}");
    assert!(serde_json::from_str::<RegisterEntry>(&entry("kanske")).is_err());
}

#[test]
fn both_register_sheets_colour_a_status_alike() {
    // The report's lights and the register share their greens, yellows and greys: a replaced
    // file is grey like "Ej bedömt" (it was a lighter grey in inlamning.xlsx than in the report).
    assert_eq!(
        RegisterStatus::Inkommen.fill(),
        status_fill(Status::Uppfyllt)
    );
    assert_eq!(RegisterStatus::Sen.fill(), status_fill(Status::Delvis));
    assert_eq!(
        RegisterStatus::InkommenMedFel.fill(),
        status_fill(Status::Delvis)
    );
    assert_eq!(
        RegisterStatus::Saknas.fill(),
        status_fill(Status::EjUppfyllt)
    );
    for s in [
        RegisterStatus::Dubblett,
        RegisterStatus::ErsattAvNyare,
        RegisterStatus::ErsattAvAldreUtanFel,
        RegisterStatus::ErsattSammaTid,
        RegisterStatus::Hoppad,
    ] {
        assert_eq!(s.fill(), status_fill(Status::EjBedomt), "{s:?}");
    }
}

//! `styr report uppfoljning`: the golden workbook, Översikt's numbers equal the check results,
//! and the report prints in LibreOffice with Översikt on one page.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use styr::analysis::check::{self, Status};
use styr::analysis::store::Store;
use styr::domain::Period;
use styr::report::overview_layout::{COUNTS_PER_GROUP, STATUS_FIRST_COL, STATUS_FIRST_ROW};
use styr::workspace::Workspace;
use styr::xlsx_read::{Format, Limits, RawCell};

/// The example workspace with the example returns of 2026-T1 collected (in process, at a
/// fixed time) and the follow-up report written.
fn example_report() -> (tempfile::TempDir, Workspace, PathBuf) {
    let (tmp, ws) = common::cases::collected(&["2026-T1"], "2026-05-12T08:00:00Z", |_| {});
    let period = Period::parse("2026-T1").unwrap();
    let path = styr::report::write_uppfoljning(&ws, period, None).unwrap();
    (tmp, ws, path)
}

#[test]
fn golden_uppfoljning_report() {
    let (_t, _ws, path) = example_report();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/report-uppfoljning.xlsx");
    common::golden::assert_golden(&std::fs::read(path).unwrap(), &golden);
}

#[test]
fn overview_numbers_equal_the_check_results() {
    let (_t, ws, path) = example_report();
    let period = Period::parse("2026-T1").unwrap();
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data))).unwrap();
    let result = check::evaluate(&ws, &store, period).unwrap();
    let raw = styr::xlsx_read::read(
        &std::fs::read(&path).unwrap(),
        Format::Xlsx,
        &Limits::default(),
    )
    .unwrap();
    let sheet = raw.sheet("Översikt").expect("Översikt");
    let at = |r: u32, c: u16| -> Option<f64> {
        sheet
            .cells
            .iter()
            .find(|(rr, cc, _)| (*rr, *cc) == (r, c))
            .and_then(|(_, _, v)| match v {
                RawCell::Number(n) => Some(*n),
                _ => None,
            })
    };
    let areas: Vec<styr::domain::Area> = styr::domain::Area::ALL
        .iter()
        .copied()
        .filter(|a| result.indicators.iter().any(|r| r.area == *a))
        .collect();
    let statuses = [
        Status::Uppfyllt,
        Status::Delvis,
        Status::EjUppfyllt,
        Status::EjBedomt,
    ];
    let mut checked = 0;
    for (i, (f, _)) in result.forvaltning_names.iter().enumerate() {
        let r = STATUS_FIRST_ROW + i as u32;
        for (g, area) in areas.iter().enumerate() {
            for (k, s) in statuses.iter().enumerate() {
                let expected = result
                    .indicators
                    .forvaltningar
                    .iter()
                    .filter(|x| {
                        x.forvaltning.as_ref() == Some(f) && x.area == *area && x.status == *s
                    })
                    .count();
                let c = STATUS_FIRST_COL + g as u16 * COUNTS_PER_GROUP + k as u16;
                assert_eq!(
                    at(r, c),
                    Some(expected as f64),
                    "{f} {area:?} {s:?} at row {r} col {c}"
                );
                checked += 1;
            }
        }
        // The total group follows the areas.
        for (k, s) in statuses.iter().enumerate() {
            let expected = result
                .indicators
                .forvaltningar
                .iter()
                .filter(|x| x.forvaltning.as_ref() == Some(f) && x.status == *s)
                .count();
            let c = STATUS_FIRST_COL + areas.len() as u16 * COUNTS_PER_GROUP + k as u16;
            assert_eq!(at(r, c), Some(expected as f64));
        }
    }
    // The kommun row is last.
    let r = STATUS_FIRST_ROW + result.forvaltning_names.len() as u32;
    for (k, s) in statuses.iter().enumerate() {
        let expected = result
            .indicators
            .kommun
            .iter()
            .filter(|x| x.status == *s)
            .count();
        let c = STATUS_FIRST_COL + areas.len() as u16 * COUNTS_PER_GROUP + k as u16;
        assert_eq!(at(r, c), Some(expected as f64), "kommun {s:?}");
    }
    assert!(checked >= 40);
    // The economy table: every budget and forecast of the check appears on the page.
    let numbers: Vec<f64> = sheet
        .cells
        .iter()
        .filter_map(|(_, _, v)| {
            if let RawCell::Number(n) = v {
                Some(*n)
            } else {
                None
            }
        })
        .collect();
    for e in result
        .economy
        .forvaltningar
        .iter()
        .chain(&result.economy.kommun)
    {
        for v in [e.budget_tkr, e.forecast_tkr, e.deviation_tkr]
            .into_iter()
            .flatten()
        {
            assert!(
                numbers.iter().any(|n| (n - v).abs() < 1e-6),
                "{} {v} not on Översikt",
                e.name
            );
        }
    }
}

#[test]
fn report_prints_with_the_overview_on_one_page() {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is required in CI"
        );
        eprintln!("skipped: soffice not installed");
        return;
    }
    let (t, _ws, path) = example_report();
    let out = t.path().join("pdf");
    let o = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/render.sh"))
        .arg(&path)
        .arg(&out)
        .arg("2")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.join(format!(
        "{}.pdf",
        path.file_stem().unwrap().to_string_lossy()
    ));
    let page = |n: u32| {
        let o = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let (p1, p2) = (page(1), page(2));
    assert!(p1.contains("Måluppfyllelse per förvaltning"), "{p1}");
    assert!(
        p1.contains("Läs vidare"),
        "the end of Översikt is on page 1"
    );
    assert!(
        !p2.contains("Måluppfyllelse") && !p2.contains("Läs vidare"),
        "Översikt spilled onto page 2:\n{p2}"
    );
}

#[test]
fn internal_control_follow_up_is_compiled() {
    use styr::analysis::store::StoredValue;
    use styr::domain::FormKind;
    use styr::form::FieldRole;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    styr::sample::write_workspace(&dir).unwrap();
    let ws = Workspace::load(&dir).unwrap();
    let period = Period::parse("2026-T2").unwrap();
    let def = ws.forms.current(FormKind::Internkontroll).unwrap();
    let field = |role: FieldRole| {
        def.with_role(role)
            .into_iter()
            .next()
            .map(|(s, f)| (s.id.clone(), f.id.clone()))
            .unwrap()
    };
    let unit = &ws.config.units[0];
    let control = ws
        .config
        .controls
        .iter()
        .find(|c| c.forvaltningar.is_empty() || c.forvaltningar.contains(&unit.forvaltning))
        .unwrap();
    let value = |role: FieldRole, text: &str| {
        let (section, f) = field(role);
        StoredValue {
            period,
            form: FormKind::Internkontroll,
            form_version: def.version,
            unit: unit.id.to_string(),
            section,
            key: control.id.to_string(),
            field: f,
            number: None,
            text: Some(text.into()),
            file: "ik.xlsx".into(),
            sha256: "0".repeat(64),
            sheet: "Kontrollpunkter".into(),
            cell: "F6".into(),
            collected_at: "2026-09-20T08:00:00Z".into(),
            preliminary: false,
            error: None,
            mail: None,
            import: None,
        }
    };
    let mut store = Store::default();
    store.put_return(vec![
        value(FieldRole::ControlDone, "Ja"),
        value(FieldRole::ControlResult, "Mindre brister"),
        value(
            FieldRole::Observations,
            "Två attester saknades i stickprovet.",
        ),
    ]);
    store
        .save(&Store::path(&ws.path(&ws.config.folders.data)))
        .unwrap();
    let path = styr::report::write_uppfoljning(&ws, period, None).unwrap();
    let raw = styr::xlsx_read::read(
        &std::fs::read(path).unwrap(),
        Format::Xlsx,
        &Limits::default(),
    )
    .unwrap();
    let sheet = raw
        .sheet("Intern kontroll")
        .expect("an Intern kontroll sheet");
    let texts: Vec<&str> = sheet
        .cells
        .iter()
        .filter_map(|(_, _, v)| {
            if let RawCell::Text(t) = v {
                Some(t.as_str())
            } else {
                None
            }
        })
        .collect();
    assert!(texts.contains(&"Mindre brister"), "{texts:?}");
    assert!(
        texts.contains(&"Två attester saknades i stickprovet."),
        "{texts:?}"
    );
    assert!(texts.contains(&unit.name.as_str()));
}

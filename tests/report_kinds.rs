//! `styr report verksamhetsplan|malforslag|enhet` and `styr export`: a golden workbook per
//! report kind, the numbers and texts read back, each report printed by LibreOffice, and the
//! exported files read back with the store's row counts.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use styr::analysis::export::{ExportFormat, read_back};
use styr::analysis::store::Store;
use styr::domain::{Period, Rollup};
use styr::report::malforslag::{self, Flag, ReviewRow};
use styr::workspace::Workspace;
use styr::workspace::catalogue::Level;
use styr::xlsx_read::{Format, Limits, RawCell, RawWorkbook};

const PLAN: &str = "2027-plan";
const TERTIAL: &str = "2026-T1";

/// The example workspace with the embedded example returns of `periods` collected in process
/// at a fixed time.
fn example(periods: &[&str]) -> (tempfile::TempDir, Workspace) {
    common::cases::collected(periods, "2026-10-20T08:00:00Z", |_| {})
}

fn read(path: &Path) -> RawWorkbook {
    styr::xlsx_read::read(
        &std::fs::read(path).unwrap(),
        Format::Xlsx,
        &Limits::default(),
    )
    .unwrap()
}

fn texts(raw: &RawWorkbook, sheet: &str) -> Vec<String> {
    let s = raw
        .sheet(sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    s.cells
        .iter()
        .filter_map(|(_, _, v)| {
            if let RawCell::Text(t) = v {
                Some(t.clone())
            } else {
                None
            }
        })
        .collect()
}

/// Every worksheet part of an xlsx, as text.
fn sheet_xml(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/sheet") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.push((name, s));
        }
    }
    out
}

fn golden(kind: &str, path: &Path) {
    let reference =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/report-{kind}.xlsx"));
    common::golden::assert_golden(&std::fs::read(path).unwrap(), &reference);
}

#[test]
fn golden_verksamhetsplan_report() {
    let (_t, ws) = example(&[PLAN]);
    let path =
        styr::report::verksamhetsplan::write(&ws, Period::parse(PLAN).unwrap(), None).unwrap();
    assert!(
        path.ends_with("rapporter/2027-plan/verksamhetsplan-2027-plan.xlsx"),
        "{}",
        path.display()
    );
    golden("verksamhetsplan", &path);
}

#[test]
fn golden_malforslag_report() {
    let (_t, ws) = example(&[PLAN]);
    let path = styr::report::malforslag::write(&ws, Period::parse(PLAN).unwrap(), None).unwrap();
    assert!(path.ends_with("rapporter/2027-plan/malforslag-2027-plan.xlsx"));
    golden("malforslag", &path);
}

#[test]
fn golden_enhet_report() {
    let (_t, ws) = example(&[TERTIAL]);
    let paths = styr::report::enhet::write(
        &ws,
        Period::parse(TERTIAL).unwrap(),
        &["buf-fsk-solrosen".to_string()],
        None,
    )
    .unwrap();
    assert_eq!(paths.len(), 1);
    assert!(
        paths[0].ends_with("rapporter/2026-T1/enheter/enhet-2026-T1-buf-fsk-solrosen.xlsx"),
        "{}",
        paths[0].display()
    );
    golden("enhet", &paths[0]);
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let (_t, ws) = example(&[PLAN]);
    let p = Period::parse(PLAN).unwrap();
    let dir = ws.root.join("again");
    let a = std::fs::read(styr::report::malforslag::write(&ws, p, None).unwrap()).unwrap();
    let b =
        std::fs::read(styr::report::malforslag::write(&ws, p, Some(dir.join("m.xlsx"))).unwrap())
            .unwrap();
    assert_eq!(a, b);
    let a = std::fs::read(styr::report::verksamhetsplan::write(&ws, p, None).unwrap()).unwrap();
    let b = std::fs::read(
        styr::report::verksamhetsplan::write(&ws, p, Some(dir.join("v.xlsx"))).unwrap(),
    )
    .unwrap();
    assert_eq!(a, b);
}

#[test]
fn verksamhetsplan_compiles_every_plan_and_lists_the_missing_units() {
    let (_t, ws) = example(&[PLAN]);
    let period = Period::parse(PLAN).unwrap();
    // A unit's text that looks like a formula stays text.
    let store_path = Store::path(&ws.path(&ws.config.folders.data));
    let mut store = Store::load(&store_path).unwrap();
    let mission = store
        .values
        .iter_mut()
        .find(|v| v.unit == "ksf-hr" && v.field == "verksamhetside")
        .expect("ksf-hr's verksamhetsidé is stored");
    mission.text = Some("=SUMMA(A1:A3)".into());
    store.save(&store_path).unwrap();
    let path = styr::report::verksamhetsplan::write(&ws, period, None).unwrap();
    let raw = read(&path);
    let names: Vec<&str> = raw.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Översikt",
            "Förv KSF",
            "Förv BUF",
            "Förv SOF",
            "Förv SBF",
            "Förv KFF",
            "Kvalitetsfaktorer",
            "Utvecklingsmål"
        ]
    );
    let overview = texts(&raw, "Översikt");
    let came = overview.iter().filter(|t| *t == "Inkommen").count();
    let missing = overview
        .iter()
        .filter(|t| *t == "Verksamhetsplan saknas")
        .count();
    assert_eq!((came, missing), (8, ws.config.units.len() - 8));
    // Each förvaltning's sheet: the nulägesanalys and SWOT of its plans, its missing units.
    let ksf = texts(&raw, "Förv KSF");
    assert!(
        ksf.contains(&"=SUMMA(A1:A3)".to_string()),
        "formula-like text kept as text"
    );
    assert!(
        ksf.iter().any(|t| t.starts_with("Erfarna HR-konsulter")),
        "the SWOT's strengths"
    );
    assert_eq!(
        ksf.iter()
            .filter(|t| *t == "Verksamhetsplan saknas")
            .count(),
        5
    );
    for (name, xml) in sheet_xml(&path) {
        assert!(!xml.contains("<f>"), "{name} holds a formula");
    }
    // Quality factors, by perspective first: every stored factor is there.
    let stored_factors = store
        .values
        .iter()
        .filter(|v| v.period == period && v.section == "kvalitet" && v.field == "faktor")
        .count();
    let factors = raw.sheet("Kvalitetsfaktorer").unwrap();
    let factor_rows: Vec<u32> = factors
        .cells
        .iter()
        .filter(|(r, c, _)| *r > styr::xlsx_write::HEADER_ROW && *c == 3)
        .map(|(r, _, _)| *r)
        .collect();
    assert_eq!(factor_rows.len(), stored_factors);
    let perspectives: Vec<String> = factors
        .cells
        .iter()
        .filter(|(r, c, _)| *r > styr::xlsx_write::HEADER_ROW && *c == 2)
        .filter_map(|(_, _, v)| {
            if let RawCell::Text(t) = v {
                Some(t.clone())
            } else {
                None
            }
        })
        .collect();
    let rank = |p: &str| {
        ["Målgrupp", "Medarbetare", "Verksamhet", "Ekonomi"]
            .iter()
            .position(|x| *x == p)
            .unwrap()
    };
    assert!(
        perspectives.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "ordered by perspective: {perspectives:?}"
    );
    // Goals with activities: one row per activity, due dates as dates.
    let stored_activities = store
        .values
        .iter()
        .filter(|v| v.period == period && v.section == "aktiviteter" && v.field == "aktivitet")
        .count();
    let goals = raw.sheet("Utvecklingsmål").unwrap();
    let activity_rows = goals
        .cells
        .iter()
        .filter(|(r, c, v)| {
            *r > styr::xlsx_write::HEADER_ROW
                && *c == 7
                && matches!(v, RawCell::Text(t) if !t.starts_with('('))
        })
        .count();
    assert_eq!(activity_rows, stored_activities);
    assert!(
        goals
            .cells
            .iter()
            .any(|(_, c, v)| *c == 9 && matches!(v, RawCell::Serial(_) | RawCell::Number(_))),
        "due dates are dates"
    );
    assert!(
        texts(&raw, "Utvecklingsmål")
            .iter()
            .any(|t| t.contains("Sjukfrånvaro, total (sjukfranvaro)")),
        "indicator ids named"
    );
}

/// An independent roll-up of historik.csv's unit values for a förvaltning and year.
fn rolled_up(ws: &Workspace, indicator: &str, forv: &str, year: u16) -> Option<f64> {
    let ind = ws.catalogue.indicator(indicator).unwrap();
    let units: Vec<&str> = ws
        .config
        .units
        .iter()
        .filter(|u| u.forvaltning.as_str() == forv)
        .map(|u| u.id.as_str())
        .collect();
    let value = |id: &str, unit: &str| {
        ws.history
            .iter()
            .find(|o| {
                o.indicator.as_str() == id
                    && o.period == Period::Year(year)
                    && matches!(&o.level, Level::Unit(u) if u.as_str() == unit)
            })
            .map(|o| o.value)
    };
    let pairs: Vec<(f64, f64)> = units
        .iter()
        .filter_map(|u| {
            Some((
                value(indicator, u)?,
                ind.weight
                    .as_ref()
                    .and_then(|w| value(w.as_str(), u))
                    .unwrap_or(0.0),
            ))
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    Some(match ind.rollup {
        Rollup::Sum => pairs.iter().map(|p| p.0).sum(),
        Rollup::WeightedMean => {
            pairs.iter().map(|p| p.0 * p.1).sum::<f64>() / pairs.iter().map(|p| p.1).sum::<f64>()
        }
        Rollup::Mean => pairs.iter().map(|p| p.0).sum::<f64>() / pairs.len() as f64,
        _ => return None,
    })
}

#[test]
fn malforslag_shows_proposals_outcomes_and_flags() {
    let (_t, ws) = example(&[PLAN]);
    let period = Period::parse(PLAN).unwrap();
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data))).unwrap();
    let review = malforslag::build(&ws, &store, period);
    assert_eq!(
        review.years,
        [2023, 2024, 2025],
        "the last three years with outcomes"
    );
    let lines: BTreeMap<String, _> = review
        .rows
        .iter()
        .filter_map(|r| {
            if let ReviewRow::Line(l) = r {
                Some((l.key.clone(), l.as_ref().clone()))
            } else {
                None
            }
        })
        .collect();
    let line = |k: &str| lines.get(k).unwrap_or_else(|| panic!("no row {k}"));
    // Every municipal goal heads its indicators; every catalogue indicator has a kommun row.
    let goals = review
        .rows
        .iter()
        .filter(|r| matches!(r, ReviewRow::Goal(_)))
        .count();
    assert_eq!(goals, ws.catalogue.goals.len());
    for i in &ws.catalogue.indicators {
        assert!(lines.contains_key(&format!("{}|kommun", i.id)), "{}", i.id);
    }
    // Outcomes rolled up from the units by the indicator's rule, as computed independently.
    let mut compared = 0;
    for (ind, f) in [
        ("sjukfranvaro", "SOF"),
        ("andel-heltid", "BUF"),
        ("besokare", "KFF"),
        ("nojd-hemtjanst", "SOF"),
        ("arsarbetare", "SBF"),
    ] {
        let l = line(&format!("{ind}|forvaltning:{f}"));
        for (k, year) in [2024u16, 2025].iter().enumerate() {
            let expected = rolled_up(&ws, ind, f, *year).unwrap();
            let got = l.outcomes[k + 1].unwrap();
            assert!(
                (got - expected).abs() < 1e-9,
                "{ind} {f} {year}: {got} != {expected}"
            );
            compared += 1;
        }
        assert_eq!(l.outcomes[0], None, "no outcomes of 2023 in the example");
    }
    assert_eq!(compared, 10);
    // The kommun row takes historik.csv's kommun value where there is one.
    let kommun = ws
        .history
        .iter()
        .find(|o| {
            o.indicator.as_str() == "resultat-skatt"
                && o.level == Level::Kommun
                && o.period == Period::Year(2025)
        })
        .unwrap();
    assert_eq!(
        line("resultat-skatt|kommun").outcomes[2],
        Some(kommun.value)
    );
    // The förvaltningar's proposals and the flags.
    let sof = line("sjukfranvaro|forvaltning:SOF");
    assert_eq!(
        sof.proposed,
        Some(styr::workspace::catalogue::TargetValue::Point(7.0))
    );
    assert!(sof.motivation.starts_with("Heltidsresan"));
    assert!(
        sof.source
            .contains("malvarden-2027-plan-SOF.xlsx 'Målvärden'!"),
        "{}",
        sof.source
    );
    assert!(sof.flags.contains(&Flag::FarFromTrend), "{:?}", sof.flags);
    assert!(
        line("nki-stod|forvaltning:KSF")
            .flags
            .contains(&Flag::AlreadyReached)
    );
    assert!(
        line("sjukfranvaro|forvaltning:KFF")
            .flags
            .contains(&Flag::AlreadyReached)
    );
    let sbf = line("nki-stod|forvaltning:SBF");
    assert_eq!(
        (sbf.keep.as_str(), sbf.flags.clone()),
        ("Nej", vec![Flag::Removal])
    );
    assert!(
        line("besokare|forvaltning:KFF")
            .flags
            .contains(&Flag::FarFromTrend)
    );
    assert!(
        line("hme|forvaltning:BUF").flags.is_empty(),
        "an unchanged målvärde near the trend is not flagged"
    );
    let interval = line("barn-per-arsarbetare|forvaltning:BUF");
    assert!(interval.interval);
    assert_eq!(
        interval.proposed,
        Some(styr::workspace::catalogue::TargetValue::Interval { min: 4.5, max: 5.5 })
    );
    // The workbook: identity, a hidden key column, the committee's yellow column.
    let path = malforslag::write(&ws, period, None).unwrap();
    let raw = read(&path);
    assert_eq!(
        raw.custom_properties.get("styr.kind").map(String::as_str),
        Some("malforslag")
    );
    assert_eq!(
        raw.custom_properties.get("styr.period").map(String::as_str),
        Some(PLAN)
    );
    assert!(raw.sheet("_styr").is_some_and(|s| !s.visible));
    let t = texts(&raw, malforslag::SHEET);
    for h in [
        malforslag::DECIDED_HEADER,
        malforslag::DECIDED_MAX_HEADER,
        malforslag::KEY_HEADER,
        "Flaggor",
        "Utfall 2025",
        "Trend 2027",
        "Nuvarande målvärde 2026",
    ] {
        assert!(t.iter().any(|x| x == h), "header {h}");
    }
    assert!(
        t.iter()
            .any(|x| x == "långt från trenden, föreslås tas bort" || x == "föreslås tas bort")
    );
    for (name, xml) in sheet_xml(&path) {
        assert!(!xml.contains("<f>"), "{name} holds a formula");
    }
}

#[test]
fn enhet_writes_one_workbook_per_unit_with_open_activities() {
    let (_t, ws) = example(&[TERTIAL]);
    let period = Period::parse(TERTIAL).unwrap();
    let paths = styr::report::enhet::write(&ws, period, &[], None).unwrap();
    assert_eq!(paths.len(), ws.config.units.len());
    let dir = ws.path(&ws.config.folders.reports).join("2026-T1/enheter");
    for u in &ws.config.units {
        assert!(
            dir.join(format!("enhet-2026-T1-{}.xlsx", u.id)).exists(),
            "{}",
            u.id
        );
    }
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data))).unwrap();
    let result = styr::analysis::check::evaluate(&ws, &store, period).unwrap();
    let mut units_with_open = 0;
    for u in ws
        .config
        .units
        .iter()
        .filter(|u| u.forvaltning.as_str() == "SOF" || u.forvaltning.as_str() == "BUF")
    {
        let raw = read(&dir.join(format!("enhet-2026-T1-{}.xlsx", u.id)));
        // Every indicator row of the unit, with its status text.
        let mine: Vec<_> = result
            .indicators
            .units
            .iter()
            .filter(|r| r.level == Level::Unit(u.id.clone()))
            .collect();
        let sheet = raw.sheet("Indikatorer").unwrap();
        let statuses: Vec<String> = sheet
            .cells
            .iter()
            .filter(|(r, c, _)| *r > styr::xlsx_write::HEADER_ROW && *c == 4)
            .filter_map(|(_, _, v)| {
                if let RawCell::Text(t) = v {
                    Some(t.clone())
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(
            statuses,
            mine.iter()
                .map(|r| match r.reason_text() {
                    // A grey Ej bedömt says why.
                    Some(why) if r.status == styr::analysis::check::Status::EjBedomt => {
                        format!("{}: {why}", r.status.swedish())
                    }
                    _ => r.status.swedish().to_string(),
                })
                .collect::<Vec<_>>(),
            "{}",
            u.id
        );
        // Activities: every stored activity whose status is not Klar.
        let status_of = |key: &str| {
            store
                .values
                .iter()
                .find(|v| {
                    v.period == period
                        && v.unit == u.id.as_str()
                        && v.section == "aktiviteter"
                        && v.key == key
                        && v.field == "status"
                })
                .and_then(|v| v.text.clone())
        };
        let open = store
            .values
            .iter()
            .filter(|v| {
                v.period == period
                    && v.unit == u.id.as_str()
                    && v.section == "aktiviteter"
                    && v.field == "aktivitet"
                    && status_of(&v.key).as_deref() != Some("Klar")
            })
            .count();
        let acts = raw.sheet("Aktiviteter").unwrap();
        let listed = acts
            .cells
            .iter()
            .filter(|(r, c, _)| *r > styr::xlsx_write::HEADER_ROW && *c == 1)
            .count();
        assert_eq!(listed, open, "{}", u.id);
        assert!(!texts(&raw, "Aktiviteter").iter().any(|t| t == "Klar"));
        units_with_open += usize::from(open > 0);
    }
    assert!(units_with_open >= 5, "the example has open activities");
}

#[test]
fn export_reads_back_with_the_store_row_counts() {
    let (_t, ws) = example(&[TERTIAL, PLAN]);
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data))).unwrap();
    let result =
        styr::analysis::check::evaluate(&ws, &store, Period::parse(TERTIAL).unwrap()).unwrap();
    for format in [ExportFormat::Parquet, ExportFormat::Csv] {
        let out = ws.root.join(format!("export-{}", format.extension()));
        let files = styr::report::export::export(&ws, format, None, Some(out.clone())).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let ext = format.extension();
        assert_eq!(
            names,
            [
                format!("varden.{ext}"),
                format!("indikatorer-2026-T1.{ext}"),
                format!("ekonomi-2026-T1.{ext}")
            ]
        );
        let (rows, cols) = read_back(&out.join(format!("varden.{ext}"))).unwrap();
        // 16 columns of a returned value, 2 of a mailed return's (mail_from, mail_date) and 5
        // of an imported one's provenance (source, source_kind, lines, column, status).
        assert_eq!((rows, cols), (store.values.len(), 23));
        assert_eq!(
            read_back(&out.join(format!("indikatorer-2026-T1.{ext}")))
                .unwrap()
                .0,
            result.indicators.iter().count()
        );
        assert_eq!(
            read_back(&out.join(format!("ekonomi-2026-T1.{ext}")))
                .unwrap()
                .0,
            result.economy.iter().count()
        );
        if format == ExportFormat::Parquet {
            // The store's own reader takes the exported store back value for value.
            assert_eq!(Store::load(&out.join("varden.parquet")).unwrap(), store);
        } else {
            let mut rdr = csv::Reader::from_path(out.join("varden.csv")).unwrap();
            assert_eq!(rdr.records().count(), store.values.len());
        }
    }
    // One period only.
    let files = styr::report::export::export(
        &ws,
        ExportFormat::Csv,
        Some(Period::parse(PLAN).unwrap()),
        Some(ws.root.join("plan")),
    )
    .unwrap();
    assert_eq!(files.len(), 1, "a planning period has no check results");
    assert_eq!(
        files[0].rows,
        store
            .values
            .iter()
            .filter(|v| v.period.to_string() == PLAN)
            .count()
    );
}

#[test]
fn export_command_writes_into_the_reports_folder() {
    let (_t, ws) = example(&[TERTIAL]);
    let o = Command::new(env!("CARGO_BIN_EXE_styr"))
        .env("STYR_LANG", "sv")
        .arg("-C")
        .arg(&ws.root)
        .args(["export", "--format", "parquet", "--period", TERTIAL])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("rapporter/export/varden-2026-T1.parquet"),
        "{out}"
    );
    assert!(
        ws.root
            .join("rapporter/export/indikatorer-2026-T1.parquet")
            .exists()
    );
}

fn soffice() -> bool {
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
    }
    found
}

fn render(path: &Path, out: &Path) -> (String, u32) {
    let o = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/render.sh"))
        .arg(path)
        .arg(out)
        .arg("1")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let pages = stdout
        .lines()
        .find_map(|l| l.strip_prefix("pages: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let pdf: PathBuf = out.join(format!(
        "{}.pdf",
        path.file_stem().unwrap().to_string_lossy()
    ));
    let o = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    (String::from_utf8_lossy(&o.stdout).into_owned(), pages)
}

#[test]
fn each_report_kind_prints_in_libreoffice() {
    if !soffice() {
        return;
    }
    let (t, ws) = example(&[TERTIAL, PLAN]);
    let plan = Period::parse(PLAN).unwrap();
    let out = t.path().join("pdf");
    let v = styr::report::verksamhetsplan::write(&ws, plan, None).unwrap();
    let (page1, pages) = render(&v, &out);
    assert!(
        page1.contains("verksamhetsplaner 2027") && page1.contains("Sida 1 av"),
        "{page1}"
    );
    assert!(pages >= 5, "{pages} pages");
    let m = styr::report::malforslag::write(&ws, plan, None).unwrap();
    let (page1, _) = render(&m, &out);
    assert!(
        page1.contains("förslag på målvärden 2027") && page1.contains("Beslutat"),
        "{page1}"
    );
    assert!(
        !page1.contains("forvaltning:"),
        "the key column is not printed"
    );
    let e = styr::report::enhet::write(
        &ws,
        Period::parse(TERTIAL).unwrap(),
        &["sof-hemtj-centrum".to_string()],
        None,
    )
    .unwrap();
    let (page1, _) = render(&e[0], &out);
    assert!(
        page1.contains("Återkoppling till Hemtjänst Centrum") && page1.contains("Sjukfrånvaro"),
        "{page1}"
    );
}

#[test]
fn done_activities_follow_the_forms_meanings_not_their_words() {
    // A kommun whose form says "Pågår" means done (met) and "Klar" means not started (open):
    // the unit report lists the "Klar" activities as open and leaves out the "Pågår" ones.
    let (_t, ws) = common::cases::collected(&[TERTIAL], "2026-10-20T08:00:00Z", |dir| {
        std::fs::create_dir_all(dir.join("templates")).unwrap();
        let text = include_str!("../templates/uppfoljning.toml");
        let swapped = text
            .replace("\"Klar\" = \"met\"", "\"Klar\" = \"open\"")
            .replace("\"Pågår\" = \"partly\"", "\"Pågår\" = \"met\"");
        assert_ne!(swapped, text, "the template's [meanings.status] changed");
        std::fs::write(dir.join("templates/uppfoljning.toml"), swapped).unwrap();
    });
    let period = Period::parse(TERTIAL).unwrap();
    styr::report::enhet::write(&ws, period, &[], None).unwrap();
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data))).unwrap();
    let reports = ws.path(&ws.config.folders.reports).join("2026-T1/enheter");
    let (mut klar, mut pagar) = (0, 0);
    for u in &ws.config.units {
        let statuses: Vec<String> = store
            .values
            .iter()
            .filter(|v| {
                v.period == period
                    && v.unit == u.id.as_str()
                    && v.section == "aktiviteter"
                    && v.field == "status"
            })
            .filter_map(|v| v.text.clone())
            .collect();
        let Ok(bytes) = std::fs::read(reports.join(format!("enhet-2026-T1-{}.xlsx", u.id))) else {
            continue;
        };
        let raw = styr::xlsx_read::read(&bytes, Format::Xlsx, &Limits::default()).unwrap();
        let listed = texts(&raw, "Aktiviteter");
        let n_klar = statuses.iter().filter(|s| *s == "Klar").count();
        let n_pagar = statuses.iter().filter(|s| *s == "Pågår").count();
        assert_eq!(
            listed.iter().filter(|t| *t == "Klar").count(),
            n_klar,
            "{}: every 'Klar' activity is open now",
            u.id
        );
        assert!(
            !listed.iter().any(|t| t == "Pågår"),
            "{}: 'Pågår' means done",
            u.id
        );
        klar += n_klar;
        pagar += n_pagar;
    }
    assert!(klar > 0 && pagar > 0, "the example has both statuses");
}

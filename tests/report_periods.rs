//! Every report kind `styr report` offers, for every period the example's årshjul allows (and
//! every month of its year): with the demo's returns, with a return from every unit, and with
//! an empty store. Each report is written, reads back with calamine, and every chart or table
//! with nothing to show is left out with a note saying why in its place. Översikt prints on one
//! page in LibreOffice for a month, a tertial and the year.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::ValueEnum;
use styr::analysis::check;
use styr::analysis::store::Store;
use styr::cmd::Outcome;
use styr::cmd::report::{ReportArgs, ReportKind, run};
use styr::collect;
use styr::domain::{FormKind, Period};
use styr::report::uppfoljning::{OVERVIEW, Report};
use styr::workspace::Workspace;
use styr::xlsx_read::{Format, Limits, RawCell, RawWorkbook};

use common::xlsx_edit::Package;

const TERTIAL: &str = "2026-T1";
const PLAN: &str = "2027-plan";

/// The example workspace with the example returns of `periods` collected in process at a fixed
/// time.
fn example(periods: &[&str]) -> (tempfile::TempDir, Workspace) {
    common::cases::collected(periods, "2026-05-12T08:00:00Z", |_| {})
}

fn store_path(ws: &Workspace) -> PathBuf {
    Store::path(&ws.path(&ws.config.folders.data))
}

/// The demo's store made complete: every unit that sent no 2026-T1 follow-up gets a copy of the
/// return of a unit of the same category, and the whole follow-up is copied to every
/// follow-up period of `periods`, so that every period has a return from every unit.
fn complete_returns(ws: &Workspace, periods: &[Period]) {
    let mut store = Store::load(&store_path(ws)).unwrap();
    let t1 = Period::parse(TERTIAL).unwrap();
    let returned: Vec<styr::analysis::store::StoredValue> =
        store.of(t1, FormKind::Uppfoljning).cloned().collect();
    let has = |unit: &str| returned.iter().any(|v| v.unit == unit);
    let mut all = returned.clone();
    let mut copied = 0;
    for u in &ws.config.units {
        if has(u.id.as_str()) {
            continue;
        }
        let twin = ws
            .config
            .units
            .iter()
            .find(|o| o.category == u.category && has(o.id.as_str()))
            .unwrap_or_else(|| panic!("no unit of category {} returned", u.category));
        all.extend(
            returned
                .iter()
                .filter(|v| v.unit == twin.id.as_str())
                .map(|v| styr::analysis::store::StoredValue {
                    unit: u.id.to_string(),
                    ..v.clone()
                }),
        );
        copied += 1;
    }
    assert!(copied > 0, "the demo's returns are not all complete");
    for p in periods.iter().filter(|p| p.is_follow_up()) {
        for u in &ws.config.units {
            store.put_return(
                all.iter()
                    .filter(|v| v.unit == u.id.as_str())
                    .map(|v| styr::analysis::store::StoredValue {
                        period: *p,
                        ..v.clone()
                    })
                    .collect(),
            );
        }
    }
    store.save(&store_path(ws)).unwrap();
}

/// Every period of the årshjul and every month of the workspace's year.
fn periods(ws: &Workspace) -> Vec<Period> {
    let mut out: BTreeSet<Period> = ws.config.arshjul.iter().map(|d| d.period).collect();
    for month in 1..=12 {
        out.insert(Period::Month {
            year: ws.config.year,
            month,
        });
    }
    assert!(out.contains(&Period::parse("2026-T2").unwrap()));
    assert!(out.contains(&Period::parse("2026").unwrap()));
    assert!(out.contains(&Period::parse(PLAN).unwrap()));
    out.into_iter().collect()
}

/// Whether `styr report KIND` is meant for the period: plans and målvärden for a planning
/// period, follow-ups for every other.
fn allowed(kind: ReportKind, period: Period) -> bool {
    matches!(kind, ReportKind::Verksamhetsplan | ReportKind::Malforslag) != period.is_follow_up()
}

fn read(path: &Path) -> RawWorkbook {
    styr::xlsx_read::read(
        &std::fs::read(path).unwrap(),
        Format::Xlsx,
        &Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

fn texts(raw: &RawWorkbook, sheet: &str) -> Vec<String> {
    raw.sheet(sheet)
        .unwrap_or_else(|| panic!("no sheet {sheet}"))
        .cells
        .iter()
        .filter_map(|(_, _, v)| match v {
            RawCell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

/// The uppföljning report's model, as `styr report uppfoljning` builds it.
fn model(ws: &Workspace, period: Period) -> Report {
    let store = Store::load(&store_path(ws)).unwrap();
    let result = check::evaluate(ws, &store, period).unwrap();
    let register = collect::load_register(ws, period);
    styr::report::uppfoljning::build(ws, &result, &store, &register)
}

/// The cell ranges of every chart in an xlsx: (part, range) for each `<c:f>`.
fn chart_ranges(path: &Path) -> Vec<(String, String)> {
    let pkg = Package::open(&std::fs::read(path).unwrap());
    let mut out = Vec::new();
    for (name, _) in &pkg.entries {
        if !(name.starts_with("xl/charts/chart") && name.ends_with(".xml")) {
            continue;
        }
        let xml = pkg.part(name).unwrap();
        for piece in xml.split("<c:f>").skip(1) {
            let range = piece.split("</c:f>").next().unwrap().to_string();
            out.push((name.clone(), range));
        }
        assert!(xml.contains("<c:f>"), "{name} has no ranges");
    }
    out
}

/// (first row, last row) of a range such as `Översikt!$B$31:$B$36`.
fn rows_of(range: &str) -> (u32, u32) {
    let cells = range.rsplit('!').next().unwrap().replace('$', "");
    let row = |c: &str| -> u32 {
        c.trim_start_matches(|ch: char| ch.is_ascii_alphabetic())
            .parse()
            .unwrap()
    };
    match cells.split_once(':') {
        Some((a, b)) => (row(a), row(b)),
        None => (row(&cells), row(&cells)),
    }
}

/// Checks an uppföljning workbook against its model: a note for each chart left out, a chart
/// with non-empty ranges for each other.
fn check_overview(ws: &Workspace, period: Period, path: &Path) -> Vec<String> {
    let report = model(ws, period);
    let raw = read(path);
    assert_eq!(raw.sheets[0].name, OVERVIEW, "{}", path.display());
    let on_page = texts(&raw, OVERVIEW);
    let o = &report.overview;
    let mut notes = Vec::new();
    for chart in &o.charts {
        if let Some(note) = &chart.note {
            assert!(
                on_page.contains(note),
                "{period}: note '{note}' not on Översikt"
            );
            assert!(chart.categories.is_empty() && chart.series.is_empty());
            notes.push(note.clone());
        } else {
            assert!(!chart.categories.is_empty(), "{period}: {}", chart.title);
        }
    }
    for note in o.status_note.iter().chain(&o.economy_note) {
        assert!(on_page.contains(note), "{period}: '{note}' not on Översikt");
        notes.push(note.clone());
    }
    let ranges = chart_ranges(path);
    let charts: BTreeSet<&String> = ranges.iter().map(|(c, _)| c).collect();
    assert_eq!(
        charts.len(),
        o.charts.iter().filter(|c| c.note.is_none()).count(),
        "{period}: one chart per chart with something to show"
    );
    for (chart, range) in &ranges {
        let (first, last) = rows_of(range);
        assert!(
            first <= last,
            "{period}: {chart} has the empty range {range}"
        );
    }
    notes
}

/// Writes every report kind for every period the workspace allows through `styr report`, reads
/// each workbook back and checks the Översikt of each uppföljning; returns the notes of each
/// uppföljning by period.
/// Writes every report of every allowed period. `returned` says which periods have returns: a
/// report of a period without returns is still written, with exit 1 (issue 12).
fn every_report(
    ws: &Workspace,
    out: &Path,
    returned: &dyn Fn(Period) -> bool,
) -> Vec<(Period, Vec<String>)> {
    let mut notes = Vec::new();
    let mut written_kinds = BTreeSet::new();
    for &kind in ReportKind::value_variants() {
        for period in periods(ws) {
            if !allowed(kind, period) {
                continue;
            }
            let name = format!("{kind:?}-{period}").to_lowercase();
            let target = if kind == ReportKind::Enhet {
                out.join(&name)
            } else {
                out.join(format!("{name}.xlsx"))
            };
            let args = ReportArgs {
                kind,
                period,
                out: Some(target.clone()),
                units: Vec::new(),
            };
            let expected = if returned(period) {
                Outcome::Clean
            } else {
                Outcome::Findings
            };
            match run(&ws.root, &args) {
                Ok(o) => assert_eq!(o, expected, "{name}"),
                Err(e) => panic!("{name}: {}", e.message),
            }
            let files: Vec<PathBuf> = if kind == ReportKind::Enhet {
                let mut f: Vec<PathBuf> = std::fs::read_dir(&target)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                f.sort();
                assert_eq!(f.len(), ws.config.units.len(), "{name}: one per unit");
                f
            } else {
                vec![target]
            };
            for f in &files {
                let raw = read(f);
                assert!(!raw.sheets.is_empty(), "{}", f.display());
            }
            if kind == ReportKind::Uppfoljning {
                notes.push((period, check_overview(ws, period, &files[0])));
            }
            written_kinds.insert(format!("{kind:?}"));
        }
    }
    assert_eq!(
        written_kinds.len(),
        ReportKind::value_variants().len(),
        "every report kind has a period in the årshjul: {written_kinds:?}"
    );
    notes
}

fn notes_of(notes: &[(Period, Vec<String>)], period: &str) -> Vec<String> {
    let p = Period::parse(period).unwrap();
    notes
        .iter()
        .find(|(q, _)| *q == p)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| panic!("no uppföljning of {period}"))
}

#[test]
fn every_report_for_every_period_with_the_demo_returns() {
    let (t, ws) = example(&[TERTIAL, PLAN]);
    let demo = [
        Period::parse(TERTIAL).unwrap(),
        Period::parse(PLAN).unwrap(),
    ];
    let notes = every_report(&ws, &t.path().join("out"), &|p| demo.contains(&p));
    // A month has no competence or sjukfrånvaro outcomes: each chart the example names in
    // `[report] overview_charts` says why it is missing.
    let march = notes_of(&notes, "2026-03");
    assert!(
        march.contains(
            &"Genomförda kompetensutvecklingsdagar per medarbetare: rapporteras per tertial, inte månadsvis"
                .to_string()
        ),
        "{march:?}"
    );
    assert!(
        march
            .iter()
            .any(|n| n.contains("rapporteras per tertial, inte månadsvis")),
        "{march:?}"
    );
    // The tertial with returns has every chart.
    assert_eq!(notes_of(&notes, TERTIAL), Vec::<String>::new());
    // T2 has no returns: the sjukfrånvaro chart has no outcomes to show.
    assert!(
        notes_of(&notes, "2026-T2")
            .iter()
            .any(|n| n.contains("inga utfall har kommit in för tertial 2 2026")),
        "{notes:?}"
    );
}

#[test]
fn every_report_for_every_period_with_every_return() {
    let (t, ws) = example(&[TERTIAL, PLAN]);
    complete_returns(&ws, &periods(&ws));
    let plan = Period::parse(PLAN).unwrap();
    let notes = every_report(&ws, &t.path().join("out"), &|p| {
        p.is_follow_up() || p == plan
    });
    // Every follow-up period has outcomes: only what a month does not report is left out.
    for (p, n) in &notes {
        match p {
            Period::Month { .. } => assert_eq!(n.len(), 2, "{p}: {n:?}"),
            _ => assert_eq!(n, &Vec::<String>::new(), "{p}"),
        }
    }
}

#[test]
fn every_report_for_every_period_with_an_empty_store() {
    let (t, ws) = example(&[]);
    let out = t.path().join("out");
    let notes = every_report(&ws, &out, &|_| false);
    // The list sheets with no rows say why.
    let march = read(&out.join("uppfoljning-2026-03.xlsx"));
    for (sheet, why) in [
        ("Data", "Inga värden har kommit in för mars 2026."),
        ("Inlämning", "Ingen insamling gjord för mars 2026."),
        (
            "Kvalitet",
            "Inga bedömningar av kvalitetsfaktorer har kommit in för mars 2026.",
        ),
    ] {
        assert!(
            texts(&march, sheet).iter().any(|t| t == why),
            "{sheet}: {:?}",
            texts(&march, sheet)
        );
    }
    let plans = read(&out.join("verksamhetsplan-2027-plan.xlsx"));
    for (sheet, what) in [
        (styr::report::verksamhetsplan::FACTORS, "kvalitetsfaktorer"),
        (styr::report::verksamhetsplan::GOALS, "utvecklingsmål"),
    ] {
        let why = format!("Inga {what} finns i de 0 inlämnade verksamhetsplanerna för 2027.");
        assert!(
            texts(&plans, sheet).contains(&why),
            "{sheet}: {:?}",
            texts(&plans, sheet)
        );
    }
    let year = notes_of(&notes, "2026");
    assert!(
        year.iter()
            .any(|n| n
                == "Genomförda kompetensutvecklingsdagar per medarbetare: inga utfall har kommit in för helår 2026"),
        "{year:?}"
    );
}

#[test]
fn a_month_without_indicators_leaves_the_status_tables_out() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    styr::sample::write_workspace(&dir).unwrap();
    // No indicator is reported monthly.
    let catalogue = dir.join(styr::workspace::CATALOGUE_FILE);
    let text = std::fs::read_to_string(&catalogue).unwrap();
    assert!(text.contains("frequency = \"month\""));
    std::fs::write(
        &catalogue,
        text.replace("frequency = \"month\"", "frequency = \"tertial\""),
    )
    .unwrap();
    let ws = Workspace::load(&dir).unwrap();
    let period = Period::parse("2026-03").unwrap();
    let path = styr::report::write_uppfoljning(&ws, period, None).unwrap();
    let notes = check_overview(&ws, period, &path);
    assert!(
        notes.contains(&"inga indikatorer rapporteras månadsvis".to_string()),
        "{notes:?}"
    );
    let page = texts(&read(&path), OVERVIEW);
    assert!(
        !page.iter().any(|t| t == "Kommunen per perspektiv"),
        "the perspective table is left out"
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

/// The number of pages LibreOffice prints of a workbook's Översikt: every other sheet is
/// hidden (LibreOffice prints no hidden sheet), the copy converted to PDF.
fn overview_pages(path: &Path, out: &Path) -> (u32, String) {
    let mut pkg = Package::open(&std::fs::read(path).unwrap());
    let wb = pkg.part("xl/workbook.xml").unwrap();
    let mut hidden = 0;
    let mut parts = wb.split("<sheet ");
    let mut edited = parts.next().unwrap().to_string();
    for piece in parts {
        edited.push_str("<sheet ");
        if piece.starts_with(&format!("name=\"{OVERVIEW}\"")) {
            edited.push_str(piece);
        } else {
            assert!(!piece.contains("state="), "{piece}");
            edited.push_str("state=\"hidden\" ");
            edited.push_str(piece);
            hidden += 1;
        }
    }
    assert!(hidden > 5, "{hidden} sheets hidden");
    // LibreOffice prints the print area of a hidden sheet (Data's and Definitioner's head):
    // those areas go too.
    while let Some(at) = edited.find("<definedName name=\"_xlnm.Print_Area\"") {
        let end = edited[at..].find("</definedName>").unwrap() + at + "</definedName>".len();
        edited.replace_range(at..end, "");
    }
    pkg.set_part("xl/workbook.xml", edited);
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let only = out.join(format!("{stem}-oversikt.xlsx"));
    std::fs::create_dir_all(out).unwrap();
    std::fs::write(&only, pkg.finish()).unwrap();
    let o = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/render.sh"))
        .arg(&only)
        .arg(out.join("pdf"))
        .arg("1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let pages = stdout
        .lines()
        .find_map(|l| l.strip_prefix("pages: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let pdf = out.join("pdf").join(format!("{stem}-oversikt.pdf"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    (pages, String::from_utf8_lossy(&text.stdout).into_owned())
}

#[test]
fn overview_prints_on_one_page_for_a_month_a_tertial_and_the_year() {
    if !soffice() {
        return;
    }
    let (t, ws) = example(&[TERTIAL]);
    for p in ["2026-03", TERTIAL, "2026"] {
        let period = Period::parse(p).unwrap();
        let path = styr::report::write_uppfoljning(&ws, period, None).unwrap();
        let (pages, text) = overview_pages(&path, &t.path().join("pdf"));
        assert_eq!(pages, 1, "{p}: Översikt prints on {pages} pages:\n{text}");
        assert!(
            text.contains("Måluppfyllelse per förvaltning") && text.contains("Läs vidare"),
            "{p}: {text}"
        );
    }
}

/// Issue 12: a report of a period without returns is still written, with one Swedish line on
/// stderr and exit 1 (a finding); with returns there is no warning and exit 0.
#[test]
fn a_report_without_returns_warns() {
    let (_t, ws) = example(&[TERTIAL]);
    let styr = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_styr"))
            .env("STYR_LANG", "sv")
            .arg("-C")
            .arg(&ws.root)
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = styr(&["report", "uppfoljning", "--period", "2026-T2"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err,
        "varning: inga returer är insamlade för 2026-T2 (uppföljning, uppföljning av intern kontroll): rapporten skrevs utan enheternas uppgifter; kör styr collect --period 2026-T2 först\n"
    );
    assert!(
        ws.root
            .join("rapporter/2026-T2/uppfoljning-2026-T2.xlsx")
            .is_file()
    );
    let (code, err) = styr(&["report", "enhet", "--period", "2026-T2", "--unit", "ksf-it"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, err) = styr(&["report", "uppfoljning", "--period", TERTIAL]);
    assert_eq!((code, err.as_str()), (0, ""));
    // The target review of the plan period has no returns either.
    let (code, err) = styr(&["report", "malforslag", "--period", PLAN]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("(översyn av målvärden)"), "{err}");
}

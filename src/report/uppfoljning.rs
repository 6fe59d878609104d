//! The consolidated follow-up for KS and budgetutskottet: Översikt, one sheet per area and per
//! förvaltning, text compilations, the register, every value with its provenance, and the
//! definitions.

use std::collections::BTreeMap;

use crate::analysis::check::{CheckResult, IndicatorRow, Provenance, Status, StatusCounts};
use crate::analysis::store::Store;
use crate::collect::{RegisterEntry, RegisterStatus};
use crate::domain::{Area, FormKind, Perspective, format_number};
use crate::form::FieldRole;
use crate::report::meaning_fill;
use crate::report::{
    indicator_status_cell, num, role_of, status_cell, target_cell, with_empty_note,
};
use crate::report::{legend, words};
use crate::tx;
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Level, Tolerance};
use crate::xlsx_write::{Cell, ListSheet};

mod charts;
pub mod peers;
pub mod workbook;

use crate::xlsx_write::sheets::{ANALYSES, DATA, GOALS, QUALITY, RETURNS};
pub use crate::xlsx_write::sheets::{CONTROL, DEFINITIONS, OVERVIEW};

/// Counts of statuses for one row of the Översikt (a förvaltning or the kommun), per area.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    pub label: String,
    /// The sheet to drill down to.
    pub sheet: Option<String>,
    pub by_area: Vec<StatusCounts>,
    pub total: StatusCounts,
}

/// A bar chart's data: categories and one or two series (and a målvärde line value).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub title: String,
    pub unit: String,
    pub categories: Vec<String>,
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// Why the chart is left out (it has nothing to show for the period); then the
    /// categories and series are empty and the note is printed in the chart's place.
    pub note: Option<String>,
}

/// One line of the Översikt's economy table: name, budget, forecast, deviation (tkr and %),
/// status.
pub type EconomyLine = (
    String,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Status,
);

/// Everything on the Översikt page.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub title: String,
    pub subtitle: String,
    pub legend: String,
    pub areas: Vec<Area>,
    pub rows: Vec<OverviewRow>,
    /// Why the status tables are left out (no indicator is reported for the period).
    pub status_note: Option<String>,
    pub perspectives: Vec<(Perspective, StatusCounts)>,
    /// Economy per förvaltning and the kommun: name, budget, forecast, deviation, %, status.
    pub economy: Vec<EconomyLine>,
    /// Why the economy table is left out (no förvaltning in the workspace).
    pub economy_note: Option<String>,
    pub charts: Vec<ChartData>,
    /// Returns: (status, count).
    pub returns: Vec<(String, u32)>,
    /// Links to the other sheets: (label, sheet).
    pub links: Vec<(String, String)>,
    /// The peer strip: the kommun beside its Kolada peers (apart from the statuses).
    pub peers: Vec<peers::PeerLine>,
    /// Why the peer strip is left out though Kolada indicators are catalogued.
    pub peers_note: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    pub overview: Overview,
    pub sheets: Vec<ListSheet>,
    pub title: String,
}

/// Short sheet name of a förvaltning (its id, which Excel accepts).
fn forv_sheet(id: &str) -> String {
    format!("Förv {id}")
}

fn area_sheet(a: Area) -> String {
    a.swedish().to_string()
}

fn provenance_text(p: &Provenance) -> String {
    match p {
        Provenance::Cell(c) => format!("{} {}", c.file, c.reference()),
        Provenance::History { file, line } => {
            line.map_or_else(|| file.clone(), |l| format!("{file}:{l}"))
        }
        Provenance::Rollup {
            rollup,
            from,
            missing,
            ..
        } => {
            if *missing > 0 {
                tx!("report-provenance-rollup-missing", "rollup" => words::rollup(*rollup), "n" => from.len(), "missing" => usize::try_from(*missing).unwrap_or(usize::MAX))
            } else {
                tx!("report-provenance-rollup", "rollup" => words::rollup(*rollup), "n" => from.len())
            }
        }
        Provenance::Derived(d) => d.text(),
        Provenance::None => String::new(),
    }
}

/// Builds the report of `check` for the workspace.
pub fn build(
    ws: &Workspace,
    check: &CheckResult,
    store: &Store,
    register: &[RegisterEntry],
) -> Report {
    let period = check.period;
    let areas: Vec<Area> = Area::ALL
        .iter()
        .copied()
        .filter(|a| check.indicators.iter().any(|r| r.area == *a))
        .collect();
    let counts_for = |rows: &mut dyn Iterator<Item = &IndicatorRow>| {
        let rows: Vec<&IndicatorRow> = rows.collect();
        let by_area = areas
            .iter()
            .map(|a| StatusCounts::of(rows.iter().filter(|r| r.area == *a).map(|r| &r.status)))
            .collect();
        let total = StatusCounts::of(rows.iter().map(|r| &r.status));
        (by_area, total)
    };
    let mut rows = Vec::new();
    for (id, name) in &check.forvaltning_names {
        let (by_area, total) = counts_for(
            &mut check
                .indicators
                .forvaltningar
                .iter()
                .filter(|r| r.forvaltning.as_ref() == Some(id)),
        );
        rows.push(OverviewRow {
            label: format!("{id} {name}"),
            sheet: Some(forv_sheet(id.as_str())),
            by_area,
            total,
        });
    }
    let (by_area, total) = counts_for(&mut check.indicators.kommun.iter());
    rows.push(OverviewRow {
        label: tx!("report-overview-kommun-row", "kommun" => &check.kommun),
        sheet: None,
        by_area,
        total,
    });
    let perspectives = Perspective::ALL
        .iter()
        .map(|p| {
            (
                *p,
                StatusCounts::of(
                    check
                        .indicators
                        .kommun
                        .iter()
                        .filter(|r| r.perspective == *p)
                        .map(|r| &r.status),
                ),
            )
        })
        .collect();
    let economy = check
        .economy
        .forvaltningar
        .iter()
        .chain(&check.economy.kommun)
        .map(|e| {
            (
                // A total with units missing is not judged: the line says how many it covers.
                match words::economy_coverage(e) {
                    Some(c) => format!("{} ({c})", e.name),
                    None => e.name.clone(),
                },
                e.budget_tkr,
                e.forecast_tkr,
                e.deviation_tkr,
                e.deviation_pct,
                e.status,
            )
        })
        .collect::<Vec<_>>();
    let charts = charts::charts(ws, check);
    let mut returns: BTreeMap<RegisterStatus, u32> = BTreeMap::new();
    for r in register.iter().filter(|r| r.recipient.is_some()) {
        *returns.entry(r.status).or_default() += 1;
    }
    let returns = RegisterStatus::ALL
        .iter()
        .filter_map(|s| returns.get(s).map(|n| (s.label(), *n)))
        .collect();
    let mut links: Vec<(String, String)> = areas
        .iter()
        .map(|a| (words::area(*a), area_sheet(*a)))
        .collect();
    for s in [
        ANALYSES,
        QUALITY,
        GOALS,
        CONTROL,
        RETURNS,
        DATA,
        DEFINITIONS,
    ] {
        links.push((sheet_label(s), s.to_string()));
    }
    let forum = ws
        .config
        .deadline(FormKind::Uppfoljning, period)
        .and_then(|d| d.forum.clone())
        .unwrap_or_default();
    let overview = Overview {
        title: tx!("report-overview-title", "kommun" => &check.kommun, "period" => period.shown()),
        subtitle: if forum.is_empty() {
            tx!("report-overview-subtitle")
        } else {
            tx!("report-overview-subtitle-forum", "forum" => forum.as_str())
        },
        legend: legend(),
        areas: areas.clone(),
        rows,
        status_note: areas
            .is_empty()
            .then(|| tx!("report-overview-no-indicators", "when" => charts::period_adverb(period))),
        perspectives,
        economy_note: economy
            .is_empty()
            .then(|| tx!("report-overview-no-forvaltning")),
        economy,
        charts,
        returns,
        links,
        peers: peers::strip(check),
        peers_note: peers::strip_note(check),
    };

    // The Data sheet (every value of the period) is as large as all the others together: it is
    // built on a second thread.
    // A list with no rows says why above its other notes.
    let when = period.shown();
    let (data, mut sheets) = std::thread::scope(|scope| {
        let data = scope.spawn(|| data_list(ws, check, store));
        let mut sheets = Vec::new();
        for a in &areas {
            sheets.push(area_list(ws, check, *a));
        }
        for (id, name) in &check.forvaltning_names {
            sheets.push(with_empty_note(
                forvaltning_list(check, id.as_str(), name),
                tx!("report-empty-forvaltning", "when" => &when),
            ));
        }
        sheets.push(with_empty_note(
            analyses(ws, check, store),
            tx!("report-empty-analyses", "when" => &when),
        ));
        sheets.push(with_empty_note(
            quality(ws, check, store),
            tx!("report-empty-quality", "when" => &when),
        ));
        sheets.push(with_empty_note(
            goals(ws, check, store),
            tx!("report-empty-goals", "when" => &when),
        ));
        sheets.push(with_empty_note(
            internal_control(ws, check, store),
            tx!("report-empty-control", "year" => period.year().to_string()),
        ));
        sheets.push(with_empty_note(
            register_list(check, register),
            tx!("report-empty-returns", "when" => &when),
        ));
        let data = data.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (data, sheets)
    });
    sheets.push(with_empty_note(
        data,
        tx!("report-empty-data", "when" => &when),
    ));
    sheets.push(definitions(ws));
    Report {
        overview,
        sheets,
        title: tx!("report-workbook-title", "period" => period.to_string()),
    }
}

fn indicator_cells(r: &IndicatorRow) -> Vec<Cell> {
    vec![
        num(r.value, r.decimals),
        target_cell(r.target, r.decimals),
        indicator_status_cell(r),
        num(r.deviation, r.decimals),
        Cell::Text(crate::report::comparison_text(&r.previous)),
        num(r.previous.value, r.decimals),
        num(r.last_year.value, r.decimals),
        Cell::Spark,
    ]
}

/// The columns of an indicator's figures; without the sparkline column (the last) on a
/// förvaltning's sheet.
fn indicator_columns(with_spark: bool) -> Vec<(String, f64)> {
    let mut c = vec![
        (tx!("report-col-value"), 10.0),
        (tx!("report-col-target"), 10.0),
        (tx!("report-col-status"), 22.0),
        (tx!("report-col-deviation"), 10.0),
        (tx!("report-col-trend"), 13.0),
        (tx!("report-col-previous"), 11.0),
        (tx!("report-col-last-year"), 11.0),
    ];
    if with_spark {
        c.push((tx!("report-col-development"), 12.0));
    }
    c
}

/// The label of a link to one of the report's fixed sheets (the sheet keeps its name).
fn sheet_label(sheet: &str) -> String {
    match sheet {
        ANALYSES => tx!("report-sheet-analyses"),
        QUALITY => tx!("report-sheet-quality"),
        GOALS => tx!("report-sheet-goals"),
        CONTROL => tx!("report-sheet-control"),
        RETURNS => tx!("report-sheet-returns"),
        DATA => tx!("report-sheet-data"),
        DEFINITIONS => tx!("report-sheet-definitions"),
        other => other.to_string(),
    }
}

fn spark(r: &IndicatorRow) -> Vec<Option<f64>> {
    vec![r.last_year.value, r.previous.value, r.value]
}

fn area_list(ws: &Workspace, check: &CheckResult, area: Area) -> ListSheet {
    let mut rows = Vec::new();
    let mut spark_values = Vec::new();
    for ind in ws.catalogue.indicators.iter().filter(|i| i.area == area) {
        let of_ind = |r: &&IndicatorRow| r.indicator == ind.id;
        for r in check
            .indicators
            .kommun
            .iter()
            .filter(of_ind)
            .chain(check.indicators.forvaltningar.iter().filter(of_ind))
        {
            let level = match &r.level {
                Level::Kommun => Cell::Text(tx!("report-kommun")),
                Level::Forvaltning(f) => Cell::Link {
                    text: f.to_string(),
                    sheet: forv_sheet(f.as_str()),
                    cell: "A1".into(),
                },
                Level::Unit(u) => Cell::Text(u.to_string()),
            };
            let mut row = vec![
                Cell::Text(ind.name.clone()),
                level,
                Cell::Text(words::measure(ind.measure)),
            ];
            row.extend(indicator_cells(r));
            row.push(Cell::Text(r.rule.clone()));
            row.extend(peers::area_cells(
                check,
                &ind.id,
                matches!(r.level, Level::Kommun),
            ));
            rows.push(row);
            spark_values.push(spark(r));
        }
    }
    let mut columns = vec![
        (tx!("report-col-indicator"), 34.0),
        (tx!("report-col-level"), 10.0),
        (tx!("report-col-measure-unit"), 7.0),
    ];
    columns.extend(indicator_columns(true));
    columns.push((tx!("report-col-rule"), 28.0));
    columns.extend(peers::columns());
    ListSheet {
        name: area_sheet(area),
        title: tx!("report-area-title", "area" => words::area(area)),
        subtitle: tx!("report-area-subtitle", "kommun" => &check.kommun, "period" => check.period.shown()),
        columns,
        rows,
        notes: vec![
            legend(),
            tx!("report-area-definitions-note"),
            peers::text::note(),
        ],
        back_to: Some(OVERVIEW.into()),
        spark_values,
        ..ListSheet::default()
    }
}

/// A unit's name, marked when its return had errors and its values are preliminary.
fn unit_name(check: &CheckResult, level: &Level, name: &str) -> String {
    if matches!(level, Level::Unit(u) if check.preliminary.contains(u)) {
        format!("{name} ({})", tx!("report-preliminary"))
    } else {
        name.to_string()
    }
}

fn forvaltning_list(check: &CheckResult, id: &str, name: &str) -> ListSheet {
    let mut rows = Vec::new();
    for e in check
        .economy
        .units
        .iter()
        .filter(|e| e.forvaltning.as_ref().is_some_and(|f| f.as_str() == id))
    {
        rows.push(vec![
            Cell::Text(unit_name(check, &e.level, &e.name)),
            Cell::Text(tx!("report-forvaltning-economy-row")),
            Cell::Text("tkr".into()),
            num(e.forecast_tkr, 0),
            num(e.budget_tkr, 0),
            status_cell(e.status),
            num(e.deviation_tkr, 0),
            Cell::Text("–".into()),
            Cell::Empty,
            Cell::Empty,
            Cell::Text(
                e.forecast_source
                    .as_ref()
                    .map(|c| format!("{} {}", c.file, c.reference()))
                    .unwrap_or_default(),
            ),
        ]);
    }
    for r in check
        .indicators
        .units
        .iter()
        .filter(|r| r.forvaltning.as_ref().is_some_and(|f| f.as_str() == id))
    {
        let mut row = vec![
            Cell::Text(unit_name(check, &r.level, &r.name)),
            Cell::Text(r.indicator_name.clone()),
            Cell::Text(words::measure(r.measure)),
        ];
        row.extend(indicator_cells(r));
        // One sparkline per unit row would be thousands: the area sheets show the trend.
        row.pop();
        row.push(Cell::Text(provenance_text(&r.provenance)));
        rows.push(row);
    }
    let mut columns = vec![
        (tx!("report-col-unit"), 26.0),
        (tx!("report-col-indicator"), 30.0),
        (tx!("report-col-measure"), 6.0),
    ];
    columns.extend(indicator_columns(false));
    columns.push((tx!("report-col-source"), 48.0));
    let any_preliminary = check.economy.units.iter().any(|e| {
        e.forvaltning.as_ref().is_some_and(|f| f.as_str() == id)
            && matches!(&e.level, Level::Unit(u) if check.preliminary.contains(u))
    });
    ListSheet {
        name: forv_sheet(id),
        title: tx!("report-forvaltning-title", "name" => name),
        subtitle: format!("{} · {}", check.kommun, check.period.shown()),
        columns,
        rows,
        notes: std::iter::once(legend())
            .chain(any_preliminary.then(
                || tx!("report-preliminary-note", "preliminary" => tx!("report-preliminary")),
            ))
            .collect(),
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

/// Stored text values of the period's follow-ups: (unit, section, key, role) -> text.
fn texts(ws: &Workspace, store: &Store, check: &CheckResult, kind: FormKind) -> Texts {
    let mut out = BTreeMap::new();
    for v in store.of(check.period, kind) {
        let role = role_of(ws, v);
        if let (Some(role), Some(t)) = (role, &v.text) {
            out.insert(
                (v.unit.clone(), v.key.clone(), role),
                (v.section.clone(), t.clone()),
            );
        }
    }
    out
}

fn analyses(ws: &Workspace, check: &CheckResult, store: &Store) -> ListSheet {
    let t = texts(ws, store, check, FormKind::Uppfoljning);
    let get = |u: &str, k: &str, r: FieldRole| {
        t.get(&(u.to_string(), k.to_string(), r))
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for r in check
        .indicators
        .units
        .iter()
        .filter(|r| r.status == Status::EjUppfyllt)
    {
        let Level::Unit(u) = &r.level else { continue };
        rows.push(vec![
            Cell::Text(
                r.forvaltning
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
            Cell::Text(r.name.clone()),
            Cell::Text(r.indicator_name.clone()),
            num(r.value, r.decimals),
            target_cell(r.target, r.decimals),
            Cell::Text(get(u.as_str(), r.indicator.as_str(), FieldRole::Analysis)),
            Cell::Text(get(u.as_str(), r.indicator.as_str(), FieldRole::Action)),
        ]);
    }
    // The units' summary analyses follow.
    for u in &ws.config.units {
        let s = get(u.id.as_str(), "", FieldRole::Summary);
        if !s.is_empty() {
            rows.push(vec![
                Cell::Text(u.forvaltning.to_string()),
                Cell::Text(u.name.clone()),
                Cell::Text(tx!("report-summary-analysis")),
                Cell::Empty,
                Cell::Empty,
                Cell::Text(s),
                Cell::Text(get(u.id.as_str(), "", FieldRole::PlannedActions)),
            ]);
        }
    }
    ListSheet {
        name: ANALYSES.into(),
        title: tx!("report-analyses-title"),
        subtitle: format!("{} · {}", check.kommun, check.period.shown()),
        columns: vec![
            (tx!("report-col-forv"), 7.0),
            (tx!("report-col-unit"), 24.0),
            (tx!("report-col-indicator"), 28.0),
            (tx!("report-col-value"), 9.0),
            (tx!("report-col-target"), 9.0),
            (tx!("report-col-analysis"), 50.0),
            (tx!("report-col-action"), 50.0),
        ],
        rows,
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

/// Stored texts by (unit, row key, role): (section, text).
type Texts = BTreeMap<(String, String, FieldRole), (String, String)>;

/// The row keys of a unit's rows that hold a value of `role` (e.g. every quality factor).
fn row_keys(t: &Texts, unit: &str, role: FieldRole) -> Vec<String> {
    t.keys()
        .filter(|(u, _, r)| u == unit && *r == role)
        .map(|(_, k, _)| k.clone())
        .collect()
}

/// The text of `role` in a unit's row, or "".
fn text_at(t: &Texts, unit: &str, key: &str, role: FieldRole) -> String {
    t.get(&(unit.to_string(), key.to_string(), role))
        .map(|(_, s)| s.clone())
        .unwrap_or_default()
}

fn quality(ws: &Workspace, check: &CheckResult, store: &Store) -> ListSheet {
    let t = texts(ws, store, check, FormKind::Uppfoljning);
    let form = ws.forms.current(FormKind::Uppfoljning);
    let mut rows = Vec::new();
    for u in &ws.config.units {
        for k in row_keys(&t, u.id.as_str(), FieldRole::Factor) {
            let get = |r: FieldRole| text_at(&t, u.id.as_str(), &k, r);
            let assessment = get(FieldRole::Assessment);
            let fill = meaning_fill(form, FieldRole::Assessment, &assessment);
            rows.push(vec![
                Cell::Text(u.forvaltning.to_string()),
                Cell::Text(u.name.clone()),
                Cell::Text(get(FieldRole::Perspective)),
                Cell::Text(get(FieldRole::Factor)),
                Cell::Status(assessment, fill),
                Cell::Text(get(FieldRole::Comment)),
            ]);
        }
    }
    let mut notes = Vec::new();
    for q in &check.quality.kommun {
        let counts: Vec<String> = q.counts.iter().map(|(c, n)| format!("{c}: {n}")).collect();
        notes.push(format!(
            "{}: {}",
            q.perspective
                .map_or_else(|| tx!("report-all-perspectives"), words::perspective),
            counts.join(", ")
        ));
    }
    ListSheet {
        name: QUALITY.into(),
        title: tx!("report-quality-title"),
        subtitle: format!("{} · {}", check.kommun, check.period.shown()),
        columns: vec![
            (tx!("report-col-forv"), 7.0),
            (tx!("report-col-unit"), 26.0),
            (tx!("report-col-perspective"), 13.0),
            (tx!("report-col-factor"), 34.0),
            (tx!("report-col-assessment"), 15.0),
            (tx!("report-col-comment"), 60.0),
        ],
        rows,
        notes,
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

/// The internal control follow-up: every control point with each unit's latest result in
/// the year (the follow-up is sent with a tertial or the year, not every period).
fn internal_control(ws: &Workspace, check: &CheckResult, store: &Store) -> ListSheet {
    let year = check.period.year();
    // The latest internkontroll period of the year collected so far.
    let latest = store
        .values
        .iter()
        .filter(|v| {
            v.form == FormKind::Internkontroll
                && v.period.year() == year
                && v.period <= check.period
        })
        .map(|v| v.period)
        .max();
    let mut rows = Vec::new();
    if let Some(p) = latest {
        let mut by: BTreeMap<(String, String, FieldRole), String> = BTreeMap::new();
        for v in store.of(p, FormKind::Internkontroll) {
            let role = role_of(ws, v);
            if let (Some(role), Some(t)) = (role, &v.text) {
                by.insert((v.unit.clone(), v.key.clone(), role), t.clone());
            }
        }
        let form = ws.forms.current(FormKind::Internkontroll);
        for c in &ws.config.controls {
            for u in
                ws.config.units.iter().filter(|u| {
                    c.forvaltningar.is_empty() || c.forvaltningar.contains(&u.forvaltning)
                })
            {
                let get = |r: FieldRole| {
                    by.get(&(u.id.to_string(), c.id.to_string(), r))
                        .cloned()
                        .unwrap_or_default()
                };
                let done = get(FieldRole::ControlDone);
                if done.is_empty() {
                    continue;
                }
                let result = get(FieldRole::ControlResult);
                let fill = meaning_fill(form, FieldRole::ControlResult, &result);
                rows.push(vec![
                    Cell::Text(format!("{} {}", c.id, c.name)),
                    Cell::Text(c.risk.clone()),
                    Cell::Text(u.name.clone()),
                    Cell::Text(done),
                    Cell::Status(result, fill),
                    Cell::Text(get(FieldRole::Observations)),
                    Cell::Text(get(FieldRole::Action)),
                ]);
            }
        }
    }
    let subtitle = match latest {
        Some(p) => tx!("report-control-subtitle", "kommun" => &check.kommun, "period" => p.shown()),
        None => {
            tx!("report-control-subtitle-none", "kommun" => &check.kommun, "year" => year.to_string())
        }
    };
    ListSheet {
        name: CONTROL.into(),
        title: tx!("report-control-title"),
        subtitle,
        columns: vec![
            (tx!("report-col-control-point"), 34.0),
            (tx!("report-col-risk"), 8.0),
            (tx!("report-col-unit"), 26.0),
            (tx!("report-col-done"), 10.0),
            (tx!("report-col-result"), 18.0),
            (tx!("report-col-observations"), 44.0),
            (tx!("report-col-action"), 40.0),
        ],
        rows,
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

fn goals(ws: &Workspace, check: &CheckResult, store: &Store) -> ListSheet {
    let mut rows = Vec::new();
    for g in &check.goals {
        rows.push(vec![
            Cell::Text(tx!("report-kommun")),
            Cell::Text(format!("{} {}", g.goal, g.name)),
            Cell::Text(words::perspective(g.perspective)),
            Cell::Text(tx!(
                "report-goal-counts",
                "n" => g.indicators.len(),
                "green" => g.counts.uppfyllt,
                "yellow" => g.counts.delvis,
                "red" => g.counts.ej_uppfyllt,
                "grey" => g.counts.ej_bedomt
            )),
            status_cell(g.status),
            Cell::Empty,
        ]);
    }
    let t = texts(ws, store, check, FormKind::Uppfoljning);
    let form = ws.forms.current(FormKind::Uppfoljning);
    for u in &ws.config.units {
        for k in row_keys(&t, u.id.as_str(), FieldRole::Activity) {
            let get = |r: FieldRole| text_at(&t, u.id.as_str(), &k, r);
            let status = get(FieldRole::ActivityStatus);
            let fill = meaning_fill(form, FieldRole::ActivityStatus, &status);
            rows.push(vec![
                Cell::Text(u.name.clone()),
                Cell::Text(get(FieldRole::Goal)),
                Cell::Text(String::new()),
                Cell::Text(tx!(
                    "report-activity-owner",
                    "activity" => get(FieldRole::Activity),
                    "owner" => get(FieldRole::Owner)
                )),
                Cell::Status(status, fill),
                Cell::Text(get(FieldRole::Comment)),
            ]);
        }
    }
    ListSheet {
        name: GOALS.into(),
        title: tx!("report-goals-title"),
        subtitle: format!("{} · {}", check.kommun, check.period.shown()),
        columns: vec![
            (tx!("report-col-who"), 26.0),
            (tx!("report-col-goal"), 36.0),
            (tx!("report-col-perspective"), 12.0),
            (tx!("report-col-assessment-activity"), 50.0),
            (tx!("report-col-status"), 14.0),
            (tx!("report-col-comment"), 40.0),
        ],
        rows,
        notes: vec![tx!("report-rule-goal")],
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

fn register_list(check: &CheckResult, register: &[RegisterEntry]) -> ListSheet {
    let rows = register
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.recipient.clone().unwrap_or_default()),
                Cell::Text(r.name.clone()),
                Cell::Text(r.forvaltning.clone()),
                Cell::Status(r.status.label(), r.status.fill()),
                Cell::Text({
                    let name = r
                        .file
                        .as_deref()
                        .map(|f| f.rsplit('/').next().unwrap_or(f).to_string())
                        .unwrap_or_default();
                    if r.other_unit {
                        format!("{name} ({})", crate::tx!("other-unit"))
                    } else {
                        name
                    }
                }),
                Cell::Text(r.saved.clone().unwrap_or_default()),
                Cell::Number(r.errors as f64, 0),
            ]
        })
        .collect();
    ListSheet {
        name: RETURNS.into(),
        title: tx!("report-returns-title", "period" => check.period.shown()),
        subtitle: check.kommun.clone(),
        columns: vec![
            (tx!("report-col-id"), 22.0),
            (tx!("report-col-name"), 30.0),
            (tx!("report-col-forvaltning"), 34.0),
            (tx!("report-col-status"), 16.0),
            (tx!("report-col-file"), 48.0),
            (tx!("report-col-saved"), 11.0),
            (tx!("report-col-errors"), 6.0),
        ],
        rows,
        back_to: Some(OVERVIEW.into()),
        ..ListSheet::default()
    }
}

fn data_list(ws: &Workspace, check: &CheckResult, store: &Store) -> ListSheet {
    // A thousand units' values: look each unit up once, not once per value (the first unit of
    // an id, as `Config::unit` finds it).
    let mut forvaltning: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for u in &ws.config.units {
        forvaltning
            .entry(u.id.as_str())
            .or_insert_with(|| u.forvaltning.to_string());
    }
    let forv = |unit: &str| {
        forvaltning
            .get(unit)
            .map_or_else(|| unit.to_string(), Clone::clone)
    };
    let period = check.period.to_string();
    let rows = store
        .values
        .iter()
        .filter(|v| v.period == check.period && v.is_value())
        .map(|v| {
            vec![
                Cell::Text(period.clone()),
                Cell::Text(v.form.key().into()),
                Cell::Text(forv(&v.unit)),
                Cell::Text(v.unit.clone()),
                Cell::Text(v.section.clone()),
                Cell::Text(v.key.clone()),
                Cell::Text(v.field.clone()),
                v.number.map_or(Cell::Empty, |n| Cell::Number(n, 2)),
                v.text.clone().map_or(Cell::Empty, Cell::Text),
                Cell::Text(v.file.clone()),
                Cell::Text(v.sheet.clone()),
                Cell::Text(v.cell.clone()),
            ]
        })
        .collect();
    ListSheet {
        name: DATA.into(),
        title: tx!("report-data-title"),
        subtitle: tx!("report-data-subtitle", "kommun" => &check.kommun, "period" => check.period.shown()),
        columns: [
            tx!("report-col-period"),
            tx!("report-col-form"),
            tx!("report-col-forvaltning"),
            tx!("report-col-unit"),
            tx!("report-col-section"),
            tx!("report-col-key"),
            tx!("report-col-field"),
            tx!("report-col-number"),
            tx!("report-col-text"),
            tx!("report-col-file"),
            tx!("report-col-sheet"),
            tx!("report-col-cell"),
        ]
        .into_iter()
        .zip([
            9.0, 12.0, 11.0, 22.0, 12.0, 22.0, 14.0, 12.0, 40.0, 44.0, 22.0, 7.0,
        ])
        .collect(),
        rows,
        table: true,
        back_to: Some(OVERVIEW.into()),
        print_head_only: true,
        ..ListSheet::default()
    }
}

fn definitions(ws: &Workspace) -> ListSheet {
    let rows = ws
        .catalogue
        .indicators
        .iter()
        .map(|i| {
            let tol = match i.tolerance {
                Tolerance::None => tx!("report-tolerance-none"),
                Tolerance::Absolute(w) => {
                    format!("{} {}", format_number(w, None), words::measure(i.measure))
                }
                Tolerance::Relative(p) => {
                    tx!("report-tolerance-relative", "pct" => format_number(p, None))
                }
            };
            vec![
                Cell::Text(i.id.to_string()),
                Cell::Text(i.name.clone()),
                Cell::Text(words::perspective(i.perspective)),
                Cell::Text(words::area(i.area)),
                Cell::Text(words::measure(i.measure)),
                Cell::Text(words::direction(i.direction)),
                Cell::Text(tol),
                Cell::Text(match &i.weight {
                    Some(w) => format!("{} ({w})", words::rollup(i.rollup)),
                    None => words::rollup(i.rollup),
                }),
                Cell::Text(words::tertial_rule(i.tertial_rule)),
                Cell::Text(format!(
                    "{} · {}",
                    words::frequency(i.frequency),
                    words::reported_by(i.reported_by)
                )),
                Cell::Text(i.definition.numerator.clone()),
                Cell::Text(i.definition.denominator.clone()),
                Cell::Text(format!("{} ({})", i.definition.source, i.definition.owner)),
                Cell::Text(i.kolada.clone().unwrap_or_default()),
                Cell::Text(
                    i.goals
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ]
        })
        .collect();
    ListSheet {
        name: DEFINITIONS.into(),
        title: tx!("report-definitions-title"),
        subtitle: ws.config.kommun.name.clone(),
        columns: [
            tx!("report-col-id"),
            tx!("report-col-indicator"),
            tx!("report-col-perspective"),
            tx!("report-col-area"),
            tx!("report-col-measure"),
            tx!("report-col-direction"),
            tx!("report-col-tolerance"),
            tx!("report-col-rollup"),
            tx!("report-col-during-year"),
            tx!("report-col-frequency"),
            tx!("report-col-numerator"),
            tx!("report-col-denominator"),
            tx!("report-col-source-owner"),
            tx!("report-col-kolada"),
            tx!("report-col-goal"),
        ]
        .into_iter()
        .zip([
            16.0, 30.0, 12.0, 11.0, 7.0, 14.0, 14.0, 18.0, 22.0, 16.0, 34.0, 28.0, 28.0, 9.0, 8.0,
        ])
        .collect(),
        rows,
        notes: vec![
            tx!("report-rule-status"),
            tx!("report-rule-target"),
            tx!("report-rule-rollup"),
            tx!("report-rule-trend"),
            tx!("report-rule-economy"),
        ],
        back_to: Some(OVERVIEW.into()),
        print_head_only: true,
        ..ListSheet::default()
    }
}

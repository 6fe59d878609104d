//! `styr report enhet`: one feedback workbook per unit for the vertical dialogue. The unit's
//! indicators against its målvärden with status lights, beside its förvaltning's and the
//! kommun's values and the trends; its economy beside the förvaltning's and the kommun's; its
//! activities that are not done.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::analysis::check::{self, CheckResult, EconomyRow, IndicatorRow, Provenance};
use crate::analysis::store::Store;
use crate::collect::RegisterEntry;
use crate::domain::{FormKind, IndicatorId, Period};
use crate::form::{FieldRole, Meaning};
use crate::report::verksamhetsplan::{returns_by_role, text_of};
use crate::report::{ReportError, legend, meaning_fill, report_date, words};
use crate::report::{indicator_status_cell, num, status_cell, target_cell};
use crate::tx;
use crate::workspace::Workspace;
use crate::workspace::catalogue::Level;
use crate::workspace::config::Unit;
use crate::xlsx_write::{Cell, ListSheet};

/// The unit's indicators.
pub const INDICATORS: &str = "Indikatorer";
pub const ECONOMY: &str = "Ekonomi";
pub const ACTIVITIES: &str = "Aktiviteter";

fn source_text(p: &Provenance) -> String {
    match p {
        Provenance::Cell(c) => format!("{} {}", c.file, c.reference()),
        Provenance::History { file, line } => {
            line.map_or_else(|| file.clone(), |l| format!("{file}:{l}"))
        }
        Provenance::Rollup { rollup, from, .. } => {
            tx!("report-provenance-rollup", "rollup" => words::rollup(*rollup), "n" => from.len())
        }
        Provenance::Derived(d) => d.text(),
        Provenance::None => String::new(),
    }
}

/// The workbook's file name: `enhet-2026-T1-buf-fsk-solrosen.xlsx`.
pub fn file_name(period: Period, unit: &str) -> String {
    format!("enhet-{period}-{unit}.xlsx")
}

/// The sheets of one unit's feedback workbook (`register`: the period's returns register).
pub fn build(
    ws: &Workspace,
    check: &CheckResult,
    store: &Store,
    register: &[RegisterEntry],
    unit: &Unit,
) -> Vec<ListSheet> {
    let period = check.period;
    let forv = ws
        .config
        .forvaltning(unit.forvaltning.as_str())
        .map_or_else(|| unit.forvaltning.to_string(), |f| f.name.clone());
    let returned = register
        .iter()
        .find(|e| {
            e.recipient.as_deref() == Some(unit.id.as_str())
                && e.form.as_deref() == Some(FormKind::Uppfoljning.key())
        })
        .map_or_else(|| tx!("report-overview-no-returns"), |e| e.status.label());
    let returned = if check.preliminary.contains(&unit.id) {
        tx!("enhet-preliminary", "preliminary" => tx!("report-preliminary"))
    } else {
        returned
    };
    let subtitle = tx!(
        "enhet-subtitle",
        "unit" => &unit.name,
        "forvaltning" => &forv,
        "period" => period.shown(),
        "returned" => &returned
    );
    let by_indicator = |rows: &[IndicatorRow],
                        keep: &dyn Fn(&IndicatorRow) -> bool|
     -> BTreeMap<IndicatorId, IndicatorRow> {
        rows.iter()
            .filter(|r| keep(r))
            .map(|r| (r.indicator.clone(), r.clone()))
            .collect()
    };
    let mine_f = by_indicator(&check.indicators.forvaltningar, &|r| {
        r.forvaltning.as_ref() == Some(&unit.forvaltning)
    });
    let kommun = by_indicator(&check.indicators.kommun, &|_| true);
    let mut rows = Vec::new();
    let mut spark_values = Vec::new();
    let mut counts = check::StatusCounts::default();
    for r in check
        .indicators
        .units
        .iter()
        .filter(|r| r.level == Level::Unit(unit.id.clone()))
    {
        counts.add(r.status);
        let f = mine_f.get(&r.indicator);
        let k = kommun.get(&r.indicator);
        let rule = match &r.target_source {
            Some(t) => format!("{} ({})", r.rule, words::target_source(t)),
            None => r.rule.clone(),
        };
        rows.push(vec![
            Cell::Text(r.indicator_name.clone()),
            Cell::Text(words::measure(r.measure)),
            num(r.value, r.decimals),
            target_cell(r.target, r.decimals),
            indicator_status_cell(r),
            Cell::Text(crate::report::comparison_text(&r.previous)),
            num(r.previous.value, r.decimals),
            num(r.last_year.value, r.decimals),
            Cell::Spark,
            num(f.and_then(|f| f.value), r.decimals),
            f.map_or(Cell::Empty, indicator_status_cell),
            num(k.and_then(|k| k.value), r.decimals),
            k.map_or(Cell::Empty, indicator_status_cell),
            Cell::Text(rule),
            Cell::Text(source_text(&r.provenance)),
        ]);
        spark_values.push(vec![r.last_year.value, r.previous.value, r.value]);
    }
    let column = |h: &str, w: f64| (h.to_string(), w);
    let indicators = ListSheet {
        name: INDICATORS.into(),
        title: tx!("enhet-title", "unit" => &unit.name, "period" => period.shown()),
        subtitle: tx!(
            "enhet-counts",
            "subtitle" => &subtitle,
            "green" => counts.uppfyllt,
            "yellow" => counts.delvis,
            "red" => counts.ej_uppfyllt,
            "grey" => counts.ej_bedomt
        ),
        columns: vec![
            column(&tx!("report-col-indicator"), 30.0),
            column(&tx!("report-col-measure"), 6.0),
            column(&tx!("report-col-value"), 9.0),
            column(&tx!("report-col-target"), 9.0),
            column(&tx!("report-col-status"), 20.0),
            column(&tx!("report-col-trend"), 12.0),
            column(
                &tx!("enhet-col-previous", "period" => check.previous.to_string()),
                10.0,
            ),
            column(
                &tx!("enhet-col-last-year", "period" => check.last_year.to_string()),
                10.0,
            ),
            column(&tx!("report-col-development"), 11.0),
            column(&tx!("enhet-col-forvaltning"), 11.0),
            column(&tx!("enhet-col-forvaltning-status"), 12.0),
            column(&tx!("report-kommun"), 11.0),
            column(&tx!("enhet-col-kommun-status"), 12.0),
            column(&tx!("enhet-col-rule"), 32.0),
            column(&tx!("report-col-source"), 30.0),
        ],
        rows,
        notes: vec![legend(), tx!("enhet-note")],
        spark_values,
        ..ListSheet::default()
    };
    vec![
        indicators,
        economy(check, unit, &subtitle),
        activities(ws, store, unit, period, &subtitle),
    ]
}

fn economy(check: &CheckResult, unit: &Unit, subtitle: &str) -> ListSheet {
    let row = |label: &str, e: &EconomyRow| {
        vec![
            Cell::Text(label.into()),
            Cell::Text(e.name.clone()),
            num(e.budget_tkr, 0),
            num(e.spent_tkr, 0),
            num(e.forecast_tkr, 0),
            num(e.deviation_tkr, 0),
            num(e.deviation_pct, 1),
            status_cell(e.status),
            Cell::Text(
                e.forecast_source
                    .as_ref()
                    .map(|c| format!("{} {}", c.file, c.reference()))
                    .or_else(|| {
                        words::economy_coverage(e).map(|c| tx!("enhet-sum-of", "coverage" => c))
                    })
                    .unwrap_or_default(),
            ),
        ]
    };
    let mut rows = Vec::new();
    if let Some(e) = check
        .economy
        .units
        .iter()
        .find(|e| e.level == Level::Unit(unit.id.clone()))
    {
        rows.push(row(&tx!("report-reported-by-unit"), e));
    }
    if let Some(e) = check
        .economy
        .forvaltningar
        .iter()
        .find(|e| e.forvaltning.as_ref() == Some(&unit.forvaltning))
    {
        rows.push(row(&tx!("enhet-col-forvaltning"), e));
    }
    for e in &check.economy.kommun {
        rows.push(row(&tx!("report-kommun"), e));
    }
    ListSheet {
        name: ECONOMY.into(),
        title: tx!("enhet-economy-title", "unit" => &unit.name),
        subtitle: subtitle.into(),
        columns: vec![
            (tx!("report-col-level"), 13.0),
            (tx!("report-col-name"), 30.0),
            (tx!("enhet-col-budget"), 11.0),
            (tx!("enhet-col-spent"), 11.0),
            (tx!("enhet-col-forecast"), 11.0),
            (tx!("enhet-col-deviation"), 11.0),
            (tx!("enhet-col-deviation-pct"), 9.0),
            (tx!("report-col-status"), 13.0),
            (tx!("report-col-source"), 44.0),
        ],
        rows,
        notes: vec![tx!("report-rule-economy")],
        ..ListSheet::default()
    }
}

fn activities(
    ws: &Workspace,
    store: &Store,
    unit: &Unit,
    period: Period,
    subtitle: &str,
) -> ListSheet {
    let returns = returns_by_role(ws, store, period, FormKind::Uppfoljning);
    let form = ws.forms.current(FormKind::Uppfoljning);
    let mut rows = Vec::new();
    if let Some(r) = returns.get(unit.id.as_str()) {
        for (_, a) in r.rows_with(FieldRole::Activity) {
            let status = text_of(a, FieldRole::ActivityStatus);
            // Done (the form's `[meanings]` says `met`): no longer open.
            if form.and_then(|f| f.meaning(FieldRole::ActivityStatus, &status))
                == Some(Meaning::Met)
            {
                continue;
            }
            let fill = meaning_fill(form, FieldRole::ActivityStatus, &status);
            let source = a
                .get(&FieldRole::Activity)
                .map(|v| {
                    format!(
                        "{} {}!{}",
                        v.file,
                        crate::domain::SheetCell::quoted_sheet(&v.sheet),
                        v.cell
                    )
                })
                .unwrap_or_default();
            rows.push(vec![
                Cell::Text(text_of(a, FieldRole::Goal)),
                Cell::Text(text_of(a, FieldRole::Activity)),
                Cell::Text(text_of(a, FieldRole::Owner)),
                Cell::Status(
                    if status.is_empty() {
                        tx!("enhet-status-missing")
                    } else {
                        status
                    },
                    fill,
                ),
                Cell::Text(text_of(a, FieldRole::Comment)),
                Cell::Text(source),
            ]);
        }
    }
    let empty = rows.is_empty();
    ListSheet {
        name: ACTIVITIES.into(),
        title: tx!("enhet-activities-title", "unit" => &unit.name),
        subtitle: subtitle.into(),
        columns: vec![
            (tx!("report-sheet-goals"), 28.0),
            (tx!("enhet-col-activity"), 40.0),
            (tx!("enhet-col-owner"), 18.0),
            (tx!("report-col-status"), 14.0),
            (tx!("report-col-comment"), 40.0),
            (tx!("report-col-source"), 44.0),
        ],
        rows,
        notes: if empty {
            let done = form
                .map(|f| f.values_meaning(FieldRole::ActivityStatus, Meaning::Met))
                .unwrap_or_default();
            vec![tx!(
                "enhet-no-activities",
                "done" => done.join(&format!(" {} ", tx!("enhet-or")))
            )]
        } else {
            Vec::new()
        },
        ..ListSheet::default()
    }
}

/// Writes one feedback workbook per unit of `units` (every unit when empty) into `dir`
/// (default `<reports>/<period>/enheter/`) and returns their paths.
///
/// # Errors
/// [`ReportError`] when the store cannot be read, the check cannot run (a planning period), a
/// unit is unknown, or a file cannot be written.
pub fn write(
    ws: &Workspace,
    period: Period,
    units: &[String],
    dir: Option<PathBuf>,
) -> Result<Vec<PathBuf>, ReportError> {
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data)))?;
    let check = check::evaluate(ws, &store, period)?;
    let chosen: Vec<&Unit> = if units.is_empty() {
        ws.config.units.iter().collect()
    } else {
        units
            .iter()
            .map(|id| {
                ws.config.unit(id).ok_or_else(|| {
                    ReportError::Write(PathBuf::from(id), "no such unit in styr.toml".into())
                })
            })
            .collect::<Result<_, _>>()?
    };
    let dir = dir.unwrap_or_else(|| {
        ws.path(&ws.config.folders.reports)
            .join(period.to_string())
            .join("enheter")
    });
    let created = report_date(ws, FormKind::Uppfoljning, period);
    let register = crate::collect::load_register(ws, period);
    let mut out = Vec::new();
    for u in chosen {
        let sheets = build(ws, &check, &store, &register, u);
        let title = tx!("enhet-workbook-title", "period" => period.to_string(), "unit" => &u.name);
        let bytes = crate::xlsx_write::write_titled_list_workbook(
            &sheets,
            created,
            &title,
            &ws.config.kommun.name,
        )
        .map_err(|e| ReportError::Write(PathBuf::from(u.id.as_str()), e.to_string()))?;
        let path = dir.join(file_name(period, u.id.as_str()));
        crate::fsx::write_atomic(&path, &bytes)
            .map_err(|e| ReportError::Write(path.clone(), e.to_string()))?;
        out.push(path);
    }
    Ok(out)
}

//! The Översikt's charts: budget and forecast per förvaltning, then the indicators the kommun
//! chose in `[report] overview_charts` (by default one personal and one competence indicator).
//! A chart with nothing to show for the period (its indicators are not reported for this kind of
//! period, or no outcome has come in) carries a one-line note saying why instead of data; the
//! writer prints the note in the chart's place.

use crate::analysis::check::{CheckResult, IndicatorRow};
use crate::domain::{Area, Frequency, Period, Rollup};
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Indicator, TargetValue};
use crate::workspace::config::MAX_OVERVIEW_CHARTS;

use super::ChartData;
use crate::report::words;
use crate::tx;

/// How often indicators are reported for a period of this kind: "månadsvis".
pub(super) fn period_adverb(p: Period) -> String {
    match p {
        Period::Month { .. } => tx!("report-chart-monthly"),
        Period::Tertial { .. } => tx!("report-chart-per-tertial"),
        Period::Year(_) => tx!("report-chart-for-year"),
        Period::Plan(_) => tx!("report-chart-in-plan"),
    }
}

/// How often an indicator of this frequency is reported: "per tertial".
fn frequency_adverb(f: Frequency) -> String {
    match f {
        Frequency::Month => tx!("report-chart-monthly"),
        Frequency::Tertial => tx!("report-chart-per-tertial"),
        Frequency::Year => tx!("report-chart-yearly"),
    }
}

/// A chart left out, with the reason in its place.
fn noted(title: String, unit: &str, note: String) -> ChartData {
    ChartData {
        title,
        unit: unit.to_string(),
        categories: Vec::new(),
        series: Vec::new(),
        note: Some(note),
    }
}

/// Every chart of the Översikt, in order: the economy first, then the indicators `[report]
/// overview_charts` names in `styr.toml`; without that key, the personal and the competence
/// indicator with outcomes from the most förvaltningar (see [`best_of_area`]).
pub(super) fn charts(ws: &Workspace, check: &CheckResult) -> Vec<ChartData> {
    let mut charts = vec![economy(check)];
    match &ws.config.report.overview_charts {
        // Validation refuses an unknown id (C011) and too many (C025) before a report is made.
        Some(ids) => charts.extend(
            ids.iter()
                .take(MAX_OVERVIEW_CHARTS)
                .filter_map(|(id, _)| ws.catalogue.indicators.iter().find(|i| i.id.as_str() == id))
                .map(|ind| indicator_chart(check, ind)),
        ),
        None => {
            charts.push(best_of_area(ws, check, Area::Personal));
            charts.push(best_of_area(ws, check, Area::Kompetens));
        }
    }
    charts
}

fn economy(check: &CheckResult) -> ChartData {
    let title = tx!("report-chart-economy-title");
    let rows = &check.economy.forvaltningar;
    if rows
        .iter()
        .all(|e| e.budget_tkr.is_none() && e.forecast_tkr.is_none())
    {
        return noted(
            title,
            "tkr",
            tx!("report-chart-economy-none", "period" => check.period.shown()),
        );
    }
    ChartData {
        title,
        unit: "tkr".into(),
        categories: rows
            .iter()
            .map(|e| {
                e.forvaltning
                    .as_ref()
                    .map_or_else(|| e.name.clone(), ToString::to_string)
            })
            .collect(),
        series: vec![
            (
                tx!("report-chart-budget"),
                rows.iter().map(|e| e.budget_tkr).collect(),
            ),
            (
                tx!("report-chart-forecast"),
                rows.iter().map(|e| e.forecast_tkr).collect(),
            ),
        ],
        note: None,
    }
}

/// The förvaltningar's rows of an indicator, in the order of the förvaltningar.
fn per_forvaltning<'a>(check: &'a CheckResult, ind: &Indicator) -> Vec<&'a IndicatorRow> {
    check
        .forvaltning_names
        .iter()
        .filter_map(|(f, _)| {
            check
                .indicators
                .forvaltningar
                .iter()
                .find(|r| r.indicator == ind.id && r.forvaltning.as_ref() == Some(f))
        })
        .collect()
}

/// An indicator's outcome and målvärde per förvaltning.
fn indicator_chart(check: &CheckResult, ind: &Indicator) -> ChartData {
    let unit = words::measure(ind.measure);
    let title = tx!("report-chart-indicator-title", "name" => &ind.name, "measure" => &unit);
    let unit = unit.as_str();
    let period = check.period;
    if !ind.frequency.reported_in(period) {
        return noted(
            title,
            unit,
            tx!(
                "report-chart-not-reported",
                "name" => &ind.name,
                "how" => frequency_adverb(ind.frequency),
                "when" => period_adverb(period)
            ),
        );
    }
    let per = per_forvaltning(check, ind);
    if per.iter().all(|r| r.value.is_none()) {
        return noted(
            title,
            unit,
            tx!("report-chart-no-values", "name" => &ind.name, "period" => period.shown()),
        );
    }
    ChartData {
        title,
        unit: unit.into(),
        categories: per
            .iter()
            .map(|r| {
                r.forvaltning
                    .as_ref()
                    .map_or_else(String::new, ToString::to_string)
            })
            .collect(),
        series: vec![
            (
                tx!("report-col-value"),
                per.iter().map(|r| r.value).collect(),
            ),
            (
                tx!("report-col-target"),
                per.iter()
                    .map(|r| match r.target {
                        Some(TargetValue::Point(t)) => Some(t),
                        _ => None,
                    })
                    .collect(),
            ),
        ],
        note: None,
    }
}

/// The indicator of `area` to chart by default: one with a målvärde before one without, a rate
/// or mean before a sum, then the one with outcomes from the most förvaltningar, then the first
/// in the catalogue; or why there is none.
fn best_of_area(ws: &Workspace, check: &CheckResult, area: Area) -> ChartData {
    let period = check.period;
    let title = tx!("report-chart-area-title", "area" => words::area(area));
    let word = words::area(area).to_lowercase();
    let catalogued: Vec<&Indicator> = ws
        .catalogue
        .indicators
        .iter()
        .filter(|i| i.area == area)
        .collect();
    if catalogued.is_empty() {
        return noted(title, "", tx!("report-chart-area-none", "area" => &word));
    }
    let reported: Vec<&Indicator> = catalogued
        .into_iter()
        .filter(|i| i.frequency.reported_in(period))
        .collect();
    if reported.is_empty() {
        return noted(
            title,
            "",
            tx!("report-chart-area-not-reported", "area" => &word, "when" => period_adverb(period)),
        );
    }
    // A chart shows outcome beside målvärde, förvaltning beside förvaltning: an indicator with
    // a målvärde goes first, then a rate or mean before a sum (a sum mostly shows a
    // förvaltning's size), then the one with outcomes from the most förvaltningar, then the
    // first in the catalogue.
    let best = reported
        .into_iter()
        .map(|i| {
            let rows = per_forvaltning(check, i);
            let with_value = rows.iter().filter(|r| r.value.is_some()).count();
            let with_target = rows
                .iter()
                .any(|r| matches!(r.target, Some(TargetValue::Point(_))));
            let comparable = i.rollup != Rollup::Sum;
            (i, (with_target, comparable, with_value))
        })
        .filter(|(_, (_, _, n))| *n > 0)
        .enumerate()
        .max_by_key(|(pos, (_, rank))| (*rank, std::cmp::Reverse(*pos)))
        .map(|(_, (i, _))| i);
    match best {
        Some(ind) => indicator_chart(check, ind),
        None => noted(
            title,
            "",
            tx!("report-chart-area-no-values", "area" => &word, "period" => period.shown()),
        ),
    }
}

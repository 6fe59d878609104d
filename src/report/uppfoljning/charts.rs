//! The Översikt's charts: budget and forecast per förvaltning, sjukfrånvaro and one competence
//! indicator. A chart with nothing to show for the period (its indicators are not reported for
//! this kind of period, or no outcome has come in) carries a one-line note saying why instead of
//! data; the writer prints the note in the chart's place.

use crate::analysis::check::{CheckResult, IndicatorRow};
use crate::domain::{Area, Frequency, Period};
use crate::workspace::Workspace;
use crate::workspace::catalogue::{Indicator, TargetValue};

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

/// Every chart of the Översikt, in order: the economy first.
pub(super) fn charts(ws: &Workspace, check: &CheckResult) -> Vec<ChartData> {
    let mut charts = vec![economy(check)];
    // Sjukfrånvaro (Kolada N00090 where catalogued, else the first personal indicator).
    let sick = ws
        .catalogue
        .indicators
        .iter()
        .find(|i| i.kolada.as_deref() == Some("N00090"))
        .or_else(|| {
            ws.catalogue
                .indicators
                .iter()
                .find(|i| i.area == Area::Personal)
        });
    charts.push(match sick {
        Some(ind) => indicator_chart(check, ind),
        None => noted(
            tx!("report-chart-sick-title"),
            "%",
            tx!("report-chart-sick-none"),
        ),
    });
    charts.push(competence(ws, check));
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

/// The competence indicator with outcomes from the most förvaltningar, or why there is none.
fn competence(ws: &Workspace, check: &CheckResult) -> ChartData {
    let period = check.period;
    let area = Area::Kompetens;
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
    let best = reported
        .into_iter()
        .map(|i| {
            (
                i,
                check
                    .indicators
                    .forvaltningar
                    .iter()
                    .filter(|r| r.indicator == i.id && r.value.is_some())
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(i, n)| (*n, std::cmp::Reverse(i.id.clone())))
        .map(|(i, _)| i);
    match best {
        Some(ind) => indicator_chart(check, ind),
        None => noted(
            title,
            "",
            tx!("report-chart-area-no-values", "area" => &word, "period" => period.shown()),
        ),
    }
}

//! Reports: what the budget committee, the executive board and each unit read. This module
//! decides what each report shows, from the check results, the stored texts and the register;
//! `xlsx_write` lays it out.

pub mod enhet;
pub mod export;
pub mod malforslag;
pub mod uppfoljning;
pub mod verksamhetsplan;
pub mod words;

pub use uppfoljning::workbook::{overview_layout, write_report};

use crate::analysis::check::{Status, Trend};
use crate::domain::format_number;
use crate::workspace::catalogue::TargetValue;
use crate::xlsx_write::Cell;

/// The fill colour of a status light.
pub fn status_fill(s: Status) -> u32 {
    match s {
        Status::Uppfyllt => 0xC6EFCE,
        Status::Delvis => 0xFFEB9C,
        Status::EjUppfyllt => 0xFFC7CE,
        Status::EjBedomt => crate::xlsx_write::style::NOT_JUDGED,
    }
}

/// The fill of a choice value (an assessment, an activity's status, a control's result) by
/// what its form says it means in `[meanings]`; grey for an empty cell.
pub fn meaning_fill(
    def: Option<&crate::form::FormDef>,
    role: crate::form::FieldRole,
    value: &str,
) -> u32 {
    status_fill(
        def.and_then(|d| d.meaning(role, value))
            .map_or(Status::EjBedomt, Status::from),
    )
}

/// A trend as an arrow and a word: "↑ Bättre".
pub fn trend_text(t: Option<Trend>) -> String {
    match t {
        Some(t @ Trend::Battre) => format!("↑ {}", words::trend(t)),
        Some(t @ Trend::Oforandrad) => format!("→ {}", words::trend(t)),
        Some(t @ Trend::Samre) => format!("↓ {}", words::trend(t)),
        None => "–".into(),
    }
}

/// The trend of a comparison as text, saying when a cumulative indicator was compared per
/// month ("→ Oförändrad (per månad)").
pub fn comparison_text(c: &crate::analysis::check::Comparison) -> String {
    match (c.trend, c.basis) {
        (Some(t), crate::model::TrendBasis::SameSpan { .. }) => {
            crate::tx!("report-trend-per-month", "trend" => trend_text(Some(t)))
        }
        (t, _) => trend_text(t),
    }
}

/// A number cell, or empty.
pub(crate) fn num(v: Option<f64>, d: u8) -> Cell {
    v.map_or(Cell::Empty, |x| Cell::Number(x, d))
}

/// A målvärde: a number, or `min–max` for an interval.
pub(crate) fn target_cell(t: Option<TargetValue>, d: u8) -> Cell {
    match t {
        Some(TargetValue::Point(v)) => Cell::Number(v, d),
        Some(TargetValue::Interval { min, max }) => Cell::Text(format!(
            "{}–{}",
            format_number(min, Some(d)),
            format_number(max, Some(d))
        )),
        None => Cell::Empty,
    }
}

/// A status light with its word.
pub(crate) fn status_cell(s: Status) -> Cell {
    Cell::Status(words::status(s), status_fill(s))
}

/// A list sheet, with `why` as its first note when it has no rows: a list with nothing to show
/// says why.
pub(crate) fn with_empty_note(
    mut sheet: crate::xlsx_write::ListSheet,
    why: String,
) -> crate::xlsx_write::ListSheet {
    if sheet.rows.is_empty() {
        sheet.notes.insert(0, why);
    }
    sheet
}

/// An indicator row's status light; a grey *Ej bedömt* says why (no return, the cell had an
/// error, no målvärde, not judged this period, a roll-up with units missing).
pub(crate) fn indicator_status_cell(r: &crate::analysis::check::IndicatorRow) -> Cell {
    match (r.status, words::row_reason(r)) {
        (Status::EjBedomt, Some(why)) => Cell::Status(
            format!("{}: {why}", words::status(Status::EjBedomt)),
            status_fill(Status::EjBedomt),
        ),
        (s, _) => status_cell(s),
    }
}

/// The role of a stored value's field, in the form version it was collected with.
pub(crate) fn role_of(
    ws: &Workspace,
    v: &crate::analysis::store::StoredValue,
) -> Option<crate::form::FieldRole> {
    ws.forms
        .version(v.form, v.form_version)?
        .section(&v.section)?
        .field(&v.field)?
        .role
}

/// The one-line legend of the colour logic every light in the reports uses.
pub fn legend() -> String {
    crate::tx!("report-legend")
}

use std::path::PathBuf;

use crate::analysis::check::{self, CheckError};
use crate::analysis::store::{Store, StoreError};
use crate::domain::{Date, FormKind, Period};
use crate::workspace::Workspace;

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error("{0}: {1}")]
    Write(PathBuf, String),
}

/// The creation date of a period's reports: its årshjul deadline (fixed, so that the same data
/// gives the same bytes).
pub fn report_date(ws: &Workspace, kind: FormKind, period: Period) -> Date {
    ws.config
        .deadline(kind, period)
        .map(|d| d.deadline)
        .or_else(|| Date::new(period.year(), 1, 1))
        .unwrap_or(Date::Y2000)
}

/// The data store of the workspace.
///
/// # Errors
/// [`ReportError::Store`] when it exists but cannot be read.
pub(crate) fn load_store(ws: &Workspace) -> Result<Store, ReportError> {
    Ok(Store::load(&Store::path(
        &ws.path(&ws.config.folders.data),
    ))?)
}

/// Refuses a follow-up period for a report of the planning period: `what` says why.
pub(crate) fn require_plan(period: Period, what: &str) -> Result<(), ReportError> {
    if period.is_follow_up() {
        return Err(ReportError::Write(
            PathBuf::from(period.to_string()),
            format!("{what}; use --period {}-plan", period.year() + 1),
        ));
    }
    Ok(())
}

/// Writes a report's bytes atomically to `out`, by default
/// `<reports>/<period>/<stem>-<period>.xlsx`, and returns the path.
pub(crate) fn save(
    ws: &Workspace,
    period: Period,
    out: Option<PathBuf>,
    stem: &str,
    bytes: Result<Vec<u8>, crate::xlsx_write::WriteError>,
) -> Result<PathBuf, ReportError> {
    let bytes = bytes.map_err(|e| ReportError::Write(PathBuf::from(stem), e.to_string()))?;
    let path = out.unwrap_or_else(|| {
        ws.path(&ws.config.folders.reports)
            .join(period.to_string())
            .join(format!("{stem}-{period}.xlsx"))
    });
    crate::fsx::write_atomic(&path, &bytes)
        .map_err(|e| ReportError::Write(path.clone(), e.to_string()))?;
    Ok(path)
}

/// Writes the consolidated follow-up of `period` to `out` (default
/// `<reports>/<period>/uppfoljning-<period>.xlsx`) and returns its path.
///
/// # Errors
/// [`ReportError`] when the store cannot be read, the period is not a follow-up period, or the
/// file cannot be written.
pub fn write_uppfoljning(
    ws: &Workspace,
    period: Period,
    out: Option<PathBuf>,
) -> Result<PathBuf, ReportError> {
    let store = load_store(ws)?;
    let result = check::evaluate(ws, &store, period)?;
    let register = crate::collect::load_register(ws, period);
    let report = uppfoljning::build(ws, &result, &store, &register);
    let date = report_date(ws, FormKind::Uppfoljning, period);
    save(
        ws,
        period,
        out,
        "uppfoljning",
        crate::report::write_report(&report, date),
    )
}

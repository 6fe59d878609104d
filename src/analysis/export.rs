//! Data frames for BI tools (Power BI, Excel's Power Query, R, Python): the data store and the
//! check results flattened to one row per value, written as Parquet or CSV.
//!
//! | file | one row per | columns |
//! |---|---|---|
//! | `varden` | stored value | the store's columns (see [`crate::analysis::store`]) |
//! | `indikatorer-<period>` | indicator and level | period, level (`kommun`, `forvaltning`, `enhet`), level_id, name, forvaltning, indicator, indicator_name, area, perspective, measure, direction, value, target, target_min, target_max, target_source, status, reason, deviation, deviation_pct, rule, prev_period, prev_value, prev_trend, ly_period, ly_value, ly_trend, source_file, source_sheet, source_cell, rollup_units |
//! | `ekonomi-<period>` | unit, förvaltning and the kommun | period, level, level_id, name, forvaltning, budget_tkr, spent_tkr, forecast_tkr, deviation_tkr, deviation_pct, status, units, missing, source_file, source_sheet, source_cell |

use std::io::Cursor;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::analysis::check::{CheckResult, Comparison, EconomyRow, Provenance, level_text};
use crate::analysis::store::Store;
use crate::domain::Period;
use crate::workspace::catalogue::{Level, TargetValue};

/// The file formats written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Parquet,
    Csv,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Parquet => "parquet",
            ExportFormat::Csv => "csv",
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: {1}")]
    Polars(PathBuf, PolarsError),
}

/// The stored values (of one period, or all).
///
/// # Errors
/// Only polars' own errors.
pub fn store_frame(store: &Store, period: Option<Period>) -> PolarsResult<DataFrame> {
    match period {
        None => store.frame(),
        Some(p) => Store {
            values: store
                .values
                .iter()
                .filter(|v| v.period == p)
                .cloned()
                .collect(),
        }
        .frame(),
    }
}

fn level_parts(l: &Level) -> (&'static str, String) {
    match l {
        Level::Kommun => ("kommun", String::new()),
        Level::Forvaltning(f) => ("forvaltning", f.to_string()),
        Level::Unit(u) => ("enhet", u.to_string()),
    }
}

fn source_parts(
    p: &Provenance,
) -> (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    match p {
        Provenance::Cell(c) => (
            Some(c.file.clone()),
            Some(c.sheet.clone()),
            Some(c.cell.clone()),
            None,
        ),
        Provenance::History { file, line } => (
            Some(file.clone()),
            None,
            line.map(|l| format!("line {l}")),
            None,
        ),
        Provenance::Rollup { from, .. } => (
            None,
            None,
            None,
            Some(
                from.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ),
        Provenance::Derived(d) => (Some(d.text()), None, None, None),
        Provenance::None => (None, None, None, None),
    }
}

fn target_parts(t: Option<TargetValue>) -> (Option<f64>, Option<f64>, Option<f64>) {
    match t {
        Some(TargetValue::Point(v)) => (Some(v), None, None),
        Some(TargetValue::Interval { min, max }) => (None, Some(min), Some(max)),
        None => (None, None, None),
    }
}

fn trend_key(c: &Comparison) -> Option<&'static str> {
    c.trend.map(|t| t.key())
}

/// The check's indicator rows of every level, one row each, with provenance.
///
/// # Errors
/// Only polars' own errors.
pub fn indicator_frame(r: &CheckResult) -> PolarsResult<DataFrame> {
    let rows: Vec<_> = r.indicators.iter().collect();
    let strs = |f: &dyn Fn(&crate::analysis::check::IndicatorRow) -> String| {
        rows.iter().map(|x| f(x)).collect::<Vec<String>>()
    };
    let opt_s = |f: &dyn Fn(&crate::analysis::check::IndicatorRow) -> Option<String>| {
        rows.iter().map(|x| f(x)).collect::<Vec<Option<String>>>()
    };
    let f64s = |f: &dyn Fn(&crate::analysis::check::IndicatorRow) -> Option<f64>| {
        rows.iter().map(|x| f(x)).collect::<Vec<Option<f64>>>()
    };
    df!(
        "period" => strs(&|x| x.period.to_string()),
        "level" => strs(&|x| level_parts(&x.level).0.to_string()),
        "level_id" => strs(&|x| level_parts(&x.level).1),
        "name" => strs(&|x| x.name.clone()),
        "forvaltning" => opt_s(&|x| x.forvaltning.as_ref().map(ToString::to_string)),
        "indicator" => strs(&|x| x.indicator.to_string()),
        "indicator_name" => strs(&|x| x.indicator_name.clone()),
        "area" => strs(&|x| x.area.key().to_string()),
        "perspective" => strs(&|x| x.perspective.key().to_string()),
        "measure" => strs(&|x| x.measure.key().to_string()),
        "direction" => strs(&|x| x.direction.key().to_string()),
        "value" => f64s(&|x| x.value),
        "target" => f64s(&|x| target_parts(x.target).0),
        "target_min" => f64s(&|x| target_parts(x.target).1),
        "target_max" => f64s(&|x| target_parts(x.target).2),
        "target_source" => opt_s(&|x| x.target_source.as_ref().map(|t| format!("{} {}", level_text(&t.level), t.period))),
        "status" => strs(&|x| x.status.key().to_string()),
        "reason" => opt_s(&|x| x.reason.map(|r| r.key().to_string())),
        "deviation" => f64s(&|x| x.deviation),
        "deviation_pct" => f64s(&|x| x.deviation_pct),
        "rule" => strs(&|x| x.rule.clone()),
        "prev_period" => strs(&|x| x.previous.period.to_string()),
        "prev_value" => f64s(&|x| x.previous.value),
        "prev_trend" => opt_s(&|x| trend_key(&x.previous).map(str::to_string)),
        "ly_period" => strs(&|x| x.last_year.period.to_string()),
        "ly_value" => f64s(&|x| x.last_year.value),
        "ly_trend" => opt_s(&|x| trend_key(&x.last_year).map(str::to_string)),
        "source_file" => opt_s(&|x| source_parts(&x.provenance).0),
        "source_sheet" => opt_s(&|x| source_parts(&x.provenance).1),
        "source_cell" => opt_s(&|x| source_parts(&x.provenance).2),
        "rollup_units" => opt_s(&|x| source_parts(&x.provenance).3),
    )
}

/// The check's economy rows of every level.
///
/// # Errors
/// Only polars' own errors.
pub fn economy_frame(r: &CheckResult) -> PolarsResult<DataFrame> {
    let rows: Vec<&EconomyRow> = r.economy.iter().collect();
    let strs =
        |f: &dyn Fn(&EconomyRow) -> String| rows.iter().map(|x| f(x)).collect::<Vec<String>>();
    let f64s = |f: &dyn Fn(&EconomyRow) -> Option<f64>| {
        rows.iter().map(|x| f(x)).collect::<Vec<Option<f64>>>()
    };
    let src = |f: &dyn Fn(&crate::analysis::check::CellSource) -> String| {
        rows.iter()
            .map(|x| x.forecast_source.as_ref().map(f))
            .collect::<Vec<Option<String>>>()
    };
    df!(
        "period" => vec![r.period.to_string(); rows.len()],
        "level" => strs(&|x| level_parts(&x.level).0.to_string()),
        "level_id" => strs(&|x| level_parts(&x.level).1),
        "name" => strs(&|x| x.name.clone()),
        "forvaltning" => rows.iter().map(|x| x.forvaltning.as_ref().map(ToString::to_string)).collect::<Vec<Option<String>>>(),
        "budget_tkr" => f64s(&|x| x.budget_tkr),
        "spent_tkr" => f64s(&|x| x.spent_tkr),
        "forecast_tkr" => f64s(&|x| x.forecast_tkr),
        "deviation_tkr" => f64s(&|x| x.deviation_tkr),
        "deviation_pct" => f64s(&|x| x.deviation_pct),
        "status" => strs(&|x| x.status.key().to_string()),
        "units" => rows.iter().map(|x| x.units).collect::<Vec<u32>>(),
        "missing" => rows.iter().map(|x| x.missing).collect::<Vec<u32>>(),
        "source_file" => src(&|c| c.file.clone()),
        "source_sheet" => src(&|c| c.sheet.clone()),
        "source_cell" => src(&|c| c.cell.clone()),
    )
}

/// Writes `df` to `path` in `format`, atomically.
///
/// # Errors
/// [`ExportError`] when polars cannot encode the frame or the file cannot be written.
pub fn write(df: &mut DataFrame, path: &Path, format: ExportFormat) -> Result<(), ExportError> {
    let mut buf = Vec::new();
    let done = match format {
        ExportFormat::Parquet => ParquetWriter::new(&mut buf).finish(df).map(|_| ()),
        ExportFormat::Csv => CsvWriter::new(&mut buf).include_header(true).finish(df),
    };
    done.map_err(|e| ExportError::Polars(path.to_path_buf(), e))?;
    crate::fsx::write_atomic(path, &buf).map_err(|e| ExportError::Io(path.to_path_buf(), e))
}

/// Reads an exported file back and counts its rows (and columns).
///
/// # Errors
/// [`ExportError`] when the file cannot be read or parsed.
pub fn read_back(path: &Path) -> Result<(usize, usize), ExportError> {
    let bytes = std::fs::read(path).map_err(|e| ExportError::Io(path.to_path_buf(), e))?;
    let err = |e| ExportError::Polars(path.to_path_buf(), e);
    let df = if path.extension().is_some_and(|e| e == "csv") {
        CsvReadOptions::default()
            .with_has_header(true)
            .into_reader_with_file_handle(Cursor::new(bytes))
            .finish()
            .map_err(err)?
    } else {
        ParquetReader::new(Cursor::new(bytes))
            .finish()
            .map_err(err)?
    };
    Ok(df.shape())
}

fn write_built(
    df: PolarsResult<DataFrame>,
    path: &Path,
    format: ExportFormat,
) -> Result<usize, ExportError> {
    let mut df = df.map_err(|e| ExportError::Polars(path.to_path_buf(), e))?;
    write(&mut df, path, format)?;
    Ok(df.height())
}

/// Writes the stored values (of `period`, or all) to `path`; returns the number of rows.
///
/// # Errors
/// [`ExportError`] when the frame cannot be built or written.
pub fn write_store(
    store: &Store,
    period: Option<Period>,
    path: &Path,
    format: ExportFormat,
) -> Result<usize, ExportError> {
    write_built(store_frame(store, period), path, format)
}

/// Writes the check's indicator rows to `path`; returns the number of rows.
///
/// # Errors
/// [`ExportError`] when the frame cannot be built or written.
pub fn write_indicators(
    r: &CheckResult,
    path: &Path,
    format: ExportFormat,
) -> Result<usize, ExportError> {
    write_built(indicator_frame(r), path, format)
}

/// Writes the check's economy rows to `path`; returns the number of rows.
///
/// # Errors
/// [`ExportError`] when the frame cannot be built or written.
pub fn write_economy(
    r: &CheckResult,
    path: &Path,
    format: ExportFormat,
) -> Result<usize, ExportError> {
    write_built(economy_frame(r), path, format)
}

//! `styr export`: the data store and the check results as Parquet or CSV files for BI tools
//! (file contents in [`crate::analysis::export`]).

use std::path::PathBuf;

use crate::analysis::check::{self, CheckError};
use crate::analysis::export::{self as frames, ExportError, ExportFormat};
use crate::analysis::store::{Store, StoreError};
use crate::domain::Period;
use crate::workspace::Workspace;

/// Why the export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailed {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("the data store holds no values{0}")]
    Empty(String),
}

/// One file written.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub path: PathBuf,
    pub rows: usize,
}

/// Writes the store (of `period`, or all of it) and the check results of every follow-up
/// period in it (or of `period`) into `dir` (default `<reports>/export/`).
///
/// # Errors
/// [`ExportFailed`] when the store cannot be read, holds nothing to export, the check fails, or
/// a file cannot be written.
pub fn export(
    ws: &Workspace,
    format: ExportFormat,
    period: Option<Period>,
    dir: Option<PathBuf>,
) -> Result<Vec<Exported>, ExportFailed> {
    let store = Store::load(&Store::path(&ws.path(&ws.config.folders.data)))?;
    let dir = dir.unwrap_or_else(|| ws.path(&ws.config.folders.reports).join("export"));
    let ext = format.extension();
    let mut periods: Vec<Period> = store
        .values
        .iter()
        .map(|v| v.period)
        .filter(|p| period.is_none_or(|q| q == *p))
        .collect();
    periods.sort_by_key(|p| (p.year(), p.to_string()));
    periods.dedup();
    if periods.is_empty() {
        return Err(ExportFailed::Empty(
            period.map(|p| format!(" for {p}")).unwrap_or_default(),
        ));
    }
    let mut out = Vec::new();
    let stem = period.map_or_else(|| "varden".to_string(), |p| format!("varden-{p}"));
    let path = dir.join(format!("{stem}.{ext}"));
    let rows = frames::write_store(&store, period, &path, format)?;
    out.push(Exported { path, rows });
    for p in periods.into_iter().filter(|p| p.is_follow_up()) {
        let result = check::evaluate(ws, &store, p)?;
        let path = dir.join(format!("indikatorer-{p}.{ext}"));
        let rows = frames::write_indicators(&result, &path, format)?;
        out.push(Exported { path, rows });
        let path = dir.join(format!("ekonomi-{p}.{ext}"));
        let rows = frames::write_economy(&result, &path, format)?;
        out.push(Exported { path, rows });
    }
    Ok(out)
}

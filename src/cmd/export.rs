//! `styr export --format parquet|csv [--period P] [--out DIR]`: the data store and the check
//! results for BI tools.

use std::path::{Path, PathBuf};

use crate::analysis::export::ExportFormat;
use crate::cmd::generate::parse_period;
use crate::cmd::{Fatal, Outcome, load};
use crate::domain::Period;

/// File formats of `styr export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Apache Parquet (Power BI, Python, R).
    Parquet,
    /// Comma-separated text with a header row, UTF-8.
    Csv,
}

/// Arguments of `styr export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The file format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Only this period (default: every period in the data store).
    #[arg(long, value_parser = parse_period)]
    pub period: Option<Period>,
    /// The folder to write into (default: the reports folder's `export`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(dir: &Path, args: &ExportArgs) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let format = match args.format {
        Format::Parquet => ExportFormat::Parquet,
        Format::Csv => ExportFormat::Csv,
    };
    let written = crate::report::export::export(&ws, format, args.period, args.out.clone())
        .map_err(|e| match e {
            crate::report::export::ExportFailed::Empty(_) => {
                Fatal::new(e.to_string()).hint(crate::tx!("export-empty-hint"))
            }
            other => Fatal::new(other.to_string()),
        })?;
    for f in &written {
        println!(
            "{}",
            crate::tx!("export-wrote", "path" => f.path.display().to_string(), "rows" => f.rows)
        );
    }
    Ok(Outcome::Clean)
}

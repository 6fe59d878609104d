//! `styr check`: judge a period's outcomes against their målvärden and print the result.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::analysis::check::{self, CheckResult, Status, json, render};
use crate::analysis::store::{STORE_FILE, Store};
use crate::cmd::{Fatal, Outcome};
use crate::domain::{ForvaltningId, Period};
use crate::workspace::Workspace;

/// Output formats of `styr check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Counts by förvaltning and area with coloured lights, the economy, the goals, the red rows.
    Table,
    /// Everything, as the stable JSON interface described in the README.
    Json,
    /// The unit rows, one per unit and indicator.
    Csv,
}

/// Which lights make `styr check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any red indicator or economy row.
    Red,
    /// Any yellow or red row.
    Yellow,
}

/// Arguments of `styr check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The period to judge, e.g. 2026-T1 (tertial), 2026-03 (month) or 2026 (year).
    #[arg(long)]
    pub period: String,
    /// Show only this förvaltning and its units.
    #[arg(long, value_name = "ID")]
    pub forvaltning: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Exit with 1 when a row has this light (or a worse one).
    #[arg(long, value_enum, value_name = "LIGHT")]
    pub fail_on: Option<FailOn>,
}

fn period(text: &str) -> Result<Period, Fatal> {
    let p = Period::parse(text)
        .map_err(|e| Fatal::new(e.to_string()).hint(crate::tx!("check-period-hint")))?;
    if !p.is_follow_up() {
        return Err(
            Fatal::new(crate::tx!("check-plan-period", "period" => p.to_string()))
                .hint(crate::tx!("check-plan-period-hint", "year" => (p.year() - 1).to_string())),
        );
    }
    Ok(p)
}

fn forvaltning(ws: &Workspace, id: &str) -> Result<ForvaltningId, Fatal> {
    if let Some(f) = ws.config.forvaltning(id) {
        return Ok(f.id.clone());
    }
    let known: Vec<&str> = ws
        .config
        .forvaltningar
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let e = Fatal::new(crate::tx!("check-no-forvaltning", "id" => id));
    Err(match crate::diag::did_you_mean(id, known.iter().copied()) {
        Some(h) => e.hint(h),
        None => e.hint(crate::tx!("check-forvaltningar", "list" => known.join(", "))),
    })
}

/// Whether colours go to stdout: a terminal, and NO_COLOR unset or empty.
fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn fails(r: &CheckResult, on: FailOn) -> bool {
    r.statuses().any(|s| match on {
        FailOn::Red => s == Status::EjUppfyllt,
        FailOn::Yellow => matches!(s, Status::EjUppfyllt | Status::Delvis),
    })
}

/// Runs `styr check`.
///
/// # Errors
/// [`Fatal`] for a bad period, an unknown förvaltning, an invalid workspace or an unreadable
/// data store.
pub fn run(dir: &Path, args: &CheckArgs) -> Result<Outcome, Fatal> {
    let p = period(&args.period)?;
    let ws = super::load(dir)?;
    let only = args
        .forvaltning
        .as_deref()
        .map(|f| forvaltning(&ws, f))
        .transpose()?;
    let path = ws.path(&ws.config.folders.data).join(STORE_FILE);
    let store = Store::load(&path).map_err(|e| {
        Fatal::new(e.to_string()).hint(crate::tx!("check-bad-store-hint", "file" => STORE_FILE))
    })?;
    let mut result = check::evaluate(&ws, &store, p).map_err(|e| Fatal::new(e.to_string()))?;
    if let Some(f) = &only {
        result = result.only_forvaltning(f);
    }
    for n in &result.notes {
        eprintln!("{} {n}", crate::tx!("label-note"));
    }
    let text = match args.format {
        Format::Table => render::table(&result, colour()),
        Format::Json => json::to_string(&result).map_err(|e| Fatal::new(e.to_string()))?,
        Format::Csv => render::csv(&result).map_err(|e| Fatal::new(e.to_string()))?,
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            return Err(Fatal::new(
                crate::tx!("cli-cannot-write", "error" => e.to_string()),
            ));
        }
    }
    Ok(match args.fail_on {
        Some(on) if fails(&result, on) => Outcome::Findings,
        _ => Outcome::Clean,
    })
}

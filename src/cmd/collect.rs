//! `styr collect [DIR|FILE...] --period P`: read returned workbooks, validate every cell,
//! register the returns, store the valid values, write correction workbooks.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cmd::generate::parse_period;
use crate::cmd::{Fatal, Outcome, load};
use crate::collect::{self, Batch, FileStatus, InProcess, Isolated, RawReader};
use crate::domain::{Clock, Period};
use crate::tx;
use crate::xlsx_read::guard::{WorkerLimits, WorkerPool};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

/// Arguments of `styr collect`.
#[derive(Debug, clap::Args)]
pub struct CollectArgs {
    /// Files or folders to collect (default: the incoming folder of the period).
    pub paths: Vec<PathBuf>,
    /// The period collected, e.g. 2026-T1.
    #[arg(long, value_parser = parse_period)]
    pub period: Period,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// Read files in this process instead of isolated workers (for debugging).
    #[arg(long, hide = true)]
    pub in_process: bool,
}

pub fn run(dir: &std::path::Path, args: &CollectArgs, clock: &Clock) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    let pool;
    let reader: &dyn RawReader = if args.in_process {
        &InProcess
    } else {
        let exe = std::env::current_exe()
            .map_err(|e| Fatal::new(tx!("cli-no-executable", "error" => e.to_string())))?;
        pool = Isolated(
            WorkerPool::new(
                &exe,
                &[OsString::from("__read-worker")],
                threads,
                WorkerLimits::default(),
            )
            .map_err(|e| Fatal::new(tx!("cli-no-workers", "error" => e.describe())))?,
        );
        &pool
    };
    let bar = indicatif::ProgressBar::hidden();
    let progress = |total: usize| {
        if total > 3 && std::io::stderr().is_terminal() {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(total as u64);
        } else if total == 0 {
            bar.inc(1);
        }
    };
    let c = collect::collect_period(
        &ws,
        args.period,
        &args.paths,
        reader,
        threads,
        &progress,
        &clock.now().to_string(),
    )
    .map_err(|e| match e {
        collect::CollectError::NoFolder(d) => {
            Fatal::new(tx!("collect-no-folder", "dir" => d.display().to_string()))
                .hint(tx!("collect-no-folder-hint", "period" => args.period.to_string()))
        }
        other => Fatal::new(other.to_string()),
    })?;
    bar.finish_and_clear();
    match args.format {
        OutputFormat::Text => {
            print_text(&c.batch, &c.register, &c.store, c.changed, &c.corrections);
            if let Some(first) = c.archived.first() {
                println!(
                    "{}",
                    tx!(
                        "collect-archived",
                        "n" => c.archived.len(),
                        "dir" => first
                            .parent()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default()
                    )
                );
            }
        }
        OutputFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&to_json(&c.batch)).unwrap_or_default()
        ),
    }
    Ok(if c.batch.has_findings() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn print_text(
    batch: &Batch,
    register: &std::path::Path,
    store: &std::path::Path,
    changed: usize,
    corrections: &[PathBuf],
) {
    // The findings of files another file of the same unit replaced are history, not current:
    // they stay in `--format json` with their register status.
    let statuses = batch.file_statuses();
    let superseded = |i: usize| statuses[i].is_some_and(collect::RegisterStatus::superseded);
    let mut shown = 0;
    let mut hidden = (0, 0);
    for (i, f) in batch.files.iter().enumerate() {
        if superseded(i) {
            if !f.diagnostics.is_empty() {
                hidden.0 += 1;
                hidden.1 += f.diagnostics.len();
            }
            continue;
        }
        for d in &f.diagnostics {
            println!("{d}");
            shown += 1;
        }
    }
    if hidden.0 > 0 {
        println!(
            "{}",
            tx!("collect-hidden", "findings" => hidden.1, "files" => hidden.0)
        );
    }
    if shown > 0 || hidden.0 > 0 {
        println!();
    }
    // The status column is as wide as its longest status and a space (at least 18).
    let w = batch
        .register
        .iter()
        .map(|r| r.status.label().chars().count() + 1)
        .fold(18, usize::max);
    println!(
        "{:<w$} {:<26} {:<34} {}",
        tx!("col-status"),
        tx!("col-id"),
        tx!("col-name"),
        tx!("col-file")
    );
    for r in &batch.register {
        let file = r
            .file
            .map(|i| {
                let f = &batch.files[i];
                if f.maybe_other_unit() {
                    format!("{}  ({})", f.shown.display(), tx!("other-unit"))
                } else {
                    f.shown.display().to_string()
                }
            })
            .unwrap_or_default();
        println!(
            "{:<w$} {:<26} {:<34} {file}",
            r.status.label(),
            r.recipient.as_deref().unwrap_or("-"),
            truncate(&r.name, 34)
        );
    }
    let count = |s: FileStatus| {
        (0..batch.files.len())
            .filter(|i| !superseded(*i) && batch.files[*i].status == s)
            .count()
    };
    let replaced = (0..batch.files.len()).filter(|i| superseded(*i)).count();
    let missing = batch
        .register
        .iter()
        .filter(|r| r.status == collect::RegisterStatus::Saknas)
        .count();
    println!();
    println!(
        "{}",
        tx!(
            "collect-summary",
            "files" => batch.files.len(),
            "ok" => count(FileStatus::Ok),
            "errors" => count(FileStatus::Errors),
            "rejected" => count(FileStatus::Rejected),
            "skipped" => count(FileStatus::Skipped),
            "replaced" => replaced,
            "missing" => missing
        )
    );
    println!(
        "{}",
        tx!("collect-register", "path" => register.display().to_string())
    );
    println!(
        "{}",
        tx!("collect-store", "path" => store.display().to_string(), "changed" => changed)
    );
    if !corrections.is_empty() {
        println!(
            "{}",
            tx!(
                "collect-corrections",
                "n" => corrections.len(),
                "dir" => corrections[0]
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            )
        );
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).chain(std::iter::once('…')).collect()
    }
}

fn to_json(batch: &Batch) -> serde_json::Value {
    collect::batch_json(batch)
}

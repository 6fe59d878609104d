//! `styr targets accept FILE [--apply]`: the målvärden budgetutskottet decided, read back from
//! the proposal workbook, compared with the catalogue and (with `--apply`) written into it.

use std::path::{Path, PathBuf};

use crate::cmd::{Fatal, Outcome, load};
use crate::report::malforslag::accept::{self, AcceptError, Change};
use crate::tx;
use crate::workspace::CATALOGUE_FILE;
use crate::workspace::catalogue::Level;

/// Arguments of `styr targets`.
#[derive(Debug, clap::Args)]
pub struct TargetsArgs {
    #[command(subcommand)]
    pub command: TargetsCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TargetsCommand {
    /// Read the decided proposal workbook (from `styr report malforslag`) and show how its
    /// målvärden differ from indikatorer.toml; --apply writes them in.
    Accept {
        /// The decided workbook.
        file: PathBuf,
        /// Write the decided målvärden into indikatorer.toml (comments and formatting kept).
        #[arg(long)]
        apply: bool,
    },
}

impl From<AcceptError> for Fatal {
    fn from(e: AcceptError) -> Self {
        match e {
            AcceptError::NotReview(file, msg, hints) => hints.into_iter().fold(
                Fatal::new(format!("{}: {msg}", file.display())),
                Fatal::hint,
            ),
            AcceptError::Invalid(diags) => Fatal {
                message: tx!("targets-invalid"),
                diagnostics: diags,
                hints: Vec::new(),
            },
            other => Fatal::new(other.to_string()),
        }
    }
}

fn level(l: &Level) -> String {
    match l {
        Level::Kommun => "kommun".into(),
        Level::Forvaltning(f) => f.to_string(),
        Level::Unit(u) => u.to_string(),
    }
}

/// One line per decision: what it does to the catalogue.
fn line(c: &Change, year: u16) -> String {
    let d = c.decision();
    let (word, what) = match c {
        Change::Added(d) => (tx!("targets-added"), accept::show(d.value)),
        Change::Changed(d, old) => (
            tx!("targets-changed"),
            format!("{} -> {}", accept::show(*old), accept::show(d.value)),
        ),
        Change::Unchanged(d) => (tx!("targets-unchanged"), accept::show(d.value)),
    };
    format!(
        "{word:<10} {:<28} {:<8} {year}  {what:<18} {}",
        d.indicator.as_str(),
        level(&d.level),
        d.at
    )
}

pub fn run(dir: &Path, args: &TargetsArgs) -> Result<Outcome, Fatal> {
    let TargetsCommand::Accept { file, apply } = &args.command;
    let ws = load(dir)?;
    let path = if file.is_absolute() {
        file.clone()
    } else {
        std::env::current_dir()
            .map(|d| d.join(file))
            .unwrap_or_else(|_| file.clone())
    };
    let decided = accept::read(&ws, &path, file)?;
    for d in &decided.diagnostics {
        eprintln!("{d}");
    }
    let changes = accept::changes(&ws, &decided);
    let year = decided.year;
    for c in &changes {
        println!("{}", line(c, year));
    }
    let count = |f: &dyn Fn(&Change) -> bool| changes.iter().filter(|c| f(c)).count();
    let (added, changed) = (
        count(&|c| matches!(c, Change::Added(_))),
        count(&|c| matches!(c, Change::Changed(..))),
    );
    let unchanged = changes.len() - added - changed;
    let errors = decided.errors();
    println!(
        "{}",
        tx!(
            "targets-summary",
            "file" => file.display().to_string(),
            "n" => changes.len(),
            "year" => year.to_string(),
            "added" => added,
            "changed" => changed,
            "unchanged" => unchanged,
            "catalogue" => CATALOGUE_FILE,
            "errors" => errors
        )
    );
    let differences = added + changed > 0;
    if *apply && differences {
        if errors > 0 {
            println!(
                "{}",
                tx!("targets-not-written", "n" => errors, "file" => file.display().to_string())
            );
        } else {
            let written = accept::apply(&ws, &changes, year)?;
            println!(
                "{}",
                tx!(
                    "targets-wrote",
                    "path" => written.display().to_string(),
                    "n" => added + changed
                )
            );
        }
    } else if differences {
        println!("{}", tx!("targets-apply", "catalogue" => CATALOGUE_FILE));
    }
    Ok(if differences || !decided.diagnostics.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

//! One file per subcommand: parse nothing, call the library, print.

pub mod check;
pub mod cli;
pub mod collect;
pub mod demo;
pub mod export;
pub mod generate;
pub mod import;
pub mod init;
pub mod remind;
pub mod report;
pub mod send;
pub mod status;
pub mod targets;
mod validate;

use std::fmt;

use crate::diag::Diagnostic;
use crate::domain::{Clock, Timestamp};
use crate::workspace::{LoadError, Workspace};
use cli::{Cli, Command};

/// How a command that ran went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0: all well.
    Clean,
    /// Exit 1: the command ran and reported findings.
    Findings,
}

/// A command that could not run (exit 2): the message, diagnostics behind it, hints.
#[derive(Debug)]
pub struct Fatal {
    pub message: String,
    pub diagnostics: Vec<Diagnostic>,
    pub hints: Vec<String>,
}

impl Fatal {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            diagnostics: Vec::new(),
            hints: Vec::new(),
        }
    }

    #[must_use]
    pub fn hint(mut self, h: impl Into<String>) -> Self {
        self.hints.push(h.into());
        self
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        write!(f, "{} {}", crate::i18n::t("label-error", &[]), self.message)?;
        let hint = crate::i18n::t("label-hint", &[]);
        for h in &self.hints {
            write!(f, "\n  {hint} {h}")?;
        }
        Ok(())
    }
}

impl From<LoadError> for Fatal {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Io { path, source } => Fatal::new(format!("{}: {source}", path.display()))
                .hint(crate::tx!("cli-no-workspace-hint")),
            LoadError::Invalid(diags) => {
                let n = diags.iter().filter(|d| d.is_error()).count();
                Fatal {
                    message: crate::tx!("cli-invalid-workspace", "n" => n),
                    diagnostics: diags,
                    hints: Vec::new(),
                }
            }
        }
    }
}

/// Loads the workspace in the `-C` folder, printing its warnings.
pub(crate) fn load(cli_dir: &std::path::Path) -> Result<Workspace, Fatal> {
    let ws = Workspace::load(cli_dir)?;
    for w in &ws.warnings {
        eprintln!("{w}");
    }
    Ok(ws)
}

/// The run's clock: `SOURCE_DATE_EPOCH` (seconds since 1970, as reproducible builds set it)
/// when it is set, else the system's time.
///
/// # Errors
/// [`Fatal`] when `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds.
pub fn clock_from_env() -> Result<Clock, Fatal> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .map(|s| Clock::fixed(Timestamp::from_unix(s)))
            .map_err(|_| {
                Fatal::new(crate::tx!(
                    "cli-bad-epoch",
                    "value" => v.chars().take(40).collect::<String>()
                ))
                .hint(crate::tx!("cli-bad-epoch-hint"))
            }),
        _ => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            Ok(Clock::fixed(Timestamp::from_unix(secs)))
        }
    }
}

/// Runs a parsed command line.
///
/// # Errors
/// [`Fatal`] when the command cannot run.
pub fn run(cli: Cli) -> Result<Outcome, Fatal> {
    let clock = clock_from_env()?;
    match cli.command {
        Command::Init(args) => init::run(&cli.dir, &args, &clock),
        Command::Validate => validate::run(&cli.dir),
        Command::Generate(args) => generate::run(&cli.dir, &args),
        Command::Collect(args) => collect::run(&cli.dir, &args, &clock),
        Command::Demo(args) => demo::run(&cli.dir, &args),
        Command::Report(args) => report::run(&cli.dir, &args),
        Command::Status(args) => status::run(&cli.dir, &args, &clock),
        Command::ReadWorker => crate::xlsx_read::guard::serve(crate::collect::handle_request)
            .map(|()| Outcome::Clean)
            .map_err(|e| Fatal::new(format!("reader worker: {e}"))),
        Command::Check(args) => check::run(&cli.dir, &args),
        Command::Targets(args) => targets::run(&cli.dir, &args),
        Command::Export(args) => export::run(&cli.dir, &args),
        Command::Import(args) => import::run(&cli.dir, &args, &clock),
        Command::Send(args) => send::run(&cli.dir, &args, &clock),
        Command::Remind(args) => remind::run(&cli.dir, &args, &clock),
    }
}

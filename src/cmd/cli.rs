//! Command-line arguments. Parsed once into these types; nothing deeper reads raw flags.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// styr runs a municipality's planning and follow-up cycle through Excel workbooks:
/// generate templates, collect the returns, check outcomes against målvärden, report.
#[derive(Debug, Parser)]
#[command(name = "styr", version, about, long_about = None)]
pub struct Cli {
    /// Work in DIR instead of the current folder.
    #[arg(short = 'C', value_name = "DIR", default_value = ".", global = true)]
    pub dir: PathBuf,

    /// The language of messages, tables and diagnostics: sv (default) or en. Without it:
    /// STYR_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG starting with "en": English).
    #[arg(long, value_name = "LANG", global = true)]
    pub lang: Option<crate::i18n::Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new workspace into DIR: the example (Ekebo kommun), or with --blank or
    /// --from-excel one for your own kommun.
    Init(crate::cmd::init::InitArgs),
    /// Run the whole cycle on the example municipality: init, generate, collect, check, report.
    Demo(crate::cmd::demo::DemoArgs),
    /// Check the workspace: styr.toml, the catalogue, historik.csv and the form definitions.
    Validate,
    /// Write the workbooks units fill in for a period, and the distribution list.
    Generate(crate::cmd::generate::GenerateArgs),
    /// Read returned workbooks, validate every cell, register the returns and store the values.
    Collect(crate::cmd::collect::CollectArgs),
    /// Show the årshjul: what is due when, what went out, what came back.
    Status(crate::cmd::status::StatusArgs),
    /// Write a report: the consolidated follow-up, plans, target review, unit feedback.
    Report(crate::cmd::report::ReportArgs),
    /// Reads workbooks for `collect` in an isolated process (internal).
    #[command(name = "__read-worker", hide = true)]
    ReadWorker,
    /// Judge every outcome of a period against its målvärde: status, roll-up, trend.
    Check(crate::cmd::check::CheckArgs),
    /// Målvärden decided by budgetutskottet: `targets accept FILE [--apply]`.
    Targets(crate::cmd::targets::TargetsArgs),
    /// Import numbers from a system export (ekonomisystem, HR) declared as a source in styr.toml.
    Import(crate::cmd::import::ImportArgs),
    /// Write the data store and the check results as Parquet or CSV for BI tools.
    Export(crate::cmd::export::ExportArgs),
    /// E-mail each recipient its workbook: drafts (.eml) by default, or through SMTP (--smtp).
    Send(crate::cmd::send::SendArgs),
    /// E-mail a reminder to every recipient whose return is missing or has errors.
    Remind(crate::cmd::send::SendArgs),
}

//! `styr check`: placeholder until the check module lands.

use std::path::Path;

use crate::cmd::{Fatal, Outcome};

/// Arguments of `styr check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The period to judge, e.g. 2026-T1.
    #[arg(long)]
    pub period: String,
}

pub fn run(_dir: &Path, _args: &CheckArgs) -> Result<Outcome, Fatal> {
    Err(Fatal::new("styr check is not built yet"))
}

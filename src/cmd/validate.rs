//! `styr validate`: check a workspace and say what it holds.

use std::path::Path;

use crate::cmd::{Fatal, Outcome, load};

pub fn run(dir: &Path) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let units_reporting = ws.config.units.len();
    println!(
        "{}: valid: {} förvaltningar, {} enheter, {} indicators, {} målvärden, {} earlier outcomes, {} årshjul entries",
        ws.config.kommun.name,
        ws.config.forvaltningar.len(),
        units_reporting,
        ws.catalogue.indicators.len(),
        ws.catalogue.targets.len(),
        ws.history.len(),
        ws.config.arshjul.len(),
    );
    Ok(Outcome::Clean)
}

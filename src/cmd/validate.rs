//! `styr validate`: check a workspace and say what it holds.

use std::path::Path;

use crate::cmd::{Fatal, Outcome, load};

pub fn run(dir: &Path) -> Result<Outcome, Fatal> {
    let ws = load(dir)?;
    let units_reporting = ws.config.units.len();
    println!(
        "{}",
        crate::tx!(
            "validate-ok",
            "kommun" => &ws.config.kommun.name,
            "forvaltningar" => ws.config.forvaltningar.len(),
            "units" => units_reporting,
            "indicators" => ws.catalogue.indicators.len(),
            "targets" => ws.catalogue.targets.len(),
            "history" => ws.history.len(),
            "arshjul" => ws.config.arshjul.len()
        )
    );
    Ok(Outcome::Clean)
}

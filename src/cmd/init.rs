//! `styr init DIR`: write the example workspace.

use std::path::Path;

use crate::cmd::{Fatal, Outcome};
use crate::sample;

pub fn run(dir: &Path) -> Result<Outcome, Fatal> {
    let written = sample::write_workspace(dir).map_err(|e| match e {
        sample::InitError::Exists(p) => Fatal::new(format!("{} already exists", p.display()))
            .hint("styr never overwrites a workspace: choose an empty or new folder"),
        sample::InitError::Io(p, e) => Fatal::new(format!("{}: {e}", p.display())),
    })?;
    println!(
        "created the example workspace in {} ({} files)",
        dir.display(),
        written.len()
    );
    println!("next: styr -C {} validate", dir.display());
    Ok(Outcome::Clean)
}

//! The example municipality (Ekebo kommun), embedded in the binary.

use std::path::{Path, PathBuf};

use crate::workspace::{CATALOGUE_FILE, CONFIG_FILE, HISTORY_FILE};

/// The example workspace's files: (name, content).
pub const FILES: &[(&str, &str)] = &[
    (CONFIG_FILE, include_str!("../sample-data/styr.toml")),
    (
        CATALOGUE_FILE,
        include_str!("../sample-data/indikatorer.toml"),
    ),
    (HISTORY_FILE, include_str!("../sample-data/historik.csv")),
];

include!(concat!(env!("OUT_DIR"), "/sample_returns.rs"));

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("{0} already exists")]
    Exists(PathBuf),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Writes the example workspace into `dir`, creating it. Refuses to touch an existing
/// workspace.
///
/// # Errors
/// [`InitError::Exists`] when `dir` already holds one of the files; [`InitError::Io`] otherwise.
pub fn write_workspace(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    for (name, _) in FILES {
        let p = dir.join(name);
        if p.exists() {
            return Err(InitError::Exists(p));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| InitError::Io(dir.to_path_buf(), e))?;
    let mut written = Vec::new();
    for (name, text) in FILES {
        let p = dir.join(name);
        crate::fsx::write_atomic(&p, text.as_bytes()).map_err(|e| InitError::Io(p.clone(), e))?;
        written.push(p);
    }
    Ok(written)
}

/// Copies the example returns of `period` into `dir` (the incoming folder of the period).
/// Files already there with the same content are left alone.
///
/// # Errors
/// [`InitError::Io`] when a file cannot be written.
pub fn write_returns(dir: &Path, period: &str) -> Result<usize, InitError> {
    let mut n = 0;
    for (_, name, bytes) in RETURNS.iter().filter(|(p, _, _)| *p == period) {
        let path = dir.join(name);
        crate::fsx::write_atomic(&path, bytes).map_err(|e| InitError::Io(path.clone(), e))?;
        n += 1;
    }
    Ok(n)
}

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

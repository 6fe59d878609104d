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

/// The example's fictional system exports (made by `cargo run --example make_exports`): the
/// ekonomisystem's huvudbok (Windows-1252, semicolons, decimal commas), the HR system's
/// personnel statistics and a Kolada snapshot. (source id, file name, bytes).
pub const EXPORTS: &[(&str, &str, &[u8])] = &[
    (
        "ekonomi",
        "huvudbok-2025-2026.csv",
        include_bytes!("../sample-data/exports/huvudbok-2025-2026.csv"),
    ),
    (
        "hr",
        "personal-2026.xlsx",
        include_bytes!("../sample-data/exports/personal-2026.xlsx"),
    ),
    (
        "kolada",
        "kolada-2024-2025.json",
        include_bytes!("../sample-data/exports/kolada-2024-2025.json"),
    ),
];

/// The folder of a workspace the example's exports are put in.
pub const EXPORTS_DIR: &str = "system";

/// Copies the example's system exports into `dir`; returns (source id, path) of each.
///
/// # Errors
/// [`InitError::Io`] when a file cannot be written.
pub fn write_exports(dir: &Path) -> Result<Vec<(&'static str, PathBuf)>, InitError> {
    std::fs::create_dir_all(dir).map_err(|e| InitError::Io(dir.to_path_buf(), e))?;
    let mut out = Vec::new();
    for (source, name, bytes) in EXPORTS {
        let path = dir.join(name);
        crate::fsx::write_atomic_changed(&path, bytes)
            .map_err(|e| InitError::Io(path.clone(), e))?;
        out.push((*source, path));
    }
    Ok(out)
}

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

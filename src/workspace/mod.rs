//! The workspace: the folder a controller works in.
//!
//! ```text
//! styr.toml          the municipality, förvaltningar, enheter, årshjul, folders
//! indikatorer.toml   goals, indicators, målvärden   (or indikatorer.xlsx)
//! historik.csv       earlier outcomes
//! templates/         optional: the workspace's own form definitions
//! ```

pub mod blank;
pub mod catalogue;
pub mod config;
pub mod history;
pub mod locate;
pub mod mail;
pub mod schema;
pub mod sources;
pub mod validate;
pub mod xlsx_catalogue;
pub mod xlsx_organisation;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::form::FormSet;

pub use crate::toml_check::Source;
pub use catalogue::Catalogue;
pub use config::Config;
pub use history::Outcome;

pub const CONFIG_FILE: &str = "styr.toml";
pub const CATALOGUE_FILE: &str = "indikatorer.toml";
pub const CATALOGUE_XLSX: &str = "indikatorer.xlsx";
pub const HISTORY_FILE: &str = "historik.csv";
pub const TEMPLATES_DIR: &str = "templates";

/// A loaded and checked workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    pub catalogue: Catalogue,
    pub history: Vec<Outcome>,
    pub forms: FormSet,
    /// The sources of system data (`[[source]]`) and the units' codes.
    pub sources: sources::Sources,
    /// Warnings found while loading (errors make loading fail).
    pub warnings: Vec<Diagnostic>,
}

/// Why a workspace could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the workspace has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<Diagnostic>),
}

fn read(root: &Path, name: &str) -> Result<Source, LoadError> {
    let path = root.join(name);
    let text = std::fs::read_to_string(&path).map_err(|source| LoadError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(Source::new(display_path(root, name), text))
}

/// The name shown in messages: relative to the current folder when the workspace is `.`.
fn display_path(root: &Path, name: &str) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        PathBuf::from(name)
    } else {
        root.join(name)
    }
}

impl Workspace {
    /// Loads and checks the workspace in `root`.
    ///
    /// # Errors
    /// [`LoadError::Io`] when a required file cannot be read, [`LoadError::Invalid`] with every
    /// diagnostic when a file does not parse or the files do not agree.
    pub fn load(root: &Path) -> Result<Self, LoadError> {
        let mut diags = Vec::new();
        let config_src = read(root, CONFIG_FILE)?;
        let config = config::parse(&config_src);
        let sources = match &config {
            Ok(_) => sources::parse(&config_src),
            Err(_) => Ok(sources::Sources::default()),
        };
        if root.join(CATALOGUE_FILE).exists() && root.join(CATALOGUE_XLSX).exists() {
            diags.push(
                Diagnostic::error(
                    "C051",
                    Location::File(display_path(root, CATALOGUE_XLSX)),
                    crate::tx!(
                        "C051",
                        "toml" => display_path(root, CATALOGUE_FILE).display().to_string(),
                        "xlsx" => display_path(root, CATALOGUE_XLSX).display().to_string()
                    ),
                )
                .hint(crate::tx!(
                    "C051-hint",
                    "toml" => CATALOGUE_FILE,
                    "xlsx" => CATALOGUE_XLSX
                )),
            );
        }
        let catalogue = if root.join(CATALOGUE_FILE).exists() {
            let src = read(root, CATALOGUE_FILE)?;
            catalogue::parse(&src)
        } else if root.join(CATALOGUE_XLSX).exists() {
            xlsx_catalogue::read(
                &root.join(CATALOGUE_XLSX),
                &display_path(root, CATALOGUE_XLSX),
            )
        } else {
            return Err(LoadError::Io {
                path: root.join(CATALOGUE_FILE),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    crate::tx!(
                        "config-no-catalogue",
                        "toml" => CATALOGUE_FILE,
                        "xlsx" => CATALOGUE_XLSX
                    ),
                ),
            });
        };
        let history = if root.join(HISTORY_FILE).exists() {
            let src = read(root, HISTORY_FILE)?;
            history::parse(&src.name, &src.text)
        } else {
            Ok(Vec::new())
        };
        let forms = FormSet::load(
            &root.join(TEMPLATES_DIR),
            &display_path(root, TEMPLATES_DIR),
        );
        let (config, catalogue, history, forms, sources) =
            match (config, catalogue, history, forms, sources) {
                (Ok(c), Ok(k), Ok(h), Ok(f), Ok(s)) if diags.is_empty() => (c, k, h, f, s),
                (c, k, h, f, s) => {
                    diags.extend(s.err().into_iter().flatten());
                    diags.extend(c.err().into_iter().flatten());
                    diags.extend(k.err().into_iter().flatten());
                    diags.extend(h.err().into_iter().flatten());
                    diags.extend(f.err().into_iter().flatten());
                    return Err(LoadError::Invalid(diags));
                }
            };
        let ws = Workspace {
            root: root.to_path_buf(),
            config,
            catalogue,
            history,
            forms,
            sources,
            warnings: Vec::new(),
        };
        let found = validate::check(&ws);
        if found.iter().any(Diagnostic::is_error) {
            return Err(LoadError::Invalid(found));
        }
        Ok(Workspace {
            warnings: found,
            ..ws
        })
    }

    /// A path inside the workspace.
    pub fn path(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }

    /// The ids of everyone a form goes to: every förvaltning for a per-förvaltning form,
    /// else every unit.
    pub fn expected_recipients(&self, form: crate::domain::FormKind) -> Vec<String> {
        if self.forms.current(form).is_some_and(|f| f.per_forvaltning) {
            self.config
                .forvaltningar
                .iter()
                .map(|f| f.id.to_string())
                .collect()
        } else {
            self.config.units.iter().map(|u| u.id.to_string()).collect()
        }
    }

    /// The location of `styr.toml`, for messages about the workspace as a whole.
    pub fn config_location(&self) -> Location {
        Location::File(display_path(&self.root, CONFIG_FILE))
    }
}

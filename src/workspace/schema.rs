//! JSON Schemas of the files a controller edits, generated from the Rust types that read them.
//!
//! The same schema serves two readers: an editor (Taplo, Even Better TOML in VS Code) completes
//! and checks keys as the controller types, through the `#:schema` line at the top of each file;
//! and `styr validate` explains every shape finding in one pass with its expected form and an
//! example (`toml_check::shape`). The schemas are kept in the repository under `schema/` and
//! written into every new workspace; `tests/schema.rs` holds the committed copies current.

use std::sync::OnceLock;

use serde_json::Value;

use crate::toml_check::schema::generate;
pub use crate::toml_check::schema::{property, resolve};
use crate::workspace::catalogue::RawCatalogue;
use crate::workspace::config::RawConfig;

/// The folder (in the repository and in a workspace) that holds the schemas.
pub const SCHEMA_DIR: &str = "schema";
/// File names of the schemas of `styr.toml`, `indikatorer.toml` and a form definition.
pub const CONFIG_SCHEMA: &str = "styr.schema.json";
pub const CATALOGUE_SCHEMA: &str = "indikatorer.schema.json";
pub const FORM_SCHEMA: &str = "formular.schema.json";

/// The schema of `styr.toml`.
pub fn config() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(generate::<RawConfig>)
}

/// The schema of `indikatorer.toml` (and of the rows of `indikatorer.xlsx`).
pub fn catalogue() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(generate::<RawCatalogue>)
}

/// The schema of a form definition, `templates/<kind>.toml` (made in [`crate::form::schema`]).
pub fn form() -> &'static Value {
    crate::form::schema::schema()
}

/// Every schema with its file name, as written to `schema/`: pretty JSON ending in a newline.
pub fn files() -> Vec<(&'static str, String)> {
    [
        (CONFIG_SCHEMA, config()),
        (CATALOGUE_SCHEMA, catalogue()),
        (FORM_SCHEMA, form()),
    ]
    .into_iter()
    .map(|(name, v)| {
        let mut text = serde_json::to_string_pretty(v).unwrap_or_default();
        text.push('\n');
        (name, text)
    })
    .collect()
}

//! Checked TOML files: a file's text with its positions ([`Source`]), the schema-guided shape
//! check that explains every finding in plain words, Swedish or English ([`shape`]), and the
//! JSON Schema helpers ([`schema`]). Below `form` and `workspace`, which both read TOML through
//! it.

pub mod schema;
pub mod shape;
mod source;

pub use source::Source;

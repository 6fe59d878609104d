//! JSON Schemas of the files a controller edits, generated from the Rust types that read them.
//!
//! The same schema serves two readers: an editor (Taplo, Even Better TOML in VS Code) completes
//! and checks keys as the controller types, through the `#:schema` line at the top of each file;
//! and `styr validate` explains every shape finding in one pass with its expected form and an
//! example (`workspace::shape`). The schemas are kept in the repository under `schema/` and
//! written into every new workspace; `tests/schema.rs` holds the committed copies current.

use std::sync::OnceLock;

use serde_json::Value;

use crate::form::FormDef;
use crate::workspace::catalogue::RawCatalogue;
use crate::workspace::config::RawConfig;

/// The folder (in the repository and in a workspace) that holds the schemas.
pub const SCHEMA_DIR: &str = "schema";
/// File names of the schemas of `styr.toml`, `indikatorer.toml` and a form definition.
pub const CONFIG_SCHEMA: &str = "styr.schema.json";
pub const CATALOGUE_SCHEMA: &str = "indikatorer.schema.json";
pub const FORM_SCHEMA: &str = "formular.schema.json";

fn generate<T: schemars::JsonSchema>() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut v = schema.to_value();
    // The closed sets' doc comments are the code's English; the schema a controller reads
    // speaks Swedish, in the descriptions of the keys that use them.
    if let Some(defs) = v.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            if def.get("enum").is_some() || def.get("oneOf").is_some() {
                strip_descriptions(def);
            }
        }
    }
    v
}

/// Removes every `description` (English doc comments) below `v`.
fn strip_descriptions(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("description");
            for (k, x) in m.iter_mut() {
                if k == "properties" || k == "$defs" {
                    // A map of names: a property may be called `description`.
                    if let Value::Object(named) = x {
                        named.values_mut().for_each(strip_descriptions);
                    }
                } else {
                    strip_descriptions(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip_descriptions),
        _ => {}
    }
}

/// The form definition's schema: its types are documented in English for the code, so the
/// schema keeps the keys, types and values without the descriptions.
fn generate_form() -> Value {
    let mut v = generate::<FormDef>();
    strip_descriptions(&mut v);
    if let Some(m) = v.as_object_mut() {
        m.insert(
            "description".into(),
            Value::String(
                "En blankettdefinition, templates/<slag>.toml: avsnitt, fält och listor.".into(),
            ),
        );
    }
    v
}

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

/// The schema of a form definition, `templates/<kind>.toml`.
pub fn form() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(generate_form)
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

/// The schema of one property of an object schema, `$ref`s followed.
pub fn property<'a>(root: &'a Value, object: &'a Value, key: &str) -> Option<&'a Value> {
    resolve(root, object)
        .get("properties")
        .and_then(|p| p.get(key))
        .map(|s| resolve(root, s))
}

/// Follows a `$ref` to `#/$defs/<name>` (one level; schemars writes no chains).
pub fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs").and_then(|d| d.get(name)))
            .unwrap_or(schema),
        None => schema,
    }
}

//! The JSON Schema of a form definition, `templates/<kind>.toml`.

use std::sync::OnceLock;

use serde_json::Value;

use crate::form::FormDef;
use crate::toml_check::schema::{generate, strip_descriptions};

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

/// The schema of a form definition, `templates/<kind>.toml`.
pub fn schema() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(generate_form)
}

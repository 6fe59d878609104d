//! JSON Schema helpers shared by every checked TOML file: generating a schema from a Rust
//! type and following its `$ref`s.

use serde_json::Value;

/// The draft 2020-12 schema of `T`, without the English doc comments of its closed sets.
pub fn generate<T: schemars::JsonSchema>() -> Value {
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
pub fn strip_descriptions(v: &mut Value) {
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

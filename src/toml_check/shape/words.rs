//! Plain words for a schema (from the catalogue, area `config`): the expected form, an
//! example, what was written.

use serde_json::Value;

use crate::tx;

use super::Kind;
use crate::toml_check::schema::resolve;

pub(super) fn types_of(s: &Value) -> Vec<String> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

pub(super) fn fits_type(t: &str, s: &Value, kind: &Kind) -> bool {
    let date = s.get("x-styr").and_then(Value::as_str) == Some("date");
    match (t, kind) {
        ("string", Kind::Date(_)) => date,
        ("string", Kind::Str(_)) => !date,
        ("integer", Kind::Int(_))
        | ("number", Kind::Int(_) | Kind::Float(_))
        | ("boolean", Kind::Bool(_))
        | ("array", Kind::Array(_))
        | ("object", Kind::Table(_)) => true,
        _ => false,
    }
}

/// The allowed strings when a schema (or every alternative) is an `enum` or `const`.
pub(super) fn enum_values_of(alts: &[&Value]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for a in alts {
        if let Some(vs) = a.get("enum").and_then(Value::as_array) {
            out.extend(vs.iter().filter_map(Value::as_str).map(String::from));
        } else if let Some(c) = a.get("const").and_then(Value::as_str) {
            out.push(c.to_string());
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

pub(super) fn kind_word(k: &Kind) -> String {
    match k {
        Kind::Str(s) => tx!("config-kind-text", "text" => s.chars().take(40).collect::<String>()),
        Kind::Int(n) => tx!("config-kind-integer", "n" => n.to_string()),
        Kind::Float(x) => tx!("config-kind-number", "n" => x.to_string()),
        Kind::Bool(b) => format!("{b}"),
        Kind::Date(d) => tx!("config-kind-date", "date" => d),
        Kind::Array(_) => tx!("config-kind-list"),
        Kind::Table(_) => tx!("config-kind-table"),
    }
}

pub(super) fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn example_hint(s: &Value, key: &str) -> String {
    tx!("config-example", "example" => example_line(&Value::Null, s, key))
}

/// `key = <example>` from the schema's `examples`, else one made from its type.
pub(super) fn example_line(root: &Value, schema: &Value, key: &str) -> String {
    format!("{key} = {}", example_value(root, schema, 0))
}

pub(super) fn example_value(root: &Value, schema: &Value, depth: usize) -> String {
    if let Some(e) = schema
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
    {
        return toml_literal(e);
    }
    let s = resolve(root, schema);
    if let Some(e) = s
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
    {
        return toml_literal(e);
    }
    if let Some(alts) = s
        .get("anyOf")
        .or_else(|| s.get("oneOf"))
        .and_then(Value::as_array)
    {
        let alts: Vec<&Value> = alts
            .iter()
            .map(|a| resolve(root, a))
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if let Some(values) = enum_values_of(&alts) {
            return format!("\"{}\"", values[0]);
        }
        if let Some(a) = alts.first() {
            return example_value(root, a, depth);
        }
    }
    if let Some(values) = enum_values_of(&[s]) {
        return format!("\"{}\"", values[0]);
    }
    let ty = types_of(s).into_iter().next().unwrap_or_default();
    match (ty.as_str(), s.get("x-styr").and_then(Value::as_str)) {
        ("string", Some("date")) => "2026-05-08".into(),
        ("string", Some("id")) => "\"exempel-1\"".into(),
        ("string", Some("period")) => "\"2026\"".into(),
        ("string", _) => "\"…\"".into(),
        ("integer", _) => "10".into(),
        ("number", _) => "12.5".into(),
        ("boolean", _) => "true".into(),
        ("array", _) if depth < 2 => match s.get("items") {
            Some(i) => format!("[{}]", example_value(root, i, depth + 1)),
            None => "[]".into(),
        },
        ("object", _) if depth < 2 => {
            let props = s.get("properties").and_then(Value::as_object);
            let keys: Vec<String> = s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter_map(|k| {
                    props
                        .and_then(|p| p.get(k))
                        .map(|p| format!("{k} = {}", example_value(root, p, depth + 1)))
                })
                .collect();
            format!("{{ {} }}", keys.join(", "))
        }
        _ => "…".into(),
    }
}

pub(super) fn toml_literal(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(toml_literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(_) | Value::Null => "{ … }".into(),
        other => other.to_string(),
    }
}

/// An id made plain: å, ä → a, ö → o, spaces → '-', other characters dropped.
pub fn plain_id(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        match c {
            'å' | 'ä' | 'à' | 'á' => out.push('a'),
            'Å' | 'Ä' => out.push('A'),
            'ö' | 'ø' => out.push('o'),
            'Ö' | 'Ø' => out.push('O'),
            'é' | 'è' => out.push('e'),
            'ü' => out.push('u'),
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') => out.push(c),
            c if (c.is_whitespace() || c == '/') && !out.ends_with('-') => out.push('-'),
            c if c.is_whitespace() || c == '/' => {}
            _ => {}
        }
    }
    let out = out.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let out: String = out.chars().take(40).collect();
    if out.is_empty() {
        "exempel-1".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids() {
        assert_eq!(plain_id("Åsens skola / F–9"), "Asens-skola-F9");
        assert_eq!(plain_id("ksf-hö"), "ksf-ho");
        assert_eq!(plain_id("???"), "exempel-1");
        assert!(crate::domain::UnitId::new(plain_id(&"ö".repeat(90))).is_ok());
    }
}

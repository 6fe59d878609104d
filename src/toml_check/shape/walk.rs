//! The walk of a value tree against its schema, and the findings it makes.

use std::collections::BTreeSet;

use serde_json::Value;

use super::words::{
    enum_values_of, example_hint, example_line, fits_type, kind_word, plain_id, quoted_list,
    types_of,
};
use super::{Kind, Node, Table, place};
use crate::diag::{Diagnostic, Location, closest};
use crate::toml_check::schema::resolve;
use crate::tx;

pub(super) struct Walker<'a> {
    pub(super) root: &'a Value,
    pub(super) out: Vec<Diagnostic>,
}

impl Walker<'_> {
    pub(super) fn walk(&mut self, schema: &Value, node: &Node, key: &str, ctx: &str) {
        let s = resolve(self.root, schema);
        if let Some(alts) = s
            .get("anyOf")
            .or_else(|| s.get("oneOf"))
            .and_then(Value::as_array)
        {
            let alts: Vec<&Value> = alts
                .iter()
                .map(|a| resolve(self.root, a))
                .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if let [one] = alts.as_slice() {
                self.walk(one, node, key, ctx);
                return;
            }
            if let Some(values) = enum_values_of(&alts) {
                self.check_enum(&values, node, key, ctx);
                return;
            }
            // Several shapes: fine when one fits; else explain with the first.
            let fits = alts.iter().any(|a| {
                let mut w = Walker {
                    root: self.root,
                    out: Vec::new(),
                };
                w.walk(a, node, key, ctx);
                w.out.is_empty()
            });
            if !fits && let Some(a) = alts.first() {
                self.walk(a, node, key, ctx);
            }
            return;
        }
        if let Some(values) = enum_values_of(&[s]) {
            self.check_enum(&values, node, key, ctx);
            return;
        }
        let types = types_of(s);
        if !types.is_empty() && !types.iter().any(|t| fits_type(t, s, &node.kind)) {
            self.wrong_type(s, node, key, ctx);
            return;
        }
        match &node.kind {
            Kind::Str(text) => self.check_text(s, node, text, key, ctx),
            Kind::Int(n) => self.check_range(s, node, *n as f64, key, ctx),
            Kind::Float(x) => self.check_range(s, node, *x, key, ctx),
            Kind::Array(items) => {
                if let Some(item) = s.get("items") {
                    for n in items {
                        self.walk(item, n, key, ctx);
                    }
                }
                let len = items.len() as u64;
                let min = s.get("minItems").and_then(Value::as_u64);
                let max = s.get("maxItems").and_then(Value::as_u64);
                if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
                    let want = match (min, max) {
                        (Some(a), Some(b)) if a == b => format!("{a}"),
                        (Some(a), Some(b)) => format!("{a}–{b}"),
                        (Some(a), None) => tx!("range-at-least", "min" => a.to_string()),
                        (None, Some(b)) => tx!("range-at-most", "max" => b.to_string()),
                        (None, None) => String::new(),
                    };
                    self.out.push(
                        Diagnostic::error(
                            "C001",
                            node.at.clone(),
                            tx!(
                                "config-list-length",
                                "key" => key,
                                "place" => place(ctx),
                                "len" => len.to_string(),
                                "want" => want
                            ),
                        )
                        .hint(example_hint(s, key)),
                    );
                }
            }
            Kind::Table(t) => {
                let here = table_label(key, ctx, node);
                self.check_table(s, node, t, &here);
            }
            Kind::Bool(_) | Kind::Date(_) => {}
        }
    }

    pub(super) fn check_table(&mut self, s: &Value, node: &Node, t: &Table, here: &str) {
        let props = s.get("properties").and_then(Value::as_object);
        let here = here.to_string();
        let closed = s.get("additionalProperties") == Some(&Value::Bool(false));
        let extra = s.get("additionalProperties").filter(|v| v.is_object());
        for e in &t.entries {
            match props.and_then(|p| p.get(&e.key)) {
                Some(ps) => {
                    let inner = match resolve(self.root, ps).get("type").and_then(Value::as_str) {
                        Some("array") => array_label(&e.key, &here),
                        _ => here.clone(),
                    };
                    self.walk(ps, &e.node, &e.key, &inner);
                }
                None => {
                    if let Some(x) = extra {
                        self.walk(x, &e.node, &e.key, &here);
                    } else if closed {
                        let known: Vec<&str> = props
                            .map(|p| p.keys().map(String::as_str).collect())
                            .unwrap_or_default();
                        self.out
                            .push(unknown_key(&e.key, e.key_at.clone(), &here, &known));
                    }
                }
            }
        }
        let present: BTreeSet<&str> = t.entries.iter().map(|e| e.key.as_str()).collect();
        for req in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if present.contains(req) || t.skip_missing.contains(req) {
                continue;
            }
            let ps = props.and_then(|p| p.get(req)).unwrap_or(&Value::Null);
            let at = t.slots.get(req).cloned().unwrap_or_else(|| node.at.clone());
            self.out.push(
                Diagnostic::error(
                    "C001",
                    at,
                    tx!("config-missing-key", "key" => req, "place" => place(&here)),
                )
                .hint(self.explain(ps, req)),
            );
        }
    }

    /// `Beskrivning. nyckel: form, till exempel nyckel = …`. The schema's descriptions are
    /// Swedish (what an editor shows): an English run leaves them out.
    fn explain(&self, schema: &Value, key: &str) -> String {
        let s = resolve(self.root, schema);
        let desc = schema
            .get("description")
            .or_else(|| s.get("description"))
            .and_then(Value::as_str)
            .filter(|_| crate::i18n::current() == crate::i18n::Lang::Sv)
            .map(|d| format!("{d} "))
            .unwrap_or_default();
        let explained = tx!(
            "config-explain",
            "key" => key,
            "form" => self.form_of(s),
            "example" => example_line(self.root, schema, key)
        );
        format!("{desc}{explained}")
    }

    fn form_of(&self, schema: &Value) -> String {
        let s = resolve(self.root, schema);
        let alts = s
            .get("anyOf")
            .or_else(|| s.get("oneOf"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| resolve(self.root, x))
                    .filter(|x| x.get("type").and_then(Value::as_str) != Some("null"))
                    .collect::<Vec<_>>()
            });
        if let Some(alts) = alts {
            if let Some(values) = enum_values_of(&alts) {
                return tx!("config-form-one-of", "list" => quoted_list(&values));
            }
            if let Some(one) = alts.first() {
                return self.form_of(one);
            }
        }
        if let Some(values) = enum_values_of(&[s]) {
            return tx!("config-form-one-of", "list" => quoted_list(&values));
        }
        let ty = types_of(s).into_iter().next().unwrap_or_default();
        match (ty.as_str(), s.get("x-styr").and_then(Value::as_str)) {
            ("string", Some("date")) => tx!("config-form-date"),
            ("string", Some("id")) => tx!("config-form-id"),
            ("string", Some("period")) => tx!("config-form-period"),
            ("string", _) => tx!("config-form-text"),
            ("integer", _) => tx!("config-form-integer"),
            ("number", _) => tx!("config-form-number"),
            ("boolean", _) => tx!("config-form-boolean"),
            ("array", _) => match s.get("items") {
                Some(i) => tx!("config-form-list-of", "form" => self.form_of(i)),
                None => tx!("config-form-list"),
            },
            ("object", _) => tx!("config-form-table"),
            _ => tx!("config-form-value"),
        }
    }

    fn check_enum(&mut self, values: &[String], node: &Node, key: &str, ctx: &str) {
        let Kind::Str(v) = &node.kind else {
            self.out.push(
                Diagnostic::error(
                    "C001",
                    node.at.clone(),
                    tx!(
                        "config-enum-not-text",
                        "key" => key,
                        "place" => place(ctx),
                        "kind" => kind_word(&node.kind)
                    ),
                )
                .hint(tx!("config-write-one-of", "list" => quoted_list(values))),
            );
            return;
        };
        if values.iter().any(|x| x == v) {
            return;
        }
        let d = Diagnostic::error(
            "C001",
            node.at.clone(),
            tx!("config-enum-value", "key" => key, "value" => v, "place" => place(ctx)),
        );
        let d = match closest(v, values.iter().map(String::as_str)) {
            Some(c) => d.hint(tx!("did-you-mean-quoted", "name" => c)),
            None => d,
        };
        self.out
            .push(d.hint(tx!("config-write-one-of", "list" => quoted_list(values))));
    }

    fn wrong_type(&mut self, s: &Value, node: &Node, key: &str, ctx: &str) {
        let form = self.form_of(s);
        let ty = types_of(s).into_iter().next().unwrap_or_default();
        let x_styr = s.get("x-styr").and_then(Value::as_str);
        // The example made from what was written, where it can be: `period = "2026"` for
        // `period = 2026`, `budget_tkr = 12.5` for `budget_tkr = "12,5"`.
        let from_value = match (&node.kind, ty.as_str(), x_styr) {
            (Kind::Int(n), "string", None | Some("id" | "period")) => Some(format!("\"{n}\"")),
            (Kind::Float(x), "string", None) => Some(format!("\"{x}\"")),
            (Kind::Str(t), "number" | "integer", _) => {
                let n = t.trim().replace(',', ".").replace([' ', '\u{a0}'], "");
                n.parse::<f64>().ok().map(|_| n)
            }
            (Kind::Str(t), "string", Some("date")) => Some(t.trim().to_string()),
            (Kind::Str(t), "array", _) => Some(format!("[\"{t}\"]")),
            _ => None,
        };
        let example = match from_value {
            Some(v) => format!("{key} = {v}"),
            None => example_line(self.root, s, key),
        };
        let d = Diagnostic::error(
            "C001",
            node.at.clone(),
            tx!(
                "config-wrong-type",
                "key" => key,
                "place" => place(ctx),
                "form" => form,
                "kind" => kind_word(&node.kind)
            ),
        );
        let d = match (&node.kind, ty.as_str(), x_styr) {
            (Kind::Str(_), "string", Some("date")) => d.hint(tx!("config-wrong-type-date")),
            (Kind::Str(_), "number" | "integer", _) => d.hint(tx!("config-wrong-type-number")),
            (Kind::Int(_) | Kind::Float(_), "string", _) => d.hint(tx!("config-wrong-type-text")),
            _ => d,
        };
        self.out
            .push(d.hint(tx!("config-example", "example" => example)));
    }

    fn check_text(&mut self, s: &Value, node: &Node, text: &str, key: &str, ctx: &str) {
        match s.get("x-styr").and_then(Value::as_str) {
            Some("id") if crate::domain::UnitId::new(text).is_err() => {
                let suggestion = plain_id(text);
                self.out.push(
                    Diagnostic::error(
                        "C001",
                        node.at.clone(),
                        tx!("config-bad-id", "key" => key, "value" => text, "place" => place(ctx)),
                    )
                    .hint(tx!("config-bad-id-hint"))
                    .hint(tx!("config-example", "example" => format!("{key} = \"{suggestion}\""))),
                );
            }
            Some("period") => {
                if let Err(e) = crate::domain::Period::parse(text) {
                    let why = period_hint(&e);
                    self.out.push(
                        Diagnostic::error(
                            "C001",
                            node.at.clone(),
                            tx!("config-bad-period", "key" => key, "value" => text, "place" => place(ctx)),
                        )
                        .hint(why),
                    );
                }
            }
            _ => {}
        }
    }

    fn check_range(&mut self, s: &Value, node: &Node, x: f64, key: &str, ctx: &str) {
        let min = s.get("minimum").and_then(Value::as_f64);
        let max = s.get("maximum").and_then(Value::as_f64);
        if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) || !x.is_finite() {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => tx!("range-at-least", "min" => a.to_string()),
                (None, Some(b)) => tx!("range-at-most", "max" => b.to_string()),
                (None, None) => tx!("config-finite-number"),
            };
            self.out.push(
                Diagnostic::error(
                    "C001",
                    node.at.clone(),
                    tx!(
                        "config-out-of-range",
                        "key" => key,
                        "value" => x.to_string(),
                        "place" => place(ctx),
                        "range" => range
                    ),
                )
                .hint(tx!("config-example", "example" => example_line(self.root, s, key))),
            );
        }
    }
}

fn unknown_key(key: &str, at: Location, here: &str, known: &[&str]) -> Diagnostic {
    let d = Diagnostic::error(
        "C001",
        at,
        tx!("config-unknown-key", "key" => key, "place" => place(here)),
    );
    match closest(key, known.iter().copied()).or_else(|| swapped(key, known)) {
        Some(c) => {
            // `tolerence` is near `tolerance`, and `tolerance_pct` is its sibling.
            let siblings: Vec<&str> = known
                .iter()
                .copied()
                .filter(|k| *k != c && k.starts_with(c))
                .collect();
            let mut names = vec![format!("`{c}`")];
            names.extend(siblings.iter().map(|s| format!("`{s}`")));
            let or = format!(" {} ", tx!("config-or"));
            d.hint(tx!("config-did-you-mean-keys", "keys" => names.join(&or)))
        }
        None => d.hint(tx!(
            "config-known-keys",
            "keys" => known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// A known key that `key` is with two neighbouring letters swapped (`lable` for `label`).
fn swapped<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let k: Vec<char> = key.chars().collect();
    known.iter().copied().find(|cand| {
        let c: Vec<char> = cand.chars().collect();
        if c.len() != k.len() {
            return false;
        }
        let diff: Vec<usize> = (0..k.len()).filter(|&i| k[i] != c[i]).collect();
        matches!(diff.as_slice(), [i, j] if *j == i + 1 && k[*i] == c[*j] && k[*j] == c[*i])
    })
}

/// `[kommun]`, `[[enhet]] 'buf-fsk'`, `definition i [[indicator]] 'x'`.
fn table_label(key: &str, ctx: &str, node: &Node) -> String {
    if key.is_empty() {
        return String::new();
    }
    if ctx.starts_with("[[") {
        // An entry of an array of tables: `[[field]] 'utfall' i [[section]] 'indikatorer'`.
        let sep = format!("]] {} ", tx!("config-in"));
        let (head, rest) = match ctx.split_once(&sep) {
            Some((h, r)) => (format!("{h}]]"), format!(" {} {r}", tx!("config-in"))),
            None => (ctx.to_string(), String::new()),
        };
        return match node.id() {
            Some(id) => format!("{head} '{id}'{rest}"),
            None => ctx.to_string(),
        };
    }
    if ctx.is_empty() {
        format!("[{key}]")
    } else if let Some(inner) = ctx.strip_prefix('[').and_then(|c| c.strip_suffix(']'))
        && !inner.starts_with('[')
    {
        format!("[{inner}.{key}]")
    } else {
        format!("`{key}` {}", place(ctx))
    }
}

fn array_label(key: &str, here: &str) -> String {
    if here.is_empty() {
        format!("[[{key}]]")
    } else {
        format!("[[{key}]] {} {here}", tx!("config-in"))
    }
}

/// Why a text is no period.
fn period_hint(e: &crate::domain::PeriodError) -> String {
    match e {
        crate::domain::PeriodError::Month(_) => tx!("config-period-month"),
        crate::domain::PeriodError::Tertial(_) => tx!("config-period-tertial"),
        crate::domain::PeriodError::Year(_) => tx!("config-period-year"),
        crate::domain::PeriodError::Syntax(_) => tx!("config-period-syntax"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_letters_are_found() {
        assert_eq!(swapped("lable", &["id", "label"]), Some("label"));
        assert_eq!(swapped("lbeal", &["label"]), None);
        assert_eq!(swapped("label", &["lab"]), None);
    }
}

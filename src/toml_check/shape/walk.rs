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
                        (Some(a), None) => format!("minst {a}"),
                        (None, Some(b)) => format!("högst {b}"),
                        (None, None) => String::new(),
                    };
                    self.out.push(
                        Diagnostic::error(
                            "C001",
                            node.at.clone(),
                            format!("`{key}` {} har {len} värden, men ska ha {want}", place(ctx)),
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
                Diagnostic::error("C001", at, format!("`{req}` saknas {}", place(&here)))
                    .hint(self.explain(ps, req)),
            );
        }
    }

    /// `nyckel: beskrivning. Skriv …, till exempel: nyckel = …`.
    fn explain(&self, schema: &Value, key: &str) -> String {
        let s = resolve(self.root, schema);
        let desc = schema
            .get("description")
            .or_else(|| s.get("description"))
            .and_then(Value::as_str)
            .map(|d| format!("{d} "))
            .unwrap_or_default();
        format!(
            "{desc}{}: {}, till exempel {}",
            key,
            self.form_of(s),
            example_line(self.root, schema, key)
        )
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
                return format!("ett av värdena {}", quoted_list(&values));
            }
            if let Some(one) = alts.first() {
                return self.form_of(one);
            }
        }
        if let Some(values) = enum_values_of(&[s]) {
            return format!("ett av värdena {}", quoted_list(&values));
        }
        let ty = types_of(s).into_iter().next().unwrap_or_default();
        match (ty.as_str(), s.get("x-styr").and_then(Value::as_str)) {
            ("string", Some("date")) => "ett datum utan citattecken".into(),
            ("string", Some("id")) => {
                "ett id inom citattecken (a–z, A–Z, 0–9, '-', '_' och '.', utan å, ä, ö)".into()
            }
            ("string", Some("period")) => {
                "en period inom citattecken (2026-03, 2026-T1, 2026 eller 2027-plan)".into()
            }
            ("string", _) => "en text inom citattecken".into(),
            ("integer", _) => "ett heltal utan citattecken".into(),
            ("number", _) => "ett tal utan citattecken, med decimalpunkt".into(),
            ("boolean", _) => "true eller false".into(),
            ("array", _) => match s.get("items") {
                Some(i) => format!("en lista inom hakparenteser, av {}", self.form_of(i)),
                None => "en lista inom hakparenteser".into(),
            },
            ("object", _) => "en tabell".into(),
            _ => "ett värde".into(),
        }
    }

    fn check_enum(&mut self, values: &[String], node: &Node, key: &str, ctx: &str) {
        let Kind::Str(v) = &node.kind else {
            self.out.push(
                Diagnostic::error(
                    "C001",
                    node.at.clone(),
                    format!(
                        "`{key}` {} ska vara {}, inte {}",
                        place(ctx),
                        "ett av värdena inom citattecken",
                        kind_word(&node.kind)
                    ),
                )
                .hint(format!("skriv ett av {}", quoted_list(values))),
            );
            return;
        };
        if values.iter().any(|x| x == v) {
            return;
        }
        let d = Diagnostic::error(
            "C001",
            node.at.clone(),
            format!(
                "`{key} = \"{v}\"` {} är inget av de tillåtna värdena",
                place(ctx)
            ),
        );
        let d = match closest(v, values.iter().map(String::as_str)) {
            Some(c) => d.hint(format!("menade du \"{c}\"?")),
            None => d,
        };
        self.out
            .push(d.hint(format!("skriv ett av {}", quoted_list(values))));
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
            format!(
                "`{key}` {} ska vara {form}, men är {}",
                place(ctx),
                kind_word(&node.kind)
            ),
        );
        let d = match (&node.kind, ty.as_str(), x_styr) {
            (Kind::Str(_), "string", Some("date")) => {
                d.hint("ett datum skrivs utan citattecken i TOML")
            }
            (Kind::Str(_), "number" | "integer", _) => {
                d.hint("ett tal skrivs utan citattecken, med punkt som decimaltecken")
            }
            (Kind::Int(_) | Kind::Float(_), "string", _) => d.hint("text skrivs inom citattecken"),
            _ => d,
        };
        self.out.push(d.hint(format!("till exempel {example}")));
    }

    fn check_text(&mut self, s: &Value, node: &Node, text: &str, key: &str, ctx: &str) {
        match s.get("x-styr").and_then(Value::as_str) {
            Some("id") if crate::domain::UnitId::new(text).is_err() => {
                let suggestion = plain_id(text);
                self.out.push(
                        Diagnostic::error(
                            "C001",
                            node.at.clone(),
                            format!("`{key} = \"{text}\"` {} är inget giltigt id", place(ctx)),
                        )
                        .hint("ett id har 1–40 tecken: bokstäverna a–z och A–Z (utan å, ä, ö och mellanslag), siffror, '-', '_' och '.', och börjar med en bokstav eller siffra; det står i filnamn och i blanketternas dolda nycklar")
                        .hint(format!("till exempel {key} = \"{suggestion}\"")),
                    );
            }
            Some("period") => {
                if let Err(e) = crate::domain::Period::parse(text) {
                    let why = match e {
                        crate::domain::PeriodError::Month(_) => "månaden ska vara 01–12",
                        crate::domain::PeriodError::Tertial(_) => {
                            "det finns två tertial, T1 (jan–apr) och T2 (jan–aug); det tredje är årsredovisningen, som skrivs med året ensamt"
                        }
                        crate::domain::PeriodError::Year(_) => "året ska vara 1900–2999",
                        crate::domain::PeriodError::Syntax(_) => {
                            "skriv 2026-03 (månad), 2026-T1 eller 2026-T2 (tertial), 2026 (år) eller 2027-plan (planering)"
                        }
                    };
                    self.out.push(
                        Diagnostic::error(
                            "C001",
                            node.at.clone(),
                            format!("`{key} = \"{text}\"` {} är ingen period", place(ctx)),
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
                (Some(a), None) => format!("minst {a}"),
                (None, Some(b)) => format!("högst {b}"),
                (None, None) => "ett ändligt tal".into(),
            };
            self.out.push(
                Diagnostic::error(
                    "C001",
                    node.at.clone(),
                    format!("`{key} = {x}` {} ligger utanför {range}", place(ctx)),
                )
                .hint(format!("till exempel {}", example_line(self.root, s, key))),
            );
        }
    }
}

fn unknown_key(key: &str, at: Location, here: &str, known: &[&str]) -> Diagnostic {
    let d = Diagnostic::error("C001", at, format!("okänd nyckel `{key}` {}", place(here)));
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
            d.hint(format!("menade du {}?", names.join(" eller ")))
        }
        None => d.hint(format!(
            "nycklarna här är {}",
            known
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
        let (head, rest) = match ctx.split_once("]] i ") {
            Some((h, r)) => (format!("{h}]]"), format!(" i {r}")),
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
        format!("[[{key}]] i {here}")
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

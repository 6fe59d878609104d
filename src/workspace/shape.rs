//! Every shape finding of a file in one pass: missing keys, unknown keys, wrong types and
//! values, each in plain Swedish with the expected form and an example.
//!
//! The parser (serde) stops at the first problem and speaks its own language (`expected f64`).
//! When it fails, the file is read again as a tree of values with their positions ([`Node`]) and
//! checked against the JSON Schema generated from the same Rust types (`workspace::schema`), so
//! the schema an editor completes from is also the one the findings are explained with. A
//! catalogue workbook's rows are checked the same way, with a cell for every key.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diag::{Diagnostic, Location, closest};
use crate::workspace::schema::resolve;
use crate::workspace::source::Source;

/// A value with its position.
#[derive(Debug, Clone)]
pub struct Node {
    pub at: Location,
    pub kind: Kind,
}

/// What a value is.
#[derive(Debug, Clone)]
pub enum Kind {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date or date-time, as written.
    Date(String),
    Array(Vec<Node>),
    Table(Table),
}

/// A table: its entries, and where a missing key would be written (a workbook's empty cell).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub entries: Vec<Entry>,
    /// Where each absent key belongs (the cell under its header); else the table itself.
    pub slots: BTreeMap<String, Location>,
    /// Keys whose absence is reported elsewhere (a column missing from a header row).
    pub skip_missing: BTreeSet<String>,
}

/// One `key = value` of a table.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_at: Location,
    pub node: Node,
}

impl Node {
    /// The tree of a TOML document, with positions from `src`.
    ///
    /// # Errors
    /// The syntax error, as a `C001` diagnostic in Swedish.
    pub fn parse_toml(src: &Source) -> Result<Node, Diagnostic> {
        let doc = toml::de::DeTable::parse(&src.text).map_err(|e| syntax_error(src, &e))?;
        let at = src.at(0);
        Ok(Node {
            at: at.clone(),
            kind: Kind::Table(table_of(src, doc.get_ref(), at)),
        })
    }

    fn id(&self) -> Option<&str> {
        match &self.kind {
            Kind::Table(t) => t.entries.iter().find(|e| e.key == "id").and_then(|e| {
                if let Kind::Str(s) = &e.node.kind {
                    Some(s.as_str())
                } else {
                    None
                }
            }),
            _ => None,
        }
    }
}

fn table_of(src: &Source, t: &toml::de::DeTable<'_>, at: Location) -> Table {
    let mut entries: Vec<Entry> = t
        .iter()
        .map(|(k, v)| Entry {
            key: k.get_ref().to_string(),
            key_at: src.span(&k.span()),
            node: node_of(src, v),
        })
        .collect();
    entries.sort_by_key(|e| position(&e.key_at));
    let _ = &at;
    Table {
        entries,
        ..Table::default()
    }
}

fn position(at: &Location) -> (usize, usize) {
    match at {
        Location::Text { line, col, .. } => (*line, *col),
        _ => (0, 0),
    }
}

fn node_of(src: &Source, v: &toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue as V;
    let at = src.span(&v.span());
    let kind = match v.get_ref() {
        V::String(s) => Kind::Str(s.to_string()),
        V::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            match i64::from_str_radix(&digits, i.radix()) {
                Ok(n) => Kind::Int(n),
                Err(_) => Kind::Float(digits.parse().unwrap_or(f64::INFINITY)),
            }
        }
        V::Float(f) => Kind::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        V::Boolean(b) => Kind::Bool(*b),
        V::Datetime(d) => Kind::Date(d.to_string()),
        V::Array(a) => Kind::Array(a.iter().map(|x| node_of(src, x)).collect()),
        V::Table(t) => Kind::Table(table_of(src, t, at.clone())),
    };
    Node { at, kind }
}

fn syntax_error(src: &Source, e: &toml::de::Error) -> Diagnostic {
    let at = e
        .span()
        .map_or_else(|| Location::File(src.name.clone()), |s| src.span(&s));
    let first = e.message().lines().next().unwrap_or_default().trim();
    Diagnostic::error("C001", at, format!("TOML-filen går inte att läsa här: {first}"))
        .hint("skriv en nyckel per rad: nyckel = \"text\", nyckel = 12.5, nyckel = 2026-05-08 eller nyckel = [\"a\", \"b\"]; text står inom raka citattecken")
}

/// Every shape finding of `node` against `schema` (a root schema with its `$defs`), in order.
pub fn check(schema: &Value, node: &Node) -> Vec<Diagnostic> {
    let mut w = Walker {
        root: schema,
        out: Vec::new(),
    };
    w.walk(schema, node, "", "");
    w.out
}

/// Every shape finding of one entry (`node`, a table) against `schema`, a part of `root`;
/// `label` names the entry in messages ("raden i 'Indikatorer'").
pub fn check_entry(root: &Value, schema: &Value, node: &Node, label: &str) -> Vec<Diagnostic> {
    let mut w = Walker {
        root,
        out: Vec::new(),
    };
    let s = resolve(root, schema);
    if let Kind::Table(t) = &node.kind {
        w.check_table(s, node, t, label);
    }
    w.out
}

/// Where a value stands, for messages: `[kommun]`, `[[enhet]] 'buf-fsk'`, or the file's top.
fn place(ctx: &str) -> String {
    if ctx.is_empty() {
        "överst i filen".into()
    } else {
        format!("i {ctx}")
    }
}

struct Walker<'a> {
    root: &'a Value,
    out: Vec<Diagnostic>,
}

impl Walker<'_> {
    fn walk(&mut self, schema: &Value, node: &Node, key: &str, ctx: &str) {
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

    fn check_table(&mut self, s: &Value, node: &Node, t: &Table, here: &str) {
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

fn types_of(s: &Value) -> Vec<String> {
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

fn fits_type(t: &str, s: &Value, kind: &Kind) -> bool {
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
fn enum_values_of(alts: &[&Value]) -> Option<Vec<String>> {
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

fn kind_word(k: &Kind) -> String {
    match k {
        Kind::Str(s) => format!("texten \"{}\"", s.chars().take(40).collect::<String>()),
        Kind::Int(n) => format!("heltalet {n}"),
        Kind::Float(x) => format!("talet {x}"),
        Kind::Bool(b) => format!("{b}"),
        Kind::Date(d) => format!("datumet {d}"),
        Kind::Array(_) => "en lista".into(),
        Kind::Table(_) => "en tabell".into(),
    }
}

fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn example_hint(s: &Value, key: &str) -> String {
    format!("till exempel {}", example_line(&Value::Null, s, key))
}

/// `key = <example>` from the schema's `examples`, else one made from its type.
fn example_line(root: &Value, schema: &Value, key: &str) -> String {
    format!("{key} = {}", example_value(root, schema, 0))
}

fn example_value(root: &Value, schema: &Value, depth: usize) -> String {
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

fn toml_literal(v: &Value) -> String {
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

/// All shape findings of a TOML source against `schema`, or its syntax error; empty when the
/// file fits the schema.
pub fn check_source(src: &Source, schema: &Value) -> Vec<Diagnostic> {
    match Node::parse_toml(src) {
        Ok(node) => {
            let mut found = check(schema, &node);
            found.sort_by(|a, b| a.location.cmp(&b.location));
            found
        }
        Err(d) => vec![d],
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

    #[test]
    fn plain_ids() {
        assert_eq!(plain_id("Åsens skola / F–9"), "Asens-skola-F9");
        assert_eq!(plain_id("ksf-hö"), "ksf-ho");
        assert_eq!(plain_id("???"), "exempel-1");
        assert!(crate::domain::UnitId::new(plain_id(&"ö".repeat(90))).is_ok());
    }
}

//! Every shape finding of a file in one pass: missing keys, unknown keys, wrong types and
//! values, each in plain words (Swedish, or English with `--lang en`; catalogue area `config`)
//! with the expected form and an example.
//!
//! The parser (serde) stops at the first problem and speaks its own language (`expected f64`).
//! When it fails, the file is read again as a tree of values with their positions ([`Node`]) and
//! checked against the JSON Schema generated from the same Rust types (`workspace::schema`), so
//! the schema an editor completes from is also the one the findings are explained with. A
//! catalogue workbook's rows are checked the same way, with a cell for every key.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diag::{Diagnostic, Location};
use crate::toml_check::Source;
use crate::toml_check::schema::resolve;
use crate::tx;

mod walk;
mod words;

use walk::Walker;
pub use words::plain_id;

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
    /// The syntax error, as a `C001` diagnostic.
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
    syntax_diagnostic(at, first).hint(tx!("config-syntax-hint"))
}

/// `C001` for a TOML syntax error: the parser's (English) words kept as detail, the message
/// in the language of the run, naming what is wrong where it is one of the common cases.
pub(crate) fn syntax_diagnostic(at: Location, parser: &str) -> Diagnostic {
    let has = |words: &[&str]| words.iter().any(|w| parser.contains(w));
    let what = if has(&["duplicate key"]) {
        tx!("config-syntax-duplicate")
    } else if has(&["must be quoted"]) {
        tx!("config-syntax-kind")
    } else if has(&["string", "unterminated", "closing quote", "opening quote"]) {
        tx!("config-syntax-string")
    } else if has(&["expected `=`", "expected `.`, `=`", "missing assignment"]) {
        tx!("config-syntax-equals")
    } else if has(&[
        "unclosed table",
        "unclosed array table",
        "invalid table",
        "header",
    ]) {
        tx!("config-syntax-header")
    } else if has(&["unclosed array", "between array elements"]) {
        tx!("config-syntax-list")
    } else if has(&["missing value"]) {
        tx!("config-syntax-value")
    } else if has(&[
        "invalid integer",
        "invalid float",
        "invalid date",
        "invalid boolean",
        "invalid value",
        "invalid number",
    ]) {
        tx!("config-syntax-kind")
    } else {
        tx!("config-syntax")
    };
    Diagnostic::error("C001", at, what).detail(parser)
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
/// `label` names the entry in messages ("raden i 'Indikatorer'", in the language of the run).
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
        tx!("config-place-top")
    } else {
        tx!("config-place-in", "place" => ctx)
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
mod syntax_tests {
    use super::*;
    use crate::i18n::{Lang, tr};

    /// The common syntax errors are named in the run's words; the parser's own stay as detail.
    #[test]
    fn syntax_errors_are_named() {
        for (text, key) in [
            ("year = 20x26\n", "config-syntax-kind"),
            ("a = [1 2]\n", "config-syntax-kind"),
            ("name = \"a\n", "config-syntax-string"),
            ("[kommun\n", "config-syntax-header"),
            ("a = 1\na = 2\n", "config-syntax-duplicate"),
            ("year 2026\n", "config-syntax-equals"),
        ] {
            let d = Node::parse_toml(&Source::new("a.toml", text)).unwrap_err();
            assert_eq!(d.message, tr(Lang::Sv, key, &[]), "{text:?}");
            assert!(d.detail.is_some_and(|x| !x.is_empty()), "{text:?}");
        }
    }
}

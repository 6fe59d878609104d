//! The indicator catalogue kept as a workbook (`indikatorer.xlsx`): the controller's own master
//! list. Sheets `Mål`, `Indikatorer` and `Målvärden`; the first row of each holds the same keys
//! as `indikatorer.toml` (`definition` is spread over `numerator`, `denominator`, `source`,
//! `owner`; `ratio` over `ratio_numerator`, `ratio_denominator`, `ratio_scale`; `goals` and
//! `categories` are comma-separated).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

use crate::diag::{Diagnostic, Location, closest};
use crate::domain::{CellRef, SheetCell};
use crate::toml_check::shape::{self, Entry, Kind, Node, Table};
use crate::tx;
use crate::workspace::catalogue::{Catalogue, RawGoal, RawIndicator, RawTarget};
use crate::workspace::locate::{Locator, SheetRow};
use crate::workspace::schema;

pub const GOALS_SHEET: &str = "Mål";
pub const INDICATORS_SHEET: &str = "Indikatorer";
pub const TARGETS_SHEET: &str = "Målvärden";

const LIST_KEYS: &[&str] = &["goals", "categories"];
const DEFINITION_KEYS: &[&str] = &["numerator", "denominator", "source", "owner"];
/// A ratio indicator's `ratio = { numerator, denominator, scale }`, one column each.
const RATIO_KEYS: &[(&str, &str)] = &[
    ("ratio_numerator", "numerator"),
    ("ratio_denominator", "denominator"),
    ("ratio_scale", "scale"),
];
/// More rows than any catalogue has; a guard against a sheet that claims a million rows.
const MAX_ROWS: usize = 20_000;

fn cell_value(d: &Data) -> Option<toml::Value> {
    match d {
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() => None,
        Data::String(s) => Some(toml::Value::String(s.trim().to_string())),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Some(toml::Value::Integer(*f as i64))
        }
        Data::Float(f) => Some(toml::Value::Float(*f)),
        Data::Int(i) => Some(toml::Value::Integer(*i)),
        Data::Bool(b) => Some(toml::Value::Boolean(*b)),
        other => Some(toml::Value::String(other.to_string())),
    }
}

/// Reads `path` (shown as `shown`) into a catalogue.
///
/// # Errors
/// Every problem, at its sheet and cell.
pub fn read(path: &Path, shown: &Path) -> Result<Catalogue, Vec<Diagnostic>> {
    let file_err = |msg: String| {
        vec![Diagnostic::error(
            "C050",
            Location::File(shown.to_path_buf()),
            msg,
        )]
    };
    let mut wb = open_workbook_auto(path).map_err(|e| {
        file_err(tx!("C050-open"))
            .into_iter()
            .map(|d| d.detail(e.to_string()))
            .collect::<Vec<_>>()
    })?;
    let names = wb.sheet_names().clone();
    let mut errors = Vec::new();
    let mut cat = Catalogue::default();
    for sheet in [GOALS_SHEET, INDICATORS_SHEET, TARGETS_SHEET] {
        if !names.iter().any(|n| n == sheet) {
            let d = Diagnostic::error(
                "C050",
                Location::File(shown.to_path_buf()),
                tx!("C050-no-sheet", "sheet" => sheet),
            )
            .hint(tx!("C050-no-sheet-hint", "list" => names.join(", ")));
            errors.push(d);
            continue;
        }
        let range = match wb.worksheet_range(sheet) {
            Ok(r) => r,
            Err(e) => {
                errors.push(
                    Diagnostic::error(
                        "C050",
                        Location::Sheet {
                            file: shown.to_path_buf(),
                            sheet: sheet.into(),
                        },
                        tx!("C050-sheet"),
                    )
                    .detail(e.to_string()),
                );
                continue;
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let schema = entry_schema(sheet);
        let known = known_keys(sheet);
        let cell_at = |row: u32, col: u16| Location::Cell {
            file: shown.to_path_buf(),
            cell: SheetCell::new(sheet, CellRef::new(row, col)),
        };
        // The header, checked once: a misspelled key is one finding at its cell, and its column
        // is not read (so no row repeats it); a required key without a column is one finding.
        let mut columns: BTreeMap<String, u16> = BTreeMap::new();
        for (i, d) in header.iter().enumerate() {
            let key = d.to_string().trim().to_string();
            let Ok(col) = u16::try_from(c0 as usize + i) else {
                continue;
            };
            if key.is_empty() {
                continue;
            }
            if known.contains(&key) {
                if let Some(first) = columns.get(&key) {
                    errors.push(
                        Diagnostic::error(
                            "C010",
                            cell_at(r0, col),
                            tx!("C010-column", "key" => &key),
                        )
                        .hint(tx!("C010-column-hint", "first" => cell_at(r0, *first).to_string())),
                    );
                } else {
                    columns.insert(key, col);
                }
            } else {
                errors.push(unknown_header(&key, cell_at(r0, col), sheet, &known));
            }
        }
        let mut missing_columns = BTreeSet::new();
        for req in required_keys(&schema) {
            if !columns.contains_key(&req) {
                let next_col = columns.values().max().map_or(c0 as u16, |c| c + 1);
                errors.push(
                    Diagnostic::error(
                        "C001",
                        cell_at(r0, next_col),
                        tx!("config-missing-column", "key" => &req, "sheet" => sheet),
                    )
                    .hint(tx!("config-missing-column-hint", "key" => &req)),
                );
                missing_columns.insert(req);
            }
        }
        let string_keys = string_keys(&schema);
        for (i, row) in rows.enumerate().take(MAX_ROWS) {
            let abs_row = r0 + 1 + u32::try_from(i).unwrap_or(0);
            let mut table = toml::Table::new();
            let mut definition = toml::Table::new();
            let mut ratio = toml::Table::new();
            let mut node = Table {
                skip_missing: missing_columns.clone(),
                ..Table::default()
            };
            let mut def_node = Table::default();
            for (key, col) in &columns {
                let idx = usize::from(*col) - c0 as usize;
                let at = cell_at(abs_row, *col);
                let Some(v) = row.get(idx).and_then(cell_value) else {
                    if !DEFINITION_KEYS.contains(&key.as_str()) {
                        node.slots.insert(key.clone(), at);
                    }
                    continue;
                };
                // A whole number in a text column is the text it shows: a period typed as
                // 2026, a Kolada id typed as 1452.
                let v = match v {
                    toml::Value::Integer(n) if string_keys.contains(key.as_str()) => {
                        toml::Value::String(n.to_string())
                    }
                    other => other,
                };
                if let Some((_, inner)) = RATIO_KEYS.iter().find(|(k, _)| k == key) {
                    ratio.insert((*inner).to_string(), v);
                } else if DEFINITION_KEYS.contains(&key.as_str()) {
                    let text = match &v {
                        toml::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    def_node
                        .entries
                        .push(entry(key, &at, Kind::Str(text.clone())));
                    definition.insert(key.clone(), toml::Value::String(text));
                } else if LIST_KEYS.contains(&key.as_str()) {
                    let text = match &v {
                        toml::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    let items: Vec<String> = text
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                    let nodes = items
                        .iter()
                        .map(|s| Node {
                            at: at.clone(),
                            kind: Kind::Str(s.clone()),
                        })
                        .collect();
                    node.entries.push(entry(key, &at, Kind::Array(nodes)));
                    table.insert(
                        key.clone(),
                        toml::Value::Array(items.into_iter().map(toml::Value::String).collect()),
                    );
                } else {
                    node.entries.push(entry(key, &at, kind_of(&v)));
                    table.insert(key.clone(), v);
                }
            }
            if table.is_empty() && definition.is_empty() {
                continue;
            }
            if !definition.is_empty() {
                let at = cell_at(abs_row, c0 as u16);
                node.entries
                    .push(entry("definition", &at, Kind::Table(def_node)));
                table.insert("definition".into(), toml::Value::Table(definition));
            }
            if !ratio.is_empty() {
                table.insert("ratio".into(), toml::Value::Table(ratio));
            }
            let loc = SheetRow {
                file: shown.to_path_buf(),
                sheet: sheet.into(),
                row: abs_row,
                columns: &columns,
            };
            let row_node = Node {
                at: cell_at(abs_row, c0 as u16),
                kind: Kind::Table(node),
            };
            let label = tx!("config-row-of", "sheet" => sheet);
            let found = shape::check_entry(schema::catalogue(), &schema, &row_node, &label);
            if !found.is_empty() {
                errors.extend(found);
                continue;
            }
            if !missing_columns.is_empty() {
                continue;
            }
            let value = toml::Value::Table(table);
            let shape_err = |e: toml::de::Error| {
                Diagnostic::error("C001", loc.entry(), tx!("config-row-unreadable"))
                    .detail(e.message().trim())
            };
            match sheet {
                GOALS_SHEET => match value.try_into::<RawGoal>() {
                    Ok(g) => cat.goals.push(g.into_model(&loc)),
                    Err(e) => errors.push(shape_err(e)),
                },
                INDICATORS_SHEET => match value.try_into::<RawIndicator>() {
                    Ok(r) => match r.into_model(&loc) {
                        Ok(i) => cat.indicators.push(i),
                        Err(d) => errors.push(d),
                    },
                    Err(e) => errors.push(shape_err(e)),
                },
                _ => match value.try_into::<RawTarget>() {
                    Ok(r) => match r.into_model(&loc) {
                        Ok(t) => cat.targets.push(t),
                        Err(d) => errors.push(d),
                    },
                    Err(e) => errors.push(shape_err(e)),
                },
            }
        }
    }
    if errors.is_empty() {
        Ok(cat)
    } else {
        Err(errors)
    }
}

/// The schema of one row of `sheet`: a goal, an indicator or a målvärde.
fn entry_schema(sheet: &str) -> Value {
    let root = schema::catalogue();
    let array = match sheet {
        GOALS_SHEET => "goal",
        INDICATORS_SHEET => "indicator",
        _ => "target",
    };
    schema::property(root, root, array)
        .and_then(|a| a.get("items"))
        .map(|i| schema::resolve(root, i).clone())
        .unwrap_or(Value::Null)
}

/// The keys a header row of `sheet` may hold: the entry's keys, with `definition` and `ratio`
/// spread over their parts.
fn known_keys(sheet: &str) -> Vec<String> {
    let s = entry_schema(sheet);
    let mut keys: Vec<String> = s
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| {
            p.keys()
                .filter(|k| *k != "definition" && *k != "ratio")
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if sheet == INDICATORS_SHEET {
        keys.extend(DEFINITION_KEYS.iter().map(|k| (*k).to_string()));
        keys.extend(RATIO_KEYS.iter().map(|(k, _)| (*k).to_string()));
    }
    keys
}

fn required_keys(schema: &Value) -> Vec<String> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(String::from)
        .collect()
}

/// Keys whose value is text (a whole number typed there is read as the text it shows).
fn string_keys(schema: &Value) -> BTreeSet<String> {
    let root = schema::catalogue();
    schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, p)| {
            let r = schema::resolve(root, p);
            let direct = r.get("type").and_then(Value::as_str) == Some("string");
            let optional = r
                .get("type")
                .and_then(Value::as_array)
                .is_some_and(|ts| ts.iter().any(|t| t.as_str() == Some("string")))
                || r.get("anyOf")
                    .and_then(Value::as_array)
                    .is_some_and(|alts| {
                        alts.iter().any(|a| {
                            schema::resolve(root, a).get("type").and_then(Value::as_str)
                                == Some("string")
                        })
                    });
            direct || optional
        })
        .map(|(k, _)| k.clone())
        .collect()
}

fn unknown_header(key: &str, at: Location, sheet: &str, known: &[String]) -> Diagnostic {
    let d = Diagnostic::error(
        "C001",
        at,
        tx!("config-unknown-header", "key" => key, "sheet" => sheet),
    );
    match closest(key, known.iter().map(String::as_str)) {
        Some(c) => d.hint(tx!("config-did-you-mean-keys", "keys" => format!("`{c}`"))),
        None => d.hint(tx!(
            "config-known-headers",
            "keys" =>
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn entry(key: &str, at: &Location, kind: Kind) -> Entry {
    Entry {
        key: key.to_string(),
        key_at: at.clone(),
        node: Node {
            at: at.clone(),
            kind,
        },
    }
}

fn kind_of(v: &toml::Value) -> Kind {
    match v {
        toml::Value::String(s) => Kind::Str(s.clone()),
        toml::Value::Integer(i) => Kind::Int(*i),
        toml::Value::Float(f) => Kind::Float(*f),
        toml::Value::Boolean(b) => Kind::Bool(*b),
        toml::Value::Datetime(d) => Kind::Date(d.to_string()),
        toml::Value::Array(a) => Kind::Array(
            a.iter()
                .map(|x| Node {
                    at: Location::File(std::path::PathBuf::new()),
                    kind: kind_of(x),
                })
                .collect(),
        ),
        toml::Value::Table(_) => Kind::Table(Table::default()),
    }
}

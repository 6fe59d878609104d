//! The indicator catalogue kept as a workbook (`indikatorer.xlsx`): the controller's own master
//! list. Sheets `Mål`, `Indikatorer` and `Målvärden`; the first row of each holds the same keys
//! as `indikatorer.toml` (`definition` is spread over `numerator`, `denominator`, `source`,
//! `owner`; `ratio` over `ratio_numerator`, `ratio_denominator`, `ratio_scale`; `goals` and
//! `categories` are comma-separated).

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use crate::diag::{Diagnostic, Location};
use crate::workspace::catalogue::{Catalogue, RawGoal, RawIndicator, RawTarget};
use crate::workspace::locate::{Locator, SheetRow};

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
    let mut wb = open_workbook_auto(path)
        .map_err(|e| file_err(format!("cannot read the catalogue workbook: {e}")))?;
    let names = wb.sheet_names().clone();
    let mut errors = Vec::new();
    let mut cat = Catalogue::default();
    for sheet in [GOALS_SHEET, INDICATORS_SHEET, TARGETS_SHEET] {
        if !names.iter().any(|n| n == sheet) {
            let d = Diagnostic::error(
                "C050",
                Location::File(shown.to_path_buf()),
                format!("no sheet '{sheet}'"),
            )
            .hint(format!("sheets are: {}", names.join(", ")));
            errors.push(d);
            continue;
        }
        let range = match wb.worksheet_range(sheet) {
            Ok(r) => r,
            Err(e) => {
                errors.push(Diagnostic::error(
                    "C050",
                    Location::Sheet {
                        file: shown.to_path_buf(),
                        sheet: sheet.into(),
                    },
                    format!("cannot read the sheet: {e}"),
                ));
                continue;
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let columns: BTreeMap<String, u16> = header
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let key = d.to_string().trim().to_string();
                let col = u16::try_from(c0 as usize + i).ok()?;
                (!key.is_empty()).then_some((key, col))
            })
            .collect();
        for (i, row) in rows.enumerate().take(MAX_ROWS) {
            let abs_row = r0 + 1 + u32::try_from(i).unwrap_or(0);
            let mut table = toml::Table::new();
            let mut definition = toml::Table::new();
            let mut ratio = toml::Table::new();
            for (key, col) in &columns {
                let idx = usize::from(*col) - c0 as usize;
                let Some(v) = row.get(idx).and_then(cell_value) else {
                    continue;
                };
                if let Some((_, inner)) = RATIO_KEYS.iter().find(|(k, _)| k == key) {
                    ratio.insert((*inner).to_string(), v);
                } else if DEFINITION_KEYS.contains(&key.as_str()) {
                    definition.insert(
                        key.clone(),
                        toml::Value::String(v.to_string().trim_matches('"').to_string()),
                    );
                } else if LIST_KEYS.contains(&key.as_str()) {
                    let text = match &v {
                        toml::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    let items = text
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| toml::Value::String(s.to_string()))
                        .collect();
                    table.insert(key.clone(), toml::Value::Array(items));
                } else {
                    table.insert(key.clone(), v);
                }
            }
            if table.is_empty() {
                continue;
            }
            if !definition.is_empty() {
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
            let value = toml::Value::Table(table);
            let shape_err = |e: toml::de::Error| {
                let msg = e.message().trim().to_string();
                // Point at the column the message names, or whose value it quotes.
                let quoted: Vec<&str> = msg.split('`').skip(1).step_by(2).collect();
                let by_value = columns.iter().find(|(_, col)| {
                    row.get(usize::from(**col) - c0 as usize)
                        .is_some_and(|d| quoted.iter().any(|q| d.to_string().trim() == *q))
                });
                let at = columns
                    .keys()
                    .find(|k| quoted.contains(&k.as_str()))
                    .or(by_value.map(|(k, _)| k))
                    .map_or_else(|| loc.entry(), |k| loc.key(k));
                Diagnostic::error("C001", at, msg)
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

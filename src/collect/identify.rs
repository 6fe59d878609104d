//! Which form, version, recipient and period a returned workbook is, from independent markers
//! that must agree: custom document properties, the hidden `_styr` sheet, and the structure.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::domain::{FormKind, Period};
use crate::tx;
use crate::xlsx_read::RawWorkbook;
use crate::xlsx_write::{IDENTITY_KEYS, LIMITS_PREFIX, META_SHEET, PROPERTY_PREFIX};

/// The identity a workbook carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub kind: FormKind,
    pub version: u32,
    pub recipient: String,
    pub period: Period,
    pub instance: String,
    pub fingerprint: String,
    /// Row keys per table section, as generated.
    pub rows: BTreeMap<String, Vec<String>>,
    /// The limits each row's outcome was judged by when the workbook was made, by (section,
    /// row key), as `model::Limits::record` wrote them (none in workbooks made before).
    pub limits: BTreeMap<(String, String), String>,
}

/// Normalises a property value: LibreOffice writes `3` back as `3.0` and `true` as `1`.
fn norm(v: &str) -> String {
    let t = v.trim();
    match t.strip_suffix(".0") {
        Some(int) if !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) => int.to_string(),
        _ => t.to_string(),
    }
}

/// The `_styr` sheet's key/value pairs (key in column A, value in column B), read by key.
fn meta_sheet(raw: &RawWorkbook) -> Option<BTreeMap<String, String>> {
    let sheet = raw.sheet(META_SHEET)?;
    let mut rows: BTreeMap<u32, (Option<String>, Option<String>)> = BTreeMap::new();
    for (r, c, v) in &sheet.cells {
        let text = match v {
            crate::xlsx_read::RawCell::Text(t) => t.clone(),
            crate::xlsx_read::RawCell::Number(n) => n.to_string(),
            _ => continue,
        };
        let e = rows.entry(*r).or_default();
        match c {
            0 => e.0 = Some(text),
            1 => e.1 = Some(text),
            _ => {}
        }
    }
    Some(
        rows.into_values()
            .filter_map(|(k, v)| Some((k?, v.unwrap_or_default())))
            .collect(),
    )
}

/// A short description of a workbook that is not styr's, for the message.
fn describe_foreign(raw: &RawWorkbook) -> String {
    // Names as a person would recognise them, however long a crafted one is.
    let names: Vec<String> = raw
        .sheets
        .iter()
        .take(6)
        .map(|s| {
            let mut n: String = s.name.chars().take(40).collect();
            if s.name.chars().count() > 40 {
                n.push('…');
            }
            n
        })
        .collect();
    tx!(
        "R101-foreign",
        "sheets" => if names.is_empty() {
            tx!("none")
        } else {
            names.join(", ")
        }
    )
}

/// Finds the identity of `raw`.
///
/// # Errors
/// `R101` when the workbook carries no identity, `R102` when the markers disagree or are
/// incomplete.
pub fn identify(file: &Path, raw: &RawWorkbook) -> Result<Identity, Diagnostic> {
    let at = Location::File(file.to_path_buf());
    let props: BTreeMap<String, String> = raw
        .custom_properties
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(PROPERTY_PREFIX)?.to_string(), norm(v))))
        .collect();
    let meta = meta_sheet(raw);
    if props.is_empty() && meta.is_none() {
        return Err(
            Diagnostic::error("R101", at, tx!("R101", "what" => describe_foreign(raw)))
                .hint(tx!("R101-hint")),
        );
    }
    let meta = meta.unwrap_or_default();
    let mut id = BTreeMap::new();
    for key in IDENTITY_KEYS {
        let p = props.get(*key);
        let m = meta.get(*key).map(|v| norm(v));
        match (p, m) {
            (Some(a), Some(b)) if *a != b => {
                return Err(Diagnostic::error(
                    "R102",
                    at,
                    tx!("R102-disagree", "key" => key.to_string(), "a" => a.to_string(), "sheet" => META_SHEET, "b" => b.to_string()),
                )
                .hint(tx!("R102-disagree-hint")));
            }
            (Some(v), _) => {
                id.insert(*key, v.clone());
            }
            (None, Some(v)) => {
                id.insert(*key, v);
            }
            (None, None) => {
                return Err(Diagnostic::error(
                    "R102",
                    at,
                    tx!("R102-lacks", "key" => key.to_string()),
                )
                .hint(tx!("R102-lacks-hint")));
            }
        }
    }
    let get = |k: &str| id.get(k).cloned().unwrap_or_default();
    let kind = FormKind::parse(&get("kind")).ok_or_else(|| {
        Diagnostic::error("R102", at.clone(), tx!("R102-kind", "kind" => get("kind")))
    })?;
    let version = get("version").parse::<u32>().map_err(|_| {
        Diagnostic::error(
            "R102",
            at.clone(),
            tx!("R102-version", "version" => get("version")),
        )
    })?;
    let period = Period::parse(&get("period")).map_err(|e| {
        Diagnostic::error(
            "R102",
            at.clone(),
            tx!("R102-period", "error" => e.to_string()),
        )
    })?;
    let rows = meta
        .iter()
        .filter_map(|(k, v)| {
            let section = k.strip_prefix("rows.")?;
            let keys = v
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            Some((section.to_string(), keys))
        })
        .collect();
    let limits = meta
        .iter()
        .filter_map(|(k, v)| {
            let (section, key) = k.strip_prefix(LIMITS_PREFIX)?.split_once('.')?;
            Some(((section.to_string(), key.to_string()), v.clone()))
        })
        .collect();
    Ok(Identity {
        limits,
        kind,
        version,
        recipient: get("recipient"),
        period,
        instance: get("instance"),
        fingerprint: get("fingerprint"),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libreoffice_number_forms_are_normalised() {
        assert_eq!(norm("3.0"), "3");
        assert_eq!(norm(" 1 "), "1");
        assert_eq!(norm("2026-T1"), "2026-T1");
        assert_eq!(norm(".0"), ".0");
    }
}

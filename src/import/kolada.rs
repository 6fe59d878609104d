//! Kolada, RKA's open database: the JSON its API returns, for municipalities and for
//! organisational units, into the store with Kolada's year and status.
//!
//! ```json
//! {"values": [{"kpi": "N00090", "municipality": "1452", "period": 2025,
//!              "values": [{"gender": "T", "value": 6.1, "status": "", "count": 1}]}]}
//! ```
//!
//! The ou variant names `"ou": "V15E145200101"` instead of `municipality`. Kept are the KPIs
//! the catalogue names (`kolada = "N00090"`), for the kommun (`[kommun] kolada_id`), its peers
//! (`[kolada] peers = [...]`) and the units that name their `kolada_ou`. Each value is stored
//! under the year Kolada gives it, section `kolada`, key the KPI id, field the gender (`T`,
//! `K`, `M`), unit the municipality id (kommun and peers) or the unit's id (ou), with Kolada's
//! status (`""` final, or e.g. preliminary) in the store's `status` column.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::analysis::store::{Imported, StoredValue};
use crate::diag::{Diagnostic, Location};
use crate::domain::{FormKind, Period};
use crate::workspace::Workspace;

/// The source id and kind of Kolada values in the store.
pub const SOURCE: &str = "kolada";

#[derive(Deserialize)]
struct Doc {
    values: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    kpi: String,
    municipality: Option<String>,
    ou: Option<String>,
    period: u16,
    values: Vec<Val>,
}

#[derive(Deserialize)]
struct Val {
    gender: String,
    value: Option<f64>,
    #[serde(default)]
    status: Option<String>,
    #[allow(dead_code)]
    count: Option<u64>,
}

/// What a Kolada file gave: values by year, and what was left out.
#[derive(Debug, Default)]
pub struct KoladaRead {
    pub by_year: BTreeMap<u16, Vec<StoredValue>>,
    /// The file's entries (one KPI, municipality or unit, and year each).
    pub entries: usize,
    /// Entries of KPIs the catalogue does not name, or of municipalities and units styr does
    /// not follow: counted, not stored.
    pub left_out: usize,
}

/// Reads a Kolada JSON file.
///
/// # Errors
/// `I020` at the line and column where the text is not Kolada's JSON.
pub fn read_json(
    ws: &Workspace,
    text: &str,
    file: &Path,
    sha256: &str,
    imported_at: &str,
) -> Result<KoladaRead, Diagnostic> {
    let doc: Doc = serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(
            "I020",
            Location::Text {
                file: file.to_path_buf(),
                line: e.line(),
                col: e.column(),
            },
            "filen är inte Koladas JSON".to_string(),
        )
        .hint("spara svaret från Koladas API (data/kpi/…/municipality/… eller …/ou/…) som det är")
        .detail(e.to_string())
    })?;
    let kpis: BTreeSet<&str> = ws
        .catalogue
        .indicators
        .iter()
        .filter_map(|i| i.kolada.as_deref())
        .collect();
    let mut munis: BTreeSet<&str> = ws.sources.kolada_peers.iter().map(String::as_str).collect();
    if let Some(k) = &ws.config.kommun.kolada_id {
        munis.insert(k.as_str());
    }
    let version = ws
        .forms
        .current(FormKind::Uppfoljning)
        .map_or(1, |f| f.version);
    let mut out = KoladaRead {
        entries: doc.values.len(),
        ..KoladaRead::default()
    };
    for (i, e) in doc.values.iter().enumerate() {
        let unit = match (&e.municipality, &e.ou) {
            (Some(m), _) if munis.contains(m.as_str()) => Some(m.clone()),
            (None, Some(ou)) => ws.sources.unit_of_ou(ou).map(|u| u.to_string()),
            _ => None,
        };
        let (Some(unit), true) = (unit, kpis.contains(e.kpi.as_str())) else {
            out.left_out += 1;
            continue;
        };
        for (j, v) in e.values.iter().enumerate() {
            let Some(n) = v.value else { continue };
            out.by_year.entry(e.period).or_default().push(StoredValue {
                period: Period::Year(e.period),
                form: FormKind::Uppfoljning,
                form_version: version,
                unit: unit.clone(),
                section: SOURCE.into(),
                key: e.kpi.clone(),
                field: v.gender.clone(),
                number: Some(n),
                text: None,
                file: file.display().to_string(),
                sha256: sha256.to_string(),
                sheet: String::new(),
                cell: format!("values[{i}].values[{j}]"),
                collected_at: imported_at.to_string(),
                preliminary: false,
                error: None,
                mail: None,
                import: Some(Imported {
                    source: SOURCE.into(),
                    kind: SOURCE.into(),
                    lines: String::new(),
                    column: "value".into(),
                    status: Some(v.status.clone().unwrap_or_default()),
                }),
            });
        }
    }
    Ok(out)
}

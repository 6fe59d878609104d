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
pub const SOURCE: &str = crate::analysis::store::KOLADA_SOURCE;

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
    let groups = doc
        .values
        .iter()
        .enumerate()
        .map(|(i, e)| Group {
            kpi: e.kpi.clone(),
            municipality: e.municipality.clone(),
            ou: e.ou.clone(),
            period: e.period,
            vals: e
                .values
                .iter()
                .enumerate()
                .map(|(j, v)| Value {
                    gender: v.gender.clone(),
                    value: v.value,
                    status: v.status.clone().unwrap_or_default(),
                    cell: format!("values[{i}].values[{j}]"),
                    lines: String::new(),
                    column: "value".into(),
                })
                .collect(),
        })
        .collect();
    Ok(keep(ws, groups, file, sha256, imported_at))
}

/// One Kolada entry (a KPI, a municipality or unit, a year) as read from either format.
struct Group {
    kpi: String,
    municipality: Option<String>,
    ou: Option<String>,
    period: u16,
    vals: Vec<Value>,
}

/// One value of an entry, with where it stood in the file.
struct Value {
    gender: String,
    value: Option<f64>,
    status: String,
    /// JSON: `values[4].values[0]`; CSV: empty.
    cell: String,
    /// CSV: the line.
    lines: String,
    column: String,
}

/// The values of the KPIs, municipalities and units styr follows, by year.
fn keep(
    ws: &Workspace,
    groups: Vec<Group>,
    file: &Path,
    sha256: &str,
    imported_at: &str,
) -> KoladaRead {
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
        entries: groups.len(),
        ..KoladaRead::default()
    };
    for e in &groups {
        let unit = match (&e.municipality, &e.ou) {
            (Some(m), _) if munis.contains(m.as_str()) => Some(m.clone()),
            (None, Some(ou)) => ws.sources.unit_of_ou(ou).map(|u| u.to_string()),
            _ => None,
        };
        let (Some(unit), true) = (unit, kpis.contains(e.kpi.as_str())) else {
            out.left_out += 1;
            continue;
        };
        for v in &e.vals {
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
                cell: v.cell.clone(),
                collected_at: imported_at.to_string(),
                preliminary: false,
                error: None,
                mail: None,
                import: Some(Imported {
                    source: SOURCE.into(),
                    kind: SOURCE.into(),
                    lines: v.lines.clone(),
                    column: v.column.clone(),
                    status: Some(v.status.clone()),
                }),
            });
        }
    }
    out
}

/// Reads a Kolada table saved as CSV, laid out as `[kolada.csv]` declares
/// ([`crate::workspace::sources::KoladaCsv`]): one row per KPI, municipality (or unit), year
/// and gender.
///
/// # Errors
/// `I002` when the text is not in the declared encoding; `I010` for a declared column missing
/// from the header (with a suggestion); `I011` for a value that is not a number and `I012` for
/// a year that is not one, at their line and column. With any error nothing is kept.
pub fn read_csv(
    ws: &Workspace,
    bytes: &[u8],
    file: &Path,
    sha256: &str,
    imported_at: &str,
) -> Result<KoladaRead, Vec<Diagnostic>> {
    use crate::workspace::sources::Encoding;
    let layout = &ws.sources.kolada_csv;
    let at = |line: usize, col: usize| Location::Text {
        file: file.to_path_buf(),
        line,
        col,
    };
    let text = match layout.encoding {
        Encoding::Utf8 => {
            let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            std::str::from_utf8(b).map(str::to_string).map_err(|e| {
                let line = memchr::memchr_iter(b'\n', &b[..e.valid_up_to()]).count() + 1;
                vec![
                    Diagnostic::error("I002", at(line, 1), "filen är inte UTF-8".to_string())
                        .hint("ange encoding = \"windows-1252\" under [kolada.csv] om Excel sparade filen"),
                ]
            })?
        }
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    let delimiter = layout.delimiter.bytes().next().unwrap_or(b';');
    let format = crate::import::parse::NumberFormat {
        decimal: layout.decimal.chars().next().unwrap_or(','),
        thousands: layout.thousands.as_deref().and_then(|t| t.chars().next()),
    };
    let lines: Vec<&str> = text.lines().collect();
    let header_line = layout.header_row.max(1);
    let body = text
        .split_inclusive('\n')
        .skip(header_line - 1)
        .collect::<String>();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(body.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![
                Diagnostic::error(
                    "I003",
                    at(header_line, 1),
                    format!("rubrikraden kan inte läsas: {e}"),
                )
                .hint("ange header_row under [kolada.csv]"),
            ]);
        }
    };
    let mut diags = Vec::new();
    let mut col = |name: &str, optional: bool| -> Option<usize> {
        if optional && name.is_empty() {
            return None;
        }
        let found = header.iter().position(|h| h.eq_ignore_ascii_case(name));
        if found.is_none() {
            let hint = crate::diag::did_you_mean(name, header.iter().map(String::as_str))
                .unwrap_or_else(|| {
                    format!(
                        "ange kolumnernas namn under [kolada.csv] i styr.toml; rubrikraden har: {}",
                        header.join(", ")
                    )
                });
            diags.push(
                Diagnostic::error(
                    "I010",
                    at(header_line, 1),
                    format!("kolumnen '{name}' som [kolada.csv] läser saknas"),
                )
                .hint(hint),
            );
        }
        found
    };
    let kpi = col(&layout.kpi, false);
    let muni = col(&layout.municipality, false);
    let period = col(&layout.period, false);
    let gender = col(&layout.gender, true);
    let value = col(&layout.value, false);
    let status = col(&layout.status, true);
    let (Some(kpi), Some(muni), Some(period), Some(value)) = (kpi, muni, period, value) else {
        return Err(diags);
    };
    // The csv crate's line numbers miscount with CRLF line ends: count the newlines before
    // the record's first byte instead.
    let line_at = |byte: u64| {
        // After a CR the record "starts" at the LF that ends the line before it.
        let b = body.as_bytes();
        let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(b.len());
        while b.get(end).is_some_and(|c| matches!(c, b'\r' | b'\n')) {
            end += 1;
        }
        memchr::memchr_iter(b'\n', &b[..end]).count() + 1
    };
    let mut groups = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte())) + header_line - 1;
                diags.push(Diagnostic::error(
                    "I001",
                    at(line, 1),
                    format!("raden kan inte läsas: {e}"),
                ));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| line_at(p.byte())) + header_line - 1;
        let field = |i: usize| rec.get(i).unwrap_or("").trim();
        let here = |i: usize| {
            at(
                line,
                crate::analysis::csv_rows::column_of_field(
                    lines.get(line.saturating_sub(1)).copied().unwrap_or(""),
                    delimiter,
                    i,
                ),
            )
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Ok(year) = field(period).parse::<u16>() else {
            diags.push(
                Diagnostic::error(
                    "I012",
                    here(period),
                    format!("'{}' är inte ett år", field(period)),
                )
                .hint("Koladas år skrivs med fyra siffror, t.ex. 2025"),
            );
            continue;
        };
        let raw = field(value);
        // An empty cell, or Kolada's marks for a missing value, is no value.
        let number = if raw.is_empty() || matches!(raw, "-" | "." | "..") {
            None
        } else {
            match crate::import::parse::number(raw, format) {
                Some(n) => Some(n),
                None => {
                    diags.push(
                        Diagnostic::error("I011", here(value), format!("'{raw}' är inte ett tal"))
                            .hint("ange decimal och thousands under [kolada.csv]"),
                    );
                    continue;
                }
            }
        };
        let id = field(muni).to_string();
        // A municipality id is four digits; anything else is an organisational unit.
        let is_muni = id.len() == 4 && id.bytes().all(|b| b.is_ascii_digit());
        groups.push(Group {
            kpi: field(kpi).to_string(),
            municipality: is_muni.then(|| id.clone()),
            ou: (!is_muni).then_some(id),
            period: year,
            vals: vec![Value {
                gender: gender.map_or_else(|| "T".to_string(), |g| gender_code(field(g))),
                value: number,
                status: status.map_or_else(String::new, |s| field(s).to_string()),
                cell: String::new(),
                lines: line.to_string(),
                column: layout.value.clone(),
            }],
        });
    }
    if diags.is_empty() {
        Ok(keep(ws, groups, file, sha256, imported_at))
    } else {
        Err(diags)
    }
}

/// Kolada's gender codes from a download's words: `T`/Totalt/Alla, `K`/Kvinnor, `M`/Män; other
/// text is kept as it is.
fn gender_code(text: &str) -> String {
    match text.to_lowercase().as_str() {
        "t" | "totalt" | "total" | "alla" | "båda könen" => "T".into(),
        "k" | "kvinnor" | "flickor" => "K".into(),
        "m" | "män" | "pojkar" => "M".into(),
        _ => text.to_string(),
    }
}

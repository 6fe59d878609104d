//! Sources of system data declared in `styr.toml`: the `[[source]]` tables (an ekonomisystem's
//! huvudbok, an HR export) and the `codes = [...]` of each `[[enhet]]` that map a source's key
//! column (ansvar, kostnadsställe) to units.
//!
//! ```toml
//! [[enhet]]
//! id = "sof-hemtj-norr"
//! codes = ["3410", "3411"]        # ansvar codes booked on the unit
//!
//! [[source]]
//! id = "ekonomi"                  # `styr import ekonomi FILE... --period 2026-T1`
//! kind = "ekonomisystem"          # what kind of system, stored with every value
//! format = "csv"                  # csv or xlsx (default: by the file name)
//! encoding = "windows-1252"       # utf-8 (with or without BOM) or windows-1252
//! delimiter = ";"
//! decimal = ","
//! thousands = " "                 # optional
//! header_row = 1                  # the row of the column names (1-based)
//! key = "Ansvar"                  # the column whose codes map to units
//! period = "Period"               # 202603, 2026-03 or "mars 2026"
//! aggregate = "sum"               # sum: accumulated to the period's last month; last: that month's row
//! scale = 0.001                   # kr -> tkr
//! sign = 1                        # -1 turns the system's sign round
//! unique = ["Konto"]              # columns that, with key and month, identify a row
//! ignore_codes = ["9000"]         # codes that belong to no unit, on purpose
//!
//! [[source.target]]
//! value = "Utfall"                # a column, or columns added and subtracted: "Budget - Utfall"
//! role = "spent"                  # a field role of the follow-up form, or
//! # indicator = "budgetavvikelse" # an indicator's outcome
//! ```
//!
//! These are parsed from the same text as [`crate::workspace::config`], which only lets the
//! keys through; the checks against the catalogue and the forms are [`check`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Location, did_you_mean};
use crate::domain::{FormKind, UnitId};
use crate::form::FieldRole;
use crate::toml_check::Source;
use crate::tx;
use crate::workspace::Workspace;

/// The container of a source's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Csv,
    Xlsx,
}

/// The character encoding of a CSV source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    #[serde(rename = "utf-8", alias = "utf8", alias = "UTF-8")]
    Utf8,
    /// Windows-1252 (often called ANSI or Latin-1 in Swedish system exports).
    #[serde(
        rename = "windows-1252",
        alias = "cp1252",
        alias = "latin1",
        alias = "iso-8859-1"
    )]
    Windows1252,
}

/// How a unit's rows of a period become one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// The sum of the unit's rows (over accounts, codes) from January to the period's last
    /// month: the accumulated value of a huvudbok.
    Sum,
    /// The unit's one row of the period's last month (a headcount, an accumulated percentage).
    Last,
}

/// Where a target's value goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// The outcome of an indicator.
    Indicator(String),
    /// A field of the follow-up form by its role (`spent`, `forecast`).
    Role(FieldRole),
}

/// One value a source gives each unit: the sum of some columns, with signs.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub kind: TargetKind,
    /// (sign, column name).
    pub terms: Vec<(f64, String)>,
    /// The `value` as written.
    pub value: String,
    pub at: Location,
}

/// A declared source.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDef {
    pub id: String,
    pub kind: String,
    pub format: Option<FileFormat>,
    pub pattern: Option<String>,
    pub sheet: Option<String>,
    /// 1-based row of the column names.
    pub header_row: usize,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub decimal: char,
    pub thousands: Option<char>,
    pub sign: f64,
    pub scale: f64,
    pub key: String,
    pub period: String,
    pub aggregate: Aggregate,
    pub unique: Vec<String>,
    pub ignore_codes: Vec<String>,
    pub targets: Vec<Target>,
    pub at: Location,
}

impl SourceDef {
    /// The format of a file of this source: as declared, else by its extension.
    pub fn format_of(&self, file: &std::path::Path) -> FileFormat {
        self.format.unwrap_or_else(|| {
            match file
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("xlsx" | "xlsm") => FileFormat::Xlsx,
                _ => FileFormat::Csv,
            }
        })
    }

    /// Every column the source reads besides the key and the period.
    pub fn value_columns(&self) -> Vec<&str> {
        let mut cols: Vec<&str> = Vec::new();
        for t in &self.targets {
            for (_, c) in &t.terms {
                if !cols.iter().any(|x| x.eq_ignore_ascii_case(c)) {
                    cols.push(c);
                }
            }
        }
        cols
    }
}

/// The sources and the unit codes of a workspace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sources {
    pub list: Vec<SourceDef>,
    /// Code → the unit it is booked on, and where the code is declared.
    pub codes: BTreeMap<String, (UnitId, Location)>,
    /// `[kolada] peers`: the municipalities (Kolada ids) the kommun compares itself with.
    pub kolada_peers: Vec<String>,
    /// `[kolada] group`: a Kolada municipality group id, when the peers are a group.
    pub kolada_group: Option<String>,
    /// `[kolada.csv]`: the layout of Kolada's CSV download.
    pub kolada_csv: KoladaCsv,
    /// A unit's Kolada organisational unit id (`kolada_ou`) → the unit.
    pub ous: BTreeMap<String, UnitId>,
}

impl Sources {
    pub fn get(&self, id: &str) -> Option<&SourceDef> {
        self.list.iter().find(|s| s.id == id)
    }

    /// The unit of a Kolada organisational unit id.
    pub fn unit_of_ou(&self, ou: &str) -> Option<&UnitId> {
        self.ous.get(ou.trim())
    }

    /// The unit a code belongs to (codes compare trimmed; leading zeros count).
    pub fn unit_of(&self, code: &str) -> Option<&UnitId> {
        self.codes.get(code.trim()).map(|(u, _)| u)
    }
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    enhet: Vec<RawUnitCodes>,
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    kolada: Option<RawKolada>,
}

#[derive(Deserialize)]
struct RawUnitCodes {
    id: UnitId,
    #[serde(default)]
    codes: Vec<Spanned<String>>,
    kolada_ou: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKolada {
    #[serde(default)]
    peers: Vec<String>,
    group: Option<String>,
    #[serde(default)]
    csv: KoladaCsv,
}

/// `[kolada.csv]`: the layout of a Kolada table saved as CSV (`styr import kolada FILE.csv`).
/// Each column is named by its header; the defaults are the field names of Kolada's API
/// (`kpi`, `municipality`, `period`, `gender`, `value`, `status`), with semicolons, decimal
/// commas and UTF-8. A `gender` or `status` of `""` means the file has no such column (every
/// value is then the total `T`, and final).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KoladaCsv {
    pub kpi: String,
    pub municipality: String,
    pub period: String,
    pub gender: String,
    pub value: String,
    pub status: String,
    pub delimiter: String,
    pub decimal: String,
    pub thousands: Option<String>,
    pub encoding: Encoding,
    /// The row of the column names (1-based).
    pub header_row: usize,
}

impl Default for KoladaCsv {
    fn default() -> Self {
        Self {
            kpi: "kpi".into(),
            municipality: "municipality".into(),
            period: "period".into(),
            gender: "gender".into(),
            value: "value".into(),
            status: "status".into(),
            delimiter: ";".into(),
            decimal: ",".into(),
            thousands: None,
            encoding: Encoding::Utf8,
            header_row: 1,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    #[serde(default)]
    kind: Option<String>,
    format: Option<FileFormat>,
    pattern: Option<String>,
    sheet: Option<String>,
    header_row: Option<Spanned<i64>>,
    encoding: Option<Encoding>,
    delimiter: Option<Spanned<String>>,
    decimal: Option<Spanned<String>>,
    thousands: Option<Spanned<String>>,
    sign: Option<Spanned<f64>>,
    scale: Option<Spanned<f64>>,
    key: String,
    period: String,
    aggregate: Aggregate,
    #[serde(default)]
    unique: Vec<String>,
    #[serde(default)]
    ignore_codes: Vec<String>,
    #[serde(default)]
    target: Vec<Spanned<RawTarget>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    value: Spanned<String>,
    indicator: Option<String>,
    role: Option<FieldRole>,
}

fn one_char(
    src: &Source,
    v: &Spanned<String>,
    key: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<char> {
    let mut chars = v.get_ref().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(if key == "delimiter" && c == 't' {
            '\t'
        } else {
            c
        }),
        _ => {
            errors.push(
                Diagnostic::error(
                    "C080",
                    src.span(&v.span()),
                    tx!("C080-one-char", "key" => key, "value" => v.get_ref()),
                )
                .hint(tx!("C080-one-char-hint")),
            );
            None
        }
    }
}

/// The value of a target: column names joined by `+` and `-` (`"Budget - Utfall"`).
fn terms(value: &str) -> Option<Vec<(f64, String)>> {
    let mut out = Vec::new();
    let mut sign = 1.0;
    let mut cur = String::new();
    let push = |sign: f64, cur: &mut String, out: &mut Vec<(f64, String)>| {
        let name = cur.trim().to_string();
        cur.clear();
        if name.is_empty() {
            return false;
        }
        out.push((sign, name));
        true
    };
    for c in value.chars() {
        match c {
            '+' | '-' if cur.trim().is_empty() && out.is_empty() => {
                if c == '-' {
                    sign = -sign;
                }
            }
            ' ' if cur.is_empty() => {}
            '+' | '-' if cur.ends_with(' ') || cur.is_empty() => {
                if !push(sign, &mut cur, &mut out) {
                    return None;
                }
                sign = if c == '-' { -1.0 } else { 1.0 };
            }
            _ => cur.push(c),
        }
    }
    push(sign, &mut cur, &mut out).then_some(out)
}

/// Parses the sources and unit codes of `styr.toml`. The text has already parsed as a
/// [`crate::workspace::Config`], so a TOML syntax error cannot occur here.
///
/// # Errors
/// Every diagnostic found (C080–C083).
pub fn parse(src: &Source) -> Result<Sources, Vec<Diagnostic>> {
    let raw: RawFile = src.parse_toml().map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let mut codes: BTreeMap<String, (UnitId, Location)> = BTreeMap::new();
    let mut ous: BTreeMap<String, UnitId> = BTreeMap::new();
    for u in &raw.enhet {
        if let Some(ou) = &u.kolada_ou {
            ous.insert(ou.trim().to_string(), u.id.clone());
        }
    }
    for u in raw.enhet {
        for c in u.codes {
            let at = src.span(&c.span());
            let code = c.get_ref().trim().to_string();
            if code.is_empty() {
                errors.push(
                    Diagnostic::error("C081", at, tx!("C081-empty")).hint(tx!("C081-empty-hint")),
                );
                continue;
            }
            if let Some((first, first_at)) = codes.get(&code) {
                errors.push(
                    Diagnostic::error(
                        "C081",
                        at,
                        tx!("C081", "code" => &code, "unit" => first.to_string()),
                    )
                    .hint(tx!("C081-hint", "first" => first_at.to_string())),
                );
                continue;
            }
            codes.insert(code, (u.id.clone(), at));
        }
    }
    let mut list: Vec<SourceDef> = Vec::new();
    for s in raw.source {
        let at = src.span(&s.span());
        let s = s.into_inner();
        if list.iter().any(|x| x.id == s.id) {
            errors.push(
                Diagnostic::error("C010", at.clone(), tx!("C010-source", "id" => &s.id))
                    .hint(tx!("C010-source-hint")),
            );
        }
        let delimiter = s
            .delimiter
            .as_ref()
            .and_then(|d| one_char(src, d, "delimiter", &mut errors))
            .unwrap_or(',');
        let delimiter = match u8::try_from(u32::from(delimiter)) {
            Ok(b) if b.is_ascii() => b,
            _ => {
                errors.push(
                    Diagnostic::error(
                        "C080",
                        at.clone(),
                        tx!("C080-ascii", "char" => delimiter.to_string()),
                    )
                    .hint(tx!("C080-ascii-hint")),
                );
                b','
            }
        };
        let decimal = s
            .decimal
            .as_ref()
            .and_then(|d| one_char(src, d, "decimal", &mut errors))
            .unwrap_or('.');
        let thousands = s
            .thousands
            .as_ref()
            .and_then(|d| one_char(src, d, "thousands", &mut errors));
        if thousands == Some(decimal) || char::from(delimiter) == decimal {
            errors.push(
                Diagnostic::error("C080", at.clone(), tx!("C080-decimal", "id" => &s.id))
                    .hint(tx!("C080-decimal-hint")),
            );
        }
        let header_row = match &s.header_row {
            None => 1,
            Some(h) => match usize::try_from(*h.get_ref()) {
                Ok(n) if n >= 1 => n,
                _ => {
                    errors.push(
                        Diagnostic::error(
                            "C080",
                            src.span(&h.span()),
                            tx!("C080-header-row", "value" => h.get_ref().to_string()),
                        )
                        .hint(tx!("C080-header-row-hint")),
                    );
                    1
                }
            },
        };
        let positive = |v: &Option<Spanned<f64>>, key: &str, errors: &mut Vec<Diagnostic>| {
            let Some(v) = v else { return 1.0 };
            let n = *v.get_ref();
            if n.is_finite() && n != 0.0 {
                n
            } else {
                errors.push(
                    Diagnostic::error(
                        "C080",
                        src.span(&v.span()),
                        tx!("C080-factor", "key" => key, "value" => n.to_string()),
                    )
                    .hint(tx!("C080-factor-hint")),
                );
                1.0
            }
        };
        let sign = positive(&s.sign, "sign", &mut errors);
        let scale = positive(&s.scale, "scale", &mut errors);
        let mut targets = Vec::new();
        for t in s.target {
            let t_at = src.span(&t.span());
            let t = t.into_inner();
            let kind = match (t.indicator, t.role) {
                (Some(i), None) => TargetKind::Indicator(i),
                (None, Some(r)) => TargetKind::Role(r),
                _ => {
                    errors.push(
                        Diagnostic::error("C082", t_at, tx!("C082-kind"))
                            .hint(tx!("C082-kind-hint")),
                    );
                    continue;
                }
            };
            let Some(terms) = terms(t.value.get_ref()) else {
                errors.push(
                    Diagnostic::error(
                        "C082",
                        src.span(&t.value.span()),
                        tx!("C082-value", "value" => t.value.get_ref()),
                    )
                    .hint(tx!("C082-value-hint")),
                );
                continue;
            };
            targets.push(Target {
                kind,
                terms,
                value: t.value.into_inner(),
                at: t_at,
            });
        }
        if targets.is_empty() {
            errors.push(
                Diagnostic::error("C082", at.clone(), tx!("C082-no-target", "id" => &s.id))
                    .hint(tx!("C082-no-target-hint")),
            );
        }
        list.push(SourceDef {
            kind: s.kind.unwrap_or_else(|| s.id.clone()),
            id: s.id,
            format: s.format,
            pattern: s.pattern,
            sheet: s.sheet,
            header_row,
            encoding: s.encoding.unwrap_or(Encoding::Utf8),
            delimiter,
            decimal,
            thousands,
            sign,
            scale,
            key: s.key,
            period: s.period,
            aggregate: s.aggregate,
            unique: s.unique,
            ignore_codes: s
                .ignore_codes
                .into_iter()
                .map(|c| c.trim().to_string())
                .collect(),
            targets,
            at,
        });
    }
    let (kolada_peers, kolada_group, kolada_csv) = raw
        .kolada
        .map(|k| {
            (
                k.peers.into_iter().map(|p| p.trim().to_string()).collect(),
                k.group,
                k.csv,
            )
        })
        .unwrap_or_default();
    if errors.is_empty() {
        Ok(Sources {
            list,
            codes,
            kolada_peers,
            kolada_group,
            kolada_csv,
            ous,
        })
    } else {
        Err(errors)
    }
}

/// The checks of the sources against the catalogue and the follow-up form: every target names
/// a known indicator or a role some field of the form has. These are warnings (C083): the
/// workspace stays usable and `styr import` of that source refuses to run.
pub fn check(ws: &Workspace, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = ws
        .catalogue
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    let form = ws.forms.current(FormKind::Uppfoljning);
    for s in &ws.sources.list {
        for t in &s.targets {
            match &t.kind {
                TargetKind::Indicator(i) if !ids.contains(&i.as_str()) => {
                    let d = Diagnostic::warning(
                        "C083",
                        t.at.clone(),
                        tx!("C083-unknown", "id" => &s.id, "indicator" => i.to_string()),
                    );
                    out.push(match did_you_mean(i, ids.iter().copied()) {
                        Some(h) => d.hint(h),
                        None => d.hint(tx!("C083-unknown-hint")),
                    });
                }
                TargetKind::Indicator(i)
                    if ws
                        .catalogue
                        .indicator(i)
                        .is_some_and(crate::model::derived::is_derived) =>
                {
                    out.push(
                        Diagnostic::warning(
                            "C083",
                            t.at.clone(),
                            tx!("C083-derived", "id" => &s.id, "indicator" => i.to_string()),
                        )
                        .hint(tx!("C083-derived-hint")),
                    );
                }
                TargetKind::Role(r) if form.is_none_or(|f| f.with_role(*r).is_empty()) => {
                    out.push(
                        Diagnostic::warning(
                            "C083",
                            t.at.clone(),
                            tx!("C083-role", "id" => &s.id, "role" => role_name(*r)),
                        )
                        .hint(tx!("C083-role-hint")),
                    );
                }
                _ => {}
            }
        }
    }
}

/// The role's name as written in the form definition.
pub fn role_name(r: FieldRole) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_values_are_columns_with_signs() {
        assert_eq!(
            terms("Budget - Utfall"),
            Some(vec![(1.0, "Budget".into()), (-1.0, "Utfall".into())])
        );
        assert_eq!(
            terms("Sjukfrånvaro ack. (%)"),
            Some(vec![(1.0, "Sjukfrånvaro ack. (%)".into())])
        );
        assert_eq!(
            terms("Kostnads-ställe"),
            Some(vec![(1.0, "Kostnads-ställe".into())])
        );
        assert_eq!(terms(" - "), None);
        assert_eq!(terms(""), None);
    }

    #[test]
    fn codes_map_to_units_and_a_shared_code_is_an_error() {
        let src = Source::new(
            "styr.toml",
            "[[enhet]]\nid = \"a\"\ncodes = [\"1410\", \"1411\"]\n[[enhet]]\nid = \"b\"\ncodes = [\"1411\"]\n",
        );
        let e = parse(&src).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, "C081");
        assert_eq!(e[0].location.to_string(), "styr.toml:6:10");
        let src = Source::new("styr.toml", "[[enhet]]\nid = \"a\"\ncodes = [\" 1410 \"]\n");
        let s = parse(&src).unwrap();
        assert_eq!(s.unit_of("1410").map(|u| u.as_str()), Some("a"));
        assert_eq!(s.unit_of("141"), None);
    }
}

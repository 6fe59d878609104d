//! `styr targets accept`: reads the committee's decided review workbook back, checks every
//! decided value, compares the decisions with the catalogue's målvärden for the planning year,
//! and writes them into `indikatorer.toml` keeping its comments and formatting.
//!
//! The workbook is recognised by its identity (custom property `styr.kind` and the hidden
//! `_styr` sheet, which must agree); the decision cells are found by the headers of their
//! columns and each row by its key in the hidden key column, so sorted rows or inserted columns
//! do not confuse the reader.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, Value};

use crate::diag::{Diagnostic, Location, closest, did_you_mean};
use crate::domain::{CellRef, Direction, IndicatorId, Period, SheetCell};
use crate::report::malforslag::{DECIDED_HEADER, DECIDED_MAX_HEADER, KEY_HEADER, KIND, SHEET};
use crate::workspace::catalogue::{Level, TargetValue};
use crate::workspace::{CATALOGUE_FILE, Source, Workspace};
use crate::xlsx_read::{Format, Limits, RawCell, RawSheet, RawWorkbook};
use crate::xlsx_write::{META_SHEET, PROPERTY_PREFIX};

/// Why the decided workbook could not be used at all.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("{0}: {1}")]
    Read(PathBuf, String),
    /// Not a review workbook, or one whose structure is gone.
    #[error("{0}: {1}")]
    NotReview(PathBuf, String, Vec<String>),
    /// The edited catalogue would not be valid (a bug, or a catalogue changed meanwhile).
    #[error("the catalogue would become invalid; nothing was written")]
    Invalid(Vec<Diagnostic>),
    #[error("{0}: {1}")]
    Write(PathBuf, String),
}

/// One decided målvärde and the cell it was typed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub indicator: IndicatorId,
    pub level: Level,
    pub value: TargetValue,
    pub decimals: u8,
    pub at: SheetCell,
}

/// What a decision does to the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// No målvärde for the indicator, level and year yet.
    Added(Decision),
    /// A different målvärde is there (the old one given).
    Changed(Decision, TargetValue),
    Unchanged(Decision),
}

impl Change {
    pub fn decision(&self) -> &Decision {
        match self {
            Change::Added(d) | Change::Changed(d, _) | Change::Unchanged(d) => d,
        }
    }

    pub fn is_difference(&self) -> bool {
        !matches!(self, Change::Unchanged(_))
    }
}

/// The decisions read from a workbook.
#[derive(Debug, Clone)]
pub struct Decided {
    /// The file as named to the user.
    pub file: PathBuf,
    pub period: Period,
    /// The year the målvärden are for.
    pub year: u16,
    pub decisions: Vec<Decision>,
    /// Problems with decided values (errors leave the value out).
    pub diagnostics: Vec<Diagnostic>,
}

impl Decided {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

fn identity(raw: &RawWorkbook) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let props = raw
        .custom_properties
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(PROPERTY_PREFIX)
                .map(|k| (k.to_string(), v.trim().to_string()))
        })
        .collect();
    let mut sheet = BTreeMap::new();
    if let Some(s) = raw.sheet(META_SHEET) {
        let text = |r: u32, c: u16| {
            s.cells
                .iter()
                .find(|(rr, cc, _)| (*rr, *cc) == (r, c))
                .and_then(|(_, _, v)| match v {
                    RawCell::Text(t) => Some(t.trim().to_string()),
                    RawCell::Number(n) => Some(plain(*n)),
                    _ => None,
                })
        };
        for (r, _, _) in s.cells.iter().filter(|(_, c, _)| *c == 0) {
            if let (Some(k), Some(v)) = (text(*r, 0), text(*r, 1)) {
                sheet.insert(k, v);
            }
        }
    }
    (props, sheet)
}

fn cell_at(s: &RawSheet, r: u32, c: u16) -> Option<&RawCell> {
    s.cells
        .iter()
        .find(|(rr, cc, _)| (*rr, *cc) == (r, c))
        .map(|(_, _, v)| v)
}

fn text_at(s: &RawSheet, r: u32, c: u16) -> Option<String> {
    match cell_at(s, r, c)? {
        RawCell::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    }
}

/// Reads the decided workbook at `path` (`shown` is its name in messages).
///
/// # Errors
/// [`AcceptError`] when the file cannot be read or is not a review workbook made by
/// `styr report malforslag`; problems with single decided values are diagnostics in the result.
pub fn read(ws: &Workspace, path: &Path, shown: &Path) -> Result<Decided, AcceptError> {
    let bytes =
        std::fs::read(path).map_err(|e| AcceptError::Read(shown.to_path_buf(), e.to_string()))?;
    let format = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"))
    {
        Format::Ods
    } else {
        Format::Xlsx
    };
    let zip = crate::xlsx_read::guard::ZipLimits::default();
    let raw = crate::xlsx_read::open(&bytes, format, &Limits::default(), &zip).map_err(|e| {
        let why = match e {
            crate::xlsx_read::OpenError::Zip(p) => format!("{}: {}", p.code(), p.describe()),
            crate::xlsx_read::OpenError::Read(e) => e.0,
        };
        AcceptError::Read(
            shown.to_path_buf(),
            format!("cannot read the workbook: {why}"),
        )
    })?;
    let not =
        |msg: String, hints: Vec<String>| AcceptError::NotReview(shown.to_path_buf(), msg, hints);
    let make = "make the proposal workbook with `styr report malforslag --period <year>-plan`, decide in its yellow column, then accept that file".to_string();
    let (props, sheet) = identity(&raw);
    let kind = match (props.get("kind"), sheet.get("kind")) {
        (Some(a), Some(b)) if a != b => {
            return Err(not(
                format!(
                    "the identity does not agree: the document property says '{a}', the {META_SHEET} sheet '{b}'"
                ),
                vec![make],
            ));
        }
        (a, b) => a.or(b).cloned(),
    };
    if kind.as_deref() != Some(KIND) {
        return Err(not(
            match kind {
                Some(k) => format!("this is a '{k}' workbook, not a målvärde proposal ({KIND})"),
                None => "this is not a målvärde proposal made by styr (no styr identity)".into(),
            },
            vec![make],
        ));
    }
    let period_text = props
        .get("period")
        .or_else(|| sheet.get("period"))
        .cloned()
        .unwrap_or_default();
    let period = match Period::parse(&period_text) {
        Ok(p @ Period::Plan(_)) => p,
        _ => {
            return Err(not(
                format!("the identity names no planning period ('{period_text}')"),
                vec![make],
            ));
        }
    };
    let Some(s) = raw.sheet(SHEET) else {
        let names: Vec<&str> = raw
            .sheets
            .iter()
            .filter(|s| s.visible)
            .map(|s| s.name.as_str())
            .collect();
        let mut hints = vec![format!("sheets are: {}", names.join(", "))];
        if let Some(c) = closest(SHEET, names.iter().copied()) {
            hints.insert(
                0,
                format!("was '{c}' renamed from '{SHEET}'? rename it back"),
            );
        }
        return Err(not(format!("no sheet '{SHEET}'"), hints));
    };
    // The header row: the one holding both the key and the decision headers.
    let header = s
        .cells
        .iter()
        .filter(|(_, _, v)| matches!(v, RawCell::Text(t) if t.trim() == KEY_HEADER))
        .map(|(r, c, _)| (*r, *c))
        .find_map(|(r, key_col)| {
            let col_of = |h: &str| {
                s.cells
                    .iter()
                    .find(|(rr, _, v)| *rr == r && matches!(v, RawCell::Text(t) if t.trim() == h))
                    .map(|(_, c, _)| *c)
            };
            col_of(DECIDED_HEADER).map(|d| (r, key_col, d, col_of(DECIDED_MAX_HEADER)))
        });
    let Some((header_row, key_col, min_col, max_col)) = header else {
        return Err(not(
            format!(
                "'{SHEET}' has no header row with the columns '{DECIDED_HEADER}' and '{KEY_HEADER}'"
            ),
            vec![make],
        ));
    };
    let mut decided = Decided {
        file: shown.to_path_buf(),
        period,
        year: period.year(),
        decisions: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut rows: Vec<u32> = s
        .cells
        .iter()
        .filter(|(r, c, _)| *r > header_row && *c == key_col)
        .map(|(r, _, _)| *r)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let mut seen: BTreeMap<String, SheetCell> = BTreeMap::new();
    for r in rows {
        let Some(key) = text_at(s, r, key_col) else {
            continue;
        };
        if let Some(d) = decision(ws, &mut decided, s, r, &key, min_col, max_col) {
            let at = d.at.clone();
            if let Some(first) = seen.insert(key.clone(), at.clone()) {
                decided.diagnostics.push(
                    Diagnostic::error(
                        "T008",
                        Location::Cell {
                            file: shown.to_path_buf(),
                            cell: at,
                        },
                        format!("a second decision for {key}"),
                    )
                    .hint(format!(
                        "the first is at {first}; keep one row per indicator and level"
                    )),
                );
                continue;
            }
            decided.decisions.push(d);
        }
    }
    Ok(decided)
}

/// A decided number: `Ok(None)` for a blank cell, `Err(text)` for anything that is not a number.
fn number(cell: Option<&RawCell>) -> Result<Option<(f64, bool)>, String> {
    match cell {
        None => Ok(None),
        Some(RawCell::Number(n)) => Ok(Some((*n, false))),
        Some(RawCell::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(RawCell::Text(t)) => crate::collect::value::parse_number_text(t)
            .map(|(n, _)| Some((n, true)))
            .ok_or_else(|| format!("\"{t}\"")),
        Some(RawCell::Bool(b)) => Err(format!("the truth value {b}")),
        Some(RawCell::Error(e)) => Err(format!("the error value {e}")),
        Some(RawCell::Serial(x)) => Ok(Some((*x, false))),
        Some(RawCell::Percent(x)) => Ok(Some((crate::collect::value::percent_shown(*x), false))),
        Some(RawCell::IsoDate(d)) => Err(format!("the date {d}")),
    }
}

/// Rounds away the binary noise of a typed number (7.0000000000000009 → 7).
fn clean(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn parse_level(ws: &Workspace, key: &str) -> Option<Level> {
    match key.split_once(':') {
        None if key == "kommun" => Some(Level::Kommun),
        Some(("forvaltning", f)) => ws
            .config
            .forvaltning(f)
            .map(|f| Level::Forvaltning(f.id.clone())),
        _ => None,
    }
}

/// Checks the decision on row `r` (if any) and returns it; problems become diagnostics.
fn decision(
    ws: &Workspace,
    decided: &mut Decided,
    s: &RawSheet,
    r: u32,
    key: &str,
    min_col: u16,
    max_col: Option<u16>,
) -> Option<Decision> {
    let file = decided.file.clone();
    let at = |c: u16| Location::Cell {
        file: file.clone(),
        cell: SheetCell::new(SHEET, CellRef::new(r, c)),
    };
    let mut diag = Vec::new();
    let mut read = |c: Option<u16>| -> Option<Option<f64>> {
        let c = c?;
        match number(cell_at(s, r, c)) {
            Ok(Some((n, typed_as_text))) => {
                if typed_as_text {
                    diag.push(
                        Diagnostic::warning(
                            "T009",
                            at(c),
                            format!("a number typed as text: {}", plain(n)),
                        )
                        .hint("accepted; type numbers without quotes or apostrophes"),
                    );
                }
                Some(Some(clean(n)))
            }
            Ok(None) => Some(None),
            Err(what) => {
                diag.push(
                    Diagnostic::error(
                        "T001",
                        at(c),
                        format!("the decided målvärde is not a number: {what}"),
                    )
                    .hint(
                        "type a number such as 85 or 6,5, or leave the cell empty for no decision",
                    ),
                );
                None
            }
        }
    };
    let lo = read(Some(min_col));
    let hi = read(max_col);
    decided.diagnostics.append(&mut diag);
    let (lo, hi) = (lo?, hi.flatten());
    if lo.is_none() && hi.is_none() {
        return None;
    }
    let (ind_id, level_key) = key.split_once('|').unwrap_or((key, ""));
    let Some(ind) = ws.catalogue.indicator(ind_id) else {
        let mut d = Diagnostic::error(
            "T002",
            at(min_col),
            format!("no indicator '{ind_id}' in the catalogue"),
        );
        if let Some(h) = did_you_mean(
            ind_id,
            ws.catalogue.indicators.iter().map(|i| i.id.as_str()),
        ) {
            d = d.hint(h);
        }
        decided.diagnostics.push(d.hint("the proposal workbook names the indicators of the catalogue it was made from; make it again"));
        return None;
    };
    let Some(level) = parse_level(ws, level_key) else {
        decided.diagnostics.push(
            Diagnostic::error(
                "T003",
                at(min_col),
                format!("unknown level '{level_key}' for {ind_id}"),
            )
            .hint(
                "the key column names `kommun` or `forvaltning:<id>` of a förvaltning in styr.toml",
            ),
        );
        return None;
    };
    let value = match (ind.direction, lo, hi) {
        (Direction::Interval, Some(min), Some(max)) if min < max => {
            TargetValue::Interval { min, max }
        }
        (Direction::Interval, Some(min), Some(max)) => {
            decided.diagnostics.push(
                Diagnostic::error("T004", at(min_col), format!("the interval of {ind_id} runs from {} to {}: its lowest value must be below its highest", plain(min), plain(max)))
                    .hint(format!("type the lowest value in '{DECIDED_HEADER}' and the highest in '{DECIDED_MAX_HEADER}'")),
            );
            return None;
        }
        (Direction::Interval, lo, _) => {
            let c = if lo.is_none() {
                min_col
            } else {
                max_col.unwrap_or(min_col)
            };
            decided.diagnostics.push(Diagnostic::error("T005", at(c), format!("{ind_id} is an interval indicator: both the lowest and the highest value are needed")).hint(format!("type the lowest value in '{DECIDED_HEADER}' and the highest in '{DECIDED_MAX_HEADER}'")));
            return None;
        }
        (_, None, None) => return None,
        (_, Some(v), None) => TargetValue::Point(v),
        (_, _, Some(_)) => {
            decided.diagnostics.push(
                Diagnostic::error(
                    "T006",
                    at(max_col.unwrap_or(min_col)),
                    format!("{ind_id} has one målvärde, not an interval"),
                )
                .hint(format!(
                    "type the målvärde in '{DECIDED_HEADER}' and leave '{DECIDED_MAX_HEADER}' empty"
                )),
            );
            return None;
        }
    };
    let (a, b) = match value {
        TargetValue::Point(v) => (v, v),
        TargetValue::Interval { min, max } => (min, max),
    };
    if ind.min.is_some_and(|m| a < m) || ind.max.is_some_and(|m| b > m) {
        let range = format!(
            "{}..{}",
            ind.min.map_or_else(String::new, plain),
            ind.max.map_or_else(String::new, plain)
        );
        decided.diagnostics.push(
            Diagnostic::error(
                "T007",
                at(min_col),
                format!(
                    "the decided målvärde of {ind_id} is outside its plausible range {range} {}",
                    ind.measure.swedish()
                ),
            )
            .hint("check the unit of measure (percent as 85, not 0,85)"),
        );
        return None;
    }
    Some(Decision {
        indicator: ind.id.clone(),
        level,
        value,
        decimals: ind.decimals,
        at: SheetCell::new(SHEET, CellRef::new(r, min_col)),
    })
}

fn same(a: TargetValue, b: TargetValue) -> bool {
    let eq = |x: f64, y: f64| (x - y).abs() < 1e-9;
    match (a, b) {
        (TargetValue::Point(x), TargetValue::Point(y)) => eq(x, y),
        (TargetValue::Interval { min: a, max: b }, TargetValue::Interval { min: c, max: d }) => {
            eq(a, c) && eq(b, d)
        }
        _ => false,
    }
}

/// Compares each decision with the catalogue's målvärde for the same indicator, level and year.
pub fn changes(ws: &Workspace, decided: &Decided) -> Vec<Change> {
    let year = Period::Year(decided.year);
    decided
        .decisions
        .iter()
        .map(|d| {
            match ws
                .catalogue
                .targets
                .iter()
                .find(|t| t.indicator == d.indicator && t.level == d.level && t.period == year)
            {
                None => Change::Added(d.clone()),
                Some(t) if same(t.value, d.value) => Change::Unchanged(d.clone()),
                Some(t) => Change::Changed(d.clone(), t.value),
            }
        })
        .collect()
}

/// A number as the CLI shows it: `6.5`, `-120`, `110000`.
pub fn plain(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// A målvärde as the CLI shows it: `6.5`, `4.5..5.5`.
pub fn show(t: TargetValue) -> String {
    match t {
        TargetValue::Point(v) => plain(v),
        TargetValue::Interval { min, max } => format!("{}..{}", plain(min), plain(max)),
    }
}

fn toml_number(v: f64) -> Value {
    let v = clean(v);
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

/// Sets `key` of `t` to `v`, keeping the decor (spacing, trailing comment) of the old value.
fn set_number(t: &mut Table, key: &str, v: f64) {
    let mut new = toml_number(v);
    if let Some(old) = t.get(key).and_then(Item::as_value) {
        *new.decor_mut() = old.decor().clone();
    }
    t.insert(key, Item::Value(new));
}

fn matches(t: &Table, d: &Decision, year: &str) -> bool {
    let s = |k: &str| t.get(k).and_then(Item::as_str);
    let level_ok = match &d.level {
        Level::Kommun => s("level").unwrap_or("kommun") == "kommun",
        Level::Forvaltning(f) => s("level") == Some("forvaltning") && s("id") == Some(f.as_str()),
        Level::Unit(u) => s("level") == Some("enhet") && s("id") == Some(u.as_str()),
    };
    s("indicator") == Some(d.indicator.as_str()) && s("period") == Some(year) && level_ok
}

fn new_target(d: &Decision, year: &str) -> Table {
    let mut t = Table::new();
    t.insert("indicator", toml_edit::value(d.indicator.as_str()));
    t.insert("period", toml_edit::value(year));
    match &d.level {
        Level::Kommun => {}
        Level::Forvaltning(f) => {
            t.insert("level", toml_edit::value("forvaltning"));
            t.insert("id", toml_edit::value(f.as_str()));
        }
        Level::Unit(u) => {
            t.insert("level", toml_edit::value("enhet"));
            t.insert("id", toml_edit::value(u.as_str()));
        }
    }
    match d.value {
        TargetValue::Point(v) => set_number(&mut t, "value", v),
        TargetValue::Interval { min, max } => {
            set_number(&mut t, "min", min);
            set_number(&mut t, "max", max);
        }
    }
    t
}

/// The catalogue text with the differences of `changes` written in: changed målvärden in place
/// (keeping comments and formatting), added ones after the last målvärde of the same indicator.
///
/// # Errors
/// The message of a TOML syntax error in `text`.
pub fn edit(text: &str, changes: &[Change], year: u16) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let year = year.to_string();
    if doc.get("target").is_none() {
        doc.insert(
            "target",
            Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
        );
    }
    let Some(targets) = doc.get_mut("target").and_then(Item::as_array_of_tables_mut) else {
        return Err("`target` is not an array of tables ([[target]])".into());
    };
    for c in changes {
        match c {
            Change::Unchanged(_) => {}
            Change::Changed(d, _) => {
                if let Some(t) = targets.iter_mut().find(|t| matches(t, d, &year)) {
                    match d.value {
                        TargetValue::Point(v) => {
                            t.remove("min");
                            t.remove("max");
                            set_number(t, "value", v);
                        }
                        TargetValue::Interval { min, max } => {
                            t.remove("value");
                            set_number(t, "min", min);
                            set_number(t, "max", max);
                        }
                    }
                }
            }
            Change::Added(d) => {
                let same_indicator = |t: &Table| {
                    t.get("indicator").and_then(Item::as_str) == Some(d.indicator.as_str())
                };
                let at = targets
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| same_indicator(t))
                    .map(|(i, _)| i + 1)
                    .last()
                    .unwrap_or(targets.len());
                // Without a position of its own, a table is printed after the one before it.
                targets.insert(at, new_target(d, &year));
            }
        }
    }
    Ok(doc.to_string())
}

/// Writes the differences into the workspace's `indikatorer.toml`, atomically, after checking
/// that the edited catalogue parses and agrees with the workspace. Returns the file's path.
///
/// # Errors
/// [`AcceptError`] when the catalogue is not a TOML file, would become invalid, or cannot be
/// written.
pub fn apply(ws: &Workspace, changes: &[Change], year: u16) -> Result<PathBuf, AcceptError> {
    let path = ws.root.join(CATALOGUE_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| AcceptError::Write(path.clone(), format!("{e} (decisions are written into {CATALOGUE_FILE}; a catalogue kept as a workbook is edited by hand)")))?;
    let new = edit(&text, changes, year).map_err(|e| AcceptError::Write(path.clone(), e))?;
    let src = Source::new(path.clone(), new.clone());
    let catalogue = crate::workspace::catalogue::parse(&src).map_err(AcceptError::Invalid)?;
    let mut check = ws.clone();
    check.catalogue = catalogue;
    let found = crate::workspace::validate::check(&check);
    if found.iter().any(Diagnostic::is_error) {
        return Err(AcceptError::Invalid(found));
    }
    crate::fsx::write_atomic(&path, new.as_bytes())
        .map_err(|e| AcceptError::Write(path.clone(), e.to_string()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(ind: &str, level: Level, value: TargetValue) -> Decision {
        Decision {
            indicator: IndicatorId::new(ind).unwrap(),
            level,
            value,
            decimals: 1,
            at: SheetCell::new(SHEET, CellRef::new(5, 13)),
        }
    }

    #[test]
    fn edit_changes_in_place_and_adds_after_the_indicator_keeping_comments() {
        let text = "# catalogue\n\n# --- a ---\n[[target]]\nindicator = \"a\"\nperiod = \"2027\"\nvalue = 5 # old\n\n# --- b ---\n[[target]]\nindicator = \"b\"\nperiod = \"2026\"\nvalue = 1\n";
        let bf = Level::Forvaltning(crate::domain::ForvaltningId::new("BUF").unwrap());
        let changes = [
            Change::Changed(
                decision("a", Level::Kommun, TargetValue::Point(6.5)),
                TargetValue::Point(5.0),
            ),
            Change::Added(decision("a", bf, TargetValue::Point(7.0))),
            Change::Added(decision(
                "b",
                Level::Kommun,
                TargetValue::Interval { min: 4.5, max: 5.5 },
            )),
        ];
        let out = edit(text, &changes, 2027).unwrap();
        assert_eq!(
            out,
            "# catalogue\n\n# --- a ---\n[[target]]\nindicator = \"a\"\nperiod = \"2027\"\nvalue = 6.5 # old\n\n[[target]]\nindicator = \"a\"\nperiod = \"2027\"\nlevel = \"forvaltning\"\nid = \"BUF\"\nvalue = 7\n\n# --- b ---\n[[target]]\nindicator = \"b\"\nperiod = \"2026\"\nvalue = 1\n\n[[target]]\nindicator = \"b\"\nperiod = \"2027\"\nmin = 4.5\nmax = 5.5\n"
        );
    }
}

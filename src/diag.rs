//! Diagnostics: findings that point at a place in a file.
//!
//! A [`Diagnostic`] is one finding in one file (a TOML line, a workbook cell, a whole file). It is
//! collected and reported; the batch goes on. Shown as
//!
//! ```text
//! inkommet/solrosen.xlsx: 'Indikatorer'!E7: R203 text i en talcell: "ca 5"
//!   tips: skriv bara talet, till exempel 5 eller 5,5 (utan "ca", enheter eller ord)
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::domain::SheetCell;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// A whole file.
    File(PathBuf),
    /// A line and column (1-based, in characters) of a text file.
    Text {
        file: PathBuf,
        line: usize,
        col: usize,
    },
    /// A cell of a workbook.
    Cell { file: PathBuf, cell: SheetCell },
    /// A sheet of a workbook, no particular cell.
    Sheet { file: PathBuf, sheet: String },
}

impl Location {
    /// The same place `chars` characters further along its line (a position inside a value
    /// of a text file); a cell stays the cell.
    #[must_use]
    pub fn shifted(&self, chars: usize) -> Location {
        match self {
            Location::Text { file, line, col } => Location::Text {
                file: file.clone(),
                line: *line,
                col: col + chars,
            },
            other => other.clone(),
        }
    }

    pub fn file(&self) -> &Path {
        match self {
            Location::File(file)
            | Location::Text { file, .. }
            | Location::Cell { file, .. }
            | Location::Sheet { file, .. } => file,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(file) => write!(f, "{}", file.display()),
            Location::Text { file, line, col } => write!(f, "{}:{line}:{col}", file.display()),
            Location::Cell { file, cell } => write!(f, "{}: {cell}", file.display()),
            Location::Sheet { file, sheet } => {
                write!(f, "{}: {}", file.display(), SheetCell::quoted_sheet(sheet))
            }
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub location: Location,
    pub hints: Vec<String>,
    /// The finding in Swedish for the unit that made the file (shown in correction workbooks).
    pub for_unit: Option<String>,
    /// Technical detail (a reader's own words, a panic message) for `--format json` and bug
    /// reports; never part of the line a person reads.
    pub detail: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            location,
            hints: Vec::new(),
            for_unit: None,
            detail: None,
        }
    }

    pub fn warning(code: &'static str, location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, location, message)
        }
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The same finding with technical detail kept apart from its message (at most 2 000
    /// characters, on one line).
    #[must_use]
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        let detail: String = detail.into();
        let one_line = detail.split_whitespace().collect::<Vec<_>>().join(" ");
        self.detail = Some(one_line.chars().take(2000).collect());
        self
    }

    /// The same finding with a Swedish text for the unit.
    #[must_use]
    pub fn for_unit(mut self, text: impl Into<String>) -> Self {
        self.for_unit = Some(text.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => String::new(),
            Severity::Warning => format!("{} ", crate::i18n::t("label-warning", &[])),
        };
        write!(
            f,
            "{}: {}{} {}",
            self.location, level, self.code, self.message
        )?;
        let hint = crate::i18n::t("label-hint", &[]);
        for h in &self.hints {
            write!(f, "\n  {hint} {h}")?;
        }
        Ok(())
    }
}

/// The hint "did you mean 'x'?" for `name` among `known`, when one is close enough: the one
/// wording of that hint.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(name, known).map(|c| crate::tx!("did-you-mean", "name" => c))
}

/// "did you mean" for a name among known names: the closest by edit distance, if close enough.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    known
        .into_iter()
        .map(|k| (edit_distance(&lower, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Diagnostic {
    /// The finding as JSON: `severity`, `code`, `message`, `file`, and where known `sheet` and
    /// `cell`, or `line` and `column`, then `hints`, and `detail` when there is technical detail.
    pub fn to_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("severity".into(), serde_json::json!(self.severity));
        m.insert("code".into(), self.code.into());
        m.insert("message".into(), self.message.clone().into());
        m.insert(
            "file".into(),
            self.location.file().display().to_string().into(),
        );
        match &self.location {
            Location::Cell { cell, .. } => {
                m.insert("sheet".into(), cell.sheet.to_string().into());
                m.insert("cell".into(), cell.cell.to_string().into());
            }
            Location::Sheet { sheet, .. } => {
                m.insert("sheet".into(), sheet.clone().into());
            }
            Location::Text { line, col, .. } => {
                m.insert("line".into(), (*line).into());
                m.insert("column".into(), (*col).into());
            }
            Location::File(_) => {}
        }
        m.insert("hints".into(), self.hints.clone().into());
        if let Some(detail) = &self.detail {
            m.insert("detail".into(), detail.clone().into());
        }
        serde_json::Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CellRef;

    #[test]
    fn renders_cell_findings_with_hints() {
        let d = Diagnostic::error(
            "R203",
            Location::Cell {
                file: "in/a.xlsx".into(),
                cell: SheetCell::new("Indikatorer", CellRef::new(6, 2)),
            },
            "text i en talcell: \"ca 5\"",
        )
        .hint("skriv ett tal");
        assert_eq!(
            d.to_string(),
            "in/a.xlsx: 'Indikatorer'!C7: R203 text i en talcell: \"ca 5\"\n  tips: skriv ett tal"
        );
    }

    #[test]
    fn closest_suggests_near_names_only() {
        let known = ["Indikatorer", "Ekonomi", "Instruktioner"];
        assert_eq!(closest("Indikator", known), Some("Indikatorer"));
        assert_eq!(closest("Budget", known), None);
    }
}

/// Locations of an entry (a catalogue's indicator or målvärde) and of the keys the checks may
/// point at. Made by `workspace::locate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locs {
    entry: Location,
    keys: std::collections::BTreeMap<&'static str, Location>,
}

impl Locs {
    /// The locations of an entry and of its keys.
    pub fn from_parts(
        entry: Location,
        keys: std::collections::BTreeMap<&'static str, Location>,
    ) -> Self {
        Self { entry, keys }
    }

    pub fn entry(&self) -> &Location {
        &self.entry
    }

    /// The location of `key`, or of the entry when the key was not recorded.
    pub fn key(&self, key: &str) -> &Location {
        self.keys.get(key).unwrap_or(&self.entry)
    }
}

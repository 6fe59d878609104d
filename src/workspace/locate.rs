//! Where an entry and its keys stand, in a TOML file or in a row of a workbook.
//!
//! The catalogue can be kept in TOML or in Excel. Both are deserialised into the same raw
//! structs; a [`Locator`] then gives the position of the entry and of each of its keys so that the
//! same checks report `file:line:col` for one and `file: 'Sheet'!C7` for the other.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use crate::diag::Location;
use crate::domain::{CellRef, SheetCell};
use crate::workspace::source::Source;

/// Gives locations for an entry and its keys.
pub trait Locator {
    fn entry(&self) -> Location;
    fn key(&self, key: &str) -> Location;
}

/// An entry (`[[indicator]]` table) spanning `span` in a TOML source.
pub struct TomlEntry<'a> {
    pub src: &'a Source,
    pub span: Range<usize>,
}

impl Locator for TomlEntry<'_> {
    fn entry(&self) -> Location {
        self.src.span(&self.span)
    }

    /// The position of `key =` inside the entry, or the entry when the key is absent. The
    /// entry runs from its span to the next table header (the parser's span of an
    /// `[[array]]` entry may cover only its header).
    fn key(&self, key: &str) -> Location {
        let rest = self.src.text.get(self.span.start..).unwrap_or_default();
        let header_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let end = rest[header_len..]
            .match_indices('\n')
            .map(|(i, _)| header_len + i + 1)
            .find(|&i| rest[i..].trim_start_matches([' ', '\t']).starts_with('['))
            .unwrap_or(rest.len())
            .max(self.span.len().min(rest.len()));
        let text = &rest[..end];
        let mut from = 0;
        while let Some(i) = text[from..].find(key) {
            let start = from + i;
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '{' || c == ',');
            let after = text[start + key.len()..].trim_start_matches([' ', '\t']);
            if before_ok && after.starts_with('=') {
                return self.src.at(self.span.start + start);
            }
            from = start + key.len();
        }
        self.entry()
    }
}

/// A row of a sheet whose first row holds the keys as column headers.
pub struct SheetRow<'a> {
    pub file: PathBuf,
    pub sheet: String,
    /// 0-based row.
    pub row: u32,
    pub columns: &'a BTreeMap<String, u16>,
}

impl Locator for SheetRow<'_> {
    fn entry(&self) -> Location {
        Location::Cell {
            file: self.file.clone(),
            cell: SheetCell::new(self.sheet.clone(), CellRef::new(self.row, 0)),
        }
    }

    fn key(&self, key: &str) -> Location {
        match self.columns.get(key) {
            Some(col) => Location::Cell {
                file: self.file.clone(),
                cell: SheetCell::new(self.sheet.clone(), CellRef::new(self.row, *col)),
            },
            None => self.entry(),
        }
    }
}

pub use crate::diag::Locs;

impl Locs {
    /// The locations of `loc`'s entry and of `keys` in it.
    pub fn new(loc: &dyn Locator, keys: &[&'static str]) -> Self {
        Self::from_parts(loc.entry(), keys.iter().map(|k| (*k, loc.key(k))).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_not_values() {
        let text = "[[indicator]]\nid = \"weight\"\nrollup = \"weighted_mean\"\nweight = \"x\"\n";
        let src = Source::new("i.toml", text);
        let e = TomlEntry {
            src: &src,
            span: 0..text.len(),
        };
        assert_eq!(e.key("weight").to_string(), "i.toml:4:1");
        assert_eq!(e.key("rollup").to_string(), "i.toml:3:1");
        assert_eq!(e.key("missing").to_string(), "i.toml:1:1");
    }
}

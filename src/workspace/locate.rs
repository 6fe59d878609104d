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
use crate::toml_check::Source;

/// Gives locations for an entry and its keys.
pub trait Locator {
    fn entry(&self) -> Location;
    fn key(&self, key: &str) -> Location;
    /// Where the string value of `path` (`formula`, or `ratio.numerator` inside an inline
    /// table) starts: its first character, so that a column inside it can be added.
    fn value(&self, path: &str) -> Location {
        self.key(path)
    }
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
        match self.key_offset(key, 0) {
            Some(at) => self.src.at(self.span.start + at),
            None => self.entry(),
        }
    }

    fn value(&self, path: &str) -> Location {
        let mut from = 0;
        let mut found = None;
        for part in path.split('.') {
            match self.key_offset(part, from) {
                Some(at) => {
                    found = Some(at);
                    from = at + part.len();
                }
                None => return self.key(path.split('.').next().unwrap_or(path)),
            }
        }
        let rest = self.src.text.get(self.span.start..).unwrap_or_default();
        let Some(at) = found else {
            return self.entry();
        };
        // The opening quote after `key =`, on the same line.
        let line = rest[at..].split('\n').next().unwrap_or_default();
        match line.find(['"', '\'']) {
            Some(q) => self.src.at(self.span.start + at + q + 1),
            None => self.src.at(self.span.start + at),
        }
    }
}

impl TomlEntry<'_> {
    /// The byte offset (from the entry's start) of `key =` inside the entry, searching from
    /// `from`.
    fn key_offset(&self, key: &str, from: usize) -> Option<usize> {
        let rest = self.src.text.get(self.span.start..).unwrap_or_default();
        let header_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let end = rest[header_len..]
            .match_indices('\n')
            .map(|(i, _)| header_len + i + 1)
            .find(|&i| rest[i..].trim_start_matches([' ', '\t']).starts_with('['))
            .unwrap_or(rest.len())
            .max(self.span.len().min(rest.len()));
        let text = &rest[..end];
        let mut from = from.min(text.len());
        while let Some(i) = text[from..].find(key) {
            let start = from + i;
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '{' || c == ',');
            let after = text[start + key.len()..].trim_start_matches([' ', '\t']);
            if before_ok && after.starts_with('=') {
                return Some(start);
            }
            from = start + key.len();
        }
        None
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

    fn value(&self, path: &str) -> Location {
        self.key(&path.replace('.', "_"))
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

    #[test]
    fn finds_values_inside_inline_tables() {
        let text = "[[indicator]]\nid = \"x\"\ndefinition = { numerator = \"a\" }\nratio = { numerator = \"sjuk\", denominator = 'tid' }\n";
        let src = Source::new("i.toml", text);
        let e = TomlEntry {
            src: &src,
            span: 0..text.len(),
        };
        assert_eq!(e.value("ratio.numerator").to_string(), "i.toml:4:24");
        assert_eq!(e.value("ratio.denominator").to_string(), "i.toml:4:46");
        assert_eq!(e.value("definition.numerator").to_string(), "i.toml:3:29");
    }
}

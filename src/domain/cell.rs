//! Cell references: stored 0-based, shown as Excel shows them.

use std::fmt;
use std::sync::Arc;

/// Excel's last row and column (1,048,576 rows, 16,384 columns), 0-based.
pub const MAX_ROW: u32 = 1_048_575;
pub const MAX_COL: u16 = 16_383;

/// A cell position, 0-based, displayed as `C7`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u16,
}

impl CellRef {
    pub const fn new(row: u32, col: u16) -> Self {
        Self { row, col }
    }

    /// The column letters: 0 -> `A`, 25 -> `Z`, 26 -> `AA`.
    pub fn col_name(col: u16) -> String {
        let mut n = u32::from(col) + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = ((n - 1) % 26) as u8;
            out.push(b'A' + rem);
            n = (n - 1) / 26;
        }
        out.reverse();
        String::from_utf8(out).unwrap_or_default()
    }

    /// Parses `C7` or `$C$7` (column letters then a 1-based row).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().replace('$', "");
        let split = s.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = s.split_at(split);
        if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let mut col: u32 = 0;
        for b in letters.bytes() {
            col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
            if col > u32::from(MAX_COL) + 1 {
                return None;
            }
        }
        let row: u32 = digits.parse().ok()?;
        if row == 0 || row > MAX_ROW + 1 {
            return None;
        }
        Some(Self::new(row - 1, u16::try_from(col - 1).ok()?))
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", Self::col_name(self.col), self.row + 1)
    }
}

/// A cell on a named sheet, displayed `'Sheet name'!C7` (always quoted, `'` doubled).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SheetCell {
    /// Shared: every value read from a sheet names it, and a return has hundreds.
    pub sheet: Arc<str>,
    pub cell: CellRef,
}

impl SheetCell {
    pub fn new(sheet: impl Into<Arc<str>>, cell: CellRef) -> Self {
        Self {
            sheet: sheet.into(),
            cell,
        }
    }

    /// The sheet name quoted as in a formula: `'Mål och utfall'`.
    pub fn quoted_sheet(sheet: &str) -> String {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

impl fmt::Display for SheetCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}", Self::quoted_sheet(&self.sheet), self.cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_columns_like_excel() {
        assert_eq!(CellRef::new(0, 0).to_string(), "A1");
        assert_eq!(CellRef::new(6, 2).to_string(), "C7");
        assert_eq!(CellRef::col_name(25), "Z");
        assert_eq!(CellRef::col_name(26), "AA");
        assert_eq!(CellRef::new(MAX_ROW, MAX_COL).to_string(), "XFD1048576");
    }

    #[test]
    fn quotes_sheet_names() {
        let c = SheetCell::new("Bob's mål", CellRef::new(0, 1));
        assert_eq!(c.to_string(), "'Bob''s mål'!B1");
    }

    #[test]
    fn parse_rejects_out_of_range() {
        assert_eq!(CellRef::parse("$C$7"), Some(CellRef::new(6, 2)));
        assert_eq!(CellRef::parse("XFE1"), None);
        assert_eq!(CellRef::parse("A0"), None);
        assert_eq!(CellRef::parse("A1048577"), None);
        assert_eq!(CellRef::parse("7"), None);
    }

    proptest! {
        #[test]
        fn display_parses_back(row in 0..=MAX_ROW, col in 0..=MAX_COL) {
            let c = CellRef::new(row, col);
            prop_assert_eq!(CellRef::parse(&c.to_string()), Some(c));
        }
    }
}

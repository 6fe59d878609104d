//! Where everything of a form stands in a workbook.
//!
//! The layout is a pure function of a definition, the kind of period and the keys of each
//! section's rows (which indicators, which control points). The writer places cells with it and
//! the reader finds them with it, so no coordinate is written twice.
//!
//! A `once` section is a vertical form: label in column A, value in B, help in C, from row 5.
//! A table section has its header in row 5 and one row per item below it, read-only columns
//! first, then the input fields, then computed columns. Rows 1-3 hold the title, the unit and
//! period line and the help text.

use std::collections::BTreeMap;

use crate::domain::{CellRef, Perspective};
use crate::form::def::{ColumnDef, ComputedDef, FieldDef, FormDef, PeriodKind, Repeat, SectionDef};

pub const TITLE_ROW: u32 = 0;
pub const INFO_ROW: u32 = 1;
pub const HELP_ROW: u32 = 2;
/// First row of a once section's fields, and the header row of a table.
pub const BODY_ROW: u32 = 4;

/// Once sections: label, value and help columns.
pub const LABEL_COL: u16 = 0;
pub const VALUE_COL: u16 = 1;
pub const HINT_COL: u16 = 2;

/// What stands in a column (table) or a row (once section).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Slot<'a> {
    Column(&'a ColumnDef),
    Field(&'a FieldDef),
    Computed(&'a ComputedDef),
}

impl<'a> Slot<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            Slot::Column(c) => &c.id,
            Slot::Field(f) => &f.id,
            Slot::Computed(c) => &c.id,
        }
    }

    pub fn label(&self) -> &'a str {
        match self {
            Slot::Column(c) => &c.label,
            Slot::Field(f) => &f.label,
            Slot::Computed(c) => &c.label,
        }
    }

    pub fn width(&self) -> Option<f64> {
        match self {
            Slot::Column(c) => c.width,
            Slot::Field(f) => f.width,
            Slot::Computed(c) => c.width,
        }
    }
}

/// One section placed on its sheet.
#[derive(Debug, Clone)]
pub struct SectionLayout<'a> {
    pub def: &'a SectionDef,
    /// Columns (table) or rows (once), in order.
    pub slots: Vec<Slot<'a>>,
    /// Row keys of a table (empty for a once section).
    pub keys: Vec<String>,
}

impl<'a> SectionLayout<'a> {
    pub fn sheet(&self) -> &'a str {
        &self.def.sheet
    }

    pub fn is_table(&self) -> bool {
        self.def.is_table()
    }

    /// Header row of a table.
    pub fn header_row(&self) -> u32 {
        BODY_ROW
    }

    /// Row of the item at `index` (table).
    pub fn item_row(&self, index: usize) -> u32 {
        BODY_ROW + 1 + u32::try_from(index).unwrap_or(u32::MAX - BODY_ROW - 1)
    }

    /// The last row used.
    pub fn last_row(&self) -> u32 {
        if self.is_table() {
            BODY_ROW + u32::try_from(self.keys.len()).unwrap_or(0)
        } else {
            BODY_ROW
                + u32::try_from(self.slots.len())
                    .unwrap_or(0)
                    .saturating_sub(1)
        }
    }

    /// Number of columns used.
    pub fn width(&self) -> u16 {
        if self.is_table() {
            u16::try_from(self.slots.len()).unwrap_or(u16::MAX)
        } else {
            HINT_COL + 1
        }
    }

    fn slot_index(&self, id: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.id() == id)
    }

    /// The cell of slot `id` for the item `key` (a table) or of the field `id` (once; `key` is
    /// ignored).
    pub fn cell(&self, key: &str, id: &str) -> Option<CellRef> {
        let slot = u16::try_from(self.slot_index(id)?).ok()?;
        if self.is_table() {
            let row = self.keys.iter().position(|k| k == key)?;
            Some(CellRef::new(self.item_row(row), slot))
        } else {
            Some(CellRef::new(BODY_ROW + u32::from(slot), VALUE_COL))
        }
    }

    /// The column of slot `id` in a table.
    pub fn column(&self, id: &str) -> Option<u16> {
        if self.is_table() {
            u16::try_from(self.slot_index(id)?).ok()
        } else {
            None
        }
    }

    /// Every input cell of the section: (item key, field, cell). Once sections use key "".
    pub fn inputs(&self) -> Vec<(&str, &'a FieldDef, CellRef)> {
        let mut out = Vec::new();
        let keys: Vec<&str> = if self.is_table() {
            self.keys.iter().map(String::as_str).collect()
        } else {
            vec![""]
        };
        for key in keys {
            for slot in &self.slots {
                if let Slot::Field(f) = slot
                    && let Some(cell) = self.cell(key, &f.id)
                {
                    out.push((key, *f, cell));
                }
            }
        }
        out
    }

    /// The global defined name of a field's input range: `styr_<section>_<field>`.
    pub fn name_of(&self, field: &str) -> String {
        format!("styr_{}_{}", self.def.id, field)
    }

    /// The (first, last) cell of a field's input range, if the section has any rows.
    pub fn range_of(&self, field: &str) -> Option<(CellRef, CellRef)> {
        if self.is_table() {
            let first = self.cell(self.keys.first()?, field)?;
            let last = self.cell(self.keys.last()?, field)?;
            Some((first, last))
        } else {
            let c = self.cell("", field)?;
            Some((c, c))
        }
    }
}

/// A whole form placed on its sheets, for one kind of period and one set of row keys.
#[derive(Debug, Clone)]
pub struct Layout<'a> {
    pub def: &'a FormDef,
    pub sections: Vec<SectionLayout<'a>>,
}

/// The row keys a section gets without outside data: numbered rows and the perspectives.
pub fn fixed_keys(section: &SectionDef) -> Option<Vec<String>> {
    match section.repeat {
        Repeat::Rows => Some(
            (1..=section.rows.unwrap_or(0))
                .map(|n| n.to_string())
                .collect(),
        ),
        Repeat::Perspective => Some(
            Perspective::ALL
                .iter()
                .map(|p| p.key().to_string())
                .collect(),
        ),
        Repeat::Once => Some(Vec::new()),
        Repeat::Indicator | Repeat::Goal | Repeat::Control => None,
    }
}

impl<'a> Layout<'a> {
    /// Lays out `def` for a period of kind `period`. `keys` gives the row keys of sections that
    /// repeat per indicator, goal or control point (a missing entry means no rows).
    pub fn new(def: &'a FormDef, period: PeriodKind, keys: &BTreeMap<String, Vec<String>>) -> Self {
        let sections = def
            .sections
            .iter()
            .filter(|s| s.in_period(period))
            .map(|s| {
                let mut slots: Vec<Slot<'a>> = s.columns.iter().map(Slot::Column).collect();
                slots.extend(s.fields.iter().map(Slot::Field));
                slots.extend(s.computed.iter().map(Slot::Computed));
                let keys =
                    fixed_keys(s).unwrap_or_else(|| keys.get(&s.id).cloned().unwrap_or_default());
                SectionLayout {
                    def: s,
                    slots,
                    keys,
                }
            })
            .collect();
        Layout { def, sections }
    }

    pub fn section(&self, id: &str) -> Option<&SectionLayout<'a>> {
        self.sections.iter().find(|s| s.def.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FormKind;
    use crate::form::FormSet;

    #[test]
    fn places_once_fields_and_table_rows() {
        let forms = FormSet::builtin().unwrap();
        let def = forms.current(FormKind::Uppfoljning).unwrap();
        let mut keys = BTreeMap::new();
        keys.insert(
            "personal".to_string(),
            vec!["sjuk".to_string(), "heltid".to_string()],
        );
        let l = Layout::new(def, PeriodKind::Tertial, &keys);
        let eko = l.section("ekonomi").unwrap();
        // budget (column) is the first row, utfall the second.
        assert_eq!(eko.cell("", "budget"), Some(CellRef::new(4, 1)));
        assert_eq!(eko.cell("", "utfall").unwrap().to_string(), "B6");
        let pers = l.section("personal").unwrap();
        let utfall_col = pers.column("utfall").unwrap();
        assert_eq!(
            pers.cell("heltid", "utfall"),
            Some(CellRef::new(6, utfall_col))
        );
        assert_eq!(pers.range_of("utfall").unwrap().0.row, 5);
        assert!(
            pers.inputs()
                .iter()
                .all(|(_, f, _)| pers.def.field(&f.id).is_some())
        );
        assert_eq!(l.section("kvalitet").unwrap().keys.len(), 24);
    }

    #[test]
    fn month_reports_leave_out_tertial_sections() {
        let forms = FormSet::builtin().unwrap();
        let def = forms.current(FormKind::Uppfoljning).unwrap();
        let l = Layout::new(def, PeriodKind::Month, &BTreeMap::new());
        assert!(l.section("kvalitet").is_none());
        assert!(l.section("ekonomi").is_some());
    }
}

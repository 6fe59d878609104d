//! Accounting for every cell of a form sheet: where each column (table) or row (once section)
//! of the form stands in the returned sheet, found by its label when the unit inserted or moved
//! one; and every non-empty cell that is not part of the form, reported with its cell and text.
//!
//! The principle (README, "Collecting returns"): every non-empty cell in a form sheet's used
//! range is read, or reported with its cell and value. Nothing is dropped without a message.

use std::collections::BTreeSet;
use std::path::Path;

use crate::collect::read::Grid;
use crate::collect::value;
use crate::diag::{Diagnostic, Location};
use crate::domain::{CellRef, SheetCell};
use crate::form::layout::{BODY_ROW, HINT_COL, LABEL_COL, VALUE_COL};
use crate::form::{SectionLayout, Slot};
use crate::tx;
use crate::xlsx_read::{Damage, Merge, RawCell, RawSheet};

/// Reported cells of one kind per sheet at most; the rest are counted in a last message.
const MAX_REPORTED: usize = 40;

fn at(file: &Path, sheet: &str, cell: CellRef) -> Location {
    Location::Cell {
        file: file.to_path_buf(),
        cell: SheetCell::new(sheet, cell),
    }
}

/// Where each slot of a section stands: its column (a table) or its row (a once section),
/// `None` when it cannot be found.
#[derive(Debug, Clone)]
pub struct Placement {
    pub table: bool,
    pub pos: Vec<Option<u32>>,
}

impl Placement {
    /// The column of slot `id` in a table.
    pub fn column(&self, sec: &SectionLayout<'_>, id: &str) -> Option<u16> {
        let i = sec.slots.iter().position(|s| s.id() == id)?;
        self.pos
            .get(i)
            .copied()
            .flatten()
            .and_then(|c| u16::try_from(c).ok())
    }

    /// The cell of field `id` in row `row` (a table) or of the field (a once section).
    pub fn cell(&self, sec: &SectionLayout<'_>, row: u32, id: &str) -> Option<CellRef> {
        let i = sec.slots.iter().position(|s| s.id() == id)?;
        let p = self.pos.get(i).copied().flatten()?;
        if self.table {
            Some(CellRef::new(row, u16::try_from(p).ok()?))
        } else {
            Some(CellRef::new(p, VALUE_COL))
        }
    }
}

/// Finds every slot of `sec` by its label: in the header row of a table, in the label column of
/// a once section. A slot not at its place is looked up along that line (a column or row was
/// inserted or moved: one warning R118 for the section); an input that cannot be found when
/// others moved is an error R119 and is not read.
pub(crate) fn place(
    file: &Path,
    name: &str,
    sec: &SectionLayout<'_>,
    grid: &Grid<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Placement {
    let table = sec.is_table();
    let expected = |i: usize| -> u32 {
        let i = u32::try_from(i).unwrap_or(u32::MAX - BODY_ROW);
        if table { i } else { BODY_ROW + i }
    };
    let label_cell = |p: u32| -> CellRef {
        if table {
            CellRef::new(sec.header_row(), u16::try_from(p).unwrap_or(u16::MAX))
        } else {
            CellRef::new(p, LABEL_COL)
        }
    };
    // Every label cell along the line, by text.
    let line: Vec<(u32, String)> = grid
        .cells
        .iter()
        .filter_map(|((r, c), v)| {
            let p = if table {
                (*r == sec.header_row()).then_some(u32::from(*c))
            } else {
                (*c == LABEL_COL && *r >= BODY_ROW).then_some(*r)
            }?;
            match v {
                RawCell::Text(t) => Some((p, t.trim().to_string())),
                _ => None,
            }
        })
        .collect();
    let mut pos: Vec<Option<u32>> = vec![None; sec.slots.len()];
    let mut taken: BTreeSet<u32> = BTreeSet::new();
    for (i, slot) in sec.slots.iter().enumerate() {
        let e = expected(i);
        if grid.text(label_cell(e)).as_deref() == Some(slot.label()) {
            pos[i] = Some(e);
            taken.insert(e);
        }
    }
    let mut moved: Vec<String> = Vec::new();
    for (i, slot) in sec.slots.iter().enumerate() {
        if pos[i].is_some() {
            continue;
        }
        let found = line
            .iter()
            .find(|(p, t)| t == slot.label() && !taken.contains(p))
            .map(|(p, _)| *p);
        if let Some(p) = found {
            pos[i] = Some(p);
            taken.insert(p);
            if matches!(slot, Slot::Field(_)) {
                moved.push(format!(
                    "\"{}\" from {} to {}",
                    slot.label(),
                    place_name(table, expected(i)),
                    place_name(table, p)
                ));
            }
        }
    }
    let shifted = pos
        .iter()
        .enumerate()
        .any(|(i, p)| p.is_some_and(|p| p != expected(i)));
    for (i, slot) in sec.slots.iter().enumerate() {
        if pos[i].is_some() {
            continue;
        }
        let e = expected(i);
        if !shifted && !taken.contains(&e) {
            // The label was overwritten but nothing moved: the slot is where the form put it.
            pos[i] = Some(e);
            continue;
        }
        if let Slot::Field(f) = slot {
            let key = if table { "R119-column" } else { "R119" };
            diags.push(
                Diagnostic::error(
                    "R119",
                    at(file, name, label_cell(e)),
                    tx!(key, "label" => &f.label),
                )
                .hint(
                    tx!(if table { "R119-column-hint" } else { "R119-hint" }, "label" => &f.label),
                )
                .for_unit(tx!("correction-R119", "label" => &f.label)),
            );
        }
    }
    if !moved.is_empty() {
        diags.push(
            Diagnostic::warning(
                "R118",
                Location::Sheet {
                    file: file.to_path_buf(),
                    sheet: name.to_string(),
                },
                tx!(if table { "R118-column" } else { "R118" }, "moved" => moved.join(", ")),
            )
            .hint(tx!(if table {
                "R118-column-hint"
            } else {
                "R118-hint"
            })),
        );
    }
    Placement { table, pos }
}

fn place_name(table: bool, p: u32) -> String {
    if table {
        CellRef::col_name(u16::try_from(p).unwrap_or(u16::MAX))
    } else {
        tx!("row-n", "n" => (p + 1).to_string())
    }
}

/// The merged range hiding `cell`, if it is merged and not the range's first cell.
pub fn hidden_by(merged: &[Merge], cell: CellRef) -> Option<Merge> {
    merged.iter().copied().find(|&(r0, c0, r1, c1)| {
        (r0..=r1).contains(&cell.row)
            && (c0..=c1).contains(&cell.col)
            && (cell.row, cell.col) != (r0, c0)
    })
}

/// A merged range as `H6:J6`.
pub fn merge_text((r0, c0, r1, c1): Merge) -> String {
    format!("{}:{}", CellRef::new(r0, c0), CellRef::new(r1, c1))
}

/// The diagnostic of a damaged cell: an error at an input, a warning elsewhere.
pub fn damage(file: &Path, name: &str, cell: CellRef, d: &Damage, input: bool) -> Diagnostic {
    let (message, sv) = match d {
        Damage::FormulaWithoutValue(f) => (
            tx!("R124-formula", "formula" => f.to_string()),
            tx!("correction-R124-formula"),
        ),
        Damage::MissingString(n) => (
            tx!("R124-string", "n" => n.to_string()),
            tx!("correction-R124-string"),
        ),
    };
    let loc = at(file, name, cell);
    let d = if input {
        Diagnostic::error("R124", loc, message)
    } else {
        Diagnostic::warning("R124", loc, message)
    };
    d.hint(tx!("R124-hint")).for_unit(sv)
}

/// What the accounting knows about a section as read.
pub(crate) struct Known<'a> {
    pub sec: &'a SectionLayout<'a>,
    pub placement: &'a Placement,
    /// The rows of the table that were read (found by key, numbered, or added below).
    pub rows: &'a [u32],
    /// For a table with keys: the key column and the keys of the rows read.
    pub key_col: Option<u16>,
    pub keys: &'a [String],
    /// The column of the item's name (indicator, goal, control point), and the names of the
    /// rows read.
    pub name_col: Option<u16>,
    pub names: &'a [String],
}

/// Reports every non-empty cell of `sheet` that is not part of the form as read: rows in a
/// table that belong to no known item (R115, a warning; R116, an error, when the row claims an
/// item already read, so that its values would shadow that item's inputs), and any other cell
/// beside the form (R117, a warning, such as notes typed beside a table). Also reports damaged
/// cells outside the inputs.
pub(crate) fn account(
    file: &Path,
    sheet: &RawSheet,
    grid: &Grid<'_>,
    k: &Known<'_>,
    inputs: &BTreeSet<CellRef>,
    diags: &mut Vec<Diagnostic>,
) {
    let name = sheet.name.as_str();
    let sec = k.sec;
    let cols: Vec<u16> = k
        .placement
        .pos
        .iter()
        .flatten()
        .filter_map(|p| u16::try_from(*p).ok())
        .collect();
    let span = cols.iter().copied().max().unwrap_or(0);
    let rows: BTreeSet<u32> = k.rows.iter().copied().collect();
    let once_rows: BTreeSet<u32> = if k.placement.table {
        BTreeSet::new()
    } else {
        k.placement.pos.iter().flatten().copied().collect()
    };
    let known = |c: CellRef| -> bool {
        if c.row < BODY_ROW {
            // The title, info and help lines (the help line is merged across the sheet).
            return c.col == 0;
        }
        if k.placement.table {
            (c.row == sec.header_row() || rows.contains(&c.row)) && cols.contains(&c.col)
        } else {
            once_rows.contains(&c.row) && c.col <= HINT_COL
        }
    };
    // Rows of a table that hold something in its columns but belong to no item read.
    let mut stray_rows: std::collections::BTreeMap<u32, Vec<(CellRef, String)>> =
        std::collections::BTreeMap::new();
    let mut stray: Vec<(CellRef, String)> = Vec::new();
    for ((r, c), v) in &grid.cells {
        let cell = CellRef::new(*r, *c);
        if known(cell) || inputs.contains(&cell) || value::is_blank(Some(v)) {
            continue;
        }
        let text = value::shown(v);
        if k.placement.table && *r > sec.header_row() && *c <= span {
            stray_rows.entry(*r).or_default().push((cell, text));
        } else {
            stray.push((cell, text));
        }
    }
    let quote = |cells: &[(CellRef, String)]| -> String {
        cells
            .iter()
            .map(|(c, t)| format!("{c} \"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (n, (r, cells)) in stray_rows.iter().enumerate() {
        if n == MAX_REPORTED {
            diags.push(Diagnostic::warning(
                "R115",
                Location::Sheet {
                    file: file.to_path_buf(),
                    sheet: name.to_string(),
                },
                tx!("R115-more", "n" => (stray_rows.len() - MAX_REPORTED).to_string()),
            ));
            break;
        }
        let first = cells[0].0;
        let text_at = |col: Option<u16>| {
            col.and_then(|c| grid.text(CellRef::new(*r, c)))
                .map(|t| t.to_string())
        };
        let claims = text_at(k.key_col)
            .filter(|t| k.keys.iter().any(|key| key == t))
            .or_else(|| text_at(k.name_col).filter(|t| k.names.iter().any(|n| n == t)));
        let d = match claims {
            Some(item) => Diagnostic::error(
                "R116",
                at(file, name, first),
                tx!("R116", "row" => (r + 1).to_string(), "item" => &item, "cells" => quote(cells)),
            )
            .hint(tx!("R116-hint"))
            .for_unit(tx!("correction-R116", "item" => &item)),
            None => Diagnostic::warning(
                "R115",
                at(file, name, first),
                tx!("R115", "row" => (r + 1).to_string(), "cells" => quote(cells)),
            )
            .hint(tx!("R115-hint")),
        };
        diags.push(d);
    }
    for (n, (cell, text)) in stray.iter().enumerate() {
        if n == MAX_REPORTED {
            diags.push(Diagnostic::warning(
                "R117",
                Location::Sheet {
                    file: file.to_path_buf(),
                    sheet: name.to_string(),
                },
                tx!("R117-more", "n" => (stray.len() - MAX_REPORTED).to_string()),
            ));
            break;
        }
        diags.push(
            Diagnostic::warning("R117", at(file, name, *cell), tx!("R117", "text" => text))
                .hint(tx!("R117-hint")),
        );
    }
    for (r, c, d) in &sheet.damaged {
        let cell = CellRef::new(*r, *c);
        if !inputs.contains(&cell) {
            diags.push(damage(file, name, cell, d, false));
        }
    }
}

//! calamine's view of a workbook turned into plain, owned data: properties, sheets and the
//! cells inside the bounds a form can use. This is the only place calamine's cell types are
//! seen; everything after works on [`RawCell`].
//!
//! Cells are streamed (xlsx) into a sparse list with caps, never into a dense range: a file with
//! cells at A1 and XFD1048576 would otherwise allocate the whole box between them.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, SheetType, SheetVisible, WorkbookProperties, Xlsx};
use serde::{Deserialize, Serialize};

use super::guard::{ZipLimits, ZipProblem, unpack_zip};

/// A cell value as read, before any interpretation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RawCell {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A date or time cell: its serial number as stored.
    Serial(f64),
    /// A date as ISO text (ODS).
    IsoDate(String),
    /// An error value such as `#DIV/0!` or `#SPILL!`.
    Error(String),
    /// A number shown with a percent format (xlsx: the style's number format has `%`; ods:
    /// `office:value-type="percentage"`), as stored: 9,5 % is `Percent(0.095)`.
    Percent(f64),
}

/// What a cell holds that the reader cannot turn into the value a person sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Damage {
    /// A formula without a computed (cached) value: the spreadsheet program would show its
    /// result, which styr cannot compute. The formula as written.
    FormulaWithoutValue(String),
    /// A text cell whose shared-string index is not in the file's string table.
    MissingString(usize),
}

/// A merged range: first and last row and column, 0-based, inclusive.
pub type Merge = (u32, u16, u32, u16);

/// One sheet as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawSheet {
    pub name: String,
    pub visible: bool,
    /// A worksheet (not a chart, dialog or macro sheet).
    pub worksheet: bool,
    /// Non-empty cells inside the bounds: (row, col, value), 0-based.
    pub cells: Vec<(u32, u16, RawCell)>,
    /// Non-empty cells outside the bounds (counted, the first few kept).
    pub outside: usize,
    pub outside_first: Vec<(u32, u16)>,
    /// The sheet could not be read completely: the reader's message.
    pub error: Option<String>,
    /// Cells holding error values the reader does not know (found in the raw XML).
    pub unknown_errors: Vec<(u32, u16, String)>,
    /// Cells whose shown value the reader cannot know (found in the raw XML).
    pub damaged: Vec<(u32, u16, Damage)>,
    /// Merged ranges: only the first cell of each is shown.
    pub merged: Vec<Merge>,
}

/// The whole workbook as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawWorkbook {
    pub custom_properties: BTreeMap<String, String>,
    /// When the file was last saved, as the saving program wrote it (ISO 8601), if it did.
    pub modified: Option<String>,
    pub sheets: Vec<RawSheet>,
    pub defined_names: Vec<(String, String)>,
    /// Damaged parts the reader does not need, left out (name, what was wrong): the
    /// workbook was read without them.
    pub left_out: Vec<(String, String)>,
}

impl RawWorkbook {
    pub fn sheet(&self, name: &str) -> Option<&RawSheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// The container formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Xlsx,
    Ods,
}

/// Bounds of what is read from each sheet.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Rows and columns (0-based, exclusive) read from a sheet; the rest is counted only.
    pub rows: u32,
    pub cols: u16,
    /// Cells kept per sheet at most.
    pub cells: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            rows: 2_000,
            cols: 200,
            cells: 100_000,
        }
    }
}

/// Why the workbook could not be read at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{0}")]
pub struct ReadError(pub String);

/// Why a returned file could not be opened: its zip failed pre-flight, or the reader failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OpenError {
    Zip(ZipProblem),
    Read(ReadError),
}

/// Opens a file as it came in: the zip pre-flight ([`unpack_zip`]: limits, names, every
/// entry's CRC), then [`read`] of the unpacked workbook, so every part is inflated once.
///
/// # Errors
/// [`OpenError::Zip`] when the zip is refused, [`OpenError::Read`] when the reader fails.
pub fn open(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    zip: &ZipLimits,
) -> Result<RawWorkbook, OpenError> {
    let unpacked = unpack_zip(bytes, zip).map_err(OpenError::Zip)?;
    let mut wb = read(&unpacked.stored, format, limits).map_err(OpenError::Read)?;
    wb.left_out = unpacked.left_out;
    Ok(wb)
}

fn visible(v: SheetVisible) -> bool {
    matches!(v, SheetVisible::Visible)
}

fn from_data(d: &Data) -> Option<RawCell> {
    Some(match d {
        Data::Empty => return None,
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => RawCell::Number(*f),
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => RawCell::Serial(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawCell::IsoDate(s.clone()),
        Data::Error(e) => RawCell::Error(e.to_string()),
    })
}

fn from_ref(d: &DataRef<'_>) -> Option<RawCell> {
    Some(match d {
        DataRef::Empty => return None,
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) => RawCell::Text((*s).to_string()),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(dt) => RawCell::Serial(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => RawCell::IsoDate(s.clone()),
        DataRef::Error(e) => RawCell::Error(e.to_string()),
    })
}

fn keep(sheet: &mut RawSheet, row: u32, col: u32, cell: RawCell, limits: &Limits) {
    let inside =
        row < limits.rows && col < u32::from(limits.cols) && sheet.cells.len() < limits.cells;
    match u16::try_from(col) {
        Ok(c) if inside => sheet.cells.push((row, c, cell)),
        _ => {
            sheet.outside += 1;
            if sheet.outside_first.len() < 5 {
                sheet
                    .outside_first
                    .push((row, u16::try_from(col).unwrap_or(u16::MAX)));
            }
        }
    }
}

/// Reads `bytes` as `format`.
///
/// # Errors
/// [`ReadError`] with the reader's message when the container cannot be opened; a sheet that
/// fails part way is reported in its [`RawSheet::error`] instead.
pub fn read(bytes: &[u8], format: Format, limits: &Limits) -> Result<RawWorkbook, ReadError> {
    match format {
        Format::Xlsx => read_xlsx(bytes, limits),
        Format::Ods => read_ods(bytes, limits),
    }
}

/// Whether an xlsx number format code shows a percentage: a `%` outside quotes and escapes.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for ch in code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' | '_' | '*' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            ';' if !quoted => return false,
            _ => {}
        }
    }
    false
}

/// Shared-string errors tolerated per sheet before the sheet counts as unreadable.
const MAX_CELL_ERRORS: usize = 10_000;

fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<RawWorkbook, ReadError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError(e.to_string()))?;
    let properties = wb.workbook_properties().ok();
    let mut raw = skeleton(properties, wb.sheets_metadata(), wb.defined_names());
    let mut unknown_errors = false;
    // Sheets with cells that have content but no value, or a missing shared string: named from
    // the XML below.
    let mut look_closer: Vec<super::xml_scan::LookCloser> = Vec::new();
    for sheet in &mut raw.sheets {
        if sheet.worksheet {
            match wb.worksheet_cells_reader(&sheet.name) {
                Ok(mut reader) => {
                    // Which styles show a percentage, once per sheet (the palette is the
                    // workbook's).
                    let percent: Vec<bool> = reader
                        .styles()
                        .iter()
                        .map(|s| {
                            s.number_format
                                .as_ref()
                                .is_some_and(|f| is_percent_format(&f.format_code))
                        })
                        .collect();
                    let mut empty: Vec<(u32, u16)> = Vec::new();
                    let mut errors = 0usize;
                    loop {
                        match reader.next_cell_with_style_id() {
                            Ok(Some((c, style))) => {
                                let (row, col) = c.get_position();
                                match from_ref(c.get_value()) {
                                    Some(RawCell::Number(n))
                                        if percent.get(style).copied().unwrap_or(false) =>
                                    {
                                        keep(sheet, row, col, RawCell::Percent(n), limits);
                                    }
                                    Some(v) => keep(sheet, row, col, v, limits),
                                    // An element with content but no value: a formula without
                                    // its result, most likely.
                                    None => {
                                        if empty.len() < limits.cells
                                            && row < limits.rows
                                            && let Ok(col) = u16::try_from(col)
                                        {
                                            empty.push((row, col));
                                        }
                                    }
                                }
                            }
                            Ok(None) => break,
                            // An error value calamine does not know (`#SPILL!`, `#CALC!`...): the
                            // reader has consumed that cell and goes on with the next one; the
                            // cell is named from the XML below.
                            Err(calamine::XlsxError::CellError(_)) => unknown_errors = true,
                            // A shared string that is not in the table: the reader stopped inside
                            // that cell and goes on with the next one; the cell is named below.
                            Err(calamine::XlsxError::Unexpected(m))
                                if m.contains("shared strings") && errors < MAX_CELL_ERRORS =>
                            {
                                errors += 1;
                            }
                            Err(e) => {
                                sheet.error = Some(e.to_string());
                                break;
                            }
                        }
                    }
                    if !empty.is_empty() || errors > 0 {
                        look_closer.push(super::xml_scan::LookCloser {
                            sheet: sheet.name.clone(),
                            empty,
                            missing_strings: errors > 0,
                        });
                    }
                }
                Err(e) => sheet.error = Some(e.to_string()),
            }
        }
    }
    let Some(mut pkg) = super::xml_scan::Package::open(bytes) else {
        return Ok(raw);
    };
    // Name the cells holding error values calamine does not know, and those of sheets it could
    // not finish.
    if unknown_errors || raw.sheets.iter().any(|s| s.error.is_some()) {
        for (name, errors) in super::xml_scan::unknown_error_cells(&mut pkg) {
            if let Some(s) = raw.sheets.iter_mut().find(|s| s.name == name) {
                s.unknown_errors = errors;
            }
        }
    }
    if !look_closer.is_empty() {
        for (name, damaged) in super::xml_scan::damaged_cells(&mut pkg, &look_closer) {
            if let Some(s) = raw.sheets.iter_mut().find(|s| s.name == name) {
                s.damaged = damaged;
            }
        }
    }
    for (name, merged) in super::xml_scan::merged_cells(&mut pkg) {
        if let Some(s) = raw.sheets.iter_mut().find(|s| s.name == name) {
            s.merged = merged;
        }
    }
    Ok(raw)
}

fn read_ods(bytes: &[u8], limits: &Limits) -> Result<RawWorkbook, ReadError> {
    let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| ReadError(e.to_string()))?;
    let properties = wb.workbook_properties().ok();
    let mut raw = skeleton(properties, wb.sheets_metadata(), wb.defined_names());
    for sheet in &mut raw.sheets {
        match wb.worksheet_range(&sheet.name) {
            Ok(range) => {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, d) in range.used_cells() {
                    if let Some(v) = from_data(d) {
                        let row = r0 + u32::try_from(r).unwrap_or(u32::MAX - r0);
                        let col = c0 + u32::try_from(c).unwrap_or(u32::MAX - c0);
                        keep(sheet, row, col, v, limits);
                    }
                }
            }
            Err(e) => sheet.error = Some(e.to_string()),
        }
    }
    // What calamine does not say about an ods: percentages and merged ranges.
    for (name, extra) in super::xml_scan::ods_extra(bytes, limits) {
        if let Some(s) = raw.sheets.iter_mut().find(|s| s.name == name) {
            if !extra.percent.is_empty() {
                let mut percent = extra.percent;
                percent.sort_unstable();
                for (r, c, v) in &mut s.cells {
                    if let RawCell::Number(n) = v
                        && percent.binary_search(&(*r, *c)).is_ok()
                    {
                        *v = RawCell::Percent(*n);
                    }
                }
            }
            s.merged = extra.merged;
        }
    }
    Ok(raw)
}

/// What every format gives before its cells: the properties, the defined names, and each
/// sheet's name, visibility and type (without cells yet).
fn skeleton(
    properties: Option<WorkbookProperties>,
    metas: &[calamine::Sheet],
    defined_names: &[(String, String)],
) -> RawWorkbook {
    let (custom_properties, modified) = properties
        .map(|p| (p.custom_properties.into_iter().collect(), p.modified))
        .unwrap_or_default();
    RawWorkbook {
        custom_properties,
        modified,
        sheets: metas
            .iter()
            .map(|m| RawSheet {
                name: m.name.clone(),
                visible: visible(m.visible),
                worksheet: m.typ == SheetType::WorkSheet,
                ..RawSheet::default()
            })
            .collect(),
        defined_names: defined_names.to_vec(),
        left_out: Vec::new(),
    }
}

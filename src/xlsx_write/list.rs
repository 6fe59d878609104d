//! List sheets (the distribution list, the returns register, the report's area, förvaltning,
//! text, data and definition sheets): a title, a header row with an autofilter (or an Excel
//! table), one row per entry, print-ready.

use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, Sparkline, SparklineType, Table, TableColumn, Workbook,
    Worksheet,
};

use crate::domain::Date;
use crate::xlsx_write::{WriteError, style};

/// A value in a list.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64, u8),
    Date(Date),
    /// A cell coloured as a status light: text on a fill colour (0xRRGGBB).
    Status(String, u32),
    /// A link to a cell of another sheet of the workbook.
    Link {
        text: String,
        sheet: String,
        cell: String,
    },
    /// A sparkline over the numbers that follow in hidden columns of the row
    /// ([`ListSheet::spark_values`]).
    Spark,
    Empty,
}

/// One sheet of a list workbook.
#[derive(Debug, Clone, Default)]
pub struct ListSheet {
    pub name: String,
    pub title: String,
    pub subtitle: String,
    /// Column headers with widths.
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<Cell>>,
    /// Write the rows as an Excel table (for pivot tables) instead of a filtered range.
    pub table: bool,
    /// Lines below the list (footnotes, rules).
    pub notes: Vec<String>,
    /// A link back to this sheet at the top right (e.g. the report's Översikt).
    pub back_to: Option<String>,
    /// Values of each row's sparkline (same length for every row), written to hidden columns
    /// after the visible ones.
    pub spark_values: Vec<Vec<Option<f64>>>,
    /// The tab colour (0xRRGGBB).
    pub tab: Option<u32>,
    /// Leave the rows out of the workbook's default print: the print area is the sheet's head
    /// (title, subtitle, a line saying so, the column headers). For sheets too long to print,
    /// such as every value of a report (issue 12: 62 of the demo report's 112 pages).
    pub print_head_only: bool,
}

/// The line a sheet printed by its head only ([`ListSheet::print_head_only`]) shows under its
/// subtitle.
pub fn head_only_note(rows: usize) -> String {
    crate::tx!(
        "report-head-only",
        "rows" => crate::domain::format_number(rows as f64, Some(0))
    )
}

/// The label of a link back to a sheet: the Översikt in the surface's language, any other
/// sheet by its name.
fn back_label(sheet: &str) -> String {
    if sheet == crate::xlsx_write::sheets::OVERVIEW {
        crate::tx!("report-sheet-overview")
    } else {
        sheet.to_string()
    }
}

/// The header row of a list sheet (0-based); rows start below it.
pub const HEADER_ROW: u32 = 3;

/// Writes the sheets as one workbook, created on `created` (fixed, for identical output).
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter.
pub fn write_list_workbook(sheets: &[ListSheet], created: Date) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    set_properties(&mut wb, created, "")?;
    for s in sheets {
        write_list_sheet(wb.add_worksheet(), s)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Document properties with a fixed creation date.
pub fn set_properties(wb: &mut Workbook, created: Date, title: &str) -> Result<(), WriteError> {
    let dt =
        rust_xlsxwriter::ExcelDateTime::from_ymd(created.year(), created.month(), created.day())?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("styr")
            .set_title(title)
            .set_creation_datetime(&dt),
    );
    Ok(())
}

/// The widths of a sheet's columns: as asked, widened where a word of the column's header
/// would otherwise be broken inside, and, up to [`WIDEN`] times, where a word of its text is.
fn widths(s: &ListSheet) -> Vec<f64> {
    let mut widths: Vec<f64> = s
        .columns
        .iter()
        .map(|(h, w)| w.max(style::unbroken_width_bold(h)))
        .collect();
    let caps: Vec<f64> = s.columns.iter().map(|(_, w)| w * WIDEN).collect();
    for row in &s.rows {
        for (c, cell) in row.iter().enumerate() {
            if let (Cell::Text(t) | Cell::Status(t, _), Some(w), Some(cap)) =
                (cell, widths.get_mut(c), caps.get(c))
                && *w < *cap
                // No piece of a text shorter than half the width in characters can be too wide.
                && t.len() as f64 * 2.0 > *w
            {
                *w = w.max(style::unbroken_width(t).min(*cap));
            }
        }
    }
    widths
}

/// How much wider than asked a column may grow so that its words stay whole.
const WIDEN: f64 = 1.6;

fn width_of(widths: &[f64], c: usize) -> f64 {
    widths.get(c).copied().unwrap_or(10.0)
}

/// Writes the list sheets into new worksheets, in order, spread over the machine's cores
/// (each sheet is independent until the workbook is saved, so the result is the same as
/// writing them one after the other; large reports spend most of their time here).
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter (of the first sheet, in order, that fails).
pub fn write_list_sheets(sheets: &[ListSheet]) -> Result<Vec<Worksheet>, WriteError> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(sheets.len());
    if workers <= 1 {
        return sheets
            .iter()
            .map(|s| {
                let mut ws = Worksheet::new();
                write_list_sheet(&mut ws, s).map(|()| ws)
            })
            .collect();
    }
    // Largest sheets first, each to the least loaded worker.
    let mut order: Vec<usize> = (0..sheets.len()).collect();
    let cells = |i: usize| sheets[i].rows.len() * sheets[i].columns.len().max(1);
    order.sort_by_key(|&i| std::cmp::Reverse(cells(i)));
    let mut shares: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); workers];
    for i in order {
        if let Some(least) = shares.iter_mut().min_by_key(|(load, _)| *load) {
            least.0 += cells(i);
            least.1.push(i);
        }
    }
    let mut done: Vec<(usize, Result<Worksheet, WriteError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .iter()
            .map(|(_, share)| {
                scope.spawn(move || {
                    share
                        .iter()
                        .map(|&i| {
                            let mut ws = Worksheet::new();
                            (i, write_list_sheet(&mut ws, &sheets[i]).map(|()| ws))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, ws)| ws).collect()
}

/// Writes one list sheet.
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter.
pub fn write_list_sheet(ws: &mut Worksheet, s: &ListSheet) -> Result<(), WriteError> {
    ws.set_name(&s.name)?;
    if let Some(t) = s.tab {
        ws.set_tab_color(rust_xlsxwriter::Color::RGB(t));
    }
    ws.write_string_with_format(0, 0, &s.title, &style::title())?;
    ws.write_string_with_format(1, 0, &s.subtitle, &style::info())?;
    let ncols = u16::try_from(s.columns.len()).unwrap_or(0);
    if let Some(back) = &s.back_to {
        let url = crate::xlsx_write::internal_link(back, crate::domain::CellRef::new(0, 0))
            .set_text(format!("← {}", back_label(back)));
        // Right-aligned: a link wider than the last column runs into the empty cells to its
        // left, not off the printed page.
        ws.write_url_with_format(
            0,
            ncols.saturating_sub(1).max(1),
            &url,
            &style::link().set_align(FormatAlign::Right),
        )?;
    }
    let widths = widths(s);
    let mut header_lines: f64 = 1.0;
    for (c, ((h, _), w)) in s.columns.iter().zip(&widths).enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        ws.set_column_width(c, *w)?;
        header_lines = header_lines.max(style::lines_bold(h, *w));
        if !s.table {
            ws.write_string_with_format(HEADER_ROW, c, h, &style::header())?;
        }
    }
    ws.set_row_height(HEADER_ROW, style::height(header_lines) + 2.0)?;
    // rust_xlsxwriter hashes every format it is given, which costs more than writing the cell.
    // So cells are written plain and their formats applied afterwards to runs of cells down a
    // column that share one ([`FormatRuns`]); each format is still given with the first cell
    // that uses it, so formats are numbered in the same order as when written cell by cell.
    let mut formats = FormatRuns::new(ncols);
    let link = style::link().set_align(FormatAlign::Top);
    let spark_first = ncols;
    for (i, row) in s.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + u32::try_from(i).unwrap_or(0);
        let need = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match cell {
                Cell::Text(t) | Cell::Status(t, _) => style::lines(t, width_of(&widths, c)),
                _ => 1.0,
            })
            .fold(1.0, f64::max);
        if need > 1.0 {
            ws.set_row_height(r, style::list_height(need))?;
        }
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(0);
            let kind = match cell {
                Cell::Text(_) => Some(Kind::Text),
                Cell::Number(_, d) => Some(Kind::Number(*d)),
                Cell::Date(_) => Some(Kind::Date),
                Cell::Status(_, color) => Some(Kind::Fill(*color)),
                Cell::Link { .. } | Cell::Spark | Cell::Empty => None,
            };
            let first = match kind {
                Some(k) => formats.add(ws, r, c, k)?,
                None => {
                    formats.end(ws, c)?;
                    None
                }
            };
            match cell {
                // Text from units and the catalogue is written as text, never as a formula.
                Cell::Text(t) | Cell::Status(t, _) => {
                    match first {
                        Some(f) => ws.write_string_with_format(r, c, t, f)?,
                        None => ws.write_string(r, c, t)?,
                    };
                }
                Cell::Number(n, _) => {
                    match first {
                        Some(f) => ws.write_number_with_format(r, c, *n, f)?,
                        None => ws.write_number(r, c, *n)?,
                    };
                }
                Cell::Date(d) => {
                    match first {
                        Some(f) => ws.write_number_with_format(r, c, d.to_excel_serial(), f)?,
                        None => ws.write_number(r, c, d.to_excel_serial())?,
                    };
                }
                Cell::Link { text, sheet, cell } => {
                    let url = crate::xlsx_write::internal_link(sheet, cell).set_text(text);
                    ws.write_url_with_format(r, c, &url, &link)?;
                }
                Cell::Spark => {
                    if let Some(values) = s.spark_values.get(i) {
                        for (k, v) in values.iter().enumerate() {
                            if let Some(v) = v {
                                ws.write_number(
                                    r,
                                    spark_first + u16::try_from(k).unwrap_or(0),
                                    *v,
                                )?;
                            }
                        }
                        let last = spark_first
                            + u16::try_from(values.len().saturating_sub(1)).unwrap_or(0);
                        let sl = Sparkline::new()
                            .set_range((s.name.as_str(), r, spark_first, r, last))
                            .set_type(SparklineType::Line)
                            .show_markers(true)
                            .show_hidden_data(true);
                        ws.add_sparkline(r, c, &sl)?;
                    }
                }
                Cell::Empty => {}
            }
        }
        // Runs end every so many rows, while those rows are still in the processor's cache.
        if i % RUN_ROWS == RUN_ROWS - 1 {
            formats.finish(ws)?;
        }
    }
    formats.finish(ws)?;
    if let Some(n) = s.spark_values.first().map(Vec::len) {
        for k in 0..n {
            ws.set_column_hidden(spark_first + u16::try_from(k).unwrap_or(0))?;
        }
    }
    let last_row = HEADER_ROW + u32::try_from(s.rows.len()).unwrap_or(0);
    let last_col = ncols.saturating_sub(1);
    if s.table && !s.rows.is_empty() {
        let columns: Vec<TableColumn> = s
            .columns
            .iter()
            .map(|(h, _)| TableColumn::new().set_header(h))
            .collect();
        let table = Table::new().set_columns(&columns).set_name(format!(
            "tbl{}",
            s.name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        ));
        ws.add_table(HEADER_ROW, 0, last_row, last_col, &table)?;
    } else {
        ws.autofilter(HEADER_ROW, 0, last_row.max(HEADER_ROW + 1), last_col)?;
    }
    let total: f64 = widths.iter().take(usize::from(last_col.max(1)) + 1).sum();
    for (r, n) in (last_row + 2..).zip(&s.notes) {
        ws.merge_range(r, 0, r, last_col.max(1), n, &style::help())?;
        ws.set_row_height(r, style::height(style::lines(n, total)))?;
    }
    if s.print_head_only && !s.rows.is_empty() {
        ws.write_string_with_format(2, 0, head_only_note(s.rows.len()), &style::info())?;
        ws.set_print_area(0, 0, HEADER_ROW, last_col)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_footer(format!("&L&A&R{}", crate::tx!("report-page")));
    Ok(())
}

/// The longest run of formats down a column (see [`FormatRuns`]).
const RUN_ROWS: usize = 512;

/// The format of a list cell, by what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Wrapped text.
    Text,
    /// A number with so many decimals.
    Number(u8),
    Date,
    /// Text on a status colour (0xRRGGBB).
    Fill(u32),
}

impl Kind {
    fn format(self) -> Format {
        let f = match self {
            Kind::Text => Format::new().set_text_wrap(),
            Kind::Number(d) => Format::new().set_num_format(style::number_format(d)),
            Kind::Date => Format::new().set_num_format(style::DATE_FORMAT),
            // A status may say why (Ej bedömt: ingen retur): it wraps like text.
            Kind::Fill(color) => style::fill(color).set_text_wrap(),
        };
        f.set_align(FormatAlign::Top)
    }
}

/// The formats of a list's cells as runs down each column: a run is a stretch of adjacent
/// rows of one column whose cells share a format, applied with one call when it ends.
struct FormatRuns {
    formats: std::collections::BTreeMap<Kind, Format>,
    /// Per column: the open run's kind and first and last row.
    open: Vec<Option<(Kind, u32, u32)>>,
}

impl FormatRuns {
    fn new(columns: u16) -> Self {
        Self {
            formats: std::collections::BTreeMap::new(),
            open: vec![None; usize::from(columns)],
        }
    }

    /// Adds the cell at `row`, `col` of `kind` to its column's run. Returns the format to write
    /// the cell with when the kind is used for the first time (registering it in order).
    fn add(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        col: u16,
        kind: Kind,
    ) -> Result<Option<&Format>, WriteError> {
        let c = usize::from(col);
        if c >= self.open.len() {
            self.open.resize(c + 1, None);
        }
        match &mut self.open[c] {
            Some((k, _, last)) if *k == kind && *last + 1 == row => *last = row,
            _ => {
                self.end(ws, col)?;
                self.open[c] = Some((kind, row, row));
            }
        }
        let first = !self.formats.contains_key(&kind);
        let f = self.formats.entry(kind).or_insert_with(|| kind.format());
        Ok(first.then_some(&*f))
    }

    /// Ends the open run of column `col`, applying its format.
    fn end(&mut self, ws: &mut Worksheet, col: u16) -> Result<(), WriteError> {
        if let Some((kind, first, last)) =
            self.open.get_mut(usize::from(col)).and_then(Option::take)
            && let Some(f) = self.formats.get(&kind)
        {
            ws.set_range_format(first, col, last, col, f)?;
        }
        Ok(())
    }

    /// Ends every open run.
    fn finish(&mut self, ws: &mut Worksheet) -> Result<(), WriteError> {
        for c in 0..self.open.len() {
            self.end(ws, u16::try_from(c).unwrap_or(0))?;
        }
        Ok(())
    }
}

/// Writes the sheets as one workbook with a document title, and `header` (left) and each
/// sheet's title (centre) printed at the top of every page; created on `created`.
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter.
pub fn write_titled_list_workbook(
    sheets: &[ListSheet],
    created: Date,
    title: &str,
    header: &str,
) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    set_properties(&mut wb, created, title)?;
    for s in sheets {
        let ws = wb.add_worksheet();
        write_list_sheet(ws, s)?;
        fit_rows(ws, s)?;
        print_header(ws, header, &s.title);
    }
    Ok(wb.save_to_buffer()?)
}

/// Row heights for the text of `s` with room for how LibreOffice breaks the lines (neither
/// LibreOffice nor Excel grows a row for text written by styr).
pub fn fit_rows(ws: &mut Worksheet, s: &ListSheet) -> Result<(), WriteError> {
    let widths = widths(s);
    for (i, row) in s.rows.iter().enumerate() {
        let need = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match cell {
                Cell::Text(t) | Cell::Status(t, _) => style::lines(t, width_of(&widths, c)),
                _ => 1.0,
            })
            .fold(1.0, f64::max);
        if need > 1.0 {
            ws.set_row_height(
                HEADER_ROW + 1 + u32::try_from(i).unwrap_or(0),
                style::list_height(need),
            )?;
        }
    }
    Ok(())
}

/// A print header: `left` at the left, `centre` in bold in the middle (`&` escaped).
pub fn print_header(ws: &mut Worksheet, left: &str, centre: &str) {
    let esc = |s: &str| s.replace('&', "&&");
    // Excel allows 255 characters in a header.
    let centre: String = esc(centre).chars().take(120).collect();
    ws.set_header(format!("&L{}&C&\"-,Bold\"{centre}", esc(left)));
}

//! List sheets (the distribution list, the returns register, the report's area, förvaltning,
//! text, data and definition sheets): a title, a header row with an autofilter (or an Excel
//! table), one row per entry, print-ready.

use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, Sparkline, SparklineType, Table, TableColumn, Url,
    Workbook, Worksheet,
};

use crate::domain::{Date, SheetCell};
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
pub(crate) fn set_properties(
    wb: &mut Workbook,
    created: Date,
    title: &str,
) -> Result<(), WriteError> {
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

fn width_of(s: &ListSheet, c: usize) -> f64 {
    s.columns.get(c).map_or(10.0, |(_, w)| *w)
}

/// Writes one list sheet.
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter.
pub(crate) fn write_list_sheet(ws: &mut Worksheet, s: &ListSheet) -> Result<(), WriteError> {
    ws.set_name(&s.name)?;
    if let Some(t) = s.tab {
        ws.set_tab_color(rust_xlsxwriter::Color::RGB(t));
    }
    ws.write_string_with_format(0, 0, &s.title, &style::title())?;
    ws.write_string_with_format(1, 0, &s.subtitle, &style::info())?;
    let ncols = u16::try_from(s.columns.len()).unwrap_or(0);
    if let Some(back) = &s.back_to {
        let url = Url::new(format!(
            "internal:{}",
            SheetCell::new(back.clone(), crate::domain::CellRef::new(0, 0))
        ))
        .set_text(format!("← {back}"));
        ws.write_url_with_format(0, ncols.saturating_sub(1).max(1), &url, &style::link())?;
    }
    let mut header_lines: f64 = 1.0;
    for (c, (h, w)) in s.columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        ws.set_column_width(c, *w)?;
        header_lines = header_lines.max(style::lines(h, *w));
        if !s.table {
            ws.write_string_with_format(HEADER_ROW, c, h, &style::header())?;
        }
    }
    ws.set_row_height(HEADER_ROW, style::height(header_lines) + 2.0)?;
    // Formats are built once per sheet: rust_xlsxwriter hashes every format it is given.
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format(style::DATE_FORMAT)
        .set_align(FormatAlign::Top);
    let link = style::link().set_align(FormatAlign::Top);
    let mut numbers: std::collections::BTreeMap<u8, Format> = std::collections::BTreeMap::new();
    let mut fills: std::collections::BTreeMap<u32, Format> = std::collections::BTreeMap::new();
    let spark_first = ncols;
    for (i, row) in s.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + u32::try_from(i).unwrap_or(0);
        let need = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match cell {
                Cell::Text(t) => style::lines(t, width_of(s, c)),
                _ => 1.0,
            })
            .fold(1.0, f64::max);
        if need > 1.0 {
            ws.set_row_height(r, style::height(need))?;
        }
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(0);
            match cell {
                // Text from units and the catalogue is written as text, never as a formula.
                Cell::Text(t) => {
                    ws.write_string_with_format(r, c, t, &text)?;
                }
                Cell::Number(n, d) => {
                    let f = numbers.entry(*d).or_insert_with(|| {
                        Format::new()
                            .set_num_format(style::number_format(*d))
                            .set_align(FormatAlign::Top)
                    });
                    ws.write_number_with_format(r, c, *n, f)?;
                }
                Cell::Date(d) => {
                    ws.write_number_with_format(r, c, d.to_excel_serial(), &date)?;
                }
                Cell::Status(t, color) => {
                    let f = fills
                        .entry(*color)
                        .or_insert_with(|| style::fill(*color).set_align(FormatAlign::Top));
                    ws.write_string_with_format(r, c, t, f)?;
                }
                Cell::Link { text, sheet, cell } => {
                    let url = Url::new(format!(
                        "internal:{}!{cell}",
                        SheetCell::quoted_sheet(sheet)
                    ))
                    .set_text(text);
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
    }
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
    let total: f64 = s.columns.iter().map(|(_, w)| *w).sum();
    for (r, n) in (last_row + 2..).zip(&s.notes) {
        ws.merge_range(r, 0, r, last_col.max(1), n, &style::help())?;
        ws.set_row_height(r, style::height(style::lines(n, total)))?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_footer("&L&A&RSida &P av &N");
    Ok(())
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

/// Share of a column's width that wrapped text fills in practice (LibreOffice and Excel break
/// lines at words, and most letters are wider than the estimate of [`style::lines`] allows).
const TEXT_FILL: f64 = 0.8;

/// Row heights for the text of `s` with room for how LibreOffice breaks the lines (neither
/// LibreOffice nor Excel grows a row for text written by styr).
pub(crate) fn fit_rows(ws: &mut Worksheet, s: &ListSheet) -> Result<(), WriteError> {
    for (i, row) in s.rows.iter().enumerate() {
        let need = row
            .iter()
            .enumerate()
            .map(|(c, cell)| match cell {
                Cell::Text(t) | Cell::Status(t, _) => style::lines(t, width_of(s, c) * TEXT_FILL),
                _ => 1.0,
            })
            .fold(1.0, f64::max);
        if need > 1.0 {
            ws.set_row_height(
                HEADER_ROW + 1 + u32::try_from(i).unwrap_or(0),
                style::height(need),
            )?;
        }
    }
    Ok(())
}

/// A print header: `left` at the left, `centre` in bold in the middle (`&` escaped).
pub(crate) fn print_header(ws: &mut Worksheet, left: &str, centre: &str) {
    let esc = |s: &str| s.replace('&', "&&");
    // Excel allows 255 characters in a header.
    let centre: String = esc(centre).chars().take(120).collect();
    ws.set_header(format!("&L{}&C&\"-,Bold\"{centre}", esc(left)));
}

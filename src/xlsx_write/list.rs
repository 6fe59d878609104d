//! Plain list workbooks (the distribution list, the returns register): a title, a header row
//! with an autofilter, one row per entry, print-ready.

use rust_xlsxwriter::{DocProperties, Format, Workbook};

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
    Empty,
}

/// One sheet of a list workbook.
#[derive(Debug, Clone)]
pub struct ListSheet {
    pub name: String,
    pub title: String,
    pub subtitle: String,
    /// Column headers with widths.
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<Cell>>,
}

/// Writes the sheets as one workbook, created on `created` (fixed, for identical output).
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter.
pub fn write_list_workbook(sheets: &[ListSheet], created: Date) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    let dt =
        rust_xlsxwriter::ExcelDateTime::from_ymd(created.year(), created.month(), created.day())?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("styr")
            .set_creation_datetime(&dt),
    );
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        ws.write_string_with_format(0, 0, &s.title, &style::title())?;
        ws.write_string_with_format(1, 0, &s.subtitle, &style::info())?;
        let header_row = 3;
        for (c, (h, w)) in s.columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(0);
            ws.set_column_width(c, *w)?;
            ws.write_string_with_format(header_row, c, h, &style::header())?;
        }
        let text = Format::new()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top);
        for (i, row) in s.rows.iter().enumerate() {
            let r = header_row + 1 + u32::try_from(i).unwrap_or(0);
            let need = row
                .iter()
                .zip(&s.columns)
                .map(|(c, (_, w))| match c {
                    Cell::Text(t) => style::lines(t, *w),
                    _ => 1.0,
                })
                .fold(1.0, f64::max);
            if need > 1.0 {
                ws.set_row_height(r, style::height(need))?;
            }
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(0);
                match cell {
                    Cell::Text(t) => {
                        ws.write_string_with_format(r, c, t, &text)?;
                    }
                    Cell::Number(n, d) => {
                        ws.write_number_with_format(
                            r,
                            c,
                            *n,
                            &Format::new().set_num_format(style::number_format(*d)),
                        )?;
                    }
                    Cell::Date(d) => {
                        ws.write_number_with_format(
                            r,
                            c,
                            d.to_excel_serial(),
                            &Format::new().set_num_format(style::DATE_FORMAT),
                        )?;
                    }
                    Cell::Status(t, color) => {
                        ws.write_string_with_format(r, c, t, &style::fill(*color))?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        let last_row = header_row + u32::try_from(s.rows.len()).unwrap_or(0);
        let last_col = u16::try_from(s.columns.len().saturating_sub(1)).unwrap_or(0);
        ws.autofilter(header_row, 0, last_row, last_col)?;
        ws.set_freeze_panes(header_row + 1, 0)?;
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(header_row, header_row)?;
        ws.set_footer("&L&A&RSida &P av &N");
    }
    Ok(wb.save_to_buffer()?)
}

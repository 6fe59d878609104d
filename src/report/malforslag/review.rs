//! The target-review workbook for budgetutskottet: the proposals sheet with goal headings, flag
//! colours and the committee's unlocked yellow decision columns; the förvaltningar's comments;
//! the hidden `_styr` identity sheet (its keys also as custom document properties) so that
//! `styr targets accept` can read the decided file back.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

use crate::domain::{Date, format_number};
use crate::report::malforslag::{
    DECIDED_HEADER, DECIDED_MAX_HEADER, KEY_HEADER, Review, ReviewLine, ReviewRow, SHEET,
    target_text,
};
use crate::tx;
use crate::xlsx_write::{
    META_SHEET, PROPERTY_PREFIX, WriteError, fit_rows, print_header, style, write_list_sheet,
};

/// The header row of the review sheet (0-based); proposals follow below it. The reader finds
/// it by its headers, not by this number.
const HEADER_ROW: u32 = 4;

/// Columns of the review sheet: header and width. The decision columns, the source and the
/// hidden key are found by their headers when the file is read back.
fn columns(r: &Review) -> Vec<(String, f64)> {
    let plan = r.period.year();
    let mut c = vec![
        (tx!("report-col-indicator"), 32.0),
        (tx!("report-col-level"), 11.0),
        (tx!("report-col-measure"), 6.0),
    ];
    c.extend(
        r.years
            .iter()
            .map(|y| (tx!("review-col-outcome", "year" => y.to_string()), 9.0)),
    );
    c.extend([
        (tx!("review-col-trend", "year" => plan.to_string()), 9.0),
        (
            tx!("review-col-current", "year" => (plan - 1).to_string()),
            10.0,
        ),
        (tx!("review-col-proposed", "year" => plan.to_string()), 10.0),
        (tx!("review-col-keep"), 7.0),
        (tx!("review-col-flags"), 17.0),
        (tx!("review-col-motivation"), 48.0),
        (DECIDED_HEADER.into(), 11.0),
        (DECIDED_MAX_HEADER.into(), 11.0),
        (tx!("report-col-id"), 24.0),
        (tx!("report-col-source"), 60.0),
        (KEY_HEADER.into(), 10.0),
    ]);
    c
}

/// Columns by what they hold.
mod col {
    pub const NAME: u16 = 0;
    pub const LEVEL: u16 = 1;
    pub const MEASURE: u16 = 2;
    pub const OUTCOMES: u16 = 3;
    pub const TREND: u16 = 6;
    pub const CURRENT: u16 = 7;
    pub const PROPOSED: u16 = 8;
    pub const KEEP: u16 = 9;
    pub const FLAGS: u16 = 10;
    pub const MOTIVATION: u16 = 11;
    pub const DECIDED: u16 = 12;
    pub const DECIDED_MAX: u16 = 13;
    pub const ID: u16 = 14;
    pub const SOURCE: u16 = 15;
    pub const KEY: u16 = 16;
}

/// Share of a column's width that wrapped text fills in practice.
const TEXT_FILL: f64 = 0.8;

fn bordered(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(rust_xlsxwriter::Color::RGB(style::BORDER))
        .set_align(FormatAlign::Top)
}

fn number(d: u8) -> Format {
    bordered(Format::new().set_num_format(style::number_format(d)))
}

fn text() -> Format {
    bordered(Format::new().set_text_wrap())
}

fn decision_validation(l: &ReviewLine) -> Result<DataValidation, WriteError> {
    let (lo, hi) = l.bounds;
    let msg = match (lo, hi) {
        (Some(a), Some(b)) => tx!(
            "form-valid-between",
            "min" => format_number(a, None),
            "max" => format_number(b, None),
            "suffix" => format!(" ({})", l.measure)
        ),
        _ => tx!("form-valid-number", "suffix" => format!(" ({})", l.measure)),
    };
    Ok(DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(
            lo.unwrap_or(-1e15),
            hi.unwrap_or(1e15),
        ))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(tx!("review-invalid-title"))?
        .set_error_message(msg)?)
}

fn write_line(ws: &mut Worksheet, r: u32, l: &ReviewLine) -> Result<(), WriteError> {
    let d = l.decimals;
    let opt = |ws: &mut Worksheet, c: u16, v: Option<f64>| -> Result<(), WriteError> {
        match v {
            Some(v) => ws.write_number_with_format(r, c, v, &number(d))?,
            None => ws.write_blank(r, c, &number(d))?,
        };
        Ok(())
    };
    let target = |ws: &mut Worksheet,
                  c: u16,
                  t: Option<crate::workspace::catalogue::TargetValue>|
     -> Result<(), WriteError> {
        match t {
            Some(crate::workspace::catalogue::TargetValue::Point(v)) => {
                ws.write_number_with_format(r, c, v, &number(d))?;
            }
            Some(t) => {
                ws.write_string_with_format(
                    r,
                    c,
                    target_text(t, d),
                    &text().set_align(FormatAlign::Right),
                )?;
            }
            None => {
                ws.write_blank(r, c, &number(d))?;
            }
        }
        Ok(())
    };
    // Text from the catalogue and the förvaltningar is written as text, never as a formula.
    ws.write_string_with_format(r, col::NAME, &l.name, &text())?;
    ws.write_string_with_format(r, col::LEVEL, &l.level, &text())?;
    ws.write_string_with_format(r, col::MEASURE, &l.measure, &text())?;
    for (k, v) in (0..).zip(l.outcomes) {
        opt(ws, col::OUTCOMES + k, v)?;
    }
    opt(ws, col::TREND, l.trend)?;
    target(ws, col::CURRENT, l.current)?;
    target(ws, col::PROPOSED, l.proposed)?;
    ws.write_string_with_format(r, col::KEEP, &l.keep, &text())?;
    let flags: Vec<String> = l.flags.iter().map(|f| f.shown()).collect();
    let flag_format = match l.flags.first() {
        Some(f) => text().set_background_color(rust_xlsxwriter::Color::RGB(f.fill())),
        None => text(),
    };
    ws.write_string_with_format(r, col::FLAGS, flags.join(", "), &flag_format)?;
    ws.write_string_with_format(r, col::MOTIVATION, &l.motivation, &text())?;
    let input = bordered(style::input_number(d));
    ws.write_blank(r, col::DECIDED, &input)?;
    ws.add_data_validation(r, col::DECIDED, r, col::DECIDED, &decision_validation(l)?)?;
    if l.interval {
        ws.write_blank(r, col::DECIDED_MAX, &input)?;
        ws.add_data_validation(
            r,
            col::DECIDED_MAX,
            r,
            col::DECIDED_MAX,
            &decision_validation(l)?,
        )?;
    } else {
        ws.write_blank(
            r,
            col::DECIDED_MAX,
            &bordered(
                Format::new()
                    .set_background_color(rust_xlsxwriter::Color::RGB(style::CONTEXT_FILL)),
            ),
        )?;
    }
    ws.write_string(r, col::ID, &l.indicator)?;
    ws.write_string(r, col::SOURCE, &l.source)?;
    ws.write_string(r, col::KEY, &l.key)?;
    let lines = [
        (&l.motivation, 48.0),
        (&l.name, 32.0),
        (&flags.join(", "), 17.0),
    ]
    .iter()
    .map(|(t, w)| style::lines(t, w * TEXT_FILL))
    .fold(1.0, f64::max);
    if lines > 1.0 {
        ws.set_row_height(r, style::height(lines))?;
    }
    Ok(())
}

fn write_sheet(ws: &mut Worksheet, r: &Review) -> Result<(), WriteError> {
    ws.set_name(SHEET)?;
    let cols = columns(r);
    let printed = col::DECIDED_MAX; // up to the decisions: the id, the source and the key are not printed
    for (c, (h, w)) in cols.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        ws.set_column_width(c, *w)?;
        ws.write_string_with_format(HEADER_ROW, c, h, &style::header())?;
    }
    ws.set_column_hidden(col::KEY)?;
    ws.set_row_height(HEADER_ROW, style::height(3.0))?;
    ws.write_string_with_format(0, 0, &r.title, &style::title())?;
    ws.write_string_with_format(1, 0, &r.subtitle, &style::info())?;
    ws.merge_range(2, 0, 2, printed, &r.instructions, &style::help())?;
    ws.set_row_height(2, style::height(2.0))?;
    let goal = Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_border_color(rust_xlsxwriter::Color::RGB(style::BORDER));
    let mut row = HEADER_ROW;
    for item in &r.rows {
        row += 1;
        match item {
            ReviewRow::Goal(heading) => {
                ws.merge_range(row, 0, row, printed, heading, &goal)?;
            }
            ReviewRow::Line(l) => write_line(ws, row, l)?,
        }
    }
    let total: f64 = cols
        .iter()
        .take(usize::from(printed) + 1)
        .map(|(_, w)| w)
        .sum();
    let mut n = row + 2;
    for note in &r.notes {
        ws.merge_range(n, 0, n, printed, note, &style::help())?;
        ws.set_row_height(n, style::height(style::lines(note, total * TEXT_FILL)))?;
        n += 1;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, col::LEVEL + 1)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_area(0, 0, n, printed)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    print_header(ws, &r.kommun, &r.title);
    ws.set_footer(format!("&L&A&R{}", crate::tx!("report-page")));
    ws.protect_with_password(&r.password);
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    ws.set_active(true);
    Ok(())
}

fn write_identity(ws: &mut Worksheet, r: &Review) -> Result<(), WriteError> {
    ws.set_name(META_SHEET)?;
    ws.write_string(0, 0, "nyckel")?;
    ws.write_string(0, 1, "värde")?;
    for (row, (k, v)) in (1..).zip(&r.identity) {
        ws.write_string(row, 0, k)?;
        ws.write_string(row, 1, v)?;
    }
    ws.set_very_hidden(true);
    ws.protect_with_password(&r.password);
    Ok(())
}

/// Writes the review workbook, created on `created` (fixed, for identical output).
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter.
pub fn write_review(r: &Review, created: Date) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    let dt = ExcelDateTime::from_ymd(created.year(), created.month(), created.day())?;
    let mut props = DocProperties::new()
        .set_author("styr")
        .set_title(&r.title)
        .set_company(&r.kommun)
        .set_creation_datetime(&dt);
    for (k, v) in &r.identity {
        props = props.set_custom_property(format!("{PROPERTY_PREFIX}{k}"), v.as_str());
    }
    wb.set_properties(&props);
    write_sheet(wb.add_worksheet(), r)?;
    let comments = wb.add_worksheet();
    write_list_sheet(comments, &r.comments)?;
    fit_rows(comments, &r.comments)?;
    print_header(comments, &r.kommun, &r.comments.title);
    write_identity(wb.add_worksheet(), r)?;
    Ok(wb.save_to_buffer()?)
}

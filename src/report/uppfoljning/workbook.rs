//! Report workbooks: the Översikt page (one printed page: lights, economy, charts, returns)
//! and the list sheets behind it.

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartSolidFill, ChartType, Color, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet,
};

use crate::analysis::check::Status;
use crate::domain::{CellRef, Date};
use crate::report::uppfoljning::{Overview, Report};
use crate::report::{status_fill, words};
use crate::tx;
use crate::xlsx_write::{WriteError, internal_link, set_properties, style, write_list_sheets};

/// Where the Översikt puts its numbers, so that tests read them back from the same place.
pub mod overview_layout {
    /// The first row of the status table (förvaltningar, then the kommun).
    pub const STATUS_FIRST_ROW: u32 = 6;
    /// The column of the first area's first status count; each area has four (uppfyllt, delvis,
    /// ej uppfyllt, ej bedömt), the total follows the areas.
    pub const STATUS_FIRST_COL: u16 = 1;
    pub const COUNTS_PER_GROUP: u16 = 4;
}

use overview_layout::{COUNTS_PER_GROUP, STATUS_FIRST_COL, STATUS_FIRST_ROW};

const NAME_WIDTH: f64 = 34.0;
/// The last column of the economy table and the chart tables: five pairs of narrow columns from
/// B, the last (status) three wide. The page is at least this wide, whatever the areas.
const PAIRS_LAST_COL: u16 = 11;
const COUNT_WIDTH: f64 = 5.0;

fn count_format(s: Status, n: u32) -> Format {
    let f = Format::new()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(style::BORDER));
    if n > 0 {
        f.set_background_color(Color::RGB(status_fill(s)))
    } else {
        f.set_font_color(Color::RGB(0xA6A6A6))
    }
}

fn head_format(fill: u32) -> Format {
    Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
        .set_background_color(Color::RGB(fill))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(style::BORDER))
}

/// Writes the report workbook: Översikt first, then the list sheets.
///
/// # Errors
/// [`WriteError`] from rust_xlsxwriter.
pub fn write_report(report: &Report, created: Date) -> Result<Vec<u8>, WriteError> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(ZIP_LEVEL);
    set_properties(&mut wb, created, &report.title)?;
    write_overview(wb.add_worksheet(), &report.overview)?;
    for ws in write_list_sheets(&report.sheets)? {
        wb.push_worksheet(ws);
    }
    let bytes = wb.save_to_buffer()?;
    // Freeing a report of a million cells takes a twentieth of a second; the caller has the
    // bytes sooner when another thread does it (or, if no thread can be had, this one).
    let _ = std::thread::Builder::new().spawn(move || drop(wb));
    Ok(bytes)
}

/// The report's deflate level. At rust_xlsxwriter's default, 6, compressing was over half of
/// saving a large report; at 2 (zlib-rs's deflate_fast: no lazy matching) saving takes less
/// than half the time for a file about a fifth larger (7,0 MB instead of 5,9 MB for 1 000
/// units; the XML inside is the same).
const ZIP_LEVEL: u8 = 2;

const STATUSES: [Status; 4] = [
    Status::Uppfyllt,
    Status::Delvis,
    Status::EjUppfyllt,
    Status::EjBedomt,
];
/// The short heads of the status counts.
fn short_heads() -> [String; 4] {
    [
        tx!("report-short-met"),
        tx!("report-short-partly"),
        tx!("report-short-not-met"),
        "–".to_string(),
    ]
}

/// The Översikt's peer strip (the kommun beside its Kolada peers), apart from the status
/// tables: one line per Kolada indicator in the pair columns, the quartile in Kolada's colour.
/// Returns the first free row after it; writes nothing without Kolada indicators.
fn write_peer_strip(ws: &mut Worksheet, o: &Overview, mut r: u32) -> Result<u32, WriteError> {
    use crate::report::uppfoljning::peers::text;
    if let Some(note) = &o.peers_note {
        ws.write_string_with_format(r, 0, text::strip_title(), &style::subtitle())?;
        ws.write_string_with_format(r + 1, 0, note, &style::info())?;
        return Ok(r + 3);
    }
    if o.peers.is_empty() {
        return Ok(r);
    }
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(style::BORDER))
    };
    let hf = head_format(0xD9E1F2);
    let right = border(Format::new().set_align(FormatAlign::Right));
    let plain = border(Format::new());
    // Columns: the name in A, then pairs from B; the year takes the last three.
    let cell = |ws: &mut Worksheet, r: u32, k: u16, t: &str, f: &Format| {
        let c = 1 + 2 * k;
        let end = if k == 4 { c + 2 } else { c + 1 };
        ws.merge_range(r, c, r, end, t, f).map(|_| ())
    };
    ws.write_string_with_format(r, 0, text::strip_title(), &style::subtitle())?;
    r += 1;
    ws.write_string_with_format(r, 0, tx!("report-col-indicator"), &hf)?;
    for (k, h) in (0u16..).zip(text::strip_headers()) {
        cell(ws, r, k, &h, &hf)?;
    }
    let name_format = Format::new().set_text_wrap();
    for p in &o.peers {
        r += 1;
        ws.write_string_with_format(r, 0, &p.name, &name_format)?;
        let lines = style::lines(&p.name, NAME_WIDTH);
        if lines > 1.0 {
            ws.set_row_height(r, style::height(lines))?;
        }
        cell(ws, r, 0, &p.value, &right)?;
        cell(ws, r, 1, &p.median, &right)?;
        cell(ws, r, 2, &p.rank, &right)?;
        cell(
            ws,
            r,
            3,
            &p.quartile.0,
            &border(style::fill(p.quartile.1).set_font_size(8)),
        )?;
        cell(ws, r, 4, &p.year, &plain)?;
    }
    Ok(r + 2)
}

/// The status table per förvaltning and area, and the kommun per perspective; returns the
/// first free row after them.
fn write_status_tables(ws: &mut Worksheet, o: &Overview) -> Result<u32, WriteError> {
    let head = STATUS_FIRST_ROW - 2;
    ws.write_string_with_format(
        head,
        0,
        tx!("report-col-forvaltning"),
        &head_format(0xD9E1F2),
    )?;
    ws.write_string_with_format(head + 1, 0, "", &head_format(0xD9E1F2))?;
    let labels: Vec<String> = o
        .areas
        .iter()
        .map(|a| words::area(*a))
        .chain(std::iter::once(tx!("report-total")))
        .collect();
    let short = short_heads();
    for (g, label) in labels.iter().enumerate() {
        let c0 = STATUS_FIRST_COL + u16::try_from(g).unwrap_or(0) * COUNTS_PER_GROUP;
        ws.merge_range(
            head,
            c0,
            head,
            c0 + COUNTS_PER_GROUP - 1,
            label,
            &head_format(0xD9E1F2),
        )?;
        for (k, s) in STATUSES.iter().enumerate() {
            ws.write_string_with_format(
                head + 1,
                c0 + u16::try_from(k).unwrap_or(0),
                &short[k],
                &head_format(status_fill(*s)),
            )?;
        }
    }
    for (i, row) in o.rows.iter().enumerate() {
        let r = STATUS_FIRST_ROW + u32::try_from(i).unwrap_or(0);
        match &row.sheet {
            Some(sheet) => {
                let url = internal_link(sheet, CellRef::new(0, 0)).set_text(&row.label);
                ws.write_url_with_format(r, 0, &url, &style::link())?;
            }
            None => {
                ws.write_string_with_format(r, 0, &row.label, &Format::new().set_bold())?;
            }
        }
        for (g, counts) in row
            .by_area
            .iter()
            .chain(std::iter::once(&row.total))
            .enumerate()
        {
            let c0 = STATUS_FIRST_COL + u16::try_from(g).unwrap_or(0) * COUNTS_PER_GROUP;
            for (k, s) in STATUSES.iter().enumerate() {
                let n = counts.get(*s);
                ws.write_number_with_format(
                    r,
                    c0 + u16::try_from(k).unwrap_or(0),
                    f64::from(n),
                    &count_format(*s, n),
                )?;
            }
        }
    }
    let mut r = STATUS_FIRST_ROW + u32::try_from(o.rows.len()).unwrap_or(0) + 1;

    // The kommun by perspective.
    ws.write_string_with_format(
        r,
        0,
        tx!("report-kommun-per-perspective"),
        &style::subtitle(),
    )?;
    r += 1;
    for (p, counts) in &o.perspectives {
        ws.write_string(r, 0, words::perspective(*p))?;
        for (k, s) in STATUSES.iter().enumerate() {
            let n = counts.get(*s);
            ws.write_number_with_format(
                r,
                STATUS_FIRST_COL + u16::try_from(k).unwrap_or(0),
                f64::from(n),
                &count_format(*s, n),
            )?;
        }
        r += 1;
    }
    Ok(r + 1)
}

fn write_overview(ws: &mut Worksheet, o: &Overview) -> Result<(), WriteError> {
    ws.set_name(crate::xlsx_write::sheets::OVERVIEW)?;
    ws.set_screen_gridlines(false);
    let groups = u16::try_from(o.areas.len() + 1).unwrap_or(1);
    let last_col = (STATUS_FIRST_COL + groups * COUNTS_PER_GROUP - 1).max(PAIRS_LAST_COL);
    ws.set_column_width(0, NAME_WIDTH)?;
    for c in 1..=last_col {
        ws.set_column_width(c, COUNT_WIDTH)?;
    }
    ws.write_string_with_format(0, 0, &o.title, &style::title().set_font_size(16))?;
    ws.write_string_with_format(1, 0, &o.subtitle, &style::info())?;
    ws.merge_range(2, 0, 2, last_col, &o.legend, &style::help())?;
    let page_width = NAME_WIDTH + f64::from(last_col) * COUNT_WIDTH;
    ws.set_row_height(2, style::height(style::lines(&o.legend, page_width)))?;

    // Status per förvaltning and area.
    let head = STATUS_FIRST_ROW - 2;
    ws.write_string_with_format(
        head - 1,
        0,
        tx!("report-overview-status-title"),
        &style::subtitle(),
    )?;
    let mut r = match &o.status_note {
        Some(note) => {
            ws.write_string_with_format(head, 0, note, &style::info())?;
            head + 2
        }
        None => write_status_tables(ws, o)?,
    };

    // Economy: a table (pairs of merged columns) and its chart.
    ws.write_string_with_format(
        r,
        0,
        tx!("report-overview-economy-title"),
        &style::subtitle(),
    )?;
    r += 1;
    // Values stand in pairs of merged narrow columns; the last (status) takes three.
    let pair = |ws: &mut Worksheet,
                r: u32,
                k: u16,
                text: Option<String>,
                n: Option<f64>,
                f: &Format|
     -> Result<(), WriteError> {
        let c = 1 + 2 * k;
        let end = if k == 4 { c + 2 } else { c + 1 };
        match (text, n) {
            (Some(t), _) => {
                ws.merge_range(r, c, r, end, &t, f)?;
            }
            (None, Some(v)) => {
                ws.merge_range(r, c, r, end, "", f)?;
                ws.write_number_with_format(r, c, v, f)?;
            }
            (None, None) => {
                ws.merge_range(r, c, r, end, "", f)?;
            }
        }
        Ok(())
    };
    let hf = head_format(0xD9E1F2);
    let tkr = Format::new()
        .set_num_format("#,##0")
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(style::BORDER));
    let pct = Format::new()
        .set_num_format("0.0")
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(style::BORDER));
    let econ_first = r + 1;
    if let Some(note) = &o.economy_note {
        ws.write_string_with_format(r, 0, note, &style::info())?;
    } else {
        ws.write_string_with_format(r, 0, tx!("report-col-forvaltning"), &hf)?;
    }
    for (k, h) in [
        tx!("report-chart-budget"),
        tx!("report-chart-forecast"),
        tx!("report-col-deviation"),
        "%".to_string(),
        tx!("report-col-status"),
    ]
    .iter()
    .enumerate()
    .filter(|_| o.economy_note.is_none())
    {
        pair(
            ws,
            r,
            u16::try_from(k).unwrap_or(0),
            Some(h.clone()),
            None,
            &hf,
        )?;
    }
    let name_format = Format::new().set_text_wrap();
    for (name, budget, forecast, dev, dev_pct, status) in &o.economy {
        r += 1;
        ws.write_string_with_format(r, 0, name, &name_format)?;
        let lines = style::lines(name, NAME_WIDTH);
        if lines > 1.0 {
            ws.set_row_height(r, style::height(lines))?;
        }
        pair(ws, r, 0, None, *budget, &tkr)?;
        pair(ws, r, 1, None, *forecast, &tkr)?;
        pair(ws, r, 2, None, *dev, &tkr)?;
        pair(ws, r, 3, None, *dev_pct, &pct)?;
        pair(
            ws,
            r,
            4,
            Some(words::status(*status)),
            None,
            &style::fill(status_fill(*status)).set_border(FormatBorder::Thin),
        )?;
    }
    let econ_last = r.saturating_sub(1); // the kommun row is last; the chart shows förvaltningar
    r += 1;
    // The economy chart stands to the right; when it is left out, the reason stands here.
    if let Some(note) = o.charts.first().and_then(|c| c.note.as_ref()) {
        ws.write_string_with_format(r, 0, note, &style::info())?;
        r += 1;
    }
    r += 1;

    // Indicator charts' data, small tables under the economy.
    let mut chart_tables = Vec::new();
    for chart in o.charts.iter().skip(1) {
        ws.write_string_with_format(r, 0, &chart.title, &style::subtitle())?;
        r += 1;
        if let Some(note) = &chart.note {
            ws.write_string_with_format(r, 0, note, &style::info())?;
            r += 2;
            continue;
        }
        ws.write_string_with_format(r, 0, tx!("report-col-forvaltning"), &hf)?;
        for (k, (name, _)) in chart.series.iter().enumerate() {
            pair(
                ws,
                r,
                u16::try_from(k).unwrap_or(0),
                Some(name.clone()),
                None,
                &hf,
            )?;
        }
        let first = r + 1;
        for (i, cat) in chart.categories.iter().enumerate() {
            r += 1;
            ws.write_string(r, 0, cat)?;
            for (k, (_, values)) in chart.series.iter().enumerate() {
                pair(
                    ws,
                    r,
                    u16::try_from(k).unwrap_or(0),
                    None,
                    values.get(i).copied().flatten(),
                    &pct,
                )?;
            }
        }
        chart_tables.push((chart, first, r));
        r += 2;
    }

    r = write_peer_strip(ws, o, r)?;

    // Returns.
    ws.write_string_with_format(r, 0, tx!("report-sheet-returns"), &style::subtitle())?;
    let text: Vec<String> = o.returns.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    ws.merge_range(
        r,
        1,
        r,
        last_col,
        &if text.is_empty() {
            tx!("report-overview-no-returns")
        } else {
            text.join(" · ")
        },
        &Format::new(),
    )?;
    r += 2;
    ws.write_string_with_format(r, 0, tx!("report-overview-read-more"), &style::subtitle())?;
    let mut c = 1;
    for (label, sheet) in &o.links {
        let url = internal_link(sheet, CellRef::new(0, 0)).set_text(label);
        ws.write_url_with_format(r, c, &url, &style::link())?;
        c += 3;
        if c > last_col.saturating_sub(2) {
            c = 1;
            r += 1;
        }
    }

    // Charts to the right of the tables.
    let sheet = crate::xlsx_write::sheets::OVERVIEW;
    let chart_col = last_col + 2;
    ws.set_column_width(last_col + 1, 2.0)?;
    if let Some(econ) = o.charts.first().filter(|c| c.note.is_none()) {
        let mut ch = Chart::new(ChartType::Bar);
        ch.title().set_name(&econ.title);
        for (k, (name, _)) in econ.series.iter().enumerate() {
            let col = 1 + 2 * u16::try_from(k).unwrap_or(0);
            ch.add_series()
                .set_name(name.as_str())
                .set_categories((sheet, econ_first, 0, econ_last, 0))
                .set_values((sheet, econ_first, col, econ_last, col))
                .set_format(ChartFormat::new().set_solid_fill(
                    ChartSolidFill::new().set_color(Color::RGB(if k == 0 {
                        0x8EA9DB
                    } else {
                        0x1F4E79
                    })),
                ));
        }
        ch.set_width(520).set_height(300);
        ws.insert_chart(3, chart_col, &ch)?;
    }
    for (i, (chart, first, last)) in chart_tables.iter().enumerate() {
        let mut ch = Chart::new(ChartType::Column);
        ch.title().set_name(&chart.title);
        for (k, (name, _)) in chart.series.iter().enumerate() {
            let col = 1 + 2 * u16::try_from(k).unwrap_or(0);
            ch.add_series()
                .set_name(name.as_str())
                .set_categories((sheet, *first, 0, *last, 0))
                .set_values((sheet, *first, col, *last, col))
                .set_format(ChartFormat::new().set_solid_fill(
                    ChartSolidFill::new().set_color(Color::RGB(if k == 0 {
                        0x2E75B6
                    } else {
                        0xBFBFBF
                    })),
                ));
        }
        ch.set_width(520).set_height(260);
        ws.insert_chart(19 + 15 * u32::try_from(i).unwrap_or(0), chart_col, &ch)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 1);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer(format!("&L&A&R{}", tx!("report-page")));
    ws.set_active(true);
    Ok(())
}

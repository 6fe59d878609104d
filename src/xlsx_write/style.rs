//! The house style of styr's workbooks: one clear look for input cells, everything else locked.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

pub const INPUT_FILL: u32 = 0xFFF2CC; // light yellow: fill in
pub const CONTEXT_FILL: u32 = 0xF2F2F2; // light grey: filled in by styr
pub const HEADER_FILL: u32 = 0x1F4E79; // dark blue header
pub const GREEN: u32 = 0xC6EFCE;
pub const YELLOW: u32 = 0xFFEB9C;
pub const RED: u32 = 0xFFC7CE;
/// Grey: not judged, not counted.
pub const NOT_JUDGED: u32 = 0xE7E6E6;
pub const ORANGE: u32 = 0xF8CBAD;
pub const BORDER: u32 = 0xBFBFBF;
/// Correction workbooks: a faulty input has a thick dark red border and blue hatching on
/// white, a style no målvärde colour uses (those are plain green, yellow, red and orange
/// fills), so a unit never takes a missed target for an error or the other way round.
/// LibreOffice shows the hatching as a light blue, which no other cell has either.
pub const ERROR_BORDER: u32 = 0xC00000;
pub const ERROR_HATCH: u32 = 0x2F5597;
pub const ERROR_FILL: u32 = 0xFFFFFF;
/// How instructions name the error style; keep it in step with [`error_input`].
pub const ERROR_STYLE_TEXT: &str = "tjock mörkröd ram och blårandig bakgrund";

/// Number format for `decimals` decimals with a thousands separator.
pub fn number_format(decimals: u8) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(usize::from(decimals)))
    }
}

pub const DATE_FORMAT: &str = "yyyy-mm-dd";

fn bordered(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(BORDER))
        .set_align(FormatAlign::Top)
}

pub fn title() -> Format {
    Format::new().set_bold().set_font_size(14)
}

pub fn subtitle() -> Format {
    Format::new().set_bold().set_font_size(11)
}

pub fn info() -> Format {
    Format::new().set_font_color(Color::RGB(0x404040))
}

pub fn help() -> Format {
    Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_italic()
        .set_font_color(Color::RGB(0x404040))
}

pub fn header() -> Format {
    bordered(Format::new())
        .set_bold()
        .set_text_wrap()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(HEADER_FILL))
}

pub fn label() -> Format {
    bordered(Format::new()).set_bold().set_text_wrap()
}

pub fn context_text() -> Format {
    bordered(Format::new())
        .set_text_wrap()
        .set_background_color(Color::RGB(CONTEXT_FILL))
}

pub fn context_number(decimals: u8) -> Format {
    bordered(Format::new())
        .set_num_format(number_format(decimals))
        .set_background_color(Color::RGB(CONTEXT_FILL))
}

pub fn input_text() -> Format {
    bordered(Format::new())
        .set_unlocked()
        .set_text_wrap()
        .set_background_color(Color::RGB(INPUT_FILL))
}

pub fn input_number(decimals: u8) -> Format {
    input_text().set_num_format(number_format(decimals))
}

pub fn input_date() -> Format {
    input_text().set_num_format(DATE_FORMAT)
}

/// An input cell with an error, in a correction workbook: its input format with a thick
/// dark red border and a blue hatched fill (see [`ERROR_STYLE_TEXT`]).
pub fn error_input(base: Format) -> Format {
    base.set_border(FormatBorder::Thick)
        .set_border_color(Color::RGB(ERROR_BORDER))
        .set_pattern(rust_xlsxwriter::FormatPattern::LightUp)
        .set_foreground_color(Color::RGB(ERROR_HATCH))
        .set_background_color(Color::RGB(ERROR_FILL))
}

pub fn computed(decimals: u8) -> Format {
    context_number(decimals).set_bold()
}

pub fn fill(color: u32) -> Format {
    Format::new().set_background_color(Color::RGB(color))
}

pub fn link() -> Format {
    Format::new()
        .set_font_color(Color::RGB(0x0563C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single)
}

/// Points per line of 11 pt text.
pub const LINE_HEIGHT: f64 = 15.0;

/// How many lines `text` takes in a wrapping cell `width` characters wide (an estimate: Excel
/// and LibreOffice do not grow a row for text styr writes, only for text a person types). The
/// text is broken as both break it, at spaces and after a hyphen or a slash, each piece
/// measured by the widths of Calibri's letters (LibreOffice's Carlito has the same), with a
/// tenth to spare for bold text and LibreOffice's own rounding; a piece wider than a line is
/// broken inside.
pub fn lines(text: &str, width: f64) -> f64 {
    let avail = (line_pixels(width) * SPARE).max(CHAR_PX);
    text.split('\n')
        .map(|para| {
            // Most cells are short: no letter is wider than WIDEST_PX, so these fit on a line.
            if para.len() as f64 * WIDEST_PX <= avail {
                return 1.0;
            }
            let mut n = 1.0;
            let mut x = 0.0;
            for (piece, space) in pieces(para) {
                let w = text_pixels(piece);
                if x > 0.0 && x + w > avail {
                    n += 1.0;
                    x = 0.0;
                }
                if w > avail {
                    n += (w / avail).floor();
                    x = w % avail;
                } else {
                    x += w;
                }
                if space {
                    x += SPACE_PX;
                }
            }
            n
        })
        .sum()
}

/// The width (in characters, as columns are set) a column needs so that no piece of `text`
/// (see [`lines`]) is broken inside: so that a header's words stay whole.
pub fn unbroken_width(text: &str) -> f64 {
    let widest = text
        .split('\n')
        .flat_map(pieces)
        .map(|(p, _)| text_pixels(p))
        .fold(0.0, f64::max);
    (widest / SPARE + CELL_PADDING_PX - 5.0) / CHAR_PX
}

/// [`lines`] for bold text, such as a header's.
pub fn lines_bold(text: &str, width: f64) -> f64 {
    lines(text, width / BOLD)
}

/// [`unbroken_width`] for bold text, such as a header's.
pub fn unbroken_width_bold(text: &str) -> f64 {
    unbroken_width(text) * BOLD
}

/// How much wider bold letters are than regular ones.
const BOLD: f64 = 1.08;

/// The share of a line's pixels that text may fill (bold letters are wider; LibreOffice lays
/// text out on its own grid).
const SPARE: f64 = 0.97;
/// Pixels of a space, of an average character, and of a cell's padding (Calibri 11 at 96 dpi).
const SPACE_PX: f64 = 3.0;
const CHAR_PX: f64 = 7.0;
const CELL_PADDING_PX: f64 = 7.0;
/// Pixels of the widest letter in the table of widths (`W`, `@`).
const WIDEST_PX: f64 = 13.0;

/// The pixels text may take in a column `width` characters wide.
fn line_pixels(width: f64) -> f64 {
    width * CHAR_PX + 5.0 - CELL_PADDING_PX
}

/// The pixels of `text` on one line.
fn text_pixels(text: &str) -> f64 {
    // rust_xlsxwriter's table of Calibri's widths; it gives up past 233 characters.
    if text.chars().count() > 233 {
        return text.chars().count() as f64 * 8.0;
    }
    f64::from(rust_xlsxwriter::utility::cell_autofit_width(text)) - CELL_PADDING_PX
}

/// The pieces a line may break between: each with whether a space follows it. A line breaks at
/// a space and after a hyphen or a slash.
fn pieces(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let end = rest
                .char_indices()
                .find(|(_, c)| matches!(c, ' ' | '-' | '/' | '–'))
                .map_or(rest.len(), |(i, c)| i + c.len_utf8());
            let (piece, after) = rest.split_at(end);
            rest = after;
            let (piece, space) = match piece.strip_suffix(' ') {
                Some(p) => (p, true),
                None => (piece, false),
            };
            if !piece.is_empty() {
                return Some((piece, space));
            }
        }
    })
}

/// The row height that shows `n` lines.
pub fn height(n: f64) -> f64 {
    (LINE_HEIGHT * n).min(409.0)
}

/// The height of a list row of `n` lines: LibreOffice lays several lines of a list cell a
/// little wider apart than [`height`] (measured: three lines of a derived value's provenance
/// need 46,2 pt, not 45).
pub fn list_height(n: f64) -> f64 {
    (LINE_HEIGHT * n + 0.75 * (n - 1.0).max(0.0)).min(409.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines as LibreOffice breaks them (measured with tools/lo_print.py): a text that fills
    /// two lines of a column at the character count of the old estimate takes three.
    #[test]
    fn lines_break_at_words_by_letter_widths() {
        assert_eq!(lines("Uppfyllt", 12.0), 1.0);
        assert_eq!(lines("a\nb", 12.0), 2.0);
        // 67 characters in a column of 28: LibreOffice needs three lines.
        let t = "Personalomsättning, tillsvidareanställda som slutat på egen begäran";
        assert_eq!(lines(t, 28.0), 3.0);
        // A word wider than the column is broken inside, over as many lines as it needs.
        assert!(lines(&"m".repeat(60), 10.0) >= 6.0);
        // A path breaks after its slashes and hyphens, not at a fixed count of characters.
        assert_eq!(
            lines(
                "inkommet/2026-T1/uppfoljning-2026-T1-buf-gr-bjorkvall.xlsx",
                40.0
            ),
            2.0
        );
        // A header's word fits the width it asks for.
        let w = unbroken_width_bold("Förvaltningens status");
        assert!(w > 12.0 && w < 20.0, "{w}");
        assert_eq!(lines_bold("Förvaltningens", w), 1.0);
        assert_eq!(lines_bold("Förvaltningens", w * 0.9), 2.0);
    }

    /// The error style shares no colour with a målvärde light or an ordinary cell, so a unit
    /// never takes one for the other.
    #[test]
    fn the_error_style_is_no_target_colour() {
        let others = [INPUT_FILL, CONTEXT_FILL, GREEN, YELLOW, RED, ORANGE];
        for c in [ERROR_FILL, ERROR_HATCH] {
            assert!(!others.contains(&c), "{c:06X}");
        }
        // LibreOffice shows a hatched fill as the blend of its colours: a quarter hatch.
        let blend = |shift: u32| {
            let (h, f) = ((ERROR_HATCH >> shift) & 0xFF, (ERROR_FILL >> shift) & 0xFF);
            (h + 3 * f) / 4
        };
        let shown = (blend(16) << 16) | (blend(8) << 8) | blend(0);
        // Its hue is far from every target colour's (blue, against green, yellow, red, orange).
        let hue = |c: u32| {
            let [r, g, b] = [16, 8, 0].map(|s| f64::from((c >> s) & 0xFF) / 255.0);
            let (max, min) = (r.max(g).max(b), r.min(g).min(b));
            let d = max - min;
            let h = if d == 0.0 {
                0.0
            } else if max == r {
                ((g - b) / d).rem_euclid(6.0)
            } else if max == g {
                (b - r) / d + 2.0
            } else {
                (r - g) / d + 4.0
            };
            (h * 60.0, d)
        };
        let (h, chroma) = hue(shown);
        assert!(chroma > 0.05, "{shown:06X} is grey");
        for c in [GREEN, YELLOW, RED, ORANGE] {
            let (t, _) = hue(c);
            let apart = (h - t).abs().min(360.0 - (h - t).abs());
            assert!(
                apart > 45.0,
                "{shown:06X} (hue {h}) is near {c:06X} (hue {t})"
            );
        }
        assert!(ERROR_STYLE_TEXT.contains("ram") && !ERROR_STYLE_TEXT.contains("röda celler"));
    }
}

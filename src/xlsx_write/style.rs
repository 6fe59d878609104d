//! The house style of styr's workbooks: one clear look for input cells, everything else locked.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

pub const INPUT_FILL: u32 = 0xFFF2CC; // light yellow: fill in
pub const CONTEXT_FILL: u32 = 0xF2F2F2; // light grey: filled in by styr
pub const HEADER_FILL: u32 = 0x1F4E79; // dark blue header
pub const GREEN: u32 = 0xC6EFCE;
pub const YELLOW: u32 = 0xFFEB9C;
pub const RED: u32 = 0xFFC7CE;
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
/// and LibreOffice do not grow a row for text styr writes, only for text a person types).
pub fn lines(text: &str, width: f64) -> f64 {
    let per_line = (width * 1.3).max(1.0);
    text.split('\n')
        .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
        .sum()
}

/// The row height that shows `n` lines.
pub fn height(n: f64) -> f64 {
    (LINE_HEIGHT * n).min(409.0)
}

#[cfg(test)]
mod tests {
    use super::*;

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

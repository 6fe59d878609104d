//! Values of input cells, as styr sees them after import: calamine's cell types are converted
//! into this once, at the border.

use std::fmt;

use crate::domain::Date;

/// A value in an input cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    Date(Date),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => f.write_str(&format_number(*n, None)),
            Value::Text(t) => f.write_str(t),
            Value::Date(d) => write!(f, "{d}"),
        }
    }
}

/// A number as Swedish text: decimal comma, a space between thousands, `decimals` decimals
/// (or as many as needed, up to 6, when `None`). `-0` is shown as `0`.
pub fn format_number(n: f64, decimals: Option<u8>) -> String {
    if !n.is_finite() {
        return n.to_string();
    }
    let abs = n.abs();
    if abs >= 1e15 || (decimals.is_none() && abs > 0.0 && abs < 1e-6) {
        return scientific(n);
    }
    let s = match decimals {
        Some(d) => format!("{:.*}", usize::from(d), n),
        None => {
            let s = format!("{n:.6}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            s.to_string()
        }
    };
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit() && c != '0') => (true, rest),
        Some(rest) => (false, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if neg {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A number too large or too small to write out, as a spreadsheet shows it: `1,5E+20`,
/// `−1E+300`, `2,5E-07` (six significant digits at most).
fn scientific(n: f64) -> String {
    let s = format!("{:.5E}", n.abs());
    let (mantissa, exp) = s.split_once('E').unwrap_or((s.as_str(), "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    let exp: i32 = exp.parse().unwrap_or(0);
    format!(
        "{}{}E{}{:02}",
        if n < 0.0 { "−" } else { "" },
        mantissa.replace('.', ","),
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_and_tiny_numbers_are_shown_as_a_spreadsheet_shows_them() {
        assert_eq!(format_number(-1e300, None), "−1E+300");
        assert_eq!(format_number(1.5e20, Some(2)), "1,5E+20");
        assert_eq!(format_number(2.5e-7, None), "2,5E-07");
        assert_eq!(format_number(123_456.0, None), "123\u{a0}456");
        assert_eq!(format_number(0.0, None), "0");
    }

    #[test]
    fn swedish_numbers() {
        assert_eq!(format_number(6.5, Some(1)), "6,5");
        assert_eq!(format_number(1234567.0, Some(0)), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(-2.25, None), "−2,25");
        assert_eq!(format_number(-0.0001, Some(1)), "0,0");
        assert_eq!(format_number(95.0, None), "95");
    }
}

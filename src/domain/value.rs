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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers() {
        assert_eq!(format_number(6.5, Some(1)), "6,5");
        assert_eq!(format_number(1234567.0, Some(0)), "1\u{a0}234\u{a0}567");
        assert_eq!(format_number(-2.25, None), "−2,25");
        assert_eq!(format_number(-0.0001, Some(1)), "0,0");
        assert_eq!(format_number(95.0, None), "95");
    }
}

//! Numbers and units as the rules' Swedish texts show them.

use crate::domain::Measure;

/// The unit suffix shown after a number of this measure ("" for counts, indices and ratios).
pub fn suffix(m: Measure) -> &'static str {
    match m {
        Measure::Percent => " %",
        Measure::Kr => " kr",
        Measure::Tkr => " tkr",
        Measure::Mnkr => " mnkr",
        Measure::Days => " dagar",
        Measure::Hours => " timmar",
        Measure::Count | Measure::Index | Measure::Ratio => "",
    }
}

/// A number as Swedish text: decimal comma, a space between thousands, at most `decimals`
/// decimals and no trailing zeros ("90", "6,5", "1250", "110 000", "-12 500,5"); numbers of four
/// digits are not grouped.
pub fn sv_number(v: f64, decimals: u8) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let s = format!("{:.*}", usize::from(decimals), v);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (s.as_str(), ""),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    let zero = grouped.chars().all(|c| c == '0') && frac.is_empty();
    let sign = if zero { "" } else { sign };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers() {
        assert_eq!(sv_number(90.0, 3), "90");
        assert_eq!(sv_number(6.5, 3), "6,5");
        assert_eq!(sv_number(90.25, 3), "90,25");
        assert_eq!(sv_number(110_000.0, 0), "110 000");
        assert_eq!(sv_number(-1250.5, 1), "-1250,5");
        assert_eq!(sv_number(-12500.5, 1), "-12 500,5");
        assert_eq!(sv_number(1250.0, 0), "1250");
        assert_eq!(sv_number(-0.0001, 1), "0");
        assert_eq!(sv_number(f64::NAN, 1), "—");
    }
}

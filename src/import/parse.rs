//! The numbers and months of a system export, as the system writes them.
//!
//! Numbers: a decimal separator and an optional thousands separator as declared, a minus sign
//! before (`-12,5`, also U+2212) or after (`12,5-`), or parentheses (`(12,5)`), a plus sign,
//! spaces around. Months: `202603`, `2026-03`, `2026/03`, `mars 2026`, `2026 mars`, `mar 2026`
//! (Swedish month names and their three-letter forms, any case), or a date `2026-03-31`.

/// How a source writes its numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberFormat {
    pub decimal: char,
    pub thousands: Option<char>,
}

/// A number as written, or `None` when it is not one. An empty text is not a number either;
/// the caller decides what an empty cell means.
pub fn number(text: &str, f: NumberFormat) -> Option<f64> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return None;
    }
    let (neg, body) = if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        (true, inner.trim())
    } else if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        (true, rest.trim_start())
    } else if let Some(rest) = t.strip_suffix('-') {
        (true, rest.trim_end())
    } else if let Some(rest) = t.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, t)
    };
    let mut s = String::with_capacity(body.len());
    let mut seen_decimal = false;
    let mut digits = 0usize;
    for c in body.chars() {
        if c.is_ascii_digit() {
            s.push(c);
            digits += 1;
        } else if c == f.decimal && !seen_decimal {
            s.push('.');
            seen_decimal = true;
        } else if !seen_decimal
            && digits > 0
            && f.thousands.is_some_and(|th| {
                c == th || (th.is_whitespace() && matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            })
        {
        } else {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    let n: f64 = s.parse().ok()?;
    Some(if neg { -n } else { n })
}

/// The Swedish month names, full (the one list, in the domain).
pub use crate::domain::MONTHS;

fn month_name(s: &str) -> Option<u8> {
    let l = s.trim().trim_end_matches('.').to_lowercase();
    if l.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == l || (l.chars().count() <= 4 && m.starts_with(&l)))
        .or_else(|| (l == "okt").then_some(9))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn year(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1900..=2999).contains(y))
}

fn month_num(s: &str) -> Option<u8> {
    (matches!(s.len(), 1 | 2) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|m| (1..=12).contains(m))
}

/// The month a period cell names: (year, month).
pub fn month(text: &str) -> Option<(u16, u8)> {
    let t = text.trim();
    if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some((year(&t[..4])?, month_num(&t[4..])?));
    }
    let parts: Vec<&str> = t
        .split(['-', '/', ' ', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m] | [y, m, _] if year(y).is_some() => {
            let y = year(y)?;
            if let Some(m) = month_num(m) {
                return Some((y, m));
            }
            month_name(m).map(|m| (y, m))
        }
        [m, y] => Some((year(y)?, month_name(m)?)),
        _ => None,
    }
}

/// The month of a spreadsheet date serial (days since 1899-12-30).
pub fn month_of_serial(serial: f64) -> Option<(u16, u8)> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01, then the civil calendar (Howard Hinnant's algorithm).
    #[allow(clippy::cast_possible_truncation)]
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some((u16::try_from(y).ok()?, u8::try_from(m).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SV: NumberFormat = NumberFormat {
        decimal: ',',
        thousands: Some(' '),
    };

    #[test]
    fn numbers_as_swedish_systems_write_them() {
        assert_eq!(number("1 234,50", SV), Some(1234.5));
        assert_eq!(number("1\u{a0}234,50", SV), Some(1234.5));
        assert_eq!(number("-12,5", SV), Some(-12.5));
        assert_eq!(number("\u{2212}12,5", SV), Some(-12.5));
        assert_eq!(number("12,5-", SV), Some(-12.5));
        assert_eq!(number("(1 200,00)", SV), Some(-1200.0));
        assert_eq!(number(" +7 ", SV), Some(7.0));
        assert_eq!(number(",5", SV), Some(0.5));
        // A decimal point where commas are declared is no number: it may be a thousands mark.
        assert_eq!(number("1.234,5", SV), None);
        assert_eq!(number("12,5,1", SV), None);
        assert_eq!(number("12 kr", SV), None);
        assert_eq!(number("", SV), None);
        assert_eq!(number("-", SV), None);
        let en = NumberFormat {
            decimal: '.',
            thousands: Some(','),
        };
        assert_eq!(number("1,234.5", en), Some(1234.5));
        let plain = NumberFormat {
            decimal: ',',
            thousands: None,
        };
        assert_eq!(number("1 234", plain), None);
    }

    #[test]
    fn months_as_systems_write_them() {
        for t in [
            "202603",
            "2026-03",
            "2026-3",
            "2026/03",
            "mars 2026",
            "Mars 2026",
            "MAR 2026",
            "2026 mars",
            "2026-03-31",
        ] {
            assert_eq!(month(t), Some((2026, 3)), "{t}");
        }
        assert_eq!(month("okt 2025"), Some((2025, 10)));
        assert_eq!(month("maj 2026"), Some((2026, 5)));
        for t in [
            "202613", "2026-00", "mars", "Q1 2026", "26-03", "ma 2026", "",
        ] {
            assert_eq!(month(t), None, "{t}");
        }
        // 2026-03-31 is serial 46112.
        assert_eq!(month_of_serial(46_112.0), Some((2026, 3)));
        assert_eq!(month_of_serial(46_023.0), Some((2026, 1)));
    }
}

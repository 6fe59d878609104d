//! Calendar dates (deadlines, activity dates), without time zones.

use std::fmt;

/// A calendar date, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

impl Date {
    /// 2000-01-01: the date used when nothing better is known (checked at compile time).
    pub const Y2000: Date = match Date::new_const(2000, 1, 1) {
        Some(d) => d,
        None => panic!("2000-01-01 exists"),
    };

    /// A date from its parts, if it exists (years 1900-9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        ((1900..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Self { year, month, day })
    }

    /// [`Date::new`] for constants.
    pub const fn new_const(year: u16, month: u8, day: u8) -> Option<Self> {
        if year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 28 {
            Some(Self { year, month, day })
        } else {
            None
        }
    }

    /// Parses `2026-05-08`.
    pub fn parse(s: &str) -> Option<Self> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?;
        let m = it.next()?;
        let d = it.next()?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Self::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01.
    fn days_from_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days_from_epoch(z: i64) -> Option<Self> {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Self::new(
            u16::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
    }

    /// The Excel (1900 system) serial number of this date.
    pub fn to_excel_serial(self) -> f64 {
        // 1899-12-30 is serial 0 for every date after February 1900.
        (self.days_from_epoch() + 25_569) as f64
    }

    /// The date of an Excel serial number; `None` for non-finite, fractional-day-only or
    /// out-of-range serials (years outside 1900-9999).
    pub fn from_excel_serial(serial: f64) -> Option<Self> {
        if !serial.is_finite() || !(61.0..=2_958_465.0).contains(&serial) {
            return None;
        }
        Self::from_days_from_epoch(serial.floor() as i64 - 25_569)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_from_epoch() - self.days_from_epoch()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn excel_serials() {
        assert_eq!(Date::new(2026, 5, 8).unwrap().to_excel_serial(), 46150.0);
        assert_eq!(Date::new(1900, 3, 1).unwrap().to_excel_serial(), 61.0);
        assert_eq!(Date::from_excel_serial(46150.75), Date::new(2026, 5, 8));
        assert_eq!(Date::from_excel_serial(-1e300), None);
        assert_eq!(Date::from_excel_serial(f64::NAN), None);
    }

    #[test]
    fn validates_days() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::parse("2026-04-31").is_none());
        assert_eq!(Date::parse("2026-04-30").unwrap().to_string(), "2026-04-30");
    }

    proptest! {
        #[test]
        fn serial_round_trip(days in 61i64..2_958_465) {
            let d = Date::from_excel_serial(days as f64).unwrap();
            prop_assert_eq!(d.to_excel_serial(), days as f64);
        }
    }
}

//! The one "now" of a run. Every date or time styr writes that is not taken from the workspace
//! (collected_at in the store, the day a correction is asked for) comes from a [`Clock`], made
//! once per command and handed down. Tests and reproducible builds fix it; the command line
//! honours `SOURCE_DATE_EPOCH` (see `cmd::clock_from_env`).

use std::fmt;

use super::Date;

/// A moment in UTC, in whole seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// Days between 1899-12-30 (Excel's serial 0) and 1970-01-01.
const EPOCH_SERIAL: i64 = 25_569;

impl Timestamp {
    /// The moment `secs` seconds after the Unix epoch.
    pub const fn from_unix(secs: i64) -> Self {
        Self(secs)
    }

    /// Seconds since the Unix epoch.
    pub const fn unix(self) -> i64 {
        self.0
    }

    /// The calendar date (UTC), if it is one [`Date`] can hold (1900-9999).
    pub fn date(self) -> Option<Date> {
        let days = self.0.div_euclid(86_400);
        Date::from_excel_serial((EPOCH_SERIAL + days) as f64)
    }
}

/// RFC 3339 in UTC, `2026-05-12T08:00:00Z`; a moment outside 1900-9999 is shown as its seconds.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.rem_euclid(86_400);
        match self.date() {
            Some(d) => write!(f, "{d}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60),
            None => write!(f, "@{}", self.0),
        }
    }
}

/// Where "now" comes from: fixed for the whole run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    now: Timestamp,
}

impl Clock {
    /// A clock that always says `now`.
    pub const fn fixed(now: Timestamp) -> Self {
        Self { now }
    }

    /// The run's "now".
    pub const fn now(&self) -> Timestamp {
        self.now
    }

    /// The run's date (UTC); 2000-01-01 for a moment outside the dates styr handles.
    pub fn today(&self) -> Date {
        self.now.date().unwrap_or(Date::Y2000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_moments() {
        assert_eq!(Timestamp::from_unix(0).to_string(), "1970-01-01T00:00:00Z");
        // 2026-05-12T08:00:00Z, as `date -u -d 2026-05-12T08:00:00Z +%s` gives it.
        assert_eq!(
            Timestamp::from_unix(1_778_572_800).to_string(),
            "2026-05-12T08:00:00Z"
        );
        assert_eq!(
            Clock::fixed(Timestamp::from_unix(1_782_863_999)).today(),
            Date::parse("2026-06-30").expect("date")
        );
        assert_eq!(Timestamp::from_unix(-1).to_string(), "1969-12-31T23:59:59Z");
    }

    proptest! {
        /// The date of a moment and the next second agree except at midnight, where the day
        /// moves on by exactly one.
        #[test]
        fn dates_follow_seconds(secs in 0i64..253_402_300_000) {
            let a = Timestamp::from_unix(secs);
            let b = Timestamp::from_unix(secs + 1);
            let (Some(da), Some(db)) = (a.date(), b.date()) else { return Ok(()) };
            if (secs + 1) % 86_400 == 0 {
                prop_assert_eq!(Date::from_excel_serial(da.to_excel_serial() + 1.0), Some(db));
            } else {
                prop_assert_eq!(da, db);
            }
            prop_assert!(a.to_string().starts_with(&da.to_string()));
        }
    }
}

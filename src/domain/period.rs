//! Reporting periods of the årshjul.
//!
//! | text        | meaning                                                   |
//! |-------------|-----------------------------------------------------------|
//! | `2026-03`   | a month (månadsrapport), outcome to date                  |
//! | `2026-T1`   | tertial 1, January to April                               |
//! | `2026-T2`   | tertial 2 (delårsrapport), January to August              |
//! | `2026`      | the year (årsredovisning)                                  |
//! | `2027-plan` | planning for 2027: next year's verksamhetsplan and targets |

use std::cmp::Ordering;
use std::fmt;

/// A reporting period. Outcomes of months and tertials are year-to-date values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    Month { year: u16, month: u8 },
    Tertial { year: u16, tertial: u8 },
    Year(u16),
    Plan(u16),
}

/// A period as a JSON Schema pattern: the texts [`Period::parse`] accepts.
pub const PERIOD_PATTERN: &str =
    "^\\s*(19|2[0-9])[0-9]{2}(-(0[1-9]|1[0-2]|[Tt][12]|[Pp][Ll][Aa][Nn]))?\\s*$";

impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "x-styr": "period",
            "description": "En period: 2026-03 (månad), 2026-T1 eller 2026-T2 (tertial), 2026 (år) eller 2027-plan (planering).",
            "examples": ["2026", "2026-T1", "2027-plan"]
        })
    }
}

/// Why a text is not a period (said in the surface's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodError {
    Syntax(String),
    Month(String),
    Tertial(String),
    Year(String),
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (key, text) = match self {
            PeriodError::Syntax(t) => ("period-syntax", t),
            PeriodError::Month(t) => ("period-month", t),
            PeriodError::Tertial(t) => ("period-tertial", t),
            PeriodError::Year(t) => ("period-year", t),
        };
        f.write_str(&crate::tx!(key, "text" => text))
    }
}

impl std::error::Error for PeriodError {}

fn parse_year(s: &str, whole: &str) -> Result<u16, PeriodError> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PeriodError::Syntax(whole.to_string()));
    }
    let y: u16 = s
        .parse()
        .map_err(|_| PeriodError::Syntax(whole.to_string()))?;
    if !(1900..=2999).contains(&y) {
        return Err(PeriodError::Year(whole.to_string()));
    }
    Ok(y)
}

/// The Swedish month names, in full.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

impl Period {
    /// Parses `2026-03`, `2026-T1`, `2026` or `2027-plan` (case-insensitive `T` and `plan`).
    ///
    /// # Errors
    /// [`PeriodError`] saying which part is wrong.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let s = text.trim();
        let Some((y, rest)) = s.split_once('-') else {
            return Ok(Period::Year(parse_year(s, text)?));
        };
        let year = parse_year(y, text)?;
        if rest.eq_ignore_ascii_case("plan") {
            return Ok(Period::Plan(year));
        }
        if let Some(t) = rest.strip_prefix(['T', 't']) {
            return match t {
                "1" => Ok(Period::Tertial { year, tertial: 1 }),
                "2" => Ok(Period::Tertial { year, tertial: 2 }),
                _ if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => {
                    Err(PeriodError::Tertial(text.to_string()))
                }
                _ => Err(PeriodError::Syntax(text.to_string())),
            };
        }
        if rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit()) {
            let month: u8 = rest
                .parse()
                .map_err(|_| PeriodError::Syntax(text.to_string()))?;
            if !(1..=12).contains(&month) {
                return Err(PeriodError::Month(text.to_string()));
            }
            return Ok(Period::Month { year, month });
        }
        Err(PeriodError::Syntax(text.to_string()))
    }

    /// The calendar year the period belongs to (for a plan: the year planned for).
    pub fn year(self) -> u16 {
        match self {
            Period::Month { year, .. } | Period::Tertial { year, .. } => year,
            Period::Year(y) | Period::Plan(y) => y,
        }
    }

    /// The number of months of the year covered by a year-to-date outcome for this period.
    /// `None` for a planning period.
    pub fn months(self) -> Option<u8> {
        match self {
            Period::Month { month, .. } => Some(month),
            Period::Tertial { tertial, .. } => Some(4 * tertial),
            Period::Year(_) => Some(12),
            Period::Plan(_) => None,
        }
    }

    /// Share of the year covered, for pro-rata targets.
    pub fn fraction_of_year(self) -> Option<f64> {
        self.months().map(|m| f64::from(m) / 12.0)
    }

    /// The follow-up period before this one of the same kind: the month before, the tertial
    /// before (T1 follows the previous year's annual report), the year before.
    pub fn previous(self) -> Self {
        match self {
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
            Period::Tertial { year, tertial: 1 } => Period::Year(year - 1),
            Period::Tertial { year, tertial } => Period::Tertial {
                year,
                tertial: tertial - 1,
            },
            Period::Year(y) => Period::Year(y - 1),
            Period::Plan(y) => Period::Plan(y - 1),
        }
    }

    /// The same period one year earlier.
    pub fn same_last_year(self) -> Self {
        match self {
            Period::Month { year, month } => Period::Month {
                year: year - 1,
                month,
            },
            Period::Tertial { year, tertial } => Period::Tertial {
                year: year - 1,
                tertial,
            },
            Period::Year(y) => Period::Year(y - 1),
            Period::Plan(y) => Period::Plan(y - 1),
        }
    }

    /// Whether outcomes are reported for this period (every period but a planning year).
    pub fn is_follow_up(self) -> bool {
        !matches!(self, Period::Plan(_))
    }

    /// A Swedish description for workbooks: "tertial 1 2026 (januari-april)".
    pub fn swedish(self) -> String {
        match self {
            Period::Month { year, month } => {
                format!("{} {year}", MONTHS[usize::from(month - 1)])
            }
            Period::Tertial { year, tertial: 1 } => format!("tertial 1 {year} (januari-april)"),
            Period::Tertial { year, .. } => format!("tertial 2 {year} (januari-augusti)"),
            Period::Year(y) => format!("helår {y}"),
            Period::Plan(y) => format!("planering inför {y}"),
        }
    }

    /// [`Period::swedish`] in the surface's language (`workbooks` catalogue): "tertial 1 2026
    /// (januari-april)", in English "tertial 1 2026 (January-April)".
    pub fn shown(self) -> String {
        const MONTH_KEYS: [&str; 12] = [
            "report-month-1",
            "report-month-2",
            "report-month-3",
            "report-month-4",
            "report-month-5",
            "report-month-6",
            "report-month-7",
            "report-month-8",
            "report-month-9",
            "report-month-10",
            "report-month-11",
            "report-month-12",
        ];
        let y = |year: u16| year.to_string();
        match self {
            Period::Month { year, month } => {
                let name = MONTH_KEYS
                    .get(usize::from(month.saturating_sub(1)))
                    .map_or_else(String::new, |k| crate::i18n::t(k, &[]));
                crate::tx!("report-period-month", "month" => name, "year" => y(year))
            }
            Period::Tertial { year, tertial: 1 } => {
                crate::tx!("report-period-t1", "year" => y(year))
            }
            Period::Tertial { year, .. } => crate::tx!("report-period-t2", "year" => y(year)),
            Period::Year(year) => crate::tx!("report-period-year", "year" => y(year)),
            Period::Plan(year) => crate::tx!("report-period-plan", "year" => y(year)),
        }
    }

    /// Sort key: by year, then month within the year; a plan sorts before its year's periods.
    fn key(self) -> (u16, u8, u8) {
        match self {
            Period::Plan(y) => (y, 0, 0),
            Period::Month { year, month } => (year, month, 1),
            Period::Tertial { year, tertial } => (year, 4 * tertial, 2),
            Period::Year(y) => (y, 12, 3),
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
            Period::Tertial { year, tertial } => write!(f, "{year}-T{tertial}"),
            Period::Year(y) => write!(f, "{y}"),
            Period::Plan(y) => write!(f, "{y}-plan"),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, PeriodError> {
        Period::parse(s)
    }
}

impl TryFrom<String> for Period {
    type Error = PeriodError;
    fn try_from(s: String) -> Result<Self, PeriodError> {
        Period::parse(&s)
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(
            Period::parse("2026-03").unwrap(),
            Period::Month {
                year: 2026,
                month: 3
            }
        );
        assert_eq!(
            Period::parse("2026-t2").unwrap(),
            Period::Tertial {
                year: 2026,
                tertial: 2
            }
        );
        assert_eq!(Period::parse("2026").unwrap(), Period::Year(2026));
        assert_eq!(Period::parse("2027-plan").unwrap(), Period::Plan(2027));
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert!(matches!(
            Period::parse("2026-13"),
            Err(PeriodError::Month(_))
        ));
        assert!(matches!(
            Period::parse("2026-00"),
            Err(PeriodError::Month(_))
        ));
        assert!(matches!(
            Period::parse("2026-T3"),
            Err(PeriodError::Tertial(_))
        ));
        assert!(matches!(
            Period::parse("26-T1"),
            Err(PeriodError::Syntax(_))
        ));
        assert!(matches!(
            Period::parse("2026-Q1"),
            Err(PeriodError::Syntax(_))
        ));
        assert!(matches!(Period::parse("0026"), Err(PeriodError::Year(_))));
        assert!(matches!(Period::parse(""), Err(PeriodError::Syntax(_))));
    }

    #[test]
    fn previous_and_last_year() {
        let t1 = Period::parse("2026-T1").unwrap();
        assert_eq!(t1.previous(), Period::Year(2025));
        assert_eq!(Period::parse("2026-T2").unwrap().previous(), t1);
        assert_eq!(t1.same_last_year().to_string(), "2025-T1");
        assert_eq!(
            Period::parse("2026-01").unwrap().previous().to_string(),
            "2025-12"
        );
    }

    #[test]
    fn order_follows_the_year() {
        let mut v: Vec<Period> = ["2026", "2026-T2", "2026-05", "2026-T1", "2026-plan", "2025"]
            .iter()
            .map(|s| Period::parse(s).unwrap())
            .collect();
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(
            s,
            ["2025", "2026-plan", "2026-T1", "2026-05", "2026-T2", "2026"]
        );
    }

    fn any_period() -> impl Strategy<Value = Period> {
        prop_oneof![
            (1901u16..2999, 1u8..=12).prop_map(|(year, month)| Period::Month { year, month }),
            (1901u16..2999, 1u8..=2).prop_map(|(year, tertial)| Period::Tertial { year, tertial }),
            (1901u16..2999).prop_map(Period::Year),
            (1901u16..2999).prop_map(Period::Plan),
        ]
    }

    proptest! {
        #[test]
        fn display_parses_back(p in any_period()) {
            prop_assert_eq!(Period::parse(&p.to_string()).unwrap(), p);
        }

        #[test]
        fn previous_is_earlier(p in any_period()) {
            prop_assert!(p.previous() < p);
            prop_assert!(p.same_last_year() < p);
        }

        #[test]
        fn parse_never_panics(s in ".{0,12}") {
            let _ = Period::parse(&s);
        }
    }
}

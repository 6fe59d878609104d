//! The declared rules of `styr check`: the verdicts, their colours and the texts that say
//! which rule a verdict used. The computations themselves run in polars (see `pipeline`); this
//! file holds what a reader needs to understand them.

use std::fmt;

use crate::domain::{Direction, Measure};
use crate::workspace::catalogue::{TargetValue, Tolerance};

/// Values this close to a boundary (relative to the boundary, plus the same amount absolute)
/// count as on it, so that an outcome typed as 7,15 against a band ending at 6,5 + 0,65 is on
/// the edge although binary floating point puts the two a hair apart.
pub const EDGE_EPSILON: f64 = 1e-9;

/// Economy: a forecast deficit (budget − prognos < 0) of at most this many percent of the budget
/// is yellow; a larger one is red; no deficit is green.
pub const ECONOMY_YELLOW_PCT: f64 = 1.0;

/// Goals: the share of judged indicators (in percent) that must be green, with none red, for
/// a municipal goal to be Uppfyllt.
pub const GOAL_GREEN_PCT: f64 = 75.0;

/// How an outcome is judged against its målvärde.
pub const STATUS_RULE: &str = "Uppfyllt (grönt) när utfallet når målvärdet: högre är bättre: utfall ≥ mål; \
lägre är bättre: utfall ≤ mål; intervall: min ≤ utfall ≤ max. Delvis uppfyllt (gult) när utfallet \
ligger inom indikatorns toleransband utanför målvärdet (tolerance i indikatorns enhet, tolerance_pct \
i procent av målvärdet). Ej uppfyllt (rött) annars. Ej bedömt (grått) utan utfall, utan målvärde, \
för indikatorer som inte summeras (rollup = none), under året för indikatorer som bedöms först \
vid årets slut (tertial_rule = not_judged) och för en summa där någon enhet saknar utfall. Ett \
värde exakt på en gräns räknas till den bättre sidan.";

/// Which målvärde applies.
pub const TARGET_RULE: &str = "Målvärdet söks på radens egen nivå, sedan förvaltningens, sedan \
kommunens; på varje nivå först ett målvärde för perioden själv, sedan årets målvärde enligt \
indikatorns tertial_rule: annual = årets värde som det är, pro_rata = årets värde (och en \
tolerans i indikatorns enhet) gånger periodens andel av året (T1 4/12, T2 8/12, månad m/12), \
not_judged = bedöms inte under året. Den första nivån som har något målvärde avgör.";

/// How unit values roll up.
pub const ROLLUP_RULE: &str = "Förvaltningens och kommunens värden räknas fram ur enheternas \
enligt indikatorns rollup: sum (bara när alla enheter har utfall), mean, median, weighted_mean \
(vägt med vikt-indikatorns värde för samma enhet och period; enheter utan vikt räknas inte med \
men räknas upp) eller none (inget sammanvägt värde). Kommunens värde räknas direkt ur alla enheter. Ett värde som historik.csv (eller \
datalagret) anger för en förvaltning eller för kommunen används som det är i stället.";

/// How trends are judged.
pub const TREND_RULE: &str = "Trend mot föregående period och mot samma period i fjol: Bättre eller \
Sämre i indikatorns riktning (för intervall: närmare eller längre från intervallet), Oförändrad när \
förändringen är mindre än indikatorns tröskel `unchanged`; — när ett av värdena saknas.";

/// How the economy lights are set.
pub const ECONOMY_RULE: &str = "Avvikelse = budget − prognos (tkr, positivt = överskott). Grönt om \
avvikelsen ≥ 0, gult om underskottet är högst 1 % av budgeten, rött annars, grått utan prognos \
eller budget. Förvaltning och kommun: summan av de enheter som har både budget och prognos.";

/// How a municipal goal is assessed from its indicators.
pub const GOAL_RULE: &str = "Ett utvecklingsmål bedöms ur kommunnivåns status för dess \
indikatorer: Uppfyllt om minst 75 % av de bedömda indikatorerna är gröna och ingen är röd, Ej \
uppfyllt om mer än hälften är röda, annars Delvis uppfyllt; Ej bedömt om ingen indikator är bedömd.";

/// The verdict on an outcome (and on economy rows and goals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Uppfyllt,
    Delvis,
    EjUppfyllt,
    EjBedomt,
}

/// The light a status is shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Colour {
    Green,
    Yellow,
    Red,
    Grey,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Uppfyllt,
        Status::Delvis,
        Status::EjUppfyllt,
        Status::EjBedomt,
    ];

    /// The key used in frames, JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Status::Uppfyllt => "uppfyllt",
            Status::Delvis => "delvis",
            Status::EjUppfyllt => "ej_uppfyllt",
            Status::EjBedomt => "ej_bedomt",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn swedish(self) -> &'static str {
        match self {
            Status::Uppfyllt => "Uppfyllt",
            Status::Delvis => "Delvis uppfyllt",
            Status::EjUppfyllt => "Ej uppfyllt",
            Status::EjBedomt => "Ej bedömt",
        }
    }

    pub fn colour(self) -> Colour {
        match self {
            Status::Uppfyllt => Colour::Green,
            Status::Delvis => Colour::Yellow,
            Status::EjUppfyllt => Colour::Red,
            Status::EjBedomt => Colour::Grey,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.swedish())
    }
}

impl Colour {
    pub fn key(self) -> &'static str {
        match self {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
            Colour::Grey => "grey",
        }
    }
}

/// Why a row is Ej bedömt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The indicator has rollup = none and no value was given for the level.
    NotRolledUp,
    /// A sum with units missing: no total.
    Incomplete,
    /// No outcome: the unit's return has the cell empty.
    NoValue,
    /// No outcome: the unit sent no return for the period.
    NoReturn,
    /// No outcome: the cell had an error, a correction is asked for.
    CellError,
    /// No målvärde at any level.
    NoTarget,
    /// The indicator is judged at the end of the year only.
    NotJudged,
}

impl Reason {
    pub const ALL: [Reason; 7] = [
        Reason::NotRolledUp,
        Reason::Incomplete,
        Reason::NoValue,
        Reason::NoReturn,
        Reason::CellError,
        Reason::NoTarget,
        Reason::NotJudged,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Reason::NotRolledUp => "not_rolled_up",
            Reason::Incomplete => "incomplete",
            Reason::NoValue => "no_value",
            Reason::NoReturn => "no_return",
            Reason::CellError => "cell_error",
            Reason::NoTarget => "no_target",
            Reason::NotJudged => "not_judged",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Reason::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn swedish(self) -> &'static str {
        match self {
            Reason::NotRolledUp => "summeras inte",
            Reason::Incomplete => "ofullständig summa: enheter saknar utfall",
            Reason::NoValue => "inget utfall",
            Reason::NoReturn => "ingen retur",
            Reason::CellError => "cellen hade fel, rättelse begärd",
            Reason::NoTarget => "inget målvärde",
            Reason::NotJudged => "bedöms inte under året",
        }
    }
}

/// A trend against an earlier period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trend {
    Battre,
    Oforandrad,
    Samre,
}

impl Trend {
    pub const ALL: [Trend; 3] = [Trend::Battre, Trend::Oforandrad, Trend::Samre];

    pub fn key(self) -> &'static str {
        match self {
            Trend::Battre => "battre",
            Trend::Oforandrad => "oforandrad",
            Trend::Samre => "samre",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Trend::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn swedish(self) -> &'static str {
        match self {
            Trend::Battre => "Bättre",
            Trend::Oforandrad => "Oförändrad",
            Trend::Samre => "Sämre",
        }
    }

    /// The Swedish text of a trend that may be missing ("—").
    pub fn text(t: Option<Trend>) -> &'static str {
        t.map_or("—", Trend::swedish)
    }
}

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

/// Decimals used in rule texts: two more than the indicator's (trailing zeros dropped), so that
/// a band edge such as 90,25 shows.
fn rule_decimals(d: u8) -> u8 {
    d.saturating_add(2)
}

/// The rule of a row as Swedish text, with the effective (possibly pro-rata) målvärde:
/// `≥ 95 %, gult från 90 %`, `≤ 6,5 %, gult till 7,5 %`, `4,5–5,5, gult 0,5 utanför`.
pub fn rule_text(
    direction: Direction,
    measure: Measure,
    decimals: u8,
    target: TargetValue,
    tolerance: Tolerance,
) -> String {
    let d = rule_decimals(decimals);
    let n = |v: f64| sv_number(v, d);
    let s = suffix(measure);
    let (lo, hi) = bounds(target);
    match direction {
        Direction::Higher => {
            let w = tolerance.width(lo);
            if w > 0.0 {
                format!("≥ {}{s}, gult från {}{s}", n(lo), n(lo - w))
            } else {
                format!("≥ {}{s}", n(lo))
            }
        }
        Direction::Lower => {
            let w = tolerance.width(hi);
            if w > 0.0 {
                format!("≤ {}{s}, gult till {}{s}", n(hi), n(hi + w))
            } else {
                format!("≤ {}{s}", n(hi))
            }
        }
        Direction::Interval => {
            let band = match tolerance {
                Tolerance::None => String::new(),
                Tolerance::Absolute(w) if w > 0.0 => format!(", gult {} utanför", n(w)),
                Tolerance::Relative(p) if p > 0.0 => format!(", gult {} % utanför", n(p)),
                Tolerance::Absolute(_) | Tolerance::Relative(_) => String::new(),
            };
            format!("{}–{}{s}{band}", n(lo), n(hi))
        }
    }
}

/// The rule text of a row without a målvärde.
pub fn rule_without_target(direction: Direction) -> String {
    format!("{}, inget målvärde", direction.swedish())
}

/// A målvärde as a closed range: a point is `[v, v]`.
pub fn bounds(t: TargetValue) -> (f64, f64) {
    match t {
        TargetValue::Point(v) => (v, v),
        TargetValue::Interval { min, max } => (min, max),
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

    #[test]
    fn rule_texts_of_the_brief() {
        use Direction as D;
        assert_eq!(
            rule_text(
                D::Higher,
                Measure::Percent,
                1,
                TargetValue::Point(95.0),
                Tolerance::Absolute(5.0)
            ),
            "≥ 95 %, gult från 90 %"
        );
        assert_eq!(
            rule_text(
                D::Lower,
                Measure::Percent,
                1,
                TargetValue::Point(6.5),
                Tolerance::Absolute(1.0)
            ),
            "≤ 6,5 %, gult till 7,5 %"
        );
        assert_eq!(
            rule_text(
                D::Interval,
                Measure::Ratio,
                1,
                TargetValue::Interval { min: 4.5, max: 5.5 },
                Tolerance::Absolute(0.5)
            ),
            "4,5–5,5, gult 0,5 utanför"
        );
        assert_eq!(
            rule_text(
                D::Higher,
                Measure::Count,
                0,
                TargetValue::Point(40_000.0),
                Tolerance::Relative(5.0)
            ),
            "≥ 40 000, gult från 38 000"
        );
        assert_eq!(
            rule_text(
                D::Lower,
                Measure::Days,
                0,
                TargetValue::Point(60.0),
                Tolerance::None
            ),
            "≤ 60 dagar"
        );
    }
}

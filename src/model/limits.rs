//! The one rule from a målvärde to a colour: the band limits of an indicator's effective
//! målvärde. The workbook's conditional formats ([`Limits::excel_condition`]), the rule text
//! ([`Limits::rule_text`]), collect's åtgärd rule (R210), `styr check` (the limit columns of its
//! polars pipeline, [`Limits::thresholds`]) and every report take their limits from here.

use crate::domain::{Direction, Measure};
use crate::i18n::{Arg, Lang, tr};
use crate::model::text::{suffix, sv_number};
use crate::model::{TargetValue, Tolerance};
use crate::tx;

/// The edge tolerance: values this close to a limit (relative to the limit, plus the same amount
/// absolute) count as on it, so that an outcome typed as 7,15 against a band ending at
/// 6,5 + 10 % is on the edge although binary floating point puts the two a hair apart.
pub const EDGE_EPSILON: f64 = 1e-9;

/// Significant digits of a threshold (a limit moved by the edge tolerance): few enough that
/// Excel and LibreOffice read the number in a conditional format exactly as styr compares it.
const THRESHOLD_DIGITS: usize = 12;

/// The verdict on one outcome against one målvärde.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Verdict {
    /// Green: the målvärde is reached.
    Reached,
    /// Yellow: not reached, but inside the tolerance band.
    Near,
    /// Red: outside the band.
    Missed,
}

/// The band limits of one effective målvärde (pro rata already applied): green from
/// `green.0` to `green.1`, yellow from `yellow.0` to `yellow.1` where not green, red
/// elsewhere. An open side is infinite.
///
/// - higher is better: green ≥ målvärde, yellow ≥ målvärde − band;
/// - lower is better: green ≤ målvärde, yellow ≤ målvärde + band;
/// - interval: green min–max, yellow from min − band(min) to max + band(max).
///
/// The band is `tolerance` in the indicator's unit, or `tolerance_pct` percent of the målvärde
/// (of an interval: of each bound, so the band below min is a percentage of min and the band
/// above max a percentage of max). A value on a limit counts to the better side, within
/// [`EDGE_EPSILON`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub direction: Direction,
    /// The effective målvärde the limits were made from.
    pub target: TargetValue,
    /// The effective tolerance (an absolute one scaled with a pro-rata målvärde).
    pub tolerance: Tolerance,
    /// (lowest, highest) green value.
    pub green: (f64, f64),
    /// (lowest, highest) yellow value; the same as `green` without a band.
    pub yellow: (f64, f64),
}

/// The values compared with: each limit moved outward by the edge tolerance (rounded to 12
/// significant digits), infinite on an open side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub green_lo: f64,
    pub green_hi: f64,
    pub yellow_lo: f64,
    pub yellow_hi: f64,
}

impl Thresholds {
    /// The verdict on `x`: green when `green_lo ≤ x ≤ green_hi`, yellow when
    /// `yellow_lo ≤ x ≤ yellow_hi`, red otherwise (also for a value that is not a number).
    pub fn verdict(&self, x: f64) -> Verdict {
        if x >= self.green_lo && x <= self.green_hi {
            Verdict::Reached
        } else if x >= self.yellow_lo && x <= self.yellow_hi {
            Verdict::Near
        } else {
            Verdict::Missed
        }
    }
}

/// How far a limit `b` is moved outward: [`EDGE_EPSILON`] × (1 + |b|).
pub fn edge(b: f64) -> f64 {
    EDGE_EPSILON * (1.0 + b.abs())
}

/// `x` rounded to [`THRESHOLD_DIGITS`] significant digits: the nearest double of a decimal
/// with at most that many digits (a power of ten up to 10²² is exact, so the one division or
/// multiplication rounds correctly).
fn round_sig(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let digits = i32::try_from(THRESHOLD_DIGITS).unwrap_or(12);
    // The exponent of the last digit kept.
    let last = x.abs().log10().floor() as i32 + 1 - digits;
    if last >= 0 {
        let scale = 10f64.powi(last);
        (x / scale).round() * scale
    } else if last >= -22 {
        let scale = 10f64.powi(-last);
        (x * scale).round() / scale
    } else {
        x
    }
}

fn lower_threshold(b: f64) -> f64 {
    if b.is_finite() {
        round_sig(b - edge(b))
    } else {
        f64::NEG_INFINITY
    }
}

fn upper_threshold(b: f64) -> f64 {
    if b.is_finite() {
        round_sig(b + edge(b))
    } else {
        f64::INFINITY
    }
}

impl Limits {
    /// The limits of `target` read in `direction` with the band `tolerance`.
    pub fn new(direction: Direction, target: TargetValue, tolerance: Tolerance) -> Self {
        let (lo, hi) = target.bounds();
        let (below, above) = (tolerance.width(lo), tolerance.width(hi));
        let (inf, neg) = (f64::INFINITY, f64::NEG_INFINITY);
        let (green, yellow) = match direction {
            Direction::Higher => ((lo, inf), (lo - below, inf)),
            Direction::Lower => ((neg, hi), (neg, hi + above)),
            Direction::Interval => ((lo, hi), (lo - below, hi + above)),
        };
        Self {
            direction,
            target,
            tolerance,
            green,
            yellow,
        }
    }

    /// Whether there is a yellow band at all.
    pub fn has_band(&self) -> bool {
        self.yellow != self.green
    }

    /// The values an outcome is compared with.
    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            green_lo: lower_threshold(self.green.0),
            green_hi: upper_threshold(self.green.1),
            yellow_lo: lower_threshold(self.yellow.0),
            yellow_hi: upper_threshold(self.yellow.1),
        }
    }

    /// The verdict on `x`.
    pub fn verdict(&self, x: f64) -> Verdict {
        self.thresholds().verdict(x)
    }

    /// An Excel condition, true when the number in `cell` gets `verdict` (false for a blank or
    /// text cell, so blank cells stay uncoloured). It compares with [`Limits::thresholds`].
    pub fn excel_condition(&self, cell: &str, verdict: Verdict) -> String {
        let t = self.thresholds();
        let within = |lo: f64, hi: f64| {
            let mut parts = vec![format!("ISNUMBER({cell})")];
            if lo.is_finite() {
                parts.push(format!("{cell}>={lo}"));
            }
            if hi.is_finite() {
                parts.push(format!("{cell}<={hi}"));
            }
            format!("AND({})", parts.join(","))
        };
        let green = within(t.green_lo, t.green_hi);
        let yellow = within(t.yellow_lo, t.yellow_hi);
        match verdict {
            Verdict::Reached => green,
            Verdict::Near => format!("AND({yellow},NOT({green}))"),
            Verdict::Missed => format!("AND(ISNUMBER({cell}),NOT({yellow}))"),
        }
    }

    /// The rule as text with the limits themselves, in the run's language: `≥ 95 %, gult från
    /// 90 %`, `≤ 6,5 %, gult till 7,5 %`, `4,5–5,5, gult 4,05–6,05` (English: `yellow from`,
    /// `yellow up to`, `yellow`). Numbers show two decimals more than the indicator's (trailing
    /// zeros dropped), so that a band edge such as 90,25 shows.
    pub fn rule_text(&self, measure: Measure, decimals: u8) -> String {
        self.rule_text_in(crate::i18n::current(), measure, decimals)
    }

    /// [`Limits::rule_text`] in a given language (a form's context columns are Swedish, as its
    /// labels are, whatever language the run speaks).
    pub fn rule_text_in(&self, lang: Lang, measure: Measure, decimals: u8) -> String {
        let d = decimals.saturating_add(2);
        let n = |v: f64| sv_number(v, d);
        let s = suffix(measure);
        let (g, y) = (self.green, self.yellow);
        let t = |key: &str, args: &[(&str, Arg)]| tr(lang, key, args);
        match self.direction {
            Direction::Higher if self.has_band() => t(
                "rule-higher-band",
                crate::args!["green" => n(g.0), "yellow" => n(y.0), "s" => s],
            ),
            Direction::Higher => t("rule-higher", crate::args!["green" => n(g.0), "s" => s]),
            Direction::Lower if self.has_band() => t(
                "rule-lower-band",
                crate::args!["green" => n(g.1), "yellow" => n(y.1), "s" => s],
            ),
            Direction::Lower => t("rule-lower", crate::args!["green" => n(g.1), "s" => s]),
            Direction::Interval if self.has_band() => t(
                "rule-interval-band",
                crate::args![
                    "min" => n(g.0),
                    "max" => n(g.1),
                    "ymin" => n(y.0),
                    "ymax" => n(y.1),
                    "s" => s
                ],
            ),
            Direction::Interval => t(
                "rule-interval",
                crate::args!["min" => n(g.0), "max" => n(g.1), "s" => s],
            ),
        }
    }
}

impl Limits {
    /// The limits as a line of text that [`Limits::from_record`] reads back exactly:
    /// `higher;point:95;abs:5`, `interval;interval:4.5:5.5;pct:10`. A workbook records what its
    /// unit was shown (its `_styr` sheet), so that collect judges by the same limits.
    pub fn record(&self) -> String {
        let target = match self.target {
            TargetValue::Point(v) => format!("point:{v}"),
            TargetValue::Interval { min, max } => format!("interval:{min}:{max}"),
        };
        let tolerance = match self.tolerance {
            Tolerance::None => "none".to_string(),
            Tolerance::Absolute(w) => format!("abs:{w}"),
            Tolerance::Relative(p) => format!("pct:{p}"),
        };
        format!("{};{target};{tolerance}", self.direction.key())
    }

    /// Reads [`Limits::record`]; `None` for anything else.
    pub fn from_record(s: &str) -> Option<Self> {
        let mut parts = s.trim().split(';');
        let direction = match parts.next()? {
            "higher" => Direction::Higher,
            "lower" => Direction::Lower,
            "interval" => Direction::Interval,
            _ => return None,
        };
        let num = |t: &str| t.parse::<f64>().ok().filter(|v| v.is_finite());
        let target = match parts.next()?.split(':').collect::<Vec<_>>().as_slice() {
            ["point", v] => TargetValue::Point(num(v)?),
            ["interval", min, max] => TargetValue::Interval {
                min: num(min)?,
                max: num(max)?,
            },
            _ => return None,
        };
        let tolerance = match parts.next()?.split(':').collect::<Vec<_>>().as_slice() {
            ["none"] => Tolerance::None,
            ["abs", w] => Tolerance::Absolute(num(w)?),
            ["pct", p] => Tolerance::Relative(num(p)?),
            _ => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Limits::new(direction, target, tolerance))
    }
}

/// The rule text of a row without a målvärde, in the run's language: "Högre är bättre, inget
/// målvärde".
pub fn rule_without_target(direction: Direction) -> String {
    match direction {
        Direction::Higher => tx!("rule-none-higher"),
        Direction::Lower => tx!("rule-none-lower"),
        Direction::Interval => tx!("rule-none-interval"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lim(d: Direction, t: TargetValue, tol: Tolerance) -> Limits {
        Limits::new(d, t, tol)
    }

    #[test]
    fn an_interval_band_is_a_percentage_of_each_bound() {
        let l = lim(
            Direction::Interval,
            TargetValue::Interval { min: 4.5, max: 5.5 },
            Tolerance::Relative(10.0),
        );
        assert_eq!(l.rule_text(Measure::Ratio, 1), "4,5–5,5, gult 4,05–6,05");
        assert_eq!(l.verdict(4.02), Verdict::Missed);
        assert_eq!(l.verdict(4.05), Verdict::Near);
        assert_eq!(l.verdict(6.03), Verdict::Near);
        assert_eq!(l.verdict(6.06), Verdict::Missed);
        assert_eq!(l.verdict(5.5), Verdict::Reached);
    }

    #[test]
    fn the_edge_counts_to_the_better_side() {
        let l = lim(
            Direction::Lower,
            TargetValue::Point(6.5),
            Tolerance::Relative(10.0),
        );
        assert_eq!(l.verdict(7.15), Verdict::Near);
        assert_eq!(l.verdict(7.1501), Verdict::Missed);
        assert_eq!(l.verdict(6.5), Verdict::Reached);
        assert_eq!(
            l.rule_text(Measure::Percent, 1),
            "≤ 6,5 %, gult till 7,15 %"
        );
    }

    #[test]
    fn a_rule_without_target_names_the_direction() {
        for d in Direction::ALL {
            assert_eq!(
                rule_without_target(*d),
                format!("{}, inget målvärde", d.swedish())
            );
        }
    }

    #[test]
    fn rule_texts() {
        use Direction as D;
        let t = |d, m, dec, v, tol| lim(d, v, tol).rule_text(m, dec);
        assert_eq!(
            t(
                D::Higher,
                Measure::Percent,
                1,
                TargetValue::Point(95.0),
                Tolerance::Absolute(5.0)
            ),
            "≥ 95 %, gult från 90 %"
        );
        assert_eq!(
            t(
                D::Higher,
                Measure::Count,
                0,
                TargetValue::Point(40_000.0),
                Tolerance::Relative(5.0)
            ),
            "≥ 40 000, gult från 38 000"
        );
        assert_eq!(
            t(
                D::Lower,
                Measure::Days,
                0,
                TargetValue::Point(60.0),
                Tolerance::None
            ),
            "≤ 60 dagar"
        );
        assert_eq!(
            t(
                D::Interval,
                Measure::Ratio,
                1,
                TargetValue::Interval { min: 4.5, max: 5.5 },
                Tolerance::Absolute(0.5)
            ),
            "4,5–5,5, gult 4–6"
        );
    }

    #[test]
    fn thresholds_round_to_twelve_significant_digits() {
        for x in [
            95.0 - 9.6e-8,
            -0.000_000_001,
            6.500_000_007_5,
            123_456_789.123_456_7,
            1.0e-15,
            6.5 + 0.65,
        ] {
            let r = round_sig(x);
            let e = format!("{r:e}");
            let mantissa = e.split('e').next().unwrap_or("");
            let digits = mantissa.chars().filter(char::is_ascii_digit).count();
            assert!(digits <= 12, "{x} → {e}");
            assert!((r - x).abs() <= 1e-11 * x.abs(), "{x} → {r}");
        }
        assert_eq!(round_sig(6.5 + 0.65), 7.15);
    }

    #[test]
    fn a_record_reads_back_exactly() {
        for l in [
            lim(
                Direction::Higher,
                TargetValue::Point(95.0),
                Tolerance::Absolute(5.0),
            ),
            lim(
                Direction::Lower,
                TargetValue::Point(8.0 * 4.0 / 12.0),
                Tolerance::Absolute(1.5 * 4.0 / 12.0),
            ),
            lim(
                Direction::Interval,
                TargetValue::Interval {
                    min: -4.5,
                    max: 5.5,
                },
                Tolerance::Relative(10.0),
            ),
            lim(Direction::Higher, TargetValue::Point(0.0), Tolerance::None),
        ] {
            assert_eq!(Limits::from_record(&l.record()), Some(l), "{}", l.record());
        }
        assert_eq!(Limits::from_record("higher;point:x;none"), None);
        assert_eq!(Limits::from_record("higher;point:1;none;extra"), None);
    }

    #[test]
    fn thresholds_are_short_numbers_outside_the_limits() {
        let l = lim(
            Direction::Higher,
            TargetValue::Point(95.0),
            Tolerance::Absolute(5.0),
        );
        let t = l.thresholds();
        assert!(t.green_lo < 95.0 && t.green_lo > 95.0 - 1e-6);
        assert!(t.green_lo.to_string().len() <= 14, "{}", t.green_lo);
        assert_eq!(t.green_hi, f64::INFINITY);
        assert_eq!(
            l.excel_condition("$E7", Verdict::Reached),
            format!("AND(ISNUMBER($E7),$E7>={})", t.green_lo)
        );
    }
}

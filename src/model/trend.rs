//! Trends compare like with like: what an earlier value is compared as.

use crate::domain::{Period, TertialRule};
use crate::model::Indicator;

/// How an earlier value is made comparable with the value of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendBasis {
    /// As it is: the spans are equal, or the indicator is no running total.
    AsIs,
    /// A cumulative (`pro_rata`) indicator over a different span: the earlier value at the
    /// pace of the period, `value × now / then` months (the rate per month compared).
    SameSpan { now: u8, then: u8 },
}

impl TrendBasis {
    /// How an earlier value of `ind` in `then` is compared with its value in `now`: a
    /// cumulative (`tertial_rule = "pro_rata"`) indicator whose periods cover different numbers
    /// of months is compared per month; anything else as it is.
    pub fn of(ind: &Indicator, now: Period, then: Period) -> Self {
        let months = |p: Period| p.months().unwrap_or(12);
        match ind.tertial_rule {
            TertialRule::ProRata if months(now) != months(then) => TrendBasis::SameSpan {
                now: months(now),
                then: months(then),
            },
            _ => TrendBasis::AsIs,
        }
    }

    /// The factor the earlier value is multiplied by.
    pub fn factor(self) -> f64 {
        match self {
            TrendBasis::AsIs => 1.0,
            TrendBasis::SameSpan { now, then } => f64::from(now) / f64::from(then),
        }
    }

    /// The key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            TrendBasis::AsIs => "as_is",
            TrendBasis::SameSpan { .. } => "same_span",
        }
    }

    /// Swedish text: "" or "per månad: 12 mån omräknat till 4".
    pub fn swedish(self) -> String {
        match self {
            TrendBasis::AsIs => String::new(),
            TrendBasis::SameSpan { now, then } => {
                format!("jämfört per månad: {then} mån omräknat till {now}")
            }
        }
    }
}

//! Which indicators a unit reports in a period, decided once for the workbooks that go out,
//! the reader and the checks.

use crate::domain::{Period, ReportedBy};
use crate::model::Indicator;

/// Whether an indicator is reported for a period of this kind (`frequency`): `month` ones in
/// every follow-up, `tertial` ones in tertials and the year, `year` ones in the year; a plan
/// covers every indicator.
pub fn reported_in(ind: &Indicator, period: Period) -> bool {
    ind.frequency.reported_in(period)
}

/// Whether units of `category` report `ind` for `period`: the indicator is reported by the
/// units, for this kind of period ([`reported_in`]), and for the category (or every category).
pub fn category_reports(ind: &Indicator, category: &str, period: Period) -> bool {
    ind.reported_by == ReportedBy::Unit
        && reported_in(ind, period)
        && (ind.categories.is_empty() || ind.categories.iter().any(|c| c == category))
}

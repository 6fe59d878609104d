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

/// Whether units of `category` are asked for `ind` for `period`: the indicator has a row for
/// them ([`category_has_row`]) and is not derived (a derived indicator is computed from what
/// they report, never asked). The workbooks that go out and the reader use this.
pub fn category_reports(ind: &Indicator, category: &str, period: Period) -> bool {
    category_has_row(ind, category, period) && ind.derived.is_none()
}

/// Whether units of `category` have a row of `ind` for `period` in the check: the indicator
/// is one of the units' (`reported_by = "unit"`, reported or derived), for this kind of period
/// ([`reported_in`]), and for the category (or every category).
pub fn category_has_row(ind: &Indicator, category: &str, period: Period) -> bool {
    ind.reported_by == ReportedBy::Unit
        && reported_in(ind, period)
        && (ind.categories.is_empty() || ind.categories.iter().any(|c| c == category))
}

//! Domain types: identifiers, periods, closed sets and cell references.
//!
//! Nothing in here does I/O. Every type validates at construction, so a value of one of these
//! types is known to be well formed wherever it travels.

mod cell;
mod clock;
mod date;
mod ids;
mod kinds;
mod period;
mod value;

pub use cell::{CellRef, MAX_COL, MAX_ROW, SheetCell};
pub use clock::{Clock, Timestamp};
pub use date::Date;
pub use ids::{ControlId, ForvaltningId, GoalId, IdError, IndicatorId, UnitId};
pub use kinds::{
    Area, Direction, FieldType, FormKind, Frequency, Measure, Perspective, ReportedBy, Rollup,
    TertialRule,
};
pub use period::{MONTHS, Period, PeriodError};
pub use value::{Value, format_number};

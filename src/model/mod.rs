//! The domain model of the rules, with no I/O and no file formats: the catalogue's indicators,
//! målvärden and levels; the level chain and the target index ([`resolve_target`]); which
//! indicators a unit reports in a period; the roll-ups and the rule for a level with units
//! missing; and the one function from an indicator's effective målvärde to its band limits
//! ([`Limits`]), which the workbook's colours, collect, `styr check` and every report judge by.
//!
//! The serde input types (what `indikatorer.toml` and `indikatorer.xlsx` hold) stay in
//! `workspace::catalogue`, which makes these types from them.

mod catalogue;
pub mod derived;
pub mod formula;
mod level;
mod limits;
pub mod peer;
mod reporting;
mod rollup;
mod target;
mod text;
mod trend;

pub use catalogue::{Catalogue, Definition, Goal, Indicator, Target, TargetValue, Tolerance};
pub use derived::{Derivation, DerivedValue, is_derived};
pub use level::Level;
pub use limits::{EDGE_EPSILON, Limits, Thresholds, Verdict, edge, rule_without_target};
pub use peer::{MIN_PEERS, NoPosition, PeerPosition, Quartile, peer_position};
pub use reporting::{category_has_row, category_reports, reported_in};
pub use rollup::{NoRollup, UnitValues, coverage_text, needs_every_unit, rollup};
pub use target::{FoundTarget, TargetBasis, TargetIndex, resolve_target};
pub use text::{suffix, sv_number};
pub use trend::TrendBasis;

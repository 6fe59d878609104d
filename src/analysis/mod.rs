//! Data with polars: the store of collected values and the checks against målvärden.
//! The only module tree that uses polars.

pub mod check;
pub mod csv_rows;
pub mod export;
pub mod store;

//! Reading workbooks: the only module that uses calamine.

pub mod catalogue;
pub mod guard;
pub mod organisation;
pub mod raw;
mod xml_attr;
mod xml_scan;

pub use raw::{
    Damage, Format, Limits, Merge, OpenError, RawCell, RawSheet, RawWorkbook, ReadError, open, read,
};

//! Reading workbooks: the raw reader of returns (cells, merges, damage) and the guarded worker
//! pool. It knows nothing of workspaces or forms; the readers of the two workbooks a controller
//! edits (the catalogue and the organisation) live with their types in `workspace`.

pub mod guard;
pub mod raw;
mod xml_attr;
mod xml_scan;

pub use raw::{
    Damage, Format, Limits, Merge, OpenError, RawCell, RawSheet, RawWorkbook, ReadError, open, read,
};

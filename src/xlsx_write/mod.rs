//! Writing workbooks: the only module that uses rust_xlsxwriter.

mod form;
mod list;
mod report;
mod review;
/// The house style of every workbook styr writes (public so the benchmarks replay it exactly).
pub mod style;

pub use form::{
    CORRECTIONS_SHEET, IDENTITY_KEYS, LIMITS_PREFIX, LISTS_SHEET, META_SHEET, PROPERTY_PREFIX,
    write_form,
};
pub use list::{Cell, HEADER_ROW, ListSheet, write_list_workbook, write_titled_list_workbook};
pub use report::{overview_layout, write_report};
pub use review::write_review;

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the workbook: {0}")]
pub struct WriteError(#[from] rust_xlsxwriter::XlsxError);

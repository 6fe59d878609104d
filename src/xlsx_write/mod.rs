//! Writing workbooks: the house style, the list-sheet writer and the names of the sheets styr
//! writes. It knows no form instance and no report: the form writer lives in
//! `generate::workbook`, the Översikt report in `report::uppfoljning::workbook` and the target
//! review in `report::malforslag::review`, each next to the types it draws.

mod list;
pub mod sheets;
/// The house style of every workbook styr writes (public so the benchmarks replay it exactly).
pub mod style;

pub use list::{
    Cell, HEADER_ROW, ListSheet, fit_rows, print_header, set_properties, write_list_sheet,
    write_list_sheets, write_list_workbook, write_titled_list_workbook,
};
pub use sheets::{
    CORRECTIONS_SHEET, IDENTITY_KEYS, LIMITS_PREFIX, LISTS_SHEET, META_SHEET, PROPERTY_PREFIX,
    internal_link,
};

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the workbook: {0}")]
pub struct WriteError(#[from] rust_xlsxwriter::XlsxError);

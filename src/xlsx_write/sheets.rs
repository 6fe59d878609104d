//! The names of the sheets and identity keys styr writes and reads back: one place for the
//! writers, the internal links between sheets and the readers.

/// The hidden sheet holding the lists of choice fields.
pub const LISTS_SHEET: &str = "_listor";
/// The hidden sheet holding the workbook's identity, key in column A, value in column B.
pub const META_SHEET: &str = "_styr";
/// The `_styr` key prefix of the limits a row's outcome is judged by:
/// `limits.<section>.<row key>` = `model::Limits::record`.
pub const LIMITS_PREFIX: &str = "limits.";
/// Prefix of the custom document properties carrying the identity.
pub const PROPERTY_PREFIX: &str = "styr.";
/// The identity keys, written both as custom properties and in the `_styr` sheet.
pub const IDENTITY_KEYS: &[&str] = &[
    "kind",
    "version",
    "recipient",
    "period",
    "instance",
    "fingerprint",
];
/// The first sheet of every form workbook.
pub const INSTRUCTIONS_SHEET: &str = "Instruktioner";
/// The sheet listing what to correct, in correction workbooks.
pub const CORRECTIONS_SHEET: &str = "Att rätta";

/// The first sheet of the uppföljning and verksamhetsplan reports; every list sheet links back.
pub const OVERVIEW: &str = "Översikt";
/// The report's rules and definitions.
pub const DEFINITIONS: &str = "Definitioner";
/// The report's internal-control sheet.
pub const CONTROL: &str = "Intern kontroll";
/// The report's analyses and åtgärder of missed indicators.
pub const ANALYSES: &str = "Analyser";
/// The report's quality assessments.
pub const QUALITY: &str = "Kvalitet";
/// The development goals and their activities (uppföljning and verksamhetsplan reports).
pub const GOALS: &str = "Utvecklingsmål";
/// The quality factors of every unit, per perspective (verksamhetsplan report).
pub const FACTORS: &str = "Kvalitetsfaktorer";
/// The returns register, in `inlamning.xlsx` and in the report.
pub const RETURNS: &str = "Inlämning";
/// The report's stored values.
pub const DATA: &str = "Data";

/// An internal hyperlink to `cell` (`A1`, or a [`crate::domain::CellRef`]) of `sheet`, the
/// sheet name quoted as Excel wants it: the one way every workbook links between its sheets.
pub fn internal_link(sheet: &str, cell: impl std::fmt::Display) -> rust_xlsxwriter::Url {
    rust_xlsxwriter::Url::new(format!(
        "internal:{}!{cell}",
        crate::domain::SheetCell::quoted_sheet(sheet)
    ))
}

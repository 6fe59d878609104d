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

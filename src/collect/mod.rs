//! Collecting returned workbooks: identify each file, read and validate every input, decide
//! which return counts, and store what is valid.

pub mod identify;
pub mod read;
pub mod value;

pub use identify::{Identity, identify};
pub use read::{FormRead, ReadValue, read_form};

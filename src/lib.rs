//! styr: planning and follow-up of a Swedish municipality's governance model through Excel
//! workbooks.
//!
//! The data flows one way: the [`workspace`] (configuration, catalogue, [`form`] definitions)
//! drives the workbooks that are written, read back and checked.

// Diagnostics are large and travel the cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod cmd;
pub mod collect;
pub mod diag;
pub mod domain;
pub mod form;
pub mod fsx;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod model;
pub mod report;
pub mod sample;
pub mod send;
pub mod status;
pub mod toml_check;
pub mod workspace;
pub mod xlsx_read;
pub mod xlsx_write;

#![allow(dead_code)]

pub mod cases;
pub mod fill;
pub mod golden;
pub mod hostile;
pub mod xlsx_edit;

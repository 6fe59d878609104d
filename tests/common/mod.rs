#![allow(dead_code)]

pub mod fill;
pub mod golden;
pub mod hostile;

//! Reading workbooks: the only module that uses calamine.

pub mod catalogue;

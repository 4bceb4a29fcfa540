//! Everything shown to users: terminal tables, machine formats, workbooks.

pub mod plan_toml;
pub mod plan_workbook;
pub mod report;
pub mod summary;
pub mod template;
pub mod terminal;
pub mod xlsx;

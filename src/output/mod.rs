//! Everything shown to users: terminal tables, machine formats, workbooks.

pub mod bars;
pub mod diff;
pub mod html;
pub mod labels;
pub mod narrative;
pub mod plan_toml;
pub mod plan_workbook;
pub mod report;
pub mod rollover;
pub mod summary;
pub mod template;
pub mod terminal;
pub mod xlsx;

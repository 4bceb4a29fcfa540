//! Everything shown to users: terminal tables, machine formats, workbooks.

pub(crate) mod bars;
pub(crate) mod diff;
pub(crate) mod html;
pub(crate) mod labels;
pub(crate) mod narrative;
pub(crate) mod plan_toml;
pub mod plan_workbook;
pub(crate) mod report;
pub(crate) mod rollover;
pub mod summary;
pub(crate) mod template;
pub(crate) mod terminal;
pub mod xlsx;

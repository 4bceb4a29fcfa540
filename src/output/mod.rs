//! Everything shown to users: terminal tables, machine formats, workbooks.

pub mod summary;
pub mod template;

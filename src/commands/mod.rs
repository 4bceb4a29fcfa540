//! One file per command, each with its `run`; what they share is in
//! [`crate::session`].

pub mod check;
pub mod convert;
pub mod dashboard;
pub mod diff;
pub mod history;
pub mod import;
pub mod init;
pub mod inspect;
pub mod list;
pub mod origin;
pub mod record;
pub mod report;
pub mod rollover;
pub mod summary;
pub mod template;

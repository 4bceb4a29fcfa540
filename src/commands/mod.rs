//! One file per command, each with its `run`; what they share is in
//! [`crate::session`].

pub(crate) mod check;
pub(crate) mod convert;
pub(crate) mod dashboard;
pub(crate) mod diff;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod inspect;
pub(crate) mod list;
pub(crate) mod origin;
pub mod record;
pub(crate) mod report;
pub(crate) mod rollover;
pub(crate) mod summary;
pub(crate) mod template;

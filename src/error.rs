//! Errors that stop a command before it can judge the input: usage and I/O
//! (exit 2). Problems *in* a plan are diagnostics (exit 1), not errors.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    /// A workbook that cannot be read at all.
    #[error("{}: {message}", path.display())]
    Unreadable { path: PathBuf, message: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Exit code: 2 for usage and I/O.
    pub fn code(&self) -> u8 {
        2
    }
}

impl From<crate::load::LoadError> for Error {
    fn from(e: crate::load::LoadError) -> Self {
        match e {
            crate::load::LoadError::Io { path, source } => Error::Io { path, source },
            crate::load::LoadError::Unreadable { path, message } => {
                Error::Unreadable { path, message }
            }
        }
    }
}

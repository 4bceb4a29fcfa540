//! Why a command stops, and its exit code: 1 for invalid input (the
//! diagnostics saying why are already printed), 2 for usage and I/O.

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
    /// The input is invalid (exit 1): the diagnostics saying why, or the
    /// refusal, are already printed.
    #[error("invalid input")]
    Invalid,
    /// The command line is wrong and clap has already said so (exit 2).
    #[error("usage")]
    UsageShown,
}

impl Error {
    /// Exit code: 1 for invalid input, 2 for usage and I/O.
    pub fn code(&self) -> u8 {
        match self {
            Error::Invalid => 1,
            _ => 2,
        }
    }

    /// Whether what the user needs to know is already printed: nothing more
    /// to say, only the exit code.
    pub fn reported(&self) -> bool {
        matches!(self, Error::Invalid | Error::UsageShown)
    }

    /// The message as shown to the user: paths with the platform's separator,
    /// system errors in the chosen language (see [`crate::platform`]).
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Error::Io { path, source } => {
                let path = crate::platform::native(path);
                let msg = crate::platform::io_message(source, lang);
                crate::i18n::commands::files::path_message(lang, path.display(), msg)
            }
            Error::Unreadable { path, message } => {
                format!("{}: {message}", crate::platform::native(path).display())
            }
            Error::Usage(_) | Error::Invalid | Error::UsageShown => self.to_string(),
        }
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

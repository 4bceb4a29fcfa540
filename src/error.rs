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

    /// The message as shown to the user: paths with the platform's separator,
    /// system errors in the chosen language (see [`crate::platform`]).
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Error::Io { path, source } => {
                let path = crate::platform::native(path);
                let msg = crate::platform::io_message(source, lang);
                match lang {
                    crate::i18n::Lang::Fr => format!("{} : {msg}", path.display()),
                    crate::i18n::Lang::En => format!("{}: {msg}", path.display()),
                }
            }
            Error::Unreadable { path, message } => {
                format!("{}: {message}", crate::platform::native(path).display())
            }
            Error::Usage(_) => self.to_string(),
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

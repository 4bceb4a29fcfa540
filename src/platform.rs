//! What differs between Windows and the other systems, seen from a user:
//! the path separator ptba prints, and the wording of system errors (which
//! Windows and Linux phrase differently, and always in English under Wine).

use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::{self, Lang};

/// The path with the platform's separator: on Windows, `plans/exemple.toml`
/// becomes `plans\exemple.toml`, so that a log derived from it never prints
/// as `plans/exemple\…` (both separators in one path). Unchanged elsewhere,
/// and unchanged when it is not valid Unicode.
pub fn native(path: &Path) -> PathBuf {
    if cfg!(windows) {
        native_text(path)
    } else {
        path.to_path_buf()
    }
}

/// [`native`] as it is done on Windows (testable on every system).
pub fn native_text(path: &Path) -> PathBuf {
    match path.to_str() {
        Some(s) if s.contains('/') => PathBuf::from(s.replace('/', "\\")),
        _ => path.to_path_buf(),
    }
}

/// Windows error codes that mean "another program has this file open".
const SHARING_VIOLATION: i32 = 32;
const LOCK_VIOLATION: i32 = 33;
const ACCESS_DENIED: i32 = 5;

/// A system error in the chosen language, with what to do about it. The same
/// words on every system (the system's own text differs between Windows and
/// Linux, and Wine's is English).
pub fn io_message(e: &io::Error, lang: Lang) -> String {
    io_message_for(e, lang, cfg!(windows))
}

/// [`io_message`] for a given system (testable on every system).
pub fn io_message_for(e: &io::Error, lang: Lang, windows: bool) -> String {
    let raw = e.raw_os_error();
    if windows && matches!(raw, Some(SHARING_VIOLATION | LOCK_VIOLATION)) {
        return i18n::commands::files::open_in_another_program(lang).to_string();
    }
    if windows && raw == Some(ACCESS_DENIED) {
        return i18n::commands::files::access_denied(lang).to_string();
    }
    // An error ptba made itself carries its own message, already in the
    // user's language: only the system's errors are reworded.
    if raw.is_none() && e.get_ref().is_some() {
        return e.to_string();
    }
    i18n::commands::files::io_error(lang, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_get_one_separator() {
        assert_eq!(
            native_text(Path::new("plans/exemple-2024.toml")),
            PathBuf::from("plans\\exemple-2024.toml")
        );
        assert_eq!(
            native_text(Path::new("C:\\plans/suivi/2024.toml")),
            PathBuf::from("C:\\plans\\suivi\\2024.toml")
        );
    }

    #[test]
    fn system_errors_read_the_same_everywhere() {
        let gone = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(
            io_message_for(&gone, Lang::Fr, false),
            "fichier ou dossier introuvable"
        );
        assert_eq!(
            io_message_for(&gone, Lang::En, true),
            "file or folder not found"
        );
        let locked = io::Error::from_raw_os_error(SHARING_VIOLATION);
        assert!(
            io_message_for(&locked, Lang::Fr, true)
                .starts_with("fichier ouvert dans un autre programme")
        );
        let denied = io::Error::from_raw_os_error(ACCESS_DENIED);
        assert!(io_message_for(&denied, Lang::En, true).contains("open in another program"));
    }
}

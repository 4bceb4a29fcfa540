//! What differs between Windows and the other systems, seen from a user:
//! the path separator ptba prints, and the wording of system errors (which
//! Windows and Linux phrase differently, and always in English under Wine).

use std::io;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

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
    use io::ErrorKind as K;
    let raw = e.raw_os_error();
    if windows && matches!(raw, Some(SHARING_VIOLATION | LOCK_VIOLATION)) {
        return lang
            .pick(
                "fichier ouvert dans un autre programme (Excel, LibreOffice…) : le fermer, puis relancer la commande",
                "file open in another program (Excel, LibreOffice…): close it, then run the command again",
            )
            .to_string();
    }
    if windows && raw == Some(ACCESS_DENIED) {
        return lang
            .pick(
                "accès refusé : fichier en lecture seule, sans droit d'écriture, ou ouvert dans un autre programme (Excel, LibreOffice…) ; le fermer, puis relancer la commande",
                "access denied: the file is read-only, not writable by you, or open in another program (Excel, LibreOffice…); close it, then run the command again",
            )
            .to_string();
    }
    // An error ptba made itself carries its own message, already in the
    // user's language: only the system's errors are reworded.
    if raw.is_none() && e.get_ref().is_some() {
        return e.to_string();
    }
    let (fr, en) = match e.kind() {
        K::NotFound => ("fichier ou dossier introuvable", "file or folder not found"),
        K::PermissionDenied => (
            "permission refusée (droits du fichier ou du dossier)",
            "permission denied (rights on the file or its folder)",
        ),
        K::AlreadyExists => ("le fichier existe déjà", "the file already exists"),
        K::IsADirectory => (
            "c'est un dossier, pas un fichier",
            "this is a folder, not a file",
        ),
        K::NotADirectory => (
            "un élément du chemin n'est pas un dossier",
            "a part of the path is not a folder",
        ),
        K::StorageFull => ("disque plein", "disk full"),
        K::ReadOnlyFilesystem => ("support en lecture seule", "read-only file system"),
        K::InvalidData => ("contenu illisible", "unreadable content"),
        K::Interrupted | K::TimedOut => ("opération interrompue", "operation interrupted"),
        _ => {
            return match lang {
                Lang::Fr => format!("erreur du système : {e}"),
                Lang::En => format!("system error: {e}"),
            };
        }
    };
    lang.pick(fr, en).to_string()
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

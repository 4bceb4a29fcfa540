//! The sentences of text files: size and encoding.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- text files: size and encoding ----

/// A text file given that is a folder.
pub fn is_a_directory(lang: Lang) -> &'static str {
    lang.pick("c'est un dossier", "is a directory")
}

/// A text file given that is a device, pipe or socket.
pub fn not_a_regular_text_file(lang: Lang) -> &'static str {
    lang.pick(
        "ce n'est pas un fichier ordinaire (périphérique, tube ou socket) : rien n'est lu",
        "not a regular file (device, pipe or socket): nothing is read",
    )
}

/// E026: a text file larger than the limit.
pub fn text_file_too_large(lang: Lang, bytes: impl Display, max: impl Display) -> String {
    tr!(
        lang,
        "fichier de {bytes} octets : au-delà de la limite de {max} octets",
        "file of {bytes} bytes: above the limit of {max} bytes"
    )
}

/// E026: a text file that turned out larger than the limit while read.
pub fn text_file_grew_too_large(lang: Lang, max: impl Display) -> String {
    tr!(
        lang,
        "fichier de plus de {max} octets : au-delà de la limite",
        "file of more than {max} bytes: above the limit"
    )
}

/// E002: an encoding message with its line.
pub fn at_line(lang: Lang, message: impl Display, line: impl Display) -> String {
    tr!(lang, "{message} (ligne {line})", "{message} (line {line})")
}

/// E002 help: save the file as UTF-8.
pub fn save_as_utf8(lang: Lang) -> &'static str {
    lang.pick(
        "enregistrer le fichier en UTF-8 (texte brut) et recommencer",
        "save the file as UTF-8 (plain text) and try again",
    )
}

/// E002: a text file in UTF-16.
pub fn utf16(lang: Lang) -> &'static str {
    lang.pick("le fichier est en UTF-16", "the file is UTF-16 encoded")
}

/// E002: a text file with NUL bytes.
pub fn nul_bytes(lang: Lang) -> &'static str {
    lang.pick(
        "le fichier contient des octets nuls : ce n'est pas un fichier texte",
        "the file contains NUL bytes: it is not a text file",
    )
}

/// E002: a text file that is not UTF-8.
pub fn not_utf8(lang: Lang) -> &'static str {
    lang.pick(
        "le fichier n'est pas en UTF-8",
        "the file is not valid UTF-8",
    )
}

//! Files and the command line: output policy, writing, system errors
//! (fsutil, platform, error, cli).

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- files ----

/// `-o FILE` with an extension the command does not write (usage error).
pub fn wrong_extension(lang: Lang, path: impl Display, wanted: impl Display) -> String {
    tr!(
        lang,
        "-o {path} : ce fichier doit avoir l'extension {wanted} (rien n'est écrit)",
        "-o {path}: this file must have the extension {wanted} (nothing is written)"
    )
}

/// Between the extensions allowed (`.xlsx or .toml`).
pub fn or_word(lang: Lang) -> &'static str {
    lang.pick(" ou ", " or ")
}

/// `-o FILE` naming a file the command reads (usage error).
pub fn output_is_input(lang: Lang, path: impl Display, input: impl Display) -> String {
    tr!(
        lang,
        "-o {path} : c'est aussi un fichier lu par la commande ({input}) ; ptba n'écrit jamais sur ses entrées, même avec --force : choisir un autre fichier de sortie",
        "-o {path}: it is also a file the command reads ({input}); ptba never writes over its inputs, even with --force: choose another output file"
    )
}

/// `-o FOLDER` (usage error).
pub fn output_is_folder(lang: Lang, path: impl Display) -> String {
    tr!(
        lang,
        "{path} est un dossier : donner un nom de fichier",
        "{path} is a folder: give a file name"
    )
}

/// `-o FILE` that exists, without `--force` (usage error).
pub fn output_exists(lang: Lang, path: impl Display) -> String {
    tr!(
        lang,
        "{path} existe déjà : ajouter --force pour le remplacer",
        "{path} already exists: add --force to replace it"
    )
}

/// A file ptba would replace is read-only.
pub fn read_only_file(lang: Lang) -> &'static str {
    lang.pick("fichier en lecture seule (ou qui n'est pas un fichier ordinaire) : ptba ne le remplace pas ; le rendre modifiable (chmod u+w, ou décocher « Lecture seule ») s'il doit l'être", "read-only file (or not a regular file): ptba does not replace it; make it writable (chmod u+w, or untick \"Read-only\") if it must be")
}

/// Writing in a folder that does not exist.
pub fn folder_missing(lang: Lang) -> &'static str {
    lang.pick(
        "le dossier n'existe pas : le créer ou en choisir un autre",
        "the folder does not exist: create it or choose another one",
    )
}

/// Writing in a folder ptba may not write in.
pub fn folder_not_writable(lang: Lang) -> &'static str {
    lang.pick(
        "le dossier n'est pas accessible en écriture : en choisir un autre",
        "the folder is not writable: choose another one",
    )
}

/// Writing on a full disk.
pub fn disk_full(lang: Lang) -> &'static str {
    lang.pick(
        "le disque est plein : libérer de la place ou écrire ailleurs",
        "the disk is full: free some space or write elsewhere",
    )
}

/// Writing in a folder failed for another reason.
pub fn check_folder(lang: Lang) -> &'static str {
    lang.pick(
        "vérifier le dossier et recommencer",
        "check the folder and try again",
    )
}

/// Writing in a folder failed (nothing is changed).
pub fn cannot_write_in_folder(
    lang: Lang,
    folder: impl Display,
    detail: impl Display,
    hint: impl Display,
) -> String {
    tr!(
        lang,
        "impossible d'écrire dans le dossier {folder}{detail} : {hint} ; aucun fichier n'est modifié",
        "cannot write in the folder {folder}{detail}: {hint}; no file is changed"
    )
}

/// Writing a workbook failed in its temporary folder.
pub fn workbook_write_failed(
    lang: Lang,
    path: impl Display,
    message: impl Display,
    tmp: impl Display,
) -> String {
    tr!(
        lang,
        "impossible d'écrire {path} : l'écriture du classeur a échoué ({message}) ; ses fichiers temporaires vont dans le dossier {tmp} : vérifier qu'il reste de la place (ou en nommer un autre avec la variable TMPDIR) ; aucun fichier n'est modifié",
        "cannot write {path}: writing the workbook failed ({message}); its temporary files go to the folder {tmp}: check that it has free space (or name another one with the TMPDIR variable); no file is changed"
    )
}

/// Windows: a file is open in another program.
pub fn open_in_another_program(lang: Lang) -> &'static str {
    lang.pick("fichier ouvert dans un autre programme (Excel, LibreOffice…) : le fermer, puis relancer la commande", "file open in another program (Excel, LibreOffice…): close it, then run the command again")
}

/// Windows: access denied.
pub fn access_denied(lang: Lang) -> &'static str {
    lang.pick("accès refusé : fichier en lecture seule, sans droit d'écriture, ou ouvert dans un autre programme (Excel, LibreOffice…) ; le fermer, puis relancer la commande", "access denied: the file is read-only, not writable by you, or open in another program (Excel, LibreOffice…); close it, then run the command again")
}

// ---- command line and errors ----

/// A date argument that is not a date (clap value parser).
pub fn date_expected(lang: Lang) -> &'static str {
    lang.pick(
        "date attendue sous la forme AAAA-MM-JJ ou JJ/MM/AAAA",
        "a date is expected, as YYYY-MM-DD or DD/MM/YYYY",
    )
}

/// An I/O error: the path, then what went wrong.
pub fn path_message(lang: Lang, path: impl Display, message: impl Display) -> String {
    tr!(lang, "{path} : {message}", "{path}: {message}")
}

/// Ctrl-C: the temporary files are removed before ptba stops.
pub fn interrupted(lang: Lang) -> &'static str {
    lang.pick(
        "ptba : interrompu ; aucun fichier n'est modifié à moitié.\n",
        "ptba: interrupted; no file is left half-written.\n",
    )
}

/// What a system error means, in the user's words (any system).
pub fn io_error(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
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
            return tr!(lang, "erreur du système : {e}", "system error: {e}");
        }
    };
    lang.pick(fr, en).to_string()
}

//! The sentences of the guard: limits checked before a workbook is read.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- the guard: limits checked before a workbook is read ----

/// Guard: a zip archive with more entries than a workbook has.
pub fn zip_too_many_entries(
    lang: Lang,
    entries: impl Display,
    max_entries: impl Display,
) -> String {
    tr!(
        lang,
        "archive zip de {entries} entrées (au plus {max_entries}) : ce n'est pas un classeur ordinaire",
        "zip archive of {entries} entries (at most {max_entries}): not an ordinary workbook"
    )
}

/// Guard: the end of the zip archive is missing.
pub fn zip_end_missing(lang: Lang) -> &'static str {
    lang.pick(
        "classeur tronqué ou abîmé : la fin de l'archive zip manque (fichier incomplet ?)",
        "truncated or damaged workbook: the end of the zip archive is missing (incomplete file?)",
    )
}

/// Guard: a zip directory declaring more entries than it holds.
pub fn zip_entries_overcount(lang: Lang) -> &'static str {
    lang.pick(
        "archive zip incohérente : plus d'entrées annoncées que le répertoire n'en contient",
        "inconsistent zip archive: more entries declared than the directory holds",
    )
}

/// Guard: a zip archive that is neither an xlsx nor an ods.
pub fn zip_without_workbook(lang: Lang) -> &'static str {
    lang.pick(
        "archive zip sans classeur (ni xl/workbook.xml ni content.xml) : ce n'est pas un fichier .xlsx ou .ods",
        "zip archive without a workbook (neither xl/workbook.xml nor content.xml): not an .xlsx or .ods file",
    )
}

/// Guard: a zip entry that cannot be read (its header).
pub fn zip_entry_unreadable_at(lang: Lang, error: impl Display) -> String {
    tr!(
        lang,
        "entrée zip illisible ({error})",
        "unreadable zip entry ({error})"
    )
}

/// Guard: a zip entry that cannot be read.
pub fn zip_entry_unreadable(lang: Lang, name: impl Display, error: impl Display) -> String {
    tr!(
        lang,
        "entrée zip « {name} » illisible ({error})",
        "unreadable zip entry \"{name}\" ({error})"
    )
}

/// Guard: a zip archive whose directory cannot be read.
pub fn zip_unreadable(lang: Lang, error: impl Display) -> String {
    tr!(
        lang,
        "archive zip illisible ({error}) : classeur abîmé ou tronqué",
        "unreadable zip archive ({error}): damaged or truncated workbook"
    )
}

/// Guard: which part, after the unpacked-size message.
pub fn in_part(lang: Lang, part: impl Display) -> String {
    tr!(lang, " (partie {part})", " (part {part})")
}

/// E026: the XML parts decompress past --max-unpacked-size.
pub fn unpacked_too_large(
    lang: Lang,
    mib: impl Display,
    in_part: impl Display,
    max_mib: impl Display,
) -> String {
    tr!(
        lang,
        "les parties XML du classeur se décompressent en plus de {mib} Mio{in_part} (au plus {max_mib} Mio) : bombe zip ou classeur démesuré",
        "the workbook's XML parts decompress to more than {mib} MiB{in_part} (at most {max_mib} MiB): a zip bomb or an oversized workbook"
    )
}

/// Guard: a part of the workbook that cannot be read.
pub fn part_unreadable(lang: Lang, part: impl Display, reason: impl Display) -> String {
    tr!(
        lang,
        "partie « {part} » illisible ({reason}) : classeur abîmé ou tronqué",
        "part \"{part}\" unreadable ({reason}): damaged or truncated workbook"
    )
}

/// E026: a sheet with a value past --max-rows.
pub fn sheet_too_many_rows(
    lang: Lang,
    sheet: impl Display,
    row: impl Display,
    max_rows: impl Display,
) -> String {
    tr!(
        lang,
        "la feuille « {sheet} » a une valeur à la ligne {row} (au plus {max_rows} lignes)",
        "sheet \"{sheet}\" has a value on row {row} (at most {max_rows} rows)"
    )
}

/// E026: a sheet with a value past --max-columns.
pub fn sheet_too_many_columns(
    lang: Lang,
    sheet: impl Display,
    column: impl Display,
    number: impl Display,
    max_columns: impl Display,
) -> String {
    tr!(
        lang,
        "la feuille « {sheet} » a une valeur dans la colonne {column} (n° {number}, au plus {max_columns} colonnes)",
        "sheet \"{sheet}\" has a value in column {column} (number {number}, at most {max_columns} columns)"
    )
}

/// E026: a sheet whose text would pass --max-unpacked-size.
pub fn sheet_too_much_text(
    lang: Lang,
    sheet: impl Display,
    mib: impl Display,
    max_mib: impl Display,
) -> String {
    tr!(
        lang,
        "la feuille « {sheet} » ferait lire plus de {mib} Mio de texte (cellules répétées, espaces <text:s>) : au plus {max_mib} Mio",
        "sheet \"{sheet}\" would make the reader build more than {mib} MiB of text (repeated cells, <text:s> spaces): at most {max_mib} MiB"
    )
}

/// E026: a sheet bringing the workbook past --max-cells.
pub fn sheet_too_many_cells(
    lang: Lang,
    sheet: impl Display,
    cells: impl Display,
    max_cells: impl Display,
) -> String {
    tr!(
        lang,
        "la feuille « {sheet} » porte le classeur à {cells} cellules à lire (au plus {max_cells})",
        "sheet \"{sheet}\" brings the workbook to {cells} cells to read (at most {max_cells})"
    )
}

/// E026: a workbook file larger than --max-file-size.
pub fn file_too_large(lang: Lang, mib: impl Display, max_mib: impl Display) -> String {
    tr!(
        lang,
        "fichier de {mib} Mio (au plus {max_mib} Mio)",
        "file of {mib} MiB (at most {max_mib} MiB)"
    )
}

/// Guard: an empty file given as a workbook.
pub fn file_empty(lang: Lang) -> &'static str {
    lang.pick(
        "le fichier est vide : ce n'est pas un classeur",
        "the file is empty: it is not a workbook",
    )
}

/// Guard: a file that is neither a zip workbook nor an xls.
pub fn not_a_workbook(lang: Lang) -> &'static str {
    lang.pick(
        "ce n'est pas un classeur Excel ou LibreOffice (ni zip xlsx/ods, ni xls) : l'enregistrer au format .xlsx",
        "this is not an Excel or LibreOffice workbook (neither an xlsx/ods zip nor an xls): save it as .xlsx",
    )
}

/// Guard: an .ods whose content.xml ends inside a sheet.
pub fn ods_truncated(lang: Lang, sheet: impl Display) -> String {
    tr!(
        lang,
        "classeur .ods tronqué : la feuille « {sheet} » n'est pas fermée (content.xml s'arrête au milieu)",
        "truncated .ods workbook: sheet \"{sheet}\" is not closed (content.xml stops in the middle)"
    )
}

/// Guard: an .xls whose sector chain loops or leaves the file.
pub fn xls_bad_chain(lang: Lang) -> &'static str {
    lang.pick(
        "classeur .xls abîmé : chaîne de secteurs invalide (boucle ou secteur hors du fichier)",
        "damaged .xls workbook: invalid sector chain (a loop or a sector outside the file)",
    )
}

/// Guard: an .xls that ends before its sectors do.
pub fn xls_truncated(lang: Lang) -> &'static str {
    lang.pick(
        "classeur .xls tronqué (fichier incomplet ?)",
        "truncated .xls workbook (incomplete file?)",
    )
}

/// Guard: an .xls whose compound-file header is invalid.
pub fn xls_bad_header(lang: Lang) -> &'static str {
    lang.pick(
        "classeur .xls abîmé ou tronqué (en-tête du fichier composite invalide)",
        "damaged or truncated .xls workbook (invalid compound file header)",
    )
}

/// Guard: a compound file without a Workbook stream.
pub fn xls_without_workbook(lang: Lang) -> &'static str {
    lang.pick(
        "fichier composite sans classeur (pas de flux Workbook) : ce n'est pas un .xls",
        "compound file without a workbook (no Workbook stream): not an .xls",
    )
}

/// Guard: an .xls stream claiming more bytes than the file has.
pub fn xls_stream_too_long(lang: Lang) -> &'static str {
    lang.pick(
        "classeur .xls abîmé : un flux annonce plus d'octets que le fichier n'en a",
        "damaged .xls workbook: a stream claims more bytes than the file has",
    )
}

/// Guard: an .xls sheet starting outside its stream.
pub fn xls_sheet_outside(lang: Lang) -> &'static str {
    lang.pick(
        "classeur .xls abîmé : une feuille commence hors du flux",
        "damaged .xls workbook: a sheet starts outside the stream",
    )
}

/// Guard: an .xls sheet with inconsistent dimensions.
pub fn xls_bad_dimensions(lang: Lang) -> &'static str {
    lang.pick(
        "classeur .xls abîmé : dimensions de feuille incohérentes",
        "damaged .xls workbook: inconsistent sheet dimensions",
    )
}

/// E026: an .xls sheet declaring more than --max-cells cells.
pub fn xls_sheet_too_many_cells(
    lang: Lang,
    sheet: impl Display,
    cells: impl Display,
    max_cells: impl Display,
) -> String {
    tr!(
        lang,
        "la feuille {sheet} annonce {cells} cellules (au plus {max_cells})",
        "sheet {sheet} declares {cells} cells (at most {max_cells})"
    )
}

/// Guard: the inspection of a workbook failed (a worker stopped).
pub fn workbook_unreadable_plain(lang: Lang) -> &'static str {
    lang.pick("classeur illisible", "unreadable workbook")
}

/// E026: a shared-strings table claiming more than --max-cells strings.
pub fn shared_strings_claimed(lang: Lang, count: impl Display, max_cells: impl Display) -> String {
    tr!(
        lang,
        "la table des textes partagés annonce {count} textes (uniqueCount, au plus {max_cells}) : classeur hostile ou démesuré",
        "the shared-strings table claims {count} strings (uniqueCount, at most {max_cells}): a hostile or oversized workbook"
    )
}

/// E026: more shared strings than --max-cells.
pub fn shared_strings_too_many(lang: Lang, max_cells: impl Display) -> String {
    tr!(
        lang,
        "plus de {max_cells} textes partagés",
        "more than {max_cells} shared strings"
    )
}

/// Guard: a sheet dimension beyond Excel's limits.
pub fn xlsx_dimension_beyond_excel(lang: Lang) -> &'static str {
    lang.pick(
        "dimension de feuille au-delà des limites d'Excel : classeur abîmé",
        "sheet dimension beyond Excel's limits: damaged workbook",
    )
}

/// Guard: a cell reference beyond Excel's limits.
pub fn xlsx_cell_beyond_excel(lang: Lang) -> &'static str {
    lang.pick(
        "référence de cellule au-delà des limites d'Excel : classeur abîmé",
        "cell reference beyond Excel's limits: damaged workbook",
    )
}

//! The sentences of reading a workbook: the reader and its cells.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- reading a workbook: the reader and its cells ----

/// The workbook reader failed on the file: what it said.
pub fn workbook_unreadable(lang: Lang, reason: impl Display) -> String {
    tr!(
        lang,
        "classeur illisible : {reason}",
        "unreadable workbook: {reason}"
    )
}

/// The workbook reader met a structure it cannot read.
pub fn workbook_invalid_structure(lang: Lang) -> &'static str {
    lang.pick(
        "classeur illisible : le lecteur a rencontré une structure invalide",
        "unreadable workbook: the reader met an invalid structure",
    )
}

/// E011: an amount cell whose formula gives an error.
pub fn formula_error(lang: Lang, error: impl Display) -> String {
    tr!(
        lang,
        "la formule de cette cellule donne une erreur ({error}) : pas de montant",
        "this cell's formula gives an error ({error}): no amount"
    )
}

/// E011/E026: an amount cell that is not an amount: its text and why.
pub fn cell_refused(lang: Lang, text: impl Display, reason: impl Display) -> String {
    tr!(lang, "« {text} » : {reason}", "\"{text}\": {reason}")
}

/// E018: a date cell beyond 31/12/9999.
pub fn date_beyond_9999(lang: Lang) -> &'static str {
    lang.pick(
        "date au-delà du 31/12/9999 : saisir une date de l'année du plan (jj/mm/aaaa)",
        "date beyond 31/12/9999: enter a date of the plan year (dd/mm/yyyy)",
    )
}

/// E018: a date written with a two-digit year.
pub fn two_digit_year(lang: Lang, text: impl Display) -> String {
    tr!(
        lang,
        "« {text} » : année sur deux chiffres ; écrire l'année en entier (jj/mm/aaaa)",
        "\"{text}\": two-digit year; write the year in full (dd/mm/yyyy)"
    )
}

/// E018: a date cell that is not a date.
pub fn not_a_date(lang: Lang, text: impl Display) -> String {
    tr!(
        lang,
        "« {text} » n'est pas une date (attendu : une date Excel, 31/03/2024 ou 2024-03-31)",
        "\"{text}\" is not a date (expected an Excel date, 31/03/2024 or 2024-03-31)"
    )
}

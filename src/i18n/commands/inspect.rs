//! What `ptba inspect` prints, and the mapping file it writes.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- inspect ----

/// "2 axes, 4 actions, 5 activités": the logical framework read.
fn frame_counts(lang: Lang, axes: usize, actions: usize, activities: usize) -> String {
    use crate::i18n::count_in;
    [
        count_in(lang, axes, ("axe", "axes"), ("axis", "axes")),
        count_in(lang, actions, ("action", "actions"), ("action", "actions")),
        count_in(
            lang,
            activities,
            ("activité", "activités"),
            ("activity", "activities"),
        ),
    ]
    .join(", ")
}

/// `inspect`: a column ignored on purpose.
pub fn ignored(lang: Lang) -> &'static str {
    lang.pick("ignorée", "ignored")
}

/// `inspect`: a month column and its quarter.
pub fn month_column(lang: Lang, month: impl Display, quarter: impl Display) -> String {
    tr!(
        lang,
        "mois {month} (T{quarter})",
        "month {month} (Q{quarter})"
    )
}

/// `inspect`: first line, the workbook.
pub fn workbook_heading(lang: Lang, path: impl Display) -> String {
    tr!(lang, "Classeur : {path}", "Workbook: {path}")
}

/// `inspect`: a sheet and its header rows.
pub fn sheet_heading(lang: Lang, sheet: impl Display, rows: impl Display) -> String {
    tr!(
        lang,
        "Feuille « {sheet} » — en-tête ligne(s) {rows}",
        "Sheet \"{sheet}\" — header row(s) {rows}"
    )
}

/// `inspect`: before the sheet's columns.
pub fn columns_heading(lang: Lang) -> &'static str {
    lang.pick("colonnes :", "columns:")
}

/// `inspect`: before the sheet's levels.
pub fn levels_heading(lang: Lang) -> &'static str {
    lang.pick("niveaux :", "levels:")
}

/// `inspect`: each column states its own unit.
pub fn unit_per_column(lang: Lang) -> &'static str {
    lang.pick(
        "celle de l'en-tête de chaque colonne (ci-dessus)",
        "each column's own header (above)",
    )
}

/// `inspect`: no unit stated anywhere.
pub fn unit_as_written(lang: Lang) -> &'static str {
    lang.pick(
        "×1 : montants tels qu'écrits (aucune unité indiquée)",
        "×1: amounts as written (no unit stated)",
    )
}

/// `inspect`: before the sheet's unit.
pub fn unit_heading(lang: Lang) -> &'static str {
    lang.pick("unité :", "unit:")
}

/// `inspect`: what was read in a sheet.
pub fn sheet_read(
    lang: Lang,
    axes: usize,
    actions: usize,
    activities: usize,
    budget: impl Display,
    currency: impl Display,
) -> String {
    let counts = frame_counts(lang, axes, actions, activities);
    tr!(
        lang,
        "lu : {counts} ; budget {budget} {currency}",
        "read: {counts}; budget {budget} {currency}"
    )
}

/// `inspect`: the initial budget, after what was read.
pub fn initial_budget(lang: Lang, budget: impl Display) -> String {
    tr!(
        lang,
        " (budget initial {budget})",
        " (initial budget {budget})"
    )
}

/// `inspect`: hidden rows skipped.
pub fn hidden_rows(lang: Lang, rows: impl Display) -> String {
    tr!(lang, "lignes masquées {rows}", "hidden rows {rows}")
}

/// `inspect`: hidden columns skipped.
pub fn hidden_columns(lang: Lang, columns: impl Display) -> String {
    tr!(
        lang,
        "colonnes masquées {columns}",
        "hidden columns {columns}"
    )
}

/// `inspect`: before what was skipped.
pub fn skipped_heading(lang: Lang) -> &'static str {
    lang.pick("ignoré :", "skipped:")
}

/// First lines of the mapping file `inspect --write-mapping` writes.
pub fn mapping_header(lang: Lang, file: impl Display) -> String {
    tr!(
        lang,
        "# Correspondances pour {file} écrites par `ptba inspect` : corriger ce qui est faux, puis\n# ptba check {file} --mapping <ce fichier>",
        "# Mapping for {file} written by `ptba inspect`: fix what is wrong, then\n# ptba check {file} --mapping <this file>"
    )
}

/// Mapping file: the commented `scale` line when no unit was found.
pub fn mapping_scale_hint(lang: Lang) -> &'static str {
    lang.pick(
        "# scale = 1000   # si les montants sont en milliers",
        "# scale = 1000   # if the amounts are in thousands",
    )
}

/// Mapping file: before the levels read.
pub fn mapping_levels_heading(lang: Lang) -> &'static str {
    lang.pick("# niveaux lus :", "# levels read:")
}

/// Mapping file: a month column (in a comment).
pub fn month(lang: Lang, month: impl Display) -> String {
    tr!(lang, "mois {month}", "month {month}")
}

/// `inspect`: a column whose field is not recognised.
pub fn not_recognised(lang: Lang) -> &'static str {
    lang.pick("non reconnue", "not recognised")
}

/// `inspect` of several sheets: what was read in all.
pub fn plan_read(
    lang: Lang,
    axes: usize,
    actions: usize,
    activities: usize,
    budget: impl Display,
    currency: impl Display,
) -> String {
    let counts = frame_counts(lang, axes, actions, activities);
    tr!(
        lang,
        "Plan : {counts} ; budget {budget} {currency}",
        "Plan: {counts}; budget {budget} {currency}"
    )
}

/// `inspect`: last line, no error.
pub fn read_without_error(lang: Lang) -> &'static str {
    lang.pick(
        "Lecture sans erreur (les règles du plan : ptba check).",
        "Read without error (the plan's rules: ptba check).",
    )
}

/// `inspect`: last line, errors.
pub fn read_with_errors(lang: Lang, count: impl Display) -> String {
    tr!(
        lang,
        "{count} erreur(s) : le plan n'est pas lu tel quel ; voir ci-dessus.",
        "{count} error(s): the plan is not read as is; see above."
    )
}

/// `inspect` of a plan workbook ptba wrote: nothing to guess.
pub fn plan_workbook_exact(lang: Lang, path: impl Display) -> String {
    tr!(
        lang,
        "{path} : classeur du plan écrit par ptba (feuilles Plan, Sources, Activités…), lu exactement ; rien à deviner.\n",
        "{path}: plan workbook written by ptba (sheets Plan, Sources, Activités…), read exactly; nothing to guess.\n"
    )
}

/// `inspect --write-mapping` when no table was recognised (usage error).
pub fn no_table_no_mapping(lang: Lang) -> &'static str {
    lang.pick(
        "aucun tableau reconnu : pas de fichier de correspondances écrit",
        "no table recognised: no mapping file written",
    )
}

/// `inspect --write-mapping`: done.
pub fn mapping_written(lang: Lang, path: impl Display) -> String {
    tr!(
        lang,
        "Correspondances écrites : {path}\n",
        "Mapping written: {path}\n"
    )
}

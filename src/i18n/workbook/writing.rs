//! The texts the plan workbook and the template are written with.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- plan workbook: writing ----

/// The level word of an axis in the Indicateurs sheet.
pub fn level_axis(lang: Lang) -> &'static str {
    lang.pick("axe", "axis")
}

/// The level word of an activity in the Indicateurs sheet.
pub fn level_activity(lang: Lang) -> &'static str {
    lang.pick("activité", "activity")
}

/// Title of the error of a dropdown with fixed words.
pub fn unknown_value_title(lang: Lang) -> &'static str {
    lang.pick("Valeur inconnue", "Unknown value")
}

/// Start of the error message of a dropdown with fixed words.
pub fn pick_from_list(lang: Lang) -> &'static str {
    lang.pick("Choisir dans la liste :", "Pick from the list:")
}

/// Title of the error of the source dropdown.
pub fn unknown_source_title(lang: Lang) -> &'static str {
    lang.pick("Source inconnue", "Unknown source")
}

/// Message of the error of the source dropdown.
pub fn pick_source(lang: Lang) -> &'static str {
    lang.pick(
        "Choisir un code de la feuille Sources.",
        "Pick a code from the Sources sheet.",
    )
}

/// The Correction cell of a correction.
pub fn yes(lang: Lang) -> &'static str {
    lang.pick("oui", "yes")
}

/// The number format of dates in the plan workbook.
pub fn date_format(lang: Lang) -> &'static str {
    lang.pick("dd/mm/yyyy", "yyyy-mm-dd")
}

/// The subject of the plan workbook's document properties.
pub fn work_plan(lang: Lang) -> &'static str {
    lang.pick("Plan de travail (ptba)", "Work plan (ptba)")
}

// ---- template: writing ----

/// The document title and the page header of a template.
pub fn template_title(lang: Lang, title: impl Display) -> String {
    tr!(lang, "Suivi — {title}", "Progress — {title}")
}

/// Help shown when a date cell of the template is selected.
pub fn date_input(lang: Lang) -> &'static str {
    lang.pick(
        "Date de la situation, par exemple 31/03/2024",
        "Date of the situation, for example 31/03/2024",
    )
}

/// Title of the error of a date cell of the template.
pub fn date_invalid(lang: Lang) -> &'static str {
    lang.pick("Date invalide", "Invalid date")
}

/// Error of a date cell of the template: the years accepted.
pub fn date_between(lang: Lang, from: impl Display, to: impl Display) -> String {
    tr!(
        lang,
        "Saisir une date entre le 01/01/{from} et le 31/12/{to} (jj/mm/aaaa).",
        "Enter a date between 01/01/{from} and 31/12/{to} (dd/mm/yyyy)."
    )
}

/// Help shown when a status cell of the template is selected.
pub fn status_input(lang: Lang) -> &'static str {
    lang.pick("Choisir dans la liste", "Pick from the list")
}

/// Title of the error of a status cell of the template.
pub fn status_invalid(lang: Lang) -> &'static str {
    lang.pick("Statut invalide", "Invalid status")
}

/// Error of a status cell of the template: the words of the list.
pub fn status_pick(lang: Lang, words: impl Display) -> String {
    tr!(lang, "Choisir : {words}.", "Pick one of: {words}.")
}

/// Help shown when a progress cell of the template is selected.
pub fn progress_input(lang: Lang) -> &'static str {
    lang.pick(
        "Pourcentage de réalisation physique, nombre entier de 0 à 100",
        "Physical completion in percent, a whole number from 0 to 100",
    )
}

/// Title of the error of a progress cell of the template.
pub fn progress_invalid(lang: Lang) -> &'static str {
    lang.pick("Avancement invalide", "Invalid progress")
}

/// Error of a progress cell of the template.
pub fn progress_enter(lang: Lang) -> &'static str {
    lang.pick(
        "Saisir un nombre entier entre 0 et 100.",
        "Enter a whole number from 0 to 100.",
    )
}

/// Help shown when an amount cell of the template is selected.
pub fn amount_input(lang: Lang) -> &'static str {
    lang.pick(
        "Montant nouveau depuis la dernière remontée (pas le cumul)",
        "New amount since the last report (not the running total)",
    )
}

/// Title of the error of an amount cell of the template.
pub fn amount_invalid(lang: Lang) -> &'static str {
    lang.pick("Montant invalide", "Invalid amount")
}

/// Error of an amount cell of the template.
pub fn amount_enter(lang: Lang) -> &'static str {
    lang.pick(
        "Saisir un montant positif ou nul, sans texte.",
        "Enter an amount of zero or more, without text.",
    )
}

/// The title of the instructions sheet.
pub fn instructions_title(lang: Lang, title: impl Display) -> String {
    tr!(
        lang,
        "Suivi du plan : {title}",
        "Progress of the plan: {title}"
    )
}

/// Instructions: the plan file and year.
pub fn instructions_plan_file(lang: Lang, plan: impl Display, year: impl Display) -> String {
    tr!(
        lang,
        "Fichier du plan : {plan} — année {year}.",
        "Plan file: {plan} — year {year}."
    )
}

/// Instructions: a template of every activity.
pub fn instructions_all_activities(lang: Lang) -> &'static str {
    lang.pick(
        "Ce classeur liste toutes les activités du plan.",
        "This workbook lists every activity of the plan.",
    )
}

/// Instructions: a template of some activities ([`filter_responsible`],
/// [`filter_quarter`]).
pub fn instructions_some_activities(lang: Lang, filter: impl Display) -> String {
    tr!(
        lang,
        "Ce classeur liste les activités {filter}.",
        "This workbook lists the activities {filter}."
    )
}

/// Which activities: those of one responsible (`--responsible`).
pub fn filter_responsible(lang: Lang, responsible: impl Display) -> String {
    tr!(
        lang,
        "dont le responsable est « {responsible} »",
        "whose responsible is \"{responsible}\""
    )
}

/// Which activities: those of one quarter (`--quarter`).
pub fn filter_quarter(lang: Lang, quarter: impl Display) -> String {
    tr!(
        lang,
        "prévues au trimestre T{quarter}",
        "planned in quarter T{quarter}"
    )
}

/// Between two filters of the activities.
pub fn filter_and(lang: Lang) -> &'static str {
    lang.pick(" et ", " and ")
}

/// Instructions: how to fill in the entry sheet.
pub fn instructions_how(lang: Lang, sheet: impl Display) -> String {
    tr!(
        lang,
        "Comment remplir la feuille « {sheet} » :",
        "How to fill in the \"{sheet}\" sheet:"
    )
}

/// Instructions, 1: only the yellow columns.
pub fn instructions_only_yellow(lang: Lang) -> &'static str {
    lang.pick(
        "1. Ne remplir que les colonnes sur fond jaune : Date, Statut, Avancement (%), Engagé, Décaissé, Note. Les autres colonnes sont verrouillées.",
        "1. Fill in only the columns with a yellow background: Date, Status, Progress (%), Committed, Spent, Note. The other columns are locked.",
    )
}

/// Instructions, 2: the date.
pub fn instructions_date(lang: Lang) -> &'static str {
    lang.pick(
        "2. Date : la date de la situation (jj/mm/aaaa), obligatoire sur chaque ligne remplie.",
        "2. Date: the date of the situation (dd/mm/yyyy), required on every filled row.",
    )
}

/// Instructions, 3: the status, from the list.
pub fn instructions_status(lang: Lang, words: impl Display) -> String {
    tr!(
        lang,
        "3. Statut : choisir dans la liste ({words}).",
        "3. Status: pick from the list ({words})."
    )
}

/// Instructions, 4: the progress (`done`: the status word worth 100).
pub fn instructions_progress(lang: Lang, done: impl Display) -> String {
    tr!(
        lang,
        "4. Avancement (%) : réalisation physique de l'activité, nombre entier de 0 à 100 (« {done} » vaut 100).",
        "4. Progress (%): physical completion of the activity, a whole number from 0 to 100 (\"{done}\" is 100)."
    )
}

/// Instructions, 5: amounts are new money, not running totals.
pub fn instructions_amounts(lang: Lang) -> &'static str {
    lang.pick(
        "5. Engagé et Décaissé : montants NOUVEAUX depuis la dernière remontée, pas les cumuls, en chiffres (sans « FCFA »). La colonne « Décaissé à ce jour » rappelle ce qui est déjà enregistré pour cette source.",
        "5. Committed and Spent: NEW amounts since the last report, not running totals, in figures (without a currency such as \"FCFA\"). The \"Spent to date\" column shows what is already recorded for this source.",
    )
}

/// Instructions, 6: one row per source.
pub fn instructions_sources(lang: Lang) -> &'static str {
    lang.pick(
        "6. Une activité financée par plusieurs sources a une ligne par source : indiquer les montants sur la ligne de la source concernée.",
        "6. An activity funded by several sources has one row per source: enter the amounts on the row of the source concerned.",
    )
}

/// Instructions, 7: empty rows are ignored.
pub fn instructions_empty_rows(lang: Lang) -> &'static str {
    lang.pick(
        "7. Laisser vides les lignes sans nouvelle information : elles sont ignorées.",
        "7. Leave the rows without new information empty: they are ignored.",
    )
}

/// Instructions: save and send back.
pub fn instructions_send_back(lang: Lang) -> &'static str {
    lang.pick(
        "Ensuite : enregistrer le classeur (format .xlsx) et le renvoyer au responsable du suivi, qui l'importe avec :",
        "Then: save the workbook (.xlsx format) and send it back to the monitoring officer, who imports it with:",
    )
}

/// Instructions: the import command.
pub fn instructions_import(lang: Lang, plan: impl Display) -> String {
    tr!(
        lang,
        "    ptba import {plan} saisie.xlsx",
        "    ptba import {plan} entry.xlsx"
    )
}

/// Instructions: a bad cell refuses the whole file.
pub fn instructions_bad_cell(lang: Lang, sheet: impl Display) -> String {
    tr!(
        lang,
        "Si une cellule est invalide, rien n'est importé et chaque cellule fautive est signalée (par exemple {sheet}!F7) : la corriger et renvoyer le fichier.",
        "If a cell is invalid, nothing is imported and every wrong cell is named (for example {sheet}!F7): correct it and send the file again."
    )
}

/// Instructions: a workbook is imported once.
pub fn instructions_once(lang: Lang) -> &'static str {
    lang.pick(
        "Un même classeur n'est importé qu'une fois : aucune dépense n'est comptée deux fois.",
        "A workbook is imported only once: no spending is ever counted twice.",
    )
}

/// Instructions: the filter leaves no activity.
pub fn instructions_no_activity(lang: Lang) -> &'static str {
    lang.pick(
        "Aucune activité ne correspond à ce filtre.",
        "No activity matches this filter.",
    )
}

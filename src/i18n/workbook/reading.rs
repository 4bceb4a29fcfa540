//! What the readers of the plan workbook and of filled templates say.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- plan workbook: reading ----

/// E: a row of the Budget sheet for an activity not in Activités.
pub fn budget_line_of_unknown_activity(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "ligne budgétaire d'une activité inconnue `{id}`",
        "budget line of an unknown activity `{id}`"
    )
}

/// E: a per-source cell of Activités that the Budget sheet contradicts.
pub fn per_source_differs(
    lang: Lang,
    amount: impl Display,
    source: impl Display,
    budget: impl Display,
    difference: impl Display,
) -> String {
    tr!(
        lang,
        "{amount} pour {source} dans la feuille Activités, mais {budget} dans la feuille Budget (écart {difference}) : corriger l'une des deux",
        "{amount} for {source} in sheet Activities, but {budget} in sheet Budget (difference {difference}): fix one of them"
    )
}

/// E: a header of a plan workbook sheet that is none of the layout's.
pub fn unknown_column(lang: Lang, column: impl Display, sheet: impl Display) -> String {
    tr!(
        lang,
        "colonne inconnue « {column} » dans la feuille {sheet}",
        "unknown column \"{column}\" in sheet {sheet}"
    )
}

/// Help: the nearest known name, in quotes.
pub fn did_you_mean_quoted(lang: Lang, name: impl Display) -> String {
    tr!(
        lang,
        "vouliez-vous dire « {name} » ?",
        "did you mean \"{name}\"?"
    )
}

/// Help of an unknown column: the headers of the sheet.
pub fn known_columns(lang: Lang, columns: impl Display) -> String {
    tr!(
        lang,
        "colonnes connues : {columns}",
        "known columns: {columns}"
    )
}

/// E: a sheet of the layout missing from the plan workbook.
pub fn sheet_missing(lang: Lang, sheet: impl Display) -> String {
    tr!(
        lang,
        "la feuille « {sheet} » manque",
        "sheet \"{sheet}\" is missing"
    )
}

/// E: a column of the layout missing from its sheet.
pub fn column_missing(
    lang: Lang,
    sheet: impl Display,
    column: impl Display,
    found: impl Display,
) -> String {
    tr!(
        lang,
        "la feuille {sheet} n'a pas de colonne « {column} » (colonnes trouvées : {found})",
        "sheet {sheet} has no \"{column}\" column (columns found: {found})"
    )
}

/// Help of a workbook refused by the guard before reading.
pub fn workbook_refused_help(lang: Lang, flag: impl Display) -> String {
    tr!(
        lang,
        "classeur refusé avant lecture ; s'il est légitime, relever la limite avec {flag} (voir docs/import.md)",
        "workbook refused before reading; if it is legitimate, raise the limit with {flag} (see docs/import.md)"
    )
}

/// Warning: the records come from the Suivi sheet, the TOML log is not read.
pub fn records_from_sheet(lang: Lang, log: impl Display) -> String {
    tr!(
        lang,
        "les enregistrements viennent de la feuille Suivi du classeur ; le journal {log} n'est pas lu",
        "records come from the workbook's Suivi sheet; the log {log} is not read"
    )
}

/// E: a row of the Suivi sheet without a date.
pub fn record_without_date(lang: Lang) -> String {
    tr!(lang, "enregistrement sans date", "record without a date")
}

/// E: an Indicateurs cell that is no inline table.
pub fn unreadable_indicators(lang: Lang) -> String {
    tr!(
        lang,
        "indicateurs illisibles : écrire \"Nom\" = valeur, séparés par des virgules",
        "unreadable indicators: write \"Name\" = value, separated by commas"
    )
}

/// E: a status cell (template or Suivi sheet) that is none of the list.
pub fn status_not_in_list(lang: Lang, status: impl Display, words: impl Display) -> String {
    tr!(
        lang,
        "statut « {status} » hors de la liste ({words})",
        "status \"{status}\" not in the list ({words})"
    )
}

/// E: a `lang` of the Plan sheet that is neither fr nor en.
pub fn unknown_language_cell(lang: Lang) -> String {
    tr!(
        lang,
        "langue inconnue : fr ou en",
        "unknown language: fr or en"
    )
}

/// E: a `weighting` of the Plan sheet that is none of the three.
pub fn unknown_weighting_cell(lang: Lang) -> String {
    tr!(
        lang,
        "pondération inconnue : activities, budget ou weight",
        "unknown weighting: activities, budget or weight"
    )
}

/// E: a required key missing from the Plan sheet.
pub fn plan_sheet_key_required(lang: Lang, key: impl Display) -> String {
    tr!(
        lang,
        "feuille Plan : la clé `{key}` est obligatoire",
        "sheet Plan: key `{key}` is required"
    )
}

/// E: a key of the Plan sheet that is none of [plan]'s.
pub fn unknown_key(lang: Lang, key: impl Display) -> String {
    tr!(lang, "clé inconnue `{key}`", "unknown key `{key}`")
}

/// E: a Statut cell of the Sources sheet that is none of the three.
pub fn unknown_funding_status(lang: Lang, status: impl Display) -> String {
    tr!(
        lang,
        "statut de financement inconnu « {status} » : acquis, promis ou à rechercher",
        "unknown funding status \"{status}\": secured, pledged or unfunded"
    )
}

/// E: a row of Indicateurs without a target.
pub fn indicator_without_target(lang: Lang) -> String {
    tr!(lang, "indicateur sans cible", "indicator without a target")
}

/// E: a Niveau cell that is none of axe, action, activité.
pub fn unknown_level(lang: Lang) -> String {
    tr!(
        lang,
        "niveau inconnu : axe, action ou activité",
        "unknown level: axis, action or activity"
    )
}

/// E: an indicator attached to an id that is not in the plan.
pub fn indicator_of_unknown_id(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "indicateur rattaché à un code inconnu `{id}`",
        "indicator attached to an unknown id `{id}`"
    )
}

// ---- template: reading a filled one ----

/// E: a filled template row that is not among the rows as issued.
pub fn row_not_issued(lang: Lang, code: impl Display, source: impl Display) -> String {
    tr!(
        lang,
        "ligne absente du modèle tel qu'il a été émis (code « {code} », source « {source} ») : code ou source changé, ou ligne ajoutée ; rien n'est importé",
        "row not in the template as issued (code \"{code}\", source \"{source}\"): changed code or source, or an added row; nothing is imported"
    )
}

/// E: a template row given twice.
pub fn duplicate_row(lang: Lang, code: impl Display, source: impl Display) -> String {
    tr!(
        lang,
        "ligne en double : le modèle émis n'a qu'une ligne pour le code « {code} » et la source « {source} »",
        "duplicate row: the template as issued has one row for code \"{code}\" and source \"{source}\""
    )
}

/// E: a sheet added to a template.
pub fn sheet_added(lang: Lang, sheet: impl Display, entry: impl Display) -> String {
    tr!(
        lang,
        "feuille « {sheet} » ajoutée au modèle : seule la feuille {entry} est lue ; renvoyer le modèle tel qu'il a été émis",
        "sheet \"{sheet}\" added to the template: only the {entry} sheet is read; send back the template as issued"
    )
}

/// E: a locked text cell of the template changed.
pub fn locked_text_changed(
    lang: Lang,
    column: impl Display,
    issued: impl Display,
    found: impl Display,
) -> String {
    tr!(
        lang,
        "cellule verrouillée « {column} » modifiée : émise « {issued} », trouvée « {found} »",
        "locked cell \"{column}\" changed: issued \"{issued}\", found \"{found}\""
    )
}

/// E: a locked amount cell of the template changed.
pub fn locked_amount_changed(
    lang: Lang,
    column: impl Display,
    issued: impl Display,
    found: impl Display,
) -> String {
    tr!(
        lang,
        "cellule verrouillée « {column} » modifiée : émise {issued}, trouvée « {found} »",
        "locked cell \"{column}\" changed: issued {issued}, found \"{found}\""
    )
}

/// E: a column of the template removed.
pub fn template_column_missing(lang: Lang, sheet: impl Display, column: impl Display) -> String {
    tr!(
        lang,
        "la feuille {sheet} n'a plus de colonne « {column} » : utiliser le modèle tel que ptba template l'a écrit",
        "sheet {sheet} has no \"{column}\" column any more: use the template as ptba template wrote it"
    )
}

/// E: a workbook given to import that has no entry sheet.
pub fn not_a_template(lang: Lang, sheet: impl Display, sheets: impl Display) -> String {
    tr!(
        lang,
        "pas de feuille « {sheet} » : ce classeur n'est pas un modèle de saisie de ptba (feuilles : {sheets}) ; en créer un avec ptba template",
        "no \"{sheet}\" sheet: this workbook is not a ptba progress template (sheets: {sheets}); make one with ptba template"
    )
}

/// E: a template row whose source is not in the plan.
pub fn unknown_source(lang: Lang, source: impl Display) -> String {
    tr!(
        lang,
        "source inconnue `{source}`",
        "unknown source `{source}`"
    )
}

/// E: a filled template row without an activity code.
pub fn row_without_code(lang: Lang) -> &'static str {
    lang.pick(
        "ligne remplie sans code d'activité",
        "filled row without an activity code",
    )
}

/// E: a template row whose code is not in the plan.
pub fn unknown_activity(lang: Lang, code: impl Display) -> String {
    tr!(
        lang,
        "activité inconnue `{code}` : elle n'est pas dans le plan",
        "unknown activity `{code}`: it is not in the plan"
    )
}

/// E: two template rows of one activity and date that disagree.
pub fn two_situations(
    lang: Lang,
    activity: impl Display,
    date: impl Display,
    first_cell: impl Display,
) -> String {
    tr!(
        lang,
        "`{activity}` au {date} : cette ligne et la ligne de {first_cell} disent des choses différentes (statut ou avancement) ; une seule situation par activité et par date",
        "`{activity}` on {date}: this row and the row of {first_cell} say different things (status or progress); one situation per activity and date"
    )
}

/// Warning: spending above what is left of the budget.
pub fn overspent(
    lang: Lang,
    spent: impl Display,
    left: impl Display,
    activity: impl Display,
    source: impl Display,
) -> String {
    tr!(
        lang,
        "décaissé {spent} alors qu'il reste {left} au budget de {activity}{source}",
        "spent {spent} while {left} is left in the budget of {activity}{source}"
    )
}

/// E: a filled template row without a date.
pub fn missing_date(lang: Lang) -> &'static str {
    lang.pick(
        "date manquante : saisir la date de la situation (jj/mm/aaaa)",
        "missing date: enter the date of the situation (dd/mm/yyyy)",
    )
}

/// E: a progress typed as a fraction (0.4 for 40 %).
pub fn progress_as_fraction(lang: Lang, typed: impl Display, percent: impl Display) -> String {
    tr!(
        lang,
        "avancement {typed} : un nombre entier de 0 à 100 est attendu (pour {percent} %, saisir {percent})",
        "progress {typed}: a whole number from 0 to 100 is expected (for {percent}%, enter {percent})"
    )
}

/// E: a progress outside 0 to 100.
pub fn progress_out_of_range(lang: Lang, progress: impl Display) -> String {
    tr!(
        lang,
        "avancement {progress} % hors de 0 à 100",
        "progress {progress}% outside 0 to 100"
    )
}

/// E: a progress that is not a number.
pub fn progress_not_a_number(lang: Lang, typed: impl Display) -> String {
    tr!(
        lang,
        "avancement « {typed} » : un nombre de 0 à 100 est attendu",
        "progress \"{typed}\": a number from 0 to 100 is expected"
    )
}

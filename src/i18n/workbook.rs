//! The plan workbook, the template and TOML plan files: sheet and column labels, and what their readers say.

use std::fmt::Display;

use super::Lang;
use crate::tr;

/// A name written in a workbook (a sheet or a column header), in French and
/// in English. Writers write one of them; readers accept both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    pub fr: &'static str,
    pub en: &'static str,
}

impl Name {
    const fn new(fr: &'static str, en: &'static str) -> Name {
        Name { fr, en }
    }

    /// The name in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }

    /// Both spellings, French first (what a reader accepts).
    pub fn both(self) -> [&'static str; 2] {
        [self.fr, self.en]
    }
}

// ---- plan workbook: sheet names ----

pub const SHEET_PLAN: Name = Name::new("Plan", "Plan");
pub const SHEET_SOURCES: Name = Name::new("Sources", "Sources");
pub const SHEET_AXES: Name = Name::new("Axes", "Axes");
pub const SHEET_ACTIONS: Name = Name::new("Actions", "Actions");
pub const SHEET_ACTIVITIES: Name = Name::new("Activités", "Activities");
pub const SHEET_BUDGET: Name = Name::new("Budget", "Budget lines");
pub const SHEET_INDICATORS: Name = Name::new("Indicateurs", "Indicators");
pub const SHEET_PROGRESS: Name = Name::new("Suivi", "Progress");

// ---- plan workbook: column headers ----

pub const KEY: Name = Name::new("Clé", "Key");
pub const VALUE: Name = Name::new("Valeur", "Value");
pub const ID: Name = Name::new("Code", "Id");
pub const NAME: Name = Name::new("Nom", "Name");
pub const STATUS: Name = Name::new("Statut", "Status");
pub const TITLE: Name = Name::new("Intitulé", "Title");
pub const AXIS: Name = Name::new("Axe", "Axis");
pub const AXIS_ID: Name = Name::new("Code axe", "Axis id");
pub const ACTION: Name = Name::new("Action", "Action");
pub const ACTION_ID: Name = Name::new("Code action", "Action id");
pub const ACTIVITY: Name = Name::new("Activité", "Activity");
pub const RESPONSIBLE: Name = Name::new("Responsable", "Responsible");
pub const PARTNERS: Name = Name::new("Partenaires", "Partners");
pub const Q1: Name = Name::new("T1", "T1");
pub const Q2: Name = Name::new("T2", "T2");
pub const Q3: Name = Name::new("T3", "T3");
pub const Q4: Name = Name::new("T4", "T4");
pub const START: Name = Name::new("Début", "Start");
pub const END: Name = Name::new("Fin", "End");
pub const WEIGHT: Name = Name::new("Pondération", "Weight");
pub const SOURCE: Name = Name::new("Source", "Source");
pub const AMOUNT: Name = Name::new("Montant", "Amount");
pub const QUANTITY: Name = Name::new("Quantité", "Quantity");
pub const UNIT_COST: Name = Name::new("Coût unitaire", "Unit cost");
pub const CATEGORY: Name = Name::new("Catégorie", "Category");
pub const INITIAL: Name = Name::new("Montant initial", "Initial amount");
pub const LEVEL: Name = Name::new("Niveau", "Level");
pub const INDICATOR: Name = Name::new("Indicateur", "Indicator");
pub const UNIT: Name = Name::new("Unité", "Unit");
pub const BASELINE: Name = Name::new("Référence", "Baseline");
pub const TARGET: Name = Name::new("Cible", "Target");
pub const DATE: Name = Name::new("Date", "Date");
pub const PROGRESS: Name = Name::new("Avancement", "Progress");
pub const COMMITTED: Name = Name::new("Engagé", "Committed");
pub const SPENT: Name = Name::new("Décaissé", "Spent");
pub const INDICATORS: Name = Name::new("Indicateurs", "Indicators");
pub const NOTE: Name = Name::new("Note", "Note");
pub const CORRECTION: Name = Name::new("Correction", "Correction");

// ---- template: sheet names and column headers ----

pub const SHEET_ENTRY: Name = Name::new("Saisie", "Entry");
pub const SHEET_INSTRUCTIONS: Name = Name::new("Instructions", "Instructions");
pub const T_CODE: Name = Name::new("Code", "Code");
pub const T_SPENT_SO_FAR: Name = Name::new("Décaissé à ce jour", "Spent to date");
pub const T_BUDGET: Name = Name::new("Budget", "Budget");
pub const T_PROGRESS: Name = Name::new("Avancement (%)", "Progress (%)");

// ---- TOML plan files and progress logs ----

/// In 'unknown key … in the progress log'.
pub fn the_progress_log(lang: Lang) -> &'static str {
    lang.pick("le journal de suivi", "the progress log")
}

/// E: a `status` of the log that is no status key.
pub fn unknown_status_key(lang: Lang, status: impl Display) -> String {
    tr!(
        lang,
        "statut inconnu `{status}`",
        "unknown status `{status}`"
    )
}

/// Help: the nearest known name, in backquotes.
pub fn did_you_mean(lang: Lang, name: impl Display) -> String {
    tr!(
        lang,
        "vouliez-vous dire `{name}` ?",
        "did you mean `{name}`?"
    )
}

/// Help of an unknown status: the keys of the log.
pub fn possible_statuses(lang: Lang, keys: impl Display) -> String {
    tr!(
        lang,
        "statuts possibles : {keys}",
        "possible statuses: {keys}"
    )
}

/// Help of a negative amount outside a correction.
pub fn how_to_reverse(lang: Lang) -> String {
    tr!(
        lang,
        "pour annuler un montant déjà enregistré, ajouter correction = true et une note qui dit ce qui est corrigé",
        "to reverse an amount already recorded, add correction = true and a note saying what is corrected"
    )
}

/// E: arrays or tables nested deeper than the limit.
pub fn nested_too_deep(lang: Lang, depth: impl Display, max: impl Display) -> String {
    tr!(
        lang,
        "listes ou tables imbriquées sur {depth} niveaux (au plus {max}) : ce n'est pas un plan",
        "arrays or tables nested {depth} levels deep (at most {max}): this is not a plan"
    )
}

/// E: the TOML parser's message.
pub fn invalid_toml(lang: Lang, message: impl Display) -> String {
    tr!(
        lang,
        "syntaxe TOML invalide : {message}",
        "invalid TOML syntax: {message}"
    )
}

/// E: a plan file without [plan].
pub fn plan_table_missing(lang: Lang) -> String {
    tr!(
        lang,
        "la table [plan] manque (titre, organisation, année, devise)",
        "the [plan] table is missing (title, organization, year, currency)"
    )
}

/// E: [plan] written twice.
pub fn plan_table_twice(lang: Lang) -> String {
    tr!(
        lang,
        "la table [plan] est définie deux fois",
        "the [plan] table is defined twice"
    )
}

/// In 'unknown key … in the plan'.
pub fn the_plan(lang: Lang) -> &'static str {
    lang.pick("le plan", "the plan")
}

/// E: a `kind.sub` table not under a [[kind]] header.
pub fn entry_outside_header(lang: Lang, kind: impl Display, sub: impl Display) -> String {
    tr!(
        lang,
        "`{kind}.{sub}` : écrire chaque entrée sous un en-tête [[{kind}]]",
        "`{kind}.{sub}`: write each entry under a [[{kind}]] header"
    )
}

/// E: [[kind.sub]] before any [[kind]].
pub fn continuation_first(lang: Lang, kind: impl Display, sub: impl Display) -> String {
    tr!(
        lang,
        "[[{kind}.{sub}]] doit suivre un [[{kind}]]",
        "[[{kind}.{sub}]] must follow an [[{kind}]]"
    )
}

/// E: a year that is not 1900 to 2200.
pub fn invalid_year(lang: Lang) -> String {
    tr!(
        lang,
        "année invalide (attendu : 2024)",
        "invalid year (expected 2024)"
    )
}

/// E: a currency that is no ISO 4217 code.
pub fn unknown_currency(lang: Lang, code: impl Display) -> String {
    tr!(
        lang,
        "devise inconnue `{code}` : un code ISO 4217 est attendu",
        "unknown currency `{code}`: an ISO 4217 code is expected"
    )
}

/// E: a `lang` of [plan] that is neither fr nor en.
pub fn unknown_language(lang: Lang, language: impl Display) -> String {
    tr!(
        lang,
        "langue inconnue `{language}` : fr ou en",
        "unknown language `{language}`: fr or en"
    )
}

/// E: a `weighting` of [plan] that is none of the three.
pub fn unknown_weighting(lang: Lang, weighting: impl Display) -> String {
    tr!(
        lang,
        "pondération inconnue `{weighting}` : activities, budget ou weight",
        "unknown weighting `{weighting}`: activities, budget or weight"
    )
}

/// E: a source `status` of the plan file that is none of the three.
pub fn unknown_funding_status_key(lang: Lang, status: impl Display) -> String {
    tr!(
        lang,
        "statut de financement inconnu `{status}` : secured (acquis), pledged (promis) ou unfunded (à rechercher)",
        "unknown funding status `{status}`: secured, pledged or unfunded"
    )
}

/// E: a quarter that is not 1 to 4.
pub fn invalid_quarter(lang: Lang) -> String {
    tr!(
        lang,
        "trimestre invalide : 1, 2, 3 ou 4 attendu",
        "invalid quarter: expected 1, 2, 3 or 4"
    )
}

/// What a budget line is called in 'unknown key … in a budget line'.
pub fn a_budget_line(lang: Lang) -> &'static str {
    lang.pick("une ligne budgétaire", "a budget line")
}

/// E: a key that is not one of its table's.
pub fn unknown_key_in(lang: Lang, key: impl Display, place: impl Display) -> String {
    tr!(
        lang,
        "clé inconnue `{key}` dans {place}",
        "unknown key `{key}` in {place}"
    )
}

/// Help of an unknown key: the keys of the table.
pub fn known_keys(lang: Lang, keys: impl Display) -> String {
    tr!(lang, "clés connues : {keys}", "known keys: {keys}")
}

/// E: a required key missing from its table.
pub fn key_required(lang: Lang, place: impl Display, key: impl Display) -> String {
    tr!(
        lang,
        "{place} : la clé `{key}` est obligatoire",
        "{place}: key `{key}` is required"
    )
}

/// E: a date that is not a plain date.
pub fn invalid_date(lang: Lang) -> String {
    tr!(
        lang,
        "date invalide : écrire une date seule, comme 2024-03-31 (sans heure)",
        "invalid date: write a plain date such as 2024-03-31 (no time)"
    )
}

/// What an indicator is called in 'unknown key … in an indicator'.
pub fn an_indicator(lang: Lang) -> &'static str {
    lang.pick("un indicateur", "an indicator")
}

/// E: an empty id.
pub fn empty_id(lang: Lang) -> &'static str {
    lang.pick("identifiant vide", "empty id")
}

/// What a TOML value was expected to be, in "wrong type: expected …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Table,
    List,
    Number,
    Date,
    Id,
    Boolean,
    Year,
    ArrayOfTables,
}

impl Expected {
    pub fn text(self, lang: Lang) -> &'static str {
        let (fr, en) = match self {
            Expected::Text => ("un texte", "a text"),
            Expected::Table => ("une table", "a table"),
            Expected::List => ("une liste", "a list"),
            Expected::Number => ("un nombre", "a number"),
            Expected::Date => ("une date (2024-03-31)", "a date (2024-03-31)"),
            Expected::Id => ("un identifiant (texte)", "an id (text)"),
            Expected::Boolean => ("true ou false", "true or false"),
            Expected::Year => ("une année (2024)", "a year (2024)"),
            Expected::ArrayOfTables => {
                ("une liste de tables ([[…]])", "an array of tables ([[…]])")
            }
        };
        lang.pick(fr, en)
    }
}

/// The type of a TOML value as found, in "wrong type: … found …".
pub fn toml_type(lang: Lang, found: &str) -> &str {
    let fr = match found {
        "string" => "un texte",
        "integer" => "un entier",
        "float" => "un nombre décimal",
        "boolean" => "un booléen",
        "datetime" => "une date",
        "array" => "une liste",
        "table" => "une table",
        other => other,
    };
    lang.pick(fr, found)
}

/// E: a TOML value of the wrong type.
pub fn wrong_type(lang: Lang, expected: impl Display, found: impl Display) -> String {
    tr!(
        lang,
        "type inattendu : {expected} attendu, {found} trouvé",
        "wrong type: expected {expected}, found {found}"
    )
}

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

// ---- TOML plan written by convert (its comments are French, like the keys' documentation) ----

/// The first line of a plan file written by `convert`, after the title.
pub fn plan_file_comment(title: &str) -> String {
    format!("{title} — plan de travail (ptba). Vérifier : ptba check <ce fichier>")
}
/// The comment above the sources of a plan file.
pub const COMMENT_SOURCES: &str = "Sources de financement";
/// The comment above the axes of a plan file.
pub const COMMENT_AXES: &str = "Axes stratégiques";
/// The comment above the actions of a plan file.
pub const COMMENT_ACTIONS: &str = "Actions";
/// The comment above the activities of a plan file.
pub const COMMENT_ACTIVITIES: &str = "Activités";

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

//! What the TOML readers say, and the comments of a plan file written by `convert`.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

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

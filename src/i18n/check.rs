//! Messages of the diagnostics the rules of `check` produce, by code.

use std::fmt::Display;

use super::Lang;
use crate::tr;

// ---- ids ----

/// E006: an id with characters outside letters, digits, `.`, `-`, `_`, or too long.
pub fn invalid_id(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "identifiant invalide `{id}` : 1 à 32 lettres, chiffres, `.`, `-` ou `_`",
        "invalid id `{id}`: 1 to 32 letters, digits, `.`, `-` or `_`"
    )
}

/// E007: an axis, action or activity id used twice.
pub fn duplicate_id(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "identifiant `{id}` déjà utilisé",
        "id `{id}` is already used"
    )
}

/// E007: the fix (help line).
pub fn duplicate_id_help(lang: Lang) -> &'static str {
    lang.pick(
        "chaque axe, action et activité a son propre identifiant",
        "each axis, action and activity needs its own id",
    )
}

/// E007: a source declared twice.
pub fn duplicate_source(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "source `{id}` déclarée deux fois",
        "source `{id}` is declared twice"
    )
}

/// E033: an id looks the same as one already used but is made of other characters.
pub fn look_alike_id(
    lang: Lang,
    id: impl Display,
    other: impl Display,
    characters: impl Display,
) -> String {
    tr!(
        lang,
        "identifiant `{id}` identique à l'œil à `{other}`, déjà utilisé : ce sont des caractères différents ({characters})",
        "id `{id}` looks the same as `{other}`, already used: they are different characters ({characters})"
    )
}

/// E033: the fix (help line).
pub fn look_alike_id_help(lang: Lang) -> &'static str {
    lang.pick("retaper l'identifiant au clavier latin ; s'il s'agit d'une autre entrée, lui donner un identifiant distinct", "type the id again on a Latin keyboard; if it is another entry, give it a distinct id")
}

/// W121: an id mixes Latin with Cyrillic or Greek letters.
pub fn mixed_scripts(lang: Lang, id: impl Display, characters: impl Display) -> String {
    tr!(
        lang,
        "l'identifiant `{id}` mêle des alphabets (latin, cyrillique, grec…) : {characters}",
        "id `{id}` mixes scripts (Latin, Cyrillic, Greek…): {characters}"
    )
}

/// W121: the fix (help line).
pub fn mixed_scripts_help(lang: Lang) -> &'static str {
    lang.pick(
        "retaper l'identifiant au clavier latin",
        "type the id again on a Latin keyboard",
    )
}

// ---- plan structure ----

/// E008: an action refers to an axis that does not exist.
pub fn unknown_axis(lang: Lang, action: impl Display, axis: impl Display) -> String {
    tr!(
        lang,
        "l'action `{action}` renvoie à l'axe `{axis}`, qui n'existe pas",
        "action `{action}` refers to axis `{axis}`, which does not exist"
    )
}

/// E009: an activity refers to an action that does not exist.
pub fn unknown_action(lang: Lang, activity: impl Display, action: impl Display) -> String {
    tr!(
        lang,
        "l'activité `{activity}` renvoie à l'action `{action}`, qui n'existe pas",
        "activity `{activity}` refers to action `{action}`, which does not exist"
    )
}

/// E017: `budget_total` differs from the sum of the budget lines.
pub fn budget_total_mismatch(
    lang: Lang,
    declared: impl Display,
    computed: impl Display,
    difference: impl Display,
) -> String {
    tr!(
        lang,
        "budget_total = {declared} mais la somme des lignes budgétaires est {computed} (écart : {difference})",
        "budget_total = {declared} but the budget lines add up to {computed} (difference: {difference})"
    )
}

/// E017: the fix (help line).
pub fn budget_total_mismatch_help(lang: Lang) -> &'static str {
    lang.pick(
        "corriger le total déclaré ou la ligne erronée",
        "fix the declared total or the wrong line",
    )
}

/// E024: two indicators of one plan or activity with the same name.
pub fn duplicate_indicator(lang: Lang, owner: impl Display, name: impl Display) -> String {
    tr!(
        lang,
        "`{owner}` a deux indicateurs nommés « {name} »",
        "`{owner}` has two indicators named \"{name}\""
    )
}

/// W101: an axis without any action.
pub fn empty_axis(lang: Lang, axis: impl Display) -> String {
    tr!(
        lang,
        "l'axe `{axis}` n'a aucune action",
        "axis `{axis}` has no action"
    )
}

/// W102: an action without any activity.
pub fn empty_action(lang: Lang, action: impl Display) -> String {
    tr!(
        lang,
        "l'action `{action}` n'a aucune activité",
        "action `{action}` has no activity"
    )
}

// ---- budget lines ----

/// E010: the fix when no declared source is near the one named (help line).
pub fn declare_source_help(lang: Lang) -> &'static str {
    lang.pick(
        "déclarer la source dans un bloc [[source]]",
        "declare the source in a [[source]] block",
    )
}

/// E010: a budget line names a source that is not declared.
pub fn line_source_not_declared(lang: Lang, id: impl Display, source: impl Display) -> String {
    tr!(
        lang,
        "l'activité `{id}` est financée par `{source}`, source qui n'est pas déclarée",
        "activity `{id}` is funded by `{source}`, a source that is not declared"
    )
}

/// E012: what has too many decimals, the product quantity × unit cost (in E012's message).
pub fn what_quantity_times_cost(lang: Lang) -> &'static str {
    lang.pick(
        "montant (quantité × coût unitaire)",
        "amount (quantity × unit cost)",
    )
}

/// E012: what has too many decimals, the amount (in E012's message).
pub fn what_amount(lang: Lang) -> &'static str {
    lang.pick("montant", "amount")
}

/// E012: what has too many decimals, the unit cost (in E012's message).
pub fn what_unit_cost(lang: Lang) -> &'static str {
    lang.pick("coût unitaire", "unit cost")
}

/// E012: what has too many decimals, the initial amount (in E012's message).
pub fn what_initial_amount(lang: Lang) -> &'static str {
    lang.pick("montant initial", "initial amount")
}

/// E013: a budget line has neither an amount nor quantity and unit cost.
pub fn budget_line_form(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "ligne budgétaire de `{id}` : indiquer amount, ou quantity et unit_cost",
        "budget line of `{id}`: give amount, or quantity and unit_cost"
    )
}

/// E014: amount differs from quantity × unit cost.
pub fn quantity_mismatch(
    lang: Lang,
    amount: impl Display,
    quantity: impl Display,
    unit_cost: impl Display,
    product: impl Display,
) -> String {
    tr!(
        lang,
        "amount = {amount} mais quantity × unit_cost = {quantity} × {unit_cost} = {product}",
        "amount = {amount} but quantity × unit_cost = {quantity} × {unit_cost} = {product}"
    )
}

/// E014: the fix (help line).
pub fn quantity_mismatch_help(lang: Lang) -> &'static str {
    lang.pick(
        "garder amount seul, ou quantity et unit_cost seuls",
        "keep amount alone, or quantity and unit_cost alone",
    )
}

/// E026: quantity × unit cost beyond the largest amount.
pub fn quantity_times_cost_too_large(lang: Lang) -> String {
    tr!(
        lang,
        "quantité × coût unitaire démesuré",
        "quantity × unit cost out of range"
    )
}

// ---- records ----

/// E010: a record names a source that is not declared.
pub fn unknown_record_source(lang: Lang, source: impl Display) -> String {
    tr!(
        lang,
        "source inconnue `{source}`",
        "unknown source `{source}`"
    )
}

/// E020: a record names an activity that is not in the plan.
pub fn unknown_activity(lang: Lang, id: impl Display) -> String {
    tr!(lang, "activité inconnue `{id}`", "unknown activity `{id}`")
}

/// E021: a record names an indicator its activity does not have.
pub fn unknown_indicator(lang: Lang, id: impl Display, name: impl Display) -> String {
    tr!(
        lang,
        "l'activité `{id}` n'a pas d'indicateur « {name} »",
        "activity `{id}` has no indicator \"{name}\""
    )
}

/// E022: a progress outside 0 to 100.
pub fn progress_out_of_range(lang: Lang, progress: impl Display) -> String {
    tr!(
        lang,
        "avancement {progress} % : doit être entre 0 et 100",
        "progress {progress}%: must be between 0 and 100"
    )
}

/// E031: whose cumulative went negative, an activity's (in E031's message).
pub fn cumulative_of_activity(lang: Lang, id: impl Display) -> String {
    tr!(lang, "de l'activité `{id}`", "of activity `{id}`")
}

/// E031: whose cumulative went negative, a source's on an activity (in E031's message).
pub fn cumulative_of_source(lang: Lang, source: impl Display, id: impl Display) -> String {
    tr!(
        lang,
        "de la source `{source}` sur l'activité `{id}`",
        "of source `{source}` on activity `{id}`"
    )
}

/// E031: whose cumulative went negative, the unattributed part of an activity (in E031's message).
pub fn cumulative_unattributed(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "non ventilé de l'activité `{id}`",
        "unattributed of activity `{id}`"
    )
}

/// E031: a correction makes a cumulative amount negative.
pub fn negative_cumulative(
    lang: Lang,
    what: impl Display,
    whose: impl Display,
    date: impl Display,
    amount: impl Display,
) -> String {
    tr!(
        lang,
        "cette correction rend négatif le cumul {what} {whose} au {date} : {amount}",
        "this correction makes the cumulative {what} {whose} negative on {date}: {amount}"
    )
}

/// E031: the fix (help line).
pub fn negative_cumulative_help(lang: Lang) -> &'static str {
    lang.pick("une correction annule au plus ce qui a été enregistré avant elle (même activité, même source, date antérieure ou égale)", "a correction reverses at most what was recorded before it (same activity, same source, same or earlier date)")
}

/// E031: what went negative, the amount spent (in E031's message).
pub fn what_spent(lang: Lang) -> &'static str {
    lang.pick("décaissé", "spent")
}

/// E031: what went negative, the amount committed (in E031's message).
pub fn what_committed(lang: Lang) -> &'static str {
    lang.pick("engagé", "committed")
}

/// E032: a correction without a note.
pub fn correction_without_note(lang: Lang) -> &'static str {
    lang.pick(
        "une correction (correction = true) doit porter une note qui dit ce qu'elle corrige",
        "a correction (correction = true) must carry a note saying what it corrects",
    )
}

/// W104: a record dated outside the plan year.
pub fn record_outside_year(lang: Lang, date: impl Display, year: impl Display) -> String {
    tr!(
        lang,
        "enregistrement daté du {date}, hors de l'année du plan ({year})",
        "record dated {date}, outside the plan year ({year})"
    )
}

/// W105: spending without a source on an activity funded by several.
pub fn unattributed_spending(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "montant sans source sur `{id}`, financée par plusieurs sources : compté comme « non ventilé »",
        "amount without a source on `{id}`, which has several sources: counted as \"unattributed\""
    )
}

/// W105: the fix (help line).
pub fn unattributed_spending_help(lang: Lang) -> String {
    tr!(lang, "ajouter source = \"…\"", "add source = \"…\"")
}

/// W106: status done with a progress below 100.
pub fn done_below_100(lang: Lang, progress: impl Display) -> String {
    tr!(
        lang,
        "statut « done » mais avancement {progress} % : une activité réalisée compte pour 100 %",
        "status \"done\" but progress {progress}%: a done activity counts as 100%"
    )
}

/// W107: spending recorded on a cancelled activity.
pub fn spent_on_cancelled(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "décaissement sur l'activité `{id}`, abandonnée",
        "spending on activity `{id}`, which is cancelled"
    )
}

/// W108: an activity's spending above its budget.
pub fn overspent(
    lang: Lang,
    id: impl Display,
    spent: impl Display,
    budget: impl Display,
) -> String {
    tr!(
        lang,
        "`{id}` : {spent} décaissés au total, au-delà du budget de {budget}",
        "`{id}`: {spent} spent in all, above the budget of {budget}"
    )
}

/// W109: more paid out than committed on an activity.
pub fn paid_above_committed(
    lang: Lang,
    id: impl Display,
    spent: impl Display,
    committed: impl Display,
) -> String {
    tr!(
        lang,
        "`{id}` : {spent} décaissés pour {committed} engagés",
        "`{id}`: {spent} paid out for {committed} committed"
    )
}

/// W110: a record's source does not fund its activity in the plan.
pub fn source_not_funding(lang: Lang, source: impl Display, id: impl Display) -> String {
    tr!(
        lang,
        "la source `{source}` ne finance pas l'activité `{id}` dans le plan",
        "source `{source}` does not fund activity `{id}` in the plan"
    )
}

/// W120: a record's category is none of its activity's budget lines'.
pub fn unknown_category(lang: Lang, category: impl Display, id: impl Display) -> String {
    tr!(
        lang,
        "la catégorie « {category} » n'est celle d'aucune ligne budgétaire de `{id}` : la dépense est rangée sous cette catégorie telle quelle",
        "category \"{category}\" is not that of any budget line of `{id}`: the spending is shown under it as written"
    )
}

/// W120: the fix when the activity's lines have no category (help line).
pub fn no_category_help(lang: Lang, id: impl Display) -> String {
    tr!(
        lang,
        "les lignes de `{id}` n'ont pas de catégorie : ajouter category = \"…\" aux lignes du plan",
        "the lines of `{id}` have no category: add category = \"…\" to the plan's lines"
    )
}

/// W120: the activity's categories (help line).
pub fn categories_help(lang: Lang, categories: impl Display) -> String {
    tr!(
        lang,
        "catégories de l'activité : {categories}",
        "the activity's categories: {categories}"
    )
}

// ---- decimals ----

/// E012: an amount with more decimals than its currency has.
pub fn too_many_decimals(
    lang: Lang,
    what: impl Display,
    amount: impl Display,
    decimals: u32,
    currency: impl Display,
    allowed: u32,
) -> String {
    let has = match (lang, allowed) {
        (Lang::Fr, 0) => format!("{currency} n'en a aucune"),
        (Lang::Fr, n) => format!("{currency} n'en a que {n}"),
        (Lang::En, 0) => format!("{currency} has none"),
        (Lang::En, n) => format!("{currency} has only {n}"),
    };
    let d = decimals as usize;
    let (decimales, decimals) = (
        super::count(Lang::Fr, d, "décimale", "décimales"),
        super::count(Lang::En, d, "decimal", "decimals"),
    );
    tr!(
        lang,
        "{what} {amount} : {decimales} alors que {has}",
        "{what} {amount}: {decimals} but {has}"
    )
}

/// E012: the fix (help line).
pub fn too_many_decimals_help(lang: Lang, allowed: u32) -> String {
    let a = allowed as usize;
    let (decimales, decimals) = (
        super::count(Lang::Fr, a, "décimale", "décimales"),
        super::count(Lang::En, a, "decimal", "decimals"),
    );
    tr!(
        lang,
        "arrondir le montant à l'unité de la devise ({decimales})",
        "round the amount to the currency's unit ({decimals})"
    )
}

// ---- dates ----

/// E016: an activity's end date is before its start date.
pub fn activity_ends_before_start(
    lang: Lang,
    id: impl Display,
    end: impl Display,
    start: impl Display,
) -> String {
    tr!(
        lang,
        "l'activité `{id}` finit ({end}) avant de commencer ({start})",
        "activity `{id}` ends ({end}) before it starts ({start})"
    )
}

/// W103: an activity's start or end date is outside the plan year.
pub fn activity_date_outside_year(lang: Lang, date: impl Display, year: impl Display) -> String {
    tr!(
        lang,
        "date {date} hors de l'année du plan ({year})",
        "date {date} is outside the plan year ({year})"
    )
}

// ---- consolidation ----

/// E025: plans in different currencies given to one consolidation.
pub fn currency_mismatch(lang: Lang, currency: impl Display, first: impl Display) -> String {
    tr!(
        lang,
        "devise {currency} alors que le premier plan est en {first} : la consolidation exige une seule devise",
        "currency {currency} while the first plan is in {first}: a consolidation needs one currency"
    )
}

/// E034: why, the same file given twice (in E034's message).
pub fn same_file(lang: Lang) -> &'static str {
    lang.pick("c'est le même fichier", "it is the same file")
}

/// E034: why, the same plan in two files (in E034's message).
pub fn same_plan(lang: Lang) -> &'static str {
    lang.pick(
        "même titre, organisation et année, et mêmes activités",
        "same title, organization and year, and the same activities",
    )
}

/// E034: the same plan given twice to a consolidation.
pub fn same_plan_twice(
    lang: Lang,
    path: impl Display,
    first: impl Display,
    why: impl Display,
) -> String {
    tr!(
        lang,
        "{path} est le même plan que {first} ({why}) : le consolider deux fois compterait tout en double",
        "{path} is the same plan as {first} ({why}): consolidating it twice would count everything twice"
    )
}

/// E034: the fix (help line).
pub fn same_plan_twice_help(lang: Lang) -> &'static str {
    lang.pick(
        "ne donner ce plan qu'une fois (le fichier TOML ou son classeur, pas les deux)",
        "give this plan once (the TOML file or its workbook, not both)",
    )
}

// ---- inspect ----

/// E026 (inspect): the fix (help line).
pub fn workbook_too_large_help(lang: Lang, flag: impl Display) -> String {
    tr!(
        lang,
        "classeur refusé avant lecture ; s'il est légitime, relever la limite avec {flag}",
        "workbook refused before reading; if it is legitimate, raise the limit with {flag}"
    )
}

// ---- import ----

/// E035: an imported record dated outside the plan year.
pub fn import_date_outside_year(lang: Lang, date: impl Display, year: impl Display) -> String {
    tr!(
        lang,
        "date {date} hors de l'année du plan ({year})",
        "date {date} outside the plan year ({year})"
    )
}

/// E035: the fix (help line).
pub fn import_date_outside_year_help(lang: Lang) -> &'static str {
    lang.pick(
        "corriger la date ; pour une vraie exception : ptba import --force",
        "fix the date; for a real exception: ptba import --force",
    )
}

/// W112: the filled template was made for another plan.
pub fn template_for_other_plan(
    lang: Lang,
    template_plan: impl Display,
    plan: impl Display,
) -> String {
    tr!(
        lang,
        "ce modèle a été fait pour le plan {template_plan} : vérifier qu'il s'agit bien de {plan}",
        "this template was made for plan {template_plan}: check that it is indeed {plan}"
    )
}

// ---- partners ----

/// W113: a partner's name holds a ";" or a line break.
pub fn partner_would_split(lang: Lang, partner: impl Display, id: impl Display) -> String {
    tr!(
        lang,
        "partenaire « {partner} » de `{id}` : un « ; » ou un saut de ligne le couperait en plusieurs dans un classeur",
        "partner \"{partner}\" of `{id}`: a \";\" or a line break would split it into several in a workbook"
    )
}

/// W113: the fix (help line).
pub fn partner_would_split_help(lang: Lang) -> &'static str {
    lang.pick(
        "écrire un partenaire par élément de la liste",
        "write one partner per list item",
    )
}

// ---- suggestions ----

/// Help line of an unknown id near a known one (E008, E009, E010, E020…).
pub fn did_you_mean(lang: Lang, id: impl Display) -> String {
    tr!(lang, "vouliez-vous dire `{id}` ?", "did you mean `{id}`?")
}

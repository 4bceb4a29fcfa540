//! The sentences of hand-made workbooks: sheets, header, levels, rows, totals.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- hand-made workbooks: sheets, header, levels, rows, totals ----

/// The level "axes", in the notes on how each level was read.
pub fn axes(lang: Lang) -> &'static str {
    lang.pick("axes", "axes")
}

/// The level "actions", in the notes on how each level was read.
pub fn actions(lang: Lang) -> &'static str {
    lang.pick("actions", "actions")
}

/// How a level was read: from a column.
pub fn column_named(lang: Lang, column: impl Display) -> String {
    tr!(lang, "colonne « {column} »", "column \"{column}\"")
}

/// How the actions were read: from dotted activity codes.
pub fn from_dotted_codes(lang: Lang) -> &'static str {
    lang.pick(
        "codes pointés des activités (« 1.2.3 » : action 1.2 de l'axe 1)",
        "dotted activity codes (\"1.2.3\": action 1.2 of axis 1)",
    )
}

/// E004: amounts on a row with no activity title and none above.
pub fn row_without_activity(lang: Lang) -> &'static str {
    lang.pick(
        "ligne sans intitulé d'activité, et aucune activité au-dessus à laquelle la rattacher",
        "row without an activity title, and no activity above to attach it to",
    )
}

/// W112: an indicator without a numeric target, left out.
pub fn indicator_without_target(lang: Lang, indicator: impl Display) -> String {
    tr!(
        lang,
        "indicateur « {indicator} » sans cible chiffrée : il n'est pas repris",
        "indicator \"{indicator}\" without a numeric target: it is left out"
    )
}

/// E015: a period that is not a quarter, a half, months or the year.
pub fn period_not_recognised(lang: Lang, period: impl Display) -> String {
    tr!(
        lang,
        "période « {period} » non reconnue (attendu : T1..T4, « T2-T3 », « S1 », « S2 », des mois, « Continu », « Annuel »)",
        "period \"{period}\" not recognised (expected: T1..T4, \"T2-T3\", \"S1\", \"S2\", months, \"Continu\", \"Annuel\")"
    )
}

/// W111: a row whose sources do not add up to its total column.
pub fn sources_differ_from_total(
    lang: Lang,
    row: impl Display,
    column: impl Display,
    declared: impl Display,
    sum: impl Display,
    difference: impl Display,
) -> String {
    tr!(
        lang,
        "ligne {row} : la colonne « {column} » indique {declared}, la somme des sources est {sum} (écart {difference})",
        "row {row}: column \"{column}\" says {declared}, the sources add up to {sum} (difference {difference})"
    )
}

/// The name of the source made for amounts with no source.
pub fn unspecified_source(lang: Lang) -> &'static str {
    lang.pick("Source non précisée", "Unspecified source")
}

/// W112: no funding source: the amounts go to source NP.
pub fn no_funding_source(lang: Lang) -> &'static str {
    lang.pick(
        "pas de source de financement : les montants sont rattachés à la source « NP » (non précisée)",
        "no funding source: amounts are attached to source \"NP\" (unspecified)",
    )
}

/// E014: the end of the quantity × unit cost message when a factor of 1 000 or 1 000 000 explains it.
pub fn implied_factor(lang: Lang, factor: impl Display) -> String {
    tr!(
        lang,
        " : un facteur {factor} exactement, l'unité d'une des colonnes n'est dite nulle part",
        ": a factor of exactly {factor}, the unit of one of the columns is stated nowhere"
    )
}

/// E014 help: where to state the unit of the columns.
pub fn implied_factor_help(lang: Lang, factor: impl Display) -> String {
    tr!(
        lang,
        "écrire l'unité dans l'en-tête des colonnes qui ne sont pas en FCFA (« Coût total (en milliers de FCFA) ») ; si toutes les colonnes de montants, coût unitaire compris, sont dans la même unité : la dire dans le titre ou dans un fichier --mapping : scale = {factor}",
        "write the unit in the header of the columns that are not in units (\"Total cost (in thousands)\"); if every money column, unit cost included, is in the same unit: state it in the title or in a --mapping file: scale = {factor}"
    )
}

/// E014 help: fix the quantity, the unit cost or the total.
pub fn fix_quantity_help(lang: Lang) -> &'static str {
    lang.pick(
        "corriger la quantité, le coût unitaire ou le total",
        "fix the quantity, the unit cost or the total",
    )
}

/// E040/W111: a total row of the workbook that does not match its rows.
pub fn total_row_mismatch(
    lang: Lang,
    label: impl Display,
    row: impl Display,
    declared: impl Display,
    column: impl Display,
    computed: impl Display,
    difference: impl Display,
) -> String {
    tr!(
        lang,
        "la ligne « {label} » (ligne {row}) indique {declared} dans la colonne « {column} », la somme calculée est {computed} (écart {difference})",
        "row \"{label}\" (row {row}) says {declared} in column \"{column}\", the computed sum is {computed} (difference {difference})"
    )
}

/// E040 help: fix the row or the total, or confirm the total is wrong.
pub fn total_row_mismatch_help(lang: Lang) -> &'static str {
    lang.pick(
        "le total du classeur ne correspond pas à ses lignes : corriger la ligne fautive ou le total ; si c'est le total qui est faux, le confirmer dans un fichier --mapping : totals = \"warning\"",
        "the workbook's total does not match its rows: fix the wrong row or the total; if the total is what is wrong, confirm it in a --mapping file: totals = \"warning\"",
    )
}

/// E004: the plan's year found nowhere.
pub fn year_not_found(lang: Lang) -> &'static str {
    lang.pick(
        "année du plan introuvable (ni dans le titre, ni dans le nom de la feuille ou du fichier)",
        "plan year not found (neither in the title, nor in the sheet or file name)",
    )
}

/// E004 help: where to write the plan's year.
pub fn year_not_found_help(lang: Lang) -> &'static str {
    lang.pick(
        "l'écrire dans le titre (« PTBA 2024 ») ou dans un fichier --mapping : [plan] year = 2024",
        "write it in the title (\"PTBA 2024\") or in a --mapping file: [plan] year = 2024",
    )
}

/// E023: a currency code that is not a known ISO 4217 code.
pub fn unknown_currency(lang: Lang, code: impl Display) -> String {
    tr!(
        lang,
        "devise inconnue `{code}`",
        "unknown currency `{code}`"
    )
}

/// E019: two budget columns, neither said to be the plan's.
pub fn two_budget_columns(
    lang: Lang,
    first: impl Display,
    second: impl Display,
    year: impl Display,
) -> String {
    tr!(
        lang,
        "deux colonnes de budget, « {first} » et « {second} » : laquelle est le budget du plan {year} n'est pas dit",
        "two budget columns, \"{first}\" and \"{second}\": which is the budget of the {year} plan is not said"
    )
}

/// E019 help: which column is the budget, in a mapping file.
pub fn two_budget_columns_help(lang: Lang, initial: impl Display, amount: impl Display) -> String {
    tr!(
        lang,
        "le dire dans un fichier --mapping : [columns] \"{initial}\" = \"amount\" et \"{amount}\" = \"initial\" (ou \"ignore\")",
        "say it in a --mapping file: [columns] \"{initial}\" = \"amount\" and \"{amount}\" = \"initial\" (or \"ignore\")"
    )
}

/// How the axes were read: one sheet per axis.
pub fn sheet_per_axis(lang: Lang, sheet: impl Display, title: impl Display) -> String {
    tr!(
        lang,
        "une feuille par axe (« {sheet} » : « {title} »)",
        "one sheet per axis (\"{sheet}\": \"{title}\")"
    )
}

/// W112: hidden columns not read.
pub fn hidden_columns_skipped(lang: Lang, columns: impl Display) -> String {
    tr!(
        lang,
        "colonne(s) masquée(s) ignorée(s) : {columns}",
        "hidden column(s) skipped: {columns}"
    )
}

/// W112: hidden rows not read.
pub fn hidden_rows_skipped(lang: Lang, rows: impl Display) -> String {
    tr!(
        lang,
        "ligne(s) masquée(s) ignorée(s) : {rows}",
        "hidden row(s) skipped: {rows}"
    )
}

/// E019: a title and a column header giving two different units.
pub fn two_units(
    lang: Lang,
    text: impl Display,
    row: impl Display,
    factor: impl Display,
    header: impl Display,
    own: impl Display,
) -> String {
    tr!(
        lang,
        "deux unités différentes : « {text} » (ligne {row}) dit ×{factor}, l'en-tête « {header} » dit ×{own}",
        "two different units: \"{text}\" (row {row}) says ×{factor}, the header \"{header}\" says ×{own}"
    )
}

/// Where the unit of every amount was found: a title's text and its row.
pub fn unit_found_at(lang: Lang, text: impl Display, row: impl Display) -> String {
    tr!(lang, "« {text} » (ligne {row})", "« {text} » (row {row})")
}

/// "Axe 1": the title of an axis known only by its number.
pub fn axis_numbered(lang: Lang, axis: impl Display) -> String {
    tr!(lang, "Axe {axis}", "Axis {axis}")
}

/// E019 help: fix the title or the header, or state the unit.
pub fn two_units_help(lang: Lang) -> &'static str {
    lang.pick(
        "corriger le titre ou l'en-tête, ou dire l'unité dans un fichier --mapping : scale = 1000",
        "fix the title or the header, or state the unit in a --mapping file: scale = 1000",
    )
}

/// E004: a sheet with no activity under its header.
pub fn no_activity_below_header(lang: Lang, sheet: impl Display) -> String {
    tr!(
        lang,
        "feuille {sheet} : aucune activité sous l'en-tête",
        "sheet {sheet}: no activity below the header"
    )
}

/// W112: a funder's column that holds text, not read as amounts.
pub fn funder_column_text(lang: Lang, column: impl Display, source: impl Display) -> String {
    tr!(
        lang,
        "« {column} » nomme un financeur, mais la colonne contient du texte : elle n'est pas lue comme montants ; pour la lire : --mapping, [columns] \"{column}\" = \"source:{source}\"",
        "\"{column}\" names a funder, but the column holds text: it is not read as amounts; to read it: --mapping, [columns] \"{column}\" = \"source:{source}\""
    )
}

/// W112: of two budget columns, which one is the budget.
pub fn two_budgets_chosen(lang: Lang, budget: impl Display, initial: impl Display) -> String {
    tr!(
        lang,
        "deux budgets : « {budget} » est le budget, « {initial} » est gardé comme budget initial (initial) ; pour un autre choix, --mapping : [columns] \"{initial}\" = \"amount\"",
        "two budgets: \"{budget}\" is the budget, \"{initial}\" is kept as the initial budget (initial); for another choice, --mapping: [columns] \"{initial}\" = \"amount\""
    )
}

/// W112: the unit of all the amounts, and the factor applied.
pub fn unit_of_amounts(lang: Lang, origin: impl Display, factor: impl Display) -> String {
    tr!(
        lang,
        "unité des montants : {origin} ; les montants sont multipliés par {factor}",
        "unit of the amounts: {origin}; the amounts are multiplied by {factor}"
    )
}

/// "thousands", the unit of a column.
pub fn thousands(lang: Lang) -> &'static str {
    lang.pick("milliers", "thousands")
}

/// "millions", the unit of a column.
pub fn millions(lang: Lang) -> &'static str {
    lang.pick("millions", "millions")
}

/// W112: no action column or row: one action per axis.
pub fn one_action_per_axis(lang: Lang) -> &'static str {
    lang.pick(
        "ni colonne ni ligne d'action : une action par axe est créée (code axe.0)",
        "no action column or row: one action per axis is created (axis id .0)",
    )
}

/// How a level was read: from section rows.
pub fn section_rows(lang: Lang, text: impl Display, row: impl Display) -> String {
    tr!(
        lang,
        "lignes de section (« {text} », ligne {row})",
        "section rows (\"{text}\", row {row})"
    )
}

/// E041: dotted codes of more than three levels: which are the activities is not proven.
pub fn code_levels_unproven(
    lang: Lang,
    code: impl Display,
    row: impl Display,
    child: impl Display,
    depth: impl Display,
) -> String {
    tr!(
        lang,
        "« {code} » (ligne {row}) a des lignes en dessous (« {child} »…) : {depth} niveaux de codes (programme, action, activité, tâche ?) ; lesquelles sont les activités n'est pas prouvé",
        "\"{code}\" (row {row}) has rows below it (\"{child}\"…): {depth} levels of codes (programme, action, activity, task?); which rows are the activities is not proven"
    )
}

/// E041 help: group the tasks into activities, or drop the rows that total them.
pub fn code_levels_help(lang: Lang) -> &'static str {
    lang.pick(
        "ptba lit trois niveaux (axe, action, activité) : regrouper les tâches dans leur activité (une ligne par activité et par source), ou garder les tâches comme activités en retirant les lignes qui les totalisent",
        "ptba reads three levels (axis, action, activity): group the tasks into their activity (one row per activity and source), or keep the tasks as activities and remove the rows that total them",
    )
}

/// How a level was read: rows whose dotted code has rows below.
pub fn dotted_rows_with_children(lang: Lang, code: impl Display, row: impl Display) -> String {
    tr!(
        lang,
        "lignes dont le code pointé a des lignes en dessous (« {code} », ligne {row})",
        "rows whose dotted code has rows below (\"{code}\", row {row})"
    )
}

/// "axis", the level a row may be.
pub fn axis_lower(lang: Lang) -> &'static str {
    lang.pick("axe", "axis")
}

/// "action", the level a row may be.
pub fn action_lower(lang: Lang) -> &'static str {
    lang.pick("action", "action")
}

/// E041: a row that may be a level row or an activity.
pub fn level_unproven(
    lang: Lang,
    text: impl Display,
    row: impl Display,
    level: impl Display,
    word: impl Display,
    number: impl Display,
) -> String {
    tr!(
        lang,
        "« {text} » (ligne {row}) : ligne de niveau ({level}) ou activité ? Rien ne le prouve : ni numéro (« {word} {number} »), ni « : » après le mot, ni majuscules, ni autre colonne remplie",
        "\"{text}\" (row {row}): a level row ({level}) or an activity? Nothing proves it: no number (\"{word} {number}\"), no \":\" after the word, no capitals, no other column filled"
    )
}

/// E041 help: number the row, or say what its word opens.
pub fn level_unproven_help(
    lang: Lang,
    word: impl Display,
    number: impl Display,
    key: impl Display,
) -> String {
    tr!(
        lang,
        "numéroter la ligne (« {word} {number} : … ») ; ou le dire dans un fichier --mapping : [levels] {key} = [\"{word}\"] (ce sont des lignes de niveau) ou {key} = [] (ce sont des activités)",
        "number the row (\"{word} {number}: …\"); or say it in a --mapping file: [levels] {key} = [\"{word}\"] (they are level rows) or {key} = [] (they are activities)"
    )
}

/// W112: no axis above a row: an axis "1" is created.
pub fn axis_created(lang: Lang) -> &'static str {
    lang.pick(
        "pas d'axe au-dessus de cette ligne : un axe « 1 » est créé",
        "no axis above this row: an axis \"1\" is created",
    )
}

/// How the axes were read: none, an axis "1" is created.
pub fn no_axis_created(lang: Lang) -> &'static str {
    lang.pick(
        "aucun : un axe « 1 » est créé",
        "none: an axis \"1\" is created",
    )
}

/// How the actions were read: none, one action per axis.
pub fn no_action_per_axis(lang: Lang) -> &'static str {
    lang.pick(
        "aucune : une action par axe (code axe.0)",
        "none: one action per axis (id axis.0)",
    )
}

/// E004: a sheet named that the workbook does not have.
pub fn no_such_sheet(lang: Lang, sheet: impl Display, sheets: impl Display) -> String {
    tr!(
        lang,
        "pas de feuille « {sheet} » dans le classeur (feuilles : {sheets})",
        "no sheet \"{sheet}\" in the workbook (sheets: {sheets})"
    )
}

/// W112: hidden sheets not read.
pub fn hidden_sheets_skipped(lang: Lang, sheets: impl Display) -> String {
    tr!(
        lang,
        "feuille(s) masquée(s) ignorée(s) : {sheets} (--sheet pour en lire une)",
        "hidden sheet(s) skipped: {sheets} (--sheet to read one)"
    )
}

/// E027: a workbook without any sheet.
pub fn no_sheet(lang: Lang) -> &'static str {
    lang.pick(
        "le classeur n'a aucune feuille",
        "the workbook has no sheet",
    )
}

/// W112: a plan read from several sheets, one per axis.
pub fn read_per_axis(lang: Lang, count: impl Display, sheets: impl Display) -> String {
    tr!(
        lang,
        "plan lu sur {count} feuilles, une par axe : {sheets}",
        "plan read from {count} sheets, one per axis: {sheets}"
    )
}

/// E040/W111: a recap sheet's figure that the plan's sheets do not give.
pub fn recap_mismatch(
    lang: Lang,
    declared: impl Display,
    label: impl Display,
    row: impl Display,
    computed: impl Display,
    difference: impl Display,
) -> String {
    tr!(
        lang,
        "la feuille récapitulative indique {declared} pour « {label} » (ligne {row}), les feuilles du plan donnent {computed} (écart {difference})",
        "the recap sheet says {declared} for \"{label}\" (row {row}), the plan's sheets give {computed} (difference {difference})"
    )
}

/// E040 help: fix the sheet or the recap, or confirm the recap is wrong.
pub fn recap_mismatch_help(lang: Lang) -> &'static str {
    lang.pick(
        "corriger la feuille fautive ou le récapitulatif ; si c'est le récapitulatif qui est faux, le confirmer dans un fichier --mapping : totals = \"warning\"",
        "fix the wrong sheet or the recap; if the recap is what is wrong, confirm it in a --mapping file: totals = \"warning\"",
    )
}

/// W112: a recap sheet whose totals were compared.
pub fn recap_checked(lang: Lang, sheet: impl Display, count: usize) -> String {
    let totals = super::super::count_in(
        lang,
        count,
        ("total comparé", "totaux comparés"),
        ("total compared", "totals compared"),
    );
    tr!(
        lang,
        "feuille récapitulative « {sheet} » : {totals} aux feuilles du plan (elle n'est pas lue comme un plan)",
        "recap sheet \"{sheet}\": {totals} with the plan's sheets (it is not read as a plan)"
    )
}

/// E004: a sheet without a recognised header row.
pub fn no_header_row(lang: Lang, sheet: impl Display, row: impl Display) -> String {
    tr!(
        lang,
        "feuille {sheet} : aucune ligne d'en-tête reconnue (il faut au moins la colonne de l'intitulé de l'activité) ; la ligne {row} est la plus probable",
        "sheet {sheet}: no header row recognised (at least the activity title column is needed); row {row} is the likeliest"
    )
}

/// E004 help: the headers found and how to map them.
pub fn no_header_row_help(
    lang: Lang,
    row: impl Display,
    found: impl Display,
    recognised: impl Display,
    fields: impl Display,
) -> String {
    tr!(
        lang,
        "en-têtes trouvés ligne {row} : {found} — reconnus : {recognised} — champs attendus : {fields} — donner les correspondances avec --mapping FICHIER.toml, section [columns] (\"En-tête\" = \"title\"), voir docs/import.md",
        "headers found on row {row}: {found} — recognised: {recognised} — expected fields: {fields} — give the correspondences with --mapping FILE.toml, section [columns] (\"Header\" = \"title\"), see docs/import.md"
    )
}

/// E014: quantity × unit cost differs from the total.
pub fn quantity_mismatch(
    lang: Lang,
    row: impl Display,
    quantity: impl Display,
    unit_cost: impl Display,
    product: impl Display,
    total: impl Display,
    implied: impl Display,
) -> String {
    tr!(
        lang,
        "ligne {row} : quantité × coût unitaire = {quantity} × {unit_cost} = {product}, mais le total est {total}{implied}",
        "row {row}: quantity × unit cost = {quantity} × {unit_cost} = {product}, but the total is {total}{implied}"
    )
}

/// W112: a money column in thousands or millions, multiplied.
pub fn column_scaled(
    lang: Lang,
    column: impl Display,
    unit: impl Display,
    factor: impl Display,
) -> String {
    tr!(
        lang,
        "« {column} » : montants en {unit} ; ils sont multipliés par {factor}",
        "\"{column}\": amounts in {unit}; they are multiplied by {factor}"
    )
}

//! What the commands print (confirmations, refusals, usage errors); in
//! [`inspect`] what `ptba inspect` prints, in [`files`] file and system
//! errors (fsutil, platform, error, cli).

pub(crate) mod files;
pub(crate) mod inspect;

use std::fmt::Display;

use super::Lang;
use crate::tr;

// ---- check ----

/// `check` on a folder without any plan file (usage error).
pub fn folder_without_plan(lang: Lang, folder: impl Display) -> String {
    tr!(
        lang,
        "{folder} : dossier sans plan (.toml, .xlsx, .xls, .ods)",
        "{folder}: folder without a plan (.toml, .xlsx, .xls, .ods)"
    )
}

/// `check` without `--all`: the diagnostics of one code left out.
pub fn more_not_shown(lang: Lang, count: usize, code: impl Display, name: impl Display) -> String {
    let (autre, affiche) = (
        super::plural(lang, count, "autre", "autres"),
        super::plural(lang, count, "affiché", "affichés"),
    );
    tr!(
        lang,
        "… et {count} {autre} {code} {name} non {affiche} (--all pour tout afficher, --format json pour tout traiter)\n",
        "… and {count} more {code} {name} not shown (--all to show them all, --format json to process them all)\n"
    )
}

/// `check` given a progress log: it is checked with its plan.
pub fn log_skipped_by_check(lang: Lang, path: impl Display) -> String {
    tr!(
        lang,
        "{path} : journal de suivi, pas un plan — ignoré (il est vérifié avec son plan)\n",
        "{path}: a progress log, not a plan — skipped (it is checked with its plan)\n"
    )
}

/// `check`'s verdict: no error (and no warning with `--deny-warnings`).
pub fn valid(lang: Lang) -> &'static str {
    lang.pick("valide", "valid")
}

/// `check`'s verdict: errors (or warnings with `--deny-warnings`).
pub fn invalid(lang: Lang) -> &'static str {
    lang.pick("invalide", "invalid")
}

/// `check`'s last line: the plans, the verdict and the tally.
pub fn verdict(
    lang: Lang,
    plans: impl Display,
    verdict: impl Display,
    tally: impl Display,
) -> String {
    tr!(
        lang,
        "{plans} : {verdict} ({tally})\n",
        "{plans}: {verdict} ({tally})\n"
    )
}

// ---- convert ----

/// `convert`: what was written (in its confirmation).
pub fn convert_counts(lang: Lang, activities: impl Display, records: impl Display) -> String {
    tr!(
        lang,
        "{activities} activités, {records} enregistrements de suivi",
        "{activities} activities, {records} progress records"
    )
}

/// `convert` to a workbook: done.
pub fn plan_workbook_written(lang: Lang, path: impl Display, counts: impl Display) -> String {
    tr!(
        lang,
        "Classeur du plan écrit : {path} ({counts})\n",
        "Plan workbook written: {path} ({counts})\n"
    )
}

/// `convert` to TOML where the plan and its log would be one file (usage error).
pub fn plan_and_log_same_file(lang: Lang, log: impl Display) -> String {
    tr!(
        lang,
        "le plan et son journal seraient le même fichier ({log})",
        "the plan and its log would be the same file ({log})"
    )
}

/// `convert` to TOML whose text ptba could not read back (nothing written).
pub fn toml_would_not_read_back(lang: Lang, message: impl Display, bytes: impl Display) -> String {
    tr!(
        lang,
        "le TOML écrit ne se relirait pas ({message}) : rien n'est écrit ; merci de signaler ce cas ({bytes} octets)",
        "the TOML written would not read back ({message}): nothing is written; please report this case ({bytes} bytes)"
    )
}

/// `convert` to TOML: done.
pub fn plan_written(
    lang: Lang,
    path: impl Display,
    log: impl Display,
    counts: impl Display,
) -> String {
    tr!(
        lang,
        "Plan écrit : {path} et son journal {log} ({counts})\n",
        "Plan written: {path} with its log {log} ({counts})\n"
    )
}

// ---- report and dashboard ----

/// `dashboard`: done, with the headline.
pub fn dashboard_written(lang: Lang, path: impl Display, headline: impl Display) -> String {
    tr!(
        lang,
        "Tableau de bord écrit : {path}\n{headline}\n",
        "Dashboard written: {path}\n{headline}\n"
    )
}

/// `report --from` after `--to` (usage error).
pub fn from_after_to(lang: Lang, from: impl Display, to: impl Display) -> String {
    tr!(
        lang,
        "--from {from} est après --to {to} : la période doit commencer avant de finir",
        "--from {from} is after --to {to}: the period must start before it ends"
    )
}

/// `report --as-of` with a period that ends another day (usage error).
pub fn as_of_not_period_end(lang: Lang, as_of: impl Display, end: impl Display) -> String {
    tr!(
        lang,
        "--as-of {as_of} et la fin de la période ({end}) diffèrent : le cumul est arrêté à la fin de la période, retirer --as-of",
        "--as-of {as_of} and the end of the period ({end}) differ: the cumulative stops at the end of the period, drop --as-of"
    )
}

/// `report`: done, with the headline.
pub fn report_written(lang: Lang, path: impl Display, headline: impl Display) -> String {
    tr!(
        lang,
        "Rapport écrit : {path}\n{headline}\n",
        "Report written: {path}\n{headline}\n"
    )
}

/// `report --period` not a quarter (usage error).
pub fn unknown_period(lang: Lang, period: impl Display) -> String {
    tr!(
        lang,
        "--period {period} : un trimestre de l'année du plan, T1, T2, T3 ou T4 (ou --from DATE --to DATE)",
        "--period {period}: a quarter of the plan year, Q1, Q2, Q3 or Q4 (or --from DATE --to DATE)"
    )
}

/// `report --source` with an id the plan does not have (usage error).
pub fn unknown_report_source(lang: Lang, id: impl Display, known: impl Display) -> String {
    tr!(
        lang,
        "--source {id} : aucune source de ce code dans le plan ; sources : {known}",
        "--source {id}: no source with this code in the plan; sources: {known}"
    )
}

// ---- diff ----

/// `diff PLAN`: the name of the initial amounts' side.
pub fn initial_side(lang: Lang, name: impl Display) -> String {
    tr!(lang, "{name} (initial)", "{name} (initial)")
}

/// `diff PLAN`: the name of the revised amounts' side.
pub fn revised_side(lang: Lang, name: impl Display) -> String {
    tr!(lang, "{name} (révisé)", "{name} (revised)")
}

// ---- history ----

/// `history` with an activity id the plan does not have (usage error).
pub fn activity_not_in_plan(lang: Lang, id: impl Display, plan: impl Display) -> String {
    tr!(
        lang,
        "activité {id} : absente du plan {plan}",
        "activity {id}: not in the plan {plan}"
    )
}

/// `history`: the nearest id (after the error above).
pub fn did_you_mean(lang: Lang, id: impl Display) -> String {
    tr!(lang, " (voulez-vous dire {id} ?)", " (did you mean {id}?)")
}

/// `history`: where to find the ids (end of the error above).
pub fn ids_hint(lang: Lang) -> &'static str {
    lang.pick(
        " ; la liste des codes : ptba list PLAN",
        "; the ids: ptba list PLAN",
    )
}

/// `history` table: column of the running total spent.
pub fn spent_to_date(lang: Lang) -> &'static str {
    lang.pick("Cumul décaissé", "Spent to date")
}

/// `history` table: column of the running total committed.
pub fn committed_to_date(lang: Lang) -> &'static str {
    lang.pick("Cumul engagé", "Committed to date")
}

/// `history` table: a correction, in the note column.
pub fn correction_mark(lang: Lang) -> &'static str {
    lang.pick("[correction]", "[correction]")
}

/// `history` table: a record imported from a workbook, in the note column.
pub fn imported_from(lang: Lang, file: impl Display) -> String {
    tr!(lang, "[importé de {file}]", "[imported from {file}]")
}

/// `history` of an activity without any record.
pub fn no_record(lang: Lang) -> &'static str {
    lang.pick(
        "Aucun enregistrement pour cette activité.\n",
        "No record for this activity.\n",
    )
}

// ---- session ----

/// `template` and `import` refused: the plan or its log has errors.
pub fn plan_has_errors(lang: Lang) -> &'static str {
    lang.pick(
        "le plan ou son journal a des erreurs : corriger d'abord (ptba check).\n",
        "the plan or its log has errors: fix them first (ptba check).\n",
    )
}

/// A progress log given among plans: it is read with its plan.
pub fn log_skipped(lang: Lang, path: impl Display) -> String {
    tr!(
        lang,
        "{path} : journal de suivi, pas un plan — ignoré (il est lu avec son plan)\n",
        "{path}: a progress log, not a plan — skipped (it is read with its plan)\n"
    )
}

/// A command refused: the plans have errors (after them).
pub fn plan_not_valid(lang: Lang, tally: impl Display) -> String {
    tr!(
        lang,
        "{tally} : le plan n'est pas valide, rien n'est calculé.\n",
        "{tally}: the plan is not valid, nothing is computed.\n"
    )
}

/// A command's note about the plans' warnings.
pub fn warnings_note(lang: Lang, tally: impl Display, plans: impl Display) -> String {
    tr!(
        lang,
        "{tally} — détail : ptba check {plans}\n",
        "{tally} — details: ptba check {plans}\n"
    )
}

// ---- import ----

/// `import` into a plan workbook that holds its own progress (usage error).
pub fn import_progress_in_workbook(lang: Lang, plan: impl Display) -> String {
    tr!(
        lang,
        "{plan} porte son suivi dans sa feuille Suivi : le convertir en TOML (ptba convert) avant d'importer",
        "{plan} holds its progress in its Suivi sheet: convert it to TOML (ptba convert) before importing"
    )
}

/// `import` refused: cells of the filled workbook are invalid.
pub fn invalid_cells(lang: Lang, count: usize) -> String {
    let cells = super::count_in(
        lang,
        count,
        ("cellule invalide", "cellules invalides"),
        ("invalid cell", "invalid cells"),
    );
    tr!(
        lang,
        "{cells} : rien n'est importé. Corriger le classeur et recommencer.\n",
        "{cells}: nothing is imported. Fix the workbook and try again.\n"
    )
}

/// `import` of a workbook without any filled row.
pub fn nothing_to_import(lang: Lang) -> &'static str {
    lang.pick(
        "Aucune ligne remplie : rien à importer.\n",
        "No filled row: nothing to import.\n",
    )
}

/// `import`: done.
pub fn imported(lang: Lang, count: usize, workbook: impl Display, log: impl Display) -> String {
    let records = super::count_in(
        lang,
        count,
        ("enregistrement", "enregistrements"),
        ("record", "records"),
    );
    tr!(
        lang,
        "Importé : {records} de {workbook} dans {log}\n",
        "Imported: {records} from {workbook} into {log}\n"
    )
}

/// `import` refused: a record breaks a rule of the log.
pub fn import_refused(lang: Lang) -> &'static str {
    lang.pick(
        "import refusé : le journal n'est pas modifié.\n",
        "import refused: the log is unchanged.\n",
    )
}

/// `import` of a workbook already imported (refused without `--force`).
pub fn already_imported(lang: Lang, workbook: impl Display, sha: impl Display) -> String {
    tr!(
        lang,
        "{workbook} a déjà été importé (mêmes lignes, sha256 {sha}) : rien n'est ajouté, pour ne pas compter deux fois les mêmes dépenses. Pour l'importer quand même : --force\n",
        "{workbook} was already imported (same rows, sha256 {sha}): nothing is added, so no spending is counted twice. To import it anyway: --force\n"
    )
}

// ---- init ----

/// `init --year` out of range (usage error).
pub fn invalid_year(lang: Lang, year: impl Display) -> String {
    tr!(
        lang,
        "--year {year} : année invalide",
        "--year {year}: invalid year"
    )
}

/// `init` without `--organization`: the organization written in the starter plan.
pub fn my_organisation(lang: Lang) -> &'static str {
    lang.pick("Mon organisation", "My organisation")
}

/// `init`: done.
pub fn starter_written(lang: Lang, path: impl Display) -> String {
    tr!(
        lang,
        "Plan de départ écrit dans {path} — vérifier avec : ptba check {path}\n",
        "Starter plan written to {path} — check it with: ptba check {path}\n"
    )
}

/// The starter plan `ptba init` writes, with its comments in `lang`.
pub fn starter_plan(lang: Lang) -> &'static str {
    lang.pick(
        include_str!("starter_plan.fr.toml"),
        include_str!("starter_plan.en.toml"),
    )
}

// ---- list ----

/// The letter before a quarter's number (T1 / Q1).
pub fn quarter_prefix(lang: Lang) -> &'static str {
    lang.pick("T", "Q")
}

/// `list --status` with an unknown status (usage error).
pub fn list_unknown_status(lang: Lang, status: impl Display) -> String {
    tr!(
        lang,
        "--status {status} : statut inconnu (planned, ongoing, done, postponed, cancelled, ou prévue, en cours, réalisée, reportée, abandonnée)",
        "--status {status}: unknown status (planned, ongoing, done, postponed, cancelled)"
    )
}

/// `list --quarter` with an unknown quarter (usage error).
pub fn unknown_quarter(lang: Lang, quarter: impl Display) -> String {
    tr!(
        lang,
        "--quarter {quarter} : trimestre inconnu (T1, T2, T3 ou T4)",
        "--quarter {quarter}: unknown quarter (Q1, Q2, Q3 or Q4)"
    )
}

/// `list --axis`/`--source` with an id the plans do not have (usage error).
pub fn unknown_filter_id(
    lang: Lang,
    flag: impl Display,
    id: impl Display,
    known: impl Display,
) -> String {
    tr!(
        lang,
        "--{flag} {id} : inconnu dans le plan (codes : {known})",
        "--{flag} {id}: not in the plan (ids: {known})"
    )
}

/// `list` footer: before the as-of date.
pub fn as_of(lang: Lang) -> &'static str {
    lang.pick("au", "as of")
}

/// `list` tables: the id column.
pub fn id_header(lang: Lang) -> &'static str {
    lang.pick("Code", "Id")
}

/// `list --unfunded` table: the amount to be found.
pub fn to_be_found_header(lang: Lang) -> &'static str {
    lang.pick("À rechercher", "To be found")
}

/// `list --unfunded`: before the total to be found.
pub fn total_to_be_found(lang: Lang) -> &'static str {
    lang.pick("Total à rechercher : ", "Total to be found: ")
}

// ---- diagnostics ----

/// Between a command-line flag and the message of a refused record (`--spent 5 : …`).
pub fn label_colon(lang: Lang) -> &'static str {
    lang.pick(" : ", ": ")
}

/// A diagnostic's severity: error.
pub fn severity_error(lang: Lang) -> &'static str {
    lang.pick("erreur", "error")
}

/// A diagnostic's severity: warning.
pub fn severity_warning(lang: Lang) -> &'static str {
    lang.pick("avertissement", "warning")
}

/// Before a diagnostic's help line.
pub fn help_label(lang: Lang) -> &'static str {
    lang.pick("aide", "help")
}

// ---- record ----

/// `record` with a number whose separator could mean thousands or decimals (usage error).
pub fn ambiguous_number(
    lang: Lang,
    flag: impl Display,
    value: impl Display,
    thousands: impl Display,
    decimal: impl Display,
) -> String {
    tr!(
        lang,
        "--{flag} {value} : ambigu (un séparateur seul devant trois chiffres) : écrire {thousands} ou {decimal}",
        "--{flag} {value}: ambiguous (a single separator before three digits): write {thousands} or {decimal}"
    )
}

/// `record` with a negative amount: how to reverse one (after the error).
pub fn reverse_hint(lang: Lang) -> &'static str {
    lang.pick(
        " ; pour contre-passer un montant déjà enregistré : --correction et --note \"…\"",
        "; to reverse an amount already recorded: --correction and --note \"…\"",
    )
}

/// `record --date` outside the plan year without `--force` (usage error).
pub fn record_date_outside_year(lang: Lang, date: impl Display, year: impl Display) -> String {
    tr!(
        lang,
        "--date {date} : hors de l'année du plan ({year}) ; corriger la date, ou --force pour une vraie exception",
        "--date {date}: outside the plan year ({year}); fix the date, or --force for a real exception"
    )
}

/// `record` without `--date` when today is outside the plan year (usage error).
pub fn today_outside_year(lang: Lang, today: impl Display, year: impl Display) -> String {
    tr!(
        lang,
        "aujourd'hui ({today}) est hors de l'année du plan ({year}) : donner la date de la situation avec --date (par exemple --date 31/12/{year})",
        "today ({today}) is outside the plan year ({year}): give the date of the situation with --date (for instance --date {year}-12-31)"
    )
}

/// `record --status` with an unknown status (usage error).
pub fn record_unknown_status(lang: Lang, status: impl Display) -> String {
    tr!(
        lang,
        "--status {status} : statut inconnu (planned, ongoing, done, postponed, cancelled)",
        "--status {status}: unknown status (planned, ongoing, done, postponed, cancelled)"
    )
}

/// `record --indicator` without NAME=VALUE (usage error).
pub fn indicator_form(lang: Lang, item: impl Display) -> String {
    tr!(
        lang,
        "--indicator {item} : écrire NOM=VALEUR",
        "--indicator {item}: write NAME=VALUE"
    )
}

/// `record --correction` without a note (usage error).
pub fn correction_needs_note(lang: Lang) -> &'static str {
    lang.pick("--correction : donner --note \"…\" qui dit ce qui est corrigé (par exemple le décaissement saisi deux fois)", "--correction: give --note \"…\" saying what is corrected (for instance the payment entered twice)")
}

/// `record --correction` without an amount (usage error).
pub fn correction_needs_amount(lang: Lang) -> &'static str {
    lang.pick("--correction : donner --spent et/ou --committed, le montant à contre-passer (négatif pour annuler)", "--correction: give --spent and/or --committed, the amount to reverse (negative to cancel)")
}

/// `record` with nothing to record (usage error).
pub fn nothing_to_record(lang: Lang) -> &'static str {
    lang.pick("rien à enregistrer : donner au moins --status, --progress, --spent, --committed, --indicator ou --note", "nothing to record: give at least --status, --progress, --spent, --committed, --indicator or --note")
}

/// `record`/`import`: the log's folder did not exist and was made.
pub fn log_folder_created(lang: Lang, folder: impl Display) -> String {
    tr!(
        lang,
        "dossier {folder} créé pour le journal de suivi\n",
        "folder {folder} created for the progress log\n"
    )
}

/// `record` refused: the plan or its log has errors.
pub fn record_plan_has_errors(lang: Lang) -> &'static str {
    lang.pick("le plan ou son journal a des erreurs : corriger d'abord (ptba check), rien n'est enregistré.\n", "the plan or its log has errors: fix them first (ptba check); nothing is recorded.\n")
}

/// `record` on a plan workbook that holds its own progress (usage error).
pub fn record_progress_in_workbook(lang: Lang, plan: impl Display) -> String {
    tr!(
        lang,
        "{plan} porte son suivi dans sa feuille Suivi : le convertir en TOML (ptba convert) pour enregistrer",
        "{plan} holds its progress in its Suivi sheet: convert it to TOML (ptba convert) to record"
    )
}

/// `record` refused: the record breaks a rule of the log.
pub fn record_refused(lang: Lang) -> &'static str {
    lang.pick(
        "enregistrement refusé : le journal n'est pas modifié.\n",
        "record refused: the log is unchanged.\n",
    )
}

/// `record`: done.
pub fn recorded(
    lang: Lang,
    activity: impl Display,
    date: impl Display,
    log: impl Display,
) -> String {
    tr!(
        lang,
        "Enregistré : {activity} au {date} dans {log}\n",
        "Recorded: {activity} on {date} in {log}\n"
    )
}

/// `record`: the ACTIVITY argument, as named in a refused record's message.
pub fn activity_argument(lang: Lang, id: impl Display) -> String {
    tr!(lang, "ACTIVITÉ {id}", "ACTIVITY {id}")
}

/// `record`: the date of a refused record when `--date` was not given.
pub fn date_not_given(lang: Lang, date: impl Display) -> String {
    tr!(
        lang,
        "--date (non donnée : aujourd'hui, {date})",
        "--date (not given: today, {date})"
    )
}

// ---- rollover ----

/// `rollover --year` not after the plan's year (usage error).
pub fn rollover_year(lang: Lang, year: impl Display, plan_year: impl Display) -> String {
    tr!(
        lang,
        "--year {year} : l'année du nouveau plan doit suivre celle du plan ({plan_year}) sans dépasser 2200",
        "--year {year}: the new plan's year must come after the plan's ({plan_year}), 2200 at most"
    )
}

/// `rollover` where the draft's log already exists (usage error).
pub fn draft_log_exists(lang: Lang, log: impl Display, draft: impl Display) -> String {
    tr!(
        lang,
        "{log} existe déjà et serait lu comme le journal du projet {draft} : le déplacer, ou choisir un autre nom avec -o",
        "{log} already exists and would be read as the log of the draft {draft}: move it, or choose another name with -o"
    )
}

/// `rollover`: done.
pub fn draft_written(
    lang: Lang,
    year: impl Display,
    path: impl Display,
    carried: impl Display,
    left: impl Display,
    budget: impl Display,
) -> String {
    tr!(
        lang,
        "Projet de plan {year} écrit : {path} ({carried} activités reprises, {left} non reprises ; budget {budget}) — vérifier : ptba check {path}\n",
        "Draft plan {year} written: {path} ({carried} activities carried over, {left} left behind; budget {budget}) — check it: ptba check {path}\n"
    )
}

// ---- template ----

/// `template --quarter` out of 1 to 4 (usage error).
pub fn template_quarter(lang: Lang, quarter: impl Display) -> String {
    tr!(
        lang,
        "--quarter {quarter} : un trimestre de 1 à 4",
        "--quarter {quarter}: a quarter from 1 to 4"
    )
}

/// `template` whose filters keep no activity (usage error).
pub fn no_activity_matches(lang: Lang) -> &'static str {
    lang.pick(
        "aucune activité ne correspond à --responsible / --quarter : rien à écrire",
        "no activity matches --responsible / --quarter: nothing to write",
    )
}

/// `template`: done.
pub fn template_written(
    lang: Lang,
    path: impl Display,
    rows: impl Display,
    plan: impl Display,
) -> String {
    tr!(
        lang,
        "Modèle de saisie écrit dans {path} : {rows} lignes. Le faire remplir, puis : ptba import {plan} {path}\n",
        "Progress template written to {path}: {rows} rows. Have it filled, then: ptba import {plan} {path}\n"
    )
}

// ---- counts ----

/// The tally after `check` and in refusals: "2 erreurs, 1 avertissement".
/// French puts 0 in the singular ("0 erreur"), English does not.
pub fn tally(lang: Lang, errors: usize, warnings: usize) -> String {
    let e = super::count_in(lang, errors, ("erreur", "erreurs"), ("error", "errors"));
    let w = super::count_in(
        lang,
        warnings,
        ("avertissement", "avertissements"),
        ("warning", "warnings"),
    );
    format!("{e}, {w}")
}

/// `list` footer: how many activities are listed ("0 activité" in French).
pub fn activities_listed(lang: Lang, n: usize) -> String {
    super::count_in(
        lang,
        n,
        ("activité", "activités"),
        ("activity", "activities"),
    )
}

// ---- statuses ----

/// An activity's status, in tables and reports.
pub fn status(lang: Lang, s: crate::model::Status) -> &'static str {
    use crate::model::Status;
    match s {
        Status::Planned => lang.pick("prévue", "planned"),
        Status::Ongoing => lang.pick("en cours", "ongoing"),
        Status::Done => lang.pick("réalisée", "done"),
        Status::Postponed => lang.pick("reportée", "postponed"),
        Status::Cancelled => lang.pick("abandonnée", "cancelled"),
    }
}

/// A funding source's status, in tables and reports.
pub fn funding_status(lang: Lang, s: crate::model::FundingStatus) -> &'static str {
    use crate::model::FundingStatus;
    match s {
        FundingStatus::Secured => lang.pick("acquis", "secured"),
        FundingStatus::Pledged => lang.pick("promis", "pledged"),
        FundingStatus::Unfunded => lang.pick("à rechercher", "unfunded"),
    }
}

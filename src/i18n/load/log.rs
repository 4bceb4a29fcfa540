//! The sentences of the progress log: its place and its pair mark.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- the progress log: its place and its pair mark ----

/// E036 help: how to name the log in `progress`.
pub fn log_name_help(lang: Lang) -> &'static str {
    lang.pick(
        "nommer dans `progress` un fichier du dossier du plan ou d'un de ses sous-dossiers, par un chemin relatif (`suivi/journal.toml`), ou retirer la clé (journal par défaut : <plan>.progress.toml)",
        "name in `progress` a file in the plan's folder or one of its subfolders, by a relative path (`suivi/log.toml`), or remove the key (default log: <plan>.progress.toml)",
    )
}

/// E036: `progress` is empty.
pub fn log_name_empty(lang: Lang) -> &'static str {
    lang.pick(
        "`progress` est vide : aucun journal n'y est lu",
        "`progress` is empty: no log is read there",
    )
}

/// E036: a log named by an absolute path.
pub fn log_absolute(lang: Lang, log: impl Display) -> String {
    tr!(
        lang,
        "le journal `{log}` est un chemin absolu : ptba ne lit ni n'écrit de journal hors du dossier du plan",
        "the log `{log}` is an absolute path: ptba reads and writes no log outside the plan's folder"
    )
}

/// E036: a log name climbing out of the plan's folder.
pub fn log_climbs_out(lang: Lang, log: impl Display) -> String {
    tr!(
        lang,
        "le journal `{log}` remonte hors du dossier (`..`) : ptba ne lit ni n'écrit de journal hors du dossier du plan",
        "the log `{log}` climbs out of the folder (`..`): ptba reads and writes no log outside the plan's folder"
    )
}

/// E036: a log that is a symbolic link to nothing.
pub fn log_dangling_link(lang: Lang, log: impl Display) -> String {
    tr!(
        lang,
        "le journal `{log}` est un lien symbolique vers un fichier qui n'existe pas",
        "the log `{log}` is a symbolic link to a file that does not exist"
    )
}

/// E036 help: point the link again or remove it.
pub fn log_dangling_link_help(lang: Lang) -> &'static str {
    lang.pick(
        "refaire le lien vers le journal, ou le supprimer",
        "point the link at the log again, or remove it",
    )
}

/// E036: a log whose real place is outside the plan's folder.
pub fn log_leads_outside(lang: Lang, log: impl Display, target: impl Display) -> String {
    tr!(
        lang,
        "le journal `{log}` mène hors du dossier du plan (lien symbolique vers {target}) : ptba ne le lit pas",
        "the log `{log}` leads outside the plan's folder (symbolic link to {target}): ptba does not read it"
    )
}

/// E036 help: put the log itself in the plan's folder.
pub fn log_leads_outside_help(lang: Lang) -> &'static str {
    lang.pick(
        "mettre le journal lui-même dans le dossier du plan (ou un sous-dossier) au lieu d'un lien",
        "put the log itself in the plan's folder (or a subfolder) instead of a link",
    )
}

/// "a folder": what a log that is not a regular file is.
pub fn a_folder(lang: Lang) -> &'static str {
    lang.pick("un dossier", "a folder")
}

/// "a special file": what a log that is not a regular file is.
pub fn a_special_file(lang: Lang) -> &'static str {
    lang.pick(
        "un fichier spécial (périphérique, tube ou socket)",
        "a special file (device, pipe or socket)",
    )
}

/// E036: a log that is a folder or a special file.
pub fn log_not_regular(lang: Lang, log: impl Display, what: impl Display) -> String {
    tr!(
        lang,
        "le journal `{log}` est {what}, pas un fichier ordinaire : rien n'y est lu ni écrit",
        "the log `{log}` is {what}, not a regular file: nothing is read or written there"
    )
}

/// E037: a pair mark, as the messages show it.
pub fn pair_mark(lang: Lang, mark: impl Display) -> String {
    tr!(lang, "paire {mark}", "pair {mark}")
}

/// E037: no pair mark, as the messages show it.
pub fn no_pair_mark(lang: Lang) -> &'static str {
    lang.pick("sans marque", "no mark")
}

/// E037 help: convert again, or remove the mark of the plan.
pub fn pair_plan_help(lang: Lang, plan: impl Display) -> String {
    tr!(
        lang,
        "relancer la conversion (`ptba convert SOURCE -o {plan} --force`) ; si ce journal est bien le bon, retirer la ligne `# ptba-pair` en tête du plan",
        "run the conversion again (`ptba convert SOURCE -o {plan} --force`); if this log is the right one, remove the `# ptba-pair` line at the top of the plan"
    )
}

/// E037: a log written by `ptba convert` with another plan.
pub fn log_of_other_plan(
    lang: Lang,
    log: impl Display,
    mark: impl Display,
    plan: impl Display,
) -> String {
    tr!(
        lang,
        "le journal {log} a été écrit par `ptba convert` avec un autre plan (paire {mark}) que {plan} : la conversion a été interrompue avant d'écrire le plan",
        "the log {log} was written by `ptba convert` with another plan (pair {mark}) than {plan}: the conversion was interrupted before the plan was written"
    )
}

/// E037 help: convert again, or remove the mark of the log.
pub fn pair_log_help(lang: Lang, plan: impl Display) -> String {
    tr!(
        lang,
        "relancer la conversion (`ptba convert SOURCE -o {plan} --force`) ; si ce journal est bien le bon, retirer la ligne `# ptba-pair` en tête du journal",
        "run the conversion again (`ptba convert SOURCE -o {plan} --force`); if this log is the right one, remove the `# ptba-pair` line at the top of the log"
    )
}

/// E037: a plan written with its log, and a log that is not that one.
pub fn plan_paired_with_other_log(
    lang: Lang,
    plan: impl Display,
    mark: impl Display,
    log: impl Display,
    log_mark: impl Display,
) -> String {
    tr!(
        lang,
        "le plan {plan} a été écrit par `ptba convert` avec son journal (paire {mark}), mais le journal {log} n'est pas celui-là ({log_mark}) : une conversion a été interrompue, ou le journal a été remplacé",
        "the plan {plan} was written by `ptba convert` with its log (pair {mark}), but the log {log} is not that one ({log_mark}): a conversion was interrupted, or the log was replaced"
    )
}

//! Where a progress log may be (SPEC §2): in the plan's folder or below it,
//! a regular file or not there yet. Checked before anything is read or
//! written there, so that a plan from a pull request cannot make ptba read,
//! print or write another file (`/etc/passwd`, `../../secrets`, `/dev/zero`,
//! a FIFO, a symlink pointing outside).

use std::path::{Component, Path, PathBuf};

use crate::i18n::Lang;
use crate::tr;

/// Why the log of `plan_path` at `log` (named `progress` in the plan, if
/// it says) may not be used: the message and the fix. `None`: it may.
pub fn problem(
    plan_path: &Path,
    progress: Option<&str>,
    log: &Path,
    lang: Lang,
) -> Option<(String, String)> {
    if let Some(found) = progress.and_then(|p| name_problem(p, lang)) {
        return Some(found);
    }
    let shown = progress
        .map(str::to_string)
        .unwrap_or_else(|| log.display().to_string());
    let home = std::fs::canonicalize(crate::fsutil::folder_of(plan_path)).ok()?;
    place_problem(&home, log, &shown, lang).or_else(|| kind_problem(log, &shown, lang))
}

/// How to name the log instead.
fn fix_name(lang: Lang) -> String {
    lang.pick(
        "nommer dans `progress` un fichier du dossier du plan ou d'un de ses sous-dossiers, par un chemin relatif (`suivi/journal.toml`), ou retirer la clé (journal par défaut : <plan>.progress.toml)",
        "name in `progress` a file in the plan's folder or one of its subfolders, by a relative path (`suivi/log.toml`), or remove the key (default log: <plan>.progress.toml)",
    )
    .to_string()
}

/// What is wrong with the name the plan gives its log (`progress = "…"`):
/// empty, absolute, or climbing out of the folder.
fn name_problem(p: &str, lang: Lang) -> Option<(String, String)> {
    let path = Path::new(p);
    if p.trim().is_empty() {
        return Some((
            lang.pick(
                "`progress` est vide : aucun journal n'y est lu",
                "`progress` is empty: no log is read there",
            )
            .to_string(),
            fix_name(lang),
        ));
    }
    if path.is_absolute()
        || path.has_root()
        || path
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Some((
            tr!(
                lang,
                "le journal `{}` est un chemin absolu : ptba ne lit ni n'écrit de journal hors du dossier du plan",
                "the log `{}` is an absolute path: ptba reads and writes no log outside the plan's folder",
                p
            ),
            fix_name(lang),
        ));
    }
    if path.components().any(|c| matches!(c, Component::ParentDir)) {
        return Some((
            tr!(
                lang,
                "le journal `{}` remonte hors du dossier (`..`) : ptba ne lit ni n'écrit de journal hors du dossier du plan",
                "the log `{}` climbs out of the folder (`..`): ptba reads and writes no log outside the plan's folder",
                p
            ),
            fix_name(lang),
        ));
    }
    None
}

/// Where the log really is (links followed), when that is outside the
/// plan's folder `home` or nowhere.
fn place_problem(home: &Path, log: &Path, shown: &str, lang: Lang) -> Option<(String, String)> {
    // The real place: the log itself if it is there (links followed), else
    // the nearest folder above it that is.
    let real = match std::fs::symlink_metadata(log) {
        Ok(_) => match std::fs::canonicalize(log) {
            Ok(r) => Some(r),
            Err(_) => {
                return Some((
                    tr!(
                        lang,
                        "le journal `{}` est un lien symbolique vers un fichier qui n'existe pas",
                        "the log `{}` is a symbolic link to a file that does not exist",
                        shown
                    ),
                    lang.pick(
                        "refaire le lien vers le journal, ou le supprimer",
                        "point the link at the log again, or remove it",
                    )
                    .to_string(),
                ));
            }
        },
        Err(_) => nearest_existing(log),
    };
    if let Some(real) = &real
        && !real.starts_with(home)
    {
        return Some((
            tr!(
                lang,
                "le journal `{}` mène hors du dossier du plan (lien symbolique vers {}) : ptba ne le lit pas",
                "the log `{}` leads outside the plan's folder (symbolic link to {}): ptba does not read it",
                shown,
                real.display()
            ),
            lang.pick(
                "mettre le journal lui-même dans le dossier du plan (ou un sous-dossier) au lieu d'un lien",
                "put the log itself in the plan's folder (or a subfolder) instead of a link",
            )
            .to_string(),
        ));
    }
    None
}

/// A log that is there but is not a regular file (a folder, a device…).
fn kind_problem(log: &Path, shown: &str, lang: Lang) -> Option<(String, String)> {
    match std::fs::metadata(log) {
        Ok(meta) if !meta.is_file() => {
            let what = if meta.is_dir() {
                lang.pick("un dossier", "a folder")
            } else {
                lang.pick(
                    "un fichier spécial (périphérique, tube ou socket)",
                    "a special file (device, pipe or socket)",
                )
            };
            Some((
                tr!(
                    lang,
                    "le journal `{}` est {}, pas un fichier ordinaire : rien n'y est lu ni écrit",
                    "the log `{}` is {}, not a regular file: nothing is read or written there",
                    shown,
                    what
                ),
                fix_name(lang),
            ))
        }
        _ => None,
    }
}

/// The canonical path of the nearest existing folder above `p`, with the
/// rest of `p` after it.
fn nearest_existing(p: &Path) -> Option<PathBuf> {
    let mut rest = Vec::new();
    let mut cur = p.to_path_buf();
    loop {
        if let Ok(real) = std::fs::canonicalize(&cur) {
            let mut out = real;
            for r in rest.iter().rev() {
                out.push(r);
            }
            return Some(out);
        }
        let name = cur.file_name()?.to_os_string();
        rest.push(name);
        cur = match cur.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
    }
}

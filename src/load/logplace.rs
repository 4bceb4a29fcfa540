//! Where a progress log may be (SPEC §2): in the plan's folder or below it,
//! a regular file or not there yet. Checked before anything is read or
//! written there, so that a plan from a pull request cannot make ptba read,
//! print or write another file (`/etc/passwd`, `../../secrets`, `/dev/zero`,
//! a FIFO, a symlink pointing outside).

use crate::i18n;
use std::path::{Component, Path, PathBuf};

use crate::i18n::Lang;

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
    i18n::load::log_name_help(lang).to_string()
}

/// What is wrong with the name the plan gives its log (`progress = "…"`):
/// empty, absolute, or climbing out of the folder.
fn name_problem(p: &str, lang: Lang) -> Option<(String, String)> {
    let path = Path::new(p);
    if p.trim().is_empty() {
        return Some((i18n::load::log_name_empty(lang).to_string(), fix_name(lang)));
    }
    if path.is_absolute()
        || path.has_root()
        || path
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
    {
        return Some((i18n::load::log_absolute(lang, p), fix_name(lang)));
    }
    if path.components().any(|c| matches!(c, Component::ParentDir)) {
        return Some((i18n::load::log_climbs_out(lang, p), fix_name(lang)));
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
                    i18n::load::log_dangling_link(lang, shown),
                    i18n::load::log_dangling_link_help(lang).to_string(),
                ));
            }
        },
        Err(_) => nearest_existing(log),
    };
    if let Some(real) = &real
        && !real.starts_with(home)
    {
        return Some((
            i18n::load::log_leads_outside(lang, shown, real.display()),
            i18n::load::log_leads_outside_help(lang).to_string(),
        ));
    }
    None
}

/// A log that is there but is not a regular file (a folder, a device…).
fn kind_problem(log: &Path, shown: &str, lang: Lang) -> Option<(String, String)> {
    match std::fs::metadata(log) {
        Ok(meta) if !meta.is_file() => {
            let what = if meta.is_dir() {
                i18n::load::a_folder(lang)
            } else {
                i18n::load::a_special_file(lang)
            };
            Some((
                i18n::load::log_not_regular(lang, shown, what),
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

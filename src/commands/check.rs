//! `ptba check`: every diagnostic of the plans and their logs.

use std::path::PathBuf;

use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::{self, Code, Diagnostic};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::output::summary as out;

use crate::session::{
    MAX_PER_CODE, emit, eprint, extension, is_progress_log, load_options, load_with, tally_line,
};

/// The plans to check: a folder stands for the plan files in it (TOML and
/// workbooks, not below), in name order.
fn expand_folders(plans: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in plans {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let entries = std::fs::read_dir(p).map_err(|e| Error::Io {
            path: p.clone(),
            source: e,
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| {
                f.is_file()
                    && !f
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    && matches!(extension(f).as_str(), "toml" | "xlsx" | "xls" | "ods")
            })
            .collect();
        found.sort();
        if found.is_empty() {
            return Err(Error::Usage(i18n::commands::folder_without_plan(
                lang,
                p.display(),
            )));
        }
        out.extend(found);
    }
    Ok(out)
}

/// The diagnostics shown to people: at most [`MAX_PER_CODE`] of one code
/// unless `all`, and per code the count of those left out.
fn capped(diags: &[Diagnostic], all: bool) -> (Vec<&Diagnostic>, Vec<(Code, usize)>) {
    if all {
        return (diags.iter().collect(), Vec::new());
    }
    let mut seen: std::collections::HashMap<Code, usize> = Default::default();
    let mut shown = Vec::new();
    for d in diags {
        let n = seen.entry(d.code).or_default();
        *n += 1;
        if *n <= MAX_PER_CODE {
            shown.push(d);
        }
    }
    let mut rest: Vec<(Code, usize)> = seen
        .into_iter()
        .filter(|&(_, n)| n > MAX_PER_CODE)
        .map(|(c, n)| (c, n - MAX_PER_CODE))
        .collect();
    rest.sort_by_key(|(c, _)| c.id());
    (shown, rest)
}

fn rest_line(code: Code, n: usize, lang: Lang) -> String {
    i18n::commands::more_not_shown(lang, n, code.id(), code.name())
}

pub fn run(args: &CheckArgs, lang: Lang) -> Result<(), Error> {
    let (plans, format, deny_warnings, all) =
        (&args.plans[..], args.format, args.deny_warnings, args.all);
    let opts = &load_options(&args.input);
    let mut notes = String::new();
    let mut paths = Vec::new();
    for p in expand_folders(plans, lang)? {
        if is_progress_log(&p) {
            notes.push_str(&i18n::commands::log_skipped_by_check(lang, p.display()));
        } else {
            paths.push(p);
        }
    }
    // Logs are named on stderr when stdout is for machines.
    match format {
        CheckFormat::Human => emit(&notes)?,
        _ => eprint(&notes),
    }
    if paths.is_empty() {
        return Ok(());
    }
    let l = load_with(&paths, opts, lang)?;
    let t = l.tally();
    match format {
        CheckFormat::Human => {
            let (shown, rest) = capped(&l.diags, all);
            let mut s: String = shown
                .iter()
                .map(|d| diagnostic::render_human(d, &l.files, lang) + "\n")
                .collect();
            for (code, n) in rest {
                s.push_str(&rest_line(code, n, lang));
            }
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let verdict = if t.errors == 0 && (t.warnings == 0 || !deny_warnings) {
                i18n::commands::valid(lang)
            } else {
                i18n::commands::invalid(lang)
            };
            s.push_str(&i18n::commands::verdict(
                lang,
                names.join(", "),
                verdict,
                tally_line(t, lang),
            ));
            emit(&s)?;
        }
        CheckFormat::Json => {
            let mut s = String::new();
            for d in &l.diags {
                s.push_str(&out::json_text(
                    &diagnostic::render_json(d, &l.files).to_string(),
                ));
                s.push('\n');
            }
            emit(&s)?;
        }
        CheckFormat::Github => {
            let (shown, rest) = capped(&l.diags, all);
            let mut s = String::new();
            for d in shown {
                s.push_str(&diagnostic::render_github(d, &l.files));
                s.push('\n');
            }
            for (code, n) in rest {
                s.push_str("::notice::");
                s.push_str(rest_line(code, n, lang).trim_end());
                s.push('\n');
            }
            emit(&s)?;
        }
    }
    let failed = t.errors > 0 || (deny_warnings && t.warnings > 0);
    crate::load::free_in_background(l);
    if failed { Err(Error::Invalid) } else { Ok(()) }
}

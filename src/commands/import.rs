//! `ptba import` (SPEC §8): reads back the workbook `ptba template` wrote
//! and focal points filled in, validates every row, and appends the records
//! all at once, once.

use std::path::Path;

use super::record::Appended;
use crate::cli::ImportArgs;
use crate::diagnostic::{self, Diagnostic, Files, Severity};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::load::book;
use crate::model::{Loc, Project};
use crate::session::{self, eprint};

/// Loads the plan; prints its errors and refuses (exit 1) if it has any.
pub(super) fn plan(
    path: &Path,
    opts: &crate::load::LoadOptions,
    lang: Lang,
) -> Result<session::Loaded, Error> {
    let l = session::load_with(std::slice::from_ref(&path.to_path_buf()), opts, lang)?;
    session::refuse_errors(&l, lang, || {
        i18n::commands::plan_has_errors(lang).to_string()
    })?;
    Ok(l)
}

/// Records read from a plan workbook's `Suivi` sheet: the log beside it
/// would not be read, so nothing may be appended there.
pub(crate) fn records_in_workbook(project: &Project) -> bool {
    project
        .records
        .first()
        .is_some_and(|r| matches!(r.loc, Loc::Cell { .. }))
}

pub(super) fn plan_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn run(a: &ImportArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let lang = cli_lang.unwrap_or_default();
    let opts = session::load_options(&a.input);
    let l = plan(&a.plan, &opts, lang)?;
    let project = &l.projects[0];
    if records_in_workbook(project) {
        return Err(Error::Usage(i18n::commands::import_progress_in_workbook(
            lang,
            a.plan.display(),
        )));
    }
    let mut files = Files::default();
    let file = files.add(&a.filled, None::<String>);
    let book = session::open_book(
        &a.filled,
        &opts.limits,
        (&mut files, file),
        lang,
        |files, message, flag| {
            let d = Diagnostic::error(crate::diagnostic::Code::TooLarge, Loc::File(file), message)
                .with_help(flag);
            eprint(&diagnostic::render_human(&d, files, lang));
            Ok(())
        },
    )?;
    let mut diags = Vec::new();
    let filled = crate::load::template::read(&book, file, project, lang, &mut diags);
    check_filled(a, project, &filled, file, lang, &mut diags);
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    for d in &diags {
        eprint(&(diagnostic::render_human(d, &files, lang) + "\n"));
    }
    if errors > 0 {
        eprint(&i18n::commands::invalid_cells(lang, errors));
        return Err(Error::Invalid);
    }
    if filled.records.is_empty() {
        return session::emit(i18n::commands::nothing_to_import(lang));
    }
    let outcome = append(a, project, &filled, &book, lang)?;
    tell(outcome, a, project, &filled, lang)
}

/// What the template reader cannot know: the plan the template was made
/// for, and dates outside the plan year.
fn check_filled(
    a: &ImportArgs,
    project: &Project,
    filled: &crate::load::template::Filled,
    file: crate::model::FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(name) = &filled.plan_name
        && *name != plan_name(&a.plan)
    {
        diags.push(Diagnostic::warning(
            crate::diagnostic::Code::ImportNote,
            Loc::File(file),
            i18n::check::template_for_other_plan(lang, name, plan_name(&a.plan)),
        ));
    }
    // A date outside the plan year is refused (SPEC §3) unless --force:
    // 2062 for 2026 is a typo that would move every summary's as-of date.
    if a.force {
        return;
    }
    let year = project.plan.year;
    for (r, loc) in filled.records.iter().zip(&filled.date_cells) {
        if year != 0 && chrono::Datelike::year(&r.date) != year {
            diags.push(
                Diagnostic::error(
                    crate::diagnostic::Code::NewRecordOutsideYear,
                    loc.clone(),
                    i18n::check::import_date_outside_year(
                        lang,
                        crate::i18n::format_date(r.date, lang),
                        year,
                    ),
                )
                .with_help(i18n::check::import_date_outside_year_help(lang).to_string()),
            );
        }
    }
}

/// Appends the records under the import's mark and prints the
/// diagnostics of refused ones, located in the filled workbook.
fn append(
    a: &ImportArgs,
    project: &Project,
    filled: &crate::load::template::Filled,
    book: &book::Book,
    lang: Lang,
) -> Result<Appended, Error> {
    let key = format!("# import sha256={}", filled.sha256);
    let line = format!(
        "{key} file={} records={}{}",
        crate::progress::comment_text(&plan_name(&a.filled)),
        filled.records.len(),
        if a.force { " force" } else { "" }
    );
    let (mut files2, mut diags2, outcome) = super::record::append_records_marked(
        &a.plan,
        project,
        &filled.records,
        Some((&key, &line, a.force)),
        lang,
    )?;
    // A refused record points at its cells in the workbook, not at the
    // log it was not written to.
    let filled_id = files2.add(&a.filled, None::<String>);
    files2.set_sheets(filled_id, book.names());
    super::origin::relocate(
        &mut diags2,
        &files2,
        filled.records.len(),
        lang,
        |i, key, _| {
            let loc = filled
                .origins
                .get(i)?
                .iter()
                .find(|(k, _)| *k == key)?
                .1
                .clone();
            let loc = match loc {
                Loc::Cell {
                    sheet, row, col, ..
                } => Loc::Cell {
                    file: filled_id,
                    sheet,
                    row,
                    col,
                },
                other => other,
            };
            Some(super::origin::Origin {
                loc,
                label: String::new(),
            })
        },
    );
    for d in &diags2 {
        eprint(&(diagnostic::render_human(d, &files2, lang) + "\n"));
    }
    Ok(outcome)
}

/// Says what the import did.
fn tell(
    outcome: Appended,
    a: &ImportArgs,
    project: &Project,
    filled: &crate::load::template::Filled,
    lang: Lang,
) -> Result<(), Error> {
    match outcome {
        Appended::Written => {
            session::emit(&i18n::commands::imported(
                lang,
                filled.records.len(),
                a.filled.display(),
                project.log_path.display(),
            ))?;
            Ok(())
        }
        Appended::Refused => {
            eprint(i18n::commands::import_refused(lang));
            Err(Error::Invalid)
        }
        Appended::AlreadyThere => {
            eprint(&i18n::commands::already_imported(
                lang,
                a.filled.display(),
                &filled.sha256[..12],
            ));
            Err(Error::Invalid)
        }
    }
}

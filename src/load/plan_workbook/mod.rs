//! The plan workbook (docs/workbook-layout.md) into the model: sheets
//! `Plan`, `Sources`, `Axes`, `Actions`, `Activités`, `Budget`,
//! `Indicateurs`, `Suivi`. Every problem is a diagnostic at its cell.
//! Workbooks of another shape go to [`super::handmade`].

use super::book::{Book, Sheet};
use super::cells::{Header, Reading};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::i18n::workbook::Name;
use crate::layout::Columns;
use crate::layout::plan::{self as lay, ActivityCol};
use crate::model::*;

mod activities;
mod progress;
mod sheets;

use activities::{PerSource, activities_sheet, budget_sheet, check_per_source};
use sheets::{actions_sheet, axes_sheet, indicators_sheet, plan_sheet, sources_sheet};

use crate::text::{fold, nearest};
pub(crate) use progress::status_cell;
use progress::{import_marks_sheet, read_progress_in};
pub use progress::{inline_indicators, read_progress};

/// "Did you mean" is looked for on the first unknown ids only: each costs a
/// pass over the plan.
pub(crate) const MAX_SUGGESTIONS: usize = 20;

/// The sheet of the layout named `name` in either language.
pub(super) fn sheet(book: &Book, name: Name) -> Option<&Sheet> {
    book.sheet(&name.both())
}

/// The column of the header in either language.
pub(super) fn col<C: Columns>(h: &Header, c: C) -> Option<u32> {
    h.col(&c.name().both())
}

/// The French headers of `cols`, as a missing-column message names them
/// ("Code / Axe").
pub(super) fn french(cols: &[Name]) -> String {
    cols.iter().map(|n| n.fr).collect::<Vec<_>>().join(" / ")
}

/// Whether the workbook has the layout `ptba convert` writes: a `Sources`
/// sheet and an `Activités` sheet whose first row has `Code` and `Activité`.
pub fn is_plan_layout(book: &Book) -> bool {
    let Some(act) = sheet(book, lay::ACTIVITIES) else {
        return false;
    };
    sheet(book, lay::SOURCES).is_some()
        && Header::first_row(act).is_some_and(|h| {
            col(&h, ActivityCol::Id).is_some() && col(&h, ActivityCol::Title).is_some()
        })
}

/// Data rows below the header: (row, is blank).
pub(super) fn data_rows<'a>(sheet: &'a Sheet, header: &Header) -> impl Iterator<Item = u32> + 'a {
    (header.row + 1..sheet.end_row()).filter(move |&r| {
        let (r0, _) = sheet.origin;
        sheet
            .rows
            .get((r - r0) as usize)
            .is_some_and(|row| row.iter().any(|v| !v.is_empty()))
    })
}

/// A table sheet read from its header row, with a warning for each header
/// it does not know (`extra`: headers known besides `known`).
pub(super) fn table<'s, 'd>(
    s: &'s Sheet,
    file: FileId,
    lang: Lang,
    diags: &'d mut Vec<Diagnostic>,
    known: &[&str],
    extra: &dyn Fn(&str) -> bool,
) -> Option<(Reading<'s, 'd>, Header)> {
    let mut rd = Reading::new(s, file, lang, diags);
    let h = Header::first_row(s)?;
    unknown_headers(&mut rd, &h, known, extra);
    Some((rd, h))
}

/// Reports headers that are none of `known` (nor accepted by `extra`).
fn unknown_headers(
    rd: &mut Reading<'_, '_>,
    header: &Header,
    known: &[&str],
    extra: &dyn Fn(&str) -> bool,
) {
    let folded: Vec<String> = known.iter().map(|k| fold(k)).collect();
    for (h, col, shown) in &header.cols {
        if folded.contains(h) || extra(shown) {
            continue;
        }
        let lang = rd.lang;
        let mut d = Diagnostic::error(
            Code::UnknownKey,
            rd.loc(header.row, *col),
            w::unknown_column(lang, shown, rd.name()),
        );
        d.help = Some(match nearest(shown, known.iter().copied()) {
            Some(n) => w::did_you_mean_quoted(lang, n),
            None => w::known_columns(lang, known.join(", ")),
        });
        rd.diags.push(d);
    }
}

pub(super) fn missing_sheet(file: FileId, lang: Lang, name: &str, diags: &mut Vec<Diagnostic>) {
    diags.push(Diagnostic::error(
        Code::MissingKey,
        Loc::File(file),
        w::sheet_missing(lang, name),
    ));
}

pub(super) fn missing_column(rd: &mut Reading<'_, '_>, header: &Header, name: &str) {
    let found: Vec<String> = header.cols.iter().map(|c| c.2.clone()).collect();
    let lang = rd.lang;
    let d = Diagnostic::error(
        Code::MissingKey,
        rd.loc(header.row, header.cols.first().map_or(0, |c| c.1)),
        w::column_missing(lang, rd.name(), name, found.join(", ")),
    );
    rd.diags.push(d);
}

/// Reads a plan workbook in the layout of docs/workbook-layout.md.
pub fn read_plan(book: &Book, file: FileId, lang: Lang, diags: &mut Vec<Diagnostic>) -> Plan {
    let mut plan = Plan {
        file,
        loc: Loc::File(file),
        ..Default::default()
    };
    match sheet(book, lay::PLAN) {
        Some(s) => plan_sheet(&mut plan, s, file, lang, diags),
        None => missing_sheet(file, lang, lay::PLAN.fr, diags),
    }
    if let Some(s) = sheet(book, lay::SOURCES) {
        sources_sheet(&mut plan, s, file, lang, diags);
    }
    let source_ids: Vec<String> = plan.sources.iter().map(|s| s.id.clone()).collect();
    if let Some(s) = sheet(book, lay::AXES) {
        axes_sheet(&mut plan, s, file, lang, diags);
    }
    if let Some(s) = sheet(book, lay::ACTIONS) {
        actions_sheet(&mut plan, s, file, lang, diags);
    }
    let has_budget = sheet(book, lay::BUDGET).is_some();
    let mut per_source: Vec<PerSource> = Vec::new();
    if let Some(s) = sheet(book, lay::ACTIVITIES) {
        per_source = activities_sheet(&mut plan, s, file, lang, diags, &source_ids, has_budget);
    }
    if let Some(s) = sheet(book, lay::BUDGET) {
        budget_sheet(&mut plan, s, file, lang, diags);
        check_per_source(&plan, per_source, lang, diags);
    }
    if let Some(s) = sheet(book, lay::INDICATORS) {
        indicators_sheet(&mut plan, s, file, lang, diags);
    }
    plan
}

/// Frees the cells of every sheet but `Suivi` and the import marks, the
/// only ones read once the plan is: a national plan's `Activités` and
/// `Budget` sheets hold hundreds of thousands of cells, which need not be
/// in memory beside the records read from `Suivi`. The sheets keep their
/// names and places, so every lookup finds the same sheet as before.
fn free_plan_sheets(book: &mut Book) {
    let place =
        |s: Option<&Sheet>| s.and_then(|s| book.sheets.iter().position(|t| std::ptr::eq(s, t)));
    let keep = [
        place(sheet(book, lay::PROGRESS)),
        place(book.sheet(&[lay::IMPORTS])),
    ];
    for (i, s) in book.sheets.iter_mut().enumerate() {
        if !keep.contains(&Some(i)) {
            s.rows = Vec::new();
        }
    }
}

/// Loads a workbook plan (either layout) and its progress: the `Suivi`
/// sheet when it holds records, else the TOML log beside the workbook.
pub fn load(
    path: &std::path::Path,
    opts: &super::LoadOptions,
    files: &mut crate::diagnostic::Files,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Result<Project, super::LoadError> {
    use super::book::{self, BookError};
    let file = files.add(path, None::<String>);
    let mut project = Project::default();
    project.plan.file = file;
    project.plan.loc = Loc::File(file);
    project.log_path = super::log_path(path, None);
    let mut book = match book::open(path, &opts.limits, lang) {
        Ok(b) => b,
        Err(BookError::TooLarge { message, flag }) => {
            diags.push(
                Diagnostic::error(Code::TooLarge, Loc::File(file), message)
                    .with_help(w::workbook_refused_help(lang, flag)),
            );
            return Ok(project);
        }
        Err(BookError::Unreadable(message)) => {
            return Err(super::LoadError::Unreadable {
                path: path.to_path_buf(),
                message,
            });
        }
    };
    files.set_sheets(file, book.names());
    let mapping = match &opts.mapping {
        Some(p) => match super::mapping::load(p, files, lang, diags)? {
            Some(m) => Some(m),
            None => return Ok(project),
        },
        None => None,
    };
    let structured = opts.sheet.is_none() && mapping.is_none() && is_plan_layout(&book);
    let plan = if structured {
        read_plan(&book, file, lang, diags)
    } else {
        super::handmade::read(
            &book,
            path,
            file,
            opts.sheet.as_deref(),
            mapping.as_ref(),
            lang,
            diags,
        )
    };
    project.log_path = super::log_path(path, plan.progress.as_deref());
    project.plan = plan;
    if structured {
        free_plan_sheets(&mut book);
    }
    let sheet_records = if structured {
        read_progress_in(&book, file, Some(&project.plan.currency), lang, diags).unwrap_or_default()
    } else {
        Vec::new()
    };
    if sheet_records.is_empty() {
        if super::log_place_ok(path, &project, lang, diags) {
            super::load_log(&mut project, files, lang, diags)?;
        }
    } else {
        project.records = sheet_records;
        project.imports = import_marks_sheet(&book);
        if project.log_path.exists() {
            diags.push(Diagnostic::warning(
                Code::ImportNote,
                Loc::File(file),
                w::records_from_sheet(lang, project.log_path.display()),
            ));
        }
    }
    // Hundreds of thousands of cells: freed while the plan is used.
    super::free_in_background(book);
    Ok(project)
}

//! What the commands share: loading plans and their logs, the gate that
//! prints diagnostics and refuses, one currency, output helpers.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{CalcArgs, InputArgs, WeightingArg};
use crate::compute::{self, Options};
use crate::diagnostic::{self, Code, Diagnostic, Files, Severity, Tally};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::model::{FileId, Loc, Project, Weighting};

/// Writes to stdout; a closed pipe (`ptba summary … | head`) is not an error.
pub(crate) fn emit(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Io {
            path: PathBuf::from("<stdout>"),
            source: e,
        }),
    }
}

pub(crate) fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Loaded plans with every diagnostic of their files.
pub(crate) struct Loaded {
    pub files: Files,
    pub projects: Vec<Project>,
    pub paths: Vec<PathBuf>,
    pub diags: Vec<Diagnostic>,
}

impl Loaded {
    pub(crate) fn tally(&self) -> Tally {
        Tally::of(&self.diags)
    }
}

/// Workbook reading options from the command line.
pub(crate) fn load_options(input: &InputArgs) -> crate::load::LoadOptions {
    let d = crate::load::guard::Limits::default();
    let mib = crate::load::guard::MIB;
    let l = &input.limits;
    crate::load::LoadOptions {
        limits: crate::load::guard::Limits {
            max_file_bytes: l
                .max_file_size
                .map_or(d.max_file_bytes, |m| m.saturating_mul(mib)),
            max_unpacked_bytes: l
                .max_unpacked_size
                .map_or(d.max_unpacked_bytes, |m| m.saturating_mul(mib)),
            max_entries: d.max_entries,
            max_rows: l.max_rows.unwrap_or(d.max_rows),
            max_columns: l.max_columns.unwrap_or(d.max_columns),
            max_cells: l.max_cells.unwrap_or(d.max_cells),
        },
        sheet: input.sheet.clone(),
        mapping: input.mapping.clone(),
    }
}

/// Loads and checks plans and their logs.
pub(crate) fn load(paths: &[PathBuf], lang: Lang) -> Result<Loaded, Error> {
    load_with(paths, &crate::load::LoadOptions::default(), lang)
}

/// Loads and checks plans (TOML or workbooks) and their logs.
pub(crate) fn load_with(
    paths: &[PathBuf],
    opts: &crate::load::LoadOptions,
    lang: Lang,
) -> Result<Loaded, Error> {
    let mut l = load_unchecked_with(paths, opts, lang)?;
    for p in &l.projects {
        l.diags.extend(crate::check::check(p, lang));
    }
    sort_diags(&mut l.diags);
    Ok(l)
}

/// Loads and checks plans, computing the state of their activities as of
/// `as_of` on a second thread while `check` runs (`summary`, `report`): the
/// states are only used if the plans are valid.
pub(crate) fn load_with_states(
    paths: &[PathBuf],
    opts: &crate::load::LoadOptions,
    lang: Lang,
    as_of: Option<chrono::NaiveDate>,
) -> Result<(Loaded, Vec<Vec<compute::ActivityState>>), Error> {
    // A `*.toml` glob picks up progress logs: named and skipped, as in
    // `check` (a log is read with the plan that names it).
    let (mut logs, mut plans): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| is_progress_log(p));
    if plans.is_empty() {
        // Only logs: read them as given, so that the errors say why.
        plans = std::mem::take(&mut logs);
    }
    for p in &logs {
        eprint(&i18n::commands::log_skipped(lang, p.display()));
    }
    let plans: Vec<PathBuf> = plans.into_iter().cloned().collect();
    let paths = &plans[..];
    let mut l = load_unchecked_with(paths, opts, lang)?;
    let projects = &l.projects;
    let (diags, states) = std::thread::scope(|s| {
        let states = s.spawn(move || {
            projects
                .iter()
                .map(|p| compute::activity_states(&p.plan, &p.records, as_of))
                .collect::<Vec<_>>()
        });
        let diags: Vec<Diagnostic> = projects
            .iter()
            .flat_map(|p| crate::check::check(p, lang))
            .collect();
        (diags, states.join())
    });
    let states = states.unwrap_or_else(|e| std::panic::resume_unwind(e));
    l.diags.extend(diags);
    l.diags.extend(same_plan_twice(paths, &l.projects, lang));
    sort_diags(&mut l.diags);
    Ok((l, states))
}

/// The identity of a file: device and inode where there are some (a hard
/// link or a symlink is the same file), else its canonical path.
fn file_identity(path: &Path) -> Option<(u64, u64, Option<PathBuf>)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some((m.dev(), m.ino(), None))
    }
    #[cfg(not(unix))]
    {
        Some((0, 0, Some(std::fs::canonicalize(path).ok()?)))
    }
}

/// SPEC §4: the same plan given twice to a consolidation — the same file,
/// or two files with the same `[plan]` title, organization and year and the
/// same activity ids (a plan and its converted workbook) — is an error, not
/// a double count.
pub(crate) fn same_plan_twice(
    paths: &[PathBuf],
    projects: &[Project],
    lang: Lang,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if projects.len() < 2 {
        return out;
    }
    let ids: Vec<Option<_>> = paths.iter().map(|p| file_identity(p)).collect();
    // The activity ids of a plan, sorted, computed only for plans whose
    // title, organization and year match another's.
    let key = |p: &Project| {
        (
            p.plan.title.clone(),
            p.plan.organization.clone(),
            p.plan.year,
        )
    };
    fn sorted_ids(p: &Project) -> Vec<&str> {
        let mut v: Vec<&str> = p.plan.activities.iter().map(|a| a.id.as_str()).collect();
        v.sort_unstable();
        v
    }
    let mut by_key: std::collections::HashMap<_, Vec<usize>> = Default::default();
    for (j, p) in projects.iter().enumerate() {
        by_key.entry(key(p)).or_default().push(j);
    }
    let mut reported = vec![false; projects.len()];
    for j in 1..projects.len().min(paths.len()) {
        let same_file = (0..j).find(|&i| ids[i].is_some() && ids[i] == ids[j]);
        let same_plan = || {
            let group = by_key.get(&key(&projects[j]))?;
            let mine = sorted_ids(&projects[j]);
            group
                .iter()
                .copied()
                .filter(|&i| i < j)
                .find(|&i| sorted_ids(&projects[i]) == mine)
        };
        let (i, why) = match same_file {
            Some(i) => (i, i18n::check::same_file(lang)),
            None => match same_plan() {
                Some(i) => (i, i18n::check::same_plan(lang)),
                None => continue,
            },
        };
        if reported[j] {
            continue;
        }
        reported[j] = true;
        let mut d = Diagnostic::error(
            crate::diagnostic::Code::DuplicatePlan,
            Loc::File(projects[j].plan.file),
            i18n::check::same_plan_twice(lang, paths[j].display(), paths[i].display(), why),
        );
        d.help = Some(i18n::check::same_plan_twice_help(lang).to_string());
        out.push(d);
    }
    out
}

/// Loads plans and their logs (TOML or workbooks) with the structural
/// diagnostics only; the caller runs `check`.
fn load_unchecked_with(
    paths: &[PathBuf],
    opts: &crate::load::LoadOptions,
    lang: Lang,
) -> Result<Loaded, Error> {
    let mut files = Files::default();
    let mut projects = Vec::new();
    let mut diags = Vec::new();
    for path in paths {
        projects.push(crate::load::load_project_with(
            path, opts, &mut files, lang, &mut diags,
        )?);
    }
    Ok(Loaded {
        files,
        projects,
        paths: paths.to_vec(),
        diags,
    })
}

/// Top to bottom, file by file (and sheet by sheet, in workbook order).
pub(crate) fn sort_diags(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| match &d.loc {
        Loc::Span { file, start, .. } => (*file, 0, *start, 0),
        Loc::Cell {
            file,
            sheet,
            row,
            col,
        } => (*file, *sheet, *row, *col),
        Loc::File(f) => (*f, 0, 0, 0),
        Loc::None => (u32::MAX, 0, 0, 0),
    });
}

pub(crate) fn render_all(l: &Loaded, lang: Lang, only: Option<Severity>) -> String {
    l.diags
        .iter()
        .filter(|d| only.is_none_or(|s| d.severity == s))
        .map(|d| diagnostic::render_human(d, &l.files, lang) + "\n")
        .collect()
}

pub(crate) fn tally_line(t: Tally, lang: Lang) -> String {
    i18n::commands::tally(lang, t.errors, t.warnings)
}

/// Diagnostics of one code printed for people (`check` without `--all`).
pub(crate) const MAX_PER_CODE: usize = 20;

/// Whether `path` is a progress log rather than a plan: a TOML file with
/// `[[record]]` tables and no `[plan]` table (a `*.toml` glob picks logs up).
pub(crate) fn is_progress_log(path: &Path) -> bool {
    // Only regular files are opened here (a FIFO would block).
    if extension(path) != "toml" || !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    // The first mebibyte tells: a plan has no `[[record]]` table, and a log
    // starts with its records (a huge file is not read twice).
    let mut head = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 1 << 20), &mut head));
    if read.is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let mut record = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("[plan]") {
            return false;
        }
        record |= t.starts_with("[[record]]");
    }
    record
}

pub(crate) fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Prints errors and refuses (exit 1), or prints a one-line note about
/// warnings.
pub(crate) fn gate(l: &Loaded, lang: Lang) -> Result<(), Error> {
    let t = l.tally();
    refuse_errors(l, lang, || {
        i18n::commands::plan_not_valid(lang, tally_line(t, lang))
    })?;
    if t.warnings > 0 {
        let names: Vec<String> = l.paths.iter().map(|p| p.display().to_string()).collect();
        eprint(&i18n::commands::warnings_note(
            lang,
            tally_line(t, lang),
            names.join(" "),
        ));
    }
    Ok(())
}

/// If the plans or their logs have errors: prints them, then `why`, and
/// refuses (exit 1).
pub(crate) fn refuse_errors(
    l: &Loaded,
    lang: Lang,
    why: impl FnOnce() -> String,
) -> Result<(), Error> {
    if l.tally().errors == 0 {
        return Ok(());
    }
    eprint(&render_all(l, lang, Some(Severity::Error)));
    eprint(&why());
    Err(Error::Invalid)
}

/// Opens a workbook named on the command line and gives its sheet names to
/// `files`. One over the limits is refused before reading: `too_large`
/// prints why (from the message and the flag that raises the limit), exit 1.
pub(crate) fn open_book(
    path: &Path,
    limits: &crate::load::guard::Limits,
    (files, file): (&mut Files, FileId),
    lang: Lang,
    too_large: impl FnOnce(&Files, String, &str) -> Result<(), Error>,
) -> Result<crate::load::book::Book, Error> {
    use crate::load::book::{self, BookError};
    match book::open(path, limits, lang) {
        Ok(b) => {
            files.set_sheets(file, b.names());
            Ok(b)
        }
        Err(BookError::TooLarge { message, flag }) => {
            too_large(files, message, flag)?;
            Err(Error::Invalid)
        }
        Err(BookError::Unreadable(message)) => Err(Error::Unreadable {
            path: path.to_path_buf(),
            message,
        }),
    }
}

/// Several plans are consolidated only in one currency.
pub(crate) fn same_currency(l: &Loaded, lang: Lang) -> Result<(), Error> {
    let Some(first) = l.projects.first() else {
        return Ok(());
    };
    for p in &l.projects[1..] {
        if p.plan.currency != first.plan.currency {
            let d = Diagnostic::error(
                Code::CurrencyMismatch,
                Loc::File(p.plan.file),
                i18n::check::currency_mismatch(
                    lang,
                    &p.plan.currency.code,
                    &first.plan.currency.code,
                ),
            );
            eprint(&diagnostic::render_human(&d, &l.files, lang));
            return Err(Error::Invalid);
        }
    }
    Ok(())
}

/// The report language: `--lang`, else the first plan's, else French.
pub(crate) fn report_lang(cli: Option<Lang>, projects: &[Project]) -> Lang {
    cli.or_else(|| projects.first().and_then(|p| p.plan.lang))
        .unwrap_or_default()
}

pub(crate) fn options(calc: &CalcArgs) -> Options {
    Options {
        as_of: calc.as_of,
        weighting: calc.weighting.map(|w| match w {
            WeightingArg::Activities => Weighting::Activities,
            WeightingArg::Budget => Weighting::Budget,
            WeightingArg::Weight => Weighting::Weight,
        }),
    }
}

//! What each command does, on top of load → check → compute → output.

pub mod dashboard;
pub mod diff;
pub mod excel;
pub mod history;
pub mod inspect;
pub mod list;
pub mod origin;
pub mod rollover;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rust_decimal::Decimal;

use crate::cli::*;
use crate::compute::{self, GroupBy, Options};
use crate::diagnostic::{self, Code, Diagnostic, Files, Severity, Tally};
use crate::error::Error;
use crate::i18n::Lang;
use crate::model::{Loc, Project, Weighting};
use crate::money;
use crate::output::summary as out;
use crate::progress::{self, NewRecord};
use crate::tr;

pub const EXIT_INVALID: u8 = 1;

/// Writes to stdout; a closed pipe (`ptba summary … | head`) is not an error.
pub fn emit(text: &str) -> Result<(), Error> {
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

fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Loaded plans with every diagnostic of their files.
pub struct Loaded {
    pub files: Files,
    pub projects: Vec<Project>,
    pub paths: Vec<PathBuf>,
    pub diags: Vec<Diagnostic>,
}

impl Loaded {
    pub fn tally(&self) -> Tally {
        Tally::of(&self.diags)
    }
}

/// Workbook reading options from the command line.
pub fn load_options(input: &InputArgs) -> crate::load::LoadOptions {
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
pub fn load(paths: &[PathBuf], lang: Lang) -> Result<Loaded, Error> {
    load_with(paths, &crate::load::LoadOptions::default(), lang)
}

/// Loads and checks plans (TOML or workbooks) and their logs.
pub fn load_with(
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
pub fn load_with_states(
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
        eprint(&tr!(
            lang,
            "{} : journal de suivi, pas un plan — ignoré (il est lu avec son plan)\n",
            "{}: a progress log, not a plan — skipped (it is read with its plan)\n",
            p.display()
        ));
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
pub fn same_plan_twice(paths: &[PathBuf], projects: &[Project], lang: Lang) -> Vec<Diagnostic> {
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
            Some(i) => (i, lang.pick("c'est le même fichier", "it is the same file")),
            None => match same_plan() {
                Some(i) => (
                    i,
                    lang.pick(
                        "même titre, organisation et année, et mêmes activités",
                        "same title, organization and year, and the same activities",
                    ),
                ),
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
            tr!(
                lang,
                "{} est le même plan que {} ({}) : le consolider deux fois compterait tout en double",
                "{} is the same plan as {} ({}): consolidating it twice would count everything twice",
                paths[j].display(),
                paths[i].display(),
                why
            ),
        );
        d.help = Some(
            lang.pick(
                "ne donner ce plan qu'une fois (le fichier TOML ou son classeur, pas les deux)",
                "give this plan once (the TOML file or its workbook, not both)",
            )
            .to_string(),
        );
        out.push(d);
    }
    out
}

/// Loads plans and their logs with the structural diagnostics only; the
/// caller runs `check`.
pub fn load_unchecked(paths: &[PathBuf], lang: Lang) -> Result<Loaded, Error> {
    load_unchecked_with(paths, &crate::load::LoadOptions::default(), lang)
}

/// [`load_unchecked`] with workbook options.
pub fn load_unchecked_with(
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
pub fn sort_diags(diags: &mut [Diagnostic]) {
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

fn render_all(l: &Loaded, lang: Lang, only: Option<Severity>) -> String {
    l.diags
        .iter()
        .filter(|d| only.is_none_or(|s| d.severity == s))
        .map(|d| diagnostic::render_human(d, &l.files, lang) + "\n")
        .collect()
}

fn tally_line(t: Tally, lang: Lang) -> String {
    let e = match (lang, t.errors) {
        (Lang::Fr, 0 | 1) => format!("{} erreur", t.errors),
        (Lang::Fr, n) => format!("{n} erreurs"),
        (Lang::En, 1) => "1 error".into(),
        (Lang::En, n) => format!("{n} errors"),
    };
    let w = match (lang, t.warnings) {
        (Lang::Fr, 0 | 1) => format!("{} avertissement", t.warnings),
        (Lang::Fr, n) => format!("{n} avertissements"),
        (Lang::En, 1) => "1 warning".into(),
        (Lang::En, n) => format!("{n} warnings"),
    };
    format!("{e}, {w}")
}

/// Diagnostics of one code printed for people (`check` without `--all`).
pub const MAX_PER_CODE: usize = 20;

/// Whether `path` is a progress log rather than a plan: a TOML file with
/// `[[record]]` tables and no `[plan]` table (a `*.toml` glob picks logs up).
fn is_progress_log(path: &Path) -> bool {
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

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

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
            return Err(usage(tr!(
                lang,
                "{} : dossier sans plan (.toml, .xlsx, .xls, .ods)",
                "{}: folder without a plan (.toml, .xlsx, .xls, .ods)",
                p.display()
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
    tr!(
        lang,
        "… et {} autre(s) {} {} non affiché(s) (--all pour tout afficher, --format json pour tout traiter)\n",
        "… and {} more {} {} not shown (--all to show them all, --format json to process them all)\n",
        n,
        code.id(),
        code.name()
    )
}

pub fn check(
    plans: &[PathBuf],
    format: CheckFormat,
    deny_warnings: bool,
    all: bool,
    lang: Lang,
    opts: &crate::load::LoadOptions,
) -> Result<ExitCode, Error> {
    let mut notes = String::new();
    let mut paths = Vec::new();
    for p in expand_folders(plans, lang)? {
        if is_progress_log(&p) {
            notes.push_str(&tr!(
                lang,
                "{} : journal de suivi, pas un plan — ignoré (il est vérifié avec son plan)\n",
                "{}: a progress log, not a plan — skipped (it is checked with its plan)\n",
                p.display()
            ));
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
        return Ok(ExitCode::SUCCESS);
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
                lang.pick("valide", "valid")
            } else {
                lang.pick("invalide", "invalid")
            };
            s.push_str(&tr!(
                lang,
                "{} : {} ({})\n",
                "{}: {} ({})\n",
                names.join(", "),
                verdict,
                tally_line(t, lang)
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
    Ok(if failed {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints errors (and exits 1) or a one-line note about warnings.
fn gate(l: &Loaded, lang: Lang) -> Option<ExitCode> {
    let t = l.tally();
    if t.errors > 0 {
        eprint(&render_all(l, lang, Some(Severity::Error)));
        eprint(&tr!(
            lang,
            "{} : le plan n'est pas valide, rien n'est calculé.\n",
            "{}: the plan is not valid, nothing is computed.\n",
            tally_line(t, lang)
        ));
        return Some(ExitCode::from(EXIT_INVALID));
    }
    if t.warnings > 0 {
        let names: Vec<String> = l.paths.iter().map(|p| p.display().to_string()).collect();
        eprint(&tr!(
            lang,
            "{} — détail : ptba check {}\n",
            "{} — details: ptba check {}\n",
            tally_line(t, lang),
            names.join(" ")
        ));
    }
    None
}

/// Several plans are consolidated only in one currency.
fn same_currency(l: &Loaded, lang: Lang) -> Option<ExitCode> {
    let first = l.projects.first()?;
    for p in &l.projects[1..] {
        if p.plan.currency != first.plan.currency {
            let d = Diagnostic::error(
                Code::CurrencyMismatch,
                Loc::File(p.plan.file),
                tr!(
                    lang,
                    "devise {} alors que le premier plan est en {} : la consolidation exige une seule devise",
                    "currency {} while the first plan is in {}: a consolidation needs one currency",
                    p.plan.currency.code,
                    first.plan.currency.code
                ),
            );
            eprint(&diagnostic::render_human(&d, &l.files, lang));
            return Some(ExitCode::from(EXIT_INVALID));
        }
    }
    None
}

/// The report language: `--lang`, else the first plan's, else French.
pub fn report_lang(cli: Option<Lang>, projects: &[Project]) -> Lang {
    cli.or_else(|| projects.first().and_then(|p| p.plan.lang))
        .unwrap_or_default()
}

pub fn options(calc: &CalcArgs) -> Options {
    Options {
        as_of: calc.as_of,
        weighting: calc.weighting.map(|w| match w {
            WeightingArg::Activities => Weighting::Activities,
            WeightingArg::Budget => Weighting::Budget,
            WeightingArg::Weight => Weighting::Weight,
        }),
    }
}

pub fn group_by(by: ByArg) -> GroupBy {
    match by {
        ByArg::Axis => GroupBy::Axis,
        ByArg::Action => GroupBy::Action,
        ByArg::Source => GroupBy::Source,
        ByArg::Responsible => GroupBy::Responsible,
        ByArg::Quarter => GroupBy::Quarter,
    }
}

pub fn summary(
    plans: &[PathBuf],
    calc: &CalcArgs,
    by: ByArg,
    format: SummaryFormat,
    precision: u32,
    cli_lang: Option<Lang>,
    opts_load: &crate::load::LoadOptions,
) -> Result<ExitCode, Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let opts = options(calc);
    let (l, states) = load_with_states(plans, opts_load, msg_lang, opts.as_of)?;
    if let Some(code) = gate(&l, msg_lang).or_else(|| same_currency(&l, msg_lang)) {
        return Ok(code);
    }
    let lang = report_lang(cli_lang, &l.projects);
    let s = compute::summarize_states(&l.projects, &states, group_by(by), &opts, lang);
    let indicators: Vec<_> = l
        .projects
        .iter()
        .zip(&states)
        .flat_map(|(p, st)| compute::indicators_from(p, st))
        .collect();
    let names: Vec<String> = l.paths.iter().map(|p| p.display().to_string()).collect();
    let titles: Vec<String> = l.projects.iter().map(|p| p.plan.title.clone()).collect();
    let view = out::View {
        summary: &s,
        plans: &names,
        titles: &titles,
        indicators: &indicators,
        lang,
        precision,
    };
    let text = match format {
        SummaryFormat::Table => {
            let mut t = out::table(&view);
            if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                t.push_str(&crate::output::bars::block(&s, lang, precision));
            }
            t.push_str(&narrative_of(
                &l.projects,
                &states,
                &s,
                &opts,
                lang,
                precision,
            ));
            t
        }
        SummaryFormat::Json => {
            let mut t = out::json_text(
                &serde_json::to_string_pretty(&out::json(&view)).unwrap_or_default(),
            );
            t.push('\n');
            t
        }
        SummaryFormat::Csv => out::csv(&view),
        SummaryFormat::CsvFr => out::csv_fr(&view),
        SummaryFormat::Markdown => out::markdown(&view),
    };
    emit(&text)?;
    crate::load::free_in_background((l, states));
    Ok(ExitCode::SUCCESS)
}

/// The narrative paragraph (SPEC §6b) of plans already summarized (by any
/// group), on its own line after an empty one, printable in a terminal.
fn narrative_of(
    projects: &[Project],
    states: &[Vec<compute::ActivityState>],
    s: &compute::Summary,
    opts: &Options,
    lang: Lang,
    precision: u32,
) -> String {
    let by_axis;
    let axes = if s.by == GroupBy::Axis {
        s
    } else {
        by_axis = compute::summarize_states(projects, states, GroupBy::Axis, opts, lang);
        &by_axis
    };
    let late = crate::output::narrative::late_count(projects, states, axes.as_of);
    let p = crate::output::narrative::paragraph(axes, late, lang, precision);
    let p = crate::text::printable(&p);
    match crate::output::terminal::terminal_width() {
        Some(width) => format!("\n{}\n", crate::output::terminal::wrap_words(&p, width)),
        None => format!("\n{p}\n"),
    }
}

fn usage(msg: String) -> Error {
    Error::Usage(msg)
}

fn parse_number_arg(
    flag: &str,
    s: &str,
    signed: bool,
    currency: Option<&crate::money::Currency>,
    lang: Lang,
) -> Result<Decimal, Error> {
    // "1.250": 1 250 as a typed amount, 1.25 as a number — nothing in a
    // command line says which was meant.
    if let Some((thousands, decimal)) = money::ambiguity(s) {
        return Err(usage(tr!(
            lang,
            "--{} {} : ambigu (un séparateur seul devant trois chiffres) : écrire {} ou {}",
            "--{} {}: ambiguous (a single separator before three digits): write {} or {}",
            flag,
            s,
            thousands,
            decimal
        )));
    }
    let r = if signed {
        money::parse_decimal_in(s, currency)
    } else {
        money::parse_amount_in(s, currency)
    };
    r.map_err(|e| {
        let mut m = format!("--{flag} {s}: {}", e.message(lang));
        if e == money::AmountError::Negative && matches!(flag, "spent" | "committed") {
            m.push_str(lang.pick(
                " ; pour contre-passer un montant déjà enregistré : --correction et --note \"…\"",
                "; to reverse an amount already recorded: --correction and --note \"…\"",
            ));
        }
        usage(m)
    })
}

/// Builds the record from the command line (usage errors only; the rules of
/// the log are checked against the plan afterwards).
fn new_record(
    a: &RecordArgs,
    currency: &crate::money::Currency,
    year: i32,
    lang: Lang,
) -> Result<NewRecord, Error> {
    if let Some(d) = a.date
        && !a.force
        && year != 0
        && chrono::Datelike::year(&d) != year
    {
        return Err(usage(tr!(
            lang,
            "--date {} : hors de l'année du plan ({}) ; corriger la date, ou --force pour une vraie exception",
            "--date {}: outside the plan year ({}); fix the date, or --force for a real exception",
            out::format_date(d, lang),
            year
        )));
    }
    let status = match &a.status {
        Some(s) => Some(crate::model::Status::parse(s).ok_or_else(|| {
            usage(tr!(
                lang,
                "--status {} : statut inconnu (planned, ongoing, done, postponed, cancelled)",
                "--status {}: unknown status (planned, ongoing, done, postponed, cancelled)",
                s
            ))
        })?),
        None => None,
    };
    let mut indicators = Vec::new();
    for item in &a.indicators {
        let Some((name, value)) = item.rsplit_once('=') else {
            return Err(usage(tr!(
                lang,
                "--indicator {} : écrire NOM=VALEUR",
                "--indicator {}: write NAME=VALUE",
                item
            )));
        };
        indicators.push((
            name.trim().to_string(),
            parse_number_arg("indicator", value, true, None, lang)?,
        ));
    }
    let r = NewRecord {
        activity: a.activity.clone(),
        date: match a.date {
            Some(d) => d,
            None => {
                // Today, unless today is outside the plan year: a 2025 plan
                // recorded in 2026 needs its date said.
                let today = chrono::Local::now().date_naive();
                if year != 0 && chrono::Datelike::year(&today) != year {
                    return Err(usage(tr!(
                        lang,
                        "aujourd'hui ({}) est hors de l'année du plan ({}) : donner la date de la situation avec --date (par exemple --date 31/12/{})",
                        "today ({}) is outside the plan year ({}): give the date of the situation with --date (for instance --date {}-12-31)",
                        out::format_date(today, lang),
                        year,
                        year
                    )));
                }
                today
            }
        },
        status,
        progress: a
            .progress
            .as_deref()
            // "40%", "40 %": the sign import accepts too.
            .map(|s| {
                let s = s.trim();
                let s = s.strip_suffix('%').map_or(s, str::trim_end);
                parse_number_arg("progress", s, true, None, lang)
            })
            .transpose()?,
        committed: a
            .committed
            .as_deref()
            .map(|s| parse_number_arg("committed", s, a.correction, Some(currency), lang))
            .transpose()?,
        spent: a
            .spent
            .as_deref()
            .map(|s| parse_number_arg("spent", s, a.correction, Some(currency), lang))
            .transpose()?,
        source: a.source.clone(),
        category: a.category.clone(),
        indicators,
        note: a.note.clone(),
        correction: a.correction,
    };
    if r.correction && r.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(usage(
            lang.pick(
                "--correction : donner --note \"…\" qui dit ce qui est corrigé (par exemple le décaissement saisi deux fois)",
                "--correction: give --note \"…\" saying what is corrected (for instance the payment entered twice)",
            )
            .to_string(),
        ));
    }
    if r.correction && r.spent.is_none() && r.committed.is_none() {
        return Err(usage(
            lang.pick(
                "--correction : donner --spent et/ou --committed, le montant à contre-passer (négatif pour annuler)",
                "--correction: give --spent and/or --committed, the amount to reverse (negative to cancel)",
            )
            .to_string(),
        ));
    }
    if r.status.is_none()
        && r.progress.is_none()
        && r.committed.is_none()
        && r.spent.is_none()
        && r.indicators.is_empty()
        && r.note.is_none()
    {
        return Err(usage(
            lang.pick(
                "rien à enregistrer : donner au moins --status, --progress, --spent, --committed, --indicator ou --note",
                "nothing to record: give at least --status, --progress, --spent, --committed, --indicator or --note",
            )
            .to_string(),
        ));
    }
    Ok(r)
}

/// Appends records to a project's log: under the lock, re-reads the log,
/// validates the new text against the plan, and writes it atomically.
/// Returns the diagnostics of the new records (nothing is written if any is
/// an error) and the files to render them.
pub fn append_records(
    plan_path: &Path,
    project: &Project,
    records: &[NewRecord],
    lang: Lang,
) -> Result<(Files, Vec<Diagnostic>, bool), Error> {
    let (files, diags, outcome) = append_records_marked(plan_path, project, records, None, lang)?;
    Ok((files, diags, outcome == Appended::Written))
}

/// What [`append_records_marked`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    Written,
    /// An error in the new records: nothing written.
    Refused,
    /// The log already has the marker: nothing written.
    AlreadyThere,
}

/// [`append_records`] with a marker: `(key, line)` writes the comment
/// `line` before the records, and, unless `force`, writes nothing when a
/// line of the log already starts with `key` (checked under the lock).
///
/// The folder of a log that does not exist yet (`[plan] progress =
/// "suivi/2024.toml"`) is created, once the records are known to be valid:
/// a refused record creates nothing.
pub fn append_records_marked(
    plan_path: &Path,
    project: &Project,
    records: &[NewRecord],
    marker: Option<(&str, &str, bool)>,
    lang: Lang,
) -> Result<(Files, Vec<Diagnostic>, Appended), Error> {
    let log = &project.log_path;
    let missing_dir = log
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        .map(Path::to_path_buf);
    if let Some(dir) = &missing_dir {
        // No folder, no log: the records are checked against an empty one
        // (no lock needed), and the folder made only if they are valid.
        let dry = append_locked(plan_path, project, records, marker, lang, true)?;
        if dry.2 != Appended::Written {
            return Ok(dry);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::Io {
            path: dir.clone(),
            source: e,
        })?;
        eprint(&tr!(
            lang,
            "dossier {} créé pour le journal de suivi\n",
            "folder {} created for the progress log\n",
            dir.display()
        ));
    }
    append_locked(plan_path, project, records, marker, lang, false)
}

/// Appends under the log's lock; `dry`: the log's folder does not exist, so
/// neither does the log: only checks the records against an empty log,
/// without locking or writing (`Written` then means "would be written").
fn append_locked(
    plan_path: &Path,
    project: &Project,
    records: &[NewRecord],
    marker: Option<(&str, &str, bool)>,
    lang: Lang,
    dry: bool,
) -> Result<(Files, Vec<Diagnostic>, Appended), Error> {
    let log = &project.log_path;
    let io = |e: std::io::Error| Error::Io {
        path: log.clone(),
        source: e,
    };
    // A log shared through a symlink is locked beside its target, where
    // every plan that links to it locks it; a read-only log is refused
    // before anything is checked or written.
    let _lock = if dry {
        None
    } else {
        crate::fsutil::refuse_read_only_file(log, lang)?;
        Some(progress::LogLock::acquire(&crate::fsutil::resolve(log)).map_err(io)?)
    };
    let old = if dry {
        None
    } else {
        progress::read_log(log).map_err(io)?
    };
    let mut files = Files::default();
    let old_text = match &old {
        Some(bytes) => match crate::load::decode(bytes, lang) {
            Ok(t) => t,
            Err((_, msg)) => {
                let id = files.add(log, None::<String>);
                return Ok((
                    files,
                    vec![Diagnostic::error(Code::Encoding, Loc::File(id), msg)],
                    Appended::Refused,
                ));
            }
        },
        None => "",
    };
    if let Some((key, _, false)) = marker
        && old_text.lines().any(|l| l.starts_with(key))
    {
        return Ok((files, Vec::new(), Appended::AlreadyThere));
    }
    let mut text = old_text.to_string();
    if old.is_none() {
        let name = plan_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        text.push_str(&progress::new_log_header(&name));
    } else if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    // Keep the original bytes (a BOM included) in front of what is added.
    let prefix_len = text.len();
    if let Some((_, line, _)) = marker {
        text.push('\n');
        text.push_str(line.trim_end());
        text.push('\n');
    }
    for r in records {
        text.push_str(&progress::render(r));
    }
    let text: std::sync::Arc<str> = text.into();
    let file = files.add(log, Some(text.clone()));
    let (parsed, mut diags) =
        crate::load::toml::parse_log_in(&text, file, lang, &project.plan.currency);
    let mut with_new = project.clone();
    with_new.records = parsed;
    diags.extend(crate::check::check(&with_new, lang));
    // Only what concerns the new records: the rest was there before.
    diags.retain(|d| match &d.loc {
        Loc::Span { file: f, start, .. } => *f == file && *start as usize >= prefix_len,
        _ => false,
    });
    sort_diags(&mut diags);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Ok((files, diags, Appended::Refused));
    }
    if dry {
        return Ok((files, diags, Appended::Written));
    }
    let mut bytes = old.unwrap_or_default();
    if bytes.is_empty() {
        bytes = text.as_bytes().to_vec();
    } else {
        if !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(&text.as_bytes()[prefix_len..]);
    }
    crate::fsutil::write_bytes(log, &bytes, lang)?;
    Ok((files, diags, Appended::Written))
}

pub fn record(a: &RecordArgs, cli_lang: Option<Lang>) -> Result<ExitCode, Error> {
    let lang = cli_lang.unwrap_or_default();
    let l = load(std::slice::from_ref(&a.plan), lang)?;
    let plan_errors: Vec<&Diagnostic> = l
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if !plan_errors.is_empty() {
        for d in plan_errors {
            eprint(&(diagnostic::render_human(d, &l.files, lang) + "\n"));
        }
        eprint(lang.pick(
            "le plan ou son journal a des erreurs : corriger d'abord (ptba check), rien n'est enregistré.\n",
            "the plan or its log has errors: fix them first (ptba check); nothing is recorded.\n",
        ));
        return Ok(ExitCode::from(EXIT_INVALID));
    }
    let project = &l.projects[0];
    let r = new_record(a, &project.plan.currency, project.plan.year, lang)?;
    if crate::collect::records_in_workbook(project) {
        return Err(usage(tr!(
            lang,
            "{} porte son suivi dans sa feuille Suivi : le convertir en TOML (ptba convert) pour enregistrer",
            "{} holds its progress in its Suivi sheet: convert it to TOML (ptba convert) to record",
            a.plan.display()
        )));
    }
    let (files, mut diags, written) =
        append_records(&a.plan, project, std::slice::from_ref(&r), lang)?;
    origin::relocate(&mut diags, &files, 1, lang, |_, key, value| {
        flag_of(a, &r, key, value, lang)
    });
    for d in &diags {
        eprint(&(diagnostic::render_human(d, &files, lang) + "\n"));
    }
    if !written {
        eprint(lang.pick(
            "enregistrement refusé : le journal n'est pas modifié.\n",
            "record refused: the log is unchanged.\n",
        ));
        return Ok(ExitCode::from(EXIT_INVALID));
    }
    emit(&tr!(
        lang,
        "Enregistré : {} au {} dans {}\n",
        "Recorded: {} on {} in {}\n",
        r.activity,
        out::format_date(r.date, lang),
        project.log_path.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The flag of `ptba record` that gave the field `key` of the record.
fn flag_of(
    a: &RecordArgs,
    r: &NewRecord,
    key: &str,
    value: &str,
    lang: Lang,
) -> Option<origin::Origin> {
    let flag = |name: &str, v: Option<&str>| v.map(|v| format!("--{name} {v}"));
    let label = match key {
        "activity" => Some(tr!(lang, "ACTIVITÉ {}", "ACTIVITY {}", a.activity)),
        "date" => Some(match a.date {
            Some(_) => format!("--date {}", r.date.format("%Y-%m-%d")),
            None => tr!(
                lang,
                "--date (non donnée : aujourd'hui, {})",
                "--date (not given: today, {})",
                r.date.format("%Y-%m-%d")
            ),
        }),
        "status" => flag("status", a.status.as_deref()),
        "progress" => flag("progress", a.progress.as_deref()),
        "spent" => flag("spent", a.spent.as_deref()),
        "committed" => flag("committed", a.committed.as_deref()),
        "source" => flag("source", a.source.as_deref()),
        "note" => Some("--note".to_string()),
        "indicators" => {
            let name = value.trim().trim_matches(['"', '\'']);
            a.indicators
                .iter()
                .find(|i| i.rsplit_once('=').is_some_and(|(n, _)| n.trim() == name))
                .or(a.indicators.first())
                .map(|i| format!("--indicator {i}"))
        }
        _ => None,
    }?;
    Some(origin::Origin {
        loc: Loc::None,
        label,
    })
}

pub fn init(
    output: Option<&Path>,
    force: bool,
    year: Option<i32>,
    organization: Option<&str>,
    lang: Lang,
) -> Result<ExitCode, Error> {
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    if !(1900..=2200).contains(&year) {
        return Err(usage(tr!(
            lang,
            "--year {} : année invalide",
            "--year {}: invalid year",
            year
        )));
    }
    let path = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(format!("plan-{year}.toml")));
    let out = crate::fsutil::output(&path, &["toml"], &[], force, lang)?;
    let text = crate::init::starter_plan_in(
        year,
        organization.unwrap_or(lang.pick("Mon organisation", "My organisation")),
        lang,
    );
    crate::fsutil::write_bytes(&out.path, text.as_bytes(), lang)?;
    emit(&tr!(
        lang,
        "Plan de départ écrit dans {} — vérifier avec : ptba check {}\n",
        "Starter plan written to {} — check it with: ptba check {}\n",
        path.display(),
        path.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

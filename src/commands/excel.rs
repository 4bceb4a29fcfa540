//! `ptba report` and `ptba convert`: workbooks out, plans back to TOML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{CalcArgs, ReportArgs};
use crate::error::Error;
use crate::i18n::Lang;
use crate::output::report_figures::Period;
use crate::output::summary::headline;
use crate::output::{plan_toml, plan_workbook, report, xlsx};
use crate::tr;

use super::{EXIT_INVALID, emit, gate, options, report_lang, same_currency};

fn usage(msg: String) -> Error {
    Error::Usage(msg)
}

/// The extension of a path, lowercased.
pub(crate) fn extension(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Whether two paths name the same file (when the second exists).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Refuses to write over one of the inputs (a plan or its log).
pub(crate) fn not_an_input(out: &Path, inputs: &[PathBuf], lang: Lang) -> Result<(), Error> {
    if let Some(i) = inputs.iter().find(|i| same_file(i, out)) {
        return Err(usage(tr!(
            lang,
            "{} est aussi une entrée ({}) : choisir un autre fichier de sortie",
            "{} is also an input ({}): choose another output file",
            out.display(),
            i.display()
        )));
    }
    Ok(())
}

pub fn report(
    plans: &[PathBuf],
    output: &Path,
    calc: &CalcArgs,
    scope: &ReportArgs,
    cli_lang: Option<Lang>,
    load_options: &crate::load::LoadOptions,
) -> Result<ExitCode, Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let quarter = scope
        .period
        .as_deref()
        .map(|p| parse_quarter(p, msg_lang))
        .transpose()?;
    if let (Some(from), Some(to)) = (scope.from, scope.to)
        && from > to
    {
        return Err(usage(tr!(
            msg_lang,
            "--from {} est après --to {} : la période doit commencer avant de finir",
            "--from {} is after --to {}: the period must start before it ends",
            from,
            to
        )));
    }
    if extension(output) != "xlsx" {
        return Err(usage(tr!(
            msg_lang,
            "-o {} : le rapport est un classeur .xlsx",
            "-o {}: the report is an .xlsx workbook",
            output.display()
        )));
    }
    let mut opts = options(calc);
    let as_of = opts.as_of.or(scope.to);
    let (l, mut states) = super::load_with_states(plans, load_options, msg_lang, as_of)?;
    let mut inputs = plans.to_vec();
    inputs.extend(l.projects.iter().map(|p| p.log_path.clone()));
    not_an_input(output, &inputs, msg_lang)?;
    if let Some(code) = gate(&l, msg_lang).or_else(|| same_currency(&l, msg_lang)) {
        return Ok(code);
    }
    // The period ends on the as-of date: the cumulative is as of its end.
    let year = l.projects.first().map(|p| p.plan.year).unwrap_or(0);
    let period = match (quarter, scope.from, scope.to) {
        (Some(q), _, _) => Period::quarter(year, q),
        (None, Some(from), Some(to)) => Some(Period {
            from,
            to,
            quarter: None,
        }),
        _ => None,
    };
    if let Some(p) = &period {
        if let Some(d) = opts.as_of.filter(|d| *d != p.to) {
            return Err(usage(tr!(
                msg_lang,
                "--as-of {} et la fin de la période ({}) diffèrent : le cumul est arrêté à la fin de la période, retirer --as-of",
                "--as-of {} and the end of the period ({}) differ: the cumulative stops at the end of the period, drop --as-of",
                d,
                p.to
            )));
        }
        if as_of != Some(p.to) {
            states = l
                .projects
                .iter()
                .map(|pr| crate::compute::activity_states(&pr.plan, &pr.records, Some(p.to)))
                .collect();
        }
        opts.as_of = Some(p.to);
    }
    let lang = report_lang(cli_lang, &l.projects);
    let built = match scope.source.as_deref() {
        Some(source) => {
            known_source(&l.projects, source, msg_lang)?;
            crate::output::report_extract::build(&l.projects, states, &opts, period, source, lang)
        }
        None => report::build_with_states(&l.projects, states, &opts, period, lang),
    };
    let (mut wb, s) = built.map_err(|e| xlsx::xlsx_error(output, e, msg_lang))?;
    xlsx::save(&mut wb, output, msg_lang)?;
    emit(&tr!(
        msg_lang,
        "Rapport écrit : {}\n{}\n",
        "Report written: {}\n{}\n",
        output.display(),
        headline(&s, lang, 0)
    ))?;
    crate::load::free_in_background(l);
    Ok(ExitCode::SUCCESS)
}

/// `T2`, `t2`, `Q2` or `2`: the quarter number.
fn parse_quarter(s: &str, lang: Lang) -> Result<u8, Error> {
    let t = s.trim();
    let digits = t.strip_prefix(['T', 't', 'Q', 'q']).unwrap_or(t);
    match digits.parse::<u8>() {
        Ok(q @ 1..=4) => Ok(q),
        _ => Err(usage(tr!(
            lang,
            "--period {} : un trimestre de l'année du plan, T1, T2, T3 ou T4 (ou --from DATE --to DATE)",
            "--period {}: a quarter of the plan year, Q1, Q2, Q3 or Q4 (or --from DATE --to DATE)",
            s
        ))),
    }
}

/// `--source` must name a source of one of the plans.
fn known_source(projects: &[crate::model::Project], id: &str, lang: Lang) -> Result<(), Error> {
    let mut ids: Vec<&str> = projects
        .iter()
        .flat_map(|p| p.plan.sources.iter().map(|s| s.id.as_str()))
        .collect();
    if ids.contains(&id) {
        return Ok(());
    }
    ids.sort_unstable();
    ids.dedup();
    Err(usage(tr!(
        lang,
        "--source {} : aucune source de ce code dans le plan ; sources : {}",
        "--source {}: no source with this code in the plan; sources: {}",
        id,
        ids.join(", ")
    )))
}

pub fn convert(
    input: &Path,
    output: &Path,
    force: bool,
    cli_lang: Option<Lang>,
    opts: &crate::load::LoadOptions,
) -> Result<ExitCode, Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let ext = extension(output);
    if ext != "xlsx" && ext != "toml" {
        return Err(usage(tr!(
            msg_lang,
            "-o {} : écrire un classeur .xlsx ou un plan .toml",
            "-o {}: write an .xlsx workbook or a .toml plan",
            output.display()
        )));
    }
    let l = crate::commands::load_with(std::slice::from_ref(&input.to_path_buf()), opts, msg_lang)?;
    let Some(project) = l.projects.first() else {
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    let inputs = [input.to_path_buf(), project.log_path.clone()];
    if let Some(code) = gate(&l, msg_lang) {
        return Ok(code);
    }
    let lang = report_lang(cli_lang, &l.projects);
    let refuse_existing = |p: &Path| -> Result<(), Error> {
        if !force && std::fs::symlink_metadata(p).is_ok() {
            return Err(usage(tr!(
                msg_lang,
                "{} existe déjà : ajouter --force pour le remplacer",
                "{} already exists: add --force to replace it",
                p.display()
            )));
        }
        Ok(())
    };
    let counts = tr!(
        msg_lang,
        "{} activités, {} enregistrements de suivi",
        "{} activities, {} progress records",
        project.plan.activities.len(),
        project.records.len()
    );
    if ext == "xlsx" {
        not_an_input(output, &inputs, msg_lang)?;
        refuse_existing(output)?;
        let mut wb = plan_workbook::build(project, lang)
            .map_err(|e| xlsx::xlsx_error(output, e, msg_lang))?;
        xlsx::save(&mut wb, output, msg_lang)?;
        emit(&tr!(
            msg_lang,
            "Classeur du plan écrit : {} ({})\n",
            "Plan workbook written: {} ({})\n",
            output.display(),
            counts
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    // TOML: the plan, and its log where the written plan will look for it.
    let log = crate::load::log_path(output, project.plan.progress.as_deref());
    if same_file(output, &log) || output == log {
        return Err(usage(tr!(
            msg_lang,
            "le plan et son journal seraient le même fichier ({})",
            "the plan and its log would be the same file ({})",
            log.display()
        )));
    }
    refuse_existing(output)?;
    refuse_existing(&log)?;
    let plan_name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan_text = plan_toml::plan(&project.plan);
    let log_text = plan_toml::log(project, &plan_name);
    write_pair(output, plan_text.as_bytes(), &log, log_text.as_bytes())?;
    emit(&tr!(
        msg_lang,
        "Plan écrit : {} et son journal {} ({})\n",
        "Plan written: {} with its log {} ({})\n",
        output.display(),
        log.display(),
        counts
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes two files so that either both are replaced or neither is: the log
/// first, then the plan; if the plan cannot be written, the log is put back
/// as it was.
fn write_pair(plan: &Path, plan_bytes: &[u8], log: &Path, log_bytes: &[u8]) -> Result<(), Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e: std::io::Error| Error::Io { path, source: e }
    };
    let old_log = crate::progress::read_log(log).map_err(io(log))?;
    crate::progress::write_atomic(log, log_bytes).map_err(io(log))?;
    if let Err(e) = crate::progress::write_atomic(plan, plan_bytes) {
        let _ = match &old_log {
            Some(bytes) => crate::progress::write_atomic(log, bytes),
            None => std::fs::remove_file(log),
        };
        return Err(io(plan)(e));
    }
    Ok(())
}

//! `ptba report`: the Excel workbook for funders.

use std::path::{Path, PathBuf};

use crate::cli::ReportArgs;
use crate::error::Error;
use crate::fsutil;
use crate::i18n::{self, Lang};
use crate::output::report::figures::Period;
use crate::output::summary::headline;
use crate::output::{report, xlsx};

use crate::session::{emit, gate, options, report_lang, same_currency};

/// Every file a command reads: the plans, their logs, the mapping file.
pub(super) fn inputs<'a>(
    plans: &'a [PathBuf],
    projects: &'a [crate::model::Project],
    load_options: &'a crate::load::LoadOptions,
) -> Vec<&'a Path> {
    let mut v: Vec<&Path> = plans.iter().map(PathBuf::as_path).collect();
    v.extend(projects.iter().map(|p| p.log_path.as_path()));
    v.extend(load_options.mapping.as_deref());
    v
}

pub fn run(args: &ReportArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let (plans, output, force, calc, scope) = (
        &args.plans[..],
        args.output.as_path(),
        args.force,
        &args.calc,
        &args.scope,
    );
    let load_options = &crate::session::load_options(&args.input);
    let msg_lang = cli_lang.unwrap_or_default();
    let quarter = scope
        .period
        .as_deref()
        .map(|p| parse_quarter(p, msg_lang))
        .transpose()?;
    if let (Some(from), Some(to)) = (scope.from, scope.to)
        && from > to
    {
        return Err(Error::Usage(i18n::commands::from_after_to(
            msg_lang, from, to,
        )));
    }
    // Before the plans are read: a wrong extension or an existing file is
    // said at once.
    fsutil::output(
        output,
        &["xlsx"],
        &inputs(plans, &[], load_options),
        force,
        msg_lang,
    )?;
    let mut opts = options(calc);
    let as_of = opts.as_of.or(scope.to);
    let (l, mut states) = crate::session::load_with_states(plans, load_options, msg_lang, as_of)?;
    let out = fsutil::output(
        output,
        &["xlsx"],
        &inputs(plans, &l.projects, load_options),
        force,
        msg_lang,
    )?;
    gate(&l, msg_lang)?;
    same_currency(&l, msg_lang)?;
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
            return Err(Error::Usage(i18n::commands::as_of_not_period_end(
                msg_lang, d, p.to,
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
    if let Some(source) = scope.source.as_deref() {
        known_source(&l.projects, source, msg_lang)?;
    }
    // rust_xlsxwriter writes its large sheets to temporary files while the
    // workbook is built, and panics if that folder fills up.
    let (mut wb, s) = fsutil::no_panic(msg_lang, output, || {
        match scope.source.as_deref() {
            Some(source) => crate::output::report::extract::build(
                &l.projects,
                states,
                &opts,
                period,
                source,
                lang,
            ),
            None => report::build_with_states(&l.projects, states, &opts, period, lang),
        }
        .map_err(|e| xlsx::xlsx_error(output, e, msg_lang))
    })?;
    xlsx::save(&mut wb, &out.path, msg_lang)?;
    emit(&i18n::commands::report_written(
        msg_lang,
        output.display(),
        headline(&s, lang, 0),
    ))?;
    crate::load::free_in_background(l);
    Ok(())
}

/// `T2`, `t2`, `Q2` or `2`: the quarter number.
fn parse_quarter(s: &str, lang: Lang) -> Result<u8, Error> {
    let t = s.trim();
    let digits = t.strip_prefix(['T', 't', 'Q', 'q']).unwrap_or(t);
    match digits.parse::<u8>() {
        Ok(q @ 1..=4) => Ok(q),
        _ => Err(Error::Usage(i18n::commands::unknown_period(lang, s))),
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
    Err(Error::Usage(i18n::commands::unknown_report_source(
        lang,
        id,
        ids.join(", "),
    )))
}

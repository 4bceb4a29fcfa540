//! `ptba convert`: a plan from TOML to a workbook, or back.

use crate::cli::ConvertArgs;

use crate::error::Error;
use crate::fsutil;
use crate::i18n::{self, Lang};
use crate::output::{plan_toml, plan_workbook, xlsx};

use crate::session::{emit, gate, report_lang};

use super::report::inputs;
use crate::session::load_with;

pub fn run(args: &ConvertArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let (input, output, force) = (args.input.as_path(), args.output.as_path(), args.force);
    let opts = &crate::session::load_options(&args.input_args);
    let msg_lang = cli_lang.unwrap_or_default();
    let input_list = [input.to_path_buf()];
    fsutil::output(
        output,
        &["xlsx", "toml"],
        &inputs(&input_list, &[], opts),
        force,
        msg_lang,
    )?;
    let l = load_with(&input_list, opts, msg_lang)?;
    let Some(project) = l.projects.first() else {
        return Err(Error::Invalid);
    };
    let all_inputs = inputs(&input_list, &l.projects, opts);
    let out = fsutil::output(output, &["xlsx", "toml"], &all_inputs, force, msg_lang)?;
    gate(&l, msg_lang)?;
    let lang = report_lang(cli_lang, &l.projects);
    let counts = i18n::commands::convert_counts(
        msg_lang,
        project.plan.activities.len(),
        project.records.len(),
    );
    if fsutil::extension(output) == "xlsx" {
        let mut wb = fsutil::no_panic(msg_lang, output, || {
            plan_workbook::build(project, lang).map_err(|e| xlsx::xlsx_error(output, e, msg_lang))
        })?;
        xlsx::save(&mut wb, &out.path, msg_lang)?;
        emit(&i18n::commands::plan_workbook_written(
            msg_lang,
            output.display(),
            &counts,
        ))?;
        return Ok(());
    }
    // TOML: the plan, and its log where the written plan will look for it —
    // which must be a place a log may be (a workbook's `progress` key names
    // it).
    let log = crate::load::log_path(output, project.plan.progress.as_deref());
    if let Some((message, help)) =
        crate::load::logplace::problem(output, project.plan.progress.as_deref(), &log, msg_lang)
    {
        return Err(Error::Usage(format!("{message} ; {help}")));
    }
    if fsutil::same_file(output, &log) || output == log {
        return Err(Error::Usage(i18n::commands::plan_and_log_same_file(
            msg_lang,
            log.display(),
        )));
    }
    let log_out = fsutil::output(&log, &["toml"], &all_inputs, force, msg_lang)?;
    let plan_name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan_text = plan_toml::plan(&project.plan);
    let log_text = plan_toml::log(project, &plan_name);
    // The loaded plan is no longer needed: freed before the texts are read
    // back, so that the two are not in memory at once.
    drop(l);
    // What ptba writes it must read back: checked before anything is
    // written (a text ptba cannot escape would otherwise give a plan that
    // ptba itself refuses).
    let unreadable = |text: &str, diags: Vec<crate::diagnostic::Diagnostic>| {
        diags
            .into_iter()
            .find(|d| d.severity == crate::diagnostic::Severity::Error)
            .map(|d| {
                Error::Usage(i18n::commands::toml_would_not_read_back(
                    msg_lang,
                    &d.message,
                    text.len(),
                ))
            })
    };
    let (_, plan_diags) = crate::load::toml::parse_plan(&plan_text, 0, msg_lang);
    if let Some(e) = unreadable(&plan_text, plan_diags) {
        return Err(e);
    }
    let log_diags = crate::load::toml::check_log(&log_text, 0, msg_lang);
    if let Some(e) = unreadable(&log_text, log_diags) {
        return Err(e);
    }
    // The same mark at the top of both: a kill between the two renames is
    // explained when the plan is loaded (crate::load::pair).
    let mark = crate::load::pair::mark(&plan_text, &log_text);
    let line = crate::load::pair::line(&mark);
    let plan_text = format!("{line}{plan_text}");
    let log_text = format!("{line}{log_text}");
    // The log's lock: no `record` or `import` appends to it meanwhile.
    let lock_target = fsutil::resolve(&log_out.path);
    let _lock = crate::progress::LogLock::acquire(&lock_target).map_err(|e| Error::Io {
        path: log.clone(),
        source: e,
    })?;
    // The log first, then the plan (see crate::load::pair).
    fsutil::write_pair(
        (&log_out.path, log_text.as_bytes()),
        (&out.path, plan_text.as_bytes()),
        msg_lang,
    )?;
    emit(&i18n::commands::plan_written(
        msg_lang,
        output.display(),
        log.display(),
        &counts,
    ))?;
    Ok(())
}

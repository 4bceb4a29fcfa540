//! `ptba rollover PLAN --year Y`: next year's draft plan.

use std::path::{Path, PathBuf};

use crate::cli::RolloverArgs;
use crate::compute;
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::money;

use super::report::inputs;
use crate::session::{emit, gate, report_lang};

/// `<stem>.toml` beside the plan, the old year in the stem replaced by the
/// new one (`exemple-2024.xlsx` → `exemple-2025.toml`), or `-Y` added.
pub(crate) fn default_output(plan: &Path, old: i32, new: i32) -> PathBuf {
    let stem = plan
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (o, n) = (old.to_string(), new.to_string());
    let name = if stem.contains(&o) {
        format!("{}.toml", stem.replace(&o, &n))
    } else {
        format!("{stem}-{n}.toml")
    };
    plan.with_file_name(name)
}

pub fn run(args: &RolloverArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let paths = [args.plan.clone()];
    let load_opts = crate::session::load_options(&args.input);
    if let Some(o) = &args.output {
        // Before the plan is read: a wrong extension or an existing file is
        // said at once.
        crate::fsutil::output(
            o,
            &["toml"],
            &inputs(&paths, &[], &load_opts),
            args.force,
            msg_lang,
        )?;
    }
    let l = crate::session::load_with(&paths, &load_opts, msg_lang)?;
    let Some(project) = l.projects.first() else {
        return Err(Error::Invalid);
    };
    gate(&l, msg_lang)?;
    let plan = &project.plan;
    if args.year <= plan.year || args.year > 2200 {
        return Err(Error::Usage(i18n::commands::rollover_year(
            msg_lang, args.year, plan.year,
        )));
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.plan, plan.year, args.year));
    let out = crate::fsutil::output(
        &output,
        &["toml"],
        &inputs(&paths, &l.projects, &load_opts),
        args.force,
        msg_lang,
    )?;
    // The draft names no log: it will read `<stem>.progress.toml` beside it.
    // A log already there (an earlier draft's, another plan's) would be read
    // as the new plan's progress: refused, unless the draft is replaced on
    // purpose (--force: the plan and its log belong together then).
    let draft_log = crate::load::log_path(&output, None);
    if !args.force && std::fs::symlink_metadata(&draft_log).is_ok() {
        return Err(Error::Usage(i18n::commands::draft_log_exists(
            msg_lang,
            draft_log.display(),
            output.display(),
        )));
    }
    let lang = report_lang(cli_lang, &l.projects);
    let states = compute::activity_states(plan, &project.records, None);
    let rows = compute::indicators_from(project, &states);
    let draft = crate::rollover::draft(plan, &states, &rows, args.year, args.full_budget);
    let name = args
        .plan
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = crate::output::rollover::text(&draft, &name, plan.year, args.full_budget, lang);
    crate::fsutil::write_bytes(&out.path, text.as_bytes(), msg_lang)?;
    let carried: rust_decimal::Decimal = draft.carried.iter().map(|c| c.carried).sum();
    emit(&i18n::commands::draft_written(
        msg_lang,
        args.year,
        output.display(),
        draft.carried.len(),
        draft.closed.len(),
        money::format_money(carried, &plan.currency, msg_lang),
    ))?;
    Ok(())
}

//! `ptba template`: the workbook focal points fill in (SPEC §8).

use std::path::Path;

use crate::cli::TemplateArgs;
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::session;

use super::import::{plan, plan_name};

pub fn run(a: &TemplateArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let lang = cli_lang.unwrap_or_default();
    let opts = session::load_options(&a.input);
    let mut inputs: Vec<&Path> = vec![&a.plan];
    inputs.extend(opts.mapping.as_deref());
    crate::fsutil::output(&a.output, &["xlsx"], &inputs, a.force, lang)?;
    let l = plan(&a.plan, &opts, lang)?;
    let project = &l.projects[0];
    inputs.push(&project.log_path);
    let out = crate::fsutil::output(&a.output, &["xlsx"], &inputs, a.force, lang)?;
    if let Some(q) = a.quarter
        && !(1..=4).contains(&q)
    {
        return Err(Error::Usage(i18n::commands::template_quarter(lang, q)));
    }
    let rows = crate::output::template::rows(project, a.responsible.as_deref(), a.quarter);
    if rows.is_empty() {
        return Err(Error::Usage(
            i18n::commands::no_activity_matches(lang).to_string(),
        ));
    }
    let filter = crate::output::template::Filter {
        responsible: a.responsible.as_deref(),
        quarter: a.quarter,
    };
    // The template's language: --lang, else the plan's, like the reports.
    let book_lang = session::report_lang(cli_lang, &l.projects);
    let bytes = crate::fsutil::no_panic(lang, &a.output, || {
        crate::output::template::write(project, &plan_name(&a.plan), &rows, filter, book_lang)
            .map_err(|e| Error::Usage(format!("xlsx: {e}")))
    })?;
    crate::fsutil::write_bytes(&out.path, &bytes, lang)?;
    session::emit(&i18n::commands::template_written(
        lang,
        a.output.display(),
        rows.len(),
        a.plan.display(),
    ))?;
    Ok(())
}

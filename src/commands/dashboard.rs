//! `ptba dashboard PLAN... -o OUT.html`: the review workshop's page (SPEC §6b).

use super::report::inputs;
use crate::cli::DashboardArgs;
use crate::compute::{self, GroupBy};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::output::html::{self, Dashboard, Late};
use crate::output::narrative;
use crate::output::summary::headline;
use crate::session::{
    emit, gate, load_options, load_with_states, options, report_lang, same_currency,
};

pub fn run(args: &DashboardArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let output = &args.output;
    let load_opts = load_options(&args.input);
    // Before the plans are read: a wrong extension or an existing file is
    // said at once.
    crate::fsutil::output(
        output,
        &["html"],
        &inputs(&args.plans, &[], &load_opts),
        args.force,
        msg_lang,
    )?;
    let opts = options(&args.calc);
    let (l, states) = load_with_states(&args.plans, &load_opts, msg_lang, opts.as_of)?;
    let out = crate::fsutil::output(
        output,
        &["html"],
        &inputs(&args.plans, &l.projects, &load_opts),
        args.force,
        msg_lang,
    )?;
    gate(&l, msg_lang)?;
    same_currency(&l, msg_lang)?;
    let lang = report_lang(cli_lang, &l.projects);
    let by_axis = compute::summarize_states(&l.projects, &states, GroupBy::Axis, &opts);
    let opts_src = compute::Options {
        weighting: Some(by_axis.weighting),
        ..opts
    };
    let by_source = compute::summarize_states(&l.projects, &states, GroupBy::Source, &opts_src);
    let mut late = Vec::new();
    if let Some(d) = by_axis.as_of {
        for (p, sts) in l.projects.iter().zip(&states) {
            for (a, st) in p.plan.activities.iter().zip(sts) {
                if compute::late(p.plan.year, a, st, d) {
                    late.push(Late {
                        id: a.id.clone(),
                        title: a.title.clone(),
                        responsible: a.responsible.clone().unwrap_or_default(),
                        quarters: super::list::quarters_text(a, lang),
                        progress: st.physical(),
                        expected: compute::expected_progress(
                            p.plan.year,
                            &compute::planned_quarters(a),
                            d,
                        )
                        .unwrap_or_default(),
                    });
                }
            }
        }
    }
    // Most behind first (the largest shortfall against the schedule), then
    // in plan order.
    late.sort_by_key(|a| std::cmp::Reverse(a.expected - a.progress));
    let mut titles: Vec<&str> = l.projects.iter().map(|p| p.plan.title.as_str()).collect();
    titles.dedup();
    let mut orgs: Vec<&str> = l
        .projects
        .iter()
        .filter_map(|p| p.plan.organization.as_deref())
        .collect();
    orgs.dedup();
    let text = narrative::paragraph(&by_axis, late.len(), lang, 0);
    let page = html::render(&Dashboard {
        title: titles.join(" + "),
        organization: orgs.join(" ; "),
        headline: headline(&by_axis, lang, 0),
        narrative: text,
        by_axis: &by_axis,
        by_source: &by_source,
        late,
        lang,
    });
    crate::fsutil::write_bytes(&out.path, page.as_bytes(), msg_lang)?;
    emit(&i18n::commands::dashboard_written(
        msg_lang,
        output.display(),
        headline(&by_axis, lang, 0),
    ))?;
    Ok(())
}

//! `ptba summary`: execution rates by group, in a table or another format.

use crate::cli::{ByArg, SummaryArgs, SummaryFormat};
use crate::compute::{self, GroupBy, Options};
use crate::error::Error;
use crate::i18n::Lang;
use crate::model::Project;
use crate::output::summary as out;

use crate::session::{
    emit, gate, load_options, load_with_states, options, report_lang, same_currency,
};

pub fn run(args: &SummaryArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let (plans, calc, by, format, precision) = (
        &args.plans[..],
        &args.calc,
        args.by,
        args.format,
        args.precision,
    );
    let opts_load = &load_options(&args.input);
    let msg_lang = cli_lang.unwrap_or_default();
    let opts = options(calc);
    let (l, states) = load_with_states(plans, opts_load, msg_lang, opts.as_of)?;
    gate(&l, msg_lang)?;
    same_currency(&l, msg_lang)?;
    let lang = report_lang(cli_lang, &l.projects);
    let s = compute::summarize_states(&l.projects, &states, group_by(by), &opts);
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
    Ok(())
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
        by_axis = compute::summarize_states(projects, states, GroupBy::Axis, opts);
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

pub(crate) fn group_by(by: ByArg) -> GroupBy {
    match by {
        ByArg::Axis => GroupBy::Axis,
        ByArg::Action => GroupBy::Action,
        ByArg::Source => GroupBy::Source,
        ByArg::Responsible => GroupBy::Responsible,
        ByArg::Quarter => GroupBy::Quarter,
    }
}

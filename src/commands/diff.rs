//! `ptba diff OLD NEW` and `ptba diff PLAN` (initial vs revised amounts).

use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::{self, Amounts, Side};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::output::diff as out;

use crate::session::{emit, gate, report_lang, same_currency};

pub fn run(args: &DiffArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let mut paths = vec![args.old.clone()];
    paths.extend(args.new.clone());
    let l =
        crate::session::load_with(&paths, &crate::session::load_options(&args.input), msg_lang)?;
    if l.projects.len() != paths.len() {
        return Err(Error::Invalid);
    }
    gate(&l, msg_lang)?;
    same_currency(&l, msg_lang)?;
    let lang = report_lang(cli_lang, &l.projects);
    let first = &l.projects[0].plan;
    let old_name = args.old.display().to_string();
    let (old, new, before, after) = match l.projects.get(1) {
        Some(second) => (
            Side {
                plan: first,
                amounts: Amounts::Revised,
            },
            Side {
                plan: &second.plan,
                amounts: Amounts::Revised,
            },
            old_name,
            l.paths[1].display().to_string(),
        ),
        None => (
            Side {
                plan: first,
                amounts: Amounts::Initial,
            },
            Side {
                plan: first,
                amounts: Amounts::Revised,
            },
            i18n::commands::initial_side(lang, &old_name),
            i18n::commands::revised_side(lang, &old_name),
        ),
    };
    let d = diff::diff(old, new);
    let view = out::View {
        diff: &d,
        before: &before,
        after: &after,
        currency: &first.currency,
        lang,
    };
    let text = match args.format {
        DiffFormat::Table => out::text(&view),
        DiffFormat::Markdown => out::markdown(&view),
        DiffFormat::Json => {
            let mut t = crate::output::summary::json_text(
                &serde_json::to_string_pretty(&out::json(&view)).unwrap_or_default(),
            );
            t.push('\n');
            t
        }
    };
    emit(&text)?;
    Ok(())
}

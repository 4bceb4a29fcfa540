//! The rollover draft as TOML text: the plan writer's text, with comments
//! on where each carried activity came from and on what was left behind.

use std::fmt::Write as _;

use crate::i18n::{self, Lang};
use crate::money;
use crate::rollover::Draft;

/// The draft's text. `source` is the old plan's file name, `old_year` its year.
pub fn text(d: &Draft, source: &str, old_year: i32, full_budget: bool, lang: Lang) -> String {
    let cur = &d.plan.currency;
    let amount = |x| money::format_money(x, cur, lang);
    let source = source.replace(['\n', '\r'], " ");
    let body = super::plan_toml::plan(&d.plan);
    let mut out = String::new();
    let header = [
        i18n::output::rollover_header(lang, d.plan.year, &source, old_year),
        i18n::output::rollover_counts(lang, d.carried.len(), d.closed.len()),
        i18n::output::rollover_budget(
            lang,
            &amount(d.carried.iter().map(|c| c.carried).sum()),
            full_budget,
        ),
        i18n::output::rollover_to_do(lang).to_string(),
    ];
    for line in header {
        let _ = writeln!(out, "{line}");
    }
    // Activity tables, in order: `[[activity]]` followed by `id = …`.
    let mut carried = d.carried.iter();
    for line in body.lines() {
        if line == "[[activity]]"
            && let Some(c) = carried.next()
        {
            let _ = writeln!(
                out,
                "{}",
                i18n::output::rollover_carried(
                    lang,
                    &source,
                    old_year,
                    &c.id,
                    &amount(c.budget),
                    &amount(c.spent),
                    &amount(c.carried)
                )
            );
            if !c.unattributed.is_zero() && !full_budget {
                let _ = writeln!(
                    out,
                    "{}",
                    i18n::output::rollover_unattributed(lang, &amount(c.unattributed))
                );
            }
            if c.merged {
                let _ = writeln!(out, "{}", i18n::output::rollover_merged(lang));
            }
        }
        let _ = writeln!(out, "{line}");
    }
    if !d.closed.is_empty() {
        let _ = writeln!(
            out,
            "\n# {}",
            i18n::output::rollover_not_carried(lang, &source, old_year)
        );
        for c in &d.closed {
            let _ = writeln!(
                out,
                "{}",
                i18n::output::rollover_closed(
                    lang,
                    &c.id,
                    &c.title.replace(['\n', '\r'], " "),
                    c.status.label(lang),
                    &amount(c.budget),
                    &amount(c.spent)
                )
            );
        }
    }
    out
}

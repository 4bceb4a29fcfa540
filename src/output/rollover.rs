//! The rollover draft as TOML text: the plan writer's text, with comments
//! on where each carried activity came from and on what was left behind.

use std::fmt::Write as _;

use crate::i18n::Lang;
use crate::money;
use crate::rollover::Draft;

/// The draft's text. `source` is the old plan's file name, `old_year` its year.
pub fn text(d: &Draft, source: &str, old_year: i32, full_budget: bool, lang: Lang) -> String {
    let cur = &d.plan.currency;
    let amount = |x| money::format_money(x, cur, lang);
    let source = source.replace(['\n', '\r'], " ");
    let body = super::plan_toml::plan(&d.plan);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Fr => format!(
                "# Projet de plan {} établi par `ptba rollover` depuis {source} ({old_year}).\n\
                 # Activités reprises : {} ; réalisées ou abandonnées, non reprises : {}.\n\
                 # Budget repris : {} — {}.\n\
                 # À faire : fixer les trimestres (quarters) et les dates, revoir budgets et cibles.",
                d.plan.year,
                d.carried.len(),
                d.closed.len(),
                if full_budget {
                    "budget entier (--full-budget)"
                } else {
                    "budget restant par source (budget − dépensé, jamais négatif)"
                },
                amount(d.carried.iter().map(|c| c.carried).sum()),
            ),
            Lang::En => format!(
                "# Draft plan {} made by `ptba rollover` from {source} ({old_year}).\n\
                 # Activities carried over: {}; done or cancelled, left behind: {}.\n\
                 # Budget carried: {} — {}.\n\
                 # To do: set the quarters and dates, review budgets and targets.",
                d.plan.year,
                d.carried.len(),
                d.closed.len(),
                if full_budget {
                    "whole budget (--full-budget)"
                } else {
                    "remaining budget per source (budget − spent, never negative)"
                },
                amount(d.carried.iter().map(|c| c.carried).sum()),
            ),
        }
    );
    // Activity tables, in order: `[[activity]]` followed by `id = …`.
    let mut carried = d.carried.iter();
    for line in body.lines() {
        if line == "[[activity]]"
            && let Some(c) = carried.next()
        {
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Fr => format!(
                        "# Reprise de {source} ({old_year}), activité {} : budget {}, dépensé {}, repris {}.",
                        c.id,
                        amount(c.budget),
                        amount(c.spent),
                        amount(c.carried)
                    ),
                    Lang::En => format!(
                        "# Carried over from {source} ({old_year}), activity {}: budget {}, spent {}, carried {}.",
                        c.id,
                        amount(c.budget),
                        amount(c.spent),
                        amount(c.carried)
                    ),
                }
            );
            if !c.unattributed.is_zero() && !full_budget {
                let _ = writeln!(
                    out,
                    "{}",
                    match lang {
                        Lang::Fr => format!(
                            "# Dont {} dépensés sans source (non ventilés) : non déduits, la source n'étant pas connue — à répartir.",
                            amount(c.unattributed)
                        ),
                        Lang::En => format!(
                            "# Of which {} spent without a source (unattributed): not deducted, the source being unknown — to apportion.",
                            amount(c.unattributed)
                        ),
                    }
                );
            }
            if c.merged {
                let _ = writeln!(
                    out,
                    "{}",
                    lang.pick(
                        "# Plusieurs lignes d'une même source regroupées en une (catégories à reprendre).",
                        "# Several lines of one source merged into one (categories to set again)."
                    )
                );
            }
        }
        let _ = writeln!(out, "{line}");
    }
    if !d.closed.is_empty() {
        let _ = writeln!(
            out,
            "\n# {}",
            match lang {
                Lang::Fr => format!("Non reprises de {source} ({old_year}) :"),
                Lang::En => format!("Not carried over from {source} ({old_year}):"),
            }
        );
        for c in &d.closed {
            let _ = writeln!(
                out,
                "#   {} « {} » — {} ; budget {}, {} {}",
                c.id,
                c.title.replace(['\n', '\r'], " "),
                c.status.label(lang),
                amount(c.budget),
                lang.pick("dépensé", "spent"),
                amount(c.spent)
            );
        }
    }
    out
}

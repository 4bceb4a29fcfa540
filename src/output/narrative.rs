//! The narrative paragraph of the review workshop (SPEC §6b): a few
//! sentences made of the figures only — as-of date, physical and financial
//! rates, the axes with the highest and the lowest physical rate, the
//! funding gap, the late and the cancelled activities. No adjective the
//! figures do not support. The same text in `summary` (after the table), on
//! the report's Synthèse and in the dashboard.

use crate::output::labels::group_title;
use rust_decimal::Decimal;

use crate::compute::{ActivityState, Summary};
use crate::i18n::Lang;
use crate::model::Project;
use crate::money;
use crate::output::summary::format_date;

/// The activities late on `as_of` ([`crate::compute::late`], the one rule),
/// over every plan; none without a date.
pub fn late_count(
    projects: &[Project],
    states: &[Vec<ActivityState>],
    as_of: Option<chrono::NaiveDate>,
) -> usize {
    let Some(d) = as_of else { return 0 };
    projects
        .iter()
        .zip(states)
        .map(|(p, sts)| {
            p.plan
                .activities
                .iter()
                .zip(sts)
                .filter(|(a, st)| crate::compute::late(p.plan.year, a, st, d))
                .count()
        })
        .sum()
}

/// "A1", "A1 et A2", "A1, A2 et A3".
fn join(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.pick("et", "and")),
    }
}

/// The paragraph, from a summary grouped by axis and the count of late
/// activities. Rates are shown with `precision` decimals, "—" when undefined.
pub fn paragraph(by_axis: &Summary, late: usize, lang: Lang, precision: u32) -> String {
    let t = &by_axis.total;
    let r = t.rates();
    let rate = |x: Option<Decimal>| money::format_rate(x, precision, lang);
    let money = |x: Decimal| money::format_money(x, &by_axis.currency, lang);
    let mut out: Vec<String> = Vec::new();

    // 1. The rates.
    let when = match (by_axis.as_of, lang) {
        (Some(d), Lang::Fr) => format!("Au {}", format_date(d, lang)),
        (Some(d), Lang::En) => format!("As of {}", format_date(d, lang)),
        (None, Lang::Fr) => "Sans enregistrement de suivi".to_string(),
        (None, Lang::En) => "With no progress recorded".to_string(),
    };
    let physical = match r.physical {
        Some(_) => rate(r.physical),
        None => format!(
            "{} {}",
            rate(None),
            lang.pick(
                "(aucune activité non abandonnée)",
                "(no activity left that is not cancelled)"
            )
        ),
    };
    let financial = match r.financial {
        Some(_) => rate(r.financial),
        None => format!(
            "{} {}",
            rate(None),
            lang.pick("(budget nul)", "(zero budget)")
        ),
    };
    out.push(match lang {
        Lang::Fr => format!(
            "{when}, le taux d'exécution physique est de {physical} et le taux d'exécution financière de {financial}."
        ),
        Lang::En => format!(
            "{when}, the physical execution rate is {physical} and the financial execution rate {financial}."
        ),
    });

    // 2. The axes with the highest and the lowest physical rate.
    let rated: Vec<(&str, String, Decimal)> = by_axis
        .groups
        .iter()
        .filter_map(|g| {
            let physical = g.figures.rates().physical?;
            Some((g.id.as_str(), group_title(g, lang), physical))
        })
        .collect();
    if rated.len() >= 2 {
        let max = rated.iter().map(|x| x.2).max().unwrap_or_default();
        let min = rated.iter().map(|x| x.2).min().unwrap_or_default();
        let names = |v: Decimal| -> Vec<String> {
            rated
                .iter()
                .filter(|x| x.2 == v)
                .map(|(id, title, _)| {
                    if title.is_empty() {
                        id.to_string()
                    } else {
                        format!("{id} ({title})")
                    }
                })
                .collect()
        };
        let (top, bottom) = (names(max), names(min));
        let axis = |n: &[String]| -> String {
            match (lang, n.len()) {
                (Lang::Fr, 1) => format!("l'axe {}", n[0]),
                (Lang::Fr, _) => format!("les axes {}", join(n, lang)),
                (Lang::En, 1) => format!("axis {}", n[0]),
                (Lang::En, _) => format!("axes {}", join(n, lang)),
            }
        };
        let cap = |s: String| -> String {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        };
        out.push(if max == min {
            match lang {
                Lang::Fr => format!(
                    "Les {} axes ont le même taux d'exécution physique ({}).",
                    rated.len(),
                    rate(Some(max))
                ),
                Lang::En => format!(
                    "The {} axes have the same physical execution rate ({}).",
                    rated.len(),
                    rate(Some(max))
                ),
            }
        } else {
            match lang {
                Lang::Fr => format!(
                    "{} {} le taux d'exécution physique le plus élevé ({}), {} le plus bas ({}).",
                    cap(axis(&top)),
                    if top.len() == 1 { "a" } else { "ont" },
                    rate(Some(max)),
                    axis(&bottom),
                    rate(Some(min))
                ),
                Lang::En => format!(
                    "{} {} the highest physical execution rate ({}), {} the lowest ({}).",
                    cap(axis(&top)),
                    if top.len() == 1 { "has" } else { "have" },
                    rate(Some(max)),
                    axis(&bottom),
                    rate(Some(min))
                ),
            }
        });
    }

    // 3. The funding gap (against the budget of the activities kept).
    if !t.active_budget.is_zero() {
        out.push(if t.unfunded.is_zero() {
            lang.pick(
                "Aucun financement n'est à rechercher.",
                "No funding remains to be found.",
            )
            .to_string()
        } else {
            let share = rate(money::percent(t.unfunded, t.active_budget));
            match lang {
                Lang::Fr => format!(
                    "Le financement à rechercher s'élève à {}, soit {share} du budget.",
                    money(t.unfunded)
                ),
                Lang::En => format!(
                    "Funding still to be found amounts to {}, {share} of the budget.",
                    money(t.unfunded)
                ),
            }
        });
    }

    // 4. Late activities.
    out.push(match (lang, late) {
        (Lang::Fr, 0) => "Aucune activité n'est en retard sur le chronogramme.".to_string(),
        (Lang::Fr, 1) => "1 activité est en retard sur le chronogramme.".to_string(),
        (Lang::Fr, n) => format!("{n} activités sont en retard sur le chronogramme."),
        (Lang::En, 0) => "No activity is behind schedule.".to_string(),
        (Lang::En, 1) => "1 activity is behind schedule.".to_string(),
        (Lang::En, n) => format!("{n} activities are behind schedule."),
    });

    // 5. Cancelled activities.
    if t.cancelled > 0 {
        let n = t.cancelled;
        let mut s = match (lang, n) {
            (Lang::Fr, 1) => {
                "1 activité a été abandonnée : elle sort des taux d'exécution physique et de réalisation"
                    .to_string()
            }
            (Lang::Fr, n) => format!(
                "{n} activités ont été abandonnées : elles sortent des taux d'exécution physique et de réalisation"
            ),
            (Lang::En, 1) => {
                "1 activity was cancelled: it leaves the physical execution and completion rates"
                    .to_string()
            }
            (Lang::En, n) => format!(
                "{n} activities were cancelled: they leave the physical execution and completion rates"
            ),
        };
        if !t.cancelled_budget.is_zero() {
            s.push_str(&match lang {
                Lang::Fr => format!(
                    ", et {} de budget sans aucune dépense ni engagement sont mis à part",
                    money(t.cancelled_budget)
                ),
                Lang::En => format!(
                    ", and {} of budget with nothing spent or committed is set apart",
                    money(t.cancelled_budget)
                ),
            });
        }
        s.push('.');
        out.push(s);
    }
    out.join(" ")
}

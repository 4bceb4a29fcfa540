//! The narrative paragraph of the review workshop (SPEC §6b): a few
//! sentences made of the figures only — as-of date, physical and financial
//! rates, the axes with the highest and the lowest physical rate, the
//! funding gap, the late and the cancelled activities. No adjective the
//! figures do not support. The same text in `summary` (after the table), on
//! the report's Synthèse and in the dashboard.

use rust_decimal::Decimal;

use crate::compute::{ActivityState, Summary};
use crate::i18n::{self, Lang};
use crate::model::Project;
use crate::money;
use crate::output::labels::group_title;
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
        [init @ .., last] => format!("{} {} {last}", init.join(", "), i18n::output::and(lang)),
    }
}

/// What every sentence of the paragraph reads: the summary by axis, the
/// language and the precision of the rates.
struct Writer<'a> {
    by_axis: &'a Summary,
    lang: Lang,
    precision: u32,
}

impl Writer<'_> {
    fn rate(&self, x: Option<Decimal>) -> String {
        money::format_rate(x, self.precision, self.lang)
    }

    fn money(&self, x: Decimal) -> String {
        money::format_money(x, &self.by_axis.currency, self.lang)
    }

    /// First sentence: the rates.
    fn rates(&self) -> String {
        let lang = self.lang;
        let r = self.by_axis.total.rates();
        let when = match self.by_axis.as_of {
            Some(d) => i18n::output::narrative_as_of(lang, &format_date(d, lang)),
            None => i18n::output::narrative_no_record(lang).to_string(),
        };
        let physical = match r.physical {
            Some(_) => self.rate(r.physical),
            None => format!(
                "{} {}",
                self.rate(None),
                i18n::output::narrative_no_active_activity(lang)
            ),
        };
        let financial = match r.financial {
            Some(_) => self.rate(r.financial),
            None => format!(
                "{} {}",
                self.rate(None),
                i18n::output::narrative_zero_budget(lang)
            ),
        };
        i18n::output::narrative_rates(lang, &when, &physical, &financial)
    }

    /// Second sentence: the axes with the highest and the lowest physical
    /// rate; `None` with fewer than two axes rated.
    fn axes(&self) -> Option<String> {
        let lang = self.lang;
        let rated: Vec<(&str, String, Decimal)> = self
            .by_axis
            .groups
            .iter()
            .filter_map(|g| {
                let physical = g.figures.rates().physical?;
                Some((g.id.as_str(), group_title(g, lang), physical))
            })
            .collect();
        if rated.len() < 2 {
            return None;
        }
        let max = rated.iter().map(|x| x.2).max().unwrap_or_default();
        let min = rated.iter().map(|x| x.2).min().unwrap_or_default();
        if max == min {
            return Some(i18n::output::narrative_axes_same_rate(
                lang,
                rated.len(),
                &self.rate(Some(max)),
            ));
        }
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
        let axis = |n: &[String]| i18n::output::narrative_axes(lang, n.len(), &join(n, lang));
        Some(i18n::output::narrative_axes_highest_lowest(
            lang,
            &capitalized(&axis(&top)),
            top.len(),
            &self.rate(Some(max)),
            &axis(&bottom),
            &self.rate(Some(min)),
        ))
    }

    /// Third sentence: the funding gap (against the budget of the
    /// activities kept); `None` without such a budget.
    fn gap(&self) -> Option<String> {
        let t = &self.by_axis.total;
        if t.active_budget.is_zero() {
            return None;
        }
        Some(if t.unfunded.is_zero() {
            i18n::output::narrative_no_gap(self.lang).to_string()
        } else {
            let share = self.rate(money::percent(t.unfunded, t.active_budget));
            i18n::output::narrative_gap(self.lang, &self.money(t.unfunded), &share)
        })
    }

    /// Fourth sentence: the late activities.
    fn late(&self, late: usize) -> String {
        if late == 0 {
            i18n::output::no_late_activity(self.lang).to_string()
        } else {
            i18n::output::narrative_late(self.lang, late)
        }
    }

    /// Fifth sentence: the cancelled activities; `None` without any.
    fn cancelled(&self) -> Option<String> {
        let t = &self.by_axis.total;
        if t.cancelled == 0 {
            return None;
        }
        let mut s = i18n::output::narrative_cancelled(self.lang, t.cancelled);
        if !t.cancelled_budget.is_zero() {
            s.push_str(&i18n::output::narrative_set_apart(
                self.lang,
                &self.money(t.cancelled_budget),
            ));
        }
        s.push('.');
        Some(s)
    }
}

/// The text with its first letter in capitals.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The paragraph, from a summary grouped by axis and the count of late
/// activities. Rates are shown with `precision` decimals, "—" when undefined.
pub fn paragraph(by_axis: &Summary, late: usize, lang: Lang, precision: u32) -> String {
    let w = Writer {
        by_axis,
        lang,
        precision,
    };
    let mut out = vec![w.rates()];
    out.extend(w.axes());
    out.extend(w.gap());
    out.push(w.late(late));
    out.extend(w.cancelled());
    out.join(" ")
}

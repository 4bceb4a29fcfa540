//! The progress log: each record against the plan, and the cumulative
//! figures of each activity walked in date order.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Checker;
use crate::diagnostic::Code;
use crate::i18n;
use crate::model::{Activity, Index, Indicator, Names, Plan, Record, Status};
use crate::money;

impl Checker {
    /// E031: a correction takes a cumulative spent or committed below zero,
    /// of the activity (`src` = `None`) or of one of its sources.
    pub(super) fn negative_cumulative(
        &mut self,
        plan: &Plan,
        a: &Activity,
        r: &Record,
        x: Decimal,
        is_spent: bool,
        src: Option<Option<usize>>,
    ) {
        let lang = self.lang;
        let what = if is_spent {
            i18n::check::what_spent(lang)
        } else {
            i18n::check::what_committed(lang)
        };
        let whose = match src {
            None => i18n::check::cumulative_of_activity(lang, &a.id),
            Some(Some(si)) => i18n::check::cumulative_of_source(lang, &plan.sources[si].id, &a.id),
            Some(None) => i18n::check::cumulative_unattributed(lang, &a.id),
        };
        let loc = if is_spent {
            &r.spent_loc
        } else {
            &r.committed_loc
        };
        let shown = money::format_money(x, &plan.currency, lang);
        self.err(
            Code::NegativeCumulative,
            loc,
            i18n::check::negative_cumulative(lang, what, &whose, r.date, &shown),
        )
        .help = Some(i18n::check::negative_cumulative_help(lang).to_string());
    }

    pub(super) fn records(&mut self, plan: &Plan, index: &Index<'_>, records: &[Record]) {
        // Each activity's history is walked in date order (then log order),
        // as computed; activity after activity, so that the work on one
        // stays together (the log of a national plan is in no useful order).
        let order = self.record_order(plan, index, records);
        let mut acc: Vec<Acc> = Vec::new();
        acc.resize_with(plan.activities.len(), Acc::default);
        let walk = Walk::new(plan, index, records);
        // The action and axis of the activity whose records are walked.
        let mut levels: Option<(usize, Option<usize>, Option<usize>)> = None;
        for (ai, _, i) in order {
            let (ai, r) = (ai as usize, &records[i as usize]);
            let a = &plan.activities[ai];
            self.record_fields(plan, r);
            self.record_source(&walk, ai, a, r);
            self.record_category(a, r);
            let (action, axis) = match levels {
                Some((at, action, axis)) if at == ai => (action, axis),
                _ if r.indicators.is_empty() => (None, None),
                _ => {
                    let action = index.actions.get(a.action.as_str()).copied();
                    let axis =
                        action.and_then(|x| index.axes.get(plan.actions[x].axis.as_str()).copied());
                    levels = Some((ai, action, axis));
                    (action, axis)
                }
            };
            self.record_indicators(&walk, ai, a, r, action, axis);
            self.record_flows(&walk, &mut acc[ai], ai, a, r);
            self.record_warnings(plan, &mut acc[ai], walk.budgets[ai], a, r);
        }
    }

    /// The records of known activities, as (activity, date, position in the
    /// log), sorted; E020 for each record of an unknown activity.
    fn record_order(
        &mut self,
        plan: &Plan,
        index: &Index<'_>,
        records: &[Record],
    ) -> Vec<(u32, NaiveDate, u32)> {
        let lang = self.lang;
        let mut order: Vec<(u32, NaiveDate, u32)> = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            if r.activity.is_empty() {
                continue;
            }
            let Some(&ai) = index.activities.get(r.activity.as_str()) else {
                let help = self.suggest(&r.activity, plan.activities.iter().map(|a| a.id.as_str()));
                self.err(
                    Code::UnknownActivity,
                    &r.activity_loc,
                    i18n::check::unknown_activity(lang, &r.activity),
                )
                .help = help;
                continue;
            };
            order.push((ai as u32, r.date, i as u32));
        }
        order.sort_unstable();
        order
    }

    /// The fields of one record on their own: date, correction note,
    /// progress, decimals.
    fn record_fields(&mut self, plan: &Plan, r: &Record) {
        let lang = self.lang;
        let cur = &plan.currency;
        if r.date != NaiveDate::MAX && plan.year != 0 && r.date.year() != plan.year {
            self.warn(
                Code::RecordOutsideYear,
                &r.date_loc,
                i18n::check::record_outside_year(lang, r.date, plan.year),
            );
        }
        if r.correction && r.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            self.err(
                Code::CorrectionNote,
                &r.loc,
                i18n::check::correction_without_note(lang).to_string(),
            );
        }
        if let Some(p) = r.progress
            && (p < Decimal::ZERO || p > Decimal::ONE_HUNDRED)
        {
            self.err(
                Code::ProgressRange,
                &r.progress_loc,
                i18n::check::progress_out_of_range(lang, money::raw(p)),
            );
        }
        if r.status == Some(Status::Done)
            && let Some(p) = r.progress
            && p < Decimal::ONE_HUNDRED
        {
            self.warn(
                Code::DoneBelow100,
                &r.progress_loc,
                i18n::check::done_below_100(lang, money::raw(p)),
            );
        }
        self.decimals(r.spent, cur, &r.spent_loc, i18n::check::what_spent(lang));
        self.decimals(
            r.committed,
            cur,
            &r.committed_loc,
            i18n::check::what_committed(lang),
        );
    }

    /// The record's source: known, funding the activity, or missing where
    /// the activity has several.
    fn record_source(&mut self, w: &Walk<'_>, ai: usize, a: &Activity, r: &Record) {
        let (lang, plan, index) = (self.lang, w.plan, w.index);
        if let Some(s) = &r.source {
            if !index.sources.contains_key(s.as_str()) {
                let help = self.suggest(s, plan.sources.iter().map(|x| x.id.as_str()));
                self.err(
                    Code::UnknownSource,
                    &r.source_loc,
                    i18n::check::unknown_record_source(lang, s),
                )
                .help = help;
            } else if !w.names.source(ai, a, s) {
                self.warn(
                    Code::SourceNotFunding,
                    &r.source_loc,
                    i18n::check::source_not_funding(lang, s, &a.id),
                );
            }
        } else if (r.spent.is_some_and(|x| !x.is_zero())
            || r.committed.is_some_and(|x| !x.is_zero()))
            && w.single[ai].is_none()
            && !a.budget.is_empty()
        {
            self.warn(
                Code::Unattributed,
                &r.loc,
                i18n::check::unattributed_spending(lang, &a.id),
            )
            .help = Some(i18n::check::unattributed_spending_help(lang));
        }
    }

    /// The record's category: one of the activity's budget lines'.
    fn record_category(&mut self, a: &Activity, r: &Record) {
        let lang = self.lang;
        if let Some(c) = &r.category
            && !a
                .budget
                .iter()
                .any(|l| l.category.as_deref() == Some(c.as_str()))
        {
            let mut known: Vec<&str> = a
                .budget
                .iter()
                .filter_map(|l| l.category.as_deref())
                .collect();
            known.sort_unstable();
            known.dedup();
            self.warn(
                Code::UnknownCategory,
                &r.category_loc,
                i18n::check::unknown_category(lang, c, &a.id),
            )
            .help = Some(if known.is_empty() {
                i18n::check::no_category_help(lang, &a.id)
            } else {
                i18n::check::categories_help(lang, known.join(", "))
            });
        }
    }

    /// The record's indicators: the activity's, its action's or its axis'.
    fn record_indicators(
        &mut self,
        w: &Walk<'_>,
        ai: usize,
        a: &Activity,
        r: &Record,
        action: Option<usize>,
        axis: Option<usize>,
    ) {
        let (lang, plan) = (self.lang, w.plan);
        let has_indicator = |level: u8, i: usize, list: &[Indicator], name: &str| {
            w.names.indicator(level, i, list, name)
        };
        for iv in &r.indicators {
            let name = iv.name.as_str();
            let known = has_indicator(2, ai, &a.indicators, name)
                || action.is_some_and(|x| has_indicator(1, x, &plan.actions[x].indicators, name))
                || axis.is_some_and(|x| has_indicator(0, x, &plan.axes[x].indicators, name));
            if !known {
                let help = self.suggest(&iv.name, a.indicators.iter().map(|x| x.name.as_str()));
                self.err(
                    Code::UnknownIndicator,
                    &iv.loc,
                    i18n::check::unknown_indicator(lang, &a.id, &iv.name),
                )
                .help = help;
            }
        }
    }

    /// Adds the record to the activity's cumulative figures; E031 when a
    /// correction takes one below zero.
    fn record_flows(&mut self, w: &Walk<'_>, st: &mut Acc, ai: usize, a: &Activity, r: &Record) {
        let (plan, index, single, track_sources) = (w.plan, w.index, &w.single, w.track_sources);
        if r.status.is_some() {
            st.status = r.status;
        }
        st.spent += r.spent.unwrap_or_default();
        st.committed += r.committed.unwrap_or_default();
        if track_sources && (r.spent.is_some() || r.committed.is_some()) {
            // Flows are summed per source (the record's, else the
            // activity's only one; `None`: unattributed); only a
            // correction can take a cumulative below zero.
            let source = match &r.source {
                Some(s) => index.sources.get(s.as_str()).copied(),
                None => single[ai].and_then(|s| index.sources.get(s).copied()),
            };
            let slot = st.by_source.entry(source).or_default();
            slot.0 += r.spent.unwrap_or_default();
            slot.1 += r.committed.unwrap_or_default();
            let (src_spent, src_committed) = *slot;
            let (act_spent, act_committed) = (st.spent, st.committed);
            if r.correction {
                let checks = [
                    (act_spent, true, None),
                    (act_committed, false, None),
                    (src_spent, true, Some(source)),
                    (src_committed, false, Some(source)),
                ];
                for (x, is_spent, src) in checks {
                    if x >= Decimal::ZERO {
                        continue;
                    }
                    // One error per flow: the activity's, else the source's.
                    if src.is_some()
                        && ((is_spent && act_spent < Decimal::ZERO)
                            || (!is_spent && act_committed < Decimal::ZERO))
                    {
                        continue;
                    }
                    self.negative_cumulative(plan, a, r, x, is_spent, src);
                }
            }
        }
    }

    /// Warnings on the cumulative figures after a spending: on a cancelled
    /// activity, above the budget, above the committed amount (once each).
    fn record_warnings(
        &mut self,
        plan: &Plan,
        st: &mut Acc,
        budget: Decimal,
        a: &Activity,
        r: &Record,
    ) {
        let lang = self.lang;
        let cur = &plan.currency;
        let spent_now = r.spent.is_some_and(|x| x > Decimal::ZERO);
        let (status, spent, committed) = (st.status, st.spent, st.committed);
        let over = spent_now && !st.warned_over && spent > budget;
        let paid = spent_now && !st.warned_paid && !committed.is_zero() && spent > committed;
        st.warned_over |= over;
        st.warned_paid |= paid;
        if spent_now && status == Some(Status::Cancelled) {
            self.warn(
                Code::SpentOnCancelled,
                &r.spent_loc,
                i18n::check::spent_on_cancelled(lang, &a.id),
            );
        }
        if over {
            let (s, b) = (
                money::format_money(spent, cur, lang),
                money::format_money(budget, cur, lang),
            );
            self.warn(
                Code::Overspent,
                &r.spent_loc,
                i18n::check::overspent(lang, &a.id, &s, &b),
            );
        }
        if paid {
            let (s, c) = (
                money::format_money(spent, cur, lang),
                money::format_money(committed, cur, lang),
            );
            self.warn(
                Code::PaidAboveCommitted,
                &r.spent_loc,
                i18n::check::paid_above_committed(lang, &a.id, &s, &c),
            );
        }
    }
}

/// What the walk has summed so far for one activity.
#[derive(Default)]
struct Acc {
    status: Option<Status>,
    spent: Decimal,
    committed: Decimal,
    warned_over: bool,
    warned_paid: bool,
    /// Cumulative (spent, committed) per source index (`None`:
    /// unattributed), to refuse a correction that takes one below 0.
    by_source: rustc_hash::FxHashMap<Option<usize>, (Decimal, Decimal)>,
}

/// What the walk of the records needs of the plan, computed once.
struct Walk<'p> {
    plan: &'p Plan,
    index: &'p Index<'p>,
    /// Per activity, its only source if it has one.
    single: Vec<Option<&'p str>>,
    budgets: Vec<Decimal>,
    names: Names<'p>,
    /// Per-source sums are only needed to check corrections.
    track_sources: bool,
}

impl<'p> Walk<'p> {
    fn new(plan: &'p Plan, index: &'p Index<'p>, records: &[Record]) -> Self {
        // Per record, whether the activity is funded by a source and has an
        // indicator: long lists are hashed once (an activity of 30 000
        // budget lines and a log of 100 000 records took 40 s).
        Walk {
            plan,
            index,
            single: plan
                .activities
                .iter()
                .map(Activity::single_source)
                .collect(),
            budgets: plan.activities.iter().map(Activity::budget_total).collect(),
            names: Names::new(plan),
            track_sources: records.iter().any(|r| r.correction),
        }
    }
}

//! Which group(s) an activity counts in, and with what share.

use std::collections::hash_map::Entry;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

use super::figures::{Figures, Part};
use super::{ActivityState, GroupBy};
use crate::model::Index;
use crate::model::*;

/// One group of a summary: its id and figures. Where the plan names the
/// group (an axis, an action, a source, a responsible), `name` is that
/// name; the groups ptba makes up (quarters, activities without a
/// responsible, unattributed spending) have none, and output labels them.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub by: GroupBy,
    pub id: String,
    pub name: Option<String>,
    pub figures: Figures,
}

/// Group id of spending that no source can be attributed to.
pub const UNATTRIBUTED: &str = "";

/// Flows per source id (`None`: unattributed), for lookups by source.
fn by_source(list: &[(Option<String>, Decimal)]) -> HashMap<Option<&str>, Decimal> {
    let mut m = HashMap::default();
    for (s, x) in list {
        *m.entry(s.as_deref()).or_insert(Decimal::ZERO) += *x;
    }
    m
}

/// Groups in first-seen order, keyed by id.
#[derive(Default)]
pub(super) struct Groups {
    pub(super) order: Vec<Group>,
    by_id: HashMap<String, usize>,
}

impl Groups {
    pub(super) fn get(
        &mut self,
        by: GroupBy,
        id: &str,
        name: impl FnOnce() -> Option<String>,
    ) -> &mut Figures {
        let i = match self.by_id.get(id) {
            Some(&i) => i,
            None => {
                self.order.push(Group {
                    by,
                    id: id.to_string(),
                    name: name(),
                    figures: Figures::default(),
                });
                self.by_id.insert(id.to_string(), self.order.len() - 1);
                self.order.len() - 1
            }
        };
        &mut self.order[i].figures
    }
}

/// One activity being counted: its plan (and the plan's index), its state
/// as of the date, and the weighting of the physical rate.
#[derive(Clone, Copy)]
pub(super) struct Counted<'a> {
    pub(super) plan: &'a Plan,
    pub(super) index: &'a Index<'a>,
    pub(super) a: &'a Activity,
    pub(super) st: &'a ActivityState,
    pub(super) weighting: Weighting,
}

/// Adds one activity (its whole `part`) to the group(s) it belongs to.
pub(super) fn add_to_groups(groups: &mut Groups, by: GroupBy, c: Counted<'_>, part: &Part) {
    let Counted {
        plan,
        index,
        a,
        st,
        weighting,
    } = c;
    let action = index
        .actions
        .get(a.action.as_str())
        .map(|&i| &plan.actions[i]);
    match by {
        GroupBy::Axis => {
            let axis_id = action.map(|ac| ac.axis.as_str()).unwrap_or("");
            let title = || {
                Some(
                    index
                        .axes
                        .get(axis_id)
                        .map(|&i| plan.axes[i].title.clone())
                        .unwrap_or_default(),
                )
            };
            groups.get(by, axis_id, title).add(a, st, part, weighting);
        }
        GroupBy::Action => {
            let title = || Some(action.map(|ac| ac.title.clone()).unwrap_or_default());
            groups.get(by, &a.action, title).add(a, st, part, weighting);
        }
        GroupBy::Responsible => {
            let id = a.responsible.as_deref().unwrap_or("");
            groups
                .get(by, id, || a.responsible.clone())
                .add(a, st, part, weighting);
        }
        GroupBy::Quarter => {
            let mut qs = a.quarters.clone();
            qs.sort_unstable();
            qs.dedup();
            for q in qs {
                groups
                    .get(by, &format!("T{q}"), || None)
                    .add(a, st, part, weighting);
            }
        }
        GroupBy::Source => add_by_source(groups, c),
    }
}

/// Adds one activity to the groups of its sources: each source's lines
/// with the spending and commitments recorded against it, and what was
/// spent or committed from a source it has no line from, or from none, to
/// [`UNATTRIBUTED`].
fn add_by_source(groups: &mut Groups, c: Counted<'_>) {
    let Counted {
        plan,
        index,
        a,
        st,
        weighting,
    } = c;
    // The activity's budget per source, in the order of its
    // lines, and its flows per source: hashed, since a
    // hostile plan may give one activity 30 000 lines.
    // (source, budget, initial, some line has an initial)
    let mut budgets: Vec<(&str, Decimal, Decimal, bool)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for line in &a.budget {
        let (t, i) = (line.total(), line.initial.unwrap_or(line.total()));
        match seen.entry(line.source.as_str()) {
            Entry::Occupied(e) => {
                let b = &mut budgets[*e.get()];
                b.1 += t;
                b.2 += i;
                b.3 |= line.initial.is_some();
            }
            Entry::Vacant(e) => {
                e.insert(budgets.len());
                budgets.push((line.source.as_str(), t, i, line.initial.is_some()));
            }
        }
    }
    let spent = by_source(&st.spent_by_source);
    let committed = by_source(&st.committed_by_source);
    for &(id, budget, initial, has_initial) in &budgets {
        let Some(&si) = index.sources.get(id) else {
            continue;
        };
        let source = &plan.sources[si];
        let flow =
            |m: &HashMap<Option<&str>, Decimal>| m.get(&Some(id)).copied().unwrap_or_default();
        let mut part = Part {
            budget,
            initial,
            has_initial,
            ..Part::flows(flow(&spent), flow(&committed))
        };
        match source.status {
            FundingStatus::Secured => part.secured = budget,
            FundingStatus::Pledged => part.pledged = budget,
            FundingStatus::Unfunded => part.unfunded = budget,
        }
        groups
            .get(GroupBy::Source, &source.id, || Some(source.name.clone()))
            .add(a, st, &part, weighting);
    }
    // Spending from a source the activity has no line from,
    // or from no source at all.
    let elsewhere = |m: &HashMap<Option<&str>, Decimal>| -> Decimal {
        m.iter()
            .filter(|(s, _)| s.is_none_or(|s| !seen.contains_key(s)))
            .map(|(_, x)| *x)
            .sum()
    };
    let spent_elsewhere = elsewhere(&spent);
    let committed_elsewhere = elsewhere(&committed);
    if !spent_elsewhere.is_zero() || !committed_elsewhere.is_zero() {
        let part = Part::flows(spent_elsewhere, committed_elsewhere);
        groups
            .get(GroupBy::Source, UNATTRIBUTED, || None)
            .add(a, st, &part, weighting);
    }
}

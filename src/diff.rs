//! What changed between two versions of a plan (SPEC §5 `diff`): ids are
//! the key. Plain functions over the model: ids, titles and exact amounts,
//! no I/O, no display.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::{Action, Activity, Plan};

/// Which amounts of a plan a side of the comparison reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amounts {
    /// The budget (revised amounts).
    Revised,
    /// Each line's `initial` amount where it has one, else its budget.
    Initial,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy)]
pub struct Side<'p> {
    pub plan: &'p Plan,
    pub amounts: Amounts,
}

/// A kind of entry of the logical framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Source,
    Axis,
    Action,
    Activity,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Source => "source",
            Level::Axis => "axis",
            Level::Action => "action",
            Level::Activity => "activity",
        }
    }
}

/// A field of the plan itself (`[plan]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanField {
    Title,
    Organization,
    Year,
}

impl PlanField {
    pub fn key(self) -> &'static str {
        match self {
            PlanField::Title => "title",
            PlanField::Organization => "organization",
            PlanField::Year => "year",
        }
    }
}

/// One change, keyed by the entry's id.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The plan's own title, organisation or year changed (listed first:
    /// comparing the 2024 plan with the 2025 draft says so).
    Plan {
        field: PlanField,
        before: String,
        after: String,
    },
    /// In the new version only; `parent` is the action (activity) or axis
    /// (action); `budget` is the activity's budget.
    Added {
        level: Level,
        id: String,
        title: String,
        parent: Option<String>,
        budget: Decimal,
    },
    Removed {
        level: Level,
        id: String,
        title: String,
        parent: Option<String>,
        budget: Decimal,
    },
    /// Same id, another title (or source name).
    Retitled {
        level: Level,
        id: String,
        before: String,
        after: String,
    },
    /// An activity under another action, or an action under another axis.
    Moved {
        level: Level,
        id: String,
        before: String,
        after: String,
    },
    /// An activity's budget from one source changed (0 when the source was
    /// not, or is no longer, on it).
    Rebudgeted {
        id: String,
        source: String,
        before: Decimal,
        after: Decimal,
    },
    /// An activity's quarters, start or end changed.
    Rescheduled {
        id: String,
        quarters: (Vec<u8>, Vec<u8>),
        start: (Option<NaiveDate>, Option<NaiveDate>),
        end: (Option<NaiveDate>, Option<NaiveDate>),
    },
}

impl Change {
    /// What the change adds to the total budget.
    pub fn budget_delta(&self) -> Decimal {
        match self {
            Change::Added {
                level: Level::Activity,
                budget,
                ..
            } => *budget,
            Change::Removed {
                level: Level::Activity,
                budget,
                ..
            } => -*budget,
            Change::Rebudgeted { before, after, .. } => *after - *before,
            _ => Decimal::ZERO,
        }
    }
}

/// A group's budget before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub id: String,
    /// The new title, or the old one for a group that is gone.
    pub title: String,
    pub before: Decimal,
    pub after: Decimal,
}

impl GroupRow {
    pub fn difference(&self) -> Decimal {
        self.after - self.before
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub by_axis: Vec<GroupRow>,
    pub by_source: Vec<GroupRow>,
    pub total_before: Decimal,
    pub total_after: Decimal,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Σ of the changes' budget differences (= after − before).
    pub fn sum_of_differences(&self) -> Decimal {
        self.changes.iter().map(Change::budget_delta).sum()
    }
}

/// An activity's amounts per source, in the order the sources first appear.
fn by_source(a: &Activity, amounts: Amounts) -> Vec<(String, Decimal)> {
    let mut out: Vec<(String, Decimal)> = Vec::new();
    let mut pos: HashMap<&str, usize> = HashMap::new();
    for l in &a.budget {
        let x = match amounts {
            Amounts::Revised => l.total(),
            Amounts::Initial => l.initial.unwrap_or_else(|| l.total()),
        };
        match pos.get(l.source.as_str()) {
            Some(&i) => out[i].1 += x,
            None => {
                pos.insert(&l.source, out.len());
                out.push((l.source.clone(), x));
            }
        }
    }
    out
}

fn total(list: &[(String, Decimal)]) -> Decimal {
    list.iter().map(|(_, x)| *x).sum()
}

/// Rows by group, in the order they first appear, found by id in O(1)
/// (a plan may have thousands of activities and sources).
#[derive(Default)]
struct Rows {
    rows: Vec<GroupRow>,
    pos: HashMap<String, usize>,
}

impl Rows {
    /// Adds to the row `id` (created with `title` if new).
    fn add(&mut self, id: &str, title: &str, before: Decimal, after: Decimal) {
        match self.pos.get(id) {
            Some(&i) => {
                self.rows[i].before += before;
                self.rows[i].after += after;
            }
            None => {
                self.pos.insert(id.to_string(), self.rows.len());
                self.rows.push(GroupRow {
                    id: id.to_string(),
                    title: title.to_string(),
                    before,
                    after,
                });
            }
        }
    }

    fn retitle(&mut self, id: &str, title: &str) {
        match self.pos.get(id) {
            Some(&i) => self.rows[i].title = title.to_string(),
            None => self.add(id, title, Decimal::ZERO, Decimal::ZERO),
        }
    }
}

/// Entries by id.
fn by_id<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<&str, &T> {
    items.iter().map(|x| (id(x), x)).collect()
}

/// Compares two versions of a plan. The totals reconcile: the old total
/// plus the sum of the changes' differences is the new total (checked here;
/// a failure would be a bug of this function, never of the input).
pub fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let (o, n) = (old.plan, new.plan);
    let mut changes = plan_changes(o, n);
    // Sources, axes, actions: added, removed, retitled, moved.
    source_changes(o, n, &mut changes);
    axis_changes(o, n, &mut changes);
    action_changes(o, n, &mut changes);
    // Activities, and the budget by axis and by source.
    let (by_axis, by_src) = activity_changes(old, new, &mut changes);
    let (by_axis, by_src) = (by_axis.rows, by_src.rows);
    let total_before: Decimal = by_axis.iter().map(|r| r.before).sum();
    let total_after: Decimal = by_axis.iter().map(|r| r.after).sum();
    let d = Diff {
        changes,
        by_axis,
        by_source: by_src,
        total_before,
        total_after,
    };
    assert_eq!(
        d.total_before + d.sum_of_differences(),
        d.total_after,
        "diff: the totals do not reconcile"
    );
    assert_eq!(
        d.by_source.iter().map(|r| r.after).sum::<Decimal>(),
        d.total_after
    );
    d
}

/// The plan's title, organisation and year, where they differ. A year of 0
/// is a plan without year, shown empty.
fn plan_changes(o: &Plan, n: &Plan) -> Vec<Change> {
    let year = |y: i32| if y == 0 { String::new() } else { y.to_string() };
    [
        (PlanField::Title, o.title.clone(), n.title.clone()),
        (
            PlanField::Organization,
            o.organization.clone().unwrap_or_default(),
            n.organization.clone().unwrap_or_default(),
        ),
        (PlanField::Year, year(o.year), year(n.year)),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(field, before, after)| Change::Plan {
        field,
        before,
        after,
    })
    .collect()
}

/// Sources removed, renamed, added.
fn source_changes(o: &Plan, n: &Plan, changes: &mut Vec<Change>) {
    let (o_sources, n_sources) = (by_id(&o.sources, |x| &x.id), by_id(&n.sources, |x| &x.id));
    for s in &o.sources {
        match n_sources.get(s.id.as_str()) {
            None => changes.push(Change::Removed {
                level: Level::Source,
                id: s.id.clone(),
                title: s.name.clone(),
                parent: None,
                budget: Decimal::ZERO,
            }),
            Some(x) if x.name != s.name => changes.push(Change::Retitled {
                level: Level::Source,
                id: s.id.clone(),
                before: s.name.clone(),
                after: x.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for s in n
        .sources
        .iter()
        .filter(|s| !o_sources.contains_key(s.id.as_str()))
    {
        changes.push(Change::Added {
            level: Level::Source,
            id: s.id.clone(),
            title: s.name.clone(),
            parent: None,
            budget: Decimal::ZERO,
        });
    }
}

/// Axes removed, retitled, added.
fn axis_changes(o: &Plan, n: &Plan, changes: &mut Vec<Change>) {
    let (o_axes, n_axes) = (by_id(&o.axes, |x| &x.id), by_id(&n.axes, |x| &x.id));
    for a in &o.axes {
        match n_axes.get(a.id.as_str()) {
            None => changes.push(Change::Removed {
                level: Level::Axis,
                id: a.id.clone(),
                title: a.title.clone(),
                parent: None,
                budget: Decimal::ZERO,
            }),
            Some(x) if x.title != a.title => changes.push(Change::Retitled {
                level: Level::Axis,
                id: a.id.clone(),
                before: a.title.clone(),
                after: x.title.clone(),
            }),
            Some(_) => {}
        }
    }
    for a in n
        .axes
        .iter()
        .filter(|a| !o_axes.contains_key(a.id.as_str()))
    {
        changes.push(Change::Added {
            level: Level::Axis,
            id: a.id.clone(),
            title: a.title.clone(),
            parent: None,
            budget: Decimal::ZERO,
        });
    }
}

/// Actions removed, moved to another axis, retitled, added.
fn action_changes(o: &Plan, n: &Plan, changes: &mut Vec<Change>) {
    let (o_actions, n_actions) = (by_id(&o.actions, |x| &x.id), by_id(&n.actions, |x| &x.id));
    for a in &o.actions {
        match n_actions.get(a.id.as_str()) {
            None => changes.push(Change::Removed {
                level: Level::Action,
                id: a.id.clone(),
                title: a.title.clone(),
                parent: Some(a.axis.clone()),
                budget: Decimal::ZERO,
            }),
            Some(x) => {
                if x.axis != a.axis {
                    changes.push(Change::Moved {
                        level: Level::Action,
                        id: a.id.clone(),
                        before: a.axis.clone(),
                        after: x.axis.clone(),
                    });
                }
                if x.title != a.title {
                    changes.push(Change::Retitled {
                        level: Level::Action,
                        id: a.id.clone(),
                        before: a.title.clone(),
                        after: x.title.clone(),
                    });
                }
            }
        }
    }
    for a in n
        .actions
        .iter()
        .filter(|a| !o_actions.contains_key(a.id.as_str()))
    {
        changes.push(Change::Added {
            level: Level::Action,
            id: a.id.clone(),
            title: a.title.clone(),
            parent: Some(a.axis.clone()),
            budget: Decimal::ZERO,
        });
    }
}

/// The axis of an action, or "" for an unknown action.
fn axis_of(actions: &HashMap<&str, &Action>, action: &str) -> String {
    actions
        .get(action)
        .map_or(String::new(), |x| x.axis.clone())
}

/// The rows by axis and by source, every axis and source of either
/// version in, titled as in the new one.
fn group_rows(o: &Plan, n: &Plan) -> (Rows, Rows) {
    let mut by_axis = Rows::default();
    let mut by_src = Rows::default();
    for ax in &o.axes {
        by_axis.add(&ax.id, &ax.title, Decimal::ZERO, Decimal::ZERO);
    }
    for ax in &n.axes {
        by_axis.retitle(&ax.id, &ax.title);
    }
    for s in &o.sources {
        by_src.add(&s.id, &s.name, Decimal::ZERO, Decimal::ZERO);
    }
    for s in &n.sources {
        by_src.retitle(&s.id, &s.name);
    }
    (by_axis, by_src)
}

/// Activities removed, changed ([`activity_change`]) and added, in the
/// order of the old plan then the new ones; with the budget by axis and by
/// source of both versions.
fn activity_changes(old: Side<'_>, new: Side<'_>, changes: &mut Vec<Change>) -> (Rows, Rows) {
    let (o, n) = (old.plan, new.plan);
    let (o_actions, n_actions) = (by_id(&o.actions, |x| &x.id), by_id(&n.actions, |x| &x.id));
    let (o_acts, n_acts) = (
        by_id(&o.activities, |x| &x.id),
        by_id(&n.activities, |x| &x.id),
    );
    let (mut by_axis, mut by_src) = group_rows(o, n);
    for a in &o.activities {
        let before = by_source(a, old.amounts);
        for (s, x) in &before {
            by_src.add(s, s, *x, Decimal::ZERO);
        }
        by_axis.add(
            &axis_of(&o_actions, &a.action),
            "",
            total(&before),
            Decimal::ZERO,
        );
        match n_acts.get(a.id.as_str()) {
            None => changes.push(Change::Removed {
                level: Level::Activity,
                id: a.id.clone(),
                title: a.title.clone(),
                parent: Some(a.action.clone()),
                budget: total(&before),
            }),
            Some(b) => activity_change(a, b, &before, &by_source(b, new.amounts), changes),
        }
    }
    for b in &n.activities {
        let after = by_source(b, new.amounts);
        for (s, x) in &after {
            by_src.add(s, s, Decimal::ZERO, *x);
        }
        by_axis.add(
            &axis_of(&n_actions, &b.action),
            "",
            Decimal::ZERO,
            total(&after),
        );
        if !o_acts.contains_key(b.id.as_str()) {
            changes.push(Change::Added {
                level: Level::Activity,
                id: b.id.clone(),
                title: b.title.clone(),
                parent: Some(b.action.clone()),
                budget: total(&after),
            });
        }
    }
    (by_axis, by_src)
}

/// What changed on an activity kept: moved, retitled, rebudgeted (per
/// source), rescheduled. `before` and `after` are its amounts per source.
fn activity_change(
    a: &Activity,
    b: &Activity,
    before: &[(String, Decimal)],
    after: &[(String, Decimal)],
    changes: &mut Vec<Change>,
) {
    if b.action != a.action {
        changes.push(Change::Moved {
            level: Level::Activity,
            id: a.id.clone(),
            before: a.action.clone(),
            after: b.action.clone(),
        });
    }
    if b.title != a.title {
        changes.push(Change::Retitled {
            level: Level::Activity,
            id: a.id.clone(),
            before: a.title.clone(),
            after: b.title.clone(),
        });
    }
    // Sources in the order of the old lines, then the new ones.
    let bm: HashMap<&str, Decimal> = before.iter().map(|(s, x)| (s.as_str(), *x)).collect();
    let am: HashMap<&str, Decimal> = after.iter().map(|(s, x)| (s.as_str(), *x)).collect();
    let sources = before.iter().map(|(s, _)| s.as_str()).chain(
        after
            .iter()
            .map(|(s, _)| s.as_str())
            .filter(|s| !bm.contains_key(s)),
    );
    for s in sources {
        let amount = |m: &HashMap<&str, Decimal>| m.get(s).copied().unwrap_or_default();
        let (x, y) = (amount(&bm), amount(&am));
        if x != y {
            changes.push(Change::Rebudgeted {
                id: a.id.clone(),
                source: s.to_string(),
                before: x,
                after: y,
            });
        }
    }
    if a.quarters != b.quarters || a.start != b.start || a.end != b.end {
        changes.push(Change::Rescheduled {
            id: a.id.clone(),
            quarters: (a.quarters.clone(), b.quarters.clone()),
            start: (a.start, b.start),
            end: (a.end, b.end),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Groups keyed by id whose amounts moved, plus those that stayed (all rows
    /// are kept: the table shows the whole budget before and after).
    fn totals_by(rows: &[GroupRow]) -> BTreeMap<&str, (Decimal, Decimal)> {
        rows.iter()
            .map(|r| (r.id.as_str(), (r.before, r.after)))
            .collect()
    }
    use crate::model::{Action, Axis, BudgetLine, Source};

    fn line(source: &str, amount: i64, initial: Option<i64>) -> BudgetLine {
        BudgetLine {
            source: source.into(),
            amount: Some(Decimal::from(amount)),
            initial: initial.map(Decimal::from),
            ..Default::default()
        }
    }

    fn plan(activities: Vec<Activity>) -> Plan {
        Plan {
            sources: vec![Source {
                id: "ETAT".into(),
                name: "État".into(),
                ..Default::default()
            }],
            axes: vec![Axis {
                id: "A1".into(),
                title: "Axe".into(),
                ..Default::default()
            }],
            actions: vec![Action {
                id: "A1.1".into(),
                axis: "A1".into(),
                title: "Action".into(),
                ..Default::default()
            }],
            activities,
            ..Default::default()
        }
    }

    /// Random pairs of plans (activities kept, dropped, added, moved
    /// between actions and axes, lines re-budgeted, sources swapped): the
    /// totals reconcile (asserted inside `diff`) and the rows by axis and by
    /// source add up to the totals computed here from the plans directly.
    #[test]
    fn totals_reconcile_on_random_pairs() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let sources = ["ETAT", "BM", "UE"];
        let actions = ["A1.1", "A1.2", "A2.1"];
        for _ in 0..300 {
            let make = |next: &mut dyn FnMut(u64) -> u64| {
                let mut p = plan(Vec::new());
                p.sources = sources
                    .iter()
                    .map(|s| Source {
                        id: s.to_string(),
                        name: s.to_string(),
                        ..Default::default()
                    })
                    .collect();
                p.axes.push(Axis {
                    id: "A2".into(),
                    ..Default::default()
                });
                p.actions = actions
                    .iter()
                    .map(|a| Action {
                        id: a.to_string(),
                        axis: if next(3) == 0 { "A2" } else { &a[..2] }.to_string(),
                        ..Default::default()
                    })
                    .collect();
                for i in 0..8 {
                    if next(4) == 0 {
                        continue;
                    }
                    let budget = (0..next(4))
                        .map(|_| line(sources[next(3) as usize], next(1000) as i64 * 1000, None))
                        .collect();
                    p.activities.push(Activity {
                        id: format!("X{i}"),
                        action: actions[next(3) as usize].into(),
                        budget,
                        ..Default::default()
                    });
                }
                p
            };
            let (a, b) = (make(&mut next), make(&mut next));
            let total =
                |p: &Plan| -> Decimal { p.activities.iter().map(|x| x.budget_total()).sum() };
            let d = diff(
                Side {
                    plan: &a,
                    amounts: Amounts::Revised,
                },
                Side {
                    plan: &b,
                    amounts: Amounts::Revised,
                },
            );
            assert_eq!(d.total_before, total(&a));
            assert_eq!(d.total_after, total(&b));
            assert_eq!(d.total_before + d.sum_of_differences(), d.total_after);
            let sum = |rows: &[GroupRow]| -> (Decimal, Decimal) {
                rows.iter()
                    .fold((Decimal::ZERO, Decimal::ZERO), |(x, y), r| {
                        (x + r.before, y + r.after)
                    })
            };
            assert_eq!(sum(&d.by_axis), (total(&a), total(&b)));
            assert_eq!(sum(&d.by_source), (total(&a), total(&b)));
        }
    }

    #[test]
    fn initial_against_revised_of_one_plan() {
        let p = plan(vec![Activity {
            id: "X".into(),
            action: "A1.1".into(),
            budget: vec![line("ETAT", 700, Some(1000)), line("ETAT", 50, None)],
            ..Default::default()
        }]);
        let d = diff(
            Side {
                plan: &p,
                amounts: Amounts::Initial,
            },
            Side {
                plan: &p,
                amounts: Amounts::Revised,
            },
        );
        assert_eq!(
            d.changes,
            vec![Change::Rebudgeted {
                id: "X".into(),
                source: "ETAT".into(),
                before: Decimal::from(1050),
                after: Decimal::from(750),
            }]
        );
        assert_eq!(d.total_before, Decimal::from(1050));
        assert_eq!(d.total_after, Decimal::from(750));
        assert_eq!(d.sum_of_differences(), Decimal::from(-300));
        assert_eq!(
            totals_by(&d.by_source)["ETAT"],
            (Decimal::from(1050), Decimal::from(750))
        );
    }
}

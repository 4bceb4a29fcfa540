//! What changed between two versions of a plan (SPEC §5 `diff`): ids are
//! the key. Plain functions over the model: ids, titles and exact amounts,
//! no I/O, no display.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::{Activity, Plan};

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

/// One change, keyed by the entry's id.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
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
    for l in &a.budget {
        let x = match amounts {
            Amounts::Revised => l.total(),
            Amounts::Initial => l.initial.unwrap_or_else(|| l.total()),
        };
        match out.iter_mut().find(|(s, _)| *s == l.source) {
            Some(slot) => slot.1 += x,
            None => out.push((l.source.clone(), x)),
        }
    }
    out
}

fn total(list: &[(String, Decimal)]) -> Decimal {
    list.iter().map(|(_, x)| *x).sum()
}

fn amount_of(list: &[(String, Decimal)], source: &str) -> Decimal {
    list.iter()
        .filter(|(s, _)| s == source)
        .map(|(_, x)| *x)
        .sum()
}

/// Adds `x` to the row `id` (created with `title` if new).
fn add(rows: &mut Vec<GroupRow>, id: &str, title: &str, before: Decimal, after: Decimal) {
    match rows.iter_mut().find(|r| r.id == id) {
        Some(r) => {
            r.before += before;
            r.after += after;
        }
        None => rows.push(GroupRow {
            id: id.to_string(),
            title: title.to_string(),
            before,
            after,
        }),
    }
}

fn axis_of<'p>(plan: &'p Plan, action: &str) -> &'p str {
    plan.actions
        .iter()
        .find(|x| x.id == action)
        .map_or("", |x| x.axis.as_str())
}

/// Compares two versions of a plan. The totals reconcile: the old total
/// plus the sum of the changes' differences is the new total (checked here;
/// a failure would be a bug of this function, never of the input).
pub fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let (o, n) = (old.plan, new.plan);
    let mut changes = Vec::new();

    // Sources, axes, actions: added, removed, retitled, moved.
    for s in &o.sources {
        match n.sources.iter().find(|x| x.id == s.id) {
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
        .filter(|s| !o.sources.iter().any(|x| x.id == s.id))
    {
        changes.push(Change::Added {
            level: Level::Source,
            id: s.id.clone(),
            title: s.name.clone(),
            parent: None,
            budget: Decimal::ZERO,
        });
    }
    for a in &o.axes {
        match n.axes.iter().find(|x| x.id == a.id) {
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
        .filter(|a| !o.axes.iter().any(|x| x.id == a.id))
    {
        changes.push(Change::Added {
            level: Level::Axis,
            id: a.id.clone(),
            title: a.title.clone(),
            parent: None,
            budget: Decimal::ZERO,
        });
    }
    for a in &o.actions {
        match n.actions.iter().find(|x| x.id == a.id) {
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
        .filter(|a| !o.actions.iter().any(|x| x.id == a.id))
    {
        changes.push(Change::Added {
            level: Level::Action,
            id: a.id.clone(),
            title: a.title.clone(),
            parent: Some(a.axis.clone()),
            budget: Decimal::ZERO,
        });
    }

    // Activities.
    let mut by_axis: Vec<GroupRow> = Vec::new();
    let mut by_src: Vec<GroupRow> = Vec::new();
    for ax in &o.axes {
        add(
            &mut by_axis,
            &ax.id,
            &ax.title,
            Decimal::ZERO,
            Decimal::ZERO,
        );
    }
    for ax in &n.axes {
        match by_axis.iter_mut().find(|r| r.id == ax.id) {
            Some(r) => r.title = ax.title.clone(),
            None => add(
                &mut by_axis,
                &ax.id,
                &ax.title,
                Decimal::ZERO,
                Decimal::ZERO,
            ),
        }
    }
    for s in &o.sources {
        add(&mut by_src, &s.id, &s.name, Decimal::ZERO, Decimal::ZERO);
    }
    for s in &n.sources {
        match by_src.iter_mut().find(|r| r.id == s.id) {
            Some(r) => r.title = s.name.clone(),
            None => add(&mut by_src, &s.id, &s.name, Decimal::ZERO, Decimal::ZERO),
        }
    }
    for a in &o.activities {
        let before = by_source(a, old.amounts);
        for (s, x) in &before {
            add(&mut by_src, s, s, *x, Decimal::ZERO);
        }
        add(
            &mut by_axis,
            axis_of(o, &a.action),
            "",
            total(&before),
            Decimal::ZERO,
        );
        let Some(b) = n.activities.iter().find(|x| x.id == a.id) else {
            changes.push(Change::Removed {
                level: Level::Activity,
                id: a.id.clone(),
                title: a.title.clone(),
                parent: Some(a.action.clone()),
                budget: total(&before),
            });
            continue;
        };
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
        let after = by_source(b, new.amounts);
        let mut sources: Vec<&str> = before.iter().map(|(s, _)| s.as_str()).collect();
        for (s, _) in &after {
            if !sources.contains(&s.as_str()) {
                sources.push(s);
            }
        }
        for s in sources {
            let (x, y) = (amount_of(&before, s), amount_of(&after, s));
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
    for b in &n.activities {
        let after = by_source(b, new.amounts);
        for (s, x) in &after {
            add(&mut by_src, s, s, Decimal::ZERO, *x);
        }
        add(
            &mut by_axis,
            axis_of(n, &b.action),
            "",
            Decimal::ZERO,
            total(&after),
        );
        if !o.activities.iter().any(|x| x.id == b.id) {
            changes.push(Change::Added {
                level: Level::Activity,
                id: b.id.clone(),
                title: b.title.clone(),
                parent: Some(b.action.clone()),
                budget: total(&after),
            });
        }
    }
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

/// Groups keyed by id whose amounts moved, plus those that stayed (all rows
/// are kept: the table shows the whole budget before and after).
pub fn totals_by(rows: &[GroupRow]) -> BTreeMap<&str, (Decimal, Decimal)> {
    rows.iter()
        .map(|r| (r.id.as_str(), (r.before, r.after)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
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

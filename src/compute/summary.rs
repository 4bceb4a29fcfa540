//! The summary of one plan, or the consolidation of several.

use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

use super::figures::{Figures, whole};
use super::groups::{Counted, Group, Groups, add_to_groups};
use super::{ActivityState, GroupBy, Options, activity_states};
use crate::model::Index;
use crate::model::*;
use crate::money::Currency;

/// Everything `summary` and `report` show.
#[derive(Debug, Clone)]
pub struct Summary {
    pub currency: Currency,
    pub as_of: Option<NaiveDate>,
    pub weighting: Weighting,
    pub axes: usize,
    pub actions: usize,
    pub total: Figures,
    pub by: GroupBy,
    pub groups: Vec<Group>,
}

/// The as-of date shown without `--as-of`: the latest record's date, at
/// most the last day of the (latest) plan year (SPEC §4) — a record dated
/// 2062 in a 2025 plan must not make every summary read "au 31/03/2062".
pub fn default_as_of(projects: &[Project], last_date: Option<NaiveDate>) -> Option<NaiveDate> {
    let year_end = projects
        .iter()
        .map(|p| p.plan.year)
        .filter(|&y| y != 0)
        .max()
        .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31));
    match (last_date, year_end) {
        (Some(d), Some(end)) => Some(d.min(end)),
        (d, _) => d,
    }
}

/// The effective weighting: the option, else the first plan's, else per activity.
fn weighting_of(projects: &[Project], opts: &Options) -> Weighting {
    opts.weighting
        .or_else(|| projects.first().and_then(|p| p.plan.weighting))
        .unwrap_or_default()
}

/// Computes the summary of one plan, or the consolidation of several (groups
/// with the same id in different plans are merged). The caller checks that
/// the currencies agree.
pub fn summarize(projects: &[Project], by: GroupBy, opts: &Options) -> Summary {
    let states: Vec<Vec<ActivityState>> = projects
        .iter()
        .map(|p| activity_states(&p.plan, &p.records, opts.as_of))
        .collect();
    summarize_states(projects, &states, by, opts)
}

/// [`summarize`] from already computed activity states (one list per project).
pub fn summarize_states(
    projects: &[Project],
    states: &[Vec<ActivityState>],
    by: GroupBy,
    opts: &Options,
) -> Summary {
    let weighting = weighting_of(projects, opts);
    let mut total = Figures::default();
    let mut groups = Groups::default();
    let mut axis_ids: std::collections::HashSet<&str> = Default::default();
    let mut action_ids: std::collections::HashSet<&str> = Default::default();
    let mut last_date: Option<NaiveDate> = None;
    // Every axis and action appears, even without activities.
    for project in projects {
        let plan = &project.plan;
        if by == GroupBy::Axis {
            for ax in &plan.axes {
                groups.get(by, &ax.id, || Some(ax.title.clone()));
            }
        }
        if by == GroupBy::Action {
            for ac in &plan.actions {
                groups.get(by, &ac.id, || Some(ac.title.clone()));
            }
        }
        if by == GroupBy::Source {
            for s in &plan.sources {
                groups.get(by, &s.id, || Some(s.name.clone()));
            }
        }
        if by == GroupBy::Quarter {
            for q in 1..=4 {
                groups.get(by, &format!("T{q}"), || None);
            }
        }
    }
    for (project, states) in projects.iter().zip(states) {
        let plan = &project.plan;
        let index = Index::new(plan);
        // Consolidated: groups with the same id are merged, so they are
        // counted once (SPEC §4).
        axis_ids.extend(plan.axes.iter().map(|a| a.id.as_str()));
        action_ids.extend(plan.actions.iter().map(|a| a.id.as_str()));
        for (a, st) in plan.activities.iter().zip(states) {
            if st.last_date > last_date {
                last_date = st.last_date;
            }
            let part = whole(a, plan, &index, st);
            total.add(a, st, &part, weighting);
            let c = Counted {
                plan,
                index: &index,
                a,
                st,
                weighting,
            };
            add_to_groups(&mut groups, by, c, &part);
        }
    }
    let currency = projects
        .first()
        .map(|p| p.plan.currency.clone())
        .unwrap_or_default();
    Summary {
        currency,
        as_of: opts.as_of.or(default_as_of(projects, last_date)),
        weighting,
        axes: axis_ids.len(),
        actions: action_ids.len(),
        total,
        by,
        groups: groups.order,
    }
}

/// The `by` summaries of parts of the activities, without recomputing their
/// states: one summary per key that `key` gives an activity (an activity
/// without key counts nowhere). Each summary lists only the groups that
/// have activities of its part, and no axis or action counts. The report
/// uses it for the by-source figures of each axis.
pub fn summarize_split(
    projects: &[Project],
    states: &[Vec<ActivityState>],
    by: GroupBy,
    opts: &Options,
    key: impl Fn(&Plan, &Index<'_>, &Activity) -> Option<String>,
) -> HashMap<String, Summary> {
    let weighting = weighting_of(projects, opts);
    let currency = projects
        .first()
        .map(|p| p.plan.currency.clone())
        .unwrap_or_default();
    let mut parts: HashMap<String, (Figures, Groups, Option<NaiveDate>)> = HashMap::default();
    for (project, states) in projects.iter().zip(states) {
        let plan = &project.plan;
        let index = Index::new(plan);
        for (a, st) in plan.activities.iter().zip(states) {
            let Some(k) = key(plan, &index, a) else {
                continue;
            };
            let (total, groups, last_date) = parts.entry(k).or_default();
            if st.last_date > *last_date {
                *last_date = st.last_date;
            }
            let part = whole(a, plan, &index, st);
            total.add(a, st, &part, weighting);
            let c = Counted {
                plan,
                index: &index,
                a,
                st,
                weighting,
            };
            add_to_groups(groups, by, c, &part);
        }
    }
    parts
        .into_iter()
        .map(|(k, (total, groups, last_date))| {
            let s = Summary {
                currency: currency.clone(),
                as_of: opts.as_of.or(default_as_of(projects, last_date)),
                weighting,
                axes: 0,
                actions: 0,
                total,
                by,
                groups: groups.order,
            };
            (k, s)
        })
        .collect()
}

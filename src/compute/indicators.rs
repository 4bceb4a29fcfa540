//! Indicators with their latest recorded values.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

use super::{ActivityState, activity_states};
use crate::model::Index;
use crate::model::*;
use crate::money;

/// Where an indicator is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Axis,
    Action,
    Activity,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Axis => "axis",
            Level::Action => "action",
            Level::Activity => "activity",
        }
    }
}

/// An indicator with its latest known value.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub level: Level,
    pub owner: String,
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Option<Decimal>,
    pub target: Decimal,
    pub actual: Option<Decimal>,
}

impl IndicatorRow {
    /// With a baseline: (actual − baseline) ÷ (target − baseline); without:
    /// actual ÷ target. As a percentage; `None` when undefined.
    pub fn achievement(&self) -> Option<Decimal> {
        let actual = self.actual?;
        match self.baseline {
            Some(b) => money::percent(actual - b, self.target - b),
            None => money::percent(actual, self.target),
        }
    }
}

/// Every indicator of a plan (axes, then actions, then activities), with the
/// latest value recorded as of the date. A value recorded on an activity for
/// an indicator of its action or axis counts for that action or axis.
pub fn indicators(project: &Project, as_of: Option<NaiveDate>) -> Vec<IndicatorRow> {
    let states = activity_states(&project.plan, &project.records, as_of);
    indicators_from(project, &states)
}

/// [`indicators`] from already computed activity states.
pub fn indicators_from(project: &Project, states: &[ActivityState]) -> Vec<IndicatorRow> {
    let plan = &project.plan;
    let index = Index::new(plan);
    // Latest value per (level, owner index, name), by date then log order.
    type Slot = ((NaiveDate, usize), Decimal);
    let mut latest: HashMap<(u8, usize, &str), Slot> = HashMap::default();
    let names = crate::model::Names::new(plan);
    let has =
        |level: u8, i: usize, list: &[Indicator], name: &str| names.indicator(level, i, list, name);
    for (ai, (a, st)) in plan.activities.iter().zip(states).enumerate() {
        if st.indicators.is_empty() {
            continue;
        }
        let action = index.actions.get(a.action.as_str()).copied();
        let axis = action.and_then(|x| index.axes.get(plan.actions[x].axis.as_str()).copied());
        for ((name, value), when) in st.indicators.iter().zip(&st.indicator_when) {
            let name = name.as_str();
            let key = if has(2, ai, &a.indicators, name) {
                (2, ai)
            } else if let Some(x) = action.filter(|&x| has(1, x, &plan.actions[x].indicators, name))
            {
                (1, x)
            } else if let Some(x) = axis.filter(|&x| has(0, x, &plan.axes[x].indicators, name)) {
                (0, x)
            } else {
                continue;
            };
            let slot = latest
                .entry((key.0, key.1, name))
                .or_insert((*when, *value));
            if *when >= slot.0 {
                *slot = (*when, *value);
            }
        }
    }
    let latest: HashMap<(u8, usize, &str), Decimal> =
        latest.into_iter().map(|(k, (_, v))| (k, v)).collect();
    let mut rows = Vec::new();
    let mut push = |level: Level, lvl: u8, idx: usize, owner: &str, list: &[Indicator]| {
        for ind in list {
            rows.push(IndicatorRow {
                level,
                owner: owner.to_string(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                baseline: ind.baseline,
                target: ind.target,
                actual: latest.get(&(lvl, idx, ind.name.as_str())).copied(),
            });
        }
    };
    for (i, ax) in plan.axes.iter().enumerate() {
        push(Level::Axis, 0, i, &ax.id, &ax.indicators);
    }
    for (i, ac) in plan.actions.iter().enumerate() {
        push(Level::Action, 1, i, &ac.id, &ac.indicators);
    }
    for (i, a) in plan.activities.iter().enumerate() {
        push(Level::Activity, 2, i, &a.id, &a.indicators);
    }
    rows
}

//! Next year's draft plan from this year's plan and the state of its
//! activities (SPEC §5 `rollover`). Plain functions over the model: no I/O.

use rust_decimal::Decimal;

use crate::compute::{ActivityState, IndicatorRow, Level};
use crate::model::{Activity, BudgetLine, Indicator, Plan, Status};

/// An activity carried into the draft, with what its comment says.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    pub id: String,
    /// Its budget in the old plan.
    pub budget: Decimal,
    /// Spent on it as of the log's end (net of corrections).
    pub spent: Decimal,
    /// Spending recorded without a source on an activity with several
    /// sources: not deducted (which source paid is not known).
    pub unattributed: Decimal,
    /// Its budget in the draft.
    pub carried: Decimal,
    /// Several lines of one source were merged into one (categories dropped).
    pub merged: bool,
}

/// An activity left behind: done or cancelled.
#[derive(Debug, Clone, PartialEq)]
pub struct Closed {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub budget: Decimal,
    pub spent: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub plan: Plan,
    pub carried: Vec<Carried>,
    pub closed: Vec<Closed>,
}

/// The title with the old year replaced by the new one, or the new year
/// added in parentheses; a "révisé" / "revised" of the old plan's revision
/// does not pass to the new year's draft.
pub fn new_title(title: &str, old: i32, new: i32) -> String {
    let (o, n) = (old.to_string(), new.to_string());
    let mut title = title.to_string();
    for word in [
        " (révisé)",
        " révisé",
        " (revised)",
        " revised",
        " Révisé",
        " Revised",
    ] {
        title = title.replace(word, "");
    }
    if title.contains(&o) {
        title.replace(&o, &n)
    } else {
        format!("{title} ({n})")
    }
}

fn rebased(list: &[Indicator], level: Level, owner: &str, rows: &[IndicatorRow]) -> Vec<Indicator> {
    list.iter()
        .map(|i| {
            let actual = rows
                .iter()
                .find(|r| r.level == level && r.owner == owner && r.name == i.name)
                .and_then(|r| r.actual);
            Indicator {
                baseline: actual.or(i.baseline),
                loc: Default::default(),
                ..i.clone()
            }
        })
        .collect()
}

/// The remaining budget lines of an activity: per source, budget − spent
/// from that source, never negative (the whole budget with `full`).
/// A source with a single line keeps its category; several lines of one
/// source become one line. Sources with nothing left are dropped.
fn remaining(a: &Activity, st: &ActivityState, full: bool) -> (Vec<BudgetLine>, bool) {
    let mut sources: Vec<&str> = Vec::new();
    for l in &a.budget {
        if !sources.contains(&l.source.as_str()) {
            sources.push(&l.source);
        }
    }
    let mut merged = false;
    let mut out = Vec::new();
    for s in sources {
        let lines: Vec<&BudgetLine> = a.budget.iter().filter(|l| l.source == s).collect();
        let budget: Decimal = lines.iter().map(|l| l.total()).sum();
        let left = if full {
            budget
        } else {
            (budget - st.spent_from(Some(s))).max(Decimal::ZERO)
        };
        if left.is_zero() {
            continue;
        }
        let category = match lines.as_slice() {
            [one] => one.category.clone(),
            _ => {
                merged = true;
                None
            }
        };
        out.push(BudgetLine {
            source: s.to_string(),
            amount: Some(left),
            category,
            ..Default::default()
        });
    }
    (out, merged)
}

/// The draft for `year`: sources, axes and actions kept (indicators
/// rebased on their latest actual); activities neither done nor cancelled
/// carried with their remaining budget, quarters and dates cleared.
pub fn draft(
    plan: &Plan,
    states: &[ActivityState],
    indicators: &[IndicatorRow],
    year: i32,
    full_budget: bool,
) -> Draft {
    let mut new = Plan {
        file: plan.file,
        title: new_title(&plan.title, plan.year, year),
        organization: plan.organization.clone(),
        year,
        currency: plan.currency.clone(),
        lang: plan.lang,
        progress: None,
        budget_total: None,
        weighting: plan.weighting,
        sources: plan.sources.clone(),
        ..Default::default()
    };
    new.axes = plan
        .axes
        .iter()
        .map(|a| crate::model::Axis {
            indicators: rebased(&a.indicators, Level::Axis, &a.id, indicators),
            ..a.clone()
        })
        .collect();
    new.actions = plan
        .actions
        .iter()
        .map(|a| crate::model::Action {
            indicators: rebased(&a.indicators, Level::Action, &a.id, indicators),
            ..a.clone()
        })
        .collect();
    let mut carried = Vec::new();
    let mut closed = Vec::new();
    for (a, st) in plan.activities.iter().zip(states) {
        if st.done() || st.cancelled() {
            closed.push(Closed {
                id: a.id.clone(),
                title: a.title.clone(),
                status: st.status.unwrap_or(Status::Done),
                budget: a.budget_total(),
                spent: st.spent,
            });
            continue;
        }
        let (budget, merged) = remaining(a, st, full_budget);
        let unattributed = if a.single_source().is_some() {
            Decimal::ZERO
        } else {
            st.spent_from(None)
        };
        carried.push(Carried {
            id: a.id.clone(),
            budget: a.budget_total(),
            spent: st.spent,
            unattributed,
            carried: budget.iter().map(BudgetLine::total).sum(),
            merged,
        });
        new.activities.push(Activity {
            id: a.id.clone(),
            action: a.action.clone(),
            title: a.title.clone(),
            responsible: a.responsible.clone(),
            partners: a.partners.clone(),
            weight: a.weight,
            budget,
            indicators: rebased(&a.indicators, Level::Activity, &a.id, indicators),
            ..Default::default()
        });
    }
    Draft {
        plan: new,
        carried,
        closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_takes_the_new_year() {
        assert_eq!(
            new_title("Plan de travail annuel 2024", 2024, 2025),
            "Plan de travail annuel 2025"
        );
        assert_eq!(new_title("PTBA", 2024, 2025), "PTBA (2025)");
        assert_eq!(new_title("PTBA 2024 révisé", 2024, 2025), "PTBA 2025");
        assert_eq!(
            new_title("Revised work plan", 2024, 2025),
            "Revised work plan (2025)"
        );
    }
}

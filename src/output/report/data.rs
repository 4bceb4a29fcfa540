//! What the report's sheets show, computed once: the summaries by axis and
//! by source, one row per activity, the indicators and SPEC §4's money by
//! axis, by source and by plan.

use rustc_hash::FxHashMap as HashMap;

use rust_decimal::Decimal;

use crate::compute::{self, ActivityState, GroupBy, IndicatorRow, Options, Summary};
use crate::i18n::{Label, Lang};
use crate::model::Index;
use crate::model::{Project, Status, Weighting};
use crate::output::summary::format_date;

use super::cumul::Style;
use super::figures::{self, Money};
use crate::money;
use crate::output::xlsx::Formats;

/// Everything the sheets show, computed once.
pub(crate) struct Data<'a> {
    pub(crate) projects: &'a [Project],
    pub(crate) lang: Lang,
    pub(crate) by_axis: Summary,
    pub(crate) by_source: Summary,
    /// Per axis id, the by-source figures of that axis' activities.
    pub(crate) source_by_axis: HashMap<String, Summary>,
    pub(crate) activities: Vec<Row<'a>>,
    /// Every indicator, with the index of its plan.
    pub(crate) indicators: Vec<(usize, IndicatorRow)>,
    pub(crate) decimals: u32,
    /// Money under SPEC §4's rule: per axis id, in total, per (source id,
    /// axis id) and per source id (`""`: spending no line can take).
    pub(crate) money_axis: HashMap<String, Money>,
    pub(crate) money_total: Money,
    pub(crate) money_source_axis: HashMap<(String, String), Money>,
    pub(crate) money_source: HashMap<String, Money>,
    /// Per plan: its money in total.
    pub(crate) money_plan: Vec<Money>,
}

/// One activity with its state.
pub(crate) struct Row<'a> {
    pub(crate) plan: usize,
    pub(crate) year: i32,
    pub(crate) axis_id: &'a str,
    pub(crate) axis_title: &'a str,
    pub(crate) action_id: &'a str,
    pub(crate) action_title: &'a str,
    pub(crate) activity: &'a crate::model::Activity,
    pub(crate) state: ActivityState,
    pub(crate) budget: Decimal,
    /// Weight of the activity in the physical rate (0 when cancelled).
    pub(crate) weight: Decimal,
}

impl Row<'_> {
    /// The status shown: the recorded one, else "ongoing" once progress is
    /// recorded, else "planned".
    pub(crate) fn status(&self) -> Status {
        Status::shown(self.state.status, self.state.progress)
    }

    pub(crate) fn quarters(&self) -> Vec<u8> {
        compute::planned_quarters(self.activity)
    }
}

pub(crate) fn collect<'a>(
    projects: &'a [Project],
    states: Vec<Vec<ActivityState>>,
    opts: &Options,
    lang: Lang,
) -> Data<'a> {
    let by_axis = compute::summarize_states(projects, &states, GroupBy::Axis, opts);
    let opts = Options {
        weighting: Some(by_axis.weighting),
        ..*opts
    };
    let by_source = compute::summarize_states(projects, &states, GroupBy::Source, &opts);
    // The by-source figures of one axis are those of the plans restricted to
    // that axis' activities.
    let source_by_axis = compute::summarize_split(
        projects,
        &states,
        GroupBy::Source,
        &opts,
        |plan, index, a| {
            let axis = index
                .actions
                .get(a.action.as_str())
                .map(|&i| plan.actions[i].axis.as_str());
            Some(axis.unwrap_or("").to_string())
        },
    );
    let indicators = projects
        .iter()
        .zip(&states)
        .enumerate()
        .flat_map(|(i, (p, st))| {
            compute::indicators_from(p, st)
                .into_iter()
                .map(move |r| (i, r))
        })
        .collect();
    let mut activities = Vec::with_capacity(states.iter().map(Vec::len).sum());
    let mut money_axis: HashMap<String, Money> = HashMap::default();
    let mut money_total = Money::default();
    let mut money_source_axis: HashMap<(String, String), Money> = HashMap::default();
    let mut money_source: HashMap<String, Money> = HashMap::default();
    let mut money_plan = vec![Money::default(); projects.len()];
    for (pi, (project, states)) in projects.iter().zip(states).enumerate() {
        let plan = &project.plan;
        let index = Index::new(plan);
        for (a, state) in plan.activities.iter().zip(states) {
            let action = index
                .actions
                .get(a.action.as_str())
                .map(|&i| &plan.actions[i]);
            let axis = action
                .and_then(|ac| index.axes.get(ac.axis.as_str()))
                .map(|&i| &plan.axes[i]);
            let axis_id = action.map(|ac| ac.axis.as_str()).unwrap_or("");
            let budget = a.budget_total();
            let money = figures::whole(plan, &index, a, &state);
            money_axis
                .entry(axis_id.to_string())
                .or_default()
                .add(&money);
            money_total.add(&money);
            money_plan[pi].add(&money);
            for (source, m) in figures::by_source(plan, &index, a, &state) {
                let source = source.unwrap_or(compute::UNATTRIBUTED).to_string();
                money_source_axis
                    .entry((source.clone(), axis_id.to_string()))
                    .or_default()
                    .add(&m);
                money_source.entry(source).or_default().add(&m);
            }
            let weight = if state.cancelled() {
                Decimal::ZERO
            } else {
                match by_axis.weighting {
                    Weighting::Activities => Decimal::ONE,
                    Weighting::Budget => budget,
                    Weighting::Weight => a.weight(),
                }
            };
            activities.push(Row {
                plan: pi,
                year: plan.year,
                axis_id,
                axis_title: axis.map(|x| x.title.as_str()).unwrap_or(""),
                action_id: a.action.as_str(),
                action_title: action.map(|x| x.title.as_str()).unwrap_or(""),
                activity: a,
                state,
                budget,
                weight,
            });
        }
    }
    let decimals = by_axis.currency.decimals;
    Data {
        projects,
        lang,
        by_axis,
        by_source,
        source_by_axis,
        activities,
        indicators,
        decimals,
        money_axis,
        money_total,
        money_source_axis,
        money_source,
        money_plan,
    }
}

impl Data<'_> {
    pub(crate) fn title(&self) -> String {
        plans_title(self.projects)
    }

    pub(crate) fn organizations(&self) -> String {
        organizations(self.projects)
    }

    /// The page header of every sheet: the plan's title, the as-of date.
    pub(crate) fn page_header(&self) -> String {
        let right = match self.by_axis.as_of {
            Some(d) => format!(
                "{} {}",
                Label::AsOf.text(self.lang),
                format_date(d, self.lang)
            ),
            None => String::new(),
        };
        crate::output::xlsx::page_header(&self.title(), &right)
    }

    /// The style of the period and category tables.
    pub(crate) fn table_style<'s>(&'s self, f: &'s Formats) -> Style<'s> {
        Style {
            lang: self.lang,
            f,
            decimals: self.decimals,
            currency: money::currency_label(&self.by_axis.currency),
        }
    }

    pub(crate) fn multi(&self) -> bool {
        self.projects.len() > 1
    }
}

/// The title of the plans: each plan's, joined by " + ".
pub(crate) fn plans_title(projects: &[Project]) -> String {
    let titles: Vec<&str> = projects.iter().map(|p| p.plan.title.as_str()).collect();
    titles.join(" + ")
}

/// The plans' organisations, each once, joined by " ; ".
pub(crate) fn organizations(projects: &[Project]) -> String {
    let mut orgs: Vec<&str> = Vec::new();
    for o in projects
        .iter()
        .filter_map(|p| p.plan.organization.as_deref())
    {
        if !orgs.contains(&o) {
            orgs.push(o);
        }
    }
    orgs.join(" ; ")
}

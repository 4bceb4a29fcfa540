//! The plan: unique ids, references between levels, empty levels,
//! indicators, the declared budget total.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use rust_decimal::Decimal;

use super::Checker;
use crate::diagnostic::Code;
use crate::model::{Activity, Index, Indicator, Plan};
use crate::money;
use crate::tr;

impl Checker {
    pub(super) fn plan<'p>(&mut self, plan: &'p Plan) -> Index<'p> {
        let index = Index::new(plan);
        self.plan_ids(plan);
        self.references(plan, &index);
        self.budget_total(plan);
        index
    }

    /// Actions point at known axes, activities at known actions (each
    /// activity checked on its own on the way); axes and actions with
    /// nothing under them.
    fn references(&mut self, plan: &Plan, index: &Index<'_>) {
        let lang = self.lang;
        let cur = &plan.currency;
        let mut actions_per_axis: HashMap<&str, usize> = HashMap::default();
        for a in &plan.actions {
            if a.axis.is_empty() {
                continue;
            }
            if index.axes.contains_key(a.axis.as_str()) {
                *actions_per_axis.entry(a.axis.as_str()).or_default() += 1;
            } else {
                let help = self.suggest(&a.axis, plan.axes.iter().map(|x| x.id.as_str()));
                self.err(
                    Code::UnknownAxis,
                    &a.axis_loc,
                    tr!(
                        lang,
                        "l'action `{}` renvoie à l'axe `{}`, qui n'existe pas",
                        "action `{}` refers to axis `{}`, which does not exist",
                        a.id,
                        a.axis
                    ),
                )
                .help = help;
            }
        }
        let mut activities_per_action: HashMap<&str, usize> = HashMap::default();
        for a in &plan.activities {
            if !a.action.is_empty() {
                if index.actions.contains_key(a.action.as_str()) {
                    *activities_per_action.entry(a.action.as_str()).or_default() += 1;
                } else {
                    let help = self.suggest(&a.action, plan.actions.iter().map(|x| x.id.as_str()));
                    self.err(
                        Code::UnknownAction,
                        &a.action_loc,
                        tr!(
                            lang,
                            "l'activité `{}` renvoie à l'action `{}`, qui n'existe pas",
                            "activity `{}` refers to action `{}`, which does not exist",
                            a.id,
                            a.action
                        ),
                    )
                    .help = help;
                }
            }
            self.activity(plan, index, a, cur);
        }
        for ax in &plan.axes {
            if !ax.id.is_empty() && !actions_per_axis.contains_key(ax.id.as_str()) {
                self.warn(
                    Code::EmptyAxis,
                    &ax.loc,
                    tr!(
                        lang,
                        "l'axe `{}` n'a aucune action",
                        "axis `{}` has no action",
                        ax.id
                    ),
                );
            }
            self.indicators(&ax.indicators, &ax.id);
        }
        for ac in &plan.actions {
            if !ac.id.is_empty() && !activities_per_action.contains_key(ac.id.as_str()) {
                self.warn(
                    Code::EmptyAction,
                    &ac.loc,
                    tr!(
                        lang,
                        "l'action `{}` n'a aucune activité",
                        "action `{}` has no activity",
                        ac.id
                    ),
                );
            }
            self.indicators(&ac.indicators, &ac.id);
        }
    }

    /// The classic typo of hand-made plans: a total that is not the sum.
    fn budget_total(&mut self, plan: &Plan) {
        let lang = self.lang;
        let cur = &plan.currency;
        if let Some(declared) = plan.budget_total {
            self.decimals(Some(declared), cur, &plan.budget_total_loc, "budget_total");
            let computed: Decimal = plan.activities.iter().map(Activity::budget_total).sum();
            if declared != computed {
                let diff = declared - computed;
                let (d, c, x) = (
                    money::format_money(declared, cur, lang),
                    money::format_money(computed, cur, lang),
                    money::format_money(diff, cur, lang),
                );
                self.err(
                    Code::BudgetTotal,
                    &plan.budget_total_loc,
                    tr!(
                        lang,
                        "budget_total = {} mais la somme des lignes budgétaires est {} (écart : {})",
                        "budget_total = {} but the budget lines add up to {} (difference: {})",
                        d,
                        c,
                        x
                    ),
                )
                .help = Some(
                    lang.pick(
                        "corriger le total déclaré ou la ligne erronée",
                        "fix the declared total or the wrong line",
                    )
                    .to_string(),
                );
            }
        }
    }

    pub(super) fn indicators(&mut self, list: &[Indicator], owner: &str) {
        let mut names = HashSet::new();
        for ind in list {
            if !ind.name.is_empty() && !names.insert(ind.name.as_str()) {
                let lang = self.lang;
                self.err(
                    Code::DuplicateIndicator,
                    &ind.loc,
                    tr!(
                        lang,
                        "`{}` a deux indicateurs nommés « {} »",
                        "`{}` has two indicators named \"{}\"",
                        owner,
                        ind.name
                    ),
                );
            }
        }
    }
}

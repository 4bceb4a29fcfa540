//! The plan: unique ids, references between levels, empty levels,
//! indicators, the declared budget total.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use rust_decimal::Decimal;

use super::Checker;
use crate::diagnostic::Code;
use crate::i18n;
use crate::model::{Activity, Index, Indicator, Plan};
use crate::money;

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
                    i18n::check::unknown_axis(lang, &a.id, &a.axis),
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
                        i18n::check::unknown_action(lang, &a.id, &a.action),
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
                    i18n::check::empty_axis(lang, &ax.id),
                );
            }
            self.indicators(&ax.indicators, &ax.id);
        }
        for ac in &plan.actions {
            if !ac.id.is_empty() && !activities_per_action.contains_key(ac.id.as_str()) {
                self.warn(
                    Code::EmptyAction,
                    &ac.loc,
                    i18n::check::empty_action(lang, &ac.id),
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
                    i18n::check::budget_total_mismatch(lang, &d, &c, &x),
                )
                .help = Some(i18n::check::budget_total_mismatch_help(lang).to_string());
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
                    i18n::check::duplicate_indicator(lang, owner, &ind.name),
                );
            }
        }
    }
}

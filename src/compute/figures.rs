//! The totals of a group and the numerators and denominators of its rates.

use rust_decimal::Decimal;

use super::ActivityState;
use crate::model::Index;
use crate::model::*;
use crate::money;

/// Totals and the numerators and denominators of every rate of a group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub activities: usize,
    pub cancelled: usize,
    /// Cancelled activities on which money moved (spent or committed): they
    /// leave the physical and completion rates but stay in every money
    /// figure, whole budget included (SPEC §4: money that moved never
    /// disappears). Counted in `cancelled` too.
    pub cancelled_kept: usize,
    pub done: usize,
    /// Adopted budget, every activity included.
    pub budget: Decimal,
    /// Budget of the cancelled activities on which no money moved.
    pub cancelled_budget: Decimal,
    /// `budget − cancelled_budget`: the denominator of the financial,
    /// commitment and mobilisation rates.
    pub active_budget: Decimal,
    pub spent: Decimal,
    pub committed: Decimal,
    pub secured: Decimal,
    pub pledged: Decimal,
    pub unfunded: Decimal,
    /// The amounts first adopted (`initial` of each line, else its budget),
    /// every activity included; meaningful only when `has_initial`.
    pub initial: Decimal,
    /// Some line of the group keeps an `initial` amount (a revised plan).
    pub has_initial: bool,
    physical_sum: Decimal,
    physical_weight: Decimal,
}

/// The rates of a group, as exact percentages; `None` where the denominator is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rates {
    pub physical: Option<Decimal>,
    pub completion: Option<Decimal>,
    pub financial: Option<Decimal>,
    pub commitment: Option<Decimal>,
    pub mobilisation: Option<Decimal>,
}

impl Rates {
    pub const NAMES: [&'static str; 5] = [
        "physical",
        "completion",
        "financial",
        "commitment",
        "mobilisation",
    ];

    pub fn all(&self) -> [Option<Decimal>; 5] {
        [
            self.physical,
            self.completion,
            self.financial,
            self.commitment,
            self.mobilisation,
        ]
    }
}

/// One activity's share of a group: the whole activity, or one source's lines.
pub(super) struct Part {
    pub(super) budget: Decimal,
    pub(super) initial: Decimal,
    pub(super) has_initial: bool,
    pub(super) secured: Decimal,
    pub(super) pledged: Decimal,
    pub(super) unfunded: Decimal,
    pub(super) spent: Decimal,
    pub(super) committed: Decimal,
}

impl Part {
    /// Money spent and committed, with no budget.
    pub(super) fn flows(spent: Decimal, committed: Decimal) -> Part {
        Part {
            budget: Decimal::ZERO,
            initial: Decimal::ZERO,
            has_initial: false,
            secured: Decimal::ZERO,
            pledged: Decimal::ZERO,
            unfunded: Decimal::ZERO,
            spent,
            committed,
        }
    }
}

impl Figures {
    pub(super) fn add(
        &mut self,
        activity: &Activity,
        state: &ActivityState,
        part: &Part,
        weighting: Weighting,
    ) {
        self.activities += 1;
        self.budget += part.budget;
        self.initial += part.initial;
        self.has_initial |= part.has_initial;
        if state.set_apart() {
            self.cancelled += 1;
            self.cancelled_budget += part.budget;
            return;
        }
        self.active_budget += part.budget;
        self.spent += part.spent;
        self.committed += part.committed;
        self.secured += part.secured;
        self.pledged += part.pledged;
        self.unfunded += part.unfunded;
        if state.cancelled() {
            // Money moved: in every money figure, out of the physical and
            // completion rates.
            self.cancelled += 1;
            self.cancelled_kept += 1;
            return;
        }
        if state.done() {
            self.done += 1;
        }
        let w = match weighting {
            Weighting::Activities => Decimal::ONE,
            Weighting::Budget => part.budget,
            Weighting::Weight => activity.weight(),
        };
        self.physical_sum += state.physical() * w;
        self.physical_weight += w;
    }

    /// Non-cancelled activities.
    pub fn active(&self) -> usize {
        self.activities - self.cancelled
    }

    pub fn rates(&self) -> Rates {
        let ratio = |num: Decimal, den: Decimal| -> Option<Decimal> {
            if den.is_zero() {
                None
            } else {
                num.checked_div(den)
            }
        };
        Rates {
            physical: ratio(self.physical_sum, self.physical_weight),
            completion: money::percent(Decimal::from(self.done), Decimal::from(self.active())),
            financial: money::percent(self.spent, self.active_budget),
            commitment: money::percent(self.committed, self.active_budget),
            mobilisation: money::percent(self.secured, self.active_budget),
        }
    }

    pub fn balance(&self) -> Decimal {
        self.active_budget - self.spent
    }
}

pub(super) fn whole(a: &Activity, plan: &Plan, index: &Index<'_>, st: &ActivityState) -> Part {
    let mut p = Part::flows(st.spent, st.committed);
    for line in &a.budget {
        let t = line.total();
        p.budget += t;
        p.initial += line.initial.unwrap_or(t);
        p.has_initial |= line.initial.is_some();
        match index
            .sources
            .get(line.source.as_str())
            .map(|&i| plan.sources[i].status)
        {
            Some(FundingStatus::Secured) => p.secured += t,
            Some(FundingStatus::Pledged) => p.pledged += t,
            Some(FundingStatus::Unfunded) => p.unfunded += t,
            None => {}
        }
    }
    p
}

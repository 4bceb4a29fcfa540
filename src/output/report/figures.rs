//! The report's money figures: SPEC §4's rule for cancelled activities
//! applied per activity and per source, the budget phased over the planned
//! quarters, and the flows of a period.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use rustc_hash::FxHashMap as HashMap;

use crate::compute::{self, ActivityState};
use crate::model::Index;
use crate::model::{Activity, FundingStatus, Plan};
use crate::money;

/// Money figures of an activity, a part of one or a group.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Money {
    /// Adopted budget, every activity included.
    pub budget: Decimal,
    /// Budget of the cancelled activities on which no money moved.
    pub cancelled_budget: Decimal,
    pub committed: Decimal,
    pub spent: Decimal,
    pub secured: Decimal,
    pub pledged: Decimal,
    pub unfunded: Decimal,
}

impl Money {
    pub fn add(&mut self, o: &Money) {
        self.budget += o.budget;
        self.cancelled_budget += o.cancelled_budget;
        self.committed += o.committed;
        self.spent += o.spent;
        self.secured += o.secured;
        self.pledged += o.pledged;
        self.unfunded += o.unfunded;
    }

    /// The base of the rates: budget − cancelled budget.
    pub fn active(&self) -> Decimal {
        self.budget - self.cancelled_budget
    }

    pub fn balance(&self) -> Decimal {
        self.active() - self.spent
    }

    /// Committed and not yet paid.
    pub fn outstanding(&self) -> Decimal {
        self.committed - self.spent
    }

    pub fn financial(&self) -> Option<Decimal> {
        money::percent(self.spent, self.active())
    }

    pub fn commitment(&self) -> Option<Decimal> {
        money::percent(self.committed, self.active())
    }

    pub fn mobilisation(&self) -> Option<Decimal> {
        money::percent(self.secured, self.active())
    }

    /// One budget line's amount from a source of this status.
    fn line(&mut self, amount: Decimal, status: Option<FundingStatus>) {
        self.budget += amount;
        match status {
            Some(FundingStatus::Secured) => self.secured += amount,
            Some(FundingStatus::Pledged) => self.pledged += amount,
            Some(FundingStatus::Unfunded) => self.unfunded += amount,
            None => {}
        }
    }

    /// Applies the rule: set apart, only the budget remains, as cancelled.
    fn set_apart(self) -> Money {
        Money {
            budget: self.budget,
            cancelled_budget: self.budget,
            ..Money::default()
        }
    }
}

/// The whole activity.
pub(crate) fn whole(plan: &Plan, index: &Index<'_>, a: &Activity, st: &ActivityState) -> Money {
    let mut m = Money {
        spent: st.spent,
        committed: st.committed,
        ..Money::default()
    };
    for line in &a.budget {
        let status = index
            .sources
            .get(line.source.as_str())
            .map(|&i| plan.sources[i].status);
        m.line(line.total(), status);
    }
    if compute::set_apart(st) {
        m.set_apart()
    } else {
        m
    }
}

/// The activity split by source, in the order of its lines: each source's
/// lines and the flows attributed to it; last, with `None`, the flows that
/// no line of the activity can take (no source named on an activity of
/// several sources, or a source it has no line from).
pub(crate) fn by_source<'p>(
    plan: &'p Plan,
    index: &Index<'_>,
    a: &'p Activity,
    st: &ActivityState,
) -> Vec<(Option<&'p str>, Money)> {
    let mut parts: Vec<(Option<&str>, Money)> = Vec::new();
    // Hashed: a hostile plan may give one activity thousands of lines.
    let mut at: HashMap<&str, usize> = HashMap::default();
    for line in &a.budget {
        let Some(&si) = index.sources.get(line.source.as_str()) else {
            continue;
        };
        let id = plan.sources[si].id.as_str();
        let k = *at.entry(id).or_insert_with(|| {
            parts.push((Some(id), Money::default()));
            parts.len() - 1
        });
        parts[k].1.line(line.total(), Some(plan.sources[si].status));
    }
    let mut rest = Money::default();
    let flows = [
        (&st.spent_by_source, true),
        (&st.committed_by_source, false),
    ];
    for (list, spent) in flows {
        for (s, x) in list {
            let slot = s
                .as_deref()
                .and_then(|s| at.get(s))
                .map(|&k| &mut parts[k].1);
            let m = slot.unwrap_or(&mut rest);
            if spent {
                m.spent += *x;
            } else {
                m.committed += *x;
            }
        }
    }
    if !rest.spent.is_zero() || !rest.committed.is_zero() {
        parts.push((None, rest));
    }
    if compute::set_apart(st) {
        for (_, m) in &mut parts {
            *m = m.set_apart();
        }
    }
    parts
}

/// A budget phased over the planned quarters (none planned: the four):
/// equal shares cut to the currency's unit, the remainder on the last
/// planned quarter, so that the shares add up to the budget exactly.
pub(crate) fn phased(budget: Decimal, quarters: &[u8], decimals: u32) -> [Decimal; 4] {
    let all = [1, 2, 3, 4];
    let qs: &[u8] = if quarters.is_empty() { &all } else { quarters };
    let n = Decimal::from(qs.len());
    let share = (budget / n).round_dp_with_strategy(decimals, RoundingStrategy::ToZero);
    let mut out = [Decimal::ZERO; 4];
    for &q in qs {
        out[q as usize - 1] = share;
    }
    let last = *qs.last().unwrap_or(&4) as usize - 1;
    out[last] = budget - share * (n - Decimal::ONE);
    out
}

/// The part of a phased budget of the quarters that overlap `from..=to`.
pub(crate) fn budget_within(
    shares: &[Decimal; 4],
    year: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Decimal {
    (1..=4u8)
        .filter(|&q| {
            compute::quarter_span(year, q).is_some_and(|(start, end)| start <= to && end >= from)
        })
        .map(|q| shares[q as usize - 1])
        .sum()
}

/// The dates a report compares: the period, the year to date (from the
/// plan year's first day) and the cumulative (every record), all ending on
/// `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `Some(q)` when the period is a whole quarter.
    pub quarter: Option<u8>,
}

impl Period {
    /// Quarter `q` of `year`.
    pub fn quarter(year: i32, q: u8) -> Option<Period> {
        let (from, to) = compute::quarter_span(year, q)?;
        Some(Period {
            from,
            to,
            quarter: Some(q),
        })
    }

    /// From the first day of the quarter of `to` to `to`.
    pub fn quarter_to_date(to: NaiveDate) -> Period {
        let q = ((to.month() - 1) / 3 + 1) as u8;
        let from = NaiveDate::from_ymd_opt(to.year(), (q as u32 - 1) * 3 + 1, 1).unwrap_or(to);
        let whole = compute::quarter_span(to.year(), q).is_some_and(|(_, end)| end == to);
        Period {
            from,
            to,
            quarter: whole.then_some(q),
        }
    }
}

/// The flows of one activity in a period: `cumulative` as of `to`, minus the
/// state the day before `from` (period) or before the plan year (year to
/// date).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Flows {
    pub spent: Decimal,
    pub committed: Decimal,
}

impl Flows {
    pub fn of(st: &ActivityState) -> Flows {
        Flows {
            spent: st.spent,
            committed: st.committed,
        }
    }

    pub fn of_source(st: &ActivityState, source: Option<&str>) -> Flows {
        Flows {
            spent: st.spent_from(source),
            committed: st.committed_from(source),
        }
    }

    pub fn minus(self, o: Flows) -> Flows {
        Flows {
            spent: self.spent - o.spent,
            committed: self.committed - o.committed,
        }
    }

    pub fn add(&mut self, o: Flows) {
        self.spent += o.spent;
        self.committed += o.committed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn phasing_puts_the_remainder_on_the_last_planned_quarter() {
        // 10 000 001 over T1, T3, T4: 3 333 333 twice, 3 333 335 on T4.
        assert_eq!(
            phased(d("10000001"), &[1, 3, 4], 0),
            [d("3333333"), d("0"), d("3333333"), d("3333335")]
        );
        // Cents: 100.00 over three quarters.
        assert_eq!(
            phased(d("100.00"), &[2, 3, 4], 2),
            [d("0"), d("33.33"), d("33.33"), d("33.34")]
        );
        // No quarter planned: the four.
        assert_eq!(phased(d("7"), &[], 0), [d("1"), d("1"), d("1"), d("4")]);
        let s = phased(d("7"), &[], 0);
        let y = 2024;
        let day = |m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(budget_within(&s, y, day(1, 1), day(6, 30)), d("2"));
        assert_eq!(budget_within(&s, y, day(6, 30), day(6, 30)), d("1"));
        assert_eq!(budget_within(&s, y, day(1, 1), day(12, 31)), d("7"));
    }

    #[test]
    fn periods() {
        let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let p = Period::quarter_to_date(day(5, 15));
        assert_eq!((p.from, p.to, p.quarter), (day(4, 1), day(5, 15), None));
        let p = Period::quarter_to_date(day(9, 30));
        assert_eq!((p.from, p.to, p.quarter), (day(7, 1), day(9, 30), Some(3)));
        assert_eq!(Period::quarter(2024, 4).unwrap().to, day(12, 31));
    }
}

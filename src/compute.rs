//! Rates and totals (SPEC §4), as of a date, by group, over one plan or a
//! consolidation of several. Pure functions over the model; exact decimals.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::Index;
use crate::model::*;
use crate::money::{self, Currency};

/// What a computation is asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Records dated after this day are ignored; `None`: every record.
    pub as_of: Option<NaiveDate>,
    /// `None`: the plan's `[plan] weighting`, else per activity.
    pub weighting: Option<Weighting>,
}

/// How activities are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Axis,
    Action,
    Source,
    Responsible,
    Quarter,
}

impl GroupBy {
    pub const NAMES: [&'static str; 5] = ["axis", "action", "source", "responsible", "quarter"];

    pub fn key(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Where one activity stands as of the date.
#[derive(Debug, Clone, Default)]
pub struct ActivityState {
    pub status: Option<Status>,
    /// Latest recorded progress (0 if none), before `done` is applied.
    pub progress: Decimal,
    pub spent: Decimal,
    pub committed: Decimal,
    /// Spending and commitments per source id; `None`: unattributed.
    pub spent_by_source: Vec<(Option<String>, Decimal)>,
    pub committed_by_source: Vec<(Option<String>, Decimal)>,
    pub last_note: Option<String>,
    pub last_date: Option<NaiveDate>,
    /// Latest indicator values recorded on this activity, by name.
    pub indicators: Vec<(String, Decimal)>,
    /// When each of `indicators` was recorded: (date, position in the log).
    pub indicator_when: Vec<(NaiveDate, usize)>,
}

impl ActivityState {
    pub fn cancelled(&self) -> bool {
        self.status == Some(Status::Cancelled)
    }

    pub fn done(&self) -> bool {
        self.status == Some(Status::Done)
    }

    /// Whether money moved on the activity as of the date: something spent
    /// or committed (net of corrections).
    pub fn money_moved(&self) -> bool {
        !self.spent.is_zero() || !self.committed.is_zero()
    }

    /// A cancelled activity on which no money moved: its budget is set
    /// apart (`cancelled_budget`) and leaves every other money figure
    /// (SPEC §4). A cancelled activity on which money moved stays in them.
    pub fn set_apart(&self) -> bool {
        self.cancelled() && !self.money_moved()
    }

    /// Physical progress p(a): 100 when done, else the latest progress.
    pub fn physical(&self) -> Decimal {
        if self.done() {
            Decimal::ONE_HUNDRED
        } else {
            self.progress
        }
    }

    pub fn spent_from(&self, source: Option<&str>) -> Decimal {
        self.spent_by_source
            .iter()
            .filter(|(s, _)| s.as_deref() == source)
            .map(|(_, x)| *x)
            .sum()
    }

    pub fn committed_from(&self, source: Option<&str>) -> Decimal {
        self.committed_by_source
            .iter()
            .filter(|(s, _)| s.as_deref() == source)
            .map(|(_, x)| *x)
            .sum()
    }
}

/// A record to apply to its activity: the activity's index, then the
/// record's date and position in the log — the order records are applied in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Step {
    activity: u32,
    date: NaiveDate,
    record: u32,
}

/// The figures of a record, copied in log order: applying them activity by
/// activity then reads this small array rather than records scattered
/// through a log of hundreds of megabytes.
#[derive(Clone, Copy)]
struct Facts {
    status: Option<Status>,
    progress: Option<Decimal>,
    spent: Option<Decimal>,
    committed: Option<Decimal>,
    /// `Some(source)`: the record names a source (its index in the plan,
    /// `None` if unknown); `None`: it names none.
    source: Option<Option<usize>>,
    /// A note or indicator values: the record itself is read for those.
    more: bool,
}

/// The records dated on or before `as_of` (all dated records when `None`)
/// of known activities, grouped by activity, each activity's in date order
/// then log order. Grouping keeps the work on one activity together (a
/// national log is hundreds of megabytes of records in no useful order);
/// within an activity the order is that of the dates, as SPEC §4 reads them.
/// With each step, the position of its record's [`Facts`].
fn steps(
    index: &Index<'_>,
    records: &[Record],
    as_of: Option<NaiveDate>,
) -> (Vec<(Step, u32)>, Vec<Facts>) {
    let mut facts = Vec::new();
    let mut steps: Vec<(Step, u32)> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.date != NaiveDate::MAX && as_of.is_none_or(|a| r.date <= a))
        .filter_map(|(i, r)| {
            let &ai = index.activities.get(r.activity.as_str())?;
            let slot = facts.len() as u32;
            facts.push(Facts {
                status: r.status,
                progress: r.progress,
                spent: r.spent,
                committed: r.committed,
                source: r.source.as_deref().map(|s| index.sources.get(s).copied()),
                more: r.note.is_some() || !r.indicators.is_empty(),
            });
            Some((
                Step {
                    activity: ai as u32,
                    date: r.date,
                    record: i as u32,
                },
                slot,
            ))
        })
        .collect();
    steps.sort_unstable_by_key(|(step, _)| *step);
    (steps, facts)
}

/// Lists with at most this many entries are searched in place; longer ones
/// (a hostile activity of 30 000 sources) through a map.
const SHORT_LIST: usize = 16;

/// Where each key's entry is in a list of one activity: searched in place
/// while short, hashed beyond.
struct Slots<K> {
    keys: Vec<K>,
    map: HashMap<K, usize>,
}

impl<K: Copy + Eq + std::hash::Hash> Slots<K> {
    fn new() -> Self {
        Slots {
            keys: Vec::new(),
            map: HashMap::default(),
        }
    }

    fn clear(&mut self) {
        self.keys.clear();
        self.map.clear();
    }

    /// The position of `key`, or `None` after recording that it will be
    /// pushed at the end.
    fn find_or_add(&mut self, key: K) -> Option<usize> {
        let found = if self.keys.len() <= SHORT_LIST {
            self.keys.iter().position(|k| *k == key)
        } else {
            self.map.get(&key).copied()
        };
        if found.is_none() {
            self.keys.push(key);
            if self.keys.len() == SHORT_LIST + 1 {
                self.map
                    .extend(self.keys.iter().enumerate().map(|(i, k)| (*k, i)));
            } else if self.keys.len() > SHORT_LIST + 1 {
                self.map.insert(key, self.keys.len() - 1);
            }
        }
        found
    }
}

/// The state of every activity of a plan (same order as `plan.activities`).
pub fn activity_states(
    plan: &Plan,
    records: &[Record],
    as_of: Option<NaiveDate>,
) -> Vec<ActivityState> {
    let index = Index::new(plan);
    let mut states = vec![ActivityState::default(); plan.activities.len()];
    // Per activity: the slots of its spending and of its commitments by
    // source (the source's index in the plan; `None`: unattributed), and of
    // its indicators by name.
    let mut spent_slots: Slots<Option<usize>> = Slots::new();
    let mut committed_slots: Slots<Option<usize>> = Slots::new();
    let mut names: Slots<&str> = Slots::new();
    let mut current = u32::MAX;
    let mut single: Option<usize> = None;
    let mut last_note: Option<usize> = None;
    let (steps, facts) = steps(&index, records, as_of);
    for (step, slot) in steps {
        let ai = step.activity as usize;
        if step.activity != current {
            if current != u32::MAX {
                let st = &mut states[current as usize];
                st.last_note = last_note.and_then(|i| records[i].note.clone());
            }
            current = step.activity;
            spent_slots.clear();
            committed_slots.clear();
            names.clear();
            last_note = None;
            single = plan.activities[ai]
                .single_source()
                .and_then(|s| index.sources.get(s).copied());
        }
        let i = step.record as usize;
        let f = &facts[slot as usize];
        let st = &mut states[ai];
        if let Some(s) = f.status {
            st.status = Some(s);
        }
        if let Some(p) = f.progress {
            st.progress = p;
        }
        if f.spent.is_some() || f.committed.is_some() {
            let source = f.source.unwrap_or(single);
            let flows = [
                (
                    f.spent,
                    &mut st.spent,
                    &mut st.spent_by_source,
                    &mut spent_slots,
                ),
                (
                    f.committed,
                    &mut st.committed,
                    &mut st.committed_by_source,
                    &mut committed_slots,
                ),
            ];
            for (amount, total, list, slots) in flows {
                let Some(x) = amount else { continue };
                *total += x;
                match slots.find_or_add(source) {
                    Some(k) => list[k].1 += x,
                    None => list.push((source.map(|s| plan.sources[s].id.clone()), x)),
                }
            }
        }
        st.last_date = Some(step.date);
        if !f.more {
            continue;
        }
        let r = &records[i];
        if r.note.is_some() {
            last_note = Some(i);
        }
        for iv in &r.indicators {
            match names.find_or_add(iv.name.as_str()) {
                Some(k) => {
                    st.indicators[k].1 = iv.value;
                    st.indicator_when[k] = (r.date, i);
                }
                None => {
                    st.indicators.push((iv.name.clone(), iv.value));
                    st.indicator_when.push((r.date, i));
                }
            }
        }
    }
    if current != u32::MAX {
        states[current as usize].last_note = last_note.and_then(|i| records[i].note.clone());
    }
    states
}

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
struct Part {
    budget: Decimal,
    initial: Decimal,
    has_initial: bool,
    secured: Decimal,
    pledged: Decimal,
    unfunded: Decimal,
    spent: Decimal,
    committed: Decimal,
}

impl Figures {
    fn add(
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

/// One group of a summary: its id and figures. Where the plan names the
/// group (an axis, an action, a source, a responsible), `name` is that
/// name; the groups ptba makes up (quarters, activities without a
/// responsible, unattributed spending) have none, and output labels them.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub by: GroupBy,
    pub id: String,
    pub name: Option<String>,
    pub figures: Figures,
}

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

fn whole(a: &Activity, plan: &Plan, index: &Index<'_>, st: &ActivityState) -> Part {
    let mut p = Part {
        budget: Decimal::ZERO,
        initial: Decimal::ZERO,
        has_initial: false,
        secured: Decimal::ZERO,
        pledged: Decimal::ZERO,
        unfunded: Decimal::ZERO,
        spent: st.spent,
        committed: st.committed,
    };
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

/// Flows per source id (`None`: unattributed), for lookups by source.
fn by_source(list: &[(Option<String>, Decimal)]) -> HashMap<Option<&str>, Decimal> {
    let mut m = HashMap::default();
    for (s, x) in list {
        *m.entry(s.as_deref()).or_insert(Decimal::ZERO) += *x;
    }
    m
}

/// Groups in first-seen order, keyed by id.
#[derive(Default)]
struct Groups {
    order: Vec<Group>,
    by_id: HashMap<String, usize>,
}

impl Groups {
    fn get(
        &mut self,
        by: GroupBy,
        id: &str,
        name: impl FnOnce() -> Option<String>,
    ) -> &mut Figures {
        let i = match self.by_id.get(id) {
            Some(&i) => i,
            None => {
                self.order.push(Group {
                    by,
                    id: id.to_string(),
                    name: name(),
                    figures: Figures::default(),
                });
                self.by_id.insert(id.to_string(), self.order.len() - 1);
                self.order.len() - 1
            }
        };
        &mut self.order[i].figures
    }
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
pub fn weighting_of(projects: &[Project], opts: &Options) -> Weighting {
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
            add_to_groups(&mut groups, by, plan, &index, a, st, &part, weighting);
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

/// Adds one activity (its whole `part`) to the group(s) it belongs to.
#[allow(clippy::too_many_arguments)]
fn add_to_groups(
    groups: &mut Groups,
    by: GroupBy,
    plan: &Plan,
    index: &Index<'_>,
    a: &Activity,
    st: &ActivityState,
    part: &Part,
    weighting: Weighting,
) {
    let action = index
        .actions
        .get(a.action.as_str())
        .map(|&i| &plan.actions[i]);
    match by {
        GroupBy::Axis => {
            let axis_id = action.map(|ac| ac.axis.as_str()).unwrap_or("");
            let title = || {
                Some(
                    index
                        .axes
                        .get(axis_id)
                        .map(|&i| plan.axes[i].title.clone())
                        .unwrap_or_default(),
                )
            };
            groups.get(by, axis_id, title).add(a, st, part, weighting);
        }
        GroupBy::Action => {
            let title = || Some(action.map(|ac| ac.title.clone()).unwrap_or_default());
            groups.get(by, &a.action, title).add(a, st, part, weighting);
        }
        GroupBy::Responsible => {
            let id = a.responsible.as_deref().unwrap_or("");
            groups
                .get(by, id, || a.responsible.clone())
                .add(a, st, part, weighting);
        }
        GroupBy::Quarter => {
            let mut qs = a.quarters.clone();
            qs.sort_unstable();
            qs.dedup();
            for q in qs {
                groups
                    .get(by, &format!("T{q}"), || None)
                    .add(a, st, part, weighting);
            }
        }
        GroupBy::Source => {
            // The activity's budget per source, in the order of its
            // lines, and its flows per source: hashed, since a
            // hostile plan may give one activity 30 000 lines.
            // (source, budget, initial, some line has an initial)
            let mut budgets: Vec<(&str, Decimal, Decimal, bool)> = Vec::new();
            let mut seen: HashMap<&str, usize> = HashMap::default();
            for line in &a.budget {
                let (t, i) = (line.total(), line.initial.unwrap_or(line.total()));
                match seen.entry(line.source.as_str()) {
                    Entry::Occupied(e) => {
                        let b = &mut budgets[*e.get()];
                        b.1 += t;
                        b.2 += i;
                        b.3 |= line.initial.is_some();
                    }
                    Entry::Vacant(e) => {
                        e.insert(budgets.len());
                        budgets.push((line.source.as_str(), t, i, line.initial.is_some()));
                    }
                }
            }
            let spent = by_source(&st.spent_by_source);
            let committed = by_source(&st.committed_by_source);
            for &(id, budget, initial, has_initial) in &budgets {
                let Some(&si) = index.sources.get(id) else {
                    continue;
                };
                let source = &plan.sources[si];
                let mut part = Part {
                    budget,
                    initial,
                    has_initial,
                    secured: Decimal::ZERO,
                    pledged: Decimal::ZERO,
                    unfunded: Decimal::ZERO,
                    spent: spent.get(&Some(id)).copied().unwrap_or_default(),
                    committed: committed.get(&Some(id)).copied().unwrap_or_default(),
                };
                match source.status {
                    FundingStatus::Secured => part.secured = budget,
                    FundingStatus::Pledged => part.pledged = budget,
                    FundingStatus::Unfunded => part.unfunded = budget,
                }
                groups
                    .get(by, &source.id, || Some(source.name.clone()))
                    .add(a, st, &part, weighting);
            }
            // Spending from a source the activity has no line from,
            // or from no source at all.
            let elsewhere = |m: &HashMap<Option<&str>, Decimal>| -> Decimal {
                m.iter()
                    .filter(|(s, _)| s.is_none_or(|s| !seen.contains_key(s)))
                    .map(|(_, x)| *x)
                    .sum()
            };
            let spent_elsewhere = elsewhere(&spent);
            let committed_elsewhere = elsewhere(&committed);
            if !spent_elsewhere.is_zero() || !committed_elsewhere.is_zero() {
                let part = Part {
                    budget: Decimal::ZERO,
                    initial: Decimal::ZERO,
                    has_initial: false,
                    secured: Decimal::ZERO,
                    pledged: Decimal::ZERO,
                    unfunded: Decimal::ZERO,
                    spent: spent_elsewhere,
                    committed: committed_elsewhere,
                };
                groups
                    .get(by, UNATTRIBUTED, || None)
                    .add(a, st, &part, weighting);
            }
        }
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
            add_to_groups(groups, by, plan, &index, a, st, &part, weighting);
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

/// Group id of spending that no source can be attributed to.
pub const UNATTRIBUTED: &str = "";

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

/// SPEC §4, money never disappears: a cancelled activity on which nothing
/// was spent or committed as of the date is set apart (its budget is the
/// cancelled budget and leaves every other money figure); a cancelled
/// activity on which money moved stays in every money figure, whole budget
/// included.
pub fn set_apart(st: &ActivityState) -> bool {
    st.cancelled() && st.spent.is_zero() && st.committed.is_zero()
}

/// First and last day of quarter `q` (1..=4) of `year`.
pub fn quarter_span(year: i32, q: u8) -> Option<(NaiveDate, NaiveDate)> {
    let (m1, m2, d2) = match q {
        1 => (1, 3, 31),
        2 => (4, 6, 30),
        3 => (7, 9, 30),
        4 => (10, 12, 31),
        _ => return None,
    };
    Some((
        NaiveDate::from_ymd_opt(year, m1, 1)?,
        NaiveDate::from_ymd_opt(year, m2, d2)?,
    ))
}

/// The planned quarters of an activity, sorted, each once, 1..=4 only.
pub fn planned_quarters(a: &Activity) -> Vec<u8> {
    let mut q: Vec<u8> = a
        .quarters
        .iter()
        .copied()
        .filter(|q| (1..=4).contains(q))
        .collect();
    q.sort_unstable();
    q.dedup();
    q
}

/// The progress (percent) the schedule implies on `date`: the share of the
/// planned quarters that have ended on or before that day (a quarter ends
/// on its last day). `None` while no planned quarter has ended.
pub fn expected_progress(year: i32, quarters: &[u8], date: NaiveDate) -> Option<Decimal> {
    let ended = quarters
        .iter()
        .filter(|&&q| quarter_span(year, q).is_some_and(|(_, end)| end <= date))
        .count();
    (ended > 0).then(|| Decimal::from(ended * 100) / Decimal::from(quarters.len()))
}

/// The lateness rule (report Chronogramme, `list --late`): an activity is
/// late on `date` when it is neither done nor cancelled, at least one of
/// its planned quarters has ended by then, and its physical progress is
/// below what the schedule implies ([`expected_progress`]): an activity
/// planned over T1..T4 at 70 % is late on 31/12 (100 % implied), not on
/// 15/12 (75 % implied, three quarters ended).
pub fn late(year: i32, a: &Activity, st: &ActivityState, date: NaiveDate) -> bool {
    if st.done() || st.cancelled() {
        return false;
    }
    expected_progress(year, &planned_quarters(a), date).is_some_and(|e| st.physical() < e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn line(source: &str, amount: &str) -> BudgetLine {
        BudgetLine {
            source: source.into(),
            amount: Some(d(amount)),
            ..Default::default()
        }
    }

    fn rec(activity: &str, date: &str) -> Record {
        Record {
            activity: activity.into(),
            date: NaiveDate::from_str(date).unwrap(),
            ..Default::default()
        }
    }

    /// Found while timing hostile inputs: per-record scans of an activity's
    /// sources and indicators made one activity of 30 000 budget lines and a
    /// log of 100 000 records take 40-65 s to check and summarize. The
    /// hashed lookups must give the figures the scans gave.
    #[test]
    fn an_activity_with_many_sources_and_indicators() {
        let n = 40;
        let mut p = project();
        p.plan.sources = (0..n)
            .map(|i| Source {
                id: format!("S{i}"),
                name: format!("Source {i}"),
                status: FundingStatus::Secured,
                ..Default::default()
            })
            .collect();
        let a = &mut p.plan.activities[0];
        a.budget = (0..n).map(|i| line(&format!("S{i}"), "100")).collect();
        a.budget.push(line("S0", "50"));
        a.indicators = (0..n)
            .map(|i| Indicator {
                name: format!("I{i}"),
                target: d("10"),
                ..Default::default()
            })
            .collect();
        p.records = (0..3 * n)
            .map(|i| {
                let mut r = rec("a", "2024-03-01");
                r.spent = Some(d("1"));
                r.source = (i % 4 != 3).then(|| format!("S{}", i % n));
                r.indicators = vec![IndicatorValue {
                    name: format!("I{}", i % n),
                    value: Decimal::from(i),
                    loc: Loc::None,
                }];
                r
            })
            .collect();
        let s = summarize(
            std::slice::from_ref(&p),
            GroupBy::Source,
            &Options::default(),
        );
        let group = |id: &str| s.groups.iter().find(|g| g.id == id).expect(id);
        // S0: lines of 100 and 50; records 0, 40, 80 name it.
        assert_eq!(group("S0").figures.budget, d("150"));
        assert_eq!(group("S0").figures.spent, d("3"));
        // Records 3, 7, … (every fourth, 30 of them) name no source, so
        // S3 (records 3, 43, 83) gets nothing and S1 (1, 41, 81) gets 3.
        assert_eq!(group("S1").figures.spent, d("3"));
        assert_eq!(group("S3").figures.spent, d("0"));
        assert_eq!(group(UNATTRIBUTED).figures.spent, d("30"));
        assert_eq!(s.total.spent, d("120"));
        let rows = indicators(&p, None);
        let row = |name: &str| rows.iter().find(|r| r.name == name).expect(name);
        assert_eq!(row("I0").actual, Some(d("80")));
        assert_eq!(row("I39").actual, Some(d("119")));
    }

    fn project() -> Project {
        let plan = Plan {
            year: 2024,
            sources: vec![
                Source {
                    id: "E".into(),
                    name: "État".into(),
                    status: FundingStatus::Secured,
                    ..Default::default()
                },
                Source {
                    id: "G".into(),
                    name: "Gap".into(),
                    status: FundingStatus::Unfunded,
                    ..Default::default()
                },
            ],
            axes: vec![Axis {
                id: "A1".into(),
                title: "Axe".into(),
                ..Default::default()
            }],
            actions: vec![Action {
                id: "A1.1".into(),
                axis: "A1".into(),
                title: "Act".into(),
                ..Default::default()
            }],
            activities: vec![
                Activity {
                    id: "a".into(),
                    action: "A1.1".into(),
                    quarters: vec![1, 2],
                    budget: vec![line("E", "600"), line("G", "400")],
                    ..Default::default()
                },
                Activity {
                    id: "b".into(),
                    action: "A1.1".into(),
                    quarters: vec![2],
                    weight: Some(d("3")),
                    budget: vec![line("E", "3000")],
                    ..Default::default()
                },
                Activity {
                    id: "c".into(),
                    action: "A1.1".into(),
                    budget: vec![line("E", "500")],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let records = vec![
            Record {
                progress: Some(d("50")),
                spent: Some(d("100")),
                source: Some("E".into()),
                ..rec("a", "2024-03-31")
            },
            Record {
                spent: Some(d("50")),
                ..rec("a", "2024-04-30")
            },
            Record {
                status: Some(Status::Done),
                spent: Some(d("2500")),
                committed: Some(d("3000")),
                ..rec("b", "2024-06-30")
            },
            Record {
                progress: Some(d("20")),
                ..rec("b", "2024-02-01")
            },
            Record {
                status: Some(Status::Cancelled),
                ..rec("c", "2024-05-01")
            },
        ];
        Project {
            plan,
            records,
            ..Default::default()
        }
    }

    #[test]
    fn plan_figures_by_hand() {
        let p = project();
        let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &Options::default());
        let t = &s.total;
        assert_eq!((t.activities, t.cancelled, t.done), (3, 1, 1));
        assert_eq!(t.budget, d("4500"));
        assert_eq!(t.cancelled_budget, d("500"));
        assert_eq!(t.active_budget, d("4000"));
        assert_eq!(t.spent, d("2650"));
        assert_eq!(t.committed, d("3000"));
        assert_eq!((t.secured, t.unfunded), (d("3600"), d("400")));
        let r = t.rates();
        // (50 + 100) / 2 over the non-cancelled activities
        assert_eq!(r.physical, Some(d("75")));
        assert_eq!(r.completion, Some(d("50")));
        assert_eq!(r.financial, Some(d("66.25")));
        assert_eq!(r.commitment, Some(d("75")));
        assert_eq!(r.mobilisation, Some(d("90")));
        assert_eq!(s.as_of, NaiveDate::from_ymd_opt(2024, 6, 30));
    }

    /// SPEC §4: c (500, source E) spent 120 before it was cancelled: it
    /// stays in every money figure, whole budget included, and still leaves
    /// the physical and completion rates.
    #[test]
    fn a_cancelled_activity_with_money_stays_in_the_money() {
        let mut p = project();
        p.records.push(Record {
            spent: Some(d("120")),
            ..rec("c", "2024-04-01")
        });
        let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &Options::default());
        let t = &s.total;
        assert_eq!((t.activities, t.cancelled, t.cancelled_kept), (3, 1, 1));
        assert_eq!(t.cancelled_budget, Decimal::ZERO);
        assert_eq!(t.active_budget, d("4500"));
        // 2650 + 120
        assert_eq!(t.spent, d("2770"));
        assert_eq!((t.secured, t.unfunded), (d("4100"), d("400")));
        let r = t.rates();
        // physical and completion over a and b only, as before
        assert_eq!(r.physical, Some(d("75")));
        assert_eq!(r.completion, Some(d("50")));
        // 2770 / 4500
        assert_eq!(r.financial.map(|x| money::round(x, 4)), Some(d("61.5556")));
        // A correction taking it back to zero: set apart again.
        p.records.push(Record {
            spent: Some(d("-120")),
            correction: true,
            note: Some("erreur".into()),
            ..rec("c", "2024-05-02")
        });
        let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &Options::default());
        assert_eq!(s.total.cancelled_budget, d("500"));
        assert_eq!(s.total.cancelled_kept, 0);
        assert_eq!(s.total.spent, d("2650"));
    }

    #[test]
    fn weightings() {
        let p = project();
        let by = |w| {
            let o = Options {
                weighting: Some(w),
                ..Default::default()
            };
            summarize(std::slice::from_ref(&p), GroupBy::Axis, &o)
                .total
                .rates()
                .physical
        };
        // budget: (50×1000 + 100×3000) / 4000
        assert_eq!(by(Weighting::Budget), Some(d("87.5")));
        // weight: (50×1 + 100×3) / 4
        assert_eq!(by(Weighting::Weight), Some(d("87.5")));
        assert_eq!(by(Weighting::Activities), Some(d("75")));
    }

    #[test]
    fn as_of_takes_latest_state_and_sums_flows() {
        let p = project();
        let o = Options {
            as_of: NaiveDate::from_ymd_opt(2024, 3, 31),
            ..Default::default()
        };
        let s = summarize(std::slice::from_ref(&p), GroupBy::Axis, &o);
        let t = &s.total;
        assert_eq!(t.cancelled, 0);
        assert_eq!(t.spent, d("100"));
        // a: 50, b: 20, c: 0 → 70 / 3
        assert_eq!(
            t.rates().physical.map(|x| money::round(x, 2)),
            Some(d("23.33"))
        );
    }

    #[test]
    fn by_source_attributes_spending() {
        let p = project();
        let s = summarize(
            std::slice::from_ref(&p),
            GroupBy::Source,
            &Options::default(),
        );
        let ids: Vec<_> = s.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["E", "G", UNATTRIBUTED]);
        let e = &s.groups[0].figures;
        assert_eq!(
            (e.budget, e.spent, e.cancelled_budget),
            (d("4100"), d("2600"), d("500"))
        );
        assert_eq!(e.rates().mobilisation, Some(d("100")));
        let g = &s.groups[1].figures;
        assert_eq!(
            (g.budget, g.spent, g.unfunded),
            (d("400"), d("0"), d("400"))
        );
        let u = &s.groups[2].figures;
        assert_eq!((u.budget, u.spent, u.activities), (d("0"), d("50"), 1));
        assert_eq!(u.rates().financial, None);
    }

    #[test]
    fn by_quarter_counts_each_planned_quarter() {
        let p = project();
        let s = summarize(
            std::slice::from_ref(&p),
            GroupBy::Quarter,
            &Options::default(),
        );
        let counts: Vec<_> = s
            .groups
            .iter()
            .map(|g| (g.id.as_str(), g.figures.activities))
            .collect();
        assert_eq!(counts, [("T1", 1), ("T2", 2), ("T3", 0), ("T4", 0)]);
        assert_eq!(s.groups[2].figures.rates().physical, None);
    }

    #[test]
    fn status_and_progress_are_tracked_separately() {
        let mut p = project();
        p.records.push(Record {
            progress: Some(d("10")),
            ..rec("b", "2024-07-01")
        });
        let st = activity_states(&p.plan, &p.records, None);
        assert_eq!(st[1].status, Some(Status::Done));
        assert_eq!(st[1].physical(), d("100"));
    }

    #[test]
    fn same_date_last_in_log_wins() {
        let mut p = project();
        p.records.push(Record {
            progress: Some(d("70")),
            ..rec("a", "2024-03-31")
        });
        p.records.push(Record {
            progress: Some(d("60")),
            ..rec("a", "2024-03-31")
        });
        let st = activity_states(&p.plan, &p.records, NaiveDate::from_ymd_opt(2024, 3, 31));
        assert_eq!(st[0].progress, d("60"));
    }

    #[test]
    fn achievement() {
        let row = |baseline: Option<&str>, target: &str, actual: Option<&str>| IndicatorRow {
            level: Level::Activity,
            owner: "a".into(),
            name: "n".into(),
            unit: None,
            baseline: baseline.map(d),
            target: d(target),
            actual: actual.map(d),
        };
        assert_eq!(row(None, "5", Some("2")).achievement(), Some(d("40")));
        assert_eq!(
            row(Some("10"), "20", Some("15")).achievement(),
            Some(d("50"))
        );
        // decreasing target: from 40 % down to 10 %, now 20 %
        assert_eq!(
            row(Some("40"), "10", Some("20"))
                .achievement()
                .map(|x| money::round(x, 2)),
            Some(d("66.67"))
        );
        assert_eq!(row(Some("5"), "5", Some("5")).achievement(), None);
        assert_eq!(row(None, "5", None).achievement(), None);
    }

    #[test]
    fn lateness_follows_the_schedule() {
        let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let all_year = Activity {
            quarters: vec![4, 1, 2, 3, 2],
            ..Activity::default()
        };
        let at = |p: i64, status: Option<Status>| ActivityState {
            progress: Decimal::from(p),
            status,
            ..ActivityState::default()
        };
        let q = planned_quarters(&all_year);
        assert_eq!(q, [1, 2, 3, 4]);
        // Nothing ended before 31/03; a quarter ends on its last day.
        assert_eq!(expected_progress(2024, &q, day(3, 30)), None);
        assert_eq!(
            expected_progress(2024, &q, day(3, 31)),
            Some(Decimal::from(25))
        );
        assert_eq!(
            expected_progress(2024, &q, day(12, 15)),
            Some(Decimal::from(75))
        );
        assert!(!late(2024, &all_year, &at(0, None), day(3, 30)));
        assert!(late(2024, &all_year, &at(24, None), day(3, 31)));
        assert!(!late(2024, &all_year, &at(75, None), day(12, 15)));
        assert!(late(2024, &all_year, &at(70, None), day(12, 15)));
        assert!(late(2024, &all_year, &at(99, None), day(12, 31)));
        // Done and cancelled are never late.
        assert!(!late(
            2024,
            &all_year,
            &at(0, Some(Status::Done)),
            day(12, 31)
        ));
        assert!(!late(
            2024,
            &all_year,
            &at(0, Some(Status::Cancelled)),
            day(12, 31)
        ));
        // Without planned quarters, nothing is expected.
        let unplanned = Activity::default();
        assert!(!late(2024, &unplanned, &at(0, None), day(12, 31)));
        // One quarter of three ended: a third implied.
        let t2_t4 = Activity {
            quarters: vec![2, 3, 4],
            ..Activity::default()
        };
        assert!(late(2024, &t2_t4, &at(33, None), day(7, 1)));
        assert!(!late(2024, &t2_t4, &at(34, None), day(7, 1)));
    }

    #[test]
    fn set_apart_only_without_money() {
        let st = |spent: i64, committed: i64, status| ActivityState {
            status,
            spent: Decimal::from(spent),
            committed: Decimal::from(committed),
            ..ActivityState::default()
        };
        assert!(set_apart(&st(0, 0, Some(Status::Cancelled))));
        assert!(!set_apart(&st(1, 0, Some(Status::Cancelled))));
        assert!(!set_apart(&st(0, 1, Some(Status::Cancelled))));
        assert!(!set_apart(&st(0, 0, Some(Status::Postponed))));
    }
}

//! Where each activity stands as of a date: its latest status and progress,
//! its spending and commitments by source, its last note and indicator values.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

use crate::model::*;

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
    fn money_moved(&self) -> bool {
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

/// SPEC §4, money never disappears: a cancelled activity on which nothing
/// was spent or committed as of the date is set apart (its budget is the
/// cancelled budget and leaves every other money figure); a cancelled
/// activity on which money moved stays in every money figure, whole budget
/// included.
pub fn set_apart(st: &ActivityState) -> bool {
    st.set_apart()
}

/// Spending recorded so far by (activity, source): a record without a
/// source counts for the activity's single source, or under "" when the
/// activity has several. One pass over the log.
pub fn spent_by_line(project: &Project) -> std::collections::HashMap<(String, String), Decimal> {
    use std::collections::HashMap;
    let single: HashMap<&str, Option<&str>> = project
        .plan
        .activities
        .iter()
        .map(|a| (a.id.as_str(), a.single_source()))
        .collect();
    let mut out: HashMap<(String, String), Decimal> = HashMap::new();
    for r in &project.records {
        let Some(x) = r.spent else { continue };
        let source = match &r.source {
            Some(s) => s.clone(),
            None => single
                .get(r.activity.as_str())
                .copied()
                .flatten()
                .unwrap_or("")
                .to_string(),
        };
        *out.entry((r.activity.clone(), source)).or_default() += x;
    }
    out
}

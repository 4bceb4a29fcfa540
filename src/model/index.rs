//! The ids of a plan resolved once, shared by `check`, `compute` and
//! `output`: every lookup afterwards is a hash lookup.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use super::{Activity, Indicator, Plan};

/// Ids of the plan resolved once: every lookup afterwards is a hash lookup.
pub struct Index<'p> {
    pub sources: HashMap<&'p str, usize>,
    pub axes: HashMap<&'p str, usize>,
    pub actions: HashMap<&'p str, usize>,
    pub activities: HashMap<&'p str, usize>,
}

impl<'p> Index<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        fn map<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
            let mut m = HashMap::with_capacity_and_hasher(items.len(), Default::default());
            for (i, it) in items.iter().enumerate() {
                m.entry(id(it)).or_insert(i);
            }
            m
        }
        Index {
            sources: map(&plan.sources, |s| s.id.as_str()),
            axes: map(&plan.axes, |a| a.id.as_str()),
            actions: map(&plan.actions, |a| a.id.as_str()),
            activities: map(&plan.activities, |a| a.id.as_str()),
        }
    }
}
/// Whether an entry has an indicator (or an activity a source) of a given
/// name. Short lists are scanned; long ones (a hostile plan may give one
/// activity 50 000 indicators or 30 000 budget lines) are hashed once, so that
/// a lookup per record stays cheap. Levels: 0 axis, 1 action, 2 activity.
pub struct Names<'p> {
    long: HashSet<(u8, usize, &'p str)>,
}

impl<'p> Names<'p> {
    const SHORT: usize = 16;

    pub fn new(plan: &'p Plan) -> Self {
        let mut long = HashSet::new();
        for (i, a) in plan.activities.iter().enumerate() {
            if a.budget.len() > Self::SHORT {
                long.extend(a.budget.iter().map(|l| (3, i, l.source.as_str())));
            }
        }
        let levels: [(u8, Vec<&'p [Indicator]>); 3] = [
            (0, plan.axes.iter().map(|x| &x.indicators[..]).collect()),
            (1, plan.actions.iter().map(|x| &x.indicators[..]).collect()),
            (
                2,
                plan.activities.iter().map(|x| &x.indicators[..]).collect(),
            ),
        ];
        for (level, lists) in &levels {
            for (i, list) in lists.iter().enumerate() {
                if list.len() > Self::SHORT {
                    long.extend(list.iter().map(|ind| (*level, i, ind.name.as_str())));
                }
            }
        }
        Names { long }
    }

    /// Entry `i` of `level`, whose indicators are `list`, has one named `name`.
    pub fn indicator(&self, level: u8, i: usize, list: &[Indicator], name: &str) -> bool {
        if list.len() > Self::SHORT {
            self.long.contains(&(level, i, name))
        } else {
            list.iter().any(|ind| ind.name == name)
        }
    }

    /// Activity `ai` (`a`) has a budget line from `source`.
    pub fn source(&self, ai: usize, a: &Activity, source: &str) -> bool {
        if a.budget.len() > Self::SHORT {
            self.long.contains(&(3, ai, source))
        } else {
            a.has_source(source)
        }
    }
}

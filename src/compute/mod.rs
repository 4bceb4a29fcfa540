//! Rates and totals (SPEC §4), as of a date, by group, over one plan or a
//! consolidation of several. Pure functions over the model; exact decimals.
//! Groups come back with their ids (and the plan's own names); `output`
//! labels them.
//!
//! - `states`: where each activity stands as of a date;
//! - `figures`: the totals and rates of a group;
//! - `groups`: which group(s) an activity counts in;
//! - `summary`: the summary of one plan or a consolidation;
//! - `indicators`: indicators with their latest values;
//! - `schedule`: quarters, expected progress and lateness.

use chrono::NaiveDate;

use crate::model::Weighting;

mod figures;
mod groups;
mod indicators;
mod schedule;
mod states;
mod summary;
#[cfg(test)]
mod tests;

pub use figures::{Figures, Rates};
pub use groups::{Group, UNATTRIBUTED};
pub use indicators::{IndicatorRow, Level, indicators, indicators_from};
pub use schedule::{expected_progress, late, planned_quarters, quarter_span};
pub use states::{ActivityState, activity_states, set_apart, spent_by_line};
pub use summary::{Summary, default_as_of, summarize, summarize_split, summarize_states};

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

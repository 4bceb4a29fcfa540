//! The schedule: quarters, the progress they imply, lateness.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::ActivityState;
use crate::model::*;

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

//! One filled row of the template: its activity and source, its date,
//! status, progress and amounts, each checked at its cell; two rows of one
//! activity for one date must agree; spending above what is left of the
//! budget is a warning.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Cols;
use crate::compute::spent_by_line;
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::workbook as w;
use crate::layout::template::Col;
use crate::load::book::Value;
use crate::load::cells::Reading;
use crate::log_text::NewRecord;
use crate::model::{Activity, Project, Status};
use crate::money;

/// The first row giving an activity's situation on a date: (row, status,
/// progress).
type StateSeen = (u32, Option<Status>, Option<Decimal>);

/// What reading the rows needs and remembers from one row to the next.
pub(super) struct Rows<'p> {
    project: &'p Project,
    c: &'p Cols,
    activities: HashMap<&'p str, usize>,
    /// What each activity × source has left, as the rows are read.
    remaining: HashMap<(String, String), Decimal>,
    spent_so_far: HashMap<(String, String), Decimal>,
    /// What each activity has spent in all (for rows without a source):
    /// summed once, not searched for on every row (30 000 rows of
    /// activities without budget lines took 16 s).
    spent_by_activity: HashMap<String, Decimal>,
    states_seen: HashMap<(String, NaiveDate), StateSeen>,
    /// Unknown codes so far (a suggestion is looked for on the first ones).
    unknown: usize,
}

impl<'p> Rows<'p> {
    pub(super) fn new(project: &'p Project, c: &'p Cols) -> Rows<'p> {
        let activities = project
            .plan
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let spent_so_far = spent_by_line(project);
        let mut spent_by_activity: HashMap<String, Decimal> = HashMap::new();
        for ((act, _), v) in &spent_so_far {
            *spent_by_activity.entry(act.clone()).or_default() += *v;
        }
        Rows {
            project,
            c,
            activities,
            remaining: HashMap::new(),
            spent_so_far,
            spent_by_activity,
            states_seen: HashMap::new(),
            unknown: 0,
        }
    }

    /// Whether the row has something typed in an input column.
    pub(super) fn is_filled(&self, rd: &Reading<'_, '_>, r: u32) -> bool {
        !Col::INPUTS
            .iter()
            .all(|&x| self.c.get(x).is_none_or(|col| rd.get(r, col).is_empty()))
    }

    /// The record of a filled row, or `None` when a cell is wrong (each
    /// reported at its cell).
    pub(super) fn record(&mut self, rd: &mut Reading<'_, '_>, r: u32) -> Option<NewRecord> {
        let c = self.c;
        let activity = self.activity(rd, r)?;
        let source = rd.text(r, c.get(Col::Source));
        if let Some(s) = &source
            && !self.project.plan.sources.iter().any(|x| x.id == *s)
        {
            let lang = rd.lang;
            rd.error(
                Code::UnknownSource,
                r,
                c.get(Col::Source).unwrap_or(0),
                w::unknown_source(lang, s),
            );
            return None;
        }
        let date = date(rd, r, c.get(Col::Date).unwrap_or(0));
        let status = crate::load::plan_workbook::status_cell(rd, r, c.get(Col::Status));
        let progress = progress(rd, r, c.get(Col::Progress));
        let committed = amount(rd, r, c.get(Col::Committed));
        let spent = amount(rd, r, c.get(Col::Spent));
        let note = rd.text(r, c.get(Col::Note));
        let (date, status, progress, committed, spent) =
            (date?, status?, progress?, committed?, spent?);
        if !self.same_state(rd, r, activity, date, status, progress) {
            return None;
        }
        if let Some(x) = spent {
            self.overspent(rd, r, activity, source.as_deref(), x);
        }
        Some(NewRecord {
            activity: activity.id.clone(),
            date,
            status,
            progress,
            committed,
            spent,
            source,
            category: None,
            indicators: Vec::new(),
            note,
            correction: false,
        })
    }

    /// The row's activity, from its code.
    fn activity(&mut self, rd: &mut Reading<'_, '_>, r: u32) -> Option<&'p Activity> {
        let plan = &self.project.plan;
        let code = rd.text(r, self.c.get(Col::Code)).unwrap_or_default();
        if let Some(&ai) = self.activities.get(code.as_str()) {
            return Some(&plan.activities[ai]);
        }
        let lang = rd.lang;
        let code_col = self.c.get(Col::Code).unwrap_or(0);
        let mut d = Diagnostic::error(
            Code::UnknownActivity,
            rd.loc(r, code_col),
            if code.is_empty() {
                w::row_without_code(lang).to_string()
            } else {
                w::unknown_activity(lang, &code)
            },
        );
        self.unknown += 1;
        if self.unknown <= crate::load::plan_workbook::MAX_SUGGESTIONS
            && let Some(n) =
                crate::text::nearest(&code, plan.activities.iter().map(|a| a.id.as_str()))
        {
            d.help = Some(w::did_you_mean(lang, n));
        }
        rd.diags.push(d);
        None
    }

    /// Two rows of one activity for one date (one per source) must tell
    /// the same status and progress: states are not summed, the last would
    /// silently win. False (reported) when they differ.
    fn same_state(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        activity: &Activity,
        date: NaiveDate,
        status: Option<Status>,
        progress: Option<Decimal>,
    ) -> bool {
        let mut e = match self.states_seen.entry((activity.id.clone(), date)) {
            Entry::Vacant(e) => {
                e.insert((r, status, progress));
                return true;
            }
            Entry::Occupied(e) => e,
        };
        let (first, st0, p0) = *e.get();
        let col = if st0.is_some() && status.is_some() && st0 != status {
            self.c.get(Col::Status)
        } else if p0.is_some() && progress.is_some() && p0 != progress {
            self.c.get(Col::Progress)
        } else {
            None
        };
        let Some(col) = col else {
            e.insert((first, st0.or(status), p0.or(progress)));
            return true;
        };
        let lang = rd.lang;
        let first_cell = crate::diagnostic::cell_ref(&rd.sheet.name, first, col);
        rd.error(
            Code::InvalidValue,
            r,
            col,
            w::two_situations(
                lang,
                &activity.id,
                crate::i18n::format_date(date, lang),
                &first_cell,
            ),
        );
        false
    }

    /// Above what is left of the budget: a warning (the money may come from
    /// elsewhere, but someone should look).
    fn overspent(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        activity: &Activity,
        source: Option<&str>,
        x: Decimal,
    ) {
        let key_source = source
            .or_else(|| activity.single_source())
            .unwrap_or_default()
            .to_string();
        let (spent_so_far, spent_by_activity) = (&self.spent_so_far, &self.spent_by_activity);
        let left = self
            .remaining
            .entry((activity.id.clone(), key_source.clone()))
            .or_insert_with(|| {
                let budget: Decimal = activity
                    .budget
                    .iter()
                    .filter(|l| key_source.is_empty() || l.source == key_source)
                    .map(|l| l.total())
                    .sum();
                let already: Decimal = if key_source.is_empty() {
                    spent_by_activity
                        .get(activity.id.as_str())
                        .copied()
                        .unwrap_or_default()
                } else {
                    spent_so_far
                        .get(&(activity.id.clone(), key_source.clone()))
                        .copied()
                        .unwrap_or_default()
                };
                budget - already
            });
        if x > *left {
            let lang = rd.lang;
            let cur = &self.project.plan.currency;
            rd.warning(
                Code::Overspent,
                r,
                self.c.get(Col::Spent).unwrap_or(0),
                w::overspent(
                    lang,
                    money::format_amount(x, cur, lang),
                    money::format_amount(*left, cur, lang),
                    &activity.id,
                    if key_source.is_empty() {
                        String::new()
                    } else {
                        format!(" ({key_source})")
                    },
                ),
            );
        }
        *left -= x;
    }
}

/// The date of the situation, required on every filled row.
fn date(rd: &mut Reading<'_, '_>, r: u32, date_col: u32) -> Option<NaiveDate> {
    if rd.get(r, date_col).is_empty() {
        let lang = rd.lang;
        rd.error(
            Code::MissingKey,
            r,
            date_col,
            w::missing_date(lang).to_string(),
        );
        None
    } else {
        rd.date(r, Some(date_col))
    }
}

/// The progress, a whole number from 0 to 100: `Some(None)` when empty,
/// `None` when wrong (reported).
fn progress(rd: &mut Reading<'_, '_>, r: u32, col: Option<u32>) -> Option<Option<Decimal>> {
    let Some(col) = col.filter(|&col| !rd.get(r, col).is_empty()) else {
        return Some(None);
    };
    let lang = rd.lang;
    let v = match rd.get(r, col) {
        Value::Text(t) => {
            let t = t.trim().trim_end_matches('%').trim();
            money::parse_decimal_text(t).ok()
        }
        Value::Number(d) => *d,
        _ => None,
    };
    let message = match v {
        // 40 % typed in a cell formatted as a percentage is 0.4.
        Some(p) if !p.fract().is_zero() && p > Decimal::ZERO && p < Decimal::ONE => (
            Code::InvalidValue,
            w::progress_as_fraction(lang, money::raw(p), money::raw(p * Decimal::ONE_HUNDRED)),
        ),
        Some(p) if p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED => return Some(Some(p)),
        Some(p) => (
            Code::ProgressRange,
            w::progress_out_of_range(lang, money::raw(p)),
        ),
        None => (
            Code::InvalidValue,
            w::progress_not_a_number(lang, rd.get(r, col).text()),
        ),
    };
    rd.error(message.0, r, col, message.1);
    None
}

/// An amount, positive or zero: `Some(None)` when empty, `None` when wrong
/// (reported).
fn amount(rd: &mut Reading<'_, '_>, r: u32, col: Option<u32>) -> Option<Option<Decimal>> {
    match col {
        Some(col) if !rd.get(r, col).is_empty() => {
            let n = rd.diags.len();
            let v = rd.number(r, Some(col), false);
            if rd.diags.len() > n { None } else { Some(v) }
        }
        _ => Some(None),
    }
}

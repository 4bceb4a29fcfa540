//! The "Par catégorie" sheet: budget and spending by expenditure category
//! (the `category` of the budget lines; a record may name the category of
//! its spending). Spending without one goes to the category of the
//! activity's lines from its source when they have a single one, else to
//! "non ventilé" (SPEC §3).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum, XlsxError};

use rustc_hash::FxHashMap as HashMap;

use crate::compute::{self, ActivityState};
use crate::i18n::Label;
use crate::i18n::report::{self, Column};
use crate::model::Index;
use crate::model::Project;

use super::SheetNames;
use super::cumul::{self, Style};
use super::data::Data;
use super::figures::Period;
use crate::output::xlsx::{Formats, Sheet};

/// Where a budget or a flow is counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Named(String),
    /// Budget lines without a category (and spending on them).
    None,
    /// Spending that no single category can take.
    Unattributed,
}

/// One category's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CategoryRow {
    pub budget: Decimal,
    /// Budget of cancelled activities on which no money moved.
    pub cancelled_budget: Decimal,
    pub committed: Decimal,
    pub spent_period: Decimal,
    pub spent: Decimal,
}

/// The rows, in the order categories first appear in the plans' lines,
/// then categories named only by records, then lines without a category,
/// then "non ventilé". Flows up to `period.to`; `states` as of that date.
/// `source`: only that source's lines and the flows attributed to it (a
/// record naming it, or the only source of its activity, on an activity
/// with lines from it).
pub fn rows(
    projects: &[Project],
    states: &[Vec<ActivityState>],
    period: &Period,
    source: Option<&str>,
) -> Vec<(Key, CategoryRow)> {
    let mut out: Vec<(Key, CategoryRow)> = Vec::new();
    // Hashed: a plan may have thousands of categories, a log 200 000 records.
    let mut seen: HashMap<Key, usize> = HashMap::default();
    let mut slot = |out: &mut Vec<(Key, CategoryRow)>, k: Key| -> usize {
        *seen.entry(k.clone()).or_insert_with(|| {
            out.push((k, CategoryRow::default()));
            out.len() - 1
        })
    };
    let key_of = |c: Option<&str>| match c {
        Some(c) => Key::Named(c.to_string()),
        None => Key::None,
    };
    for (project, states) in projects.iter().zip(states) {
        let plan = &project.plan;
        for (a, st) in plan.activities.iter().zip(states) {
            let apart = compute::set_apart(st);
            for l in a
                .budget
                .iter()
                .filter(|l| source.is_none_or(|s| l.source == s))
            {
                let i = slot(&mut out, key_of(l.category.as_deref()));
                out[i].1.budget += l.total();
                if apart {
                    out[i].1.cancelled_budget += l.total();
                }
            }
        }
    }
    for project in projects {
        let plan = &project.plan;
        let index = Index::new(plan);
        for r in &project.records {
            if r.date == NaiveDate::MAX || r.date > period.to {
                continue;
            }
            let Some(&ai) = index.activities.get(r.activity.as_str()) else {
                continue;
            };
            if r.spent.is_none() && r.committed.is_none() {
                continue;
            }
            let a = &plan.activities[ai];
            if let Some(s) = source {
                let from = r.source.as_deref().or_else(|| a.single_source());
                if from != Some(s) || !a.has_source(s) {
                    continue;
                }
            }
            let key = match &r.category {
                Some(c) => Key::Named(c.clone()),
                None => {
                    let source = r.source.as_deref().or_else(|| a.single_source());
                    let mut cats = a
                        .budget
                        .iter()
                        .filter(|l| Some(l.source.as_str()) == source)
                        .map(|l| l.category.as_deref());
                    match cats.next() {
                        Some(first) if cats.all(|c| c == first) => key_of(first),
                        _ => Key::Unattributed,
                    }
                }
            };
            let i = slot(&mut out, key);
            let row = &mut out[i].1;
            if let Some(x) = r.spent {
                row.spent += x;
                if r.date >= period.from {
                    row.spent_period += x;
                }
            }
            if let Some(x) = r.committed {
                row.committed += x;
            }
        }
    }
    // Lines without a category, then "non ventilé", last.
    out.sort_by_key(|(k, _)| match k {
        Key::Named(_) => 0,
        Key::None => 1,
        Key::Unattributed => 2,
    });
    out
}

/// Columns of the sheet.
mod col {
    use rust_xlsxwriter::ColNum;
    pub const NAME: ColNum = 0;
    pub const BUDGET: ColNum = 1;
    pub const CANCELLED: ColNum = 2;
    pub const COMMITTED: ColNum = 3;
    pub const SPENT_PERIOD: ColNum = 4;
    pub const SPENT: ColNum = 5;
    pub const OUTSTANDING: ColNum = 6;
    pub const BALANCE: ColNum = 7;
    pub const FINANCIAL: ColNum = 8;
}

/// The cumulative cells' columns.
const CUMUL: cumul::Cols = cumul::Cols {
    budget: col::BUDGET,
    cancelled: col::CANCELLED,
    committed: col::COMMITTED,
    spent: col::SPENT,
    outstanding: col::OUTSTANDING,
    balance: col::BALANCE,
    financial: col::FINANCIAL,
};

/// The labels of the header row.
fn labels(t: &Style<'_>) -> [(ColNum, String); 9] {
    let lang = t.lang;
    let amt = |l: &str| t.amount(l);
    [
        (col::NAME, Column::Category.text(lang).to_string()),
        (col::BUDGET, amt(Label::Budget.text(lang))),
        (col::CANCELLED, amt(Column::OfWhichCancelled.text(lang))),
        (col::COMMITTED, amt(Label::Committed.text(lang))),
        (col::SPENT_PERIOD, amt(Column::SpentInPeriod.text(lang))),
        (col::SPENT, amt(Column::SpentCumulative.text(lang))),
        (col::OUTSTANDING, amt(Column::Outstanding.text(lang))),
        (col::BALANCE, amt(Label::Balance.text(lang))),
        (col::FINANCIAL, Label::Financial.text(lang).to_string()),
    ]
}

/// The value cells of a row: (column, amount).
fn values(r: &CategoryRow) -> [(ColNum, Decimal); 5] {
    [
        (col::BUDGET, r.budget),
        (col::CANCELLED, r.cancelled_budget),
        (col::COMMITTED, r.committed),
        (col::SPENT_PERIOD, r.spent_period),
        (col::SPENT, r.spent),
    ]
}

/// The cumulative cells of a row.
fn derived(
    s: &mut Sheet,
    row: RowNum,
    r: &CategoryRow,
    bold: bool,
    t: &Style<'_>,
) -> Result<(), XlsxError> {
    let v = cumul::Values {
        budget: r.budget,
        cancelled_budget: r.cancelled_budget,
        committed: r.committed,
        spent: r.spent,
    };
    cumul::cells(s, row, &CUMUL, &v, bold, t)
}

/// Writes the table from `header_row`; returns the total row.
pub fn write_table(
    s: &mut Sheet,
    header_row: RowNum,
    rows: &[(Key, CategoryRow)],
    t: &Style<'_>,
) -> Result<RowNum, XlsxError> {
    let lang = t.lang;
    let labels = labels(t);
    cumul::header_row(s, header_row, &labels, t)?;
    for (c, _) in &labels {
        s.min_width(*c, 14);
    }
    let first = header_row + 1;
    let mut total = CategoryRow::default();
    for (i, (k, r)) in rows.iter().enumerate() {
        let row = first + i as RowNum;
        let name = match k {
            Key::Named(n) => n.as_str(),
            Key::None => report::no_category(lang),
            Key::Unattributed => Label::Unattributed.text(lang),
        };
        s.fit_row(row, &[(name, 40)])?;
        s.text(row, col::NAME, name, &t.f.wrap)?;
        for (c, d) in values(r) {
            s.amount(row, c, d, t.decimals, &t.f.amount)?;
        }
        derived(s, row, r, false, t)?;
        total.budget += r.budget;
        total.cancelled_budget += r.cancelled_budget;
        total.committed += r.committed;
        total.spent_period += r.spent_period;
        total.spent += r.spent;
    }
    let total_row = first + rows.len() as RowNum;
    cumul::total_row(s, first, total_row, col::NAME, &values(&total), t)?;
    derived(s, total_row, &total, true, t)?;
    crate::output::xlsx::flag_overspending(&mut s.ws, first, total_row, col::FINANCIAL)?;
    s.max_width(col::NAME, 40);
    Ok(total_row)
}

/// The Par catégorie sheet: its banners, then the table.
pub(crate) fn sheet(
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
    period: &Period,
    rows: &[(Key, CategoryRow)],
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::new(names.categories)?;
    let title = report::categories_title(lang, &super::period::period_text(period, lang));
    let note = report::categories_note(lang);
    cumul::banners(&mut s, &title, &data.title(), Some(note), f)?;
    let header_row: RowNum = 4;
    write_table(&mut s, header_row, rows, &data.table_style(f))?;
    s.ws.set_freeze_panes(header_row + 1, 1)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

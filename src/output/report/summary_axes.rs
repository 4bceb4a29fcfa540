//! Synthèse's by-axis table: its columns and the writing of one row (an
//! axis, or the total of the axis rows).

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum, XlsxError};

use crate::compute::Figures;
use crate::output::xlsx::{Cached, Formats, NO_RATE, Sheet, amount_width, cell};

use super::data::Data;
use super::figures::Money;
use super::{initial_cells, rate_formula, revised};

/// Whether a code, as a SUMIFS criterion, matches that code only: letters
/// first, then letters, digits, `.` or `_` (never a number, a date, a
/// boolean, a wildcard or a comparison), and no other code of the table
/// equal to it but for case (criteria ignore case).
pub(crate) fn criterion_safe(code: &str, all: &[&str]) -> bool {
    let mut chars = code.chars();
    let shape = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    let word = ["TRUE", "FALSE", "VRAI", "FAUX", "INF", "NAN", "INFINITY"]
        .iter()
        .any(|w| code.eq_ignore_ascii_case(w));
    shape
        && !word
        && code.parse::<f64>().is_err()
        && all.iter().filter(|c| c.eq_ignore_ascii_case(code)).count() == 1
}

/// Columns of the by-axis table on Synthèse.
pub(crate) mod ax {
    use rust_xlsxwriter::ColNum;
    pub const CODE: ColNum = 0;
    pub const TITLE: ColNum = 1;
    pub const ACTIVITIES: ColNum = 2;
    pub const CANCELLED: ColNum = 3;
    pub const DONE: ColNum = 4;
    pub const BUDGET: ColNum = 5;
    pub const CANCELLED_BUDGET: ColNum = 6;
    pub const COMMITTED: ColNum = 7;
    pub const SPENT: ColNum = 8;
    pub const OUTSTANDING: ColNum = 9;
    pub const BALANCE: ColNum = 10;
    pub const SECURED: ColNum = 11;
    pub const PLEDGED: ColNum = 12;
    pub const UNFUNDED: ColNum = 13;
    pub const PHYSICAL: ColNum = 14;
    pub const COMPLETION: ColNum = 15;
    pub const FINANCIAL: ColNum = 16;
    pub const COMMITMENT: ColNum = 17;
    pub const MOBILISATION: ColNum = 18;
    /// Only on a revised plan (some line keeps its `initial`).
    pub const INITIAL: ColNum = 19;
    pub const INITIAL_DIFF: ColNum = 20;
}

/// A row of the by-axis table: one axis, or the total of the axis rows
/// (first and last, none when there is no axis).
#[derive(Clone, Copy)]
pub(crate) enum AxisRow {
    Group,
    Total(Option<(RowNum, RowNum)>),
}

/// Writes one row of the by-axis table: counts and amounts as values (or
/// sums for the total row), balance and rates as formulas.
#[allow(clippy::too_many_arguments)]
pub(crate) fn axis_row(
    s: &mut Sheet,
    row: RowNum,
    fig: &Figures,
    m: &Money,
    kind: AxisRow,
    physical: (Option<String>, Option<Decimal>),
    data: &Data<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let dec = data.decimals;
    let (bold, sums) = match kind {
        AxisRow::Group => (false, None),
        AxisRow::Total(sums) => (true, sums),
    };
    let (fa, fc, fr) = if bold {
        (&f.amount_bold, &f.count_bold, &f.rate_bold)
    } else {
        (&f.amount, &f.count, &f.rate)
    };
    let counts = [
        (ax::ACTIVITIES, fig.activities),
        (ax::CANCELLED, fig.cancelled),
        (ax::DONE, fig.done),
    ];
    let amounts = [
        (ax::BUDGET, m.budget),
        (ax::CANCELLED_BUDGET, m.cancelled_budget),
        (ax::COMMITTED, m.committed),
        (ax::SPENT, m.spent),
        (ax::SECURED, m.secured),
        (ax::PLEDGED, m.pledged),
        (ax::UNFUNDED, m.unfunded),
    ];
    let sum = |col: ColNum| -> String {
        match sums {
            Some((a, b)) => format!("SUM({}:{})", cell(a, col), cell(b, col)),
            None => "0".to_string(),
        }
    };
    let total = bold;
    for (col, n) in counts {
        let shown = n.to_string().len();
        if total {
            s.formula(row, col, &sum(col), Cached::Num(n as f64), shown, fc)?;
        } else {
            s.number(row, col, n as f64, shown, fc)?;
        }
    }
    for (col, d) in amounts {
        if total {
            s.formula(
                row,
                col,
                &sum(col),
                Cached::amount(d),
                amount_width(d, dec),
                fa,
            )?;
        } else {
            s.amount(row, col, d, dec, fa)?;
        }
    }
    let c = |col| cell(row, col);
    let active_budget = format!("{}-{}", c(ax::BUDGET), c(ax::CANCELLED_BUDGET));
    let balance = m.balance();
    s.formula(
        row,
        ax::BALANCE,
        &format!("{}-{}", active_budget, c(ax::SPENT)),
        Cached::amount(balance),
        amount_width(balance, dec),
        fa,
    )?;
    let outstanding = m.outstanding();
    s.formula(
        row,
        ax::OUTSTANDING,
        &format!("{}-{}", c(ax::COMMITTED), c(ax::SPENT)),
        Cached::amount(outstanding),
        amount_width(outstanding, dec),
        fa,
    )?;
    let rates = fig.rates();
    match physical.0 {
        Some(formula) => s.formula(row, ax::PHYSICAL, &formula, Cached::rate(physical.1), 5, fr)?,
        None => s.text(row, ax::PHYSICAL, NO_RATE, fr)?,
    }
    let active = format!("{}-{}", c(ax::ACTIVITIES), c(ax::CANCELLED));
    for (col, num, den, value) in [
        (ax::COMPLETION, c(ax::DONE), &active, rates.completion),
        (ax::FINANCIAL, c(ax::SPENT), &active_budget, m.financial()),
        (
            ax::COMMITMENT,
            c(ax::COMMITTED),
            &active_budget,
            m.commitment(),
        ),
        (
            ax::MOBILISATION,
            c(ax::SECURED),
            &active_budget,
            m.mobilisation(),
        ),
    ] {
        s.formula(
            row,
            col,
            &rate_formula(&num, den),
            Cached::rate(value),
            5,
            fr,
        )?;
    }
    if revised(data) {
        initial_cells(
            s,
            row,
            (ax::BUDGET, ax::INITIAL, ax::INITIAL_DIFF),
            m.budget,
            fig.initial,
            total.then(|| sum(ax::INITIAL)),
            dec,
            fa,
        )?;
    }
    Ok(())
}

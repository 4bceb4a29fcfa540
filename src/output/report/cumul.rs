//! What the money tables share. Every one of them (by axis, by source,
//! Période, Par catégorie and the funder's extract) has the cumulative
//! cells: outstanding commitments, balance and financial rate, as formulas
//! on the row's own cells. The Période and Par catégorie tables also share
//! their header row of wrapped labels, their total row and the banners
//! above them.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum, XlsxError};

use crate::i18n::{Label, Lang};
use crate::money;
use crate::output::xlsx::{Cached, Formats, NO_RATE, Sheet, cell};

use super::figures::Money;

/// What a table needs besides its rows: the language, the formats, the
/// currency's decimals and label.
pub(crate) struct Style<'a> {
    pub(crate) lang: Lang,
    pub(crate) f: &'a Formats,
    pub(crate) decimals: u32,
    pub(crate) currency: &'a str,
}

impl Style<'_> {
    /// "Budget (FCFA)": the label of an amount column.
    pub(crate) fn amount(&self, label: &str) -> String {
        format!("{label} ({})", self.currency)
    }
}

/// Columns of the cumulative cells.
pub(crate) struct Cols {
    pub(crate) budget: ColNum,
    pub(crate) cancelled: ColNum,
    pub(crate) committed: ColNum,
    pub(crate) spent: ColNum,
    pub(crate) outstanding: ColNum,
    pub(crate) balance: ColNum,
    pub(crate) financial: ColNum,
}

/// The cumulative figures of a row.
pub(crate) struct Values {
    pub(crate) budget: Decimal,
    pub(crate) cancelled_budget: Decimal,
    pub(crate) committed: Decimal,
    pub(crate) spent: Decimal,
}

impl Values {
    pub(crate) fn of(m: &Money) -> Values {
        Values {
            budget: m.budget,
            cancelled_budget: m.cancelled_budget,
            committed: m.committed,
            spent: m.spent,
        }
    }
}

/// A header row of wrapped labels, three lines tall.
pub(crate) fn header_row(
    s: &mut Sheet,
    row: RowNum,
    labels: &[(ColNum, String)],
    t: &Style<'_>,
) -> Result<(), XlsxError> {
    // Before the row's cells: a streamed sheet writes a row out whole.
    s.ws.set_row_height(row, 45)?;
    for (col, l) in labels {
        s.text(row, *col, l, &t.f.header_wrap)?;
    }
    Ok(())
}

/// Outstanding commitments, balance (budget − cancelled − spent) and the
/// financial rate of a row, as formulas with their cached values.
pub(crate) fn cells(
    s: &mut Sheet,
    row: RowNum,
    c: &Cols,
    v: &Values,
    bold: bool,
    t: &Style<'_>,
) -> Result<(), XlsxError> {
    let (f, dec) = (t.f, t.decimals);
    let (fa, fr) = if bold {
        (&f.amount_bold, &f.rate_bold)
    } else {
        (&f.amount, &f.rate)
    };
    let at = |col: ColNum| cell(row, col);
    let o = v.committed - v.spent;
    s.amount_formula(
        row,
        c.outstanding,
        &format!("{}-{}", at(c.committed), at(c.spent)),
        o,
        dec,
        fa,
    )?;
    let active = format!("{}-{}", at(c.budget), at(c.cancelled));
    let bal = v.budget - v.cancelled_budget - v.spent;
    s.amount_formula(
        row,
        c.balance,
        &format!("{active}-{}", at(c.spent)),
        bal,
        dec,
        fa,
    )?;
    s.formula(
        row,
        c.financial,
        &format!("IF({active}=0,\"{NO_RATE}\",{}/({active}))", at(c.spent)),
        Cached::rate(money::percent(v.spent, v.budget - v.cancelled_budget)),
        5,
        fr,
    )
}

/// The total row's label (in `label_col`) and the sums of the value
/// columns over the rows from `first` (0 when there is no row).
pub(crate) fn total_row(
    s: &mut Sheet,
    first: RowNum,
    total_row: RowNum,
    label_col: ColNum,
    values: &[(ColNum, Decimal)],
    t: &Style<'_>,
) -> Result<(), XlsxError> {
    s.text(total_row, label_col, Label::Total.text(t.lang), &t.f.bold)?;
    for &(col, d) in values {
        let formula = if total_row == first {
            "0".to_string()
        } else {
            format!("SUM({}:{})", cell(first, col), cell(total_row - 1, col))
        };
        s.amount_formula(total_row, col, &formula, d, t.decimals, &t.f.amount_bold)?;
    }
    Ok(())
}

/// The banners above a table: its title, the plans' title in bold, and a
/// note on how its figures are made.
pub(crate) fn banners(
    s: &mut Sheet,
    title: &str,
    plans: &str,
    note: Option<&str>,
    f: &Formats,
) -> Result<(), XlsxError> {
    s.banner(0, 0, title, &f.title)?;
    s.banner(1, 0, plans, &f.bold)?;
    match note {
        Some(note) => s.banner(2, 0, note, &f.italic),
        None => Ok(()),
    }
}

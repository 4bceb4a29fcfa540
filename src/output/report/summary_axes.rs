//! Synthèse's by-axis table: its columns, a row per axis (physical rate by
//! SUMIFS over the Activités sheet) and the total row.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, RowNum, XlsxError};

use crate::compute::Figures;
use crate::i18n::Label;
use crate::i18n::report::{self, Column};
use crate::output::xlsx::{Cached, Formats, NO_RATE, Sheet, cell};

use super::activities::ActivitiesSheet;
use super::cumul;
use super::data::Data;
use super::figures::Money;
use super::{
    SheetNames, amount_col_label, headers, initial_cells, initial_labels, money_labels,
    rate_formula, revised,
};

/// Whether a code, as a SUMIFS criterion, matches that code only: letters
/// first, then letters, digits, `.` or `_` (never a number, a date, a
/// boolean, a wildcard or a comparison), and no other code of the table
/// equal to it but for case (criteria ignore case).
fn criterion_safe(code: &str, all: &[&str]) -> bool {
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

/// Where the by-axis table sits: its title, header, first axis and total
/// rows.
pub(crate) struct TableRows {
    pub(crate) title: RowNum,
    pub(crate) header: RowNum,
    pub(crate) first: RowNum,
    pub(crate) total: RowNum,
}

impl TableRows {
    /// The table from its title row, with `groups` axis rows.
    pub(crate) fn below(title: RowNum, groups: usize) -> TableRows {
        let header = title + 1;
        let first = header + 1;
        TableRows {
            title,
            header,
            first,
            total: first + groups as RowNum,
        }
    }

    /// First and last axis rows, none when there is no axis.
    fn sums(&self) -> Option<(RowNum, RowNum)> {
        (self.total > self.first).then(|| (self.first, self.total - 1))
    }
}

/// The labels of the table's header.
fn labels(data: &Data<'_>) -> Vec<String> {
    let lang = data.lang;
    let mut labels: Vec<String> = vec![
        Label::Code.text(lang).into(),
        Label::Axis.text(lang).into(),
        Label::Activities.text(lang).into(),
        Label::Cancelled.text(lang).into(),
        Column::Done.text(lang).into(),
    ];
    labels.extend(money_labels(data));
    for l in [
        Label::Secured.text(lang),
        Label::Pledged.text(lang),
        Label::Unfunded.text(lang),
    ] {
        labels.push(amount_col_label(l, data));
    }
    for l in [
        Label::Physical,
        Label::Completion,
        Label::Financial,
        Label::Commitment,
        Label::Mobilisation,
    ] {
        labels.push(l.text(lang).into());
    }
    if revised(data) {
        labels.extend(initial_labels(data));
    }
    labels
}

/// Writes the table: its title, header, a row per axis and the total row.
/// The physical rate of an axis is a SUMIFS over the Activités sheet.
pub(crate) fn table(
    s: &mut Sheet,
    rows: &TableRows,
    data: &Data<'_>,
    names: &SheetNames,
    act: &ActivitiesSheet,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = data.lang;
    let sm = &data.by_axis;
    s.banner(rows.title, 0, report::by_axis_title(lang), &f.bold)?;
    headers(s, rows.header, &labels(data), &f.header)?;
    let axis_range = act.range(names.activities, act.axis_col);
    let pw_range = act.range(names.activities, act.weighted_col);
    let w_range = act.range(names.activities, act.weight_col);
    let codes: Vec<&str> = sm.groups.iter().map(|g| g.id.as_str()).collect();
    for (i, g) in sm.groups.iter().enumerate() {
        let row = rows.first + i as RowNum;
        s.plain(row, ax::CODE, &g.id)?;
        s.plain(row, ax::TITLE, &crate::output::labels::group_title(g, lang))?;
        // SUMIFS, which every client evaluates alike, on a code that can
        // only match itself; any other code gets its value alone.
        let physical = match (&axis_range, &pw_range, &w_range) {
            (Some(a), Some(pw), Some(w)) if criterion_safe(&g.id, &codes) => {
                let code = cell(row, ax::CODE);
                let den = format!("SUMIFS({w},{a},{code})");
                Some(format!(
                    "IF({den}=0,\"{NO_RATE}\",SUMIFS({pw},{a},{code})/{den})"
                ))
            }
            _ => None,
        };
        let m = data.money_axis.get(&g.id).copied().unwrap_or_default();
        let line = Line {
            row,
            fig: &g.figures,
            m: &m,
            kind: AxisRow::Group,
            physical: (physical, g.figures.rates().physical),
        };
        axis_row(s, &line, data, f)?;
    }
    s.text(rows.total, ax::CODE, Label::Total.text(lang), &f.bold)?;
    let physical_total = match (&pw_range, &w_range) {
        (Some(pw), Some(w)) => Some(format!("IF(SUM({w})=0,\"{NO_RATE}\",SUM({pw})/SUM({w}))")),
        _ => None,
    };
    let t = &sm.total;
    let line = Line {
        row: rows.total,
        fig: t,
        m: &data.money_total,
        kind: AxisRow::Total(rows.sums()),
        physical: (physical_total, t.rates().physical),
    };
    axis_row(s, &line, data, f)
}

/// The cumulative cells' columns.
const CUMUL: cumul::Cols = cumul::Cols {
    budget: ax::BUDGET,
    cancelled: ax::CANCELLED_BUDGET,
    committed: ax::COMMITTED,
    spent: ax::SPENT,
    outstanding: ax::OUTSTANDING,
    balance: ax::BALANCE,
    financial: ax::FINANCIAL,
};

/// A row of the by-axis table: one axis, or the total of the axis rows
/// (first and last, none when there is no axis).
#[derive(Clone, Copy)]
enum AxisRow {
    Group,
    Total(Option<(RowNum, RowNum)>),
}

impl AxisRow {
    fn total(self) -> bool {
        matches!(self, AxisRow::Total(_))
    }

    /// The formula of a total cell: the sum of the axis rows, or 0.
    fn sum(self, col: ColNum) -> String {
        match self {
            AxisRow::Total(Some((a, b))) => format!("SUM({}:{})", cell(a, col), cell(b, col)),
            _ => "0".to_string(),
        }
    }
}

/// One row of the by-axis table and what it shows.
struct Line<'a> {
    row: RowNum,
    fig: &'a Figures,
    m: &'a Money,
    kind: AxisRow,
    /// The physical rate: its formula (none: "—") and its value.
    physical: (Option<String>, Option<Decimal>),
}

/// Writes one row of the by-axis table: counts and amounts as values (or
/// sums for the total row), balance and rates as formulas.
fn axis_row(s: &mut Sheet, line: &Line<'_>, data: &Data<'_>, f: &Formats) -> Result<(), XlsxError> {
    let Line {
        row, fig, m, kind, ..
    } = *line;
    let dec = data.decimals;
    let fa = if kind.total() {
        &f.amount_bold
    } else {
        &f.amount
    };
    value_cells(s, line, dec, f)?;
    cumul::cells(
        s,
        row,
        &CUMUL,
        &cumul::Values::of(m),
        kind.total(),
        &data.table_style(f),
    )?;
    rate_cells(s, line, f)?;
    if revised(data) {
        initial_cells(
            s,
            row,
            (ax::BUDGET, ax::INITIAL, ax::INITIAL_DIFF),
            m.budget,
            fig.initial,
            kind.total().then(|| kind.sum(ax::INITIAL)),
            dec,
            fa,
        )?;
    }
    Ok(())
}

/// The counts and amounts of a row: values, or sums on the total row.
fn value_cells(s: &mut Sheet, line: &Line<'_>, dec: u32, f: &Formats) -> Result<(), XlsxError> {
    let Line {
        row, fig, m, kind, ..
    } = *line;
    let (fa, fc) = if kind.total() {
        (&f.amount_bold, &f.count_bold)
    } else {
        (&f.amount, &f.count)
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
    for (col, n) in counts {
        let shown = n.to_string().len();
        if kind.total() {
            s.formula(row, col, &kind.sum(col), Cached::Num(n as f64), shown, fc)?;
        } else {
            s.number(row, col, n as f64, shown, fc)?;
        }
    }
    for (col, d) in amounts {
        if kind.total() {
            s.amount_formula(row, col, &kind.sum(col), d, dec, fa)?;
        } else {
            s.amount(row, col, d, dec, fa)?;
        }
    }
    Ok(())
}

/// The rates of a row: the physical one (its formula and value, or "—"),
/// completion, commitment and mobilisation as formulas (the financial
/// rate is among the cumulative cells).
fn rate_cells(s: &mut Sheet, line: &Line<'_>, f: &Formats) -> Result<(), XlsxError> {
    let Line {
        row, fig, m, kind, ..
    } = *line;
    let fr = if kind.total() { &f.rate_bold } else { &f.rate };
    match &line.physical.0 {
        Some(formula) => s.formula(
            row,
            ax::PHYSICAL,
            formula,
            Cached::rate(line.physical.1),
            5,
            fr,
        )?,
        None => s.text(row, ax::PHYSICAL, NO_RATE, fr)?,
    }
    let c = |col| cell(row, col);
    let active_budget = format!("{}-{}", c(ax::BUDGET), c(ax::CANCELLED_BUDGET));
    let active = format!("{}-{}", c(ax::ACTIVITIES), c(ax::CANCELLED));
    for (col, num, den, value) in [
        (ax::COMPLETION, c(ax::DONE), &active, fig.rates().completion),
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
    Ok(())
}

//! The Activités sheet: one row per activity — where it sits, its money,
//! its rates, its status and weight — the ranges Synthèse's formulas read.

use rust_xlsxwriter::{ColNum, RowNum, Workbook, XlsxError};

use crate::i18n::Label;
use crate::i18n::report::{self, Column};
use crate::model::Weighting;
use crate::money;
use crate::output::xlsx::{
    Cached, Formats, Sheet, abs_cell, amount_width, cell, f64_of, fraction, sheet_ref,
};

use super::data::{Data, Row};
use super::{SheetNames, WRAP_NARROW, WRAP_WIDE, amount_col_label, headers, rate_formula, st_note};

/// Where the Activités columns are, for the formulas of other sheets.
pub(crate) struct ActivitiesSheet {
    pub(crate) sheet: Sheet,
    /// First and last data rows (0-based); `None` when there is no activity.
    rows: Option<(RowNum, RowNum)>,
    pub(crate) axis_col: ColNum,
    pub(crate) weight_col: ColNum,
    /// Progress × weight, summed by SUMIFS for the physical rate of an axis.
    pub(crate) weighted_col: ColNum,
}

impl ActivitiesSheet {
    pub(crate) fn range(&self, name: &str, col: ColNum) -> Option<String> {
        let (first, last) = self.rows?;
        Some(format!(
            "{}!{}:{}",
            sheet_ref(name),
            abs_cell(first, col),
            abs_cell(last, col)
        ))
    }
}

/// Columns of the sheet, after the optional plan column.
struct Cols {
    axis: ColNum,
    budget: ColNum,
    committed: ColNum,
    spent: ColNum,
    outstanding: ColNum,
    balance: ColNum,
    financial: ColNum,
    commitment: ColNum,
    progress: ColNum,
    status: ColNum,
    weight: ColNum,
    weighted: ColNum,
    note: ColNum,
}

impl Cols {
    fn new(off: ColNum) -> Cols {
        Cols {
            axis: off,
            budget: off + 8,
            committed: off + 9,
            spent: off + 10,
            outstanding: off + 11,
            balance: off + 12,
            financial: off + 13,
            commitment: off + 14,
            progress: off + 15,
            status: off + 16,
            weight: off + 17,
            weighted: off + 18,
            note: off + 19,
        }
    }
}

/// The labels of the header row.
fn labels(data: &Data<'_>) -> Vec<String> {
    let lang = data.lang;
    let mut labels: Vec<String> = Vec::new();
    if data.multi() {
        labels.push(Label::Plan.text(lang).into());
    }
    labels.extend(
        [
            Column::AxisCode.text(lang),
            Label::Axis.text(lang),
            Column::ActionCode.text(lang),
            Label::Action.text(lang),
            Label::Code.text(lang),
            Label::Activity.text(lang),
            Label::Responsible.text(lang),
            Label::Quarters.text(lang),
        ]
        .map(String::from),
    );
    labels.push(amount_col_label(Label::Budget.text(lang), data));
    labels.push(amount_col_label(Label::Committed.text(lang), data));
    labels.push(amount_col_label(Label::Spent.text(lang), data));
    labels.push(amount_col_label(Column::Outstanding.text(lang), data));
    labels.push(amount_col_label(Label::Balance.text(lang), data));
    labels.extend(
        [
            Label::Financial.text(lang),
            Label::Commitment.text(lang),
            Label::Progress.text(lang),
            Label::Status.text(lang),
            Column::Weight.text(lang),
            Column::WeightedProgress.text(lang),
            Label::LastNote.text(lang),
        ]
        .map(String::from),
    );
    labels
}

pub(crate) fn sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
) -> Result<ActivitiesSheet, XlsxError> {
    let mut s = Sheet::streamed(wb, names.activities)?;
    let labels = labels(data);
    let c = Cols::new(ColNum::from(data.multi()));
    headers(&mut s, 0, &labels, &f.header)?;
    for (i, r) in data.activities.iter().enumerate() {
        let row = i as RowNum + 1;
        text_cells(&mut s, row, r, data, &c, f)?;
        figure_cells(&mut s, row, r, data, &c, f)?;
        s.text(row, c.note, st_note(&r.state), &f.wrap)?;
    }
    let n = data.activities.len() as RowNum;
    for (col, w) in [
        (c.axis + 1, WRAP_NARROW),
        (c.axis + 3, WRAP_NARROW),
        (c.axis + 5, WRAP_WIDE),
        (c.axis + 6, WRAP_NARROW),
        (c.note, WRAP_WIDE),
    ] {
        s.max_width(col, w);
    }
    if data.multi() {
        s.max_width(0, WRAP_NARROW);
    }
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.autofilter(0, 0, n, labels.len() as ColNum - 1)?;
    crate::output::xlsx::flag_overspending(&mut s.ws, 1, n, c.financial)?;
    // Pages across repeat the activity's code and title.
    s.ws.set_repeat_columns(c.axis + 4, c.axis + 5)?;
    s.print_setup(Some(0), &data.page_header())?;
    s.set_widths()?;
    Ok(ActivitiesSheet {
        sheet: s,
        rows: (n > 0).then_some((1, n)),
        axis_col: c.axis,
        weight_col: c.weight,
        weighted_col: c.weighted,
    })
}

/// Where the activity sits: plan, axis, action, code, title, responsible,
/// quarters (the row as tall as its longest wrapped text).
fn text_cells(
    s: &mut Sheet,
    row: RowNum,
    r: &Row<'_>,
    data: &Data<'_>,
    c: &Cols,
    f: &Formats,
) -> Result<(), XlsxError> {
    let a = r.activity;
    let plan_title = &data.projects[r.plan].plan.title;
    s.fit_row(
        row,
        &[
            (if data.multi() { plan_title } else { "" }, WRAP_NARROW),
            (r.axis_title, WRAP_NARROW),
            (r.action_title, WRAP_NARROW),
            (&a.title, WRAP_WIDE),
            (a.responsible.as_deref().unwrap_or(""), WRAP_NARROW),
            (st_note(&r.state), WRAP_WIDE),
        ],
    )?;
    if data.multi() {
        s.text(row, 0, plan_title, &f.wrap)?;
    }
    s.plain(row, c.axis, r.axis_id)?;
    s.text(row, c.axis + 1, r.axis_title, &f.wrap)?;
    s.plain(row, c.axis + 2, r.action_id)?;
    s.text(row, c.axis + 3, r.action_title, &f.wrap)?;
    s.plain(row, c.axis + 4, &a.id)?;
    s.text(row, c.axis + 5, &a.title, &f.wrap)?;
    s.text(
        row,
        c.axis + 6,
        a.responsible.as_deref().unwrap_or(""),
        &f.wrap,
    )?;
    let q: Vec<String> = r
        .quarters()
        .iter()
        .map(|&q| report::quarter(data.lang, q))
        .collect();
    s.plain(row, c.axis + 7, &q.join(", "))
}

/// The activity's money, rates, progress, status and weight.
fn figure_cells(
    s: &mut Sheet,
    row: RowNum,
    r: &Row<'_>,
    data: &Data<'_>,
    c: &Cols,
    f: &Formats,
) -> Result<(), XlsxError> {
    let st = &r.state;
    let dec = data.decimals;
    s.amount(row, c.budget, r.budget, dec, &f.amount)?;
    s.amount(row, c.committed, st.committed, dec, &f.amount)?;
    s.amount(row, c.spent, st.spent, dec, &f.amount)?;
    // Outstanding commitments and balance: committed, budget − spent.
    for (col, from, value) in [
        (c.outstanding, c.committed, st.committed),
        (c.balance, c.budget, r.budget),
    ] {
        let d = value - st.spent;
        s.amount_formula(
            row,
            col,
            &format!("{}-{}", cell(row, from), cell(row, c.spent)),
            d,
            dec,
            &f.amount,
        )?;
    }
    for (col, num, value) in [
        (c.financial, c.spent, st.spent),
        (c.commitment, c.committed, st.committed),
    ] {
        s.formula(
            row,
            col,
            &rate_formula(&cell(row, num), &cell(row, c.budget)),
            Cached::rate(money::percent(value, r.budget)),
            5,
            &f.rate,
        )?;
    }
    s.number(row, c.progress, fraction(st.physical()), 5, &f.rate)?;
    s.plain(row, c.status, r.status().label(data.lang))?;
    let weight_format = match data.by_axis.weighting {
        Weighting::Budget => &f.amount,
        _ => &f.general,
    };
    s.number(
        row,
        c.weight,
        f64_of(r.weight),
        amount_width(r.weight, r.weight.normalize().scale()),
        weight_format,
    )?;
    // The product as the client computes it from the two cells.
    s.formula(
        row,
        c.weighted,
        &format!("{}*{}", cell(row, c.progress), cell(row, c.weight)),
        Cached::Num(fraction(st.physical()) * f64_of(r.weight)),
        5,
        &f.general,
    )
}

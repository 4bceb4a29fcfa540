//! The Activités sheet: one row per activity — where it sits, its money,
//! its rates, its status and weight — the ranges Synthèse's formulas read.

use rust_xlsxwriter::{ColNum, RowNum, Workbook, XlsxError};

use crate::i18n::Label;
use crate::model::Weighting;
use crate::money;
use crate::output::xlsx::{
    Cached, Formats, Sheet, abs_cell, amount_width, cell, f64_of, fraction, sheet_ref,
};

use super::data::Data;
use super::{
    SheetNames, WRAP_NARROW, WRAP_WIDE, amount_col_label, headers, outstanding_label,
    quarter_label, rate_formula, st_note,
};

// ---------------------------------------------------------------- Activités

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

pub(crate) fn sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
) -> Result<ActivitiesSheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::streamed(wb, names.activities)?;
    let mut labels: Vec<String> = Vec::new();
    if data.multi() {
        labels.push(Label::Plan.text(lang).into());
    }
    let off = labels.len() as ColNum;
    labels.extend(
        [
            lang.pick("Code axe", "Axis code"),
            Label::Axis.text(lang),
            lang.pick("Code action", "Action code"),
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
    labels.push(amount_col_label(outstanding_label(lang), data));
    labels.push(amount_col_label(Label::Balance.text(lang), data));
    labels.extend(
        [
            Label::Financial.text(lang),
            Label::Commitment.text(lang),
            Label::Progress.text(lang),
            Label::Status.text(lang),
            lang.pick("Poids (taux physique)", "Weight (physical rate)"),
            lang.pick("Avancement × poids", "Progress × weight"),
            Label::LastNote.text(lang),
        ]
        .map(String::from),
    );
    let c_axis = off;
    let c_budget = off + 8;
    let c_committed = off + 9;
    let c_spent = off + 10;
    let c_outstanding = off + 11;
    let c_balance = off + 12;
    let c_financial = off + 13;
    let c_commitment = off + 14;
    let c_progress = off + 15;
    let c_status = off + 16;
    let c_weight = off + 17;
    let c_weighted = off + 18;
    let c_note = off + 19;
    headers(&mut s, 0, &labels, &f.header)?;
    let weight_format = match data.by_axis.weighting {
        Weighting::Budget => &f.amount,
        _ => &f.general,
    };
    for (i, r) in data.activities.iter().enumerate() {
        let row = i as RowNum + 1;
        let a = r.activity;
        let note = st_note(&r.state);
        let plan_title = &data.projects[r.plan].plan.title;
        s.fit_row(
            row,
            &[
                (if data.multi() { plan_title } else { "" }, WRAP_NARROW),
                (r.axis_title, WRAP_NARROW),
                (r.action_title, WRAP_NARROW),
                (&a.title, WRAP_WIDE),
                (a.responsible.as_deref().unwrap_or(""), WRAP_NARROW),
                (note, WRAP_WIDE),
            ],
        )?;
        if data.multi() {
            s.text(row, 0, plan_title, &f.wrap)?;
        }
        s.plain(row, c_axis, r.axis_id)?;
        s.text(row, c_axis + 1, r.axis_title, &f.wrap)?;
        s.plain(row, c_axis + 2, r.action_id)?;
        s.text(row, c_axis + 3, r.action_title, &f.wrap)?;
        s.plain(row, c_axis + 4, &a.id)?;
        s.text(row, c_axis + 5, &a.title, &f.wrap)?;
        s.text(
            row,
            c_axis + 6,
            a.responsible.as_deref().unwrap_or(""),
            &f.wrap,
        )?;
        let q: Vec<String> = r
            .quarters()
            .iter()
            .map(|&q| quarter_label(q, lang))
            .collect();
        s.plain(row, c_axis + 7, &q.join(", "))?;
        let st = &r.state;
        let dec = data.decimals;
        s.amount(row, c_budget, r.budget, dec, &f.amount)?;
        s.amount(row, c_committed, st.committed, dec, &f.amount)?;
        s.amount(row, c_spent, st.spent, dec, &f.amount)?;
        let outstanding = st.committed - st.spent;
        s.formula(
            row,
            c_outstanding,
            &format!("{}-{}", cell(row, c_committed), cell(row, c_spent)),
            Cached::amount(outstanding),
            amount_width(outstanding, dec),
            &f.amount,
        )?;
        let balance = r.budget - st.spent;
        s.formula(
            row,
            c_balance,
            &format!("{}-{}", cell(row, c_budget), cell(row, c_spent)),
            Cached::amount(balance),
            amount_width(balance, dec),
            &f.amount,
        )?;
        s.formula(
            row,
            c_financial,
            &rate_formula(&cell(row, c_spent), &cell(row, c_budget)),
            Cached::rate(money::percent(st.spent, r.budget)),
            5,
            &f.rate,
        )?;
        s.formula(
            row,
            c_commitment,
            &rate_formula(&cell(row, c_committed), &cell(row, c_budget)),
            Cached::rate(money::percent(st.committed, r.budget)),
            5,
            &f.rate,
        )?;
        s.number(row, c_progress, fraction(st.physical()), 5, &f.rate)?;
        s.plain(row, c_status, r.status().label(lang))?;
        s.number(
            row,
            c_weight,
            f64_of(r.weight),
            amount_width(r.weight, r.weight.normalize().scale()),
            weight_format,
        )?;
        // The product as the client computes it from the two cells.
        s.formula(
            row,
            c_weighted,
            &format!("{}*{}", cell(row, c_progress), cell(row, c_weight)),
            Cached::Num(fraction(st.physical()) * f64_of(r.weight)),
            5,
            &f.general,
        )?;
        s.text(row, c_note, note, &f.wrap)?;
    }
    let n = data.activities.len() as RowNum;
    for (col, w) in [
        (c_axis + 1, WRAP_NARROW),
        (c_axis + 3, WRAP_NARROW),
        (c_axis + 5, WRAP_WIDE),
        (c_axis + 6, WRAP_NARROW),
        (c_note, WRAP_WIDE),
    ] {
        s.max_width(col, w);
    }
    if data.multi() {
        s.max_width(0, WRAP_NARROW);
    }
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.autofilter(0, 0, n, labels.len() as ColNum - 1)?;
    crate::output::xlsx::flag_overspending(&mut s.ws, 1, n, c_financial)?;
    // Pages across repeat the activity's code and title.
    s.ws.set_repeat_columns(c_axis + 4, c_axis + 5)?;
    s.print_setup(Some(0), &data.page_header())?;
    s.set_widths()?;
    Ok(ActivitiesSheet {
        sheet: s,
        rows: (n > 0).then_some((1, n)),
        axis_col: c_axis,
        weight_col: c_weight,
        weighted_col: c_weighted,
    })
}

//! `ptba report`: the Excel workbook a finance officer sends as is (SPEC §6).
//!
//! Seven sheets, a file each — Synthèse (`summary.rs`, its by-axis table in
//! `summary_axes.rs`), Période (`period.rs`), Activités (`activities.rs`), Par
//! source (`sources.rs`), Par catégorie (`category.rs`), Chronogramme
//! (`schedule.rs`), Indicateurs (`indicators.rs`) — from the figures computed
//! once in `data.rs`; the cells and rows the money tables share in
//! `cumul.rs`; a funder's extract in [`extract`]; SPEC §4's money in
//! [`figures`]. Every text comes from `i18n::report`. Every figure comes
//! from `compute`; totals and rates are Excel formulas whose cached value
//! is the computed figure, so that the workbook can be audited and
//! recalculated, and still shows the right numbers in viewers that do not
//! recalculate.

mod activities;
mod category;
mod cumul;
mod data;
pub(crate) mod extract;
pub(crate) mod figures;
mod indicators;
mod period;
mod schedule;
mod sources;
mod summary;
mod summary_axes;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, XlsxError};

use crate::compute::{ActivityState, Options, Summary};
use crate::i18n::report::{self, Column};
use crate::i18n::{Label, Lang};
use crate::model::Project;
use crate::money;
use crate::output::summary::format_date;

use data::Data;
use figures::Period;

use super::xlsx::{Cached, Formats, NO_RATE, Sheet, amount_width, cell, properties};

/// The names of the seven sheets.
pub(crate) struct SheetNames {
    pub(crate) summary: &'static str,
    pub(crate) period: &'static str,
    pub(crate) activities: &'static str,
    pub(crate) sources: &'static str,
    pub(crate) categories: &'static str,
    pub(crate) schedule: &'static str,
    pub(crate) indicators: &'static str,
}

pub(crate) fn sheet_names(lang: Lang) -> SheetNames {
    SheetNames {
        summary: report::Sheet::Summary.name(lang),
        period: report::Sheet::Period.name(lang),
        activities: report::Sheet::Activities.name(lang),
        sources: report::Sheet::Sources.name(lang),
        categories: report::Sheet::Categories.name(lang),
        schedule: report::Sheet::Schedule.name(lang),
        indicators: report::Sheet::Indicators.name(lang),
    }
}

/// The period a report shows beside the year to date and the cumulative:
/// the one asked for, else from the first day of the as-of date's quarter
/// to the as-of date (the latest record's date, else the plan year's end).
pub(crate) fn default_period(
    projects: &[Project],
    states: &[Vec<ActivityState>],
    opts: &Options,
) -> Period {
    let last = states.iter().flatten().filter_map(|s| s.last_date).max();
    let year_end = projects
        .first()
        .and_then(|p| NaiveDate::from_ymd_opt(p.plan.year, 12, 31));
    let to = opts.as_of.or(last).or(year_end).unwrap_or(NaiveDate::MIN);
    Period::quarter_to_date(to)
}

/// Builds the report workbook (not yet saved), with the summary it shows,
/// from the state of every activity as of `opts.as_of`, computed once and
/// shared by every table.
pub fn build_with_states(
    projects: &[Project],
    states: Vec<Vec<ActivityState>>,
    opts: &Options,
    period: Option<Period>,
    lang: Lang,
) -> Result<(Workbook, Summary), XlsxError> {
    let period = period.unwrap_or_else(|| default_period(projects, &states, opts));
    let decimals = projects
        .first()
        .map(|p| p.plan.currency.decimals)
        .unwrap_or(0);
    let period_rows = period::rows(projects, &states, &period, None, decimals);
    let category_rows = category::rows(projects, &states, &period, None);
    let data = data::collect(projects, states, opts, lang);
    let names = sheet_names(lang);
    let f = Formats::new(data.decimals, report::date_format(lang));

    // The sheets with a row per activity or indicator are streamed to
    // temporary files (written strictly in row order); the small ones are
    // kept in memory (Synthèse writes its table before its header block).
    let mut wb = Workbook::new();
    let activities = activities::sheet(&mut wb, &data, &names, &f)?;
    let summary = summary::sheet(&data, &names, &f, &activities, &period)?;
    let period_sheet = period::sheet(&mut wb, &data, &names, &f, &period, &period_rows)?;
    let sources = sources::sheet(&data, &names, &f)?;
    let categories = category::sheet(&data, &names, &f, &period, &category_rows)?;
    let schedule = schedule::sheet(&mut wb, &data, &names, &f)?;
    let indicators = indicators::sheet(&mut wb, &data, &names, &f)?;

    let title = data.title();
    let org = data.organizations();
    let as_of = data.by_axis.as_of;
    let subject = match as_of {
        Some(d) => report::execution_report_as_of(lang, &format_date(d, lang)),
        None => report::execution_report(lang).to_string(),
    };
    let created = as_of
        .or_else(|| {
            projects
                .first()
                .and_then(|p| NaiveDate::from_ymd_opt(p.plan.year, 1, 1))
        })
        .unwrap_or_default();
    wb.set_properties(&properties(
        &title,
        (!org.is_empty()).then_some(org.as_str()),
        &subject,
        created,
    ));
    for s in [
        summary,
        period_sheet,
        activities.sheet,
        sources,
        categories,
        schedule,
        indicators,
    ] {
        wb.push_worksheet(s.ws);
    }
    Ok((wb, data.by_axis))
}

/// Widths (characters) of the columns whose long texts wrap.
pub(crate) const WRAP_NARROW: usize = 22;
pub(crate) const WRAP_WIDE: usize = 36;

pub(crate) fn st_note(st: &ActivityState) -> &str {
    st.last_note.as_deref().unwrap_or("")
}

pub(crate) fn rate_formula(num: &str, den: &str) -> String {
    format!("IF({den}=0,\"{NO_RATE}\",{num}/({den}))")
}

pub(crate) fn amount_col_label(label: &str, data: &Data<'_>) -> String {
    format!(
        "{} ({})",
        label,
        money::currency_label(&data.by_axis.currency)
    )
}

/// A header row whose labels wrap on up to three lines: a column is as
/// wide as its figures (at least its longest word), not as its label.
pub(crate) fn headers(
    sheet: &mut Sheet,
    row: RowNum,
    labels: &[String],
    f: &Format,
) -> Result<(), XlsxError> {
    let wrap = f.clone().set_text_wrap();
    let mut lines = 1;
    for (c, l) in labels.iter().enumerate() {
        let word = l.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
        let width = (l.chars().count().div_ceil(2) + 1).clamp(word.max(8), 16);
        sheet.min_width(c as ColNum, width);
        lines = lines.max(super::xlsx::wrapped_lines(l, width + 2));
        sheet.banner(row, c as ColNum, l, &wrap)?;
    }
    sheet.ws.set_row_height(row, 15.0 * lines.min(3) as f64)?;
    Ok(())
}

/// The labels of the money columns the by-axis, by-source and by-plan
/// tables share: budget, cancelled budget, committed, spent, outstanding,
/// balance, each with the currency.
pub(crate) fn money_labels(data: &Data<'_>) -> [String; 6] {
    let lang = data.lang;
    [
        Label::Budget.text(lang),
        Column::CancelledBudget.text(lang),
        Label::Committed.text(lang),
        Label::Spent.text(lang),
        Column::Outstanding.text(lang),
        Label::Balance.text(lang),
    ]
    .map(|l| amount_col_label(l, data))
}

/// A sheet's title, with the as-of date when there is one:
/// "Chronogramme — situation au 30/06/2024".
pub(crate) fn dated_title(data: &Data<'_>, title: &str) -> String {
    let lang = data.lang;
    match data.by_axis.as_of {
        Some(d) => report::title_as_of(lang, title, &format_date(d, lang)),
        None => title.to_string(),
    }
}

/// Whether the report shows initial, revised and the difference: some
/// budget line of the plans keeps the amount first adopted (SPEC §2).
pub(crate) fn revised(data: &Data<'_>) -> bool {
    data.by_axis.total.has_initial
}

/// The two labels of the initial-amount columns.
pub(crate) fn initial_labels(data: &Data<'_>) -> [String; 2] {
    let lang = data.lang;
    [
        amount_col_label(Column::InitialBudget.text(lang), data),
        amount_col_label(Column::RevisedMinusInitial.text(lang), data),
    ]
}

/// Writes the initial amount (a value, or `sum` for a total row) and the
/// difference budget − initial as a formula with its cached value.
#[allow(clippy::too_many_arguments)]
pub(crate) fn initial_cells(
    s: &mut Sheet,
    row: RowNum,
    cols: (ColNum, ColNum, ColNum),
    budget: Decimal,
    initial: Decimal,
    sum: Option<String>,
    dec: u32,
    fa: &Format,
) -> Result<(), XlsxError> {
    let (budget_col, initial_col, diff_col) = cols;
    match sum {
        Some(formula) => s.amount_formula(row, initial_col, &formula, initial, dec, fa)?,
        None => s.amount(row, initial_col, initial, dec, fa)?,
    }
    let diff = budget - initial;
    s.formula(
        row,
        diff_col,
        &format!("{}-{}", cell(row, budget_col), cell(row, initial_col)),
        Cached::amount(diff),
        amount_width(diff, dec) + 1,
        fa,
    )
}

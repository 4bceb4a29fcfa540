//! The Synthèse sheet: the header block, the key figures, the by-axis table
//! ([`super::summary_axes`]), the subtotals by plan, the chart and its data,
//! the commentary.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, ColNum, Format, FormatAlign, RowNum, XlsxError,
};

use crate::compute;
use crate::i18n::report::{self, Column, KeyFigure};
use crate::i18n::{Label, Lang};
use crate::model::Weighting;
use crate::output::summary::{format_date, headline};
use crate::output::xlsx::{Cached, Formats, NO_RATE, Sheet, amount_width, cell, fraction};

use super::activities::ActivitiesSheet;
use super::data::Data;
use super::figures::{Money, Period};
use super::summary_axes::{self, TableRows, ax};
use super::{SheetNames, amount_col_label, money_labels};

/// First row of the key figures (their title just above).
const KEY_FIRST: RowNum = 8;
/// How many key figures there are: the by-axis table starts below them.
const KEY_COUNT: RowNum = 18;

pub(crate) fn sheet(
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
    act: &ActivitiesSheet,
    period: &Period,
) -> Result<Sheet, XlsxError> {
    let mut s = Sheet::new(names.summary)?;
    // The by-axis table sits below the key figures.
    let table = TableRows::below(KEY_FIRST + KEY_COUNT + 1, data.by_axis.groups.len());
    summary_axes::table(&mut s, &table, data, names, act, f)?;
    let mut next = table.total + 2;
    if data.multi() {
        next = plan_subtotals(&mut s, next, data, f)? + 1;
    }
    let chart_data = chart_data(&mut s, next, data, f)?;
    let after = chart_data.map_or(next, |(_, _, b)| b + 2);
    narrative_block(&mut s, after, data, f)?;
    let last_key = key_figures(&mut s, table.total, data, f)?;
    debug_assert!(last_key < table.title);
    header_block(&mut s, data, names, period, f)?;
    if let Some(rows) = chart_data {
        chart(&mut s, rows, data.lang, names)?;
    }
    crate::output::xlsx::flag_overspending(&mut s.ws, table.first, table.total, ax::FINANCIAL)?;
    s.ws.set_repeat_columns(ax::CODE, ax::TITLE)?;
    s.print_setup(Some(table.header), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

/// What a key figure shows, as the formula on the total row caches it.
enum Key {
    Rate(Option<Decimal>),
    Amount(Decimal),
    Count(usize),
}

/// The key figures, in their order: label, column of the total row whose
/// value they show, value.
fn key_list(data: &Data<'_>) -> Vec<(String, ColNum, Key)> {
    use KeyFigure as K;
    let lang = data.lang;
    let t = &data.by_axis.total;
    let mt = &data.money_total;
    let rates = t.rates();
    let money = |l: &str| amount_col_label(l, data);
    let mut key: Vec<(String, ColNum, Key)> = Vec::new();
    for (label, col, r) in [
        (K::PhysicalRate, ax::PHYSICAL, rates.physical),
        (K::CompletionRate, ax::COMPLETION, rates.completion),
        (K::FinancialRate, ax::FINANCIAL, mt.financial()),
        (K::CommitmentRate, ax::COMMITMENT, mt.commitment()),
        (K::MobilisationRate, ax::MOBILISATION, mt.mobilisation()),
    ] {
        key.push((label.text(lang).into(), col, Key::Rate(r)));
    }
    for (label, col, d) in [
        (Label::Budget.text(lang), ax::BUDGET, mt.budget),
        (Label::Committed.text(lang), ax::COMMITTED, mt.committed),
        (Label::Spent.text(lang), ax::SPENT, mt.spent),
        (Label::Balance.text(lang), ax::BALANCE, mt.balance()),
        (
            Column::Outstanding.text(lang),
            ax::OUTSTANDING,
            mt.outstanding(),
        ),
        (Label::Secured.text(lang), ax::SECURED, mt.secured),
        (Label::Pledged.text(lang), ax::PLEDGED, mt.pledged),
        (K::UnfundedGap.text(lang), ax::UNFUNDED, mt.unfunded),
    ] {
        key.push((money(label), col, Key::Amount(d)));
    }
    for (label, col, n) in [
        (Label::Activities.text(lang), ax::ACTIVITIES, t.activities),
        (K::OfWhichCancelled.text(lang), ax::CANCELLED, t.cancelled),
    ] {
        key.push((label.into(), col, Key::Count(n)));
    }
    key.push((
        money(K::CancelledBudget.text(lang)),
        ax::CANCELLED_BUDGET,
        Key::Amount(mt.cancelled_budget),
    ));
    key
}

/// The key figures: formulas on the total row of the by-axis table, then
/// the counts of actions and axes. Returns the last row written.
fn key_figures(
    s: &mut Sheet,
    total_row: RowNum,
    data: &Data<'_>,
    f: &Formats,
) -> Result<RowNum, XlsxError> {
    let lang = data.lang;
    let sm = &data.by_axis;
    let key = key_list(data);
    debug_assert_eq!(key.len() + 2, KEY_COUNT as usize);
    s.banner(KEY_FIRST - 1, ax::TITLE, report::key_figures(lang), &f.bold)?;
    let mut row = KEY_FIRST;
    for (label, col, value) in &key {
        let (cached, format, shown) = match *value {
            Key::Rate(r) => (Cached::rate(r), &f.rate_bold, 5),
            Key::Amount(d) => (Cached::amount(d), &f.amount, amount_width(d, data.decimals)),
            Key::Count(n) => (Cached::Num(n as f64), &f.count, n.to_string().len()),
        };
        s.plain(row, ax::TITLE, label)?;
        s.formula(
            row,
            ax::ACTIVITIES,
            &cell(total_row, *col),
            cached,
            shown,
            format,
        )?;
        row += 1;
    }
    for (label, n) in [
        (KeyFigure::Actions.text(lang), sm.actions),
        (KeyFigure::StrategicAxes.text(lang), sm.axes),
    ] {
        s.plain(row, ax::TITLE, label)?;
        s.number(row, ax::ACTIVITIES, n as f64, n.to_string().len(), &f.count)?;
        row += 1;
    }
    Ok(row - 1)
}

/// The header block: title, organisation, year, as-of date, weighting, the
/// headline and the period (not counted in widths: it overflows to the
/// right).
fn header_block(
    s: &mut Sheet,
    data: &Data<'_>,
    names: &SheetNames,
    period: &Period,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = data.lang;
    let sm = &data.by_axis;
    s.banner(0, 0, &data.title(), &f.title)?;
    let meta_label = Format::new().set_bold();
    let org = data.organizations();
    s.text(1, ax::CODE, Label::Organization.text(lang), &meta_label)?;
    s.banner(1, ax::TITLE, &org, &f.text)?;
    s.text(2, ax::CODE, Label::Year.text(lang), &meta_label)?;
    let mut years: Vec<i32> = data.projects.iter().map(|p| p.plan.year).collect();
    years.sort_unstable();
    years.dedup();
    if let [y] = years[..] {
        s.ws.write_number_with_format(
            2,
            ax::TITLE,
            f64::from(y),
            &Format::new().set_align(FormatAlign::Left),
        )?;
    } else {
        let y: Vec<String> = years.iter().map(i32::to_string).collect();
        s.banner(2, ax::TITLE, &y.join(", "), &f.text)?;
    }
    s.text(3, ax::CODE, Label::AsOf.text(lang), &meta_label)?;
    match sm.as_of {
        Some(d) => match crate::output::xlsx::excel_date(d) {
            Some(x) => {
                s.ws.write_date_with_format(3, ax::TITLE, &x, &f.date)?;
            }
            None => s.banner(3, ax::TITLE, &format_date(d, lang), &f.text)?,
        },
        None => s.banner(3, ax::TITLE, NO_RATE, &f.text)?,
    }
    s.text(4, ax::CODE, report::weighting(lang), &meta_label)?;
    s.banner(4, ax::TITLE, weighting_text(sm.weighting, lang), &f.text)?;
    s.banner(5, ax::CODE, &headline(sm, lang, 0), &f.italic)?;
    let period_line = report::period_line(
        lang,
        &super::period::period_text(period, lang),
        names.period,
    );
    s.banner(6, ax::CODE, &period_line, &f.text)
}

/// How the physical rate is weighted, in words.
fn weighting_text(w: Weighting, lang: Lang) -> &'static str {
    match w {
        Weighting::Activities => report::weighting_activities(lang),
        Weighting::Budget => report::weighting_budget(lang),
        Weighting::Weight => report::weighting_weight(lang),
    }
}

/// The chart: physical and financial execution by axis, drawn from the
/// chart data block `(header, first, last)` (numbers, so that the chart
/// keeps its values cached for viewers that do not recalculate), categories
/// the axis titles; beside the key figures.
fn chart(
    s: &mut Sheet,
    (header, a, b): (RowNum, RowNum, RowNum),
    lang: Lang,
    names: &SheetNames,
) -> Result<(), XlsxError> {
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(report::chart_title(lang));
    for col in [2, 3] {
        chart
            .add_series()
            .set_name((names.summary, header, col))
            .set_categories((names.summary, a, 1, b, 1))
            .set_values((names.summary, a, col, b, col));
    }
    chart.y_axis().set_num_format("0%").set_min(0);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(560).set_height(340);
    chart.set_alt_text(report::chart_alt_text(lang));
    s.ws.insert_chart(KEY_FIRST - 1, ax::CANCELLED + 1, &chart)?;
    Ok(())
}

/// The narrative paragraph (SPEC §6b, the same text as `summary` and the
/// dashboard): a bold title, then the paragraph in a merged range across
/// the by-axis table's width, wrapped, its row tall enough for the text.
fn narrative_block(
    s: &mut Sheet,
    row: RowNum,
    data: &Data<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = data.lang;
    let as_of = data.by_axis.as_of;
    let late = as_of.map_or(0, |d| {
        data.activities
            .iter()
            .filter(|r| compute::late(r.year, r.activity, &r.state, d))
            .count()
    });
    let text = crate::output::narrative::paragraph(&data.by_axis, late, lang, 0);
    s.banner(row, ax::CODE, report::commentary(lang), &f.bold)?;
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);
    s.ws.merge_range(row + 1, ax::CODE, row + 1, ax::FINANCIAL, &text, &wrap)?;
    // About 150 characters a line across those columns, 15 points a line.
    let lines = text.chars().count().div_ceil(150).max(1) + 1;
    s.ws.set_row_height(row + 1, 15.0 * lines as f64)?;
    Ok(())
}

/// Consolidation: one row per plan (budget, committed, spent, outstanding,
/// balance, financial rate) and their total. Returns the next free row.
fn plan_subtotals(
    s: &mut Sheet,
    title_row: RowNum,
    data: &Data<'_>,
    f: &Formats,
) -> Result<RowNum, XlsxError> {
    let lang = data.lang;
    let dec = data.decimals;
    s.banner(title_row, 0, report::by_plan_title(lang), &f.bold)?;
    let header = title_row + 1;
    let mut labels: Vec<String> = vec![
        Label::Plan.text(lang).into(),
        String::new(),
        Label::Activities.text(lang).into(),
        String::new(),
        String::new(),
    ];
    labels.extend(money_labels(data));
    for (c, l) in labels.iter().enumerate() {
        if !l.is_empty() {
            s.text(header, c as ColNum, l, &f.header)?;
        }
    }
    let first = header + 1;
    let mut row = first;
    for (pi, p) in data.projects.iter().enumerate() {
        let m = &data.money_plan[pi];
        s.plain(row, 0, &p.plan.title)?;
        let n = p.plan.activities.len();
        s.number(row, 2, n as f64, n.to_string().len(), &f.count)?;
        plan_money_row(s, row, m, false, None, dec, f)?;
        row += 1;
    }
    s.text(row, 0, Label::Total.text(lang), &f.bold)?;
    let n = data.activities.len();
    s.formula(
        row,
        2,
        &format!("SUM({}:{})", cell(first, 2), cell(row - 1, 2)),
        Cached::Num(n as f64),
        n.to_string().len(),
        &f.count_bold,
    )?;
    plan_money_row(
        s,
        row,
        &data.money_total,
        true,
        Some((first, row - 1)),
        dec,
        f,
    )?;
    Ok(row + 1)
}

/// The amounts of a row of the per-plan table, from column 5 on.
fn plan_money_row(
    s: &mut Sheet,
    row: RowNum,
    m: &Money,
    bold: bool,
    sums: Option<(RowNum, RowNum)>,
    dec: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    let fa = if bold { &f.amount_bold } else { &f.amount };
    let (b, cb, c, sp, o, bal) = (5, 6, 7, 8, 9, 10);
    for (col, d) in [
        (b, m.budget),
        (cb, m.cancelled_budget),
        (c, m.committed),
        (sp, m.spent),
    ] {
        match sums {
            Some((x, y)) => s.amount_formula(
                row,
                col,
                &format!("SUM({}:{})", cell(x, col), cell(y, col)),
                d,
                dec,
                fa,
            )?,
            None => s.amount(row, col, d, dec, fa)?,
        }
    }
    let r = |col| cell(row, col);
    s.amount_formula(
        row,
        o,
        &format!("{}-{}", r(c), r(sp)),
        m.outstanding(),
        dec,
        fa,
    )?;
    s.amount_formula(
        row,
        bal,
        &format!("{}-{}-{}", r(b), r(cb), r(sp)),
        m.balance(),
        dec,
        fa,
    )?;
    Ok(())
}

/// The numbers the chart draws: axis title, physical and financial rate
/// (blank when undefined), as values. Returns (header row, first and last
/// data rows) when there is an axis.
fn chart_data(
    s: &mut Sheet,
    title_row: RowNum,
    data: &Data<'_>,
    f: &Formats,
) -> Result<Option<(RowNum, RowNum, RowNum)>, XlsxError> {
    let lang = data.lang;
    let groups = &data.by_axis.groups;
    if groups.is_empty() {
        return Ok(None);
    }
    s.banner(title_row, 0, report::chart_data_note(lang), &f.italic)?;
    let header = title_row + 1;
    s.text(header, 1, Label::Axis.text(lang), &f.header)?;
    s.text(header, 2, Label::Physical.text(lang), &f.header)?;
    s.text(header, 3, Label::Financial.text(lang), &f.header)?;
    let first = header + 1;
    for (i, g) in groups.iter().enumerate() {
        let row = first + i as RowNum;
        s.plain(row, 1, &crate::output::labels::group_title(g, lang))?;
        if let Some(p) = g.figures.rates().physical {
            s.number(row, 2, fraction(p), 5, &f.rate)?;
        }
        let m = data.money_axis.get(&g.id).copied().unwrap_or_default();
        if let Some(x) = m.financial() {
            s.number(row, 3, fraction(x), 5, &f.rate)?;
        }
    }
    Ok(Some((header, first, first + groups.len() as RowNum - 1)))
}

//! The Synthèse sheet: the header block, the key figures, the by-axis table
//! ([`super::summary_axes`]), the subtotals by plan, the chart and its data,
//! the commentary.

use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, ColNum, Format, FormatAlign, RowNum, XlsxError,
};

use crate::compute;
use crate::i18n::{Label, Lang};
use crate::model::Weighting;
use crate::output::summary::{format_date, headline};
use crate::output::xlsx::{Cached, Formats, NO_RATE, Sheet, amount_width, cell, fraction};

use super::activities::ActivitiesSheet;
use super::data::Data;
use super::figures::{Money, Period};
use super::summary_axes::{AxisRow, ax, axis_row, criterion_safe};
use super::{SheetNames, amount_col_label, headers, initial_labels, outstanding_label, revised};

// ----------------------------------------------------------------- Synthèse

pub(crate) fn sheet(
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
    act: &ActivitiesSheet,
    period: &Period,
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let sm = &data.by_axis;
    let t = &sm.total;
    let mut s = Sheet::new(names.summary)?;
    let dec = data.decimals;

    // The by-axis table sits below the key figures.
    let key_first: RowNum = 8;
    let key_labels_count: RowNum = 18;
    let table_title_row = key_first + key_labels_count + 1;
    let header_row = table_title_row + 1;
    let first = header_row + 1;
    let n = sm.groups.len() as RowNum;
    let total_row = first + n;
    let sums = (n > 0).then(|| (first, total_row - 1));

    // Table header.
    let mut labels: Vec<String> = vec![
        Label::Code.text(lang).into(),
        Label::Axis.text(lang).into(),
        Label::Activities.text(lang).into(),
        Label::Cancelled.text(lang).into(),
        lang.pick("Réalisées", "Done").into(),
    ];
    for l in [
        Label::Budget.text(lang),
        lang.pick("Budget abandonné", "Cancelled budget"),
        Label::Committed.text(lang),
        Label::Spent.text(lang),
        outstanding_label(lang),
        Label::Balance.text(lang),
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
    s.banner(
        table_title_row,
        0,
        lang.pick(
            "Exécution par axe stratégique",
            "Execution by strategic axis",
        ),
        &f.bold,
    )?;
    headers(&mut s, header_row, &labels, &f.header)?;

    let axis_range = act.range(names.activities, act.axis_col);
    let pw_range = act.range(names.activities, act.weighted_col);
    let w_range = act.range(names.activities, act.weight_col);
    let codes: Vec<&str> = sm.groups.iter().map(|g| g.id.as_str()).collect();
    for (i, g) in sm.groups.iter().enumerate() {
        let row = first + i as RowNum;
        s.plain(row, ax::CODE, &g.id)?;
        s.plain(row, ax::TITLE, &g.title)?;
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
        axis_row(
            &mut s,
            row,
            &g.figures,
            &m,
            AxisRow::Group,
            (physical, g.figures.rates().physical),
            data,
            f,
        )?;
    }
    s.text(total_row, ax::CODE, Label::Total.text(lang), &f.bold)?;
    let physical_total = match (&pw_range, &w_range) {
        (Some(pw), Some(w)) => Some(format!("IF(SUM({w})=0,\"{NO_RATE}\",SUM({pw})/SUM({w}))")),
        _ => None,
    };
    let mt = data.money_total;
    axis_row(
        &mut s,
        total_row,
        t,
        &mt,
        AxisRow::Total(sums),
        (physical_total, t.rates().physical),
        data,
        f,
    )?;
    let mut next = total_row + 2;
    if data.multi() {
        next = plan_subtotals(&mut s, next, data, f)? + 1;
    }
    let chart_data = chart_data(&mut s, next, data, f)?;
    let after = chart_data.map_or(next, |(_, _, b)| b + 2);
    narrative_block(&mut s, after, data, f)?;

    // Key figures: formulas on the total row.
    let rates = t.rates();
    let m_rates = (mt.financial(), mt.commitment(), mt.mobilisation());
    let tot = |col| cell(total_row, col);
    let key: Vec<(String, String, Cached, &Format, usize)> = vec![
        (
            lang.pick("Taux d'exécution physique", "Physical execution rate")
                .into(),
            tot(ax::PHYSICAL),
            Cached::rate(rates.physical),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux de réalisation", "Completion rate").into(),
            tot(ax::COMPLETION),
            Cached::rate(rates.completion),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux d'exécution financière", "Financial execution rate")
                .into(),
            tot(ax::FINANCIAL),
            Cached::rate(m_rates.0),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux d'engagement", "Commitment rate").into(),
            tot(ax::COMMITMENT),
            Cached::rate(m_rates.1),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux de mobilisation", "Mobilisation rate")
                .into(),
            tot(ax::MOBILISATION),
            Cached::rate(m_rates.2),
            &f.rate_bold,
            5,
        ),
        (
            amount_col_label(Label::Budget.text(lang), data),
            tot(ax::BUDGET),
            Cached::amount(mt.budget),
            &f.amount,
            amount_width(mt.budget, dec),
        ),
        (
            amount_col_label(Label::Committed.text(lang), data),
            tot(ax::COMMITTED),
            Cached::amount(mt.committed),
            &f.amount,
            amount_width(mt.committed, dec),
        ),
        (
            amount_col_label(Label::Spent.text(lang), data),
            tot(ax::SPENT),
            Cached::amount(mt.spent),
            &f.amount,
            amount_width(mt.spent, dec),
        ),
        (
            amount_col_label(Label::Balance.text(lang), data),
            tot(ax::BALANCE),
            Cached::amount(mt.balance()),
            &f.amount,
            amount_width(mt.balance(), dec),
        ),
        (
            amount_col_label(outstanding_label(lang), data),
            tot(ax::OUTSTANDING),
            Cached::amount(mt.outstanding()),
            &f.amount,
            amount_width(mt.outstanding(), dec),
        ),
        (
            amount_col_label(Label::Secured.text(lang), data),
            tot(ax::SECURED),
            Cached::amount(mt.secured),
            &f.amount,
            amount_width(mt.secured, dec),
        ),
        (
            amount_col_label(Label::Pledged.text(lang), data),
            tot(ax::PLEDGED),
            Cached::amount(mt.pledged),
            &f.amount,
            amount_width(mt.pledged, dec),
        ),
        (
            amount_col_label(lang.pick("À rechercher (gap)", "Unfunded (gap)"), data),
            tot(ax::UNFUNDED),
            Cached::amount(mt.unfunded),
            &f.amount,
            amount_width(mt.unfunded, dec),
        ),
        (
            Label::Activities.text(lang).into(),
            tot(ax::ACTIVITIES),
            Cached::Num(t.activities as f64),
            &f.count,
            t.activities.to_string().len(),
        ),
        (
            lang.pick("dont abandonnées", "of which cancelled").into(),
            tot(ax::CANCELLED),
            Cached::Num(t.cancelled as f64),
            &f.count,
            t.cancelled.to_string().len(),
        ),
        (
            amount_col_label(
                lang.pick(
                    "Budget des activités abandonnées",
                    "Budget of cancelled activities",
                ),
                data,
            ),
            tot(ax::CANCELLED_BUDGET),
            Cached::amount(mt.cancelled_budget),
            &f.amount,
            amount_width(mt.cancelled_budget, dec),
        ),
    ];
    s.banner(
        key_first - 1,
        ax::TITLE,
        lang.pick("Chiffres clés", "Key figures"),
        &f.bold,
    )?;
    let mut row = key_first;
    for (label, formula, value, format, shown) in &key {
        s.plain(row, ax::TITLE, label)?;
        s.formula(row, ax::ACTIVITIES, formula, *value, *shown, format)?;
        row += 1;
    }
    s.plain(row, ax::TITLE, "Actions")?;
    s.number(
        row,
        ax::ACTIVITIES,
        sm.actions as f64,
        sm.actions.to_string().len(),
        &f.count,
    )?;
    row += 1;
    s.plain(
        row,
        ax::TITLE,
        lang.pick("Axes stratégiques", "Strategic axes"),
    )?;
    s.number(
        row,
        ax::ACTIVITIES,
        sm.axes as f64,
        sm.axes.to_string().len(),
        &f.count,
    )?;
    debug_assert!(row < table_title_row);

    // Header block (not counted in widths: it overflows to the right).
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
    s.text(
        4,
        ax::CODE,
        lang.pick("Pondération", "Weighting"),
        &meta_label,
    )?;
    let weighting = match sm.weighting {
        Weighting::Activities => lang.pick(
            "taux physique : moyenne simple des activités",
            "physical rate: plain mean of the activities",
        ),
        Weighting::Budget => lang.pick(
            "taux physique pondéré par le budget des activités",
            "physical rate weighted by activity budget",
        ),
        Weighting::Weight => lang.pick(
            "taux physique pondéré par la pondération des activités",
            "physical rate weighted by activity weight",
        ),
    };
    s.banner(4, ax::TITLE, weighting, &f.text)?;
    s.banner(5, ax::CODE, &headline(sm, lang, 0), &f.italic)?;
    let period_line = match lang {
        Lang::Fr => format!(
            "Période : {} (feuille « {} »)",
            super::period::period_text(period, lang),
            names.period
        ),
        Lang::En => format!(
            "Period: {} (sheet \"{}\")",
            super::period::period_text(period, lang),
            names.period
        ),
    };
    s.banner(6, ax::CODE, &period_line, &f.text)?;

    // The chart: physical and financial execution by axis, drawn from the
    // chart data block (numbers, so that the chart keeps its values cached
    // for viewers that do not recalculate), categories the axis titles.
    if let Some((header, a, b)) = chart_data {
        let mut chart = Chart::new(ChartType::Column);
        chart
            .title()
            .set_name(lang.pick("Exécution par axe", "Execution by axis"));
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
        chart.set_alt_text(lang.pick(
            "Taux d'exécution physique et financière par axe",
            "Physical and financial execution rate by axis",
        ));
        s.ws.insert_chart(key_first - 1, ax::CANCELLED + 1, &chart)?;
    }
    crate::output::xlsx::flag_overspending(&mut s.ws, first, total_row, ax::FINANCIAL)?;
    s.ws.set_repeat_columns(ax::CODE, ax::TITLE)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
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
    s.banner(
        row,
        ax::CODE,
        lang.pick("Commentaire", "Commentary"),
        &f.bold,
    )?;
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
    s.banner(
        title_row,
        0,
        lang.pick("Sous-total par plan", "Subtotal by plan"),
        &f.bold,
    )?;
    let header = title_row + 1;
    let mut labels: Vec<String> = vec![
        Label::Plan.text(lang).into(),
        String::new(),
        Label::Activities.text(lang).into(),
        String::new(),
        String::new(),
    ];
    for l in [
        Label::Budget.text(lang),
        lang.pick("Budget abandonné", "Cancelled budget"),
        Label::Committed.text(lang),
        Label::Spent.text(lang),
        outstanding_label(lang),
        Label::Balance.text(lang),
    ] {
        labels.push(amount_col_label(l, data));
    }
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
            Some((x, y)) => s.formula(
                row,
                col,
                &format!("SUM({}:{})", cell(x, col), cell(y, col)),
                Cached::amount(d),
                amount_width(d, dec),
                fa,
            )?,
            None => s.amount(row, col, d, dec, fa)?,
        }
    }
    let r = |col| cell(row, col);
    s.formula(
        row,
        o,
        &format!("{}-{}", r(c), r(sp)),
        Cached::amount(m.outstanding()),
        amount_width(m.outstanding(), dec),
        fa,
    )?;
    s.formula(
        row,
        bal,
        &format!("{}-{}-{}", r(b), r(cb), r(sp)),
        Cached::amount(m.balance()),
        amount_width(m.balance(), dec),
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
    s.banner(
        title_row,
        0,
        lang.pick(
            "Données du graphique (valeurs de la situation, non recalculées)",
            "Chart data (values as of the report date, not recalculated)",
        ),
        &f.italic,
    )?;
    let header = title_row + 1;
    s.text(header, 1, Label::Axis.text(lang), &f.header)?;
    s.text(header, 2, Label::Physical.text(lang), &f.header)?;
    s.text(header, 3, Label::Financial.text(lang), &f.header)?;
    let first = header + 1;
    for (i, g) in groups.iter().enumerate() {
        let row = first + i as RowNum;
        s.plain(row, 1, &g.title)?;
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

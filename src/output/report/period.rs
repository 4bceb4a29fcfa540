//! The period sheet of the report (and the table of a funder's extract):
//! per activity, the period, the year to date and the cumulative side by
//! side; the budget to date phased over the planned quarters; the variance
//! of spent against it, flagged past ±20 %; outstanding commitments.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, ConditionalFormatFormula, Format, RowNum, Workbook, XlsxError};

use crate::compute::{self, ActivityState};
use crate::i18n::report::{self, Column};
use crate::i18n::{Label, Lang};
use crate::model::Index;
use crate::model::{Project, Status};
use crate::money;
use crate::output::summary::format_date;

use super::SheetNames;
use super::cumul::{self, Style};
use super::data::Data;
use super::figures::{self as figures, Flows, Period};
use crate::output::xlsx::{Cached, Formats, NO_RATE, Sheet, cell};

/// A variance past this share of the budget to date is flagged.
pub const VARIANCE_FLAG: f64 = 0.20;

/// One activity, or one funder's part of it.
pub struct PeriodRow<'a> {
    pub plan: &'a str,
    pub code: &'a str,
    pub title: &'a str,
    pub quarters: Vec<u8>,
    pub status: Status,
    /// Adopted budget (of the part).
    pub budget: Decimal,
    /// The budget when the activity is set apart (SPEC §4), else 0.
    pub cancelled_budget: Decimal,
    pub budget_period: Decimal,
    pub budget_ytd: Decimal,
    pub period: Flows,
    pub ytd: Flows,
    pub cumul: Flows,
}

/// The rows of every activity (`source`: only the activities with lines
/// from that source, their lines and the flows attributed to it). `states`
/// are as of `period.to`.
pub fn rows<'a>(
    projects: &'a [Project],
    states: &[Vec<ActivityState>],
    period: &Period,
    source: Option<&str>,
    decimals: u32,
) -> Vec<PeriodRow<'a>> {
    let mut out = Vec::new();
    for (project, states) in projects.iter().zip(states) {
        let plan = &project.plan;
        let index = Index::new(plan);
        let day_before = |d: NaiveDate| d.pred_opt().unwrap_or(d);
        let year_start = NaiveDate::from_ymd_opt(plan.year, 1, 1).unwrap_or(period.from);
        let (before_period, before_year) =
            states_before(project, day_before(period.from), day_before(year_start));
        for (i, (a, st)) in plan.activities.iter().zip(states).enumerate() {
            let flows = |s: &ActivityState| match source {
                Some(id) => Flows::of_source(s, Some(id)),
                None => Flows::of(s),
            };
            let budget = match source {
                Some(id) => {
                    if !a.has_source(id) || !index.sources.contains_key(id) {
                        continue;
                    }
                    a.budget
                        .iter()
                        .filter(|l| l.source == id)
                        .map(|l| l.total())
                        .sum()
                }
                None => a.budget_total(),
            };
            let quarters = compute::planned_quarters(a);
            let apart = compute::set_apart(st);
            let (budget_period, budget_ytd) = if apart {
                (Decimal::ZERO, Decimal::ZERO)
            } else {
                let shares = figures::phased(budget, &quarters, decimals);
                (
                    figures::budget_within(&shares, plan.year, period.from, period.to),
                    figures::budget_within(&shares, plan.year, year_start, period.to),
                )
            };
            let cumul = flows(st);
            let status = Status::shown(st.status, st.progress);
            out.push(PeriodRow {
                plan: &plan.title,
                code: &a.id,
                title: &a.title,
                quarters,
                status,
                budget,
                cancelled_budget: if apart { budget } else { Decimal::ZERO },
                budget_period,
                budget_ytd,
                period: cumul.minus(flows(&before_period[i])),
                ytd: cumul.minus(flows(&before_year[i])),
                cumul,
            });
        }
    }
    out
}

/// The states as of the day before the period and the day before the
/// year: each a pass over the whole log, so the two are computed at once
/// on two threads (once when the period starts the year).
fn states_before(
    project: &Project,
    period_eve: NaiveDate,
    year_eve: NaiveDate,
) -> (Vec<ActivityState>, Vec<ActivityState>) {
    let of = |d: NaiveDate| compute::activity_states(&project.plan, &project.records, Some(d));
    if period_eve == year_eve {
        let states = of(period_eve);
        return (states.clone(), states);
    }
    std::thread::scope(|s| {
        let year = s.spawn(|| of(year_eve));
        let period = of(period_eve);
        let year = match year.join() {
            Ok(states) => states,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (period, year)
    })
}

/// The period as people say it: "T2 2024 (01/04/2024 – 30/06/2024)".
pub fn period_text(p: &Period, lang: Lang) -> String {
    let dates = format!(
        "{} – {}",
        format_date(p.from, lang),
        format_date(p.to, lang)
    );
    match p.quarter {
        Some(q) => format!(
            "{} {} ({dates})",
            report::quarter(lang, q),
            chrono::Datelike::year(&p.from)
        ),
        None => dates,
    }
}

/// Column positions of the table, after the optional plan column.
struct Cols {
    off: ColNum,
}

impl Cols {
    fn code(&self) -> ColNum {
        self.off
    }
    fn budget(&self) -> ColNum {
        self.off + 4
    }
    fn cancelled(&self) -> ColNum {
        self.off + 5
    }
    /// First column of the period (0), year-to-date (1) block: budget,
    /// spent, variance, variance %.
    fn block(&self, i: ColNum) -> ColNum {
        self.off + 6 + 4 * i
    }
    fn committed(&self) -> ColNum {
        self.off + 14
    }
    fn spent(&self) -> ColNum {
        self.off + 15
    }
    fn financial(&self) -> ColNum {
        self.off + 18
    }
    fn last(&self) -> ColNum {
        self.off + 18
    }
    /// The cumulative block's columns.
    fn cumul(&self) -> cumul::Cols {
        cumul::Cols {
            budget: self.budget(),
            cancelled: self.cancelled(),
            committed: self.committed(),
            spent: self.spent(),
            outstanding: self.off + 16,
            balance: self.off + 17,
            financial: self.financial(),
        }
    }
}

/// Writes the table from `header_row` (two header rows: the blocks, then
/// the columns), its rows and a total row; returns the total row.
pub fn write_table(
    s: &mut Sheet,
    header_row: RowNum,
    rows: &[PeriodRow<'_>],
    multi: bool,
    t: &Style<'_>,
) -> Result<RowNum, XlsxError> {
    let c = Cols {
        off: ColNum::from(multi),
    };
    write_headers(s, header_row, &c, multi, t)?;
    let first = header_row + 2;
    let mut total = Totals::default();
    for (i, r) in rows.iter().enumerate() {
        let row = first + i as RowNum;
        if multi {
            s.plain(row, 0, r.plan)?;
        }
        s.plain(row, c.code(), r.code)?;
        s.text(row, c.code() + 1, r.title, &t.f.wrap)?;
        let q: Vec<String> = r
            .quarters
            .iter()
            .map(|&q| report::quarter(t.lang, q))
            .collect();
        s.plain(row, c.code() + 2, &q.join(", "))?;
        s.plain(row, c.code() + 3, r.status.label(t.lang))?;
        let v = Totals::of(r);
        for (col, d) in v.values(&c) {
            s.amount(row, col, d, t.decimals, &t.f.amount)?;
        }
        derived(s, row, &v, false, &c, t)?;
        total.add(&v);
    }
    let total_row = first + rows.len() as RowNum;
    cumul::total_row(s, first, total_row, c.code(), &total.values(&c), t)?;
    derived(s, total_row, &total, true, &c, t)?;
    flag_variances(s, &c, first, total_row)?;
    crate::output::xlsx::flag_overspending(&mut s.ws, first, total_row, c.financial())?;
    for col in 0..=c.last() {
        s.min_width(col, 12);
    }
    s.max_width(c.code() + 1, 40);
    Ok(total_row)
}

/// The two header rows: the block titles merged over their columns, then
/// the column labels.
fn write_headers(
    s: &mut Sheet,
    header_row: RowNum,
    c: &Cols,
    multi: bool,
    t: &Style<'_>,
) -> Result<(), XlsxError> {
    let lang = t.lang;
    let amt = |l: &str| t.amount(l);
    let variance = Column::Variance.text(lang);
    let variance_pct = Column::VariancePercent.text(lang);
    // Block titles, merged over their columns.
    let blocks = [
        (c.block(0), c.block(0) + 3, Column::PeriodBlock),
        (c.block(1), c.block(1) + 3, Column::YearToDateBlock),
        (c.committed(), c.financial(), Column::CumulativeBlock),
    ];
    for (a, b, title) in blocks {
        s.ws.merge_range(header_row, a, header_row, b, title.text(lang), &t.f.header)?;
    }
    let mut labels: Vec<(ColNum, String)> = vec![
        (c.code(), Label::Code.text(lang).into()),
        (c.code() + 1, Label::Activity.text(lang).into()),
        (c.code() + 2, Label::Quarters.text(lang).into()),
        (c.code() + 3, Label::Status.text(lang).into()),
        (c.budget(), amt(Column::AnnualBudget.text(lang))),
        (c.cancelled(), amt(Column::OfWhichCancelled.text(lang))),
    ];
    if multi {
        labels.push((0, Label::Plan.text(lang).into()));
    }
    for (i, budget) in [
        Column::BudgetForPeriod.text(lang),
        Column::BudgetToDate.text(lang),
    ]
    .iter()
    .enumerate()
    {
        let b = c.block(i as ColNum);
        labels.push((b, amt(budget)));
        labels.push((b + 1, amt(Label::Spent.text(lang))));
        labels.push((b + 2, amt(variance)));
        labels.push((b + 3, variance_pct.into()));
    }
    let cu = c.cumul();
    labels.push((cu.committed, amt(Label::Committed.text(lang))));
    labels.push((cu.spent, amt(Label::Spent.text(lang))));
    labels.push((cu.outstanding, amt(Column::Outstanding.text(lang))));
    labels.push((cu.balance, amt(Label::Balance.text(lang))));
    labels.push((cu.financial, Label::Financial.text(lang).into()));
    labels.sort_by_key(|(col, _)| *col);
    cumul::header_row(s, header_row + 1, &labels, t)
}

/// The derived cells of a row: the variances of the period and year-to-date
/// blocks, then the cumulative cells.
fn derived(
    s: &mut Sheet,
    row: RowNum,
    r: &Totals,
    bold: bool,
    c: &Cols,
    t: &Style<'_>,
) -> Result<(), XlsxError> {
    let (fa, fr) = if bold {
        (&t.f.amount_bold, &t.f.rate_bold)
    } else {
        (&t.f.amount, &t.f.rate)
    };
    let at = |col| cell(row, col);
    for (i, (budget, spent)) in [
        (r.budget_period, r.period.spent),
        (r.budget_ytd, r.ytd.spent),
    ]
    .into_iter()
    .enumerate()
    {
        let b = c.block(i as ColNum);
        let v = spent - budget;
        s.amount_formula(
            row,
            b + 2,
            &format!("{}-{}", at(b + 1), at(b)),
            v,
            t.decimals,
            fa,
        )?;
        s.formula(
            row,
            b + 3,
            &format!("IF({0}=0,\"{NO_RATE}\",{1}/{0})", at(b), at(b + 2)),
            Cached::rate(money::percent(v, budget)),
            6,
            fr,
        )?;
    }
    let v = cumul::Values {
        budget: r.budget,
        cancelled_budget: r.cancelled_budget,
        committed: r.cumul.committed,
        spent: r.cumul.spent,
    };
    cumul::cells(s, row, &c.cumul(), &v, bold, t)
}

/// Variances past ±20 % of the budget, in red.
fn flag_variances(
    s: &mut Sheet,
    c: &Cols,
    first: RowNum,
    total_row: RowNum,
) -> Result<(), XlsxError> {
    let flag = Format::new()
        .set_background_color(0xFFC7CE)
        .set_font_color(0x9C0006);
    for i in 0..2 {
        let col = c.block(i) + 3;
        let rule = ConditionalFormatFormula::new()
            .set_rule(
                format!(
                    "=AND(ISNUMBER({0}),ABS({0})>{VARIANCE_FLAG})",
                    cell(first, col)
                )
                .as_str(),
            )
            .set_format(&flag);
        s.ws.add_conditional_format(first, col, total_row, col, &rule)?;
    }
    Ok(())
}

/// The figures of a row, summed for the total.
#[derive(Default)]
struct Totals {
    budget: Decimal,
    cancelled_budget: Decimal,
    budget_period: Decimal,
    budget_ytd: Decimal,
    period: Flows,
    ytd: Flows,
    cumul: Flows,
}

impl Totals {
    fn of(r: &PeriodRow<'_>) -> Totals {
        Totals {
            budget: r.budget,
            cancelled_budget: r.cancelled_budget,
            budget_period: r.budget_period,
            budget_ytd: r.budget_ytd,
            period: r.period,
            ytd: r.ytd,
            cumul: r.cumul,
        }
    }

    fn add(&mut self, o: &Totals) {
        self.budget += o.budget;
        self.cancelled_budget += o.cancelled_budget;
        self.budget_period += o.budget_period;
        self.budget_ytd += o.budget_ytd;
        self.period.add(o.period);
        self.ytd.add(o.ytd);
        self.cumul.add(o.cumul);
    }

    /// The value cells: (column, amount).
    fn values(&self, c: &Cols) -> [(ColNum, Decimal); 8] {
        [
            (c.budget(), self.budget),
            (c.cancelled(), self.cancelled_budget),
            (c.block(0), self.budget_period),
            (c.block(0) + 1, self.period.spent),
            (c.block(1), self.budget_ytd),
            (c.block(1) + 1, self.ytd.spent),
            (c.committed(), self.cumul.committed),
            (c.spent(), self.cumul.spent),
        ]
    }
}

/// The Période sheet: its banners, then the table.
pub(crate) fn sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
    period: &Period,
    rows: &[PeriodRow<'_>],
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::streamed(wb, names.period)?;
    let title = report::period_title(lang, &period_text(period, lang));
    let note = report::period_note(lang);
    cumul::banners(&mut s, &title, &data.title(), Some(note), f)?;
    let header_row: RowNum = 4;
    write_table(&mut s, header_row, rows, data.multi(), &data.table_style(f))?;
    let off = ColNum::from(data.multi());
    s.ws.set_freeze_panes(header_row + 2, off + 2)?;
    s.ws.set_repeat_columns(off, off + 1)?;
    s.print_setup(Some(header_row + 1), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

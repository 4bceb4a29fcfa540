//! The Par source sheet: per funding source, a row per axis it funds, the
//! source's subtotal, then the grand total.

use rust_xlsxwriter::{ColNum, RowNum, XlsxError};

use rust_decimal::Decimal;

use crate::compute::{self, Figures, Group};
use crate::i18n::Label;
use crate::i18n::report::{self, Column};
use crate::output::xlsx::{Cached, Formats, Sheet, cell};

use super::cumul;
use super::data::Data;
use super::figures::Money;
use super::{
    SheetNames, headers, initial_cells, initial_labels, money_labels, rate_formula, revised,
};

/// Columns of the sheet.
mod src {
    use rust_xlsxwriter::ColNum;
    pub const CODE: ColNum = 0;
    pub const NAME: ColNum = 1;
    pub const STATUS: ColNum = 2;
    pub const AXIS: ColNum = 3;
    pub const AXIS_TITLE: ColNum = 4;
    pub const ACTIVITIES: ColNum = 5;
    pub const BUDGET: ColNum = 6;
    pub const CANCELLED_BUDGET: ColNum = 7;
    pub const COMMITTED: ColNum = 8;
    pub const SPENT: ColNum = 9;
    pub const OUTSTANDING: ColNum = 10;
    pub const BALANCE: ColNum = 11;
    pub const FINANCIAL: ColNum = 12;
    pub const COMMITMENT: ColNum = 13;
    pub const LAST: ColNum = 13;
    /// Only on a revised plan.
    pub const INITIAL: ColNum = 14;
    pub const INITIAL_DIFF: ColNum = 15;
}

/// The labels of the header row.
fn labels(data: &Data<'_>) -> Vec<String> {
    let lang = data.lang;
    let mut labels: Vec<String> = vec![
        Label::Code.text(lang).into(),
        Label::Source.text(lang).into(),
        Label::SourceStatus.text(lang).into(),
        Column::AxisCode.text(lang).into(),
        Label::Axis.text(lang).into(),
        Label::Activities.text(lang).into(),
    ];
    labels.extend(money_labels(data));
    labels.push(Label::Financial.text(lang).into());
    labels.push(Label::Commitment.text(lang).into());
    if revised(data) {
        labels.extend(initial_labels(data));
    }
    labels
}

/// The cumulative cells' columns.
const CUMUL: cumul::Cols = cumul::Cols {
    budget: src::BUDGET,
    cancelled: src::CANCELLED_BUDGET,
    committed: src::COMMITTED,
    spent: src::SPENT,
    outstanding: src::OUTSTANDING,
    balance: src::BALANCE,
    financial: src::FINANCIAL,
};

pub(crate) fn sheet(data: &Data<'_>, names: &SheetNames, f: &Formats) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::new(names.sources)?;
    s.banner(0, 0, report::sources_title(lang), &f.title)?;
    let header_row: RowNum = 2;
    headers(&mut s, header_row, &labels(data), &f.header)?;
    let w = Writer {
        data,
        f,
        dec: data.decimals,
        revised: revised(data),
    };
    let first_data = header_row + 1;
    let mut row = first_data;
    for g in &data.by_source.groups {
        row = w.source(&mut s, row, g)?;
    }
    w.grand_total(&mut s, row, first_data)?;
    crate::output::xlsx::flag_overspending(&mut s.ws, first_data, row, src::FINANCIAL)?;
    s.ws.set_freeze_panes(header_row + 1, 0)?;
    s.min_width(src::LAST, 5);
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

/// What every row of the sheet needs.
struct Writer<'a> {
    data: &'a Data<'a>,
    f: &'a Formats,
    dec: u32,
    revised: bool,
}

/// The code, name and status a source's rows show.
struct Named<'a> {
    code: &'a str,
    name: String,
    status: &'a str,
}

impl Writer<'_> {
    /// A source's rows: one per axis it funds, then its subtotal. Returns
    /// the next free row.
    fn source(&self, s: &mut Sheet, first: RowNum, g: &Group) -> Result<RowNum, XlsxError> {
        let data = self.data;
        let lang = data.lang;
        let named = if g.id == compute::UNATTRIBUTED {
            Named {
                code: "",
                name: Label::Unattributed.text(lang).to_string(),
                status: "",
            }
        } else {
            let status = data
                .projects
                .iter()
                .flat_map(|p| &p.plan.sources)
                .find(|x| x.id == g.id)
                .map(|x| x.status.label(lang))
                .unwrap_or("");
            Named {
                code: g.id.as_str(),
                name: crate::output::labels::group_title(g, lang),
                status,
            }
        };
        let mut row = first;
        for axis in &data.by_axis.groups {
            let Some(fig) = data
                .source_by_axis
                .get(&axis.id)
                .and_then(|sm| sm.groups.iter().find(|x| x.id == g.id))
                .map(|x| &x.figures)
                .filter(|x| x.activities > 0)
            else {
                continue;
            };
            let m = data
                .money_source_axis
                .get(&(g.id.clone(), axis.id.clone()))
                .copied()
                .unwrap_or_default();
            self.detail(s, row, &named, axis, fig, &m)?;
            row += 1;
        }
        self.subtotal(s, row, &named, g, (row > first).then(|| (first, row - 1)))?;
        Ok(row + 1)
    }

    /// The row of one source on one axis.
    fn detail(
        &self,
        s: &mut Sheet,
        row: RowNum,
        named: &Named<'_>,
        axis: &Group,
        fig: &Figures,
        m: &Money,
    ) -> Result<(), XlsxError> {
        let (f, dec) = (self.f, self.dec);
        s.plain(row, src::CODE, named.code)?;
        s.plain(row, src::NAME, &named.name)?;
        s.plain(row, src::STATUS, named.status)?;
        s.plain(row, src::AXIS, &axis.id)?;
        s.plain(
            row,
            src::AXIS_TITLE,
            &crate::output::labels::group_title(axis, self.data.lang),
        )?;
        s.number(
            row,
            src::ACTIVITIES,
            fig.activities as f64,
            fig.activities.to_string().len(),
            &f.count,
        )?;
        for (col, d) in [
            (src::BUDGET, m.budget),
            (src::CANCELLED_BUDGET, m.cancelled_budget),
            (src::COMMITTED, m.committed),
            (src::SPENT, m.spent),
        ] {
            s.amount(row, col, d, dec, &f.amount)?;
        }
        self.derived(s, row, m, false)?;
        if self.revised {
            initial_cells(
                s,
                row,
                (src::BUDGET, src::INITIAL, src::INITIAL_DIFF),
                m.budget,
                fig.initial,
                None,
                dec,
                &f.amount,
            )?;
        }
        Ok(())
    }

    /// The source's subtotal over its `detail` rows (first and last).
    fn subtotal(
        &self,
        s: &mut Sheet,
        row: RowNum,
        named: &Named<'_>,
        g: &Group,
        detail: Option<(RowNum, RowNum)>,
    ) -> Result<(), XlsxError> {
        let (f, lang) = (self.f, self.data.lang);
        let fig = &g.figures;
        let m = self
            .data
            .money_source
            .get(&g.id)
            .copied()
            .unwrap_or_default();
        let label = report::source_total(
            lang,
            if named.code.is_empty() {
                named.name.as_str()
            } else {
                named.code
            },
        );
        s.text(row, src::CODE, &label, &f.bold)?;
        s.text(row, src::NAME, &named.name, &f.bold)?;
        s.text(row, src::STATUS, named.status, &f.bold)?;
        let sum = |col: ColNum| match detail {
            Some((a, b)) => format!("SUBTOTAL(9,{}:{})", cell(a, col), cell(b, col)),
            None => "0".to_string(),
        };
        s.formula(
            row,
            src::ACTIVITIES,
            &sum(src::ACTIVITIES),
            Cached::Num(fig.activities as f64),
            fig.activities.to_string().len(),
            &f.count_bold,
        )?;
        self.total_cells(s, row, &m, fig.initial, &sum)
    }

    /// Grand total: every line of every source, every payment. Activities
    /// funded by several sources count once per source, so no count here.
    fn grand_total(&self, s: &mut Sheet, row: RowNum, first_data: RowNum) -> Result<(), XlsxError> {
        s.text(
            row,
            src::CODE,
            Label::Total.text(self.data.lang),
            &self.f.bold,
        )?;
        let grand = |col: ColNum| {
            if row > first_data {
                format!(
                    "SUBTOTAL(9,{}:{})",
                    cell(first_data, col),
                    cell(row - 1, col)
                )
            } else {
                "0".to_string()
            }
        };
        let initial = self.data.by_source.total.initial;
        self.total_cells(s, row, &self.data.money_total, initial, &grand)
    }

    /// The amounts of a total row as `sum` formulas, then its derived
    /// cells and initial amounts.
    fn total_cells(
        &self,
        s: &mut Sheet,
        row: RowNum,
        m: &Money,
        initial: Decimal,
        sum: &dyn Fn(ColNum) -> String,
    ) -> Result<(), XlsxError> {
        let (f, dec) = (self.f, self.dec);
        for (col, d) in [
            (src::BUDGET, m.budget),
            (src::CANCELLED_BUDGET, m.cancelled_budget),
            (src::COMMITTED, m.committed),
            (src::SPENT, m.spent),
        ] {
            s.amount_formula(row, col, &sum(col), d, dec, &f.amount_bold)?;
        }
        self.derived(s, row, m, true)?;
        if self.revised {
            initial_cells(
                s,
                row,
                (src::BUDGET, src::INITIAL, src::INITIAL_DIFF),
                m.budget,
                initial,
                Some(sum(src::INITIAL)),
                dec,
                &f.amount_bold,
            )?;
        }
        Ok(())
    }

    /// The row's outstanding commitments, balance and rates, as formulas
    /// on its own cells.
    fn derived(&self, s: &mut Sheet, row: RowNum, m: &Money, bold: bool) -> Result<(), XlsxError> {
        let t = self.data.table_style(self.f);
        cumul::cells(s, row, &CUMUL, &cumul::Values::of(m), bold, &t)?;
        let c = |col| cell(row, col);
        let active = format!("{}-{}", c(src::BUDGET), c(src::CANCELLED_BUDGET));
        s.formula(
            row,
            src::COMMITMENT,
            &rate_formula(&c(src::COMMITTED), &active),
            Cached::rate(m.commitment()),
            5,
            if bold {
                &self.f.rate_bold
            } else {
                &self.f.rate
            },
        )
    }
}

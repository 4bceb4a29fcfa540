//! The Indicateurs sheet: each indicator's baseline, target, actual value
//! and achievement.

use rust_decimal::Decimal;
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, XlsxError};

use crate::i18n::Label;
use crate::output::xlsx::{Cached, Formats, NO_RATE, Sheet, amount_width, cell, f64_of};

use super::data::Data;
use super::{SheetNames, WRAP_NARROW, WRAP_WIDE, dated_title, headers};

pub(crate) fn sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::streamed(wb, names.indicators)?;
    let title = dated_title(data, names.indicators);
    s.banner(0, 0, &title, &f.title)?;
    s.banner(1, 0, &data.title(), &f.bold)?;
    let header_row: RowNum = 3;
    let mut labels: Vec<String> = Vec::new();
    if data.multi() {
        labels.push(Label::Plan.text(lang).into());
    }
    let off = labels.len() as ColNum;
    labels.extend(
        [
            Label::Level,
            Label::Code,
            Label::Indicator,
            Label::Unit,
            Label::Baseline,
            Label::Target,
            Label::Actual,
            Label::Achievement,
        ]
        .iter()
        .map(|l| l.text(lang).to_string()),
    );
    headers(&mut s, header_row, &labels, &f.header)?;
    let value = |s: &mut Sheet, row: RowNum, col: ColNum, d: Decimal| {
        let code = crate::output::xlsx::value_format_code(d);
        let shown = amount_width(d, d.normalize().scale());
        s.number(
            row,
            col,
            f64_of(d),
            shown,
            &Format::new().set_num_format(code),
        )
    };
    for (i, (plan, ind)) in data.indicators.iter().enumerate() {
        let row = header_row + 1 + i as RowNum;
        s.fit_row(row, &[(&ind.name, WRAP_WIDE)])?;
        if data.multi() {
            s.text(row, 0, &data.projects[*plan].plan.title, &f.wrap)?;
        }
        s.plain(row, off, crate::output::labels::level(ind.level, lang))?;
        s.plain(row, off + 1, &ind.owner)?;
        s.text(row, off + 2, &ind.name, &f.wrap)?;
        s.plain(row, off + 3, ind.unit.as_deref().unwrap_or(""))?;
        if let Some(b) = ind.baseline {
            value(&mut s, row, off + 4, b)?;
        }
        value(&mut s, row, off + 5, ind.target)?;
        if let Some(a) = ind.actual {
            value(&mut s, row, off + 6, a)?;
        }
        // With a baseline: (actual − baseline) ÷ (target − baseline);
        // without, the blank baseline counts as 0: actual ÷ target.
        let (b, t, a) = (cell(row, off + 4), cell(row, off + 5), cell(row, off + 6));
        s.formula(
            row,
            off + 7,
            &format!("IF(OR({a}=\"\",{t}-{b}=0),\"{NO_RATE}\",({a}-{b})/({t}-{b}))"),
            Cached::rate(ind.achievement()),
            5,
            &f.rate,
        )?;
    }
    let n = data.indicators.len() as RowNum;
    s.max_width(off + 2, WRAP_WIDE);
    if data.multi() {
        s.max_width(0, WRAP_NARROW);
    }
    s.ws.set_freeze_panes(header_row + 1, 0)?;
    s.ws.autofilter(header_row, 0, header_row + n, labels.len() as ColNum - 1)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

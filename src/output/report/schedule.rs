//! The Chronogramme sheet: per activity, the state of each planned quarter
//! on the as-of date, in colour, with its legend.

use chrono::NaiveDate;
use rust_xlsxwriter::{ColNum, Format, FormatAlign, RowNum, Workbook, XlsxError};

use crate::compute;
use crate::i18n::Label;
use crate::i18n::report::{self, Column, QuarterState as Cell};
use crate::model::Status;
use crate::output::xlsx::{Formats, Sheet};

use super::data::{Data, Row};
use super::{SheetNames, WRAP_WIDE, dated_title, headers};

/// The states in the legend's order.
const LEGEND: [Cell; 7] = [
    Cell::Done,
    Cell::OnTrack,
    Cell::Ongoing,
    Cell::Planned,
    Cell::Late,
    Cell::Postponed,
    Cell::Cancelled,
];

/// (fill, font) colours of a state.
fn colours(c: Cell) -> (u32, u32) {
    match c {
        Cell::Done => (0xC6EFCE, 0x006100),
        Cell::Ongoing => (0xFFEB9C, 0x9C5700),
        Cell::OnTrack => (0xE2EFDA, 0x375623),
        Cell::Planned => (0xDDEBF7, 0x1F4E78),
        Cell::Late => (0xFFC7CE, 0x9C0006),
        Cell::Postponed => (0xFCE4D6, 0x833C0B),
        Cell::Cancelled => (0xD9D9D9, 0x595959),
    }
}

fn format(c: Cell) -> Format {
    let (fill, font) = colours(c);
    Format::new()
        .set_background_color(fill)
        .set_font_color(font)
        .set_align(FormatAlign::Center)
}

/// The state of one planned quarter on the as-of date: done and cancelled
/// activities show their status; a quarter that has ended (on or before
/// the as-of date) is late when the progress is below what the schedule
/// implies at its end ([`compute::expected_progress`]), else on track; the
/// current quarter shows the activity's status, a future one "planned".
fn quarter_cell(r: &Row<'_>, q: u8, as_of: Option<NaiveDate>) -> Cell {
    let status = r.status();
    match status {
        Status::Done => return Cell::Done,
        Status::Cancelled => return Cell::Cancelled,
        Status::Postponed => return Cell::Postponed,
        _ => {}
    }
    let (Some(d), Some((start, end))) = (as_of, compute::quarter_span(r.year, q)) else {
        return Cell::Planned;
    };
    if end <= d {
        let expected = compute::expected_progress(r.year, &r.quarters(), end);
        if expected.is_some_and(|e| r.state.physical() < e) {
            Cell::Late
        } else {
            Cell::OnTrack
        }
    } else if start <= d && status == Status::Ongoing {
        Cell::Ongoing
    } else {
        Cell::Planned
    }
}

pub(crate) fn sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let as_of = data.by_axis.as_of;
    let mut s = Sheet::streamed(wb, names.schedule)?;
    let title = dated_title(data, names.schedule);
    s.banner(0, 0, &title, &f.title)?;
    let formats: Vec<(Cell, Format)> = LEGEND.iter().map(|&c| (c, format(c))).collect();
    let fmt = |c: Cell| {
        formats
            .iter()
            .find(|(x, _)| *x == c)
            .map(|(_, f)| f)
            .unwrap_or(&f.text)
    };
    // Legend.
    s.banner(1, 0, report::legend(lang), &f.bold)?;
    for (i, &c) in LEGEND.iter().enumerate() {
        // Under T1…: the quarter columns are wide enough for the words.
        let col = 3 + ColNum::from(data.multi()) + i as ColNum;
        s.text(1, col, c.text(lang), fmt(c))?;
    }
    s.banner(2, 0, report::late_note(lang), &f.italic)?;
    let header_row: RowNum = 4;
    let mut labels: Vec<String> = Vec::new();
    if data.multi() {
        labels.push(Label::Plan.text(lang).into());
    }
    let off = labels.len() as ColNum;
    labels.extend(
        [
            Label::Code.text(lang),
            Label::Activity.text(lang),
            Label::Responsible.text(lang),
        ]
        .map(String::from),
    );
    labels.extend((1..=4).map(|q| report::quarter(lang, q)));
    labels.push(Label::Status.text(lang).into());
    labels.push(Column::Late.text(lang).into());
    headers(&mut s, header_row, &labels, &f.header)?;
    for (i, r) in data.activities.iter().enumerate() {
        let row = header_row + 1 + i as RowNum;
        if data.multi() {
            s.plain(row, 0, &data.projects[r.plan].plan.title)?;
        }
        s.fit_row(row, &[(&r.activity.title, WRAP_WIDE)])?;
        s.plain(row, off, &r.activity.id)?;
        s.text(row, off + 1, &r.activity.title, &f.wrap)?;
        s.plain(
            row,
            off + 2,
            r.activity.responsible.as_deref().unwrap_or(""),
        )?;
        for q in r.quarters() {
            let c = quarter_cell(r, q, as_of);
            s.text(row, off + 2 + q as ColNum, c.text(lang), fmt(c))?;
        }
        s.plain(row, off + 7, r.status().label(lang))?;
        let late = as_of.is_some_and(|d| compute::late(r.year, r.activity, &r.state, d));
        s.plain(row, off + 8, if late { report::yes(lang) } else { "" })?;
    }
    let n = data.activities.len() as RowNum;
    for q in 0..4 {
        s.min_width(off + 3 + q, 11);
    }
    s.max_width(off + 1, WRAP_WIDE);
    s.ws.set_freeze_panes(header_row + 1, off + 2)?;
    s.ws.set_repeat_columns(off, off + 1)?;
    s.ws.autofilter(header_row, 0, header_row + n, labels.len() as ColNum - 1)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

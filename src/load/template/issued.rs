//! SPEC §8: a template comes back as issued — its sheets, its rows (no row
//! added, no code or source changed), its locked cells. The rows as issued
//! are kept in the hidden sheet; templates written before they were
//! (version 1) are not checked.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Cols, number_of};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::workbook as w;
use crate::layout::Columns;
use crate::layout::template::{
    Col, ENTRY, INSTRUCTIONS, ISSUED_FIRST_ROW, ISSUED_MARK, ISSUED_ROW, META,
};
use crate::load::book::{Book, Sheet};
use crate::load::cells::{Header, Reading};
use crate::model::Loc;
use crate::money;

/// One row of the template as issued (from the hidden sheet).
struct Issued {
    code: String,
    source: String,
    title: String,
    responsible: String,
    budget: Option<Decimal>,
    spent: Option<Decimal>,
}

/// Checks the sheets, rows and locked cells of a filled template against
/// the template as issued.
pub(super) fn check(book: &Book, h: &Header, c: &Cols, rd: &mut Reading<'_, '_>) {
    let Some(meta) = book.sheet(&[META]) else {
        return;
    };
    if meta.get(ISSUED_ROW, 0).text() != ISSUED_MARK {
        return;
    }
    added_sheets(book, rd);
    let issued = issued_rows(meta);
    let mut by_key: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, x) in issued.iter().enumerate() {
        by_key
            .entry((x.code.as_str(), x.source.as_str()))
            .or_insert(i);
    }
    let mut used = vec![false; issued.len()];
    let all_cols: Vec<u32> = Col::ALL.iter().filter_map(|&d| c.get(d)).collect();
    let lang = rd.lang;
    for r in h.row + 1..rd.sheet.end_row() {
        if all_cols.iter().all(|&col| rd.get(r, col).is_empty()) {
            continue;
        }
        let code = text_at(rd, c, r, Col::Code);
        let source = text_at(rd, c, r, Col::Source);
        let code_col = c.get(Col::Code).unwrap_or(0);
        let Some(&i) = by_key.get(&(code.as_str(), source.as_str())) else {
            rd.error(
                Code::Workbook,
                r,
                code_col,
                w::row_not_issued(lang, &code, &source),
            );
            continue;
        };
        if used[i] {
            rd.error(
                Code::Workbook,
                r,
                code_col,
                w::duplicate_row(lang, &code, &source),
            );
            continue;
        }
        used[i] = true;
        locked_cells(rd, c, r, &issued[i]);
    }
}

/// A sheet added to the template: refused, only the entry sheet is read.
fn added_sheets(book: &Book, rd: &mut Reading<'_, '_>) {
    let lang = rd.lang;
    let known = [ENTRY.fr, ENTRY.en, INSTRUCTIONS.fr, INSTRUCTIONS.en, META];
    for s in &book.sheets {
        if !known.contains(&s.name.as_str()) {
            rd.diags.push(Diagnostic::error(
                Code::Workbook,
                Loc::Cell {
                    file: rd.file,
                    sheet: s.index,
                    row: 0,
                    col: 0,
                },
                w::sheet_added(lang, &s.name, &rd.sheet.name),
            ));
        }
    }
}

/// The rows as issued, from the hidden sheet.
fn issued_rows(meta: &Sheet) -> Vec<Issued> {
    let count = number_of(meta.get(ISSUED_ROW, 1))
        .and_then(|d| u32::try_from(d.trunc().mantissa()).ok())
        .unwrap_or(0);
    (0..count.min(meta.end_row()))
        .map(|i| {
            let m = ISSUED_FIRST_ROW + i;
            Issued {
                code: meta.get(m, 0).text(),
                source: meta.get(m, 1).text(),
                title: meta.get(m, 2).text(),
                responsible: meta.get(m, 3).text(),
                budget: number_of(meta.get(m, 4)),
                spent: number_of(meta.get(m, 5)),
            }
        })
        .collect()
}

fn text_at(rd: &Reading<'_, '_>, c: &Cols, r: u32, x: Col) -> String {
    c.get(x)
        .map(|col| rd.get(r, col).text().trim().to_string())
        .unwrap_or_default()
}

/// The locked cells of a row, compared with the row as issued.
fn locked_cells(rd: &mut Reading<'_, '_>, c: &Cols, r: u32, x: &Issued) {
    let lang = rd.lang;
    for (col, want) in [(Col::Title, &x.title), (Col::Responsible, &x.responsible)] {
        let what = col.name().text(c.lang);
        let got = text_at(rd, c, r, col);
        if got != want.trim()
            && let Some(cc) = c.get(col)
        {
            rd.error(
                Code::Workbook,
                r,
                cc,
                w::locked_text_changed(lang, what, want, &got),
            );
        }
    }
    for (col, want) in [(Col::Budget, x.budget), (Col::SpentSoFar, x.spent)] {
        let what = col.name().text(c.lang);
        let Some(cc) = c.get(col) else { continue };
        let got = number_of(rd.get(r, cc));
        if got != want {
            let show = |d: Option<Decimal>| d.map(money::raw).unwrap_or_default();
            rd.error(
                Code::Workbook,
                r,
                cc,
                w::locked_amount_changed(lang, what, show(want), rd.get(r, cc).text()),
            );
        }
    }
}

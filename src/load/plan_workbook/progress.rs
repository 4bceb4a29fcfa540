//! The progress records of the `Suivi` sheet and the import fingerprints
//! of the hidden `Imports` sheet.

use rust_decimal::Decimal;

use super::{col, data_rows, french, missing_column, sheet, table};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::layout::Columns;
use crate::layout::plan::{self as lay, ProgressCol};
use crate::load::book::{Book, Value};
use crate::load::cells::Reading;
use crate::model::*;
use crate::money::{self, Currency};
use toml::de::{DeTable, DeValue};

/// Progress records of a `Suivi` sheet (`None` when the workbook has none).
pub fn read_progress(
    book: &Book,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Record>> {
    read_progress_in(book, file, None, lang, diags)
}

/// [`read_progress`] for a plan in `currency`: amounts naming another
/// currency are refused at their cell.
pub(super) fn read_progress_in(
    book: &Book,
    file: FileId,
    currency: Option<&Currency>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Record>> {
    let s = sheet(book, lay::PROGRESS)?;
    let known = ProgressCol::known();
    let (mut rd, h) = table(s, file, lang, diags, &known, &|_| false)?;
    let c = |x: ProgressCol| col(&h, x);
    let (Some(ac), Some(dc)) = (c(ProgressCol::Activity), c(ProgressCol::Date)) else {
        missing_column(&mut rd, &h, &french(&[w::ACTIVITY, w::DATE]));
        return Some(Vec::new());
    };
    let (stc, pc, cc, spc, sc, ic, nc) = (
        c(ProgressCol::Status),
        c(ProgressCol::Progress),
        c(ProgressCol::Committed),
        c(ProgressCol::Spent),
        c(ProgressCol::Source),
        c(ProgressCol::Indicators),
        c(ProgressCol::Note),
    );
    let gc = c(ProgressCol::Category);
    let correction_col = c(ProgressCol::Correction);
    rd.currency = currency.cloned();
    let mut records = Vec::new();
    for r in data_rows(s, &h).collect::<Vec<_>>() {
        let correction = correction_col.is_some_and(|col| is_correction(rd.get(r, col)));
        let date = match rd.date(r, Some(dc)) {
            Some(d) => d,
            None => {
                if rd.text(r, Some(dc)).is_none() {
                    rd.error(Code::MissingKey, r, dc, w::record_without_date(lang));
                }
                continue;
            }
        };
        let status = status_cell(&mut rd, r, stc).flatten();
        let mut rec = Record {
            activity: rd.text(r, Some(ac)).unwrap_or_default(),
            activity_loc: rd.loc(r, ac),
            date,
            date_loc: rd.loc(r, dc),
            status,
            status_loc: rd.loc(r, stc.unwrap_or(ac)),
            progress: rd.number(r, pc, true),
            progress_loc: rd.loc(r, pc.unwrap_or(ac)),
            committed: rd.number(r, cc, correction),
            committed_loc: rd.loc(r, cc.unwrap_or(ac)),
            spent: rd.number(r, spc, correction),
            spent_loc: rd.loc(r, spc.unwrap_or(ac)),
            correction,
            source: rd.text(r, sc),
            source_loc: rd.loc(r, sc.unwrap_or(ac)),
            note: rd.text(r, nc),
            category: rd.text(r, gc),
            category_loc: rd.loc(r, gc.unwrap_or(ac)),
            loc: rd.loc(r, ac),
            ..Default::default()
        };
        if let (Some(col), Some(t)) = (ic, rd.text(r, ic)) {
            match inline_indicators(&t) {
                Some(list) => {
                    rec.indicators = list
                        .into_iter()
                        .map(|(name, value)| IndicatorValue {
                            name,
                            value,
                            loc: rd.loc(r, col),
                        })
                        .collect()
                }
                None => rd.error(Code::Syntax, r, col, w::unreadable_indicators(lang)),
            }
        }
        records.push(rec);
    }
    Some(records)
}

/// "oui" / "yes" / "true" / "x" / 1 / TRUE: a correction, whose amounts may
/// be negative.
fn is_correction(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Number(Some(d)) => *d == Decimal::ONE,
        v => matches!(
            crate::text::fold(&v.text()).as_str(),
            "oui" | "yes" | "true" | "vrai" | "x"
        ),
    }
}

/// The status typed in a cell, in French or English: `Some(None)` when
/// the cell (or the column) is empty, `None` when the word is none of the
/// list (reported at the cell). Read alike in the `Suivi` sheet and in a
/// filled template.
pub(crate) fn status_cell(
    rd: &mut Reading<'_, '_>,
    r: u32,
    col: Option<u32>,
) -> Option<Option<Status>> {
    let Some(col) = col else {
        return Some(None);
    };
    let Some(t) = rd.text(r, Some(col)) else {
        return Some(None);
    };
    if let Some(s) = Status::parse(&t) {
        return Some(Some(s));
    }
    let lang = rd.lang;
    let words: Vec<&str> = Status::ALL.iter().map(|s| s.label(lang)).collect();
    rd.error(
        Code::InvalidValue,
        r,
        col,
        w::status_not_in_list(lang, &t, words.join(", ")),
    );
    None
}

/// The import fingerprints kept in the hidden `Imports` sheet (one per
/// row, column A), written by `convert` from the log's comment lines.
pub(super) fn import_marks_sheet(book: &Book) -> Vec<String> {
    let Some(s) = book.sheet(&[lay::IMPORTS]) else {
        return Vec::new();
    };
    (0..s.end_row())
        .map(|r| s.get(r, 0).text())
        .filter(|t| t.starts_with(crate::log_text::IMPORT_MARK))
        .collect()
}

/// `"Campagnes réalisées" = 2, "Personnes formées" = 120` → pairs.
pub fn inline_indicators(text: &str) -> Option<Vec<(String, Decimal)>> {
    let doc = format!("v = {{ {} }}", text.replace('\n', " "));
    let t = DeTable::parse(&doc).ok()?;
    let v = t.get_ref().get("v")?;
    let DeValue::Table(items) = v.get_ref() else {
        return None;
    };
    let mut out = Vec::new();
    for (k, v) in items.iter() {
        let value = match v.get_ref() {
            DeValue::Integer(i) => money::parse_toml_integer(i.as_str(), i.radix()),
            DeValue::Float(f) => money::parse_toml_float(f.as_str()),
            DeValue::String(s) => money::parse_decimal_text(s),
            _ => return None,
        }
        .ok()?;
        out.push((k.get_ref().to_string(), value));
    }
    Some(out)
}

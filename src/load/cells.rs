//! Reading values out of sheet cells with diagnostics located at the cell
//! (`Activités!F12`): shared by the plan-workbook reader, the hand-made
//! reader and `ptba import`.

use crate::i18n;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::book::{Sheet, Value};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::model::{FileId, Loc};
use crate::money::{self, AmountError};
use crate::text::fold;

/// A sheet with the file it belongs to and the diagnostics found in it.
pub struct Reading<'s, 'd> {
    pub sheet: &'s Sheet,
    pub file: FileId,
    pub lang: Lang,
    pub diags: &'d mut Vec<Diagnostic>,
    /// The plan's currency, when known: amounts in cells may name it and
    /// no other (see [`money::parse_amount_in`]).
    pub currency: Option<crate::money::Currency>,
}

impl<'s, 'd> Reading<'s, 'd> {
    pub fn new(sheet: &'s Sheet, file: FileId, lang: Lang, diags: &'d mut Vec<Diagnostic>) -> Self {
        Reading {
            sheet,
            file,
            lang,
            diags,
            currency: None,
        }
    }

    /// The sheet's name, for messages.
    pub fn name(&self) -> &'s str {
        &self.sheet.name
    }

    pub fn loc(&self, row: u32, col: u32) -> Loc {
        Loc::Cell {
            file: self.file,
            sheet: self.sheet.index,
            row,
            col,
        }
    }

    pub fn get(&self, row: u32, col: u32) -> &'s Value {
        self.sheet.get(row, col)
    }

    pub fn error(&mut self, code: Code, row: u32, col: u32, message: String) {
        let loc = self.loc(row, col);
        self.diags.push(Diagnostic::error(code, loc, message));
    }

    pub fn warning(&mut self, code: Code, row: u32, col: u32, message: String) {
        let loc = self.loc(row, col);
        self.diags.push(Diagnostic::warning(code, loc, message));
    }

    /// Text of a cell; `None` when blank.
    pub fn text(&self, row: u32, col: Option<u32>) -> Option<String> {
        let v = self.get(row, col?);
        (!v.is_empty()).then(|| v.text())
    }

    /// An amount (≥ 0 unless `signed`): number, cached formula value, or text
    /// such as "12 500 000 FCFA". Blank is `None` without a diagnostic.
    pub fn number(&mut self, row: u32, col: Option<u32>, signed: bool) -> Option<Decimal> {
        let col = col?;
        let lang = self.lang;
        let parsed = match self.get(row, col) {
            Value::Empty => return None,
            Value::Text(t) if t.trim().is_empty() => return None,
            Value::Number(Some(d)) => Ok(*d),
            Value::Number(None) => Err(AmountError::TooLarge),
            Value::Text(t) => money::parse_decimal_in(t, self.currency.as_ref()),
            Value::Bool(_) | Value::Date(_) => Err(AmountError::Invalid),
            Value::Error(e) => {
                let e = e.clone();
                self.error(
                    Code::InvalidAmount,
                    row,
                    col,
                    i18n::load::formula_error(lang, e),
                );
                return None;
            }
        };
        let checked = parsed.and_then(|d| {
            if d.abs() > money::MAX_AMOUNT {
                Err(AmountError::TooLarge)
            } else if signed {
                Ok(d)
            } else {
                money::check_range(d)
            }
        });
        match checked {
            Ok(d) => Some(d),
            Err(e) => {
                let code = if e == AmountError::TooLarge {
                    Code::TooLarge
                } else {
                    Code::InvalidAmount
                };
                let shown = self.get(row, col).text();
                self.error(
                    code,
                    row,
                    col,
                    i18n::load::cell_refused(lang, shown, e.message(lang)),
                );
                None
            }
        }
    }

    /// A date: an Excel date, a serial number, or text `31/03/2024` / `2024-03-31`.
    pub fn date(&mut self, row: u32, col: Option<u32>) -> Option<NaiveDate> {
        let col = col?;
        let lang = self.lang;
        let v = self.get(row, col);
        let parsed = match v {
            Value::Empty => return None,
            Value::Date(d) => Some(*d),
            Value::Number(Some(d)) => {
                use rust_decimal::prelude::ToPrimitive;
                d.to_f64().and_then(|f| super::book::excel_date(f, false))
            }
            Value::Text(t) => super::toml::parse_date_text(t),
            _ => None,
        };
        // Past 31/12/9999 is no date a plan can hold (and would be written
        // `+10000-01-01`, which no reader takes back).
        let beyond = parsed.is_some_and(|d| chrono::Datelike::year(&d) > 9999);
        if beyond {
            self.error(
                Code::InvalidDate,
                row,
                col,
                i18n::load::date_beyond_9999(lang).to_string(),
            );
            return None;
        }
        if let (None, Value::Text(t)) = (parsed, v)
            && super::toml::two_digit_year(t)
        {
            let shown = t.trim().to_string();
            self.error(
                Code::InvalidDate,
                row,
                col,
                i18n::load::two_digit_year(lang, shown),
            );
            return None;
        }
        if parsed.is_none() {
            let shown = v.text();
            self.error(
                Code::InvalidDate,
                row,
                col,
                i18n::load::not_a_date(lang, shown),
            );
        }
        parsed
    }
}

/// Whether a chronogramme cell marks the quarter as planned: anything but
/// blank, 0, "non", "-".
pub fn is_mark(v: &Value) -> bool {
    match v {
        Value::Empty => false,
        Value::Number(Some(d)) => !d.is_zero(),
        Value::Bool(b) => *b,
        Value::Text(t) => !matches!(
            fold(t).as_str(),
            "" | "0" | "non" | "no" | "n" | "false" | "faux"
        ),
        Value::Number(None) | Value::Date(_) | Value::Error(_) => true,
    }
}

/// A header row: folded header text → column.
pub struct Header {
    pub row: u32,
    pub cols: Vec<(String, u32, String)>,
}

impl Header {
    /// The first non-empty row of the sheet, as headers.
    pub fn first_row(sheet: &Sheet) -> Option<Header> {
        let (r0, c0) = sheet.origin;
        let (i, row) = sheet
            .rows
            .iter()
            .enumerate()
            .find(|(_, r)| r.iter().any(|v| !v.is_empty()))?;
        let cols = row
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(j, v)| (fold(&v.text()), c0 + j as u32, v.text()))
            .collect();
        Some(Header {
            row: r0 + i as u32,
            cols,
        })
    }

    /// The column whose header is one of `names` (folded).
    pub fn col(&self, names: &[&str]) -> Option<u32> {
        names.iter().find_map(|n| {
            let f = fold(n);
            self.cols.iter().find(|(h, _, _)| *h == f).map(|c| c.1)
        })
    }
}

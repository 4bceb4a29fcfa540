//! Typed values of a TOML block read into the model, each with its
//! location: texts, tables, lists, exact amounts, dates, ids; a wrong one is
//! a diagnostic at its span.

use std::ops::Range;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{INDICATOR_KEYS, Val, parse_date_text};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::load::tree::{Key, Table, Value};
use crate::model::*;
use crate::money::{self, AmountError, Currency};
use crate::text::nearest;

/// Where values of the current block are, and where problems go.
pub(super) struct Ctx<'d> {
    pub(super) file: FileId,
    pub(super) lang: Lang,
    pub(super) diags: &'d mut Vec<Diagnostic>,
    /// The plan's currency when known; otherwise amounts written with a
    /// currency word are kept in `pending` and checked once it is.
    pub(super) currency: Option<&'d Currency>,
    pub(super) pending: &'d mut Vec<(Range<usize>, String)>,
}

/// Checks again, against the plan's currency, the amounts that were written
/// with a currency word before it was known ("3 200 000 USD" in an XOF plan).
pub(super) fn check_pending(
    pending: &[(Range<usize>, String)],
    currency: &Currency,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    for (span, text) in pending {
        if let Err(e) = money::parse_decimal_in(text, Some(currency)) {
            let loc = Loc::Span {
                file,
                start: span.start as u32,
                end: span.end as u32,
            };
            diags.push(Diagnostic::error(Code::InvalidAmount, loc, e.message(lang)));
        }
    }
}

impl Ctx<'_> {
    pub(super) fn loc(&self, span: Range<usize>) -> Loc {
        Loc::Span {
            file: self.file,
            start: span.start as u32,
            end: span.end as u32,
        }
    }

    pub(super) fn error(&mut self, code: Code, span: Range<usize>, message: String) {
        let loc = self.loc(span);
        self.diags.push(Diagnostic::error(code, loc, message));
    }

    pub(super) fn unknown_key(&mut self, key: &Key<'_>, known: &[&str], what: &str) {
        let name = key.name.as_ref();
        let mut d = Diagnostic::error(
            Code::UnknownKey,
            self.loc(key.span.clone()),
            w::unknown_key_in(self.lang, name, what),
        );
        d.help = Some(match nearest(name, known.iter().copied()) {
            Some(n) => w::did_you_mean(self.lang, n),
            None => w::known_keys(self.lang, known.join(", ")),
        });
        self.diags.push(d);
    }

    pub(super) fn missing(&mut self, span: Range<usize>, key: &str, what: &str) {
        self.error(
            Code::MissingKey,
            span,
            w::key_required(self.lang, what, key),
        );
    }

    pub(super) fn wrong_type(&mut self, v: &Val<'_>, expected: w::Expected) {
        let found = v.value.type_str();
        let msg = w::wrong_type(
            self.lang,
            expected.text(self.lang),
            w::toml_type(self.lang, found),
        );
        self.error(Code::WrongType, v.span.clone(), msg);
    }

    pub(super) fn string(&mut self, v: &Val<'_>) -> Option<String> {
        match &v.value {
            Value::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(v, w::Expected::Text);
                None
            }
        }
    }

    pub(super) fn table<'a, 'i>(&mut self, v: &'a Val<'i>) -> Option<&'a Table<'i>> {
        match &v.value {
            Value::Table(t) => Some(t),
            _ => {
                self.wrong_type(v, w::Expected::Table);
                None
            }
        }
    }

    pub(super) fn array<'a, 'i>(&mut self, v: &'a Val<'i>) -> Option<&'a [Val<'i>]> {
        match &v.value {
            Value::Array(a) => Some(&a[..]),
            _ => {
                self.wrong_type(v, w::Expected::List);
                None
            }
        }
    }

    pub(super) fn amount_error(&mut self, v: &Val<'_>, e: AmountError) {
        let code = if e == AmountError::TooLarge {
            Code::TooLarge
        } else {
            Code::InvalidAmount
        };
        self.error(code, v.span.clone(), e.message(self.lang));
    }

    /// A number as an exact decimal: TOML integer, float (from its literal)
    /// or text ("12 500 000"). `signed` allows negative values.
    pub(super) fn decimal(&mut self, v: &Val<'_>, signed: bool) -> Option<Decimal> {
        let parsed = match &v.value {
            Value::Integer(raw, radix) => money::parse_toml_integer(raw, *radix),
            Value::Float(raw) => money::parse_toml_float(raw),
            Value::String(s) => {
                let r = money::parse_decimal_in(s, self.currency);
                if self.currency.is_none()
                    && r.is_ok()
                    && s.chars()
                        .any(|c| !c.is_ascii() || c.is_ascii_alphabetic() || c == '$')
                {
                    self.pending.push((v.span.clone(), s.to_string()));
                }
                r
            }
            _ => {
                self.wrong_type(v, w::Expected::Number);
                return None;
            }
        };
        let checked = parsed.and_then(|d| if signed { Ok(d) } else { money::check_range(d) });
        let checked = checked.and_then(|d| {
            if d.abs() > money::MAX_AMOUNT {
                Err(AmountError::TooLarge)
            } else {
                Ok(d)
            }
        });
        match checked {
            Ok(d) => Some(d),
            Err(e) => {
                self.amount_error(v, e);
                None
            }
        }
    }

    pub(super) fn date(&mut self, v: &Val<'_>) -> Option<NaiveDate> {
        let parsed = match &v.value {
            Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                }
                (Some(d), Some(_), _) => {
                    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
                        .filter(|_| false)
                }
                _ => None,
            },
            Value::String(s) => parse_date_text(s),
            _ => {
                self.wrong_type(v, w::Expected::Date);
                return None;
            }
        };
        if parsed.is_none() {
            self.error(
                Code::InvalidDate,
                v.span.clone(),
                w::invalid_date(self.lang),
            );
        }
        parsed
    }

    pub(super) fn indicators(&mut self, v: &Val<'_>, out: &mut Vec<Indicator>) {
        let Some(items) = self.array(v) else { return };
        out.reserve_exact(super::plan::tables(items));
        for item in items {
            if let Some(t) = self.table(item) {
                out.push(self.indicator(t, item.span.clone()));
            }
        }
    }

    pub(super) fn indicator(&mut self, t: &Table<'_>, span: Range<usize>) -> Indicator {
        let what = w::an_indicator(self.lang);
        let mut ind = Indicator {
            loc: self.loc(span.clone()),
            ..Default::default()
        };
        let (mut has_name, mut has_target) = (false, false);
        for (k, v) in t.iter() {
            match k.name.as_ref() {
                "name" => {
                    if let Some(s) = self.string(v) {
                        ind.name = s;
                        ind.loc = self.loc(v.span.clone());
                        has_name = true;
                    }
                }
                "unit" => ind.unit = self.string(v),
                "baseline" => ind.baseline = self.decimal(v, true),
                "target" => {
                    has_target = true;
                    ind.target = self.decimal(v, true).unwrap_or_default();
                }
                _ => self.unknown_key(k, INDICATOR_KEYS, what),
            }
        }
        if !has_name {
            self.missing(span.clone(), "name", what);
        }
        if !has_target {
            self.missing(span, "target", what);
        }
        ind
    }
}

/// Reads `id` and checks nothing else: format and uniqueness are `check`'s.
pub(super) fn id_field(ctx: &mut Ctx<'_>, v: &Val<'_>, out: &mut String, loc: &mut Loc) -> bool {
    match &v.value {
        Value::String(s) => {
            if s.is_empty() {
                ctx.error(
                    Code::InvalidId,
                    v.span.clone(),
                    w::empty_id(ctx.lang).to_string(),
                );
            }
            *out = s.to_string();
            *loc = ctx.loc(v.span.clone());
            true
        }
        Value::Integer(raw, _) => {
            // `id = 1` is a common slip: accept the digits as the id.
            *out = raw.to_string();
            *loc = ctx.loc(v.span.clone());
            true
        }
        _ => {
            ctx.wrong_type(v, w::Expected::Id);
            false
        }
    }
}

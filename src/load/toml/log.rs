//! The progress log from TOML text: `[[record]]` blocks, parsed in two
//! halves on two threads when the log is large.

use std::ops::Range;

use chrono::NaiveDate;

use super::Val;
use super::values::{Ctx, id_field};
use super::{LOG_ROOT_KEYS, Pending, RECORD_KEYS, check_log_currency, for_blocks_in};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::load::tree::Table;
use crate::load::tree::Value;
use crate::model::*;
use crate::money::{AmountError, Currency};
use crate::text::nearest;

/// The shortest text of a record that counts: a header, an activity and a
/// date (`[[record]]\nactivity="a"\ndate=2024-01-01\n`).
pub(super) const MIN_RECORD_BYTES: usize = 40;

/// Logs above this size are parsed in two halves on two threads.
pub(super) const PARALLEL_LOG_BYTES: usize = 1 << 20;

/// Reads a progress log from TOML text. A large log is cut in two at a
/// `[[record]]` line near its middle and both halves are parsed at once; if
/// the first half's last block runs past the cut (the line was inside a
/// multi-line string or array), the second half is parsed again from where
/// the first really ended, so the result is always that of one sequential pass.
pub fn parse_log(text: &str, file: FileId, lang: Lang) -> (Vec<Record>, Vec<Diagnostic>) {
    let (records, diags, _) = parse_log_pending(text, file, lang);
    (records, diags)
}

/// [`parse_log`] for a plan in `currency`: amounts written with another
/// currency's word are errors.
pub fn parse_log_in(
    text: &str,
    file: FileId,
    lang: Lang,
    currency: &Currency,
) -> (Vec<Record>, Vec<Diagnostic>) {
    let (records, mut diags, pending) = parse_log_pending(text, file, lang);
    check_log_currency(&pending, currency, lang, &mut diags);
    (records, diags)
}

/// [`parse_log`], with the amounts written with a currency word (for
/// [`check_log_currency`] once the plan's currency is known).
pub(crate) fn parse_log_pending(
    text: &str,
    file: FileId,
    lang: Lang,
) -> (Vec<Record>, Vec<Diagnostic>, Pending) {
    parse_log_keeping(text, file, lang, true)
}

/// The diagnostics [`parse_log`] gives for `text`, without keeping its
/// records: each is dropped once read (no rule looks at an earlier record
/// while parsing), so checking that a written log reads back costs the
/// memory of one record, not of a second copy of the log.
pub fn check_log(text: &str, file: FileId, lang: Lang) -> Vec<Diagnostic> {
    parse_log_keeping(text, file, lang, false).1
}

/// [`parse_log_pending`]; the records are kept only when `keep`.
fn parse_log_keeping(
    text: &str,
    file: FileId,
    lang: Lang,
    keep: bool,
) -> (Vec<Record>, Vec<Diagnostic>, Pending) {
    // Records are a few hundred bytes each and a national log holds
    // hundreds of thousands: size the vector once (from the `[[record]]`
    // headers of `counted`) rather than let it double and copy. The count is
    // a hint: capped by the shortest text a record can have (headers inside
    // comments or strings count too), and dropped if memory is short.
    let parse_range = |from: usize, stop: usize, counted: Range<usize>| {
        let mut diags = Vec::new();
        let most = counted.len() / MIN_RECORD_BYTES;
        let hint = text[counted].matches("[[record]]").take(most).count();
        let mut records = Vec::new();
        if keep {
            let _ = records.try_reserve_exact(hint);
        }
        let mut pending = Vec::new();
        let end = for_blocks_in(text, from, stop, file, lang, &mut diags, |root, diags| {
            let mut ctx = Ctx {
                file,
                lang,
                diags,
                currency: None,
                pending: &mut pending,
            };
            log_root(&mut ctx, &root, &mut records);
            if !keep {
                records.clear();
            }
        });
        (records, diags, end, pending)
    };
    let cut = (text.len() >= PARALLEL_LOG_BYTES)
        .then(|| {
            // The middle byte may be inside a character ("é"): start at the
            // next character boundary.
            let mut mid = text.len() / 2;
            while !text.is_char_boundary(mid) {
                mid += 1;
            }
            text[mid..].find("\n[[record]]").map(|p| mid + p + 1)
        })
        .flatten();
    let Some(cut) = cut else {
        let (records, diags, _, pending) = parse_range(0, text.len(), 0..text.len());
        return (records, diags, Pending { file, pending });
    };
    // The first half's vector has room for the second's.
    let ((mut records, mut diags, end, mut pending), second) = std::thread::scope(|s| {
        let second = s.spawn(|| parse_range(cut, text.len(), cut..text.len()));
        (parse_range(0, cut, 0..text.len()), second.join())
    });
    let (more, more_diags, more_pending) = match second {
        Ok((r, d, _, p)) if end == cut => (r, d, p),
        _ => {
            let (r, d, _, p) = parse_range(end, text.len(), 0..0);
            (r, d, p)
        }
    };
    records.extend(more);
    diags.extend(more_diags);
    pending.extend(more_pending);
    (records, diags, Pending { file, pending })
}

fn log_root(ctx: &mut Ctx<'_>, root: &Table<'_>, records: &mut Vec<Record>) {
    for (k, v) in root {
        if k.name.as_ref() != "record" {
            let what = w::the_progress_log(ctx.lang);
            ctx.unknown_key(k, LOG_ROOT_KEYS, what);
            continue;
        }
        let Some(items) = ctx.array(v) else { continue };
        for item in items {
            if let Some(t) = ctx.table(item) {
                let span = if item.span.is_empty() {
                    k.span.clone()
                } else {
                    item.span.clone()
                };
                records.push(record(ctx, t, span));
            }
        }
    }
}

fn record(ctx: &mut Ctx<'_>, t: &Table<'_>, span: Range<usize>) -> Record {
    let what = "[[record]]";
    let mut r = Record {
        loc: ctx.loc(span.clone()),
        ..Default::default()
    };
    let (mut has_activity, mut has_date) = (false, false);
    let (mut spent_span, mut committed_span) = (None, None);
    for (k, v) in t.iter() {
        match k.name.as_ref() {
            "activity" => has_activity = id_field(ctx, v, &mut r.activity, &mut r.activity_loc),
            "date" => {
                r.date_loc = ctx.loc(v.span.clone());
                if let Some(d) = ctx.date(v) {
                    r.date = d;
                    has_date = true;
                } else {
                    // Reported; keep the record out of every computation.
                    has_date = true;
                    r.date = NaiveDate::MAX;
                }
            }
            "status" => {
                r.status_loc = ctx.loc(v.span.clone());
                r.status = status(ctx, v);
            }
            "progress" => {
                r.progress_loc = ctx.loc(v.span.clone());
                r.progress = ctx.decimal(v, true);
            }
            // Signed here: only a correction may be negative, and
            // `correction` may come after the amounts.
            "committed" => {
                r.committed_loc = ctx.loc(v.span.clone());
                r.committed = ctx.decimal(v, true);
                committed_span = Some(v.span.clone());
            }
            "spent" => {
                r.spent_loc = ctx.loc(v.span.clone());
                r.spent = ctx.decimal(v, true);
                spent_span = Some(v.span.clone());
            }
            "correction" => match &v.value {
                Value::Boolean(b) => r.correction = *b,
                _ => ctx.wrong_type(v, w::Expected::Boolean),
            },
            "source" => {
                let mut s = String::new();
                if id_field(ctx, v, &mut s, &mut r.source_loc) {
                    r.source = Some(s);
                }
            }
            "category" => {
                r.category_loc = ctx.loc(v.span.clone());
                r.category = ctx.string(v);
            }
            "indicators" => {
                if let Some(t) = ctx.table(v) {
                    for (name, value) in t.iter() {
                        if let Some(x) = ctx.decimal(value, true) {
                            r.indicators.push(IndicatorValue {
                                name: name.name.to_string(),
                                value: x,
                                loc: ctx.loc(name.span.clone()),
                            });
                        }
                    }
                }
            }
            "note" => r.note = ctx.string(v),
            _ => ctx.unknown_key(k, RECORD_KEYS, what),
        }
    }
    if !r.correction {
        refuse_negative_flows(ctx, &mut r, [committed_span, spent_span]);
    }
    if !has_activity {
        ctx.missing(span.clone(), "activity", what);
    }
    if !has_date {
        ctx.missing(span, "date", what);
        r.date = NaiveDate::MAX;
    }
    r
}

/// A record's status: a key of the log or a French or English label.
fn status(ctx: &mut Ctx<'_>, v: &Val<'_>) -> Option<Status> {
    let s = ctx.string(v)?;
    if let Some(st) = Status::parse(&s) {
        return Some(st);
    }
    let known = Status::KEYS.join(", ");
    let mut d = Diagnostic::error(
        Code::InvalidValue,
        ctx.loc(v.span.clone()),
        w::unknown_status_key(ctx.lang, &s),
    );
    d.help = Some(match nearest(&s, Status::KEYS) {
        Some(n) => w::did_you_mean(ctx.lang, n),
        None => w::possible_statuses(ctx.lang, &known),
    });
    ctx.diags.push(d);
    None
}

/// A negative flow outside a correction: refused, and kept out of every
/// figure. `spans`: where committed and spent are written.
fn refuse_negative_flows(ctx: &mut Ctx<'_>, r: &mut Record, spans: [Option<Range<usize>>; 2]) {
    let [committed_span, spent_span] = spans;
    for (amount, sp) in [
        (&mut r.committed, &committed_span),
        (&mut r.spent, &spent_span),
    ] {
        if let (Some(d), Some(sp)) = (*amount, sp)
            && d.is_sign_negative()
            && !d.is_zero()
        {
            *amount = None;
            let mut diag = Diagnostic::error(
                Code::InvalidAmount,
                ctx.loc(sp.clone()),
                AmountError::Negative.message(ctx.lang),
            );
            diag.help = Some(w::how_to_reverse(ctx.lang));
            ctx.diags.push(diag);
        }
    }
}

//! Plan and progress log from TOML text: block by block (see `scan`), every
//! value kept with its location, every structural problem a diagnostic.

//!
//! - [`plan`]: the plan file (`[plan]`, `[[source]]`, `[[axis]]`,
//!   `[[action]]`, `[[activity]]`);
//! - [`log`]: the progress log (`[[record]]`), in two halves when large;
//! - `values`: typed values (texts, amounts, dates, ids) and what is said
//!   when one is wrong.

mod log;
mod plan;
mod values;

use std::ops::Range;

use toml::de::DeTable;

use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::model::*;
use crate::money::Currency;

use super::scan::scan_block;
use super::tree::{self, Node, Table};

pub(crate) use log::parse_log_pending;
pub use log::{check_log, parse_log, parse_log_in};
pub use plan::parse_plan;
use values::check_pending;

/// Deepest nesting of arrays and inline tables accepted. Real plans need 3.
pub(crate) const MAX_DEPTH: usize = 64;

pub(super) type Val<'i> = Node<'i>;

pub(crate) const PLAN_KEYS: &[&str] = &[
    "title",
    "organization",
    "year",
    "currency",
    "lang",
    "progress",
    "budget_total",
    "weighting",
];
pub(crate) const SOURCE_KEYS: &[&str] = &["id", "name", "status"];
pub(crate) const AXIS_KEYS: &[&str] = &["id", "title", "indicator"];
pub(crate) const ACTION_KEYS: &[&str] = &["id", "axis", "title", "indicator"];
pub(crate) const ACTIVITY_KEYS: &[&str] = &[
    "id",
    "action",
    "title",
    "responsible",
    "partners",
    "quarters",
    "start",
    "end",
    "weight",
    "budget",
    "indicator",
];
pub(crate) const BUDGET_KEYS: &[&str] = &[
    "source",
    "amount",
    "quantity",
    "unit_cost",
    "category",
    "initial",
];
pub(crate) const INDICATOR_KEYS: &[&str] = &["name", "unit", "baseline", "target"];
pub(crate) const RECORD_KEYS: &[&str] = &[
    "activity",
    "date",
    "status",
    "progress",
    "committed",
    "spent",
    "source",
    "category",
    "indicators",
    "note",
    "correction",
];
pub(super) const PLAN_ROOT_KEYS: &[&str] = &["plan", "source", "axis", "action", "activity"];
pub(super) const LOG_ROOT_KEYS: &[&str] = &["record"];

pub use crate::model::dates::parse_date_text;

/// Whether `s` is a day, month and a year of one or two digits ("1/2/24"),
/// for a message that says so.
pub(crate) fn two_digit_year(s: &str) -> bool {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[2].len() <= 2
        && parts[0].len() <= 2
}

/// Parses a document block by block, calling `f` with each block's root
/// table: the fast path first, the `toml` crate where it gives up. Syntax
/// errors and hostile nesting become diagnostics and the block is skipped.
pub(super) fn for_each_block<'i>(
    text: &'i str,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    f: impl FnMut(Table<'i>, &mut Vec<Diagnostic>),
) {
    for_blocks_in(text, 0, text.len(), file, lang, diags, f);
}

/// [`for_each_block`] over the blocks that start in `from..stop`; returns
/// where the last one ends (past `stop` if a block runs over it).
pub(super) fn for_blocks_in<'i>(
    text: &'i str,
    from: usize,
    stop: usize,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    mut f: impl FnMut(Table<'i>, &mut Vec<Diagnostic>),
) -> usize {
    let mut pos = from;
    while pos < stop {
        if let Some((root, end)) = tree::parse_block(text, pos)
            && end > pos
        {
            f(root, diags);
            pos = end;
            continue;
        }
        let (end, depth) = scan_block(text, pos);
        let end = end.max(pos + 1).min(text.len());
        let span_loc = |s: usize, e: usize| Loc::Span {
            file,
            start: s as u32,
            end: e as u32,
        };
        if depth > MAX_DEPTH {
            diags.push(Diagnostic::error(
                Code::TooLarge,
                span_loc(pos, pos),
                w::nested_too_deep(lang, depth, MAX_DEPTH),
            ));
        } else {
            match DeTable::parse(&text[pos..end]) {
                Ok(t) => f(tree::from_de(t.into_inner(), pos), diags),
                Err(e) => {
                    let span = e.span().unwrap_or(0..0);
                    let start = (pos + span.start).min(text.len());
                    let stop = (pos + span.end).min(text.len()).max(start);
                    let message = e.message().trim().replace('\n', " ");
                    diags.push(Diagnostic::error(
                        Code::Syntax,
                        span_loc(start, stop),
                        w::invalid_toml(lang, &message),
                    ));
                }
            }
        }
        pos = end;
    }
    pos
}

/// Amounts of a log written with a currency word, to check against the
/// plan's currency once it is known.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    pub(super) file: FileId,
    pub(super) pending: Vec<(Range<usize>, String)>,
}

/// Errors for the amounts of a log that name another currency than the plan's.
pub(crate) fn check_log_currency(
    p: &Pending,
    currency: &Currency,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    check_pending(&p.pending, currency, p.file, lang, diags);
}

#[cfg(test)]
mod tests {
    use super::log::{MIN_RECORD_BYTES, PARALLEL_LOG_BYTES};
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn continuation_tables_extend_the_last_entry() {
        let text = r#"
[plan]
title = "t"
year = 2024

[[activity]]
id = "x"
action = "a"
title = "X"

[[activity.indicator]]
name = "n"
target = 5

[[activity.budget]]
source = "S"
amount = "1 000"
"#;
        let (plan, diags) = parse_plan(text, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(plan.activities.len(), 1);
        assert_eq!(plan.activities[0].indicators.len(), 1);
        assert_eq!(
            plan.activities[0].budget[0].amount,
            Some(Decimal::from(1000))
        );
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let text = "[plan]\ntitle = \"t\"\nyear = 2024\n[[activity]]\nid = \"x\"\naction = \"a\"\ntitle = \"X\"\nbugdet = []\n";
        let (_, diags) = parse_plan(text, 0, Lang::En);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::UnknownKey);
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `budget`?"));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!(
            "[plan]\nx = {}{}\n",
            "[".repeat(200_000),
            "]".repeat(200_000)
        );
        let (_, diags) = parse_plan(&text, 0, Lang::Fr);
        assert!(diags.iter().any(|d| d.code == Code::TooLarge));
    }

    /// Found by fuzzing (`log_parallel`): a log of 1 MiB or more whose middle
    /// byte fell inside a two-byte character ("é") made the cut panic, so
    /// `ptba check` aborted on a large French log one time in a few.
    #[test]
    fn record_headers_in_comments_reserve_little() {
        // 2 MiB of `[[record]]` in comments: no record, and room reserved
        // for at most one per 40 bytes (not one per 12).
        let text = "# [[record]][[record]][[record]]\n".repeat(64 * 1024);
        let (records, diags) = parse_log(&text, 0, Lang::En);
        assert!(records.is_empty() && diags.is_empty());
        assert!(
            records.capacity() <= text.len() / MIN_RECORD_BYTES + 1,
            "{}",
            records.capacity()
        );
    }

    #[test]
    fn a_large_log_is_cut_at_a_character_boundary() {
        let record = "[[record]]\nactivity = \"A1\"\ndate = 2024-03-31\nnote = \"é\"\n";
        let mut text = record.repeat(PARALLEL_LOG_BYTES / record.len() + 2);
        while text.is_char_boundary(text.len() / 2) {
            text.insert(0, '\n');
        }
        let (records, diags) = parse_log(&text, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(records.len(), PARALLEL_LOG_BYTES / record.len() + 2);
        assert!(records.iter().all(|r| r.note.as_deref() == Some("é")));
    }

    /// `ptba convert` reads back the log it writes with [`check_log`]: the
    /// same diagnostics as [`parse_log`], in both halves of a large log,
    /// including a block run past the cut.
    #[test]
    fn check_log_finds_what_parse_log_finds() {
        let good = "[[record]]\nactivity = \"A1\"\ndate = 2024-03-31\nspent = 1500\n";
        let bad = "[[record]]\nactivity = \"A2\"\ndate = 2024-02-30\nspent = -3\n";
        let n = PARALLEL_LOG_BYTES / good.len() + 2;
        let mut text = String::new();
        for i in 0..n {
            text.push_str(if i % 997 == 5 { bad } else { good });
        }
        // A multi-line string across the middle: the second half is parsed
        // again from where the first ended.
        let mid = text.len() / 2;
        let at = text[mid..].find("[[record]]").map_or(mid, |p| mid + p);
        text.insert_str(
            at,
            "[[record]]\nactivity = \"A3\"\ndate = 2024-01-01\nnote = '''\n",
        );
        let end = at + 60 + text[at + 60..].find("[[record]]").unwrap_or(0) + 12;
        text.insert_str(end, "'''\n");
        let (records, expected) = parse_log(&text, 0, Lang::Fr);
        assert!(
            records.len() > 1000 && expected.len() >= n / 997,
            "{}",
            expected.len()
        );
        let found = check_log(&text, 0, Lang::Fr);
        let show = |d: &[Diagnostic]| format!("{d:?}");
        assert_eq!(show(&found), show(&expected));
    }

    #[test]
    fn dates_with_time_are_refused() {
        let text = "[[record]]\nactivity = \"x\"\ndate = 2024-03-31T10:00:00\n";
        let (records, diags) = parse_log(text, 0, Lang::Fr);
        assert_eq!(records.len(), 1);
        assert_eq!(diags[0].code, Code::InvalidDate);
    }
}

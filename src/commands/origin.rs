//! A record refused before it is written is shown where it came from — the
//! command-line flag (`--progress 150`) or the workbook cell
//! (`Saisie!I7`) — not at a line of a log that does not hold it (and may
//! not exist yet).

use crate::diagnostic::{Diagnostic, Files};
use crate::i18n::{self, Lang};
use crate::model::Loc;

/// Where one field of the new records came from.
pub(crate) struct Origin {
    /// Replaces the diagnostic's location (`Loc::None` for a flag).
    pub loc: Loc,
    /// Put in front of the message (`--progress 150`), if not empty.
    pub label: String,
}

/// Relocates the diagnostics that point into the `count` records appended
/// at the end of the candidate log text: `at(index, key, value)` says where
/// the field `key` (`progress`, `indicators`…) of record `index` came from;
/// `value` is the text under the diagnostic.
pub(crate) fn relocate(
    diags: &mut [Diagnostic],
    files: &Files,
    count: usize,
    lang: Lang,
    at: impl Fn(usize, &str, &str) -> Option<Origin>,
) {
    const HEADER: &str = "\n[[record]]\n";
    for d in diags.iter_mut() {
        let Loc::Span { file, start, end } = d.loc else {
            continue;
        };
        let Some(text) = files.text(file) else {
            continue;
        };
        let (start, end) = (start as usize, (end as usize).min(text.len()));
        if start > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        // The new records are the last `count` blocks.
        let after = text[start..].matches(HEADER).count();
        if after >= count {
            continue;
        }
        let index = count - 1 - after;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let key = text[line_start..]
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let value = &text[start..end.max(start)];
        if let Some(o) = at(index, &key, value) {
            d.loc = o.loc;
            if !o.label.is_empty() {
                d.message = format!(
                    "{}{}{}",
                    o.label,
                    i18n::commands::label_colon(lang),
                    d.message
                );
            }
        }
    }
}

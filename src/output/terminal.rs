//! A table for a terminal of any width (SPEC §9, Terminal): it fits the
//! width without ever breaking a number across lines.
//!
//! comfy-table's dynamic arrangement wraps a cell at its spaces, and "256 100
//! 000" has two. So figures are laid out as one word (no delimiter) in a
//! column at least as wide as its widest figure, and only the title column
//! wraps (at its spaces). When even that does not fit, the table gets
//! shorter headers (with a legend), then drops the secondary columns (said
//! under the table), then becomes one block per row.
//!
//! Piped output (no terminal: no width) is the full table, unchanged.

use std::fmt::Write as _;

use comfy_table::{
    Attribute, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use crate::i18n::Lang;

/// One column of a table.
pub struct Column {
    pub header: String,
    /// Shorter header for narrow terminals (explained in a legend).
    pub short: Option<String>,
    /// Figures: right-aligned, never wrapped.
    pub numeric: bool,
    /// May be left out on a narrow terminal (said under the table).
    pub optional: bool,
    /// The column that wraps (titles).
    pub wraps: bool,
}

/// Narrowest width the wrapping column is given.
const MIN_WRAPPING: usize = 12;

/// The terminal's width when stdout is one.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    Table::new().width().map(usize::from).filter(|w| *w > 0)
}

/// Columns a text takes (ptba's labels and figures have no wide characters).
fn width_of(s: &str) -> usize {
    s.chars().count()
}

fn words_max(s: &str) -> usize {
    s.split(' ').map(width_of).max().unwrap_or(0)
}

/// The least width of a column: its widest figure (or word of text) and the
/// longest word of its header, never a broken word.
fn least(col: &Column, header: &str, rows: &[Vec<String>], i: usize) -> usize {
    let content = rows
        .iter()
        .map(|r| {
            if col.numeric {
                width_of(&r[i])
            } else if col.wraps {
                MIN_WRAPPING.max(words_max(&r[i]).min(MIN_WRAPPING))
            } else {
                words_max(&r[i])
            }
        })
        .max()
        .unwrap_or(0);
    content.max(words_max(header))
}

/// The rendered table, fitting `width` if given; the last row is the total
/// (bold when `color`).
pub fn render(
    columns: &[Column],
    rows: &[Vec<String>],
    width: Option<usize>,
    color: bool,
    lang: Lang,
) -> String {
    let all: Vec<usize> = (0..columns.len()).collect();
    let Some(width) = width else {
        return grid(columns, rows, &all, false, None, color);
    };
    let core: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| !columns[i].optional)
        .collect();
    for (keep, short) in [(&all, false), (&all, true), (&core, true)] {
        let need: usize = keep
            .iter()
            .map(|&i| {
                let h = header(&columns[i], short);
                least(&columns[i], h, rows, i) + 3
            })
            .sum::<usize>()
            + 1;
        if need <= width {
            let mut out = grid(columns, rows, keep, short, Some(width), color);
            let notes = notes(columns, keep, short, lang);
            for (n, line) in notes.lines().enumerate() {
                out.push('\n');
                let sep = if n == 0 && short { " · " } else { " " };
                out.push_str(&wrap(line, width, sep));
            }
            return out;
        }
    }
    blocks(columns, rows, color)
}

fn header(col: &Column, short: bool) -> &str {
    match (&col.short, short) {
        (Some(s), true) => s,
        _ => &col.header,
    }
}

fn grid(
    columns: &[Column],
    rows: &[Vec<String>],
    keep: &[usize],
    short: bool,
    width: Option<usize>,
    color: bool,
) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
    }
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    let bold = |c: Cell| {
        if color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    };
    t.set_header(
        keep.iter()
            .map(|&i| bold(Cell::new(header(&columns[i], short)))),
    );
    for (r, row) in rows.iter().enumerate() {
        let total = r + 1 == rows.len();
        t.add_row(keep.iter().map(|&i| {
            let col = &columns[i];
            let mut c = Cell::new(&row[i]);
            if col.numeric {
                // One word: a figure never wraps at its thousands spaces.
                c = c.set_alignment(CellAlignment::Right).set_delimiter('\u{1}');
            }
            if total { bold(c) } else { c }
        }));
    }
    if width.is_some() {
        for (n, &i) in keep.iter().enumerate() {
            let col = &columns[i];
            if col.wraps {
                // The one column left free takes the rest of the width.
                continue;
            }
            // comfy-table's widths include the cell's two padding spaces.
            let w = least(col, header(col, short), rows, i) + 2;
            if let Some(c) = t.column_mut(n) {
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                    u16::try_from(w).unwrap_or(u16::MAX),
                )));
            }
        }
    }
    t.to_string()
}

/// A line broken to fit `width`, only at its separators `sep` (" — "
/// between amounts, so that no amount is cut); continuation lines are
/// indented by two spaces.
pub fn wrap(line: &str, width: usize, sep: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for part in line.split(sep) {
        let w = width_of(part);
        if len > 0 && len + width_of(sep) + w > width {
            out.push_str(sep.trim_end());
            out.push_str("\n  ");
            len = 2;
        } else if len > 0 {
            out.push_str(sep);
            len += width_of(sep);
        }
        out.push_str(part);
        len += w;
    }
    out
}

/// A paragraph broken at its spaces to fit `width`, never inside an amount
/// or a rate: a space between two digits (`152 500 000`), or between a number
/// and its unit (`67 %`, `500 000 FCFA`), does not break.
pub fn wrap_words(text: &str, width: usize) -> String {
    let glued = |prev: &str, next: &str| {
        let ends_digit = prev.chars().last().is_some_and(|c| c.is_ascii_digit());
        let unit = next == "%"
            || next.starts_with(|c: char| c.is_ascii_digit())
            || (next.len() <= 6
                && next
                    .trim_end_matches(['.', ',', ';', ')'])
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '€' || c == '$')
                && !next.is_empty());
        ends_digit && unit
    };
    // Words that must stay together, joined by their spaces.
    let mut pieces: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match pieces.last_mut() {
            Some(last) if glued(last, word) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => pieces.push(word.to_string()),
        }
    }
    let mut out = String::new();
    let mut len = 0;
    for piece in pieces {
        let w = width_of(&piece);
        if len > 0 && len + 1 + w > width {
            out.push('\n');
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(&piece);
        len += w;
    }
    out
}

/// The legend of short headers and the list of left-out columns.
fn notes(columns: &[Column], keep: &[usize], short: bool, lang: Lang) -> String {
    let mut out = String::new();
    if short {
        let legend: Vec<String> = keep
            .iter()
            .filter_map(|&i| {
                let c = &columns[i];
                c.short.as_ref().map(|s| format!("{s} = {}", c.header))
            })
            .collect();
        if !legend.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                legend.join(crate::i18n::output::legend_separator(lang))
            );
        }
    }
    let left: Vec<&str> = (0..columns.len())
        .filter(|i| !keep.contains(i))
        .map(|i| columns[i].header.as_str())
        .collect();
    if !left.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            crate::i18n::output::columns_left_out(lang, &left.join(", "))
        );
    }
    out.trim_end().to_string()
}

/// One block per row: the first two columns as a heading, then one line per
/// figure. Fits any terminal a person can read.
fn blocks(columns: &[Column], rows: &[Vec<String>], color: bool) -> String {
    let label_width = columns
        .iter()
        .skip(2)
        .map(|c| width_of(&c.header))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for row in rows {
        let head = [row.first(), row.get(1)]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" — ");
        if color {
            let _ = writeln!(out, "\x1b[1m{head}\x1b[0m");
        } else {
            let _ = writeln!(out, "{head}");
        }
        for (c, v) in columns.iter().zip(row).skip(2) {
            let pad = label_width.saturating_sub(width_of(&c.header));
            let _ = writeln!(out, "  {}{} {v}", c.header, " ".repeat(pad));
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_never_break_an_amount_or_a_rate() {
        let text = "Le financement à rechercher s'élève à 152 500 000 FCFA, soit 12 % du budget.";
        assert_eq!(
            wrap_words(text, 40),
            "Le financement à rechercher s'élève à\n152 500 000 FCFA, soit 12 % du budget."
        );
        for w in [10, 20, 30, 50] {
            let out = wrap_words(text, w);
            assert!(
                out.contains("152 500 000 FCFA,") && out.contains("12 %"),
                "{out}"
            );
            assert!(out.lines().all(|l| l.chars().count() <= w.max(17)), "{out}");
        }
    }
}

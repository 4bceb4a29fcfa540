//! A light lexical pass over a TOML document: splits it at its table headers
//! (`[plan]`, `[[activity]]`, `[[record]]`…) so that each block is parsed on
//! its own — a large log costs little memory and blocks parse in parallel —
//! and measures bracket nesting so hostile input is refused before parsing.
//!
//! Strings (basic, literal, multi-line) and comments are skipped, so a
//! `[[record]]` inside a multi-line string or a nested array on its own line
//! is never taken for a header.

use std::ops::Range;

/// A header block: from the start of its header line (or of the file for the
/// first, header-less block) to the start of the next header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    /// Whether the block starts with a header line.
    pub header: bool,
}

#[derive(Debug, Default)]
pub struct Scan {
    pub blocks: Vec<Block>,
    /// Deepest nesting of inline arrays and tables.
    pub max_depth: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Normal,
    MultiBasic,
    MultiLiteral,
}

pub fn scan(text: &str) -> Scan {
    let mut blocks = Vec::new();
    let mut max_depth = 0;
    let mut pos = 0;
    while pos < text.len() {
        let (end, depth) = scan_block(text, pos);
        let header = text[pos..].trim_start_matches([' ', '\t']).starts_with('[');
        blocks.push(Block {
            range: pos..end,
            header,
        });
        max_depth = max_depth.max(depth);
        pos = end;
    }
    Scan { blocks, max_depth }
}

/// Where a multi-line string closed by three `quote`s at `i` ends: after
/// the three, and up to two more quotes that belong to the content. `None`
/// when the string does not close at `i`.
fn multi_line_end(line: &[u8], i: usize, quote: u8) -> Option<usize> {
    if !line[i..].starts_with(&[quote; 3]) {
        return None;
    }
    let mut j = i + 3;
    while j < line.len() && line[j] == quote && j < i + 5 {
        j += 1;
    }
    Some(j)
}

/// From `from` (a line start), the end of its block — the start of the next
/// header line, or the end of the text — and the deepest nesting inside.
pub fn scan_block(text: &str, from: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut state = State::Normal;
    let mut depth: usize = 0;
    let mut max_depth = 0usize;
    let mut line_start = from;
    let mut first = true;
    while line_start < bytes.len() {
        let line_end = memchr_newline(bytes, line_start);
        let line = &bytes[line_start..line_end];
        if state == State::Normal && depth == 0 && !first {
            let trimmed = line.iter().position(|b| *b != b' ' && *b != b'\t');
            if let Some(p) = trimmed
                && line[p] == b'['
            {
                return (line_start, max_depth);
            }
        }
        first = false;
        // Walk the line to track strings and nesting.
        let mut i = 0;
        while i < line.len() {
            let b = line[i];
            match state {
                State::MultiBasic => {
                    if b == b'\\' {
                        i += 2;
                        continue;
                    }
                    if let Some(j) = multi_line_end(line, i, b'"') {
                        state = State::Normal;
                        i = j;
                        continue;
                    }
                    i += 1;
                }
                State::MultiLiteral => {
                    if let Some(j) = multi_line_end(line, i, b'\'') {
                        state = State::Normal;
                        i = j;
                        continue;
                    }
                    i += 1;
                }
                State::Normal => match b {
                    b'#' => break,
                    b'"' => {
                        if line[i..].starts_with(b"\"\"\"") {
                            state = State::MultiBasic;
                            i += 3;
                        } else {
                            i += 1;
                            while i < line.len() && line[i] != b'"' {
                                i += if line[i] == b'\\' { 2 } else { 1 };
                            }
                            i += 1;
                        }
                    }
                    b'\'' => {
                        if line[i..].starts_with(b"'''") {
                            state = State::MultiLiteral;
                            i += 3;
                        } else {
                            i += 1;
                            while i < line.len() && line[i] != b'\'' {
                                i += 1;
                            }
                            i += 1;
                        }
                    }
                    b'[' | b'{' => {
                        depth += 1;
                        max_depth = max_depth.max(depth);
                        i += 1;
                    }
                    b']' | b'}' => {
                        depth = depth.saturating_sub(1);
                        i += 1;
                    }
                    _ => i += 1,
                },
            }
        }
        line_start = line_end + 1;
    }
    (bytes.len(), max_depth)
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(text: &str) -> Vec<&str> {
        scan(text)
            .blocks
            .iter()
            .map(|b| text[b.range.clone()].lines().next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn splits_at_headers_only() {
        let text = "# log\n\n[[record]]\nactivity = \"A\"\nnote = \"\"\"\n[[record]]\n\"\"\"\n\n[[record]]\nx = [\n  [1, 2],\n]\nnote = '''\n[[record]]'''\ny = \"[[record]]\"\n[[record]] # c\n";
        assert_eq!(
            headers(text),
            vec!["# log", "[[record]]", "[[record]]", "[[record]] # c"]
        );
        let s = scan(text);
        assert_eq!(s.blocks.last().unwrap().range.end, text.len());
        assert_eq!(s.max_depth, 2);
    }

    #[test]
    fn blocks_cover_the_text() {
        let text = "[plan]\ntitle = \"t\"\n[[activity]]\nid = \"x\"";
        let s = scan(text);
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[0].range, 0..19);
        assert_eq!(s.blocks[1].range, 19..text.len());
        assert!(s.blocks.iter().all(|b| b.header));
    }

    #[test]
    fn nesting_is_measured() {
        let deep = format!("a = {}{}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(scan(&deep).max_depth, 5000);
    }

    #[test]
    fn escaped_quotes() {
        let text = "a = \"x\\\"[\"\n[t]\n";
        assert_eq!(headers(text), vec!["a = \"x\\\"[\"", "[t]"]);
        assert_eq!(scan(text).max_depth, 1);
    }
}

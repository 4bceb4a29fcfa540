//! The house stays small enough to read: no source file over 900 lines and
//! no function over 120 lines, outside data tables (issue 12, STYLE "A
//! layout that shows the architecture"). Each offender is named with its
//! file, line and length, so the split is easy to find.

use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 900;
const MAX_FN_LINES: usize = 120;

/// Functions that are data tables (one entry a line), allowed to be long.
const TABLES: [&str; 1] = [
    // header synonyms, one group of spellings a line
    "load/handmade/labels.rs::field_of",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The text with string and char literals and comments blanked (newlines
/// kept), so braces and `fn` inside them are not counted.
fn blank(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < b.len() {
        let c = b[i];
        if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (b.get(i + 1) == Some(&'"') || b.get(i + 1) == Some(&'#'))
            && (i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_'))
        {
            // raw string r"…" or r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            for _ in i..=j {
                out.push(' ');
            }
            i = j + 1;
            while i < b.len() {
                if b[i] == '"' && (0..hashes).all(|k| b.get(i + 1 + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(keep(b[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < b.len() {
                    out.push(keep(b[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // a char literal ('{', '\''), not a lifetime ('a)
            let close = if b.get(i + 1) == Some(&'\\') {
                (i + 2..(i + 12).min(b.len())).find(|&k| b[k] == '\'')
            } else if b.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(k) => {
                    for _ in i..=k {
                        out.push(' ');
                    }
                    i = k + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// (name, first line, length in lines) of every function with a body.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let clean = blank(text);
    let chars: Vec<char> = clean.chars().collect();
    let mut line_of = Vec::with_capacity(chars.len());
    let mut line = 1;
    for &c in &chars {
        line_of.push(line);
        if c == '\n' {
            line += 1;
        }
    }
    let mut found = Vec::new();
    let mut i = 0;
    while i + 3 < chars.len() {
        let word_start = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if word_start && chars[i] == 'f' && chars[i + 1] == 'n' && chars[i + 2] == ' ' {
            let mut j = i + 3;
            let mut name = String::new();
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                name.push(chars[j]);
                j += 1;
            }
            // the body's opening brace, unless a `;` comes first (a declaration)
            let mut k = j;
            let mut paren = 0i32;
            while k < chars.len() {
                match chars[k] {
                    '(' | '[' => paren += 1,
                    ')' | ']' => paren -= 1,
                    '{' if paren == 0 => break,
                    ';' if paren == 0 => break,
                    _ => {}
                }
                k += 1;
            }
            if k < chars.len() && chars[k] == '{' && !name.is_empty() {
                let mut depth = 0i32;
                let mut e = k;
                while e < chars.len() {
                    match chars[e] {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    e += 1;
                }
                let first = line_of[i];
                let last = line_of[e.min(chars.len() - 1)];
                found.push((name, first, last - first + 1));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    found
}

fn offenders() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable source");
        let shown = file
            .strip_prefix(&src)
            .unwrap_or(file)
            .display()
            .to_string();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            problems.push(format!(
                "src/{shown}: {lines} lines (at most {MAX_FILE_LINES})"
            ));
        }
        for (name, line, len) in functions(&text) {
            if len > MAX_FN_LINES && !TABLES.contains(&format!("{shown}::{name}").as_str()) {
                problems.push(format!(
                    "src/{shown}:{line}: fn {name} is {len} lines (at most {MAX_FN_LINES})"
                ));
            }
        }
    }
    problems
}

#[test]
fn no_file_over_900_lines_and_no_function_over_120() {
    let problems = offenders();
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
}

/// The measure itself: braces in strings, chars and comments are not
/// counted, a declaration without body is not a function, and a nested
/// function is measured apart.
#[test]
fn the_measure_counts_bodies_only() {
    let text = "\
fn a() {
    let s = \"}}}\";
    let c = '{';
    // }
    let r = r#\"{\"#;
}
trait T {
    fn decl(&self);
}
fn b<'x>(v: &'x [u8; 2]) -> u8 {
    fn inner() {}
    v[0]
}
";
    let f = functions(text);
    assert_eq!(
        f,
        vec![
            ("a".to_string(), 1, 6),
            ("b".to_string(), 10, 4),
            ("inner".to_string(), 11, 1)
        ]
    );
}

/// Lines outside `src/i18n/` that write French or English text: a `tr!`, a
/// `.pick(`, or a `Lang::Fr =>` / `Lang::En =>` arm with a word in quotes.
/// Test code (a `tests.rs` file) is left out.
fn sentences_outside_i18n() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let shown = file
            .strip_prefix(&src)
            .unwrap_or(file)
            .display()
            .to_string();
        if shown.starts_with("i18n") || shown.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            let arm = ["Lang::Fr =>", "Lang::En =>"].iter().any(|a| {
                line.split_once(a)
                    .is_some_and(|(_, rest)| quoted_word(rest))
            });
            if line.contains("tr!(") || line.contains(".pick(") || arm {
                found.push(format!("src/{shown}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

/// Whether `text` has a string literal holding two letters in a row.
fn quoted_word(text: &str) -> bool {
    text.split('"').skip(1).step_by(2).any(|s| {
        s.chars()
            .collect::<Vec<_>>()
            .windows(2)
            .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic())
    })
}

#[test]
fn every_sentence_lives_in_i18n() {
    let found = sentences_outside_i18n();
    assert!(
        found.is_empty(),
        "{} lines write French or English outside src/i18n/ (move the sentence to \
         the subject's table there):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_sentence_scan_sees_arms_with_words_only() {
    assert!(quoted_word(r#" "Trimestre", "#));
    assert!(!quoted_word(r#" ',', "#));
    assert!(!quoted_word(r#" "{n} %" "#));
}

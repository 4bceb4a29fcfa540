//! Data flows one way: load → model → check → compute → output. `model`,
//! `check` and `compute` import nothing from `load`, `output`, `commands`,
//! clap, calamine, rust_xlsxwriter or `std::fs` (docs/STYLE "A layout that
//! shows the architecture"). This test reads their sources and names the
//! file and line of every import that breaks the rule.
//!
//! Test code is left out (a `tests.rs` file, an inline `#[cfg(test)] mod`):
//! a unit test may build its fixture with the loader.

use std::path::{Path, PathBuf};

/// The modules held to the rule (a file `src/<name>.rs` or a folder
/// `src/<name>/`).
const INNER: [&str; 3] = ["model", "check", "compute"];

/// Paths they must not reach, as written after `use` or in the code.
const FORBIDDEN: [&str; 7] = [
    "crate::load",
    "crate::output",
    "crate::commands",
    "clap",
    "calamine",
    "rust_xlsxwriter",
    "std::fs",
];

#[test]
fn model_check_and_compute_import_nothing_from_the_outer_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for name in INNER {
        let file = src.join(format!("{name}.rs"));
        if file.is_file() {
            files.push(file);
        }
        collect(&src.join(name), &mut files);
    }
    assert!(
        files.iter().any(|f| f.ends_with("model/index.rs")),
        "the scan must see the model's files: {files:?}"
    );
    let problems = problems_in(&src, &files, &FORBIDDEN);
    assert!(
        problems.is_empty(),
        "model, check and compute must not import load, output, commands, clap, \
         calamine, rust_xlsxwriter or std::fs:\n{}",
        problems.join("\n")
    );
}

/// The two outer layers do not reach into each other or into the commands:
/// a reader (`load`) never calls a writer (`output`), a writer never calls a
/// reader, and neither uses what only commands share (`commands`,
/// `session`); a reader does not use the log's appender (`progress`). What
/// both need lives lower (`model`, `compute`, `i18n`, `layout`, `log_text`). Test code may cross (a round trip writes, then reads).
#[test]
fn load_and_output_do_not_reach_each_other_or_the_commands() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rules: [(&str, &[&str]); 2] = [
        (
            "load",
            &["crate::output", "crate::commands", "crate::session"],
        ),
        (
            "output",
            &["crate::load", "crate::commands", "crate::session"],
        ),
    ];
    let mut problems = Vec::new();
    for (name, rule) in rules {
        let mut files = Vec::new();
        collect(&src.join(name), &mut files);
        assert!(!files.is_empty(), "the scan must see src/{name}/");
        problems.extend(problems_in(&src, &files, rule));
    }
    assert!(
        problems.is_empty(),
        "load and output must not import each other, commands or session:\n{}",
        problems.join("\n")
    );
}

/// The scanner itself: each way of writing a forbidden import is caught,
/// at its line; test code and comments are not.
#[test]
fn the_scanner_finds_each_form_of_import() {
    let text = "\
//! Uses crate::load in a comment only.
use crate::model::Plan;
use crate::{money, load::toml};
use std::{collections::HashMap, fs::File};
use super::super::output::xlsx;
fn f() {
    let _ = std::fs::read(\"x\");
    let _ = calamine::open_workbook_auto(\"x\");
}
use clap::Parser;
use rust_xlsxwriter as xw;
#[cfg(test)]
mod tests {
    use crate::load::toml::parse_plan;
}
use crate::commands::
    check;
";
    let found = violations(
        text,
        &["crate".into(), "check".into(), "plan".into()],
        &FORBIDDEN,
    );
    assert_eq!(
        found,
        [
            (3, "crate::load::toml".to_string()),
            (4, "std::fs::File".to_string()),
            (5, "crate::output::xlsx".to_string()),
            (7, "std::fs::read".to_string()),
            (8, "calamine::open_workbook_auto".to_string()),
            (10, "clap::Parser".to_string()),
            (11, "rust_xlsxwriter".to_string()),
            (16, "crate::commands::check".to_string()),
        ]
    );
}

/// "src/FILE:LINE: imports `PATH`" for every import of `files` that `rule`
/// forbids.
fn problems_in(src: &Path, files: &[PathBuf], rule: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("readable source");
        let module = module_path(src, file);
        let shown = file.strip_prefix(src).unwrap_or(file).display().to_string();
        for (line, path) in violations(&text, &module, rule) {
            problems.push(format!("src/{shown}:{line}: imports `{path}`"));
        }
    }
    problems
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.expect("dir entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_stem().is_some_and(|s| s != "tests")
        {
            files.push(path);
        }
    }
}

/// `src/check/records.rs` → `crate::check::records`; `mod.rs` is its folder.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut path = vec!["crate".to_string()];
    for part in rel.with_extension("").iter() {
        let part = part.to_string_lossy();
        if part != "mod" {
            path.push(part.into_owned());
        }
    }
    path
}

/// (line, full path) of every forbidden path in `text`, the source of the
/// module at `module` (used to resolve `super::` and `self::`).
fn violations(text: &str, module: &[String], rule: &[&str]) -> Vec<(usize, String)> {
    let lines = code_lines(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (n, line) = lines[i];
        let trimmed = line.trim_start();
        let is_use = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|p| trimmed.strip_prefix(p));
        if let Some(rest) = is_use {
            // A `use` may span lines: read up to its `;`.
            let mut stmt = rest.to_string();
            while !stmt.contains(';') && i + 1 < lines.len() {
                i += 1;
                stmt.push_str(lines[i].1);
            }
            // `x as y` is marked `x@y` before spaces go.
            let stmt = stmt.split(';').next().unwrap_or_default();
            let tree: String = stmt
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace(" as ", "@")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            for path in expand(&tree) {
                let path = resolve(&path, module);
                if forbidden(&path, rule) {
                    found.push((n, path));
                }
            }
        } else {
            for path in paths_in(line) {
                let path = resolve(&path, module);
                if forbidden(&path, rule) {
                    found.push((n, path));
                }
            }
        }
        i += 1;
    }
    found
}

/// Numbered lines without comments and without inline test modules.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let all: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let line = all[i];
        if line.trim() == "#[cfg(test)]"
            && all
                .get(i + 1)
                .is_some_and(|l| l.trim_start().starts_with("mod ") && l.trim_end().ends_with('{'))
        {
            // Skip to the closing brace at the module's own indentation.
            let indent = &all[i + 1][..all[i + 1].len() - all[i + 1].trim_start().len()];
            let close = format!("{indent}}}");
            i += 2;
            while i < all.len() && all[i] != close {
                i += 1;
            }
            i += 1;
            continue;
        }
        let code = line.split("//").next().unwrap_or_default();
        if !code.trim().is_empty() {
            out.push((i + 1, code));
        }
        i += 1;
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`; `x@y` (`x as y`) → `x`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim_start_matches("::");
    let Some(open) = tree.find('{') else {
        let path = tree.split('@').next().unwrap_or(tree);
        return vec![path.trim_end_matches("::").to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|it| !it.is_empty())
        .flat_map(|it| {
            if it == "self" {
                vec![prefix.trim_end_matches("::").to_string()]
            } else {
                expand(it)
                    .into_iter()
                    .map(|p| format!("{prefix}{p}"))
                    .collect()
            }
        })
        .collect()
}

/// Paths written in code, such as `std::fs::read` or `crate::load::x`.
fn paths_in(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let is_path_char = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b':';
    let mut k = 0;
    while k < bytes.len() {
        if is_path_char(bytes[k]) && (k == 0 || !is_path_char(bytes[k - 1])) {
            let start = k;
            while k < bytes.len() && is_path_char(bytes[k]) {
                k += 1;
            }
            let word = line[start..k]
                .trim_start_matches("::")
                .trim_end_matches(':');
            if word.contains("::") {
                out.push(word.to_string());
            }
        } else {
            k += 1;
        }
    }
    out
}

/// `super::x` and `self::x` as paths from the crate root.
fn resolve(path: &str, module: &[String]) -> String {
    let mut base = module.to_vec();
    let mut rest = path;
    let mut relative = false;
    loop {
        if let Some(r) = rest.strip_prefix("super::") {
            base.pop();
            rest = r;
            relative = true;
        } else if let Some(r) = rest.strip_prefix("self::") {
            rest = r;
            relative = true;
        } else {
            break;
        }
    }
    if relative {
        format!("{}::{rest}", base.join("::"))
    } else {
        rest.to_string()
    }
}

fn forbidden(path: &str, rule: &[&str]) -> bool {
    rule.iter()
        .any(|f| path == *f || path.starts_with(&format!("{f}::")))
}

//! Axes and actions: section rows, roman and dotted codes, total rows.

use super::*;

/// Roman numerals I..XX → number.
pub(super) fn roman(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

/// A section label split: "AXE STRATÉGIQUE 1 : PRÉVENTION" → (Axis, Some("1"), "PRÉVENTION").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Level {
    Axis,
    Action,
}

pub(super) fn section(text: &str) -> Option<(Level, Option<String>, String)> {
    let t = text.trim();
    let lower = fold(t);
    let prefixes: &[(&str, Level)] = &[
        ("axe strategique", Level::Axis),
        ("axes strategiques", Level::Axis),
        ("axe", Level::Axis),
        ("orientation strategique", Level::Axis),
        ("programme", Level::Axis),
        ("pilier", Level::Axis),
        ("domaine", Level::Axis),
        ("objectif strategique", Level::Axis),
        ("composante", Level::Axis),
        ("component", Level::Axis),
        ("os", Level::Axis),
        ("effet", Level::Axis),
        ("outcome", Level::Axis),
        ("action", Level::Action),
        ("objectif specifique", Level::Action),
        ("sous programme", Level::Action),
        ("sous composante", Level::Action),
        ("sub component", Level::Action),
        ("subcomponent", Level::Action),
        ("resultat", Level::Action),
        ("produit", Level::Action),
        ("output", Level::Action),
    ];
    let (prefix, level) = prefixes
        .iter()
        .find(|(p, _)| lower == *p || lower.starts_with(&format!("{p} ")))?;
    // Skip as many words of the original text as the prefix has.
    let n = prefix.split(' ').count();
    let mut rest = t;
    for _ in 0..n {
        rest = rest.trim_start();
        let cut = rest
            .find(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .unwrap_or(rest.len());
        rest = &rest[cut..];
        rest = rest.trim_start_matches(['\'', '’']);
    }
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    // Optional number: "1", "1.2", "II", "n°1".
    let rest = rest
        .strip_prefix("n°")
        .or_else(|| rest.strip_prefix("N°"))
        .unwrap_or(rest)
        .trim_start();
    let num_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let candidate = rest[..num_len].trim_end_matches('.');
    let (code, after) = if !candidate.is_empty()
        && candidate.chars().next().is_some_and(|c| c.is_ascii_digit())
        && candidate.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        (Some(candidate.to_string()), &rest[num_len..])
    } else if let Some(n) = roman(candidate).filter(|_| candidate.len() <= 5) {
        (Some(n.to_string()), &rest[num_len..])
    } else {
        (None, rest)
    };
    // "OS" is a section only with its number ("OS 1 : …").
    if *prefix == "os" && code.is_none() {
        return None;
    }
    let title = after
        .trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '.' | ')' | '/')
        })
        .trim()
        .to_string();
    Some((level.clone(), code, title))
}

/// What a total row closes.
#[derive(Debug, Clone)]
pub(super) enum Scope {
    Plan,
    Axis(usize),
    Action(usize),
    /// Data rows `start..end` (indexes into the data rows seen).
    Rows(usize, usize),
}

pub(super) struct TotalRow {
    pub(super) row: u32,
    pub(super) label: String,
    pub(super) scope: Scope,
    pub(super) values: Vec<(u32, Decimal)>,
}

/// A data row's money cells, for the total checks.
pub(super) struct DataRow {
    pub(super) axis: usize,
    pub(super) action: usize,
    pub(super) values: Vec<(u32, Decimal)>,
}

pub(super) fn is_total(f: &str) -> bool {
    let f = f.trim();
    f == "total"
        || f.starts_with("total ")
        || f.starts_with("sous total")
        || f.starts_with("s total")
        || f.starts_with("grand total")
        || f.starts_with("montant total")
        || f.starts_with("cout total")
}

/// "1.2.3" (or "1.2.3.", or "1") → Some("1.2.3"); anything else → None.
pub(super) fn dotted(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches('.');
    let parts: Vec<&str> = t.split('.').collect();
    (!t.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())))
    .then(|| t.to_string())
}

/// "Axe 1 : Prévention" in one cell, or a code column and a title column.
pub(super) fn split_label(code: Option<String>, text: Option<String>) -> (Option<String>, String) {
    match (code, text) {
        (Some(c), Some(t)) => {
            let title = section(&t)
                .map(|(_, _, title)| title)
                .filter(|s| !s.is_empty())
                .unwrap_or(t);
            (Some(clean_code(&c)), title)
        }
        (Some(c), None) => (Some(clean_code(&c)), c),
        (None, Some(t)) => match section(&t) {
            Some((_, code, title)) => (code, if title.is_empty() { t } else { title }),
            None => {
                // "1.2 Former les agents" / "1 - Prévention": a leading number.
                let n = t
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .unwrap_or(t.len());
                let num = t[..n].trim_end_matches('.');
                if !num.is_empty() && n < t.len() {
                    let rest = t[n..]
                        .trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, ':' | '-' | '–' | ')')
                        })
                        .trim();
                    if !rest.is_empty() {
                        return (Some(num.to_string()), rest.to_string());
                    }
                }
                (None, t)
            }
        },
        (None, None) => (None, String::new()),
    }
}

/// "Axe 1" in a code column → "1".
pub(super) fn clean_code(c: &str) -> String {
    match section(c) {
        Some((_, Some(code), _)) => code,
        _ => c.trim().to_string(),
    }
}

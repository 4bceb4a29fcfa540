//! A plan and its log written together by `ptba convert` carry the same
//! pair mark, a comment line at the top of both files:
//!
//! ```text
//! # ptba-pair: 0123456789abcdef — …
//! ```
//!
//! `convert` renames the log first, then the plan. A kill that cannot be
//! caught (SIGKILL, a power cut) between the two renames leaves the new log
//! beside the old plan (or beside no plan): their marks differ, and loading
//! says what happened and how to finish, instead of thousands of unknown
//! activities. A log edited afterwards (records appended) keeps its mark.

use crate::i18n;
use crate::i18n::Lang;

const PREFIX: &str = "# ptba-pair: ";

/// The mark of a pair: 16 hex digits of the SHA-256 of both texts.
pub fn mark(plan_text: &str, log_text: &str) -> String {
    use sha2::Digest as _;
    let mut h = sha2::Sha256::new();
    h.update(plan_text.as_bytes());
    h.update([0u8]);
    h.update(log_text.as_bytes());
    let d = h.finalize();
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The comment line that carries the mark.
pub fn line(mark: &str) -> String {
    format!(
        "{PREFIX}{mark} — plan et journal écrits ensemble par ptba convert (ne pas modifier) / plan and log written together by ptba convert (do not edit)\n"
    )
}

/// The mark a text carries, in its leading comment lines.
pub fn find(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for l in text.lines().take(8) {
        let l = l.trim_end();
        if let Some(rest) = l.strip_prefix(PREFIX) {
            let m = rest.split_whitespace().next()?;
            return Some(m);
        }
        if !l.is_empty() && !l.starts_with('#') {
            break;
        }
    }
    None
}

/// Why a plan and the log beside it are not a pair, with the fix; `None`
/// when they are (or neither was written by `convert`).
pub fn mismatch(
    plan_mark: Option<&str>,
    log_mark: Option<&str>,
    plan: &str,
    log: &str,
    lang: Lang,
) -> Option<(String, String)> {
    match (plan_mark, log_mark) {
        (None, None) => None,
        (Some(p), Some(l)) if p == l => None,
        (Some(p), l) => Some((
            i18n::load::plan_paired_with_other_log(
                lang,
                plan,
                p,
                log,
                match l {
                    Some(l) => i18n::load::pair_mark(lang, l),
                    None => i18n::load::no_pair_mark(lang).to_string(),
                },
            ),
            i18n::load::pair_plan_help(lang, plan),
        )),
        (None, Some(l)) => Some((
            i18n::load::log_of_other_plan(lang, log, l, plan),
            i18n::load::pair_log_help(lang, plan),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_found_in_the_leading_comments_only() {
        let m = mark("a", "b");
        assert_eq!(m.len(), 16);
        let text = format!("{}# other\n\n[plan]\n", line(&m));
        assert_eq!(find(&text), Some(m.as_str()));
        assert_eq!(find(&format!("# x\n[plan]\n{}", line(&m))), None);
        assert!(mismatch(Some(&m), Some(&m), "p", "l", Lang::Fr).is_none());
        assert!(mismatch(None, None, "p", "l", Lang::Fr).is_none());
        assert!(mismatch(Some(&m), None, "p", "l", Lang::Fr).is_some());
        assert!(mismatch(None, Some(&m), "p", "l", Lang::Fr).is_some());
    }
}

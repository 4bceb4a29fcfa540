//! The progress log's text form, shared by its reader (`load`) and its
//! writers (`progress`, and through it `record`, `import`, `convert`): how a
//! record is written, numbers and keys that read back exactly, the import
//! fingerprint lines, comment text and the header of a new log.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::Status;

/// A record to append, as given on the command line or read from a workbook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewRecord {
    pub activity: String,
    pub date: NaiveDate,
    pub status: Option<Status>,
    pub progress: Option<Decimal>,
    pub committed: Option<Decimal>,
    pub spent: Option<Decimal>,
    pub source: Option<String>,
    /// The expenditure category of the spending (SPEC §3).
    pub category: Option<String>,
    pub indicators: Vec<(String, Decimal)>,
    pub note: Option<String>,
    /// A reversal (SPEC §3): `correction = true`, flows may be negative.
    pub correction: bool,
}

/// A TOML string literal, escaped.
fn quote(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

/// A key usable in an inline table (bare when possible). Not `quote`: a
/// name with both `'` and `"` would be a multi-line string, not a key.
pub(crate) fn key(s: &str) -> String {
    toml_edit::Key::new(s).display_repr().into_owned()
}

/// A number as a TOML literal the loader reads back exactly: integers with
/// `_` thousands separators, other values as decimal literals.
pub fn number(d: Decimal) -> String {
    let n = d.normalize();
    let text = if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    };
    let (sign, body) = match text.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", text.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('_');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The `[[record]]` block, starting with a blank line.
pub fn render(r: &NewRecord) -> String {
    let mut s = String::from("\n[[record]]\n");
    s.push_str(&format!("activity = {}\n", quote(&r.activity)));
    s.push_str(&format!("date = {}\n", r.date.format("%Y-%m-%d")));
    if let Some(st) = r.status {
        s.push_str(&format!("status = \"{}\"\n", st.key()));
    }
    if let Some(p) = r.progress {
        s.push_str(&format!("progress = {}\n", number(p)));
    }
    if let Some(c) = r.committed {
        s.push_str(&format!("committed = {}\n", number(c)));
    }
    if let Some(x) = r.spent {
        s.push_str(&format!("spent = {}\n", number(x)));
    }
    if let Some(src) = &r.source {
        s.push_str(&format!("source = {}\n", quote(src)));
    }
    if let Some(c) = &r.category {
        s.push_str(&format!("category = {}\n", quote(c)));
    }
    if !r.indicators.is_empty() {
        let items: Vec<String> = r
            .indicators
            .iter()
            .map(|(n, v)| format!("{} = {}", key(n), number(*v)))
            .collect();
        s.push_str(&format!("indicators = {{ {} }}\n", items.join(", ")));
    }
    if let Some(n) = &r.note {
        s.push_str(&format!("note = {}\n", quote(n)));
    }
    if r.correction {
        s.push_str("correction = true\n");
    }
    s
}

/// The line that starts the comment `ptba import` writes before the records
/// of a workbook: the workbook's fingerprint follows.
pub const IMPORT_MARK: &str = "# import sha256=";

/// The import fingerprint lines of a log's text, in order.
pub fn import_marks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find(IMPORT_MARK) {
        let at = from + p;
        let line_start = at == 0 || text.as_bytes()[at - 1] == b'\n';
        let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
        if line_start {
            out.push(text[at..end].trim_end().to_string());
        }
        from = end.max(at + 1);
    }
    out
}

/// Text made safe for a TOML comment line: every control character (which
/// a comment may not hold: U+000B from a pasted Word line break, DEL, ESC…)
/// becomes a space.
pub fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Header written at the top of a new progress log.
pub fn new_log_header(plan_name: &str) -> String {
    let plan_name = comment_text(plan_name);
    format!(
        "# Journal de suivi de {plan_name} — écrit par `ptba record` et `ptba import`.\n\
         # Progress log of {plan_name}. Each [[record]] adds to the history; nothing is ever rewritten.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn numbers_read_back_exactly() {
        for s in [
            "0",
            "40",
            "5000000",
            "1250.5",
            "0.01",
            "-3",
            "123456789012.34",
        ] {
            let d = Decimal::from_str(s).unwrap();
            let lit = number(d);
            let back = if lit.contains('.') {
                crate::money::parse_toml_float(&lit)
            } else {
                crate::money::parse_toml_integer(&lit, 10)
            };
            assert_eq!(back, Ok(d), "{lit}");
        }
        assert_eq!(number(Decimal::from(5_000_000)), "5_000_000");
    }

    #[test]
    fn rendered_block_parses_back() {
        let r = NewRecord {
            activity: "A1.1.1".into(),
            date: NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
            status: Some(Status::Ongoing),
            progress: Some(Decimal::from(40)),
            spent: Some(Decimal::from(5_000_000)),
            source: Some("ETAT".into()),
            category: Some("Biens et services".into()),
            indicators: vec![
                ("Campagnes réalisées".into(), Decimal::from(2)),
                ("n".into(), Decimal::ONE),
            ],
            note: Some("Deux \"campagnes\"\nà Man".into()),
            ..Default::default()
        };
        let text = render(&r);
        let (records, diags) = crate::load::toml::parse_log(&text, 0, crate::i18n::Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}\n{text}");
        let back = &records[0];
        assert_eq!(back.activity, "A1.1.1");
        assert_eq!(back.progress, r.progress);
        assert_eq!(back.spent, r.spent);
        assert_eq!(back.note, r.note);
        assert_eq!(back.indicators[0].name, "Campagnes réalisées");
    }
}

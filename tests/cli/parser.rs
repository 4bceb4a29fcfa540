//! The loader splits documents into blocks at their headers (`load::scan`)
//! and reads simple blocks with its own fast parser (`load::tree`), falling
//! back to the `toml` crate. Differential property tests on random documents
//! full of the awkward parts of TOML: where the fast path answers, it gives
//! exactly the crate's tree (spans included) and never accepts what the crate
//! refuses; the split never cuts inside a value.

use proptest::prelude::*;
use toml::de::DeTable;

use ptba::load::{scan, tree};

use crate::support::Rng;

/// Values in the shapes plans and logs use, and the awkward ones.
const VALUES: &[&str] = &[
    "\"texte\"",
    "\"\"",
    "\"é à ç — ✓ 🙂\"",
    "\"a \\\"b\\\" \\\\ \\t \\n \\u00e9 \\U0001F642\"",
    "\"# pas un commentaire\"",
    "\"[[record]] pas un en-tête\"",
    "'littéral \\ sans échappement'",
    "''",
    "'''multi\n[[record]]\nligne'''",
    "\"\"\"multi\n[plan]\n  \\\n  ligne \"\" \"\"\"",
    "\"\"\"\"\"\"",
    "0",
    "-0",
    "+0",
    "42",
    "-17",
    "+1_000",
    "12_500_000",
    "9_223_372_036_854_775_807",
    "0x16E360",
    "0o755",
    "0b1010",
    "1500000.0",
    "0.1",
    "-0.0",
    "+1.5",
    "1e6",
    "1E-3",
    "1.5e+06",
    "1e400",
    "1_000.000_1",
    "inf",
    "-nan",
    "true",
    "false",
    "2024-03-31",
    "2024-02-29",
    "2024-03-31T10:00:00",
    "2024-03-31 10:00:00",
    "1979-05-27T07:32:00Z",
    "10:00:00",
    "[]",
    "[ ]",
    "[1, 2, 3]",
    "[1, 2, 3,]",
    "[\n  1, # un\n  2,\n]",
    "[[1, 2], [\"a\"]]",
    "[\n[1],\n[2]\n]",
    "{}",
    "{ source = \"ETAT\", amount = 12_500_000 }",
    "{ a = { b = [1, { c = 2 }] } }",
    "{ a = 1, }",
    "{ \"Campagnes réalisées\" = 2, 'x y' = 3 }",
    "{ a.b = 1 }",
];

const BAD_VALUES: &[&str] = &[
    "99999999999999999999999",
    "01",
    "1_",
    "1__0",
    "1.",
    ".5",
    "True",
    "2023-02-29",
    "2024-13-01",
    "[,]",
    "[1,,2]",
    "{ a = 1, a = 2 }",
    "{\n a = 1 }",
    "\"tab\tet\u{1}\"",
    "\"sans fin",
    "1 2",
];

const KEYS: &[&str] = &[
    "a",
    "id",
    "title",
    "budget",
    "A-b_1",
    "1234",
    "\"quoted key\"",
    "\"\"",
    "'lit key'",
    "\"é\"",
    "a.b",
    "a . b",
    "é",
];

const HEADERS: &[&str] = &[
    "[plan]",
    "[[record]]",
    "[[activity]]",
    "[[activity.indicator]]",
    "  [[ activity . budget ]]",
    "[\"quoted\".x]",
    "[[record]] # commentaire",
];

const BAD_HEADERS: &[&str] = &["[a]]", "[[a]", "[]", "[[record]] x"];

const FILLERS: &[&str] = &[
    "",
    "# commentaire",
    "   ",
    "\t# tab",
    "# \"guillemet",
    "#\u{7}",
];

/// A random document: lines of header, key = value, comments, blanks, with
/// LF or CRLF endings and random spacing.
fn document(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut pick = |n: usize| rng.below(n as u64) as usize;
    let crlf = pick(5) == 0;
    let mut lines: Vec<String> = Vec::new();
    // Mostly valid lines, now and then a broken one.
    for n in 0..1 + pick(16) {
        let line = match pick(12) {
            0 => HEADERS[pick(HEADERS.len())].to_string(),
            1 => FILLERS[pick(FILLERS.len())].to_string(),
            2 if pick(3) == 0 => BAD_HEADERS[pick(BAD_HEADERS.len())].to_string(),
            _ => {
                let sp = |p: usize| [" ", "", "\t", "  "][p % 4];
                let key = if pick(2) == 0 {
                    KEYS[pick(KEYS.len())].to_string()
                } else {
                    format!("k{n}")
                };
                let value = if pick(15) == 0 {
                    BAD_VALUES[pick(BAD_VALUES.len())]
                } else {
                    VALUES[pick(VALUES.len())]
                };
                let mut l = format!(
                    "{}{key}{}={}{value}",
                    sp(pick(8) / 2 * 2),
                    sp(pick(4)),
                    sp(pick(4)),
                );
                if pick(4) == 0 {
                    l.push_str(" # fin");
                }
                l
            }
        };
        lines.push(line);
    }
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut text = lines.join(eol);
    if pick(3) > 0 {
        text.push_str(eol);
    }
    text
}

/// Checks the fast parser against the crate on every block of `text`.
fn differential(text: &str) -> Result<(), TestCaseError> {
    let mut pos = 0;
    let mut guard = 0;
    while pos < text.len() {
        guard += 1;
        prop_assert!(guard < 10_000, "no progress");
        let (scan_end, _) = scan::scan_block(text, pos);
        prop_assert!(scan_end > pos, "scan_block made no progress at {}", pos);
        match tree::parse_block(text, pos) {
            Some((fast, end)) => {
                prop_assert!(end > pos && end <= text.len());
                // The fast path and the scanner agree on where the block ends.
                prop_assert_eq!(end, scan_end, "block at {}:\n{:?}", pos, &text[pos..]);
                let slow = DeTable::parse(&text[pos..end]);
                prop_assert!(
                    slow.is_ok(),
                    "fast path accepted what the toml crate refuses:\n{:?}\n{:?}",
                    &text[pos..end],
                    slow.err()
                );
                let slow = tree::from_de(slow.unwrap().into_inner(), pos);
                prop_assert_eq!(fast, slow, "block {:?}", &text[pos..end]);
                pos = end;
            }
            None => pos = scan_end,
        }
    }
    Ok(())
}

proptest! {
    // 3 000 cases under PTBA_SLOW=1 (CI), 300 on a developer's `cargo test`.
    #![proptest_config(ProptestConfig::with_cases(crate::support::scaled(3000, 300) as u32))]

    #[test]
    fn fast_parser_agrees_with_the_toml_crate(seed in any::<u64>()) {
        differential(&document(seed))?;
    }

    /// When the whole document is valid TOML, the blocks the scanner cuts
    /// cover it and are each valid TOML too.
    #[test]
    fn blocks_of_a_valid_document_are_valid(seed in any::<u64>()) {
        let text = document(seed);
        if text.parse::<toml::Table>().is_ok() {
            let s = scan::scan(&text);
            let mut covered = 0;
            for b in &s.blocks {
                prop_assert_eq!(b.range.start, covered, "blocks cover the text");
                covered = b.range.end;
                let block = &text[b.range.clone()];
                prop_assert!(
                    DeTable::parse(block).is_ok(),
                    "block of a valid document is invalid:\n{:?}\nin\n{:?}",
                    block,
                    text
                );
            }
            prop_assert_eq!(covered, text.len());
        }
    }
}

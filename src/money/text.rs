//! Amounts as people type them in a text cell or a TOML string: thousands
//! groups, decimal point or comma, the plan's currency and scale words around
//! the number (see [`super::words`]).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::words::words_around;
use super::{AmountError, Currency, check_range, raw};

pub(super) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}' | '\'' | '_'
    )
}

/// Parses an amount as people write it in a text cell or a TOML string,
/// whatever the currency (see [`parse_amount_in`]).
pub fn parse_amount_text(input: &str) -> Result<Decimal, AmountError> {
    parse_amount_in(input, None)
}

/// Parses an amount as people write it, in a plan whose currency is
/// `currency` (`None` while it is not known yet: any currency's code or sign
/// is then taken, and the caller checks it again once the plan is read).
///
/// Spaces (including no-break and narrow no-break spaces), apostrophes and
/// underscores group thousands. The plan's currency (its code or usual sign:
/// "FCFA", "F CFA", "XOF", "€", "EUR", "$", "USD"…) may stand before or after
/// the number; a scale word after it multiplies it ("5 millions", "2,5 M",
/// "3200 k", "1,2 Md", optionally followed by "de FCFA"). Any other word is an
/// error showing what was read, and so is another currency. With both `.` and
/// `,` present, the last one is the decimal point; a separator that occurs
/// several times groups thousands ("12.500.000"); a single one is the decimal
/// point ("1250,50"), unless it stands after one to three digits not
/// starting with 0 and before exactly three ("85,000" is 85 000, see
/// `lone_separator_groups`). Negative amounts are refused.
pub fn parse_amount_in(input: &str, currency: Option<&Currency>) -> Result<Decimal, AmountError> {
    let d = parse_text(input, true, currency)?;
    check_range(d)
}

/// A single `.` or `,` (the only one in the number) groups thousands,
/// rather than being the decimal point, when it stands after one to three
/// digits that do not start with 0 and before exactly three digits: "85,000"
/// and "12.500" are 85 000 and 12 500 (as English figures and hand-made
/// French sheets write them), while "1250,50", "0,125", "12,5" and
/// "1 250,500" keep their decimal point. In a currency with three decimals,
/// "1,250" therefore means 1 250: write 1.25 as a number or as "1,25".
fn lone_separator_groups(digits: &str) -> bool {
    let Some(at) = digits.find(['.', ',']) else {
        return false;
    };
    let (before, after) = (&digits[..at], &digits[at + 1..]);
    after.len() == 3 && (1..=3).contains(&before.len()) && !before.starts_with('0')
}

/// Like [`parse_amount_text`], but keeps the sign (for cached cell values and
/// quantities that are checked elsewhere).
pub fn parse_decimal_text(input: &str) -> Result<Decimal, AmountError> {
    parse_text(input, true, None)
}

/// Like [`parse_amount_in`], but keeps the sign.
pub fn parse_decimal_in(input: &str, currency: Option<&Currency>) -> Result<Decimal, AmountError> {
    parse_text(input, true, currency)
}

/// When `input` reads differently as typed text ("1.250" is 1 250) and as a
/// machine number (1.25) — a lone separator before exactly three digits —
/// the command line refuses it as ambiguous, and
/// Gives both readings, as they can be written without ambiguity
/// ("1250", "1.25"; "1125", "1.1250").
pub fn ambiguity(input: &str) -> Option<(String, String)> {
    match (
        parse_text(input, true, None),
        parse_text(input, false, None),
    ) {
        (Ok(a), Ok(b)) if a != b => {
            let mut decimal = raw(b);
            if decimal.split_once('.').is_some_and(|(_, f)| f.len() == 3) {
                decimal.push('0');
            }
            Some((raw(a), decimal))
        }
        _ => None,
    }
}

fn parse_text(
    input: &str,
    lone_groups: bool,
    currency: Option<&Currency>,
) -> Result<Decimal, AmountError> {
    let s = input.trim_matches(|c: char| c.is_whitespace() || c == '\u{00A0}' || c == '\u{202F}');
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    let lower = s.to_lowercase();
    if matches!(
        lower.trim_start_matches(['+', '-']),
        "inf" | "nan" | "infinity"
    ) {
        return Err(AmountError::NotFinite);
    }
    // The number runs from the first sign/digit/separator to the last digit;
    // what is around it may only be the currency and a scale word.
    let first = s.find(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | ','));
    let last = s.rfind(|c: char| c.is_ascii_digit());
    let (Some(first), Some(last)) = (first, last) else {
        return Err(AmountError::Invalid);
    };
    if first > last {
        return Err(AmountError::Invalid);
    }
    let (prefix, number, suffix) = (&s[..first], &s[first..=last], &s[last + 1..]);
    let (negative, body) = match number.as_bytes()[0] {
        b'-' => (true, &number[1..]),
        b'+' => (false, &number[1..]),
        _ => (false, number),
    };
    let mut digits = String::with_capacity(body.len());
    for c in body.chars() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            digits.push(c);
        } else if !is_space(c) {
            return Err(AmountError::Invalid);
        }
    }
    let scale = words_around(prefix, suffix, number, currency)?;
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let decimal_sep = match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots > 1 => None,
        (0, _) if commas > 1 => None,
        (1, 0) | (0, 1) if lone_groups && lone_separator_groups(&digits) => None,
        (1, 0) => Some('.'),
        (0, 1) => Some(','),
        _ => {
            let last_dot = digits.rfind('.');
            let last_comma = digits.rfind(',');
            if last_dot > last_comma {
                Some('.')
            } else {
                Some(',')
            }
        }
    };
    let mut clean = String::with_capacity(digits.len());
    if negative {
        clean.push('-');
    }
    for c in digits.chars() {
        match c {
            '0'..='9' => clean.push(c),
            c if Some(c) == decimal_sep => clean.push('.'),
            _ => {}
        }
    }
    // A decimal separator that occurs more than once means it was not one.
    if clean.matches('.').count() > 1 {
        return Err(AmountError::Invalid);
    }
    if !clean.bytes().any(|b| b.is_ascii_digit()) {
        return Err(AmountError::Invalid);
    }
    let clean = clean.strip_suffix('.').map(str::to_owned).unwrap_or(clean);
    let d = decimal_from_digits(&clean)?;
    match scale {
        None => Ok(d),
        Some(f) => d
            .checked_mul(f)
            .map(|x| x.normalize())
            .ok_or(AmountError::TooLarge),
    }
}

pub(super) fn decimal_from_digits(clean: &str) -> Result<Decimal, AmountError> {
    let unsigned = clean.trim_start_matches('-');
    if unsigned.is_empty() || unsigned == "." {
        return Err(AmountError::Invalid);
    }
    let int_digits = unsigned
        .split('.')
        .next()
        .unwrap_or("")
        .trim_start_matches('0')
        .len();
    if int_digits > 19 {
        return Err(AmountError::TooLarge);
    }
    // Decimal keeps at most 28 fractional digits: drop trailing zeros first.
    let trimmed = if unsigned.contains('.') {
        let t = clean.trim_end_matches('0');
        t.strip_suffix('.').unwrap_or(t)
    } else {
        clean
    };
    match Decimal::from_str(trimmed) {
        Ok(d) => Ok(d.normalize()),
        Err(_) => {
            if trimmed.split('.').nth(1).map_or(0, str::len) > 20 {
                // Too precise to be a sum of money: refuse rather than round.
                Err(AmountError::Invalid)
            } else {
                Err(AmountError::TooLarge)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::d;

    #[test]
    fn text_amounts_as_people_type_them() {
        for (input, want) in [
            ("12500000", "12500000"),
            ("12 500 000", "12500000"),
            ("12\u{00A0}500\u{00A0}000", "12500000"),
            ("12\u{202F}500\u{202F}000 FCFA", "12500000"),
            ("12.500.000", "12500000"),
            ("12,500,000", "12500000"),
            ("1250.50", "1250.5"),
            ("1 250,50", "1250.5"),
            ("1.250,50", "1250.5"),
            ("1,250.50", "1250.5"),
            ("FCFA 3 000", "3000"),
            ("3 000 F CFA", "3000"),
            ("€ 12,50", "12.5"),
            ("+5", "5"),
            ("-0", "0"),
            ("0", "0"),
            ("1_000", "1000"),
            // a lone separator before exactly three digits groups thousands
            ("85,000", "85000"),
            ("12.500 FCFA", "12500"),
            ("1,250.50", "1250.5"),
            ("+85,000", "85000"),
            // otherwise it is the decimal point
            ("0,125", "0.125"),
            ("12,5", "12.5"),
            ("1250,500", "1250.5"),
            ("1 250,500", "1250.5"),
            (",125", "0.125"),
        ] {
            assert_eq!(parse_amount_text(input), Ok(d(want)), "{input}");
        }
    }

    #[test]
    fn text_amounts_refused() {
        assert_eq!(parse_amount_text(""), Err(AmountError::Empty));
        assert_eq!(parse_amount_text("   "), Err(AmountError::Empty));
        assert_eq!(parse_amount_text("abc"), Err(AmountError::Invalid));
        assert_eq!(parse_amount_text("12a34"), Err(AmountError::Invalid));
        assert_eq!(parse_amount_text("-5"), Err(AmountError::Negative));
        assert_eq!(parse_amount_text("NaN"), Err(AmountError::NotFinite));
        assert_eq!(parse_amount_text("inf"), Err(AmountError::NotFinite));
        assert_eq!(parse_amount_text("1.2.3,4,5"), Err(AmountError::Invalid));
        assert_eq!(
            parse_amount_text("99999999999999999999999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_amount_text("2000000000000000000"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(parse_amount_text("."), Err(AmountError::Invalid));
        assert_eq!(parse_amount_text("1e6"), Err(AmountError::Invalid));
    }
}

//! Exact amounts: parsing what people type ("12 500 000", "1 250,50",
//! "12.500.000 FCFA"), currency decimals (ISO 4217 minor units), and the one
//! rounding function every display goes through (half away from zero).

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::i18n::Lang;

/// The largest amount a single budget line or record may carry: a billion
/// billions. Sums of a million such lines still fit in a `Decimal`.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA7640000, 0x0DE0B6B3, 0, false, 0); // 10^18

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Invalid,
    Negative,
    NotFinite,
    TooLarge,
    /// A word that is neither the plan's currency nor a scale word
    /// ("environ 3 200 000"): never ignored. `read` is the number as read.
    Word {
        word: String,
        read: String,
        currency: Option<String>,
    },
    /// Another currency than the plan's ("3 200 000 USD" in an XOF plan).
    OtherCurrency {
        word: String,
        read: String,
        currency: String,
    },
}

impl AmountError {
    pub fn message(&self, lang: Lang) -> String {
        use AmountError::*;
        let s = match (self, lang) {
            (Empty, Lang::Fr) => "montant vide",
            (Empty, Lang::En) => "empty amount",
            (Invalid, Lang::Fr) => {
                "ce n'est pas un montant (attendu : 12500000, \"12 500 000\" ou \"1250.50\")"
            }
            (Invalid, Lang::En) => {
                "not an amount (expected 12500000, \"12 500 000\" or \"1250.50\")"
            }
            (Negative, Lang::Fr) => "un montant ne peut pas être négatif",
            (Negative, Lang::En) => "an amount cannot be negative",
            (NotFinite, Lang::Fr) => "un montant doit être un nombre fini (ni inf ni nan)",
            (NotFinite, Lang::En) => "an amount must be a finite number (not inf or nan)",
            (TooLarge, Lang::Fr) => "montant démesuré (au-delà de 10^18)",
            (TooLarge, Lang::En) => "amount out of range (above 10^18)",
            (
                Word {
                    word,
                    read,
                    currency,
                },
                _,
            ) => {
                let cur = currency
                    .as_deref()
                    .map(|c| match lang {
                        Lang::Fr => format!("la devise du plan ({c}), "),
                        Lang::En => format!("the plan's currency ({c}), "),
                    })
                    .unwrap_or_default();
                return match lang {
                    Lang::Fr => format!(
                        "mot « {word} » non compris dans un montant (nombre lu : {read}) : \
                         seuls {cur}les mots d'échelle mille, k, million(s), M, milliard(s), \
                         Md/Mds peuvent accompagner le nombre ; écrire le montant seul"
                    ),
                    Lang::En => format!(
                        "word \"{word}\" not understood in an amount (number read: {read}): \
                         only {cur}the scale words mille, k, million(s), M, milliard(s), \
                         Md/Mds may stand with the number; write the amount alone"
                    ),
                };
            }
            (
                OtherCurrency {
                    word,
                    read,
                    currency,
                },
                _,
            ) => {
                return match lang {
                    Lang::Fr => format!(
                        "« {word} » n'est pas la devise du plan ({currency}) (nombre lu : {read}) : \
                         convertir le montant en {currency} et l'écrire sans autre devise"
                    ),
                    Lang::En => format!(
                        "\"{word}\" is not the plan's currency ({currency}) (number read: {read}): \
                         convert the amount to {currency} and write it without another currency"
                    ),
                };
            }
        };
        s.to_string()
    }
}

fn is_space(c: char) -> bool {
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

/// A scale word after a number, and what it multiplies by. `M` (million) is
/// upper case only: a lone `m` is more often metres than millions.
fn scale_word(w: &str) -> Option<Decimal> {
    let thousand = Decimal::from(1_000);
    let million = Decimal::from(1_000_000);
    let billion = Decimal::from(1_000_000_000);
    match w {
        "k" | "K" => return Some(thousand),
        "M" => return Some(million),
        _ => {}
    }
    match w.to_lowercase().as_str() {
        "mille" => Some(thousand),
        "million" | "millions" => Some(million),
        "milliard" | "milliards" | "md" | "mds" => Some(billion),
        _ => None,
    }
}

/// The words of a currency as written around an amount, normalised (lower
/// case, no spaces, dots or hyphens): "F CFA" is `fcfa`.
fn normalise_marker(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_space(c) && !c.is_whitespace() && !matches!(c, '.' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

const FCFA: &[&str] = &["f", "fcfa", "cfa", "franccfa", "francscfa"];
const EURO: &[&str] = &["€", "eur", "euro", "euros"];
const DOLLAR: &[&str] = &[
    "$",
    "usd",
    "us$",
    "dollar",
    "dollars",
    "usdollar",
    "usdollars",
];
const POUND: &[&str] = &["£", "gbp"];

/// Whether the normalised `m` names `currency` (its code or usual sign).
fn marker_fits(m: &str, currency: &Currency) -> bool {
    let code = currency.code.to_lowercase();
    m == code
        || match currency.code.as_str() {
            "XOF" | "XAF" => FCFA.contains(&m),
            "EUR" => EURO.contains(&m),
            "USD" => DOLLAR.contains(&m),
            "GBP" => POUND.contains(&m),
            _ => false,
        }
}

/// Whether the normalised `m` names some currency.
fn is_marker(m: &str) -> bool {
    FCFA.contains(&m)
        || EURO.contains(&m)
        || DOLLAR.contains(&m)
        || POUND.contains(&m)
        || (m.len() == 3 && minor_units(&m.to_uppercase()).is_some())
}

/// How a currency is named in messages: "XOF, FCFA".
fn currency_names(c: &Currency) -> String {
    match c.code.as_str() {
        "XOF" | "XAF" => format!("{}, FCFA", c.code),
        "EUR" => "EUR, €".into(),
        "USD" => "USD, $".into(),
        "GBP" => "GBP, £".into(),
        code => code.to_string(),
    }
}

/// Checks the text around a number: a currency before, a scale word and/or
/// a currency after. Returns the scale.
fn words_around(
    prefix: &str,
    suffix: &str,
    number: &str,
    currency: Option<&Currency>,
) -> Result<Option<Decimal>, AmountError> {
    let read = number.trim_matches(|c: char| is_space(c) || c.is_whitespace());
    let word_error = |w: &str| AmountError::Word {
        word: w.trim().to_string(),
        read: read.to_string(),
        currency: currency.map(currency_names),
    };
    // One currency word at most, the plan's.
    let mut seen_currency = false;
    let mut currency_word = |w: &str| -> Result<(), AmountError> {
        let m = normalise_marker(w);
        if m.is_empty() {
            // Only dots or hyphens ("12." or "-."): not an amount.
            return Err(AmountError::Invalid);
        }
        let fits = match currency {
            Some(c) => marker_fits(&m, c),
            None => is_marker(&m),
        };
        if fits && !seen_currency {
            seen_currency = true;
            return Ok(());
        }
        match currency {
            Some(c) if is_marker(&m) && !marker_fits(&m, c) => Err(AmountError::OtherCurrency {
                word: w.trim().to_string(),
                read: read.to_string(),
                currency: c.code.clone(),
            }),
            _ => Err(word_error(w)),
        }
    };
    let trim = |s: &str| {
        s.trim_matches(|c: char| is_space(c) || c.is_whitespace())
            .to_string()
    };
    let prefix = trim(prefix);
    if !prefix.is_empty() {
        currency_word(&prefix)?;
    }
    let mut rest = trim(suffix);
    let mut scale = None;
    // The first word of the suffix may be a scale word ("5 millions",
    // "3200k", "2,5 M€").
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    if end > 0
        && let Some(f) = scale_word(&rest[..end])
    {
        scale = Some(f);
        rest = trim(&rest[end..]);
        // "3 millions de FCFA", "2 milliards d'euros"
        let lower = rest.to_lowercase();
        for de in ["de ", "d'", "d’"] {
            if lower.starts_with(de) && rest.len() > de.len() {
                rest = trim(&rest[de.len()..]);
                break;
            }
        }
    }
    if !rest.is_empty() {
        currency_word(&rest)?;
    }
    Ok(scale)
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

fn decimal_from_digits(clean: &str) -> Result<Decimal, AmountError> {
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

/// Parses the text of a TOML integer (`12_500_000`) in the given radix.
/// The toml crate hands over non-decimal integers without their prefix
/// (`0x16E360` arrives as `16E360`, radix 16); a `0x`/`0o`/`0b` prefix is
/// accepted too.
pub fn parse_toml_integer(raw: &str, radix: u32) -> Result<Decimal, AmountError> {
    // Most amounts: plain digits that fit in a u64.
    if radix == 10 && !raw.is_empty() && raw.len() <= 18 && raw.bytes().all(|b| b.is_ascii_digit())
    {
        return raw
            .parse::<u64>()
            .map(Decimal::from)
            .map_err(|_| AmountError::Invalid);
    }
    let clean: String = raw.chars().filter(|&c| c != '_').collect();
    if radix == 10 {
        return decimal_from_digits(clean.trim_start_matches('+'));
    }
    let (neg, body) = match clean.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, clean.trim_start_matches('+')),
    };
    let prefix = match radix {
        16 => "0x",
        8 => "0o",
        2 => "0b",
        _ => "",
    };
    // The toml crate gives the digits without their prefix; accept both.
    let body = body.strip_prefix(prefix).unwrap_or(body);
    // Digits only: `from_str_radix` would also take a sign of its own.
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return Err(AmountError::Invalid);
    }
    let v = i128::from_str_radix(body, radix).map_err(|_| AmountError::TooLarge)?;
    // A Decimal holds 96 bits: `0xFFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FF` does not fit.
    Decimal::try_from_i128_with_scale(if neg { -v } else { v }, 0)
        .map_err(|_| AmountError::TooLarge)
}

/// Parses the literal text of a TOML float (`1_500_000.0`, `1.5e6`) exactly,
/// never through binary floating point.
pub fn parse_toml_float(raw: &str) -> Result<Decimal, AmountError> {
    let clean: String = raw.chars().filter(|&c| c != '_').collect();
    let unsigned = clean.trim_start_matches(['+', '-']).to_ascii_lowercase();
    if unsigned == "inf" || unsigned == "nan" {
        return Err(AmountError::NotFinite);
    }
    // The exponent is looked for in the text that is sliced: with a leading
    // `+` counted in one and not the other, `+1.5e6` was cut at the wrong place.
    let clean = clean.strip_prefix('+').unwrap_or(&clean);
    if let Some(epos) = clean.find(['e', 'E']) {
        let mantissa = &clean[..epos];
        let exp: i64 = clean[epos + 1..]
            .trim_start_matches('+')
            .parse()
            .map_err(|_| AmountError::TooLarge)?;
        let m = decimal_from_digits(mantissa)?;
        if m.is_zero() {
            return Ok(Decimal::ZERO);
        }
        if exp > 40 {
            return Err(AmountError::TooLarge);
        }
        if exp < -40 {
            return Err(AmountError::Invalid);
        }
        let mut d = m;
        let ten = Decimal::TEN;
        for _ in 0..exp.unsigned_abs() {
            d = if exp > 0 {
                d.checked_mul(ten).ok_or(AmountError::TooLarge)?
            } else {
                d.checked_div(ten).ok_or(AmountError::Invalid)?
            };
        }
        if exp < 0 {
            // Division by ten is exact while the scale fits: check it did.
            let back = (0..exp.unsigned_abs()).try_fold(d, |acc, _| acc.checked_mul(ten));
            if back != Some(m) {
                return Err(AmountError::Invalid);
            }
        }
        return Ok(d.normalize());
    }
    decimal_from_digits(clean)
}

/// Refuses negative and absurd amounts. `-0` is zero.
pub fn check_range(d: Decimal) -> Result<Decimal, AmountError> {
    if d.is_zero() {
        return Ok(Decimal::ZERO);
    }
    if d.is_sign_negative() {
        return Err(AmountError::Negative);
    }
    if d > MAX_AMOUNT {
        return Err(AmountError::TooLarge);
    }
    Ok(d)
}

/// Number of significant decimals of `d` (trailing zeros do not count:
/// `1500000.0` has none).
pub fn significant_decimals(d: Decimal) -> u32 {
    d.normalize().scale()
}

/// The one rounding of the project: half away from zero (52.5 → 53).
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A currency: its ISO 4217 code and number of minor-unit decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub code: String,
    pub decimals: u32,
}

impl Default for Currency {
    fn default() -> Self {
        Currency {
            code: "XOF".into(),
            decimals: 0,
        }
    }
}

/// ISO 4217 minor units of the currencies a plan is likely to use.
const MINOR_UNITS: &[(&str, u32)] = &[
    ("XOF", 0),
    ("XAF", 0),
    ("GNF", 0),
    ("KMF", 0),
    ("BIF", 0),
    ("RWF", 0),
    ("DJF", 0),
    ("UGX", 0),
    ("XPF", 0),
    ("JPY", 0),
    ("KRW", 0),
    ("VND", 0),
    ("CLP", 0),
    ("PYG", 0),
    ("ISK", 0),
    ("VUV", 0),
    ("EUR", 2),
    ("USD", 2),
    ("GBP", 2),
    ("CHF", 2),
    ("CAD", 2),
    ("MAD", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("MGA", 2),
    ("MRU", 2),
    ("CDF", 2),
    ("HTG", 2),
    ("NGN", 2),
    ("GHS", 2),
    ("CVE", 2),
    ("STN", 2),
    ("SLE", 2),
    ("LRD", 2),
    ("GMD", 2),
    ("KES", 2),
    ("TZS", 2),
    ("ETB", 2),
    ("SCR", 2),
    ("MUR", 2),
    ("ZAR", 2),
    ("AOA", 2),
    ("MZN", 2),
    ("SSP", 2),
    ("SDG", 2),
    ("ERN", 2),
    ("SOS", 2),
    ("ZMW", 2),
    ("MWK", 2),
    ("BWP", 2),
    ("NAD", 2),
    ("LSL", 2),
    ("SZL", 2),
    ("CNY", 2),
    ("INR", 2),
    ("BRL", 2),
    ("XDR", 2),
    ("SEK", 2),
    ("NOK", 2),
    ("DKK", 2),
    ("AUD", 2),
    ("NZD", 2),
    ("LBP", 2),
    ("TND", 3),
    ("LYD", 3),
    ("BHD", 3),
    ("KWD", 3),
    ("OMR", 3),
    ("JOD", 3),
    ("IQD", 3),
    ("CLF", 4),
    ("UYW", 4),
];

/// Looks up a currency code. `None` for a code that is not a known ISO 4217 code.
pub fn minor_units(code: &str) -> Option<u32> {
    MINOR_UNITS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|&(_, d)| d)
}

/// Groups the digits of an already-rounded decimal for display.
fn group(d: Decimal, decimals: u32, lang: Lang) -> String {
    let d = round(d, decimals);
    let negative = d.is_sign_negative() && !d.is_zero();
    let abs = d.abs();
    let text = format!("{:.*}", decimals as usize, abs);
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let (thousands, point) = match lang {
        Lang::Fr => (' ', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
    if negative {
        out.push('-');
    }
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// "12 500 000" (fr, plain spaces as in every French report) or "12,500,000" (en), with the
/// currency's decimals.
pub fn format_amount(d: Decimal, currency: &Currency, lang: Lang) -> String {
    group(d, currency.decimals, lang)
}

/// The name of a currency as people write it after an amount.
pub fn currency_label(currency: &Currency) -> &str {
    match currency.code.as_str() {
        "XOF" | "XAF" => "FCFA",
        c => c,
    }
}

/// "12 500 000 FCFA".
pub fn format_money(d: Decimal, currency: &Currency, lang: Lang) -> String {
    format!(
        "{} {}",
        format_amount(d, currency, lang),
        currency_label(currency)
    )
}

/// A percentage for display: "67 %" (fr) or "67%" (en); "—" when undefined.
pub fn format_rate(rate: Option<Decimal>, precision: u32, lang: Lang) -> String {
    match rate {
        None => "—".to_string(),
        Some(r) => {
            let n = group(r, precision, lang);
            match lang {
                Lang::Fr => format!("{n} %"),
                Lang::En => format!("{n}%"),
            }
        }
    }
}

/// A raw machine amount: exact, no grouping, `.` as decimal point.
pub fn raw(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// `num / den × 100`, or `None` when the denominator is zero.
pub fn percent(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        return None;
    }
    num.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|n| n.checked_div(den))
        .or_else(|| {
            num.checked_div(den)
                .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

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

    fn xof() -> Currency {
        Currency::default()
    }

    fn cur(code: &str) -> Currency {
        Currency {
            code: code.into(),
            decimals: minor_units(code).unwrap(),
        }
    }

    #[test]
    fn scale_words_multiply() {
        for (input, want) in [
            ("5 millions", "5000000"),
            ("1 million", "1000000"),
            ("2,5 M", "2500000"),
            ("3200 k", "3200000"),
            ("3200k", "3200000"),
            ("12 K", "12000"),
            ("5 mille", "5000"),
            ("1,2 milliard", "1200000000"),
            ("3 milliards", "3000000000"),
            ("1,5 Md", "1500000000"),
            ("2 Mds", "2000000000"),
            ("5 millions FCFA", "5000000"),
            ("3 millions de FCFA", "3000000"),
            ("FCFA 2,5 M", "2500000"),
            ("2,5 M F CFA", "2500000"),
            ("12 500 000 XOF", "12500000"),
            ("3 000 F", "3000"),
        ] {
            assert_eq!(parse_amount_in(input, Some(&xof())), Ok(d(want)), "{input}");
        }
        assert_eq!(
            parse_amount_in("2,5 M€", Some(&cur("EUR"))),
            Ok(d("2500000"))
        );
        assert_eq!(
            parse_amount_in("$ 1,250.50", Some(&cur("USD"))),
            Ok(d("1250.5"))
        );
        assert_eq!(
            parse_amount_in("2 millions d'euros", Some(&cur("EUR"))),
            Ok(d("2000000"))
        );
    }

    #[test]
    fn other_words_are_refused_with_what_was_read() {
        let e = parse_amount_in("environ 3 200 000", Some(&xof())).unwrap_err();
        assert_eq!(
            e,
            AmountError::Word {
                word: "environ".into(),
                read: "3 200 000".into(),
                currency: Some("XOF, FCFA".into())
            }
        );
        assert_eq!(
            e.message(Lang::Fr),
            "mot « environ » non compris dans un montant (nombre lu : 3 200 000) : seuls la \
             devise du plan (XOF, FCFA), les mots d'échelle mille, k, million(s), M, \
             milliard(s), Md/Mds peuvent accompagner le nombre ; écrire le montant seul"
        );
        let e = parse_amount_in("3 200 000 USD", Some(&xof())).unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "\"USD\" is not the plan's currency (XOF) (number read: 3 200 000): convert the \
             amount to XOF and write it without another currency"
        );
        assert!(matches!(
            parse_amount_in("5 € ", Some(&xof())),
            Err(AmountError::OtherCurrency { .. })
        ));
        for bad in [
            "3 200 000 environ",
            "5 millions de dollars",
            "5 m",
            "5 mètres",
            "5 M M",
            "FCFA 5 FCFA",
            "env. 5",
            "5 millions USD",
            "k 5",
        ] {
            assert!(parse_amount_in(bad, Some(&xof())).is_err(), "{bad}");
        }
        // Without a known currency, any currency's sign is taken (checked
        // again once the plan is read), other words never.
        assert_eq!(parse_amount_text("3 200 000 USD"), Ok(d("3200000")));
        assert!(matches!(
            parse_amount_text("environ 3"),
            Err(AmountError::Word { .. })
        ));
        assert_eq!(parse_amount_in("99 Md", Some(&xof())), Ok(d("99000000000")));
        assert_eq!(
            parse_amount_in("9999999999999999 Md", Some(&xof())),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn toml_floats_are_read_from_their_literal() {
        assert_eq!(parse_toml_float("1500000.0"), Ok(d("1500000")));
        assert_eq!(parse_toml_float("0.1"), Ok(d("0.1")));
        assert_eq!(parse_toml_float("1_250.50"), Ok(d("1250.5")));
        assert_eq!(parse_toml_float("1.5e6"), Ok(d("1500000")));
        assert_eq!(parse_toml_float("125e-2"), Ok(d("1.25")));
        assert_eq!(parse_toml_float("1e400"), Err(AmountError::TooLarge));
        assert_eq!(parse_toml_float("inf"), Err(AmountError::NotFinite));
        assert_eq!(parse_toml_float("-nan"), Err(AmountError::NotFinite));
        assert_eq!(parse_toml_float("-0.0"), Ok(Decimal::ZERO));
        // Found by fuzzing: a `+` sign shifted the exponent's position.
        assert_eq!(parse_toml_float("+1.5e6"), Ok(d("1500000")));
        assert_eq!(parse_toml_float("+1_5E-1"), Ok(d("1.5")));
        assert_eq!(parse_toml_float("-2e2"), Ok(d("-200")));
        assert!(parse_toml_float("+\u{e9}e").is_err());
        // 0.1 + 0.2 must be exactly 0.3: no binary rounding anywhere.
        assert_eq!(
            parse_toml_float("0.1").unwrap() + parse_toml_float("0.2").unwrap(),
            d("0.3")
        );
    }

    #[test]
    fn toml_integers() {
        assert_eq!(parse_toml_integer("12_500_000", 10), Ok(d("12500000")));
        assert_eq!(parse_toml_integer("0x10", 16), Ok(d("16")));
        // As the toml crate gives it: digits without the prefix.
        assert_eq!(parse_toml_integer("16E360", 16), Ok(d("1500000")));
        assert_eq!(parse_toml_integer("10", 16), Ok(d("16")));
        assert_eq!(parse_toml_integer("17", 8), Ok(d("15")));
        assert_eq!(parse_toml_integer("101", 2), Ok(d("5")));
        assert_eq!(parse_toml_integer("-3", 10), Ok(d("-3")));
    }

    /// Found by fuzzing: a hex literal of more than 96 bits made
    /// `Decimal::from_i128_with_scale` panic (`ptba check` aborted).
    #[test]
    fn toml_integers_beyond_a_decimal_are_too_large() {
        assert_eq!(
            parse_toml_integer("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 16),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_toml_integer(&format!("0x{}", "f".repeat(40)), 16),
            Err(AmountError::TooLarge)
        );
        assert_eq!(parse_toml_integer("0x-10", 16), Err(AmountError::Invalid));
        assert_eq!(parse_toml_integer("-0o17", 8), Ok(d("-15")));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round(d("52.5"), 0), d("53"));
        assert_eq!(round(d("53.5"), 0), d("54"));
        assert_eq!(round(d("-52.5"), 0), d("-53"));
        assert_eq!(round(d("66.665"), 2), d("66.67"));
        assert_eq!(round(d("0.4999"), 0), d("0"));
    }

    #[test]
    fn significant_decimals_ignore_trailing_zeros() {
        assert_eq!(significant_decimals(d("1500000.0")), 0);
        assert_eq!(significant_decimals(d("1500000.5")), 1);
        assert_eq!(significant_decimals(d("12.50")), 1);
    }

    #[test]
    fn display() {
        let xof = Currency::default();
        let eur = Currency {
            code: "EUR".into(),
            decimals: 2,
        };
        assert_eq!(format_amount(d("12500000"), &xof, Lang::Fr), "12 500 000");
        assert_eq!(format_amount(d("12500000"), &xof, Lang::En), "12,500,000");
        assert_eq!(format_amount(d("999.5"), &xof, Lang::Fr), "1 000");
        assert_eq!(format_amount(d("1250.505"), &eur, Lang::Fr), "1 250,51");
        assert_eq!(format_amount(d("0"), &eur, Lang::En), "0.00");
        assert_eq!(format_amount(d("-1234"), &xof, Lang::En), "-1,234");
        assert_eq!(
            format_money(d("12500000"), &xof, Lang::Fr),
            "12 500 000 FCFA"
        );
        assert_eq!(format_rate(Some(d("67.07")), 0, Lang::Fr), "67 %");
        assert_eq!(format_rate(Some(d("66.5")), 0, Lang::En), "67%");
        assert_eq!(format_rate(Some(d("66.55")), 1, Lang::Fr), "66,6 %");
        assert_eq!(format_rate(None, 0, Lang::Fr), "—");
    }

    #[test]
    fn percent_of_zero_is_undefined() {
        assert_eq!(percent(d("5"), Decimal::ZERO), None);
        assert_eq!(
            percent(d("1"), d("3")).map(|p| round(p, 2)),
            Some(d("33.33"))
        );
        assert_eq!(percent(d("0"), d("3")), Some(Decimal::ZERO));
    }

    #[test]
    fn max_amount_is_ten_to_the_eighteen() {
        assert_eq!(MAX_AMOUNT, d("1000000000000000000"));
    }
}

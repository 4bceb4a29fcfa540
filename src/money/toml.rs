//! Amounts written as TOML numbers, read exactly from their literal text.

use rust_decimal::Decimal;

use super::AmountError;
use super::text::decimal_from_digits;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::d;

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
}

//! Exact amounts: parsing what people type ("12 500 000", "1 250,50",
//! "12.500.000 FCFA"), currency decimals (ISO 4217 minor units), and the one
//! rounding function every display goes through (half away from zero).
//!
//! - [`text`]: amounts as people type them; [`words`]: the currency and the
//!   scale words around them; [`toml`]: TOML numbers read exactly;
//! - [`currency`]: ISO 4217 codes and minor units;
//! - [`format`]: display, through [`round`].

use rust_decimal::{Decimal, RoundingStrategy};

mod currency;
mod error;
mod format;
mod text;
mod toml;
mod words;

pub use currency::{Currency, currency_label, minor_units};
pub use error::AmountError;
pub use format::{format_amount, format_money, format_rate, raw};
pub use text::{
    ambiguity, parse_amount_in, parse_amount_text, parse_decimal_in, parse_decimal_text,
};
pub use toml::{parse_toml_float, parse_toml_integer};

/// The largest amount a single budget line or record may carry: a billion
/// billions. Sums of a million such lines still fit in a `Decimal`.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA7640000, 0x0DE0B6B3, 0, false, 0); // 10^18

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

/// A decimal from its text, for the tests of the money module.
#[cfg(test)]
fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! Amounts and rates for display, through the one rounding function.

use rust_decimal::Decimal;

use super::{Currency, currency_label, round};
use crate::i18n::{self, Lang};

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
    let (thousands, point) = i18n::load::digit_separators(lang);
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
            i18n::load::percentage(lang, n)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::d;

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
}

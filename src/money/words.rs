//! The words that may stand around a number: the plan's currency (its code
//! or usual sign) and a scale word ("5 millions", "2,5 M", "1,2 Md").

use rust_decimal::Decimal;

use super::text::is_space;
use super::{AmountError, Currency, minor_units};

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
pub(super) fn words_around(
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

#[cfg(test)]
mod tests {
    use super::super::{minor_units, parse_amount_in, parse_amount_text};
    use super::*;
    use crate::i18n::Lang;
    use crate::money::d;

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
}

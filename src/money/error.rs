//! Why a text is not an amount, and how that is said.

use crate::i18n::{self, Lang};

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
        match self {
            Empty => i18n::load::amount_empty(lang).to_string(),
            Invalid => i18n::load::amount_invalid(lang).to_string(),
            Negative => i18n::load::amount_negative(lang).to_string(),
            NotFinite => i18n::load::amount_not_finite(lang).to_string(),
            TooLarge => i18n::load::amount_too_large(lang).to_string(),
            Word {
                word,
                read,
                currency,
            } => {
                let plan_currency = currency
                    .as_deref()
                    .map(|c| i18n::load::plan_currency_among(lang, c))
                    .unwrap_or_default();
                i18n::load::amount_word(lang, word, read, plan_currency)
            }
            OtherCurrency {
                word,
                read,
                currency,
            } => i18n::load::amount_other_currency(lang, word, read, currency),
        }
    }
}

//! Why a text is not an amount, and how that is said.

use crate::i18n::Lang;

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

//! The sentences of amounts.

use std::fmt::Display;

use crate::i18n::Lang;
use crate::tr;

// ---- amounts ----

/// The thousands separator and the decimal point of displayed amounts:
/// plain spaces and a comma in French, commas and a point in English.
pub fn digit_separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Fr => (' ', ','),
        Lang::En => (',', '.'),
    }
}

/// A displayed percentage: "67 %" (fr) or "67%" (en).
pub fn percentage(lang: Lang, number: impl Display) -> String {
    tr!(lang, "{number} %", "{number}%")
}

/// E011: an amount left empty.
pub fn amount_empty(lang: Lang) -> &'static str {
    lang.pick("montant vide", "empty amount")
}

/// E011: a text that is not an amount.
pub fn amount_invalid(lang: Lang) -> &'static str {
    lang.pick(
        "ce n'est pas un montant (attendu : 12500000, \"12 500 000\" ou \"1250.50\")",
        "not an amount (expected 12500000, \"12 500 000\" or \"1250.50\")",
    )
}

/// E011: a negative amount.
pub fn amount_negative(lang: Lang) -> &'static str {
    lang.pick(
        "un montant ne peut pas être négatif",
        "an amount cannot be negative",
    )
}

/// E011: inf or nan given as an amount.
pub fn amount_not_finite(lang: Lang) -> &'static str {
    lang.pick(
        "un montant doit être un nombre fini (ni inf ni nan)",
        "an amount must be a finite number (not inf or nan)",
    )
}

/// E026: an amount above 10^18.
pub fn amount_too_large(lang: Lang) -> &'static str {
    lang.pick(
        "montant démesuré (au-delà de 10^18)",
        "amount out of range (above 10^18)",
    )
}

/// E011: the plan's currency, among what may stand with a number (in
/// [`amount_word`]).
pub fn plan_currency_among(lang: Lang, currency: impl Display) -> String {
    tr!(
        lang,
        "la devise du plan ({currency}), ",
        "the plan's currency ({currency}), "
    )
}

/// E011: a word beside a number that is neither the plan's currency nor a
/// scale word.
pub fn amount_word(
    lang: Lang,
    word: impl Display,
    read: impl Display,
    plan_currency: impl Display,
) -> String {
    tr!(
        lang,
        "mot « {word} » non compris dans un montant (nombre lu : {read}) : \
         seuls {plan_currency}les mots d'échelle mille, k, million(s), M, milliard(s), \
         Md/Mds peuvent accompagner le nombre ; écrire le montant seul",
        "word \"{word}\" not understood in an amount (number read: {read}): \
         only {plan_currency}the scale words mille, k, million(s), M, milliard(s), \
         Md/Mds may stand with the number; write the amount alone"
    )
}

/// E011: an amount written in another currency than the plan's.
pub fn amount_other_currency(
    lang: Lang,
    word: impl Display,
    read: impl Display,
    currency: impl Display,
) -> String {
    tr!(
        lang,
        "« {word} » n'est pas la devise du plan ({currency}) (nombre lu : {read}) : \
         convertir le montant en {currency} et l'écrire sans autre devise",
        "\"{word}\" is not the plan's currency ({currency}) (number read: {read}): \
         convert the amount to {currency} and write it without another currency"
    )
}

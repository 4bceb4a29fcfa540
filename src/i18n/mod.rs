//! Every user-facing sentence, in French and English, in one place: a table
//! per subject, plus the language type, the `tr!` macro and the one plural
//! helper. Code elsewhere asks for a sentence by name and gives its values;
//! it never writes French or English itself.
//!
//! - [`help`]: the help of every command and argument;
//! - [`check`]: the messages of the diagnostics the rules produce;
//! - [`load`]: what the readers of hand-made workbooks, the guard and the
//!   amount parser say;
//! - [`workbook`]: the plan workbook, the template and the TOML plan files
//!   (sheet labels and what their readers say);
//! - [`report`]: the Excel report, sheet by sheet;
//! - [`output`]: summaries, tables, narrative, dashboard, diff, rollover;
//! - [`commands`]: what the commands print, and file errors.

use std::fmt;

pub(crate) mod check;
pub(crate) mod commands;
pub mod help;
pub(crate) mod load;
pub(crate) mod output;
pub(crate) mod report;
pub(crate) mod workbook;

/// Language of messages and reports. French is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Lang::Fr),
            "en" | "eng" | "english" | "anglais" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Picks the French or the English text.
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `tr!(lang, "texte {x}", "text {x}")`: a formatted message in the chosen language.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $fr:literal, $en:literal $(, $($arg:tt)*)?) => {
        match $lang {
            $crate::i18n::Lang::Fr => format!($fr $(, $($arg)*)?),
            $crate::i18n::Lang::En => format!($en $(, $($arg)*)?),
        }
    };
}

/// Every fixed label of the reports (terminal tables, CSV headers stay raw).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Code,
    Title,
    Activities,
    Cancelled,
    Budget,
    Spent,
    Committed,
    Balance,
    Secured,
    Pledged,
    Unfunded,
    Physical,
    Completion,
    Financial,
    Commitment,
    Mobilisation,
    Total,
    Unattributed,
    NoResponsible,
    Axis,
    Action,
    Activity,
    Source,
    Responsible,
    Quarter,
    Status,
    Progress,
    Note,
    AsOf,
    Plan,
    Organization,
    Year,
    Indicator,
    Unit,
    Baseline,
    Target,
    Actual,
    Achievement,
    Level,
    Quarters,
    LastNote,
    SourceStatus,
}

impl Label {
    pub fn text(self, lang: Lang) -> &'static str {
        use Label::*;
        let (fr, en) = match self {
            Code => ("Code", "Code"),
            Title => ("Intitulé", "Title"),
            Activities => ("Activités", "Activities"),
            Cancelled => ("Abandonnées", "Cancelled"),
            Budget => ("Budget", "Budget"),
            Spent => ("Décaissé", "Spent"),
            Committed => ("Engagé", "Committed"),
            Balance => ("Solde", "Balance"),
            Secured => ("Acquis", "Secured"),
            Pledged => ("Promis", "Pledged"),
            Unfunded => ("À rechercher", "Unfunded"),
            Physical => ("Exéc. physique", "Physical"),
            Completion => ("Réalisation", "Completion"),
            Financial => ("Exéc. financière", "Financial"),
            Commitment => ("Engagement", "Commitment"),
            Mobilisation => ("Mobilisation", "Mobilisation"),
            Total => ("TOTAL", "TOTAL"),
            Unattributed => ("Non ventilé", "Unattributed"),
            NoResponsible => ("(sans responsable)", "(no responsible)"),
            Axis => ("Axe", "Axis"),
            Action => ("Action", "Action"),
            Activity => ("Activité", "Activity"),
            Source => ("Source", "Source"),
            Responsible => ("Responsable", "Responsible"),
            Quarter => ("Trimestre", "Quarter"),
            Status => ("Statut", "Status"),
            Progress => ("Avancement", "Progress"),
            Note => ("Note", "Note"),
            AsOf => ("Situation au", "As of"),
            Plan => ("Plan", "Plan"),
            Organization => ("Organisation", "Organization"),
            Year => ("Année", "Year"),
            Indicator => ("Indicateur", "Indicator"),
            Unit => ("Unité", "Unit"),
            Baseline => ("Référence", "Baseline"),
            Target => ("Cible", "Target"),
            Actual => ("Réalisé", "Actual"),
            Achievement => ("Atteinte", "Achievement"),
            Level => ("Niveau", "Level"),
            Quarters => ("Trimestres", "Quarters"),
            LastNote => ("Dernière note", "Last note"),
            SourceStatus => ("Statut de la source", "Source status"),
        };
        lang.pick(fr, en)
    }
}

/// A date as users read it: 31/03/2025 in French, 2025-03-31 in English.
pub fn format_date(d: chrono::NaiveDate, lang: Lang) -> String {
    d.format(output::date_format(lang)).to_string()
}

/// The one plural rule of ptba's sentences. French puts 0 and 1 in the
/// singular ("0 activité", "1 activité", "2 activités"); English only 1
/// ("0 activities", "1 activity").
pub fn plural<'a>(lang: Lang, n: usize, one: &'a str, many: &'a str) -> &'a str {
    let singular = match lang {
        Lang::Fr => n <= 1,
        Lang::En => n == 1,
    };
    if singular { one } else { many }
}

/// "4 cellules invalides" / "4 invalid cells": the count and the noun of
/// the language, agreeing with it.
pub fn count_in(lang: Lang, n: usize, fr: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match lang {
        Lang::Fr => fr,
        Lang::En => en,
    };
    count(lang, n, one, many)
}

/// "3 activités": the count and the noun agreeing with it ([`plural`]).
pub fn count(lang: Lang, n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(lang, n, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_plural_rule_per_language() {
        let fr = |n| count(Lang::Fr, n, "activité", "activités");
        let en = |n| count(Lang::En, n, "activity", "activities");
        assert_eq!(fr(0), "0 activité");
        assert_eq!(fr(1), "1 activité");
        assert_eq!(fr(2), "2 activités");
        assert_eq!(en(0), "0 activities");
        assert_eq!(en(1), "1 activity");
        assert_eq!(en(2), "2 activities");
    }

    #[test]
    fn counted_sentences_agree_with_their_count() {
        assert_eq!(
            check::too_many_decimals(Lang::Fr, "montant", "12.505", 3, "EUR", 2),
            "montant 12.505 : 3 décimales alors que EUR n'en a que 2"
        );
        assert_eq!(
            check::too_many_decimals(Lang::En, "amount", "7.5", 1, "XOF", 0),
            "amount 7.5: 1 decimal but XOF has none"
        );
        assert_eq!(
            commands::invalid_cells(Lang::Fr, 1),
            "1 cellule invalide : rien n'est importé. Corriger le classeur et recommencer.\n"
        );
        assert!(
            commands::imported(Lang::En, 2, "a.xlsx", "p.log").starts_with("Imported: 2 records")
        );
        assert!(output::money_cancelled_kept(Lang::Fr, 2).contains("2 abandonnées avec"));
    }
}

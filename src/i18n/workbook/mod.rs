//! The plan workbook, the template and TOML plan files: sheet and column labels, and what their readers say.

use super::Lang;

mod reading;
mod toml;
mod writing;

pub use reading::*;
pub use toml::*;
pub use writing::*;

/// A name written in a workbook (a sheet or a column header), in French and
/// in English. Writers write one of them; readers accept both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    pub fr: &'static str,
    pub en: &'static str,
}

impl Name {
    const fn new(fr: &'static str, en: &'static str) -> Name {
        Name { fr, en }
    }

    /// The name in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }

    /// Both spellings, French first (what a reader accepts).
    pub fn both(self) -> [&'static str; 2] {
        [self.fr, self.en]
    }
}

// ---- plan workbook: sheet names ----

pub const SHEET_PLAN: Name = Name::new("Plan", "Plan");
pub const SHEET_SOURCES: Name = Name::new("Sources", "Sources");
pub const SHEET_AXES: Name = Name::new("Axes", "Axes");
pub const SHEET_ACTIONS: Name = Name::new("Actions", "Actions");
pub const SHEET_ACTIVITIES: Name = Name::new("Activités", "Activities");
pub const SHEET_BUDGET: Name = Name::new("Budget", "Budget lines");
pub const SHEET_INDICATORS: Name = Name::new("Indicateurs", "Indicators");
pub const SHEET_PROGRESS: Name = Name::new("Suivi", "Progress");

// ---- plan workbook: column headers ----

pub const KEY: Name = Name::new("Clé", "Key");
pub const VALUE: Name = Name::new("Valeur", "Value");
pub const ID: Name = Name::new("Code", "Id");
pub const NAME: Name = Name::new("Nom", "Name");
pub const STATUS: Name = Name::new("Statut", "Status");
pub const TITLE: Name = Name::new("Intitulé", "Title");
pub const AXIS: Name = Name::new("Axe", "Axis");
pub const AXIS_ID: Name = Name::new("Code axe", "Axis id");
pub const ACTION: Name = Name::new("Action", "Action");
pub const ACTION_ID: Name = Name::new("Code action", "Action id");
pub const ACTIVITY: Name = Name::new("Activité", "Activity");
pub const RESPONSIBLE: Name = Name::new("Responsable", "Responsible");
pub const PARTNERS: Name = Name::new("Partenaires", "Partners");
pub const Q1: Name = Name::new("T1", "T1");
pub const Q2: Name = Name::new("T2", "T2");
pub const Q3: Name = Name::new("T3", "T3");
pub const Q4: Name = Name::new("T4", "T4");
pub const START: Name = Name::new("Début", "Start");
pub const END: Name = Name::new("Fin", "End");
pub const WEIGHT: Name = Name::new("Pondération", "Weight");
pub const SOURCE: Name = Name::new("Source", "Source");
pub const AMOUNT: Name = Name::new("Montant", "Amount");
pub const QUANTITY: Name = Name::new("Quantité", "Quantity");
pub const UNIT_COST: Name = Name::new("Coût unitaire", "Unit cost");
pub const CATEGORY: Name = Name::new("Catégorie", "Category");
pub const INITIAL: Name = Name::new("Montant initial", "Initial amount");
pub const LEVEL: Name = Name::new("Niveau", "Level");
pub const INDICATOR: Name = Name::new("Indicateur", "Indicator");
pub const UNIT: Name = Name::new("Unité", "Unit");
pub const BASELINE: Name = Name::new("Référence", "Baseline");
pub const TARGET: Name = Name::new("Cible", "Target");
pub const DATE: Name = Name::new("Date", "Date");
pub const PROGRESS: Name = Name::new("Avancement", "Progress");
pub const COMMITTED: Name = Name::new("Engagé", "Committed");
pub const SPENT: Name = Name::new("Décaissé", "Spent");
pub const INDICATORS: Name = Name::new("Indicateurs", "Indicators");
pub const NOTE: Name = Name::new("Note", "Note");
pub const CORRECTION: Name = Name::new("Correction", "Correction");

// ---- template: sheet names and column headers ----

pub const SHEET_ENTRY: Name = Name::new("Saisie", "Entry");
pub const SHEET_INSTRUCTIONS: Name = Name::new("Instructions", "Instructions");
pub const T_CODE: Name = Name::new("Code", "Code");
pub const T_SPENT_SO_FAR: Name = Name::new("Décaissé à ce jour", "Spent to date");
pub const T_BUDGET: Name = Name::new("Budget", "Budget");
pub const T_PROGRESS: Name = Name::new("Avancement (%)", "Progress (%)");

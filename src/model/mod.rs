//! The plan and its progress records: plain data, nothing of files or formats
//! except where each value came from (`Loc`), so that diagnostics can point at it.

pub(crate) mod dates;
mod index;

pub use index::{Index, Names};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::i18n::Lang;
use crate::money::Currency;

/// Index of a loaded file in [`crate::diagnostic::Files`].
pub type FileId = u32;

/// Where a value came from: a byte range of a text file, or a workbook cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Loc {
    #[default]
    None,
    /// Whole file, no position (a missing required table, say).
    File(FileId),
    Span {
        file: FileId,
        start: u32,
        end: u32,
    },
    /// `row` and `col` are 0-based; displayed as `Sheet!C12`. `sheet` is
    /// the sheet's index in its workbook, named by
    /// [`crate::diagnostic::Files::sheet_name`].
    Cell {
        file: FileId,
        sheet: u16,
        row: u32,
        col: u32,
    },
}

// Records and activities carry a location per field: keep it small (a
// national log holds hundreds of thousands of records).
const _: () = assert!(std::mem::size_of::<Loc>() == 16);

impl Loc {
    pub fn file(&self) -> Option<FileId> {
        match self {
            Loc::None => None,
            Loc::File(f) | Loc::Span { file: f, .. } | Loc::Cell { file: f, .. } => Some(*f),
        }
    }
}

/// How a group's physical execution rate averages its activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weighting {
    /// Every activity counts the same.
    #[default]
    Activities,
    /// Each activity weighs its budget.
    Budget,
    /// Each activity weighs its `weight` (pondération).
    Weight,
}

impl Weighting {
    pub const NAMES: [&'static str; 3] = ["activities", "budget", "weight"];

    pub fn parse(s: &str) -> Option<Weighting> {
        match s {
            "activities" | "activites" | "activités" => Some(Weighting::Activities),
            "budget" => Some(Weighting::Budget),
            "weight" | "poids" | "ponderation" | "pondération" => Some(Weighting::Weight),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Whether a funder's money is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum FundingStatus {
    #[default]
    Secured,
    Pledged,
    Unfunded,
}

impl FundingStatus {
    pub const KEYS: [&'static str; 3] = ["secured", "pledged", "unfunded"];

    pub fn parse(s: &str) -> Option<FundingStatus> {
        match crate::text::fold(s).as_str() {
            "secured" | "acquis" | "acquise" => Some(FundingStatus::Secured),
            "pledged" | "promis" | "promise" => Some(FundingStatus::Pledged),
            "unfunded" | "a rechercher" | "non finance" | "gap" => Some(FundingStatus::Unfunded),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    pub fn label(self, lang: Lang) -> &'static str {
        crate::i18n::commands::funding_status(lang, self)
    }
}

/// Where an activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Planned,
    Ongoing,
    Done,
    Postponed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::Ongoing,
        Status::Done,
        Status::Postponed,
        Status::Cancelled,
    ];
    pub const KEYS: [&'static str; 5] = ["planned", "ongoing", "done", "postponed", "cancelled"];

    /// Accepts the file keys and the French and English labels.
    pub fn parse(s: &str) -> Option<Status> {
        if let Some(i) = Self::KEYS.iter().position(|k| *k == s) {
            return Some(Self::ALL[i]);
        }
        match crate::text::fold(s).as_str() {
            "planned" | "prevue" | "prevu" | "planifiee" | "a venir" | "non demarree" => {
                Some(Status::Planned)
            }
            "ongoing" | "en cours" | "in progress" => Some(Status::Ongoing),
            "done" | "realisee" | "realise" | "terminee" | "termine" | "achevee" | "completed" => {
                Some(Status::Done)
            }
            "postponed" | "reportee" | "reporte" | "differee" => Some(Status::Postponed),
            "cancelled" | "canceled" | "abandonnee" | "abandonne" | "annulee" | "annule" => {
                Some(Status::Cancelled)
            }
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    /// The status shown for an activity (lists, history, report): the one
    /// recorded, else "ongoing" once progress is recorded, else "planned".
    pub fn shown(recorded: Option<Status>, progress: Decimal) -> Status {
        match recorded {
            Some(s) => s,
            None if progress > Decimal::ZERO => Status::Ongoing,
            None => Status::Planned,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        crate::i18n::commands::status(lang, self)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub file: FileId,
    pub title: String,
    pub organization: Option<String>,
    pub year: i32,
    pub currency: Currency,
    pub lang: Option<Lang>,
    /// Progress log path as written in the plan (relative to the plan).
    pub progress: Option<String>,
    /// Where `progress` is written (for a diagnostic about the log's place).
    pub progress_loc: Loc,
    pub budget_total: Option<Decimal>,
    pub budget_total_loc: Loc,
    pub weighting: Option<Weighting>,
    pub sources: Vec<Source>,
    pub axes: Vec<Axis>,
    pub actions: Vec<Action>,
    pub activities: Vec<Activity>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub status: FundingStatus,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Axis {
    pub id: String,
    pub title: String,
    pub indicators: Vec<Indicator>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Action {
    pub id: String,
    pub axis: String,
    pub axis_loc: Loc,
    pub title: String,
    pub indicators: Vec<Indicator>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Activity {
    pub id: String,
    pub action: String,
    pub action_loc: Loc,
    pub title: String,
    pub responsible: Option<String>,
    pub partners: Vec<String>,
    pub quarters: Vec<u8>,
    pub quarters_loc: Loc,
    pub start: Option<NaiveDate>,
    pub start_loc: Loc,
    pub end: Option<NaiveDate>,
    pub end_loc: Loc,
    /// Pondération; `None` means the default, 1.
    pub weight: Option<Decimal>,
    pub budget: Vec<BudgetLine>,
    pub indicators: Vec<Indicator>,
    pub loc: Loc,
}

impl Activity {
    pub fn weight(&self) -> Decimal {
        self.weight.unwrap_or(Decimal::ONE)
    }

    /// The activity's adopted budget: the sum of its lines.
    pub fn budget_total(&self) -> Decimal {
        self.budget.iter().map(BudgetLine::total).sum()
    }

    /// The single source funding this activity, if there is exactly one.
    pub fn single_source(&self) -> Option<&str> {
        let first = self.budget.first()?.source.as_str();
        self.budget
            .iter()
            .all(|l| l.source == first)
            .then_some(first)
    }

    pub fn has_source(&self, source: &str) -> bool {
        self.budget.iter().any(|l| l.source == source)
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BudgetLine {
    pub source: String,
    pub source_loc: Loc,
    pub amount: Option<Decimal>,
    pub quantity: Option<Decimal>,
    pub unit_cost: Option<Decimal>,
    pub category: Option<String>,
    /// The amount first adopted, on a revised plan (SPEC §2: `initial`).
    pub initial: Option<Decimal>,
    pub loc: Loc,
}

impl BudgetLine {
    /// `amount`, or `quantity × unit_cost` (0 when neither can be had, or when
    /// the product is above [`crate::money::MAX_AMOUNT`]; those are `check`
    /// errors reported elsewhere). Every line total being at most 10^18,
    /// sums of lines cannot overflow a `Decimal`.
    pub fn total(&self) -> Decimal {
        match (self.amount, self.quantity, self.unit_cost) {
            (Some(a), _, _) => a,
            (None, Some(q), Some(u)) => q
                .checked_mul(u)
                .filter(|t| t.abs() <= crate::money::MAX_AMOUNT)
                .unwrap_or_default(),
            _ => Decimal::ZERO,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indicator {
    pub name: String,
    pub unit: Option<String>,
    pub baseline: Option<Decimal>,
    pub target: Decimal,
    pub loc: Loc,
}

/// One line of the progress log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    pub activity: String,
    pub activity_loc: Loc,
    pub date: NaiveDate,
    pub date_loc: Loc,
    pub status: Option<Status>,
    pub status_loc: Loc,
    pub progress: Option<Decimal>,
    pub progress_loc: Loc,
    pub committed: Option<Decimal>,
    pub committed_loc: Loc,
    pub spent: Option<Decimal>,
    pub spent_loc: Loc,
    pub source: Option<String>,
    pub source_loc: Loc,
    /// The expenditure category the record's spending belongs to.
    pub category: Option<String>,
    pub category_loc: Loc,
    pub indicators: Vec<IndicatorValue>,
    pub note: Option<String>,
    /// `correction = true`: a reversal (SPEC §3), whose `spent` and
    /// `committed` may be negative; it must carry a note.
    pub correction: bool,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorValue {
    pub name: String,
    pub value: Decimal,
    pub loc: Loc,
}

/// A plan with its progress log, as loaded.
#[derive(Debug, Clone, Default)]
pub struct Project {
    pub plan: Plan,
    pub records: Vec<Record>,
    /// Path of the progress log (whether or not it exists yet).
    pub log_path: std::path::PathBuf,
    /// The import fingerprints of the log (`# import sha256=…` lines, SPEC
    /// §8), kept so that they travel through the plan workbook.
    pub imports: Vec<String>,
}

//! The Excel report: titles, headers and notes of each sheet.

use crate::i18n::Lang;
use crate::tr;

// ---- the workbook ----

/// The sheets of the report (and of a funder's extract), by their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Summary,
    Period,
    Activities,
    Sources,
    Categories,
    Schedule,
    Indicators,
    /// The first sheet of a funder's extract.
    Funder,
}

impl Sheet {
    pub fn name(self, lang: Lang) -> &'static str {
        let (fr, en) = match self {
            Sheet::Summary => ("Synthèse", "Summary"),
            Sheet::Period => ("Période", "Period"),
            Sheet::Activities => ("Activités", "Activities"),
            Sheet::Sources => ("Par source", "By source"),
            Sheet::Categories => ("Par catégorie", "By category"),
            Sheet::Schedule => ("Chronogramme", "Schedule"),
            Sheet::Indicators => ("Indicateurs", "Indicators"),
            Sheet::Funder => ("Rapport bailleur", "Funder report"),
        };
        lang.pick(fr, en)
    }
}

/// The number format of the dates written in a report.
pub fn date_format(lang: Lang) -> &'static str {
    lang.pick("dd/mm/yyyy", "yyyy-mm-dd")
}

/// The subject in the report's document properties, without an as-of date.
pub fn execution_report(lang: Lang) -> &'static str {
    lang.pick("Rapport d'exécution", "Execution report")
}

/// The subject in the report's document properties, with its as-of date.
pub fn execution_report_as_of(lang: Lang, date: &str) -> String {
    tr!(
        lang,
        "Rapport d'exécution — situation au {date}",
        "Execution report — as of {date}"
    )
}

/// A quarter, in headers and lists: "T2" in French, "Q2" in English.
pub fn quarter(lang: Lang, q: u8) -> String {
    tr!(lang, "T{q}", "Q{q}")
}

/// The title of a sheet with the report's as-of date (Chronogramme,
/// Indicateurs).
pub fn title_as_of(lang: Lang, title: &str, date: &str) -> String {
    tr!(
        lang,
        "{title} — situation au {date}",
        "{title} — as of {date}"
    )
}

// ---- column headers ----

/// The column headers proper to the report (the common ones are
/// [`crate::i18n::Label`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    AxisCode,
    ActionCode,
    /// Activités: the weight of the activity in the physical rate.
    Weight,
    /// Activités: progress × weight, summed for an axis' physical rate.
    WeightedProgress,
    /// Activities done (by-axis table).
    Done,
    CancelledBudget,
    Outstanding,
    /// Revised plans: the budget first adopted, and the difference.
    InitialBudget,
    RevisedMinusInitial,
    Category,
    /// The budget of cancelled activities, within the budget column before.
    OfWhichCancelled,
    SpentInPeriod,
    SpentCumulative,
    AnnualBudget,
    BudgetForPeriod,
    BudgetToDate,
    Variance,
    VariancePercent,
    /// Chronogramme: whether the activity is late.
    Late,
    /// Période: the titles of the three blocks of columns.
    PeriodBlock,
    YearToDateBlock,
    CumulativeBlock,
}

impl Column {
    pub fn text(self, lang: Lang) -> &'static str {
        use Column::*;
        let (fr, en) = match self {
            AxisCode => ("Code axe", "Axis code"),
            ActionCode => ("Code action", "Action code"),
            Weight => ("Poids (taux physique)", "Weight (physical rate)"),
            WeightedProgress => ("Avancement × poids", "Progress × weight"),
            Done => ("Réalisées", "Done"),
            CancelledBudget => ("Budget abandonné", "Cancelled budget"),
            Outstanding => ("Engagements restants", "Outstanding commitments"),
            InitialBudget => ("Budget initial", "Initial budget"),
            RevisedMinusInitial => ("Écart révisé − initial", "Revised − initial"),
            Category => ("Catégorie", "Category"),
            OfWhichCancelled => ("dont abandonné", "of which cancelled"),
            SpentInPeriod => ("Décaissé sur la période", "Spent in the period"),
            SpentCumulative => ("Décaissé cumulé", "Spent (cumulative)"),
            AnnualBudget => ("Budget annuel", "Annual budget"),
            BudgetForPeriod => ("Budget de la période", "Budget for the period"),
            BudgetToDate => ("Budget à date", "Budget to date"),
            Variance => ("Écart", "Variance"),
            VariancePercent => ("Écart %", "Variance %"),
            Late => ("En retard", "Late"),
            PeriodBlock => ("Période", "Period"),
            YearToDateBlock => ("Année à date", "Year to date"),
            CumulativeBlock => ("Cumulé", "Cumulative"),
        };
        lang.pick(fr, en)
    }
}

// ---- Synthèse ----

/// The labels of Synthèse's key figures proper to it (the others are
/// [`crate::i18n::Label`]s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFigure {
    PhysicalRate,
    CompletionRate,
    FinancialRate,
    CommitmentRate,
    MobilisationRate,
    UnfundedGap,
    OfWhichCancelled,
    CancelledBudget,
    Actions,
    StrategicAxes,
}

impl KeyFigure {
    pub fn text(self, lang: Lang) -> &'static str {
        use KeyFigure::*;
        let (fr, en) = match self {
            PhysicalRate => ("Taux d'exécution physique", "Physical execution rate"),
            CompletionRate => ("Taux de réalisation", "Completion rate"),
            FinancialRate => ("Taux d'exécution financière", "Financial execution rate"),
            CommitmentRate => ("Taux d'engagement", "Commitment rate"),
            MobilisationRate => ("Taux de mobilisation", "Mobilisation rate"),
            UnfundedGap => ("À rechercher (gap)", "Unfunded (gap)"),
            OfWhichCancelled => ("dont abandonnées", "of which cancelled"),
            CancelledBudget => (
                "Budget des activités abandonnées",
                "Budget of cancelled activities",
            ),
            Actions => ("Actions", "Actions"),
            StrategicAxes => ("Axes stratégiques", "Strategic axes"),
        };
        lang.pick(fr, en)
    }
}

/// Title of Synthèse's key figures.
pub fn key_figures(lang: Lang) -> &'static str {
    lang.pick("Chiffres clés", "Key figures")
}

/// Title of Synthèse's by-axis table.
pub fn by_axis_title(lang: Lang) -> &'static str {
    lang.pick(
        "Exécution par axe stratégique",
        "Execution by strategic axis",
    )
}

/// Title of Synthèse's table by plan, when several plans are consolidated.
pub fn by_plan_title(lang: Lang) -> &'static str {
    lang.pick("Sous-total par plan", "Subtotal by plan")
}

/// Label of the weighting line in Synthèse's header block.
pub fn weighting(lang: Lang) -> &'static str {
    lang.pick("Pondération", "Weighting")
}

/// Synthèse's weighting line: the plain mean of the activities.
pub fn weighting_activities(lang: Lang) -> &'static str {
    lang.pick(
        "taux physique : moyenne simple des activités",
        "physical rate: plain mean of the activities",
    )
}

/// Synthèse's weighting line: weighted by budget.
pub fn weighting_budget(lang: Lang) -> &'static str {
    lang.pick(
        "taux physique pondéré par le budget des activités",
        "physical rate weighted by activity budget",
    )
}

/// Synthèse's weighting line: weighted by the activities' weights.
pub fn weighting_weight(lang: Lang) -> &'static str {
    lang.pick(
        "taux physique pondéré par la pondération des activités",
        "physical rate weighted by activity weight",
    )
}

/// Synthèse's header block: the period the Période sheet shows.
pub fn period_line(lang: Lang, period: &str, sheet: &str) -> String {
    tr!(
        lang,
        "Période : {period} (feuille « {sheet} »)",
        "Period: {period} (sheet \"{sheet}\")"
    )
}

/// Title of the chart of Synthèse.
pub fn chart_title(lang: Lang) -> &'static str {
    lang.pick("Exécution par axe", "Execution by axis")
}

/// Alternative text of the chart of Synthèse.
pub fn chart_alt_text(lang: Lang) -> &'static str {
    lang.pick(
        "Taux d'exécution physique et financière par axe",
        "Physical and financial execution rate by axis",
    )
}

/// Above the numbers the chart of Synthèse draws.
pub fn chart_data_note(lang: Lang) -> &'static str {
    lang.pick(
        "Données du graphique (valeurs de la situation, non recalculées)",
        "Chart data (values as of the report date, not recalculated)",
    )
}

/// Title of the narrative paragraph of Synthèse.
pub fn commentary(lang: Lang) -> &'static str {
    lang.pick("Commentaire", "Commentary")
}

// ---- Période ----

/// Title of the Période sheet, with the period.
pub fn period_title(lang: Lang, period: &str) -> String {
    tr!(
        lang,
        "Exécution de la période, de l'année à date et cumulée — {period}",
        "Execution for the period, the year to date and cumulative — {period}"
    )
}

/// How the Période sheet's budget to date and variance are made.
pub fn period_note(lang: Lang) -> &'static str {
    lang.pick(
        "Budget à date : budget de chaque activité réparti à parts égales entre ses trimestres prévus (le reste sur le dernier), trimestres commencés à la fin de la période. Écart = décaissé − budget ; signalé au-delà de ±20 %.",
        "Budget to date: each activity's budget in equal shares over its planned quarters (the remainder on the last), quarters begun by the end of the period. Variance = spent − budget; flagged past ±20%.",
    )
}

// ---- Par source ----

/// Title of the Par source sheet.
pub fn sources_title(lang: Lang) -> &'static str {
    lang.pick(
        "Budget et exécution par source de financement et par axe",
        "Budget and execution by funding source and axis",
    )
}

/// The label of a source's subtotal row ("Total ETAT").
pub fn source_total(lang: Lang, source: &str) -> String {
    tr!(lang, "Total {source}", "Total {source}")
}

// ---- Par catégorie ----

/// Title of the Par catégorie sheet, with the period.
pub fn categories_title(lang: Lang, period: &str) -> String {
    tr!(
        lang,
        "Budget et dépenses par catégorie de dépense — {period}",
        "Budget and spending by expenditure category — {period}"
    )
}

/// How the Par catégorie sheet places spending.
pub fn categories_note(lang: Lang) -> &'static str {
    lang.pick(
        "Dépense rangée sous la catégorie nommée par l'enregistrement, sinon sous celle des lignes de sa source si elles n'en ont qu'une, sinon « non ventilé ».",
        "Spending goes under the category its record names, else under that of its source's lines when they have only one, else \"unattributed\".",
    )
}

/// The row of budget lines without a category.
pub fn no_category(lang: Lang) -> &'static str {
    lang.pick("(sans catégorie)", "(no category)")
}

// ---- Chronogramme ----

/// What a planned quarter shows on the Chronogramme sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuarterState {
    Planned,
    Ongoing,
    OnTrack,
    Done,
    Late,
    Postponed,
    Cancelled,
}

impl QuarterState {
    pub fn text(self, lang: Lang) -> &'static str {
        use QuarterState::*;
        let (fr, en) = match self {
            Planned => ("prévue", "planned"),
            Ongoing => ("en cours", "ongoing"),
            OnTrack => ("à jour", "on track"),
            Done => ("réalisée", "done"),
            Late => ("en retard", "late"),
            Postponed => ("reportée", "postponed"),
            Cancelled => ("abandonnée", "cancelled"),
        };
        lang.pick(fr, en)
    }
}

/// Before the legend of the Chronogramme sheet.
pub fn legend(lang: Lang) -> &'static str {
    lang.pick("Légende :", "Legend:")
}

/// When the Chronogramme sheet says a quarter is late.
pub fn late_note(lang: Lang) -> &'static str {
    lang.pick(
        "En retard : trimestre prévu achevé à la date de situation et avancement inférieur à ce que le chronogramme prévoit à sa fin (part des trimestres prévus écoulés) ; à jour sinon.",
        "Late: planned quarter ended by the as-of date and progress below what the schedule implies at its end (share of the planned quarters elapsed); on track otherwise.",
    )
}

/// The Chronogramme sheet's "late" column, for a late activity.
pub fn yes(lang: Lang) -> &'static str {
    lang.pick("oui", "yes")
}

// ---- a funder's extract ----

/// Title of a funder's extract: "Rapport financier — UNICEF (UNICEF)".
pub fn funder_title(lang: Lang, name: &str, source: &str) -> String {
    tr!(
        lang,
        "Rapport financier — {name} ({source})",
        "Financial report — {name} ({source})"
    )
}

/// Labels of the header lines of a funder's extract (after the plan and
/// the organisation): funder, period, currency.
const FUNDER_LABELS: [(&str, &str); 3] = [
    ("Bailleur", "Funder"),
    ("Période", "Period"),
    ("Devise", "Currency"),
];

/// The funder's header labels in one language.
pub fn funder_labels(lang: Lang) -> [&'static str; 3] {
    FUNDER_LABELS.map(|(fr, en)| lang.pick(fr, en))
}

/// The subject in a funder's extract's document properties.
pub fn funder_subject(lang: Lang, name: &str, period: &str) -> String {
    tr!(
        lang,
        "Rapport financier au bailleur {name} — {period}",
        "Financial report to {name} — {period}"
    )
}

/// Title of the by-category sheet of a funder's extract.
pub fn funder_categories_title(lang: Lang, name: &str, source: &str, period: &str) -> String {
    tr!(
        lang,
        "Dépenses par catégorie — {name} ({source}) — {period}",
        "Spending by category — {name} ({source}) — {period}"
    )
}

/// The two signers of a funder's extract.
const SIGNERS: [(&str, &str); 2] = [
    ("Préparé par", "Prepared by"),
    ("Approuvé par", "Approved by"),
];

/// The signers in one language.
pub fn signers(lang: Lang) -> [&'static str; 2] {
    SIGNERS.map(|(fr, en)| lang.pick(fr, en))
}

/// The lines each signer of a funder's extract fills in by hand.
const SIGNATURE_FIELDS: [(&str, &str); 4] = [
    ("Nom :", "Name:"),
    ("Fonction :", "Position:"),
    ("Date :", "Date:"),
    ("Signature :", "Signature:"),
];

/// The signature fields in one language.
pub fn signature_fields(lang: Lang) -> [&'static str; 4] {
    SIGNATURE_FIELDS.map(|(fr, en)| lang.pick(fr, en))
}

// ---- writing the workbook ----

/// A workbook whose large sheets could not go through temporary files.
pub fn temp_files_unwritable(lang: Lang, dir: &str, err: &str) -> String {
    tr!(
        lang,
        "impossible d'écrire les fichiers temporaires du classeur dans {dir} ({err}) : indiquer un dossier accessible en écriture avec la variable TMPDIR",
        "cannot write the workbook's temporary files in {dir} ({err}): name a writable folder with the TMPDIR variable"
    )
}

//! Command-line definitions (clap only; behaviour lives in `commands`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "ptba",
    version,
    about = "Plans de travail budgétisés annuels (PTBA/PTA) : vérifier, suivre, rapporter.\nAnnual work plans: check, track, report.",
    propagate_version = true
)]
pub struct Cli {
    /// Langue des messages, de l'aide et des rapports (texte affiché : i18n::help::HELP).
    /// Language of messages, help and reports (text shown: i18n::help::HELP).
    #[arg(long, global = true, env = "PTBA_LANG", value_parser = crate::i18n::help::lang_value)]
    pub lang: Option<LangArg>,

    /// Couleurs sur un terminal. Colours on a terminal.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorArg,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    #[value(alias = "toujours")]
    Always,
    #[value(alias = "jamais")]
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    #[value(alias = "humain")]
    Human,
    Json,
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    #[value(alias = "tableau")]
    Table,
    Json,
    Csv,
    /// CSV pour Excel en français : `;`, virgule décimale, UTF-8 avec BOM.
    /// CSV for French Excel: `;`, decimal comma, UTF-8 with BOM.
    #[value(name = "csv-fr")]
    CsvFr,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ByArg {
    #[value(alias = "axe")]
    Axis,
    Action,
    Source,
    #[value(alias = "responsable")]
    Responsible,
    #[value(alias = "trimestre")]
    Quarter,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum WeightingArg {
    #[value(aliases = ["activités", "activites"])]
    Activities,
    Budget,
    #[value(alias = "poids")]
    Weight,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Valide des plans et leurs journaux de suivi (pour la CI).
    /// Validate plans and their progress logs (for CI).
    Check(CheckArgs),
    /// Taux d'exécution et tableau par groupe. Execution rates and a table by group.
    Summary(SummaryArgs),
    /// Ajoute un enregistrement au journal de suivi. Append one progress record.
    Record(RecordArgs),
    /// Rapport Excel (synthèse, activités, sources, chronogramme, indicateurs).
    /// Excel report (summary, activities, sources, schedule, indicators).
    Report(ReportArgs),
    /// Convertit un plan TOML en classeur, ou un classeur en plan TOML (avec son journal).
    /// Convert a TOML plan to a workbook, or a workbook to a TOML plan (with its log).
    Convert(ConvertArgs),
    /// Écrit un plan de départ commenté. Write a commented starter plan.
    Init(InitArgs),
    /// Classeur de saisie du suivi pour les points focaux. Progress template for focal points.
    Template(TemplateArgs),
    /// Importe un classeur de saisie rempli. Import a filled progress template.
    Import(ImportArgs),
    /// Ce que le lecteur comprend d'un classeur fait main (et un fichier de correspondances).
    /// What the reader understands of a hand-made workbook (and a mapping file).
    Inspect(InspectArgs),
    /// Les activités, une ligne chacune, filtrées. The activities, one line each, filtered.
    List(ListArgs),
    /// Les enregistrements d'une activité, avec cumuls. One activity's records, with running totals.
    History(HistoryArgs),
    /// Tableau de bord HTML autonome pour l'atelier-bilan. A self-contained HTML dashboard for the review workshop.
    Dashboard(DashboardArgs),
    /// Ce qui a changé entre deux versions d'un plan (ou budget initial et révisé d'un plan).
    /// What changed between two versions of a plan (or a plan's initial and revised budget).
    Diff(DiffArgs),
    /// Projet de plan de l'année suivante (activités non achevées, budget restant).
    /// Next year's draft plan (unfinished activities, remaining budget).
    Rollover(RolloverArgs),
    /// Complétion du shell. Shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Les avertissements font échouer (code 1). Warnings fail (exit 1).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Tous les diagnostics (sinon 20 au plus par code). Every diagnostic (else at most 20 per code).
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    #[command(flatten)]
    pub calc: CalcArgs,
    #[arg(long, value_enum, default_value = "axis")]
    pub by: ByArg,
    #[arg(long, value_enum, default_value = "table")]
    pub format: SummaryFormat,
    /// Décimales des taux affichés. Decimals of displayed rates.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=6))]
    pub precision: u32,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// Classeur à écrire (.xlsx). Workbook to write (.xlsx).
    #[arg(short, long, value_name = "OUT.xlsx")]
    pub output: PathBuf,
    /// Remplace le classeur s'il existe. Replace the workbook if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub calc: CalcArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// .xlsx (classeur du plan) ou .toml (plan + journal). .xlsx or .toml.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Remplace les fichiers existants. Replace existing files.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input_args: InputArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Fichier à créer (défaut : plan-ANNÉE.toml). File to create.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Remplace le fichier s'il existe. Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long)]
    pub organization: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Le plan (TOML ou classeur). The plan (TOML or workbook).
    pub plan: PathBuf,
    /// Classeur à écrire. Workbook to write.
    #[arg(short, long, value_name = "OUT.xlsx")]
    pub output: PathBuf,
    /// Seulement les activités de ce responsable. Only this responsible's activities.
    #[arg(long, value_name = "R")]
    pub responsible: Option<String>,
    /// Seulement les activités prévues à ce trimestre (1 à 4). Only activities planned in this quarter.
    #[arg(long, value_name = "Q")]
    pub quarter: Option<u8>,
    /// Remplace le classeur s'il existe. Replace the workbook if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiffFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// L'ancienne version (ou le plan seul : initial → révisé). The old version (or the one plan: initial → revised).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// La nouvelle version. The new version.
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct RolloverArgs {
    /// Le plan de l'année qui s'achève. This year's plan.
    pub plan: PathBuf,
    /// L'année du nouveau plan. The new plan's year.
    #[arg(long, value_name = "Y")]
    pub year: i32,
    /// Plan à écrire (.toml ; défaut : à côté du plan, année remplacée). Plan to write.
    #[arg(short, long, value_name = "FILE.toml")]
    pub output: Option<PathBuf>,
    /// Garder le budget entier (sans déduire les dépenses). Keep the whole budget.
    #[arg(long)]
    pub full_budget: bool,
    /// Remplace le fichier existant. Replace an existing file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Le classeur (.xlsx, .xls, .ods). The workbook.
    pub file: PathBuf,
    /// Écrit un fichier de correspondances à corriger (.toml). Write a mapping file to correct.
    #[arg(long, value_name = "FILE.toml")]
    pub write_mapping: Option<PathBuf>,
    /// Remplace le fichier de correspondances existant. Replace an existing mapping file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Le plan (TOML ou classeur). The plan (TOML or workbook).
    pub plan: PathBuf,
    /// Le classeur de saisie rempli. The filled progress template.
    #[arg(value_name = "FILLED.xlsx")]
    pub filled: PathBuf,
    /// Importer même un classeur déjà importé. Import even an already imported workbook.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// En retard : trimestres prévus échus et avancement sous ce que le
    /// chronogramme implique. Late: planned quarters ended, progress below
    /// what the schedule implies.
    #[arg(long)]
    pub late: bool,
    /// Liste de mobilisation des ressources : montants à rechercher par
    /// source. Resource-mobilisation list: amounts to be found per source.
    #[arg(long)]
    pub unfunded: bool,
    /// Statut (planned, ongoing… ou prévue, en cours…). Status.
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Responsable. Responsible entity.
    #[arg(long, value_name = "R")]
    pub responsible: Option<String>,
    /// Axe (code). Axis (id).
    #[arg(long, value_name = "A")]
    pub axis: Option<String>,
    /// Source de financement (code). Funding source (id).
    #[arg(long, value_name = "S")]
    pub source: Option<String>,
    /// Trimestre prévu (T1..T4). Planned quarter (Q1..Q4).
    #[arg(long, value_name = "Q")]
    pub quarter: Option<String>,
    /// Situation à cette date (AAAA-MM-JJ). State as of this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct DashboardArgs {
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// Page à écrire (.html). Page to write (.html).
    #[arg(short, long, value_name = "OUT.html")]
    pub output: PathBuf,
    #[command(flatten)]
    pub calc: CalcArgs,
    /// Remplace le fichier existant. Replace the existing file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Le plan (TOML ou classeur). The plan (TOML or workbook).
    pub plan: PathBuf,
    /// Code de l'activité. Activity id.
    pub activity: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

/// How workbooks are read (see docs/import.md).
#[derive(Debug, Args, Clone, Default)]
pub struct InputArgs {
    /// Feuille du plan dans un classeur fait main. Sheet of a hand-made workbook.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// En-têtes → champs d'un classeur fait main (TOML). Headers → fields of a hand-made workbook.
    #[arg(long, value_name = "FILE.toml")]
    pub mapping: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Limits checked before a workbook is read; raise them for a rare huge file.
#[derive(Debug, Args, Clone, Default)]
pub struct LimitArgs {
    /// Taille maximale du classeur, Mio (défaut 64). Largest workbook file, MiB.
    #[arg(long, value_name = "MIB")]
    pub max_file_size: Option<u64>,
    /// Taille décompressée maximale des parties XML, Mio (défaut 256). Largest unpacked size, MiB.
    #[arg(long, value_name = "MIB")]
    pub max_unpacked_size: Option<u64>,
    /// Dernière ligne utilisée au plus (défaut 1048576, la limite d'Excel). Last used row at most.
    #[arg(long, value_name = "N")]
    pub max_rows: Option<u64>,
    /// Dernière colonne utilisée au plus (défaut 1000). Last used column at most.
    #[arg(long, value_name = "N")]
    pub max_columns: Option<u64>,
    /// Cellules à lire au plus, toutes feuilles (défaut 5000000). Cells to read at most.
    #[arg(long, value_name = "N")]
    pub max_cells: Option<u64>,
}

/// What a report covers: its period, its funder.
#[derive(Debug, Args, Default)]
pub struct ScopeArgs {
    /// Période : un trimestre de l'année du plan (T1..T4). Period: a quarter of the plan year (Q1..Q4).
    #[arg(long, value_name = "T1..T4", conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,
    /// Début de la période (avec --to). Start of the period (with --to).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "to")]
    pub from: Option<chrono::NaiveDate>,
    /// Fin de la période (avec --from). End of the period (with --from).
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "from")]
    pub to: Option<chrono::NaiveDate>,
    /// Rapport d'un bailleur : ses lignes et ses dépenses seulement. One funder's report: its lines and spending only.
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
}

#[derive(Debug, Args)]
pub struct CalcArgs {
    /// Situation à cette date (AAAA-MM-JJ). State as of this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Pondération du taux physique. Weighting of the physical rate.
    #[arg(long, value_enum)]
    pub weighting: Option<WeightingArg>,
}

#[derive(Debug, Args)]
pub struct RecordArgs {
    pub plan: PathBuf,
    pub activity: String,
    /// Date (AAAA-MM-JJ ou JJ/MM/AAAA), défaut : aujourd'hui.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// planned | ongoing | done | postponed | cancelled (ou prévue, en cours, réalisée…)
    #[arg(long)]
    pub status: Option<String>,
    /// Avancement physique, 0 à 100. Physical progress, 0 to 100.
    #[arg(long)]
    pub progress: Option<String>,
    /// Montant décaissé depuis le précédent enregistrement. Newly spent.
    #[arg(long, allow_hyphen_values = true)]
    pub spent: Option<String>,
    /// Montant engagé depuis le précédent enregistrement. Newly committed.
    #[arg(long, allow_hyphen_values = true)]
    pub committed: Option<String>,
    /// Écriture de correction (contre-passation) : --spent et --committed
    /// peuvent être négatifs, --note obligatoire. A reversal: negative
    /// amounts allowed, a note required.
    #[arg(long)]
    pub correction: bool,
    /// Accepter une date hors de l'année du plan. Accept a date outside the plan year.
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub source: Option<String>,
    /// Catégorie de dépense (une des lignes budgétaires de l'activité). Expenditure category.
    #[arg(long)]
    pub category: Option<String>,
    /// NOM=VALEUR, répétable. NAME=VALUE, repeatable.
    #[arg(long = "indicator", value_name = "NAME=VALUE")]
    pub indicators: Vec<String>,
    #[arg(long)]
    pub note: Option<String>,
}

pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::model::dates::parse_date_text(s).ok_or_else(|| {
        crate::i18n::commands::files::date_expected(crate::i18n::help::ui_lang()).to_string()
    })
}

//! The sheets and columns of the workbooks ptba writes and reads back: the
//! plan workbook (`convert`, docs/workbook-layout.md) and the progress
//! template (`template` / `import`, SPEC §8). One description for each
//! format, used by its writer (`output::plan_workbook`, `output::template`)
//! and by its reader (`load::plan_workbook`, `load::template`), so the two
//! cannot drift apart. The words themselves, in French and English, are in
//! [`crate::i18n::workbook`]: writers write the one of their language,
//! readers accept both.

use crate::i18n::Lang;
use crate::i18n::workbook::{self as w, Name};

/// The columns of one sheet, in sheet order.
pub trait Columns: Copy + 'static {
    /// Every column, in sheet order.
    const ALL: &'static [Self];
    /// The column's header, in both languages.
    fn name(self) -> Name;
    /// The column's position (0 = A), its place in [`Columns::ALL`].
    fn index(self) -> u16;

    /// The headers of the sheet as written in `lang`.
    fn headers(lang: Lang) -> Vec<&'static str> {
        Self::ALL.iter().map(|c| c.name().text(lang)).collect()
    }

    /// Every header a reader accepts, each column's French then English
    /// spelling (once when they are the same).
    fn known() -> Vec<&'static str> {
        let mut out = Vec::new();
        for c in Self::ALL {
            let n = c.name();
            out.push(n.fr);
            if n.en != n.fr {
                out.push(n.en);
            }
        }
        out
    }
}

/// Declares the columns of one sheet: an enum in column order, with its
/// headers.
macro_rules! columns {
    ($(#[$m:meta])* $ty:ident { $($col:ident => $name:expr),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $ty { $($col),+ }

        impl Columns for $ty {
            const ALL: &'static [$ty] = &[$($ty::$col),+];
            fn name(self) -> Name {
                match self { $($ty::$col => $name),+ }
            }
            fn index(self) -> u16 {
                self as u16
            }
        }
    };
}

/// The plan workbook: `Plan`, `Sources`, `Axes`, `Actions`, `Activités`,
/// `Budget`, `Indicateurs`, `Suivi` (and the hidden `Imports`).
pub mod plan {
    use super::{Columns, Name, w};

    pub const PLAN: Name = w::SHEET_PLAN;
    pub const SOURCES: Name = w::SHEET_SOURCES;
    pub const AXES: Name = w::SHEET_AXES;
    pub const ACTIONS: Name = w::SHEET_ACTIONS;
    pub const ACTIVITIES: Name = w::SHEET_ACTIVITIES;
    pub const BUDGET: Name = w::SHEET_BUDGET;
    pub const INDICATORS: Name = w::SHEET_INDICATORS;
    pub const PROGRESS: Name = w::SHEET_PROGRESS;
    /// The hidden sheet that keeps the log's import fingerprints (one per
    /// row, column A); the same name in both languages.
    pub const IMPORTS: &str = "Imports";

    columns!(
        /// `Plan`: one key and its value a row.
        PlanCol { Key => w::KEY, Value => w::VALUE }
    );
    columns!(
        /// `Sources`: the funding sources.
        SourceCol { Id => w::ID, Name => w::NAME, Status => w::STATUS }
    );
    columns!(
        /// `Axes`.
        AxisCol { Id => w::ID, Title => w::TITLE }
    );
    columns!(
        /// `Actions`.
        ActionCol { Id => w::ID, Axis => w::AXIS, Title => w::TITLE }
    );
    columns!(
        /// `Activités`: one row per activity; one budget column per source
        /// follows these (headed by the source's code).
        ActivityCol {
            AxisId => w::AXIS_ID,
            Axis => w::AXIS,
            ActionId => w::ACTION_ID,
            Action => w::ACTION,
            Id => w::ID,
            Title => w::ACTIVITY,
            Responsible => w::RESPONSIBLE,
            Partners => w::PARTNERS,
            Q1 => w::Q1,
            Q2 => w::Q2,
            Q3 => w::Q3,
            Q4 => w::Q4,
            Start => w::START,
            End => w::END,
            Weight => w::WEIGHT,
        }
    );
    columns!(
        /// `Budget`: the budget lines, in plan order.
        BudgetCol {
            Activity => w::ACTIVITY,
            Source => w::SOURCE,
            Amount => w::AMOUNT,
            Quantity => w::QUANTITY,
            UnitCost => w::UNIT_COST,
            Category => w::CATEGORY,
            Initial => w::INITIAL,
        }
    );
    columns!(
        /// `Indicateurs`: axes', then actions', then activities'.
        IndicatorCol {
            Level => w::LEVEL,
            Id => w::ID,
            Name => w::INDICATOR,
            Unit => w::UNIT,
            Baseline => w::BASELINE,
            Target => w::TARGET,
        }
    );
    columns!(
        /// `Suivi`: the progress records, in log order.
        ProgressCol {
            Activity => w::ACTIVITY,
            Date => w::DATE,
            Status => w::STATUS,
            Progress => w::PROGRESS,
            Committed => w::COMMITTED,
            Spent => w::SPENT,
            Source => w::SOURCE,
            Indicators => w::INDICATORS,
            Note => w::NOTE,
            Category => w::CATEGORY,
            Correction => w::CORRECTION,
        }
    );

    impl ActivityCol {
        /// The quarter marks, T1 to T4.
        pub const QUARTERS: [ActivityCol; 4] = [
            ActivityCol::Q1,
            ActivityCol::Q2,
            ActivityCol::Q3,
            ActivityCol::Q4,
        ];

        /// Every header a reader accepts: the French ones, then the English
        /// ones that differ (the order of the "known columns" help).
        pub fn known_by_language() -> Vec<&'static str> {
            let all = <ActivityCol as Columns>::ALL;
            let mut out: Vec<&str> = all.iter().map(|c| c.name().fr).collect();
            out.extend(
                all.iter()
                    .map(|c| c.name())
                    .filter(|n| n.en != n.fr)
                    .map(|n| n.en),
            );
            out
        }
    }
}

/// The progress template: the `Saisie` sheet focal points fill in, an
/// `Instructions` sheet, and the hidden `ptba` sheet with the rows as
/// issued.
pub mod template {
    use super::{Columns, Name, w};

    pub const ENTRY: Name = w::SHEET_ENTRY;
    pub const INSTRUCTIONS: Name = w::SHEET_INSTRUCTIONS;
    /// The hidden sheet: keys in column A, values in column B; the same in
    /// both languages (it is read by ptba only).
    pub const META: &str = "ptba";
    /// The keys of the hidden sheet, rows 1 to 4: the plan file's name,
    /// its title, its year, the template's version.
    pub const META_KEYS: [&str; 4] = ["plan", "titre", "année", "version"];
    /// The version written (2: the rows as issued are kept).
    pub const VERSION: u32 = 2;
    /// In the hidden sheet, the label of the count of issued rows (row 5),
    /// and the row (0-based) where they start: code, source, title,
    /// responsible, budget, spent so far.
    pub const ISSUED_MARK: &str = "lignes émises";
    pub const ISSUED_ROW: u32 = 4;
    pub const ISSUED_FIRST_ROW: u32 = 5;

    columns!(
        /// The `Saisie` sheet: six locked identifying columns, then six
        /// input columns.
        Col {
            Code => w::T_CODE,
            Title => w::ACTIVITY,
            Responsible => w::RESPONSIBLE,
            Source => w::SOURCE,
            Budget => w::T_BUDGET,
            SpentSoFar => w::T_SPENT_SO_FAR,
            Date => w::DATE,
            Status => w::STATUS,
            Progress => w::T_PROGRESS,
            Committed => w::COMMITTED,
            Spent => w::SPENT,
            Note => w::NOTE,
        }
    );

    impl Col {
        /// The input columns, open to the focal point.
        pub const INPUTS: [Col; 6] = [
            Col::Date,
            Col::Status,
            Col::Progress,
            Col::Committed,
            Col::Spent,
            Col::Note,
        ];

        /// Whether the focal point types in this column.
        pub fn input(self) -> bool {
            Col::INPUTS.contains(&self)
        }

        /// The column's width, in characters.
        pub fn width(self) -> f64 {
            match self {
                Col::Code | Col::Source => 10.0,
                Col::Title => 45.0,
                Col::Responsible | Col::Budget | Col::SpentSoFar => 14.0,
                Col::Committed | Col::Spent => 14.0,
                Col::Date | Col::Progress => 12.0,
                Col::Status => 13.0,
                Col::Note => 40.0,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::book::{self, Book};
    use crate::model::Project;

    #[test]
    fn positions_follow_the_order_of_the_columns() {
        for (i, c) in template::Col::ALL.iter().enumerate() {
            assert_eq!(c.index() as usize, i);
        }
        for (i, c) in plan::ActivityCol::ALL.iter().enumerate() {
            assert_eq!(c.index() as usize, i);
        }
    }

    #[test]
    fn readers_accept_both_spellings_once() {
        assert_eq!(
            plan::SourceCol::known(),
            ["Code", "Id", "Nom", "Name", "Statut", "Status"]
        );
        assert_eq!(plan::ProgressCol::headers(Lang::En)[3], "Progress");
    }

    /// The plan and log that use every optional field (tests/data/convert).
    fn full() -> Project {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/convert");
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
        let (plan, d1) = crate::load::toml::parse_plan(&read("full.toml"), 0, Lang::Fr);
        let (records, d2) = crate::load::toml::parse_log(&read("full-journal.toml"), 1, Lang::Fr);
        assert!(d1.is_empty() && d2.is_empty(), "{d1:?} {d2:?}");
        Project {
            plan,
            records,
            ..Default::default()
        }
    }

    fn open(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Book {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        book::open(&path, &Default::default(), Lang::Fr).unwrap_or_else(|e| panic!("{name}: {e:?}"))
    }

    /// The header row of a sheet as read.
    fn header_row(book: &Book, sheet: &str) -> Vec<String> {
        let s = book.sheet(&[sheet]).unwrap_or_else(|| panic!("no {sheet}"));
        let h = crate::load::cells::Header::first_row(s).unwrap();
        h.cols.iter().map(|c| c.2.clone()).collect()
    }

    /// The plan workbook written in each language has the layout's sheets
    /// and headers, and its reader gives back the same plan and log (the
    /// TOML they write is the same to the byte), with nothing to say.
    #[test]
    fn plan_workbook_written_then_read_back_in_both_languages() {
        use plan::*;
        let project = full();
        let dir = tempfile::tempdir().unwrap();
        for lang in [Lang::Fr, Lang::En] {
            let mut wb = crate::output::plan_workbook::build(&project, lang).unwrap();
            let bytes = wb.save_to_buffer().unwrap();
            let book = open(dir.path(), &format!("plan-{lang}.xlsx"), &bytes);
            let mut sources = SourceCol::headers(lang);
            let ids: Vec<&str> = project.plan.sources.iter().map(|s| s.id.as_str()).collect();
            let mut activities = ActivityCol::headers(lang);
            activities.extend(&ids);
            for (sheet, want) in [
                (PLAN, PlanCol::headers(lang)),
                (SOURCES, std::mem::take(&mut sources)),
                (AXES, AxisCol::headers(lang)),
                (ACTIONS, ActionCol::headers(lang)),
                (ACTIVITIES, activities.clone()),
                (BUDGET, BudgetCol::headers(lang)),
                (INDICATORS, IndicatorCol::headers(lang)),
                (PROGRESS, ProgressCol::headers(lang)),
            ] {
                assert_eq!(header_row(&book, sheet.text(lang)), want, "{lang}");
            }
            let mut diags = Vec::new();
            let plan = crate::load::plan_workbook::read_plan(&book, 0, lang, &mut diags);
            let records =
                crate::load::plan_workbook::read_progress(&book, 0, lang, &mut diags).unwrap();
            assert!(diags.is_empty(), "{lang}: {diags:?}");
            // The workbook marks quarters in T1..T4 columns: read back in order.
            let mut want = project.plan.clone();
            want.activities.iter_mut().for_each(|a| a.quarters.sort());
            let toml = crate::output::plan_toml::plan;
            assert_eq!(toml(&plan), toml(&want), "{lang}");
            let back = Project {
                records,
                ..Default::default()
            };
            let log = |p: &Project| crate::output::plan_toml::log(p, "p.toml");
            assert_eq!(log(&back), log(&project), "{lang}");
        }
    }

    /// The template's `Saisie` sheet has the layout's headers and widths'
    /// order, and reading it back as issued finds every column and every
    /// locked cell as written: no record, nothing to say.
    #[test]
    fn template_written_then_read_back() {
        let project = full();
        let rows = crate::output::template::rows(&project, None, None);
        assert!(rows.len() > 3);
        let bytes = crate::output::template::write(
            &project,
            "full.toml",
            &rows,
            Default::default(),
            Lang::Fr,
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let book = open(dir.path(), "saisie.xlsx", &bytes);
        assert_eq!(
            header_row(&book, template::ENTRY.fr),
            template::Col::headers(Lang::Fr)
        );
        let mut diags = Vec::new();
        let filled = crate::load::template::read(&book, 0, &project, Lang::Fr, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(filled.records.is_empty());
        assert_eq!(filled.plan_name.as_deref(), Some("full.toml"));
    }
}

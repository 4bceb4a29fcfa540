//! Hand-made PTBA workbooks (SPEC §7): whatever sheet people made in Excel
//! or LibreOffice, read into the model.
//!
//! - the sheet: `--sheet`, the mapping's `sheet`, or the one whose header
//!   scores best;
//! - the header row: found by its column names (banner rows above are the
//!   plan's title), on one row or two (a merged group title such as
//!   "Chronogramme" over T1..T4 or "Sources de financement" over one column
//!   per funder);
//! - axes and actions: as columns (merged vertically, or written once and
//!   blank below: filled down), or as section rows ("AXE STRATÉGIQUE 1 :
//!   PRÉVENTION", "Action 1.2 - …");
//! - codes as written, or derived from the "Axe 1" / "Action 1.2" prefixes,
//!   or numbered in order;
//! - one activity over several rows (one per source), or one column per funder;
//! - total rows ("Total axe 1", "Sous-total", "TOTAL GÉNÉRAL") skipped and
//!   checked against the sums of the rows they close (warning W111);
//! - amounts as numbers, formulas (cached values) or text; dates as dates
//!   or text.

use crate::i18n;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_decimal::Decimal;

use super::book::{Book, Sheet, Value};
use super::cells::{Reading, is_mark};
use super::families::{self, month_of};
use super::mapping::{Field, Mapping};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::model::*;
use crate::money::{self, Currency};
use crate::text::fold;

mod builder;
mod header;
mod labels;
mod levels;
mod sheets;

use builder::*;
use header::*;
use labels::*;
use levels::*;
use sheets::*;

/// One column as understood.
#[derive(Debug, Clone, Default)]
pub struct ColumnReport {
    /// "A", "B"…
    pub letter: String,
    /// The header as written (the last header row).
    pub label: String,
    /// With its group title: "Financement / IDA".
    pub shown: String,
    /// `None`: not recognised.
    pub field: Option<Field>,
    pub scale: Option<Decimal>,
}

/// What the reader understood of one sheet (for `ptba inspect`).
#[derive(Debug, Clone, Default)]
pub struct SheetReport {
    pub sheet: String,
    /// 1-based, first and last header rows.
    pub header_rows: (u32, u32),
    pub columns: Vec<ColumnReport>,
    /// How each level was found: ("axe", "lignes de section (« … »)").
    pub levels: Vec<(String, String)>,
    /// The unit applied to the money columns, and where it was stated.
    pub scale: Option<(Decimal, String)>,
    pub axes: usize,
    pub actions: usize,
    pub activities: usize,
    pub budget: Decimal,
    pub initial: Decimal,
    /// 1-based rows and column letters skipped because hidden.
    pub hidden_rows: Vec<u32>,
    pub hidden_cols: Vec<String>,
}

/// A sheet named on the command line or in the mapping that the workbook
/// does not have, with the sheets it has.
fn no_such_sheet(book: &Book, name: &str, file: FileId, lang: Lang) -> Diagnostic {
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    Diagnostic::error(
        Code::MissingKey,
        Loc::File(file),
        i18n::load::no_such_sheet(lang, name, names.join(", ")),
    )
}

/// The plan read from a hand-made workbook.
pub fn read(
    book: &Book,
    path: &Path,
    file: FileId,
    sheet_name: Option<&str>,
    mapping: Option<&Mapping>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Plan {
    read_with_report(book, path, file, sheet_name, mapping, lang, diags).0
}

/// [`read`], and what was understood of each sheet read.
pub fn read_with_report(
    book: &Book,
    path: &Path,
    file: FileId,
    sheet_name: Option<&str>,
    mapping: Option<&Mapping>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> (Plan, Vec<SheetReport>) {
    let mut plan = Plan {
        file,
        loc: Loc::File(file),
        ..Default::default()
    };
    let mut reports = Vec::new();
    let wanted = sheet_name.or(mapping.and_then(|m| m.sheet.as_deref()));
    if wanted.is_none()
        && let Some(sheets) = per_axis_sheets(book, mapping, file, lang, diags)
    {
        reports = read_sheets(book, &sheets, path, file, mapping, lang, diags, &mut plan);
        return (plan, reports);
    }
    let (sheet, header) = match wanted {
        Some(name) => {
            let Some(s) = book.sheet(&[name]) else {
                diags.push(no_such_sheet(book, name, file, lang));
                return (plan, reports);
            };
            (s, find_header(s, mapping))
        }
        None => {
            // A hidden sheet (an old version, a lookup list) is read only
            // when no visible sheet holds a table.
            let mut best: Option<(&Sheet, HeaderFound)> = None;
            for pass_hidden in [false, true] {
                for s in book.sheets.iter().filter(|s| s.hidden == pass_hidden) {
                    if let Some(h) = find_header(s, mapping)
                        && best.as_ref().is_none_or(|(_, b)| h.score > b.score)
                    {
                        best = Some((s, h));
                    }
                }
                if best.is_some() {
                    break;
                }
            }
            let skipped: Vec<&str> = book
                .sheets
                .iter()
                .filter(|s| s.hidden && best.as_ref().is_some_and(|(b, _)| b.index != s.index))
                .filter(|s| find_header(s, mapping).is_some())
                .map(|s| s.name.as_str())
                .collect();
            if !skipped.is_empty() {
                diags.push(Diagnostic::warning(
                    Code::ImportNote,
                    Loc::File(file),
                    i18n::load::hidden_sheets_skipped(lang, skipped.join(", ")),
                ));
            }
            match best {
                Some((s, h)) => (s, Some(h)),
                // No header anywhere: the error names the likeliest sheet.
                None => match book.sheets.iter().max_by_key(|s| likeliest(s, mapping).1) {
                    Some(s) => (s, None),
                    None => {
                        diags.push(Diagnostic::error(
                            Code::Workbook,
                            Loc::File(file),
                            i18n::load::no_sheet(lang).to_string(),
                        ));
                        return (plan, reports);
                    }
                },
            }
        }
    };
    let Some(header) = header.filter(|h| h.columns.iter().any(|c| c.field == Some(Field::Title)))
    else {
        no_header(sheet, file, mapping, lang, diags);
        return (plan, reports);
    };
    let mut rd = Reading::new(sheet, file, lang, diags);
    reports.push(Builder::new(&mut plan, &header, mapping).run(&mut rd, path));
    (plan, reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(field_of("Intitulé de l'activité"), Some(Field::Title));
        assert_eq!(field_of("Activités"), Some(Field::Title));
        assert_eq!(field_of("Coût total (FCFA)"), Some(Field::Amount));
        assert_eq!(field_of("RESPONSABLE"), Some(Field::Responsible));
        assert_eq!(field_of("1er trimestre"), Some(Field::Quarter(1)));
        assert_eq!(field_of("T4"), Some(Field::Quarter(4)));
        assert_eq!(field_of("N°"), Some(Field::Code));
        assert_eq!(
            resolve("UNICEF", Some("Sources de financement"), None),
            Some(Field::SourceColumn("UNICEF".into()))
        );
        assert_eq!(
            resolve("T2", Some("Chronogramme"), None),
            Some(Field::Quarter(2))
        );
        assert_eq!(
            resolve("Mars", Some("Chronogramme"), None),
            Some(Field::Month(3))
        );
    }

    #[test]
    fn sections() {
        assert_eq!(
            section("AXE STRATÉGIQUE 1 : PRÉVENTION"),
            Some((Level::Axis, Some("1".into()), "PRÉVENTION".into()))
        );
        assert_eq!(
            section("Action 1.2 - Former les agents"),
            Some((
                Level::Action,
                Some("1.2".into()),
                "Former les agents".into()
            ))
        );
        assert_eq!(
            section("Axe II – Protection"),
            Some((Level::Axis, Some("2".into()), "Protection".into()))
        );
        assert_eq!(section("Atelier de validation"), None);
        assert_eq!(section("Actionnaires"), None);
    }

    #[test]
    fn source_ids() {
        assert_eq!(source_id("Budget de l'État"), "ETAT");
        assert_eq!(source_id("ETAT"), "ETAT");
        assert_eq!(source_id("UNICEF"), "UNICEF");
        assert_eq!(source_id("Banque mondiale"), "BANQUE_MONDIALE");
        assert_eq!(source_id("Financement à rechercher"), "GAP");
        assert_eq!(
            status_of("Financement à rechercher"),
            FundingStatus::Unfunded
        );
    }

    #[test]
    fn labels() {
        assert_eq!(
            split_label(None, Some("Axe 1 : Prévention".into())),
            (Some("1".into()), "Prévention".into())
        );
        assert_eq!(
            split_label(None, Some("1.2 Former les agents".into())),
            (Some("1.2".into()), "Former les agents".into())
        );
        assert_eq!(
            split_label(Some("Axe 2".into()), Some("Protection".into())),
            (Some("2".into()), "Protection".into())
        );
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use crate::load::book::{Book, Sheet, Value};

    /// Random sheets of the words hand-made PTBAs are made of, with random
    /// merged regions: reading them (and checking the plan) never panics.
    #[test]
    fn random_sheets_never_panic() {
        let words = [
            "",
            "Axe 1 : Prévention",
            "AXE STRATÉGIQUE II – PROTECTION",
            "Action 1.2 - Former",
            "Action",
            "Axe",
            "Activité",
            "Intitulé de l'activité",
            "Code",
            "N°",
            "1.1.1",
            "1",
            "Responsable",
            "Chronogramme",
            "T1",
            "T4",
            "Mars",
            "Sources de financement",
            "État",
            "UNICEF",
            "Source",
            "Coût total (FCFA)",
            "Montant",
            "Total",
            "Sous-total",
            "TOTAL GÉNÉRAL",
            "Total axe 1",
            "12 500 000 FCFA",
            "12.500.000",
            "-",
            "x",
            "31/03/2024",
            "PTBA 2024",
            "Ministère",
            "Date de début",
            "Indicateur",
            "Cible",
            "é\u{0}\u{202e}",
            "9999999999999999999999999999",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for case in 0..400 {
            let rows = 1 + next(25);
            let cols = 1 + next(12);
            let mut grid = Vec::new();
            for _ in 0..rows {
                let mut row = Vec::new();
                for _ in 0..cols {
                    row.push(match next(6) {
                        0 => Value::Number(Some(Decimal::from(next(1_000_000) as i64 - 1000))),
                        1 => Value::Empty,
                        2 => Value::Date(chrono::NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()),
                        _ => Value::Text(words[next(words.len())].to_string()),
                    });
                }
                grid.push(row);
            }
            let mut merges = Vec::new();
            for _ in 0..next(4) {
                let (r0, c0) = (next(rows + 2) as u32, next(cols + 2) as u32);
                merges.push((r0, c0, r0 + next(5) as u32, c0 + next(5) as u32));
            }
            let mut sheet = Sheet {
                name: format!("S{case}"),
                index: 0,
                origin: (next(3) as u32, next(3) as u32),
                rows: grid,
                merges,
                ..Default::default()
            };
            sheet.fill_merges();
            let book = Book {
                sheets: vec![sheet],
            };
            let mut diags = Vec::new();
            let plan = read(
                &book,
                Path::new("x.xlsx"),
                0,
                None,
                None,
                Lang::Fr,
                &mut diags,
            );
            let project = Project {
                plan,
                ..Default::default()
            };
            let _ = crate::check::check(&project, Lang::Fr);
        }
    }
}

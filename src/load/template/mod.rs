//! A filled progress template (`ptba template`) read back: every row with
//! something typed in its input columns becomes a record; every bad cell is
//! a diagnostic at its cell (`Saisie!F7`).

use std::collections::HashMap;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::book::{Book, Value};
use super::cells::{Header, Reading};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::layout::Columns;
use crate::layout::template::{Col, ENTRY, META};

mod issued;
mod row;
use crate::log_text::NewRecord;
use crate::model::{FileId, Loc, Project};

/// What a filled template holds.
#[derive(Debug, Default)]
pub struct Filled {
    pub records: Vec<NewRecord>,
    /// SHA-256 of the records as they will be written: the same filled rows
    /// give the same hash, whatever the file's name or bytes.
    pub sha256: String,
    /// The plan file the template was made for (hidden sheet), if any.
    pub plan_name: Option<String>,
    /// The date cell of each record (same order as `records`), to refuse a
    /// date outside the plan year naming the cell.
    pub date_cells: Vec<Loc>,
    /// For each record, the cell each field came from (`progress` →
    /// `Saisie!I7`), so that a record refused later points at its cell.
    pub origins: Vec<Vec<(&'static str, Loc)>>,
}

/// The cell value as a number, if it is one.
fn number_of(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(d) => *d,
        _ => None,
    }
}

/// Where each column of the layout was found in the entry sheet, and the
/// template's language (from the sheet's name), in which its columns are
/// named in messages.
pub(super) struct Cols {
    cols: HashMap<u16, u32>,
    pub(super) lang: Lang,
}

impl Cols {
    pub(super) fn get(&self, c: Col) -> Option<u32> {
        self.cols.get(&c.index()).copied()
    }

    /// The columns of the header, in either language; `None` (reported)
    /// when an input, code or source column is missing.
    fn find(h: &Header, rd: &mut Reading<'_, '_>) -> Option<Cols> {
        let lang = rd.lang;
        let tl = if rd.sheet.name == ENTRY.en {
            Lang::En
        } else {
            Lang::Fr
        };
        let mut cols = HashMap::new();
        for &def in Col::ALL {
            match h.col(&def.name().both()) {
                Some(c) => {
                    cols.insert(def.index(), c);
                }
                None if def.input() || def == Col::Code || def == Col::Source => {
                    let loc = rd.loc(h.row, h.cols.first().map_or(0, |c| c.1));
                    rd.diags.push(Diagnostic::error(
                        Code::MissingKey,
                        loc,
                        w::template_column_missing(lang, &rd.sheet.name, def.name().text(tl)),
                    ));
                    return None;
                }
                None => {}
            }
        }
        Some(Cols { cols, lang: tl })
    }

    /// The cells a record's fields came from.
    fn origins(&self, rd: &Reading<'_, '_>, r: u32) -> Vec<(&'static str, Loc)> {
        [
            ("activity", Col::Code),
            ("source", Col::Source),
            ("date", Col::Date),
            ("status", Col::Status),
            ("progress", Col::Progress),
            ("committed", Col::Committed),
            ("spent", Col::Spent),
            ("note", Col::Note),
        ]
        .into_iter()
        .filter_map(|(k, col)| Some((k, rd.loc(r, self.get(col)?))))
        .collect()
    }
}

/// Reads and validates the `Saisie` sheet against the plan.
pub fn read(
    book: &Book,
    file: FileId,
    project: &Project,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Filled {
    let mut out = Filled::default();
    let Some(sheet) = book.sheet(&ENTRY.both()) else {
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        diags.push(Diagnostic::error(
            Code::MissingKey,
            Loc::File(file),
            w::not_a_template(lang, ENTRY.fr, names.join(", ")),
        ));
        return out;
    };
    out.plan_name = book.sheet(&[META]).and_then(|m| {
        let v = m.get(0, 1);
        (!v.is_empty()).then(|| v.text())
    });
    let mut rd = Reading::new(sheet, file, lang, diags);
    rd.currency = Some(project.plan.currency.clone());
    let Some(h) = Header::first_row(sheet) else {
        return out;
    };
    let Some(c) = Cols::find(&h, &mut rd) else {
        return out;
    };
    issued::check(book, &h, &c, &mut rd);
    let mut rows = row::Rows::new(project, &c);
    for r in h.row + 1..sheet.end_row() {
        if !rows.is_filled(&rd, r) {
            continue;
        }
        let Some(record) = rows.record(&mut rd, r) else {
            continue;
        };
        out.date_cells
            .push(rd.loc(r, c.get(Col::Date).unwrap_or(0)));
        out.origins.push(c.origins(&rd, r));
        out.records.push(record);
    }
    let mut hasher = Sha256::new();
    for r in &out.records {
        hasher.update(crate::log_text::render(r).as_bytes());
    }
    out.sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::plan::{PROGRESS, ProgressCol};

    /// A workbook of one sheet: a header row and one data row.
    fn book(sheet: &str, header: &[&str], row: &[(u16, &str)]) -> Book {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (i, h) in header.iter().enumerate() {
            ws.write_string(0, i as u16, *h).unwrap();
        }
        for (c, v) in row {
            ws.write_string(1, *c, *v).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.xlsx");
        std::fs::write(&path, wb.save_to_buffer().unwrap()).unwrap();
        crate::load::book::open(&path, &Default::default(), Lang::Fr).unwrap()
    }

    /// The same bad status cell is worded the same by the template import
    /// and by the plan workbook's `Suivi` sheet, in each language.
    #[test]
    fn a_bad_status_cell_is_worded_once() {
        let (plan, _) = crate::load::toml::parse_plan(
            "[plan]\ntitle = \"t\"\nyear = 2024\n[[activity]]\nid = \"A1\"\naction = \"x\"\ntitle = \"a\"\n",
            0,
            Lang::Fr,
        );
        let project = Project {
            plan,
            ..Default::default()
        };
        for (lang, want) in [
            (
                Lang::Fr,
                "statut « commencée » hors de la liste (prévue, en cours, réalisée, reportée, abandonnée)",
            ),
            (
                Lang::En,
                "status \"commencée\" not in the list (planned, ongoing, done, postponed, cancelled)",
            ),
        ] {
            let headers = Col::headers(lang);
            let cells = [
                (Col::Code.index(), "A1"),
                (Col::Date.index(), "31/03/2024"),
                (Col::Status.index(), "commencée"),
            ];
            let filled = book(ENTRY.text(lang), &headers, &cells);
            let mut from_template = Vec::new();
            let out = read(&filled, 0, &project, lang, &mut from_template);
            assert!(out.records.is_empty());
            let headers = ProgressCol::headers(lang);
            let cells = [
                (ProgressCol::Activity.index(), "A1"),
                (ProgressCol::Date.index(), "31/03/2024"),
                (ProgressCol::Status.index(), "commencée"),
            ];
            let log = book(PROGRESS.text(lang), &headers, &cells);
            let mut from_log = Vec::new();
            crate::load::plan_workbook::read_progress(&log, 0, lang, &mut from_log);
            for diags in [&from_template, &from_log] {
                assert_eq!(diags.len(), 1, "{lang}: {diags:?}");
                assert_eq!(diags[0].message, want);
                assert_eq!(diags[0].code, Code::InvalidValue);
            }
        }
    }

    /// A column removed from a template is named as the template wrote it,
    /// in its sheet, whatever the language of the messages.
    #[test]
    fn a_removed_column_is_named_in_the_template_language() {
        let project = Project::default();
        for (tl, want) in [
            (
                Lang::Fr,
                "sheet Saisie has no \"Statut\" column any more: use the template as ptba template wrote it",
            ),
            (
                Lang::En,
                "sheet Entry has no \"Status\" column any more: use the template as ptba template wrote it",
            ),
        ] {
            let headers: Vec<&str> = Col::ALL
                .iter()
                .filter(|&&c| c != Col::Status)
                .map(|c| c.name().text(tl))
                .collect();
            let filled = book(ENTRY.text(tl), &headers, &[]);
            let mut diags = Vec::new();
            read(&filled, 0, &project, Lang::En, &mut diags);
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!(diags[0].message, want);
        }
    }
}

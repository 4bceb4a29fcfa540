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
use crate::model::{FileId, Loc, Project, Status};
use crate::money;
use crate::progress::NewRecord;
use crate::tr;

pub const SHEET: &str = "Saisie";
pub const META_SHEET: &str = "ptba";

/// The French status labels of the dropdown (45 characters: far below the
/// 255 of a list validation).
pub const STATUS_LABELS: [&str; 5] = ["prévue", "en cours", "réalisée", "reportée", "abandonnée"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Code,
    Title,
    Responsible,
    Source,
    Budget,
    SpentSoFar,
    Date,
    Status,
    Progress,
    Committed,
    Spent,
    Note,
}

pub struct ColumnDef {
    pub col: Col,
    pub label: &'static str,
    pub input: bool,
    pub width: f64,
}

pub const COLUMNS: [ColumnDef; 12] = [
    ColumnDef {
        col: Col::Code,
        label: "Code",
        input: false,
        width: 10.0,
    },
    ColumnDef {
        col: Col::Title,
        label: "Activité",
        input: false,
        width: 45.0,
    },
    ColumnDef {
        col: Col::Responsible,
        label: "Responsable",
        input: false,
        width: 14.0,
    },
    ColumnDef {
        col: Col::Source,
        label: "Source",
        input: false,
        width: 10.0,
    },
    ColumnDef {
        col: Col::Budget,
        label: "Budget",
        input: false,
        width: 14.0,
    },
    ColumnDef {
        col: Col::SpentSoFar,
        label: "Décaissé à ce jour",
        input: false,
        width: 14.0,
    },
    ColumnDef {
        col: Col::Date,
        label: "Date",
        input: true,
        width: 12.0,
    },
    ColumnDef {
        col: Col::Status,
        label: "Statut",
        input: true,
        width: 13.0,
    },
    ColumnDef {
        col: Col::Progress,
        label: "Avancement (%)",
        input: true,
        width: 12.0,
    },
    ColumnDef {
        col: Col::Committed,
        label: "Engagé",
        input: true,
        width: 14.0,
    },
    ColumnDef {
        col: Col::Spent,
        label: "Décaissé",
        input: true,
        width: 14.0,
    },
    ColumnDef {
        col: Col::Note,
        label: "Note",
        input: true,
        width: 40.0,
    },
];

/// Spending recorded so far by (activity, source): a record without a
/// source counts for the activity's single source, or under "" when the
/// activity has several. One pass over the log.
pub fn spent_by_line(project: &Project) -> HashMap<(String, String), Decimal> {
    let single: HashMap<&str, Option<&str>> = project
        .plan
        .activities
        .iter()
        .map(|a| (a.id.as_str(), a.single_source()))
        .collect();
    let mut out: HashMap<(String, String), Decimal> = HashMap::new();
    for r in &project.records {
        let Some(x) = r.spent else { continue };
        let source = match &r.source {
            Some(s) => s.clone(),
            None => single
                .get(r.activity.as_str())
                .copied()
                .flatten()
                .unwrap_or("")
                .to_string(),
        };
        *out.entry((r.activity.clone(), source)).or_default() += x;
    }
    out
}

/// What a filled template holds.
#[derive(Debug, Default)]
pub struct Filled {
    pub records: Vec<NewRecord>,
    /// SHA-256 of the records as they will be written: the same filled rows
    /// give the same hash, whatever the file's name or bytes.
    pub sha256: String,
    /// The plan file the template was made for (hidden sheet), if any.
    pub plan_name: Option<String>,
    /// For each record, the cell each field came from (`progress` →
    /// `Saisie!I7`), so that a record refused later points at its cell.
    pub origins: Vec<Vec<(&'static str, Loc)>>,
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
    let Some(sheet) = book.sheet(&[SHEET]) else {
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        diags.push(Diagnostic::error(
            Code::MissingKey,
            Loc::File(file),
            tr!(
                lang,
                "pas de feuille « {} » : ce classeur n'est pas un modèle de saisie de ptba (feuilles : {}) ; en créer un avec ptba template",
                "no \"{}\" sheet: this workbook is not a ptba progress template (sheets: {}); make one with ptba template",
                SHEET,
                names.join(", ")
            ),
        ));
        return out;
    };
    out.plan_name = book.sheet(&[META_SHEET]).and_then(|m| {
        let v = m.get(0, 1);
        (!v.is_empty()).then(|| v.text())
    });
    let mut rd = Reading::new(sheet, file, lang, diags);
    let Some(h) = Header::first_row(sheet) else {
        return out;
    };
    let find = |c: Col| {
        let def = COLUMNS.iter().find(|d| d.col == c)?;
        h.col(&[def.label])
    };
    let mut cols: HashMap<u8, u32> = HashMap::new();
    for def in &COLUMNS {
        match find(def.col) {
            Some(c) => {
                cols.insert(def.col as u8, c);
            }
            None if def.input || def.col == Col::Code || def.col == Col::Source => {
                let loc = rd.loc(h.row, h.cols.first().map_or(0, |c| c.1));
                rd.diags.push(Diagnostic::error(
                    Code::MissingKey,
                    loc,
                    tr!(
                        lang,
                        "la feuille Saisie n'a plus de colonne « {} » : utiliser le modèle tel que ptba template l'a écrit",
                        "sheet Saisie has no \"{}\" column any more: use the template as ptba template wrote it",
                        def.label
                    ),
                ));
                return out;
            }
            None => {}
        }
    }
    let c = |x: Col| cols.get(&(x as u8)).copied();
    let plan = &project.plan;
    let activities: HashMap<&str, usize> = plan
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    // What each activity × source has left, as the rows are read.
    let mut remaining: HashMap<(String, String), Decimal> = HashMap::new();
    let spent_so_far = spent_by_line(project);
    let mut unknown = 0;
    for r in h.row + 1..sheet.end_row() {
        let inputs = [
            Col::Date,
            Col::Status,
            Col::Progress,
            Col::Committed,
            Col::Spent,
            Col::Note,
        ];
        if inputs
            .iter()
            .all(|&x| c(x).is_none_or(|col| rd.get(r, col).is_empty()))
        {
            continue;
        }
        let code = rd.text(r, c(Col::Code)).unwrap_or_default();
        let code_col = c(Col::Code).unwrap_or(0);
        let Some(&ai) = activities.get(code.as_str()) else {
            let mut d = Diagnostic::error(
                Code::UnknownActivity,
                rd.loc(r, code_col),
                if code.is_empty() {
                    lang.pick(
                        "ligne remplie sans code d'activité",
                        "filled row without an activity code",
                    )
                    .to_string()
                } else {
                    tr!(
                        lang,
                        "activité inconnue `{}` : elle n'est pas dans le plan",
                        "unknown activity `{}`: it is not in the plan",
                        code
                    )
                },
            );
            unknown += 1;
            if unknown <= super::workbook::MAX_SUGGESTIONS
                && let Some(n) =
                    crate::text::nearest(&code, plan.activities.iter().map(|a| a.id.as_str()))
            {
                d.help = Some(tr!(
                    lang,
                    "vouliez-vous dire `{}` ?",
                    "did you mean `{}`?",
                    n
                ));
            }
            rd.diags.push(d);
            continue;
        };
        let activity = &plan.activities[ai];
        let source = rd.text(r, c(Col::Source));
        if let Some(s) = &source
            && !plan.sources.iter().any(|x| x.id == *s)
        {
            rd.error(
                Code::UnknownSource,
                r,
                c(Col::Source).unwrap_or(0),
                tr!(lang, "source inconnue `{}`", "unknown source `{}`", s),
            );
            continue;
        }
        let date_col = c(Col::Date).unwrap_or(0);
        let date = if rd.get(r, date_col).is_empty() {
            rd.error(
                Code::MissingKey,
                r,
                date_col,
                lang.pick(
                    "date manquante : saisir la date de la situation (jj/mm/aaaa)",
                    "missing date: enter the date of the situation (dd/mm/yyyy)",
                )
                .to_string(),
            );
            None
        } else {
            rd.date(r, Some(date_col))
        };
        let status = match (c(Col::Status), rd.text(r, c(Col::Status))) {
            (Some(col), Some(t)) => match Status::parse(&t) {
                Some(s) => Some(Some(s)),
                None => {
                    rd.error(
                        Code::InvalidValue,
                        r,
                        col,
                        tr!(
                            lang,
                            "statut « {} » hors de la liste ({})",
                            "status \"{}\" not in the list ({})",
                            t,
                            STATUS_LABELS.join(", ")
                        ),
                    );
                    None
                }
            },
            _ => Some(None),
        };
        let progress = match c(Col::Progress) {
            Some(col) if !rd.get(r, col).is_empty() => {
                let v = match rd.get(r, col) {
                    Value::Text(t) => {
                        let t = t.trim().trim_end_matches('%').trim();
                        money::parse_decimal_text(t).ok()
                    }
                    Value::Number(d) => *d,
                    _ => None,
                };
                match v {
                    // 40 % typed in a cell formatted as a percentage is 0.4.
                    Some(p) if !p.fract().is_zero() && p > Decimal::ZERO && p < Decimal::ONE => {
                        rd.error(
                            Code::InvalidValue,
                            r,
                            col,
                            tr!(
                                lang,
                                "avancement {} : un nombre entier de 0 à 100 est attendu (pour {} %, saisir {})",
                                "progress {}: a whole number from 0 to 100 is expected (for {}%, enter {})",
                                money::raw(p),
                                money::raw(p * Decimal::ONE_HUNDRED),
                                money::raw(p * Decimal::ONE_HUNDRED)
                            ),
                        );
                        None
                    }
                    Some(p) if p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED => Some(Some(p)),
                    Some(p) => {
                        rd.error(
                            Code::ProgressRange,
                            r,
                            col,
                            tr!(
                                lang,
                                "avancement {} % hors de 0 à 100",
                                "progress {}% outside 0 to 100",
                                money::raw(p)
                            ),
                        );
                        None
                    }
                    None => {
                        let shown = rd.get(r, col).text();
                        rd.error(
                            Code::InvalidValue,
                            r,
                            col,
                            tr!(
                                lang,
                                "avancement « {} » : un nombre de 0 à 100 est attendu",
                                "progress \"{}\": a number from 0 to 100 is expected",
                                shown
                            ),
                        );
                        None
                    }
                }
            }
            _ => Some(None),
        };
        let mut amount = |x: Col| -> Option<Option<Decimal>> {
            match c(x) {
                Some(col) if !rd.get(r, col).is_empty() => {
                    let n = rd.diags.len();
                    let v = rd.number(r, Some(col), false);
                    if rd.diags.len() > n { None } else { Some(v) }
                }
                _ => Some(None),
            }
        };
        let committed = amount(Col::Committed);
        let spent = amount(Col::Spent);
        let note = rd.text(r, c(Col::Note));
        let (Some(date), Some(status), Some(progress), Some(committed), Some(spent)) =
            (date, status, progress, committed, spent)
        else {
            continue;
        };
        // Above what is left of the budget: a warning (the money may come
        // from elsewhere, but someone should look).
        if let Some(x) = spent {
            let key_source = source
                .clone()
                .or_else(|| activity.single_source().map(str::to_string))
                .unwrap_or_default();
            let left = remaining
                .entry((activity.id.clone(), key_source.clone()))
                .or_insert_with(|| {
                    let budget: Decimal = activity
                        .budget
                        .iter()
                        .filter(|l| key_source.is_empty() || l.source == key_source)
                        .map(|l| l.total())
                        .sum();
                    let already: Decimal = if key_source.is_empty() {
                        spent_so_far
                            .iter()
                            .filter(|((act, _), _)| *act == activity.id)
                            .map(|(_, v)| *v)
                            .sum()
                    } else {
                        spent_so_far
                            .get(&(activity.id.clone(), key_source.clone()))
                            .copied()
                            .unwrap_or_default()
                    };
                    budget - already
                });
            if x > *left {
                let cur = plan.currency.clone();
                rd.warning(
                    Code::Overspent,
                    r,
                    c(Col::Spent).unwrap_or(0),
                    tr!(
                        lang,
                        "décaissé {} alors qu'il reste {} au budget de {}{}",
                        "spent {} while {} is left in the budget of {}{}",
                        money::format_amount(x, &cur, lang),
                        money::format_amount(*left, &cur, lang),
                        activity.id,
                        if key_source.is_empty() {
                            String::new()
                        } else {
                            format!(" ({key_source})")
                        }
                    ),
                );
            }
            *left -= x;
        }
        out.origins.push(
            [
                ("activity", c(Col::Code)),
                ("source", c(Col::Source)),
                ("date", c(Col::Date)),
                ("status", c(Col::Status)),
                ("progress", c(Col::Progress)),
                ("committed", c(Col::Committed)),
                ("spent", c(Col::Spent)),
                ("note", c(Col::Note)),
            ]
            .into_iter()
            .filter_map(|(k, col)| Some((k, rd.loc(r, col?))))
            .collect(),
        );
        out.records.push(NewRecord {
            activity: activity.id.clone(),
            date,
            status,
            progress,
            committed,
            spent,
            source,
            indicators: Vec::new(),
            note,
        });
    }
    let mut hasher = Sha256::new();
    for r in &out.records {
        hasher.update(crate::progress::render(r).as_bytes());
    }
    out.sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    out
}

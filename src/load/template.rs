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
use crate::layout::Columns;
use crate::layout::template::{
    Col, ENTRY, INSTRUCTIONS, ISSUED_FIRST_ROW, ISSUED_MARK, ISSUED_ROW, META,
};
use crate::model::{FileId, Loc, Project, Status};
use crate::money;
use crate::progress::NewRecord;
use crate::tr;

/// The French status labels of the dropdown (45 characters: far below the
/// 255 of a list validation).
pub const STATUS_LABELS: [&str; 5] = ["prévue", "en cours", "réalisée", "reportée", "abandonnée"];

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
    /// The date cell of each record (same order as `records`), to refuse a
    /// date outside the plan year naming the cell.
    pub date_cells: Vec<Loc>,
    /// For each record, the cell each field came from (`progress` →
    /// `Saisie!I7`), so that a record refused later points at its cell.
    pub origins: Vec<Vec<(&'static str, Loc)>>,
}

/// The first row giving an activity's situation on a date: (row, status,
/// progress).
type StateSeen = (u32, Option<Status>, Option<Decimal>);

/// One row of the template as issued (from the hidden sheet).
struct Issued {
    code: String,
    source: String,
    title: String,
    responsible: String,
    budget: Option<Decimal>,
    spent: Option<Decimal>,
}

fn number_of(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(d) => *d,
        _ => None,
    }
}

/// SPEC §8: a template comes back as issued — its sheets, its rows (no row
/// added, no code or source changed), its locked cells. Templates written
/// before the rows were kept (version 1) are not checked.
fn check_as_issued(
    book: &Book,
    meta: Option<&super::book::Sheet>,
    h: &Header,
    c: &dyn Fn(Col) -> Option<u32>,
    rd: &mut Reading<'_, '_>,
) {
    let lang = rd.lang;
    let Some(meta) = meta else { return };
    if meta.get(ISSUED_ROW, 0).text() != ISSUED_MARK {
        return;
    }
    for s in &book.sheets {
        let known = [ENTRY.fr, ENTRY.en, INSTRUCTIONS.fr, INSTRUCTIONS.en, META];
        if !known.contains(&s.name.as_str()) {
            rd.diags.push(Diagnostic::error(
                Code::Workbook,
                Loc::Cell {
                    file: rd.file,
                    sheet: s.index,
                    row: 0,
                    col: 0,
                },
                tr!(
                    lang,
                    "feuille « {} » ajoutée au modèle : seule la feuille Saisie est lue ; renvoyer le modèle tel qu'il a été émis",
                    "sheet \"{}\" added to the template: only the Saisie sheet is read; send back the template as issued",
                    s.name
                ),
            ));
        }
    }
    let count = number_of(meta.get(ISSUED_ROW, 1))
        .and_then(|d| u32::try_from(d.trunc().mantissa()).ok())
        .unwrap_or(0);
    let issued: Vec<Issued> = (0..count.min(meta.end_row()))
        .map(|i| {
            let m = ISSUED_FIRST_ROW + i;
            Issued {
                code: meta.get(m, 0).text(),
                source: meta.get(m, 1).text(),
                title: meta.get(m, 2).text(),
                responsible: meta.get(m, 3).text(),
                budget: number_of(meta.get(m, 4)),
                spent: number_of(meta.get(m, 5)),
            }
        })
        .collect();
    let mut by_key: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, x) in issued.iter().enumerate() {
        by_key
            .entry((x.code.as_str(), x.source.as_str()))
            .or_insert(i);
    }
    let mut used = vec![false; issued.len()];
    let all_cols: Vec<u32> = Col::ALL.iter().filter_map(|&d| c(d)).collect();
    let text_at = |rd: &Reading<'_, '_>, r: u32, x: Col| {
        c(x).map(|col| rd.get(r, col).text().trim().to_string())
            .unwrap_or_default()
    };
    for r in h.row + 1..rd.sheet.end_row() {
        if all_cols.iter().all(|&col| rd.get(r, col).is_empty()) {
            continue;
        }
        let code = text_at(rd, r, Col::Code);
        let source = text_at(rd, r, Col::Source);
        let code_col = c(Col::Code).unwrap_or(0);
        let Some(&i) = by_key.get(&(code.as_str(), source.as_str())) else {
            rd.error(
                Code::Workbook,
                r,
                code_col,
                tr!(
                    lang,
                    "ligne absente du modèle tel qu'il a été émis (code « {} », source « {} ») : code ou source changé, ou ligne ajoutée ; rien n'est importé",
                    "row not in the template as issued (code \"{}\", source \"{}\"): changed code or source, or an added row; nothing is imported",
                    code,
                    source
                ),
            );
            continue;
        };
        if used[i] {
            rd.error(
                Code::Workbook,
                r,
                code_col,
                tr!(
                    lang,
                    "ligne en double : le modèle émis n'a qu'une ligne pour le code « {} » et la source « {} »",
                    "duplicate row: the template as issued has one row for code \"{}\" and source \"{}\"",
                    code,
                    source
                ),
            );
            continue;
        }
        used[i] = true;
        let x = &issued[i];
        for (col, want) in [(Col::Title, &x.title), (Col::Responsible, &x.responsible)] {
            let what = col.name().fr;
            let got = text_at(rd, r, col);
            if got != want.trim()
                && let Some(cc) = c(col)
            {
                rd.error(
                    Code::Workbook,
                    r,
                    cc,
                    tr!(
                        lang,
                        "cellule verrouillée « {} » modifiée : émise « {} », trouvée « {} »",
                        "locked cell \"{}\" changed: issued \"{}\", found \"{}\"",
                        what,
                        want,
                        got
                    ),
                );
            }
        }
        for (col, want) in [(Col::Budget, x.budget), (Col::SpentSoFar, x.spent)] {
            let what = col.name().fr;
            let Some(cc) = c(col) else { continue };
            let got = number_of(rd.get(r, cc));
            if got != want {
                let show = |d: Option<Decimal>| d.map(money::raw).unwrap_or_default();
                rd.error(
                    Code::Workbook,
                    r,
                    cc,
                    tr!(
                        lang,
                        "cellule verrouillée « {} » modifiée : émise {}, trouvée « {} »",
                        "locked cell \"{}\" changed: issued {}, found \"{}\"",
                        what,
                        show(want),
                        rd.get(r, cc).text()
                    ),
                );
            }
        }
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
            tr!(
                lang,
                "pas de feuille « {} » : ce classeur n'est pas un modèle de saisie de ptba (feuilles : {}) ; en créer un avec ptba template",
                "no \"{}\" sheet: this workbook is not a ptba progress template (sheets: {}); make one with ptba template",
                ENTRY.fr,
                names.join(", ")
            ),
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
    let mut cols: HashMap<u16, u32> = HashMap::new();
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
                    tr!(
                        lang,
                        "la feuille Saisie n'a plus de colonne « {} » : utiliser le modèle tel que ptba template l'a écrit",
                        "sheet Saisie has no \"{}\" column any more: use the template as ptba template wrote it",
                        def.name().fr
                    ),
                ));
                return out;
            }
            None => {}
        }
    }
    let c = |x: Col| cols.get(&x.index()).copied();
    let meta = book.sheet(&[META]);
    check_as_issued(book, meta, &h, &c, &mut rd);
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
    // What each activity has spent in all (for rows without a source):
    // summed once, not searched for on every row (30 000 rows of
    // activities without budget lines took 16 s).
    let mut spent_by_activity: HashMap<&str, Decimal> = HashMap::new();
    for ((act, _), v) in &spent_so_far {
        *spent_by_activity.entry(act.as_str()).or_default() += *v;
    }
    let mut states_seen: HashMap<(String, chrono::NaiveDate), StateSeen> = HashMap::new();
    let mut unknown = 0;
    for r in h.row + 1..sheet.end_row() {
        if Col::INPUTS
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
            if unknown <= super::plan_workbook::MAX_SUGGESTIONS
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
        // Two rows of one activity for one date (one per source) must tell
        // the same status and progress: states are not summed, the last
        // would silently win.
        match states_seen.entry((activity.id.clone(), date)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((r, status, progress));
            }
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let (first, st0, p0) = *e.get();
                let col = if st0.is_some() && status.is_some() && st0 != status {
                    c(Col::Status)
                } else if p0.is_some() && progress.is_some() && p0 != progress {
                    c(Col::Progress)
                } else {
                    None
                };
                if let Some(col) = col {
                    let first_cell = crate::diagnostic::cell_ref(&sheet.name, first, col);
                    rd.error(
                        Code::InvalidValue,
                        r,
                        col,
                        tr!(
                            lang,
                            "`{}` au {} : cette ligne et la ligne de {} disent des choses différentes (statut ou avancement) ; une seule situation par activité et par date",
                            "`{}` on {}: this row and the row of {} say different things (status or progress); one situation per activity and date",
                            activity.id,
                            crate::output::summary::format_date(date, lang),
                            first_cell
                        ),
                    );
                    continue;
                }
                let merged = (first, st0.or(status), p0.or(progress));
                e.insert(merged);
            }
        }
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
                        spent_by_activity
                            .get(activity.id.as_str())
                            .copied()
                            .unwrap_or_default()
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
        out.date_cells.push(rd.loc(r, date_col));
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
            category: None,
            indicators: Vec::new(),
            note,
            correction: false,
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

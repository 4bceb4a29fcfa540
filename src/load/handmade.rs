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

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rust_decimal::Decimal;

use super::book::{Book, Sheet, Value};
use super::cells::{Reading, is_mark};
use super::families;
use super::mapping::{Field, Mapping};
use crate::diagnostic::{Code, Diagnostic};
use crate::i18n::Lang;
use crate::model::*;
use crate::money::{self, Currency};
use crate::text::fold;
use crate::tr;

/// Rows searched for the header.
const HEADER_SEARCH: u32 = 40;

/// Built-in header synonyms (folded, currency words removed).
fn field_of(label: &str) -> Option<Field> {
    let f = strip_currency(&fold(label));
    let f = f.as_str();
    let starts = |p: &str| f == p || f.starts_with(&format!("{p} "));
    Some(match f {
        "code axe" | "n axe" | "no axe" | "code de l axe" | "axe n" | "num axe" => Field::AxisCode,
        "axe"
        | "axes"
        | "axe strategique"
        | "axes strategiques"
        | "intitule de l axe"
        | "intitule axe"
        | "libelle axe"
        | "programme"
        | "programmes"
        | "orientation strategique"
        | "pilier"
        | "domaine"
        | "domaines"
        | "composante"
        | "composantes"
        | "component"
        | "components"
        | "objectif strategique"
        | "objectifs strategiques"
        | "os"
        | "effet"
        | "effets"
        | "outcome"
        | "outcomes" => Field::Axis,
        "code action" | "n action" | "no action" | "code de l action" | "num action" => {
            Field::ActionCode
        }
        "action"
        | "actions"
        | "intitule de l action"
        | "intitule action"
        | "libelle action"
        | "actions prioritaires"
        | "action prioritaire"
        | "objectif specifique"
        | "objectifs specifiques"
        | "sous programme"
        | "resultat attendu"
        | "resultats attendus"
        | "sous composante"
        | "sous composantes"
        | "subcomponent"
        | "subcomponents"
        | "sub component"
        | "sub components"
        | "produit"
        | "produits"
        | "output"
        | "outputs" => Field::Action,
        "code" | "n" | "no" | "num" | "numero" | "ref" | "reference" | "code activite"
        | "n activite" | "code de l activite" | "n d ordre" | "ordre" => Field::Code,
        "activite"
        | "activites"
        | "intitule"
        | "intitule de l activite"
        | "intitule activite"
        | "intitule des activites"
        | "libelle"
        | "libelle de l activite"
        | "libelle activite"
        | "designation"
        | "description"
        | "description de l activite"
        | "activites prevues"
        | "activites programmees"
        | "taches"
        | "activity"
        | "activities"
        | "activity description"
        | "description of activities"
        | "description des activites"
        | "actions activites"
        | "taches activites"
        | "activites taches"
        | "title" => Field::Title,
        "responsable"
        | "responsables"
        | "structure responsable"
        | "structures responsables"
        | "responsable de mise en oeuvre"
        | "entite responsable"
        | "porteur"
        | "resp"
        | "responsable de l activite"
        | "service responsable"
        | "responsible"
        | "responsibility"
        | "lead"
        | "implementing agency"
        | "structure porteuse" => Field::Responsible,
        "partenaires"
        | "partenaire"
        | "structures associees"
        | "partenaires associes"
        | "acteurs associes"
        | "partenaires de mise en oeuvre"
        | "intervenants"
        | "partners" => Field::Partners,
        "debut" | "date debut" | "date de debut" | "start" => Field::Start,
        "fin" | "date fin" | "date de fin" | "echeance" | "end" => Field::End,
        "ponderation" | "poids" | "weight" => Field::Weight,
        "cout" | "cout total" | "montant" | "montant total" | "budget" | "budget total"
        | "cout estimatif" | "cout previsionnel" | "montant prevu" | "budget prevu" | "total"
        | "cout global" | "amount" | "total budget" | "total cost" | "cost" | "budget amount"
        | "cout total estime" => Field::Amount,
        "source"
        | "sources"
        | "source de financement"
        | "sources de financement"
        | "bailleur"
        | "bailleurs"
        | "financement"
        | "financements"
        | "source financement" => Field::Source,
        "quantite" | "qte" | "nombre" | "quantity" | "qty" | "nbre" => Field::Quantity,
        "cout unitaire" | "prix unitaire" | "pu" | "cu" | "unit cost" | "unit price"
        | "cout unit" => Field::UnitCost,
        "periode"
        | "periodes"
        | "periode d execution"
        | "periode de mise en oeuvre"
        | "periode de realisation"
        | "calendrier"
        | "chronogramme"
        | "delai"
        | "delais"
        | "period"
        | "timing"
        | "timeframe"
        | "calendrier d execution" => Field::Period,
        "categorie"
        | "nature"
        | "nature de la depense"
        | "rubrique"
        | "categorie de depense"
        | "ligne budgetaire"
        | "category" => Field::Category,
        "indicateur"
        | "indicateurs"
        | "indicateur de resultat"
        | "indicateurs de resultat"
        | "indicateurs de performance"
        | "indicator" => Field::Indicator,
        "unite" | "unite de mesure" | "unit" => Field::Unit,
        "valeur de reference" | "situation de reference" | "baseline" => Field::Baseline,
        "cible" | "valeur cible" | "cibles" | "target" => Field::Target,
        "observations" | "observation" | "commentaires" | "commentaire" | "remarques" => {
            Field::Ignore
        }
        _ => {
            let words: Vec<&str> = f.split(' ').collect();
            let has = |w: &str| words.contains(&w);
            let year = |w: &str| {
                w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1990..=2100).contains(&y))
            };
            if let Some(q) = quarter_of(f) {
                Field::Quarter(q)
            } else if starts("cout total") || starts("montant total") || starts("budget total") {
                Field::Amount
            } else if starts("cible") || starts("valeur cible") || starts("target") {
                Field::Target
            } else if (starts("budget") || starts("cout") || starts("montant"))
                && words.iter().skip(1).any(|w| year(w))
            {
                // "Budget 2024", "Budget révisé 2024": which is the budget
                // is settled over the whole header (see `budget_columns`).
                Field::Amount
            } else if (has("activite") || has("activites") || has("activity") || has("activities"))
                && ![
                    "indicateur",
                    "indicateurs",
                    "indicator",
                    "responsable",
                    "code",
                    "cout",
                    "montant",
                    "budget",
                    "date",
                    "debut",
                    "fin",
                    "cible",
                    "unite",
                    "n",
                    "no",
                    "nombre",
                    "nbre",
                    "taux",
                ]
                .iter()
                .any(|w| has(w))
            {
                // "Composante / Sous-composante / Activités", "Actions / Activités".
                Field::Title
            } else {
                return None;
            }
        }
    })
}

/// "T1", "Trim 1", "1er trimestre", "Trimestre 1", "Q1" → 1.
fn quarter_of(f: &str) -> Option<u8> {
    let words: Vec<&str> = f.split(' ').collect();
    let num = |w: &str| match w {
        "1" | "1er" | "1ere" | "premier" | "i" => Some(1),
        "2" | "2e" | "2eme" | "2nd" | "deuxieme" | "ii" => Some(2),
        "3" | "3e" | "3eme" | "troisieme" | "iii" => Some(3),
        "4" | "4e" | "4eme" | "quatrieme" | "iv" => Some(4),
        _ => None,
    };
    match words.as_slice() {
        [w] => match *w {
            "t1" | "q1" | "trim1" => Some(1),
            "t2" | "q2" | "trim2" => Some(2),
            "t3" | "q3" | "trim3" => Some(3),
            "t4" | "q4" | "trim4" => Some(4),
            _ => None,
        },
        ["trimestre" | "trim" | "t" | "q", n] | [n, "trimestre" | "trim"] => num(n),
        _ => None,
    }
}

use super::families::month_of;

/// Drops currency words and units from a folded header: "cout total fcfa" → "cout total".
fn strip_currency(f: &str) -> String {
    let drop = [
        "fcfa", "cfa", "f", "xof", "xaf", "en", "eur", "euros", "usd", "gnf", "ht", "ttc",
    ];
    // "en milliers de FCFA": the unit, not the field (see `scales`).
    let mut f = format!(" {f} ");
    for unit in [
        " en milliers de ",
        " en millions de ",
        " montants en ",
        " milliers de ",
        " millions de ",
        " milliers ",
        " millions ",
        " x 1 000 000 ",
        " x 1 000 ",
        " x 1000 ",
        " x1000 ",
        " en 000 ",
        " 000 ",
        " kfcfa ",
        " thousands ",
        " in ",
    ] {
        f = f.replace(unit, " ");
    }
    f.split(' ')
        .filter(|w| !w.is_empty())
        .filter(|w| !drop.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Group titles of a two-row header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Schedule,
    Funding,
    Axis,
    Action,
    Activity,
    Indicator,
    Other,
}

fn group_of(label: &str) -> Group {
    let f = strip_currency(&fold(label));
    let has = |w: &str| f.split(' ').any(|x| x == w);
    if has("chronogramme")
        || has("calendrier")
        || has("periode")
        || has("trimestres")
        || has("planning")
        || has("execution") && has("periode")
    {
        Group::Schedule
    } else if has("financement")
        || has("financements")
        || has("bailleurs")
        || has("bailleur")
        || has("sources")
        || has("source")
        || has("budget")
        || has("cout")
        || has("montant")
        || has("montants")
        || has("contributions")
        || has("repartition")
    {
        Group::Funding
    } else if has("indicateur") || has("indicateurs") {
        Group::Indicator
    } else if has("axe") || has("axes") || has("programme") {
        Group::Axis
    } else if has("action") || has("actions") {
        Group::Action
    } else if has("activite") || has("activites") {
        Group::Activity
    } else {
        Group::Other
    }
}

/// A column of the header: its label(s), and the field it holds.
#[derive(Debug, Clone)]
struct Column {
    col: u32,
    label: String,
    group: Option<String>,
    field: Option<Field>,
}

impl Column {
    fn shown(&self) -> String {
        match &self.group {
            Some(g) if *g != self.label => format!("{g} / {}", self.label),
            _ => self.label.clone(),
        }
    }
}

/// The header found: its last row and its columns.
#[derive(Debug, Clone)]
struct HeaderFound {
    first: u32,
    last: u32,
    columns: Vec<Column>,
    score: usize,
}

fn text_at(sheet: &Sheet, row: u32, col: u32) -> String {
    let v = sheet.get(row, col);
    if v.is_empty() {
        String::new()
    } else {
        v.text()
    }
}

/// Field of a label under an optional group title.
fn resolve(label: &str, group: Option<&str>, mapping: Option<&Mapping>) -> Option<Field> {
    if let Some(m) = mapping {
        let combined = group.map(|g| format!("{g} {label}"));
        for candidate in [Some(label), combined.as_deref(), group]
            .into_iter()
            .flatten()
        {
            if let Some(f) = m.field(candidate) {
                return Some(f.clone());
            }
        }
    }
    let g = group.map(group_of);
    let f = strip_currency(&fold(label));
    match g {
        Some(Group::Schedule) => {
            if let Some(q) = quarter_of(&f) {
                return Some(Field::Quarter(q));
            }
            if let Some(m) = month_of(&f) {
                return Some(Field::Month(m));
            }
        }
        Some(Group::Axis) => match field_of(label) {
            Some(Field::Code) => return Some(Field::AxisCode),
            Some(Field::Title) => return Some(Field::Axis),
            _ => {}
        },
        Some(Group::Action) => match field_of(label) {
            Some(Field::Code) => return Some(Field::ActionCode),
            Some(Field::Title) => return Some(Field::Action),
            _ => {}
        },
        Some(Group::Indicator) => match field_of(label) {
            Some(Field::Title) | Some(Field::Code) => return Some(Field::Indicator),
            _ => {}
        },
        Some(Group::Funding) => {
            let words: Vec<&str> = f.split(' ').collect();
            let has = |w: &str| words.contains(&w);
            // Under "Budget": what was spent or committed is not a funder,
            // and "Initial" / "Révisé" are budgets, not funders.
            if [
                "spent",
                "actual",
                "actuals",
                "depense",
                "depenses",
                "decaisse",
                "decaissement",
                "decaissements",
                "realise",
                "realisations",
                "execute",
                "execution",
                "engage",
                "engagements",
                "cumul",
                "cumule",
                "cumulative",
                "ecart",
                "variance",
                "solde",
                "balance",
                "taux",
            ]
            .iter()
            .any(|w| has(w))
            {
                return Some(Field::Ignore);
            }
            if [
                "initial", "initiale", "revise", "revisee", "revised", "approuve", "approved",
                "original", "rectifie",
            ]
            .iter()
            .any(|w| has(w))
            {
                return Some(Field::Amount);
            }
            return match field_of(label) {
                Some(f @ (Field::Amount | Field::Quantity | Field::UnitCost | Field::Category)) => {
                    Some(f)
                }
                _ if f.is_empty() => None,
                _ => Some(Field::SourceColumn(source_id(label))),
            };
        }
        _ => {}
    }
    field_of(label)
}

/// Reads the header at `row` (one row) or `row..=row+1` (two rows).
fn header_at(sheet: &Sheet, row: u32, two: bool, mapping: Option<&Mapping>) -> HeaderFound {
    let end = sheet.end_col();
    let mut columns = Vec::new();
    let mut carried: Option<String> = None;
    for col in sheet.origin.1..end {
        if sheet.col_hidden(col) {
            carried = None;
            continue;
        }
        let top = text_at(sheet, row, col);
        let (label, group) = if two {
            let sub = text_at(sheet, row + 1, col);
            // Merged across (filled): the next cell repeats the title.
            let merged_top = !top.is_empty() && text_at(sheet, row, col + 1) == top;
            if top.is_empty() && !sub.is_empty() {
                // A group title written once (ods, or unmerged) covers the
                // columns to its right while they have a sub-header.
                (sub, carried.clone())
            } else if !sub.is_empty() && sub != top {
                let g = Some(top.clone());
                carried = if group_of(&top) != Group::Other || merged_top {
                    Some(top.clone())
                } else {
                    None
                };
                (sub, g)
            } else {
                carried = None;
                (top, None)
            }
        } else {
            (top, None)
        };
        if label.is_empty() {
            carried = None;
            continue;
        }
        let mut field = resolve(&label, group.as_deref(), mapping);
        if field.is_none()
            && group.as_deref().is_none_or(|g| group_of(g) == Group::Other)
            && families::is_funder(&label)
            && figures_below(sheet, row + u32::from(two), col)
        {
            // "IFAD loan", "Government", "IDA": a funder heading its own column.
            field = Some(Field::SourceColumn(source_id(&label)));
        }
        columns.push(Column {
            col,
            label,
            group,
            field,
        });
    }
    month_columns(&mut columns, mapping);
    budget_columns(&mut columns, mapping);
    // A field held by two columns: the first keeps it, except source columns.
    let mut seen: Vec<Field> = Vec::new();
    for c in &mut columns {
        if let Some(f) = &c.field {
            if seen.contains(f) && *f != Field::Ignore {
                c.field = None;
            } else {
                seen.push(f.clone());
            }
        }
    }
    let score = seen
        .iter()
        .map(|f| match f {
            Field::Title => 3,
            Field::Ignore => 0,
            _ => 1,
        })
        .sum();
    HeaderFound {
        first: row,
        last: if two { row + 1 } else { row },
        columns,
        score,
    }
}

/// Whether a column holds figures below its header (numbers, amounts as
/// text, blanks): "État" over "En cours", "Réalisé" is no funder column.
fn figures_below(sheet: &Sheet, header: u32, col: u32) -> bool {
    let end = sheet.end_row().min(header + 1 + 500);
    (header + 1..end).all(|r| match sheet.get(r, col) {
        Value::Text(t) => {
            is_blankish(sheet.get(r, col))
                || money::parse_decimal_text(t).is_ok()
                || is_total(&fold(t))
                || section(t).is_some()
        }
        _ => true,
    })
}

/// Twelve adjacent columns headed by the months in order (full, abbreviated
/// or one-letter names, French or English) are a monthly chronogram.
fn month_columns(columns: &mut [Column], mapping: Option<&Mapping>) {
    let mut i = 0;
    while i + 12 <= columns.len() {
        let run = &columns[i..i + 12];
        let adjacent = run.windows(2).all(|w| w[1].col == w[0].col + 1);
        let labels: Vec<String> = run.iter().map(|c| fold(&c.label)).collect();
        let mapped = run
            .iter()
            .any(|c| mapping.is_some_and(|m| m.field(&c.label).is_some()));
        if adjacent && !mapped && families::month_run(&labels) {
            for (k, c) in columns[i..i + 12].iter_mut().enumerate() {
                c.field = Some(Field::Month(k as u8 + 1));
            }
            i += 12;
        } else {
            i += 1;
        }
    }
}

/// Several budget columns ("Budget 2024" and "Budget révisé 2024"): the
/// revised one is the budget, the other is kept as the initial budget.
fn budget_columns(columns: &mut [Column], mapping: Option<&Mapping>) {
    let stated = |c: &Column| mapping.is_some_and(|m| m.field(&c.label).is_some());
    let kinds: Vec<Option<families::BudgetKind>> = columns
        .iter()
        .map(|c| match c.field {
            Some(Field::Amount) if !stated(c) => families::budget_kind(&c.shown()),
            _ => None,
        })
        .collect();
    let revised = kinds.contains(&Some(families::BudgetKind::Revised));
    let initial = kinds.contains(&Some(families::BudgetKind::Initial));
    if revised {
        for (c, k) in columns.iter_mut().zip(kinds) {
            match k {
                Some(families::BudgetKind::Initial) if initial => c.field = Some(Field::Initial),
                Some(families::BudgetKind::Revised) => {}
                // Another amount column beside a revised budget: not the budget.
                _ if c.field == Some(Field::Amount) && !stated(c) => c.field = Some(Field::Ignore),
                _ => {}
            }
        }
    }
}

fn find_header(sheet: &Sheet, mapping: Option<&Mapping>) -> Option<HeaderFound> {
    if let Some(r) = mapping.and_then(|m| m.header_row) {
        let one = header_at(sheet, r, false, mapping);
        let two = if r > 0 {
            Some(header_at(sheet, r - 1, true, mapping))
        } else {
            None
        };
        return Some(match two {
            Some(t) if t.score > one.score => t,
            _ => one,
        });
    }
    let mut best: Option<HeaderFound> = None;
    let start = sheet.origin.0;
    for row in start..(start + HEADER_SEARCH).min(sheet.end_row()) {
        for two in [false, true] {
            // A blank row above is no header row.
            if two && (sheet.origin.1..sheet.end_col()).all(|c| text_at(sheet, row, c).is_empty()) {
                continue;
            }
            let h = header_at(sheet, row, two, mapping);
            let has_title = h.columns.iter().any(|c| c.field == Some(Field::Title));
            if !has_title || h.score < 4 {
                continue;
            }
            if best.as_ref().is_none_or(|b| h.score > b.score) {
                best = Some(h);
            }
        }
    }
    best
}

/// "Budget de l'État" → "ETAT", "UNICEF" → "UNICEF", "Banque mondiale" → "BANQUE_MONDIALE".
pub fn source_id(label: &str) -> String {
    let f = strip_currency(&fold(label));
    let words: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    if has("etat")
        || has("tresor")
        || has("gouvernement")
        || has("government")
        || has("govt")
        || f.contains("budget national")
        || f == "bn"
        || f == "bge"
    {
        return "ETAT".into();
    }
    if has("gap")
        || f.contains("a rechercher")
        || f.contains("a mobiliser")
        || f.contains("non acquis")
    {
        return "GAP".into();
    }
    let stop = [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "et",
        "contribution",
        "financement",
        "montant",
        "apport",
        "part",
        "budget",
        "source",
    ];
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !stop.contains(w))
        .map(|w| w.to_uppercase())
        .collect();
    let mut id = if kept.is_empty() {
        words
            .iter()
            .map(|w| w.to_uppercase())
            .collect::<Vec<_>>()
            .join("_")
    } else {
        kept.join("_")
    };
    id.retain(|c| c.is_alphanumeric() || c == '_');
    if id.chars().count() > 32 {
        id = id.chars().take(32).collect();
    }
    if id.is_empty() { "SOURCE".into() } else { id }
}

fn status_of(label: &str) -> FundingStatus {
    let f = fold(label);
    if f.contains("rechercher")
        || f.contains("gap")
        || f.contains("mobiliser")
        || f.contains("non acquis")
        || f.contains("non finance")
    {
        FundingStatus::Unfunded
    } else if f.contains("promis") || f.contains("annonce") || f.contains("attendu") {
        FundingStatus::Pledged
    } else {
        FundingStatus::Secured
    }
}

/// Roman numerals I..XX → number.
fn roman(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

/// A section label split: "AXE STRATÉGIQUE 1 : PRÉVENTION" → (Axis, Some("1"), "PRÉVENTION").
#[derive(Debug, Clone, PartialEq, Eq)]
enum Level {
    Axis,
    Action,
}

fn section(text: &str) -> Option<(Level, Option<String>, String)> {
    let t = text.trim();
    let lower = fold(t);
    let prefixes: &[(&str, Level)] = &[
        ("axe strategique", Level::Axis),
        ("axes strategiques", Level::Axis),
        ("axe", Level::Axis),
        ("orientation strategique", Level::Axis),
        ("programme", Level::Axis),
        ("pilier", Level::Axis),
        ("domaine", Level::Axis),
        ("objectif strategique", Level::Axis),
        ("composante", Level::Axis),
        ("component", Level::Axis),
        ("os", Level::Axis),
        ("effet", Level::Axis),
        ("outcome", Level::Axis),
        ("action", Level::Action),
        ("objectif specifique", Level::Action),
        ("sous programme", Level::Action),
        ("sous composante", Level::Action),
        ("sub component", Level::Action),
        ("subcomponent", Level::Action),
        ("resultat", Level::Action),
        ("produit", Level::Action),
        ("output", Level::Action),
    ];
    let (prefix, level) = prefixes
        .iter()
        .find(|(p, _)| lower == *p || lower.starts_with(&format!("{p} ")))?;
    // Skip as many words of the original text as the prefix has.
    let n = prefix.split(' ').count();
    let mut rest = t;
    for _ in 0..n {
        rest = rest.trim_start();
        let cut = rest
            .find(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .unwrap_or(rest.len());
        rest = &rest[cut..];
        rest = rest.trim_start_matches(['\'', '’']);
    }
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    // Optional number: "1", "1.2", "II", "n°1".
    let rest = rest
        .strip_prefix("n°")
        .or_else(|| rest.strip_prefix("N°"))
        .unwrap_or(rest)
        .trim_start();
    let num_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let candidate = rest[..num_len].trim_end_matches('.');
    let (code, after) = if !candidate.is_empty()
        && candidate.chars().next().is_some_and(|c| c.is_ascii_digit())
        && candidate.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        (Some(candidate.to_string()), &rest[num_len..])
    } else if let Some(n) = roman(candidate).filter(|_| candidate.len() <= 5) {
        (Some(n.to_string()), &rest[num_len..])
    } else {
        (None, rest)
    };
    // "OS" is a section only with its number ("OS 1 : …").
    if *prefix == "os" && code.is_none() {
        return None;
    }
    let title = after
        .trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '.' | ')' | '/')
        })
        .trim()
        .to_string();
    Some((level.clone(), code, title))
}

/// What a total row closes.
#[derive(Debug, Clone)]
enum Scope {
    Plan,
    Axis(usize),
    Action(usize),
    /// Data rows `start..end` (indexes into the data rows seen).
    Rows(usize, usize),
}

struct TotalRow {
    row: u32,
    label: String,
    scope: Scope,
    values: Vec<(u32, Decimal)>,
}

/// A data row's money cells, for the total checks.
struct DataRow {
    axis: usize,
    action: usize,
    values: Vec<(u32, Decimal)>,
}

fn is_total(f: &str) -> bool {
    let f = f.trim();
    f == "total"
        || f.starts_with("total ")
        || f.starts_with("sous total")
        || f.starts_with("s total")
        || f.starts_with("grand total")
        || f.starts_with("montant total")
        || f.starts_with("cout total")
}

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
                let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
                diags.push(Diagnostic::error(
                    Code::MissingKey,
                    Loc::File(file),
                    tr!(
                        lang,
                        "pas de feuille « {} » dans le classeur (feuilles : {})",
                        "no sheet \"{}\" in the workbook (sheets: {})",
                        name,
                        names.join(", ")
                    ),
                ));
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
                    tr!(
                        lang,
                        "feuille(s) masquée(s) ignorée(s) : {} (--sheet pour en lire une)",
                        "hidden sheet(s) skipped: {} (--sheet to read one)",
                        skipped.join(", ")
                    ),
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
                            lang.pick(
                                "le classeur n'a aucune feuille",
                                "the workbook has no sheet",
                            )
                            .to_string(),
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

/// The field names of a header, for comparing the layouts of sheets.
fn signature(h: &HeaderFound) -> Vec<String> {
    let mut s: Vec<String> = h
        .columns
        .iter()
        .filter_map(|c| match &c.field {
            Some(Field::SourceColumn(_)) => Some("source:".to_string()),
            Some(Field::Ignore) | None => None,
            Some(f) => Some(f.name()),
        })
        .collect();
    s.sort();
    s.dedup();
    s
}

/// The axis a sheet stands for: a title line "Programme 1 : …" above its
/// header, else its name ("Programme 1", "Axe 2").
fn sheet_axis_named(sheet: &Sheet, header: &HeaderFound) -> bool {
    let numbered = |t: &str| matches!(section(t), Some((Level::Axis, Some(_), _)));
    (sheet.origin.0..header.first)
        .any(|r| (sheet.origin.1..sheet.end_col()).any(|c| numbered(&text_at(sheet, r, c))))
        || numbered(&sheet.name)
}

/// One sheet per axis or programme: the mapping's `sheets`, else every
/// sheet laid out like the best one when there are two or more and each
/// names its axis. `None`: read one sheet.
fn per_axis_sheets<'b>(
    book: &'b Book,
    mapping: Option<&Mapping>,
    file: FileId,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(&'b Sheet, HeaderFound)>> {
    if let Some(names) = mapping.and_then(|m| m.sheets.as_ref()) {
        let mut out = Vec::new();
        for n in names {
            let Some(s) = book.sheet(&[n.as_str()]) else {
                let all: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
                diags.push(Diagnostic::error(
                    Code::MissingKey,
                    Loc::File(file),
                    tr!(
                        lang,
                        "pas de feuille « {} » dans le classeur (feuilles : {})",
                        "no sheet \"{}\" in the workbook (sheets: {})",
                        n,
                        all.join(", ")
                    ),
                ));
                return Some(Vec::new());
            };
            match find_header(s, mapping) {
                Some(h) => out.push((s, h)),
                None => {
                    no_header(s, file, mapping, lang, diags);
                    return Some(Vec::new());
                }
            }
        }
        return Some(out);
    }
    let found: Vec<(&Sheet, HeaderFound)> = book
        .sheets
        .iter()
        .filter(|s| !s.hidden)
        .filter_map(|s| find_header(s, mapping).map(|h| (s, h)))
        .collect();
    let best = found.iter().max_by_key(|(_, h)| h.score)?;
    let sig = signature(&best.1);
    let same: Vec<(&Sheet, HeaderFound)> = found
        .iter()
        .filter(|(_, h)| signature(h) == sig)
        .cloned()
        .collect();
    (same.len() >= 2 && same.iter().all(|(s, h)| sheet_axis_named(s, h))).then_some(same)
}

/// Reads several sheets into one plan, each sheet an axis; then checks the
/// other sheets that recap the axes' totals.
#[allow(clippy::too_many_arguments)]
fn read_sheets(
    book: &Book,
    sheets: &[(&Sheet, HeaderFound)],
    path: &Path,
    file: FileId,
    mapping: Option<&Mapping>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
    plan: &mut Plan,
) -> Vec<SheetReport> {
    let mut reports = Vec::new();
    if sheets.is_empty() {
        return reports;
    }
    for (sheet, header) in sheets {
        let mut rd = Reading::new(sheet, file, lang, diags);
        let mut b = Builder::new(plan, header, mapping);
        b.multi = true;
        reports.push(b.run(&mut rd, path));
    }
    let names: Vec<String> = sheets.iter().map(|(s, _)| s.name.clone()).collect();
    diags.push(Diagnostic::warning(
        Code::ImportNote,
        Loc::File(file),
        tr!(
            lang,
            "plan lu sur {} feuilles, une par axe : {}",
            "plan read from {} sheets, one per axis: {}",
            names.len(),
            names.join(", ")
        ),
    ));
    let read: HashSet<u16> = sheets.iter().map(|(s, _)| s.index).collect();
    for s in book.sheets.iter().filter(|s| !read.contains(&s.index)) {
        recap(s, plan, file, mapping, lang, diags);
    }
    reports
}

/// A recap sheet ("Programme 1 : … | 26,5", "Total | 52,9"): each figure it
/// gives for an axis, or for the whole plan, must be what the sheets add up
/// to, give or take the rounding of its last written decimal.
fn recap(
    sheet: &Sheet,
    plan: &Plan,
    file: FileId,
    mapping: Option<&Mapping>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let mut by_axis: HashMap<&str, Decimal> = HashMap::new();
    let action_axis: HashMap<&str, &str> = plan
        .actions
        .iter()
        .map(|a| (a.id.as_str(), a.axis.as_str()))
        .collect();
    let mut total = Decimal::ZERO;
    for a in &plan.activities {
        let t: Decimal = a.budget.iter().map(BudgetLine::total).sum();
        total += t;
        if let Some(ax) = action_axis.get(a.action.as_str()) {
            *by_axis.entry(ax).or_default() += t;
        }
    }
    let banner_scale = (sheet.origin.0..sheet.end_row().min(sheet.origin.0 + HEADER_SEARCH))
        .flat_map(|r| (sheet.origin.1..sheet.end_col()).map(move |c| (r, c)))
        .find_map(|(r, c)| match sheet.get(r, c) {
            Value::Text(t) if !t.chars().any(|x| x.is_ascii_digit()) || t.len() > 12 => {
                families::scale_of(t).map(|d| (r, d))
            }
            _ => None,
        });
    let cur = &plan.currency;
    let mut checked = 0;
    for r in sheet.origin.0..sheet.end_row() {
        let mut label: Option<(u32, String)> = None;
        let mut figure: Option<(u32, Decimal)> = None;
        for c in sheet.origin.1..sheet.end_col() {
            match sheet.get(r, c) {
                Value::Text(t) if label.is_none() && !t.trim().is_empty() => {
                    label = Some((c, t.trim().to_string()));
                }
                v @ Value::Number(Some(_)) => figure = quiet_number(v).map(|d| (c, d)),
                _ => {}
            }
        }
        let (Some((_, text)), Some((fc, value))) = (label, figure) else {
            continue;
        };
        let (what, computed) = if is_total(&fold(&text)) {
            (text.clone(), total)
        } else if let Some((Level::Axis, Some(code), _)) = section(&text)
            && let Some(v) = by_axis.get(code.as_str())
        {
            (text.clone(), *v)
        } else {
            continue;
        };
        // The unit: mapping, else a header above the figure, else a title.
        let scale = mapping
            .and_then(|m| m.scale)
            .map(Decimal::from)
            .or_else(|| {
                (sheet.origin.0..r)
                    .rev()
                    .find_map(|x| match sheet.get(x, fc) {
                        Value::Text(t) => families::scale_of(t),
                        _ => None,
                    })
            })
            .or(banner_scale.filter(|(br, _)| *br < r).map(|(_, d)| d))
            .unwrap_or(Decimal::ONE);
        let declared = value * scale;
        let places = value.normalize().scale();
        let tolerance = scale * Decimal::new(5, places + 1);
        let tolerance = if scale == Decimal::ONE {
            Decimal::ZERO
        } else {
            tolerance
        };
        checked += 1;
        if (declared - computed).abs() <= tolerance {
            continue;
        }
        let loc = Loc::Cell {
            file,
            sheet: sheet.index,
            row: r,
            col: fc,
        };
        let msg = tr!(
            lang,
            "la feuille récapitulative indique {} pour « {} » (ligne {}), les feuilles du plan donnent {} (écart {})",
            "the recap sheet says {} for \"{}\" (row {}), the plan's sheets give {} (difference {})",
            money::format_amount(declared, cur, lang),
            what,
            r + 1,
            money::format_amount(computed, cur, lang),
            money::format_amount(declared - computed, cur, lang)
        );
        if mapping.is_some_and(|m| m.totals_warning) {
            diags.push(Diagnostic::warning(Code::SubtotalMismatch, loc, msg));
        } else {
            diags.push(
                Diagnostic::error(Code::TotalMismatch, loc, msg).with_help(lang.pick(
                    "corriger la feuille fautive ou le récapitulatif ; si c'est le récapitulatif qui est faux, le confirmer dans un fichier --mapping : totals = \"warning\"",
                    "fix the wrong sheet or the recap; if the recap is what is wrong, confirm it in a --mapping file: totals = \"warning\"",
                )),
            );
        }
    }
    if checked > 0 {
        diags.push(Diagnostic::warning(
            Code::ImportNote,
            Loc::File(file),
            tr!(
                lang,
                "feuille récapitulative « {} » : {} total(aux) comparé(s) aux feuilles du plan (elle n'est pas lue comme un plan)",
                "recap sheet \"{}\": {} total(s) compared with the plan's sheets (it is not read as a plan)",
                sheet.name,
                checked
            ),
        ));
    }
}

/// The likeliest header row of a sheet when none is recognised: the most
/// recognised headers, then the most text cells; and that score.
fn likeliest(sheet: &Sheet, mapping: Option<&Mapping>) -> (u32, (usize, usize)) {
    let start = sheet.origin.0;
    let end_col = sheet.end_col();
    (start..(start + HEADER_SEARCH).min(sheet.end_row()))
        .map(|r| {
            let texts = (sheet.origin.1..end_col)
                .filter(|&c| matches!(sheet.get(r, c), Value::Text(_)))
                .count();
            let known = if texts == 0 {
                0
            } else {
                header_at(sheet, r, false, mapping)
                    .columns
                    .iter()
                    .filter(|c| c.field.as_ref().is_some_and(|f| *f != Field::Ignore))
                    .count()
            };
            (r, (known, texts))
        })
        .max_by_key(|(r, score)| (*score, std::cmp::Reverse(*r)))
        .unwrap_or((start, (0, 0)))
}

/// The error when no header row can be recognised: the headers found (the
/// best candidate row) and the fields expected.
fn no_header(
    sheet: &Sheet,
    file: FileId,
    mapping: Option<&Mapping>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let (row, _) = likeliest(sheet, mapping);
    let h = header_at(sheet, row, false, mapping);
    // Each header whole (a header of a hostile file is cut at 80 characters),
    // at most 60 of them: the list is never cut in the middle of a word.
    let short = |t: &str| -> String {
        if t.chars().count() > 80 {
            format!("{}…", t.chars().take(80).collect::<String>())
        } else {
            t.to_string()
        }
    };
    let found: Vec<String> = h
        .columns
        .iter()
        .take(60)
        .map(|c| format!("« {} »", short(&c.label)))
        .collect();
    let recognised: Vec<String> = h
        .columns
        .iter()
        .take(60)
        .filter_map(|c| {
            c.field
                .as_ref()
                .map(|f| format!("« {} » → {}", short(&c.label), f.name()))
        })
        .collect();
    let d = Diagnostic::error(
        Code::MissingKey,
        Loc::Cell {
            file,
            sheet: sheet.index,
            row,
            col: sheet.origin.1,
        },
        tr!(
            lang,
            "feuille {} : aucune ligne d'en-tête reconnue (il faut au moins la colonne de l'intitulé de l'activité) ; la ligne {} est la plus probable",
            "sheet {}: no header row recognised (at least the activity title column is needed); row {} is the likeliest",
            short(&sheet.name),
            row + 1
        ),
    )
    .with_help(tr!(
        lang,
        "en-têtes trouvés ligne {} : {} — reconnus : {} — champs attendus : {} — donner les correspondances avec --mapping FICHIER.toml, section [columns] (\"En-tête\" = \"title\"), voir docs/import.md",
        "headers found on row {}: {} — recognised: {} — expected fields: {} — give the correspondences with --mapping FILE.toml, section [columns] (\"Header\" = \"title\"), see docs/import.md",
        row + 1,
        if found.is_empty() {
            "—".to_string()
        } else {
            found.join(", ")
        },
        if recognised.is_empty() {
            "—".to_string()
        } else {
            recognised.join(", ")
        },
        super::mapping::FIELD_NAMES.join(", ")
    ));
    diags.push(d);
}

struct Builder<'a> {
    plan: &'a mut Plan,
    header: &'a HeaderFound,
    mapping: Option<&'a Mapping>,
    by_field: Vec<(Field, u32)>,
    /// Current axis and action (indexes in plan.axes / plan.actions).
    axis: Option<usize>,
    action: Option<usize>,
    /// The activity the next continuation row adds to.
    last_activity: Option<usize>,
    /// The code cell as written on the last activity's first row.
    last_code: Option<String>,
    implicit_actions: bool,
    data: Vec<DataRow>,
    totals: Vec<TotalRow>,
    /// First data-row index since the last total row.
    since_total: usize,
    money_cols: Vec<u32>,
    currency_hint: Option<&'static str>,
    /// Indexes, so that no step is linear in the plan's size.
    source_by_label: HashMap<String, String>,
    source_ids: HashSet<String>,
    axis_index: HashMap<String, usize>,
    action_index: HashMap<String, usize>,
    actions_per_axis: HashMap<String, usize>,
    activities_per_action: HashMap<String, usize>,
    /// The last row with an activity title (total rows after it close the plan).
    last_title_row: u32,
    /// One past the sheet's last column (computed once: it scans every row).
    end_col: u32,
    /// Columns whose figures are in thousands or millions.
    scales: HashMap<u32, Decimal>,
    /// The scale stated above the table (or in the mapping): value, where.
    table_scale: Option<(Decimal, String)>,
    /// Hidden rows below the header, skipped.
    hidden_skipped: Vec<u32>,
    /// "Résultat" opens an axis when "Produit" rows open actions.
    resultat_is_axis: bool,
    /// The current action comes from the dotted code of an activity.
    action_from_code: bool,
    /// Reading one sheet of several (the sheet gives the axis).
    pub multi: bool,
    /// How each level was found.
    levels: Vec<(String, String)>,
    /// Dotted codes that other rows' codes extend, and the deepest code.
    parent_codes: HashSet<String>,
    code_depth: usize,
    /// The sheet's own total rows disagreeing with the rows are errors.
    totals_error: bool,
}

impl<'a> Builder<'a> {
    fn new(plan: &'a mut Plan, header: &'a HeaderFound, mapping: Option<&'a Mapping>) -> Self {
        let by_field: Vec<(Field, u32)> = header
            .columns
            .iter()
            .filter_map(|c| c.field.clone().map(|f| (f, c.col)))
            .collect();
        let money_cols = by_field
            .iter()
            .filter(|(f, _)| matches!(f, Field::Amount | Field::SourceColumn(_) | Field::Initial))
            .map(|(_, c)| *c)
            .collect();
        Builder {
            plan,
            header,
            mapping,
            by_field,
            axis: None,
            action: None,
            last_activity: None,
            last_code: None,
            implicit_actions: false,
            data: Vec::new(),
            totals: Vec::new(),
            since_total: 0,
            money_cols,
            currency_hint: None,
            source_by_label: HashMap::new(),
            source_ids: HashSet::new(),
            axis_index: HashMap::new(),
            action_index: HashMap::new(),
            actions_per_axis: HashMap::new(),
            activities_per_action: HashMap::new(),
            last_title_row: 0,
            end_col: 0,
            scales: header
                .columns
                .iter()
                .filter(|c| {
                    matches!(
                        c.field,
                        Some(
                            Field::Amount
                                | Field::SourceColumn(_)
                                | Field::UnitCost
                                | Field::Initial
                        )
                    )
                })
                .filter_map(|c| families::scale_of(&c.shown()).map(|d| (c.col, d)))
                .collect(),
            table_scale: None,
            hidden_skipped: Vec::new(),
            resultat_is_axis: false,
            action_from_code: false,
            multi: false,
            levels: Vec::new(),
            parent_codes: HashSet::new(),
            code_depth: 0,
            totals_error: !mapping.is_some_and(|m| m.totals_warning),
        }
    }

    /// Two budget columns of different years ("Budget 2024", "Budget
    /// 2025") and no revised one: which is the plan's budget is not proven
    /// (the second one would be left out without a word): refused.
    fn unproven_budget(&self, rd: &mut Reading<'_, '_>) {
        let Some(ac) = self.col(&Field::Amount) else {
            return;
        };
        // The mapping named the budget column: the user chose.
        let chosen = self.header.columns.iter().any(|c| {
            c.col == ac
                && self
                    .mapping
                    .is_some_and(|m| m.field(&c.label).is_some() || m.field(&c.shown()).is_some())
        });
        if chosen {
            return;
        }
        let lang = rd.lang;
        let read = self.column_label(ac);
        for c in &self.header.columns {
            if c.field.is_some()
                || self.mapping.is_some_and(|m| m.field(&c.label).is_some())
                || families::budget_kind(&c.shown()).is_none()
            {
                continue;
            }
            rd.error(
                Code::InvalidValue,
                self.header.last,
                c.col,
                tr!(
                    lang,
                    "deux colonnes de budget, « {} » et « {} » : laquelle est le budget du plan {} n'est pas dit",
                    "two budget columns, \"{}\" and \"{}\": which is the budget of the {} plan is not said",
                    read,
                    c.shown(),
                    self.plan.year
                ),
            );
            if let Some(d) = rd.diags.last_mut() {
                d.help = Some(tr!(
                    lang,
                    "le dire dans un fichier --mapping : [columns] \"{}\" = \"amount\" et \"{}\" = \"initial\" (ou \"ignore\")",
                    "say it in a --mapping file: [columns] \"{}\" = \"amount\" and \"{}\" = \"initial\" (or \"ignore\")",
                    c.label,
                    self.header
                        .columns
                        .iter()
                        .find(|x| x.col == ac)
                        .map(|x| x.label.clone())
                        .unwrap_or_default()
                ));
            }
        }
    }

    /// One sheet of several: the axis is the one its title line names
    /// ("Programme 1 : Productions végétales"), else its sheet name.
    fn sheet_axis(&mut self, rd: &mut Reading<'_, '_>) {
        let sheet = rd.sheet;
        let mut found = None;
        'rows: for r in sheet.origin.0..self.header.first {
            for c in sheet.origin.1..sheet.end_col() {
                let t = text_at(sheet, r, c);
                if let Some((Level::Axis, code, title)) = section(&t)
                    && code.is_some()
                {
                    found = Some((r, c, code, title));
                    break 'rows;
                }
            }
        }
        let (r, c, code, title) = match found {
            Some(f) => f,
            None => match section(&sheet.name) {
                Some((Level::Axis, code, title)) => (
                    self.header.first,
                    sheet.origin.1,
                    code,
                    if title.is_empty() {
                        sheet.name.clone()
                    } else {
                        title
                    },
                ),
                _ => (self.header.first, sheet.origin.1, None, sheet.name.clone()),
            },
        };
        let lang = rd.lang;
        let how = tr!(
            lang,
            "une feuille par axe (« {} » : « {} »)",
            "one sheet per axis (\"{}\": \"{}\")",
            sheet.name,
            title
        );
        self.level_note(lang.pick("axes", "axes"), how);
        self.open_axis(rd, r, c, code, title);
    }

    /// Hidden rows and columns that held something: skipped, and said.
    fn report_skipped(&self, rd: &mut Reading<'_, '_>) {
        let lang = rd.lang;
        let sheet = rd.sheet;
        let cols: Vec<u32> = sheet
            .hidden_cols
            .iter()
            .copied()
            .filter(|&c| {
                (self.header.first..=self.header.last).any(|r| !sheet.get(r, c).is_empty())
            })
            .collect();
        if !cols.is_empty() {
            let names: Vec<String> = cols
                .iter()
                .map(|&c| {
                    format!(
                        "{} « {} »",
                        col_name(c),
                        text_at(sheet, self.header.last, c)
                    )
                })
                .collect();
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, cols[0]),
                tr!(
                    lang,
                    "colonne(s) masquée(s) ignorée(s) : {}",
                    "hidden column(s) skipped: {}",
                    names.join(", ")
                ),
            ));
        }
        if let Some(&first) = self.hidden_skipped.first() {
            let rows: Vec<String> = self
                .hidden_skipped
                .iter()
                .map(|r| (r + 1).to_string())
                .collect();
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(first, self.header.columns[0].col),
                tr!(
                    lang,
                    "ligne(s) masquée(s) ignorée(s) : {}",
                    "hidden row(s) skipped: {}",
                    rows.join(", ")
                ),
            ));
        }
    }

    /// Carries on a plan already holding other sheets' axes, actions and
    /// sources (one sheet per axis or programme).
    fn seed(&mut self) {
        for (i, a) in self.plan.axes.iter().enumerate() {
            self.axis_index.insert(a.id.clone(), i);
        }
        for (i, a) in self.plan.actions.iter().enumerate() {
            self.action_index.insert(a.id.clone(), i);
            *self.actions_per_axis.entry(a.axis.clone()).or_default() += 1;
        }
        for a in &self.plan.activities {
            *self
                .activities_per_action
                .entry(a.action.clone())
                .or_default() += 1;
        }
        for s in &self.plan.sources {
            self.source_ids.insert(s.id.clone());
            self.source_by_label.insert(s.name.clone(), s.id.clone());
        }
    }

    /// The scale of the money columns: the mapping's, else the one a title
    /// or note above the table states, else each column's own header. A
    /// title and a header that state two different scales are an error.
    fn settle_scale(&mut self, rd: &mut Reading<'_, '_>) {
        let lang = rd.lang;
        let money: Vec<u32> = self
            .header
            .columns
            .iter()
            .filter(|c| {
                matches!(
                    c.field,
                    Some(Field::Amount | Field::SourceColumn(_) | Field::UnitCost | Field::Initial)
                )
            })
            .map(|c| c.col)
            .collect();
        if let Some(s) = self.mapping.and_then(|m| m.scale) {
            let d = Decimal::from(s);
            self.table_scale = Some((d, "--mapping (scale)".into()));
            for &c in &money {
                self.scales.insert(c, d);
            }
            self.scales.retain(|_, v| *v != Decimal::ONE);
            return;
        }
        let sheet = rd.sheet;
        let mut found: Option<(Decimal, u32, u32, String)> = None;
        'rows: for r in sheet.origin.0..self.header.first {
            for c in sheet.origin.1..sheet.end_col() {
                let t = text_at(sheet, r, c);
                if let Some(d) = families::scale_of(&t) {
                    found = Some((d, r, c, t));
                    break 'rows;
                }
            }
        }
        let Some((d, r, c, text)) = found else { return };
        for &col in &money {
            match self.scales.get(&col) {
                Some(own) if *own != d => {
                    let label = self.column_label(col);
                    rd.error(
                        Code::InvalidValue,
                        r,
                        c,
                        tr!(
                            lang,
                            "deux unités différentes : « {} » (ligne {}) dit ×{}, l'en-tête « {} » dit ×{}",
                            "two different units: \"{}\" (row {}) says ×{}, the header \"{}\" says ×{}",
                            text,
                            r + 1,
                            d,
                            label,
                            own
                        ),
                    );
                    if let Some(last) = rd.diags.last_mut() {
                        last.help = Some(
                            lang.pick(
                                "corriger le titre ou l'en-tête, ou dire l'unité dans un fichier --mapping : scale = 1000",
                                "fix the title or the header, or state the unit in a --mapping file: scale = 1000",
                            )
                            .to_string(),
                        );
                    }
                }
                _ => {
                    self.scales.insert(col, d);
                }
            }
        }
        self.table_scale = Some((
            d,
            format!("« {} » ({} {})", text, lang.pick("ligne", "row"), r + 1),
        ));
    }

    fn col(&self, f: &Field) -> Option<u32> {
        self.by_field.iter().find(|(x, _)| x == f).map(|(_, c)| *c)
    }

    fn source_cols(&self) -> Vec<(String, u32)> {
        self.by_field
            .iter()
            .filter_map(|(f, c)| match f {
                Field::SourceColumn(id) => Some((id.clone(), *c)),
                _ => None,
            })
            .collect()
    }

    fn column_label(&self, col: u32) -> String {
        self.header
            .columns
            .iter()
            .find(|c| c.col == col)
            .map(Column::shown)
            .unwrap_or_default()
    }

    fn run(mut self, rd: &mut Reading<'_, '_>, path: &Path) -> SheetReport {
        let lang = rd.lang;
        let before = (
            self.plan.axes.len(),
            self.plan.actions.len(),
            self.plan.activities.len(),
        );
        self.seed();
        if self.plan.title.is_empty() {
            self.meta(rd, path);
        }
        self.settle_scale(rd);
        self.unproven_budget(rd);
        if self.multi {
            self.sheet_axis(rd);
        }
        // Sources of funder columns, in column order.
        for c in &self.header.columns {
            if let Some(Field::SourceColumn(id)) = &c.field {
                let name = c.label.clone();
                self.add_source(id, &name, rd.loc(self.header.last, c.col));
            }
        }
        let end = rd.sheet.end_row();
        self.end_col = rd.sheet.end_col();
        if let Some(tc) = self.col(&Field::Title) {
            self.last_title_row = (self.header.last + 1..end)
                .rev()
                .find(|&x| {
                    let t = text_at(rd.sheet, x, tc);
                    !t.is_empty() && !is_total(&fold(&t))
                })
                .unwrap_or(0);
        }
        if let Some(tc) = self.col(&Field::Title) {
            self.resultat_is_axis = (self.header.last + 1..end).any(|r| {
                let f = fold(&text_at(rd.sheet, r, tc));
                [
                    "produit ",
                    "output ",
                    "sous composante ",
                    "subcomponent ",
                    "sub component ",
                ]
                .iter()
                .any(|p| f.starts_with(p))
            });
        }
        // Dotted codes that others extend ("1" and "1.2" above "1.2.3"):
        // parent rows, whatever their title says.
        if let Some(cc) = self.col(&Field::Code) {
            let codes: Vec<String> = (self.header.last + 1..end)
                .filter(|&r| !rd.sheet.row_hidden(r))
                .filter_map(|r| dotted(&text_at(rd.sheet, r, cc)))
                .collect();
            self.code_depth = codes
                .iter()
                .map(|c| c.split('.').count())
                .max()
                .unwrap_or(0);
            for c in &codes {
                let mut parts: Vec<&str> = c.split('.').collect();
                while parts.len() > 1 {
                    parts.pop();
                    self.parent_codes.insert(parts.join("."));
                }
            }
        }
        for r in self.header.last + 1..end {
            if rd.sheet.row_hidden(r) {
                if (self.header.columns.iter()).any(|c| !rd.get(r, c.col).is_empty()) {
                    self.hidden_skipped.push(r);
                }
                continue;
            }
            self.row(rd, r);
        }
        self.report_skipped(rd);
        for c in &self.header.columns {
            if c.field.is_none() && c.group.is_none() && families::is_funder(&c.label) {
                rd.diags.push(Diagnostic::warning(
                    Code::ImportNote,
                    rd.loc(self.header.last, c.col),
                    tr!(
                        lang,
                        "« {} » nomme un financeur, mais la colonne contient du texte : elle n'est pas lue comme montants ; pour la lire : --mapping, [columns] \"{}\" = \"source:{}\"",
                        "\"{}\" names a funder, but the column holds text: it is not read as amounts; to read it: --mapping, [columns] \"{}\" = \"source:{}\"",
                        c.label,
                        c.label,
                        source_id(&c.label)
                    ),
                ));
            }
        }
        if let (Some(ic), Some(ac)) = (self.col(&Field::Initial), self.col(&Field::Amount)) {
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, ac),
                tr!(
                    lang,
                    "deux budgets : « {} » est le budget, « {} » est gardé comme budget initial (initial) ; pour un autre choix, --mapping : [columns] \"{}\" = \"amount\"",
                    "two budgets: \"{}\" is the budget, \"{}\" is kept as the initial budget (initial); for another choice, --mapping: [columns] \"{}\" = \"amount\"",
                    self.column_label(ac),
                    self.column_label(ic),
                    self.column_label(ic)
                ),
            ));
        }
        if let Some((d, origin)) = self.table_scale.clone()
            && d != Decimal::ONE
        {
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, self.header.columns[0].col),
                tr!(
                    lang,
                    "unité des montants : {} ; les montants sont multipliés par {}",
                    "unit of the amounts: {}; the amounts are multiplied by {}",
                    origin,
                    money::format_amount(
                        d,
                        &Currency {
                            code: String::new(),
                            decimals: 0
                        },
                        lang
                    )
                    .trim()
                ),
            ));
        } else if !self.scales.is_empty() {
            let mut cols: Vec<(u32, Decimal)> = self.scales.iter().map(|(c, d)| (*c, *d)).collect();
            cols.sort();
            let (c, d) = cols[0];
            let label = self.column_label(c);
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, c),
                tr!(
                    lang,
                    "« {} » : montants en {} ; ils sont multipliés par {}",
                    "\"{}\": amounts in {}; they are multiplied by {}",
                    label,
                    if d == Decimal::from(1000) {
                        lang.pick("milliers", "thousands")
                    } else {
                        lang.pick("millions", "millions")
                    },
                    d
                ),
            ));
        }
        if self.implicit_actions {
            rd.diags.push(Diagnostic::warning(
                Code::ImportNote,
                rd.loc(self.header.last, self.header.columns[0].col),
                lang.pick(
                    "ni colonne ni ligne d'action : une action par axe est créée (code axe.0)",
                    "no action column or row: one action per axis is created (axis id .0)",
                )
                .to_string(),
            ));
        }
        self.check_totals(rd);
        if self.plan.activities.is_empty() {
            let loc = rd.loc(self.header.last, self.header.columns[0].col);
            rd.diags.push(Diagnostic::error(
                Code::MissingKey,
                loc,
                tr!(
                    lang,
                    "feuille {} : aucune activité sous l'en-tête",
                    "sheet {}: no activity below the header",
                    rd.name()
                ),
            ));
        }
        let added = &self.plan.activities[before.2.min(self.plan.activities.len())..];
        let lines = || added.iter().flat_map(|a| a.budget.iter());
        SheetReport {
            sheet: rd.sheet.name.clone(),
            header_rows: (self.header.first + 1, self.header.last + 1),
            columns: self
                .header
                .columns
                .iter()
                .map(|c| ColumnReport {
                    letter: col_name(c.col),
                    label: c.label.clone(),
                    shown: c.shown(),
                    field: c.field.clone(),
                    scale: self.scales.get(&c.col).copied(),
                })
                .collect(),
            levels: self.levels.clone(),
            scale: self.table_scale.clone(),
            axes: self.plan.axes.len() - before.0.min(self.plan.axes.len()),
            actions: self.plan.actions.len() - before.1.min(self.plan.actions.len()),
            activities: added.len(),
            budget: lines().map(BudgetLine::total).sum(),
            initial: lines().filter_map(|l| l.initial).sum(),
            hidden_rows: self.hidden_skipped.iter().map(|r| r + 1).collect(),
            hidden_cols: rd
                .sheet
                .hidden_cols
                .iter()
                .filter(|&&c| c < self.end_col)
                .map(|&c| col_name(c))
                .collect(),
        }
    }

    /// Says once how a level was found (for `ptba inspect`).
    fn level_note(&mut self, key: &str, how: String) {
        if !self.levels.iter().any(|(k, _)| k == key) {
            self.levels.push((key.to_string(), how));
        }
    }

    /// Title, organization, year and currency: the mapping, else the
    /// banner rows above the header, the sheet and file names, the dates.
    fn meta(&mut self, rd: &mut Reading<'_, '_>, path: &Path) {
        let lang = rd.lang;
        let sheet = rd.sheet;
        let mut banners = Vec::new();
        for r in sheet.origin.0..self.header.first {
            let mut seen = HashSet::new();
            for c in sheet.origin.1..sheet.end_col() {
                let t = text_at(sheet, r, c);
                if !t.is_empty() && seen.insert(t.clone()) {
                    banners.push(t);
                }
            }
        }
        let institution = |t: &str| {
            let f = fold(t);
            [
                "ministere",
                "comite",
                "commission",
                "direction",
                "agence",
                "secretariat",
                "cellule",
                "programme",
                "projet",
                "office",
                "institut",
                "conseil",
                "unite",
            ]
            .iter()
            .any(|w| f.split(' ').any(|x| x == *w))
        };
        let plan_word = |t: &str| {
            let f = fold(t);
            f.contains("plan") || f.contains("ptba") || f.contains("pta") || f.contains("budget")
        };
        let m = self.mapping.map(|m| m.plan.clone()).unwrap_or_default();
        self.plan.title = m
            .title
            .or_else(|| banners.iter().find(|t| plan_word(t)).cloned())
            .or_else(|| banners.iter().find(|t| !institution(t)).cloned())
            .unwrap_or_else(|| sheet.name.clone());
        self.plan.organization = m.organization.or_else(|| {
            banners
                .iter()
                .find(|t| institution(t) && **t != self.plan.title)
                .cloned()
        });
        let year_in = |t: &str| -> Option<i32> {
            let b = t.as_bytes();
            (0..b.len().saturating_sub(3)).find_map(|i| {
                let w = &t.get(i..i + 4)?;
                let before = i == 0 || !b[i - 1].is_ascii_digit();
                let after = b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
                let y: i32 = w.parse().ok()?;
                (before
                    && after
                    && w.bytes().all(|c| c.is_ascii_digit())
                    && (1990..=2100).contains(&y))
                .then_some(y)
            })
        };
        let file_name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let year = m
            .year
            .or_else(|| banners.iter().find_map(|t| year_in(t)))
            .or_else(|| year_in(&sheet.name))
            .or_else(|| year_in(&file_name));
        match year {
            Some(y) => self.plan.year = y,
            None => {
                let loc = rd.loc(sheet.origin.0, sheet.origin.1);
                rd.diags.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        loc,
                        lang.pick(
                            "année du plan introuvable (ni dans le titre, ni dans le nom de la feuille ou du fichier)",
                            "plan year not found (neither in the title, nor in the sheet or file name)",
                        )
                        .to_string(),
                    )
                    .with_help(lang.pick(
                        "l'écrire dans le titre (« PTBA 2024 ») ou dans un fichier --mapping : [plan] year = 2024",
                        "write it in the title (\"PTBA 2024\") or in a --mapping file: [plan] year = 2024",
                    )),
                );
            }
        }
        let mut hint_text: Vec<String> = banners.clone();
        hint_text.extend(self.header.columns.iter().map(Column::shown));
        for t in &hint_text {
            let f = fold(t);
            let words: Vec<&str> = f.split(' ').collect();
            let hint = if words.contains(&"fcfa") || f.contains("f cfa") || words.contains(&"xof") {
                Some("XOF")
            } else if words.contains(&"xaf") {
                Some("XAF")
            } else if words.contains(&"gnf") {
                Some("GNF")
            } else if words.contains(&"eur") || words.contains(&"euros") || t.contains('€') {
                Some("EUR")
            } else if words.contains(&"usd") || t.contains('$') {
                Some("USD")
            } else {
                None
            };
            if hint.is_some() {
                self.currency_hint = hint;
                break;
            }
        }
        let code = m
            .currency
            .map(|c| c.trim().to_ascii_uppercase())
            .or(self.currency_hint.map(str::to_string))
            .unwrap_or_else(|| "XOF".into());
        match money::minor_units(&code) {
            Some(d) => self.plan.currency = Currency { code, decimals: d },
            None => {
                let loc = Loc::File(rd.file);
                rd.diags.push(Diagnostic::error(
                    Code::UnknownCurrency,
                    loc,
                    tr!(lang, "devise inconnue `{}`", "unknown currency `{}`", code),
                ));
            }
        }
        self.plan.lang = Some(Lang::Fr);
    }

    fn add_source(&mut self, id: &str, label: &str, loc: Loc) -> String {
        if let Some(id) = self.source_by_label.get(label) {
            return id.clone();
        }
        let mut unique = id.to_string();
        let mut n = 2;
        while self.source_ids.contains(&unique) {
            unique = format!("{id}_{n}");
            n += 1;
        }
        let (name, status) = self
            .mapping
            .and_then(|m| m.sources.get(id).cloned())
            .unwrap_or((None, None));
        self.plan.sources.push(Source {
            id: unique.clone(),
            name: name.unwrap_or_else(|| label.to_string()),
            status: status.unwrap_or_else(|| status_of(label)),
            loc,
        });
        self.source_ids.insert(unique.clone());
        self.source_by_label
            .insert(label.to_string(), unique.clone());
        unique
    }

    /// Texts of the row's non-money cells, and whether any money cell has a value.
    fn row(&mut self, rd: &mut Reading<'_, '_>, r: u32) {
        let sheet = rd.sheet;
        let cols: Vec<u32> = self.header.columns.iter().map(|c| c.col).collect();
        let money: HashSet<u32> = self.money_cols.iter().copied().collect();
        let texts: Vec<(u32, String)> = (sheet.origin.1..self.end_col)
            .filter(|c| !money.contains(c) && !sheet.col_hidden(*c))
            .filter_map(|c| {
                let v = sheet.get(r, c);
                matches!(v, Value::Text(_)).then(|| (c, v.text()))
            })
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let any_value = cols.iter().any(|&c| !is_blankish(sheet.get(r, c))) || !texts.is_empty();
        if !any_value {
            return;
        }
        // Total rows.
        if let Some((_, label)) = texts.iter().find(|(_, t)| is_total(&fold(t))) {
            let label = label.clone();
            self.total_row(rd, r, &label);
            return;
        }
        // Section rows: one distinct text (besides its own code in the code
        // column), nothing in the other identifying columns.
        // The section's code beside it: "1", "1.2", or a short tag like
        // "C1", "SC 1.1", "OS2", in the code column or in a column the
        // header does not name (IFAD's "Results #").
        let is_tag = |c: &str| {
            c.chars().count() <= 10
                && c.chars().any(|x| x.is_ascii_digit())
                && c.chars()
                    .all(|x| x.is_ascii_alphanumeric() || x == '.' || x == ' ')
        };
        let title_col = self.col(&Field::Title);
        let named = |c: u32| {
            self.header
                .columns
                .iter()
                .any(|h| h.col == c && h.field.as_ref().is_some_and(|f| *f != Field::Code))
        };
        let tag = self
            .col(&Field::Code)
            .and_then(|c| rd.text(r, Some(c)).map(|t| (c, t)))
            .or_else(|| {
                texts
                    .iter()
                    .find(|(c, t)| Some(*c) != title_col && !named(*c) && is_tag(t))
                    .cloned()
            })
            .filter(|(_, t)| is_tag(t));
        let own_code = tag.as_ref().map(|(_, t)| t.clone());
        let rest: Vec<&(u32, String)> = texts
            .iter()
            .filter(|(c, _)| tag.as_ref().is_none_or(|(tc, _)| c != tc))
            .collect();
        let distinct: HashSet<&str> = rest.iter().map(|(_, t)| t.as_str()).collect();
        let sec = if distinct.len() == 1 {
            self.section_of(rd, r, rest[0].0, rest[0].1.as_str())
        } else {
            None
        };
        if let Some(sec) = sec {
            let Some((level, code, title)) = sec else {
                return; // refused: the error is said
            };
            let code = code.or(own_code.map(|c| {
                // "SC 1.1" → "1.1": the number is the code.
                let n = c.trim_start_matches(|x: char| x.is_ascii_alphabetic() || x == ' ');
                n.trim_end_matches('.').to_string()
            }));
            let lang = rd.lang;
            let key = match level {
                Level::Axis => lang.pick("axes", "axes"),
                Level::Action => lang.pick("actions", "actions"),
            };
            self.level_note(
                key,
                tr!(
                    lang,
                    "lignes de section (« {} », ligne {})",
                    "section rows (\"{}\", row {})",
                    rest[0].1,
                    r + 1
                ),
            );
            // A section merged across fills the money columns with its
            // title: only numbers there are totals.
            let values = self.money_values_quiet(rd, r);
            let loc_col = rest[0].0;
            let scope = match level {
                Level::Axis => {
                    self.open_axis(rd, r, loc_col, code, title);
                    Scope::Axis(self.axis.unwrap_or(0))
                }
                Level::Action => {
                    self.open_action(rd, r, loc_col, code, title);
                    Scope::Action(self.action.unwrap_or(0))
                }
            };
            if !values.is_empty() {
                self.totals.push(TotalRow {
                    row: r,
                    label: rest[0].1.clone(),
                    scope,
                    values,
                });
            }
            return;
        }
        if self.parent_row(rd, r) {
            return;
        }
        self.data_row(rd, r);
    }

    /// A row whose dotted code other rows extend is a level, not an
    /// activity: with three levels of codes, "1" opens an axis and "1.2" an
    /// action (their amounts are subtotals). A fourth level (tâches under
    /// activités) is refused: which rows are the activities is not proven.
    fn parent_row(&mut self, rd: &mut Reading<'_, '_>, r: u32) -> bool {
        let Some(cc) = self.col(&Field::Code) else {
            return false;
        };
        let Some(code) = dotted(&text_at(rd.sheet, r, cc)) else {
            return false;
        };
        if !self.parent_codes.contains(&code) {
            return false;
        }
        let lang = rd.lang;
        let depth = code.split('.').count();
        let title_col = self.col(&Field::Title).unwrap_or(cc);
        let title = rd.text(r, Some(title_col)).unwrap_or_else(|| code.clone());
        if self.code_depth > 3 {
            let child = format!("{code}.1");
            rd.error(
                Code::LevelUnproven,
                r,
                cc,
                tr!(
                    lang,
                    "« {} » (ligne {}) a des lignes en dessous (« {} »…) : {} niveaux de codes (programme, action, activité, tâche ?) ; lesquelles sont les activités n'est pas prouvé",
                    "\"{}\" (row {}) has rows below it (\"{}\"…): {} levels of codes (programme, action, activity, task?); which rows are the activities is not proven",
                    code,
                    r + 1,
                    child,
                    self.code_depth
                ),
            );
            if let Some(d) = rd.diags.last_mut() {
                d.help = Some(lang.pick(
                    "ptba lit trois niveaux (axe, action, activité) : regrouper les tâches dans leur activité (une ligne par activité et par source), ou garder les tâches comme activités en retirant les lignes qui les totalisent",
                    "ptba reads three levels (axis, action, activity): group the tasks into their activity (one row per activity and source), or keep the tasks as activities and remove the rows that total them",
                ).to_string());
            }
            return true;
        }
        let values = self.money_values_quiet(rd, r);
        let (key, scope) = if depth == 1 {
            self.open_axis(rd, r, cc, Some(code.clone()), title.clone());
            (
                lang.pick("axes", "axes"),
                Scope::Axis(self.axis.unwrap_or(0)),
            )
        } else {
            self.open_action(rd, r, cc, Some(code.clone()), title.clone());
            (
                lang.pick("actions", "actions"),
                Scope::Action(self.action.unwrap_or(0)),
            )
        };
        self.level_note(
            key,
            tr!(
                lang,
                "lignes dont le code pointé a des lignes en dessous (« {} », ligne {})",
                "rows whose dotted code has rows below (\"{}\", row {})",
                code,
                r + 1
            ),
        );
        if !values.is_empty() {
            self.totals.push(TotalRow {
                row: r,
                label: title,
                scope,
                values,
            });
        }
        true
    }

    /// Whether a row's lone text opens a section: `None` when it does not,
    /// `Some(None)` when it looks like one but nothing proves it (refused),
    /// else the level, code and title. With `[levels]` in the mapping, only
    /// the words stated there open sections, and they need no other proof.
    #[allow(clippy::type_complexity)]
    fn section_of(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        c: u32,
        text: &str,
    ) -> Option<Option<(Level, Option<String>, String)>> {
        let lang = rd.lang;
        if let Some(levels) = self.mapping.and_then(|m| m.levels.as_ref()) {
            let f = fold(text);
            let starts = |words: &Option<Vec<String>>| {
                words.as_ref().is_some_and(|ws| {
                    ws.iter().any(|w| {
                        let w = fold(w);
                        !w.is_empty() && (f == w || f.starts_with(&format!("{w} ")))
                    })
                })
            };
            let level = if starts(&levels.action) {
                Level::Action
            } else if starts(&levels.axis) {
                Level::Axis
            } else {
                return None;
            };
            let (_, code, title) = section(text).unwrap_or((level.clone(), None, text.to_string()));
            return Some(Some((level, code, title)));
        }
        let (mut level, code, title) = section(text)?;
        let f = fold(text);
        if level == Level::Action
            && self.resultat_is_axis
            && (f.starts_with("resultat") || f.starts_with("effet") || f.starts_with("outcome"))
        {
            level = Level::Axis;
        }
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.len() > 3 && letters.iter().all(|c| c.is_uppercase());
        let head = text.chars().take(48).collect::<String>();
        let separated = head.contains(':') || head.contains(" - ") || head.contains(" – ");
        if code.is_some() || upper || separated || title.is_empty() {
            return Some(Some((level, code, title)));
        }
        let what = match level {
            Level::Axis => lang.pick("axe", "axis"),
            Level::Action => lang.pick("action", "action"),
        };
        let word = text
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let (number, key) = if level == Level::Axis {
            ("1", "axis")
        } else {
            ("1.2", "action")
        };
        rd.error(
            Code::LevelUnproven,
            r,
            c,
            tr!(
                lang,
                "« {} » (ligne {}) : ligne de niveau ({}) ou activité ? Rien ne le prouve : ni numéro (« {} {} »), ni « : » après le mot, ni majuscules, ni autre colonne remplie",
                "\"{}\" (row {}): a level row ({}) or an activity? Nothing proves it: no number (\"{} {}\"), no \":\" after the word, no capitals, no other column filled",
                text,
                r + 1,
                what,
                word,
                number
            ),
        );
        if let Some(d) = rd.diags.last_mut() {
            d.help = Some(tr!(
                lang,
                "numéroter la ligne (« {} {} : … ») ; ou le dire dans un fichier --mapping : [levels] {} = [\"{}\"] (ce sont des lignes de niveau) ou {} = [] (ce sont des activités)",
                "number the row (\"{} {}: …\"); or say it in a --mapping file: [levels] {} = [\"{}\"] (they are level rows) or {} = [] (they are activities)",
                word,
                number,
                key,
                word,
                key
            ));
        }
        Some(None)
    }

    fn money_values(&mut self, rd: &mut Reading<'_, '_>, r: u32) -> Vec<(u32, Decimal)> {
        let mut out = Vec::new();
        for &c in &self.money_cols.clone() {
            if is_blankish(rd.get(r, c)) {
                continue;
            }
            if let Some(d) = self.amount(rd, r, c) {
                out.push((c, d));
            }
        }
        out
    }

    fn total_row(&mut self, rd: &mut Reading<'_, '_>, r: u32, label: &str) {
        let f = fold(label);
        let words: Vec<&str> = f.split(' ').collect();
        let has = |w: &str| words.contains(&w);
        let later_data = self.later_data(rd, r);
        let scope = if has("general")
            || has("global")
            || f.starts_with("grand total")
            || has("ptba")
            || has("pta")
            || has("plan")
        {
            Scope::Plan
        } else if has("sous") && (has("composante") || has("programme"))
            || has("subcomponent")
            || has("sub") && has("component")
            || has("produit")
            || has("output")
        {
            Scope::Action(self.action.unwrap_or(0))
        } else if has("axe")
            || has("programme")
            || has("pilier")
            || has("composante")
            || has("component")
            || has("os")
            || has("effet")
            || has("outcome")
        {
            Scope::Axis(self.axis.unwrap_or(0))
        } else if has("action") {
            Scope::Action(self.action.unwrap_or(0))
        } else if f == "total" && !later_data {
            Scope::Plan
        } else {
            Scope::Rows(self.since_total, self.data.len())
        };
        let values = self.money_values(rd, r);
        self.totals.push(TotalRow {
            row: r,
            label: label.to_string(),
            scope,
            values,
        });
        self.since_total = self.data.len();
    }

    /// Whether an activity follows row `r`.
    fn later_data(&self, _rd: &Reading<'_, '_>, r: u32) -> bool {
        r < self.last_title_row
    }

    fn open_axis(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        c: u32,
        code: Option<String>,
        title: String,
    ) {
        let id = code.unwrap_or_else(|| (self.plan.axes.len() + 1).to_string());
        if let Some(&i) = self.axis_index.get(&id) {
            self.axis = Some(i);
        } else {
            self.axis_index.insert(id.clone(), self.plan.axes.len());
            self.plan.axes.push(Axis {
                id,
                title,
                loc: rd.loc(r, c),
                ..Default::default()
            });
            self.axis = Some(self.plan.axes.len() - 1);
        }
        self.action = None;
        self.last_activity = None;
    }

    fn open_action(
        &mut self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        c: u32,
        code: Option<String>,
        title: String,
    ) {
        self.action_from_code = false;
        let axis = self.ensure_axis(rd, r, c);
        let axis_id = self.plan.axes[axis].id.clone();
        let n = self.actions_per_axis.get(&axis_id).copied().unwrap_or(0) + 1;
        let id = match code {
            Some(c) if c.contains('.') => c,
            Some(c) => format!("{axis_id}.{c}"),
            None => format!("{axis_id}.{n}"),
        };
        if let Some(&i) = self.action_index.get(&id) {
            self.action = Some(i);
        } else {
            self.action_index
                .insert(id.clone(), self.plan.actions.len());
            *self.actions_per_axis.entry(axis_id.clone()).or_default() += 1;
            self.plan.actions.push(Action {
                id,
                axis: axis_id,
                axis_loc: rd.loc(r, c),
                title,
                loc: rd.loc(r, c),
                ..Default::default()
            });
            self.action = Some(self.plan.actions.len() - 1);
        }
        self.last_activity = None;
    }

    fn ensure_axis(&mut self, rd: &mut Reading<'_, '_>, r: u32, c: u32) -> usize {
        if let Some(a) = self.axis {
            return a;
        }
        let lang = rd.lang;
        rd.diags.push(Diagnostic::warning(
            Code::ImportNote,
            rd.loc(r, c),
            lang.pick(
                "pas d'axe au-dessus de cette ligne : un axe « 1 » est créé",
                "no axis above this row: an axis \"1\" is created",
            )
            .to_string(),
        ));
        let title = self.plan.title.clone();
        self.level_note(
            lang.pick("axes", "axes"),
            lang.pick(
                "aucun : un axe « 1 » est créé",
                "none: an axis \"1\" is created",
            )
            .to_string(),
        );
        self.open_axis(rd, r, c, Some("1".into()), title);
        self.axis.unwrap_or(0)
    }

    fn ensure_action(&mut self, rd: &mut Reading<'_, '_>, r: u32, c: u32) -> usize {
        if let Some(a) = self.action {
            return a;
        }
        let axis = self.ensure_axis(rd, r, c);
        let axis_id = self.plan.axes[axis].id.clone();
        let id = format!("{axis_id}.0");
        if let Some(&i) = self.action_index.get(&id) {
            self.action = Some(i);
            return i;
        }
        self.implicit_actions = true;
        let lang = rd.lang;
        self.level_note(
            lang.pick("actions", "actions"),
            lang.pick(
                "aucune : une action par axe (code axe.0)",
                "none: one action per axis (id axis.0)",
            )
            .to_string(),
        );
        self.action_index
            .insert(id.clone(), self.plan.actions.len());
        let title = self.plan.axes[axis].title.clone();
        self.plan.actions.push(Action {
            id,
            axis: axis_id,
            axis_loc: rd.loc(r, c),
            title,
            loc: rd.loc(r, c),
            ..Default::default()
        });
        self.action = Some(self.plan.actions.len() - 1);
        self.action.unwrap_or(0)
    }

    fn data_row(&mut self, rd: &mut Reading<'_, '_>, r: u32) {
        let lang = rd.lang;
        let first_col = self.header.columns[0].col;
        // Axis and action columns: a value opens (or reopens) a group; blank
        // keeps the current one (written once, blank below).
        let axis_code = rd.text(r, self.col(&Field::AxisCode));
        let axis_text = rd.text(r, self.col(&Field::Axis));
        if axis_code.is_some() || axis_text.is_some() {
            let c = self
                .col(&Field::AxisCode)
                .or(self.col(&Field::Axis))
                .unwrap_or(first_col);
            let how = tr!(
                lang,
                "colonne « {} »",
                "column \"{}\"",
                self.column_label(c)
            );
            self.level_note(lang.pick("axes", "axes"), how);
            let (code, title) = split_label(axis_code, axis_text);
            let same = self.axis.is_some_and(|i| {
                let a = &self.plan.axes[i];
                code.as_ref().map_or(a.title == title, |k| *k == a.id)
            });
            if !same {
                self.open_axis(rd, r, c, code, title);
            }
        }
        let action_code = rd.text(r, self.col(&Field::ActionCode));
        let action_text = rd.text(r, self.col(&Field::Action));
        if action_code.is_some() || action_text.is_some() {
            let c = self
                .col(&Field::ActionCode)
                .or(self.col(&Field::Action))
                .unwrap_or(first_col);
            let how = tr!(
                lang,
                "colonne « {} »",
                "column \"{}\"",
                self.column_label(c)
            );
            self.level_note(lang.pick("actions", "actions"), how);
            let (code, title) = split_label(action_code, action_text);
            let axis_id = self.axis.map(|i| self.plan.axes[i].id.clone());
            let same = self.action.is_some_and(|i| {
                let a = &self.plan.actions[i];
                Some(&a.axis) == axis_id.as_ref()
                    && match &code {
                        Some(k) => a.id == *k || a.id.ends_with(&format!(".{k}")),
                        None => a.title == title,
                    }
            });
            if !same {
                self.open_action(rd, r, c, code, title);
            }
        }
        let code_col = self.col(&Field::Code);
        let title_col = self.col(&Field::Title).unwrap_or(first_col);
        let code = rd.text(r, code_col);
        let title = rd.text(r, Some(title_col));
        // "1.2.3" with no action column or row: activity 3 of action 1.2 of axis 1.
        if self.col(&Field::Action).is_none()
            && self.col(&Field::ActionCode).is_none()
            && (self.action.is_none() || self.action_from_code)
            && let Some(c) = code.as_deref()
            && let parts = c
                .trim()
                .trim_end_matches('.')
                .split('.')
                .collect::<Vec<_>>()
            && parts.len() >= 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|x| x.is_ascii_digit()))
        {
            let axis_id = parts[0].to_string();
            let action_id = parts[..parts.len() - 1].join(".");
            let cc = code_col.unwrap_or(title_col);
            let same_axis = self.axis.is_some_and(|i| self.plan.axes[i].id == axis_id);
            if !same_axis {
                let t = match self.axis_index.get(&axis_id) {
                    Some(&i) => self.plan.axes[i].title.clone(),
                    None => format!("{} {axis_id}", lang.pick("Axe", "Axis")),
                };
                self.open_axis(rd, r, cc, Some(axis_id), t);
            }
            let same_action = self
                .action
                .is_some_and(|i| self.plan.actions[i].id == action_id);
            if !same_action {
                let t = format!("Action {action_id}");
                self.open_action(rd, r, cc, Some(action_id), t);
            }
            self.action_from_code = true;
            self.level_note(
                lang.pick("actions", "actions"),
                lang.pick(
                    "codes pointés des activités (« 1.2.3 » : action 1.2 de l'axe 1)",
                    "dotted activity codes (\"1.2.3\": action 1.2 of axis 1)",
                )
                .to_string(),
            );
        }
        let action = self.ensure_action(rd, r, title_col);
        let continuation = match self.last_activity {
            Some(i) => {
                let a = &self.plan.activities[i];
                a.action == self.plan.actions[action].id
                    && match (&code, &title) {
                        (None, None) => true,
                        (Some(c), Some(t)) => Some(c) == self.last_code.as_ref() && *t == a.title,
                        (Some(c), None) => Some(c) == self.last_code.as_ref(),
                        (None, Some(t)) => code_col.is_none() && *t == a.title,
                    }
            }
            None => false,
        };
        let idx = if continuation {
            self.last_activity.unwrap_or(0)
        } else {
            if title.is_none() && code.is_none() {
                // Amounts with no activity above them.
                rd.error(
                    Code::MissingKey,
                    r,
                    title_col,
                    lang.pick(
                        "ligne sans intitulé d'activité, et aucune activité au-dessus à laquelle la rattacher",
                        "row without an activity title, and no activity above to attach it to",
                    )
                    .to_string(),
                );
                return;
            }
            let action_id = self.plan.actions[action].id.clone();
            let count = self
                .activities_per_action
                .entry(action_id.clone())
                .or_default();
            *count += 1;
            let n = *count;
            // A bare number is an order number ("N°"), not a code.
            let id = code
                .clone()
                .filter(|c| !c.chars().all(|x| x.is_ascii_digit()))
                .unwrap_or_else(|| format!("{action_id}.{n}"));
            self.last_code = code.clone();
            let id_col = code_col.filter(|_| code.is_some()).unwrap_or(title_col);
            self.plan.activities.push(Activity {
                id,
                action: action_id,
                action_loc: rd.loc(r, title_col),
                title: title.clone().unwrap_or_default(),
                loc: rd.loc(r, id_col),
                quarters_loc: rd.loc(r, title_col),
                start_loc: rd.loc(r, title_col),
                end_loc: rd.loc(r, title_col),
                ..Default::default()
            });
            self.plan.activities.len() - 1
        };
        self.last_activity = Some(idx);
        self.activity_fields(rd, r, idx, continuation);
        // Money of this row, for the total checks.
        let values = self.money_values_quiet(rd, r);
        self.data.push(DataRow {
            axis: self.axis.unwrap_or(0),
            action,
            values,
        });
    }

    /// Money values again without diagnostics (they were reported once).
    /// "en milliers de FCFA" / "en millions": what a column's figures are worth.
    fn scale(&self, col: u32) -> Decimal {
        self.scales.get(&col).copied().unwrap_or(Decimal::ONE)
    }

    /// An amount cell, in currency units.
    fn amount(&self, rd: &mut Reading<'_, '_>, r: u32, col: u32) -> Option<Decimal> {
        let d = rd.number(r, Some(col), false)?;
        match d.checked_mul(self.scale(col)) {
            Some(x) if x <= money::MAX_AMOUNT => Some(x),
            _ => {
                let lang = rd.lang;
                rd.error(
                    Code::TooLarge,
                    r,
                    col,
                    money::AmountError::TooLarge.message(lang).to_string(),
                );
                None
            }
        }
    }

    fn money_values_quiet(&self, rd: &Reading<'_, '_>, r: u32) -> Vec<(u32, Decimal)> {
        self.money_cols
            .iter()
            .filter_map(|&c| quiet_number(rd.get(r, c)).map(|d| (c, d * self.scale(c))))
            .collect()
    }

    fn activity_fields(&mut self, rd: &mut Reading<'_, '_>, r: u32, idx: usize, cont: bool) {
        let lang = rd.lang;
        let fields = [
            Field::Responsible,
            Field::Partners,
            Field::Start,
            Field::End,
            Field::Weight,
            Field::Category,
            Field::Amount,
            Field::Quantity,
            Field::UnitCost,
            Field::Source,
            Field::Indicator,
            Field::Target,
            Field::Baseline,
            Field::Unit,
        ];
        let found: Vec<(Field, Option<u32>)> =
            fields.iter().map(|f| (f.clone(), self.col(f))).collect();
        let col = |f: Field| found.iter().find(|(x, _)| *x == f).and_then(|(_, c)| *c);
        let responsible = rd.text(r, col(Field::Responsible));
        let partners = rd.text(r, col(Field::Partners));
        let start_col = col(Field::Start);
        let end_col = col(Field::End);
        let start = rd.date(r, start_col);
        let end = rd.date(r, end_col);
        let weight = rd.number(r, col(Field::Weight), false);
        let category = rd.text(r, col(Field::Category));
        let mut quarters: Vec<u8> = Vec::new();
        let mut first_q: Option<u32> = None;
        for (f, c) in &self.by_field {
            let q = match f {
                Field::Quarter(q) => *q,
                Field::Month(m) => (m - 1) / 3 + 1,
                _ => continue,
            };
            first_q = first_q.or(Some(*c));
            let marked = is_mark(rd.get(r, *c)) || rd.sheet.is_shaded(r, *c);
            if marked && !quarters.contains(&q) {
                quarters.push(q);
            }
        }
        // A period written as text: "T2-T3", "S1", "Continu", "Annuel".
        if let Some(pc) = self.col(&Field::Period)
            && let Some(text) = rd.text(r, Some(pc))
        {
            first_q = first_q.or(Some(pc));
            match families::period_quarters(&text) {
                Some(qs) => {
                    for q in qs {
                        if !quarters.contains(&q) {
                            quarters.push(q);
                        }
                    }
                }
                None => {
                    rd.error(
                        Code::InvalidQuarter,
                        r,
                        pc,
                        tr!(
                            lang,
                            "période « {} » non reconnue (attendu : T1..T4, « T2-T3 », « S1 », « S2 », des mois, « Continu », « Annuel »)",
                            "period \"{}\" not recognised (expected: T1..T4, \"T2-T3\", \"S1\", \"S2\", months, \"Continu\", \"Annuel\")",
                            text
                        ),
                    );
                }
            }
        }
        // Budget lines of this row.
        let mut lines: Vec<BudgetLine> = Vec::new();
        let src_cols = self.source_cols();
        let amount_col = col(Field::Amount);
        let qty = rd.number(r, col(Field::Quantity), false);
        let unit_cost = col(Field::UnitCost).and_then(|c| self.amount(rd, r, c));
        let initial_col = self.col(&Field::Initial);
        let initial = initial_col
            .filter(|&c| !is_blankish(rd.get(r, c)))
            .and_then(|c| self.amount(rd, r, c));
        self.check_product(rd, r, qty, unit_cost, &src_cols, amount_col);
        if !src_cols.is_empty() {
            let mut sum = Decimal::ZERO;
            for (id, c) in &src_cols {
                if is_blankish(rd.get(r, *c)) {
                    continue;
                }
                if let Some(d) = self.amount(rd, r, *c) {
                    sum += d;
                    if d.is_zero() {
                        continue;
                    }
                    lines.push(BudgetLine {
                        source: id.clone(),
                        source_loc: rd.loc(self.header.last, *c),
                        amount: Some(d),
                        category: category.clone(),
                        loc: rd.loc(r, *c),
                        ..Default::default()
                    });
                }
            }
            // The row's own total column, when there is one.
            if let Some(ac) = amount_col
                && !is_blankish(rd.get(r, ac))
                && let Some(total) = self.amount(rd, r, ac)
                && total != sum
            {
                let cur = self.plan.currency.clone();
                let label = self.column_label(ac);
                rd.warning(
                    Code::SubtotalMismatch,
                    r,
                    ac,
                    tr!(
                        lang,
                        "ligne {} : la colonne « {} » indique {}, la somme des sources est {} (écart {})",
                        "row {}: column \"{}\" says {}, the sources add up to {} (difference {})",
                        r + 1,
                        label,
                        money::format_amount(total, &cur, lang),
                        money::format_amount(sum, &cur, lang),
                        money::format_amount(total - sum, &cur, lang)
                    ),
                );
            }
        } else if let Some(ac) = amount_col {
            let amount = if is_blankish(rd.get(r, ac)) {
                None
            } else {
                self.amount(rd, r, ac)
            };
            let has_qu = qty.is_some() && unit_cost.is_some();
            let has_initial = initial.is_some_and(|a| !a.is_zero());
            if amount.is_some_and(|a| !a.is_zero()) || has_qu || has_initial {
                let source_col = col(Field::Source);
                let source = match rd.text(r, source_col) {
                    Some(name) => {
                        let id = source_id(&name);
                        let loc = rd.loc(r, source_col.unwrap_or(ac));
                        self.add_source(&id, &name, loc)
                    }
                    None => {
                        let loc = rd.loc(r, ac);
                        let label = lang.pick("Source non précisée", "Unspecified source");
                        let new = !self.plan.sources.iter().any(|s| s.id == "NP");
                        let id = self.add_source("NP", label, loc.clone());
                        if new {
                            rd.diags.push(Diagnostic::warning(
                                Code::ImportNote,
                                loc,
                                lang.pick(
                                    "pas de source de financement : les montants sont rattachés à la source « NP » (non précisée)",
                                    "no funding source: amounts are attached to source \"NP\" (unspecified)",
                                )
                                .to_string(),
                            ));
                        }
                        id
                    }
                };
                let amount = if amount.is_none() && !has_qu {
                    Some(Decimal::ZERO)
                } else {
                    amount
                };
                lines.push(BudgetLine {
                    source_loc: rd.loc(r, col(Field::Source).unwrap_or(ac)),
                    source,
                    amount,
                    quantity: qty.filter(|_| has_qu),
                    unit_cost: unit_cost.filter(|_| has_qu),
                    category: category.clone(),
                    initial,
                    loc: rd.loc(r, ac),
                });
            }
        }
        let indicator = rd.text(r, col(Field::Indicator));
        let target = rd.number(r, col(Field::Target), true);
        let baseline = rd.number(r, col(Field::Baseline), true);
        let unit = rd.text(r, col(Field::Unit));
        let ind_col = col(Field::Indicator);
        let a = &mut self.plan.activities[idx];
        if !cont || a.responsible.is_none() {
            a.responsible = a.responsible.take().or(responsible);
        }
        if let Some(p) = partners {
            for x in p
                .split([';', ',', '/', '\n'])
                .map(str::trim)
                .filter(|x| !x.is_empty())
            {
                if !a.partners.iter().any(|y| y == x) {
                    a.partners.push(x.to_string());
                }
            }
        }
        for q in quarters {
            if !a.quarters.contains(&q) {
                a.quarters.push(q);
            }
        }
        a.quarters.sort_unstable();
        if let Some(c) = first_q.filter(|_| !cont) {
            a.quarters_loc = rd.loc(r, c);
        }
        if a.start.is_none() && start.is_some() {
            a.start = start;
            a.start_loc = rd.loc(r, start_col.unwrap_or(0));
        }
        if a.end.is_none() && end.is_some() {
            a.end = end;
            a.end_loc = rd.loc(r, end_col.unwrap_or(0));
        }
        a.weight = a.weight.or(weight);
        a.budget.extend(lines);
        if let Some(name) = indicator {
            if let Some(target) = target {
                if !a.indicators.iter().any(|i| i.name == name) {
                    a.indicators.push(Indicator {
                        name,
                        unit,
                        baseline,
                        target,
                        loc: rd.loc(r, ind_col.unwrap_or(0)),
                    });
                }
            } else {
                rd.warning(
                    Code::ImportNote,
                    r,
                    ind_col.unwrap_or(0),
                    tr!(
                        lang,
                        "indicateur « {} » sans cible chiffrée : il n'est pas repris",
                        "indicator \"{}\" without a numeric target: it is left out",
                        name
                    ),
                );
            }
        }
    }

    /// Quantity × unit cost against the row's total (its total column, else
    /// the sum of its funder columns). Off by exactly 1 000 or 1 000 000,
    /// the unit of one column is only implied: refused, with the fix.
    fn check_product(
        &self,
        rd: &mut Reading<'_, '_>,
        r: u32,
        qty: Option<Decimal>,
        unit_cost: Option<Decimal>,
        src_cols: &[(String, u32)],
        amount_col: Option<u32>,
    ) {
        let (Some(q), Some(u)) = (qty, unit_cost) else {
            return;
        };
        let Some(product) = q.checked_mul(u) else {
            return;
        };
        let total = match amount_col.filter(|&c| !is_blankish(rd.get(r, c))) {
            Some(c) => quiet_number(rd.get(r, c)).map(|d| (d * self.scale(c), c)),
            None => {
                let vals: Vec<(u32, Decimal)> = src_cols
                    .iter()
                    .filter_map(|(_, c)| {
                        quiet_number(rd.get(r, *c)).map(|d| (*c, d * self.scale(*c)))
                    })
                    .collect();
                vals.first()
                    .map(|(c, _)| (vals.iter().map(|(_, d)| *d).sum(), *c))
            }
        };
        let Some((total, tc)) = total else { return };
        if total == product || total.is_zero() {
            return;
        }
        let lang = rd.lang;
        let ratio = product.checked_div(total);
        let implied = ratio.and_then(|x| {
            [1000u64, 1_000_000]
                .into_iter()
                .find(|k| x == Decimal::from(*k) || x * Decimal::from(*k) == Decimal::ONE)
        });
        let cur = self.plan.currency.clone();
        rd.error(
            Code::QuantityMismatch,
            r,
            tc,
            tr!(
                lang,
                "ligne {} : quantité × coût unitaire = {} × {} = {}, mais le total est {}{}",
                "row {}: quantity × unit cost = {} × {} = {}, but the total is {}{}",
                r + 1,
                money::raw(q),
                money::format_amount(u, &cur, lang),
                money::format_amount(product, &cur, lang),
                money::format_amount(total, &cur, lang),
                match implied {
                    Some(k) => tr!(
                        lang,
                        " : un facteur {} exactement, l'unité d'une des colonnes n'est dite nulle part",
                        ": a factor of exactly {}, the unit of one of the columns is stated nowhere",
                        k
                    ),
                    None => String::new(),
                }
            ),
        );
        if let Some(d) = rd.diags.last_mut() {
            d.help = Some(match implied {
                Some(k) => tr!(
                    lang,
                    "écrire l'unité dans l'en-tête des colonnes qui ne sont pas en FCFA (« Coût total (en milliers de FCFA) ») ; si toutes les colonnes de montants, coût unitaire compris, sont dans la même unité : la dire dans le titre ou dans un fichier --mapping : scale = {}",
                    "write the unit in the header of the columns that are not in units (\"Total cost (in thousands)\"); if every money column, unit cost included, is in the same unit: state it in the title or in a --mapping file: scale = {}",
                    k
                ),
                None => lang
                    .pick(
                        "corriger la quantité, le coût unitaire ou le total",
                        "fix the quantity, the unit cost or the total",
                    )
                    .to_string(),
            });
        }
    }

    /// Compares each total row with the sums of the rows it closes. The
    /// sums by plan, axis and action are made once; the ranges of rows
    /// between totals do not overlap, so the whole check is linear.
    fn check_totals(&self, rd: &mut Reading<'_, '_>) {
        let lang = rd.lang;
        let cur = self.plan.currency.clone();
        let mut plan: HashMap<u32, Decimal> = HashMap::new();
        let mut axes: HashMap<(usize, u32), Decimal> = HashMap::new();
        let mut actions: HashMap<(usize, u32), Decimal> = HashMap::new();
        for d in &self.data {
            for &(c, v) in &d.values {
                *plan.entry(c).or_default() += v;
                *axes.entry((d.axis, c)).or_default() += v;
                *actions.entry((d.action, c)).or_default() += v;
            }
        }
        for t in &self.totals {
            for &(c, declared) in &t.values {
                let computed = match t.scope {
                    Scope::Plan => plan.get(&c).copied(),
                    Scope::Axis(i) => axes.get(&(i, c)).copied(),
                    Scope::Action(i) => actions.get(&(i, c)).copied(),
                    Scope::Rows(a, b) => Some(
                        self.data
                            .get(a..b)
                            .unwrap_or_default()
                            .iter()
                            .flat_map(|d| d.values.iter())
                            .filter(|(col, _)| *col == c)
                            .map(|(_, v)| *v)
                            .sum(),
                    ),
                }
                .unwrap_or_default();
                if computed != declared {
                    let label = self.column_label(c);
                    let grand = matches!(t.scope, Scope::Plan) && self.totals_error;
                    let msg = tr!(
                        lang,
                        "la ligne « {} » (ligne {}) indique {} dans la colonne « {} », la somme calculée est {} (écart {})",
                        "row \"{}\" (row {}) says {} in column \"{}\", the computed sum is {} (difference {})",
                        t.label,
                        t.row + 1,
                        money::format_amount(declared, &cur, lang),
                        label,
                        money::format_amount(computed, &cur, lang),
                        money::format_amount(declared - computed, &cur, lang)
                    );
                    if grand {
                        rd.error(Code::TotalMismatch, t.row, c, msg);
                    } else {
                        rd.warning(Code::SubtotalMismatch, t.row, c, msg);
                    }
                    if grand && let Some(d) = rd.diags.last_mut() {
                        d.help = Some(lang.pick(
                            "le total du classeur ne correspond pas à ses lignes : corriger la ligne fautive ou le total ; si c'est le total qui est faux, le confirmer dans un fichier --mapping : totals = \"warning\"",
                            "the workbook's total does not match its rows: fix the wrong row or the total; if the total is what is wrong, confirm it in a --mapping file: totals = \"warning\"",
                        ).to_string());
                    }
                }
            }
        }
    }
}

/// "1.2.3" (or "1.2.3.", or "1") → Some("1.2.3"); anything else → None.
fn dotted(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches('.');
    let parts: Vec<&str> = t.split('.').collect();
    (!t.is_empty()
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())))
    .then(|| t.to_string())
}

/// "A", "B"… "AA": a column's letters.
fn col_name(c: u32) -> String {
    let mut n = c + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// "Axe 1 : Prévention" in one cell, or a code column and a title column.
fn split_label(code: Option<String>, text: Option<String>) -> (Option<String>, String) {
    match (code, text) {
        (Some(c), Some(t)) => {
            let title = section(&t)
                .map(|(_, _, title)| title)
                .filter(|s| !s.is_empty())
                .unwrap_or(t);
            (Some(clean_code(&c)), title)
        }
        (Some(c), None) => (Some(clean_code(&c)), c),
        (None, Some(t)) => match section(&t) {
            Some((_, code, title)) => (code, if title.is_empty() { t } else { title }),
            None => {
                // "1.2 Former les agents" / "1 - Prévention": a leading number.
                let n = t
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .unwrap_or(t.len());
                let num = t[..n].trim_end_matches('.');
                if !num.is_empty() && n < t.len() {
                    let rest = t[n..]
                        .trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, ':' | '-' | '–' | ')')
                        })
                        .trim();
                    if !rest.is_empty() {
                        return (Some(num.to_string()), rest.to_string());
                    }
                }
                (None, t)
            }
        },
        (None, None) => (None, String::new()),
    }
}

/// "Axe 1" in a code column → "1".
fn clean_code(c: &str) -> String {
    match section(c) {
        Some((_, Some(code), _)) => code,
        _ => c.trim().to_string(),
    }
}

/// Blank, or a dash people type for zero ("-", "—", "néant").
fn is_blankish(v: &Value) -> bool {
    match v {
        Value::Empty => true,
        Value::Text(t) => {
            let f = fold(t);
            f.is_empty() || f == "neant" || f == "nd" || f == "na"
        }
        _ => false,
    }
}

fn quiet_number(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(Some(d)) => Some(*d),
        Value::Text(t) if !is_blankish(v) => money::parse_decimal_text(t).ok(),
        _ => None,
    }
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

//! Finding the header row (one or two rows) and its columns.

use super::*;

/// Rows searched for the header.
pub(super) const HEADER_SEARCH: u32 = 40;

/// A column of the header: its label(s), and the field it holds.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) col: u32,
    pub(super) label: String,
    pub(super) group: Option<String>,
    pub(super) field: Option<Field>,
}

impl Column {
    pub(super) fn shown(&self) -> String {
        match &self.group {
            Some(g) if *g != self.label => format!("{g} / {}", self.label),
            _ => self.label.clone(),
        }
    }
}

/// The header found: its last row and its columns.
#[derive(Debug, Clone)]
pub(super) struct HeaderFound {
    pub(super) first: u32,
    pub(super) last: u32,
    pub(super) columns: Vec<Column>,
    pub(super) score: usize,
}

pub(super) fn text_at(sheet: &Sheet, row: u32, col: u32) -> String {
    let v = sheet.get(row, col);
    if v.is_empty() {
        String::new()
    } else {
        v.text()
    }
}

/// Field of a label under an optional group title.
pub(super) fn resolve(
    label: &str,
    group: Option<&str>,
    mapping: Option<&Mapping>,
) -> Option<Field> {
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
pub(super) fn header_at(
    sheet: &Sheet,
    row: u32,
    two: bool,
    mapping: Option<&Mapping>,
) -> HeaderFound {
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
pub(super) fn figures_below(sheet: &Sheet, header: u32, col: u32) -> bool {
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
pub(super) fn month_columns(columns: &mut [Column], mapping: Option<&Mapping>) {
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
pub(super) fn budget_columns(columns: &mut [Column], mapping: Option<&Mapping>) {
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

pub(super) fn find_header(sheet: &Sheet, mapping: Option<&Mapping>) -> Option<HeaderFound> {
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

/// "A", "B"… "AA": a column's letters.
pub(super) fn col_name(c: u32) -> String {
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

/// Blank, or a dash people type for zero ("-", "—", "néant").
pub(super) fn is_blankish(v: &Value) -> bool {
    match v {
        Value::Empty => true,
        Value::Text(t) => {
            let f = fold(t);
            f.is_empty() || f == "neant" || f == "nd" || f == "na"
        }
        _ => false,
    }
}

pub(super) fn quiet_number(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(Some(d)) => Some(*d),
        Value::Text(t) if !is_blankish(v) => money::parse_decimal_text(t).ok(),
        _ => None,
    }
}

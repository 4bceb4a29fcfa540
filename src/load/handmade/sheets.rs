//! Which sheets: one, one per axis, or a recap with detail sheets.

use super::*;
use crate::i18n;

/// The field names of a header, for comparing the layouts of sheets.
pub(super) fn signature(h: &HeaderFound) -> Vec<String> {
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
pub(super) fn sheet_axis_named(sheet: &Sheet, header: &HeaderFound) -> bool {
    let numbered = |t: &str| matches!(section(t), Some((Level::Axis, Some(_), _)));
    (sheet.origin.0..header.first)
        .any(|r| (sheet.origin.1..sheet.end_col()).any(|c| numbered(&text_at(sheet, r, c))))
        || numbered(&sheet.name)
}

/// One sheet per axis or programme: the mapping's `sheets`, else every
/// sheet laid out like the best one when there are two or more and each
/// names its axis. `None`: read one sheet.
pub(super) fn per_axis_sheets<'b>(
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
                diags.push(no_such_sheet(book, n, file, lang));
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
pub(super) fn read_sheets(
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
        i18n::load::read_per_axis(lang, names.len(), names.join(", ")),
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
pub(super) fn recap(
    sheet: &Sheet,
    plan: &Plan,
    file: FileId,
    mapping: Option<&Mapping>,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let (total, by_axis) = plan_totals(plan);
    let banner_scale = banner_scale(sheet);
    let cur = &plan.currency;
    let mut checked = 0;
    for r in sheet.origin.0..sheet.end_row() {
        let Some((text, fc, value)) = label_and_figure(sheet, r) else {
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
        let scale = figure_scale(sheet, mapping, (r, fc), banner_scale);
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
        let msg = i18n::load::recap_mismatch(
            lang,
            money::format_amount(declared, cur, lang),
            what,
            r + 1,
            money::format_amount(computed, cur, lang),
            money::format_amount(declared - computed, cur, lang),
        );
        if mapping.is_some_and(|m| m.totals_warning) {
            diags.push(Diagnostic::warning(Code::SubtotalMismatch, loc, msg));
        } else {
            diags.push(
                Diagnostic::error(Code::TotalMismatch, loc, msg)
                    .with_help(i18n::load::recap_mismatch_help(lang)),
            );
        }
    }
    if checked > 0 {
        diags.push(Diagnostic::warning(
            Code::ImportNote,
            Loc::File(file),
            i18n::load::recap_checked(lang, &sheet.name, checked),
        ));
    }
}

/// What the plan's activities add up to: in all, and by axis.
fn plan_totals(plan: &Plan) -> (Decimal, HashMap<&str, Decimal>) {
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
    (total, by_axis)
}

/// A unit written in a title near the top of a sheet ("en millions de
/// FCFA"), and its row.
fn banner_scale(sheet: &Sheet) -> Option<(u32, Decimal)> {
    (sheet.origin.0..sheet.end_row().min(sheet.origin.0 + HEADER_SEARCH))
        .flat_map(|r| (sheet.origin.1..sheet.end_col()).map(move |c| (r, c)))
        .find_map(|(r, c)| match sheet.get(r, c) {
            Value::Text(t) if !t.chars().any(|x| x.is_ascii_digit()) || t.len() > 12 => {
                families::scale_of(t).map(|d| (r, d))
            }
            _ => None,
        })
}

/// The first text of a row and its last figure (with its column).
fn label_and_figure(sheet: &Sheet, r: u32) -> Option<(String, u32, Decimal)> {
    let mut label: Option<String> = None;
    let mut figure: Option<(u32, Decimal)> = None;
    for c in sheet.origin.1..sheet.end_col() {
        match sheet.get(r, c) {
            Value::Text(t) if label.is_none() && !t.trim().is_empty() => {
                label = Some(t.trim().to_string());
            }
            v @ Value::Number(Some(_)) => figure = quiet_number(v).map(|d| (c, d)),
            _ => {}
        }
    }
    let (text, (fc, value)) = (label?, figure?);
    Some((text, fc, value))
}

/// The unit of a recap figure at `(row, col)`: the mapping's, else a header
/// above the figure, else a title above its row.
fn figure_scale(
    sheet: &Sheet,
    mapping: Option<&Mapping>,
    (r, fc): (u32, u32),
    banner_scale: Option<(u32, Decimal)>,
) -> Decimal {
    mapping
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
        .unwrap_or(Decimal::ONE)
}

/// The likeliest header row of a sheet when none is recognised: the most
/// recognised headers, then the most text cells; and that score.
pub(super) fn likeliest(sheet: &Sheet, mapping: Option<&Mapping>) -> (u32, (usize, usize)) {
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
pub(super) fn no_header(
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
        i18n::load::no_header_row(lang, short(&sheet.name), row + 1),
    )
    .with_help(i18n::load::no_header_row_help(
        lang,
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
        crate::load::mapping::FIELD_NAMES.join(", "),
    ));
    diags.push(d);
}

//! The plan workbook of `ptba convert` (docs/workbook-layout.md): the plan
//! and its progress log as sheets people can edit in Excel or LibreOffice,
//! and that `load::plan_workbook` reads back without losing anything.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationErrorStyle, Format, Formula, RowNum, Workbook, XlsxError,
};

use crate::compute::Level;
use crate::i18n::Lang;
use crate::model::{FundingStatus, Indicator, Project, Status};

use super::xlsx::{Formats, Sheet, abs_cell, properties, sheet_ref};

/// Sheet names, French first; readers accept both.
pub struct Names {
    pub plan: &'static str,
    pub sources: &'static str,
    pub axes: &'static str,
    pub actions: &'static str,
    pub activities: &'static str,
    pub budget: &'static str,
    pub indicators: &'static str,
    pub progress: &'static str,
}

pub fn names(lang: Lang) -> Names {
    Names {
        plan: "Plan",
        sources: "Sources",
        axes: "Axes",
        actions: "Actions",
        activities: lang.pick("Activités", "Activities"),
        budget: lang.pick("Budget", "Budget lines"),
        indicators: lang.pick("Indicateurs", "Indicators"),
        progress: lang.pick("Suivi", "Progress"),
    }
}

/// Room left below the data for validation lists and new rows.
const SPARE_ROWS: RowNum = 1000;

fn headers(s: &mut Sheet, labels: &[&str], f: &Format) -> Result<(), XlsxError> {
    for (c, l) in labels.iter().enumerate() {
        s.text(0, c as ColNum, l, f)?;
    }
    s.ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn opt_text(s: &mut Sheet, row: RowNum, col: ColNum, t: Option<&str>) -> Result<(), XlsxError> {
    if let Some(t) = t {
        s.plain(row, col, t)?;
    }
    Ok(())
}

fn level_label(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Axis => lang.pick("axe", "axis"),
        Level::Action => "action",
        Level::Activity => lang.pick("activité", "activity"),
    }
}

/// A list validation (dropdown) over a column, from fixed words.
fn list_validation(
    s: &mut Sheet,
    col: ColNum,
    last_row: RowNum,
    words: &[&str],
    lang: Lang,
) -> Result<(), XlsxError> {
    let v = DataValidation::new()
        .allow_list_strings(words)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(lang.pick("Valeur inconnue", "Unknown value"))?
        .set_error_message(format!(
            "{} {}",
            lang.pick("Choisir dans la liste :", "Pick from the list:"),
            words.join(", ")
        ))?;
    s.ws.add_data_validation(1, col, last_row, col, &v)?;
    Ok(())
}

/// A dropdown of the source codes (a range of the Sources sheet, so the
/// 255-character limit of literal lists does not apply).
fn source_validation(
    s: &mut Sheet,
    col: ColNum,
    last_row: RowNum,
    sources_sheet: &str,
    n_sources: usize,
    lang: Lang,
) -> Result<(), XlsxError> {
    if n_sources == 0 {
        return Ok(());
    }
    let range = format!(
        "={}!{}:{}",
        sheet_ref(sources_sheet),
        abs_cell(1, 0),
        abs_cell(n_sources as RowNum, 0)
    );
    let v = DataValidation::new()
        .allow_list_formula(Formula::new(range))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(lang.pick("Source inconnue", "Unknown source"))?
        .set_error_message(lang.pick(
            "Choisir un code de la feuille Sources.",
            "Pick a code from the Sources sheet.",
        ))?;
    s.ws.add_data_validation(1, col, last_row, col, &v)?;
    Ok(())
}

/// Builds the plan workbook (not yet saved). `lang` chooses the sheet and
/// column names and the status words.
/// The hidden sheet that keeps the log's import fingerprints.
pub const IMPORTS_SHEET: &str = "Imports";

pub fn build(project: &Project, lang: Lang) -> Result<Workbook, XlsxError> {
    let p = &project.plan;
    let n = names(lang);
    let date_code = lang.pick("dd/mm/yyyy", "yyyy-mm-dd");
    let f = Formats::new(p.currency.decimals, date_code);
    let amount = &f.amount;
    let general = &Format::new();
    // The sheets with a row per activity, budget line, indicator or record
    // are streamed to temporary files as they are written (strictly in row
    // order, see `Sheet::streamed`); the small ones stay in memory.
    let mut wb = Workbook::new();

    // Plan: key / value.
    let mut plan = Sheet::new(n.plan)?;
    headers(
        &mut plan,
        &[lang.pick("Clé", "Key"), lang.pick("Valeur", "Value")],
        &f.header,
    )?;
    let mut row: RowNum = 1;
    let mut kv = |s: &mut Sheet, key: &str| -> Result<RowNum, XlsxError> {
        s.plain(row, 0, key)?;
        row += 1;
        Ok(row - 1)
    };
    let r = kv(&mut plan, "title")?;
    plan.plain(r, 1, &p.title)?;
    if let Some(o) = &p.organization {
        let r = kv(&mut plan, "organization")?;
        plan.plain(r, 1, o)?;
    }
    let r = kv(&mut plan, "year")?;
    plan.number(r, 1, f64::from(p.year), 4, general)?;
    let r = kv(&mut plan, "currency")?;
    plan.plain(r, 1, &p.currency.code)?;
    if let Some(l) = p.lang {
        let r = kv(&mut plan, "lang")?;
        plan.plain(r, 1, l.code())?;
    }
    if let Some(pr) = &p.progress {
        let r = kv(&mut plan, "progress")?;
        plan.plain(r, 1, pr)?;
    }
    if let Some(b) = p.budget_total {
        let r = kv(&mut plan, "budget_total")?;
        plan.amount(
            r,
            1,
            b,
            p.currency.decimals.max(b.normalize().scale()),
            amount,
        )?;
    }
    if let Some(w) = p.weighting {
        let r = kv(&mut plan, "weighting")?;
        plan.plain(r, 1, w.key())?;
    }
    plan.set_widths()?;

    // Sources.
    let mut sources = Sheet::new(n.sources)?;
    headers(
        &mut sources,
        &[
            lang.pick("Code", "Id"),
            lang.pick("Nom", "Name"),
            lang.pick("Statut", "Status"),
        ],
        &f.header,
    )?;
    for (i, s) in p.sources.iter().enumerate() {
        let r = i as RowNum + 1;
        sources.plain(r, 0, &s.id)?;
        sources.plain(r, 1, &s.name)?;
        sources.plain(r, 2, s.status.label(lang))?;
    }
    let statuses: Vec<&str> = [
        FundingStatus::Secured,
        FundingStatus::Pledged,
        FundingStatus::Unfunded,
    ]
    .iter()
    .map(|s| s.label(lang))
    .collect();
    list_validation(
        &mut sources,
        2,
        p.sources.len() as RowNum + SPARE_ROWS,
        &statuses,
        lang,
    )?;
    sources.set_widths()?;

    // Axes and actions.
    let mut axes = Sheet::new(n.axes)?;
    headers(
        &mut axes,
        &[lang.pick("Code", "Id"), lang.pick("Intitulé", "Title")],
        &f.header,
    )?;
    for (i, a) in p.axes.iter().enumerate() {
        let r = i as RowNum + 1;
        axes.plain(r, 0, &a.id)?;
        axes.plain(r, 1, &a.title)?;
    }
    axes.set_widths()?;
    let mut actions = Sheet::new(n.actions)?;
    headers(
        &mut actions,
        &[
            lang.pick("Code", "Id"),
            lang.pick("Axe", "Axis"),
            lang.pick("Intitulé", "Title"),
        ],
        &f.header,
    )?;
    for (i, a) in p.actions.iter().enumerate() {
        let r = i as RowNum + 1;
        actions.plain(r, 0, &a.id)?;
        actions.plain(r, 1, &a.axis)?;
        actions.plain(r, 2, &a.title)?;
    }
    actions.set_widths()?;

    // Activités: one row per activity, one budget column per source.
    let mut acts = Sheet::streamed(&mut wb, n.activities)?;
    let mut labels: Vec<&str> = vec![
        lang.pick("Code axe", "Axis id"),
        lang.pick("Axe", "Axis"),
        lang.pick("Code action", "Action id"),
        "Action",
        lang.pick("Code", "Id"),
        lang.pick("Activité", "Activity"),
        lang.pick("Responsable", "Responsible"),
        lang.pick("Partenaires", "Partners"),
        "T1",
        "T2",
        "T3",
        "T4",
        lang.pick("Début", "Start"),
        lang.pick("Fin", "End"),
        lang.pick("Pondération", "Weight"),
    ];
    let first_source_col = labels.len() as ColNum;
    labels.extend(p.sources.iter().map(|s| s.id.as_str()));
    headers(&mut acts, &labels, &f.header)?;
    let index = crate::model::Index::new(p);
    for (i, a) in p.activities.iter().enumerate() {
        let r = i as RowNum + 1;
        let action = index.actions.get(a.action.as_str()).map(|&x| &p.actions[x]);
        let axis = action
            .and_then(|ac| index.axes.get(ac.axis.as_str()))
            .map(|&x| &p.axes[x]);
        acts.plain(r, 0, action.map(|x| x.axis.as_str()).unwrap_or(""))?;
        acts.plain(r, 1, axis.map(|x| x.title.as_str()).unwrap_or(""))?;
        acts.plain(r, 2, &a.action)?;
        acts.plain(r, 3, action.map(|x| x.title.as_str()).unwrap_or(""))?;
        acts.plain(r, 4, &a.id)?;
        acts.plain(r, 5, &a.title)?;
        opt_text(&mut acts, r, 6, a.responsible.as_deref())?;
        if !a.partners.is_empty() {
            acts.plain(r, 7, &a.partners.join("; "))?;
        }
        for q in 1..=4u8 {
            if a.quarters.contains(&q) {
                acts.plain(r, 7 + q as ColNum, "x")?;
            }
        }
        if let Some(d) = a.start {
            acts.date(r, 12, d, &f.date)?;
        }
        if let Some(d) = a.end {
            acts.date(r, 13, d, &f.date)?;
        }
        if let Some(w) = a.weight {
            acts.exact(r, 14, w)?;
        }
        for (si, s) in p.sources.iter().enumerate() {
            let lines: Vec<_> = a.budget.iter().filter(|l| l.source == s.id).collect();
            if lines.is_empty() {
                continue;
            }
            let sum: Decimal = lines.iter().map(|l| l.total()).sum();
            acts.amount(
                r,
                first_source_col + si as ColNum,
                sum,
                p.currency.decimals.max(sum.normalize().scale()),
                amount,
            )?;
        }
    }
    for q in 8..12 {
        acts.min_width(q, 3);
    }
    let last = p.activities.len() as RowNum;
    acts.ws
        .autofilter(0, 0, last, (labels.len() as ColNum).saturating_sub(1))?;
    acts.set_widths()?;

    // Budget lines, in plan order.
    let mut budget = Sheet::streamed(&mut wb, n.budget)?;
    headers(
        &mut budget,
        &[
            lang.pick("Activité", "Activity"),
            "Source",
            lang.pick("Montant", "Amount"),
            lang.pick("Quantité", "Quantity"),
            lang.pick("Coût unitaire", "Unit cost"),
            lang.pick("Catégorie", "Category"),
            lang.pick("Montant initial", "Initial amount"),
        ],
        &f.header,
    )?;
    let mut r: RowNum = 1;
    for a in &p.activities {
        for l in &a.budget {
            budget.plain(r, 0, &a.id)?;
            budget.plain(r, 1, &l.source)?;
            if let Some(x) = l.amount {
                budget.amount(
                    r,
                    2,
                    x,
                    p.currency.decimals.max(x.normalize().scale()),
                    amount,
                )?;
            }
            if let Some(x) = l.quantity {
                budget.exact(r, 3, x)?;
            }
            if let Some(x) = l.unit_cost {
                budget.amount(
                    r,
                    4,
                    x,
                    p.currency.decimals.max(x.normalize().scale()),
                    amount,
                )?;
            }
            opt_text(&mut budget, r, 5, l.category.as_deref())?;
            if let Some(x) = l.initial {
                budget.amount(
                    r,
                    6,
                    x,
                    p.currency.decimals.max(x.normalize().scale()),
                    amount,
                )?;
            }
            r += 1;
        }
    }
    source_validation(
        &mut budget,
        1,
        r + SPARE_ROWS,
        n.sources,
        p.sources.len(),
        lang,
    )?;
    budget.ws.autofilter(0, 0, r - 1, 6)?;
    budget.set_widths()?;

    // Indicators, axes then actions then activities.
    let mut inds = Sheet::streamed(&mut wb, n.indicators)?;
    headers(
        &mut inds,
        &[
            lang.pick("Niveau", "Level"),
            lang.pick("Code", "Id"),
            lang.pick("Indicateur", "Indicator"),
            lang.pick("Unité", "Unit"),
            lang.pick("Référence", "Baseline"),
            lang.pick("Cible", "Target"),
        ],
        &f.header,
    )?;
    let mut r: RowNum = 1;
    let mut put =
        |s: &mut Sheet, level: Level, owner: &str, list: &[Indicator]| -> Result<(), XlsxError> {
            for i in list {
                s.plain(r, 0, level_label(level, lang))?;
                s.plain(r, 1, owner)?;
                s.plain(r, 2, &i.name)?;
                opt_text(s, r, 3, i.unit.as_deref())?;
                if let Some(b) = i.baseline {
                    s.exact(r, 4, b)?;
                }
                s.exact(r, 5, i.target)?;
                r += 1;
            }
            Ok(())
        };
    for a in &p.axes {
        put(&mut inds, Level::Axis, &a.id, &a.indicators)?;
    }
    for a in &p.actions {
        put(&mut inds, Level::Action, &a.id, &a.indicators)?;
    }
    for a in &p.activities {
        put(&mut inds, Level::Activity, &a.id, &a.indicators)?;
    }
    let levels = [Level::Axis, Level::Action, Level::Activity].map(|l| level_label(l, lang));
    list_validation(&mut inds, 0, r + SPARE_ROWS, &levels, lang)?;
    inds.set_widths()?;

    // Suivi: the progress records, in log order.
    let mut log = Sheet::streamed(&mut wb, n.progress)?;
    headers(
        &mut log,
        &[
            lang.pick("Activité", "Activity"),
            "Date",
            lang.pick("Statut", "Status"),
            lang.pick("Avancement", "Progress"),
            lang.pick("Engagé", "Committed"),
            lang.pick("Décaissé", "Spent"),
            "Source",
            lang.pick("Indicateurs", "Indicators"),
            "Note",
            lang.pick("Catégorie", "Category"),
            "Correction",
        ],
        &f.header,
    )?;
    for (i, rec) in project.records.iter().enumerate() {
        let r = i as RowNum + 1;
        log.plain(r, 0, &rec.activity)?;
        log.date(r, 1, rec.date, &f.date)?;
        if let Some(s) = rec.status {
            log.plain(r, 2, s.label(lang))?;
        }
        if let Some(x) = rec.progress {
            log.exact(r, 3, x)?;
        }
        if let Some(x) = rec.committed {
            log.amount(
                r,
                4,
                x,
                p.currency.decimals.max(x.normalize().scale()),
                amount,
            )?;
        }
        if let Some(x) = rec.spent {
            log.amount(
                r,
                5,
                x,
                p.currency.decimals.max(x.normalize().scale()),
                amount,
            )?;
        }
        opt_text(&mut log, r, 6, rec.source.as_deref())?;
        if !rec.indicators.is_empty() {
            let items: Vec<(String, Decimal)> = rec
                .indicators
                .iter()
                .map(|iv| (iv.name.clone(), iv.value))
                .collect();
            log.plain(r, 7, &inline_table(&items))?;
        }
        opt_text(&mut log, r, 8, rec.note.as_deref())?;
        opt_text(&mut log, r, 9, rec.category.as_deref())?;
        if rec.correction {
            log.plain(r, 10, lang.pick("oui", "yes"))?;
        }
    }
    if !project.imports.is_empty() {
        // Hidden: the fingerprints of the workbooks already imported.
        let ws = wb.add_worksheet();
        ws.set_name(IMPORTS_SHEET)?;
        for (i, m) in project.imports.iter().enumerate() {
            ws.write_string(i as RowNum, 0, m)?;
        }
        ws.set_hidden(true);
    }
    let n_records = project.records.len() as RowNum;
    let status_words: Vec<&str> = Status::ALL.iter().map(|s| s.label(lang)).collect();
    list_validation(&mut log, 2, n_records + SPARE_ROWS, &status_words, lang)?;
    source_validation(
        &mut log,
        6,
        n_records + SPARE_ROWS,
        n.sources,
        p.sources.len(),
        lang,
    )?;
    log.ws.autofilter(0, 0, n_records, 9)?;
    log.min_width(1, 10);
    log.set_widths()?;

    let created = project
        .records
        .iter()
        .map(|r| r.date)
        .filter(|d| *d != NaiveDate::MAX)
        .max()
        .or_else(|| NaiveDate::from_ymd_opt(p.year, 1, 1))
        .unwrap_or_default();
    wb.set_properties(&properties(
        &p.title,
        p.organization.as_deref(),
        lang.pick("Plan de travail (ptba)", "Work plan (ptba)"),
        created,
    ));
    for s in [plan, sources, axes, actions, acts, budget, inds, log] {
        wb.push_worksheet(s.ws);
    }
    Ok(wb)
}

/// The body of a TOML inline table: `"Campagnes réalisées" = 2, n = 1.5`.
pub fn inline_table(items: &[(String, Decimal)]) -> String {
    items
        .iter()
        .map(|(k, v)| {
            format!(
                "{} = {}",
                crate::progress::key(k),
                crate::progress::number(*v)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_values_as_an_inline_table_body() {
        let items = vec![
            ("Campagnes réalisées".to_string(), Decimal::from(2)),
            ("n".to_string(), Decimal::new(15, 1)),
        ];
        let body = inline_table(&items);
        assert_eq!(body, "\"Campagnes réalisées\" = 2, n = 1.5");
        let parsed: toml::Table = toml::from_str(&format!("x = {{ {body} }}")).unwrap();
        assert_eq!(parsed["x"]["Campagnes réalisées"].as_integer(), Some(2));
    }

    #[test]
    fn indicator_names_with_quotes_and_line_breaks_read_back() {
        for name in ["a\"b", "l'a", "l'a \"b\"", "a\nb", "a\\b", "'''", "\"\"\"x"] {
            let items = vec![(name.to_string(), Decimal::from(3))];
            let body = inline_table(&items);
            let back = crate::load::plan_workbook::inline_indicators(&body);
            assert_eq!(
                back,
                Some(vec![(name.to_string(), Decimal::from(3))]),
                "{name:?} written as {body}"
            );
        }
    }
}

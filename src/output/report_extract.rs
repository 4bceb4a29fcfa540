//! `ptba report --source X`: the report sent to one funder — only its
//! budget lines and the spending attributed to it, for the period, the year
//! to date and the cumulative, with its name, the period, the currency and
//! a signature block.

use rust_xlsxwriter::{Format, RowNum, Workbook, XlsxError};

use crate::compute::{self, ActivityState, GroupBy, Options, Summary};
use crate::i18n::{Label, Lang};
use crate::model::Project;
use crate::money;
use crate::output::summary::format_date;

use super::report_figures::Period;
use super::report_period;
use super::xlsx::{Formats, Sheet, page_header, properties};

/// The sheet's name.
pub fn sheet_name(lang: Lang) -> &'static str {
    lang.pick("Rapport bailleur", "Funder report")
}

/// Builds the funder's workbook (not yet saved), with the plan's summary.
pub fn build(
    projects: &[Project],
    states: Vec<Vec<ActivityState>>,
    opts: &Options,
    period: Option<Period>,
    source: &str,
    lang: Lang,
) -> Result<(Workbook, Summary), XlsxError> {
    let summary = compute::summarize_states(projects, &states, GroupBy::Source, opts);
    let period = period.unwrap_or_else(|| super::report::default_period(projects, &states, opts));
    let currency = &summary.currency;
    let decimals = currency.decimals;
    let rows = report_period::rows(projects, &states, &period, Some(source), decimals);
    let categories = super::report_category::rows(projects, &states, &period, Some(source));
    let f = Formats::new(decimals, lang.pick("dd/mm/yyyy", "yyyy-mm-dd"));
    let found = projects
        .iter()
        .flat_map(|p| &p.plan.sources)
        .find(|s| s.id == source);
    let name = found.map(|s| s.name.as_str()).unwrap_or(source);
    let status = found.map(|s| s.status.label(lang)).unwrap_or("");
    let titles: Vec<&str> = projects.iter().map(|p| p.plan.title.as_str()).collect();
    let title = titles.join(" + ");
    let mut orgs: Vec<&str> = Vec::new();
    for o in projects
        .iter()
        .filter_map(|p| p.plan.organization.as_deref())
    {
        if !orgs.contains(&o) {
            orgs.push(o);
        }
    }
    let org = orgs.join(" ; ");

    let mut wb = Workbook::new();
    let mut s = Sheet::new(sheet_name(lang))?;
    s.banner(
        0,
        0,
        &format!(
            "{} — {name} ({source})",
            lang.pick("Rapport financier", "Financial report")
        ),
        &f.title,
    )?;
    let meta = [
        (Label::Plan.text(lang), title.clone()),
        (Label::Organization.text(lang), org.clone()),
        (
            lang.pick("Bailleur", "Funder"),
            format!("{name} ({source}), {status}"),
        ),
        (
            lang.pick("Période", "Period"),
            report_period::period_text(&period, lang),
        ),
        (Label::AsOf.text(lang), format_date(period.to, lang)),
        (
            lang.pick("Devise", "Currency"),
            format!(
                "{} ({})",
                money::currency_label(currency),
                if currency.code.is_empty() {
                    "—"
                } else {
                    currency.code.as_str()
                }
            ),
        ),
    ];
    for (i, (label, value)) in meta.iter().enumerate() {
        let row = 1 + i as RowNum;
        s.text(row, 0, label, &f.bold)?;
        s.banner(row, 1, value, &f.text)?;
    }
    let header_row: RowNum = 1 + meta.len() as RowNum + 1;
    let total_row = report_period::write_table(
        &mut s,
        header_row,
        &rows,
        projects.len() > 1,
        lang,
        &f,
        decimals,
        money::currency_label(currency),
    )?;
    signature_block(&mut s, total_row + 3, lang, &f)?;
    s.ws.set_freeze_panes(header_row + 2, 0)?;
    let header = page_header(
        &format!("{title} — {name}"),
        &format!(
            "{} {}",
            Label::AsOf.text(lang),
            format_date(period.to, lang)
        ),
    );
    s.print_setup(Some(header_row + 1), &header)?;
    s.set_widths()?;
    wb.push_worksheet(s.ws);

    // Its uses by expenditure category.
    let mut c = Sheet::new(lang.pick("Par catégorie", "By category"))?;
    c.banner(
        0,
        0,
        &format!(
            "{} — {name} ({source}) — {}",
            lang.pick("Dépenses par catégorie", "Spending by category"),
            report_period::period_text(&period, lang)
        ),
        &f.title,
    )?;
    c.banner(1, 0, &title, &f.bold)?;
    super::report_category::write_table(
        &mut c,
        3,
        &categories,
        lang,
        &f,
        decimals,
        money::currency_label(currency),
    )?;
    c.ws.set_freeze_panes(4, 1)?;
    c.print_setup(Some(3), &header)?;
    c.set_widths()?;
    wb.push_worksheet(c.ws);

    let created = period.to;
    let subject = format!(
        "{} {name} — {}",
        lang.pick("Rapport financier au bailleur", "Financial report to"),
        report_period::period_text(&period, lang)
    );
    wb.set_properties(&properties(
        &title,
        (!org.is_empty()).then_some(org.as_str()),
        &subject,
        created,
    ));
    Ok((wb, summary))
}

/// "Prepared by / approved by", each with name, position, date and
/// signature lines to fill in by hand.
fn signature_block(s: &mut Sheet, row: RowNum, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let line = Format::new().set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    for (i, who) in [
        lang.pick("Préparé par", "Prepared by"),
        lang.pick("Approuvé par", "Approved by"),
    ]
    .iter()
    .enumerate()
    {
        let col = 1 + 6 * i as u16;
        s.banner(row, col, who, &f.bold)?;
        for (k, field) in [
            lang.pick("Nom :", "Name:"),
            lang.pick("Fonction :", "Position:"),
            lang.pick("Date :", "Date:"),
            lang.pick("Signature :", "Signature:"),
        ]
        .iter()
        .enumerate()
        {
            let r = row + 1 + k as RowNum;
            s.banner(r, col, field, &f.text)?;
            for c in col + 1..col + 4 {
                s.ws.write_blank(r, c, &line)?;
            }
        }
    }
    Ok(())
}

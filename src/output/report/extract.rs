//! `ptba report --source X`: the report sent to one funder — only its
//! budget lines and the spending attributed to it, for the period, the year
//! to date and the cumulative, with its name, the period, the currency and
//! a signature block.

use rust_xlsxwriter::{Format, RowNum, Workbook, XlsxError};

use crate::compute::{self, ActivityState, GroupBy, Options, Summary};
use crate::i18n::report;
use crate::i18n::{Label, Lang};
use crate::model::Project;
use crate::money::{self, Currency};
use crate::output::summary::format_date;
use crate::output::xlsx::{Formats, Sheet, page_header, properties};

use super::category::{CategoryRow, Key};
use super::cumul::{self, Style};
use super::data::{organizations, plans_title};
use super::figures::Period;
use super::period::{self, PeriodRow};

/// The funder and what every sheet of its report says of it.
struct Funder<'a> {
    source: &'a str,
    name: &'a str,
    status: &'a str,
    /// The plans' title and organisations.
    title: String,
    org: String,
    period: Period,
    currency: &'a Currency,
    /// The page header of both sheets.
    header: String,
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
    let period = period.unwrap_or_else(|| super::default_period(projects, &states, opts));
    let currency = &summary.currency;
    let decimals = currency.decimals;
    let rows = period::rows(projects, &states, &period, Some(source), decimals);
    let categories = super::category::rows(projects, &states, &period, Some(source));
    let f = Formats::new(decimals, report::date_format(lang));
    let found = projects
        .iter()
        .flat_map(|p| &p.plan.sources)
        .find(|s| s.id == source);
    let name = found.map(|s| s.name.as_str()).unwrap_or(source);
    let title = plans_title(projects);
    let header = page_header(
        &format!("{title} — {name}"),
        &format!(
            "{} {}",
            Label::AsOf.text(lang),
            format_date(period.to, lang)
        ),
    );
    let funder = Funder {
        source,
        name,
        status: found.map(|s| s.status.label(lang)).unwrap_or(""),
        title,
        org: organizations(projects),
        period,
        currency,
        header,
    };
    let t = Style {
        lang,
        f: &f,
        decimals,
        currency: money::currency_label(currency),
    };
    let mut wb = Workbook::new();
    let s = funder_sheet(&funder, &rows, projects.len() > 1, &t)?;
    wb.push_worksheet(s.ws);
    let c = category_sheet(&funder, &categories, &t)?;
    wb.push_worksheet(c.ws);

    let created = funder.period.to;
    let subject = report::funder_subject(lang, name, &period::period_text(&funder.period, lang));
    let org = &funder.org;
    wb.set_properties(&properties(
        &funder.title,
        (!org.is_empty()).then_some(org.as_str()),
        &subject,
        created,
    ));
    Ok((wb, summary))
}

/// The funder's sheet: title, who and what, the period table, the
/// signature block.
fn funder_sheet(
    u: &Funder<'_>,
    rows: &[PeriodRow<'_>],
    multi: bool,
    t: &Style<'_>,
) -> Result<Sheet, XlsxError> {
    let (lang, f) = (t.lang, t.f);
    let (name, source) = (u.name, u.source);
    let mut s = Sheet::new(report::Sheet::Funder.name(lang))?;
    s.banner(0, 0, &report::funder_title(lang, name, source), &f.title)?;
    let currency = u.currency;
    let [funder, period_label, currency_label] = report::funder_labels(lang);
    let meta = [
        (Label::Plan.text(lang), u.title.clone()),
        (Label::Organization.text(lang), u.org.clone()),
        (funder, format!("{name} ({source}), {}", u.status)),
        (period_label, period::period_text(&u.period, lang)),
        (Label::AsOf.text(lang), format_date(u.period.to, lang)),
        (
            currency_label,
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
    let total_row = period::write_table(&mut s, header_row, rows, multi, t)?;
    signature_block(&mut s, total_row + 3, lang, f)?;
    s.ws.set_freeze_panes(header_row + 2, 0)?;
    s.print_setup(Some(header_row + 1), &u.header)?;
    s.set_widths()?;
    Ok(s)
}

/// The funder's money by expenditure category.
fn category_sheet(
    u: &Funder<'_>,
    categories: &[(Key, CategoryRow)],
    t: &Style<'_>,
) -> Result<Sheet, XlsxError> {
    let lang = t.lang;
    let mut c = Sheet::new(report::Sheet::Categories.name(lang))?;
    let title = report::funder_categories_title(
        lang,
        u.name,
        u.source,
        &period::period_text(&u.period, lang),
    );
    cumul::banners(&mut c, &title, &u.title, None, t.f)?;
    super::category::write_table(&mut c, 3, categories, t)?;
    c.ws.set_freeze_panes(4, 1)?;
    c.print_setup(Some(3), &u.header)?;
    c.set_widths()?;
    Ok(c)
}

/// "Prepared by / approved by", each with name, position, date and
/// signature lines to fill in by hand.
fn signature_block(s: &mut Sheet, row: RowNum, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let line = Format::new().set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    for (i, who) in report::signers(lang).iter().enumerate() {
        let col = 1 + 6 * i as u16;
        s.banner(row, col, who, &f.bold)?;
        for (k, field) in report::signature_fields(lang).iter().enumerate() {
            let r = row + 1 + k as RowNum;
            s.banner(r, col, field, &f.text)?;
            for c in col + 1..col + 4 {
                s.ws.write_blank(r, c, &line)?;
            }
        }
    }
    Ok(())
}

//! The review-workshop dashboard (SPEC §6b): one self-contained HTML page —
//! inline CSS, inline SVG charts, no script, nothing fetched (a strict
//! Content-Security-Policy says so to the browser) — readable on a 1280×720
//! projector and printable on A4, one section a page.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::compute::{Figures, Summary};
use crate::i18n::{self, Label, Lang};
use crate::money::{self, Currency};
use crate::output::labels::group_title;
use crate::output::summary::format_date;

/// The policy of the page: nothing but its own inline styles and data
/// images; no script, no font, no request.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// One late activity as the dashboard lists it.
pub struct Late {
    pub id: String,
    pub title: String,
    pub responsible: String,
    pub quarters: String,
    /// Physical progress and the progress the schedule implies, percent.
    pub progress: Decimal,
    pub expected: Decimal,
}

/// What the page shows.
pub struct Dashboard<'a> {
    pub title: String,
    pub organization: String,
    pub headline: String,
    pub narrative: String,
    pub by_axis: &'a Summary,
    pub by_source: &'a Summary,
    pub late: Vec<Late>,
    pub lang: Lang,
}

/// Text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:17px;line-height:1.4;color:#1b1f24;background:#fff}
main{max-width:1240px;margin:0 auto;padding:16px 24px}
section{padding:8px 0 16px;border-bottom:1px solid #d0d7de}
h1{font-size:28px;margin:0 0 2px}
h2{font-size:22px;margin:8px 0 10px}
.org,.asof{color:#57606a;margin:0}
.headline{font-size:26px;font-weight:700;margin:12px 0 6px}
.narrative{font-size:18px;margin:6px 0 0;max-width:1150px}
.legend span{display:inline-block;margin-right:18px}
.sw{display:inline-block;width:14px;height:14px;vertical-align:-2px;margin-right:6px}
table{border-collapse:collapse;width:100%;font-size:15px;margin-bottom:14px}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f6}
td.n,th.n{text-align:right;white-space:nowrap}
tr.total td{font-weight:700;background:#f6f8fa}
svg{display:block;max-width:100%;height:auto}
svg text{font-family:inherit;font-size:14px;fill:#1b1f24}
.note{color:#57606a;font-size:14px}
@page{size:A4 landscape;margin:12mm}
@media print{
 body{font-size:12px}
 main{max-width:none;padding:0}
 section{break-before:page;border:none}
 section:first-of-type{break-before:auto}
 table{font-size:11px}
 tr{break-inside:avoid}
 .headline{font-size:20px}
 .narrative{font-size:13px}
}
"#;

const C_PHYSICAL: &str = "#0969da";
const C_FINANCIAL: &str = "#bc4c00";
const C_SECURED: &str = "#1a7f37";
const C_PLEDGED: &str = "#bf8700";
const C_UNFUNDED: &str = "#cf222e";

fn rate(r: Option<Decimal>, lang: Lang) -> String {
    money::format_rate(r, 0, lang)
}

/// A rate as an attribute value: two decimals, or empty.
fn raw_rate(r: Option<Decimal>) -> String {
    r.map(|x| money::raw(money::round(x, 2)))
        .unwrap_or_default()
}

/// Width in pixels of `pct` percent over `full` pixels, within 0..=full.
fn bar(pct: Option<Decimal>, full: u32) -> u32 {
    let p = pct
        .unwrap_or_default()
        .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED);
    let w = money::round(p * Decimal::from(full) / Decimal::ONE_HUNDRED, 0);
    w.trunc().to_string().parse().unwrap_or(0)
}

fn label(id: &str, title: &str) -> String {
    let t: String = title.chars().take(34).collect();
    let t = if title.chars().count() > 34 {
        format!("{t}…")
    } else {
        t
    };
    if t.is_empty() {
        id.to_string()
    } else {
        format!("{id} {t}")
    }
}

/// The opening tag of a chart `h` pixels high, described by `label`.
fn svg_open(h: u32, label: &str) -> String {
    format!(
        r#"<svg viewBox="0 0 1180 {h}" width="1180" height="{h}" role="img" aria-label="{}">"#,
        esc(label)
    )
}

/// Physical and financial execution by axis: two horizontal bars per axis.
fn execution_chart(d: &Dashboard<'_>) -> String {
    let lang = d.lang;
    let groups = &d.by_axis.groups;
    let (lx, bw, row) = (330u32, 760u32, 52u32);
    let h = 30 + row * groups.len().max(1) as u32;
    let mut s = svg_open(h, i18n::output::dashboard_execution_chart(lang));
    for pct in [0, 25, 50, 75, 100] {
        let x = lx + bw * pct / 100;
        let _ = write!(
            s,
            r##"<line x1="{x}" y1="4" x2="{x}" y2="{}" stroke="#d0d7de"/><text x="{x}" y="{}" text-anchor="middle">{pct}</text>"##,
            h - 20,
            h - 4
        );
    }
    for (i, g) in groups.iter().enumerate() {
        let y = 8 + row * i as u32;
        let r = g.figures.rates();
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            lx - 10,
            y + 26,
            esc(&label(&g.id, &group_title(g, lang)))
        );
        for (k, (value, colour)) in [(r.physical, C_PHYSICAL), (r.financial, C_FINANCIAL)]
            .into_iter()
            .enumerate()
        {
            let yy = y + 4 + 22 * k as u32;
            let w = bar(value, bw);
            let _ = write!(
                s,
                r#"<rect x="{lx}" y="{yy}" width="{w}" height="18" fill="{colour}"/><text x="{}" y="{}">{}</text>"#,
                lx + w + 6,
                yy + 14,
                esc(&rate(value, lang))
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Budget by source status (secured, pledged, to be found) by axis: one
/// stacked bar per axis, as shares of the axis' budget.
fn funding_chart(d: &Dashboard<'_>) -> String {
    let lang = d.lang;
    let groups = &d.by_axis.groups;
    let (lx, bw, row) = (330u32, 660u32, 34u32);
    let h = 10 + row * groups.len().max(1) as u32;
    let mut s = svg_open(h, i18n::output::dashboard_funding_chart(lang));
    for (i, g) in groups.iter().enumerate() {
        let y = 6 + row * i as u32;
        let f = &g.figures;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            lx - 10,
            y + 17,
            esc(&label(&g.id, &group_title(g, lang)))
        );
        let mut x = lx;
        for (amount, colour) in [
            (f.secured, C_SECURED),
            (f.pledged, C_PLEDGED),
            (f.unfunded, C_UNFUNDED),
        ] {
            let w = bar(money::percent(amount, f.active_budget), bw);
            let _ = write!(
                s,
                r#"<rect x="{x}" y="{y}" width="{w}" height="24" fill="{colour}"/>"#
            );
            x += w;
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}">{}</text>"#,
            x + 6,
            y + 17,
            esc(&money::format_money(
                f.active_budget,
                &d.by_axis.currency,
                lang
            ))
        );
    }
    s.push_str("</svg>");
    s
}

/// The late activities drawn in the chart at most.
const LATE_CHART_MAX: usize = 20;
/// The late activities listed in the table at most (the most behind; the
/// page says how many there are and how to list them all).
const LATE_TABLE_MAX: usize = 100;

/// Progress of the late activities most behind (the first
/// [`LATE_CHART_MAX`]) against what the schedule implies.
fn late_chart(d: &Dashboard<'_>) -> String {
    let lang = d.lang;
    let (lx, bw, row) = (330u32, 760u32, 30u32);
    let shown = &d.late[..d.late.len().min(LATE_CHART_MAX)];
    let h = 8 + row * shown.len() as u32;
    let mut s = svg_open(h, i18n::output::dashboard_late_chart(lang));
    for (i, a) in shown.iter().enumerate() {
        let y = 4 + row * i as u32;
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{lx}" y="{y}" width="{bw}" height="20" fill="#eaeef2"/>"##,
            lx - 10,
            y + 15,
            esc(&label(&a.id, &a.title))
        );
        let w = bar(Some(a.progress), bw);
        let e = lx + bar(Some(a.expected), bw);
        let _ = write!(
            s,
            r##"<rect x="{lx}" y="{y}" width="{w}" height="20" fill="{C_PHYSICAL}"/><line x1="{e}" y1="{}" x2="{e}" y2="{}" stroke="#1b1f24" stroke-width="3"/><text x="{}" y="{}">{} / {}</text>"##,
            y - 2,
            y + 22,
            lx + bw + 8,
            y + 15,
            esc(&rate(Some(a.progress), lang)),
            esc(&rate(Some(a.expected), lang))
        );
    }
    s.push_str("</svg>");
    s
}

fn swatch(colour: &str, text: &str) -> String {
    format!(
        r#"<span><i class="sw" style="background:{colour}"></i>{}</span>"#,
        esc(text)
    )
}

/// A table by group (axis or source) with its total row; every figure also
/// carried raw in `data-v` (amounts exact, rates to two decimals).
fn group_table(s: &Summary, by_label: &str, table: &str, lang: Lang) -> String {
    let cur: &Currency = &s.currency;
    let c = money::currency_label(cur);
    let mut out = format!(
        r#"<table data-table="{table}"><thead><tr><th>{}</th><th>{}</th><th class="n">{}</th><th class="n">{} ({c})</th><th class="n">{} ({c})</th><th class="n">{}</th><th class="n">{}</th><th class="n">{}</th></tr></thead><tbody>"#,
        esc(by_label),
        esc(Label::Title.text(lang)),
        esc(Label::Activities.text(lang)),
        esc(Label::Budget.text(lang)),
        esc(Label::Spent.text(lang)),
        esc(Label::Physical.text(lang)),
        esc(Label::Financial.text(lang)),
        esc(Label::Mobilisation.text(lang)),
    );
    let mut row = |id: &str, title: &str, f: &Figures, total: bool| {
        let r = f.rates();
        let _ = write!(
            out,
            r#"<tr data-id="{}"{}><td>{}</td><td>{}</td><td class="n" data-k="activities" data-v="{}">{}</td><td class="n" data-k="budget" data-v="{}">{}</td><td class="n" data-k="spent" data-v="{}">{}</td><td class="n" data-k="physical" data-v="{}">{}</td><td class="n" data-k="financial" data-v="{}">{}</td><td class="n" data-k="mobilisation" data-v="{}">{}</td></tr>"#,
            esc(id),
            if total { r#" class="total""# } else { "" },
            esc(if total {
                i18n::output::dashboard_total(lang)
            } else {
                id
            }),
            esc(title),
            f.activities,
            f.activities,
            money::raw(f.budget),
            money::format_amount(f.budget, cur, lang),
            money::raw(f.spent),
            money::format_amount(f.spent, cur, lang),
            raw_rate(r.physical),
            rate(r.physical, lang),
            raw_rate(r.financial),
            rate(r.financial, lang),
            raw_rate(r.mobilisation),
            rate(r.mobilisation, lang),
        );
    };
    for g in &s.groups {
        let title = if g.id.is_empty() {
            i18n::output::unattributed(lang).to_string()
        } else {
            group_title(g, lang)
        };
        row(&g.id, &title, &g.figures, false);
    }
    row("", "", &s.total, true);
    out.push_str("</tbody></table>");
    out
}

/// The whole page.
pub fn render(d: &Dashboard<'_>) -> String {
    let mut h = String::with_capacity(32 * 1024);
    head(&mut h, d);
    synthesis_section(&mut h, d);
    funding_section(&mut h, d);
    late_section(&mut h, d);
    tables_section(&mut h, d);
    h.push_str("\n</main>\n</body>\n</html>\n");
    h
}

/// The page up to its first section.
fn head(h: &mut String, d: &Dashboard<'_>) {
    let _ = write!(
        h,
        r#"<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ptba">
<title>{}</title>
<style>{CSS}</style>
</head>
<body>
<main>
"#,
        d.lang.code(),
        esc(&d.title)
    );
}

/// 1. Headline, narrative, execution by axis.
fn synthesis_section(h: &mut String, d: &Dashboard<'_>) {
    let lang = d.lang;
    let s = d.by_axis;
    let t = &s.total;
    let _ = write!(h, r#"<section id="synthese"><h1>{}</h1>"#, esc(&d.title));
    if !d.organization.is_empty() {
        let _ = write!(h, r#"<p class="org">{}</p>"#, esc(&d.organization));
    }
    if let Some(a) = s.as_of {
        let _ = write!(
            h,
            r#"<p class="asof" data-as-of="{a}">{} {}</p>"#,
            esc(Label::AsOf.text(lang)),
            esc(&format_date(a, lang))
        );
    }
    let _ = write!(
        h,
        r#"<p class="headline" data-physical="{}" data-financial="{}">{}</p><p class="narrative">{}</p>"#,
        raw_rate(t.rates().physical),
        raw_rate(t.rates().financial),
        esc(&d.headline),
        esc(&d.narrative)
    );
    let _ = write!(
        h,
        r#"<h2>{}</h2><p class="legend">{}{}</p>{}</section>"#,
        esc(i18n::output::dashboard_execution_heading(lang)),
        swatch(C_PHYSICAL, i18n::output::dashboard_physical(lang)),
        swatch(C_FINANCIAL, i18n::output::dashboard_financial(lang)),
        execution_chart(d)
    );
}

/// 2. Funding by status, by axis.
fn funding_section(h: &mut String, d: &Dashboard<'_>) {
    let lang = d.lang;
    let s = d.by_axis;
    let t = &s.total;
    let money = |x| money::format_money(x, &s.currency, lang);
    let legend: String = [
        (
            C_SECURED,
            i18n::output::dashboard_secured(lang, &money(t.secured)),
        ),
        (
            C_PLEDGED,
            i18n::output::dashboard_pledged(lang, &money(t.pledged)),
        ),
        (
            C_UNFUNDED,
            i18n::output::dashboard_unfunded(lang, &money(t.unfunded)),
        ),
    ]
    .iter()
    .map(|(colour, text)| swatch(colour, text))
    .collect();
    let _ = write!(
        h,
        r#"<section id="financement"><h2>{}</h2><p class="legend">{legend}</p>{}<p class="note">{}</p></section>"#,
        esc(i18n::output::dashboard_funding_heading(lang)),
        funding_chart(d),
        esc(i18n::output::dashboard_funding_note(lang))
    );
}

/// 3. Late activities: the chart, a note when not all are shown, the table.
fn late_section(h: &mut String, d: &Dashboard<'_>) {
    let lang = d.lang;
    let _ = write!(
        h,
        r#"<section id="retards"><h2>{} ({})</h2>"#,
        esc(i18n::output::dashboard_late_heading(lang)),
        d.late.len()
    );
    if d.late.is_empty() {
        let _ = write!(h, r#"<p>{}</p>"#, esc(i18n::output::no_late_activity(lang)));
        h.push_str("</section>");
        return;
    }
    let _ = write!(
        h,
        r#"<p class="legend">{}<span><b>|</b> {}</span></p>{}"#,
        swatch(C_PHYSICAL, i18n::output::dashboard_progress(lang)),
        esc(i18n::output::dashboard_expected_mark(lang)),
        late_chart(d)
    );
    let n = d.late.len();
    let note = if n > LATE_TABLE_MAX {
        Some(i18n::output::dashboard_late_both_cut(
            lang,
            LATE_CHART_MAX,
            LATE_TABLE_MAX,
            n,
        ))
    } else if n > LATE_CHART_MAX {
        Some(i18n::output::dashboard_late_chart_cut(
            lang,
            LATE_CHART_MAX,
            n,
        ))
    } else {
        None
    };
    if let Some(note) = note {
        let _ = write!(h, r#"<p class="note">{}</p>"#, esc(&note));
    }
    let _ = write!(
        h,
        r#"<table data-table="late"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class="n">{}</th><th class="n">{}</th></tr></thead><tbody>"#,
        esc(i18n::output::dashboard_id(lang)),
        esc(Label::Activity.text(lang)),
        esc(Label::Responsible.text(lang)),
        esc(Label::Quarters.text(lang)),
        esc(Label::Progress.text(lang)),
        esc(i18n::output::dashboard_expected(lang)),
    );
    for a in d.late.iter().take(LATE_TABLE_MAX) {
        let _ = write!(
            h,
            r#"<tr data-id="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            esc(&a.id),
            esc(&a.id),
            esc(&a.title),
            esc(&a.responsible),
            esc(&a.quarters),
            esc(&rate(Some(a.progress), lang)),
            esc(&rate(Some(a.expected), lang)),
        );
    }
    h.push_str("</tbody></table>");
    h.push_str("</section>");
}

/// 4. Tables by axis and by source.
fn tables_section(h: &mut String, d: &Dashboard<'_>) {
    let lang = d.lang;
    let _ = write!(
        h,
        r#"<section id="tableaux"><h2>{}</h2>{}<h2>{}</h2>{}</section>"#,
        esc(i18n::output::dashboard_by_axis(lang)),
        group_table(d.by_axis, Label::Axis.text(lang), "axis", lang),
        esc(i18n::output::dashboard_by_source(lang)),
        group_table(d.by_source, Label::Source.text(lang), "source", lang),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_bars() {
        assert_eq!(
            esc(r#"<b>"A&B"</b> l'axe"#),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; l&#39;axe"
        );
        assert_eq!(bar(Some(Decimal::from(50)), 760), 380);
        assert_eq!(bar(Some(Decimal::from(150)), 760), 760);
        assert_eq!(bar(None, 760), 0);
        assert_eq!(bar(Some(Decimal::new(333, 1)), 100), 33);
    }
}

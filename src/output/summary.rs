//! `ptba summary` rendered as a terminal table, JSON, CSV or Markdown.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::compute::{Figures, IndicatorRow, Rates, Summary};
use crate::i18n::{self, Label, Lang};
use crate::money::{self, Currency};
use crate::output::labels::{group_by, group_title};

/// What the renderers need besides the figures.
pub struct View<'a> {
    pub summary: &'a Summary,
    pub plans: &'a [String],
    pub titles: &'a [String],
    pub indicators: &'a [IndicatorRow],
    pub lang: Lang,
    pub precision: u32,
}

/// "Taux d'exécution physique : 67 % — 48 actions / 82 activités"
/// ("…, dont 2 abandonnées" when activities are cancelled).
pub fn headline(s: &Summary, lang: Lang, precision: u32) -> String {
    let t = &s.total;
    let rate = money::format_rate(t.rates().physical, precision, lang);
    let mut line = i18n::output::headline(lang, &rate, s.actions, t.activities);
    if t.cancelled > 0 {
        line.push_str(&i18n::output::headline_cancelled(lang, t.cancelled));
    }
    line
}

fn rate_cells(r: &Rates, precision: u32, lang: Lang) -> Vec<String> {
    r.all()
        .iter()
        .map(|x| money::format_rate(*x, precision, lang))
        .collect()
}

fn rate_labels(lang: Lang) -> [&'static str; 5] {
    [
        Label::Physical.text(lang),
        Label::Completion.text(lang),
        Label::Financial.text(lang),
        Label::Commitment.text(lang),
        Label::Mobilisation.text(lang),
    ]
}

fn shorten(s: &str, max: usize) -> String {
    let s = crate::text::printable(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

/// Display rows: (code, title, figures) for every group, then the total.
fn rows<'s>(v: &View<'s>) -> Vec<(String, String, &'s Figures)> {
    let lang = v.lang;
    let mut out: Vec<(String, String, &Figures)> = v
        .summary
        .groups
        .iter()
        .map(|g| (g.id.clone(), group_title(g, lang), &g.figures))
        .collect();
    out.push((
        Label::Total.text(lang).to_string(),
        String::new(),
        &v.summary.total,
    ));
    out
}

fn amount_header(label: Label, cur: &Currency, lang: Lang) -> String {
    format!("{} ({})", label.text(lang), money::currency_label(cur))
}

/// The headline, a table by group, and the money lines under it. On a
/// terminal the table fits its width (see [`super::terminal`]).
pub fn table(v: &View<'_>) -> String {
    table_for(
        v,
        super::terminal::terminal_width(),
        crate::console::color(),
    )
}

/// [`table`] for a terminal of `width` columns (`None`: not a terminal).
fn table_for(v: &View<'_>, width: Option<usize>, color: bool) -> String {
    use super::terminal::Column;
    let (lang, s) = (v.lang, v.summary);
    let cur = &s.currency;
    let col = |header: String, short: Option<&str>, numeric: bool, optional: bool| Column {
        header,
        short: short.map(str::to_string),
        numeric,
        optional,
        wraps: false,
    };
    let short = i18n::output::short_headers(lang);
    let mut columns = vec![
        col(group_by(s.by, lang).to_string(), None, false, false),
        Column {
            wraps: true,
            ..col(Label::Title.text(lang).to_string(), None, false, false)
        },
        col(
            Label::Activities.text(lang).to_string(),
            Some(short[0]),
            true,
            false,
        ),
        col(amount_header(Label::Budget, cur, lang), None, true, false),
        col(amount_header(Label::Spent, cur, lang), None, true, false),
    ];
    let shorts = [
        (short[1], false),
        (short[2], true),
        (short[3], false),
        (short[4], true),
        (short[5], true),
    ];
    for (label, (short, optional)) in rate_labels(lang).iter().zip(shorts) {
        columns.push(col(label.to_string(), Some(short), true, optional));
    }
    let mut body = Vec::new();
    for (code, title, f) in rows(v) {
        let activities = if f.cancelled > 0 {
            format!(
                "{} ({} {})",
                f.activities,
                f.cancelled,
                i18n::output::cancelled_short(lang)
            )
        } else {
            f.activities.to_string()
        };
        let mut cells = vec![
            shorten(&code, 16),
            shorten(&title, 48),
            activities,
            money::format_amount(f.budget, cur, lang),
            money::format_amount(f.spent, cur, lang),
        ];
        cells.extend(rate_cells(&f.rates(), v.precision, lang));
        body.push(cells);
    }
    let t = super::terminal::render(&columns, &body, width, color, lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", headline(s, lang, v.precision));
    if let Some(d) = s.as_of {
        let _ = writeln!(out, "{} {}", Label::AsOf.text(lang), format_date(d, lang));
    }
    let _ = writeln!(out, "{t}");
    for line in money_lines(&s.total, cur, lang).lines() {
        match width {
            Some(w) => {
                let _ = writeln!(out, "{}", super::terminal::wrap(line, w, " — "));
            }
            None => {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

pub use crate::i18n::format_date;

fn money_lines(t: &Figures, cur: &Currency, lang: Lang) -> String {
    let m = |d: Decimal| money::format_money(d, cur, lang);
    let mut s = i18n::output::money_lines(
        lang,
        [
            &m(t.budget),
            &m(t.committed),
            &m(t.spent),
            &m(t.balance()),
            &m(t.secured),
            &m(t.pledged),
            &m(t.unfunded),
        ],
    );
    if t.cancelled > 0 {
        let apart = t.cancelled - t.cancelled_kept;
        s.push_str(&i18n::output::money_cancelled(
            lang,
            t.cancelled,
            &m(t.cancelled_budget),
            apart,
        ));
        if t.cancelled_kept > 0 {
            s.push_str(&i18n::output::money_cancelled_kept(lang, t.cancelled_kept));
        }
    }
    s
}

/// A rate for machines: a number rounded to two decimals, or null.
pub fn rate_json(r: Option<Decimal>) -> Value {
    match r {
        None => Value::Null,
        Some(x) => money::round(x, 2)
            .to_string()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
    }
}

fn figures_json(f: &Figures, revised: bool, m: &mut Map<String, Value>) {
    m.insert("activities".into(), json!(f.activities));
    m.insert("cancelled".into(), json!(f.cancelled));
    m.insert("cancelled_kept".into(), json!(f.cancelled_kept));
    m.insert("done".into(), json!(f.done));
    for (k, d) in [
        ("cancelled_budget", f.cancelled_budget),
        ("budget", f.budget),
        ("spent", f.spent),
        ("committed", f.committed),
        ("balance", f.balance()),
        ("secured", f.secured),
        ("pledged", f.pledged),
        ("unfunded", f.unfunded),
    ] {
        m.insert(k.into(), json!(money::raw(d)));
    }
    // A revised plan (some line keeps its `initial`, SPEC §2): the amounts
    // first adopted, in every group (a line without one counts its budget).
    if revised {
        m.insert("initial".into(), json!(money::raw(f.initial)));
        m.insert(
            "initial_difference".into(),
            json!(money::raw(f.budget - f.initial)),
        );
    }
    let r = f.rates();
    let rates: Map<String, Value> = Rates::NAMES
        .iter()
        .zip(r.all())
        .map(|(k, x)| (k.to_string(), rate_json(x)))
        .collect();
    m.insert("rates".into(), Value::Object(rates));
}

pub fn json(v: &View<'_>) -> Value {
    let s = v.summary;
    let mut m = Map::new();
    m.insert("plans".into(), json!(v.plans));
    m.insert("title".into(), json!(v.titles.join(" + ")));
    m.insert("as_of".into(), json!(s.as_of.map(|d| d.to_string())));
    m.insert("currency".into(), json!(s.currency.code));
    m.insert("weighting".into(), json!(s.weighting.key()));
    m.insert("axes".into(), json!(s.axes));
    m.insert("actions".into(), json!(s.actions));
    figures_json(&s.total, s.total.has_initial, &mut m);
    m.insert("headline".into(), json!(headline(s, v.lang, v.precision)));
    let groups: Vec<Value> = s
        .groups
        .iter()
        .map(|g| {
            let mut gm = Map::new();
            gm.insert("by".into(), json!(g.by.key()));
            gm.insert("id".into(), json!(g.id));
            gm.insert("title".into(), json!(group_title(g, v.lang)));
            figures_json(&g.figures, s.total.has_initial, &mut gm);
            Value::Object(gm)
        })
        .collect();
    m.insert("groups".into(), Value::Array(groups));
    let inds: Vec<Value> = v
        .indicators
        .iter()
        .map(|i| {
            json!({
                "level": i.level.key(),
                "owner": i.owner,
                "name": i.name,
                "unit": i.unit,
                "baseline": i.baseline.map(money::raw),
                "target": money::raw(i.target),
                "actual": i.actual.map(money::raw),
                "achievement": rate_json(i.achievement()),
            })
        })
        .collect();
    m.insert("indicators".into(), Value::Array(inds));
    Value::Object(m)
}

/// A CSV text field (SPEC §5), for a file read with `sep` as separator:
/// text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// prefixed with `'` so that no spreadsheet runs it as a formula; control
/// characters other than the line feed are escaped (`\u{1b}`), so none
/// reaches a terminal raw; the field is quoted when it holds `,`, `;`, a
/// quote or a line break — both separators, so that a file opened with the
/// other one (French Excel splits on `;`) still keeps each field whole.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    let s: String = s
        .chars()
        .flat_map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if s.contains([',', ';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// JSON text with the characters serde_json leaves raw that a terminal may
/// act on (DEL and the C1 controls, U+0080–U+009F) written as `\u` escapes:
/// they only occur inside strings, so the JSON means the same.
pub fn json_text(s: &str) -> String {
    if !s
        .chars()
        .any(|c| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

const CSV_COLUMNS: [&str; 20] = [
    "by",
    "id",
    "title",
    "activities",
    "cancelled",
    "cancelled_kept",
    "done",
    "budget",
    "cancelled_budget",
    "spent",
    "committed",
    "balance",
    "secured",
    "pledged",
    "unfunded",
    "physical",
    "completion",
    "financial",
    "commitment",
    "mobilisation",
];

/// One row per group, after a first `plan` row with the totals.
pub fn csv(v: &View<'_>) -> String {
    csv_with(v, ',', '.', "\n")
}

/// The CSV that French Excel opens by double-click: `;` between fields,
/// decimal comma, UTF-8 with a byte-order mark (without it Excel reads the
/// file as ANSI and garbles accents). Same columns as [`csv`].
pub fn csv_fr(v: &View<'_>) -> String {
    let mut out = String::from('\u{feff}');
    out.push_str(&csv_with(v, ';', ',', "\r\n"));
    out
}

fn csv_with(v: &View<'_>, sep: char, point: char, eol: &str) -> String {
    let s = v.summary;
    let sep_s = sep.to_string();
    let mut out = CSV_COLUMNS.join(&sep_s);
    out.push_str(eol);
    let number = |d: Decimal| {
        let t = money::raw(d);
        if point == '.' {
            t
        } else {
            t.replace('.', &point.to_string())
        }
    };
    let mut row = |by: &str, id: &str, title: &str, f: &Figures| {
        let mut cells = vec![
            csv_field(by),
            csv_field(id),
            csv_field(title),
            f.activities.to_string(),
            f.cancelled.to_string(),
            f.cancelled_kept.to_string(),
            f.done.to_string(),
        ];
        cells.extend(
            [
                f.budget,
                f.cancelled_budget,
                f.spent,
                f.committed,
                f.balance(),
                f.secured,
                f.pledged,
                f.unfunded,
            ]
            .map(number),
        );
        cells.extend(
            f.rates()
                .all()
                .iter()
                .map(|r| r.map(|x| number(money::round(x, 2))).unwrap_or_default()),
        );
        out.push_str(&cells.join(&sep_s));
        out.push_str(eol);
    };
    row("plan", "", &v.titles.join(" + "), &s.total);
    for g in &s.groups {
        row(g.by.key(), &g.id, &group_title(g, v.lang), &g.figures);
    }
    out
}

fn md_escape(s: &str) -> String {
    crate::text::printable(s).replace('|', "\\|")
}

pub fn markdown(v: &View<'_>) -> String {
    let (lang, s) = (v.lang, v.summary);
    let cur = &s.currency;
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", headline(s, lang, v.precision));
    if let Some(d) = s.as_of {
        let _ = writeln!(out, "{} {}\n", Label::AsOf.text(lang), format_date(d, lang));
    }
    let mut header = vec![
        group_by(s.by, lang).to_string(),
        Label::Title.text(lang).to_string(),
        Label::Activities.text(lang).to_string(),
        amount_header(Label::Budget, cur, lang),
        amount_header(Label::Spent, cur, lang),
    ];
    header.extend(rate_labels(lang).iter().map(|s| s.to_string()));
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        [
            "---|", "---|", "--:|", "--:|", "--:|", "--:|", "--:|", "--:|", "--:|", "--:|"
        ]
        .concat()
    );
    for (code, title, f) in rows(v) {
        let mut cells = vec![
            md_escape(&code),
            md_escape(&title),
            f.activities.to_string(),
            money::format_amount(f.budget, cur, lang),
            money::format_amount(f.spent, cur, lang),
        ];
        cells.extend(rate_cells(&f.rates(), v.precision, lang));
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(
        out,
        "\n{}",
        money_lines(&s.total, cur, lang).replace('\n', "  \n")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_cannot_become_formulas() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("Prévention"), "Prévention");
        // French Excel splits on `;`: quoted, so the next field stays text.
        assert_eq!(csv_field("a;=cmd"), "\"a;=cmd\"");
        assert_eq!(csv_field("\tx"), "'\\tx");
        assert_eq!(csv_field("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(csv_field("deux\nlignes"), "\"deux\nlignes\"");
    }

    #[test]
    fn json_text_escapes_c1_controls() {
        assert_eq!(json_text("\"a\u{9b}b\u{7f}\""), "\"a\\u009bb\\u007f\"");
        assert_eq!(json_text("\"é\""), "\"é\"");
    }

    #[test]
    fn json_rates_have_two_decimals() {
        use std::str::FromStr;
        assert_eq!(
            rate_json(Some(Decimal::from_str("67.0731707").unwrap())),
            json!(67.07)
        );
        assert_eq!(
            rate_json(Some(Decimal::from_str("66.665").unwrap())),
            json!(66.67)
        );
        assert_eq!(rate_json(None), Value::Null);
    }
}

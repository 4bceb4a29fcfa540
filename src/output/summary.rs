//! `ptba summary` rendered as a terminal table, JSON, CSV or Markdown.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::compute::{Figures, GroupBy, IndicatorRow, Rates, Summary};
use crate::i18n::{Label, Lang};
use crate::money::{self, Currency};

/// What the renderers need besides the figures.
pub struct View<'a> {
    pub summary: &'a Summary,
    pub plans: &'a [String],
    pub titles: &'a [String],
    pub indicators: &'a [IndicatorRow],
    pub lang: Lang,
    pub precision: u32,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "Taux d'exécution physique : 67 % — 48 actions / 82 activités"
/// ("…, dont 2 abandonnées" when activities are cancelled).
pub fn headline(s: &Summary, lang: Lang, precision: u32) -> String {
    let t = &s.total;
    let rate = money::format_rate(t.rates().physical, precision, lang);
    let mut line = match lang {
        Lang::Fr => format!(
            "Taux d'exécution physique : {rate} — {} / {}",
            plural(s.actions, "action", "actions"),
            plural(t.activities, "activité", "activités")
        ),
        Lang::En => format!(
            "Physical execution: {rate} — {} / {}",
            plural(s.actions, "action", "actions"),
            plural(t.activities, "activity", "activities")
        ),
    };
    if t.cancelled > 0 {
        match lang {
            Lang::Fr => {
                let w = if t.cancelled == 1 {
                    "abandonnée"
                } else {
                    "abandonnées"
                };
                let _ = write!(line, ", dont {} {w}", t.cancelled);
            }
            Lang::En => {
                let _ = write!(line, ", of which {} cancelled", t.cancelled);
            }
        }
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
        .map(|g| (g.id.clone(), g.title.clone(), &g.figures))
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
pub fn table_for(v: &View<'_>, width: Option<usize>, color: bool) -> String {
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
    let mut columns = vec![
        col(s.by.label(lang).to_string(), None, false, false),
        Column {
            wraps: true,
            ..col(Label::Title.text(lang).to_string(), None, false, false)
        },
        col(
            Label::Activities.text(lang).to_string(),
            Some(lang.pick("Act.", "Act.")),
            true,
            false,
        ),
        col(amount_header(Label::Budget, cur, lang), None, true, false),
        col(amount_header(Label::Spent, cur, lang), None, true, false),
    ];
    let shorts = [
        (lang.pick("Phys.", "Phys."), false),
        (lang.pick("Réal.", "Compl."), true),
        (lang.pick("Fin.", "Fin."), false),
        (lang.pick("Eng.", "Comm."), true),
        (lang.pick("Mob.", "Mob."), true),
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
                lang.pick("ab.", "canc.")
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

pub fn format_date(d: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => d.format("%d/%m/%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

fn money_lines(t: &Figures, cur: &Currency, lang: Lang) -> String {
    let m = |d: Decimal| money::format_money(d, cur, lang);
    let mut s = match lang {
        Lang::Fr => format!(
            "Budget : {} — engagé : {} — décaissé : {} — solde : {}\nFinancement : acquis {} — promis {} — à rechercher {}",
            m(t.budget),
            m(t.committed),
            m(t.spent),
            m(t.balance()),
            m(t.secured),
            m(t.pledged),
            m(t.unfunded)
        ),
        Lang::En => format!(
            "Budget: {} — committed: {} — spent: {} — balance: {}\nFunding: secured {} — pledged {} — unfunded {}",
            m(t.budget),
            m(t.committed),
            m(t.spent),
            m(t.balance()),
            m(t.secured),
            m(t.pledged),
            m(t.unfunded)
        ),
    };
    if t.cancelled > 0 {
        let _ = write!(
            s,
            "{}",
            match lang {
                Lang::Fr => format!(
                    "\nActivités abandonnées : {} ({})",
                    t.cancelled,
                    m(t.cancelled_budget)
                ),
                Lang::En => format!(
                    "\nCancelled activities: {} ({})",
                    t.cancelled,
                    m(t.cancelled_budget)
                ),
            }
        );
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

fn figures_json(f: &Figures, m: &mut Map<String, Value>) {
    m.insert("activities".into(), json!(f.activities));
    m.insert("cancelled".into(), json!(f.cancelled));
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
    figures_json(&s.total, &mut m);
    m.insert("headline".into(), json!(headline(s, v.lang, v.precision)));
    let groups: Vec<Value> = s
        .groups
        .iter()
        .map(|g| {
            let mut gm = Map::new();
            gm.insert("by".into(), json!(g.by.key()));
            gm.insert("id".into(), json!(g.id));
            gm.insert("title".into(), json!(g.title));
            figures_json(&g.figures, &mut gm);
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

/// A CSV field: quoted when needed; text starting with `=`, `+`, `-`, `@`
/// (or a tab / carriage return) is prefixed with `'` so that no spreadsheet
/// runs it as a formula.
pub fn csv_text(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub const CSV_COLUMNS: [&str; 19] = [
    "by",
    "id",
    "title",
    "activities",
    "cancelled",
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
    let s = v.summary;
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    let mut row = |by: &str, id: &str, title: &str, f: &Figures| {
        let mut cells = vec![
            by.to_string(),
            csv_text(id),
            csv_text(title),
            f.activities.to_string(),
            f.cancelled.to_string(),
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
            .map(money::raw),
        );
        cells.extend(f.rates().all().iter().map(|r| {
            r.map(|x| money::raw(money::round(x, 2)))
                .unwrap_or_default()
        }));
        out.push_str(&cells.join(","));
        out.push('\n');
    };
    row("plan", "", &v.titles.join(" + "), &s.total);
    for g in &s.groups {
        row(g.by.key(), &g.id, &g.title, &g.figures);
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
        s.by.label(lang).to_string(),
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

/// `--by` as typed on the command line.
pub fn parse_group(s: &str) -> Option<GroupBy> {
    match s {
        "axis" | "axe" => Some(GroupBy::Axis),
        "action" => Some(GroupBy::Action),
        "source" => Some(GroupBy::Source),
        "responsible" | "responsable" => Some(GroupBy::Responsible),
        "quarter" | "trimestre" => Some(GroupBy::Quarter),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_cannot_become_formulas() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_text("+1"), "'+1");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("Prévention"), "Prévention");
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

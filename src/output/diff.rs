//! `ptba diff` shown: text for the terminal, markdown, JSON.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::diff::{Change, Diff, GroupRow, Level, PlanField};
use crate::i18n::{self, Lang};
use crate::money::{self, Currency};

/// What is shown with the figures.
pub struct View<'a> {
    pub diff: &'a Diff,
    /// What is compared, e.g. "a.toml → b.toml".
    pub before: &'a str,
    pub after: &'a str,
    pub currency: &'a Currency,
    pub lang: Lang,
}

fn amount(v: &View<'_>, d: Decimal) -> String {
    money::format_amount(d, v.currency, v.lang)
}

/// "+2 500 000", "−300", "0".
fn signed(v: &View<'_>, d: Decimal) -> String {
    if d > Decimal::ZERO {
        format!("+{}", amount(v, d))
    } else if d < Decimal::ZERO {
        format!("−{}", amount(v, -d))
    } else {
        "0".to_string()
    }
}

fn quarters(q: &[u8], lang: Lang) -> String {
    if q.is_empty() {
        return "—".into();
    }
    let t = i18n::output::quarter_prefix(lang);
    q.iter()
        .map(|x| format!("{t}{x}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn day(d: Option<NaiveDate>) -> String {
    d.map_or("—".into(), |d| d.format("%Y-%m-%d").to_string())
}

/// One sentence per change, with English punctuation in English.
fn sentence(v: &View<'_>, c: &Change) -> String {
    i18n::output::diff_punctuation(v.lang, sentence_fr_punct(v, c))
}

fn sentence_fr_punct(v: &View<'_>, c: &Change) -> String {
    let lang = v.lang;
    match c {
        Change::Plan {
            field,
            before,
            after,
        } => plan_field(lang, *field, before, after),
        Change::Added {
            level: l,
            id,
            title,
            parent,
            budget,
        }
        | Change::Removed {
            level: l,
            id,
            title,
            parent,
            budget,
        } => {
            let sign = if matches!(c, Change::Added { .. }) {
                "+"
            } else {
                "−"
            };
            let mut s = format!(
                "{sign} {} {id} « {title} »",
                i18n::output::diff_level(lang, *l)
            );
            if let Some(p) = parent {
                let _ = write!(s, " ({} {p})", i18n::output::diff_in(lang));
            }
            if *l == Level::Activity {
                let _ = write!(s, " : {}", amount(v, *budget));
            }
            s
        }
        Change::Retitled {
            level: l,
            id,
            before,
            after,
        } => format!(
            "~ {} {id} {} : « {before} » → « {after} »",
            i18n::output::diff_level(lang, *l),
            i18n::output::diff_retitled(lang, *l == Level::Axis)
        ),
        Change::Moved {
            level: l,
            id,
            before,
            after,
        } => format!(
            "~ {} {id} {} : {before} → {after}",
            i18n::output::diff_level(lang, *l),
            i18n::output::diff_moved(lang, *l == Level::Axis)
        ),
        Change::Rebudgeted {
            id,
            source,
            before,
            after,
        } => format!(
            "~ {} {id} {} {source} : {} → {} ({})",
            i18n::output::diff_level(lang, Level::Activity),
            i18n::output::diff_budget(lang),
            amount(v, *before),
            amount(v, *after),
            signed(v, *after - *before)
        ),
        Change::Rescheduled {
            id,
            quarters: q,
            start,
            end,
        } => rescheduled(lang, id, q, start, end),
    }
}

/// "~ activité A2.1.1 reprogrammée : trimestres … ; début … → …".
fn rescheduled(
    lang: Lang,
    id: &str,
    q: &(Vec<u8>, Vec<u8>),
    start: &(Option<NaiveDate>, Option<NaiveDate>),
    end: &(Option<NaiveDate>, Option<NaiveDate>),
) -> String {
    let mut parts = Vec::new();
    if q.0 != q.1 {
        parts.push(format!(
            "{} {} → {}",
            i18n::output::diff_quarters(lang),
            quarters(&q.0, lang),
            quarters(&q.1, lang)
        ));
    }
    if start.0 != start.1 {
        parts.push(format!(
            "{} {} → {}",
            i18n::output::diff_start(lang),
            day(start.0),
            day(start.1)
        ));
    }
    if end.0 != end.1 {
        parts.push(format!(
            "{} {} → {}",
            i18n::output::diff_end(lang),
            day(end.0),
            day(end.1)
        ));
    }
    format!(
        "~ {} {id} {} : {}",
        i18n::output::diff_level(lang, Level::Activity),
        i18n::output::diff_rescheduled(lang),
        parts.join(" ; ")
    )
}

/// "~ plan année : 2024 → 2025"; a title or organisation in quotes, an
/// empty one as a dash.
fn plan_field(lang: Lang, field: PlanField, before: &str, after: &str) -> String {
    let shown = |t: &str| match (t.is_empty(), field) {
        (true, _) => "—".to_string(),
        (false, PlanField::Year) => t.to_string(),
        (false, _) => format!("« {t} »"),
    };
    format!(
        "~ {} : {} → {}",
        i18n::output::diff_plan_field(lang, field),
        shown(before),
        shown(after)
    )
}

fn no_change(lang: Lang) -> &'static str {
    i18n::output::diff_no_change(lang)
}

fn group_title(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "axis" => i18n::output::diff_budget_by_axis(lang),
        _ => i18n::output::diff_budget_by_source(lang),
    }
}

fn cells(v: &View<'_>, r: &GroupRow) -> [String; 5] {
    [
        r.id.clone(),
        r.title.clone(),
        amount(v, r.before),
        amount(v, r.after),
        signed(v, r.difference()),
    ]
}

fn total_cells(v: &View<'_>) -> [String; 5] {
    let d = v.diff;
    [
        i18n::output::diff_total(v.lang).into(),
        String::new(),
        amount(v, d.total_before),
        amount(v, d.total_after),
        signed(v, d.total_after - d.total_before),
    ]
}

/// Columns padded to their widest cell; amounts right-aligned, never wrapped.
fn text_table(v: &View<'_>, rows: &[GroupRow]) -> String {
    let mut all: Vec<[String; 5]> = vec![i18n::output::diff_headers(v.lang).map(str::to_string)];
    all.extend(rows.iter().map(|r| cells(v, r)));
    all.push(total_cells(v));
    let width = |i: usize| all.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let w: Vec<usize> = (0..5).map(width).collect();
    let mut out = String::new();
    for r in &all {
        let mut line = format!("  {:<w0$}  {:<w1$}", r[0], r[1], w0 = w[0], w1 = w[1]);
        for i in 2..5 {
            let pad = w[i] - r[i].chars().count();
            let _ = write!(line, "  {}{}", " ".repeat(pad), r[i]);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn reconcile_line(v: &View<'_>) -> String {
    let d = v.diff;
    format!(
        "{} {} {} = {}",
        amount(v, d.total_before),
        if d.sum_of_differences() < Decimal::ZERO {
            "−"
        } else {
            "+"
        },
        amount(v, d.sum_of_differences().abs()),
        amount(v, d.total_after)
    )
}

pub fn text(v: &View<'_>) -> String {
    let lang = v.lang;
    let d = v.diff;
    let mut out = String::new();
    let _ = writeln!(out, "{} → {}", v.before, v.after);
    if d.is_empty() {
        let _ = writeln!(out, "{}", no_change(lang));
        return out;
    }
    let _ = writeln!(out, "{}", i18n::output::diff_changes(lang, d.changes.len()));
    for c in &d.changes {
        let _ = writeln!(out, "  {}", sentence(v, c));
    }
    for (kind, rows) in [("axis", &d.by_axis), ("source", &d.by_source)] {
        let _ = writeln!(
            out,
            "\n{} ({}) :",
            group_title(kind, lang),
            money::currency_label(v.currency)
        );
        out.push_str(&text_table(v, rows));
    }
    let _ = writeln!(
        out,
        "\n{} : {}",
        i18n::output::diff_reconcile(lang),
        reconcile_line(v)
    );
    out
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn markdown(v: &View<'_>) -> String {
    let lang = v.lang;
    let d = v.diff;
    let mut out = String::new();
    let _ = writeln!(out, "## {} → {}\n", md(v.before), md(v.after));
    if d.is_empty() {
        let _ = writeln!(out, "{}", no_change(lang));
        return out;
    }
    for c in &d.changes {
        let _ = writeln!(out, "- {}", md(&sentence(v, c)));
    }
    for (kind, rows) in [("axis", &d.by_axis), ("source", &d.by_source)] {
        let _ = writeln!(
            out,
            "\n### {} ({})\n",
            group_title(kind, lang),
            money::currency_label(v.currency)
        );
        let h = i18n::output::diff_headers(lang);
        let _ = writeln!(out, "| {} |", h.join(" | "));
        let _ = writeln!(out, "|---|---|---:|---:|---:|");
        for r in rows.iter().map(|r| cells(v, r)).chain([total_cells(v)]) {
            let r: Vec<String> = r.iter().map(|c| md(c)).collect();
            let _ = writeln!(out, "| {} |", r.join(" | "));
        }
    }
    let _ = writeln!(out, "\n{}", reconcile_line(v));
    out
}

fn change_json(c: &Change) -> Value {
    let raw = money::raw;
    match c {
        Change::Plan {
            field,
            before,
            after,
        } => json!({"kind": "plan", "field": field.key(), "before": before, "after": after}),
        Change::Added {
            level,
            id,
            title,
            parent,
            budget,
        }
        | Change::Removed {
            level,
            id,
            title,
            parent,
            budget,
        } => {
            let kind = if matches!(c, Change::Added { .. }) {
                "added"
            } else {
                "removed"
            };
            let mut m = json!({"kind": kind, "level": level.key(), "id": id, "title": title});
            if let Some(p) = parent {
                m["parent"] = json!(p);
            }
            if *level == Level::Activity {
                m["budget"] = json!(raw(*budget));
            }
            m
        }
        Change::Retitled {
            level,
            id,
            before,
            after,
        } => {
            json!({"kind": "retitled", "level": level.key(), "id": id, "before": before, "after": after})
        }
        Change::Moved {
            level,
            id,
            before,
            after,
        } => {
            json!({"kind": "moved", "level": level.key(), "id": id, "before": before, "after": after})
        }
        Change::Rebudgeted {
            id,
            source,
            before,
            after,
        } => json!({"kind": "rebudgeted", "level": "activity", "id": id, "source": source,
            "before": raw(*before), "after": raw(*after), "difference": raw(*after - *before)}),
        Change::Rescheduled {
            id,
            quarters,
            start,
            end,
        } => json!({"kind": "rescheduled", "level": "activity", "id": id,
            "before": {"quarters": quarters.0, "start": start.0.map(|d| d.to_string()), "end": end.0.map(|d| d.to_string())},
            "after": {"quarters": quarters.1, "start": start.1.map(|d| d.to_string()), "end": end.1.map(|d| d.to_string())}}),
    }
}

fn rows_json(rows: &[GroupRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({"id": r.id, "title": r.title, "before": money::raw(r.before),
                    "after": money::raw(r.after), "difference": money::raw(r.difference())})
            })
            .collect(),
    )
}

pub fn json(v: &View<'_>) -> Value {
    let d = v.diff;
    json!({
        "before": v.before,
        "after": v.after,
        "currency": v.currency.code,
        "changed": !d.is_empty(),
        "changes": d.changes.iter().map(change_json).collect::<Vec<_>>(),
        "by_axis": rows_json(&d.by_axis),
        "by_source": rows_json(&d.by_source),
        "total": {
            "before": money::raw(d.total_before),
            "after": money::raw(d.total_after),
            "difference": money::raw(d.total_after - d.total_before),
            "sum_of_differences": money::raw(d.sum_of_differences()),
        },
    })
}

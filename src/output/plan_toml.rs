//! A plan (and its log) written back as TOML: the readable file of SPEC §2,
//! one table per line of the logical framework, in the model's order, so
//! that reading it back gives the same plan.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::i18n::workbook as w;
use crate::log_text::{self, NewRecord};
use crate::model::{BudgetLine, Indicator, Plan, Project, Record};

/// A TOML string literal, escaped.
fn quote(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

fn number(d: rust_decimal::Decimal) -> String {
    log_text::number(d)
}

/// A date literal (`2024-03-31`); a date TOML cannot write as a literal
/// (year beyond 9999) as text, which the loader reads too.
fn date(d: NaiveDate) -> String {
    let text = d.format("%Y-%m-%d").to_string();
    if text.len() == 10 && text.as_bytes()[0].is_ascii_digit() {
        text
    } else {
        quote(&text)
    }
}

fn indicators(out: &mut String, kind: &str, list: &[Indicator]) {
    for i in list {
        let _ = writeln!(out, "\n[[{kind}.indicator]]");
        let _ = writeln!(out, "name = {}", quote(&i.name));
        if let Some(u) = &i.unit {
            let _ = writeln!(out, "unit = {}", quote(u));
        }
        if let Some(b) = i.baseline {
            let _ = writeln!(out, "baseline = {}", number(b));
        }
        let _ = writeln!(out, "target = {}", number(i.target));
    }
}

fn budget_line(l: &BudgetLine) -> String {
    let mut parts = vec![format!("source = {}", quote(&l.source))];
    if let Some(a) = l.amount {
        parts.push(format!("amount = {}", number(a)));
    }
    if let Some(q) = l.quantity {
        parts.push(format!("quantity = {}", number(q)));
    }
    if let Some(u) = l.unit_cost {
        parts.push(format!("unit_cost = {}", number(u)));
    }
    if let Some(c) = &l.category {
        parts.push(format!("category = {}", quote(c)));
    }
    if let Some(i) = l.initial {
        parts.push(format!("initial = {}", number(i)));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// The plan file.
pub fn plan(p: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}",
        w::plan_file_comment(&log_text::comment_text(&p.title))
    );
    out.push_str("\n[plan]\n");
    let _ = writeln!(out, "title = {}", quote(&p.title));
    if let Some(o) = &p.organization {
        let _ = writeln!(out, "organization = {}", quote(o));
    }
    let _ = writeln!(out, "year = {}", p.year);
    let _ = writeln!(out, "currency = {}", quote(&p.currency.code));
    if let Some(l) = p.lang {
        let _ = writeln!(out, "lang = {}", quote(l.code()));
    }
    if let Some(pr) = &p.progress {
        let _ = writeln!(out, "progress = {}", quote(pr));
    }
    if let Some(b) = p.budget_total {
        let _ = writeln!(out, "budget_total = {}", number(b));
    }
    if let Some(w) = p.weighting {
        let _ = writeln!(out, "weighting = {}", quote(w.key()));
    }

    if !p.sources.is_empty() {
        let _ = writeln!(out, "\n# {}", w::COMMENT_SOURCES);
    }
    for s in &p.sources {
        out.push_str("\n[[source]]\n");
        let _ = writeln!(out, "id = {}", quote(&s.id));
        let _ = writeln!(out, "name = {}", quote(&s.name));
        let _ = writeln!(out, "status = {}", quote(s.status.key()));
    }

    if !p.axes.is_empty() {
        let _ = writeln!(out, "\n# {}", w::COMMENT_AXES);
    }
    for a in &p.axes {
        out.push_str("\n[[axis]]\n");
        let _ = writeln!(out, "id = {}", quote(&a.id));
        let _ = writeln!(out, "title = {}", quote(&a.title));
        indicators(&mut out, "axis", &a.indicators);
    }

    if !p.actions.is_empty() {
        let _ = writeln!(out, "\n# {}", w::COMMENT_ACTIONS);
    }
    for a in &p.actions {
        out.push_str("\n[[action]]\n");
        let _ = writeln!(out, "id = {}", quote(&a.id));
        let _ = writeln!(out, "axis = {}", quote(&a.axis));
        let _ = writeln!(out, "title = {}", quote(&a.title));
        indicators(&mut out, "action", &a.indicators);
    }

    if !p.activities.is_empty() {
        let _ = writeln!(out, "\n# {}", w::COMMENT_ACTIVITIES);
    }
    for a in &p.activities {
        out.push_str("\n[[activity]]\n");
        let _ = writeln!(out, "id = {}", quote(&a.id));
        let _ = writeln!(out, "action = {}", quote(&a.action));
        let _ = writeln!(out, "title = {}", quote(&a.title));
        if let Some(r) = &a.responsible {
            let _ = writeln!(out, "responsible = {}", quote(r));
        }
        if !a.partners.is_empty() {
            let list: Vec<String> = a.partners.iter().map(|x| quote(x)).collect();
            let _ = writeln!(out, "partners = [{}]", list.join(", "));
        }
        if !a.quarters.is_empty() {
            let list: Vec<String> = a.quarters.iter().map(u8::to_string).collect();
            let _ = writeln!(out, "quarters = [{}]", list.join(", "));
        }
        if let Some(d) = a.start {
            let _ = writeln!(out, "start = {}", date(d));
        }
        if let Some(d) = a.end {
            let _ = writeln!(out, "end = {}", date(d));
        }
        if let Some(w) = a.weight {
            let _ = writeln!(out, "weight = {}", number(w));
        }
        match a.budget.len() {
            0 => {}
            _ => {
                out.push_str("budget = [\n");
                for l in &a.budget {
                    let _ = writeln!(out, "  {},", budget_line(l));
                }
                out.push_str("]\n");
            }
        }
        indicators(&mut out, "activity", &a.indicators);
    }
    out
}

/// A record of the model as the log writer takes it.
pub fn new_record(r: &Record) -> NewRecord {
    NewRecord {
        activity: r.activity.clone(),
        date: r.date,
        status: r.status,
        progress: r.progress,
        committed: r.committed,
        spent: r.spent,
        source: r.source.clone(),
        category: r.category.clone(),
        indicators: r
            .indicators
            .iter()
            .map(|i| (i.name.clone(), i.value))
            .collect(),
        note: r.note.clone(),
        correction: r.correction,
    }
}

/// The progress log: its header, then every record in log order.
pub fn log(project: &Project, plan_name: &str) -> String {
    let mut out = log_text::new_log_header(plan_name);
    // The import fingerprints, so that the same filled template is still
    // refused after the log went through a workbook (SPEC §8).
    for m in &project.imports {
        out.push_str(m);
        out.push('\n');
    }
    for r in &project.records {
        out.push_str(&log_text::render(&new_record(r)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const PLAN: &str = r#"
[plan]
title = "Plan \"test\" — été"
organization = "Comité"
year = 2024
currency = "EUR"
lang = "en"
budget_total = "1250.50"
weighting = "weight"

[[source]]
id = "S"
name = "État"
status = "pledged"

[[axis]]
id = "A1"
title = "=HYPERLINK(\"http://x\",\"y\")"

[[axis.indicator]]
name = "Taux"
unit = "%"
baseline = -3.5
target = 10

[[action]]
id = "A1.1"
axis = "A1"
title = "Action"

[[activity]]
id = "a"
action = "A1.1"
title = "Activité\nsur deux lignes"
responsible = "R"
partners = ["P1", "P2"]
quarters = [3, 1]
start = 2024-02-01
end = 2024-06-30
weight = 2.5
budget = [
  { source = "S", amount = "1000.25", category = "Biens" },
  { source = "S", quantity = 2.5, unit_cost = 100.1 },
]

[[activity.indicator]]
name = "n"
target = 5
"#;

    #[test]
    fn plan_reads_back_identical() {
        let (p, diags) = crate::load::toml::parse_plan(PLAN, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        let text = plan(&p);
        let (back, diags) = crate::load::toml::parse_plan(&text, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}\n{text}");
        assert_eq!(strip(back), strip(p), "{text}");
    }

    #[test]
    fn log_reads_back_identical() {
        let text = r#"
[[record]]
activity = "a"
date = 2024-03-31
status = "ongoing"
progress = 12.5
committed = "40000.10"
spent = 15000.05
source = "S"
indicators = { "Kits distribués" = 300, n = -1.5 }
note = "=HYPERLINK(\"http://evil\",\"clic\")\nligne 2"

[[record]]
activity = "a"
date = 2024-04-01
status = "cancelled"
"#;
        let (records, diags) = crate::load::toml::parse_log(text, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        let project = Project {
            records: records.clone(),
            ..Default::default()
        };
        let out = log(&project, "p.toml");
        let (back, diags) = crate::load::toml::parse_log(&out, 0, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}\n{out}");
        let strip = |rs: Vec<Record>| -> Vec<NewRecord> { rs.iter().map(new_record).collect() };
        assert_eq!(strip(back), strip(records), "{out}");
    }

    /// The model without locations (they differ by construction).
    fn strip(mut p: Plan) -> Plan {
        use crate::model::Loc;
        p.loc = Loc::None;
        p.budget_total_loc = Loc::None;
        for s in &mut p.sources {
            s.loc = Loc::None;
        }
        let clear = |l: &mut Vec<Indicator>| l.iter_mut().for_each(|i| i.loc = Loc::None);
        for a in &mut p.axes {
            a.loc = Loc::None;
            clear(&mut a.indicators);
        }
        for a in &mut p.actions {
            a.loc = Loc::None;
            a.axis_loc = Loc::None;
            clear(&mut a.indicators);
        }
        for a in &mut p.activities {
            a.loc = Loc::None;
            a.action_loc = Loc::None;
            a.quarters_loc = Loc::None;
            a.start_loc = Loc::None;
            a.end_loc = Loc::None;
            clear(&mut a.indicators);
            for l in &mut a.budget {
                l.loc = Loc::None;
                l.source_loc = Loc::None;
            }
        }
        p
    }
}

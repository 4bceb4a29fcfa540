//! `ptba list`: the activities, one line each, filtered (SPEC §5); with
//! `--unfunded`, the resource-mobilisation list handed to partners.

use std::fmt::Write as _;

use chrono::NaiveDate;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::cli::{ListArgs, ListFormat};
use crate::compute::{self, ActivityState};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::model::Index;
use crate::model::{Activity, FundingStatus, Project, Status};
use crate::money::{self, Currency};
use crate::output::summary::{csv_field, format_date, json_text};
use crate::session::{emit, gate, load_options, load_with_states, report_lang, same_currency};
use crate::text::{fold, printable};

/// One activity as `list` shows it.
pub(crate) struct Line<'p> {
    pub plan: usize,
    pub activity: &'p Activity,
    pub state: &'p ActivityState,
    pub axis: &'p str,
    pub status: Status,
    pub budget: Decimal,
    pub spent: Decimal,
    /// Physical progress p(a), percent.
    pub progress: Decimal,
    /// Unfunded lines by source id (the amount to be found), in plan order.
    pub to_find: Vec<(&'p str, Decimal)>,
    /// Budget from `pledged` sources.
    pub pledged: Decimal,
}

/// "T1 T2" (fr) or "Q1 Q2" (en).
pub(crate) fn quarters_text(a: &Activity, lang: Lang) -> String {
    let p = i18n::commands::quarter_prefix(lang);
    compute::planned_quarters(a)
        .iter()
        .map(|q| format!("{p}{q}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "T2", "Q2", "2", "t2" → 2.
fn parse_quarter(s: &str) -> Option<u8> {
    let t = s.trim().trim_start_matches(['T', 't', 'Q', 'q']);
    t.parse::<u8>().ok().filter(|q| (1..=4).contains(q))
}

/// Every activity of the plans with its state, in plan order.
pub(crate) fn lines<'p>(
    projects: &'p [Project],
    states: &'p [Vec<ActivityState>],
) -> Vec<Line<'p>> {
    let mut out = Vec::new();
    for (pi, (p, sts)) in projects.iter().zip(states).enumerate() {
        let plan = &p.plan;
        let index = Index::new(plan);
        for (a, st) in plan.activities.iter().zip(sts) {
            let axis = index
                .actions
                .get(a.action.as_str())
                .map_or("", |&i| plan.actions[i].axis.as_str());
            let mut to_find: Vec<(&str, Decimal)> = Vec::new();
            let mut pledged = Decimal::ZERO;
            for line in &a.budget {
                let status = index
                    .sources
                    .get(line.source.as_str())
                    .map(|&i| plan.sources[i].status);
                match status {
                    Some(FundingStatus::Unfunded) => {
                        match to_find.iter_mut().find(|(s, _)| *s == line.source) {
                            Some((_, x)) => *x += line.total(),
                            None => to_find.push((&line.source, line.total())),
                        }
                    }
                    Some(FundingStatus::Pledged) => pledged += line.total(),
                    _ => {}
                }
            }
            out.push(Line {
                plan: pi,
                activity: a,
                state: st,
                axis,
                status: Status::shown(st.status, st.progress),
                budget: a.budget_total(),
                spent: st.spent,
                progress: st.physical(),
                to_find,
                pledged,
            });
        }
    }
    out
}

pub fn run(args: &ListArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let status = match &args.status {
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            Error::Usage(i18n::commands::list_unknown_status(msg_lang, printable(s)))
        })?),
        None => None,
    };
    let quarter = match &args.quarter {
        Some(q) => Some(parse_quarter(q).ok_or_else(|| {
            Error::Usage(i18n::commands::unknown_quarter(msg_lang, printable(q)))
        })?),
        None => None,
    };
    let (l, states) = load_with_states(
        &args.plans,
        &load_options(&args.input),
        msg_lang,
        args.as_of,
    )?;
    gate(&l, msg_lang)?;
    same_currency(&l, msg_lang)?;
    let lang = report_lang(cli_lang, &l.projects);
    let last = states.iter().flatten().filter_map(|s| s.last_date).max();
    // The as-of date of `summary` and of the report's lateness column.
    let as_of = args.as_of.or(compute::default_as_of(&l.projects, last));
    for (flag, id, known) in [
        (
            "axis",
            &args.axis,
            l.projects
                .iter()
                .flat_map(|p| p.plan.axes.iter().map(|x| x.id.as_str()))
                .collect::<Vec<_>>(),
        ),
        (
            "source",
            &args.source,
            l.projects
                .iter()
                .flat_map(|p| p.plan.sources.iter().map(|x| x.id.as_str()))
                .collect::<Vec<_>>(),
        ),
    ] {
        if let Some(id) = id
            && !known.contains(&id.as_str())
        {
            return Err(Error::Usage(i18n::commands::unknown_filter_id(
                msg_lang,
                flag,
                printable(id),
                known.join(", "),
            )));
        }
    }
    let responsible = args.responsible.as_deref().map(fold);
    let all = lines(&l.projects, &states);
    let kept: Vec<&Line<'_>> = all
        .iter()
        .filter(|x| status.is_none_or(|s| x.status == s))
        .filter(|x| {
            responsible.as_deref().is_none_or(|r| {
                x.activity
                    .responsible
                    .as_deref()
                    .is_some_and(|ar| fold(ar) == r)
            })
        })
        .filter(|x| args.axis.as_deref().is_none_or(|a| x.axis == a))
        .filter(|x| {
            args.source
                .as_deref()
                .is_none_or(|s| x.activity.has_source(s))
        })
        .filter(|x| quarter.is_none_or(|q| compute::planned_quarters(x.activity).contains(&q)))
        .filter(|x| {
            !args.late
                || as_of.is_some_and(|d| {
                    compute::late(l.projects[x.plan].plan.year, x.activity, x.state, d)
                })
        })
        // Nothing is sought for an abandoned activity.
        .filter(|x| !args.unfunded || (!x.to_find.is_empty() && x.status != Status::Cancelled))
        .collect();
    let view = View {
        lines: &kept,
        projects: &l.projects,
        currency: &l.projects[0].plan.currency,
        as_of,
        lang,
        multi: l.projects.len() > 1,
    };
    let text = match (args.format, args.unfunded) {
        (ListFormat::Table, false) => view.table(),
        (ListFormat::Table, true) => view.unfunded_table(),
        (ListFormat::Json, u) => {
            let mut t = json_text(&serde_json::to_string_pretty(&view.json(u)).unwrap_or_default());
            t.push('\n');
            t
        }
        (ListFormat::Csv, false) => view.csv(),
        (ListFormat::Csv, true) => view.unfunded_csv(),
    };
    emit(&text)?;
    Ok(())
}

struct View<'a, 'p> {
    lines: &'a [&'a Line<'p>],
    projects: &'p [Project],
    currency: &'p Currency,
    as_of: Option<NaiveDate>,
    lang: Lang,
    multi: bool,
}

fn right(s: String) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn short(s: &str, max: usize) -> String {
    let s = printable(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

impl View<'_, '_> {
    fn amount(&self, d: Decimal) -> String {
        money::format_amount(d, self.currency, self.lang)
    }

    fn pct(&self, d: Decimal) -> String {
        money::format_rate(Some(money::round(d, 0)), 0, self.lang)
    }

    fn new_table(&self, header: Vec<String>) -> Table {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        // Never wrap a number across lines: no dynamic arrangement.
        t.set_content_arrangement(ContentArrangement::Disabled);
        let mut h = Vec::new();
        if self.multi {
            h.push(i18n::Label::Plan.text(self.lang).to_string());
        }
        h.extend(header);
        t.set_header(h);
        t
    }

    fn plan_cell(&self, x: &Line<'_>) -> Option<Cell> {
        self.multi
            .then(|| Cell::new(short(&self.projects[x.plan].plan.title, 24)))
    }

    fn footer(&self, out: &mut String, n: usize) {
        let lang = self.lang;
        out.push_str(&i18n::commands::activities_listed(lang, n));
        if let Some(d) = self.as_of {
            let _ = write!(
                out,
                " — {} {}",
                i18n::commands::as_of(lang),
                format_date(d, lang)
            );
        }
        out.push('\n');
    }

    fn table(&self) -> String {
        let lang = self.lang;
        let cur = money::currency_label(self.currency);
        let mut t = self.new_table(vec![
            i18n::commands::id_header(lang).into(),
            i18n::Label::Activity.text(lang).into(),
            i18n::Label::Responsible.text(lang).into(),
            i18n::Label::Quarters.text(lang).into(),
            format!("{} ({cur})", i18n::Label::Budget.text(lang)),
            format!("{} ({cur})", i18n::Label::Spent.text(lang)),
            i18n::Label::Progress.text(lang).into(),
            i18n::Label::Status.text(lang).into(),
        ]);
        for x in self.lines {
            let a = x.activity;
            let mut row: Vec<Cell> = self.plan_cell(x).into_iter().collect();
            row.extend([
                Cell::new(printable(&a.id)),
                Cell::new(short(&a.title, 48)),
                Cell::new(short(a.responsible.as_deref().unwrap_or(""), 20)),
                Cell::new(quarters_text(a, lang)),
                right(self.amount(x.budget)),
                right(self.amount(x.spent)),
                right(self.pct(x.progress)),
                Cell::new(x.status.label(lang)),
            ]);
            t.add_row(row);
        }
        let mut out = format!("{t}\n");
        self.footer(&mut out, self.lines.len());
        out
    }

    fn unfunded_table(&self) -> String {
        let lang = self.lang;
        let cur = money::currency_label(self.currency);
        let mut t = self.new_table(vec![
            i18n::commands::id_header(lang).into(),
            i18n::Label::Activity.text(lang).into(),
            i18n::Label::Axis.text(lang).into(),
            i18n::Label::Source.text(lang).into(),
            format!("{} ({cur})", i18n::commands::to_be_found_header(lang)),
            format!("{} ({cur})", i18n::Label::Pledged.text(lang)),
            format!("{} ({cur})", i18n::Label::Budget.text(lang)),
        ]);
        let mut total = Decimal::ZERO;
        for x in self.lines {
            let a = x.activity;
            for (i, (source, amount)) in x.to_find.iter().enumerate() {
                total += *amount;
                let mut row: Vec<Cell> = self.plan_cell(x).into_iter().collect();
                row.extend([
                    Cell::new(printable(&a.id)),
                    Cell::new(short(&a.title, 48)),
                    Cell::new(printable(x.axis)),
                    Cell::new(printable(source)),
                    right(self.amount(*amount)),
                    // The activity's pledged and total budget once, on its first line.
                    right(if i == 0 {
                        self.amount(x.pledged)
                    } else {
                        String::new()
                    }),
                    right(if i == 0 {
                        self.amount(x.budget)
                    } else {
                        String::new()
                    }),
                ]);
                t.add_row(row);
            }
        }
        let mut out = format!("{t}\n");
        let _ = writeln!(
            out,
            "{}{} {cur}",
            i18n::commands::total_to_be_found(lang),
            self.amount(total)
        );
        self.footer(&mut out, self.lines.len());
        out
    }

    fn json(&self, unfunded: bool) -> Value {
        let rows: Vec<Value> = self
            .lines
            .iter()
            .map(|x| {
                let a = x.activity;
                let mut o = json!({
                    "id": a.id,
                    "title": a.title,
                    "axis": x.axis,
                    "action": a.action,
                    "responsible": a.responsible,
                    "quarters": compute::planned_quarters(a),
                    "budget": money::raw(x.budget),
                    "spent": money::raw(x.spent),
                    "progress": crate::output::summary::rate_json(Some(x.progress)),
                    "status": x.status.key(),
                });
                if unfunded {
                    o["to_find"] = x
                        .to_find
                        .iter()
                        .map(|(s, m)| json!({"source": s, "amount": money::raw(*m)}))
                        .collect();
                    o["pledged"] = json!(money::raw(x.pledged));
                }
                if self.multi {
                    o["plan"] = json!(self.projects[x.plan].plan.title);
                }
                o
            })
            .collect();
        let mut top = json!({
            "as_of": self.as_of.map(|d| d.to_string()),
            "currency": self.currency.code,
            "count": rows.len(),
            "activities": rows,
        });
        if unfunded {
            let total: Decimal = self
                .lines
                .iter()
                .flat_map(|x| x.to_find.iter().map(|(_, m)| *m))
                .sum();
            top["to_find"] = json!(money::raw(total));
        }
        top
    }

    /// A CSV text: the header (with a `plan` column first for several
    /// plans), then the rows `row` gives for each line.
    fn csv_with(&self, header: &str, row: impl Fn(&Line<'_>, &mut Vec<Vec<String>>)) -> String {
        let mut out = String::new();
        if self.multi {
            out.push_str("plan,");
        }
        out.push_str(header);
        let mut rows = Vec::new();
        for x in self.lines {
            row(x, &mut rows);
            for fields in rows.drain(..) {
                if self.multi {
                    out.push_str(&csv_field(&self.projects[x.plan].plan.title));
                    out.push(',');
                }
                out.push_str(&fields.join(","));
                out.push('\n');
            }
        }
        out
    }

    fn csv(&self) -> String {
        let header = "id,title,axis,action,responsible,quarters,budget,spent,progress,status\n";
        self.csv_with(header, |x, rows| {
            let a = x.activity;
            rows.push(vec![
                csv_field(&a.id),
                csv_field(&a.title),
                csv_field(x.axis),
                csv_field(&a.action),
                csv_field(a.responsible.as_deref().unwrap_or("")),
                compute::planned_quarters(a)
                    .iter()
                    .map(|q| q.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                money::raw(x.budget),
                money::raw(x.spent),
                money::raw(money::round(x.progress, 2)),
                x.status.key().to_string(),
            ]);
        })
    }

    fn unfunded_csv(&self) -> String {
        self.csv_with(
            "id,title,axis,source,to_find,pledged,budget\n",
            |x, rows| {
                let a = x.activity;
                for (source, amount) in &x.to_find {
                    rows.push(vec![
                        csv_field(&a.id),
                        csv_field(&a.title),
                        csv_field(x.axis),
                        csv_field(source),
                        money::raw(*amount),
                        money::raw(x.pledged),
                        money::raw(x.budget),
                    ]);
                }
            },
        )
    }
}

//! `ptba history PLAN ACTIVITY`: one activity's records in order (by date,
//! then by place in the log, the order §4 applies them in), with the running
//! totals of spent and committed and the status and progress after each;
//! corrections and imported records marked.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::cli::{HistoryArgs, ListFormat};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::model::{Activity, Loc, Project, Record, Status};
use crate::money::{self, Currency};
use crate::output::summary::{csv_field, format_date, json_text};
use crate::progress::IMPORT_MARK;
use crate::session::{emit, gate, load_options, load_with, report_lang};
use crate::text::printable;

/// One record with the activity's state after it.
struct Step<'p> {
    record: &'p Record,
    status: Status,
    /// Physical progress after the record (100 once done).
    progress: Decimal,
    spent_total: Decimal,
    committed_total: Decimal,
    /// The workbook the record was imported from (the `# import` comment
    /// `ptba import` writes before the records it appends).
    imported_from: Option<String>,
}

/// For each record of the log (by position), the file named by the
/// `# import sha256=… file=NAME records=N` comment whose N records it is
/// among. Only for a TOML log (records located by byte offsets).
fn imports(project: &Project, text: Option<&str>) -> Vec<Option<String>> {
    let mut out = vec![None; project.records.len()];
    let Some(text) = text else { return out };
    let mut starts: Vec<(u32, usize)> = project
        .records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r.loc {
            Loc::Span { start, .. } => Some((start, i)),
            _ => None,
        })
        .collect();
    starts.sort_unstable();
    let mut offset = 0usize;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let Some(rest) = line.trim_end().strip_prefix(IMPORT_MARK) else {
            continue;
        };
        let field = |key: &str| {
            rest.split(' ')
                .find_map(|w| w.strip_prefix(key))
                .map(str::to_string)
        };
        // The file name may hold spaces: everything between `file=` and ` records=`.
        let file = rest
            .split_once(" file=")
            .map(|(_, f)| f.rsplit_once(" records=").map_or(f, |(n, _)| n).to_string())
            .unwrap_or_default();
        let n: usize = field("records=").and_then(|n| n.parse().ok()).unwrap_or(0);
        for &(_, i) in starts.iter().filter(|(s, _)| *s as usize > at).take(n) {
            out[i] = Some(file.clone());
        }
    }
    out
}

pub fn run(args: &HistoryArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let msg_lang = cli_lang.unwrap_or_default();
    let l = load_with(
        std::slice::from_ref(&args.plan),
        &load_options(&args.input),
        msg_lang,
    )?;
    gate(&l, msg_lang)?;
    let project = &l.projects[0];
    let lang = report_lang(cli_lang, &l.projects);
    let activity = find_activity(project, args, msg_lang)?;
    let log_text = project
        .records
        .iter()
        .find_map(|r| r.loc.file())
        .and_then(|f| l.files.text(f));
    let steps = steps(project, activity, &imports(project, log_text));
    let history = History {
        activity,
        steps: &steps,
        currency: &project.plan.currency,
        lang,
    };
    let text = match args.format {
        ListFormat::Table => history.table(),
        ListFormat::Json => history.json(),
        ListFormat::Csv => history.csv(),
    };
    emit(&text)
}

/// The activity asked for, or a usage error naming the nearest id.
fn find_activity<'p>(
    project: &'p Project,
    args: &HistoryArgs,
    msg_lang: Lang,
) -> Result<&'p Activity, Error> {
    let plan = &project.plan;
    if let Some(activity) = plan.activities.iter().find(|a| a.id == args.activity) {
        return Ok(activity);
    }
    let near = crate::text::nearest(
        &args.activity,
        plan.activities.iter().map(|a| a.id.as_str()),
    );
    let mut m = i18n::commands::activity_not_in_plan(
        msg_lang,
        printable(&args.activity),
        args.plan.display(),
    );
    if let Some(n) = near {
        m.push_str(&i18n::commands::did_you_mean(msg_lang, n));
    }
    m.push_str(i18n::commands::ids_hint(msg_lang));
    Err(Error::Usage(m))
}

/// The activity's records in the order §4 applies them, each with the
/// state after it; `marks`: the import each record of the log came from.
fn steps<'p>(project: &'p Project, activity: &Activity, marks: &[Option<String>]) -> Vec<Step<'p>> {
    let mut order: Vec<usize> = project
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.activity == activity.id)
        .map(|(i, _)| i)
        .collect();
    // By date, then by place in the log (a stable sort keeps it).
    order.sort_by_key(|&i| project.records[i].date);
    let mut steps = Vec::new();
    let (mut recorded, mut progress) = (None, Decimal::ZERO);
    let (mut spent, mut committed) = (Decimal::ZERO, Decimal::ZERO);
    for i in order {
        let r = &project.records[i];
        if r.status.is_some() {
            recorded = r.status;
        }
        if let Some(p) = r.progress {
            progress = p;
        }
        spent += r.spent.unwrap_or_default();
        committed += r.committed.unwrap_or_default();
        let status = Status::shown(recorded, progress);
        steps.push(Step {
            record: r,
            status,
            progress: if status == Status::Done {
                Decimal::ONE_HUNDRED
            } else {
                progress
            },
            spent_total: spent,
            committed_total: committed,
            imported_from: marks[i].clone(),
        });
    }
    steps
}

/// One activity's history, ready to be printed in a format.
struct History<'a, 'p> {
    activity: &'p Activity,
    steps: &'a [Step<'p>],
    currency: &'p Currency,
    lang: Lang,
}

impl History<'_, '_> {
    fn table(&self) -> String {
        let (lang, cur, activity) = (self.lang, self.currency, self.activity);
        let amount = |d: Decimal| money::format_amount(d, cur, lang);
        let opt = |d: Option<Decimal>| d.map(amount).unwrap_or_default();
        let c = money::currency_label(cur);
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        t.set_content_arrangement(ContentArrangement::Disabled);
        t.set_header(vec![
            "Date".to_string(),
            i18n::Label::Status.text(lang).into(),
            i18n::Label::Progress.text(lang).into(),
            format!("{} ({c})", i18n::Label::Spent.text(lang)),
            format!("{} ({c})", i18n::commands::spent_to_date(lang)),
            format!("{} ({c})", i18n::Label::Committed.text(lang)),
            format!("{} ({c})", i18n::commands::committed_to_date(lang)),
            "Source".into(),
            "Note".into(),
        ]);
        let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
        for s in self.steps {
            let r = s.record;
            let mut note = Vec::new();
            if r.correction {
                note.push(i18n::commands::correction_mark(lang).to_string());
            }
            if let Some(f) = &s.imported_from {
                note.push(i18n::commands::imported_from(lang, f));
            }
            if let Some(n) = &r.note {
                note.push(n.clone());
            }
            t.add_row(vec![
                Cell::new(format_date(r.date, lang)),
                Cell::new(s.status.label(lang)),
                right(money::format_rate(
                    Some(money::round(s.progress, 0)),
                    0,
                    lang,
                )),
                right(opt(r.spent)),
                right(amount(s.spent_total)),
                right(opt(r.committed)),
                right(amount(s.committed_total)),
                Cell::new(printable(r.source.as_deref().unwrap_or(""))),
                Cell::new(printable(&note.join(" "))),
            ]);
        }
        let mut out = format!(
            "{} — {}\n",
            printable(&activity.id),
            printable(&activity.title)
        );
        if self.steps.is_empty() {
            out.push_str(i18n::commands::no_record(lang));
        } else {
            out.push_str(&format!("{t}\n"));
        }
        out
    }

    fn json(&self) -> String {
        let rows: Vec<Value> = self
            .steps
            .iter()
            .map(|s| {
                let r = s.record;
                json!({
                    "date": r.date.to_string(),
                    "status": s.status.key(),
                    "progress": crate::output::summary::rate_json(Some(s.progress)),
                    "spent": r.spent.map(money::raw),
                    "committed": r.committed.map(money::raw),
                    "spent_total": money::raw(s.spent_total),
                    "committed_total": money::raw(s.committed_total),
                    "source": r.source,
                    "category": r.category,
                    "note": r.note,
                    "correction": r.correction,
                    "imported_from": s.imported_from,
                })
            })
            .collect();
        let v = json!({
            "activity": self.activity.id,
            "title": self.activity.title,
            "currency": self.currency.code,
            "records": rows,
        });
        let mut t = json_text(&serde_json::to_string_pretty(&v).unwrap_or_default());
        t.push('\n');
        t
    }

    fn csv(&self) -> String {
        let mut out = String::from(
            "date,status,progress,spent,committed,spent_total,committed_total,source,category,correction,imported_from,note\n",
        );
        for s in self.steps {
            let r = s.record;
            let f = [
                r.date.to_string(),
                s.status.key().to_string(),
                money::raw(money::round(s.progress, 2)),
                r.spent.map(money::raw).unwrap_or_default(),
                r.committed.map(money::raw).unwrap_or_default(),
                money::raw(s.spent_total),
                money::raw(s.committed_total),
                csv_field(r.source.as_deref().unwrap_or("")),
                csv_field(r.category.as_deref().unwrap_or("")),
                r.correction.to_string(),
                csv_field(s.imported_from.as_deref().unwrap_or("")),
                csv_field(r.note.as_deref().unwrap_or("")),
            ];
            out.push_str(&f.join(","));
            out.push('\n');
        }
        out
    }
}

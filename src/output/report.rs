//! `ptba report`: the Excel workbook a finance officer sends as is (SPEC §6).
//!
//! Five sheets — Synthèse, Activités, Par source, Chronogramme, Indicateurs.
//! Every figure comes from `compute`; totals and rates are Excel formulas
//! whose cached value is the computed figure, so that the workbook can be
//! audited and recalculated, and still shows the right numbers in viewers
//! that do not recalculate.

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, ColNum, Format, FormatAlign, RowNum, Workbook, XlsxError,
};

use crate::compute::{self, ActivityState, Figures, GroupBy, IndicatorRow, Options, Summary};
use crate::i18n::{Label, Lang};
use crate::model::Index;
use crate::model::{Project, Status, Weighting};
use crate::money;
use crate::output::labels;
use crate::output::summary::{format_date, headline};

use super::report_category::{self, CategoryRow};
use super::report_figures::{self as figures, Money, Period};
use super::report_period::{self, PeriodRow};
use super::xlsx::{
    Cached, Formats, NO_RATE, Sheet, abs_cell, amount_width, cell, f64_of, fraction, properties,
    sheet_ref,
};

/// The names of the five sheets.
pub struct SheetNames {
    pub summary: &'static str,
    pub period: &'static str,
    pub activities: &'static str,
    pub sources: &'static str,
    pub categories: &'static str,
    pub schedule: &'static str,
    pub indicators: &'static str,
}

pub fn sheet_names(lang: Lang) -> SheetNames {
    SheetNames {
        summary: lang.pick("Synthèse", "Summary"),
        period: lang.pick("Période", "Period"),
        activities: lang.pick("Activités", "Activities"),
        sources: lang.pick("Par source", "By source"),
        categories: lang.pick("Par catégorie", "By category"),
        schedule: lang.pick("Chronogramme", "Schedule"),
        indicators: lang.pick("Indicateurs", "Indicators"),
    }
}

/// Everything the sheets show, computed once.
struct Data<'a> {
    projects: &'a [Project],
    lang: Lang,
    by_axis: Summary,
    by_source: Summary,
    /// Per axis id, the by-source figures of that axis' activities.
    source_by_axis: HashMap<String, Summary>,
    activities: Vec<Row<'a>>,
    /// Every indicator, with the index of its plan.
    indicators: Vec<(usize, IndicatorRow)>,
    decimals: u32,
    /// Money under SPEC §4's rule: per axis id, in total, per (source id,
    /// axis id) and per source id (`""`: spending no line can take).
    money_axis: HashMap<String, Money>,
    money_total: Money,
    money_source_axis: HashMap<(String, String), Money>,
    money_source: HashMap<String, Money>,
    /// Per plan: its money in total.
    money_plan: Vec<Money>,
}

/// One activity with its state.
struct Row<'a> {
    plan: usize,
    year: i32,
    axis_id: &'a str,
    axis_title: &'a str,
    action_id: &'a str,
    action_title: &'a str,
    activity: &'a crate::model::Activity,
    state: ActivityState,
    budget: Decimal,
    /// Weight of the activity in the physical rate (0 when cancelled).
    weight: Decimal,
}

impl Row<'_> {
    /// The status shown: the recorded one, else "ongoing" once progress is
    /// recorded, else "planned".
    fn status(&self) -> Status {
        match self.state.status {
            Some(s) => s,
            None if self.state.progress > Decimal::ZERO => Status::Ongoing,
            None => Status::Planned,
        }
    }

    fn quarters(&self) -> Vec<u8> {
        compute::planned_quarters(self.activity)
    }
}

fn collect<'a>(
    projects: &'a [Project],
    states: Vec<Vec<ActivityState>>,
    opts: &Options,
    lang: Lang,
) -> Data<'a> {
    let by_axis = compute::summarize_states(projects, &states, GroupBy::Axis, opts);
    let opts = Options {
        weighting: Some(by_axis.weighting),
        ..*opts
    };
    let by_source = compute::summarize_states(projects, &states, GroupBy::Source, &opts);
    // The by-source figures of one axis are those of the plans restricted to
    // that axis' activities.
    let source_by_axis = compute::summarize_split(
        projects,
        &states,
        GroupBy::Source,
        &opts,
        |plan, index, a| {
            let axis = index
                .actions
                .get(a.action.as_str())
                .map(|&i| plan.actions[i].axis.as_str());
            Some(axis.unwrap_or("").to_string())
        },
    );
    let indicators = projects
        .iter()
        .zip(&states)
        .enumerate()
        .flat_map(|(i, (p, st))| {
            compute::indicators_from(p, st)
                .into_iter()
                .map(move |r| (i, r))
        })
        .collect();
    let mut activities = Vec::with_capacity(states.iter().map(Vec::len).sum());
    let mut money_axis: HashMap<String, Money> = HashMap::default();
    let mut money_total = Money::default();
    let mut money_source_axis: HashMap<(String, String), Money> = HashMap::default();
    let mut money_source: HashMap<String, Money> = HashMap::default();
    let mut money_plan = vec![Money::default(); projects.len()];
    for (pi, (project, states)) in projects.iter().zip(states).enumerate() {
        let plan = &project.plan;
        let index = Index::new(plan);
        for (a, state) in plan.activities.iter().zip(states) {
            let action = index
                .actions
                .get(a.action.as_str())
                .map(|&i| &plan.actions[i]);
            let axis = action
                .and_then(|ac| index.axes.get(ac.axis.as_str()))
                .map(|&i| &plan.axes[i]);
            let axis_id = action.map(|ac| ac.axis.as_str()).unwrap_or("");
            let budget = a.budget_total();
            let money = figures::whole(plan, &index, a, &state);
            money_axis
                .entry(axis_id.to_string())
                .or_default()
                .add(&money);
            money_total.add(&money);
            money_plan[pi].add(&money);
            for (source, m) in figures::by_source(plan, &index, a, &state) {
                let source = source.unwrap_or(compute::UNATTRIBUTED).to_string();
                money_source_axis
                    .entry((source.clone(), axis_id.to_string()))
                    .or_default()
                    .add(&m);
                money_source.entry(source).or_default().add(&m);
            }
            let weight = if state.cancelled() {
                Decimal::ZERO
            } else {
                match by_axis.weighting {
                    Weighting::Activities => Decimal::ONE,
                    Weighting::Budget => budget,
                    Weighting::Weight => a.weight(),
                }
            };
            activities.push(Row {
                plan: pi,
                year: plan.year,
                axis_id,
                axis_title: axis.map(|x| x.title.as_str()).unwrap_or(""),
                action_id: a.action.as_str(),
                action_title: action.map(|x| x.title.as_str()).unwrap_or(""),
                activity: a,
                state,
                budget,
                weight,
            });
        }
    }
    let decimals = by_axis.currency.decimals;
    Data {
        projects,
        lang,
        by_axis,
        by_source,
        source_by_axis,
        activities,
        indicators,
        decimals,
        money_axis,
        money_total,
        money_source_axis,
        money_source,
        money_plan,
    }
}

/// Builds the report workbook (not yet saved), with the summary it shows.
pub fn build(
    projects: &[Project],
    opts: &Options,
    lang: Lang,
) -> Result<(Workbook, Summary), XlsxError> {
    let states = projects
        .iter()
        .map(|p| compute::activity_states(&p.plan, &p.records, opts.as_of))
        .collect();
    build_with_states(projects, states, opts, None, lang)
}

/// The period a report shows beside the year to date and the cumulative:
/// the one asked for, else from the first day of the as-of date's quarter
/// to the as-of date (the latest record's date, else the plan year's end).
pub fn default_period(
    projects: &[Project],
    states: &[Vec<ActivityState>],
    opts: &Options,
) -> Period {
    let last = states.iter().flatten().filter_map(|s| s.last_date).max();
    let year_end = projects
        .first()
        .and_then(|p| NaiveDate::from_ymd_opt(p.plan.year, 12, 31));
    let to = opts.as_of.or(last).or(year_end).unwrap_or(NaiveDate::MIN);
    Period::quarter_to_date(to)
}

/// [`build`] from the state of every activity as of `opts.as_of`, computed
/// once and shared by every table.
pub fn build_with_states(
    projects: &[Project],
    states: Vec<Vec<ActivityState>>,
    opts: &Options,
    period: Option<Period>,
    lang: Lang,
) -> Result<(Workbook, Summary), XlsxError> {
    let period = period.unwrap_or_else(|| default_period(projects, &states, opts));
    let decimals = projects
        .first()
        .map(|p| p.plan.currency.decimals)
        .unwrap_or(0);
    let period_rows = report_period::rows(projects, &states, &period, None, decimals);
    let category_rows = report_category::rows(projects, &states, &period, None);
    let data = collect(projects, states, opts, lang);
    let names = sheet_names(lang);
    let date_code = lang.pick("dd/mm/yyyy", "yyyy-mm-dd");
    let f = Formats::new(data.decimals, date_code);

    // The sheets with a row per activity or indicator are streamed to
    // temporary files (written strictly in row order); the small ones are
    // kept in memory (Synthèse writes its table before its header block).
    let mut wb = Workbook::new();
    let activities = activities_sheet(&mut wb, &data, &names, &f)?;
    let summary = summary_sheet(&data, &names, &f, &activities, &period)?;
    let period_sheet = period_sheet(&mut wb, &data, &names, &f, &period, &period_rows)?;
    let sources = sources_sheet(&data, &names, &f)?;
    let categories = categories_sheet(&data, &names, &f, &period, &category_rows)?;
    let schedule = schedule_sheet(&mut wb, &data, &names, &f)?;
    let indicators = indicators_sheet(&mut wb, &data, &names, &f)?;

    let title = data.title();
    let org = data.organizations();
    let as_of = data.by_axis.as_of;
    let subject = match as_of {
        Some(d) => format!(
            "{} {}",
            lang.pick(
                "Rapport d'exécution — situation au",
                "Execution report — as of"
            ),
            format_date(d, lang)
        ),
        None => lang
            .pick("Rapport d'exécution", "Execution report")
            .to_string(),
    };
    let created = as_of
        .or_else(|| {
            projects
                .first()
                .and_then(|p| NaiveDate::from_ymd_opt(p.plan.year, 1, 1))
        })
        .unwrap_or_default();
    wb.set_properties(&properties(
        &title,
        (!org.is_empty()).then_some(org.as_str()),
        &subject,
        created,
    ));
    for s in [
        summary,
        period_sheet,
        activities.sheet,
        sources,
        categories,
        schedule,
        indicators,
    ] {
        wb.push_worksheet(s.ws);
    }
    Ok((wb, data.by_axis))
}

impl Data<'_> {
    fn title(&self) -> String {
        let titles: Vec<&str> = self
            .projects
            .iter()
            .map(|p| p.plan.title.as_str())
            .collect();
        titles.join(" + ")
    }

    fn organizations(&self) -> String {
        let mut orgs: Vec<&str> = Vec::new();
        for p in self.projects {
            if let Some(o) = p.plan.organization.as_deref()
                && !orgs.contains(&o)
            {
                orgs.push(o);
            }
        }
        orgs.join(" ; ")
    }

    /// The page header of every sheet: the plan's title, the as-of date.
    fn page_header(&self) -> String {
        let right = match self.by_axis.as_of {
            Some(d) => format!(
                "{} {}",
                Label::AsOf.text(self.lang),
                format_date(d, self.lang)
            ),
            None => String::new(),
        };
        super::xlsx::page_header(&self.title(), &right)
    }

    fn multi(&self) -> bool {
        self.projects.len() > 1
    }
}

/// Widths (characters) of the columns whose long texts wrap.
const WRAP_NARROW: usize = 22;
const WRAP_WIDE: usize = 36;

fn st_note(st: &ActivityState) -> &str {
    st.last_note.as_deref().unwrap_or("")
}

/// "T2" in French, "Q2" in English.
pub fn quarter_label(q: u8, lang: Lang) -> String {
    format!("{}{q}", lang.pick("T", "Q"))
}

fn rate_formula(num: &str, den: &str) -> String {
    format!("IF({den}=0,\"{NO_RATE}\",{num}/({den}))")
}

fn amount_col_label(label: &str, data: &Data<'_>) -> String {
    format!(
        "{} ({})",
        label,
        money::currency_label(&data.by_axis.currency)
    )
}

/// A header row whose labels wrap on up to three lines: a column is as
/// wide as its figures (at least its longest word), not as its label.
fn headers(sheet: &mut Sheet, row: RowNum, labels: &[String], f: &Format) -> Result<(), XlsxError> {
    let wrap = f.clone().set_text_wrap();
    let mut lines = 1;
    for (c, l) in labels.iter().enumerate() {
        let word = l.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
        let width = (l.chars().count().div_ceil(2) + 1).clamp(word.max(8), 16);
        sheet.min_width(c as ColNum, width);
        lines = lines.max(super::xlsx::wrapped_lines(l, width + 2));
        sheet.banner(row, c as ColNum, l, &wrap)?;
    }
    sheet.ws.set_row_height(row, 15.0 * lines.min(3) as f64)?;
    Ok(())
}

// ------------------------------------------------------------------ Période

fn period_sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
    period: &Period,
    rows: &[PeriodRow<'_>],
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::streamed(wb, names.period)?;
    s.banner(
        0,
        0,
        &format!(
            "{} — {}",
            lang.pick(
                "Exécution de la période, de l'année à date et cumulée",
                "Execution for the period, the year to date and cumulative"
            ),
            report_period::period_text(period, lang)
        ),
        &f.title,
    )?;
    s.banner(1, 0, &data.title(), &f.bold)?;
    s.banner(
        2,
        0,
        lang.pick(
            "Budget à date : budget de chaque activité réparti à parts égales entre ses trimestres prévus (le reste sur le dernier), trimestres commencés à la fin de la période. Écart = décaissé − budget ; signalé au-delà de ±20 %.",
            "Budget to date: each activity's budget in equal shares over its planned quarters (the remainder on the last), quarters begun by the end of the period. Variance = spent − budget; flagged past ±20%.",
        ),
        &f.italic,
    )?;
    let header_row: RowNum = 4;
    let cur = money::currency_label(&data.by_axis.currency);
    report_period::write_table(
        &mut s,
        header_row,
        rows,
        data.multi(),
        lang,
        f,
        data.decimals,
        cur,
    )?;
    let off = ColNum::from(data.multi());
    s.ws.set_freeze_panes(header_row + 2, off + 2)?;
    s.ws.set_repeat_columns(off, off + 1)?;
    s.print_setup(Some(header_row + 1), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

// ---------------------------------------------------------------- Activités

/// Where the Activités columns are, for the formulas of other sheets.
struct ActivitiesSheet {
    sheet: Sheet,
    /// First and last data rows (0-based); `None` when there is no activity.
    rows: Option<(RowNum, RowNum)>,
    axis_col: ColNum,
    weight_col: ColNum,
    /// Progress × weight, summed by SUMIFS for the physical rate of an axis.
    weighted_col: ColNum,
}

impl ActivitiesSheet {
    fn range(&self, name: &str, col: ColNum) -> Option<String> {
        let (first, last) = self.rows?;
        Some(format!(
            "{}!{}:{}",
            sheet_ref(name),
            abs_cell(first, col),
            abs_cell(last, col)
        ))
    }
}

fn activities_sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
) -> Result<ActivitiesSheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::streamed(wb, names.activities)?;
    let mut labels: Vec<String> = Vec::new();
    if data.multi() {
        labels.push(Label::Plan.text(lang).into());
    }
    let off = labels.len() as ColNum;
    labels.extend(
        [
            lang.pick("Code axe", "Axis code"),
            Label::Axis.text(lang),
            lang.pick("Code action", "Action code"),
            Label::Action.text(lang),
            Label::Code.text(lang),
            Label::Activity.text(lang),
            Label::Responsible.text(lang),
            Label::Quarters.text(lang),
        ]
        .map(String::from),
    );
    labels.push(amount_col_label(Label::Budget.text(lang), data));
    labels.push(amount_col_label(Label::Committed.text(lang), data));
    labels.push(amount_col_label(Label::Spent.text(lang), data));
    labels.push(amount_col_label(outstanding_label(lang), data));
    labels.push(amount_col_label(Label::Balance.text(lang), data));
    labels.extend(
        [
            Label::Financial.text(lang),
            Label::Commitment.text(lang),
            Label::Progress.text(lang),
            Label::Status.text(lang),
            lang.pick("Poids (taux physique)", "Weight (physical rate)"),
            lang.pick("Avancement × poids", "Progress × weight"),
            Label::LastNote.text(lang),
        ]
        .map(String::from),
    );
    let c_axis = off;
    let c_budget = off + 8;
    let c_committed = off + 9;
    let c_spent = off + 10;
    let c_outstanding = off + 11;
    let c_balance = off + 12;
    let c_financial = off + 13;
    let c_commitment = off + 14;
    let c_progress = off + 15;
    let c_status = off + 16;
    let c_weight = off + 17;
    let c_weighted = off + 18;
    let c_note = off + 19;
    headers(&mut s, 0, &labels, &f.header)?;
    let weight_format = match data.by_axis.weighting {
        Weighting::Budget => &f.amount,
        _ => &f.general,
    };
    for (i, r) in data.activities.iter().enumerate() {
        let row = i as RowNum + 1;
        let a = r.activity;
        let note = st_note(&r.state);
        let plan_title = &data.projects[r.plan].plan.title;
        s.fit_row(
            row,
            &[
                (if data.multi() { plan_title } else { "" }, WRAP_NARROW),
                (r.axis_title, WRAP_NARROW),
                (r.action_title, WRAP_NARROW),
                (&a.title, WRAP_WIDE),
                (a.responsible.as_deref().unwrap_or(""), WRAP_NARROW),
                (note, WRAP_WIDE),
            ],
        )?;
        if data.multi() {
            s.text(row, 0, plan_title, &f.wrap)?;
        }
        s.plain(row, c_axis, r.axis_id)?;
        s.text(row, c_axis + 1, r.axis_title, &f.wrap)?;
        s.plain(row, c_axis + 2, r.action_id)?;
        s.text(row, c_axis + 3, r.action_title, &f.wrap)?;
        s.plain(row, c_axis + 4, &a.id)?;
        s.text(row, c_axis + 5, &a.title, &f.wrap)?;
        s.text(
            row,
            c_axis + 6,
            a.responsible.as_deref().unwrap_or(""),
            &f.wrap,
        )?;
        let q: Vec<String> = r
            .quarters()
            .iter()
            .map(|&q| quarter_label(q, lang))
            .collect();
        s.plain(row, c_axis + 7, &q.join(", "))?;
        let st = &r.state;
        let dec = data.decimals;
        s.amount(row, c_budget, r.budget, dec, &f.amount)?;
        s.amount(row, c_committed, st.committed, dec, &f.amount)?;
        s.amount(row, c_spent, st.spent, dec, &f.amount)?;
        let outstanding = st.committed - st.spent;
        s.formula(
            row,
            c_outstanding,
            &format!("{}-{}", cell(row, c_committed), cell(row, c_spent)),
            Cached::amount(outstanding),
            amount_width(outstanding, dec),
            &f.amount,
        )?;
        let balance = r.budget - st.spent;
        s.formula(
            row,
            c_balance,
            &format!("{}-{}", cell(row, c_budget), cell(row, c_spent)),
            Cached::amount(balance),
            amount_width(balance, dec),
            &f.amount,
        )?;
        s.formula(
            row,
            c_financial,
            &rate_formula(&cell(row, c_spent), &cell(row, c_budget)),
            Cached::rate(money::percent(st.spent, r.budget)),
            5,
            &f.rate,
        )?;
        s.formula(
            row,
            c_commitment,
            &rate_formula(&cell(row, c_committed), &cell(row, c_budget)),
            Cached::rate(money::percent(st.committed, r.budget)),
            5,
            &f.rate,
        )?;
        s.number(row, c_progress, fraction(st.physical()), 5, &f.rate)?;
        s.plain(row, c_status, r.status().label(lang))?;
        s.number(
            row,
            c_weight,
            f64_of(r.weight),
            amount_width(r.weight, r.weight.normalize().scale()),
            weight_format,
        )?;
        // The product as the client computes it from the two cells.
        s.formula(
            row,
            c_weighted,
            &format!("{}*{}", cell(row, c_progress), cell(row, c_weight)),
            Cached::Num(fraction(st.physical()) * f64_of(r.weight)),
            5,
            &f.general,
        )?;
        s.text(row, c_note, note, &f.wrap)?;
    }
    let n = data.activities.len() as RowNum;
    for (col, w) in [
        (c_axis + 1, WRAP_NARROW),
        (c_axis + 3, WRAP_NARROW),
        (c_axis + 5, WRAP_WIDE),
        (c_axis + 6, WRAP_NARROW),
        (c_note, WRAP_WIDE),
    ] {
        s.max_width(col, w);
    }
    if data.multi() {
        s.max_width(0, WRAP_NARROW);
    }
    s.ws.set_freeze_panes(1, 0)?;
    s.ws.autofilter(0, 0, n, labels.len() as ColNum - 1)?;
    super::xlsx::flag_overspending(&mut s.ws, 1, n, c_financial)?;
    // Pages across repeat the activity's code and title.
    s.ws.set_repeat_columns(c_axis + 4, c_axis + 5)?;
    s.print_setup(Some(0), &data.page_header())?;
    s.set_widths()?;
    Ok(ActivitiesSheet {
        sheet: s,
        rows: (n > 0).then_some((1, n)),
        axis_col: c_axis,
        weight_col: c_weight,
        weighted_col: c_weighted,
    })
}

fn outstanding_label(lang: Lang) -> &'static str {
    lang.pick("Engagements restants", "Outstanding commitments")
}

/// Whether a code, as a SUMIFS criterion, matches that code only: letters
/// first, then letters, digits, `.` or `_` (never a number, a date, a
/// boolean, a wildcard or a comparison), and no other code of the table
/// equal to it but for case (criteria ignore case).
fn criterion_safe(code: &str, all: &[&str]) -> bool {
    let mut chars = code.chars();
    let shape = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    let word = ["TRUE", "FALSE", "VRAI", "FAUX", "INF", "NAN", "INFINITY"]
        .iter()
        .any(|w| code.eq_ignore_ascii_case(w));
    shape
        && !word
        && code.parse::<f64>().is_err()
        && all.iter().filter(|c| c.eq_ignore_ascii_case(code)).count() == 1
}

/// Consolidation: one row per plan (budget, committed, spent, outstanding,
/// balance, financial rate) and their total. Returns the next free row.
fn plan_subtotals(
    s: &mut Sheet,
    title_row: RowNum,
    data: &Data<'_>,
    f: &Formats,
) -> Result<RowNum, XlsxError> {
    let lang = data.lang;
    let dec = data.decimals;
    s.banner(
        title_row,
        0,
        lang.pick("Sous-total par plan", "Subtotal by plan"),
        &f.bold,
    )?;
    let header = title_row + 1;
    let mut labels: Vec<String> = vec![
        Label::Plan.text(lang).into(),
        String::new(),
        Label::Activities.text(lang).into(),
        String::new(),
        String::new(),
    ];
    for l in [
        Label::Budget.text(lang),
        lang.pick("Budget abandonné", "Cancelled budget"),
        Label::Committed.text(lang),
        Label::Spent.text(lang),
        outstanding_label(lang),
        Label::Balance.text(lang),
    ] {
        labels.push(amount_col_label(l, data));
    }
    for (c, l) in labels.iter().enumerate() {
        if !l.is_empty() {
            s.text(header, c as ColNum, l, &f.header)?;
        }
    }
    let first = header + 1;
    let mut row = first;
    for (pi, p) in data.projects.iter().enumerate() {
        let m = &data.money_plan[pi];
        s.plain(row, 0, &p.plan.title)?;
        let n = p.plan.activities.len();
        s.number(row, 2, n as f64, n.to_string().len(), &f.count)?;
        plan_money_row(s, row, m, false, None, dec, f)?;
        row += 1;
    }
    s.text(row, 0, Label::Total.text(lang), &f.bold)?;
    let n = data.activities.len();
    s.formula(
        row,
        2,
        &format!("SUM({}:{})", cell(first, 2), cell(row - 1, 2)),
        Cached::Num(n as f64),
        n.to_string().len(),
        &f.count_bold,
    )?;
    plan_money_row(
        s,
        row,
        &data.money_total,
        true,
        Some((first, row - 1)),
        dec,
        f,
    )?;
    Ok(row + 1)
}

/// The amounts of a row of the per-plan table, from column 5 on.
fn plan_money_row(
    s: &mut Sheet,
    row: RowNum,
    m: &Money,
    bold: bool,
    sums: Option<(RowNum, RowNum)>,
    dec: u32,
    f: &Formats,
) -> Result<(), XlsxError> {
    let fa = if bold { &f.amount_bold } else { &f.amount };
    let (b, cb, c, sp, o, bal) = (5, 6, 7, 8, 9, 10);
    for (col, d) in [
        (b, m.budget),
        (cb, m.cancelled_budget),
        (c, m.committed),
        (sp, m.spent),
    ] {
        match sums {
            Some((x, y)) => s.formula(
                row,
                col,
                &format!("SUM({}:{})", cell(x, col), cell(y, col)),
                Cached::amount(d),
                amount_width(d, dec),
                fa,
            )?,
            None => s.amount(row, col, d, dec, fa)?,
        }
    }
    let r = |col| cell(row, col);
    s.formula(
        row,
        o,
        &format!("{}-{}", r(c), r(sp)),
        Cached::amount(m.outstanding()),
        amount_width(m.outstanding(), dec),
        fa,
    )?;
    s.formula(
        row,
        bal,
        &format!("{}-{}-{}", r(b), r(cb), r(sp)),
        Cached::amount(m.balance()),
        amount_width(m.balance(), dec),
        fa,
    )?;
    Ok(())
}

/// The numbers the chart draws: axis title, physical and financial rate
/// (blank when undefined), as values. Returns (header row, first and last
/// data rows) when there is an axis.
fn chart_data(
    s: &mut Sheet,
    title_row: RowNum,
    data: &Data<'_>,
    f: &Formats,
) -> Result<Option<(RowNum, RowNum, RowNum)>, XlsxError> {
    let lang = data.lang;
    let groups = &data.by_axis.groups;
    if groups.is_empty() {
        return Ok(None);
    }
    s.banner(
        title_row,
        0,
        lang.pick(
            "Données du graphique (valeurs de la situation, non recalculées)",
            "Chart data (values as of the report date, not recalculated)",
        ),
        &f.italic,
    )?;
    let header = title_row + 1;
    s.text(header, 1, Label::Axis.text(lang), &f.header)?;
    s.text(header, 2, Label::Physical.text(lang), &f.header)?;
    s.text(header, 3, Label::Financial.text(lang), &f.header)?;
    let first = header + 1;
    for (i, g) in groups.iter().enumerate() {
        let row = first + i as RowNum;
        s.plain(row, 1, &labels::group_title(g, lang))?;
        if let Some(p) = g.figures.rates().physical {
            s.number(row, 2, fraction(p), 5, &f.rate)?;
        }
        let m = data.money_axis.get(&g.id).copied().unwrap_or_default();
        if let Some(x) = m.financial() {
            s.number(row, 3, fraction(x), 5, &f.rate)?;
        }
    }
    Ok(Some((header, first, first + groups.len() as RowNum - 1)))
}

// ----------------------------------------------------------------- Synthèse

/// Columns of the by-axis table on Synthèse.
mod ax {
    use rust_xlsxwriter::ColNum;
    pub const CODE: ColNum = 0;
    pub const TITLE: ColNum = 1;
    pub const ACTIVITIES: ColNum = 2;
    pub const CANCELLED: ColNum = 3;
    pub const DONE: ColNum = 4;
    pub const BUDGET: ColNum = 5;
    pub const CANCELLED_BUDGET: ColNum = 6;
    pub const COMMITTED: ColNum = 7;
    pub const SPENT: ColNum = 8;
    pub const OUTSTANDING: ColNum = 9;
    pub const BALANCE: ColNum = 10;
    pub const SECURED: ColNum = 11;
    pub const PLEDGED: ColNum = 12;
    pub const UNFUNDED: ColNum = 13;
    pub const PHYSICAL: ColNum = 14;
    pub const COMPLETION: ColNum = 15;
    pub const FINANCIAL: ColNum = 16;
    pub const COMMITMENT: ColNum = 17;
    pub const MOBILISATION: ColNum = 18;
    /// Only on a revised plan (some line keeps its `initial`).
    pub const INITIAL: ColNum = 19;
    pub const INITIAL_DIFF: ColNum = 20;
}

/// Whether the report shows initial, revised and the difference: some
/// budget line of the plans keeps the amount first adopted (SPEC §2).
fn revised(data: &Data<'_>) -> bool {
    data.by_axis.total.has_initial
}

/// The two labels of the initial-amount columns.
fn initial_labels(data: &Data<'_>) -> [String; 2] {
    let lang = data.lang;
    [
        amount_col_label(lang.pick("Budget initial", "Initial budget"), data),
        amount_col_label(
            lang.pick("Écart révisé − initial", "Revised − initial"),
            data,
        ),
    ]
}

/// Writes the initial amount (a value, or `sum` for a total row) and the
/// difference budget − initial as a formula with its cached value.
#[allow(clippy::too_many_arguments)]
fn initial_cells(
    s: &mut Sheet,
    row: RowNum,
    cols: (ColNum, ColNum, ColNum),
    budget: Decimal,
    initial: Decimal,
    sum: Option<String>,
    dec: u32,
    fa: &Format,
) -> Result<(), XlsxError> {
    let (budget_col, initial_col, diff_col) = cols;
    match sum {
        Some(formula) => s.formula(
            row,
            initial_col,
            &formula,
            Cached::amount(initial),
            amount_width(initial, dec),
            fa,
        )?,
        None => s.amount(row, initial_col, initial, dec, fa)?,
    }
    let diff = budget - initial;
    s.formula(
        row,
        diff_col,
        &format!("{}-{}", cell(row, budget_col), cell(row, initial_col)),
        Cached::amount(diff),
        amount_width(diff, dec) + 1,
        fa,
    )
}

/// A row of the by-axis table: one axis, or the total of the axis rows
/// (first and last, none when there is no axis).
#[derive(Clone, Copy)]
enum AxisRow {
    Group,
    Total(Option<(RowNum, RowNum)>),
}

/// Writes one row of the by-axis table: counts and amounts as values (or
/// sums for the total row), balance and rates as formulas.
#[allow(clippy::too_many_arguments)]
fn axis_row(
    s: &mut Sheet,
    row: RowNum,
    fig: &Figures,
    m: &Money,
    kind: AxisRow,
    physical: (Option<String>, Option<Decimal>),
    data: &Data<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let dec = data.decimals;
    let (bold, sums) = match kind {
        AxisRow::Group => (false, None),
        AxisRow::Total(sums) => (true, sums),
    };
    let (fa, fc, fr) = if bold {
        (&f.amount_bold, &f.count_bold, &f.rate_bold)
    } else {
        (&f.amount, &f.count, &f.rate)
    };
    let counts = [
        (ax::ACTIVITIES, fig.activities),
        (ax::CANCELLED, fig.cancelled),
        (ax::DONE, fig.done),
    ];
    let amounts = [
        (ax::BUDGET, m.budget),
        (ax::CANCELLED_BUDGET, m.cancelled_budget),
        (ax::COMMITTED, m.committed),
        (ax::SPENT, m.spent),
        (ax::SECURED, m.secured),
        (ax::PLEDGED, m.pledged),
        (ax::UNFUNDED, m.unfunded),
    ];
    let sum = |col: ColNum| -> String {
        match sums {
            Some((a, b)) => format!("SUM({}:{})", cell(a, col), cell(b, col)),
            None => "0".to_string(),
        }
    };
    let total = bold;
    for (col, n) in counts {
        let shown = n.to_string().len();
        if total {
            s.formula(row, col, &sum(col), Cached::Num(n as f64), shown, fc)?;
        } else {
            s.number(row, col, n as f64, shown, fc)?;
        }
    }
    for (col, d) in amounts {
        if total {
            s.formula(
                row,
                col,
                &sum(col),
                Cached::amount(d),
                amount_width(d, dec),
                fa,
            )?;
        } else {
            s.amount(row, col, d, dec, fa)?;
        }
    }
    let c = |col| cell(row, col);
    let active_budget = format!("{}-{}", c(ax::BUDGET), c(ax::CANCELLED_BUDGET));
    let balance = m.balance();
    s.formula(
        row,
        ax::BALANCE,
        &format!("{}-{}", active_budget, c(ax::SPENT)),
        Cached::amount(balance),
        amount_width(balance, dec),
        fa,
    )?;
    let outstanding = m.outstanding();
    s.formula(
        row,
        ax::OUTSTANDING,
        &format!("{}-{}", c(ax::COMMITTED), c(ax::SPENT)),
        Cached::amount(outstanding),
        amount_width(outstanding, dec),
        fa,
    )?;
    let rates = fig.rates();
    match physical.0 {
        Some(formula) => s.formula(row, ax::PHYSICAL, &formula, Cached::rate(physical.1), 5, fr)?,
        None => s.text(row, ax::PHYSICAL, NO_RATE, fr)?,
    }
    let active = format!("{}-{}", c(ax::ACTIVITIES), c(ax::CANCELLED));
    for (col, num, den, value) in [
        (ax::COMPLETION, c(ax::DONE), &active, rates.completion),
        (ax::FINANCIAL, c(ax::SPENT), &active_budget, m.financial()),
        (
            ax::COMMITMENT,
            c(ax::COMMITTED),
            &active_budget,
            m.commitment(),
        ),
        (
            ax::MOBILISATION,
            c(ax::SECURED),
            &active_budget,
            m.mobilisation(),
        ),
    ] {
        s.formula(
            row,
            col,
            &rate_formula(&num, den),
            Cached::rate(value),
            5,
            fr,
        )?;
    }
    if revised(data) {
        initial_cells(
            s,
            row,
            (ax::BUDGET, ax::INITIAL, ax::INITIAL_DIFF),
            m.budget,
            fig.initial,
            total.then(|| sum(ax::INITIAL)),
            dec,
            fa,
        )?;
    }
    Ok(())
}

fn summary_sheet(
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
    act: &ActivitiesSheet,
    period: &Period,
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let sm = &data.by_axis;
    let t = &sm.total;
    let mut s = Sheet::new(names.summary)?;
    let dec = data.decimals;

    // The by-axis table sits below the key figures.
    let key_first: RowNum = 8;
    let key_labels_count: RowNum = 18;
    let table_title_row = key_first + key_labels_count + 1;
    let header_row = table_title_row + 1;
    let first = header_row + 1;
    let n = sm.groups.len() as RowNum;
    let total_row = first + n;
    let sums = (n > 0).then(|| (first, total_row - 1));

    // Table header.
    let mut labels: Vec<String> = vec![
        Label::Code.text(lang).into(),
        Label::Axis.text(lang).into(),
        Label::Activities.text(lang).into(),
        Label::Cancelled.text(lang).into(),
        lang.pick("Réalisées", "Done").into(),
    ];
    for l in [
        Label::Budget.text(lang),
        lang.pick("Budget abandonné", "Cancelled budget"),
        Label::Committed.text(lang),
        Label::Spent.text(lang),
        outstanding_label(lang),
        Label::Balance.text(lang),
        Label::Secured.text(lang),
        Label::Pledged.text(lang),
        Label::Unfunded.text(lang),
    ] {
        labels.push(amount_col_label(l, data));
    }
    for l in [
        Label::Physical,
        Label::Completion,
        Label::Financial,
        Label::Commitment,
        Label::Mobilisation,
    ] {
        labels.push(l.text(lang).into());
    }
    if revised(data) {
        labels.extend(initial_labels(data));
    }
    s.banner(
        table_title_row,
        0,
        lang.pick(
            "Exécution par axe stratégique",
            "Execution by strategic axis",
        ),
        &f.bold,
    )?;
    headers(&mut s, header_row, &labels, &f.header)?;

    let axis_range = act.range(names.activities, act.axis_col);
    let pw_range = act.range(names.activities, act.weighted_col);
    let w_range = act.range(names.activities, act.weight_col);
    let codes: Vec<&str> = sm.groups.iter().map(|g| g.id.as_str()).collect();
    for (i, g) in sm.groups.iter().enumerate() {
        let row = first + i as RowNum;
        s.plain(row, ax::CODE, &g.id)?;
        s.plain(row, ax::TITLE, &labels::group_title(g, lang))?;
        // SUMIFS, which every client evaluates alike, on a code that can
        // only match itself; any other code gets its value alone.
        let physical = match (&axis_range, &pw_range, &w_range) {
            (Some(a), Some(pw), Some(w)) if criterion_safe(&g.id, &codes) => {
                let code = cell(row, ax::CODE);
                let den = format!("SUMIFS({w},{a},{code})");
                Some(format!(
                    "IF({den}=0,\"{NO_RATE}\",SUMIFS({pw},{a},{code})/{den})"
                ))
            }
            _ => None,
        };
        let m = data.money_axis.get(&g.id).copied().unwrap_or_default();
        axis_row(
            &mut s,
            row,
            &g.figures,
            &m,
            AxisRow::Group,
            (physical, g.figures.rates().physical),
            data,
            f,
        )?;
    }
    s.text(total_row, ax::CODE, Label::Total.text(lang), &f.bold)?;
    let physical_total = match (&pw_range, &w_range) {
        (Some(pw), Some(w)) => Some(format!("IF(SUM({w})=0,\"{NO_RATE}\",SUM({pw})/SUM({w}))")),
        _ => None,
    };
    let mt = data.money_total;
    axis_row(
        &mut s,
        total_row,
        t,
        &mt,
        AxisRow::Total(sums),
        (physical_total, t.rates().physical),
        data,
        f,
    )?;
    let mut next = total_row + 2;
    if data.multi() {
        next = plan_subtotals(&mut s, next, data, f)? + 1;
    }
    let chart_data = chart_data(&mut s, next, data, f)?;
    let after = chart_data.map_or(next, |(_, _, b)| b + 2);
    narrative_block(&mut s, after, data, f)?;

    // Key figures: formulas on the total row.
    let rates = t.rates();
    let m_rates = (mt.financial(), mt.commitment(), mt.mobilisation());
    let tot = |col| cell(total_row, col);
    let key: Vec<(String, String, Cached, &Format, usize)> = vec![
        (
            lang.pick("Taux d'exécution physique", "Physical execution rate")
                .into(),
            tot(ax::PHYSICAL),
            Cached::rate(rates.physical),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux de réalisation", "Completion rate").into(),
            tot(ax::COMPLETION),
            Cached::rate(rates.completion),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux d'exécution financière", "Financial execution rate")
                .into(),
            tot(ax::FINANCIAL),
            Cached::rate(m_rates.0),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux d'engagement", "Commitment rate").into(),
            tot(ax::COMMITMENT),
            Cached::rate(m_rates.1),
            &f.rate_bold,
            5,
        ),
        (
            lang.pick("Taux de mobilisation", "Mobilisation rate")
                .into(),
            tot(ax::MOBILISATION),
            Cached::rate(m_rates.2),
            &f.rate_bold,
            5,
        ),
        (
            amount_col_label(Label::Budget.text(lang), data),
            tot(ax::BUDGET),
            Cached::amount(mt.budget),
            &f.amount,
            amount_width(mt.budget, dec),
        ),
        (
            amount_col_label(Label::Committed.text(lang), data),
            tot(ax::COMMITTED),
            Cached::amount(mt.committed),
            &f.amount,
            amount_width(mt.committed, dec),
        ),
        (
            amount_col_label(Label::Spent.text(lang), data),
            tot(ax::SPENT),
            Cached::amount(mt.spent),
            &f.amount,
            amount_width(mt.spent, dec),
        ),
        (
            amount_col_label(Label::Balance.text(lang), data),
            tot(ax::BALANCE),
            Cached::amount(mt.balance()),
            &f.amount,
            amount_width(mt.balance(), dec),
        ),
        (
            amount_col_label(outstanding_label(lang), data),
            tot(ax::OUTSTANDING),
            Cached::amount(mt.outstanding()),
            &f.amount,
            amount_width(mt.outstanding(), dec),
        ),
        (
            amount_col_label(Label::Secured.text(lang), data),
            tot(ax::SECURED),
            Cached::amount(mt.secured),
            &f.amount,
            amount_width(mt.secured, dec),
        ),
        (
            amount_col_label(Label::Pledged.text(lang), data),
            tot(ax::PLEDGED),
            Cached::amount(mt.pledged),
            &f.amount,
            amount_width(mt.pledged, dec),
        ),
        (
            amount_col_label(lang.pick("À rechercher (gap)", "Unfunded (gap)"), data),
            tot(ax::UNFUNDED),
            Cached::amount(mt.unfunded),
            &f.amount,
            amount_width(mt.unfunded, dec),
        ),
        (
            Label::Activities.text(lang).into(),
            tot(ax::ACTIVITIES),
            Cached::Num(t.activities as f64),
            &f.count,
            t.activities.to_string().len(),
        ),
        (
            lang.pick("dont abandonnées", "of which cancelled").into(),
            tot(ax::CANCELLED),
            Cached::Num(t.cancelled as f64),
            &f.count,
            t.cancelled.to_string().len(),
        ),
        (
            amount_col_label(
                lang.pick(
                    "Budget des activités abandonnées",
                    "Budget of cancelled activities",
                ),
                data,
            ),
            tot(ax::CANCELLED_BUDGET),
            Cached::amount(mt.cancelled_budget),
            &f.amount,
            amount_width(mt.cancelled_budget, dec),
        ),
    ];
    s.banner(
        key_first - 1,
        ax::TITLE,
        lang.pick("Chiffres clés", "Key figures"),
        &f.bold,
    )?;
    let mut row = key_first;
    for (label, formula, value, format, shown) in &key {
        s.plain(row, ax::TITLE, label)?;
        s.formula(row, ax::ACTIVITIES, formula, *value, *shown, format)?;
        row += 1;
    }
    s.plain(row, ax::TITLE, "Actions")?;
    s.number(
        row,
        ax::ACTIVITIES,
        sm.actions as f64,
        sm.actions.to_string().len(),
        &f.count,
    )?;
    row += 1;
    s.plain(
        row,
        ax::TITLE,
        lang.pick("Axes stratégiques", "Strategic axes"),
    )?;
    s.number(
        row,
        ax::ACTIVITIES,
        sm.axes as f64,
        sm.axes.to_string().len(),
        &f.count,
    )?;
    debug_assert!(row < table_title_row);

    // Header block (not counted in widths: it overflows to the right).
    s.banner(0, 0, &data.title(), &f.title)?;
    let meta_label = Format::new().set_bold();
    let org = data.organizations();
    s.text(1, ax::CODE, Label::Organization.text(lang), &meta_label)?;
    s.banner(1, ax::TITLE, &org, &f.text)?;
    s.text(2, ax::CODE, Label::Year.text(lang), &meta_label)?;
    let mut years: Vec<i32> = data.projects.iter().map(|p| p.plan.year).collect();
    years.sort_unstable();
    years.dedup();
    if let [y] = years[..] {
        s.ws.write_number_with_format(
            2,
            ax::TITLE,
            f64::from(y),
            &Format::new().set_align(FormatAlign::Left),
        )?;
    } else {
        let y: Vec<String> = years.iter().map(i32::to_string).collect();
        s.banner(2, ax::TITLE, &y.join(", "), &f.text)?;
    }
    s.text(3, ax::CODE, Label::AsOf.text(lang), &meta_label)?;
    match sm.as_of {
        Some(d) => match super::xlsx::excel_date(d) {
            Some(x) => {
                s.ws.write_date_with_format(3, ax::TITLE, &x, &f.date)?;
            }
            None => s.banner(3, ax::TITLE, &format_date(d, lang), &f.text)?,
        },
        None => s.banner(3, ax::TITLE, NO_RATE, &f.text)?,
    }
    s.text(
        4,
        ax::CODE,
        lang.pick("Pondération", "Weighting"),
        &meta_label,
    )?;
    let weighting = match sm.weighting {
        Weighting::Activities => lang.pick(
            "taux physique : moyenne simple des activités",
            "physical rate: plain mean of the activities",
        ),
        Weighting::Budget => lang.pick(
            "taux physique pondéré par le budget des activités",
            "physical rate weighted by activity budget",
        ),
        Weighting::Weight => lang.pick(
            "taux physique pondéré par la pondération des activités",
            "physical rate weighted by activity weight",
        ),
    };
    s.banner(4, ax::TITLE, weighting, &f.text)?;
    s.banner(5, ax::CODE, &headline(sm, lang, 0), &f.italic)?;
    let period_line = match lang {
        Lang::Fr => format!(
            "Période : {} (feuille « {} »)",
            report_period::period_text(period, lang),
            names.period
        ),
        Lang::En => format!(
            "Period: {} (sheet \"{}\")",
            report_period::period_text(period, lang),
            names.period
        ),
    };
    s.banner(6, ax::CODE, &period_line, &f.text)?;

    // The chart: physical and financial execution by axis, drawn from the
    // chart data block (numbers, so that the chart keeps its values cached
    // for viewers that do not recalculate), categories the axis titles.
    if let Some((header, a, b)) = chart_data {
        let mut chart = Chart::new(ChartType::Column);
        chart
            .title()
            .set_name(lang.pick("Exécution par axe", "Execution by axis"));
        for col in [2, 3] {
            chart
                .add_series()
                .set_name((names.summary, header, col))
                .set_categories((names.summary, a, 1, b, 1))
                .set_values((names.summary, a, col, b, col));
        }
        chart.y_axis().set_num_format("0%").set_min(0);
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_width(560).set_height(340);
        chart.set_alt_text(lang.pick(
            "Taux d'exécution physique et financière par axe",
            "Physical and financial execution rate by axis",
        ));
        s.ws.insert_chart(key_first - 1, ax::CANCELLED + 1, &chart)?;
    }
    super::xlsx::flag_overspending(&mut s.ws, first, total_row, ax::FINANCIAL)?;
    s.ws.set_repeat_columns(ax::CODE, ax::TITLE)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

/// The narrative paragraph (SPEC §6b, the same text as `summary` and the
/// dashboard): a bold title, then the paragraph in a merged range across
/// the by-axis table's width, wrapped, its row tall enough for the text.
fn narrative_block(
    s: &mut Sheet,
    row: RowNum,
    data: &Data<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let lang = data.lang;
    let as_of = data.by_axis.as_of;
    let late = as_of.map_or(0, |d| {
        data.activities
            .iter()
            .filter(|r| compute::late(r.year, r.activity, &r.state, d))
            .count()
    });
    let text = super::narrative::paragraph(&data.by_axis, late, lang, 0);
    s.banner(
        row,
        ax::CODE,
        lang.pick("Commentaire", "Commentary"),
        &f.bold,
    )?;
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);
    s.ws.merge_range(row + 1, ax::CODE, row + 1, ax::FINANCIAL, &text, &wrap)?;
    // About 150 characters a line across those columns, 15 points a line.
    let lines = text.chars().count().div_ceil(150).max(1) + 1;
    s.ws.set_row_height(row + 1, 15.0 * lines as f64)?;
    Ok(())
}

// --------------------------------------------------------------- Par source

mod src {
    use rust_xlsxwriter::ColNum;
    pub const CODE: ColNum = 0;
    pub const NAME: ColNum = 1;
    pub const STATUS: ColNum = 2;
    pub const AXIS: ColNum = 3;
    pub const AXIS_TITLE: ColNum = 4;
    pub const ACTIVITIES: ColNum = 5;
    pub const BUDGET: ColNum = 6;
    pub const CANCELLED_BUDGET: ColNum = 7;
    pub const COMMITTED: ColNum = 8;
    pub const SPENT: ColNum = 9;
    pub const OUTSTANDING: ColNum = 10;
    pub const BALANCE: ColNum = 11;
    pub const FINANCIAL: ColNum = 12;
    pub const COMMITMENT: ColNum = 13;
    pub const LAST: ColNum = 13;
    /// Only on a revised plan.
    pub const INITIAL: ColNum = 14;
    pub const INITIAL_DIFF: ColNum = 15;
}

fn sources_sheet(data: &Data<'_>, names: &SheetNames, f: &Formats) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let dec = data.decimals;
    let mut s = Sheet::new(names.sources)?;
    s.banner(
        0,
        0,
        lang.pick(
            "Budget et exécution par source de financement et par axe",
            "Budget and execution by funding source and axis",
        ),
        &f.title,
    )?;
    let mut labels: Vec<String> = vec![
        Label::Code.text(lang).into(),
        Label::Source.text(lang).into(),
        Label::SourceStatus.text(lang).into(),
        lang.pick("Code axe", "Axis code").into(),
        Label::Axis.text(lang).into(),
        Label::Activities.text(lang).into(),
    ];
    for l in [
        Label::Budget.text(lang),
        lang.pick("Budget abandonné", "Cancelled budget"),
        Label::Committed.text(lang),
        Label::Spent.text(lang),
        outstanding_label(lang),
        Label::Balance.text(lang),
    ] {
        labels.push(amount_col_label(l, data));
    }
    labels.push(Label::Financial.text(lang).into());
    labels.push(Label::Commitment.text(lang).into());
    let revised = revised(data);
    if revised {
        labels.extend(initial_labels(data));
    }
    let header_row: RowNum = 2;
    headers(&mut s, header_row, &labels, &f.header)?;

    // The row's balance and rates, as formulas on its own cells.
    let derived = |s: &mut Sheet, row: RowNum, fig: &Money, bold: bool| {
        let (fa, fr) = if bold {
            (&f.amount_bold, &f.rate_bold)
        } else {
            (&f.amount, &f.rate)
        };
        let c = |col| cell(row, col);
        let active = format!("{}-{}", c(src::BUDGET), c(src::CANCELLED_BUDGET));
        let balance = fig.balance();
        s.formula(
            row,
            src::BALANCE,
            &format!("{}-{}", active, c(src::SPENT)),
            Cached::amount(balance),
            amount_width(balance, dec),
            fa,
        )?;
        let outstanding = fig.outstanding();
        s.formula(
            row,
            src::OUTSTANDING,
            &format!("{}-{}", c(src::COMMITTED), c(src::SPENT)),
            Cached::amount(outstanding),
            amount_width(outstanding, dec),
            fa,
        )?;
        s.formula(
            row,
            src::FINANCIAL,
            &rate_formula(&c(src::SPENT), &active),
            Cached::rate(fig.financial()),
            5,
            fr,
        )?;
        s.formula(
            row,
            src::COMMITMENT,
            &rate_formula(&c(src::COMMITTED), &active),
            Cached::rate(fig.commitment()),
            5,
            fr,
        )?;
        Ok::<(), XlsxError>(())
    };

    let mut row = header_row + 1;
    let first_data = row;
    let no_source = Label::Unattributed.text(lang);
    for g in &data.by_source.groups {
        let (code, name, status) = if g.id == compute::UNATTRIBUTED {
            ("", no_source.to_string(), "")
        } else {
            let status = data
                .projects
                .iter()
                .flat_map(|p| &p.plan.sources)
                .find(|x| x.id == g.id)
                .map(|x| x.status.label(lang))
                .unwrap_or("");
            (g.id.as_str(), labels::group_title(g, lang), status)
        };
        let detail_first = row;
        for axis in &data.by_axis.groups {
            let Some(fig) = data
                .source_by_axis
                .get(&axis.id)
                .and_then(|sm| sm.groups.iter().find(|x| x.id == g.id))
                .map(|x| &x.figures)
                .filter(|x| x.activities > 0)
            else {
                continue;
            };
            let m = data
                .money_source_axis
                .get(&(g.id.clone(), axis.id.clone()))
                .copied()
                .unwrap_or_default();
            s.plain(row, src::CODE, code)?;
            s.plain(row, src::NAME, &name)?;
            s.plain(row, src::STATUS, status)?;
            s.plain(row, src::AXIS, &axis.id)?;
            s.plain(row, src::AXIS_TITLE, &labels::group_title(axis, lang))?;
            s.number(
                row,
                src::ACTIVITIES,
                fig.activities as f64,
                fig.activities.to_string().len(),
                &f.count,
            )?;
            for (col, d) in [
                (src::BUDGET, m.budget),
                (src::CANCELLED_BUDGET, m.cancelled_budget),
                (src::COMMITTED, m.committed),
                (src::SPENT, m.spent),
            ] {
                s.amount(row, col, d, dec, &f.amount)?;
            }
            derived(&mut s, row, &m, false)?;
            if revised {
                initial_cells(
                    &mut s,
                    row,
                    (src::BUDGET, src::INITIAL, src::INITIAL_DIFF),
                    m.budget,
                    fig.initial,
                    None,
                    dec,
                    &f.amount,
                )?;
            }
            row += 1;
        }
        // The source's subtotal.
        let fig = &g.figures;
        let m = data.money_source.get(&g.id).copied().unwrap_or_default();
        let label = format!(
            "{} {}",
            lang.pick("Total", "Total"),
            if code.is_empty() { name.as_str() } else { code }
        );
        s.text(row, src::CODE, &label, &f.bold)?;
        s.text(row, src::NAME, &name, &f.bold)?;
        s.text(row, src::STATUS, status, &f.bold)?;
        let detail = (row > detail_first).then(|| (detail_first, row - 1));
        let sum = |col: ColNum| match detail {
            Some((a, b)) => format!("SUBTOTAL(9,{}:{})", cell(a, col), cell(b, col)),
            None => "0".to_string(),
        };
        s.formula(
            row,
            src::ACTIVITIES,
            &sum(src::ACTIVITIES),
            Cached::Num(fig.activities as f64),
            fig.activities.to_string().len(),
            &f.count_bold,
        )?;
        for (col, d) in [
            (src::BUDGET, m.budget),
            (src::CANCELLED_BUDGET, m.cancelled_budget),
            (src::COMMITTED, m.committed),
            (src::SPENT, m.spent),
        ] {
            s.formula(
                row,
                col,
                &sum(col),
                Cached::amount(d),
                amount_width(d, dec),
                &f.amount_bold,
            )?;
        }
        derived(&mut s, row, &m, true)?;
        if revised {
            initial_cells(
                &mut s,
                row,
                (src::BUDGET, src::INITIAL, src::INITIAL_DIFF),
                m.budget,
                fig.initial,
                Some(sum(src::INITIAL)),
                dec,
                &f.amount_bold,
            )?;
        }
        row += 1;
    }
    // Grand total: every line of every source, every payment. Activities
    // funded by several sources count once per source, so no count here.
    let t = &data.money_total;
    s.text(row, src::CODE, Label::Total.text(lang), &f.bold)?;
    let grand = |col: ColNum| {
        if row > first_data {
            format!(
                "SUBTOTAL(9,{}:{})",
                cell(first_data, col),
                cell(row - 1, col)
            )
        } else {
            "0".to_string()
        }
    };
    for (col, d) in [
        (src::BUDGET, t.budget),
        (src::CANCELLED_BUDGET, t.cancelled_budget),
        (src::COMMITTED, t.committed),
        (src::SPENT, t.spent),
    ] {
        s.formula(
            row,
            col,
            &grand(col),
            Cached::amount(d),
            amount_width(d, dec),
            &f.amount_bold,
        )?;
    }
    derived(&mut s, row, t, true)?;
    if revised {
        initial_cells(
            &mut s,
            row,
            (src::BUDGET, src::INITIAL, src::INITIAL_DIFF),
            t.budget,
            data.by_source.total.initial,
            Some(grand(src::INITIAL)),
            dec,
            &f.amount_bold,
        )?;
    }
    super::xlsx::flag_overspending(&mut s.ws, first_data, row, src::FINANCIAL)?;
    s.ws.set_freeze_panes(header_row + 1, 0)?;
    s.min_width(src::LAST, 5);
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

// ------------------------------------------------------------ Par catégorie

fn categories_sheet(
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
    period: &Period,
    rows: &[(report_category::Key, CategoryRow)],
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::new(names.categories)?;
    s.banner(
        0,
        0,
        &format!(
            "{} — {}",
            lang.pick(
                "Budget et dépenses par catégorie de dépense",
                "Budget and spending by expenditure category"
            ),
            report_period::period_text(period, lang)
        ),
        &f.title,
    )?;
    s.banner(1, 0, &data.title(), &f.bold)?;
    s.banner(
        2,
        0,
        lang.pick(
            "Dépense rangée sous la catégorie nommée par l'enregistrement, sinon sous celle des lignes de sa source si elles n'en ont qu'une, sinon « non ventilé ».",
            "Spending goes under the category its record names, else under that of its source's lines when they have only one, else \"unattributed\".",
        ),
        &f.italic,
    )?;
    let header_row: RowNum = 4;
    report_category::write_table(
        &mut s,
        header_row,
        rows,
        lang,
        f,
        data.decimals,
        money::currency_label(&data.by_axis.currency),
    )?;
    s.ws.set_freeze_panes(header_row + 1, 1)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

// ------------------------------------------------------------- Chronogramme

/// What a planned quarter shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cell {
    Planned,
    Ongoing,
    OnTrack,
    Done,
    Late,
    Postponed,
    Cancelled,
}

impl Cell {
    const ALL: [Cell; 7] = [
        Cell::Done,
        Cell::OnTrack,
        Cell::Ongoing,
        Cell::Planned,
        Cell::Late,
        Cell::Postponed,
        Cell::Cancelled,
    ];

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Cell::Planned => lang.pick("prévue", "planned"),
            Cell::Ongoing => lang.pick("en cours", "ongoing"),
            Cell::OnTrack => lang.pick("à jour", "on track"),
            Cell::Done => lang.pick("réalisée", "done"),
            Cell::Late => lang.pick("en retard", "late"),
            Cell::Postponed => lang.pick("reportée", "postponed"),
            Cell::Cancelled => lang.pick("abandonnée", "cancelled"),
        }
    }

    /// (fill, font) colours.
    fn colours(self) -> (u32, u32) {
        match self {
            Cell::Done => (0xC6EFCE, 0x006100),
            Cell::Ongoing => (0xFFEB9C, 0x9C5700),
            Cell::OnTrack => (0xE2EFDA, 0x375623),
            Cell::Planned => (0xDDEBF7, 0x1F4E78),
            Cell::Late => (0xFFC7CE, 0x9C0006),
            Cell::Postponed => (0xFCE4D6, 0x833C0B),
            Cell::Cancelled => (0xD9D9D9, 0x595959),
        }
    }

    fn format(self) -> Format {
        let (fill, font) = self.colours();
        Format::new()
            .set_background_color(fill)
            .set_font_color(font)
            .set_align(FormatAlign::Center)
    }
}

/// The state of one planned quarter on the as-of date: done and cancelled
/// activities show their status; a quarter that has ended (on or before
/// the as-of date) is late when the progress is below what the schedule
/// implies at its end ([`compute::expected_progress`]), else on track; the
/// current quarter shows the activity's status, a future one "planned".
fn quarter_cell(r: &Row<'_>, q: u8, as_of: Option<NaiveDate>) -> Cell {
    let status = r.status();
    match status {
        Status::Done => return Cell::Done,
        Status::Cancelled => return Cell::Cancelled,
        Status::Postponed => return Cell::Postponed,
        _ => {}
    }
    let (Some(d), Some((start, end))) = (as_of, compute::quarter_span(r.year, q)) else {
        return Cell::Planned;
    };
    if end <= d {
        let expected = compute::expected_progress(r.year, &r.quarters(), end);
        if expected.is_some_and(|e| r.state.physical() < e) {
            Cell::Late
        } else {
            Cell::OnTrack
        }
    } else if start <= d && status == Status::Ongoing {
        Cell::Ongoing
    } else {
        Cell::Planned
    }
}

fn schedule_sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let as_of = data.by_axis.as_of;
    let mut s = Sheet::streamed(wb, names.schedule)?;
    let title = match as_of {
        Some(d) => format!(
            "{} — {} {}",
            lang.pick("Chronogramme", "Schedule"),
            Label::AsOf.text(lang).to_lowercase(),
            format_date(d, lang)
        ),
        None => lang.pick("Chronogramme", "Schedule").to_string(),
    };
    s.banner(0, 0, &title, &f.title)?;
    let formats: Vec<(Cell, Format)> = Cell::ALL.iter().map(|&c| (c, c.format())).collect();
    let fmt = |c: Cell| {
        formats
            .iter()
            .find(|(x, _)| *x == c)
            .map(|(_, f)| f)
            .unwrap_or(&f.text)
    };
    // Legend.
    s.banner(1, 0, lang.pick("Légende :", "Legend:"), &f.bold)?;
    for (i, &c) in Cell::ALL.iter().enumerate() {
        // Under T1…: the quarter columns are wide enough for the words.
        let col = 3 + ColNum::from(data.multi()) + i as ColNum;
        s.text(1, col, c.label(lang), fmt(c))?;
    }
    s.banner(
        2,
        0,
        lang.pick(
            "En retard : trimestre prévu achevé à la date de situation et avancement inférieur à ce que le chronogramme prévoit à sa fin (part des trimestres prévus écoulés) ; à jour sinon.",
            "Late: planned quarter ended by the as-of date and progress below what the schedule implies at its end (share of the planned quarters elapsed); on track otherwise.",
        ),
        &f.italic,
    )?;
    let header_row: RowNum = 4;
    let mut labels: Vec<String> = Vec::new();
    if data.multi() {
        labels.push(Label::Plan.text(lang).into());
    }
    let off = labels.len() as ColNum;
    labels.extend(
        [
            Label::Code.text(lang),
            Label::Activity.text(lang),
            Label::Responsible.text(lang),
        ]
        .map(String::from),
    );
    labels.extend((1..=4).map(|q| quarter_label(q, lang)));
    labels.push(Label::Status.text(lang).into());
    labels.push(lang.pick("En retard", "Late").into());
    headers(&mut s, header_row, &labels, &f.header)?;
    for (i, r) in data.activities.iter().enumerate() {
        let row = header_row + 1 + i as RowNum;
        if data.multi() {
            s.plain(row, 0, &data.projects[r.plan].plan.title)?;
        }
        s.fit_row(row, &[(&r.activity.title, WRAP_WIDE)])?;
        s.plain(row, off, &r.activity.id)?;
        s.text(row, off + 1, &r.activity.title, &f.wrap)?;
        s.plain(
            row,
            off + 2,
            r.activity.responsible.as_deref().unwrap_or(""),
        )?;
        for q in r.quarters() {
            let c = quarter_cell(r, q, as_of);
            s.text(row, off + 2 + q as ColNum, c.label(lang), fmt(c))?;
        }
        s.plain(row, off + 7, r.status().label(lang))?;
        let late = as_of.is_some_and(|d| compute::late(r.year, r.activity, &r.state, d));
        s.plain(
            row,
            off + 8,
            if late { lang.pick("oui", "yes") } else { "" },
        )?;
    }
    let n = data.activities.len() as RowNum;
    for q in 0..4 {
        s.min_width(off + 3 + q, 11);
    }
    s.max_width(off + 1, WRAP_WIDE);
    s.ws.set_freeze_panes(header_row + 1, off + 2)?;
    s.ws.set_repeat_columns(off, off + 1)?;
    s.ws.autofilter(header_row, 0, header_row + n, labels.len() as ColNum - 1)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

// -------------------------------------------------------------- Indicateurs

fn indicators_sheet(
    wb: &mut Workbook,
    data: &Data<'_>,
    names: &SheetNames,
    f: &Formats,
) -> Result<Sheet, XlsxError> {
    let lang = data.lang;
    let mut s = Sheet::streamed(wb, names.indicators)?;
    let title = match data.by_axis.as_of {
        Some(d) => format!(
            "{} — {} {}",
            lang.pick("Indicateurs", "Indicators"),
            Label::AsOf.text(lang).to_lowercase(),
            format_date(d, lang)
        ),
        None => lang.pick("Indicateurs", "Indicators").to_string(),
    };
    s.banner(0, 0, &title, &f.title)?;
    s.banner(1, 0, &data.title(), &f.bold)?;
    let header_row: RowNum = 3;
    let mut labels: Vec<String> = Vec::new();
    if data.multi() {
        labels.push(Label::Plan.text(lang).into());
    }
    let off = labels.len() as ColNum;
    labels.extend(
        [
            Label::Level,
            Label::Code,
            Label::Indicator,
            Label::Unit,
            Label::Baseline,
            Label::Target,
            Label::Actual,
            Label::Achievement,
        ]
        .iter()
        .map(|l| l.text(lang).to_string()),
    );
    headers(&mut s, header_row, &labels, &f.header)?;
    let value = |s: &mut Sheet, row: RowNum, col: ColNum, d: Decimal| {
        let code = super::xlsx::value_format_code(d);
        let shown = amount_width(d, d.normalize().scale());
        s.number(
            row,
            col,
            f64_of(d),
            shown,
            &Format::new().set_num_format(code),
        )
    };
    for (i, (plan, ind)) in data.indicators.iter().enumerate() {
        let row = header_row + 1 + i as RowNum;
        s.fit_row(row, &[(&ind.name, WRAP_WIDE)])?;
        if data.multi() {
            s.text(row, 0, &data.projects[*plan].plan.title, &f.wrap)?;
        }
        s.plain(row, off, labels::level(ind.level, lang))?;
        s.plain(row, off + 1, &ind.owner)?;
        s.text(row, off + 2, &ind.name, &f.wrap)?;
        s.plain(row, off + 3, ind.unit.as_deref().unwrap_or(""))?;
        if let Some(b) = ind.baseline {
            value(&mut s, row, off + 4, b)?;
        }
        value(&mut s, row, off + 5, ind.target)?;
        if let Some(a) = ind.actual {
            value(&mut s, row, off + 6, a)?;
        }
        // With a baseline: (actual − baseline) ÷ (target − baseline);
        // without, the blank baseline counts as 0: actual ÷ target.
        let (b, t, a) = (cell(row, off + 4), cell(row, off + 5), cell(row, off + 6));
        s.formula(
            row,
            off + 7,
            &format!("IF(OR({a}=\"\",{t}-{b}=0),\"{NO_RATE}\",({a}-{b})/({t}-{b}))"),
            Cached::rate(ind.achievement()),
            5,
            &f.rate,
        )?;
    }
    let n = data.indicators.len() as RowNum;
    s.max_width(off + 2, WRAP_WIDE);
    if data.multi() {
        s.max_width(0, WRAP_NARROW);
    }
    s.ws.set_freeze_panes(header_row + 1, 0)?;
    s.ws.autofilter(header_row, 0, header_row + n, labels.len() as ColNum - 1)?;
    s.print_setup(Some(header_row), &data.page_header())?;
    s.set_widths()?;
    Ok(s)
}

//! The plan workbook of `ptba convert` (docs/workbook-layout.md): the plan
//! and its progress log as sheets people can edit in Excel or LibreOffice,
//! and that `load::plan_workbook` reads back without losing anything.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationErrorStyle, Format, Formula, RowNum, Workbook, XlsxError,
};

use crate::compute::Level;
use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::i18n::workbook::Name;
use crate::layout::Columns;
use crate::layout::plan::{
    self as lay, ActionCol, ActivityCol, AxisCol, BudgetCol, IndicatorCol, PlanCol, ProgressCol,
    SourceCol,
};
use crate::model::{FundingStatus, Indicator, Plan, Project, Status};

use super::xlsx::{Formats, Sheet, abs_cell, properties, sheet_ref};

/// Room left below the data for validation lists and new rows.
const SPARE_ROWS: RowNum = 1000;

/// The header row of a sheet of the layout, frozen.
fn headers(s: &mut Sheet, labels: &[&str], f: &Format) -> Result<(), XlsxError> {
    for (c, l) in labels.iter().enumerate() {
        s.text(0, c as ColNum, l, f)?;
    }
    s.ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn opt_text(s: &mut Sheet, row: RowNum, col: ColNum, t: Option<&str>) -> Result<(), XlsxError> {
    if let Some(t) = t {
        s.plain(row, col, t)?;
    }
    Ok(())
}

fn level_label(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Axis => w::level_axis(lang),
        Level::Action => "action",
        Level::Activity => w::level_activity(lang),
    }
}

/// A list validation (dropdown) over a column, from fixed words.
fn list_validation(
    s: &mut Sheet,
    col: ColNum,
    last_row: RowNum,
    words: &[&str],
    lang: Lang,
) -> Result<(), XlsxError> {
    let v = DataValidation::new()
        .allow_list_strings(words)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(w::unknown_value_title(lang))?
        .set_error_message(format!("{} {}", w::pick_from_list(lang), words.join(", ")))?;
    s.ws.add_data_validation(1, col, last_row, col, &v)?;
    Ok(())
}

/// What every sheet of the workbook is written from.
struct Book<'a> {
    project: &'a Project,
    plan: &'a Plan,
    lang: Lang,
    f: Formats,
}

impl Book<'_> {
    /// An amount cell, with as many decimals as the currency or the amount.
    fn amount(&self, s: &mut Sheet, row: RowNum, col: ColNum, x: Decimal) -> Result<(), XlsxError> {
        let decimals = self.plan.currency.decimals.max(x.normalize().scale());
        s.amount(row, col, x, decimals, &self.f.amount)
    }

    /// A dropdown of the source codes (a range of the Sources sheet, so the
    /// 255-character limit of literal lists does not apply).
    fn source_validation(
        &self,
        s: &mut Sheet,
        col: ColNum,
        last_row: RowNum,
    ) -> Result<(), XlsxError> {
        let n_sources = self.plan.sources.len();
        if n_sources == 0 {
            return Ok(());
        }
        let lang = self.lang;
        let range = format!(
            "={}!{}:{}",
            sheet_ref(lay::SOURCES.text(lang)),
            abs_cell(1, 0),
            abs_cell(n_sources as RowNum, 0)
        );
        let v = DataValidation::new()
            .allow_list_formula(Formula::new(range))
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(w::unknown_source_title(lang))?
            .set_error_message(w::pick_source(lang))?;
        s.ws.add_data_validation(1, col, last_row, col, &v)?;
        Ok(())
    }

    /// A sheet of the layout with its header row.
    fn sheet<C: Columns>(&self, name: Name, extra: &[&str]) -> Result<Sheet, XlsxError> {
        let mut s = Sheet::new(name.text(self.lang))?;
        let mut labels = C::headers(self.lang);
        labels.extend(extra);
        headers(&mut s, &labels, &self.f.header)?;
        Ok(s)
    }

    /// A streamed sheet of the layout with its header row (the sheets with a
    /// row per activity, budget line, indicator or record are streamed to
    /// temporary files as they are written, strictly in row order, see
    /// `Sheet::streamed`).
    fn streamed<C: Columns>(
        &self,
        wb: &mut Workbook,
        name: Name,
        extra: &[&str],
    ) -> Result<Sheet, XlsxError> {
        let mut s = Sheet::streamed(wb, name.text(self.lang))?;
        let mut labels = C::headers(self.lang);
        labels.extend(extra);
        headers(&mut s, &labels, &self.f.header)?;
        Ok(s)
    }

    /// Plan: key / value.
    fn plan_sheet(&self) -> Result<Sheet, XlsxError> {
        let p = self.plan;
        let mut plan = self.sheet::<PlanCol>(lay::PLAN, &[])?;
        let (k, v) = (PlanCol::Key.index(), PlanCol::Value.index());
        let mut row: RowNum = 1;
        let mut kv = |s: &mut Sheet, key: &str| -> Result<RowNum, XlsxError> {
            s.plain(row, k, key)?;
            row += 1;
            Ok(row - 1)
        };
        let r = kv(&mut plan, "title")?;
        plan.plain(r, v, &p.title)?;
        if let Some(o) = &p.organization {
            let r = kv(&mut plan, "organization")?;
            plan.plain(r, v, o)?;
        }
        let r = kv(&mut plan, "year")?;
        plan.number(r, v, f64::from(p.year), 4, &Format::new())?;
        let r = kv(&mut plan, "currency")?;
        plan.plain(r, v, &p.currency.code)?;
        if let Some(l) = p.lang {
            let r = kv(&mut plan, "lang")?;
            plan.plain(r, v, l.code())?;
        }
        if let Some(pr) = &p.progress {
            let r = kv(&mut plan, "progress")?;
            plan.plain(r, v, pr)?;
        }
        if let Some(b) = p.budget_total {
            let r = kv(&mut plan, "budget_total")?;
            self.amount(&mut plan, r, v, b)?;
        }
        if let Some(w) = p.weighting {
            let r = kv(&mut plan, "weighting")?;
            plan.plain(r, v, w.key())?;
        }
        plan.set_widths()?;
        Ok(plan)
    }

    /// Sources, with a dropdown of the funding statuses.
    fn sources_sheet(&self) -> Result<Sheet, XlsxError> {
        let (p, lang) = (self.plan, self.lang);
        let mut sources = self.sheet::<SourceCol>(lay::SOURCES, &[])?;
        for (i, s) in p.sources.iter().enumerate() {
            let r = i as RowNum + 1;
            sources.plain(r, SourceCol::Id.index(), &s.id)?;
            sources.plain(r, SourceCol::Name.index(), &s.name)?;
            sources.plain(r, SourceCol::Status.index(), s.status.label(lang))?;
        }
        let statuses: Vec<&str> = [
            FundingStatus::Secured,
            FundingStatus::Pledged,
            FundingStatus::Unfunded,
        ]
        .iter()
        .map(|s| s.label(lang))
        .collect();
        list_validation(
            &mut sources,
            SourceCol::Status.index(),
            p.sources.len() as RowNum + SPARE_ROWS,
            &statuses,
            lang,
        )?;
        sources.set_widths()?;
        Ok(sources)
    }

    /// Axes and actions.
    fn axes_and_actions(&self) -> Result<(Sheet, Sheet), XlsxError> {
        let p = self.plan;
        let mut axes = self.sheet::<AxisCol>(lay::AXES, &[])?;
        for (i, a) in p.axes.iter().enumerate() {
            let r = i as RowNum + 1;
            axes.plain(r, AxisCol::Id.index(), &a.id)?;
            axes.plain(r, AxisCol::Title.index(), &a.title)?;
        }
        axes.set_widths()?;
        let mut actions = self.sheet::<ActionCol>(lay::ACTIONS, &[])?;
        for (i, a) in p.actions.iter().enumerate() {
            let r = i as RowNum + 1;
            actions.plain(r, ActionCol::Id.index(), &a.id)?;
            actions.plain(r, ActionCol::Axis.index(), &a.axis)?;
            actions.plain(r, ActionCol::Title.index(), &a.title)?;
        }
        actions.set_widths()?;
        Ok((axes, actions))
    }

    /// Activités: one row per activity, one budget column per source.
    fn activities_sheet(&self, wb: &mut Workbook) -> Result<Sheet, XlsxError> {
        use ActivityCol as C;
        let p = self.plan;
        let source_ids: Vec<&str> = p.sources.iter().map(|s| s.id.as_str()).collect();
        let mut acts = self.streamed::<C>(wb, lay::ACTIVITIES, &source_ids)?;
        let first_source_col = C::ALL.len() as ColNum;
        let index = crate::model::Index::new(p);
        for (i, a) in p.activities.iter().enumerate() {
            let r = i as RowNum + 1;
            let action = index.actions.get(a.action.as_str()).map(|&x| &p.actions[x]);
            let axis = action
                .and_then(|ac| index.axes.get(ac.axis.as_str()))
                .map(|&x| &p.axes[x]);
            acts.plain(
                r,
                C::AxisId.index(),
                action.map(|x| x.axis.as_str()).unwrap_or(""),
            )?;
            acts.plain(
                r,
                C::Axis.index(),
                axis.map(|x| x.title.as_str()).unwrap_or(""),
            )?;
            acts.plain(r, C::ActionId.index(), &a.action)?;
            acts.plain(
                r,
                C::Action.index(),
                action.map(|x| x.title.as_str()).unwrap_or(""),
            )?;
            acts.plain(r, C::Id.index(), &a.id)?;
            acts.plain(r, C::Title.index(), &a.title)?;
            opt_text(
                &mut acts,
                r,
                C::Responsible.index(),
                a.responsible.as_deref(),
            )?;
            if !a.partners.is_empty() {
                acts.plain(r, C::Partners.index(), &a.partners.join("; "))?;
            }
            for (q, col) in (1..=4u8).zip(C::QUARTERS) {
                if a.quarters.contains(&q) {
                    acts.plain(r, col.index(), "x")?;
                }
            }
            if let Some(d) = a.start {
                acts.date(r, C::Start.index(), d, &self.f.date)?;
            }
            if let Some(d) = a.end {
                acts.date(r, C::End.index(), d, &self.f.date)?;
            }
            if let Some(w) = a.weight {
                acts.exact(r, C::Weight.index(), w)?;
            }
            for (si, s) in p.sources.iter().enumerate() {
                let lines: Vec<_> = a.budget.iter().filter(|l| l.source == s.id).collect();
                if lines.is_empty() {
                    continue;
                }
                let sum: Decimal = lines.iter().map(|l| l.total()).sum();
                self.amount(&mut acts, r, first_source_col + si as ColNum, sum)?;
            }
        }
        for q in C::QUARTERS {
            acts.min_width(q.index(), 3);
        }
        let last = p.activities.len() as RowNum;
        let width = (C::ALL.len() + source_ids.len()) as ColNum;
        acts.ws.autofilter(0, 0, last, width.saturating_sub(1))?;
        acts.set_widths()?;
        Ok(acts)
    }

    /// Budget lines, in plan order.
    fn budget_sheet(&self, wb: &mut Workbook) -> Result<Sheet, XlsxError> {
        use BudgetCol as C;
        let mut budget = self.streamed::<C>(wb, lay::BUDGET, &[])?;
        let mut r: RowNum = 1;
        for a in &self.plan.activities {
            for l in &a.budget {
                budget.plain(r, C::Activity.index(), &a.id)?;
                budget.plain(r, C::Source.index(), &l.source)?;
                if let Some(x) = l.amount {
                    self.amount(&mut budget, r, C::Amount.index(), x)?;
                }
                if let Some(x) = l.quantity {
                    budget.exact(r, C::Quantity.index(), x)?;
                }
                if let Some(x) = l.unit_cost {
                    self.amount(&mut budget, r, C::UnitCost.index(), x)?;
                }
                opt_text(&mut budget, r, C::Category.index(), l.category.as_deref())?;
                if let Some(x) = l.initial {
                    self.amount(&mut budget, r, C::Initial.index(), x)?;
                }
                r += 1;
            }
        }
        self.source_validation(&mut budget, C::Source.index(), r + SPARE_ROWS)?;
        budget
            .ws
            .autofilter(0, 0, r - 1, C::ALL.len() as ColNum - 1)?;
        budget.set_widths()?;
        Ok(budget)
    }

    /// Indicators, axes then actions then activities.
    fn indicators_sheet(&self, wb: &mut Workbook) -> Result<Sheet, XlsxError> {
        use IndicatorCol as C;
        let (p, lang) = (self.plan, self.lang);
        let mut inds = self.streamed::<C>(wb, lay::INDICATORS, &[])?;
        let mut r: RowNum = 1;
        let mut put = |s: &mut Sheet,
                       level: Level,
                       owner: &str,
                       list: &[Indicator]|
         -> Result<(), XlsxError> {
            for i in list {
                s.plain(r, C::Level.index(), level_label(level, lang))?;
                s.plain(r, C::Id.index(), owner)?;
                s.plain(r, C::Name.index(), &i.name)?;
                opt_text(s, r, C::Unit.index(), i.unit.as_deref())?;
                if let Some(b) = i.baseline {
                    s.exact(r, C::Baseline.index(), b)?;
                }
                s.exact(r, C::Target.index(), i.target)?;
                r += 1;
            }
            Ok(())
        };
        for a in &p.axes {
            put(&mut inds, Level::Axis, &a.id, &a.indicators)?;
        }
        for a in &p.actions {
            put(&mut inds, Level::Action, &a.id, &a.indicators)?;
        }
        for a in &p.activities {
            put(&mut inds, Level::Activity, &a.id, &a.indicators)?;
        }
        let levels = [Level::Axis, Level::Action, Level::Activity].map(|l| level_label(l, lang));
        list_validation(&mut inds, C::Level.index(), r + SPARE_ROWS, &levels, lang)?;
        inds.set_widths()?;
        Ok(inds)
    }

    /// Suivi: the progress records, in log order.
    fn progress_sheet(&self, wb: &mut Workbook) -> Result<Sheet, XlsxError> {
        use ProgressCol as C;
        let lang = self.lang;
        let records = &self.project.records;
        let mut log = self.streamed::<C>(wb, lay::PROGRESS, &[])?;
        for (i, rec) in records.iter().enumerate() {
            let r = i as RowNum + 1;
            log.plain(r, C::Activity.index(), &rec.activity)?;
            log.date(r, C::Date.index(), rec.date, &self.f.date)?;
            if let Some(s) = rec.status {
                log.plain(r, C::Status.index(), s.label(lang))?;
            }
            if let Some(x) = rec.progress {
                log.exact(r, C::Progress.index(), x)?;
            }
            if let Some(x) = rec.committed {
                self.amount(&mut log, r, C::Committed.index(), x)?;
            }
            if let Some(x) = rec.spent {
                self.amount(&mut log, r, C::Spent.index(), x)?;
            }
            opt_text(&mut log, r, C::Source.index(), rec.source.as_deref())?;
            if !rec.indicators.is_empty() {
                let items: Vec<(String, Decimal)> = rec
                    .indicators
                    .iter()
                    .map(|iv| (iv.name.clone(), iv.value))
                    .collect();
                log.plain(r, C::Indicators.index(), &inline_table(&items))?;
            }
            opt_text(&mut log, r, C::Note.index(), rec.note.as_deref())?;
            opt_text(&mut log, r, C::Category.index(), rec.category.as_deref())?;
            if rec.correction {
                log.plain(r, C::Correction.index(), w::yes(lang))?;
            }
        }
        if !self.project.imports.is_empty() {
            // Hidden: the fingerprints of the workbooks already imported.
            let ws = wb.add_worksheet();
            ws.set_name(lay::IMPORTS)?;
            for (i, m) in self.project.imports.iter().enumerate() {
                ws.write_string(i as RowNum, 0, m)?;
            }
            ws.set_hidden(true);
        }
        let n_records = records.len() as RowNum;
        let status_words: Vec<&str> = Status::ALL.iter().map(|s| s.label(lang)).collect();
        list_validation(
            &mut log,
            C::Status.index(),
            n_records + SPARE_ROWS,
            &status_words,
            lang,
        )?;
        self.source_validation(&mut log, C::Source.index(), n_records + SPARE_ROWS)?;
        // The filter stops before the last column (Correction).
        log.ws.autofilter(0, 0, n_records, C::Category.index())?;
        log.min_width(C::Date.index(), 10);
        log.set_widths()?;
        Ok(log)
    }
}

/// Builds the plan workbook (not yet saved). `lang` chooses the sheet and
/// column names and the status words.
pub fn build(project: &Project, lang: Lang) -> Result<Workbook, XlsxError> {
    let p = &project.plan;
    let date_code = w::date_format(lang);
    let b = Book {
        project,
        plan: p,
        lang,
        f: Formats::new(p.currency.decimals, date_code),
    };
    // The small sheets stay in memory; the others are streamed.
    let mut wb = Workbook::new();
    let plan = b.plan_sheet()?;
    let sources = b.sources_sheet()?;
    let (axes, actions) = b.axes_and_actions()?;
    let acts = b.activities_sheet(&mut wb)?;
    let budget = b.budget_sheet(&mut wb)?;
    let inds = b.indicators_sheet(&mut wb)?;
    let log = b.progress_sheet(&mut wb)?;
    let created = project
        .records
        .iter()
        .map(|r| r.date)
        .filter(|d| *d != NaiveDate::MAX)
        .max()
        .or_else(|| NaiveDate::from_ymd_opt(p.year, 1, 1))
        .unwrap_or_default();
    wb.set_properties(&properties(
        &p.title,
        p.organization.as_deref(),
        w::work_plan(lang),
        created,
    ));
    for s in [plan, sources, axes, actions, acts, budget, inds, log] {
        wb.push_worksheet(s.ws);
    }
    Ok(wb)
}

/// The body of a TOML inline table: `"Campagnes réalisées" = 2, n = 1.5`.
pub fn inline_table(items: &[(String, Decimal)]) -> String {
    items
        .iter()
        .map(|(k, v)| {
            format!(
                "{} = {}",
                crate::log_text::key(k),
                crate::log_text::number(*v)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_values_as_an_inline_table_body() {
        let items = vec![
            ("Campagnes réalisées".to_string(), Decimal::from(2)),
            ("n".to_string(), Decimal::new(15, 1)),
        ];
        let body = inline_table(&items);
        assert_eq!(body, "\"Campagnes réalisées\" = 2, n = 1.5");
        let parsed: toml::Table = toml::from_str(&format!("x = {{ {body} }}")).unwrap();
        assert_eq!(parsed["x"]["Campagnes réalisées"].as_integer(), Some(2));
    }

    #[test]
    fn indicator_names_with_quotes_and_line_breaks_read_back() {
        for name in ["a\"b", "l'a", "l'a \"b\"", "a\nb", "a\\b", "'''", "\"\"\"x"] {
            let items = vec![(name.to_string(), Decimal::from(3))];
            let body = inline_table(&items);
            let back = crate::load::plan_workbook::inline_indicators(&body);
            assert_eq!(
                back,
                Some(vec![(name.to_string(), Decimal::from(3))]),
                "{name:?} written as {body}"
            );
        }
    }
}

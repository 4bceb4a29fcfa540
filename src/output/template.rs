//! The progress-collection workbook for focal points (SPEC §8): one row per
//! activity, or per activity × source when an activity has several; the
//! identifying columns locked, the input columns open with validation; an
//! instructions sheet; the sheet protected without a password. In French or
//! English (`--lang`, else the plan's language): sheet names, headers,
//! status words, validation messages and instructions.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
    XlsxError,
};

use crate::i18n::Lang;
use crate::i18n::workbook as w;
use crate::layout::Columns;
use crate::layout::template::{
    Col, ENTRY, INSTRUCTIONS, ISSUED_FIRST_ROW, ISSUED_MARK, ISSUED_ROW, META, META_KEYS, VERSION,
};
use crate::model::{Project, Status};

/// One row of the template.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub activity: String,
    pub title: String,
    pub responsible: String,
    /// Empty when the activity has no budget line.
    pub source: String,
    pub budget: Decimal,
    pub spent: Decimal,
}

/// Rows for the activities of a project, optionally one responsible's
/// (matched ignoring case and accents) or one quarter's.
pub fn rows(project: &Project, responsible: Option<&str>, quarter: Option<u8>) -> Vec<Row> {
    let wanted = responsible.map(crate::text::fold);
    let spent = crate::compute::spent_by_line(project);
    let mut out = Vec::new();
    for a in &project.plan.activities {
        let resp = a.responsible.clone().unwrap_or_default();
        // The responsible as written, or a word run of it ("CNLTP" finds
        // "Secrétariat permanent du CNLTP").
        if let Some(w) = &wanted {
            let r = crate::text::fold(&resp);
            if r != *w && !format!(" {r} ").contains(&format!(" {w} ")) {
                continue;
            }
        }
        if let Some(q) = quarter
            && !a.quarters.contains(&q)
        {
            continue;
        }
        let mut sources: Vec<&str> = Vec::new();
        for l in &a.budget {
            if !sources.contains(&l.source.as_str()) {
                sources.push(&l.source);
            }
        }
        let spent_from = |s: &str| -> Decimal {
            spent
                .get(&(a.id.clone(), s.to_string()))
                .copied()
                .unwrap_or_default()
        };
        if sources.is_empty() {
            out.push(Row {
                activity: a.id.clone(),
                title: a.title.clone(),
                responsible: resp.clone(),
                source: String::new(),
                budget: Decimal::ZERO,
                spent: Decimal::ZERO,
            });
        }
        for s in sources {
            out.push(Row {
                activity: a.id.clone(),
                title: a.title.clone(),
                responsible: resp.clone(),
                source: s.to_string(),
                budget: a
                    .budget
                    .iter()
                    .filter(|l| l.source == s)
                    .map(|l| l.total())
                    .sum(),
                spent: spent_from(s),
            });
        }
    }
    out
}

/// The instructions column: one A4 landscape page wide at 100 %.
const INSTRUCTIONS_WIDTH: f64 = 100.0;

fn col(c: Col) -> u16 {
    c.index()
}

/// Which activities the template lists (`--responsible`, `--quarter`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    pub responsible: Option<&'a str>,
    pub quarter: Option<u8>,
}

/// What the template is written from.
struct Template<'a> {
    project: &'a Project,
    plan_name: &'a str,
    rows: &'a [Row],
    filter: Filter<'a>,
    lang: Lang,
}

/// The template workbook as bytes, in `lang`.
pub fn write(
    project: &Project,
    plan_name: &str,
    rows: &[Row],
    filter: Filter<'_>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let t = Template {
        project,
        plan_name,
        rows,
        filter,
        lang,
    };
    let plan = &project.plan;
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(w::template_title(lang, &plan.title))
            .set_creation_datetime(&created),
    );
    t.entry_sheet(wb.add_worksheet())?;
    t.instructions_sheet(wb.add_worksheet())?;
    t.meta_sheet(wb.add_worksheet())?;
    wb.worksheet_from_index(0)?.set_active(true);
    wb.save_to_buffer()
}

impl Template<'_> {
    /// The sheet focal points fill in: identifying columns locked, input
    /// columns open with validation, printable on A4.
    fn entry_sheet(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let (plan, lang) = (&self.project.plan, self.lang);
        let decimals = plan.currency.decimals as usize;
        let money = if decimals == 0 {
            "#,##0".to_string()
        } else {
            format!("#,##0.{}", "0".repeat(decimals))
        };
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border(FormatBorder::Thin);
        let input_header = header.clone().set_background_color(Color::RGB(0xFFF2CC));
        let locked = Format::new().set_border(FormatBorder::Thin);
        let locked_wrap = locked.clone().set_text_wrap();
        let locked_money = locked.clone().set_num_format(&money);
        let open = Format::new()
            .set_unlocked()
            .set_border(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xFFFBEA));
        let open_date = open.clone().set_num_format("dd/mm/yyyy");
        let open_money = open.clone().set_num_format(&money);
        let open_int = open.clone().set_num_format("0");

        ws.set_name(ENTRY.text(lang))?;
        for &c in Col::ALL {
            let f = if c.input() { &input_header } else { &header };
            ws.write_string_with_format(0, col(c), c.name().text(lang), f)?;
            ws.set_column_width(col(c), c.width())?;
        }
        ws.set_row_height(0, 32)?;
        for (i, r) in self.rows.iter().enumerate() {
            let row = i as u32 + 1;
            // Long titles wrap in their column: the row is made tall enough.
            let title_width = Col::Title.width() as usize;
            let lines = crate::output::xlsx::wrapped_lines(&r.title, title_width);
            if lines > 1 {
                ws.set_row_height(row, 15.0 * lines as f64)?;
            }
            ws.write_string_with_format(row, col(Col::Code), &r.activity, &locked)?;
            ws.write_string_with_format(row, col(Col::Title), &r.title, &locked_wrap)?;
            ws.write_string_with_format(row, col(Col::Responsible), &r.responsible, &locked)?;
            ws.write_string_with_format(row, col(Col::Source), &r.source, &locked)?;
            let num = |d: Decimal| d.to_f64().unwrap_or(0.0);
            ws.write_number_with_format(row, col(Col::Budget), num(r.budget), &locked_money)?;
            ws.write_number_with_format(row, col(Col::SpentSoFar), num(r.spent), &locked_money)?;
            ws.write_blank(row, col(Col::Date), &open_date)?;
            ws.write_blank(row, col(Col::Status), &open)?;
            ws.write_blank(row, col(Col::Progress), &open_int)?;
            ws.write_blank(row, col(Col::Committed), &open_money)?;
            ws.write_blank(row, col(Col::Spent), &open_money)?;
            ws.write_blank(row, col(Col::Note), &open.clone().set_text_wrap())?;
        }
        if !self.rows.is_empty() {
            self.validations(ws)?;
        }
        ws.set_freeze_panes(1, col(Col::Source) + 1)?;
        // Printing: A4 landscape at a readable size, the header row and the
        // identifying columns (code, title) on every page.
        let points: f64 = Col::ALL
            .iter()
            .map(|c| crate::output::xlsx::column_points(c.width()))
            .sum();
        let header = crate::output::xlsx::page_header(
            &w::template_title(lang, &plan.title),
            &format!("{} — {}", self.plan_name, plan.year),
        );
        crate::output::xlsx::page_setup(ws, points, &header);
        ws.set_repeat_rows(0, 0)?;
        ws.set_repeat_columns(col(Col::Code), col(Col::Title))?;
        ws.protect_with_options(&ProtectionOptions {
            select_locked_cells: true,
            select_unlocked_cells: true,
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        });
        Ok(())
    }

    /// The validation of the input columns: a date near the plan year, a
    /// status from the list, a whole progress, non-negative amounts.
    fn validations(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        let (plan, lang) = (&self.project.plan, self.lang);
        let n = self.rows.len() as u32;
        let year = plan.year.clamp(1900, 9998) as u16;
        let from = ExcelDateTime::from_ymd(year.saturating_sub(1), 1, 1)?;
        let to = ExcelDateTime::from_ymd(year + 1, 12, 31)?;
        let dv_date = DataValidation::new()
            .allow_date(DataValidationRule::Between(from, to))
            .set_input_title(w::DATE.text(lang))?
            .set_input_message(w::date_input(lang))?
            .set_error_title(w::date_invalid(lang))?
            .set_error_message(w::date_between(lang, year - 1, year + 1))?;
        ws.add_data_validation(1, col(Col::Date), n, col(Col::Date), &dv_date)?;
        let words = status_words(lang);
        let dv_status = DataValidation::new()
            .allow_list_strings(&words)?
            .set_input_title(w::STATUS.text(lang))?
            .set_input_message(w::status_input(lang))?
            .set_error_title(w::status_invalid(lang))?
            .set_error_message(w::status_pick(lang, words.join(", ")))?;
        ws.add_data_validation(1, col(Col::Status), n, col(Col::Status), &dv_status)?;
        let dv_progress = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(0, 100))
            .set_input_title(w::PROGRESS.text(lang))?
            .set_input_message(w::progress_input(lang))?
            .set_error_title(w::progress_invalid(lang))?
            .set_error_message(w::progress_enter(lang))?;
        ws.add_data_validation(1, col(Col::Progress), n, col(Col::Progress), &dv_progress)?;
        let dv_money = DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
            .set_input_title(w::AMOUNT.text(lang))?
            .set_input_message(w::amount_input(lang))?
            .set_error_title(w::amount_invalid(lang))?
            .set_error_message(w::amount_enter(lang))?
            .set_error_style(DataValidationErrorStyle::Stop);
        ws.add_data_validation(1, col(Col::Committed), n, col(Col::Spent), &dv_money)?;
        Ok(())
    }

    /// The instructions sheet: how to fill the template and send it back.
    fn instructions_sheet(&self, ins: &mut Worksheet) -> Result<(), XlsxError> {
        let (plan, plan_name, lang) = (&self.project.plan, self.plan_name, self.lang);
        ins.set_name(INSTRUCTIONS.text(lang))?;
        ins.set_column_width(0, INSTRUCTIONS_WIDTH)?;
        let title = Format::new().set_bold().set_font_size(14);
        let wrap = Format::new().set_text_wrap();
        ins.write_string_with_format(0, 0, w::instructions_title(lang, &plan.title), &title)?;
        let filter = self.filter_text();
        let mut lines = vec![
            w::instructions_plan_file(lang, plan_name, plan.year),
            if filter.is_empty() {
                w::instructions_all_activities(lang).to_string()
            } else {
                w::instructions_some_activities(lang, &filter)
            },
            String::new(),
            w::instructions_how(lang, ENTRY.text(lang)),
            w::instructions_only_yellow(lang).to_string(),
            w::instructions_date(lang).to_string(),
            w::instructions_status(lang, status_words(lang).join(", ")),
            w::instructions_progress(lang, Status::Done.label(lang)),
            w::instructions_amounts(lang).to_string(),
            w::instructions_sources(lang).to_string(),
            w::instructions_empty_rows(lang).to_string(),
            String::new(),
            w::instructions_send_back(lang).to_string(),
            w::instructions_import(lang, plan_name),
            w::instructions_bad_cell(lang, ENTRY.text(lang)),
            w::instructions_once(lang).to_string(),
        ];
        if self.rows.is_empty() {
            lines.push(String::new());
            lines.push(w::instructions_no_activity(lang).to_string());
        }
        for (i, l) in lines.iter().enumerate() {
            let row = i as u32 + 2;
            let n = crate::output::xlsx::wrapped_lines(l, INSTRUCTIONS_WIDTH as usize);
            if n > 1 {
                ins.set_row_height(row, 15.0 * n as f64)?;
            }
            ins.write_string_with_format(row, 0, l, &wrap)?;
        }
        let header =
            crate::output::xlsx::page_header(&w::template_title(lang, &plan.title), plan_name);
        crate::output::xlsx::page_setup(
            ins,
            crate::output::xlsx::column_points(INSTRUCTIONS_WIDTH),
            &header,
        );
        ins.protect();
        Ok(())
    }

    /// The hidden sheet: the plan, the version, the rows as issued (import
    /// refuses a row that is not among them and any change to their locked
    /// cells, SPEC §8).
    fn meta_sheet(&self, meta: &mut Worksheet) -> Result<(), XlsxError> {
        meta.set_name(META)?;
        for (i, k) in META_KEYS.iter().enumerate() {
            meta.write_string(i as u32, 0, *k)?;
        }
        meta.write_string(0, 1, self.plan_name)?;
        meta.write_string(1, 1, &self.project.plan.title)?;
        meta.write_number(2, 1, self.project.plan.year as f64)?;
        meta.write_number(3, 1, VERSION)?;
        // The rows as issued (version 2): import refuses a row that is not
        // among them and any change to their locked cells (SPEC §8).
        meta.write_string(ISSUED_ROW, 0, ISSUED_MARK)?;
        meta.write_number(ISSUED_ROW, 1, self.rows.len() as f64)?;
        for (i, r) in self.rows.iter().enumerate() {
            let m = ISSUED_FIRST_ROW + i as u32;
            let num = |d: Decimal| d.to_f64().unwrap_or(0.0);
            meta.write_string(m, 0, &r.activity)?;
            meta.write_string(m, 1, &r.source)?;
            meta.write_string(m, 2, &r.title)?;
            meta.write_string(m, 3, &r.responsible)?;
            meta.write_number(m, 4, num(r.budget))?;
            meta.write_number(m, 5, num(r.spent))?;
        }
        meta.set_hidden(true);
        meta.protect();
        Ok(())
    }
}

impl Template<'_> {
    /// Which activities are listed, as the instructions say it (empty when
    /// all are).
    fn filter_text(&self) -> String {
        let lang = self.lang;
        let mut parts = Vec::new();
        if let Some(r) = self.filter.responsible {
            parts.push(w::filter_responsible(lang, r));
        }
        if let Some(q) = self.filter.quarter {
            parts.push(w::filter_quarter(lang, q));
        }
        parts.join(w::filter_and(lang))
    }
}

/// The status words of the dropdown, in `lang` (45 characters in French:
/// far below the 255 of a list validation).
fn status_words(lang: Lang) -> Vec<&'static str> {
    Status::ALL.iter().map(|s| s.label(lang)).collect()
}

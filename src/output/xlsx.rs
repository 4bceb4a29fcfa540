//! What the report and the plan workbook share: number conversion, safe text
//! cells, fitted column widths, formulas that carry their value, formats,
//! and saving a workbook atomically.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, RowNum,
    Workbook, Worksheet, XlsxError,
};

use crate::error::Error;
use crate::money;

/// Longest text a cell holds (Excel counts UTF-16 units).
const MAX_CELL_TEXT: usize = 32_767;
/// Widths are fitted on at most this many rows (the rest follow the same
/// columns); beyond, fitting costs time and changes nothing visible.
const FIT_ROWS: RowNum = 2_000;
/// Widest a fitted column gets, in characters: long titles wrap in the
/// viewer's formula bar rather than push every other column off screen.
const MAX_WIDTH: f64 = 60.0;

/// An exact decimal as the nearest binary number (the parse of its decimal
/// text is correctly rounded; `Decimal::to_f64` is not).
pub fn f64_of(d: Decimal) -> f64 {
    let n = d.normalize();
    match small_integer(n) {
        // Below 2^53 an integer is a double exactly: no text needed.
        Some(i) => i as f64,
        None => f64_of_text(n),
    }
}

fn f64_of_text(n: Decimal) -> f64 {
    n.to_string().parse::<f64>().unwrap_or(0.0)
}

/// A normalized decimal as an integer, when it is one of at most 15 digits
/// (most amounts): a double holds it exactly, and prints as the same digits.
fn small_integer(n: Decimal) -> Option<i64> {
    const LIMIT: i64 = 1_000_000_000_000_000;
    if n.scale() != 0 {
        return None;
    }
    i64::try_from(n.mantissa())
        .ok()
        .filter(|i| i.unsigned_abs() < LIMIT.unsigned_abs())
}

/// A percentage (67.07) as the fraction Excel's `0%` format shows (0.6707).
pub fn fraction(percent: Decimal) -> f64 {
    f64_of(
        percent
            .checked_div(Decimal::ONE_HUNDRED)
            .unwrap_or(Decimal::ZERO),
    )
}

/// Whether a decimal survives the trip through an Excel number (15
/// significant digits): when not, it is written as text.
pub fn fits_f64(d: Decimal) -> bool {
    let n = d.normalize();
    small_integer(n).is_some() || fits_f64_text(n)
}

fn fits_f64_text(n: Decimal) -> bool {
    let digits: String = n
        .abs()
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    if significant > 15 {
        return false;
    }
    // And reading the double back gives the same decimal. Its text is a
    // machine number ("1.125", never an exponent): read as one, not as an
    // amount someone typed ("1.125" there is 1 125).
    let back = f64_of_text(n).to_string();
    std::str::FromStr::from_str(&back).is_ok_and(|b: Decimal| b.normalize() == n)
}

/// Text cut to what a cell holds.
fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_TEXT {
        // UTF-16 length ≤ UTF-8 length.
        return s.into();
    }
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_TEXT - 1 {
            break;
        }
        end = i + c.len_utf8();
    }
    let mut t = s[..end].to_string();
    t.push('…');
    t.into()
}

/// The cached value of a formula: a number, or the text shown when a rate
/// has no denominator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cached {
    Num(f64),
    Text(&'static str),
}

/// The text of an undefined rate.
pub const NO_RATE: &str = "—";

impl Cached {
    pub fn rate(percent: Option<Decimal>) -> Cached {
        match percent {
            Some(p) => Cached::Num(fraction(p)),
            None => Cached::Text(NO_RATE),
        }
    }

    pub fn amount(d: Decimal) -> Cached {
        Cached::Num(f64_of(d))
    }

    fn result(self) -> String {
        match self {
            // Rust prints the shortest text that reads back to the same
            // double, never in exponent form.
            Cached::Num(x) => format!("{x}"),
            Cached::Text(t) => t.to_string(),
        }
    }
}

/// Column letters of a 0-based column: 0 → "A", 27 → "AB".
pub fn col_name(col: ColNum) -> String {
    let mut out = String::with_capacity(3);
    push_col_name(&mut out, col);
    out
}

/// Appends the column letters of a 0-based column (bijective base 26).
fn push_col_name(out: &mut String, col: ColNum) {
    // A u16 column needs at most 4 letters ("CRXP" for 65 535).
    let mut letters = [0u8; 4];
    let mut at = letters.len();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        at -= 1;
        letters[at] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    for &b in &letters[at..] {
        out.push(char::from(b));
    }
}

/// Appends the 1-based row number of a 0-based row.
fn push_row_number(out: &mut String, row: RowNum) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut n = u64::from(row) + 1;
    while n > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &b in &digits[at..] {
        out.push(char::from(b));
    }
}

/// "B7" for 0-based row and column. Built in one string: formulas name
/// millions of cells in a national report.
pub fn cell(row: RowNum, col: ColNum) -> String {
    let mut out = String::with_capacity(12);
    push_col_name(&mut out, col);
    push_row_number(&mut out, row);
    out
}

/// "$B$7".
pub fn abs_cell(row: RowNum, col: ColNum) -> String {
    let mut out = String::with_capacity(14);
    out.push('$');
    push_col_name(&mut out, col);
    out.push('$');
    push_row_number(&mut out, row);
    out
}

/// A sheet name as a formula writes it: always quoted.
pub fn sheet_ref(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// A worksheet that remembers how wide each column's content is.
pub struct Sheet {
    pub ws: Worksheet,
    pub name: String,
    widths: Vec<usize>,
    /// Columns whose width is capped (their text wraps).
    caps: Vec<(ColNum, usize)>,
    /// Rows go to a temporary file as they are written ("constant memory"):
    /// a write to an earlier row would be dropped by rust_xlsxwriter, so it
    /// is refused here instead.
    streamed: bool,
    /// The last row written.
    row: RowNum,
}

impl Sheet {
    pub fn new(name: &str) -> Result<Sheet, XlsxError> {
        Sheet::named(Worksheet::new(), name, false)
    }

    /// A sheet whose rows are written to a temporary file as they come
    /// (rust_xlsxwriter's low-memory mode, strings still shared), for the
    /// sheets with a row per activity. Every write must go in row order:
    /// a write to an earlier row is an error, never a silently lost cell.
    pub fn streamed(workbook: &mut Workbook, name: &str) -> Result<Sheet, XlsxError> {
        Sheet::named(workbook.new_worksheet_with_low_memory()?, name, true)
    }

    fn named(mut ws: Worksheet, name: &str, streamed: bool) -> Result<Sheet, XlsxError> {
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            name: name.to_string(),
            widths: Vec::new(),
            caps: Vec::new(),
            streamed,
            row: 0,
        })
    }

    /// Refuses a write that a streamed sheet would drop.
    fn at(&mut self, row: RowNum) -> Result<(), XlsxError> {
        if self.streamed && row < self.row {
            return Err(XlsxError::ParameterError(format!(
                "internal error: sheet {}: row {} written after row {}",
                self.name,
                row + 1,
                self.row + 1
            )));
        }
        self.row = self.row.max(row);
        Ok(())
    }

    fn fit(&mut self, row: RowNum, col: ColNum, chars: usize) {
        self.fit_with(row, col, || chars);
    }

    /// Counts a cell for its column's width; the width is only worked out
    /// on the rows that are fitted.
    fn fit_with(&mut self, row: RowNum, col: ColNum, chars: impl FnOnce() -> usize) {
        if row > FIT_ROWS {
            return;
        }
        let chars = chars();
        let c = col as usize;
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(chars);
    }

    /// User or fixed text, always as a string (never a formula, whatever
    /// it starts with). Counts for the column width.
    pub fn text(&mut self, row: RowNum, col: ColNum, s: &str, f: &Format) -> Result<(), XlsxError> {
        self.string(row, col, s, Some(f))
    }

    /// Text in the default format: the same cell as [`Sheet::text`] with
    /// `Format::new()`, without the format look-up (a hash of the whole
    /// format) that rust_xlsxwriter makes for every formatted cell.
    pub fn plain(&mut self, row: RowNum, col: ColNum, s: &str) -> Result<(), XlsxError> {
        self.string(row, col, s, None)
    }

    fn string(
        &mut self,
        row: RowNum,
        col: ColNum,
        s: &str,
        f: Option<&Format>,
    ) -> Result<(), XlsxError> {
        self.at(row)?;
        let t = cell_text(s);
        // The widest line of a multi-line text.
        self.fit_with(row, col, || {
            t.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        });
        match f {
            Some(f) => self.ws.write_string_with_format(row, col, t.as_ref(), f)?,
            // An empty text with a format is a blank cell; without one,
            // rust_xlsxwriter writes nothing: keep the blank cell.
            None if t.is_empty() => self.ws.write_blank(row, col, &Format::new())?,
            None => self.ws.write_string(row, col, t.as_ref())?,
        };
        Ok(())
    }

    /// Text that may overflow into the empty cells on its right (titles):
    /// does not widen its column.
    pub fn banner(
        &mut self,
        row: RowNum,
        col: ColNum,
        s: &str,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.at(row)?;
        self.ws
            .write_string_with_format(row, col, cell_text(s).as_ref(), f)?;
        Ok(())
    }

    /// A number; `shown` is how many characters its display takes.
    pub fn number(
        &mut self,
        row: RowNum,
        col: ColNum,
        x: f64,
        shown: usize,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.at(row)?;
        self.fit(row, col, shown);
        self.ws.write_number_with_format(row, col, x, f)?;
        Ok(())
    }

    /// An amount with the currency's decimals, as a number; when it cannot
    /// be a number exactly (more than 15 digits), as its exact text.
    pub fn amount(
        &mut self,
        row: RowNum,
        col: ColNum,
        d: Decimal,
        decimals: u32,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.decimal(row, col, d, decimals, Some(f))
    }

    /// A decimal exactly as it is (as many decimals as it has), in the
    /// default format: see [`Sheet::amount`] and [`Sheet::plain`].
    pub fn exact(&mut self, row: RowNum, col: ColNum, d: Decimal) -> Result<(), XlsxError> {
        self.decimal(row, col, d, d.normalize().scale(), None)
    }

    fn decimal(
        &mut self,
        row: RowNum,
        col: ColNum,
        d: Decimal,
        decimals: u32,
        f: Option<&Format>,
    ) -> Result<(), XlsxError> {
        self.at(row)?;
        self.fit_with(row, col, || amount_width(d, decimals));
        match (fits_f64(d), f) {
            (true, Some(f)) => self.ws.write_number_with_format(row, col, f64_of(d), f)?,
            (true, None) => self.ws.write_number(row, col, f64_of(d))?,
            (false, Some(f)) => self
                .ws
                .write_string_with_format(row, col, money::raw(d), f)?,
            (false, None) => self.ws.write_string(row, col, money::raw(d))?,
        };
        Ok(())
    }

    /// A formula with its computed value, so that viewers that do not
    /// recalculate show the right figure.
    pub fn formula(
        &mut self,
        row: RowNum,
        col: ColNum,
        formula: &str,
        value: Cached,
        shown: usize,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.formula_fitted(row, col, formula, value, || shown, f)
    }

    /// A formula whose value is the amount `d`: [`Sheet::formula`] with
    /// [`Cached::amount`], the amount's width (shown with `decimals`) only
    /// worked out on the rows that are fitted (formatting an amount for
    /// every cell of 50 000 rows was a large part of a report's time).
    pub fn amount_formula(
        &mut self,
        row: RowNum,
        col: ColNum,
        formula: &str,
        d: Decimal,
        decimals: u32,
        f: &Format,
    ) -> Result<(), XlsxError> {
        let shown = || amount_width(d, decimals);
        self.formula_fitted(row, col, formula, Cached::amount(d), shown, f)
    }

    fn formula_fitted(
        &mut self,
        row: RowNum,
        col: ColNum,
        formula: &str,
        value: Cached,
        shown: impl FnOnce() -> usize,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.at(row)?;
        self.fit_with(row, col, shown);
        self.ws.write_formula_with_format(
            row,
            col,
            Formula::new(formula).set_result(value.result()),
            f,
        )?;
        Ok(())
    }

    pub fn date(
        &mut self,
        row: RowNum,
        col: ColNum,
        d: NaiveDate,
        f: &Format,
    ) -> Result<(), XlsxError> {
        match excel_date(d) {
            Some(x) => {
                self.at(row)?;
                self.fit(row, col, 10);
                self.ws.write_date_with_format(row, col, &x, f)?;
            }
            None => {
                let t = d.format("%Y-%m-%d").to_string();
                self.text(row, col, &t, f)?;
            }
        }
        Ok(())
    }

    /// Printing (SPEC §6): A4 landscape, fit to the page width (never to
    /// one page), at 60 % at least, the header rows repeated, the page
    /// header `header` (see [`page_header`]), page numbers in the footer.
    pub fn print_setup(
        &mut self,
        header_row: Option<RowNum>,
        header: &str,
    ) -> Result<(), XlsxError> {
        let points: f64 = self.column_widths().iter().map(|&w| column_points(w)).sum();
        page_setup(&mut self.ws, points, header);
        if let Some(r) = header_row {
            self.ws.set_repeat_rows(r, r)?;
        }
        Ok(())
    }

    /// Sets a row's height to hold `texts` (text, width of its column in
    /// characters) wrapped: 15 points a line. Call before writing the row.
    pub fn fit_row(&mut self, row: RowNum, texts: &[(&str, usize)]) -> Result<(), XlsxError> {
        let lines = texts
            .iter()
            .map(|(t, w)| wrapped_lines(t, *w))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            self.ws.set_row_height(row, 15.0 * lines as f64)?;
        }
        Ok(())
    }

    /// Makes a column at least this wide (in characters).
    pub fn min_width(&mut self, col: ColNum, chars: usize) {
        self.fit(0, col, chars);
    }

    /// Caps a column's width (in characters): its longer texts wrap.
    pub fn max_width(&mut self, col: ColNum, chars: usize) {
        self.caps.push((col, chars));
    }

    /// Every column's width in characters, as [`Sheet::set_widths`] sets them.
    fn column_widths(&self) -> Vec<f64> {
        self.widths
            .iter()
            .enumerate()
            .map(|(c, &w)| {
                let cap = self
                    .caps
                    .iter()
                    .filter(|(col, _)| *col as usize == c)
                    .map(|(_, w)| *w as f64)
                    .fold(MAX_WIDTH, f64::min);
                ((w + 2) as f64).clamp(6.0, cap.max(6.0))
            })
            .collect()
    }

    /// Sets every column to its content's width, within limits.
    pub fn set_widths(&mut self) -> Result<(), XlsxError> {
        for (c, width) in self.column_widths().into_iter().enumerate() {
            self.ws.set_column_width(c as ColNum, width)?;
        }
        Ok(())
    }
}

/// Red for the rates above 100 % in `col` over `first..=last` (spending
/// above the budget): a rule on the cells' values, so it follows edits.
pub fn flag_overspending(
    ws: &mut Worksheet,
    first: RowNum,
    last: RowNum,
    col: ColNum,
) -> Result<(), XlsxError> {
    if last < first {
        return Ok(());
    }
    let red = Format::new()
        .set_background_color(0xFFC7CE)
        .set_font_color(0x9C0006)
        .set_bold();
    let rule = rust_xlsxwriter::ConditionalFormatFormula::new()
        .set_rule(format!("=AND(ISNUMBER({0}),{0}>1)", cell(first, col)).as_str())
        .set_format(red);
    ws.add_conditional_format(first, col, last, col, &rule)?;
    Ok(())
}

/// Lines a text takes wrapped in a column `width` characters wide (a
/// little less than the width: words do not break).
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    let per_line = width.saturating_sub(4).max(4);
    text.lines()
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

/// Printable width of an A4 landscape page at 100 %, in points: 297 mm less
/// the default margins of 0.7 in each side.
pub const A4_LANDSCAPE_POINTS: f64 = 841.9 - 2.0 * 50.4;
/// Smallest print scale: below, text is too small to read.
pub const MIN_PRINT_SCALE: u16 = 60;

/// Points a column of `chars` characters takes on paper at 100 %.
pub fn column_points(chars: f64) -> f64 {
    (chars * 7.0 + 5.0).trunc() * 0.75
}

/// A4 landscape; one page wide when that keeps 60 % at least, else printed
/// at 60 % over several pages across; page header and numbered footer.
pub fn page_setup(ws: &mut Worksheet, points: f64, header: &str) {
    ws.set_paper_size(9).set_landscape();
    if points * f64::from(MIN_PRINT_SCALE) / 100.0 <= A4_LANDSCAPE_POINTS {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_print_scale(MIN_PRINT_SCALE);
    }
    ws.set_header(header);
    ws.set_footer("&L&A&RPage &P / &N");
}

/// The page header: the plan's title on the left, `right` (the as-of
/// date) on the right; `&` doubled, the title cut to fit Excel's 255
/// characters.
pub fn page_header(title: &str, right: &str) -> String {
    let esc = |t: &str| t.replace('&', "&&");
    let mut t: String = title.chars().take(150).collect();
    if t.chars().count() < title.chars().count() {
        t.push('…');
    }
    let r: String = right.chars().take(60).collect();
    format!("&L{}&R{}", esc(&t), esc(&r))
}

/// Characters an amount takes once displayed with separators.
pub fn amount_width(d: Decimal, decimals: u32) -> usize {
    let cur = money::Currency {
        code: String::new(),
        decimals,
    };
    money::format_amount(d, &cur, crate::i18n::Lang::En).len()
}

/// An Excel date, when the date is in Excel's range (1900–9999).
pub fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let y = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok()
}

/// `#,##0` or `#,##0.00` by the currency's decimals (never `# ##0`: that is
/// not a thousands separator; French viewers show `#,##0` with spaces).
pub fn amount_format_code(decimals: u32) -> String {
    if decimals == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(decimals.min(10) as usize))
    }
}

/// The formats used across sheets.
pub struct Formats {
    pub header: Format,
    pub text: Format,
    pub bold: Format,
    pub title: Format,
    pub italic: Format,
    pub amount: Format,
    pub amount_bold: Format,
    pub rate: Format,
    pub rate_bold: Format,
    pub count: Format,
    pub count_bold: Format,
    pub date: Format,
    pub general: Format,
    /// Header cells whose text wraps (long column titles).
    pub header_wrap: Format,
    /// Text that wraps within its column (long titles).
    pub wrap: Format,
}

impl Formats {
    pub fn new(decimals: u32, date_code: &str) -> Formats {
        let amount = amount_format_code(decimals);
        let header = Format::new()
            .set_bold()
            .set_background_color(0xD9E1F2)
            .set_border_bottom(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let rate = Format::new()
            .set_num_format("0%")
            .set_align(FormatAlign::Right);
        Formats {
            text: Format::new(),
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            italic: Format::new().set_italic(),
            amount: Format::new().set_num_format(&amount),
            amount_bold: Format::new().set_num_format(&amount).set_bold(),
            rate_bold: rate.clone().set_bold(),
            rate,
            count: Format::new().set_num_format("#,##0"),
            count_bold: Format::new().set_num_format("#,##0").set_bold(),
            date: Format::new()
                .set_num_format(date_code)
                .set_align(FormatAlign::Left),
            general: Format::new().set_align(FormatAlign::Right),
            header_wrap: header.clone().set_text_wrap(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            header,
        }
    }
}

/// A number format showing exactly the decimals a value has: `#,##0` or
/// `#,##0.0##`-like, so that 2.5 does not show as 3.
pub fn value_format_code(d: Decimal) -> String {
    let scale = d.normalize().scale().min(10);
    if scale == 0 {
        "#,##0".to_string()
    } else {
        format!("#,##0.{}", "0".repeat(scale as usize))
    }
}

/// Document properties with a creation date that depends on the input only,
/// so that the same plan gives the same bytes.
pub fn properties(
    title: &str,
    organization: Option<&str>,
    subject: &str,
    date: NaiveDate,
) -> DocProperties {
    let mut p = DocProperties::new()
        .set_title(title)
        .set_subject(subject)
        .set_author("ptba")
        .set_comment("ptba");
    if let Some(o) = organization {
        p = p.set_company(o);
    }
    let created = excel_date(date).or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok());
    if let Some(c) = created {
        p = p.set_creation_datetime(&c);
    }
    p
}

/// Serialises the workbook and replaces `path` atomically: a failure leaves
/// any existing file as it was.
pub fn save(workbook: &mut Workbook, path: &Path, lang: crate::i18n::Lang) -> Result<(), Error> {
    // Level 3 instead of 6: a national report (50 000 activities) saves a
    // second faster for a file 16 % larger.
    workbook.set_zip_compression_level(3);
    // Written straight into the temporary file: the zip is never held in
    // memory whole.
    crate::fsutil::write_with(path, lang, |file| {
        let mut out = std::io::BufWriter::new(file);
        workbook
            .save_to_writer(&mut out)
            .map_err(|e| std::io::Error::other(xlsx_message(e, lang)))?;
        out.flush()
    })
}

/// A workbook that could not be built is an output error (exit 2).
pub fn xlsx_error(path: &Path, e: XlsxError, lang: crate::i18n::Lang) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(xlsx_message(e, lang)),
    }
}

/// What went wrong writing a workbook, said so that it can be fixed: the
/// large sheets go through temporary files, in the folder `TMPDIR` names.
fn xlsx_message(e: XlsxError, lang: crate::i18n::Lang) -> String {
    match e {
        XlsxError::TempFileError(dir, err) => crate::i18n::report::temp_files_unwritable(
            lang,
            &dir.display().to_string(),
            &err.to_string(),
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// Cell names as rust_xlsxwriter writes them, for every column and
    /// rows at the edges of the digits.
    #[test]
    fn cell_names_are_rust_xlsxwriters() {
        use rust_xlsxwriter::utility::{column_number_to_name, row_col_to_cell};
        for col in 0..u16::MAX {
            assert_eq!(col_name(col), column_number_to_name(col), "{col}");
        }
        for row in [0, 8, 9, 98, 99, 999_999, 1_048_575, u32::MAX - 1] {
            for col in [0, 25, 26, 701, 702, 16_383] {
                let expected = format!("{}{}", column_number_to_name(col), u64::from(row) + 1);
                assert_eq!(cell(row, col), expected);
                assert_eq!(
                    abs_cell(row, col),
                    format!("${}${}", column_number_to_name(col), u64::from(row) + 1)
                );
                if row < 1_048_576 {
                    assert_eq!(cell(row, col), row_col_to_cell(row, col));
                }
            }
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_and_fractions() {
        assert_eq!(f64_of(d("1250.50")), 1250.5);
        assert_eq!(
            fraction(d("67.0731707317073170731707317")),
            "0.670731707317073170731707317".parse::<f64>().unwrap()
        );
        assert_eq!(Cached::Num(0.1).result(), "0.1");
        assert_eq!(Cached::Num(1e21).result(), "1000000000000000000000");
        assert_eq!(Cached::Text(NO_RATE).result(), "—");
    }

    #[test]
    fn which_decimals_fit_a_double() {
        assert!(fits_f64(d("1250000000")));
        assert!(fits_f64(d("1250.55")));
        assert!(fits_f64(d("0.1")));
        assert!(fits_f64(d("999999999999999")));
        assert!(!fits_f64(d("1000000000000000001")));
        assert!(!fits_f64(d("12345678901234.567")));
        // Three decimals after one to three digits: a double all the same
        // (not the thousands grouping of a typed amount).
        for x in ["1.125", "12.345", "-2.125", "999.999", "0.125"] {
            assert!(fits_f64(d(x)), "{x}");
        }
    }

    #[test]
    fn integers_skip_the_text_round_trip_with_the_same_result() {
        let mut cases: Vec<Decimal> = [
            "0",
            "-0",
            "0.000",
            "1",
            "-1",
            "1000",
            "1E3",
            "12500000.00",
            "999999999999999",
            "-999999999999999",
            "1000000000000000",
            "9007199254740992",
            "9007199254740993",
            "79228162514264337593543950335",
            "0.5",
            "-1250.50",
        ]
        .iter()
        .map(|s| Decimal::from_scientific(s).unwrap_or_else(|_| d(s)))
        .collect();
        // A spread of integers and scales, deterministic.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 19) as u32;
            let m = (x >> 5) as i64 % 10i64.pow(digits.max(1));
            let m = if x & 1 == 0 { m } else { -m };
            cases.push(Decimal::new(m, ((x >> 40) % 4) as u32));
        }
        for c in cases {
            let n = c.normalize();
            assert_eq!(fits_f64(c), fits_f64_text(n), "{c}");
            let (fast, text) = (f64_of(c), f64_of_text(n));
            assert_eq!(fast.to_bits(), text.to_bits(), "{c}: {fast} vs {text}");
        }
    }

    #[test]
    fn long_text_is_cut_to_a_cell() {
        let long = "é".repeat(40_000);
        let t = cell_text(&long);
        assert_eq!(t.encode_utf16().count(), MAX_CELL_TEXT);
        assert!(t.ends_with('…'));
        assert_eq!(cell_text("court"), "court");
    }

    #[test]
    fn streamed_sheet_refuses_a_write_to_an_earlier_row() {
        let mut wb = Workbook::new();
        let mut s = Sheet::streamed(&mut wb, "S").unwrap();
        let f = Format::new();
        s.text(0, 0, "a", &f).unwrap();
        s.number(2, 1, 1.0, 1, &f).unwrap();
        s.text(2, 0, "same row, earlier column", &f).unwrap();
        assert!(s.text(1, 0, "dropped by constant memory", &f).is_err());
        assert!(s.number(0, 3, 1.0, 1, &f).is_err());
        // An in-memory sheet takes any order.
        let mut m = Sheet::new("M").unwrap();
        m.text(2, 0, "b", &f).unwrap();
        m.text(0, 0, "a", &f).unwrap();
    }

    #[test]
    fn references() {
        assert_eq!(cell(0, 0), "A1");
        assert_eq!(abs_cell(6, 27), "$AB$7");
        assert_eq!(sheet_ref("Activités"), "'Activités'");
        assert_eq!(sheet_ref("l'axe"), "'l''axe'");
        assert_eq!(amount_format_code(0), "#,##0");
        assert_eq!(amount_format_code(2), "#,##0.00");
        assert_eq!(value_format_code(d("2.50")), "#,##0.0");
    }
}

//! A workbook as plain grids of values: the guard first, then calamine
//! (inside `catch_unwind`, so that a bug in a parser is an error, not a
//! crash), then every sheet converted to [`Value`]s with its merged regions.

use crate::i18n;
use std::cell::Cell as StdCell;
use std::io::BufReader;
use std::path::Path;
use std::str::FromStr;

use calamine::{Data, DataRef, Reader};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::guard::{self, GuardError, Kind, Limits};
use crate::i18n::Lang;

/// One cell's value, as the workbook holds it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Empty,
    Text(String),
    /// A number; `None` when it does not fit an exact decimal.
    Number(Option<Decimal>),
    Date(NaiveDate),
    Bool(bool),
    /// `#DIV/0!`, `#REF!`…
    Error(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of a cell as a person reads it (numbers without grouping).
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(Some(d)) => crate::money::raw(*d),
            Value::Number(None) => "?".into(),
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
            Value::Bool(b) => if *b { "VRAI" } else { "FAUX" }.into(),
            Value::Error(e) => e.clone(),
        }
    }
}

/// A sheet: values from `origin` (0-based row, col), row by row.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    /// Position in the workbook (what a `Loc::Cell` names it by).
    pub index: u16,
    pub origin: (u32, u32),
    pub rows: Vec<Vec<Value>>,
    /// Merged regions, 0-based and inclusive: (row0, col0, row1, col1).
    pub merges: Vec<(u32, u32, u32, u32)>,
    /// Hidden rows and columns (0-based, sorted), where the format says so.
    pub hidden_rows: Vec<u32>,
    pub hidden_cols: Vec<u32>,
    /// Cells with a background fill (0-based row, col), sorted.
    pub shaded: Vec<(u32, u32)>,
    /// The sheet is hidden in the workbook.
    pub hidden: bool,
}

static EMPTY: Value = Value::Empty;

impl Sheet {
    pub fn get(&self, row: u32, col: u32) -> &Value {
        let (r0, c0) = self.origin;
        if row < r0 || col < c0 {
            return &EMPTY;
        }
        self.rows
            .get((row - r0) as usize)
            .and_then(|r| r.get((col - c0) as usize))
            .unwrap_or(&EMPTY)
    }

    /// One past the last row holding anything.
    pub fn end_row(&self) -> u32 {
        self.origin.0 + self.rows.len() as u32
    }

    pub fn row_hidden(&self, row: u32) -> bool {
        self.hidden_rows.binary_search(&row).is_ok()
    }

    pub fn col_hidden(&self, col: u32) -> bool {
        self.hidden_cols.binary_search(&col).is_ok()
    }

    pub fn is_shaded(&self, row: u32, col: u32) -> bool {
        self.shaded.binary_search(&(row, col)).is_ok()
    }

    pub fn end_col(&self) -> u32 {
        self.origin.1 + self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }

    /// Copies the value of each merged region's first cell into the other
    /// cells of the region, within the cells the sheet has (a region is
    /// never grown past the grid). Overlapping regions (invalid, but a file
    /// may say so) cannot make this slow: the cells written are counted
    /// and stop at twice the grid.
    pub fn fill_merges(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        self.merges.truncate(MAX_MERGES);
        let (r0, c0) = self.origin;
        let width = self.end_col().saturating_sub(c0) as usize;
        let last_row = self.end_row() - 1;
        let last_col = c0 + width.saturating_sub(1) as u32;
        let mut budget = (self.rows.len() as u64 * width as u64).saturating_mul(2);
        let merges = std::mem::take(&mut self.merges);
        for &(mr0, mc0, mr1, mc1) in &merges {
            let top = self.get(mr0, mc0).clone();
            if top.is_empty() {
                continue;
            }
            let (ra, rb) = (mr0.max(r0), mr1.min(last_row));
            let (ca, cb) = (mc0.max(c0), mc1.min(last_col));
            if ra > rb || ca > cb {
                continue;
            }
            for r in ra..=rb {
                let row = &mut self.rows[(r - r0) as usize];
                for c in ca..=cb {
                    if budget == 0 {
                        self.merges = merges;
                        return;
                    }
                    budget -= 1;
                    let i = (c - c0) as usize;
                    if row.len() <= i {
                        row.resize(i + 1, Value::Empty);
                    }
                    if row[i].is_empty() {
                        row[i] = top.clone();
                    }
                }
            }
        }
        self.merges = merges;
    }
}

/// Merged regions kept per sheet: real plans have a few hundred.
const MAX_MERGES: usize = 20_000;

#[derive(Debug, Clone, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

impl Book {
    /// The sheet names in order, for [`crate::diagnostic::Files::set_sheets`].
    pub fn names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// A sheet by name, matched ignoring case, accents and spacing.
    pub fn sheet(&self, names: &[&str]) -> Option<&Sheet> {
        self.sheets.iter().find(|s| {
            let f = crate::text::fold(&s.name);
            names.iter().any(|n| crate::text::fold(n) == f)
        })
    }
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookError {
    /// Over a limit (diagnostic, exit 1): message and the flag raising it.
    TooLarge { message: String, flag: &'static str },
    /// Unreadable (exit 2).
    Unreadable(String),
}

thread_local! {
    static QUIET: StdCell<bool> = const { StdCell::new(false) };
}

/// Runs `f`, turning a panic into `None` without printing it.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(StdCell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(false));
    r
}

/// Opens a workbook (xlsx, xls or ods, found from its bytes) after the guard.
pub fn open(path: &Path, limits: &Limits, lang: Lang) -> Result<Book, BookError> {
    let report = guard::inspect(path, limits, lang).map_err(|e| match e {
        GuardError::TooLarge { message, flag } => BookError::TooLarge { message, flag },
        GuardError::Corrupt(m) | GuardError::Io(m) => BookError::Unreadable(m),
    })?;
    let kind = report.kind.unwrap_or(Kind::Xlsx);
    let result = quietly(|| read(path, kind, &report));
    match result {
        Some(Ok(book)) => Ok(book),
        Some(Err(m)) => Err(BookError::Unreadable(i18n::load::workbook_unreadable(
            lang, m,
        ))),
        None => Err(BookError::Unreadable(
            i18n::load::workbook_invalid_structure(lang).to_string(),
        )),
    }
}

fn read(path: &Path, kind: Kind, report: &guard::Report) -> Result<Book, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let rs = BufReader::new(file);
    let mut book = Book::default();
    let hidden_of = |meta: &[calamine::Sheet]| -> std::collections::HashSet<String> {
        meta.iter()
            .filter(|s| s.visible != calamine::SheetVisible::Visible)
            .map(|s| s.name.clone())
            .collect()
    };
    let hidden;
    match kind {
        Kind::Xlsx => {
            let wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(rs)
                .map_err(|e: calamine::XlsxError| e.to_string())?;
            hidden = hidden_of(wb.sheets_metadata());
            book.sheets = xlsx_sheets(path, wb, &report.sheet_sizes)?;
        }
        Kind::Xls => {
            let mut wb: calamine::Xls<_> = calamine::open_workbook_from_rs(rs)
                .map_err(|e: calamine::XlsError| e.to_string())?;
            hidden = hidden_of(wb.sheets_metadata());
            let is_1904 = wb.has_1904_epoch();
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
                let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                book.sheets
                    .push(sheet(name, &range, &merges, |d| value(d, is_1904)));
            }
        }
        Kind::Ods => {
            let mut wb: calamine::Ods<_> = calamine::open_workbook_from_rs(rs)
                .map_err(|e: calamine::OdsError| e.to_string())?;
            hidden = hidden_of(wb.sheets_metadata());
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| e.to_string())?;
                let mut s = sheet(name, &range, &[], |d| value(d, false));
                s.merges = report.merges.get(&s.name).cloned().unwrap_or_default();
                book.sheets.push(s);
            }
        }
    }
    // A cell's location names its sheet by a 16-bit index.
    if book.sheets.len() > usize::from(u16::MAX) {
        return Err(format!(
            "{} sheets (at most {})",
            book.sheets.len(),
            u16::MAX
        ));
    }
    // Hidden rows and columns, shaded cells (calamine does not say them).
    let looks = match kind {
        Kind::Xlsx => super::visual::xlsx(path),
        Kind::Ods => super::visual::ods(path),
        Kind::Xls => super::visual::xls(path),
    };
    for (i, s) in book.sheets.iter_mut().enumerate() {
        s.index = u16::try_from(i).unwrap_or(u16::MAX);
        s.hidden = hidden.contains(&s.name);
        if let Some(l) = looks.get(&s.name) {
            l.attach(s);
        }
        s.fill_merges();
    }
    Ok(book)
}

type XlsxFile = calamine::Xlsx<BufReader<std::fs::File>>;

/// Sheets of at least this many bytes (declared, uncompressed) in all are
/// read on two threads.
const PARALLEL_SHEET_BYTES: u64 = 4 * 1024 * 1024;

/// The worksheets of an xlsx, in order (chart sheets skipped). A large
/// workbook is read on two threads, each with its own reader of the file,
/// the largest sheets first, each to the less loaded thread.
fn xlsx_sheets(path: &Path, first: XlsxFile, sizes: &[u64]) -> Result<Vec<Sheet>, String> {
    xlsx_sheets_above(path, first, sizes, PARALLEL_SHEET_BYTES)
}

/// [`xlsx_sheets`], on two threads from `threshold` bytes of sheets.
fn xlsx_sheets_above(
    path: &Path,
    first: XlsxFile,
    sizes: &[u64],
    threshold: u64,
) -> Result<Vec<Sheet>, String> {
    let names = first.sheet_names();
    let size = |i: usize| sizes.get(i).copied().unwrap_or(0);
    let total: u64 = (0..names.len()).map(size).sum();
    if names.len() < 2 || total < threshold {
        let all: Vec<usize> = (0..names.len()).collect();
        return Ok(read_xlsx_sheets(first, &names, &all)?
            .into_iter()
            .map(|(_, s)| s)
            .collect());
    }
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(size(i)));
    let mut work: [(u64, Vec<usize>); 2] = [(0, Vec::new()), (0, Vec::new())];
    for i in order {
        let w = usize::from(work[1].0 < work[0].0);
        work[w].0 += size(i);
        work[w].1.push(i);
    }
    let (a, b) = std::thread::scope(|s| {
        let second = s.spawn(|| {
            // A panic in the reader stays quiet here and is raised again on
            // the calling thread, where `open` turns it into a diagnostic.
            quietly(|| {
                let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
                let wb: XlsxFile = calamine::open_workbook_from_rs(BufReader::new(file))
                    .map_err(|e: calamine::XlsxError| e.to_string())?;
                read_xlsx_sheets(wb, &names, &work[1].1)
            })
        });
        (read_xlsx_sheets(first, &names, &work[0].1), second.join())
    });
    let b = match b {
        Ok(Some(r)) => r,
        _ => std::panic::resume_unwind(Box::new("calamine")),
    };
    let mut all: Vec<(usize, Sheet)> = a?.into_iter().chain(b?).collect();
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, s)| s).collect())
}

/// The sheets `which` (indexes into `names`) of an xlsx.
fn read_xlsx_sheets(
    mut wb: XlsxFile,
    names: &[String],
    which: &[usize],
) -> Result<Vec<(usize, Sheet)>, String> {
    use calamine::ReaderRef;
    let is_1904 = wb.has_1904_epoch();
    let worksheets: Vec<bool> = wb
        .sheets_metadata()
        .iter()
        .map(|m| m.typ == calamine::SheetType::WorkSheet)
        .collect();
    let mut out = Vec::with_capacity(which.len());
    for &i in which {
        if !worksheets.get(i).copied().unwrap_or(true) {
            continue;
        }
        let name = &names[i];
        let merges = wb.merge_cells_by_sheet_name(name).unwrap_or_default();
        // Shared strings borrowed, copied once into the sheet.
        let range = wb.worksheet_range_ref(name).map_err(|e| e.to_string())?;
        let s = sheet(name.clone(), &range, &merges, |d| value_ref(d, is_1904));
        out.push((i, s));
    }
    Ok(out)
}

fn sheet<T: calamine::CellType>(
    name: String,
    range: &calamine::Range<T>,
    merges: &[calamine::Dimensions],
    value: impl Fn(&T) -> Value,
) -> Sheet {
    let origin = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|r| {
            let mut row: Vec<Value> = r.iter().map(&value).collect();
            while row.last().is_some_and(Value::is_empty) {
                row.pop();
            }
            row
        })
        .collect();
    Sheet {
        name,
        index: 0,
        origin,
        rows,
        merges: merges
            .iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect(),
        ..Default::default()
    }
}

/// An f64 as the exact decimal of its shortest text form (0.1 stays 0.1).
fn decimal_of(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    // Whole numbers (most amounts and quantities) are exact as integers.
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return Some(Decimal::from(f as i64));
    }
    let d = Decimal::from_str(&format!("{f}")).ok()?;
    Some(d.normalize())
}

/// The date of an Excel serial day number.
pub fn excel_date(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let epoch = if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

fn value(d: &Data, is_1904: bool) -> Value {
    let view = match d {
        Data::Empty => DataRef::Empty,
        Data::String(s) => DataRef::SharedString(s),
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
    };
    value_ref(&view, is_1904)
}

fn value_ref(d: &DataRef<'_>, is_1904: bool) -> Value {
    match d {
        DataRef::Empty => Value::Empty,
        DataRef::String(s) => text_value(s),
        DataRef::SharedString(s) => text_value(s),
        DataRef::Int(i) => Value::Number(Some(Decimal::from(*i))),
        DataRef::Float(f) => Value::Number(decimal_of(*f)),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => {
            if dt.is_datetime() {
                match excel_date(dt.as_f64(), is_1904) {
                    Some(date) => Value::Date(date),
                    None => Value::Number(decimal_of(dt.as_f64())),
                }
            } else {
                Value::Number(decimal_of(dt.as_f64()))
            }
        }
        DataRef::DateTimeIso(s) => s
            .get(..10)
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
            .map(Value::Date)
            .unwrap_or_else(|| Value::Text(s.clone())),
        DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Error(format!("{e}")),
    }
}

fn text_value(s: &str) -> Value {
    if s.trim().is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sheets of a plan workbook read on two threads are those read on
    /// one, in the same order.
    #[test]
    fn two_readers_give_the_sheets_of_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.xlsx");
        let (plan, log) = crate::synth::generate(300, 1_200, 3);
        let project = crate::synth::project(&plan, &log).unwrap();
        let mut wb = crate::output::plan_workbook::build(&project, Lang::Fr).unwrap();
        crate::output::xlsx::save(&mut wb, &path, Lang::Fr).unwrap();
        let report = guard::inspect(&path, &Limits::default(), Lang::Fr).unwrap();
        assert!(report.sheet_sizes.len() >= 5, "{:?}", report.sheet_sizes);
        let read = |threshold: u64| {
            let file = BufReader::new(std::fs::File::open(&path).unwrap());
            let wb: XlsxFile = calamine::open_workbook_from_rs(file).unwrap();
            xlsx_sheets_above(&path, wb, &report.sheet_sizes, threshold).unwrap()
        };
        let (one, two) = (read(u64::MAX), read(0));
        assert_eq!(one.len(), two.len());
        assert!(one.len() >= 5);
        for (a, b) in one.iter().zip(&two) {
            assert_eq!(a.name, b.name);
            assert_eq!(a.origin, b.origin);
            assert_eq!(a.rows, b.rows, "{}", a.name);
            assert_eq!(a.merges, b.merges, "{}", a.name);
        }
        assert!(one.iter().any(|s| s.rows.len() > 1_000));
    }
}

//! Problems found in a user's plan: where (file:line:col or `Sheet!C12`), how
//! bad, a stable code, and a message in the user's language; rendered for
//! humans, as JSON lines, or as GitHub workflow annotations.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::i18n;
use crate::model::{FileId, Loc};
use crate::text::printable;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $id:literal $name:literal,)*) => {
        /// Stable diagnostic codes: CI users grep for them, never renumber.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant,)* }
        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];
            pub fn id(self) -> &'static str { match self { $(Code::$variant => $id,)* } }
            pub fn name(self) -> &'static str { match self { $(Code::$variant => $name,)* } }
        }
    };
}

codes! {
    Syntax = "E001" "toml-syntax",
    Encoding = "E002" "file-encoding",
    UnknownKey = "E003" "unknown-key",
    MissingKey = "E004" "missing-key",
    WrongType = "E005" "wrong-type",
    InvalidId = "E006" "invalid-id",
    DuplicateId = "E007" "duplicate-id",
    UnknownAxis = "E008" "unknown-axis",
    UnknownAction = "E009" "unknown-action",
    UnknownSource = "E010" "unknown-source",
    InvalidAmount = "E011" "invalid-amount",
    TooManyDecimals = "E012" "too-many-decimals",
    BudgetLineForm = "E013" "budget-line-form",
    QuantityMismatch = "E014" "quantity-mismatch",
    InvalidQuarter = "E015" "invalid-quarter",
    DateOrder = "E016" "date-order",
    BudgetTotal = "E017" "budget-total-mismatch",
    InvalidDate = "E018" "invalid-date",
    InvalidValue = "E019" "invalid-value",
    UnknownActivity = "E020" "unknown-activity",
    UnknownIndicator = "E021" "unknown-indicator",
    ProgressRange = "E022" "progress-out-of-range",
    UnknownCurrency = "E023" "unknown-currency",
    DuplicateIndicator = "E024" "duplicate-indicator",
    CurrencyMismatch = "E025" "currency-mismatch",
    TooLarge = "E026" "input-too-large",
    Workbook = "E027" "workbook",
    NegativeCumulative = "E031" "negative-cumulative",
    CorrectionNote = "E032" "correction-without-note",
    LookAlikeId = "E033" "look-alike-ids",
    DuplicatePlan = "E034" "same-plan-twice",
    NewRecordOutsideYear = "E035" "new-record-outside-year",
    TotalMismatch = "E040" "total-mismatch",
    LevelUnproven = "E041" "level-unproven",
    LogLocation = "E036" "log-location",
    LogPair = "E037" "log-pair-mismatch",
    EmptyAxis = "W101" "empty-axis",
    EmptyAction = "W102" "empty-action",
    DateOutsideYear = "W103" "date-outside-year",
    RecordOutsideYear = "W104" "record-outside-year",
    Unattributed = "W105" "unattributed-spending",
    DoneBelow100 = "W106" "done-below-100",
    SpentOnCancelled = "W107" "spending-on-cancelled",
    Overspent = "W108" "spent-above-budget",
    PaidAboveCommitted = "W109" "paid-above-committed",
    SourceNotFunding = "W110" "source-not-funding-activity",
    SubtotalMismatch = "W111" "subtotal-mismatch",
    ImportNote = "W112" "import-note",
    PartnerSeparator = "W113" "partner-separator",
    UnknownCategory = "W120" "unknown-category",
    MixedScriptId = "W121" "mixed-script-id",
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub loc: Loc,
    pub help: Option<String>,
}

/// Longest message kept whole. Messages quote the user's text (a key, an
/// id); a hostile file can make that text megabytes long, and a diagnostic
/// must stay readable: longer messages keep their beginning and their end.
pub const MAX_MESSAGE_CHARS: usize = 500;

fn capped(message: String) -> String {
    let n = message.chars().count();
    if n <= MAX_MESSAGE_CHARS {
        return message;
    }
    let head: String = message.chars().take(300).collect();
    let tail: String = message.chars().skip(n - 150).collect();
    format!("{head} […] {tail}")
}

impl Diagnostic {
    pub fn error(code: Code, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: capped(message.into()),
            loc,
            help: None,
        }
    }

    pub fn warning(code: Code, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: capped(message.into()),
            loc,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The files diagnostics point into, with their text for showing source lines.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
    /// The last column measured: (file, line, byte offset, column). Sorted
    /// diagnostics on one long line resume counting from there instead of
    /// from the line start (200 000 diagnostics on a line of 400 KB).
    last_column: std::sync::Mutex<Option<(FileId, usize, usize, usize)>>,
}

#[derive(Debug)]
struct SourceFile {
    path: PathBuf,
    text: Option<std::sync::Arc<str>>,
    /// Byte offsets of line starts, computed when a diagnostic is first
    /// shown (a valid file never needs them).
    line_starts: std::sync::OnceLock<Vec<u32>>,
    /// A workbook's sheet names, by index.
    sheets: Vec<String>,
}

impl SourceFile {
    /// Texts are at most [`crate::load::MAX_TEXT_BYTES`], so offsets fit u32.
    fn line_starts(&self, text: &str) -> &[u32] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    text.bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX)),
                )
                .collect()
        })
    }
}

/// A resolved position: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl Files {
    pub fn add(&mut self, path: &Path, text: Option<impl Into<std::sync::Arc<str>>>) -> FileId {
        let text: Option<std::sync::Arc<str>> = text.map(Into::into);
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            text,
            line_starts: std::sync::OnceLock::new(),
            sheets: Vec::new(),
        });
        (self.files.len() - 1) as FileId
    }

    pub fn path(&self, id: FileId) -> &Path {
        self.files
            .get(id as usize)
            .map(|f| f.path.as_path())
            .unwrap_or(Path::new("?"))
    }

    /// Names the sheets of a workbook file (`Loc::Cell` holds an index).
    pub fn set_sheets(&mut self, id: FileId, names: Vec<String>) {
        if let Some(f) = self.files.get_mut(id as usize) {
            f.sheets = names;
        }
    }

    /// The name of a workbook's sheet, `?` if unknown.
    pub fn sheet_name(&self, id: FileId, sheet: u16) -> &str {
        self.files
            .get(id as usize)
            .and_then(|f| f.sheets.get(sheet as usize))
            .map_or("?", String::as_str)
    }

    pub fn text(&self, id: FileId) -> Option<&str> {
        self.files.get(id as usize)?.text.as_deref()
    }

    /// Line and column of a byte offset.
    pub fn line_col(&self, id: FileId, offset: u32) -> Option<LineCol> {
        let f = self.files.get(id as usize)?;
        let text = f.text.as_deref()?;
        let offset = (offset as usize).min(text.len());
        let starts = f.line_starts(text);
        let line = starts.partition_point(|&s| s as usize <= offset).max(1);
        let start = starts[line - 1] as usize;
        let mut memo = self.last_column.lock().ok();
        let resumed = match memo.as_deref() {
            Some(&Some((mid, mline, moff, mcol)))
                if mid == id && mline == line && moff <= offset =>
            {
                text.get(moff..offset).map(|s| mcol + s.chars().count())
            }
            _ => None,
        };
        let column = resumed.or_else(|| text.get(start..offset).map(|s| s.chars().count()));
        if let (Some(c), Some(m)) = (column, memo.as_deref_mut()) {
            *m = Some((id, line, offset, c));
        }
        let column = column.unwrap_or(offset - start) + 1;
        Some(LineCol { line, column })
    }

    fn line_text(&self, id: FileId, line: usize) -> Option<&str> {
        let f = self.files.get(id as usize)?;
        let text = f.text.as_deref()?;
        let starts = f.line_starts(text);
        let start = *starts.get(line - 1)? as usize;
        let end = starts.get(line).map_or(text.len(), |&e| e as usize);
        Some(text.get(start..end)?.trim_end_matches(['\n', '\r']))
    }

    /// `file:line:col`, `file: Sheet!C12`, or `file`.
    pub fn location(&self, loc: &Loc) -> String {
        match loc {
            Loc::None => String::new(),
            Loc::File(f) => self.path(*f).display().to_string(),
            Loc::Span { file, start, .. } => match self.line_col(*file, *start) {
                Some(lc) => format!("{}:{}:{}", self.path(*file).display(), lc.line, lc.column),
                None => self.path(*file).display().to_string(),
            },
            Loc::Cell {
                file,
                sheet,
                row,
                col,
            } => {
                format!(
                    "{}: {}",
                    self.path(*file).display(),
                    cell_ref(self.sheet_name(*file, *sheet), *row, *col)
                )
            }
        }
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `Activités!F12` for 0-based row and column.
pub fn cell_ref(sheet: &str, row: u32, col: u32) -> String {
    format!("{}!{}{}", sheet, column_name(col), row as u64 + 1)
}

/// Counts of errors and warnings.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diags: &[Diagnostic]) -> Tally {
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Tally {
            errors,
            warnings: diags.len() - errors,
        }
    }
}

/// Human rendering: the message, the location, the source line and a caret.
pub fn render_human(d: &Diagnostic, files: &Files, lang: crate::i18n::Lang) -> String {
    let mut out = String::new();
    let sev = match d.severity {
        Severity::Error => i18n::commands::severity_error(lang),
        Severity::Warning => i18n::commands::severity_warning(lang),
    };
    let _ = writeln!(
        out,
        "{}[{} {}]: {}",
        sev,
        d.code.id(),
        d.code.name(),
        printable(&d.message)
    );
    let location = files.location(&d.loc);
    if !location.is_empty() {
        let _ = writeln!(out, "  --> {location}");
    }
    // A line of more than 300 characters is not shown: test its size in
    // bytes before measuring it, since hostile files put 200 000 diagnostics
    // on one line of 400 KB (measuring it for each took minutes).
    if let Loc::Span { file, start, end } = d.loc
        && let Some(lc) = files.line_col(file, start)
        && let Some(line) = files.line_text(file, lc.line)
        && line.len() <= 300 * 4
    {
        let shown: String = printable(line);
        let gutter = lc.line.to_string();
        let pad = " ".repeat(gutter.len());
        // Caret under the span (on this line only), in displayed characters.
        let prefix: String = line.chars().take(lc.column - 1).collect();
        let caret_start = printable(&prefix).chars().count();
        let span_len = files
            .text(file)
            .and_then(|t| t.get(start as usize..(end as usize).min(t.len())))
            .map(|s| s.split('\n').next().unwrap_or("").chars().count())
            .unwrap_or(1)
            .clamp(1, shown.chars().count().saturating_sub(caret_start).max(1));
        if shown.chars().count() <= 300 {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{gutter} | {shown}");
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(caret_start),
                "^".repeat(span_len)
            );
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "  = {}: {}",
            i18n::commands::help_label(lang),
            printable(help)
        );
    }
    out
}

/// One JSON object per diagnostic (the caller prints one per line).
pub fn render_json(d: &Diagnostic, files: &Files) -> serde_json::Value {
    let (file, line, column, cell) = position(d, files);
    serde_json::json!({
        "file": file,
        "line": line,
        "column": column,
        "cell": cell,
        "severity": d.severity.key(),
        "code": d.code.id(),
        "name": d.code.name(),
        "message": d.message,
        "help": d.help,
    })
}

fn position(
    d: &Diagnostic,
    files: &Files,
) -> (Option<String>, Option<usize>, Option<usize>, Option<String>) {
    let file = d.loc.file().map(|f| files.path(f).display().to_string());
    match &d.loc {
        Loc::Span { file: f, start, .. } => {
            let lc = files.line_col(*f, *start);
            (file, lc.map(|l| l.line), lc.map(|l| l.column), None)
        }
        Loc::Cell {
            file: f,
            sheet,
            row,
            col,
        } => (
            file,
            None,
            None,
            Some(cell_ref(files.sheet_name(*f, *sheet), *row, *col)),
        ),
        _ => (file, None, None, None),
    }
}

/// A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=…::message`.
pub fn render_github(d: &Diagnostic, files: &Files) -> String {
    fn esc_data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn esc_prop(s: &str) -> String {
        esc_data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let (file, line, column, cell) = position(d, files);
    let mut props = Vec::new();
    if let Some(f) = file {
        props.push(format!("file={}", esc_prop(&f)));
    }
    if let Some(l) = line {
        props.push(format!("line={l}"));
    }
    if let Some(c) = column {
        props.push(format!("col={c}"));
    }
    props.push(format!(
        "title={}",
        esc_prop(&format!("{} {}", d.code.id(), d.code.name()))
    ));
    let mut message = d.message.clone();
    if let Some(cell) = cell {
        message = format!("{cell}: {message}");
    }
    if let Some(h) = &d.help {
        message.push_str(&format!(" ({h})"));
    }
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("::{level} {}::{}", props.join(","), esc_data(&message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut ids: Vec<_> = Code::ALL.iter().map(|c| c.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Code::ALL.len());
    }

    #[test]
    fn huge_messages_keep_both_ends() {
        let long = format!("clé inconnue `{}` dans [plan]", "k".repeat(1 << 20));
        let d = Diagnostic::error(Code::UnknownKey, Loc::None, long);
        assert!(d.message.chars().count() < MAX_MESSAGE_CHARS);
        assert!(d.message.starts_with("clé inconnue `kkk"));
        assert!(d.message.ends_with("kkk` dans [plan]"));
        assert!(d.message.contains(" […] "));
        let short = Diagnostic::warning(Code::EmptyAxis, Loc::None, "é".repeat(500));
        assert_eq!(short.message, "é".repeat(500));
    }

    #[test]
    fn columns() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
        assert_eq!(cell_ref("Activités", 11, 5), "Activités!F12");
    }

    #[test]
    fn line_and_column_count_characters() {
        let mut files = Files::default();
        let id = files.add(Path::new("p.toml"), Some("a = 1\ntitre = \"é\" x\n"));
        assert_eq!(files.line_col(id, 0), Some(LineCol { line: 1, column: 1 }));
        assert_eq!(files.line_col(id, 6), Some(LineCol { line: 2, column: 1 }));
        // byte 18 is after the two-byte "é" and the closing quote: column 12
        assert_eq!(
            files.line_col(id, 18),
            Some(LineCol {
                line: 2,
                column: 12
            })
        );
        let d = Diagnostic::error(
            Code::UnknownKey,
            Loc::Span {
                file: id,
                start: 6,
                end: 11,
            },
            "clé inconnue",
        )
        .with_help("vouliez-vous dire `title` ?");
        let human = render_human(&d, &files, crate::i18n::Lang::Fr);
        assert!(human.contains("p.toml:2:1"), "{human}");
        assert!(human.contains("2 | titre = \"é\" x"), "{human}");
        assert!(human.contains("  | ^^^^^\n"), "{human}");
        let gh = render_github(&d, &files);
        assert_eq!(
            gh,
            "::error file=p.toml,line=2,col=1,title=E003 unknown-key::clé inconnue (vouliez-vous dire `title` ?)"
        );
    }

    /// Found while timing hostile inputs: 200 000 diagnostics on one line of
    /// 400 KB (`quarters = [5,5,…]`) took minutes to render (each measured
    /// and escaped the whole line). Columns now resume from the previous
    /// one; they must be those counted from the line start, in any order.
    #[test]
    fn columns_on_a_long_line() {
        let text = format!("a = 1\nx = [{}]\n", "\"é\",".repeat(2000));
        let offsets: Vec<u32> = text.match_indices('é').map(|(i, _)| i as u32).collect();
        let mut files = Files::default();
        let id = files.add(Path::new("p.toml"), Some(text.as_str()));
        let fresh = |o: u32| {
            let mut f = Files::default();
            let id = f.add(Path::new("p.toml"), Some(text.as_str()));
            f.line_col(id, o)
        };
        for &o in offsets.iter().chain(offsets.iter().rev().step_by(7)) {
            assert_eq!(files.line_col(id, o), fresh(o), "offset {o}");
        }
        assert_eq!(files.line_col(id, offsets[1]).map(|l| l.column), Some(11));
        // Inside a character: counted in bytes, as before.
        assert_eq!(files.line_col(id, offsets[0] + 1), fresh(offsets[0] + 1));
        assert_eq!(files.line_col(id, 2), fresh(2));
    }
}

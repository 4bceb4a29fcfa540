//! Limits checked before calamine touches a workbook.
//!
//! calamine trusts what a file declares: a 5 KB xlsx with a cell at A1 and
//! one at XFD1048576 makes `worksheet_range` allocate a 17 billion cell grid,
//! a shared-strings table claiming `uniqueCount="4000000000000"` makes
//! `open_workbook` reserve terabytes, nothing limits the decompressed size of
//! a part, a cyclic sector chain in an `.xls` makes it read forever. Those
//! end in an allocation failure, which aborts the process: no `Result`, no
//! `catch_unwind` can save it. So every workbook goes through [`inspect`]
//! first, which reads the container itself, in bounded memory, and measures
//! what calamine would allocate:
//!
//! - the file size;
//! - zip (xlsx, ods): the end-of-central-directory record, the number of
//!   entries, the declared uncompressed sizes, and the real decompressed
//!   bytes of every XML part (streamed through a counting reader that stops
//!   at the limit);
//! - xlsx: the `uniqueCount` of the shared strings and the number of strings,
//!   the `dimension` of each sheet and the position of every cell holding a
//!   value;
//! - ods: rows and columns after `number-rows-repeated` /
//!   `number-columns-repeated` expansion;
//! - xls: the compound-file header, every sector chain calamine will follow
//!   (no cycle, no sector past the end), the stream sizes, and the BIFF
//!   records: `DIMENSIONS`, cell positions, sheet offsets.
//!
//! The grid calamine builds for a sheet spans from its first to its last
//! cell holding a value: that area, summed over the sheets, is what
//! [`Limits::max_cells`] bounds.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::i18n::Lang;
use crate::tr;

/// What a workbook may hold. The defaults are far above any real plan
/// (a national plan of 50 000 activities on 30 columns is 1.5 million cells)
/// and far below what would exhaust a small machine; each can be raised on
/// the command line for a rare huge legitimate file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Size of the file on disk (`--max-file-size`, MiB).
    pub max_file_bytes: u64,
    /// Decompressed size of the XML parts of an xlsx/ods, all together
    /// (`--max-unpacked-size`, MiB).
    pub max_unpacked_bytes: u64,
    /// Entries of the zip container.
    pub max_entries: u64,
    /// Last row holding a value, 1-based (`--max-rows`).
    pub max_rows: u64,
    /// Last column holding a value, 1-based (`--max-columns`).
    pub max_columns: u64,
    /// Cells of the grids calamine builds, all sheets together, and strings
    /// of the shared-strings table (`--max-cells`).
    pub max_cells: u64,
}

pub const MIB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * MIB,
            max_unpacked_bytes: 256 * MIB,
            max_entries: 10_000,
            max_rows: 1_048_576,
            max_columns: 1_000,
            max_cells: 5_000_000,
        }
    }
}

/// The container format, found from the first bytes (not the extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xls,
    Ods,
}

/// Why a workbook is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardError {
    /// Above a limit: the message names the flag that raises it.
    TooLarge {
        message: String,
        flag: &'static str,
    },
    /// Not a workbook, truncated, or malformed.
    Corrupt(String),
    Io(String),
}

/// What the inspection learnt that the reader needs: the format, and for
/// ods (calamine has no merge API there) the merged regions of each sheet.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub kind: Option<Kind>,
    /// Sheet name → merged regions `(first row, first col, last row, last col)`, 0-based.
    pub merges: HashMap<String, Vec<(u32, u32, u32, u32)>>,
    /// xlsx: declared size of `xl/worksheets/sheetN.xml` at `N - 1` (the
    /// usual naming, in sheet order), to share the reading between threads.
    pub sheet_sizes: Vec<u64>,
}

struct Ctx {
    limits: Limits,
    lang: Lang,
    /// Grid cells counted so far, all sheets.
    cells: u64,
    /// Bytes of cell text the reader would build, all sheets (an ods cell's
    /// text repeated over its repeated columns and rows, `<text:s
    /// text:c="N"/>` as N spaces).
    text: u64,
}

impl Ctx {
    fn too_large(&self, message: String, flag: &'static str) -> GuardError {
        GuardError::TooLarge { message, flag }
    }

    fn corrupt(&self, fr: &str, en: &str) -> GuardError {
        GuardError::Corrupt(self.lang.pick(fr, en).to_string())
    }

    /// The XML parts inflate to more than the limit (`n` bytes, at `part`
    /// if named).
    fn over_unpacked(&self, n: u64, part: Option<&str>) -> GuardError {
        let lang = self.lang;
        let part = part
            .map(|p| tr!(lang, " (partie {})", " (part {})", p))
            .unwrap_or_default();
        self.too_large(
            tr!(
                lang,
                "les parties XML du classeur se décompressent en plus de {} Mio{} (au plus {} Mio) : bombe zip ou classeur démesuré",
                "the workbook's XML parts decompress to more than {} MiB{} (at most {} MiB): a zip bomb or an oversized workbook",
                n.div_ceil(MIB),
                part,
                self.limits.max_unpacked_bytes / MIB
            ),
            "--max-unpacked-size",
        )
    }

    /// The verdict on one inflated part: its reader stopped at the size
    /// limit, or could not read it (a damaged workbook), or found it sound.
    fn part_verdict(&self, name: &str, result: Result<(), GuardError>) -> Result<(), GuardError> {
        match result {
            Err(GuardError::Io(m)) if m.contains(LIMIT_MARK) => {
                Err(self
                    .over_unpacked(self.limits.max_unpacked_bytes.saturating_add(1), Some(name)))
            }
            Err(GuardError::Io(m)) => Err(GuardError::Corrupt(tr!(
                self.lang,
                "partie « {} » illisible ({}) : classeur abîmé ou tronqué",
                "part \"{}\" unreadable ({}): damaged or truncated workbook",
                name,
                m
            ))),
            other => other,
        }
    }

    /// Adds a sheet's grid; checks rows, columns and the running total.
    fn extent(&mut self, sheet: &str, ext: &Extent) -> Result<(), GuardError> {
        let area = self.sheet_area(sheet, ext)?;
        self.add_cells(sheet, area)
    }

    /// The cells of a sheet's grid, after checking its rows and columns.
    fn sheet_area(&self, sheet: &str, ext: &Extent) -> Result<u64, GuardError> {
        let Some((r0, c0, r1, c1)) = ext.bounds() else {
            return Ok(0);
        };
        let lang = self.lang;
        if r1 + 1 > self.limits.max_rows {
            return Err(self.too_large(
                tr!(
                    lang,
                    "la feuille « {} » a une valeur à la ligne {} (au plus {} lignes)",
                    "sheet \"{}\" has a value on row {} (at most {} rows)",
                    sheet,
                    r1 + 1,
                    self.limits.max_rows
                ),
                "--max-rows",
            ));
        }
        if c1 + 1 > self.limits.max_columns {
            return Err(self.too_large(
                tr!(
                    lang,
                    "la feuille « {} » a une valeur dans la colonne {} (n° {}, au plus {} colonnes)",
                    "sheet \"{}\" has a value in column {} (number {}, at most {} columns)",
                    sheet,
                    crate::diagnostic::column_name(c1.min(u32::MAX as u64) as u32),
                    c1 + 1,
                    self.limits.max_columns
                ),
                "--max-columns",
            ));
        }
        Ok((r1 - r0 + 1).saturating_mul(c1 - c0 + 1))
    }

    /// Adds bytes of text the reader would build; checked against the
    /// unpacked-size limit.
    fn add_text(&mut self, sheet: &str, n: u64) -> Result<(), GuardError> {
        self.text = self.text.saturating_add(n);
        if self.text > self.limits.max_unpacked_bytes {
            let lang = self.lang;
            return Err(self.too_large(
                tr!(
                    lang,
                    "la feuille « {} » ferait lire plus de {} Mio de texte (cellules répétées, espaces <text:s>) : au plus {} Mio",
                    "sheet \"{}\" would make the reader build more than {} MiB of text (repeated cells, <text:s> spaces): at most {} MiB",
                    sheet,
                    self.text.div_ceil(MIB),
                    self.limits.max_unpacked_bytes / MIB
                ),
                "--max-unpacked-size",
            ));
        }
        Ok(())
    }

    fn add_cells(&mut self, sheet: &str, n: u64) -> Result<(), GuardError> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > self.limits.max_cells {
            let lang = self.lang;
            return Err(self.too_large(
                tr!(
                    lang,
                    "la feuille « {} » porte le classeur à {} cellules à lire (au plus {})",
                    "sheet \"{}\" brings the workbook to {} cells to read (at most {})",
                    sheet,
                    self.cells,
                    self.limits.max_cells
                ),
                "--max-cells",
            ));
        }
        Ok(())
    }
}

/// First and last row and column of the cells holding a value.
#[derive(Debug, Default, Clone, Copy)]
struct Extent {
    min_row: u64,
    min_col: u64,
    max_row: u64,
    max_col: u64,
    any: bool,
}

impl Extent {
    fn add(&mut self, r0: u64, c0: u64, r1: u64, c1: u64) {
        if !self.any {
            *self = Extent {
                min_row: r0,
                min_col: c0,
                max_row: r1,
                max_col: c1,
                any: true,
            };
        } else {
            self.min_row = self.min_row.min(r0);
            self.min_col = self.min_col.min(c0);
            self.max_row = self.max_row.max(r1);
            self.max_col = self.max_col.max(c1);
        }
    }

    fn bounds(&self) -> Option<(u64, u64, u64, u64)> {
        self.any
            .then_some((self.min_row, self.min_col, self.max_row, self.max_col))
    }
}

/// Inspects a workbook file. `Ok` means calamine may open it.
pub fn inspect(path: &Path, limits: &Limits, lang: Lang) -> Result<Report, GuardError> {
    let mut ctx = Ctx {
        limits: *limits,
        lang,
        cells: 0,
        text: 0,
    };
    let io = |e: std::io::Error| GuardError::Io(e.to_string());
    let mut file = File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > limits.max_file_bytes {
        return Err(ctx.too_large(
            tr!(
                lang,
                "fichier de {} Mio (au plus {} Mio)",
                "file of {} MiB (at most {} MiB)",
                len.div_ceil(MIB),
                limits.max_file_bytes / MIB
            ),
            "--max-file-size",
        ));
    }
    let mut magic = [0u8; 8];
    let n = read_up_to(&mut file, &mut magic).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    if n >= 4 && magic[..4] == *b"PK\x03\x04" {
        zip_container(&mut ctx, path, file, len)
    } else if n == 8 && magic == *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
        let mut data = Vec::with_capacity(len as usize);
        file.read_to_end(&mut data).map_err(io)?;
        ole(&mut ctx, &data)?;
        Ok(Report {
            kind: Some(Kind::Xls),
            ..Default::default()
        })
    } else if n == 0 {
        Err(ctx.corrupt(
            "le fichier est vide : ce n'est pas un classeur",
            "the file is empty: it is not a workbook",
        ))
    } else {
        Err(ctx.corrupt(
            "ce n'est pas un classeur Excel ou LibreOffice (ni zip xlsx/ods, ni xls) : l'enregistrer au format .xlsx",
            "this is not an Excel or LibreOffice workbook (neither an xlsx/ods zip nor an xls): save it as .xlsx",
        ))
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

// ---------------------------------------------------------------- zip ----

fn le16(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 2)
        .map_or(0, |s| u16::from_le_bytes([s[0], s[1]]) as u64)
}

fn le32(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as u64)
}

fn le64(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8).map_or(0, |s| {
        u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]])
    })
}

/// Entries, central directory size and offset, from the end records.
fn end_of_central_directory(
    ctx: &Ctx,
    file: &mut File,
    len: u64,
) -> Result<(u64, u64, u64), GuardError> {
    let io = |e: std::io::Error| GuardError::Io(e.to_string());
    let tail_len = len.min(65_535 + 22 + 20 + 56);
    file.seek(SeekFrom::Start(len - tail_len)).map_err(io)?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail).map_err(io)?;
    let truncated = || {
        ctx.corrupt(
            "classeur tronqué ou abîmé : la fin de l'archive zip manque (fichier incomplet ?)",
            "truncated or damaged workbook: the end of the zip archive is missing (incomplete file?)",
        )
    };
    let Some(pos) = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..i + 4] == *b"PK\x05\x06")
    else {
        return Err(truncated());
    };
    let mut entries = le16(&tail, pos + 10);
    let mut cd_size = le32(&tail, pos + 12);
    let mut cd_offset = le32(&tail, pos + 16);
    if entries == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
        // zip64: the locator sits just before the end record.
        if pos < 20 || tail[pos - 20..pos - 16] != *b"PK\x06\x07" {
            return Err(truncated());
        }
        let rec = le64(&tail, pos - 20 + 8);
        if rec > len.saturating_sub(56) {
            return Err(truncated());
        }
        let mut buf = [0u8; 56];
        file.seek(SeekFrom::Start(rec)).map_err(io)?;
        file.read_exact(&mut buf).map_err(io)?;
        if buf[..4] != *b"PK\x06\x06" {
            return Err(truncated());
        }
        entries = le64(&buf, 32);
        cd_size = le64(&buf, 40);
        cd_offset = le64(&buf, 48);
    }
    if cd_offset.checked_add(cd_size).is_none_or(|end| end > len) {
        return Err(truncated());
    }
    if entries.saturating_mul(46) > cd_size {
        return Err(ctx.corrupt(
            "archive zip incohérente : plus d'entrées annoncées que le répertoire n'en contient",
            "inconsistent zip archive: more entries declared than the directory holds",
        ));
    }
    Ok((entries, cd_size, cd_offset))
}

/// Counts the bytes read through it and fails past the limit, so a part that
/// lies about its size is stopped all the same.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // One more byte would be over the limit: is there one?
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(LIMIT_MARK)),
            };
        }
        let want = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

const LIMIT_MARK: &str = "ptba: decompressed size limit";

/// [`Capped`] with one budget shared by the threads inflating the parts of
/// a workbook: all of them together stop at the limit, whatever sizes the
/// archive declares. `read` counts this part's bytes.
struct SharedCap<'a, R> {
    inner: R,
    left: &'a std::sync::atomic::AtomicU64,
    read: u64,
}

impl<R: Read> Read for SharedCap<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::sync::atomic::Ordering::Relaxed;
        let left = self.left.load(Relaxed);
        if left == 0 {
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(LIMIT_MARK)),
            };
        }
        let want = buf.len().min(left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..want])?;
        // Both threads may have read `left` before either took its share:
        // the budget then ends at 0, a buffer's length past the limit.
        let _ = self
            .left
            .fetch_update(Relaxed, Relaxed, |l| Some(l.saturating_sub(n as u64)));
        self.read += n as u64;
        Ok(n)
    }
}

fn is_xml_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels") || lower == "mimetype"
}

fn zip_container(
    ctx: &mut Ctx,
    path: &Path,
    mut file: File,
    len: u64,
) -> Result<Report, GuardError> {
    let lang = ctx.lang;
    let (entries, _, _) = end_of_central_directory(ctx, &mut file, len)?;
    if entries > ctx.limits.max_entries {
        return Err(ctx.corrupt(
            &format!(
                "archive zip de {entries} entrées (au plus {}) : ce n'est pas un classeur ordinaire",
                ctx.limits.max_entries
            ),
            &format!(
                "zip archive of {entries} entries (at most {}): not an ordinary workbook",
                ctx.limits.max_entries
            ),
        ));
    }
    file.seek(SeekFrom::Start(0))
        .map_err(|e| GuardError::Io(e.to_string()))?;
    let mut zip = open_zip(file, lang)?;
    let names: Vec<String> = (0..zip.len())
        .map(|i| {
            zip.by_index_raw(i)
                .ok()
                .and_then(|f| f.name().ok().map(|n| n.to_string()))
                .unwrap_or_default()
        })
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let kind = if has("xl/workbook.xml") || has("[Content_Types].xml") && !has("content.xml") {
        Kind::Xlsx
    } else if has("content.xml") {
        Kind::Ods
    } else {
        return Err(ctx.corrupt(
            "archive zip sans classeur (ni xl/workbook.xml ni content.xml) : ce n'est pas un fichier .xlsx ou .ods",
            "zip archive without a workbook (neither xl/workbook.xml nor content.xml): not an .xlsx or .ods file",
        ));
    };
    // Declared sizes first: refuse a bomb without inflating anything.
    let mut declared: u64 = 0;
    let mut sizes = vec![0u64; zip.len()];
    for (i, size) in sizes.iter_mut().enumerate() {
        let f = zip.by_index_raw(i).map_err(|e| {
            GuardError::Corrupt(tr!(
                lang,
                "entrée zip illisible ({})",
                "unreadable zip entry ({})",
                e
            ))
        })?;
        *size = f.size();
        if f.name().is_ok_and(|n| is_xml_part(&n)) {
            declared = declared.saturating_add(f.size());
        }
    }
    let unpacked_limit = ctx.limits.max_unpacked_bytes;
    if declared > unpacked_limit {
        return Err(ctx.over_unpacked(declared, None));
    }
    let mut report = Report {
        kind: Some(kind),
        ..Default::default()
    };
    if kind == Kind::Xlsx {
        drop(zip);
        xlsx_parts(ctx, path, &names, &sizes)?;
        for (name, &size) in names.iter().zip(&sizes) {
            let n = name
                .strip_prefix("xl/worksheets/sheet")
                .and_then(|n| n.strip_suffix(".xml"))
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(n) = n.filter(|&n| (1..=4096).contains(&n)) {
                if report.sheet_sizes.len() < n {
                    report.sheet_sizes.resize(n, 0);
                }
                report.sheet_sizes[n - 1] = size;
            }
        }
        return Ok(report);
    }
    let mut left = unpacked_limit;
    for (i, name) in names.iter().enumerate() {
        if !is_xml_part(name) {
            continue;
        }
        let entry = zip.by_index(i).map_err(|e| {
            GuardError::Corrupt(tr!(
                lang,
                "entrée zip « {} » illisible ({})",
                "unreadable zip entry \"{}\" ({})",
                name,
                e
            ))
        })?;
        let mut capped = Capped { inner: entry, left };
        let lower = name.to_ascii_lowercase();
        // An ods: xlsx parts went to `xlsx_parts`.
        let result = if lower == "content.xml" {
            ods_content(ctx, &mut capped, &mut report)
        } else {
            std::io::copy(&mut capped, &mut std::io::sink())
                .map(|_| ())
                .map_err(|e| GuardError::Io(e.to_string()))
        };
        ctx.part_verdict(name, result)?;
        left = capped.left;
    }
    Ok(report)
}

/// What one xlsx part came to: bytes inflated, and for a worksheet its name
/// and grid cells.
struct PartOutcome {
    index: usize,
    inflated: u64,
    sheet: Option<(String, u64)>,
    result: Result<(), GuardError>,
}

/// A zip archive's directory, or why it cannot be read.
fn open_zip(
    file: File,
    lang: Lang,
) -> Result<zip::ZipArchive<std::io::BufReader<File>>, GuardError> {
    zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
        GuardError::Corrupt(tr!(
            lang,
            "archive zip illisible ({}) : classeur abîmé ou tronqué",
            "unreadable zip archive ({}): damaged or truncated workbook",
            e
        ))
    })
}

/// Inflates and inspects the XML parts of an xlsx on two threads (the
/// worksheets of a national plan are most of the time spent here), each
/// with its own reader of the file, then applies the limits on the whole in
/// part order — the same verdict, and the same first error, as one pass.
fn xlsx_parts(
    ctx: &mut Ctx,
    path: &Path,
    names: &[String],
    sizes: &[u64],
) -> Result<(), GuardError> {
    let lang = ctx.lang;
    let unpacked_limit = ctx.limits.max_unpacked_bytes;
    // Largest first, each to the less loaded worker.
    let mut parts: Vec<usize> = (0..names.len())
        .filter(|&i| is_xml_part(&names[i]))
        .collect();
    parts.sort_by_key(|&i| std::cmp::Reverse(sizes.get(i).copied().unwrap_or(0)));
    let mut work: [(u64, Vec<usize>); 2] = [(0, Vec::new()), (0, Vec::new())];
    for i in parts {
        let w = usize::from(work[1].0 < work[0].0);
        work[w].0 = work[w].0.saturating_add(sizes.get(i).copied().unwrap_or(0));
        work[w].1.push(i);
    }
    // The lowest part index that failed: parts after it need not be read,
    // parts before it must be (the verdict names the first error in part
    // order, whichever thread finds which first).
    let first_error = std::sync::atomic::AtomicUsize::new(usize::MAX);
    let budget = std::sync::atomic::AtomicU64::new(unpacked_limit);
    let limits = ctx.limits;
    let worker = |mine: &[usize]| -> Result<Vec<PartOutcome>, GuardError> {
        let file = File::open(path).map_err(|e| GuardError::Io(e.to_string()))?;
        let mut zip = open_zip(file, lang)?;
        let mut out = Vec::with_capacity(mine.len());
        for &index in mine {
            if index > first_error.load(std::sync::atomic::Ordering::Relaxed) {
                continue;
            }
            let name = &names[index];
            let outcome = match zip.by_index(index) {
                Err(e) => PartOutcome {
                    index,
                    inflated: 0,
                    sheet: None,
                    result: Err(GuardError::Corrupt(tr!(
                        lang,
                        "entrée zip « {} » illisible ({})",
                        "unreadable zip entry \"{}\" ({})",
                        name,
                        e
                    ))),
                },
                Ok(entry) => {
                    let mut capped = SharedCap {
                        inner: entry,
                        left: &budget,
                        read: 0,
                    };
                    let mut part_ctx = Ctx {
                        limits,
                        lang,
                        cells: 0,
                        text: 0,
                    };
                    let lower = name.to_ascii_lowercase();
                    let mut sheet = None;
                    let result = if lower.ends_with("sharedstrings.xml") {
                        shared_strings(&mut part_ctx, &mut capped)
                    } else if lower.ends_with(".xml") {
                        // Any part may be a worksheet: the reader finds them
                        // through relationships, not by folder. A part that
                        // is not one has no cells and counts none.
                        xlsx_sheet(&part_ctx, &mut capped, name).map(|s| sheet = Some(s))
                    } else {
                        std::io::copy(&mut capped, &mut std::io::sink())
                            .map(|_| ())
                            .map_err(|e| GuardError::Io(e.to_string()))
                    };
                    PartOutcome {
                        index,
                        inflated: capped.read,
                        sheet,
                        result,
                    }
                }
            };
            if outcome.result.is_err() {
                first_error.fetch_min(index, std::sync::atomic::Ordering::Relaxed);
            }
            out.push(outcome);
        }
        Ok(out)
    };
    let (a, b) = std::thread::scope(|s| {
        let second = s.spawn(|| worker(&work[1].1));
        let first = worker(&work[0].1);
        (first, second.join())
    });
    let b = b.unwrap_or_else(|_| {
        Err(GuardError::Corrupt(
            lang.pick("classeur illisible", "unreadable workbook")
                .to_string(),
        ))
    });
    let mut outcomes: Vec<PartOutcome> = a?.into_iter().chain(b?).collect();
    outcomes.sort_by_key(|o| o.index);
    let mut total: u64 = 0;
    let mut areas: HashMap<String, (String, u64)> = HashMap::new();
    for o in outcomes {
        let name = &names[o.index];
        total = total.saturating_add(o.inflated);
        ctx.part_verdict(name, o.result)?;
        if total > unpacked_limit {
            return Err(ctx.over_unpacked(unpacked_limit.saturating_add(1), Some(name)));
        }
        if let Some((sheet, area)) = o.sheet {
            ctx.add_cells(&sheet, area)?;
            areas.insert(name.to_ascii_lowercase(), (sheet, area));
        }
    }
    // The reader builds a grid per sheet of the workbook, and several
    // sheets may name the same part: each further one counts again.
    for (target, count) in sheet_targets(path, lang)? {
        if let Some((sheet, area)) = areas.get(&target) {
            ctx.add_cells(sheet, area.saturating_mul(count.saturating_sub(1)))?;
        }
    }
    Ok(())
}

/// How many sheets of an xlsx's `xl/workbook.xml` name each part (through
/// `xl/_rels/workbook.xml.rels`), by lower-case part name. Both parts have
/// passed the size limit already; a missing one gives no count.
fn sheet_targets(path: &Path, lang: Lang) -> Result<HashMap<String, u64>, GuardError> {
    let file = File::open(path).map_err(|e| GuardError::Io(e.to_string()))?;
    let mut zip = open_zip(file, lang)?;
    // The workbook part, as the reader finds it: the package's
    // officeDocument relationship, else `xl/workbook.xml`.
    let mut workbook = "xl/workbook.xml".to_string();
    relationships(&mut zip, "_rels/.rels", "", |_, target, typ| {
        if typ.ends_with("/officeDocument") {
            workbook = target;
        }
    });
    let (dir, name) = match workbook.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n.to_string()),
        None => (String::new(), workbook.clone()),
    };
    // Relationship id → part.
    let mut parts: HashMap<String, String> = HashMap::new();
    relationships(
        &mut zip,
        &format!("{dir}_rels/{name}.rels"),
        &dir,
        |id, target, _| {
            parts.insert(id, target);
        },
    );
    let mut counts: HashMap<String, u64> = HashMap::new();
    let Some(entry) = entry_named(&mut zip, &workbook) else {
        return Ok(counts);
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(entry));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref().ends_with(":id"))
                    .map(|a| a.value.into_owned());
                if let Some(target) = id.and_then(|id| parts.get(&id)) {
                    *counts.entry(target.clone()).or_default() += 1;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    Ok(counts)
}

/// A zip entry by name, matched ignoring case (as the reader does).
fn entry_named<'z>(
    zip: &'z mut zip::ZipArchive<std::io::BufReader<File>>,
    name: &str,
) -> Option<zip::read::ZipFile<'z, std::io::BufReader<File>>> {
    let index = (0..zip.len()).find(|&i| {
        zip.by_index_raw(i)
            .is_ok_and(|f| f.name().is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    })?;
    zip.by_index(index).ok()
}

/// Calls `each(id, part, type)` for the relationships of a `.rels` part,
/// each target resolved as the reader does (`/x` from the root, else from
/// `dir`) and in lower case.
fn relationships(
    zip: &mut zip::ZipArchive<std::io::BufReader<File>>,
    rels: &str,
    dir: &str,
    mut each: impl FnMut(String, String, String),
) {
    let Some(entry) = entry_named(zip, rels) else {
        return;
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(entry));
    let mut buf = Vec::new();
    // More relationships than a workbook can have sheets (book.rs refuses
    // beyond) are not kept: the map stays small whatever the part holds.
    let mut left = usize::from(u16::MAX) + 1;
    while left > 0 {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                left -= 1;
                let (Some(target), typ) = (attr(&e, "Target"), attr(&e, "Type")) else {
                    continue;
                };
                let target = match target.strip_prefix('/') {
                    Some(t) => t.to_string(),
                    None => format!("{dir}{target}"),
                };
                each(
                    attr(&e, "Id").unwrap_or_default(),
                    target.to_ascii_lowercase(),
                    typ.unwrap_or_default(),
                );
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

fn xml_error(e: quick_xml::Error) -> GuardError {
    match e {
        quick_xml::Error::Io(io) => GuardError::Io(io.to_string()),
        other => GuardError::Io(format!("XML: {other}")),
    }
}

/// An attribute's raw value, without allocating or checking duplicates (the
/// per-cell path of a sheet of millions of cells).
fn attr_fast<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn shared_strings(ctx: &mut Ctx, r: &mut impl Read) -> Result<(), GuardError> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(r));
    let mut buf = Vec::new();
    let mut count: u64 = 0;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(xml_error)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sst" => {
                    for key in ["uniqueCount", "count"] {
                        if let Some(v) = attr(&e, key) {
                            let n: u128 = v.trim().parse().unwrap_or(u128::MAX);
                            if key == "uniqueCount" && n > ctx.limits.max_cells as u128 {
                                let lang = ctx.lang;
                                return Err(ctx.too_large(
                                    tr!(
                                        lang,
                                        "la table des textes partagés annonce {} textes (uniqueCount, au plus {}) : classeur hostile ou démesuré",
                                        "the shared-strings table claims {} strings (uniqueCount, at most {}): a hostile or oversized workbook",
                                        v.trim(),
                                        ctx.limits.max_cells
                                    ),
                                    "--max-cells",
                                ));
                            }
                        }
                    }
                }
                "si" => {
                    count += 1;
                    if count > ctx.limits.max_cells {
                        let lang = ctx.lang;
                        return Err(ctx.too_large(
                            tr!(
                                lang,
                                "plus de {} textes partagés",
                                "more than {} shared strings",
                                ctx.limits.max_cells
                            ),
                            "--max-cells",
                        ));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// `A1` → (row 0, col 0); `None` for a malformed reference.
fn parse_ref(s: &str) -> Option<(u64, u64)> {
    let s = s.trim().trim_start_matches('$');
    let letters = s.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let (l, digits) = s.split_at(letters);
    let digits = digits.trim_start_matches('$');
    if l.is_empty() || l.len() > 7 || digits.is_empty() || digits.len() > 12 {
        return None;
    }
    let mut col: u64 = 0;
    for c in l.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u64 - 'A' as u64 + 1);
    }
    let row: u64 = digits.parse().ok()?;
    if row == 0 {
        return None;
    }
    Some((row - 1, col - 1))
}

const EXCEL_MAX_ROWS: u64 = 1_048_576;
const EXCEL_MAX_COLS: u64 = 16_384;

/// A worksheet's name (from its part) and grid cells, after checking its
/// rows and columns.
fn xlsx_sheet(ctx: &Ctx, r: &mut impl Read, name: &str) -> Result<(String, u64), GuardError> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(r));
    let mut buf = Vec::new();
    let mut ext = Extent::default();
    let mut row: u64 = 0;
    let mut col: u64 = 0;
    let mut next_row: u64 = 0;
    let mut cell: Option<(u64, u64)> = None;
    let sheet = name.rsplit('/').next().unwrap_or(name).to_string();
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf).map_err(xml_error)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    "dimension" => {
                        if let Some(v) = attr(e, "ref") {
                            for part in v.split(':') {
                                if let Some((r, c)) = parse_ref(part)
                                    && (r >= EXCEL_MAX_ROWS || c >= EXCEL_MAX_COLS)
                                {
                                    return Err(ctx.corrupt(
                                        "dimension de feuille au-delà des limites d'Excel : classeur abîmé",
                                        "sheet dimension beyond Excel's limits: damaged workbook",
                                    ));
                                }
                            }
                        }
                    }
                    "row" => {
                        row = match attr_fast(e, "r").and_then(|v| v.trim().parse::<u64>().ok()) {
                            Some(r) if r >= 1 => r - 1,
                            _ => next_row,
                        };
                        next_row = row + 1;
                        col = 0;
                    }
                    "c" => {
                        let (r, c) = match attr_fast(e, "r").and_then(|v| parse_ref(&v)) {
                            Some(rc) => rc,
                            None => (row, col),
                        };
                        if r >= EXCEL_MAX_ROWS || c >= EXCEL_MAX_COLS {
                            return Err(ctx.corrupt(
                                "référence de cellule au-delà des limites d'Excel : classeur abîmé",
                                "cell reference beyond Excel's limits: damaged workbook",
                            ));
                        }
                        col = c + 1;
                        cell = (!empty).then_some((r, c));
                    }
                    "v" | "is" => {
                        if let Some((r, c)) = cell {
                            ext.add(r, c, r, c);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == "c" => cell = None,
            Event::Eof => break,
            _ => {}
        }
    }
    let area = ctx.sheet_area(&sheet, &ext)?;
    Ok((sheet, area))
}

fn ods_content(ctx: &mut Ctx, r: &mut impl Read, report: &mut Report) -> Result<(), GuardError> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(r));
    let mut buf = Vec::new();
    let mut sheet = String::new();
    let mut ext = Extent::default();
    let mut row: u64 = 0;
    let mut row_repeat: u64 = 1;
    let mut col: u64 = 0;
    // Cells calamine keeps for the current row before expanding repeats.
    let mut row_cells: u64 = 0;
    // The open cell: first column, repeat, whether it holds a value, the
    // bytes of text the reader makes of it.
    let mut cell: Option<(u64, u64, bool, u64)> = None;
    let mut depth_in_cell = 0u32;
    // Tables opened and not closed yet: calamine 0.38 loops forever on a
    // content.xml that ends inside a table (its table reader ignores the
    // end of the file).
    let mut open_tables = 0u32;
    let num = |e: &BytesStart<'_>, k: &str| -> u64 {
        attr(e, k)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf).map_err(xml_error)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.name();
                match name.as_ref() {
                    "table:table" => {
                        sheet = attr(e, "table:name").unwrap_or_default();
                        ext = Extent::default();
                        row = 0;
                        if !empty {
                            open_tables += 1;
                        }
                    }
                    "table:table-row" => {
                        row_repeat = num(e, "table:number-rows-repeated");
                        col = 0;
                        row_cells = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let repeat = num(e, "table:number-columns-repeated");
                        // calamine makes a cell of a value type, of a
                        // value without a type, and of a lone formula.
                        let mut text_len = 0u64;
                        let mut valued = false;
                        for a in e.attributes().flatten() {
                            let key = a.key.as_ref();
                            if key.starts_with("office:")
                                || key.starts_with("calcext:")
                                || key == "table:formula"
                            {
                                valued = true;
                                text_len = text_len.saturating_add(a.value.len() as u64);
                            }
                        }
                        let rs = attr(e, "table:number-rows-spanned")
                            .and_then(|v| v.trim().parse::<u64>().ok())
                            .unwrap_or(1);
                        let cs = attr(e, "table:number-columns-spanned")
                            .and_then(|v| v.trim().parse::<u64>().ok())
                            .unwrap_or(1);
                        if (rs > 1 || cs > 1) && name.as_ref() == "table:table-cell" {
                            let r1 = row.saturating_add(rs.max(1) - 1).min(u32::MAX as u64);
                            let c1 = col.saturating_add(cs.max(1) - 1).min(u32::MAX as u64);
                            if row <= u32::MAX as u64 && col <= u32::MAX as u64 {
                                let list = report.merges.entry(sheet.clone()).or_default();
                                if list.len() < 100_000 {
                                    list.push((row as u32, col as u32, r1 as u32, c1 as u32));
                                }
                            }
                        }
                        if empty {
                            let first = col;
                            close_ods_cell(
                                ctx,
                                &sheet,
                                &mut ext,
                                row,
                                row_repeat,
                                &mut col,
                                &mut row_cells,
                                (first, repeat, valued, text_len),
                            )?;
                        } else {
                            cell = Some((col, repeat, valued, text_len));
                            depth_in_cell = 0;
                        }
                    }
                    _ => {
                        if let Some((_, _, valued, text_len)) = cell.as_mut() {
                            // Text content (text:p) makes a string cell.
                            if !empty || name.as_ref() == "text:s" {
                                *valued = true;
                            }
                            // `<text:s text:c="N"/>` is N spaces; a tab or
                            // a line break one character.
                            let extra = match name.as_ref() {
                                "text:s" => attr(e, "text:c")
                                    .and_then(|v| v.trim().parse::<u64>().ok())
                                    .unwrap_or(1)
                                    .max(1),
                                _ => 1,
                            };
                            *text_len = text_len.saturating_add(extra);
                            if !empty {
                                depth_in_cell += 1;
                            }
                        }
                    }
                }
            }
            Event::Text(ref t) => {
                if let Some((_, _, valued, text_len)) = cell.as_mut()
                    && depth_in_cell > 0
                    && !t.as_ref().is_empty()
                {
                    *valued = true;
                    *text_len = text_len.saturating_add(t.as_ref().len() as u64);
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(c) = cell.take() {
                        close_ods_cell(
                            ctx,
                            &sheet,
                            &mut ext,
                            row,
                            row_repeat,
                            &mut col,
                            &mut row_cells,
                            c,
                        )?;
                    }
                }
                "table:table-row" => {
                    row = row.saturating_add(row_repeat);
                }
                "table:table" => {
                    open_tables = open_tables.saturating_sub(1);
                    ctx.extent(&sheet, &ext)?;
                }
                _ => {
                    if cell.is_some() {
                        depth_in_cell = depth_in_cell.saturating_sub(1);
                    }
                }
            },
            Event::Eof if open_tables > 0 => {
                return Err(GuardError::Corrupt(tr!(
                    ctx.lang,
                    "classeur .ods tronqué : la feuille « {} » n'est pas fermée (content.xml s'arrête au milieu)",
                    "truncated .ods workbook: sheet \"{}\" is not closed (content.xml stops in the middle)",
                    sheet
                )));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn close_ods_cell(
    ctx: &mut Ctx,
    sheet: &str,
    ext: &mut Extent,
    row: u64,
    row_repeat: u64,
    col: &mut u64,
    row_cells: &mut u64,
    (first, repeat, valued, text_len): (u64, u64, bool, u64),
) -> Result<(), GuardError> {
    let last = first.saturating_add(repeat - 1);
    *col = last.saturating_add(1);
    if valued {
        // The text is built once per cell of the repeated block.
        ctx.add_text(
            sheet,
            text_len.saturating_mul(repeat).saturating_mul(row_repeat),
        )?;
        ext.add(row, first, row.saturating_add(row_repeat - 1), last);
        // calamine keeps every cell of the row up to this one, once per
        // row element (repeats are expanded later, in the grid).
        let kept = last.saturating_add(1);
        if kept > *row_cells {
            let added = kept - *row_cells;
            *row_cells = kept;
            if last.saturating_add(1) > ctx.limits.max_columns {
                return ctx.extent(sheet, ext);
            }
            ctx.add_cells(sheet, added)?;
        }
        if row.saturating_add(row_repeat) > ctx.limits.max_rows {
            return ctx.extent(sheet, ext);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- xls ----

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;

/// A compound file as calamine reads it: sector `id` starts at byte
/// `(id + 1) × size` (the header fills the first sector).
struct Cfb<'a> {
    data: &'a [u8],
    size: usize,
    maxid: u64,
}

impl Cfb<'_> {
    fn sector(&self, id: u32) -> Option<&[u8]> {
        if id as u64 > self.maxid {
            return None;
        }
        let start = (id as usize + 1).checked_mul(self.size)?;
        let end = start.checked_add(self.size)?.min(self.data.len());
        Some(self.data.get(start..end).unwrap_or(&[]))
    }
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Follows a chain as calamine does (until `ENDOFCHAIN` or `len` bytes),
/// refusing sectors past the end, links outside the table, and cycles.
fn chain(
    ctx: &Ctx,
    mut id: u32,
    table: &[u32],
    len: u64,
    sector_size: usize,
    get: &dyn Fn(u32) -> Option<Vec<u8>>,
) -> Result<Vec<u8>, GuardError> {
    let bad = || {
        ctx.corrupt(
            "classeur .xls abîmé : chaîne de secteurs invalide (boucle ou secteur hors du fichier)",
            "damaged .xls workbook: invalid sector chain (a loop or a sector outside the file)",
        )
    };
    let mut out = Vec::new();
    let mut steps: u64 = 0;
    let limit = table.len() as u64 + 1;
    while id != ENDOFCHAIN {
        steps += 1;
        if steps > limit {
            return Err(bad());
        }
        let s = get(id).ok_or_else(bad)?;
        let take = (s.len() as u64).min(len - out.len() as u64) as usize;
        out.extend_from_slice(&s[..take]);
        if out.len() as u64 >= len {
            break;
        }
        if s.len() < sector_size {
            // Past the end of the file: calamine stops reading there.
            return Err(ctx.corrupt(
                "classeur .xls tronqué (fichier incomplet ?)",
                "truncated .xls workbook (incomplete file?)",
            ));
        }
        id = *table.get(id as usize).ok_or_else(bad)?;
    }
    Ok(out)
}

fn ole(ctx: &mut Ctx, data: &[u8]) -> Result<(), GuardError> {
    let damaged = |ctx: &Ctx| {
        ctx.corrupt(
            "classeur .xls abîmé ou tronqué (en-tête du fichier composite invalide)",
            "damaged or truncated .xls workbook (invalid compound file header)",
        )
    };
    if data.len() < 512 {
        return Err(damaged(ctx));
    }
    let size = match le16(data, 30) {
        9 => 512usize,
        12 => 4096,
        _ => return Err(damaged(ctx)),
    };
    if le16(data, 32) != 6 || data.len() < size {
        return Err(damaged(ctx));
    }
    let dir_start = le32(data, 48) as u32;
    let mini_fat_start = le32(data, 60) as u32;
    let mini_fat_len = le32(data, 64);
    let difat_start = le32(data, 68) as u32;
    let cfb = Cfb {
        data,
        size,
        maxid: (data.len() / size) as u64,
    };
    let file_len = data.len() as u64;
    // DIFAT: 109 entries in the header, then a chain of sectors.
    let mut difat: Vec<u32> = u32s(&data[76..512]).collect();
    let mut id = difat_start;
    let mut n = 0u64;
    while id < RESERVED {
        n += 1;
        if n > cfb.maxid + 1 {
            return Err(damaged(ctx));
        }
        let s = cfb.sector(id).ok_or_else(|| damaged(ctx))?;
        difat.extend(u32s(s));
        id = difat.pop().ok_or_else(|| damaged(ctx))?;
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let s = cfb.sector(id).ok_or_else(|| damaged(ctx))?;
        fat.extend(u32s(s));
        if fat.len() as u64 > cfb.maxid * (size as u64 / 4) + 1024 {
            return Err(damaged(ctx));
        }
    }
    let get = |id: u32| cfb.sector(id).map(<[u8]>::to_vec);
    let dirs = chain(ctx, dir_start, &fat, u64::MAX, size, &get)?;
    struct Dir {
        name: String,
        start: u32,
        len: u64,
    }
    let dirs: Vec<Dir> = dirs
        .chunks_exact(128)
        .map(|c| {
            let units: Vec<u16> = c[..64]
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .take_while(|&u| u != 0)
                .collect();
            Dir {
                name: String::from_utf16_lossy(&units),
                start: le32(c, 116) as u32,
                len: if size == 512 {
                    le32(c, 120)
                } else {
                    le64(c, 120)
                },
            }
        })
        .collect();
    let Some(root) = dirs.first() else {
        return Err(damaged(ctx));
    };
    for d in &dirs {
        if d.len > file_len {
            return Err(ctx.corrupt(
                "classeur .xls abîmé : un flux annonce plus d'octets que le fichier n'en a",
                "damaged .xls workbook: a stream claims more bytes than the file has",
            ));
        }
    }
    let (mini_fat, mini_stream) = if mini_fat_len > 0 {
        let ms = chain(ctx, root.start, &fat, root.len, size, &get)?;
        let mf_len = mini_fat_len.saturating_mul(size as u64);
        if mf_len > file_len {
            return Err(damaged(ctx));
        }
        let mf = chain(ctx, mini_fat_start, &fat, mf_len, size, &get)?;
        (u32s(&mf).collect::<Vec<u32>>(), ms)
    } else {
        (Vec::new(), Vec::new())
    };
    let Some(book) = dirs
        .iter()
        .find(|d| d.name.eq_ignore_ascii_case("Workbook"))
        .or_else(|| dirs.iter().find(|d| d.name.eq_ignore_ascii_case("Book")))
    else {
        return Err(ctx.corrupt(
            "fichier composite sans classeur (pas de flux Workbook) : ce n'est pas un .xls",
            "compound file without a workbook (no Workbook stream): not an .xls",
        ));
    };
    let stream = if book.len < 4096 {
        let mini_max = cfb.maxid * 8;
        let get_mini = |id: u32| {
            if id as u64 > mini_max {
                return None;
            }
            let start = id as usize * 64;
            let end = (start + 64).min(mini_stream.len());
            Some(mini_stream.get(start..end).unwrap_or(&[]).to_vec())
        };
        chain(ctx, book.start, &mini_fat, book.len, 64, &get_mini)?
    } else {
        chain(ctx, book.start, &fat, book.len, size, &get)?
    };
    biff(ctx, &stream)
}

/// Records of a BIFF stream from `pos`: (type, data).
fn records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let head = stream.get(pos..pos + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// The bytes of text (at most, in UTF-8) of each string of an SST record
/// and its CONTINUE records, in order: a LABELSST cell copies its string.
fn sst_lengths(segments: &[&[u8]]) -> Vec<u64> {
    struct Cursor<'a, 'b> {
        segs: &'b [&'a [u8]],
        i: usize,
        pos: usize,
    }
    impl Cursor<'_, '_> {
        fn byte(&mut self) -> Option<u8> {
            loop {
                let seg = self.segs.get(self.i)?;
                if let Some(b) = seg.get(self.pos) {
                    self.pos += 1;
                    return Some(*b);
                }
                self.i += 1;
                self.pos = 0;
            }
        }
        fn skip(&mut self, mut n: u64) -> Option<()> {
            while n > 0 {
                let seg = self.segs.get(self.i)?;
                let avail = (seg.len() - self.pos.min(seg.len())) as u64;
                if avail == 0 {
                    self.i += 1;
                    self.pos = 0;
                    continue;
                }
                let k = avail.min(n);
                self.pos += k as usize;
                n -= k;
            }
            Some(())
        }
        fn u16(&mut self) -> Option<u64> {
            Some(u64::from(self.byte()?) | (u64::from(self.byte()?) << 8))
        }
        fn u32(&mut self) -> Option<u64> {
            Some(self.u16()? | (self.u16()? << 16))
        }
        /// `cch` characters, a new flags byte at each segment boundary.
        fn chars(&mut self, mut cch: u64, mut high: bool) -> Option<()> {
            loop {
                let seg = self.segs.get(self.i)?;
                let w = if high { 2 } else { 1 };
                let avail = (seg.len() - self.pos.min(seg.len())) as u64 / w;
                let k = avail.min(cch);
                self.pos += (k * w) as usize;
                cch -= k;
                if cch == 0 {
                    return Some(());
                }
                self.i += 1;
                self.pos = 0;
                high = self.segs.get(self.i)?.first()? & 1 != 0;
                self.pos = 1;
            }
        }
    }
    let mut out = Vec::new();
    let mut c = Cursor {
        segs: segments,
        i: 0,
        pos: 8,
    };
    let mut one = || -> Option<u64> {
        let cch = c.u16()?;
        let flags = c.byte()?;
        let runs = if flags & 0x08 != 0 { c.u16()? } else { 0 };
        let ext = if flags & 0x04 != 0 { c.u32()? } else { 0 };
        c.chars(cch, flags & 0x01 != 0)?;
        c.skip(runs * 4)?;
        c.skip(ext)?;
        // UTF-8 bytes at most: 2 per compressed (Latin-1) character, 3 per
        // UTF-16 unit.
        Some(cch * if flags & 0x01 != 0 { 3 } else { 2 })
    };
    while let Some(n) = one() {
        out.push(n);
    }
    out
}

fn biff(ctx: &mut Ctx, stream: &[u8]) -> Result<(), GuardError> {
    let mut sheets = Vec::new();
    let mut sst: Vec<&[u8]> = Vec::new();
    let mut in_sst = false;
    for (typ, data) in records(stream, 0) {
        match typ {
            0x0085 if data.len() >= 4 => sheets.push(le32(data, 0) as usize),
            0x00FC => {
                sst = vec![data];
                in_sst = true;
                continue;
            }
            0x003C if in_sst => {
                sst.push(data);
                continue;
            }
            0x000A => break,
            _ => {}
        }
        in_sst = false;
    }
    let strings = sst_lengths(&sst);
    for (i, pos) in sheets.into_iter().enumerate() {
        let name = format!("{}", i + 1);
        if pos >= stream.len() {
            return Err(ctx.corrupt(
                "classeur .xls abîmé : une feuille commence hors du flux",
                "damaged .xls workbook: a sheet starts outside the stream",
            ));
        }
        let mut ext = Extent::default();
        let mut formulas = Extent::default();
        // Text the reader copies into cells from the shared strings.
        let mut text = 0u64;
        let mut seen_bof = false;
        let mut depth = 0usize;
        for (typ, d) in records(stream, pos) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let rc = |d: &[u8]| (le16(d, 0), le16(d, 2));
            match typ {
                0x0809 => {
                    if seen_bof {
                        depth += 1;
                    } else {
                        seen_bof = true;
                    }
                }
                0x0200 => {
                    // DIMENSIONS: calamine reserves rows × cols cells.
                    let (rf, rl, mut cf, cl) = match d.len() {
                        10 => (le16(d, 0), le16(d, 2), le16(d, 4), le16(d, 6)),
                        14 | 16 => (le32(d, 0), le32(d, 4), le16(d, 8), le16(d, 10)),
                        _ => continue,
                    };
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    let (start, end) = if rl >= 1 && cl >= 1 {
                        ((rf, cf), (rl - 1, cl - 1))
                    } else {
                        ((rf, cf), (rf, cf))
                    };
                    if end.0 < start.0 || end.1 < start.1 {
                        return Err(ctx.corrupt(
                            "classeur .xls abîmé : dimensions de feuille incohérentes",
                            "damaged .xls workbook: inconsistent sheet dimensions",
                        ));
                    }
                    let area = (end.0 - start.0 + 1).saturating_mul(end.1 - start.1 + 1);
                    if area > ctx.limits.max_cells {
                        let lang = ctx.lang;
                        return Err(ctx.too_large(
                            tr!(
                                lang,
                                "la feuille {} annonce {} cellules (au plus {})",
                                "sheet {} declares {} cells (at most {})",
                                name,
                                area,
                                ctx.limits.max_cells
                            ),
                            "--max-cells",
                        ));
                    }
                }
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if d.len() >= 4 => {
                    let (r, c) = rc(d);
                    ext.add(r, c, r, c);
                    if typ == 0x00FD && d.len() >= 10 {
                        let i = le32(d, 6) as usize;
                        text = text.saturating_add(strings.get(i).copied().unwrap_or(0));
                    }
                }
                0x00BD if d.len() >= 6 => {
                    let (r, c0) = rc(d);
                    let c1 = le16(d, d.len() - 2);
                    if c1 >= c0 {
                        ext.add(r, c0, r, c1);
                    }
                }
                0x0006 if d.len() >= 4 => {
                    let (r, c) = rc(d);
                    ext.add(r, c, r, c);
                    formulas.add(r, c, r, c);
                }
                0x000A => break,
                _ => {}
            }
        }
        ctx.extent(&name, &ext)?;
        ctx.extent(&name, &formulas)?;
        ctx.add_text(&name, text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_are_measured_across_continue_records() {
        // Header (8 bytes), "ab" compressed, then "xyz" of which "x" ends the
        // SST record and "yz" follows in a CONTINUE record, UTF-16 this time
        // (a new flags byte), then a rich string with one run.
        let sst: &[u8] = &[
            0, 0, 0, 0, 0, 0, 0, 0, // cstTotal, cstUnique
            2, 0, 0, b'a', b'b', // "ab"
            3, 0, 0, b'x', // "x…"
        ];
        let cont: &[u8] = &[
            1, b'y', 0, b'z', 0, // flags: UTF-16, "yz"
            1, 0, 0x08, 1, 0, b'q', 0, 0, 0, 0, // "q" with one run of 4 bytes
        ];
        assert_eq!(sst_lengths(&[sst, cont]), vec![4, 6, 2]);
        assert_eq!(sst_lengths(&[]), Vec::<u64>::new());
        assert_eq!(sst_lengths(&[&[0; 8], &[0xFF, 0xFF]]), Vec::<u64>::new());
    }
}

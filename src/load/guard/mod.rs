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

use crate::i18n;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use crate::i18n::Lang;

mod archive;
mod ods;
mod xls;
mod xlsx;

use archive::*;
use ods::*;
use xls::*;
use xlsx::*;

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

    fn corrupt(&self, message: &str) -> GuardError {
        GuardError::Corrupt(message.to_string())
    }

    /// The XML parts inflate to more than the limit (`n` bytes, at `part`
    /// if named).
    fn over_unpacked(&self, n: u64, part: Option<&str>) -> GuardError {
        let lang = self.lang;
        let part = part
            .map(|p| i18n::load::in_part(lang, p))
            .unwrap_or_default();
        self.too_large(
            i18n::load::unpacked_too_large(
                lang,
                n.div_ceil(MIB),
                part,
                self.limits.max_unpacked_bytes / MIB,
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
            Err(GuardError::Io(m)) => Err(GuardError::Corrupt(i18n::load::part_unreadable(
                self.lang, name, m,
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
                i18n::load::sheet_too_many_rows(lang, sheet, r1 + 1, self.limits.max_rows),
                "--max-rows",
            ));
        }
        if c1 + 1 > self.limits.max_columns {
            return Err(self.too_large(
                i18n::load::sheet_too_many_columns(
                    lang,
                    sheet,
                    crate::diagnostic::column_name(c1.min(u32::MAX as u64) as u32),
                    c1 + 1,
                    self.limits.max_columns,
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
                i18n::load::sheet_too_much_text(
                    lang,
                    sheet,
                    self.text.div_ceil(MIB),
                    self.limits.max_unpacked_bytes / MIB,
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
                i18n::load::sheet_too_many_cells(lang, sheet, self.cells, self.limits.max_cells),
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
            i18n::load::file_too_large(lang, len.div_ceil(MIB), limits.max_file_bytes / MIB),
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
        Err(ctx.corrupt(i18n::load::file_empty(ctx.lang)))
    } else {
        Err(ctx.corrupt(i18n::load::not_a_workbook(ctx.lang)))
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

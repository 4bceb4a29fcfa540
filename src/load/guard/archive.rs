//! Zip containers (xlsx, ods): the central directory, entry sizes and
//! counts, capped inflation; helpers for their XML parts.

use super::*;
use crate::i18n;

pub(super) fn le16(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 2)
        .map_or(0, |s| u16::from_le_bytes([s[0], s[1]]) as u64)
}

pub(super) fn le32(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as u64)
}

pub(super) fn le64(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8).map_or(0, |s| {
        u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]])
    })
}

/// Entries, central directory size and offset, from the end records.
pub(super) fn end_of_central_directory(
    ctx: &Ctx,
    file: &mut File,
    len: u64,
) -> Result<(u64, u64, u64), GuardError> {
    let io = |e: std::io::Error| GuardError::Io(e.to_string());
    let tail_len = len.min(65_535 + 22 + 20 + 56);
    file.seek(SeekFrom::Start(len - tail_len)).map_err(io)?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail).map_err(io)?;
    let truncated = || ctx.corrupt(i18n::load::zip_end_missing(ctx.lang));
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
        return Err(ctx.corrupt(i18n::load::zip_entries_overcount(ctx.lang)));
    }
    Ok((entries, cd_size, cd_offset))
}

/// Counts the bytes read through it and fails past the limit, so a part that
/// lies about its size is stopped all the same.
pub(super) struct Capped<R> {
    pub(super) inner: R,
    pub(super) left: u64,
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

pub(super) const LIMIT_MARK: &str = "ptba: decompressed size limit";

/// [`Capped`] with one budget shared by the threads inflating the parts of
/// a workbook: all of them together stop at the limit, whatever sizes the
/// archive declares. `read` counts this part's bytes.
pub(super) struct SharedCap<'a, R> {
    pub(super) inner: R,
    pub(super) left: &'a std::sync::atomic::AtomicU64,
    pub(super) read: u64,
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

pub(super) fn is_xml_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xml") || lower.ends_with(".rels") || lower == "mimetype"
}

pub(super) fn zip_container(
    ctx: &mut Ctx,
    path: &Path,
    mut file: File,
    len: u64,
) -> Result<Report, GuardError> {
    let lang = ctx.lang;
    let (entries, _, _) = end_of_central_directory(ctx, &mut file, len)?;
    if entries > ctx.limits.max_entries {
        return Err(ctx.corrupt(&i18n::load::zip_too_many_entries(
            lang,
            entries,
            ctx.limits.max_entries,
        )));
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
        return Err(ctx.corrupt(i18n::load::zip_without_workbook(ctx.lang)));
    };
    // Declared sizes first: refuse a bomb without inflating anything.
    let mut declared: u64 = 0;
    let mut sizes = vec![0u64; zip.len()];
    for (i, size) in sizes.iter_mut().enumerate() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| GuardError::Corrupt(i18n::load::zip_entry_unreadable_at(lang, e)))?;
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
        let entry = zip
            .by_index(i)
            .map_err(|e| GuardError::Corrupt(i18n::load::zip_entry_unreadable(lang, name, e)))?;
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
pub(super) struct PartOutcome {
    pub(super) index: usize,
    pub(super) inflated: u64,
    pub(super) sheet: Option<(String, u64)>,
    pub(super) result: Result<(), GuardError>,
}

/// A zip archive's directory, or why it cannot be read.
pub(super) fn open_zip(
    file: File,
    lang: Lang,
) -> Result<zip::ZipArchive<std::io::BufReader<File>>, GuardError> {
    zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| GuardError::Corrupt(i18n::load::zip_unreadable(lang, e)))
}

pub(super) fn xml_error(e: quick_xml::Error) -> GuardError {
    match e {
        quick_xml::Error::Io(io) => GuardError::Io(io.to_string()),
        other => GuardError::Io(format!("XML: {other}")),
    }
}

/// An attribute's raw value, without allocating or checking duplicates (the
/// per-cell path of a sheet of millions of cells).
pub(super) fn attr_fast<'a>(
    e: &'a BytesStart<'_>,
    name: &str,
) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value)
}

pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

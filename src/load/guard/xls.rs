//! xls: the compound file (sector chains) and its BIFF records.

use super::*;
use crate::i18n;

pub(super) const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
pub(super) const DIFSECT: u32 = 0xFFFF_FFFC;
pub(super) const RESERVED: u32 = 0xFFFF_FFFA;

/// A compound file as calamine reads it: sector `id` starts at byte
/// `(id + 1) × size` (the header fills the first sector).
pub(super) struct Cfb<'a> {
    pub(super) data: &'a [u8],
    pub(super) size: usize,
    pub(super) maxid: u64,
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

pub(super) fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Follows a chain as calamine does (until `ENDOFCHAIN` or `len` bytes),
/// refusing sectors past the end, links outside the table, and cycles.
pub(super) fn chain(
    ctx: &Ctx,
    mut id: u32,
    table: &[u32],
    len: u64,
    sector_size: usize,
    get: &dyn Fn(u32) -> Option<Vec<u8>>,
) -> Result<Vec<u8>, GuardError> {
    let bad = || ctx.corrupt(i18n::load::xls_bad_chain(ctx.lang));
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
            return Err(ctx.corrupt(i18n::load::xls_truncated(ctx.lang)));
        }
        id = *table.get(id as usize).ok_or_else(bad)?;
    }
    Ok(out)
}

fn damaged(ctx: &Ctx) -> GuardError {
    ctx.corrupt(i18n::load::xls_bad_header(ctx.lang))
}

/// An entry of the compound file's directory: a stream's name, first
/// sector and length.
struct Dir {
    name: String,
    start: u32,
    len: u64,
}

pub(super) fn ole(ctx: &mut Ctx, data: &[u8]) -> Result<(), GuardError> {
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
    let cfb = Cfb {
        data,
        size,
        maxid: (data.len() / size) as u64,
    };
    let file_len = data.len() as u64;
    let fat = fat(ctx, &cfb)?;
    let get = |id: u32| cfb.sector(id).map(<[u8]>::to_vec);
    let dirs = directory(
        ctx,
        &cfb,
        &chain(ctx, dir_start, &fat, u64::MAX, size, &get)?,
    )?;
    let root = &dirs[0];
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
        return Err(ctx.corrupt(i18n::load::xls_without_workbook(ctx.lang)));
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

/// The sector allocation table, through the DIFAT: 109 entries in the
/// header, then a chain of sectors.
fn fat(ctx: &Ctx, cfb: &Cfb<'_>) -> Result<Vec<u32>, GuardError> {
    let mut difat: Vec<u32> = u32s(&cfb.data[76..512]).collect();
    let mut id = le32(cfb.data, 68) as u32;
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
        if fat.len() as u64 > cfb.maxid * (cfb.size as u64 / 4) + 1024 {
            return Err(damaged(ctx));
        }
    }
    Ok(fat)
}

/// The directory entries (the root first), none longer than the file.
fn directory(ctx: &Ctx, cfb: &Cfb<'_>, bytes: &[u8]) -> Result<Vec<Dir>, GuardError> {
    let dirs: Vec<Dir> = bytes
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
                len: if cfb.size == 512 {
                    le32(c, 120)
                } else {
                    le64(c, 120)
                },
            }
        })
        .collect();
    if dirs.is_empty() {
        return Err(damaged(ctx));
    }
    if dirs.iter().any(|d| d.len > cfb.data.len() as u64) {
        return Err(ctx.corrupt(i18n::load::xls_stream_too_long(ctx.lang)));
    }
    Ok(dirs)
}

/// Records of a BIFF stream from `pos`: (type, data).
pub(super) fn records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
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
pub(super) fn sst_lengths(segments: &[&[u8]]) -> Vec<u64> {
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

pub(super) fn biff(ctx: &mut Ctx, stream: &[u8]) -> Result<(), GuardError> {
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
            return Err(ctx.corrupt(i18n::load::xls_sheet_outside(ctx.lang)));
        }
        biff_sheet(ctx, &name, records(stream, pos), &strings)?;
    }
    Ok(())
}

/// The records of one sheet, from its BOF: the cells holding a value, the
/// formulas and the shared strings the cells copy.
fn biff_sheet<'a>(
    ctx: &mut Ctx,
    name: &str,
    records: impl Iterator<Item = (u16, &'a [u8])>,
    strings: &[u64],
) -> Result<(), GuardError> {
    let mut ext = Extent::default();
    let mut formulas = Extent::default();
    // Text the reader copies into cells from the shared strings.
    let mut text = 0u64;
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (typ, d) in records {
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
            0x0200 => dimensions(ctx, name, d)?,
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
    ctx.extent(name, &ext)?;
    ctx.extent(name, &formulas)?;
    ctx.add_text(name, text)
}

/// DIMENSIONS: calamine reserves rows × cols cells.
fn dimensions(ctx: &Ctx, name: &str, d: &[u8]) -> Result<(), GuardError> {
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (le16(d, 0), le16(d, 2), le16(d, 4), le16(d, 6)),
        14 | 16 => (le32(d, 0), le32(d, 4), le16(d, 8), le16(d, 10)),
        _ => return Ok(()),
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
        return Err(ctx.corrupt(i18n::load::xls_bad_dimensions(ctx.lang)));
    }
    let area = (end.0 - start.0 + 1).saturating_mul(end.1 - start.1 + 1);
    if area > ctx.limits.max_cells {
        let lang = ctx.lang;
        return Err(ctx.too_large(
            i18n::load::xls_sheet_too_many_cells(lang, name, area, ctx.limits.max_cells),
            "--max-cells",
        ));
    }
    Ok(())
}

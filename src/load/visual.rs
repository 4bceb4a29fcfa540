//! What a sheet shows beyond its values, which calamine does not give:
//! hidden rows and columns, and cells shaded by a background fill (a
//! chronogram marked by colour). Read from the xlsx and ods parts after the
//! guard has bounded them; every range is cut to the sheet's own grid
//! when attached, so a row repeated a million times costs nothing.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::book::Sheet;

/// Rectangles, 0-based and inclusive: (row0, col0, row1, col1).
type Area = (u32, u32, u32, u32);

/// What one sheet hides and shades.
#[derive(Debug, Default, Clone)]
pub struct Looks {
    pub hidden_rows: Vec<(u32, u32)>,
    pub hidden_cols: Vec<(u32, u32)>,
    pub shaded: Vec<Area>,
}

/// Most ranges kept per sheet (real plans have a few hundred shaded cells).
const MAX_RANGES: usize = 200_000;

impl Looks {
    /// Copies onto `sheet`, cut to its grid.
    pub fn attach(&self, sheet: &mut Sheet) {
        let (r0, c0) = sheet.origin;
        let (r1, c1) = (sheet.end_row(), sheet.end_col());
        if r1 == r0 {
            return;
        }
        let mut rows = Vec::new();
        for &(a, b) in &self.hidden_rows {
            rows.extend(a.max(r0)..=b.min(r1.saturating_sub(1)));
        }
        rows.sort_unstable();
        rows.dedup();
        let mut cols = Vec::new();
        for &(a, b) in &self.hidden_cols {
            cols.extend(a.max(c0)..=b.min(c1.saturating_sub(1)));
        }
        cols.sort_unstable();
        cols.dedup();
        let mut shaded = Vec::new();
        for &(ra, ca, rb, cb) in &self.shaded {
            for r in ra.max(r0)..=rb.min(r1.saturating_sub(1)) {
                for c in ca.max(c0)..=cb.min(c1.saturating_sub(1)) {
                    shaded.push((r, c));
                }
            }
        }
        shaded.sort_unstable();
        shaded.dedup();
        sheet.hidden_rows = rows;
        sheet.hidden_cols = cols;
        sheet.shaded = shaded;
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .map(|a| match quick_xml::escape::unescape(&a.value) {
            Ok(v) => v.into_owned(),
            Err(_) => a.value.into_owned(),
        })
}

/// An attribute's raw value, without unescaping (numbers, flags).
fn raw_attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value)
}

/// Whether `hay` holds `needle` (a plain scan: sheets are bounded by the guard).
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn truthy(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("1" | "true"))
}

fn part(zip: &mut zip::ZipArchive<BufReader<File>>, name: &str) -> Option<Vec<u8>> {
    let index = (0..zip.len()).find(|&i| {
        zip.by_index_raw(i)
            .is_ok_and(|f| f.name().is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    })?;
    let mut f = zip.by_index(index).ok()?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).ok()?;
    Some(out)
}

/// "AB12" → (11, 27), 0-based (row, col).
fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &s[letters.len()..];
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0u32;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Whether each cell style (`cellXfs`, by index) of an xlsx's
/// `styles.xml` has a pattern fill (solid or other).
fn shaded_styles(styles: &[u8]) -> Vec<bool> {
    let mut shaded_style: Vec<bool> = Vec::new();
    let mut fills: Vec<bool> = Vec::new();
    let mut xml = quick_xml::Reader::from_reader(styles);
    let mut buf = Vec::new();
    let mut section = "";
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf);
        match &ev {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let empty = matches!(ev, Ok(Event::Empty(_)));
                match e.local_name().as_ref() {
                    "fills" if !empty => section = "fills",
                    "cellXfs" if !empty => section = "xfs",
                    "cellStyleXfs" if !empty => section = "stylexfs",
                    "patternFill" if section == "fills" => {
                        let t = attr(e, "patternType");
                        fills.push(!matches!(t.as_deref(), None | Some("none" | "gray125")));
                    }
                    // A fill without a pattern.
                    "fill" if empty && section == "fills" => fills.push(false),
                    "gradientFill" if section == "fills" => fills.push(true),
                    "xf" if section == "xfs" => {
                        let id: usize = attr(e, "fillId").and_then(|v| v.parse().ok()).unwrap_or(0);
                        shaded_style.push(fills.get(id).copied().unwrap_or(false));
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) => {
                if matches!(
                    e.local_name().as_ref(),
                    "fills" | "cellXfs" | "cellStyleXfs"
                ) {
                    section = "";
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    shaded_style
}

/// Sheet name → looks, for an xlsx.
pub fn xlsx(path: &Path) -> HashMap<String, Looks> {
    let mut out = HashMap::new();
    let Ok(file) = File::open(path) else {
        return out;
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return out;
    };
    // Styles whose fill is a pattern (solid or other), by cellXfs index.
    let shaded_style = part(&mut zip, "xl/styles.xml")
        .map(|styles| shaded_styles(&styles))
        .unwrap_or_default();
    // Sheet names → parts, through the workbook's relationships.
    let mut targets: HashMap<String, String> = HashMap::new();
    if let Some(rels) = part(&mut zip, "xl/_rels/workbook.xml.rels") {
        let mut xml = quick_xml::Reader::from_reader(rels.as_slice());
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                        let t = match t.strip_prefix('/') {
                            Some(t) => t.to_string(),
                            None => format!("xl/{t}"),
                        };
                        targets.insert(id, t);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    let mut sheets: Vec<(String, String)> = Vec::new();
    if let Some(wb) = part(&mut zip, "xl/workbook.xml") {
        let mut xml = quick_xml::Reader::from_reader(wb.as_slice());
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                    if let (Some(name), Some(id)) = (attr(&e, "name"), attr(&e, "id"))
                        && let Some(t) = targets.get(&id)
                    {
                        sheets.push((name, t.clone()));
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    // A sheet part may hold tens of megabytes of XML: it is read as a
    // stream, never whole in memory beside the workbook's cells.
    let any_shade = shaded_style.iter().any(|&s| s);
    for (name, target) in sheets {
        // Most sheets hide nothing and shade nothing: not walked at all.
        let walk = if any_shade {
            true
        } else {
            match streamed_part(&mut zip, &target).map(mentions_hidden) {
                Some(Some(walk)) => walk,
                // Missing or unreadable: no looks for that sheet.
                _ => continue,
            }
        };
        if !walk {
            out.insert(name, Looks::default());
            continue;
        }
        let Some(f) = streamed_part(&mut zip, &target) else {
            continue;
        };
        let Some(looks) = xlsx_sheet(BufReader::new(f), &shaded_style) else {
            continue;
        };
        out.insert(name, looks);
    }
    out
}

/// A part of the zip, to be read as a stream.
fn streamed_part<'z>(
    zip: &'z mut zip::ZipArchive<BufReader<File>>,
    name: &str,
) -> Option<zip::read::ZipFile<'z, BufReader<File>>> {
    let index = (0..zip.len()).find(|&i| {
        zip.by_index_raw(i)
            .is_ok_and(|f| f.name().is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    })?;
    zip.by_index(index).ok()
}

/// Whether the text read from `r` holds `hidden="1"` or `hidden="true"`,
/// read in blocks (each searched with the end of the one before, so a
/// mention across two blocks is found); `None` when it cannot be read to
/// its end.
fn mentions_hidden(mut r: impl Read) -> Option<bool> {
    const NEEDLES: [&[u8]; 2] = [b"hidden=\"1\"", b"hidden=\"true\""];
    let keep = NEEDLES.iter().map(|n| n.len()).max().unwrap_or(0) - 1;
    let mut buf = vec![0u8; 64 * 1024];
    let mut filled = 0;
    let mut found = false;
    loop {
        let n = match r.read(&mut buf[filled..]) {
            Ok(0) => return Some(found),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        filled += n;
        // Read on to the end even once found: an unreadable part counts as
        // missing, as when it was read whole.
        found = found
            || NEEDLES
                .iter()
                .any(|needle| contains(&buf[..filled], needle));
        let tail = filled.saturating_sub(keep);
        buf.copy_within(tail..filled, 0);
        filled -= tail;
    }
}

/// The looks of one sheet part; `None` when the part cannot be read to its
/// end (as a part that cannot be read whole).
fn xlsx_sheet(bytes: impl std::io::BufRead, shaded_style: &[bool]) -> Option<Looks> {
    let mut looks = Looks::default();
    let any_shade = shaded_style.iter().any(|&s| s);
    let mut xml = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut row_seen = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "col" if truthy(attr(&e, "hidden")) => {
                    let min: u32 = attr(&e, "min").and_then(|v| v.parse().ok()).unwrap_or(1);
                    let max: u32 = attr(&e, "max").and_then(|v| v.parse().ok()).unwrap_or(min);
                    if min >= 1 && max >= min && looks.hidden_cols.len() < MAX_RANGES {
                        looks.hidden_cols.push((min - 1, max - 1));
                    }
                }
                "row" => {
                    row = match raw_attr(&e, "r").and_then(|v| v.parse::<u32>().ok()) {
                        Some(r) if r >= 1 => r - 1,
                        _ if row_seen => row + 1,
                        _ => 0,
                    };
                    row_seen = true;
                    col = 0;
                    let hidden = raw_attr(&e, "hidden").is_some_and(|v| v == "1" || v == "true");
                    if hidden && looks.hidden_rows.len() < MAX_RANGES {
                        looks.hidden_rows.push((row, row));
                    }
                }
                "c" if any_shade => {
                    if let Some((r, c)) = raw_attr(&e, "r").and_then(|v| cell_ref(&v)) {
                        row = r;
                        col = c;
                    }
                    let shaded = raw_attr(&e, "s")
                        .and_then(|v| v.parse::<usize>().ok())
                        .and_then(|s| shaded_style.get(s).copied())
                        .unwrap_or(false);
                    if shaded && looks.shaded.len() < MAX_RANGES {
                        looks.shaded.push((row, col, row, col));
                    }
                    col += 1;
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(quick_xml::Error::Io(_)) => return None,
            Err(_) => {
                // Malformed XML: what was read so far, as before; the part
                // is still read to its end so that a damaged part is told
                // apart from a malformed one.
                let mut rest = xml.into_inner();
                return std::io::copy(&mut rest, &mut std::io::sink())
                    .ok()
                    .map(|_| looks);
            }
            Ok(_) => {}
        }
    }
    Some(looks)
}

/// Sheet name → looks, for an ods.
pub fn ods(path: &Path) -> HashMap<String, Looks> {
    let Ok(file) = File::open(path) else {
        return HashMap::new();
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return HashMap::new();
    };
    let Some(content) = part(&mut zip, "content.xml") else {
        return HashMap::new();
    };
    // Nothing hidden, no cell background: nothing to walk.
    if !contains(&content, b"table:visibility=\"")
        && !contains(&content, b"fo:background-color=\"#")
    {
        return HashMap::new();
    }
    let mut walk = OdsWalk {
        row_repeat: 1,
        ..OdsWalk::default()
    };
    let mut xml = quick_xml::Reader::from_reader(content.as_slice());
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => walk.start(&e, false),
            Ok(Event::Empty(e)) => walk.start(&e, true),
            Ok(Event::End(e)) => walk.end(e.local_name().as_ref()),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    walk.out
}

/// Rows and columns far past any grid are not walked one by one.
const FAR: u32 = 1 << 20;

/// Where the walk of an ods `content.xml` stands: the shaded cell styles
/// met, the sheet, row and column, and the looks found so far.
#[derive(Default)]
struct OdsWalk {
    out: HashMap<String, Looks>,
    shaded_styles: std::collections::HashSet<String>,
    style: Option<String>,
    current: Option<(String, Looks)>,
    row: u32,
    col: u32,
    row_repeat: u32,
    next_col: u32,
}

/// A repeat count attribute: at least 1.
fn repeat(e: &BytesStart<'_>, key: &str) -> u32 {
    raw_attr(e, key)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// Notes `n` hidden rows or columns from `first` (not past [`FAR`], not
/// beyond [`MAX_RANGES`] ranges).
fn hide(ranges: &mut Vec<(u32, u32)>, first: u32, n: u32) {
    if first < FAR && ranges.len() < MAX_RANGES {
        ranges.push((first, first.saturating_add(n - 1)));
    }
}

/// Whether an element says it is hidden (`table:visibility` other than
/// visible).
fn hidden(e: &BytesStart<'_>) -> bool {
    raw_attr(e, "table:visibility").is_some_and(|v| v != "visible")
}

impl OdsWalk {
    fn end(&mut self, name: &str) {
        match name {
            "style" => self.style = None,
            "table-row" => {
                self.row = self.row.saturating_add(self.row_repeat);
            }
            "table" => {
                if let Some((name, looks)) = self.current.take() {
                    self.out.insert(name, looks);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let (row, col) = (self.row, self.col);
        match e.local_name().as_ref() {
            "style" if attr(e, "family").as_deref() == Some("table-cell") => {
                self.style = attr(e, "name");
            }
            "table-cell-properties" => {
                if let Some(s) = &self.style
                    && let Some(bg) = attr(e, "background-color")
                    && bg != "transparent"
                    && !bg.eq_ignore_ascii_case("#ffffff")
                {
                    self.shaded_styles.insert(s.clone());
                }
            }
            "table" => {
                self.current = attr(e, "name").map(|n| (n, Looks::default()));
                self.row = 0;
                self.next_col = 0;
            }
            "table-column" => {
                let n = repeat(e, "table:number-columns-repeated");
                if let Some((_, looks)) = self.current.as_mut()
                    && hidden(e)
                {
                    hide(&mut looks.hidden_cols, self.next_col, n);
                }
                self.next_col = self.next_col.saturating_add(n);
            }
            "table-row" => {
                let row_repeat = repeat(e, "table:number-rows-repeated");
                self.row_repeat = row_repeat;
                self.col = 0;
                if let Some((_, looks)) = self.current.as_mut()
                    && hidden(e)
                {
                    hide(&mut looks.hidden_rows, row, row_repeat);
                }
                if empty {
                    self.row = row.saturating_add(row_repeat);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let n = repeat(e, "table:number-columns-repeated");
                let row_repeat = self.row_repeat;
                if let Some((_, looks)) = self.current.as_mut()
                    && let Some(s) = attr(e, "style-name")
                    && self.shaded_styles.contains(&s)
                    && row < FAR
                    && col < FAR
                    && looks.shaded.len() < MAX_RANGES
                {
                    looks.shaded.push((
                        row,
                        col,
                        row.saturating_add(row_repeat - 1),
                        col.saturating_add(n - 1),
                    ));
                }
                self.col = col.saturating_add(n);
            }
            _ => {}
        }
    }
}

// ------------------------------------------------------------------ xls --

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The `Workbook` stream of a compound file (the guard has checked the
/// chains; every walk here is still bounded by the file's sector count).
fn workbook_stream(data: &[u8]) -> Option<Vec<u8>> {
    let shift = u16_at(data, 0x1E)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    let sectors = data.len() / size;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize + 1).checked_mul(size)?;
        data.get(start..start + size)
    };
    // FAT sector ids: the header's 109, then the DIFAT chain.
    let mut fat_ids: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(data, 0x4C + i * 4))
        .collect();
    let mut difat = u32_at(data, 0x44)?;
    let mut steps = 0;
    while difat < 0xFFFF_FFFA && steps <= sectors {
        let s = sector(difat)?;
        let n = size / 4 - 1;
        fat_ids.extend((0..n).filter_map(|i| u32_at(s, i * 4)));
        difat = u32_at(s, n * 4)?;
        steps += 1;
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in fat_ids.into_iter().filter(|&i| i < 0xFFFF_FFFA) {
        let s = sector(id)?;
        fat.extend((0..size / 4).filter_map(|i| u32_at(s, i * 4)));
    }
    let chain = |start: u32, table: &[u32], limit: usize| -> Vec<u32> {
        let mut out = Vec::new();
        let mut id = start;
        while id < 0xFFFF_FFFA && out.len() <= limit {
            out.push(id);
            id = table.get(id as usize).copied().unwrap_or(0xFFFF_FFFE);
        }
        out
    };
    let mut dir = Vec::new();
    for id in chain(u32_at(data, 0x30)?, &fat, sectors) {
        dir.extend_from_slice(sector(id)?);
    }
    let entry = |i: usize| dir.get(i * 128..i * 128 + 128);
    let name_of = |e: &[u8]| -> String {
        let n = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
        let units: Vec<u16> = (0..n / 2)
            .filter_map(|k| u16_at(e, k * 2))
            .take_while(|&u| u != 0)
            .collect();
        String::from_utf16_lossy(&units)
    };
    let root = entry(0)?;
    let book = (0..dir.len() / 128).filter_map(entry).find(|e| {
        matches!(
            name_of(e).to_ascii_lowercase().as_str(),
            "workbook" | "book"
        )
    })?;
    let start = u32_at(book, 116)?;
    let len = u32_at(book, 120)? as usize;
    if len > data.len() {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    if len < 4096 {
        let mut mini_fat = Vec::new();
        for id in chain(u32_at(data, 0x3C)?, &fat, sectors) {
            let s = sector(id)?;
            mini_fat.extend((0..size / 4).filter_map(|i| u32_at(s, i * 4)));
        }
        let mut mini = Vec::new();
        for id in chain(u32_at(root, 116)?, &fat, sectors) {
            mini.extend_from_slice(sector(id)?);
        }
        for id in chain(start, &mini_fat, mini.len() / 64) {
            let at = id as usize * 64;
            out.extend_from_slice(mini.get(at..at + 64)?);
        }
    } else {
        for id in chain(start, &fat, sectors) {
            out.extend_from_slice(sector(id)?);
        }
    }
    out.truncate(len);
    Some(out)
}

/// BIFF8 records from `pos`: (type, data).
fn biff_records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// Sheet name → looks, for an .xls (BIFF8).
pub fn xls(path: &Path) -> HashMap<String, Looks> {
    let mut out = HashMap::new();
    let Ok(data) = std::fs::read(path) else {
        return out;
    };
    let Some(stream) = workbook_stream(&data) else {
        return out;
    };
    // Globals: the fill pattern of each XF, and the sheets.
    let mut xf_fill: Vec<bool> = Vec::new();
    let mut sheets: Vec<(String, usize)> = Vec::new();
    for (typ, d) in biff_records(&stream, 0) {
        match typ {
            0x00E0 => {
                let fls = u32_at(d, 14).map_or(0, |v| v >> 26);
                xf_fill.push(fls != 0);
            }
            0x0085 if d.len() >= 8 => {
                let pos = u32_at(d, 0).unwrap_or(0) as usize;
                let n = d[6] as usize;
                let name = if d[7] & 1 == 1 {
                    let units: Vec<u16> = (0..n).filter_map(|k| u16_at(d, 8 + k * 2)).collect();
                    String::from_utf16_lossy(&units)
                } else {
                    d.get(8..8 + n)
                        .unwrap_or(&[])
                        .iter()
                        .map(|&b| b as char)
                        .collect()
                };
                if d[5] == 0 {
                    sheets.push((name, pos));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    let filled = |ixfe: Option<u16>| {
        ixfe.and_then(|i| xf_fill.get(i as usize).copied())
            .unwrap_or(false)
    };
    for (name, pos) in sheets {
        let mut looks = Looks::default();
        let mut seen_bof = false;
        for (typ, d) in biff_records(&stream, pos) {
            if looks.shaded.len() >= MAX_RANGES {
                break;
            }
            match typ {
                0x0809 if seen_bof => break,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0208 => {
                    // ROW: fDyZero (bit 5 of grbit) is a hidden row.
                    if let (Some(r), Some(g)) = (u16_at(d, 0), u16_at(d, 12))
                        && g & 0x20 != 0
                    {
                        looks.hidden_rows.push((r as u32, r as u32));
                    }
                }
                0x007D => {
                    // COLINFO: fHidden.
                    if let (Some(a), Some(b), Some(g)) = (u16_at(d, 0), u16_at(d, 2), u16_at(d, 8))
                        && g & 1 != 0
                        && a <= b
                    {
                        looks.hidden_cols.push((a as u32, b as u32));
                    }
                }
                0x0201 | 0x0203 | 0x027E | 0x00FD | 0x0006 | 0x0204 | 0x0205 => {
                    if let (Some(r), Some(c)) = (u16_at(d, 0), u16_at(d, 2))
                        && filled(u16_at(d, 4))
                    {
                        looks.shaded.push((r as u32, c as u32, r as u32, c as u32));
                    }
                }
                0x00BE | 0x00BD => {
                    // MULBLANK (ixfe each 2 bytes), MULRK (ixfe + RK, 6 bytes).
                    let step = if typ == 0x00BE { 2 } else { 6 };
                    if let (Some(r), Some(first)) = (u16_at(d, 0), u16_at(d, 2)) {
                        let n = d.len().saturating_sub(6) / step;
                        for k in 0..n {
                            if filled(u16_at(d, 4 + k * step)) {
                                let c = first as u32 + k as u32;
                                looks.shaded.push((r as u32, c, r as u32, c));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out.insert(name, looks);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_styles_with_a_pattern_or_gradient_fill_are_shaded() {
        let styles = br##"<styleSheet>
            <fills count="5">
                <fill><patternFill patternType="none"/></fill>
                <fill><patternFill patternType="gray125"/></fill>
                <fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill>
                <fill/>
                <fill><gradientFill degree="90"><stop position="0"/></gradientFill></fill>
            </fills>
            <cellStyleXfs count="1"><xf fillId="2"/></cellStyleXfs>
            <cellXfs count="6">
                <xf fillId="0"/><xf fillId="2"/><xf fillId="1"/>
                <xf fillId="3"/><xf fillId="4"/><xf fillId="9"/>
            </cellXfs>
        </styleSheet>"##;
        assert_eq!(
            shaded_styles(styles),
            vec![false, true, false, false, true, false]
        );
    }

    /// Sheet parts are searched in blocks: a mention across two blocks is
    /// found, and a part that cannot be read to its end counts as missing.
    #[test]
    fn hidden_is_found_across_blocks() {
        for at in [0, 64 * 1024 - 7, 64 * 1024 - 1, 64 * 1024, 200_000] {
            for needle in ["hidden=\"1\"", "hidden=\"true\""] {
                let mut text = "x".repeat(300_000);
                text.insert_str(at, needle);
                assert_eq!(
                    mentions_hidden(text.as_bytes()),
                    Some(true),
                    "{at} {needle}"
                );
            }
        }
        let text = format!("{}hidden=\"0\"{}", "x".repeat(65_530), "x".repeat(70_000));
        assert_eq!(mentions_hidden(text.as_bytes()), Some(false));
        let broken = text.as_bytes().chain(Failing);
        assert_eq!(mentions_hidden(broken), None);
        let shown: &[u8] = b"<row r=\"1\" hidden=\"1\"/>";
        assert_eq!(mentions_hidden(shown.chain(Failing)), None);
    }

    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("damaged"))
        }
    }

    #[test]
    fn references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("1"), None);
    }

    #[test]
    fn attach_cuts_to_the_grid() {
        let mut s = Sheet {
            rows: vec![vec![super::super::book::Value::Empty; 3]; 4],
            ..Default::default()
        };
        Looks {
            hidden_rows: vec![(2, 1_000_000)],
            hidden_cols: vec![(1, 1)],
            shaded: vec![(0, 0, 1_000_000, 0)],
        }
        .attach(&mut s);
        assert_eq!(s.hidden_rows, vec![2, 3]);
        assert_eq!(s.hidden_cols, vec![1]);
        assert_eq!(s.shaded, vec![(0, 0), (1, 0), (2, 0), (3, 0)]);
    }
}

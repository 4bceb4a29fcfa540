//! xlsx: the parts, the shared strings and each worksheet's extent.

use super::*;
use crate::i18n;

/// Inflates and inspects the XML parts of an xlsx on two threads (the
/// worksheets of a national plan are most of the time spent here), each
/// with its own reader of the file, then applies the limits on the whole in
/// part order — the same verdict, and the same first error, as one pass.
pub(super) fn xlsx_parts(
    ctx: &mut Ctx,
    path: &Path,
    names: &[String],
    sizes: &[u64],
) -> Result<(), GuardError> {
    let lang = ctx.lang;
    let unpacked_limit = ctx.limits.max_unpacked_bytes;
    let work = share_parts(names, sizes);
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
            let outcome = inspect_part(&mut zip, index, &names[index], &budget, limits, lang);
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
            i18n::load::workbook_unreadable_plain(lang).to_string(),
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

/// The XML parts, shared between two workers: largest first, each to the
/// less loaded one.
fn share_parts(names: &[String], sizes: &[u64]) -> [(u64, Vec<usize>); 2] {
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
    work
}

/// Inflates one part within the shared budget and inspects it: the shared
/// strings, or a worksheet's extent.
fn inspect_part<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    index: usize,
    name: &str,
    budget: &std::sync::atomic::AtomicU64,
    limits: Limits,
    lang: Lang,
) -> PartOutcome {
    let entry = match zip.by_index(index) {
        Ok(entry) => entry,
        Err(e) => {
            return PartOutcome {
                index,
                inflated: 0,
                sheet: None,
                result: Err(GuardError::Corrupt(i18n::load::zip_entry_unreadable(
                    lang, name, e,
                ))),
            };
        }
    };
    let mut capped = SharedCap {
        inner: entry,
        left: budget,
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
        // Any part may be a worksheet: the reader finds them through
        // relationships, not by folder. A part that is not one has no cells
        // and counts none.
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

/// How many sheets of an xlsx's `xl/workbook.xml` name each part (through
/// `xl/_rels/workbook.xml.rels`), by lower-case part name. Both parts have
/// passed the size limit already; a missing one gives no count.
pub(super) fn sheet_targets(path: &Path, lang: Lang) -> Result<HashMap<String, u64>, GuardError> {
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
pub(super) fn entry_named<'z>(
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
pub(super) fn relationships(
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

pub(super) fn shared_strings(ctx: &mut Ctx, r: &mut impl Read) -> Result<(), GuardError> {
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
                                    i18n::load::shared_strings_claimed(
                                        lang,
                                        v.trim(),
                                        ctx.limits.max_cells,
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
                            i18n::load::shared_strings_too_many(lang, ctx.limits.max_cells),
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
pub(super) fn parse_ref(s: &str) -> Option<(u64, u64)> {
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

pub(super) const EXCEL_MAX_ROWS: u64 = 1_048_576;
pub(super) const EXCEL_MAX_COLS: u64 = 16_384;

/// A worksheet's name (from its part) and grid cells, after checking its
/// rows and columns.
pub(super) fn xlsx_sheet(
    ctx: &Ctx,
    r: &mut impl Read,
    name: &str,
) -> Result<(String, u64), GuardError> {
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
                                        i18n::load::xlsx_dimension_beyond_excel(ctx.lang),
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
                            return Err(ctx.corrupt(i18n::load::xlsx_cell_beyond_excel(ctx.lang)));
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

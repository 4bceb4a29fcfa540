//! ods: `content.xml` — rows, columns, repeats, spans and text.

use super::*;

pub(super) fn ods_content(
    ctx: &mut Ctx,
    r: &mut impl Read,
    report: &mut Report,
) -> Result<(), GuardError> {
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
pub(super) fn close_ods_cell(
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

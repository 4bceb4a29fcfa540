//! ods: `content.xml` — rows, columns, repeats, spans and text.

use super::*;
use crate::i18n;

/// The open cell: first column, repeat, whether it holds a value, the bytes
/// of text the reader makes of it.
type OpenCell = (u64, u64, bool, u64);

/// Where the reading of `content.xml` stands: the sheet, row and column, and
/// the cell being read.
#[derive(Default)]
struct OdsScan {
    sheet: String,
    ext: Extent,
    row: u64,
    row_repeat: u64,
    col: u64,
    /// Cells calamine keeps for the current row before expanding repeats.
    row_cells: u64,
    cell: Option<OpenCell>,
    depth_in_cell: u32,
    /// Tables opened and not closed yet: calamine 0.38 loops forever on a
    /// content.xml that ends inside a table (its table reader ignores the
    /// end of the file).
    open_tables: u32,
}

/// A repeat count attribute: at least 1.
fn repeat_of(e: &BytesStart<'_>, k: &str) -> u64 {
    attr(e, k)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .max(1)
}

pub(super) fn ods_content(
    ctx: &mut Ctx,
    r: &mut impl Read,
    report: &mut Report,
) -> Result<(), GuardError> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(r));
    let mut buf = Vec::new();
    let mut scan = OdsScan {
        row_repeat: 1,
        ..OdsScan::default()
    };
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf).map_err(xml_error)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                scan.start(ctx, e, empty, report)?;
            }
            Event::Text(ref t) => {
                if let Some((_, _, valued, text_len)) = scan.cell.as_mut()
                    && scan.depth_in_cell > 0
                    && !t.as_ref().is_empty()
                {
                    *valued = true;
                    *text_len = text_len.saturating_add(t.as_ref().len() as u64);
                }
            }
            Event::End(ref e) => scan.end(ctx, e.name().as_ref())?,
            Event::Eof if scan.open_tables > 0 => {
                return Err(GuardError::Corrupt(i18n::load::ods_truncated(
                    ctx.lang, scan.sheet,
                )));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

impl OdsScan {
    /// An opening (or empty) element.
    fn start(
        &mut self,
        ctx: &mut Ctx,
        e: &BytesStart<'_>,
        empty: bool,
        report: &mut Report,
    ) -> Result<(), GuardError> {
        let name = e.name();
        match name.as_ref() {
            "table:table" => {
                self.sheet = attr(e, "table:name").unwrap_or_default();
                self.ext = Extent::default();
                self.row = 0;
                if !empty {
                    self.open_tables += 1;
                }
            }
            "table:table-row" => {
                self.row_repeat = repeat_of(e, "table:number-rows-repeated");
                self.col = 0;
                self.row_cells = 0;
                if empty {
                    self.row = self.row.saturating_add(self.row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                self.start_cell(ctx, e, empty, report)?;
            }
            other => self.inside_cell(e, other, empty),
        }
        Ok(())
    }

    /// A cell opens: its value, its text and its span.
    fn start_cell(
        &mut self,
        ctx: &mut Ctx,
        e: &BytesStart<'_>,
        empty: bool,
        report: &mut Report,
    ) -> Result<(), GuardError> {
        let repeat = repeat_of(e, "table:number-columns-repeated");
        // calamine makes a cell of a value type, of a value without a type,
        // and of a lone formula.
        let mut text_len = 0u64;
        let mut valued = false;
        for a in e.attributes().flatten() {
            let key = a.key.as_ref();
            if key.starts_with("office:") || key.starts_with("calcext:") || key == "table:formula" {
                valued = true;
                text_len = text_len.saturating_add(a.value.len() as u64);
            }
        }
        if e.name().as_ref() == "table:table-cell" {
            self.merge(e, report);
        }
        if empty {
            self.close_cell(ctx, (self.col, repeat, valued, text_len))?;
        } else {
            self.cell = Some((self.col, repeat, valued, text_len));
            self.depth_in_cell = 0;
        }
        Ok(())
    }

    /// A cell spanning rows or columns is a merged region.
    fn merge(&self, e: &BytesStart<'_>, report: &mut Report) {
        let span = |k: &str| {
            attr(e, k)
                .and_then(|v| v.trim().parse::<u64>().ok())
                .unwrap_or(1)
        };
        let rs = span("table:number-rows-spanned");
        let cs = span("table:number-columns-spanned");
        if rs <= 1 && cs <= 1 {
            return;
        }
        let (row, col) = (self.row, self.col);
        let r1 = row.saturating_add(rs.max(1) - 1).min(u32::MAX as u64);
        let c1 = col.saturating_add(cs.max(1) - 1).min(u32::MAX as u64);
        if row <= u32::MAX as u64 && col <= u32::MAX as u64 {
            let list = report.merges.entry(self.sheet.clone()).or_default();
            if list.len() < 100_000 {
                list.push((row as u32, col as u32, r1 as u32, c1 as u32));
            }
        }
    }

    /// An element inside a cell: its text makes a string cell.
    fn inside_cell(&mut self, e: &BytesStart<'_>, name: &str, empty: bool) {
        let Some((_, _, valued, text_len)) = self.cell.as_mut() else {
            return;
        };
        // Text content (text:p) makes a string cell.
        if !empty || name == "text:s" {
            *valued = true;
        }
        // `<text:s text:c="N"/>` is N spaces; a tab or a line break one
        // character.
        let extra = match name {
            "text:s" => repeat_of(e, "text:c"),
            _ => 1,
        };
        *text_len = text_len.saturating_add(extra);
        if !empty {
            self.depth_in_cell += 1;
        }
    }

    /// A closing element.
    fn end(&mut self, ctx: &mut Ctx, name: &str) -> Result<(), GuardError> {
        match name {
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(c) = self.cell.take() {
                    self.close_cell(ctx, c)?;
                }
            }
            "table:table-row" => {
                self.row = self.row.saturating_add(self.row_repeat);
            }
            "table:table" => {
                self.open_tables = self.open_tables.saturating_sub(1);
                ctx.extent(&self.sheet, &self.ext)?;
            }
            _ => {
                if self.cell.is_some() {
                    self.depth_in_cell = self.depth_in_cell.saturating_sub(1);
                }
            }
        }
        Ok(())
    }

    /// A cell (or a block of repeated cells) ends: counts its cells and text.
    fn close_cell(
        &mut self,
        ctx: &mut Ctx,
        (first, repeat, valued, text_len): OpenCell,
    ) -> Result<(), GuardError> {
        let (row, row_repeat) = (self.row, self.row_repeat);
        let last = first.saturating_add(repeat - 1);
        self.col = last.saturating_add(1);
        if valued {
            // The text is built once per cell of the repeated block.
            ctx.add_text(
                &self.sheet,
                text_len.saturating_mul(repeat).saturating_mul(row_repeat),
            )?;
            self.ext
                .add(row, first, row.saturating_add(row_repeat - 1), last);
            // calamine keeps every cell of the row up to this one, once per
            // row element (repeats are expanded later, in the grid).
            let kept = last.saturating_add(1);
            if kept > self.row_cells {
                let added = kept - self.row_cells;
                self.row_cells = kept;
                if last.saturating_add(1) > ctx.limits.max_columns {
                    return ctx.extent(&self.sheet, &self.ext);
                }
                ctx.add_cells(&self.sheet, added)?;
            }
            if row.saturating_add(row_repeat) > ctx.limits.max_rows {
                return ctx.extent(&self.sheet, &self.ext);
            }
        }
        Ok(())
    }
}

//! Fills a progress template (`ptba template`) as a focal point would, for
//! benchmarks of `ptba import`:
//!
//! ```text
//! cargo run --release --example fill_template -- saisie.xlsx rempli.xlsx 2024-06-30
//! ```
//!
//! Every row gets a status, a progress, a commitment and a payment well
//! within its budget, and a note; the other sheets are copied as they are.

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, date] = args.as_slice() else {
        eprintln!("usage: fill_template TEMPLATE.xlsx FILLED.xlsx YYYY-MM-DD");
        std::process::exit(2);
    };
    if let Err(e) = fill(input, output, date) {
        eprintln!("fill_template: {e}");
        std::process::exit(2);
    }
}

fn fill(input: &str, output: &str, date: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut book: Xlsx<_> = open_workbook(input)?;
    let mut out = Workbook::new();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let day = ExcelDateTime::parse_from_str(date)?;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        let sheet = out.add_worksheet();
        sheet.set_name(&name)?;
        let mut columns: Vec<String> = Vec::new();
        let mut in_table = false;
        for (r, row) in range.rows().enumerate() {
            let r = r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Data::String(s) => {
                        sheet.write_string(r, c, s)?;
                    }
                    Data::Float(f) => {
                        sheet.write_number(r, c, *f)?;
                    }
                    Data::Int(i) => {
                        sheet.write_number(r, c, *i as f64)?;
                    }
                    Data::Bool(b) => {
                        sheet.write_boolean(r, c, *b)?;
                    }
                    _ => {}
                }
            }
            if name != "Saisie" {
                continue;
            }
            // The header row names the columns; the rows under it are filled.
            if !in_table {
                if row.first().is_some_and(|c| *c == "Code") {
                    columns = row.iter().map(|c| c.to_string()).collect();
                    in_table = true;
                }
                continue;
            }
            if row.first().is_none_or(|c| c.to_string().is_empty()) {
                continue;
            }
            let col = |label: &str| columns.iter().position(|h| h == label).map(|i| i as u16);
            let budget = col("Budget")
                .and_then(|i| row.get(i as usize))
                .and_then(|c| c.get_float().or_else(|| c.get_int().map(|x| x as f64)))
                .unwrap_or(0.0_f64);
            let step = ((budget / 10.0) / 1000.0).floor() * 1000.0;
            if let Some(i) = col("Date") {
                sheet.write_datetime_with_format(r, i, &day, &date_format)?;
            }
            if let Some(i) = col("Statut") {
                sheet.write_string(r, i, "en cours")?;
            }
            if let Some(i) = col("Avancement (%)") {
                // One progress per activity (its rows, one per source, must
                // agree): derived from the code, not the row.
                let code = row.first().map(|c| c.to_string()).unwrap_or_default();
                let h = code
                    .bytes()
                    .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into()));
                sheet.write_number(r, i, f64::from(h % 90 + 5))?;
            }
            if let Some(i) = col("Engagé") {
                sheet.write_number(r, i, step * 2.0)?;
            }
            if let Some(i) = col("Décaissé") {
                sheet.write_number(r, i, step)?;
            }
            if let Some(i) = col("Note") {
                sheet.write_string(r, i, "Point d'étape du semestre")?;
            }
        }
    }
    out.save(output)?;
    Ok(())
}

//! Dates written as text, read the same way by every input (a TOML string,
//! a workbook cell, a command-line flag).

use chrono::NaiveDate;

/// "2024-03-31" or "31/03/2024" written as text.
/// Years outside 1..=9999 are refused: a TOML date has a four-digit year,
/// so such a date could not be written to a progress log.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    // The year in full: chrono reads "1/2/24" as the year 24.
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let year = match parts.as_slice() {
        [y, _, _] if y.len() == 4 => y,
        [_, _, y] => y,
        _ => return None,
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()
        .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
}

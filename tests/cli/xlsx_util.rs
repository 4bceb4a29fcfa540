//! Shared by the workbook tests: run the real binary in a temp dir, read
//! the generated workbooks back with calamine.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx, open_workbook};

pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

pub use crate::support::Env;

pub struct Book {
    pub path: PathBuf,
    pub xlsx: Xlsx<std::io::BufReader<std::fs::File>>,
}

impl Book {
    pub fn open(path: &Path) -> Book {
        Book {
            path: path.to_path_buf(),
            xlsx: open_workbook(path).expect("open xlsx"),
        }
    }

    pub fn names(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    pub fn values(&mut self, sheet: &str) -> Range<Data> {
        self.xlsx.worksheet_range(sheet).expect("sheet")
    }

    pub fn formulas(&mut self, sheet: &str) -> Range<String> {
        self.xlsx.worksheet_formula(sheet).expect("formulas")
    }

    pub fn styles(&mut self, sheet: &str) -> calamine::StyleRange {
        self.xlsx.worksheet_style(sheet).expect("styles")
    }

    /// The text of a part of the zip (`xl/charts/chart1.xml`).
    pub fn part(&self, name: &str) -> Option<String> {
        zip_part(&self.path, name)
    }
}

pub fn zip_part(path: &Path, name: &str) -> Option<String> {
    let f = std::fs::File::open(path).ok()?;
    let mut z = zip::ZipArchive::new(f).ok()?;
    let mut e = z.by_name(name).ok()?;
    let mut s = String::new();
    e.read_to_string(&mut s).ok()?;
    Some(s)
}

pub fn zip_names(path: &Path) -> Vec<String> {
    let f = std::fs::File::open(path).unwrap();
    let z = zip::ZipArchive::new(f).unwrap();
    z.file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect()
}

/// 0-based (row, col) of "B7".
pub fn pos(a1: &str) -> (u32, u32) {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits = &a1[letters.len()..];
    let col = letters.bytes().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    }) - 1;
    (digits.parse::<u32>().unwrap() - 1, col)
}

pub fn a1(row: u32, col: u32) -> String {
    let mut c = col + 1;
    let mut s = String::new();
    while c > 0 {
        let r = (c - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{s}{}", row + 1)
}

pub fn get(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

pub fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match get(r, row, col) {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("{} is not text: {other:?}", a1(row, col)),
    }
}

/// A numeric cell (never text).
pub fn num(r: &Range<Data>, row: u32, col: u32) -> f64 {
    match get(r, row, col) {
        Data::Float(x) => x,
        Data::Int(i) => i as f64,
        other => panic!("{} is not a number: {other:?}", a1(row, col)),
    }
}

/// The row whose cell in `col` holds exactly `value`.
pub fn find_row(r: &Range<Data>, col: u32, value: &str) -> Option<u32> {
    let (start, end) = (r.start()?, r.end()?);
    (start.0..=end.0).find(|&row| matches!(get(r, row, col), Data::String(s) if s == value))
}

/// The column of the header `value` in `row`.
pub fn find_col(r: &Range<Data>, row: u32, value: &str) -> Option<u32> {
    let (start, end) = (r.start()?, r.end()?);
    (start.1..=end.1).find(|&col| matches!(get(r, row, col), Data::String(s) if s == value))
}

/// A JSON amount ("12500000" or "1250.5") as the double a cell holds.
pub fn amount(v: &serde_json::Value) -> f64 {
    v.as_str()
        .unwrap_or_else(|| panic!("amount as string: {v}"))
        .parse()
        .unwrap()
}

/// A cached rate (fraction) equals the JSON rate (percent, 2 decimals), or
/// both are undefined ("—" / null).
pub fn assert_rate(cell: &Data, json: &serde_json::Value, what: &str) {
    match (cell, json) {
        (Data::String(s), serde_json::Value::Null) => assert_eq!(s, "—", "{what}"),
        (Data::Float(x), serde_json::Value::Number(n)) => {
            let want = n.as_f64().unwrap();
            assert!(
                (x * 100.0 - want).abs() <= 0.005 + 1e-9,
                "{what}: cell {x} vs summary {want}"
            );
        }
        _ => panic!("{what}: cell {cell:?} vs summary {json}"),
    }
}

/// The JSON summary without the paths of the plans (they differ by design
/// between an original and its conversion).
pub fn without_paths(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(m) = v.as_object_mut() {
        m.remove("plans");
    }
    v
}

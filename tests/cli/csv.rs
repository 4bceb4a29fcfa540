//! CSV (SPEC §5): every text field quoted when it holds `,`, `;`, a quote or
//! a line break; formula prefixes neutralised field by field; control
//! characters never reach a terminal raw; and `--format csv-fr`, the flavour
//! French Excel opens by double-click (`;`, decimal comma, UTF-8 with BOM),
//! read back here as French Excel reads it, and by LibreOffice in French.

use crate::support::{Env, parse_csv};

/// Axis titles a hostile or careless plan may hold.
const PLAN: &str = "[plan]\ntitle = \"Plan ; test\"\nyear = 2024\n\n\
[[source]]\nid = \"ETAT\"\nname = \"État\"\n\n\
[[axis]]\nid = \"A1\"\ntitle = \"Santé; =cmd|' /C calc'!A0\"\n\n\
[[axis]]\nid = \"A2\"\ntitle = \"Alerte \\u001b[31mrouge\\u0007 \\u009b fin\"\n\n\
[[axis]]\nid = \"A3\"\ntitle = \"@SUM(1+1)\"\n\n\
[[action]]\nid = \"A1.1\"\naxis = \"A1\"\ntitle = \"Action\"\n\n\
[[action]]\nid = \"A2.1\"\naxis = \"A2\"\ntitle = \"Action\"\n\n\
[[action]]\nid = \"A3.1\"\naxis = \"A3\"\ntitle = \"Action\"\n\n\
[[activity]]\nid = \"a1\"\naction = \"A1.1\"\ntitle = \"Un\"\nbudget = [{ source = \"ETAT\", amount = 3_000_000 }]\n\n\
[[activity]]\nid = \"a2\"\naction = \"A2.1\"\ntitle = \"Deux\"\nbudget = [{ source = \"ETAT\", amount = 1_000_000 }]\n\n\
[[activity]]\nid = \"a3\"\naction = \"A3.1\"\ntitle = \"Trois\"\nbudget = [{ source = \"ETAT\", amount = 500_000 }]\n";

/// a1: 1 M spent of 3 M (33.33 %); a3: 600 000 spent of 500 000 (120 %).
const LOG: &str = "[[record]]\nactivity = \"a1\"\ndate = 2024-06-30\nspent = 1_000_000\nprogress = 25\n\n\
[[record]]\nactivity = \"a3\"\ndate = 2024-06-30\nspent = 600_000\n";

fn env() -> Env {
    let env = Env::new();
    env.write("plan.toml", PLAN);
    env.write("plan.progress.toml", LOG);
    env
}

/// Splits a file as French Excel does: `;` between fields, `"` quoting.
fn parse_french(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("UTF-8 BOM first");
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ';') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "last line not ended");
    rows
}

fn no_raw_controls(what: &str, text: &str) {
    for c in text.chars() {
        assert!(
            !(c.is_control() && c != '\n' && c != '\r') || (c == '\u{feff}'),
            "{what}: raw control U+{:04X} in output:\n{text}",
            c as u32
        );
    }
}

#[test]
fn french_excel_reads_one_field_per_column_and_no_formula() {
    let env = env();
    let run = env.run(&["summary", "plan.toml", "--format", "csv-fr"]);
    assert_eq!(run.code, 0, "{run:?}");
    no_raw_controls("csv-fr", &run.stdout);
    assert!(run.stdout.contains("\r\n"), "CRLF lines");
    let rows = parse_french(&run.stdout);
    assert_eq!(rows.len(), 5, "{rows:?}");
    for row in &rows {
        assert_eq!(row.len(), 20, "{row:?}");
        for f in row {
            // A field Excel would evaluate: = + - @ first, unless a number.
            if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                assert!(
                    f.replace(',', ".").parse::<f64>().is_ok(),
                    "formula-like field {f:?}"
                );
            }
        }
    }
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    assert_eq!(rows[0][0], "by");
    assert_eq!(rows[1][col("title")], "Plan ; test");
    assert_eq!(rows[2][col("title")], "Santé; =cmd|' /C calc'!A0");
    assert_eq!(
        rows[3][col("title")],
        "Alerte \\u{1b}[31mrouge\\u{7} \\u{9b} fin"
    );
    // Decimal comma, no grouping: 1 000 000 / 3 000 000 = 33,33 %.
    assert_eq!(rows[2][col("spent")], "1000000");
    assert_eq!(rows[2][col("financial")], "33,33");
    // 1 600 000 / 4 500 000 = 35,56 %; A3: 600 000 / 500 000, balance −100 000.
    assert_eq!(rows[1][col("financial")], "35,56");
    assert_eq!(rows[4][col("title")], "'@SUM(1+1)");
    assert_eq!(rows[4][col("financial")], "120");
    assert_eq!(rows[4][col("balance")], "-100000");
}

#[test]
fn plain_csv_quotes_semicolons_and_escapes_controls() {
    let env = env();
    let run = env.run(&["summary", "plan.toml", "--format", "csv"]);
    assert_eq!(run.code, 0, "{run:?}");
    no_raw_controls("csv", &run.stdout);
    assert!(
        run.stdout.contains(",\"Santé; =cmd|' /C calc'!A0\","),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(",'@SUM(1+1),"), "{}", run.stdout);
    let rows = parse_csv(&run.stdout);
    assert!(rows.iter().all(|r| r.len() == 20), "{rows:?}");
    // Opened with `;` (French Excel without the BOM flavour), the title
    // with `;` is still one quoted field: the formula text never starts a cell.
    for line in run.stdout.lines() {
        for f in line.split(';') {
            assert!(!f.starts_with('='), "{line}");
        }
    }
    for format in ["json", "table", "markdown"] {
        let run = env.run(&["summary", "plan.toml", "--format", format]);
        assert_eq!(run.code, 0, "{run:?}");
        no_raw_controls(format, &run.stdout);
    }
    let j = env.run(&["summary", "plan.toml", "--format", "json"]);
    assert!(j.stdout.contains("\\u009b"), "{}", j.stdout);
    assert_eq!(
        j.json()["groups"][1]["title"],
        "Alerte \u{1b}[31mrouge\u{7} \u{9b} fin"
    );
}

/// LibreOffice opening the file as a French user would (separator `;`,
/// UTF-8, locale fr-FR): numbers are numbers, titles are text, nothing is a
/// formula.
#[test]
fn libreoffice_in_french_reads_numbers_and_text() {
    use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
    if std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("soffice not installed: skipped");
        return;
    }
    let env = env();
    let run = env.run(&["summary", "plan.toml", "--format", "csv-fr"]);
    env.write("resume.csv", run.stdout.as_bytes());
    let profile = format!("file://{}", env.path("lo-profile").display());
    let out = std::process::Command::new("soffice")
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            "--infilter=CSV:59,34,76,1,,1036",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(env.path("."))
        .arg(env.path("resume.csv"))
        .output()
        .expect("run soffice");
    assert!(env.exists("resume.xlsx"), "{out:?}");
    let mut book: Xlsx<_> = open_workbook(env.path("resume.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let formulas = book.worksheet_formula(&name).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula was made"
    );
    assert_eq!(range.get_size(), (5, 20));
    assert_eq!(
        range.get((2, 2)),
        Some(&Data::String("Santé; =cmd|' /C calc'!A0".into()))
    );
    // budget of A1, spent, and the financial rate 33,33 read as numbers.
    assert_eq!(
        range.get((2, 7)).and_then(|d| d.as_f64()),
        Some(3_000_000.0)
    );
    assert_eq!(
        range.get((2, 9)).and_then(|d| d.as_f64()),
        Some(1_000_000.0)
    );
    assert_eq!(range.get((2, 17)).and_then(|d| d.as_f64()), Some(33.33));
    assert_eq!(range.get((1, 2)), Some(&Data::String("Plan ; test".into())));
    assert_eq!(
        range.get((4, 11)).and_then(|d| d.as_f64()),
        Some(-100_000.0)
    );
    assert!(matches!(range.get((4, 2)), Some(Data::String(_))));
}

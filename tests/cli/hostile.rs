//! Hostile workbooks (issue 4, point 2) are refused cleanly: exit 1 or 2,
//! a message naming the problem, no panic, within seconds. The files are
//! built by tests/data/make_hostile.py.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn check(name: &str, extra: &[&str]) -> (i32, String, Duration) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostile")
        .join(name);
    assert!(path.exists(), "{} missing", path.display());
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_ptba"))
        .arg("check")
        .arg(&path)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .expect("run ptba");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{name}: {text}");
    (out.status.code().unwrap_or(-1), text, start.elapsed())
}

/// Writes a zip of `(name, body)` parts (the first one stored, the others
/// deflated: an ODS wants its `mimetype` stored first).
fn write_zip(path: &Path, parts: &[(&str, &str)]) {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (i, (name, body)) in parts.iter().enumerate() {
        let options = zip::write::SimpleFileOptions::default();
        let options = if i == 0 {
            options.compression_method(zip::CompressionMethod::Stored)
        } else {
            options
        };
        z.start_file(*name, options).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

/// `ptba check ARGS… PATH`: exit code, stdout and stderr, time taken.
fn check_file(path: &Path, args: &[&str]) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_ptba"))
        .arg("check")
        .args(args)
        .arg(path)
        .env("NO_COLOR", "1")
        .output()
        .expect("run ptba");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(!text.contains("panicked"), "{text}");
    (out.status.code(), text, start.elapsed())
}

fn refused(name: &str, code: i32, needle: &str) {
    let (got, text, took) = check(name, &[]);
    assert_eq!(got, code, "{name}: {text}");
    assert!(
        text.contains(needle),
        "{name}: expected «{needle}» in\n{text}"
    );
    assert!(took < Duration::from_secs(10), "{name} took {took:?}");
}

#[test]
fn cells_at_a1_and_xfd1048576() {
    refused("extent-xfd1048576.xlsx", 1, "E026");
    // Raising rows and columns leaves the cell cap: still refused.
    let (code, text, _) = check(
        "extent-xfd1048576.xlsx",
        &["--max-rows", "2000000", "--max-columns", "20000"],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("--max-cells"), "{text}");
}

#[test]
fn shared_strings_unique_count() {
    refused("uniquecount.xlsx", 1, "uniqueCount");
}

#[test]
fn shared_strings_of_300_mb() {
    refused("strings-300mb.xlsx", 1, "--max-unpacked-size");
}

#[test]
fn shared_strings_of_300_mb_with_lying_sizes() {
    let (code, text, took) = check("strings-300mb-lying-sizes.xlsx", &[]);
    assert!(code == 1 || code == 2, "{text}");
    assert!(text.contains("sharedStrings"), "{text}");
    assert!(took < Duration::from_secs(10));
}

#[test]
fn truncated_zip() {
    refused("truncated.xlsx", 2, "tronqué");
}

#[test]
fn not_a_zip() {
    refused("not-a-zip.xlsx", 2, "n'est pas un classeur");
}

#[test]
fn ods_repeated_cells() {
    refused("repeated.ods", 1, "E026");
}

#[test]
fn xls_cyclic_sector_chain() {
    refused("cyclic-chain.xls", 2, "chaîne de secteurs");
}

#[test]
fn xls_huge_dimensions() {
    refused("dimensions.xls", 1, "--max-cells");
}

#[test]
fn json_output_names_the_code() {
    let (code, text, _) = check("uniquecount.xlsx", &["--format", "json"]);
    assert_eq!(code, 1);
    assert!(text.contains("\"code\":\"E026\""), "{text}");
}

/// An xlsx of a small sheet with broken XML and a large sheet with a cell
/// beyond Excel's rows (at its start or at its end): the guard reads them on
/// two threads, yet always names the first problem in part order, the
/// broken sheet — as one pass would.
#[test]
fn the_first_problem_is_named_whichever_thread_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = |bad_first: bool| {
        let mut s = String::from("<worksheet><sheetData>");
        if bad_first {
            s.push_str("<row r=\"2000000\"><c r=\"A2000000\"><v>1</v></c></row>");
        }
        for r in 1..=30_000 {
            s.push_str(&format!(
                "<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c><c r=\"B{r}\"><v>2</v></c></row>"
            ));
        }
        if !bad_first {
            s.push_str("<row r=\"2000000\"><c r=\"A2000000\"><v>1</v></c></row>");
        }
        s.push_str("</sheetData></worksheet>");
        s
    };
    for bad_first in [true, false] {
        let path = dir.path().join(format!("two-{bad_first}.xlsx"));
        let sheet2 = big(bad_first);
        write_zip(
            &path,
            &[
                ("[Content_Types].xml", "<Types/>"),
                ("xl/workbook.xml", "<workbook><sheets/></workbook>"),
                (
                    "xl/worksheets/sheet1.xml",
                    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></x></row></sheetData></worksheet>",
                ),
                ("xl/worksheets/sheet2.xml", &sheet2),
            ],
        );
        for _ in 0..3 {
            let (code, text, _) = check_file(&path, &[]);
            assert_eq!(code, Some(2), "{text}");
            assert!(text.contains("sheet1.xml"), "bad_first={bad_first}: {text}");
        }
    }
}

/// A workbook of more sheets than a location can name (65 535): refused,
/// rather than diagnostics pointing at the wrong sheet.
#[test]
fn more_sheets_than_a_location_can_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.ods");
    let mut tables = String::new();
    for i in 0..65_540 {
        tables.push_str(&format!(
            "<table:table table:name=\"E{i}\"><table:table-row><table:table-cell/></table:table-row></table:table>"
        ));
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet>{tables}<table:table table:name=\"LAST\"><table:table-row><table:table-cell office:value-type=\"float\" office:value=\"7\"><text:p>7</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    );
    write_zip(
        &path,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>",
            ),
            ("content.xml", &content),
        ],
    );
    let (code, text, took) = check_file(&path, &["--sheet", "LAST"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("65535"), "{text}");
    assert!(took < Duration::from_secs(20));
}

/// Two thousand sheets naming the same part of 4 000 cells: 8 million
/// cells for the reader to build, from a 30 KB file. The guard counts each
/// sheet, and refuses it in no time.
#[test]
fn many_sheets_on_one_part_count_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("same-part.xlsx");
    let mut sheet = String::from("<worksheet><sheetData>");
    for r in 1..=2_000 {
        sheet.push_str(&format!(
            "<row r=\"{r}\"><c r=\"A{r}\"><v>1</v></c><c r=\"B{r}\"><v>2</v></c></row>"
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut workbook = String::from(
        "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    for i in 1..=2_000 {
        workbook.push_str(&format!(
            "<sheet name=\"S{i}\" sheetId=\"{i}\" r:id=\"rId1\"/>"
        ));
    }
    workbook.push_str("</sheets></workbook>");
    let rels = "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    write_zip(
        &path,
        &[
            ("[Content_Types].xml", "<Types/>"),
            ("xl/workbook.xml", &workbook),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/sheet1.xml", &sheet),
        ],
    );
    let (code, text, took) = check_file(&path, &["--max-cells", "100000"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("--max-cells"), "{text}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

/// A worksheet outside `xl/worksheets/`, found through the package's
/// relationships as the reader finds it: its cells are counted all the same
/// (it was read whole: 20 million cells, 1.3 GB, past --max-cells).
#[test]
fn a_worksheet_anywhere_in_the_package_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("elsewhere.xlsx");
    write_zip(
        &path,
        &[
            ("[Content_Types].xml", "<Types/>"),
            (
                "_rels/.rels",
                "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"autre/classeur.xml\"/></Relationships>",
            ),
            (
                "autre/classeur.xml",
                "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"T\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>",
            ),
            (
                "autre/_rels/classeur.xml.rels",
                "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"f.xml\"/></Relationships>",
            ),
            (
                "autre/f.xml",
                "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1000\"><c r=\"CV1000\"><v>1</v></c></row></sheetData></worksheet>",
            ),
        ],
    );
    // 1 000 × 100 cells, named twice: 200 000 to build.
    let (code, text, took) = check_file(&path, &["--max-cells", "150000"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("--max-cells") && text.contains("200000"),
        "{text}"
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
    let (code, text, _) = check_file(&path, &["--max-cells", "250000"]);
    assert!(!text.contains("--max-cells"), "{code:?} {text}");
}

/// An ods whose only table holds `rows` (the XML of its rows).
fn tiny_ods(path: &Path, rows: &str) {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Activités\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    write_zip(
        path,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>",
            ),
            ("content.xml", &content),
        ],
    );
}

/// Issue 10, point 7: the ods constructs calamine turns into cells or
/// strings that the guard did not count — a lone formula, a value without a
/// type, `<text:s text:c="N"/>`, a long text in repeated cells — each in a
/// file of a few hundred bytes that asked for gigabytes. Each is refused
/// (E026, exit 1) in no time, and a tiny one of each is still read.
#[test]
fn ods_cells_that_hold_no_typed_value_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(50_000);
    let cases = [
        (
            "formula-only.ods",
            "<table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:formula=\"of:=1\" table:number-columns-repeated=\"16000\"/></table:table-row>".to_string(),
            "--max-columns|--max-cells|--max-unpacked-size",
        ),
        (
            "formula-only-narrow.ods",
            "<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:formula=\"of:=1\" table:number-columns-repeated=\"900\"/></table:table-row>".to_string(),
            "--max-cells|--max-unpacked-size",
        ),
        (
            "value-without-type.ods",
            "<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell office:value=\"1\" table:number-columns-repeated=\"900\"/></table:table-row>".to_string(),
            "--max-cells",
        ),
        (
            "spaces.ods",
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"2000000000\"/></text:p></table:table-cell></table:table-row>".to_string(),
            "--max-unpacked-size",
        ),
        (
            "long-repeated.ods",
            format!("<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"900\"><text:p>{long}</text:p></table:table-cell></table:table-row>"),
            "--max-unpacked-size",
        ),
    ];
    for (name, rows, flag) in cases {
        let path = dir.path().join(name);
        tiny_ods(&path, &rows);
        assert!(std::fs::metadata(&path).unwrap().len() < 10_000, "{name}");
        let (code, text, took) = check_file(&path, &[]);
        assert_eq!(code, Some(1), "{name}: {text}");
        assert!(text.contains("E026"), "{name}: {text}");
        assert!(flag.split('|').any(|f| text.contains(f)), "{name}: {text}");
        assert!(took < Duration::from_secs(20), "{name}: {took:?}");
    }
    // The same constructs, small, are read (the plan is then judged on its
    // content: a header-less sheet, exit 1 — but not E026).
    for rows in [
        "<table:table-row><table:table-cell table:formula=\"of:=1\" table:number-columns-repeated=\"3\"/></table:table-row>",
        "<table:table-row><table:table-cell office:value=\"1\"/></table:table-row>",
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"3\"/>b</text:p></table:table-cell></table:table-row>",
    ] {
        let path = dir.path().join("small.ods");
        tiny_ods(&path, rows);
        let (code, text, _) = check_file(&path, &[]);
        assert!(matches!(code, Some(1) | Some(2)), "{rows}: {text}");
        assert!(!text.contains("E026"), "{rows}: {text}");
    }
}

/// Issue 10, point 7: an .xls whose one shared string of 32 000 characters
/// fills 4 500 cells (LABELSST): 100 KB that made the reader build 288 MB of
/// text in 38 s. The guard adds up the text each such cell copies: E026 at
/// once.
#[test]
fn xls_shared_string_in_many_cells() {
    refused("shared-string.xls", 1, "E026");
    let (_, text, _) = check("shared-string.xls", &[]);
    assert!(text.contains("--max-unpacked-size"), "{text}");
}

/// Found by the `workbook` fuzz target (issue 10): an ods whose content.xml
/// stops inside a sheet made calamine 0.38 loop forever (its table reader
/// ignores the end of the file). The guard refuses it: exit 2, at once.
#[test]
fn ods_cut_inside_a_sheet_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    for rows in [
        "<table:table-row><table:table-cell office:value=\"1\" table:numbe",
        "<table*table-row><table:table-cell office:value=\"1\"/>",
        "",
    ] {
        let path = dir.path().join("cut.ods");
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Activités\">{rows}"
        );
        write_zip(
            &path,
            &[
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("content.xml", &content),
            ],
        );
        let (code, text, took) = check_file(&path, &[]);
        assert_eq!(code, Some(2), "{rows}: {text}");
        assert!(text.contains("tronqué"), "{rows}: {text}");
        assert!(took < Duration::from_secs(10), "{rows}: {took:?}");
    }
}

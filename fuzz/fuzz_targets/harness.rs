//! The checks of every fuzz target, as plain functions of the input bytes.
//!
//! Each target in this folder is one line calling one of these; the normal
//! test suite (`tests/cli/fuzz_regressions.rs`) includes this same file and runs
//! every input kept under `tests/data/fuzz/<target>/` through it, so an input
//! that once broke something stays a test.
//!
//! Every function panics on a broken contract (that is what the fuzzer and
//! the tests catch) and returns quietly otherwise.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ptba::check;
use ptba::compute::{self, GroupBy, Options};
use ptba::diagnostic::{self, Diagnostic, Files};
use ptba::i18n::Lang;
use ptba::load::{self, book, handmade, plan_workbook as wb, scan, template, tree};
use ptba::model::{Loc, Plan, Project, Record, Weighting};
use ptba::money::{self, Currency, MAX_AMOUNT};
use ptba::output::summary as out;
use rust_decimal::Decimal;
use toml::de::DeTable;

/// A target's check.
pub type Check = fn(&[u8]);

/// The targets, by name (the folder names under `tests/data/fuzz/`).
pub const TARGETS: &[(&str, Check)] = &[
    ("plan", plan),
    ("log", log),
    ("log_parallel", log_parallel),
    ("tree_differential", tree_differential),
    ("amounts", amounts),
    ("workbook", workbook),
];

// ---------------------------------------------------------------- plan, log

/// Bytes → (UTF-8 decoding as `ptba` reads files) → plan → check, render
/// every diagnostic, summarize by every group: no panic, no hang.
pub fn plan(data: &[u8]) {
    let choice = pick(data);
    let Ok(text) = load::decode(data, Lang::Fr) else {
        return;
    };
    let (plan, diags) = load::toml::parse_plan(text, 0, Lang::Fr);
    let project = Project {
        plan,
        ..Default::default()
    };
    exercise(&project, diags, text, choice);
}

/// Bytes → progress log → check and summarize against a small fixed plan.
pub fn log(data: &[u8]) {
    let choice = pick(data);
    let Ok(text) = load::decode(data, Lang::Fr) else {
        return;
    };
    let (records, diags) = load::toml::parse_log(text, 0, Lang::Fr);
    let project = Project {
        plan: fixed_plan().clone(),
        records,
        ..Default::default()
    };
    exercise(&project, diags, text, choice);
}

/// Two sources (one secured, one unfunded), two axes, activities with one
/// and two sources, indicators: every rule of the log has something to bite.
const PLAN: &str = r#"
[plan]
title = "Plan de fuzz"
year = 2024
currency = "XOF"

[[source]]
id = "ETAT"
name = "Budget de l'État"
status = "secured"

[[source]]
id = "GAP"
status = "unfunded"

[[axis]]
id = "A1"
title = "Prévention"

[[axis]]
id = "A2"
title = "Protection"

[[action]]
id = "A1.1"
axis = "A1"
title = "Sensibiliser"

[[action]]
id = "A2.1"
axis = "A2"
title = "Protéger"

[[activity]]
id = "A1.1.1"
action = "A1.1"
title = "Campagnes"
responsible = "CNLTP"
quarters = [1, 2]
budget = [
  { source = "ETAT", amount = 12_500_000 },
  { source = "GAP", quantity = 5, unit_cost = 1_600_000 },
]

[[activity.indicator]]
name = "Campagnes réalisées"
baseline = 0
target = 5

[[activity]]
id = "A2.1.1"
action = "A2.1"
title = "Accueil"
responsible = "MFFE"
quarters = [3]
weight = 2
budget = [{ source = "ETAT", amount = "3 000 000" }]

[[activity.indicator]]
name = "Victimes accueillies"
target = 100
"#;

fn fixed_plan() -> &'static Plan {
    static CELL: OnceLock<Plan> = OnceLock::new();
    CELL.get_or_init(|| {
        let (plan, diags) = load::toml::parse_plan(PLAN, 1, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        plan
    })
}

const GROUPS: [GroupBy; 5] = [
    GroupBy::Axis,
    GroupBy::Action,
    GroupBy::Source,
    GroupBy::Responsible,
    GroupBy::Quarter,
];

/// A cheap choice derived from the input, so the fuzzer explores options.
fn pick(data: &[u8]) -> usize {
    data.iter().fold(data.len(), |h, &b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    })
}

/// What `ptba check` and `ptba summary` do with a loaded project, minus the
/// files: checks it, renders its diagnostics (file 0 holds `text`),
/// summarizes it by every group and renders one summary in every format.
fn exercise(project: &Project, mut diags: Vec<Diagnostic>, text: &str, choice: usize) {
    let lang = if choice & 1 == 0 { Lang::Fr } else { Lang::En };
    diags.extend(check::check(project, lang));
    let mut files = Files::default();
    files.add(Path::new("fuzz.toml"), Some(text));
    for d in &diags {
        let _ = diagnostic::render_human(d, &files, lang);
        let _ = diagnostic::render_json(d, &files);
        let _ = diagnostic::render_github(d, &files);
    }
    let weighting = match (choice >> 1) % 4 {
        0 => None,
        1 => Some(Weighting::Activities),
        2 => Some(Weighting::Budget),
        _ => Some(Weighting::Weight),
    };
    let as_of = if (choice >> 3) & 1 == 1 {
        chrono::NaiveDate::from_ymd_opt(2024, 6, 30)
    } else {
        None
    };
    let opts = Options { as_of, weighting };
    let projects = std::slice::from_ref(project);
    let render = (choice >> 4) % GROUPS.len();
    for (i, by) in GROUPS.into_iter().enumerate() {
        let s = compute::summarize(projects, by, &opts);
        let _ = out::headline(&s, lang, 0);
        if i == render {
            let indicators = compute::indicators(project, opts.as_of);
            let names = ["fuzz.toml".to_string()];
            let titles = [project.plan.title.clone()];
            let view = out::View {
                summary: &s,
                plans: &names,
                titles: &titles,
                indicators: &indicators,
                lang,
                precision: ((choice >> 7) % 4) as u32,
            };
            let _ = out::table(&view);
            let _ = serde_json::to_string_pretty(&out::json(&view));
            let _ = out::csv(&view);
            let _ = out::markdown(&view);
        }
    }
}

// ------------------------------------------------------------- log_parallel

/// Padding before the input; twice this is above the 1 MiB threshold.
const BEFORE: usize = 600_000;

/// Logs of 1 MiB and more are parsed in two halves on two threads, cut at a
/// `[[record]]` line after the middle. The input is padded with comment lines
/// so that the text passes the threshold and its middle falls at an
/// input-chosen byte of the input; the result must be that of the input
/// parsed alone (one sequential pass): same records, same diagnostics,
/// locations shifted by the padding.
pub fn log_parallel(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    // A byte-order mark is only ever skipped at the start of a document.
    if input.starts_with('\u{feff}') || input.len() >= BEFORE {
        return;
    }
    let mut alone = input.to_string();
    if !alone.ends_with('\n') {
        alone.push('\n');
    }
    // The middle of the padded text falls `k` bytes into the input.
    let k = pick(data) % (alone.len() + 1);
    let total = 2 * (BEFORE + k);
    let mut padded = comments(BEFORE);
    padded.push_str(&alone);
    let rest = total - padded.len();
    padded.push_str(&comments(rest));
    assert_eq!(padded.len() / 2, BEFORE + k);

    let (want_records, want_diags) = load::toml::parse_log(&alone, 0, Lang::Fr);
    let (mut records, mut diags) = load::toml::parse_log(&padded, 0, Lang::Fr);
    let end = alone.len() as u32;
    records.iter_mut().for_each(|r| shift_record(r, end));
    diags.iter_mut().for_each(|d| shift(&mut d.loc, end));
    assert_eq!(records, want_records, "records differ (k = {k})");
    assert_eq!(diags, want_diags, "diagnostics differ (k = {k})");
}

/// `len` bytes of comment lines.
fn comments(len: usize) -> String {
    let line = format!("#{}\n", "-".repeat(62));
    let mut s = line.repeat(len / line.len());
    match len % line.len() {
        0 => {}
        1 => s.push('\n'),
        r => {
            s.push('#');
            s.push_str(&"-".repeat(r - 2));
            s.push('\n');
        }
    }
    s
}

/// A location in the padded text as one in the input alone. What an
/// unterminated string or array swallows runs to the end of the text, which
/// is the padding's end there and the input's end alone: past the input,
/// locations are its end.
fn shift(loc: &mut Loc, input_end: u32) {
    if let Loc::Span { start, end, .. } = loc {
        *start = start.saturating_sub(BEFORE as u32).min(input_end);
        *end = end.saturating_sub(BEFORE as u32).min(input_end);
    }
}

fn shift_record(r: &mut Record, end: u32) {
    for loc in [
        &mut r.activity_loc,
        &mut r.date_loc,
        &mut r.status_loc,
        &mut r.progress_loc,
        &mut r.committed_loc,
        &mut r.spent_loc,
        &mut r.source_loc,
        &mut r.loc,
    ] {
        shift(loc, end);
    }
    for i in &mut r.indicators {
        shift(&mut i.loc, end);
    }
}

// -------------------------------------------------------- tree_differential

/// The fast block parser's contract: wherever `tree::parse_block` answers,
/// it ends where the scanner ends the block and gives exactly the tree the
/// `toml` crate gives for that block (same values, same spans). A block the
/// fast path accepts and the crate rejects is a bug too.
pub fn tree_differential(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut pos = 0;
    while pos < text.len() {
        let (end, _depth) = scan::scan_block(text, pos);
        assert!(end > pos, "the scanner made no progress at {pos}");
        if let Some((fast, fast_end)) = tree::parse_block(text, pos) {
            assert_eq!(fast_end, end, "block at {pos}: fast end vs scanner end");
            let block = &text[pos..end];
            match DeTable::parse(block) {
                Ok(slow) => {
                    let slow = tree::from_de(slow.into_inner(), pos);
                    assert_eq!(fast, slow, "block at {pos}: {block:?}");
                }
                Err(e) => panic!(
                    "fast path accepted a block the toml crate rejects: {block:?}: {}",
                    e.message()
                ),
            }
        }
        pos = end;
    }
}

// ------------------------------------------------------------------ amounts

/// Text → amount parsers. Every accepted value, displayed with
/// `format_amount` for each currency precision, parses back to the same
/// value rounded to that precision. TOML literal parsers and dates never panic.
pub fn amounts(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = money::parse_decimal_text(s) {
        round_trip(d);
    }
    if let Ok(d) = money::parse_amount_text(s) {
        assert!(d >= Decimal::ZERO && d <= MAX_AMOUNT, "{s:?} -> {d}");
        round_trip(d);
    }
    if let Ok(d) = money::parse_toml_float(s) {
        round_trip(d);
    }
    for radix in [10, 16, 8, 2] {
        if let Ok(d) = money::parse_toml_integer(s, radix) {
            round_trip(d);
        }
    }
    let _ = load::toml::parse_date_text(s);
}

/// Values beyond [`MAX_AMOUNT`] are refused wherever ptba reads a number
/// (E026), so only those within are displayed and must read back.
fn round_trip(d: Decimal) {
    if d.abs() > MAX_AMOUNT {
        return;
    }
    for decimals in [0, 2, 3, 4] {
        let currency = Currency {
            code: "XXX".into(),
            decimals,
        };
        let rounded = money::round(d, decimals);
        // A figure shown as "1,250" (a lone separator before exactly three
        // digits) reads as 1 250: the documented rule, which only a
        // currency with three decimals displays for 1 ≤ |x| < 1 000.
        let want = if decimals == 3
            && rounded.abs() >= Decimal::ONE
            && rounded.abs() < Decimal::from(1000)
        {
            (rounded * Decimal::from(1000)).normalize()
        } else {
            rounded
        };
        let fr = money::format_amount(d, &currency, Lang::Fr);
        assert_eq!(
            money::parse_decimal_text(&fr),
            Ok(want),
            "{d} shown as {fr:?} with {decimals} decimals"
        );
        let en = money::format_amount(d, &currency, Lang::En);
        assert_eq!(
            money::parse_decimal_text(&en),
            Ok(want),
            "{d} shown as {en:?} with {decimals} decimals"
        );
        let _ = money::format_money(d, &currency, Lang::Fr);
    }
    let _ = money::format_rate(Some(d), 2, Lang::Fr);
    let _ = money::raw(d);
    let _ = money::significant_decimals(d);
    let _ = money::percent(d, Decimal::from(3));
}

// ----------------------------------------------------------------- workbook

/// Workbooks the `xml` mode mutates one part of: a filled progress template,
/// hand-made plans (merged cells, section rows, blank below) and a plan
/// workbook with every sheet (made by `ptba convert`).
const BASES: [&[u8]; 7] = [
    include_bytes!("../../tests/data/import/filled.xlsx"),
    include_bytes!("../../tests/data/workbooks/merged.xlsx"),
    include_bytes!("../../tests/data/workbooks/sections.xlsx"),
    include_bytes!("../../tests/data/workbooks/blank-below.xlsx"),
    include_bytes!("../seeds/workbook/plan.xlsx"),
    // ods: the XML part replaced is content.xml (issue 10, point 7).
    include_bytes!("../../tests/data/workbooks/merged.ods"),
    include_bytes!("../seeds/workbook/plan.ods"),
];

/// The plan `filled.xlsx` was made for: what `ptba import` checks it against.
const IMPORT_PLAN: &str = include_str!("../../tests/data/import/plan.toml");

/// Bytes → file → guard → calamine → plan readers (plan layout or hand-made)
/// and the progress-template reader of `ptba import` → check, summarize: no
/// panic, no abort, no hang, memory within libFuzzer's limit.
///
/// Two modes. Input bytes are the workbook file itself (xlsx, xls, ods, or
/// anything), or, when the first byte is below 8, `[base, part, xml…]`:
/// the XML part number `part` of workbook `base` (see [`BASES`]) is replaced
/// by `xml…` and the zip is rebuilt with correct checksums, so mutations
/// reach the sheet and shared-string parsers instead of failing the CRC.
pub fn workbook(data: &[u8]) {
    let bytes = match data {
        [b, part, xml @ ..] if *b < 8 => {
            let base = &bases()[usize::from(*b) % BASES.len()];
            rezip(base, usize::from(*part), xml)
        }
        _ => data.to_vec(),
    };
    let path = scratch_file();
    if std::fs::write(&path, &bytes).is_err() {
        return;
    }
    let lang = Lang::Fr;
    let opts = load::LoadOptions::default();
    let Ok(book) = book::open(&path, &opts.limits, lang) else {
        return;
    };
    let mut diags = Vec::new();
    let mut project = Project::default();
    if wb::is_plan_layout(&book) {
        project.plan = wb::read_plan(&book, 0, lang, &mut diags);
        project.records = wb::read_progress(&book, 0, lang, &mut diags).unwrap_or_default();
    } else {
        project.plan = handmade::read(&book, &path, 0, None, None, lang, &mut diags);
    }
    exercise(&project, diags, "", pick(data));
    // `ptba import PLAN FILLED.xlsx`.
    let mut diags = Vec::new();
    let filled = template::read(&book, 0, import_project(), lang, &mut diags);
    let _ = filled.records.len();
}

/// The parts of a zip: name and bytes, in the archive's order.
type Parts = Vec<(String, Vec<u8>)>;

/// The parts of each base workbook, unzipped once.
fn bases() -> &'static [Parts] {
    static CELL: OnceLock<Vec<Parts>> = OnceLock::new();
    CELL.get_or_init(|| {
        BASES
            .iter()
            .map(|bytes| {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(*bytes)).expect("zip");
                (0..zip.len())
                    .map(|i| {
                        let mut f = zip.by_index(i).expect("entry");
                        let mut data = Vec::new();
                        f.read_to_end(&mut data).expect("entry data");
                        (f.name().expect("entry name").to_string(), data)
                    })
                    .collect()
            })
            .collect()
    })
}

/// `base` with its `part`-th XML part under `xl/` replaced by `xml`.
fn rezip(base: &[(String, Vec<u8>)], part: usize, xml: &[u8]) -> Vec<u8> {
    let xl: Vec<usize> = (0..base.len())
        .filter(|&i| {
            let name = &base[i].0;
            (name.starts_with("xl/") && name.ends_with(".xml")) || name == "content.xml"
        })
        .collect();
    let target = xl[part % xl.len()];
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (i, (name, data)) in base.iter().enumerate() {
        let body = if i == target { xml } else { data };
        if out.start_file(name.as_str(), stored).is_err() || out.write_all(body).is_err() {
            return Vec::new();
        }
    }
    out.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// One file per process, rewritten for every input.
fn scratch_file() -> PathBuf {
    static CELL: OnceLock<PathBuf> = OnceLock::new();
    CELL.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ptba-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join("input.xlsx")
    })
    .clone()
}

fn import_project() -> &'static Project {
    static CELL: OnceLock<Project> = OnceLock::new();
    CELL.get_or_init(|| {
        let (plan, diags) = load::toml::parse_plan(IMPORT_PLAN, 1, Lang::Fr);
        assert!(diags.is_empty(), "{diags:?}");
        Project {
            plan,
            ..Default::default()
        }
    })
}

//! The bad-input corpus (`tests/data/bad/`): one defect per file, named after
//! it. Every rule of SPEC §2–§3 and hostile text. For each file: the exit
//! code, the diagnostic code, the line it is reported at (from
//! `check --format json`), and that no file changed.
//!
//! Files named `log-*.toml` are progress logs, checked beside
//! `tests/data/log-base.toml`; the others are plans. The line numbers below
//! were taken from the files (the line of the defect), not from the program.

use serde_json::Value;

use crate::support::{Env, assert_unchanged, data};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Plan,
    Log,
}
use Kind::*;

/// (file, kind, code, line of the defect, other codes the defect may bring:
/// a block dropped for a syntax error leaves its action empty, an invalid
/// amount also leaves its budget line without an amount).
type Case = (
    &'static str,
    Kind,
    &'static str,
    Option<u64>,
    &'static [&'static str],
);

const CORPUS: &[Case] = &[
    ("empty.toml", Plan, "E004", None, &[]),
    ("whitespace-only.toml", Plan, "E004", None, &[]),
    ("binary-garbage.toml", Plan, "E002", None, &[]),
    ("utf16-with-bom.toml", Plan, "E002", None, &[]),
    ("utf16-be-with-bom.toml", Plan, "E002", None, &[]),
    ("invalid-utf8.toml", Plan, "E002", None, &[]),
    ("nul-byte.toml", Plan, "E002", None, &[]),
    ("nested-arrays-100.toml", Plan, "E026", Some(21), &["W102"]),
    (
        "nested-inline-tables-100.toml",
        Plan,
        "E026",
        Some(21),
        &["W102"],
    ),
    ("id-control-character.toml", Plan, "E006", Some(22), &[]),
    ("id-newline.toml", Plan, "E006", Some(22), &[]),
    ("id-too-long.toml", Plan, "E006", Some(22), &[]),
    ("id-with-space.toml", Plan, "E006", Some(22), &[]),
    ("id-empty.toml", Plan, "E006", Some(13), &["E008"]),
    (
        "id-as-table.toml",
        Plan,
        "E005",
        Some(22),
        &["E004", "E006"],
    ),
    (
        "syntax-missing-equals.toml",
        Plan,
        "E001",
        Some(24),
        &["W102"],
    ),
    (
        "syntax-unclosed-string.toml",
        Plan,
        "E001",
        Some(24),
        &["W102"],
    ),
    ("syntax-plan-twice.toml", Plan, "E001", Some(30), &[]),
    (
        "syntax-impossible-date.toml",
        Plan,
        "E001",
        Some(26),
        &["W102"],
    ),
    (
        "syntax-duplicate-key.toml",
        Plan,
        "E001",
        Some(25),
        &["W102"],
    ),
    ("amount-1e400.toml", Plan, "E026", Some(28), &["E013"]),
    ("amount-negative.toml", Plan, "E011", Some(28), &["E013"]),
    (
        "amount-negative-text.toml",
        Plan,
        "E011",
        Some(28),
        &["E013"],
    ),
    ("amount-nan.toml", Plan, "E011", Some(28), &["E013"]),
    ("amount-inf.toml", Plan, "E011", Some(28), &["E013"]),
    ("amount-minus-inf.toml", Plan, "E011", Some(28), &["E013"]),
    ("amount-nan-text.toml", Plan, "E011", Some(28), &["E013"]),
    (
        "amount-too-many-decimals-xof.toml",
        Plan,
        "E012",
        Some(28),
        &[],
    ),
    (
        "amount-text-too-many-decimals-xof.toml",
        Plan,
        "E012",
        Some(28),
        &[],
    ),
    (
        "amount-not-a-number.toml",
        Plan,
        "E011",
        Some(28),
        &["E013"],
    ),
    ("amount-huge-text.toml", Plan, "E026", Some(28), &["E013"]),
    ("amount-boolean.toml", Plan, "E005", Some(28), &["E013"]),
    ("weight-negative.toml", Plan, "E011", Some(26), &[]),
    ("unknown-key-bugdet.toml", Plan, "E003", Some(28), &[]),
    ("unknown-key-organisation.toml", Plan, "E003", Some(4), &[]),
    ("unknown-table-activite.toml", Plan, "E003", Some(30), &[]),
    (
        "unknown-key-in-budget-line.toml",
        Plan,
        "E003",
        Some(28),
        &["E013"],
    ),
    ("missing-plan-table.toml", Plan, "E004", None, &[]),
    ("missing-activity-title.toml", Plan, "E004", Some(21), &[]),
    ("missing-budget-source.toml", Plan, "E004", Some(28), &[]),
    ("year-as-text.toml", Plan, "E005", Some(4), &[]),
    ("year-out-of-range.toml", Plan, "E019", Some(4), &[]),
    ("quarters-not-a-list.toml", Plan, "E005", Some(25), &[]),
    ("duplicate-activity-id.toml", Plan, "E007", Some(31), &[]),
    ("duplicate-id-axis-action.toml", Plan, "E007", Some(17), &[]),
    ("duplicate-source.toml", Plan, "E007", Some(13), &[]),
    ("unknown-axis.toml", Plan, "E008", Some(18), &["W101"]),
    ("unknown-action.toml", Plan, "E009", Some(23), &["W102"]),
    ("unknown-source.toml", Plan, "E010", Some(28), &[]),
    ("quarter-5.toml", Plan, "E015", Some(25), &[]),
    ("quarter-0.toml", Plan, "E015", Some(25), &[]),
    ("quarter-text.toml", Plan, "E015", Some(25), &[]),
    ("start-after-end.toml", Plan, "E016", Some(27), &[]),
    ("date-invalid-text.toml", Plan, "E018", Some(26), &[]),
    ("date-with-time.toml", Plan, "E018", Some(26), &[]),
    ("date-outside-year.toml", Plan, "W103", Some(26), &[]),
    ("budget-total-mismatch.toml", Plan, "E017", Some(6), &[]),
    (
        "quantity-times-unit-cost-mismatch.toml",
        Plan,
        "E014",
        Some(28),
        &[],
    ),
    (
        "budget-line-quantity-only.toml",
        Plan,
        "E013",
        Some(28),
        &[],
    ),
    ("unknown-currency.toml", Plan, "E023", Some(5), &[]),
    ("funding-status-unknown.toml", Plan, "E019", Some(10), &[]),
    ("weighting-unknown.toml", Plan, "E019", Some(6), &[]),
    ("lang-unknown.toml", Plan, "E019", Some(6), &[]),
    ("indicator-without-target.toml", Plan, "E004", Some(30), &[]),
    ("indicator-duplicate.toml", Plan, "E024", Some(35), &[]),
    (
        "axis-indicator-unknown-key.toml",
        Plan,
        "E003",
        Some(18),
        &[],
    ),
    ("empty-axis.toml", Plan, "W101", Some(17), &[]),
    ("empty-action.toml", Plan, "W102", Some(22), &[]),
    ("log-unknown-activity.toml", Log, "E020", Some(12), &[]),
    ("log-progress-120.toml", Log, "E022", Some(14), &[]),
    ("log-progress-negative.toml", Log, "E022", Some(14), &[]),
    ("log-progress-text.toml", Log, "E011", Some(14), &[]),
    ("log-unknown-source.toml", Log, "E010", Some(15), &[]),
    ("log-unknown-indicator.toml", Log, "E021", Some(14), &[]),
    (
        "log-indicator-not-a-number.toml",
        Log,
        "E011",
        Some(14),
        &[],
    ),
    ("log-unknown-status.toml", Log, "E019", Some(14), &[]),
    ("log-missing-date.toml", Log, "E004", Some(11), &[]),
    ("log-missing-activity.toml", Log, "E004", Some(11), &[]),
    ("log-unknown-key-spend.toml", Log, "E003", Some(14), &[]),
    ("log-unknown-table-records.toml", Log, "E003", Some(11), &[]),
    (
        "log-spent-too-many-decimals.toml",
        Log,
        "E012",
        Some(14),
        &[],
    ),
    (
        "log-committed-too-many-decimals.toml",
        Log,
        "E012",
        Some(14),
        &[],
    ),
    ("log-spent-negative.toml", Log, "E011", Some(14), &[]),
    ("log-spent-1e400.toml", Log, "E026", Some(14), &[]),
    ("log-date-invalid.toml", Log, "E018", Some(13), &[]),
    ("log-date-with-time.toml", Log, "E018", Some(13), &[]),
    ("log-syntax-error.toml", Log, "E001", Some(14), &[]),
    ("log-deep-nesting.toml", Log, "E026", Some(11), &[]),
    ("log-utf16.toml", Log, "E002", None, &[]),
    ("log-done-progress-80.toml", Log, "W106", Some(15), &[]),
    ("log-spending-on-cancelled.toml", Log, "W107", Some(19), &[]),
    ("log-overspending.toml", Log, "W108", Some(15), &[]),
    ("log-paid-above-committed.toml", Log, "W109", Some(14), &[]),
    (
        "log-spending-without-source-multi-source.toml",
        Log,
        "W105",
        Some(11),
        &[],
    ),
    ("log-record-outside-year.toml", Log, "W104", Some(13), &[]),
    (
        "log-source-not-funding-activity.toml",
        Log,
        "W110",
        Some(15),
        &[],
    ),
];

/// Sets up the case in a fresh folder; returns the folder and the plan to check.
fn setup(name: &str, kind: Kind) -> (Env, String) {
    let env = Env::new();
    match kind {
        Plan => {
            env.fixture_as(&format!("bad/{name}"), name);
            (env, name.to_string())
        }
        Log => {
            env.fixture_as("log-base.toml", "plan.toml");
            env.fixture_as(&format!("bad/{name}"), "plan.progress.toml");
            (env, "plan.toml".to_string())
        }
    }
}

/// Runs `check --format json` and asserts what every case must show.
fn check_case(env: &Env, plan: &str, case: &Case) -> Vec<Value> {
    let (name, kind, code, line, extra) = *case;
    let warning = code.starts_with('W');
    let before = env.snapshot();
    let run = env.run(&["check", plan, "--format", "json"]);
    assert_eq!(
        run.code,
        if warning { 0 } else { 1 },
        "{name}: exit code of check\n{}{}",
        run.stdout,
        run.stderr
    );
    let diags = run.json_lines();
    let file = match kind {
        Plan => name,
        Log => "plan.progress.toml",
    };
    let found = diags.iter().find(|d| d["code"] == code).unwrap_or_else(|| {
        panic!("{name}: no {code} diagnostic in\n{}", run.stdout);
    });
    assert_eq!(found["file"], file, "{name}: file of {code}");
    assert_eq!(
        found["severity"],
        if warning { "warning" } else { "error" },
        "{name}"
    );
    assert_eq!(
        found["line"].as_u64(),
        line,
        "{name}: line of {code}\n{found}"
    );
    assert!(
        found["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{name}"
    );
    for d in &diags {
        let c = d["code"].as_str().unwrap_or("?");
        assert!(
            c == code || extra.contains(&c),
            "{name}: unexpected {c} besides {code}\n{}",
            run.stdout
        );
    }
    assert_unchanged(&before, &env.snapshot(), &format!("check {name}"));
    diags
}

#[test]
fn corpus_has_one_case_per_file_and_enough_of_them() {
    let mut files: Vec<String> = std::fs::read_dir(data("bad"))
        .expect("tests/data/bad")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|c| c.0.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed, "every corpus file has exactly one row");
    assert!(files.len() >= 40);
    for (name, kind, ..) in CORPUS {
        assert_eq!(name.starts_with("log-"), *kind == Log, "{name}");
    }
}

/// Runs `f` on every case and reports every failing case at once.
fn each_case(f: impl Fn(&Case) + std::panic::RefUnwindSafe) {
    let mut failures = Vec::new();
    for case in CORPUS {
        if let Err(e) = std::panic::catch_unwind(|| f(case)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {msg}", case.0));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CORPUS.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_defect_is_reported_at_its_line() {
    each_case(|case| {
        let (env, plan) = setup(case.0, case.1);
        check_case(&env, &plan, case);
    });
}

/// Warnings pass `check`, fail it with `--deny-warnings`, and do not stop
/// `summary`; errors stop `summary` and `record`, changing nothing.
#[test]
fn exit_codes_of_every_command_on_the_corpus() {
    each_case(|&(name, kind, code, ..)| {
        let (env, plan) = setup(name, kind);
        let before = env.snapshot();
        let deny = env.run(&["check", &plan, "--deny-warnings"]);
        assert_eq!(
            deny.code, 1,
            "{name}: check --deny-warnings\n{}",
            deny.stdout
        );
        assert!(
            deny.stdout.contains(code),
            "{name}: human output\n{}",
            deny.stdout
        );
        let summary = env.run(&["summary", &plan]);
        if code.starts_with('W') {
            assert_eq!(summary.code, 0, "{name}: summary\n{}", summary.stderr);
            assert!(
                summary.stderr.contains("1 avertissement"),
                "{name}\n{}",
                summary.stderr
            );
        } else {
            assert_eq!(summary.code, 1, "{name}: summary\n{}", summary.stderr);
            assert!(
                summary.stdout.is_empty(),
                "{name}: summary printed\n{}",
                summary.stdout
            );
            assert!(
                summary.stderr.contains(code),
                "{name}: summary stderr\n{}",
                summary.stderr
            );
            let activity = if kind == Log { "a1" } else { "A1.1.1" };
            let record = env.run(&[
                "record",
                &plan,
                activity,
                "--date",
                "2024-05-01",
                "--progress",
                "10",
            ]);
            assert_eq!(
                record.code, 1,
                "{name}: record on an invalid plan\n{}",
                record.stderr
            );
        }
        assert_unchanged(&before, &env.snapshot(), &format!("commands on {name}"));
    });
}

/// The human rendering points at `file:line:col` and shows the line with a caret.
#[test]
fn human_diagnostics_show_file_line_and_caret() {
    each_case(|&(name, kind, _, line, _)| {
        let Some(line) = line else { return };
        let (env, plan) = setup(name, kind);
        let run = env.run(&["check", &plan]);
        let file = if kind == Log {
            "plan.progress.toml"
        } else {
            name
        };
        let at = format!("--> {file}:{line}:");
        assert!(
            run.stdout.contains(&at),
            "{name}: no `{at}` in\n{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!("{line} | ")) && run.stdout.contains('^'),
            "{name}: source line and caret\n{}",
            run.stdout
        );
    });
}

#[test]
fn did_you_mean() {
    let cases = [
        ("unknown-key-bugdet.toml", "`budget`"),
        ("unknown-key-organisation.toml", "`organization`"),
        ("unknown-table-activite.toml", "`activity`"),
        ("unknown-key-in-budget-line.toml", "`amount`"),
        ("unknown-source.toml", "[[source]]"),
        ("log-unknown-key-spend.toml", "`spent`"),
        ("log-unknown-table-records.toml", "`record`"),
        ("log-unknown-status.toml", "statuts possibles"),
    ];
    for (name, want) in cases {
        let case = CORPUS.iter().find(|c| c.0 == name).expect(name);
        let (env, plan) = setup(name, case.1);
        let diags = check_case(&env, &plan, case);
        let d = diags.iter().find(|d| d["code"] == case.2).unwrap();
        let help = d["help"].as_str().unwrap_or_default();
        assert!(help.contains(want), "{name}: help `{help}`");
    }
    // In English too.
    let (env, plan) = setup("unknown-key-bugdet.toml", Plan);
    let run = env.run(&["check", &plan, "--format", "json", "--lang", "en"]);
    let d = &run.json_lines()[0];
    assert_eq!(d["help"], "did you mean `budget`?");
}

#[test]
fn budget_total_message_shows_both_figures_and_the_difference() {
    let case = CORPUS
        .iter()
        .find(|c| c.0 == "budget-total-mismatch.toml")
        .unwrap();
    let (env, plan) = setup(case.0, case.1);
    let diags = check_case(&env, &plan, case);
    let m = diags[0]["message"].as_str().unwrap();
    // declared 1 501 500, lines 1 500 000: 1 500 apart
    for part in ["1 501 500", "1 500 000", "1 500 FCFA"] {
        assert!(m.contains(part), "`{part}` not in `{m}`");
    }
}

#[test]
fn quantity_mismatch_message_shows_the_product() {
    let case = CORPUS
        .iter()
        .find(|c| c.0 == "quantity-times-unit-cost-mismatch.toml")
        .unwrap();
    let (env, plan) = setup(case.0, case.1);
    let diags = check_case(&env, &plan, case);
    let m = diags[0]["message"].as_str().unwrap();
    assert!(m.contains("1500000") && m.contains("1200000"), "{m}");
}

/// Inputs that look odd but are valid: UTF-8 BOM, CRLF, `1500000.0` in XOF,
/// `-0`, `1.5e6`, a currency word after a text amount, "T1" quarters, hex.
#[test]
fn accepted_inputs() {
    let mut names: Vec<String> = std::fs::read_dir(data("accepted"))
        .expect("tests/data/accepted")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    for name in &names {
        let env = Env::new();
        env.fixture_as(&format!("accepted/{name}"), name);
        let run = env.run(&["check", name, "--deny-warnings", "--format", "json"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stdout);
        assert_eq!(run.stdout, "", "{name}");
        let j = env.run(&["summary", name, "--format", "json"]).json();
        assert_eq!(j["budget"], "1500000", "{name}");
        assert_eq!(j["activities"], 1, "{name}");
    }
}

/// A UTF-8 BOM and CRLF line endings do not shift reported lines.
#[test]
fn bom_and_crlf_keep_line_numbers() {
    let text = std::fs::read_to_string(data("bad/unknown-key-bugdet.toml")).unwrap();
    let env = Env::new();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    env.write("bom.toml", bom);
    env.write("crlf.toml", text.replace('\n', "\r\n"));
    for f in ["bom.toml", "crlf.toml"] {
        let run = env.run(&["check", f, "--format", "json"]);
        assert_eq!(run.code, 1);
        let d = &run.json_lines()[0];
        assert_eq!(
            (d["code"].as_str(), d["line"].as_u64()),
            (Some("E003"), Some(28)),
            "{f}"
        );
        assert_eq!(d["column"], 1, "{f}");
    }
}

// ---------------------------------------------------- generated, too big to keep --

/// Hostile inputs generated at run time: 200 000 nested brackets, deeply
/// nested inline tables, a 10 MB single line. A clear diagnostic, quickly,
/// no stack overflow, nothing changed.
#[test]
fn huge_hostile_inputs() {
    let plan_head = "[plan]\ntitle = \"t\"\nyear = 2024\n";
    let cases: Vec<(&str, Kind, String, &str, Option<u64>)> = vec![
        (
            "brackets-200000.toml",
            Plan,
            format!(
                "{plan_head}x = {}{}\n",
                "[".repeat(200_000),
                "]".repeat(200_000)
            ),
            "E026",
            Some(1),
        ),
        (
            "unclosed-brackets-200000.toml",
            Plan,
            format!("{plan_head}x = {}\n", "[".repeat(200_000)),
            "E026",
            Some(1),
        ),
        (
            "inline-tables-100000.toml",
            Plan,
            format!(
                "{plan_head}x = {}1{}\n",
                "{a = ".repeat(100_000),
                "}".repeat(100_000)
            ),
            "E026",
            Some(1),
        ),
        (
            "ten-megabyte-unclosed-string.toml",
            Plan,
            format!("{plan_head}organization = \"{}\n", "a".repeat(10 << 20)),
            "E001",
            Some(4),
        ),
        (
            "ten-megabyte-line-of-garbage.toml",
            Plan,
            "x".repeat(10 << 20),
            "E001",
            Some(1),
        ),
        // User text echoed in a message is not echoed by the megabyte.
        (
            "key-of-one-megabyte.toml",
            Plan,
            format!("{plan_head}{} = 1\n", "k".repeat(1 << 20)),
            "E003",
            Some(4),
        ),
        (
            "id-of-one-megabyte.toml",
            Plan,
            format!(
                "{plan_head}\n[[axis]]\nid = \"{}\"\ntitle = \"a\"\n",
                "x".repeat(1 << 20)
            ),
            "E006",
            Some(6),
        ),
        (
            "log-activity-of-one-megabyte.toml",
            Log,
            format!(
                "[[record]]\nactivity = \"{}\"\ndate = 2024-01-02\n",
                "é".repeat(1 << 19)
            ),
            "E020",
            Some(2),
        ),
        (
            "log-brackets-200000.toml",
            Log,
            format!(
                "[[record]]\nactivity = \"a1\"\ndate = 2024-01-02\nnote = {}\n",
                "[".repeat(200_000)
            ),
            "E026",
            Some(1),
        ),
        (
            "log-ten-megabyte-note.toml",
            Log,
            format!(
                "[[record]]\nactivity = \"a1\"\ndate = 2024-01-02\nnote = \"{}\"\nprogress = 101\n",
                "é".repeat(5 << 20)
            ),
            "E022",
            Some(5),
        ),
    ];
    for (name, kind, text, code, line) in cases {
        let env = Env::new();
        let plan = match kind {
            Plan => {
                env.write(name, &text);
                name
            }
            Log => {
                env.fixture_as("log-base.toml", "plan.toml");
                env.write("plan.progress.toml", &text);
                "plan.toml"
            }
        };
        let before = env.snapshot();
        let start = std::time::Instant::now();
        let run = env.run(&["check", plan, "--format", "json"]);
        let elapsed = start.elapsed();
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let diags = run.json_lines();
        let d = diags.iter().find(|d| d["code"] == code);
        let d = d.unwrap_or_else(|| panic!("{name}: no {code} in {}", run.stdout));
        assert_eq!(d["line"].as_u64(), line, "{name}");
        assert!(
            run.stdout.len() < 100_000,
            "{name}: {} bytes of diagnostics",
            run.stdout.len()
        );
        assert!(elapsed.as_secs() < 60, "{name}: check took {elapsed:?}");
        // The human rendering does not echo megabytes either. (Ten megabytes
        // take seconds in a debug build: one such file is enough here.)
        if text.len() < 1 << 20 || name == "ten-megabyte-unclosed-string.toml" {
            let human = env.run(&["check", plan]);
            assert_eq!(human.code, 1, "{name}");
            assert!(
                human.stdout.len() < 100_000,
                "{name}: {} bytes",
                human.stdout.len()
            );
            let summary = env.run(&["summary", plan]);
            assert_eq!(summary.code, 1, "{name}");
            assert!(
                summary.stderr.len() < 100_000,
                "{name}: {} bytes",
                summary.stderr.len()
            );
        }
        assert_unchanged(&before, &env.snapshot(), name);
    }
}

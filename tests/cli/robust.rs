//! Never a panic: random mutations of valid plans and logs, through the
//! binary (exit 0, 1 or 2, nothing changed by `check` and `summary`) and,
//! many more, through the library (load → check → compute → every output).

use std::panic::AssertUnwindSafe;

use ptba::compute::{self, GroupBy, Options};
use ptba::i18n::Lang;
use ptba::model::{Project, Weighting};
use ptba::output::summary as out;

use crate::support::{Env, Rng, assert_unchanged, data, seed};

/// Text that tends to break parsers and computations.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    "[[",
    "]]",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "=",
    "#",
    "\\",
    ",",
    ".",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "é",
    "\u{202F}",
    "\u{FEFF}",
    "1e400",
    "-",
    "-0",
    "nan",
    "inf",
    "0x",
    "9999999999999999999999999",
    "0.000000000000000000000000001",
    "2024-13-45",
    "2024-02-29",
    "1979-05-27T07:32:00Z",
    "\n[[record]]\n",
    "\n[[activity]]\n",
    "\n[plan]\n",
    "\n[[activity.indicator]]\n",
    "\n[[action.indicator]]\n",
    "\n[[axis.indicator]]\n",
    "\nstatus = \"cancelled\"\n",
    "\nstatus = \"done\"\n",
    "\nprogress = 100\n",
    "\nspent = \"1 000\"\n",
    "\nsource = \"\"\n",
    "\nweight = 0\n",
    "\nweighting = \"budget\"\n",
    "\nbudget = []\n",
    "\nquarters = []\n",
    "\nbudget_total = 0\n",
    "\nyear = 0\n",
    "\nbaseline = 5\ntarget = 5\n",
    "{ source = \"ETAT\", quantity = 1e18, unit_cost = 1e18 }",
];

/// One random change to a text: a token inserted, a range deleted, a line
/// duplicated or moved, a cut, or a byte-level flip (only for the binary,
/// `bytes == true`).
fn mutate(text: &[u8], rng: &mut Rng, bytes: bool) -> Vec<u8> {
    let mut t = text.to_vec();
    let n = t.len().max(1) as u64;
    let boundary = |t: &[u8], mut i: usize| {
        while i < t.len() && (t[i] & 0xC0) == 0x80 {
            i += 1;
        }
        i.min(t.len())
    };
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        match rng.below(if bytes { 7 } else { 6 }) {
            0 | 1 => {
                let tok = TOKENS[rng.below(TOKENS.len() as u64) as usize];
                let at = boundary(&t, rng.below(n) as usize);
                t.splice(at..at, tok.bytes());
            }
            2 => {
                let a = boundary(&t, rng.below(n) as usize);
                let b = boundary(&t, a + rng.below(40) as usize);
                t.drain(a..b);
            }
            3 => {
                let text = String::from_utf8_lossy(&t).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let i = rng.below(lines.len() as u64) as usize;
                let j = rng.below(lines.len() as u64) as usize;
                let line = lines[i];
                lines.insert(j, line);
                t = lines.join("\n").into_bytes();
            }
            4 => {
                let text = String::from_utf8_lossy(&t).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let i = rng.below(lines.len() as u64) as usize;
                let j = rng.below(lines.len() as u64) as usize;
                lines.swap(i, j);
                t = lines.join("\n").into_bytes();
            }
            5 => {
                let at = boundary(&t, rng.below(n) as usize);
                t.truncate(at);
            }
            _ => {
                if !t.is_empty() {
                    let i = rng.below(t.len() as u64) as usize;
                    t[i] = rng.below(256) as u8;
                }
            }
        }
    }
    t
}

/// (plan, log) pairs the mutations start from.
fn seeds() -> Vec<(String, Vec<u8>, Option<Vec<u8>>)> {
    let read = |p: &std::path::Path| std::fs::read(p).ok();
    let mut v = vec![
        (
            "styles-xof".to_string(),
            read(&data("styles-xof.toml")).unwrap(),
            read(&data("styles-xof.progress.toml")),
        ),
        (
            "cents-eur".to_string(),
            read(&data("cents-eur.toml"))
                .unwrap()
                .split(|&b| b == b'\n')
                .filter(|l| !l.starts_with(b"progress ="))
                .collect::<Vec<_>>()
                .join(&b'\n'),
            read(&data("suivi/cents-eur.journal.toml")),
        ),
        (
            "log-base".to_string(),
            read(&data("log-base.toml")).unwrap(),
            read(&data("bad/log-overspending.toml")),
        ),
    ];
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/exemple-2024.toml");
    if let Some(plan) = read(&example) {
        v.push((
            "exemple-2024".to_string(),
            plan,
            read(&example.with_file_name("exemple-2024.progress.toml")),
        ));
    }
    v
}

/// Through the binary: a handful of mutations of each plan and each log.
#[test]
fn mutated_files_never_make_the_binary_panic() {
    let seed = seed();
    eprintln!("mutated_files_never_make_the_binary_panic: PTBA_TEST_SEED={seed}");
    let mut rng = Rng::new(seed);
    let mut outcomes = [0usize; 3];
    for (name, plan, log) in seeds() {
        for i in 0..8 {
            let env = Env::new();
            // Half the time the plan is mutated, half the time its log.
            let (p, l) = match (&log, i % 2) {
                (Some(l), 1) => (plan.clone(), Some(mutate(l, &mut rng, true))),
                _ => (mutate(&plan, &mut rng, true), log.clone()),
            };
            env.write("plan.toml", &p);
            if let Some(l) = &l {
                env.write("plan.progress.toml", l);
            }
            let before = env.snapshot();
            let what = format!("{name} mutation {i} (seed {seed})");
            let run = env.run(&["check", "plan.toml", "--format", "json"]);
            outcomes[run.code as usize] += 1;
            for line in run.stdout.lines() {
                let d: serde_json::Value = serde_json::from_str(line).expect("json line");
                assert!(d["code"].is_string(), "{what}: {line}");
            }
            let by = ["axis", "action", "source", "responsible", "quarter"][i % 5];
            let summary = env.run(&["summary", "plan.toml", "--by", by]);
            if run.code == 0 {
                assert_eq!(summary.code, 0, "{what}: check passed, summary failed");
            }
            let run = env.run(&["summary", "plan.toml", "--format", "json", "--by", by]);
            if run.code == 0 {
                run.json();
            }
            assert_unchanged(&before, &env.snapshot(), &what);
            // record either refuses (changing nothing) or appends.
            let run = env.run(&[
                "record",
                "plan.toml",
                "a1",
                "--progress",
                "1",
                "--date",
                "2024-05-05",
            ]);
            if run.code != 0 {
                let mut after = env.snapshot();
                after.remove(".plan.progress.toml.lock");
                assert_unchanged(&before, &after, &format!("{what}: refused record"));
            }
        }
    }
    eprintln!("check exits 0/1/2: {outcomes:?}");
}

/// Everything a command does after reading the files, in-process.
fn exercise(plan_text: &str, log_text: Option<&str>, variant: usize) {
    let (plan, mut diags) = ptba::load::toml::parse_plan(plan_text, 0, Lang::Fr);
    let mut project = Project {
        plan,
        ..Default::default()
    };
    if let Some(l) = log_text {
        let (records, d) = ptba::load::toml::parse_log(l, 1, Lang::En);
        project.records = records;
        diags.extend(d);
    }
    diags.extend(ptba::check::check(&project, Lang::Fr));
    for d in &diags {
        assert!(!d.message.is_empty());
    }
    // The commands stop on errors; the library must not panic either way.
    // Two of the ten (grouping, weighting, date) combinations per input.
    let projects = [project];
    let combos = [
        (GroupBy::Axis, None),
        (GroupBy::Action, Some(Weighting::Budget)),
        (GroupBy::Source, Some(Weighting::Weight)),
        (GroupBy::Responsible, Some(Weighting::Activities)),
        (GroupBy::Quarter, None),
    ];
    for k in [variant % 10, (variant + 3) % 10] {
        let (by, weighting) = combos[k % 5];
        let as_of = (k >= 5)
            .then(|| chrono::NaiveDate::from_ymd_opt(2024, 6, 30))
            .flatten();
        let opts = Options { as_of, weighting };
        let s = compute::summarize(&projects, by, &opts);
        let rates = s.total.rates();
        for r in rates.all().into_iter().flatten() {
            assert!(
                !r.is_sign_negative() || r.is_zero() || !diags.is_empty(),
                "{r}"
            );
        }
        let indicators = compute::indicators(&projects[0], as_of);
        let plans = ["p.toml".to_string()];
        let titles = [projects[0].plan.title.clone()];
        let view = out::View {
            summary: &s,
            plans: &plans,
            titles: &titles,
            indicators: &indicators,
            lang: Lang::Fr,
            precision: 2,
        };
        let _ = out::table(&view);
        let _ = out::json(&view).to_string();
        let _ = out::csv(&view);
        let _ = out::markdown(&view);
    }
}

/// Through the library: many more mutations, each through the loader,
/// every rule, every grouping and every output format.
#[test]
fn mutated_text_never_makes_the_library_panic() {
    let seed = seed();
    eprintln!("mutated_text_never_makes_the_library_panic: PTBA_TEST_SEED={seed}");
    let mut rng = Rng::new(seed ^ 0x9E37_79B9_7F4A_7C15);
    // 150 per seed under PTBA_SLOW=1 (CI), 40 on a developer's `cargo test`;
    // PTBA_FUZZ_ROUNDS=5000 for a longer hunt.
    let per_seed: usize = std::env::var("PTBA_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(crate::support::scaled(150, 40));
    for (name, plan, log) in seeds() {
        let plan = String::from_utf8(plan).unwrap();
        let log = log.map(|l| String::from_utf8(l).unwrap());
        for i in 0..per_seed {
            let (p, l) = match (&log, i % 2) {
                (Some(l), 1) => (
                    plan.clone(),
                    Some(
                        String::from_utf8_lossy(&mutate(l.as_bytes(), &mut rng, false))
                            .into_owned(),
                    ),
                ),
                _ => (
                    String::from_utf8_lossy(&mutate(plan.as_bytes(), &mut rng, false)).into_owned(),
                    log.clone(),
                ),
            };
            let result =
                std::panic::catch_unwind(AssertUnwindSafe(|| exercise(&p, l.as_deref(), i)));
            if result.is_err() {
                let dir = std::env::temp_dir().join(format!("ptba-panic-{name}-{i}"));
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(dir.join("plan.toml"), &p);
                if let Some(l) = &l {
                    let _ = std::fs::write(dir.join("plan.progress.toml"), l);
                }
                panic!(
                    "{name} mutation {i} (seed {seed}) panicked; input kept in {}",
                    dir.display()
                );
            }
        }
    }
}

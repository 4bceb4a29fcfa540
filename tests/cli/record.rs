//! `ptba record`: one block appended, the rest kept byte for byte; refused
//! records change nothing; concurrent writers lose nothing; a writer killed
//! at any moment leaves a valid log.

use std::collections::BTreeMap;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Env, Rng, assert_unchanged, seed};

/// The log of `log-base.toml` with comments, odd spacing and one record.
const LOG: &str = "# Journal de suivi — saisi à la main.\n\
# Ces commentaires doivent rester tels quels.\n\
\n\
[[record]]   # premier trimestre\n\
activity   = \"a1\"\n\
date = 2024-03-31\n\
status = \"ongoing\"\n\
progress = 25          # estimation du point focal\n\
committed = 400_000\n\
spent = \"200 000\"\n\
source = \"ETAT\"\n\
indicators = { Ateliers = 1 }\n\
note = '''Deux ateliers\n\
[[record]] ceci n'est pas un en-tête'''\n";

fn base_env() -> Env {
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.write("plan.progress.toml", LOG);
    env
}

fn count_records(text: &str) -> usize {
    text.lines()
        .filter(|l| l.trim_start().starts_with("[[record]]"))
        .count()
}

/// The files of the folder except the lock sidecar, which a writer may
/// create and leave (it is empty and never blocks: the OS lock dies with
/// its process).
fn snapshot_without_lock(env: &Env) -> BTreeMap<String, Vec<u8>> {
    let mut s = env.snapshot();
    s.remove(".plan.progress.toml.lock");
    s
}

#[test]
fn appends_exactly_one_block_and_keeps_the_text() {
    let env = base_env();
    let before = env.read("plan.progress.toml");
    let run = env.run(&[
        "record",
        "plan.toml",
        "a2",
        "--date",
        "15/07/2024",
        "--status",
        "en cours",
        "--progress",
        "60",
        "--committed",
        "100 000",
        "--spent",
        "50000",
        "--source",
        "PTF",
        "--note",
        "Atelier à Bouaké, \"salle\" pleine\nsuite",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("a2"), "{}", run.stdout);
    let after = env.read("plan.progress.toml");
    assert!(
        after.starts_with(&before),
        "the existing text must be kept byte for byte"
    );
    let added = String::from_utf8(after[before.len()..].to_vec()).unwrap();
    assert_eq!(count_records(&added), 1, "{added}");
    assert_eq!(
        count_records(&String::from_utf8(after.clone()).unwrap()),
        count_records(LOG) + 1
    );
    env.run(&["check", "plan.toml", "--deny-warnings"]).ok();

    // The new record counts: a2 60 % (ongoing), 50 000 spent from PTF.
    let j = env
        .run(&["summary", "plan.toml", "--format", "json", "--by", "source"])
        .json();
    // a1 25 %, a2 60 %, a3 0 % → 85 / 3 = 28.33
    assert_eq!(j["rates"]["physical"].as_f64(), Some(28.33));
    assert_eq!(j["spent"], "250000");
    assert_eq!(j["committed"], "500000");
    assert_eq!(j["as_of"], "2024-07-15");
    let ptf = &j["groups"][1];
    assert_eq!(
        (ptf["id"].as_str(), ptf["spent"].as_str()),
        (Some("PTF"), Some("50000"))
    );
    assert_eq!(ptf["committed"], "100000");
    // The note came back whole.
    let log = env.read_text("plan.progress.toml");
    assert!(log.contains("Atelier à Bouaké"), "{log}");

    // An indicator and a done status in English.
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2024-09-30",
        "--status",
        "done",
        "--indicator",
        "Ateliers=4",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let after2 = env.read("plan.progress.toml");
    assert!(after2.starts_with(&after));
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    // a1 done 100, a2 60, a3 0 → 160 / 3 = 53.33; completion 1 / 3
    assert_eq!(j["rates"]["physical"].as_f64(), Some(53.33));
    assert_eq!(j["rates"]["completion"].as_f64(), Some(33.33));
    let ind = &j["indicators"][0];
    assert_eq!(
        (ind["actual"].as_str(), ind["achievement"].as_f64()),
        (Some("4"), Some(100.0))
    );
}

#[test]
fn odd_existing_text_is_kept_byte_for_byte() {
    // A BOM, CRLF line endings, no final newline.
    let mut text = vec![0xEF, 0xBB, 0xBF];
    text.extend_from_slice(LOG.replace('\n', "\r\n").trim_end().as_bytes());
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.write("plan.progress.toml", &text);
    env.run(&["check", "plan.toml"]).ok();
    let run = env.run(&[
        "record",
        "plan.toml",
        "a3",
        "--date",
        "2024-04-02",
        "--progress",
        "5",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let after = env.read("plan.progress.toml");
    assert!(after.starts_with(&text));
    env.run(&["check", "plan.toml", "--deny-warnings"]).ok();
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    // a1 25, a2 0, a3 5 → 10
    assert_eq!(j["rates"]["physical"].as_f64(), Some(10.0));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let env = base_env();
    let log = env.path("plan.progress.toml");
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o640)).unwrap();
    env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2024-04-02",
        "--progress",
        "30",
    ])
    .ok();
    let mode = std::fs::metadata(&log).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_missing_log_is_created() {
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2024-02-10",
        "--progress",
        "10",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let log = env.read_text("plan.progress.toml");
    assert_eq!(count_records(&log), 1, "{log}");
    env.run(&["check", "plan.toml", "--deny-warnings"]).ok();
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    // 10 / 3 = 3.33
    assert_eq!(j["rates"]["physical"].as_f64(), Some(3.33));

    // At the path named by `[plan] progress`, in its folder, created if
    // missing — but not by a refused record.
    let env = Env::new();
    env.fixture("cents-eur.toml");
    // Nor several levels of folders.
    let nested = std::fs::read_to_string(env.path("cents-eur.toml"))
        .unwrap()
        .replace("progress = \"suivi/", "progress = \"a/b/");
    env.write("nested.toml", nested);
    for (plan, folder) in [("cents-eur.toml", "suivi"), ("nested.toml", "a")] {
        let refused = env.run(&[
            "record",
            plan,
            "e1",
            "--date",
            "2024-02-10",
            "--progress",
            "150",
        ]);
        assert_eq!(refused.code, 1, "{refused:?}");
        assert!(!env.exists(folder), "a refused record creates no folder");
    }
    let run = env.run(&[
        "record",
        "cents-eur.toml",
        "e1",
        "--date",
        "2024-02-10",
        "--spent",
        "10.50",
        "--source",
        "UE",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("suivi"), "{run:?}");
    assert!(env.exists("suivi/cents-eur.journal.toml"));
    assert!(!env.exists("cents-eur.progress.toml"));
    let j = env
        .run(&["summary", "cents-eur.toml", "--format", "json"])
        .json();
    assert_eq!(j["spent"], "10.5");
}

#[test]
fn refused_records_leave_every_file_as_it_was() {
    let env = base_env();
    let cases: &[(&[&str], &str)] = &[
        (&["a9", "--progress", "10"], "E020"),
        (&["a1", "--progress", "150"], "E022"),
        (&["a1", "--progress=-1"], "E022"),
        (&["a1", "--spent", "1000", "--source", "BAD"], "E010"),
        (&["a1", "--indicator", "Formations=3"], "E021"),
        (&["a1", "--spent", "1000.5"], "E012"),
        (&["a1", "--committed", "99,5"], "E012"),
        (&["a1", "--spent", "1e400"], ""),
        (&["a1 ", "--progress", "10"], "E020"),
        (&["a\u{7}1", "--progress", "10"], "E020"),
    ];
    for (args, code) in cases {
        let before = snapshot_without_lock(&env);
        let mut a = vec!["record", "plan.toml"];
        a.extend_from_slice(args);
        a.extend(["--date", "2024-05-01"]);
        let run = env.run(&a);
        assert!(
            run.code == 1 || (code.is_empty() && run.code == 2),
            "record {args:?}: exit {}\n{}",
            run.code,
            run.stderr
        );
        assert!(run.stderr.contains(code), "record {args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "record {args:?}: {}", run.stdout);
        assert_unchanged(
            &before,
            &snapshot_without_lock(&env),
            &format!("record {args:?}"),
        );
    }

    // A plan whose log is already broken: nothing is added to it.
    env.fixture_as("bad/log-unknown-activity.toml", "plan.progress.toml");
    let before = snapshot_without_lock(&env);
    let run = env.run(&["record", "plan.toml", "a1", "--progress", "10"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_unchanged(
        &before,
        &snapshot_without_lock(&env),
        "record on a broken log",
    );
}

#[test]
fn usage_errors_exit_2_and_touch_nothing() {
    let env = base_env();
    let before = env.snapshot();
    for args in [
        &["a1", "--spent", "abc"][..],
        &["a1", "--spent", "-5"],
        &["a1", "--progress", "beaucoup"],
        &["a1"],
        &["a1", "--date", "2024-05-01"],
        &["a1", "--indicator", "Ateliers"],
        &["a1", "--indicator", "Ateliers=deux"],
        &["a1", "--status", "fini"],
        &["a1", "--date", "31/02/2024", "--progress", "1"],
        &["a1", "--date", "demain", "--progress", "1"],
        // A year TOML cannot write: refused as a bad argument, not as a
        // syntax error in a log that does not exist.
        &["a1", "--date=-0001-01-01", "--progress", "1"],
        &["--progress", "10"],
        // 1 250 as a typed amount, 1.25 as a number: which was meant?
        &["a1", "--date", "2024-05-01", "--spent", "1.250"],
        &[
            "a1",
            "--date",
            "2024-05-01",
            "--indicator",
            "Ateliers=2,125",
        ],
    ] {
        let mut a = vec!["record", "plan.toml"];
        a.extend_from_slice(args);
        let run = env.run(&a);
        assert_eq!(run.code, 2, "record {args:?}: {run:?}");
        assert!(!run.stderr.is_empty());
        assert_unchanged(&before, &env.snapshot(), &format!("record {args:?}"));
    }
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2024-05-01",
        "--spent",
        "1.250",
    ]);
    assert!(
        run.stderr.contains("ambigu") && run.stderr.contains("1250 ou 1.25"),
        "{}",
        run.stderr
    );
    // Unambiguous forms are taken as written (the plan is in XOF).
    for ok in ["1250", "1 250", "1.250.000", "1,250.00"] {
        assert_eq!(
            env.run(&[
                "record",
                "plan.toml",
                "a1",
                "--date",
                "2024-05-01",
                "--committed",
                ok,
            ])
            .code,
            0,
            "{ok}"
        );
    }
}

#[test]
fn warnings_do_not_stop_a_record() {
    let env = base_env();
    // a1 has 1 000 000 of budget and 200 000 spent: 900 000 more is too much.
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2024-06-01",
        "--spent",
        "900000",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("W108"), "{}", run.stderr);
    let run = env.run(&["check", "plan.toml", "--format", "json"]);
    let codes: Vec<_> = run.json_lines().iter().map(|d| d["code"].clone()).collect();
    assert!(codes.contains(&"W108".into()), "{codes:?}");
}

// ----------------------------------------------------------- concurrency --

/// `writers` processes at once, each recording `per_writer` records in turn.
fn concurrent_writers(writers: usize, per_writer: usize) {
    let env = base_env();
    let original = env.read("plan.progress.toml");
    let dir = env.dir.path().to_path_buf();
    let start = Instant::now();
    std::thread::scope(|s| {
        for w in 0..writers {
            let env = &env;
            s.spawn(move || {
                for i in 0..per_writer {
                    let activity = ["a1", "a2", "a3"][(w + i) % 3];
                    let note = format!("w{w}-{i}");
                    let progress = (i % 101).to_string();
                    let run = env.run(&[
                        "record",
                        "plan.toml",
                        activity,
                        "--date",
                        "2024-05-01",
                        "--progress",
                        &progress,
                        "--note",
                        &note,
                    ]);
                    assert_eq!(run.code, 0, "writer {w}, record {i}: {run:?}");
                }
            });
        }
    });
    let elapsed = start.elapsed();
    let after = env.read("plan.progress.toml");
    assert!(
        after.starts_with(&original),
        "the original text and comments are intact"
    );
    let text = String::from_utf8(after).unwrap();
    assert_eq!(
        count_records(&text),
        count_records(LOG) + writers * per_writer,
        "every record exactly once"
    );
    for w in 0..writers {
        for i in 0..per_writer {
            let note = format!("note = \"w{w}-{i}\"");
            assert_eq!(text.matches(&note).count(), 1, "{note}");
        }
    }
    // The log parses and checks clean.
    let run = env.run(&["check", "plan.toml", "--format", "json", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let (records, diags) = ptba::load::toml::parse_log(&text, 0, ptba::i18n::Lang::Fr);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(records.len(), 1 + writers * per_writer);
    // No temporary file left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "leftover temporary files: {names:?}"
    );
    eprintln!("{writers} writers × {per_writer} records: {elapsed:?}");
}

/// Issue 2: two processes appending 200 records each at the same time
/// (40 each without `PTBA_SLOW=1`).
#[test]
fn two_writers_200_records_each() {
    concurrent_writers(2, crate::support::scaled(200, 40));
}

/// Issue 5, point 4: N = 8 processes, 100 records each (15 each without
/// `PTBA_SLOW=1`).
#[test]
fn eight_writers_100_records_each() {
    concurrent_writers(8, crate::support::scaled(100, 15));
}

// ---------------------------------------------------------- crash safety --

fn spawn_record(env: &Env, note: &str, progress: u64) -> Child {
    let p = progress.to_string();
    env.command(&[
        "record",
        "plan.toml",
        "a2",
        "--date",
        "2024-05-01",
        "--progress",
        &p,
        "--note",
        note,
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .expect("spawn ptba record")
}

/// Waits for a child, killing it if it takes longer than `limit`.
fn wait_with_limit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Issue 5, point 3: `ptba record` killed (SIGKILL) at random moments,
/// hundreds of times. After every kill the log parses; every record whose
/// command reported success is there exactly once; nothing left behind
/// blocks the next run.
#[test]
fn killed_writers_never_corrupt_the_log() {
    // 250 rounds under PTBA_SLOW=1 (CI), 40 on a developer's `cargo test`.
    let rounds = crate::support::scaled(250, 40);
    let seed = seed();
    eprintln!("killed_writers_never_corrupt_the_log: PTBA_TEST_SEED={seed}");
    let mut rng = Rng::new(seed);
    let env = base_env();
    let original = env.read("plan.progress.toml");

    // How long an undisturbed record takes here (median of five).
    let mut times: Vec<Duration> = (0..5)
        .map(|i| {
            let t = Instant::now();
            let mut c = spawn_record(&env, &format!("warm-{i}"), 1);
            let status = wait_with_limit(&mut c, Duration::from_secs(30)).expect("no hang");
            assert!(status.success());
            t.elapsed()
        })
        .collect();
    times.sort();
    // The delay scale adapts as the rounds go (the machine may be busy with
    // other tests): it shrinks when a writer finished first, grows when it
    // was killed, so that kills stay frequent whatever the load.
    let mut typical = times[2].as_micros().max(1000) as u64;

    let mut succeeded: Vec<String> = (0..5).map(|i| format!("warm-{i}")).collect();
    let (mut killed, mut finished) = (0, 0);
    for round in 0..rounds {
        let note = format!("k{round}");
        let mut child = spawn_record(&env, &note, rng.below(101));
        // Anywhere from at once to a bit after it would have finished.
        let delay = rng.below(typical * 3 / 2);
        std::thread::sleep(Duration::from_micros(delay));
        match child.try_wait().expect("try_wait") {
            Some(status) => {
                finished += 1;
                assert!(status.success(), "round {round}: {status:?}");
                succeeded.push(note.clone());
                typical = (typical * 3 / 4).max(200);
            }
            None => {
                let _ = child.kill();
                let status = child.wait().expect("wait");
                if status.success() {
                    // It finished between try_wait and kill.
                    succeeded.push(note.clone());
                } else {
                    killed += 1;
                    typical = typical * 5 / 4 + 1;
                }
            }
        }
        // After every kill: the log parses, with no record twice, and every
        // record that reported success.
        let text = String::from_utf8(env.read("plan.progress.toml")).expect("utf-8 log");
        assert!(
            text.as_bytes().starts_with(&original),
            "round {round}: original text lost"
        );
        let (records, diags) = ptba::load::toml::parse_log(&text, 0, ptba::i18n::Lang::Fr);
        assert!(diags.is_empty(), "round {round}: {diags:?}\n{text}");
        let notes: Vec<&str> = records.iter().filter_map(|r| r.note.as_deref()).collect();
        for n in &succeeded {
            assert_eq!(
                notes.iter().filter(|x| *x == n).count(),
                1,
                "round {round}: record `{n}` reported as written"
            );
        }
        let unique: std::collections::HashSet<&&str> = notes.iter().collect();
        assert_eq!(unique.len(), notes.len(), "round {round}: a record twice");
    }
    eprintln!("{rounds} rounds: {killed} killed, {finished} finished (typical run {typical} µs)");
    assert!(
        killed >= rounds / 5,
        "too few kills ({killed}) to prove anything"
    );

    // Nothing left behind blocks the next run, which does not hang either.
    let mut c = spawn_record(&env, "after", 50);
    let status = wait_with_limit(&mut c, Duration::from_secs(30)).expect("next run hangs");
    assert!(status.success(), "{status:?}");
    let run = env.run(&["check", "plan.toml", "--format", "json", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let text = env.read_text("plan.progress.toml");
    assert_eq!(text.matches("note = \"after\"").count(), 1);

    // Temporary files of killed writers: report how many stay behind.
    let leftovers: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "{} temporary files left by killed writers: {leftovers:?}",
        leftovers.len()
    );
}

/// A lock file left behind by a dead writer does not block; a lock held by
/// a live writer makes `record` wait for it, then append after its text.
#[test]
fn lock_left_behind_or_held() {
    let env = base_env();
    // Left behind: the file is there, nobody holds it.
    env.write(".plan.progress.toml.lock", "");
    let mut c = spawn_record(&env, "after-stale-lock", 10);
    let status =
        wait_with_limit(&mut c, Duration::from_secs(30)).expect("blocked by a stale lock file");
    assert!(status.success());

    // Held by a live writer (this process).
    let lock = ptba::progress::LogLock::acquire(&env.path("plan.progress.toml")).expect("lock");
    let mut c = spawn_record(&env, "waited", 20);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        c.try_wait().unwrap().is_none(),
        "record must wait for the lock"
    );
    // Meanwhile the holder appends a record of its own.
    let mut text = env.read("plan.progress.toml");
    text.extend_from_slice(
        b"\n[[record]]\nactivity = \"a3\"\ndate = 2024-05-02\nnote = \"holder\"\n",
    );
    ptba::progress::write_atomic(&env.path("plan.progress.toml"), &text).unwrap();
    drop(lock);
    let status = wait_with_limit(&mut c, Duration::from_secs(30)).expect("still blocked");
    assert!(status.success());
    let log = env.read_text("plan.progress.toml");
    assert!(
        log.as_bytes().starts_with(&text),
        "the holder's record is kept"
    );
    assert_eq!(log.matches("note = \"waited\"").count(), 1);
    env.run(&["check", "plan.toml", "--deny-warnings"]).ok();
}

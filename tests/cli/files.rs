//! Issue 10: never lose, overwrite or leak a user's file. The output policy
//! of every command that writes (SPEC §5), the place of the progress log
//! (SPEC §2), symlinked and read-only logs (SPEC §3), full disks, and what
//! a command interrupted at any write or rename leaves behind.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Env, Run, assert_unchanged, fill_template};

/// The plan of `log-base.toml` with a log of one record.
const LOG: &str = "# Journal saisi à la main.\n\n[[record]]\nactivity = \"a1\"\ndate = 2024-03-31\nprogress = 25\nspent = 200_000\n";

fn base() -> Env {
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.write("plan.progress.toml", LOG);
    env
}

fn run_with(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Run {
    let out = env
        .command(args)
        .envs(vars.iter().copied())
        .output()
        .expect("run ptba");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Names of the temporary files of ptba under the folder (any depth).
fn temps(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if e.file_name().to_string_lossy().starts_with(".ptba-") {
                out.push(p.display().to_string());
            }
        }
    }
    out
}

/// A snapshot without the lock sidecars (empty, left by design).
fn files(env: &Env) -> BTreeMap<String, Vec<u8>> {
    let mut s = env.snapshot();
    s.retain(|k, _| !k.ends_with(".lock"));
    s
}

#[test]
fn template_never_writes_over_the_log_the_plan_or_another_file() {
    let env = base();
    let before = files(&env);
    // The log, the plan, any other extension: refused, nothing changes.
    for target in [
        "plan.progress.toml",
        "plan.toml",
        "notes.txt",
        "./sub/../plan.progress.toml",
    ] {
        let r = env.run(&["template", "plan.toml", "-o", target, "--force"]);
        assert_eq!(r.code, 2, "{target}: {r:?}");
        assert!(r.stderr.contains(".xlsx"), "{target}: {}", r.stderr);
    }
    assert_unchanged(&before, &files(&env), "refused templates");
    // A log that does not exist yet is an input too: a workbook written
    // there would become the log.
    let env2 = Env::new();
    plan_with_log(&env2, "journal.xlsx");
    let r = env2.run(&["template", "plans/plan.toml", "-o", "plans/journal.xlsx"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stderr.contains("ptba n'écrit jamais sur ses entrées"),
        "{}",
        r.stderr
    );
    assert!(!env2.exists("plans/journal.xlsx"));
    // An existing workbook (a filled template waiting for import) is kept
    // without --force.
    let kept = env.path("saisie.xlsx");
    std::fs::write(&kept, "filled by a focal point").unwrap();
    let r = env.run(&["template", "plan.toml", "-o", "saisie.xlsx"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("saisie.xlsx existe déjà : ajouter --force pour le remplacer"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(&kept).unwrap(), b"filled by a focal point");
    env.run(&["template", "plan.toml", "-o", "saisie.xlsx", "--force"])
        .ok();
    assert!(std::fs::read(&kept).unwrap().starts_with(b"PK"));
}

#[test]
fn an_input_is_refused_by_identity_even_with_force() {
    let env = base();
    env.run(&["convert", "plan.toml", "-o", "plan.xlsx"]).ok();
    let before = files(&env);
    std::fs::create_dir(env.path("sub")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(env.path("plan.xlsx"), env.path("alias.xlsx")).unwrap();
        std::fs::hard_link(env.path("plan.xlsx"), env.path("hard.xlsx")).unwrap();
    }
    for (args, what) in [
        (
            vec!["convert", "plan.xlsx", "-o", "sub/../plan.xlsx", "--force"],
            "spelled otherwise",
        ),
        (
            vec!["convert", "plan.xlsx", "-o", "alias.xlsx", "--force"],
            "a symlink to it",
        ),
        (
            vec!["convert", "plan.xlsx", "-o", "hard.xlsx", "--force"],
            "a hard link to it",
        ),
        (
            vec!["report", "plan.xlsx", "-o", "hard.xlsx", "--force"],
            "report onto its plan",
        ),
        (
            vec!["template", "plan.xlsx", "-o", "alias.xlsx", "--force"],
            "template onto its plan",
        ),
    ] {
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{what}: {r:?}");
        assert!(
            r.stderr.contains("ptba n'écrit jamais sur ses entrées"),
            "{what}: {}",
            r.stderr
        );
    }
    let mut after = files(&env);
    after.remove("alias.xlsx");
    after.remove("hard.xlsx");
    assert_unchanged(&before, &after, "inputs");
}

#[test]
fn init_refuses_another_extension_and_an_existing_file_and_writes_atomically() {
    let env = Env::new();
    let r = env.run(&["init", "-o", "x.xlsx"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("l'extension .toml"), "{}", r.stderr);
    assert!(!env.exists("x.xlsx"));
    env.write("plan.toml", "# my plan\n");
    let r = env.run(&["init", "-o", "plan.toml", "--year", "2025"]);
    assert_eq!(r.code, 2);
    assert_eq!(env.read_text("plan.toml"), "# my plan\n");
    env.run(&["init", "-o", "plan.toml", "--year", "2025", "--force"])
        .ok();
    assert!(env.read_text("plan.toml").contains("year = 2025"));
    // A missing folder: exit 2, the folder named, no temporary path.
    let r = env.run(&["init", "-o", "nowhere/plan.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("dossier nowhere") && r.stderr.contains("n'existe pas"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(".ptba-"), "{}", r.stderr);
    assert!(temps(env.dir.path()).is_empty());
}

#[test]
fn report_to_a_missing_folder_names_the_folder_never_the_temporary_file() {
    let env = base();
    for lang in ["fr", "en"] {
        let r = env.run(&[
            "--lang",
            lang,
            "report",
            "plan.toml",
            "-o",
            "nowhere/r.xlsx",
        ]);
        assert_eq!(r.code, 2, "{r:?}");
        assert!(r.stderr.contains("nowhere"), "{}", r.stderr);
        assert!(!r.stderr.contains(".ptba-"), "{}", r.stderr);
        assert!(!r.stderr.contains(".tmp"), "{}", r.stderr);
    }
    let r = env.run(&["report", "plan.toml", "-o", "nowhere/r.xlsx"]);
    assert!(
        r.stderr.contains(
            "impossible d'écrire dans le dossier nowhere : le dossier n'existe pas : le créer ou en choisir un autre ; aucun fichier n'est modifié"
        ),
        "{}",
        r.stderr
    );
}

/// A plan whose `[plan] progress` is `progress`.
fn plan_with_log(env: &Env, progress: &str) {
    let plan = String::from_utf8(std::fs::read(crate::support::data("log-base.toml")).unwrap())
        .unwrap()
        .replace(
            "year = 2024\n",
            &format!("year = 2024\nprogress = {}\n", toml_str(progress)),
        );
    env.write("plans/plan.toml", plan);
}

fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn the_log_stays_in_the_plans_folder() {
    let env = Env::new();
    env.write(
        "secret.toml",
        "[[record]]\nactivity = \"MOT-DE-PASSE-42\"\ndate = 2024-01-01\n",
    );
    let secret = env.path("secret.toml").display().to_string();
    for (progress, expected) in [
        (secret.as_str(), "chemin absolu"),
        ("../secret.toml", "remonte hors du dossier"),
        ("/dev/zero", "chemin absolu"),
        ("suivi/../../secret.toml", "remonte hors du dossier"),
    ] {
        plan_with_log(&env, progress);
        for format in ["human", "json", "github"] {
            let r = env.run(&["check", "plans/plan.toml", "--format", format]);
            assert_eq!(r.code, 1, "{progress}: {r:?}");
            assert!(
                r.stdout.contains("E036") || r.stderr.contains("E036"),
                "{progress} {format}: {r:?}"
            );
            assert!(
                !r.stdout.contains("MOT-DE-PASSE") && !r.stderr.contains("MOT-DE-PASSE"),
                "{progress}: the other file was read\n{r:?}"
            );
        }
        let r = env.run(&["check", "plans/plan.toml"]);
        assert!(r.stdout.contains(expected), "{progress}: {}", r.stdout);
        assert!(
            r.stdout.contains("dossier du plan"),
            "a fix is given: {}",
            r.stdout
        );
        // record writes nothing there, creates no folder.
        let before = files(&env);
        let r = env.run(&[
            "record",
            "plans/plan.toml",
            "a1",
            "--date",
            "2024-05-01",
            "--progress",
            "10",
        ]);
        assert_eq!(r.code, 1, "{r:?}");
        assert_unchanged(&before, &files(&env), progress);
    }
}

#[cfg(unix)]
#[test]
fn a_log_that_is_a_link_outside_a_fifo_a_device_or_a_folder_is_not_read() {
    use std::time::{Duration, Instant};
    let env = Env::new();
    env.write(
        "secret.toml",
        "[[record]]\nactivity = \"MOT-DE-PASSE-42\"\ndate = 2024-01-01\n",
    );
    std::fs::create_dir_all(env.path("plans")).unwrap();
    std::os::unix::fs::symlink(env.path("secret.toml"), env.path("plans/out.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", env.path("plans/zero.toml")).unwrap();
    std::fs::create_dir(env.path("plans/folder.toml")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(env.path("plans/fifo.toml"))
        .status()
        .unwrap();
    assert!(fifo.success());
    for (progress, expected) in [
        ("out.toml", "mène hors du dossier du plan"),
        ("zero.toml", "mène hors du dossier du plan"),
        ("folder.toml", "est un dossier"),
        ("fifo.toml", "fichier spécial"),
    ] {
        plan_with_log(&env, progress);
        let start = Instant::now();
        let r = env.run(&["check", "plans/plan.toml"]);
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{progress}: hung"
        );
        assert_eq!(r.code, 1, "{progress}: {r:?}");
        assert!(
            r.stdout.contains("E036") && r.stdout.contains(expected),
            "{progress}: {}",
            r.stdout
        );
        assert!(!r.stdout.contains("MOT-DE-PASSE"), "{}", r.stdout);
    }
    // The default log beside the plan obeys the same rule.
    env.fixture_as("log-base.toml", "plans/p2.toml");
    std::os::unix::fs::symlink(env.path("secret.toml"), env.path("plans/p2.progress.toml"))
        .unwrap();
    let r = env.run(&["check", "plans/p2.toml"]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(r.stdout.contains("E036"), "{}", r.stdout);
    assert!(!r.stdout.contains("MOT-DE-PASSE"), "{}", r.stdout);
    // A link inside the plan's folder is followed.
    std::fs::create_dir(env.path("plans/suivi")).unwrap();
    std::fs::write(env.path("plans/suivi/2024.toml"), LOG).unwrap();
    std::os::unix::fs::symlink("suivi/2024.toml", env.path("plans/inside.toml")).unwrap();
    plan_with_log(&env, "inside.toml");
    let j = env
        .run(&["summary", "plans/plan.toml", "--format", "json"])
        .json();
    assert_eq!(j["spent"], "200000");
}

#[cfg(unix)]
#[test]
fn a_symlinked_log_is_written_through_and_a_read_only_log_refused() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.write("shared/2024.toml", LOG);
    std::os::unix::fs::symlink("shared/2024.toml", env.path("plan.progress.toml")).unwrap();
    let record = |env: &Env| {
        env.run(&[
            "record",
            "plan.toml",
            "a1",
            "--date",
            "2024-06-30",
            "--progress",
            "50",
        ])
    };
    record(&env).ok();
    let link = std::fs::symlink_metadata(env.path("plan.progress.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let target = env.read_text("shared/2024.toml");
    assert!(target.starts_with(LOG), "{target}");
    assert!(target.contains("progress = 50"), "{target}");
    assert!(temps(env.dir.path()).is_empty());

    // A read-only log: exit 2, a message, not replaced.
    let env = base();
    let log = env.path("plan.progress.toml");
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = files(&env);
    let r = record(&env);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(r.stderr.contains("lecture seule"), "{}", r.stderr);
    assert_unchanged(&before, &files(&env), "read-only log");
    assert_eq!(
        std::fs::metadata(&log).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

/// Runs `ptba ARGS` with the files it may write limited to `blocks` × 512
/// bytes (a full disk for every write, the temporary folder included).
#[cfg(target_os = "linux")]
fn with_small_disk(env: &Env, args: &[&str], blocks: u32) -> Run {
    let script = format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\"",);
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(crate::support::BIN)
        .args(args)
        .current_dir(env.dir.path())
        .env("NO_COLOR", "1")
        .env("TMPDIR", env.path("tmp"))
        .env_remove("PTBA_LANG")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_exit_2_with_the_folder_named_and_nothing_left() {
    let env = Env::new();
    env.fixture_as("../../plans/exemple-2024.toml", "exemple-2024.toml");
    env.fixture_as(
        "../../plans/exemple-2024.progress.toml",
        "exemple-2024.progress.toml",
    );
    std::fs::create_dir(env.path("tmp")).unwrap();
    env.write("r.xlsx", "previous report");
    let before = files(&env);
    for args in [
        vec!["report", "exemple-2024.toml", "-o", "r.xlsx", "--force"],
        vec!["convert", "exemple-2024.toml", "-o", "p.xlsx"],
        vec!["template", "exemple-2024.toml", "-o", "t.xlsx"],
        vec!["convert", "exemple-2024.toml", "-o", "out/p.toml"],
    ] {
        if args[3].starts_with("out/") {
            std::fs::create_dir_all(env.path("out")).unwrap();
        }
        let r = with_small_disk(&env, &args, 8);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        assert!(r.stderr.contains("dossier"), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains(".ptba-"), "{}", r.stderr);
        assert!(
            temps(env.dir.path()).is_empty(),
            "{:?}",
            temps(env.dir.path())
        );
        let mut after = files(&env);
        after.retain(|k, _| !k.starts_with("out"));
        assert_unchanged(&before, &after, &args.join(" "));
    }
}

#[test]
fn convert_takes_the_log_lock_and_marks_the_pair() {
    let env = base();
    env.run(&["convert", "plan.toml", "-o", "plan.xlsx"]).ok();
    env.run(&["convert", "plan.xlsx", "-o", "new/plan.toml"]);
    std::fs::create_dir(env.path("new")).unwrap();
    env.run(&["convert", "plan.xlsx", "-o", "new/plan.toml"])
        .ok();
    let plan = env.read_text("new/plan.toml");
    let log = env.read_text("new/plan.progress.toml");
    let mark = plan.lines().next().unwrap();
    assert!(mark.starts_with("# ptba-pair: "), "{plan}");
    assert_eq!(log.lines().next().unwrap(), mark);
    env.run(&["check", "new/plan.toml", "--deny-warnings"]).ok();
    // A record appended afterwards keeps the pair.
    env.run(&[
        "record",
        "new/plan.toml",
        "a2",
        "--date",
        "2024-04-30",
        "--spent",
        "1000",
        "--source",
        "ETAT",
    ])
    .ok();
    env.run(&["check", "new/plan.toml"]).ok();
}

/// Every file of the folder, except locks: what a user sees.
fn state(env: &Env) -> BTreeMap<String, Vec<u8>> {
    files(env)
}

/// One command to interrupt: how to set the folder up, its arguments, and
/// the files it writes.
struct Case {
    name: &'static str,
    setup: fn(&Env),
    args: &'static [&'static str],
}

fn setup_base(env: &Env) {
    env.fixture_as("log-base.toml", "plan.toml");
    env.write("plan.progress.toml", LOG);
    env.write("old.xlsx", "old workbook");
    env.write("out/p.toml", "# old plan\n");
    env.write("out/p.progress.toml", "# old log\n");
}

fn setup_import(env: &Env) {
    setup_base(env);
    env.run(&["template", "plan.toml", "-o", "saisie.xlsx"])
        .ok();
    fill_template(
        &env.path("saisie.xlsx"),
        &env.path("filled.xlsx"),
        &[
            ("G2".into(), "2024-06-30".into()),
            ("I2".into(), "60".into()),
        ],
    );
}

fn setup_pair(env: &Env) {
    setup_base(env);
    env.run(&["convert", "plan.toml", "-o", "plan.xlsx"]).ok();
}

const CASES: &[Case] = &[
    Case {
        name: "report",
        setup: setup_base,
        args: &["report", "plan.toml", "-o", "old.xlsx", "--force"],
    },
    Case {
        name: "convert-xlsx",
        setup: setup_base,
        args: &["convert", "plan.toml", "-o", "old.xlsx", "--force"],
    },
    Case {
        name: "convert-toml",
        setup: setup_pair,
        args: &["convert", "plan.xlsx", "-o", "out/p.toml", "--force"],
    },
    Case {
        name: "template",
        setup: setup_base,
        args: &["template", "plan.toml", "-o", "old.xlsx", "--force"],
    },
    Case {
        name: "init",
        setup: setup_base,
        args: &["init", "-o", "out/p.toml", "--force", "--year", "2025"],
    },
    Case {
        name: "record",
        setup: setup_base,
        args: &[
            "record",
            "plan.toml",
            "a1",
            "--date",
            "2024-06-30",
            "--progress",
            "60",
        ],
    },
    Case {
        name: "import",
        setup: setup_import,
        args: &["import", "plan.toml", "filled.xlsx"],
    },
];

/// Asserts that every file is as before or as after a complete run.
#[track_caller]
fn old_or_new(
    what: &str,
    before: &BTreeMap<String, Vec<u8>>,
    done: &BTreeMap<String, Vec<u8>>,
    now: &BTreeMap<String, Vec<u8>>,
) {
    for (k, v) in now {
        assert!(
            before.get(k) == Some(v) || done.get(k) == Some(v),
            "{what}: {k} is neither the old file nor the new one"
        );
    }
    for k in before.keys() {
        assert!(now.contains_key(k), "{what}: {k} disappeared");
    }
}

#[test]
fn interrupted_at_every_write_and_rename_leaves_old_or_new_files_and_no_temporary_file() {
    for case in CASES {
        // The files after a complete run.
        let reference = Env::new();
        (case.setup)(&reference);
        let before = state(&reference);
        run_with(&reference, case.args, &[]).ok();
        let done = state(&reference);
        assert_ne!(before, done, "{}: the command changes something", case.name);
        let mut points = 0;
        for n in 1.. {
            // As a signal would: the temporary files are removed at once.
            let env = Env::new();
            (case.setup)(&env);
            let spec = format!("{n}:term");
            let r = run_with(&env, case.args, &[("PTBA_FAILPOINT", &spec)]);
            let what = format!("{} stopped at point {n} (SIGTERM)", case.name);
            if r.code == 0 {
                assert_eq!(state(&env), done, "{what}");
                break;
            }
            points += 1;
            assert_eq!(r.code, 130, "{what}: {r:?}");
            assert!(
                temps(env.dir.path()).is_empty(),
                "{what}: {:?}",
                temps(env.dir.path())
            );
            let now = state(&env);
            assert!(
                now == before || now == done,
                "{what}: neither old nor new files"
            );

            // As a kill would: nothing cleaned; old or new files, and the
            // next run of the command removes what is left and succeeds.
            let env = Env::new();
            (case.setup)(&env);
            let spec = format!("{n}:kill");
            let r = run_with(&env, case.args, &[("PTBA_FAILPOINT", &spec)]);
            let what = format!("{} killed at point {n}", case.name);
            assert_ne!(r.code, 0, "{what}");
            let now = state(&env);
            let mut now_files = now.clone();
            now_files.retain(|k, _| !k.contains(".ptba-"));
            old_or_new(&what, &before, &done, &now_files);
            if case.name == "convert-toml" && now_files != before && now_files != done {
                // The new log beside the old plan: said so, with the fix.
                let c = env.run(&["check", "out/p.toml"]);
                assert_eq!(c.code, 1, "{what}: {c:?}");
                assert!(
                    c.stdout.contains("E037") && c.stdout.contains("interrompue"),
                    "{what}: {}",
                    c.stdout
                );
            }
            let again = run_with(&env, case.args, &[]);
            if case.name != "import" || now_files == before {
                assert_eq!(again.code, 0, "{what}, run again: {again:?}");
            }
            assert!(
                temps(env.dir.path()).is_empty(),
                "{what}, run again: {:?}",
                temps(env.dir.path())
            );
            if case.name == "convert-toml" {
                env.run(&["check", "out/p.toml"]).ok();
            }
        }
        assert!(points >= 2, "{}: only {points} points", case.name);
    }
}

/// Copies the workbook `from` to `to` with `old` replaced by `new` in its
/// shared strings.
fn patch_strings(from: &Path, to: &Path, old: &str, new: &str) {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut body = Vec::new();
        e.read_to_end(&mut body).unwrap();
        if name == "xl/sharedStrings.xml" {
            let text = String::from_utf8(body).unwrap();
            assert!(text.contains(old), "{old}");
            body = text.replacen(old, new, 1).into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&body).unwrap();
    }
    zout.finish().unwrap();
}

#[test]
fn control_characters_from_a_workbook_are_written_so_that_ptba_reads_them_back() {
    let env = base();
    env.run(&["convert", "plan.toml", "-o", "plan.xlsx"]).ok();
    // A Word line break pasted into Excel (U+000B), DEL and ESC, in the
    // plan's title and in an activity's title, as Excel stores them.
    patch_strings(
        &env.path("plan.xlsx"),
        &env.path("a.xlsx"),
        "<t>Plan de base des journaux</t>",
        "<t>Plan_x000B_de\u{7f}base_x001B_</t>",
    );
    patch_strings(
        &env.path("a.xlsx"),
        &env.path("b.xlsx"),
        "<t>Une source</t>",
        "<t>Une_x000B_so\u{7f}ur_x001B_ce</t>",
    );
    let original = env
        .run(&["summary", "b.xlsx", "--format", "json", "--by", "action"])
        .json();
    std::fs::create_dir(env.path("back")).unwrap();
    env.run(&["convert", "b.xlsx", "-o", "back/plan.toml"]).ok();
    env.run(&["check", "back/plan.toml", "--deny-warnings"])
        .ok();
    let back = env
        .run(&[
            "summary",
            "back/plan.toml",
            "--format",
            "json",
            "--by",
            "action",
        ])
        .json();
    assert_eq!(back["title"], "Plan\u{b}de\u{7f}base\u{1b}");
    assert_eq!(original["budget"], back["budget"]);
    assert_eq!(original["spent"], back["spent"]);
    assert_eq!(original["groups"], back["groups"]);
}

#[test]
fn a_refused_record_points_at_its_flag_not_at_a_log_line() {
    let env = Env::new();
    env.fixture_as("log-base.toml", "suivi/plan.toml");
    let plan = env.read_text("suivi/plan.toml").replace(
        "year = 2024\n",
        "year = 2024\nprogress = \"journal.toml\"\n",
    );
    env.write("suivi/plan.toml", plan);
    let before = files(&env);
    let r = env.run(&[
        "record",
        "suivi/plan.toml",
        "a1",
        "--date",
        "2024-05-01",
        "--progress",
        "150",
        "--indicator",
        "Inconnu=3",
    ]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.stderr.contains(
            "erreur[E022 progress-out-of-range]: --progress 150 : avancement 150 % : doit être entre 0 et 100"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("--indicator Inconnu=3 : "),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("journal.toml:"), "{}", r.stderr);
    let r = env.run(&[
        "--lang",
        "en",
        "record",
        "suivi/plan.toml",
        "zz",
        "--progress",
        "5",
        "--date",
        "2024-05-01",
    ]);
    assert!(
        r.stderr.contains("ACTIVITY zz: unknown activity `zz`"),
        "{}",
        r.stderr
    );
    assert_unchanged(&before, &files(&env), "refused records");
}

#[test]
fn an_imported_record_is_shown_at_its_cell() {
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.run(&["template", "plan.toml", "-o", "s.xlsx"]).ok();
    fill_template(
        &env.path("s.xlsx"),
        &env.path("f.xlsx"),
        &[
            ("G2".into(), "2023-06-30".into()),
            ("I2".into(), "40".into()),
        ],
    );
    // Outside the plan year: refused without --force (E035), a warning with it.
    let r = env.run(&["import", "plan.toml", "f.xlsx", "--force"]);
    assert!(
        r.stderr.contains(
            "avertissement[W104 record-outside-year]: enregistrement daté du 2023-06-30, hors de l'année du plan (2024)\n  --> f.xlsx: Saisie!G2"
        ),
        "{r:?}"
    );
    assert!(!r.stderr.contains("plan.progress.toml:"), "{}", r.stderr);
}

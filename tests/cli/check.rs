//! `ptba check`: output formats, exit codes, several plans, the bundled plans.

use crate::support::{Env, assert_unchanged};

fn bad(env: &Env, name: &str) {
    env.fixture_as(&format!("bad/{name}"), name);
}

#[test]
fn json_lines_carry_every_field() {
    let env = Env::new();
    bad(&env, "unknown-key-bugdet.toml");
    bad(&env, "empty.toml");
    let run = env.run(&[
        "check",
        "unknown-key-bugdet.toml",
        "empty.toml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    let diags = run.json_lines();
    assert_eq!(diags.len(), 2, "{}", run.stdout);
    for d in &diags {
        let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "cell", "code", "column", "file", "help", "line", "message", "name", "severity"
            ],
            "{d}"
        );
    }
    assert_eq!(diags[0]["file"], "unknown-key-bugdet.toml");
    assert_eq!(diags[0]["line"], 28);
    assert_eq!(diags[0]["column"], 1);
    assert_eq!(diags[0]["name"], "unknown-key");
    assert_eq!(diags[0]["severity"], "error");
    assert!(diags[0]["cell"].is_null());
    // A whole-file problem has no position.
    assert_eq!(diags[1]["file"], "empty.toml");
    assert!(diags[1]["line"].is_null() && diags[1]["column"].is_null());
}

#[test]
fn github_annotations() {
    let env = Env::new();
    bad(&env, "unknown-key-bugdet.toml");
    bad(&env, "empty.toml");
    let run = env.run(&[
        "check",
        "unknown-key-bugdet.toml",
        "empty.toml",
        "--format",
        "github",
    ]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=unknown-key-bugdet.toml,line=28,col=1,title=E003 unknown-key::clé inconnue `bugdet` dans [[activity]] (vouliez-vous dire `budget` ?)",
            "::error file=empty.toml,title=E004 missing-key::la table [plan] manque (titre, organisation, année, devise)",
        ]
    );

    // Warnings are `::warning`; `%` in a message is escaped as `%25`.
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.fixture_as("bad/log-done-progress-80.toml", "plan.progress.toml");
    let run = env.run(&["check", "plan.toml", "--format", "github"]);
    assert_eq!(run.code, 0);
    let line = run.stdout.trim_end();
    assert!(
        line.starts_with(
            "::warning file=plan.progress.toml,line=15,col=12,title=W106 done-below-100::"
        ),
        "{line}"
    );
    assert!(line.contains("80 %25"), "{line}");
    assert!(!line.contains('\n'));
    let run = env.run(&[
        "check",
        "plan.toml",
        "--format",
        "github",
        "--deny-warnings",
    ]);
    assert_eq!(run.code, 1);
}

#[test]
fn human_output_and_verdict() {
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.fixture_as("bad/log-overspending.toml", "plan.progress.toml");
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("avertissement[W108 spent-above-budget]: `a1` : "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  --> plan.progress.toml:15:9\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("15 | spent = 900_000\n   |         ^^^^^^^\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("plan.toml : valide (0 erreur, 1 avertissement)\n"),
        "{}",
        run.stdout
    );
    let run = env.run(&["check", "plan.toml", "--deny-warnings", "--lang", "en"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("warning[W108"), "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("plan.toml: invalid (0 errors, 1 warning)\n"),
        "{}",
        run.stdout
    );
    // PTBA_LANG chooses the language too.
    let out = env
        .command(&["check", "plan.toml"])
        .env("PTBA_LANG", "en")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("valid (0 errors, 1 warning)"));
}

#[test]
fn several_plans_in_one_run() {
    let env = Env::new();
    env.fixture("styles-xof.toml");
    env.fixture("styles-xof.progress.toml");
    env.fixture("cents-eur.toml");
    env.fixture("suivi/cents-eur.journal.toml");
    let run = env.run(&[
        "check",
        "styles-xof.toml",
        "cents-eur.toml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    // styles-xof has one warning (R5: spending without source on P.1.a).
    let diags = run.json_lines();
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["code"], "W105");
    assert_eq!(diags[0]["file"], "styles-xof.progress.toml");
    assert_eq!(diags[0]["line"], 33);

    bad(&env, "quarter-5.toml");
    let run = env.run(&["check", "cents-eur.toml", "quarter-5.toml"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("quarter-5.toml:25:"), "{}", run.stdout);

    // A consolidation needs one currency.
    let before = env.snapshot();
    let run = env.run(&["summary", "styles-xof.toml", "cents-eur.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("E025"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_unchanged(&before, &env.snapshot(), "summary of two currencies");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let env = Env::new();
    env.fixture("cents-eur.toml");
    let before = env.snapshot();
    for args in [
        &["check", "missing.toml"][..],
        &["check"],
        &["check", "cents-eur.toml", "--format", "xml"],
        &["summary", "missing.toml"],
        &["summary", "cents-eur.toml", "--by", "region"],
        &["summary", "cents-eur.toml", "--as-of", "2024-02-30"],
        &["summary", "cents-eur.toml", "--as-of", "hier"],
        &["summary", "cents-eur.toml", "--precision", "12"],
        &["summary", "cents-eur.toml", "--weighting", "poids-lourds"],
        &["summary", "cents-eur.toml", "--lang", "wo"],
        &["record", "missing.toml", "x", "--progress", "1"],
        &["frobnicate"],
        &[],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "ptba {args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "ptba {args:?}: no message");
    }
    // A directory is not a plan.
    std::fs::create_dir(env.path("dossier.toml")).unwrap();
    let run = env.run(&["check", "dossier.toml"]);
    assert_eq!(run.code, 2, "{run:?}");
    std::fs::remove_dir(env.path("dossier.toml")).unwrap();
    assert_unchanged(&before, &env.snapshot(), "usage errors");
    // --help and --version are not errors.
    assert_eq!(env.run(&["--help"]).code, 0);
    assert_eq!(env.run(&["--version"]).code, 0);
    assert_eq!(env.run(&["check", "--help"]).code, 0);
}

#[test]
fn completions() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = env.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(run.stdout.contains("summary"), "{shell}");
    }
    assert_eq!(env.run(&["completions", "tcsh"]).code, 2);
}

/// Every plan shipped in `plans/` is valid, and the example reads as the
/// README promises.
#[test]
fn bundled_plans() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let env = Env::new();
    let mut plans = Vec::new();
    for e in entries {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::copy(&p, env.path(&name)).unwrap();
        if name.ends_with(".toml") && !name.ends_with(".progress.toml") {
            plans.push(name);
        }
    }
    for plan in &plans {
        let run = env.run(&["check", plan, "--deny-warnings"]);
        assert_eq!(run.code, 0, "{plan}: {}", run.stdout);
    }
    if plans.iter().any(|p| p == "exemple-2024.toml") {
        let line = |lang: &str| {
            let run = env.run(&["summary", "exemple-2024.toml", "--lang", lang]);
            assert_eq!(run.code, 0);
            run.stdout.lines().next().unwrap().to_string()
        };
        assert_eq!(
            line("fr"),
            "Taux d'exécution physique : 67 % — 48 actions / 82 activités"
        );
        assert_eq!(
            line("en"),
            "Physical execution: 67% — 48 actions / 82 activities"
        );
    }
}

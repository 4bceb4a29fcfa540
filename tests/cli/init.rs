//! `ptba init`: a starter plan that passes `check` without a warning, and
//! never overwrites anything.

use crate::support::{Env, assert_unchanged};

#[test]
fn starter_plan_passes_check_without_warnings() {
    let env = Env::new();
    let run = env.run(&[
        "init",
        "-o",
        "plan.toml",
        "--year",
        "2025",
        "--organization",
        "Comité \"national\" d'appui",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("plan.toml"), "{}", run.stdout);
    let check = env.run(&["check", "plan.toml", "--deny-warnings", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(check.stdout, "", "no diagnostic at all");
    let text = env.read_text("plan.toml");
    assert!(text.contains("year = 2025"), "{text}");
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            >= 5,
        "commented"
    );

    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(j["title"], "Plan de travail annuel 2025");
    assert_eq!(
        j["headline"],
        "Taux d'exécution physique : 0 % — 2 actions / 2 activités"
    );
    // 6 M (ETAT) + 4 × 1.5 M (GAP) + 8 M (PTF)
    assert_eq!(j["budget"], "20000000");

    // The record its comment suggests works, dated inside its year.
    let run = env.run(&[
        "record",
        "plan.toml",
        "A1.1.1",
        "--date",
        "2025-03-31",
        "--progress",
        "40",
        "--spent",
        "500000",
        "--source",
        "ETAT",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    env.run(&["check", "plan.toml", "--deny-warnings"]).ok();
}

#[test]
fn default_file_name_follows_the_year() {
    let env = Env::new();
    env.run(&["init", "--year", "2026"]).ok();
    assert!(env.exists("plan-2026.toml"));
    env.run(&["check", "plan-2026.toml", "--deny-warnings"])
        .ok();
}

#[test]
fn refuses_to_overwrite() {
    let env = Env::new();
    env.write("plan.toml", "# mon plan, à ne pas perdre\n");
    env.write("plan-2024.toml", "# un autre\n");
    let before = env.snapshot();
    for args in [
        &["init", "-o", "plan.toml"][..],
        &["init", "--output", "plan.toml", "--year", "2024"],
        &["init", "--year", "2024"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stderr.contains("plan"), "{}", run.stderr);
        assert_unchanged(&before, &env.snapshot(), &format!("{args:?}"));
    }
}

#[test]
fn bad_arguments_create_nothing() {
    let env = Env::new();
    for args in [
        &["init", "-o", "x.toml", "--year", "1800"][..],
        &["init", "-o", "x.toml", "--year", "deux-mille"],
        &["init", "-o", "pas/de/dossier/x.toml", "--year", "2024"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(env.snapshot().is_empty(), "{args:?} created a file");
    }
}

#[test]
fn lang_en_writes_an_english_starter() {
    let env = Env::new();
    let run = env.run(&["--lang", "en", "init", "-o", "plan.toml", "--year", "2026"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = env.read_text("plan.toml");
    assert!(
        text.starts_with("# Annual work plan — ptba file\n"),
        "{text}"
    );
    assert!(text.contains("lang = \"en\""), "{text}");
    assert!(
        text.contains("organization = \"My organisation\""),
        "{text}"
    );
    for french in [
        "Plan de travail",
        "Prévention",
        "langue",
        "Budget de l'État",
    ] {
        assert!(
            !text.contains(french),
            "French `{french}` in the English starter"
        );
    }
    let check = env.run(&["check", "plan.toml", "--deny-warnings", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(check.stdout, "");
    // The plan's language drives its reports: English without --lang.
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(j["title"], "Annual work plan 2026");
    assert_eq!(
        j["headline"],
        "Physical execution: 0% — 2 actions / 2 activities"
    );
    assert_eq!(j["budget"], "20000000");
}

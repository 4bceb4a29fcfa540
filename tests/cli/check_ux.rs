//! `check` for people (SPEC §5): a progress log given as a plan is named and
//! skipped; a folder is checked plan by plan; at most 20 diagnostics of one
//! code are printed, then the count of the rest (`--all`: every one; JSON
//! always every one).

use crate::support::{Env, data};

fn example(env: &Env) {
    for f in ["exemple-2024.toml", "exemple-2024.progress.toml"] {
        let bytes = std::fs::read(data("../../plans").join(f)).unwrap();
        env.write(&format!("plans/{f}"), bytes);
    }
}

#[test]
fn the_readmes_ci_line_passes_on_the_bundled_example() {
    let env = Env::new();
    example(&env);
    // What `plans/*.toml` expands to.
    let run = env.run(&[
        "check",
        "--format",
        "github",
        "--deny-warnings",
        "plans/exemple-2024.progress.toml",
        "plans/exemple-2024.toml",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "", "no annotation");
    assert_eq!(
        run.stderr,
        "plans/exemple-2024.progress.toml : journal de suivi, pas un plan — ignoré (il est vérifié avec son plan)\n"
    );
    let run = env.run(&[
        "check",
        "plans/exemple-2024.toml",
        "plans/exemple-2024.progress.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "plans/exemple-2024.progress.toml: a progress log, not a plan — skipped (it is checked with its plan)\n\
         plans/exemple-2024.toml: valid (0 errors, 0 warnings)\n"
    );
}

#[test]
fn a_folder_checks_the_plans_in_it() {
    let env = Env::new();
    example(&env);
    env.write("plans/notes.txt", "pas un plan");
    let run = env.run(&["check", "plans"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .ends_with("plans/exemple-2024.toml : valide (0 erreur, 0 avertissement)\n"),
        "{}",
        run.stdout
    );
    // A broken plan in the folder fails the check.
    env.write(
        "plans/casse.toml",
        "[plan]\ntitle = \"x\"\nyear = 2024\nbugdet = 1\n",
    );
    let run = env.run(&["check", "plans"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("plans/casse.toml:4:1"),
        "{}",
        run.stdout
    );
    env.write("vide/lisezmoi.txt", "");
    let run = env.run(&["check", "vide"]);
    assert_eq!(run.code, 2, "{run:?}");
}

/// A plan of one two-source activity and `n` records without a source:
/// `n` W105 warnings.
fn unattributed(n: usize) -> Env {
    let env = Env::new();
    env.write(
        "plan.toml",
        "[plan]\ntitle = \"P\"\nyear = 2024\n\n[[source]]\nid = \"E\"\nname = \"E\"\n\n\
         [[source]]\nid = \"F\"\nname = \"F\"\n\n[[axis]]\nid = \"A\"\ntitle = \"A\"\n\n\
         [[action]]\nid = \"A.1\"\naxis = \"A\"\ntitle = \"a\"\n\n[[activity]]\nid = \"a\"\n\
         action = \"A.1\"\ntitle = \"a\"\nbudget = [{ source = \"E\", amount = 1_000_000_000 }, \
         { source = \"F\", amount = 1_000_000_000 }]\n",
    );
    let log: String = (0..n)
        .map(|i| {
            format!(
                "[[record]]\nactivity = \"a\"\ndate = 2024-03-{:02}\nspent = 10\n\n",
                1 + i % 28
            )
        })
        .collect();
    env.write("plan.progress.toml", log);
    env
}

#[test]
fn at_most_twenty_of_one_code_for_people() {
    let env = unattributed(57);
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout.matches("avertissement[W105").count(),
        20,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "… et 37 autres W105 unattributed-spending non affichés (--all pour tout afficher, --format json pour tout traiter)\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("plan.toml : valide (0 erreur, 57 avertissements)\n"),
        "{}",
        run.stdout
    );
    let all = env.run(&["check", "plan.toml", "--all"]);
    assert_eq!(all.stdout.matches("avertissement[W105").count(), 57);
    assert!(!all.stdout.contains("non affiché"));
    let json = env.run(&["check", "plan.toml", "--format", "json"]);
    assert_eq!(json.json_lines().len(), 57);
    let gh = env.run(&["check", "plan.toml", "--format", "github"]);
    assert_eq!(gh.stdout.matches("::warning").count(), 20, "{}", gh.stdout);
    assert!(
        gh.stdout.contains("::notice::… and 37 more W105")
            || gh.stdout.contains("::notice::… et 37 autres W105"),
        "{}",
        gh.stdout
    );
}

#[test]
fn summary_and_report_skip_a_log_picked_up_by_a_glob() {
    let env = Env::new();
    example(&env);
    let run = env.run(&[
        "summary",
        "plans/exemple-2024.progress.toml",
        "plans/exemple-2024.toml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "plans/exemple-2024.progress.toml : journal de suivi, pas un plan — ignoré (il est lu avec son plan)\n"
    );
    let j = run.json();
    assert_eq!(j["plans"], serde_json::json!(["plans/exemple-2024.toml"]));
    let alone = env
        .run(&["summary", "plans/exemple-2024.toml", "--format", "json"])
        .json();
    assert_eq!(j["spent"], alone["spent"]);
    let run = env.run(&[
        "report",
        "plans/exemple-2024.progress.toml",
        "plans/exemple-2024.toml",
        "-o",
        "r.xlsx",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(env.exists("r.xlsx"));
    // A log alone is still read, so that the errors say it is no plan.
    let run = env.run(&["summary", "plans/exemple-2024.progress.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
}

//! Corrections (SPEC §3): the log is never rewritten, so a wrong amount is
//! reversed by a record with `correction = true` — negative flows allowed, a
//! note required, and no cumulative (activity or source) below zero.

use crate::support::{Env, assert_unchanged};

/// `log-base.toml`: a1 ETAT 1 M; a2 ETAT 600 000 + PTF 400 000; a3 ETAT 500 000.
fn env(log: &str) -> Env {
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env.write("plan.progress.toml", log);
    env
}

const SPENT_TWICE: &str = "[[record]]\nactivity = \"a2\"\ndate = 2024-03-31\n\
spent = 300_000\ncommitted = 350_000\nsource = \"ETAT\"\n\n\
[[record]]\nactivity = \"a2\"\ndate = 2024-03-31\nspent = 300_000\nsource = \"ETAT\"\n\n\
[[record]]\nactivity = \"a2\"\ndate = 2024-04-30\nspent = 100_000\nsource = \"PTF\"\n";

#[test]
fn a_reversal_takes_the_amount_back() {
    let env = env(&format!(
        "{SPENT_TWICE}\n[[record]]\nactivity = \"a2\"\ndate = 2024-05-02\n\
         spent = \"-300 000\"\nsource = \"ETAT\"\ncorrection = true\n\
         note = \"Décaissement du 31/03 saisi deux fois\"\n"
    ));
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 0, "{run:?}");
    let j = env
        .run(&["summary", "plan.toml", "--format", "json", "--by", "source"])
        .json();
    // 300 000 + 300 000 + 100 000 − 300 000
    assert_eq!(j["spent"], "400000");
    let etat = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "ETAT")
        .unwrap();
    assert_eq!(etat["spent"], "300000");
    // Before the correction, the double entry counts.
    let j = env
        .run(&[
            "summary",
            "plan.toml",
            "--format",
            "json",
            "--as-of",
            "2024-04-30",
        ])
        .json();
    assert_eq!(j["spent"], "700000");
}

#[test]
fn negative_amounts_need_a_correction_and_a_correction_needs_a_note() {
    let env = env(
        "[[record]]\nactivity = \"a1\"\ndate = 2024-03-31\nspent = 500_000\n\n\
         [[record]]\nactivity = \"a1\"\ndate = 2024-04-30\nspent = -200_000\n",
    );
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("erreur[E011 invalid-amount]: un montant ne peut pas être négatif"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("plan.progress.toml:9:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ajouter correction = true et une note"),
        "{}",
        run.stdout
    );
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"a1\"\ndate = 2024-03-31\nspent = 500_000\n\n\
         [[record]]\nactivity = \"a1\"\ndate = 2024-04-30\nspent = -200_000\ncorrection = true\n",
    );
    let run = env.run(&["check", "plan.toml", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("error[E032 correction-without-note]: a correction (correction = true) must carry a note saying what it corrects"),
        "{}",
        run.stdout
    );
}

#[test]
fn no_cumulative_below_zero_for_the_activity_or_a_source() {
    // Activity a2 in all: 700 000 spent, but PTF only 100 000.
    let env = env(&format!(
        "{SPENT_TWICE}\n[[record]]\nactivity = \"a2\"\ndate = 2024-05-02\n\
         spent = -200_000\nsource = \"PTF\"\ncorrection = true\nnote = \"mauvaise source\"\n"
    ));
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(
            "erreur[E031 negative-cumulative]: cette correction rend négatif le cumul décaissé de la source `PTF` sur l'activité `a2` au 2024-05-02 : -100 000 FCFA"
        ),
        "{}",
        run.stdout
    );
    // The activity's own cumulative, committed this time.
    env.write(
        "plan.progress.toml",
        format!(
            "{SPENT_TWICE}\n[[record]]\nactivity = \"a2\"\ndate = 2024-05-02\n\
             committed = -400_000\nsource = \"ETAT\"\ncorrection = true\nnote = \"engagement annulé\"\n"
        ),
    );
    let run = env.run(&["check", "plan.toml", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(
            "this correction makes the cumulative committed of activity `a2` negative on 2024-05-02: -50,000 FCFA"
        ),
        "{}",
        run.stdout
    );
    // A correction dated before what it reverses: negative at its date.
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"a1\"\ndate = 2024-02-01\nspent = -100_000\n\
         correction = true\nnote = \"trop tôt\"\n\n\
         [[record]]\nactivity = \"a1\"\ndate = 2024-03-31\nspent = 500_000\n",
    );
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("le cumul décaissé de l'activité `a1` au 2024-02-01 : -100 000 FCFA"),
        "{}",
        run.stdout
    );
}

#[test]
fn record_correction_appends_a_reversal() {
    let env = env(SPENT_TWICE);
    let run = env.run(&[
        "record",
        "plan.toml",
        "a2",
        "--date",
        "2024-05-02",
        "--correction",
        "--spent",
        "-300 000",
        "--source",
        "ETAT",
        "--note",
        "Décaissement saisi deux fois",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let log = env.read_text("plan.progress.toml");
    assert!(
        log.ends_with(
            "[[record]]\nactivity = \"a2\"\ndate = 2024-05-02\nspent = -300_000\nsource = \"ETAT\"\n\
             note = \"Décaissement saisi deux fois\"\ncorrection = true\n"
        ),
        "{log}"
    );
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(j["spent"], "400000");
}

#[test]
fn record_refuses_what_a_correction_cannot_do() {
    let env = env(SPENT_TWICE);
    let snapshot = || {
        let mut s = env.snapshot();
        // The lock sidecar a writer may leave (empty, never blocking).
        s.remove(".plan.progress.toml.lock");
        s
    };
    let before = snapshot();
    // A negative amount without --correction: usage error, the fix named.
    let run = env.run(&[
        "record",
        "plan.toml",
        "a2",
        "--date",
        "2024-05-02",
        "--spent",
        "-300 000",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--spent -300 000: un montant ne peut pas être négatif ; pour contre-passer un montant déjà enregistré : --correction et --note"), "{}", run.stderr);
    // Without a note.
    let run = env.run(&[
        "record",
        "plan.toml",
        "a2",
        "--date",
        "2024-05-02",
        "--correction",
        "--spent",
        "-300000",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("--correction : donner --note"),
        "{}",
        run.stderr
    );
    // More than was spent from that source.
    let run = env.run(&[
        "record",
        "plan.toml",
        "a2",
        "--date",
        "2024-05-02",
        "--correction",
        "--spent",
        "-150 000",
        "--source",
        "PTF",
        "--note",
        "erreur",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("E031"), "{}", run.stderr);
    assert!(run.stderr.contains("-50 000 FCFA"), "{}", run.stderr);
    assert_unchanged(&before, &snapshot(), "refused corrections");
}

#[test]
fn corrections_survive_convert_both_ways() {
    let env = env(&format!(
        "{SPENT_TWICE}\n[[record]]\nactivity = \"a2\"\ndate = 2024-05-02\n\
         spent = -300_000\nsource = \"ETAT\"\ncorrection = true\nnote = \"doublon\"\n"
    ));
    env.run(&["convert", "plan.toml", "-o", "plan.xlsx"]).ok();
    let j = env
        .run(&["summary", "plan.xlsx", "--format", "json"])
        .json();
    assert_eq!(j["spent"], "400000");
    env.run(&["convert", "plan.xlsx", "-o", "retour.toml"]).ok();
    let log = env.read_text("retour.progress.toml");
    assert!(
        log.contains(
            "spent = -300_000\nsource = \"ETAT\"\nnote = \"doublon\"\ncorrection = true\n"
        ),
        "{log}"
    );
    let j = env
        .run(&["summary", "retour.toml", "--format", "json"])
        .json();
    assert_eq!(j["spent"], "400000");
}

//! Amounts as users type them (SPEC §2): the plan's currency and the scale
//! words are understood, every other word is refused with what was read —
//! in plans, logs and `record` flags alike.

use crate::support::{Env, assert_unchanged};

const PLAN: &str = r#"[plan]
title = "Plan des montants"
year = 2024
currency = "XOF"

[[source]]
id = "ETAT"
name = "État"

[[axis]]
id = "A1"
title = "Axe"

[[action]]
id = "A1.1"
axis = "A1"
title = "Action"

[[activity]]
id = "a1"
action = "A1.1"
title = "Ateliers"
budget = [{ source = "ETAT", amount = AMOUNT }]
"#;

fn plan_with(amount: &str) -> Env {
    let env = Env::new();
    env.write("plan.toml", PLAN.replace("AMOUNT", amount));
    env
}

fn budget_of(env: &Env) -> String {
    let run = env.run(&["summary", "plan.toml", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    run.json()["budget"].as_str().unwrap().to_string()
}

#[test]
fn scale_words_in_a_plan_multiply() {
    for (amount, want) in [
        ("\"3 millions\"", "3000000"),
        ("\"3 M\"", "3000000"),
        ("\"3200 k\"", "3200000"),
        ("\"2,5 M\"", "2500000"),
        ("\"1,25 milliard\"", "1250000000"),
        ("\"12 500 000 FCFA\"", "12500000"),
        ("\"5 millions de F CFA\"", "5000000"),
        ("\"XOF 750 mille\"", "750000"),
    ] {
        let env = plan_with(amount);
        assert_eq!(budget_of(&env), want, "{amount}");
    }
}

#[test]
fn other_words_in_a_plan_are_errors_showing_what_was_read() {
    let env = plan_with("\"environ 3 200 000\"");
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("mot « environ » non compris dans un montant (nombre lu : 3 200 000)"),
        "{}",
        run.stdout
    );
    let env = plan_with("\"3 200 000 USD\"");
    let run = env.run(&["check", "plan.toml", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(
            "\"USD\" is not the plan's currency (XOF) (number read: 3 200 000): convert the amount to XOF"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("plan.toml:23:39"), "{}", run.stdout);
}

#[test]
fn the_currency_is_the_plans_even_when_declared_after_the_amounts() {
    // The [plan] table written last: the amounts above it are checked
    // against its currency all the same.
    let body = PLAN.replace("AMOUNT", "\"2 000 €\"");
    let (head, rest) = body.split_at(body.find("[[source]]").unwrap());
    let head = head.replace("currency = \"XOF\"", "currency = \"CUR\"");
    let env = Env::new();
    env.write("plan.toml", format!("{rest}\n{head}").replace("CUR", "EUR"));
    assert_eq!(budget_of(&env), "2000");
    env.write("plan.toml", format!("{rest}\n{head}").replace("CUR", "USD"));
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("« € » n'est pas la devise du plan (USD)"),
        "{}",
        run.stdout
    );
}

#[test]
fn record_flags_take_scale_words() {
    let env = plan_with("20_000_000");
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2024-03-31",
        "--spent",
        "5 millions",
        "--committed",
        "6,5 M FCFA",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let log = env.read_text("plan.progress.toml");
    assert!(log.contains("spent = 5_000_000\n"), "{log}");
    assert!(log.contains("committed = 6_500_000\n"), "{log}");
    let s = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(s["spent"], "5000000");
    assert_eq!(s["committed"], "6500000");
}

#[test]
fn record_refuses_other_words_and_writes_nothing() {
    let env = plan_with("20_000_000");
    let before = env.snapshot();
    for (flag, value, want) in [
        (
            "--spent",
            "environ 5 000 000",
            "mot « environ » non compris",
        ),
        (
            "--committed",
            "3 200 000 USD",
            "« USD » n'est pas la devise du plan (XOF)",
        ),
        ("--spent", "5 mètres", "mot « mètres » non compris"),
    ] {
        let run = env.run(&[
            "record",
            "plan.toml",
            "a1",
            "--date",
            "2024-03-31",
            flag,
            value,
        ]);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains(want), "{value}: {}", run.stderr);
        assert!(run.stderr.contains(value), "{}", run.stderr);
    }
    assert_unchanged(&before, &env.snapshot(), "refused amounts");
}

#[test]
fn a_log_amount_in_another_currency_is_an_error() {
    let env = plan_with("20_000_000");
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"a1\"\ndate = 2024-03-31\nspent = \"2 M\"\n\n\
         [[record]]\nactivity = \"a1\"\ndate = 2024-04-30\nspent = \"1 000 €\"\n",
    );
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("plan.progress.toml:9:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("« € » n'est pas la devise du plan (XOF) (nombre lu : 1 000)"),
        "{}",
        run.stdout
    );
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"a1\"\ndate = 2024-03-31\nspent = \"2 M\"\n",
    );
    let s = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(s["spent"], "2000000");
}

/// The import plan and its template, with rows 2 and 4 filled as given.
fn template_filled(spent2: &str, spent4: &str) -> Env {
    let env = Env::new();
    env.fixture_as("import/plan.toml", "plan.toml");
    env.run(&["template", "plan.toml", "-o", "saisie.xlsx"])
        .ok();
    let cells: Vec<(String, String)> = [
        ("G2", "2024-06-30"),
        ("K2", spent2),
        ("G4", "2024-06-30"),
        ("K4", spent4),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    crate::support::fill_template(&env.path("saisie.xlsx"), &env.path("rempli.xlsx"), &cells);
    env
}

#[test]
fn template_cells_take_scale_words() {
    let env = template_filled("2,5 M", "1,2 million FCFA");
    let run = env.run(&["import", "plan.toml", "rempli.xlsx"]);
    assert_eq!(run.code, 0, "{run:?}");
    let s = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(s["spent"], "3700000");
}

#[test]
fn template_cells_with_other_words_are_refused_naming_the_cell() {
    let env = template_filled("environ 2 500 000", "300 000 USD");
    let before = env.snapshot();
    let run = env.run(&["import", "plan.toml", "rempli.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("Saisie!K2"), "{all}");
    assert!(
        all.contains("mot « environ » non compris dans un montant (nombre lu : 2 500 000)"),
        "{all}"
    );
    assert!(all.contains("Saisie!K4"), "{all}");
    assert!(
        all.contains("« USD » n'est pas la devise du plan (XOF)"),
        "{all}"
    );
    assert_unchanged(&before, &env.snapshot(), "refused import");
}

//! Cancelled activities (SPEC §4): out of the physical and completion
//! rates; in money, what moved never disappears — a cancelled activity with
//! spending or commitments stays in every money figure, budget included; one
//! without is set apart as `cancelled_budget`. Same rule inside every group.
//!
//! Figures by hand (tests/data/figures/cancelled.toml):
//! a1 ETAT 10 M, 50 %, spent 4 M; a2 ETAT 6 M + PTF 4 M, spent 3 M and
//! committed 5 M (ETAT) then cancelled; a3 GAP 8 M cancelled, nothing moved;
//! a4 PTF 2 M done, spent 1.5 M (PTF).

use crate::figures::{Fig, assert_fig};
use crate::support::{Env, parse_csv};

fn env() -> Env {
    let env = Env::new();
    env.fixture_as("figures/cancelled.toml", "plan.toml");
    env.fixture_as("figures/cancelled.progress.toml", "plan.progress.toml");
    env
}

fn group<'a>(j: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == id)
        .unwrap_or_else(|| panic!("no group {id} in {j}"))
}

#[test]
fn money_that_moved_stays_in_the_total() {
    let env = env();
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_fig(
        &j,
        &Fig {
            activities: 4,
            cancelled: 2,
            done: 1,
            // every activity's adopted budget
            budget: "30000000",
            // a3 only: a2 had money moved
            cancelled_budget: "8000000",
            // 4 + 3 + 1.5: a2's 3 M is not dropped
            spent: "8500000",
            committed: "5000000",
            // (30 − 8) − 8.5
            balance: "13500000",
            secured: "16000000",
            pledged: "6000000",
            // a3's 8 M GAP is set apart
            unfunded: "0",
            // physical (50 + 100) / 2; completion 1 / 2; financial 8.5 / 22;
            // commitment 5 / 22; mobilisation 16 / 22
            rates: [
                Some(75.0),
                Some(50.0),
                Some(38.64),
                Some(22.73),
                Some(72.73),
            ],
        },
        "plan",
    );
    assert_eq!(j["cancelled_kept"], 1);
    assert_eq!(
        j["headline"],
        "Taux d'exécution physique : 75 % — 2 actions / 4 activités, dont 2 abandonnées"
    );
}

#[test]
fn the_rule_holds_inside_every_group() {
    let env = env();
    let j = env
        .run(&["summary", "plan.toml", "--format", "json", "--by", "axis"])
        .json();
    assert_fig(
        group(&j, "A1"),
        &Fig {
            activities: 2,
            cancelled: 1,
            done: 0,
            budget: "20000000",
            cancelled_budget: "0",
            spent: "7000000",
            committed: "5000000",
            balance: "13000000",
            secured: "16000000",
            pledged: "4000000",
            unfunded: "0",
            rates: [Some(50.0), Some(0.0), Some(35.0), Some(25.0), Some(80.0)],
        },
        "A1",
    );
    assert_fig(
        group(&j, "A2"),
        &Fig {
            activities: 2,
            cancelled: 1,
            done: 1,
            budget: "10000000",
            cancelled_budget: "8000000",
            spent: "1500000",
            committed: "0",
            balance: "500000",
            secured: "0",
            pledged: "2000000",
            unfunded: "0",
            rates: [Some(100.0), Some(100.0), Some(75.0), Some(0.0), Some(0.0)],
        },
        "A2",
    );
    let j = env
        .run(&["summary", "plan.toml", "--format", "json", "--by", "source"])
        .json();
    // ETAT: a1 and a2's ETAT line, spending kept.
    let etat = group(&j, "ETAT");
    assert_eq!(
        (&etat["budget"], &etat["spent"], &etat["cancelled_budget"]),
        (&"16000000".into(), &"7000000".into(), &"0".into())
    );
    // PTF: a2 moved money (from ETAT), so its PTF line stays too.
    let ptf = group(&j, "PTF");
    assert_eq!(
        (
            &ptf["budget"],
            &ptf["spent"],
            &ptf["cancelled_budget"],
            &ptf["pledged"]
        ),
        (
            &"6000000".into(),
            &"1500000".into(),
            &"0".into(),
            &"6000000".into()
        )
    );
    assert_eq!(ptf["rates"]["financial"], 25.0);
    let gap = group(&j, "GAP");
    assert_eq!(
        (&gap["budget"], &gap["cancelled_budget"], &gap["unfunded"]),
        (&"8000000".into(), &"8000000".into(), &"0".into())
    );
    assert!(gap["rates"]["financial"].is_null());
    // The spending of the source groups adds up to the plan's.
    let spent: u64 = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["spent"].as_str().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(spent, 8_500_000);
}

#[test]
fn table_csv_and_markdown_agree() {
    let env = env();
    let t = env.run(&["summary", "plan.toml"]);
    assert_eq!(t.code, 0, "{t:?}");
    assert!(
        t.stdout.starts_with(
            "Taux d'exécution physique : 75 % — 2 actions / 4 activités, dont 2 abandonnées\n"
        ),
        "{}",
        t.stdout
    );
    assert!(
        t.stdout.contains(
            "Budget : 30 000 000 FCFA — engagé : 5 000 000 FCFA — décaissé : 8 500 000 FCFA — solde : 13 500 000 FCFA"
        ),
        "{}",
        t.stdout
    );
    assert!(
        t.stdout.contains(
            "Activités abandonnées : 2 — budget mis à part : 8 000 000 FCFA (1 sans dépense ni engagement)\n\
             1 abandonnée avec dépenses ou engagements : gardée dans tous les montants, budget compris"
        ),
        "{}",
        t.stdout
    );
    let en = env.run(&["summary", "plan.toml", "--lang", "en"]);
    assert!(
        en.stdout.starts_with(
            "Physical execution: 75% — 2 actions / 4 activities, of which 2 cancelled\n"
        ),
        "{}",
        en.stdout
    );
    let rows = parse_csv(&env.run(&["summary", "plan.toml", "--format", "csv"]).stdout);
    let col = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    assert_eq!(rows[1][col("spent")], "8500000");
    assert_eq!(rows[1][col("cancelled_budget")], "8000000");
    assert_eq!(rows[1][col("cancelled_kept")], "1");
    assert_eq!(rows[1][col("financial")], "38.64");
    let md = env
        .run(&["summary", "plan.toml", "--format", "markdown"])
        .stdout;
    assert!(
        md.contains(
            "| A1 | Prévention | 2 | 20 000 000 | 7 000 000 | 50 % | 0 % | 35 % | 25 % | 80 % |"
        ),
        "{md}"
    );
    assert!(md.contains("décaissé : 8 500 000 FCFA"), "{md}");
}

#[test]
fn before_the_cancellation_nothing_is_set_apart() {
    let env = env();
    let j = env
        .run(&[
            "summary",
            "plan.toml",
            "--format",
            "json",
            "--as-of",
            "2025-05-31",
        ])
        .json();
    // a2 cancelled (05-20) with its money; a3 not yet cancelled.
    assert_eq!(j["cancelled"], 1);
    assert_eq!(j["cancelled_budget"], "0");
    assert_eq!(j["spent"], "7000000");
    assert_eq!(j["unfunded"], "8000000");
}

//! `ptba list`: filters combined with AND, `--late` (the report's lateness
//! rule) and `--unfunded` (the resource-mobilisation list), against lists
//! worked out by hand on `tests/data/workshop/atelier.toml`.
//!
//! The log's latest record is dated 30/09/2024, the default as-of date.
//! Late on 30/09 (quarters ended → progress the schedule implies):
//! A1.1.1 T1 T2 → 100 %, at 40 % → late; A1.1.2 done; A2.1.1 T3 ended of
//! T3 T4 → 50 %, at 0 → late; A2.1.2 cancelled; A2.1.3 three of four
//! quarters → 75 %, at 30 → late. On 29/06: A1.1.1 T1 ended → 50 %, at 0
//! (its 40 % is dated 30/06) → late; A2.1.3 T1 → 25 %, at 25 → not late.

use crate::support::Env;

fn env() -> Env {
    let e = Env::new();
    e.fixture("workshop/atelier.toml");
    e.fixture("workshop/atelier.progress.toml");
    e
}

/// The ids of `list --format csv` output (first column).
fn ids(env: &Env, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "workshop/atelier.toml", "--format", "csv"];
    args.extend_from_slice(extra);
    let r = env.run(&args);
    r.ok();
    r.stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

#[test]
fn every_activity_with_its_figures() {
    let e = env();
    let r = e.run(&["list", "workshop/atelier.toml", "--format", "csv"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "id,title,axis,action,responsible,quarters,budget,spent,progress,status\n\
         A1.1.1,Campagnes dans cinq régions,A1,A1.1,CNLTP,1 2,14000000,3000000,40,ongoing\n\
         A1.1.2,Spots radio,A1,A1.1,Ministère de la Justice,1,2000000,2000000,100,done\n\
         A2.1.1,Centres d'accueil,A2,A2.1,CNLTP,3 4,8000000,0,0,planned\n\
         A2.1.2,Ligne verte,A2,A2.1,ONG Espoir,2,3000000,0,0,cancelled\n\
         A2.1.3,Formation des magistrats,A2,A2.1,ministère de la justice,1 2 3 4,5000000,1000000,30,ongoing\n"
    );
    let t = e.run(&["list", "workshop/atelier.toml"]);
    t.ok();
    assert!(
        t.stdout
            .contains("│ A1.1.1 ┆ Campagnes dans cinq régions ┆ CNLTP"),
        "{}",
        t.stdout
    );
    assert!(t.stdout.contains("14 000 000"), "{}", t.stdout);
    assert!(t.stdout.contains("┆ abandonnée │"), "{}", t.stdout);
    assert!(
        t.stdout.ends_with("5 activités — au 30/09/2024\n"),
        "{}",
        t.stdout
    );
}

#[test]
fn late_follows_the_schedule_and_the_as_of_date() {
    let e = env();
    assert_eq!(ids(&e, &["--late"]), ["A1.1.1", "A2.1.1", "A2.1.3"]);
    assert_eq!(ids(&e, &["--late", "--as-of", "2024-06-29"]), ["A1.1.1"]);
    // On 30/06 A1.1.1 reaches 40 % of the 100 % implied: still late; A2.1.3
    // at 25 % of 50 % implied (T1, T2 ended): late.
    assert_eq!(
        ids(&e, &["--late", "--as-of", "2024-06-30"]),
        ["A1.1.1", "A2.1.3"]
    );
    // Nothing planned has ended on 31/03 but T1: A1.1.1 (50 %), A2.1.3
    // (25 %), both at 0 then; A1.1.2 was done on 15/03.
    assert_eq!(
        ids(&e, &["--late", "--as-of", "2024-03-31"]),
        ["A1.1.1", "A2.1.3"]
    );
    assert!(ids(&e, &["--late", "--as-of", "2024-03-30"]).is_empty());
}

#[test]
fn filters_combine_and_accept_french_values() {
    let e = env();
    assert_eq!(ids(&e, &["--status", "en cours"]), ["A1.1.1", "A2.1.3"]);
    assert_eq!(ids(&e, &["--status", "abandonnée"]), ["A2.1.2"]);
    assert_eq!(ids(&e, &["--status", "planned"]), ["A2.1.1"]);
    // Responsible matched ignoring case and accents.
    assert_eq!(
        ids(&e, &["--responsible", "MINISTERE DE LA JUSTICE"]),
        ["A1.1.2", "A2.1.3"]
    );
    assert_eq!(
        ids(&e, &["--axis", "A2", "--quarter", "T3"]),
        ["A2.1.1", "A2.1.3"]
    );
    assert_eq!(
        ids(&e, &["--quarter", "Q1"]),
        ["A1.1.1", "A1.1.2", "A2.1.3"]
    );
    assert_eq!(
        ids(&e, &["--source", "GAP"]),
        ["A1.1.1", "A2.1.1", "A2.1.2"]
    );
    assert_eq!(
        ids(&e, &["--source", "GAP", "--late"]),
        ["A1.1.1", "A2.1.1"]
    );
    assert_eq!(
        ids(
            &e,
            &["--source", "ETAT", "--responsible", "cnltp", "--late"]
        ),
        ["A1.1.1"]
    );
}

#[test]
fn unfunded_is_the_mobilisation_list() {
    let e = env();
    let r = e.run(&[
        "list",
        "workshop/atelier.toml",
        "--unfunded",
        "--format",
        "csv",
    ]);
    r.ok();
    // A2.1.2 (3 000 000 from GAP) is cancelled: nothing to seek for it.
    assert_eq!(
        r.stdout,
        "id,title,axis,source,to_find,pledged,budget\n\
         A1.1.1,Campagnes dans cinq régions,A1,GAP,4000000,0,14000000\n\
         A2.1.1,Centres d'accueil,A2,GAP2,1500000,6000000,8000000\n\
         A2.1.1,Centres d'accueil,A2,GAP,500000,6000000,8000000\n"
    );
    let j = e.run(&[
        "list",
        "workshop/atelier.toml",
        "--unfunded",
        "--format",
        "json",
    ]);
    let v = j.json();
    assert_eq!(v["to_find"], "6000000");
    // The same gap as `summary` (cancelled activities without money set apart).
    let s = e
        .run(&["summary", "workshop/atelier.toml", "--format", "json"])
        .json();
    assert_eq!(s["unfunded"], v["to_find"]);
    let t = e.run(&[
        "list",
        "workshop/atelier.toml",
        "--unfunded",
        "--lang",
        "en",
    ]);
    assert!(
        t.stdout.contains("Total to be found: 6,000,000 FCFA"),
        "{}",
        t.stdout
    );
}

#[test]
fn bad_filters_are_usage_errors() {
    let e = env();
    let r = e.run(&["list", "workshop/atelier.toml", "--status", "finie"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--status finie : statut inconnu"),
        "{}",
        r.stderr
    );
    let r = e.run(&["list", "workshop/atelier.toml", "--quarter", "T5"]);
    assert_eq!(r.code, 2);
    let r = e.run(&[
        "list",
        "workshop/atelier.toml",
        "--axis",
        "A9",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("--axis A9: not in the plan (ids: A1, A2)"),
        "{}",
        r.stderr
    );
}

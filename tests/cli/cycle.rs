//! The plan's year and the next: `diff` (two versions, or initial vs
//! revised of one plan) and `rollover` into next year's draft.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::support::{Env, assert_unchanged};

fn pair() -> Env {
    let env = Env::new();
    env.fixture_as("cycle/old.toml", "old.toml");
    env.fixture_as("cycle/new.toml", "new.toml");
    env
}

#[test]
fn diff_of_two_versions_names_every_change_and_reconciles() {
    let env = pair();
    let j = env
        .run(&["diff", "old.toml", "new.toml", "--format", "json"])
        .ok()
        .json();
    assert_eq!(j["changed"], true);
    assert_eq!(
        j["changes"],
        json!([
            // The plan's own title, first.
            {"kind": "plan", "field": "title", "before": "PTBA 2024", "after": "PTBA 2024 révisé"},
            // A source renamed (BM → IDA, same name): one removed, one added.
            {"kind": "removed", "level": "source", "id": "BM", "title": "Banque mondiale"},
            {"kind": "added", "level": "source", "id": "IDA", "title": "Banque mondiale"},
            // The axis A2 split in two: A3 added, action A2.2 moved to it.
            {"kind": "added", "level": "axis", "id": "A3", "title": "Poursuites"},
            {"kind": "moved", "level": "action", "id": "A2.2", "before": "A2", "after": "A3"},
            {"kind": "rebudgeted", "level": "activity", "id": "A1.1.1", "source": "ETAT",
             "before": "10000000", "after": "12000000", "difference": "2000000"},
            {"kind": "rebudgeted", "level": "activity", "id": "A1.1.1", "source": "BM",
             "before": "5000000", "after": "0", "difference": "-5000000"},
            {"kind": "rebudgeted", "level": "activity", "id": "A1.1.1", "source": "IDA",
             "before": "0", "after": "5000000", "difference": "5000000"},
            {"kind": "removed", "level": "activity", "id": "A1.1.2",
             "title": "Caravanes de sensibilisation", "parent": "A1.1", "budget": "3000000"},
            {"kind": "moved", "level": "activity", "id": "A1.2.1", "before": "A1.2", "after": "A1.1"},
            {"kind": "retitled", "level": "activity", "id": "A1.2.1",
             "before": "Former les enseignants", "after": "Former les enseignants du primaire"},
            {"kind": "rebudgeted", "level": "activity", "id": "A1.2.1", "source": "BM",
             "before": "5000000", "after": "0", "difference": "-5000000"},
            {"kind": "rebudgeted", "level": "activity", "id": "A1.2.1", "source": "IDA",
             "before": "0", "after": "5000000", "difference": "5000000"},
            {"kind": "rescheduled", "level": "activity", "id": "A2.1.1",
             "before": {"quarters": [1, 2, 3, 4], "start": "2024-01-15", "end": "2024-12-15"},
             "after": {"quarters": [3, 4], "start": "2024-07-01", "end": "2024-12-15"}},
            {"kind": "rebudgeted", "level": "activity", "id": "A2.2.1", "source": "BM",
             "before": "8000000", "after": "0", "difference": "-8000000"},
            {"kind": "rebudgeted", "level": "activity", "id": "A2.2.1", "source": "IDA",
             "before": "0", "after": "8000000", "difference": "8000000"},
            {"kind": "added", "level": "activity", "id": "A1.2.2",
             "title": "Guide pédagogique", "parent": "A1.2", "budget": "1500000"},
        ])
    );
    // Budgets by axis and by source, computed by hand from the two files.
    let rows = |key: &str| -> BTreeMap<String, (String, String, String)> {
        j[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    (
                        r["before"].as_str().unwrap().to_string(),
                        r["after"].as_str().unwrap().to_string(),
                        r["difference"].as_str().unwrap().to_string(),
                    ),
                )
            })
            .collect()
    };
    let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    let axes = rows("by_axis");
    assert_eq!(axes["A1"], t("23000000", "23500000", "500000"));
    assert_eq!(axes["A2"], t("28000000", "20000000", "-8000000"));
    assert_eq!(axes["A3"], t("0", "8000000", "8000000"));
    let sources = rows("by_source");
    assert_eq!(sources["ETAT"], t("33000000", "33500000", "500000"));
    assert_eq!(sources["BM"], t("18000000", "0", "-18000000"));
    assert_eq!(sources["IDA"], t("0", "18000000", "18000000"));
    // old total + Σ differences = new total: 51 000 000 + 500 000.
    assert_eq!(
        j["total"],
        json!({"before": "51000000", "after": "51500000", "difference": "500000",
               "sum_of_differences": "500000"})
    );
    let deltas: i64 = j["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| match c["kind"].as_str() {
            Some("rebudgeted") => c["difference"].as_str(),
            _ => None,
        })
        .map(|d| d.parse::<i64>().unwrap())
        .sum::<i64>()
        + 1_500_000
        - 3_000_000;
    assert_eq!(51_000_000 + deltas, 51_500_000);
}

#[test]
fn diff_table_and_markdown_show_the_changes_and_the_totals() {
    let env = pair();
    let run = env
        .run(&["diff", "old.toml", "new.toml"])
        .ok()
        .stdout
        .clone();
    for line in [
        "Changements (17) :",
        "  ~ plan intitulé : « PTBA 2024 » → « PTBA 2024 révisé »",
        "  − activité A1.1.2 « Caravanes de sensibilisation » (dans A1.1) : 3 000 000",
        "  ~ activité A1.2.1 renommée : « Former les enseignants » → « Former les enseignants du primaire »",
        "  ~ activité A1.2.1 déplacée : A1.2 → A1.1",
        "  ~ activité A1.1.1 budget ETAT : 10 000 000 → 12 000 000 (+2 000 000)",
        "  ~ activité A2.1.1 reprogrammée : trimestres T1, T2, T3, T4 → T3, T4 ; début 2024-01-15 → 2024-07-01",
        "  + axe A3 « Poursuites »",
        "  ~ action A2.2 déplacée : A2 → A3",
        "  A2     Protection et poursuites  28 000 000  20 000 000  −8 000 000",
        "  BM     Banque mondiale   18 000 000           0  −18 000 000",
        "Total avant + écarts = total après : 51 000 000 + 500 000 = 51 500 000",
    ] {
        assert!(run.lines().any(|l| l == line), "missing {line:?} in\n{run}");
    }
    let md = env
        .run(&[
            "diff", "old.toml", "new.toml", "--format", "markdown", "--lang", "en",
        ])
        .ok()
        .stdout
        .clone();
    for line in [
        "- ~ activity A1.2.1 retitled: \u{201c}Former les enseignants\u{201d} → \u{201c}Former les enseignants du primaire\u{201d}",
        "| A3 | Poursuites | 0 | 8,000,000 | +8,000,000 |",
        "| Total |  | 51,000,000 | 51,500,000 | +500,000 |",
        "51,000,000 + 500,000 = 51,500,000",
    ] {
        assert!(md.lines().any(|l| l == line), "missing {line:?} in\n{md}");
    }
    // Backwards: the same changes, the other way round.
    let back = env
        .run(&["diff", "new.toml", "old.toml", "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        back["total"],
        json!({"before": "51500000", "after": "51000000", "difference": "-500000",
               "sum_of_differences": "-500000"})
    );
}

#[test]
fn a_plan_against_its_own_convert_round_trip_has_no_change() {
    let env = Env::new();
    let plans = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    for f in ["exemple-2024.toml", "exemple-2024.progress.toml"] {
        env.write(f, std::fs::read(plans.join(f)).unwrap());
    }
    env.run(&["convert", "exemple-2024.toml", "-o", "rt.xlsx"])
        .ok();
    env.run(&["convert", "rt.xlsx", "-o", "back.toml"]).ok();
    let run = env.run(&["diff", "exemple-2024.toml", "back.toml"]);
    assert_eq!(
        run.ok().stdout,
        "exemple-2024.toml → back.toml\naucune différence\n"
    );
    let en = env.run(&["diff", "exemple-2024.toml", "rt.xlsx", "--lang", "en"]);
    assert_eq!(en.ok().stdout, "exemple-2024.toml → rt.xlsx\nno change\n");
    let j = env
        .run(&["diff", "exemple-2024.toml", "back.toml", "--format", "json"])
        .json();
    assert_eq!(j["changed"], false);
    assert_eq!(j["changes"], json!([]));
    assert_eq!(j["total"]["before"], "1265700000");
    assert_eq!(j["total"]["after"], "1265700000");
}

#[test]
fn diff_of_one_plan_compares_initial_and_revised_amounts() {
    let env = Env::new();
    let text = std::fs::read_to_string(crate::support::data("cycle/old.toml"))
        .unwrap()
        .replace(
            "{ source = \"ETAT\", amount = 10_000_000 }",
            "{ source = \"ETAT\", amount = 7_500_000, initial = 10_000_000 }",
        )
        .replace(
            "{ source = \"BM\", amount = 8_000_000 }",
            "{ source = \"BM\", amount = 9_250_000, initial = \"8 000 000\" }",
        );
    env.write("revise.toml", &text);
    let j = env
        .run(&["diff", "revise.toml", "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        j["changes"],
        json!([
            {"kind": "rebudgeted", "level": "activity", "id": "A1.1.1", "source": "ETAT",
             "before": "10000000", "after": "7500000", "difference": "-2500000"},
            {"kind": "rebudgeted", "level": "activity", "id": "A2.2.1", "source": "BM",
             "before": "8000000", "after": "9250000", "difference": "1250000"},
        ])
    );
    // Initial: 51 000 000; revised: 51 000 000 − 2 500 000 + 1 250 000.
    assert_eq!(j["total"]["before"], "51000000");
    assert_eq!(j["total"]["after"], "49750000");
    let t = env.run(&["diff", "revise.toml"]).ok().stdout.clone();
    assert!(
        t.starts_with("revise.toml (initial) → revise.toml (révisé)\n"),
        "{t}"
    );
    assert!(t.contains("51 000 000 − 1 250 000 = 49 750 000"), "{t}");
    // A plan without `initial` has no change, exit 0.
    env.fixture_as("cycle/old.toml", "old.toml");
    assert_eq!(
        env.run(&["diff", "old.toml"]).ok().stdout,
        "old.toml (initial) → old.toml (révisé)\naucune différence\n"
    );
}

#[test]
fn diff_refuses_an_invalid_plan_and_a_missing_file() {
    let env = pair();
    let bad = env.read_text("new.toml").replace(
        "source = \"IDA\", amount = 8_000_000",
        "source = \"XYZ\", amount = 8_000_000",
    );
    env.write("bad.toml", bad);
    let run = env.run(&["diff", "old.toml", "bad.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("XYZ"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let run = env.run(&["diff", "old.toml", "absent.toml"]);
    assert_eq!(run.code, 2, "{run:?}");
}

// ---------------------------------------------------------------- rollover

fn example(env: &Env) {
    let plans = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    for f in ["exemple-2024.toml", "exemple-2024.progress.toml"] {
        env.write(f, std::fs::read(plans.join(f)).unwrap());
    }
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Number(n) => n.as_i64().unwrap(),
        Value::String(s) => s.replace([' ', '_'], "").parse().unwrap(),
        _ => panic!("not an amount: {v}"),
    }
}

/// The remaining budget of the example, read from the plan and the log
/// directly: per activity not done and not cancelled (its latest status by
/// date, then log order), per source, budget − spent, never negative.
/// Spending without a source counts for the activity's only source.
fn remaining_by_hand(plan: &str, log: &str) -> (i64, usize, usize) {
    let plan: toml::Table = toml::from_str(plan).unwrap();
    let log: toml::Table = toml::from_str(log).unwrap();
    let mut records: Vec<(String, usize, &toml::Table)> = log["record"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r.as_table().unwrap();
            (r["date"].to_string(), i, r)
        })
        .collect();
    records.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let (mut total, mut carried, mut closed) = (0i64, 0usize, 0usize);
    for a in plan["activity"].as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        let mut budget: BTreeMap<String, i64> = BTreeMap::new();
        for l in a["budget"].as_array().unwrap() {
            let x = match l.get("amount") {
                Some(v) => v.as_integer().unwrap(),
                None => l["quantity"].as_integer().unwrap() * l["unit_cost"].as_integer().unwrap(),
            };
            *budget
                .entry(l["source"].as_str().unwrap().to_string())
                .or_default() += x;
        }
        let only = (budget.len() == 1).then(|| budget.keys().next().unwrap().clone());
        let mut status = "planned".to_string();
        let mut spent: BTreeMap<String, i64> = BTreeMap::new();
        for (_, _, r) in records
            .iter()
            .filter(|r| r.2["activity"].as_str() == Some(id))
        {
            if let Some(s) = r.get("status") {
                status = s.as_str().unwrap().to_string();
            }
            if let Some(s) = r.get("spent") {
                let src = r
                    .get("source")
                    .and_then(|s| s.as_str())
                    .map(str::to_string)
                    .or(only.clone())
                    .unwrap_or_default();
                *spent.entry(src).or_default() += s.as_integer().unwrap();
            }
        }
        if status == "done" || status == "cancelled" {
            closed += 1;
            continue;
        }
        carried += 1;
        for (s, b) in &budget {
            total += (b - spent.get(s).copied().unwrap_or(0)).max(0);
        }
    }
    (total, carried, closed)
}

#[test]
fn rollover_of_the_example_carries_the_remaining_budget_and_passes_check() {
    let env = Env::new();
    example(&env);
    let (expected, carried, closed) = remaining_by_hand(
        &env.read_text("exemple-2024.toml"),
        &env.read_text("exemple-2024.progress.toml"),
    );
    assert_eq!(carried + closed, 82);
    let before = env.snapshot();
    let run = env.run(&["rollover", "exemple-2024.toml", "--year", "2025"]);
    run.ok();
    assert!(
        run.stdout.starts_with(&format!(
            "Projet de plan 2025 écrit : exemple-2025.toml ({carried} activités reprises, {closed} non reprises ; budget "
        )),
        "{}",
        run.stdout
    );
    let mut after = env.snapshot();
    after.remove("exemple-2025.toml");
    assert_unchanged(&before, &after, "rollover changes no input");

    let check = env.run(&["check", "exemple-2025.toml", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    for d in check.json_lines() {
        assert_eq!(
            d["code"], "W102",
            "only actions left without activities: {d}"
        );
    }
    let j = env
        .run(&[
            "summary",
            "exemple-2025.toml",
            "--by",
            "source",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(int(&j["budget"]), expected);
    assert_eq!(j["activities"], carried);
    assert_eq!(j["spent"], "0");

    let draft = env.read_text("exemple-2025.toml");
    let parsed: toml::Table = toml::from_str(&draft).unwrap();
    let p = parsed["plan"].as_table().unwrap();
    assert_eq!(p["year"].as_integer(), Some(2025));
    assert_eq!(
        p["title"].as_str(),
        Some("Plan de travail budgétisé annuel 2025")
    );
    assert!(!p.contains_key("budget_total") && !p.contains_key("progress"));
    for a in parsed["activity"].as_array().unwrap() {
        let a = a.as_table().unwrap();
        assert!(!a.contains_key("quarters") && !a.contains_key("start") && !a.contains_key("end"));
    }
    // An axis indicator rebased on the latest value recorded on one of its
    // activities (38 in the plan, 52 in the log on 2024-12-31).
    let ind = parsed["axis"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            a.get("indicator")
                .and_then(|i| i.as_array())
                .into_iter()
                .flatten()
        })
        .find(|i| i["name"].as_str() == Some("Condamnations pour traite des personnes"))
        .unwrap();
    assert_eq!(ind["baseline"].as_integer(), Some(52));
    assert_eq!(ind["target"].as_integer(), Some(70));
    // Provenance of A1.1.2 (budget 14 500 000, spent 9 709 000 per the log).
    assert!(draft.contains(
        "# Reprise de exemple-2024.toml (2024), activité A1.1.2 : budget 14 500 000 FCFA, dépensé 9 709 000 FCFA, repris 4 791 000 FCFA.\n[[activity]]\nid = \"A1.1.2\""
    ), "{draft}");
    // Done and cancelled activities are listed, not carried.
    assert!(draft.contains("# Non reprises de exemple-2024.toml (2024) :"));
    assert_eq!(
        draft
            .lines()
            .filter(|l| l.starts_with("#   ") && l.contains(" — "))
            .count(),
        closed
    );
    assert!(draft.contains("#   A4.9.1 « Acquisition de matériel informatique et de mobilier de bureau » — réalisée ; budget 12 000 000 FCFA, dépensé 11 649 000 FCFA"));
    assert!(!draft.contains("id = \"A4.9.1\""));

    // A second rollover, a year later and without records, carries everything.
    let run = env.run(&["rollover", "exemple-2025.toml", "--year", "2026"]);
    run.ok();
    let j2 = env
        .run(&["summary", "exemple-2026.toml", "--format", "json"])
        .ok()
        .json();
    assert_eq!(int(&j2["budget"]), expected);
    assert_eq!(j2["activities"], carried);
    let draft2: toml::Table = toml::from_str(&env.read_text("exemple-2026.toml")).unwrap();
    assert_eq!(
        draft2["activity"].as_array().unwrap().len(),
        parsed["activity"].as_array().unwrap().len()
    );
    // The same plan as a workbook (plan and log in one file) gives the same draft.
    env.run(&["convert", "exemple-2024.toml", "-o", "wb.xlsx"])
        .ok();
    env.run(&[
        "rollover",
        "wb.xlsx",
        "--year",
        "2025",
        "-o",
        "wb-2025.toml",
    ])
    .ok();
    assert_eq!(
        env.run(&["diff", "exemple-2025.toml", "wb-2025.toml"])
            .ok()
            .stdout,
        "exemple-2025.toml → wb-2025.toml\naucune différence\n"
    );
    assert_eq!(
        draft2["plan"]["title"].as_str(),
        Some("Plan de travail budgétisé annuel 2026")
    );
}

#[test]
fn rollover_full_budget_rebased_indicators_and_unattributed_spending() {
    let env = pair();
    // A1.1.1 (ETAT 10 M, BM 5 M): 4 M spent from ETAT, 7 M from BM (more
    // than its line: nothing left, never negative), 1 M without a source
    // (two sources: not deducted). A1.1.2 done, A1.2.1 cancelled. A2.1.1:
    // one source, its unsourced spending is that source's.
    let plan = env.read_text("old.toml").replace(
        "title = \"Campagnes radio\"\nquarters = [1, 2]",
        "title = \"Campagnes radio\"\nquarters = [1, 2]\npartners = [\"Radios communautaires\"]",
    ) + "\n[[activity.indicator]]\nname = \"Magistrats formés\"\nunit = \"personnes\"\nbaseline = 0\ntarget = 40\n";
    env.write("old.toml", plan);
    env.write(
        "old.progress.toml",
        r#"
[[record]]
activity = "A1.1.1"
date = 2024-05-31
spent = 4_000_000
source = "ETAT"

[[record]]
activity = "A1.1.1"
date = 2024-06-30
spent = 7_000_000
source = "BM"

[[record]]
activity = "A1.1.1"
date = 2024-09-30
spent = 1_000_000
note = "pièces sans imputation"

[[record]]
activity = "A1.1.2"
date = 2024-06-30
status = "done"
spent = 2_900_000

[[record]]
activity = "A1.2.1"
date = 2024-03-31
status = "cancelled"
note = "financement retiré"

[[record]]
activity = "A2.1.1"
date = 2024-12-31
status = "ongoing"
spent = 6_500_000

[[record]]
activity = "A2.2.1"
date = 2024-12-20
status = "ongoing"
indicators = { "Magistrats formés" = 25 }
"#,
    );
    let run = env.run(&["rollover", "old.toml", "--year", "2025", "-o", "draft.toml"]);
    run.ok();
    let draft = env.read_text("draft.toml");
    let p: toml::Table = toml::from_str(&draft).unwrap();
    let acts = p["activity"].as_array().unwrap();
    let ids: Vec<&str> = acts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["A1.1.1", "A2.1.1", "A2.2.1"]);
    assert_eq!(
        acts[0]["budget"].to_string(),
        toml::Value::try_from(vec![toml::Table::from_iter([
            ("source".to_string(), toml::Value::from("ETAT")),
            ("amount".to_string(), toml::Value::from(6_000_000)),
        ])])
        .unwrap()
        .to_string()
    );
    assert_eq!(
        acts[0]["partners"].as_array().unwrap()[0].as_str(),
        Some("Radios communautaires")
    );
    assert_eq!(
        acts[1]["budget"][0]["amount"].as_integer(),
        Some(13_500_000)
    );
    assert_eq!(acts[2]["budget"][0]["amount"].as_integer(), Some(8_000_000));
    let ind = &acts[2]["indicator"][0];
    assert_eq!(ind["baseline"].as_integer(), Some(25));
    assert_eq!(ind["target"].as_integer(), Some(40));
    assert!(draft.contains("# Dont 1 000 000 FCFA dépensés sans source (non ventilés) : non déduits, la source n'étant pas connue — à répartir.\n"), "{draft}");
    assert!(draft.contains("#   A1.2.1 « Former les enseignants » — abandonnée ; budget 5 000 000 FCFA, dépensé 0 FCFA\n"), "{draft}");
    assert_eq!(env.run(&["check", "draft.toml"]).code, 0);

    // --full-budget keeps the whole budget; the existing file needs --force.
    let before = env.snapshot();
    let run = env.run(&[
        "rollover",
        "old.toml",
        "--year",
        "2025",
        "-o",
        "draft.toml",
        "--full-budget",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("draft.toml existe déjà : ajouter --force pour le remplacer"),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &env.snapshot(), "refused rollover");
    env.run(&[
        "rollover",
        "old.toml",
        "--year",
        "2025",
        "-o",
        "draft.toml",
        "--full-budget",
        "--force",
    ])
    .ok();
    let j = env
        .run(&["summary", "draft.toml", "--format", "json"])
        .ok()
        .json();
    assert_eq!(j["budget"], "43000000"); // 15 + 20 + 8 millions
}

#[test]
fn rollover_refuses_its_inputs_another_extension_and_a_past_year() {
    let env = pair();
    env.write("old.progress.toml", "");
    let before = env.snapshot();
    for (args, msg) in [
        (
            vec![
                "rollover", "old.toml", "--year", "2025", "-o", "old.toml", "--force",
            ],
            "-o old.toml : c'est aussi un fichier lu par la commande (old.toml) ; ptba n'écrit jamais sur ses entrées, même avec --force",
        ),
        (
            vec![
                "rollover",
                "old.toml",
                "--year",
                "2025",
                "-o",
                "old.progress.toml",
                "--force",
            ],
            "-o old.progress.toml : c'est aussi un fichier lu par la commande (old.progress.toml) ; ptba n'écrit jamais sur ses entrées, même avec --force",
        ),
        (
            vec!["rollover", "old.toml", "--year", "2025", "-o", "d.xlsx"],
            "-o d.xlsx : ce fichier doit avoir l'extension .toml (rien n'est écrit)",
        ),
        (
            vec!["rollover", "old.toml", "--year", "2024"],
            "--year 2024 : l'année du nouveau plan doit suivre celle du plan (2024) sans dépasser 2200",
        ),
    ] {
        let run = env.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stderr.contains(msg), "{args:?}: {}", run.stderr);
        assert_unchanged(&before, &env.snapshot(), "refused rollover");
    }
    // A log already beside the draft's name would become its log: refused.
    env.write(
        "old-2025.progress.toml",
        "[[record]]\nactivity = \"A1.1.1\"\ndate = 2025-01-10\nspent = 1\n",
    );
    let before = env.snapshot();
    let run = env.run(&["rollover", "old.toml", "--year", "2025"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("old-2025.progress.toml existe déjà et serait lu comme le journal du projet old-2025.toml"),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &env.snapshot(), "refused rollover");
    // Default name: the year in the stem, else `-Y` added; in English, the
    // comments are English.
    std::fs::remove_file(env.path("old-2025.progress.toml")).unwrap();
    let run = env.run(&["rollover", "old.toml", "--year", "2025", "--lang", "en"]);
    assert_eq!(
        run.ok().stdout,
        "Draft plan 2025 written: old-2025.toml (5 activities carried over, 0 left behind; budget 51,000,000 FCFA) — check it: ptba check old-2025.toml\n"
    );
    let draft = env.read_text("old-2025.toml");
    assert!(
        draft.starts_with("# Draft plan 2025 made by `ptba rollover` from old.toml (2024).\n"),
        "{draft}"
    );
    assert!(draft.contains("# Carried over from old.toml (2024), activity A1.2.1: budget 5,000,000 FCFA, spent 0 FCFA, carried 5,000,000 FCFA.\n[[activity]]\nid = \"A1.2.1\""), "{draft}");
}

#[test]
fn summary_json_carries_initial_amounts_of_a_revised_plan() {
    let env = Env::new();
    env.fixture_as("cycle/old.toml", "old.toml");
    let text = env
        .read_text("old.toml")
        .replace(
            "{ source = \"ETAT\", amount = 10_000_000 }",
            "{ source = \"ETAT\", amount = 7_500_000, initial = 10_000_000 }",
        )
        .replace(
            "{ source = \"BM\", amount = 8_000_000 }",
            "{ source = \"BM\", amount = 9_250_000, initial = 8_000_000 }",
        );
    env.write("revise.toml", text);
    let j = env
        .run(&["summary", "revise.toml", "--format", "json"])
        .ok()
        .json();
    assert_eq!(j["budget"], "49750000");
    assert_eq!(j["initial"], "51000000");
    assert_eq!(j["initial_difference"], "-1250000");
    let g = |j: &Value, id: &str| -> (Value, Value) {
        let g = j["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .unwrap()
            .clone();
        (g["budget"].clone(), g["initial"].clone())
    };
    // A1: 23 M adopted, ETAT line of A1.1.1 down 2.5 M.
    assert_eq!(g(&j, "A1"), (json!("20500000"), json!("23000000")));
    // A2: 28 M adopted, BM line of A2.2.1 up 1.25 M.
    assert_eq!(g(&j, "A2"), (json!("29250000"), json!("28000000")));
    let s = env
        .run(&[
            "summary",
            "revise.toml",
            "--by",
            "source",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(g(&s, "ETAT"), (json!("30500000"), json!("33000000")));
    assert_eq!(g(&s, "BM"), (json!("19250000"), json!("18000000")));
    // A plan without `initial`: no such key.
    let plain = env
        .run(&["summary", "old.toml", "--format", "json"])
        .ok()
        .json();
    assert!(plain.get("initial").is_none());
    assert!(plain["groups"][0].get("initial").is_none());
}

/// The plan's own title, organisation and year are part of what changed
/// (the 2024 plan against the 2025 draft says so), first, in every format;
/// they move no money.
#[test]
fn diff_names_a_change_of_the_plans_title_organisation_and_year() {
    let env = Env::new();
    env.fixture_as("cycle/old.toml", "old.toml");
    let old = env.read_text("old.toml");
    let new = old
        .replacen("title = \"PTBA 2024\"", "title = \"PTBA 2025 (projet)\"", 1)
        .replacen("organization = \"Direction de la planification\"\n", "", 1)
        .replacen("year = 2024", "year = 2025", 1);
    assert_ne!(new, old, "the fixture's [plan] block changed");
    env.write("new.toml", &new);
    let j = env
        .run(&["diff", "old.toml", "new.toml", "--format", "json"])
        .ok()
        .json();
    assert_eq!(j["changed"], true);
    let changes = j["changes"].as_array().unwrap();
    assert_eq!(
        changes[..3],
        [
            json!({"kind": "plan", "field": "title", "before": "PTBA 2024", "after": "PTBA 2025 (projet)"}),
            json!({"kind": "plan", "field": "organization", "before": "Direction de la planification", "after": ""}),
            json!({"kind": "plan", "field": "year", "before": "2024", "after": "2025"}),
        ]
    );
    let fr = env
        .run(&["diff", "old.toml", "new.toml"])
        .ok()
        .stdout
        .clone();
    assert!(
        fr.contains("  ~ plan intitulé : « PTBA 2024 » → « PTBA 2025 (projet) »\n"),
        "{fr}"
    );
    assert!(
        fr.contains("  ~ plan organisation : « Direction de la planification » → —\n"),
        "{fr}"
    );
    assert!(fr.contains("  ~ plan année : 2024 → 2025\n"), "{fr}");
    let en = env
        .run(&["--lang", "en", "diff", "old.toml", "new.toml"])
        .ok()
        .stdout
        .clone();
    assert!(en.contains("  ~ plan year: 2024 → 2025\n"), "{en}");
    assert!(
        en.contains(
            "  ~ plan title: \u{201c}PTBA 2024\u{201d} → \u{201c}PTBA 2025 (projet)\u{201d}\n"
        ),
        "{en}"
    );
}

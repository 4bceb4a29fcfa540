//! Every figure of `ptba summary --format json`, computed by hand, on plans
//! written in styles the bundled example does not use.
//!
//! `tests/data/styles-xof.toml` (XOF, no decimals):
//!
//! | activity | axis/action | resp. | quarters | weight | budget lines                                   | total |
//! |----------|-------------|-------|----------|--------|------------------------------------------------|-------|
//! | P.1.a    | P / P.1     | DGPS  | 1, 2     | 2      | ETAT "12 500 000", UNICEF 1500000.0            | 14 M  |
//! | P.1.b    | P / P.1     | DGPS  | 2, 3     | 1      | GAP 4 × "250 000"                              | 1 M   |
//! | P.2.a    | P / P.2     | ONG   | 3        | 1      | ETAT 3_000_000                                 | 3 M   |
//! | S.1.a    | S / S.1     | DGPS  | 1, 4     | 3      | ETAT 2.0 × 2_500_000, UNICEF "2 000 000", GAP 3000000 | 10 M |
//! | S.1.b    | S / S.1     | —     | 4        | 0.5    | UNICEF "4 000 000"                             | 4 M   |
//!
//! Sources: ETAT secured (12.5 + 3 + 5 = 20.5 M), UNICEF pledged
//! (1.5 + 2 + 4 = 7.5 M), GAP unfunded (1 + 3 = 4 M); budget 32 M.
//!
//! The log (`styles-xof.progress.toml`), in log order R1..R12, not in date order:
//! R1 P.1.a 03-31 ongoing 30 %, committed 3 M, spent 2 M, ETAT
//! R2 P.1.b 05-15 progress 50
//! R3 P.1.b 02-01 ongoing 10 %
//! R4 P.2.a 02-15 ongoing 10 %, committed 0.2 M, spent 0.2 M (ETAT implied)
//! R5 P.1.a 06-30 progress 60, spent 1 M without source (two sources: non ventilé)
//! R6 S.1.a 06-30 ongoing 40 %, committed 4 M, spent 3 M, ETAT
//! R7 S.1.a 06-30 progress 45 (same date as R6, later in the log: wins)
//! R8 P.2.a 04-10 cancelled
//! R9 P.1.a 09-30 done, committed 0.5 M, spent 0.5 M, UNICEF
//! R10 S.1.a 11-30 progress 80, spent 1 M, UNICEF
//! R11 S.1.b 10-01 postponed, spent 0.1 M (UNICEF implied)
//! R12 P.1.b 12-20 done

use serde_json::Value;

use crate::support::{Env, parse_csv};

/// The figures of one group (or of the plan) as `summary --format json`
/// prints them. Rates: physical, completion, financial, commitment,
/// mobilisation; `None` is JSON `null`.
#[derive(Debug, Clone)]
pub struct Fig {
    pub activities: u64,
    pub cancelled: u64,
    pub done: u64,
    pub budget: &'static str,
    pub cancelled_budget: &'static str,
    pub spent: &'static str,
    pub committed: &'static str,
    pub balance: &'static str,
    pub secured: &'static str,
    pub pledged: &'static str,
    pub unfunded: &'static str,
    pub rates: [Option<f64>; 5],
}

macro_rules! rate {
    (null) => {
        None
    };
    ($x:literal) => {
        Some($x as f64)
    };
}

macro_rules! rates {
    ($($x:tt),* $(,)?) => {
        [$(rate!($x)),*]
    };
}

pub const RATE_KEYS: [&str; 5] = [
    "physical",
    "completion",
    "financial",
    "commitment",
    "mobilisation",
];

const FIGURE_KEYS: [&str; 12] = [
    "activities",
    "cancelled",
    "done",
    "budget",
    "cancelled_budget",
    "spent",
    "committed",
    "balance",
    "secured",
    "pledged",
    "unfunded",
    "rates",
];

/// Asserts every figure of `obj` (the plan object or a group).
#[track_caller]
pub fn assert_fig(obj: &Value, want: &Fig, what: &str) {
    for k in FIGURE_KEYS {
        assert!(obj.get(k).is_some(), "{what}: no `{k}` in {obj}");
    }
    let counts = [
        ("activities", want.activities),
        ("cancelled", want.cancelled),
        ("done", want.done),
    ];
    for (k, n) in counts {
        assert_eq!(obj[k].as_u64(), Some(n), "{what}: {k}");
    }
    let amounts = [
        ("budget", want.budget),
        ("cancelled_budget", want.cancelled_budget),
        ("spent", want.spent),
        ("committed", want.committed),
        ("balance", want.balance),
        ("secured", want.secured),
        ("pledged", want.pledged),
        ("unfunded", want.unfunded),
    ];
    for (k, v) in amounts {
        assert_eq!(
            obj[k].as_str(),
            Some(v),
            "{what}: {k} (amounts are exact strings)"
        );
    }
    let rates = &obj["rates"];
    let keys: Vec<&String> = rates.as_object().expect("rates object").keys().collect();
    assert_eq!(keys.len(), 5, "{what}: rates {rates}");
    for (k, v) in RATE_KEYS.iter().zip(want.rates) {
        match v {
            None => assert!(
                rates[k].is_null(),
                "{what}: rate {k} = {} (want null)",
                rates[k]
            ),
            Some(x) => assert_eq!(rates[k].as_f64(), Some(x), "{what}: rate {k}"),
        }
    }
}

/// Asserts the groups, in order: (by, id, title, figures).
#[track_caller]
pub fn assert_groups(json: &Value, by: &str, want: &[(&str, &str, Fig)], what: &str) {
    let groups = json["groups"].as_array().expect("groups");
    let ids: Vec<&str> = groups
        .iter()
        .map(|g| g["id"].as_str().unwrap_or("?"))
        .collect();
    let want_ids: Vec<&str> = want.iter().map(|w| w.0).collect();
    assert_eq!(ids, want_ids, "{what}: group ids");
    for (g, (id, title, fig)) in groups.iter().zip(want) {
        assert_eq!(g["by"], by, "{what}: group {id}");
        assert_eq!(g["title"], *title, "{what}: title of group {id}");
        assert_fig(g, fig, &format!("{what}, group `{id}`"));
    }
}

fn summary(env: &Env, plan: &str, extra: &[&str]) -> Value {
    let mut args = vec!["summary", plan, "--format", "json"];
    args.extend_from_slice(extra);
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run:?}");
    run.json()
}

fn styles_env() -> Env {
    let env = Env::new();
    env.fixture("styles-xof.toml");
    env.fixture("styles-xof.progress.toml");
    env
}

// ---------------------------------------------------------------- totals --

/// Before any record: nothing done, nothing spent; only mobilisation.
#[test]
fn styles_before_any_record() {
    let env = styles_env();
    let j = summary(&env, "styles-xof.toml", &["--as-of", "2024-01-15"]);
    assert_eq!(j["as_of"], "2024-01-15");
    assert_eq!(j["currency"], "XOF");
    assert_eq!(j["axes"], 2);
    assert_eq!(j["actions"], 3);
    assert_eq!(j["weighting"], "activities");
    assert_eq!(j["plans"], serde_json::json!(["styles-xof.toml"]));
    assert_fig(
        &j,
        &Fig {
            activities: 5,
            cancelled: 0,
            done: 0,
            budget: "32000000",
            cancelled_budget: "0",
            spent: "0",
            committed: "0",
            balance: "32000000",
            secured: "20500000",
            pledged: "7500000",
            unfunded: "4000000",
            // mobilisation 20.5 / 32 = 64.0625 → 64.06
            rates: rates![0, 0, 0, 0, 64.06],
        },
        "plan as of 2024-01-15",
    );
    assert_eq!(
        j["headline"],
        "Taux d'exécution physique : 0 % — 3 actions / 5 activités"
    );
    // P: 14 + 1 + 3 = 18 M, secured 12.5 + 3 = 15.5 M → 86.11 %
    // S: 10 + 4 = 14 M, secured 5 M → 35.71 %, pledged 2 + 4 = 6 M, gap 3 M
    assert_groups(
        &j,
        "axis",
        &[
            (
                "P",
                "Prévention",
                Fig {
                    activities: 3,
                    cancelled: 0,
                    done: 0,
                    budget: "18000000",
                    cancelled_budget: "0",
                    spent: "0",
                    committed: "0",
                    balance: "18000000",
                    secured: "15500000",
                    pledged: "1500000",
                    unfunded: "1000000",
                    rates: rates![0, 0, 0, 0, 86.11],
                },
            ),
            ("S", "Soutien aux victimes", axis_s_untouched()),
        ],
        "by axis as of 2024-01-15",
    );
    // Indicators: nothing recorded yet.
    for ind in j["indicators"].as_array().unwrap() {
        assert!(ind["actual"].is_null(), "{ind}");
        assert!(ind["achievement"].is_null(), "{ind}");
    }
}

fn axis_s_untouched() -> Fig {
    Fig {
        activities: 2,
        cancelled: 0,
        done: 0,
        budget: "14000000",
        cancelled_budget: "0",
        spent: "0",
        committed: "0",
        balance: "14000000",
        secured: "5000000",
        pledged: "6000000",
        unfunded: "3000000",
        rates: rates![0, 0, 0, 0, 35.71],
    }
}

/// As of 2024-03-31: R3, R4, R1 (date order).
#[test]
fn styles_end_of_first_quarter() {
    let env = styles_env();
    let j = summary(&env, "styles-xof.toml", &["--as-of", "2024-03-31"]);
    assert_eq!(j["as_of"], "2024-03-31");
    // P.1.a 30 %, 2 M spent, 3 M committed; P.1.b 10 %; P.2.a 10 %, 0.2 M / 0.2 M.
    assert_fig(
        &j,
        &Fig {
            activities: 5,
            cancelled: 0,
            done: 0,
            budget: "32000000",
            cancelled_budget: "0",
            spent: "2200000",
            committed: "3200000",
            // 32 − 2.2
            balance: "29800000",
            secured: "20500000",
            pledged: "7500000",
            unfunded: "4000000",
            // physical (30 + 10 + 10 + 0 + 0) / 5 = 10; financial 2.2 / 32 = 6.875 → 6.88
            // (half away from zero); commitment 3.2 / 32 = 10
            rates: rates![10, 0, 6.88, 10, 64.06],
        },
        "plan as of 2024-03-31",
    );
    assert_groups(
        &j,
        "axis",
        &[
            (
                "P",
                "Prévention",
                Fig {
                    activities: 3,
                    cancelled: 0,
                    done: 0,
                    budget: "18000000",
                    cancelled_budget: "0",
                    spent: "2200000",
                    committed: "3200000",
                    balance: "15800000",
                    secured: "15500000",
                    pledged: "1500000",
                    unfunded: "1000000",
                    // physical 50 / 3 = 16.67; financial 2.2 / 18 = 12.22;
                    // commitment 3.2 / 18 = 17.78; mobilisation 15.5 / 18 = 86.11
                    rates: rates![16.67, 0, 12.22, 17.78, 86.11],
                },
            ),
            ("S", "Soutien aux victimes", axis_s_untouched()),
        ],
        "by axis as of 2024-03-31",
    );
}

/// As of 2024-06-30: P.2.a is cancelled (R8, 04-10) after 0.2 M spent and
/// committed: it leaves the physical and completion rates but stays in every
/// money figure, budget included (SPEC §4: money that moved never
/// disappears); S.1.a takes R7's 45 (same date as R6).
#[test]
fn styles_mid_year() {
    let env = styles_env();
    let j = summary(&env, "styles-xof.toml", &["--as-of", "2024-06-30"]);
    assert_eq!(j["as_of"], "2024-06-30");
    // P.1.a 60 %, spent 2 M (ETAT) + 1 M (none), committed 3 M; P.1.b 50 %;
    // S.1.a 45 %, spent 3 M, committed 4 M; S.1.b nothing; P.2.a cancelled.
    assert_fig(
        &j,
        &Fig {
            activities: 5,
            cancelled: 1,
            done: 0,
            budget: "32000000",
            cancelled_budget: "0",
            spent: "6200000",
            committed: "7200000",
            // 32 M − 6.2 M
            balance: "25800000",
            // ETAT with P.2.a: 12.5 + 3 + 5
            secured: "20500000",
            pledged: "7500000",
            unfunded: "4000000",
            // P.2.a cancelled with money moved: kept whole (SPEC §4);
            // financial 6.2 / 32; commitment 7.2 / 32; mobilisation 20.5 / 32
            rates: rates![38.75, 0, 19.38, 22.5, 64.06],
        },
        "plan as of 2024-06-30",
    );
    assert_eq!(
        j["headline"],
        "Taux d'exécution physique : 39 % — 3 actions / 5 activités, dont 1 abandonnée"
    );
    assert_groups(
        &j,
        "axis",
        &[
            (
                "P",
                "Prévention",
                Fig {
                    activities: 3,
                    cancelled: 1,
                    done: 0,
                    budget: "18000000",
                    cancelled_budget: "0",
                    spent: "3200000",
                    committed: "3200000",
                    balance: "14800000",
                    secured: "15500000",
                    pledged: "1500000",
                    unfunded: "1000000",
                    // P.2.a cancelled with money moved: kept whole (SPEC §4);
                    // financial 3.2 / 18; commitment 3.2 / 18; mobilisation 15.5 / 18
                    rates: rates![55, 0, 17.78, 17.78, 86.11],
                },
            ),
            (
                "S",
                "Soutien aux victimes",
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 0,
                    budget: "14000000",
                    cancelled_budget: "0",
                    spent: "3000000",
                    committed: "4000000",
                    balance: "11000000",
                    secured: "5000000",
                    pledged: "6000000",
                    unfunded: "3000000",
                    // (45 + 0) / 2; 3 / 14; 4 / 14; 5 / 14
                    rates: rates![22.5, 0, 21.43, 28.57, 35.71],
                },
            ),
        ],
        "by axis as of 2024-06-30",
    );

    let j = summary(
        &env,
        "styles-xof.toml",
        &["--as-of", "2024-06-30", "--by", "source"],
    );
    assert_groups(
        &j,
        "source",
        &[
            (
                "ETAT",
                "Budget de l'État",
                // P.1.a (60 %, ETAT spent 2 M, committed 3 M), P.2.a cancelled (3 M),
                // S.1.a (45 %, spent 3 M, committed 4 M)
                Fig {
                    activities: 3,
                    cancelled: 1,
                    done: 0,
                    budget: "20500000",
                    cancelled_budget: "0",
                    spent: "5200000",
                    committed: "7200000",
                    balance: "15300000",
                    secured: "20500000",
                    pledged: "0",
                    unfunded: "0",
                    // P.2.a cancelled with money moved: kept whole (SPEC §4);
                    // financial 5.2 / 20.5; commitment 7.2 / 20.5; mobilisation 20.5 / 20.5
                    rates: rates![52.5, 0, 25.37, 35.12, 100],
                },
            ),
            (
                "UNICEF",
                "UNICEF",
                // P.1.a 60, S.1.a 45, S.1.b 0; nothing from UNICEF yet
                Fig {
                    activities: 3,
                    cancelled: 0,
                    done: 0,
                    budget: "7500000",
                    cancelled_budget: "0",
                    spent: "0",
                    committed: "0",
                    balance: "7500000",
                    secured: "0",
                    pledged: "7500000",
                    unfunded: "0",
                    rates: rates![35, 0, 0, 0, 0],
                },
            ),
            (
                "GAP",
                "Gap de financement",
                // P.1.b 50, S.1.a 45
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 0,
                    budget: "4000000",
                    cancelled_budget: "0",
                    spent: "0",
                    committed: "0",
                    balance: "4000000",
                    secured: "0",
                    pledged: "0",
                    unfunded: "4000000",
                    rates: rates![47.5, 0, 0, 0, 0],
                },
            ),
            (
                "",
                "Non ventilé",
                // R5's 1 M: P.1.a (60 %), no budget here
                Fig {
                    activities: 1,
                    cancelled: 0,
                    done: 0,
                    budget: "0",
                    cancelled_budget: "0",
                    spent: "1000000",
                    committed: "0",
                    balance: "-1000000",
                    secured: "0",
                    pledged: "0",
                    unfunded: "0",
                    rates: rates![60, 0, null, null, null],
                },
            ),
        ],
        "by source as of 2024-06-30",
    );

    let j = summary(
        &env,
        "styles-xof.toml",
        &["--as-of", "2024-06-30", "--by", "quarter"],
    );
    assert_groups(
        &j,
        "quarter",
        &[
            (
                "T1",
                "Trimestre 1",
                // P.1.a (60 %, 14 M, spent 3 M, committed 3 M) + S.1.a (45 %, 10 M, 3 M, 4 M)
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 0,
                    budget: "24000000",
                    cancelled_budget: "0",
                    spent: "6000000",
                    committed: "7000000",
                    balance: "18000000",
                    secured: "17500000",
                    pledged: "3500000",
                    unfunded: "3000000",
                    // 52.5; 6 / 24 = 25; 7 / 24 = 29.17; 17.5 / 24 = 72.92
                    rates: rates![52.5, 0, 25, 29.17, 72.92],
                },
            ),
            (
                "T2",
                "Trimestre 2",
                // P.1.a + P.1.b (50 %)
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 0,
                    budget: "15000000",
                    cancelled_budget: "0",
                    spent: "3000000",
                    committed: "3000000",
                    balance: "12000000",
                    secured: "12500000",
                    pledged: "1500000",
                    unfunded: "1000000",
                    rates: rates![55, 0, 20, 20, 83.33],
                },
            ),
            (
                "T3",
                "Trimestre 3",
                // P.1.b + P.2.a (cancelled)
                Fig {
                    activities: 2,
                    cancelled: 1,
                    done: 0,
                    budget: "4000000",
                    cancelled_budget: "0",
                    spent: "200000",
                    committed: "200000",
                    balance: "3800000",
                    secured: "3000000",
                    pledged: "0",
                    unfunded: "1000000",
                    // P.2.a cancelled with money moved: kept whole (SPEC §4);
                    // financial 0.2 / 4; commitment 0.2 / 4; mobilisation 3 / 4
                    rates: rates![50, 0, 5, 5, 75],
                },
            ),
            (
                "T4",
                "Trimestre 4",
                // S.1.a + S.1.b: as axis S
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 0,
                    budget: "14000000",
                    cancelled_budget: "0",
                    spent: "3000000",
                    committed: "4000000",
                    balance: "11000000",
                    secured: "5000000",
                    pledged: "6000000",
                    unfunded: "3000000",
                    rates: rates![22.5, 0, 21.43, 28.57, 35.71],
                },
            ),
        ],
        "by quarter as of 2024-06-30",
    );

    // Indicators as of 06-30: latest values R1 (Sessions 3, Communes 10),
    // R5 (Taux 35), R6 (Victimes 110, Délai 20).
    assert_indicators(
        &j,
        &[
            ("axis", "P", "Taux de couverture", Some("35"), Some(37.5)),
            ("action", "P.1", "Communes touchées", Some("10"), Some(25.0)),
            (
                "action",
                "S.1",
                "Délai moyen (jours)",
                Some("20"),
                Some(50.0),
            ),
            ("activity", "P.1.a", "Sessions", Some("3"), Some(30.0)),
            (
                "activity",
                "S.1.a",
                "Victimes assistées",
                Some("110"),
                Some(40.0),
            ),
        ],
    );
}

/// (level, owner, name, actual, achievement).
type Ind<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<f64>);

#[track_caller]
fn assert_indicators(j: &Value, want: &[Ind<'_>]) {
    let inds = j["indicators"].as_array().expect("indicators");
    assert_eq!(inds.len(), want.len(), "{inds:?}");
    for (i, (level, owner, name, actual, ach)) in inds.iter().zip(want) {
        assert_eq!(i["level"], *level, "{i}");
        assert_eq!(i["owner"], *owner, "{i}");
        assert_eq!(i["name"], *name, "{i}");
        assert_eq!(i["actual"].as_str(), *actual, "{i}");
        assert_eq!(i["achievement"].as_f64(), *ach, "{i}");
    }
}

fn styles_end_total() -> Fig {
    // P.1.a done (100), spent 2 M ETAT + 1 M none + 0.5 M UNICEF = 3.5 M,
    //   committed 3 M ETAT + 0.5 M UNICEF = 3.5 M
    // P.1.b done (100); P.2.a cancelled; S.1.a 80 %, spent 3 M ETAT + 1 M
    //   UNICEF, committed 4 M; S.1.b postponed, 0 %, spent 0.1 M (UNICEF).
    Fig {
        activities: 5,
        cancelled: 1,
        done: 2,
        budget: "32000000",
        cancelled_budget: "0",
        // 3.5 + 4 + 0.1 + 0.2 (P.2.a, before its cancellation)
        spent: "7800000",
        // 3.5 + 4 + 0.2
        committed: "7700000",
        // 32 − 7.8
        balance: "24200000",
        secured: "20500000",
        pledged: "7500000",
        unfunded: "4000000",
        // P.2.a cancelled with money moved: kept whole (SPEC §4);
        // financial 7.8 / 32; commitment 7.7 / 32; mobilisation 20.5 / 32
        rates: rates![70, 50, 24.38, 24.06, 64.06],
    }
}

/// All records (no `--as-of`), and `--as-of 2024-12-31`: the same figures.
#[test]
fn styles_end_of_year_every_grouping() {
    let env = styles_env();
    for as_of in [None, Some("2024-12-31")] {
        let extra: Vec<&str> = as_of.map(|d| vec!["--as-of", d]).unwrap_or_default();
        let j = summary(&env, "styles-xof.toml", &extra);
        // Without --as-of, the date is that of the last record (R12).
        assert_eq!(j["as_of"], as_of.unwrap_or("2024-12-20"));
        assert_fig(&j, &styles_end_total(), "plan, end of year");
        assert_eq!(
            j["headline"],
            "Taux d'exécution physique : 70 % — 3 actions / 5 activités, dont 1 abandonnée"
        );
    }
    let axis_p = Fig {
        activities: 3,
        cancelled: 1,
        done: 2,
        budget: "18000000",
        cancelled_budget: "0",
        spent: "3700000",
        committed: "3700000",
        balance: "14300000",
        secured: "15500000",
        pledged: "1500000",
        unfunded: "1000000",
        // P.2.a cancelled with money moved: kept whole (SPEC §4);
        // financial 3.7 / 18; commitment 3.7 / 18; mobilisation 15.5 / 18
        rates: rates![100, 100, 20.56, 20.56, 86.11],
    };
    let axis_s = Fig {
        activities: 2,
        cancelled: 0,
        done: 0,
        budget: "14000000",
        cancelled_budget: "0",
        spent: "4100000",
        committed: "4000000",
        balance: "9900000",
        secured: "5000000",
        pledged: "6000000",
        unfunded: "3000000",
        // (80 + 0) / 2; 0; 4.1 / 14 = 29.29; 4 / 14 = 28.57; 5 / 14 = 35.71
        rates: rates![40, 0, 29.29, 28.57, 35.71],
    };
    let j = summary(&env, "styles-xof.toml", &["--by", "axis"]);
    assert_groups(
        &j,
        "axis",
        &[
            ("P", "Prévention", axis_p.clone()),
            ("S", "Soutien aux victimes", axis_s.clone()),
        ],
        "by axis",
    );

    let j = summary(&env, "styles-xof.toml", &["--by", "action"]);
    assert_groups(
        &j,
        "action",
        &[
            (
                "P.1",
                "Sensibilisation",
                // P.1.a + P.1.b: axis P without P.2.a
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 2,
                    budget: "15000000",
                    cancelled_budget: "0",
                    spent: "3500000",
                    committed: "3500000",
                    balance: "11500000",
                    secured: "12500000",
                    pledged: "1500000",
                    unfunded: "1000000",
                    // (100 + 100) / 2; 2 / 2; 3.5 / 15 = 23.33; 3.5 / 15; 12.5 / 15 = 83.33
                    rates: rates![100, 100, 23.33, 23.33, 83.33],
                },
            ),
            (
                "P.2",
                "Formation des enseignants",
                // Only P.2.a, cancelled: every rate has a zero denominator.
                Fig {
                    activities: 1,
                    cancelled: 1,
                    done: 0,
                    budget: "3000000",
                    cancelled_budget: "0",
                    spent: "200000",
                    committed: "200000",
                    balance: "2800000",
                    secured: "3000000",
                    pledged: "0",
                    unfunded: "0",
                    // P.2.a cancelled with money moved: kept whole (SPEC §4);
                    // financial 0.2 / 3; commitment 0.2 / 3; mobilisation 3 / 3
                    rates: rates![null, null, 6.67, 6.67, 100],
                },
            ),
            ("S.1", "Prise en charge", axis_s.clone()),
        ],
        "by action",
    );

    let j = summary(&env, "styles-xof.toml", &["--by", "source"]);
    assert_groups(
        &j,
        "source",
        &[
            (
                "ETAT",
                "Budget de l'État",
                // P.1.a (done; ETAT spent 2 M, committed 3 M), P.2.a (cancelled),
                // S.1.a (80 %; spent 3 M, committed 4 M)
                Fig {
                    activities: 3,
                    cancelled: 1,
                    done: 1,
                    budget: "20500000",
                    cancelled_budget: "0",
                    spent: "5200000",
                    committed: "7200000",
                    balance: "15300000",
                    secured: "20500000",
                    pledged: "0",
                    unfunded: "0",
                    // P.2.a cancelled with money moved: kept whole (SPEC §4);
                    // financial 5.2 / 20.5; commitment 7.2 / 20.5; mobilisation 20.5 / 20.5
                    rates: rates![90, 50, 25.37, 35.12, 100],
                },
            ),
            (
                "UNICEF",
                "UNICEF",
                // P.1.a (done; 0.5 M spent, 0.5 M committed), S.1.a (80 %; 1 M spent),
                // S.1.b (0 %; 0.1 M spent)
                Fig {
                    activities: 3,
                    cancelled: 0,
                    done: 1,
                    budget: "7500000",
                    cancelled_budget: "0",
                    spent: "1600000",
                    committed: "500000",
                    balance: "5900000",
                    secured: "0",
                    pledged: "7500000",
                    unfunded: "0",
                    // 180 / 3 = 60; 1 / 3 = 33.33; 1.6 / 7.5 = 21.33; 0.5 / 7.5 = 6.67; 0
                    rates: rates![60, 33.33, 21.33, 6.67, 0],
                },
            ),
            (
                "GAP",
                "Gap de financement",
                // P.1.b (done), S.1.a (80 %)
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 1,
                    budget: "4000000",
                    cancelled_budget: "0",
                    spent: "0",
                    committed: "0",
                    balance: "4000000",
                    secured: "0",
                    pledged: "0",
                    unfunded: "4000000",
                    rates: rates![90, 50, 0, 0, 0],
                },
            ),
            (
                "",
                "Non ventilé",
                // R5's 1 M on P.1.a (done)
                Fig {
                    activities: 1,
                    cancelled: 0,
                    done: 1,
                    budget: "0",
                    cancelled_budget: "0",
                    spent: "1000000",
                    committed: "0",
                    balance: "-1000000",
                    secured: "0",
                    pledged: "0",
                    unfunded: "0",
                    rates: rates![100, 100, null, null, null],
                },
            ),
        ],
        "by source",
    );

    let j = summary(&env, "styles-xof.toml", &["--by", "responsible"]);
    assert_groups(
        &j,
        "responsible",
        &[
            (
                "DGPS",
                "DGPS",
                // P.1.a, P.1.b, S.1.a
                Fig {
                    activities: 3,
                    cancelled: 0,
                    done: 2,
                    budget: "25000000",
                    cancelled_budget: "0",
                    spent: "7500000",
                    committed: "7500000",
                    balance: "17500000",
                    secured: "17500000",
                    pledged: "3500000",
                    unfunded: "4000000",
                    // 280 / 3 = 93.33; 2 / 3 = 66.67; 7.5 / 25 = 30; 30; 17.5 / 25 = 70
                    rates: rates![93.33, 66.67, 30, 30, 70],
                },
            ),
            (
                "ONG",
                "ONG",
                Fig {
                    activities: 1,
                    cancelled: 1,
                    done: 0,
                    budget: "3000000",
                    cancelled_budget: "0",
                    spent: "200000",
                    committed: "200000",
                    balance: "2800000",
                    secured: "3000000",
                    pledged: "0",
                    unfunded: "0",
                    // P.2.a cancelled with money moved: kept whole (SPEC §4);
                    // financial 0.2 / 3; commitment 0.2 / 3; mobilisation 3 / 3
                    rates: rates![null, null, 6.67, 6.67, 100],
                },
            ),
            (
                "",
                "(sans responsable)",
                // S.1.b: 0 %, 0.1 M of 4 M
                Fig {
                    activities: 1,
                    cancelled: 0,
                    done: 0,
                    budget: "4000000",
                    cancelled_budget: "0",
                    spent: "100000",
                    committed: "0",
                    balance: "3900000",
                    secured: "0",
                    pledged: "4000000",
                    unfunded: "0",
                    rates: rates![0, 0, 2.5, 0, 0],
                },
            ),
        ],
        "by responsible",
    );

    let j = summary(&env, "styles-xof.toml", &["--by", "quarter"]);
    assert_groups(
        &j,
        "quarter",
        &[
            (
                "T1",
                "Trimestre 1",
                // P.1.a (done) + S.1.a (80 %)
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 1,
                    budget: "24000000",
                    cancelled_budget: "0",
                    spent: "7500000",
                    committed: "7500000",
                    balance: "16500000",
                    secured: "17500000",
                    pledged: "3500000",
                    unfunded: "3000000",
                    // 90; 50; 7.5 / 24 = 31.25; 31.25; 17.5 / 24 = 72.92
                    rates: rates![90, 50, 31.25, 31.25, 72.92],
                },
            ),
            (
                "T2",
                "Trimestre 2",
                // P.1.a + P.1.b, both done
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 2,
                    budget: "15000000",
                    cancelled_budget: "0",
                    spent: "3500000",
                    committed: "3500000",
                    balance: "11500000",
                    secured: "12500000",
                    pledged: "1500000",
                    unfunded: "1000000",
                    // (100 + 100) / 2; 2 / 2; 3.5 / 15 = 23.33; 3.5 / 15; 12.5 / 15 = 83.33
                    rates: rates![100, 100, 23.33, 23.33, 83.33],
                },
            ),
            (
                "T3",
                "Trimestre 3",
                // P.1.b (done) + P.2.a (cancelled)
                Fig {
                    activities: 2,
                    cancelled: 1,
                    done: 1,
                    budget: "4000000",
                    cancelled_budget: "0",
                    spent: "200000",
                    committed: "200000",
                    balance: "3800000",
                    secured: "3000000",
                    pledged: "0",
                    unfunded: "1000000",
                    // P.2.a cancelled with money moved: kept whole (SPEC §4);
                    // financial 0.2 / 4; commitment 0.2 / 4; mobilisation 3 / 4
                    rates: rates![100, 100, 5, 5, 75],
                },
            ),
            ("T4", "Trimestre 4", axis_s),
        ],
        "by quarter",
    );

    // Indicators at the end: Sessions 10 (R9).
    assert_indicators(
        &j,
        &[
            // (35 − 20) / (60 − 20)
            ("axis", "P", "Taux de couverture", Some("35"), Some(37.5)),
            // 10 / 40, no baseline
            ("action", "P.1", "Communes touchées", Some("10"), Some(25.0)),
            // decreasing target: (20 − 30) / (10 − 30)
            (
                "action",
                "S.1",
                "Délai moyen (jours)",
                Some("20"),
                Some(50.0),
            ),
            ("activity", "P.1.a", "Sessions", Some("10"), Some(100.0)),
            // (110 − 50) / (200 − 50)
            (
                "activity",
                "S.1.a",
                "Victimes assistées",
                Some("110"),
                Some(40.0),
            ),
        ],
    );
}

/// The physical rate under each weighting, at the end of the year.
#[test]
fn styles_weightings() {
    let env = styles_env();
    let physical = |w: &str| {
        let j = summary(&env, "styles-xof.toml", &["--weighting", w]);
        assert_eq!(j["weighting"], w);
        j["rates"]["physical"].as_f64()
    };
    // activities: (100 + 100 + 80 + 0) / 4
    assert_eq!(physical("activities"), Some(70.0));
    // budget: (14 × 100 + 1 × 100 + 10 × 80 + 4 × 0) / 29 = 2300 / 29 = 79.31
    assert_eq!(physical("budget"), Some(79.31));
    // weight: (2 × 100 + 1 × 100 + 3 × 80 + 0.5 × 0) / 6.5 = 540 / 6.5 = 83.08
    assert_eq!(physical("weight"), Some(83.08));
    // Cancelled P.2.a is out of the denominator under every weighting; the
    // other rates do not depend on the weighting.
    let j = summary(&env, "styles-xof.toml", &["--weighting", "weight"]);
    assert_fig(
        &j,
        &Fig {
            rates: rates![83.08, 50, 24.38, 24.06, 64.06],
            ..styles_end_total()
        },
        "weighting weight",
    );
}

#[test]
fn styles_headline_in_both_languages_and_precision() {
    let env = styles_env();
    let first_line = |args: &[&str]| {
        let mut a = vec!["summary", "styles-xof.toml"];
        a.extend_from_slice(args);
        let run = env.run(&a);
        assert_eq!(run.code, 0, "{run:?}");
        run.stdout.lines().next().unwrap_or_default().to_string()
    };
    assert_eq!(
        first_line(&[]),
        "Taux d'exécution physique : 70 % — 3 actions / 5 activités, dont 1 abandonnée"
    );
    assert_eq!(
        first_line(&["--lang", "en"]),
        "Physical execution: 70% — 3 actions / 5 activities, of which 1 cancelled"
    );
    // 38.75 → 39 (0 decimals), 38.8 (1 decimal, half away from zero).
    assert_eq!(
        first_line(&["--as-of", "2024-06-30"]),
        "Taux d'exécution physique : 39 % — 3 actions / 5 activités, dont 1 abandonnée"
    );
    assert_eq!(
        first_line(&["--as-of", "2024-06-30", "--precision", "1"]),
        "Taux d'exécution physique : 38,8 % — 3 actions / 5 activités, dont 1 abandonnée"
    );
    assert_eq!(
        first_line(&["--as-of", "2024-06-30", "--precision", "1", "--lang", "en"]),
        "Physical execution: 38.8% — 3 actions / 5 activities, of which 1 cancelled"
    );
    // Before the cancellation: no "dont" clause.
    assert_eq!(
        first_line(&["--as-of", "2024-03-31"]),
        "Taux d'exécution physique : 10 % — 3 actions / 5 activités"
    );
    // The table shows the date and French amounts.
    let run = env.run(&["summary", "styles-xof.toml", "--as-of", "2024-06-30"]);
    assert!(
        run.stdout.contains("Situation au 30/06/2024"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("32 000 000"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "Activités abandonnées : 1 — budget mis à part : 0 FCFA (0 sans dépense ni engagement)"
        ),
        "{}",
        run.stdout
    );
    // Precision also applies to the table's rates: 38.75 → 38,8 %.
    let run = env.run(&[
        "summary",
        "styles-xof.toml",
        "--as-of",
        "2024-06-30",
        "--precision",
        "1",
    ]);
    assert!(run.stdout.contains("38,8 %"), "{}", run.stdout);
}

// ------------------------------------------------------------- EUR cents --

/// `tests/data/cents-eur.toml`: EUR (2 decimals), `[plan] weighting = "budget"`,
/// `lang = "en"`, the log at `[plan] progress = "suivi/cents-eur.journal.toml"`.
///
/// e1: UE "1 250.50" + FOND 999.99 = 2 250.49, resp. SP
/// e2: UE 3 × 19.99 = 59.97, resp. SP
/// e3: FOND "12 345,67" (decimal comma), resp. Consultant
/// budget 14 656.13 = budget_total; secured (UE) 1 310.47, pledged (FOND) 13 345.66.
///
/// Log: e1 04-30 50 %, spent 100.10 UE; e1 05-31 committed 200.00, spent 0.01 FOND;
/// e2 07-01 done, spent 59.97 (UE implied); e3 08-15 progress 12.5, spent "1 000,05".
#[test]
fn eur_plan_with_cents() {
    let env = Env::new();
    env.fixture("cents-eur.toml");
    env.fixture("suivi/cents-eur.journal.toml");
    env.run(&["check", "cents-eur.toml", "--deny-warnings"])
        .ok();

    let j = summary(&env, "cents-eur.toml", &[]);
    assert_eq!(j["currency"], "EUR");
    assert_eq!(j["weighting"], "budget");
    assert_eq!(j["as_of"], "2024-08-15");
    assert_fig(
        &j,
        &Fig {
            activities: 3,
            cancelled: 0,
            done: 1,
            budget: "14656.13",
            cancelled_budget: "0",
            // 100.10 + 0.01 + 59.97 + 1000.05
            spent: "1160.13",
            committed: "200",
            // 14 656.13 − 1 160.13
            balance: "13496",
            secured: "1310.47",
            pledged: "13345.66",
            unfunded: "0",
            // physical, budget-weighted:
            //   (50 × 2250.49 + 100 × 59.97 + 12.5 × 12345.67) / 14656.13
            //   = 272842.375 / 14656.13 = 18.616 → 18.62
            // completion 1 / 3 = 33.33; financial 1160.13 / 14656.13 = 7.9157 → 7.92;
            // commitment 200 / 14656.13 = 1.3646 → 1.36; mobilisation 1310.47 / 14656.13
            //   = 8.9414 → 8.94
            rates: rates![18.62, 33.33, 7.92, 1.36, 8.94],
        },
        "EUR plan",
    );
    // The plan's lang = "en" is the report language.
    assert_eq!(
        j["headline"],
        "Physical execution: 19% — 1 action / 3 activities"
    );

    let j = summary(&env, "cents-eur.toml", &["--by", "responsible"]);
    assert_groups(
        &j,
        "responsible",
        &[
            (
                "SP",
                "SP",
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 1,
                    // 2250.49 + 59.97
                    budget: "2310.46",
                    cancelled_budget: "0",
                    // 100.10 + 0.01 + 59.97
                    spent: "160.08",
                    committed: "200",
                    balance: "2150.38",
                    secured: "1310.47",
                    pledged: "999.99",
                    unfunded: "0",
                    // (50 × 2250.49 + 100 × 59.97) / 2310.46 = 118521.5 / 2310.46 = 51.297 → 51.3
                    // 1 / 2; 160.08 / 2310.46 = 6.93; 200 / 2310.46 = 8.66; 1310.47 / 2310.46 = 56.72
                    rates: rates![51.3, 50, 6.93, 8.66, 56.72],
                },
            ),
            (
                "Consultant",
                "Consultant",
                Fig {
                    activities: 1,
                    cancelled: 0,
                    done: 0,
                    budget: "12345.67",
                    cancelled_budget: "0",
                    spent: "1000.05",
                    committed: "0",
                    balance: "11345.62",
                    secured: "0",
                    pledged: "12345.67",
                    unfunded: "0",
                    // 12.5; 0; 1000.05 / 12345.67 = 8.1004 → 8.1; 0; 0
                    rates: rates![12.5, 0, 8.1, 0, 0],
                },
            ),
        ],
        "EUR by responsible",
    );

    let j = summary(&env, "cents-eur.toml", &["--by", "source"]);
    assert_groups(
        &j,
        "source",
        &[
            (
                "UE",
                "Union européenne",
                // e1 (50 %, UE 1250.50, spent 100.10), e2 (done, 59.97, spent 59.97)
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 1,
                    budget: "1310.47",
                    cancelled_budget: "0",
                    spent: "160.07",
                    committed: "0",
                    balance: "1150.4",
                    secured: "1310.47",
                    pledged: "0",
                    unfunded: "0",
                    // budget-weighted within the source's lines:
                    //   (50 × 1250.50 + 100 × 59.97) / 1310.47 = 68522 / 1310.47 = 52.288 → 52.29
                    // 1 / 2; 160.07 / 1310.47 = 12.2147 → 12.21; 0; 100
                    rates: rates![52.29, 50, 12.21, 0, 100],
                },
            ),
            (
                "FOND",
                "Fondation",
                // e1 (50 %, FOND 999.99, spent 0.01, committed 200), e3 (12.5 %, 12345.67, 1000.05)
                Fig {
                    activities: 2,
                    cancelled: 0,
                    done: 0,
                    budget: "13345.66",
                    cancelled_budget: "0",
                    spent: "1000.06",
                    committed: "200",
                    balance: "12345.6",
                    secured: "0",
                    pledged: "13345.66",
                    unfunded: "0",
                    // (50 × 999.99 + 12.5 × 12345.67) / 13345.66 = 204320.3750 / 13345.66 = 15.31
                    // 0; 1000.06 / 13345.66 = 7.4936 → 7.49; 200 / 13345.66 = 1.4986 → 1.5; 0
                    rates: rates![15.31, 0, 7.49, 1.5, 0],
                },
            ),
        ],
        "EUR by source",
    );

    // --weighting overrides the plan's: (50 + 100 + 12.5) / 3 = 54.17.
    let j = summary(&env, "cents-eur.toml", &["--weighting", "activities"]);
    assert_eq!(j["rates"]["physical"].as_f64(), Some(54.17));

    // The table in French shows cents with a decimal comma.
    let run = env.run(&["summary", "cents-eur.toml", "--lang", "fr"]);
    assert_eq!(
        run.stdout.lines().next(),
        Some("Taux d'exécution physique : 19 % — 1 action / 3 activités")
    );
    assert!(run.stdout.contains("14 656,13"), "{}", run.stdout);
    assert!(run.stdout.contains("13 496,00 EUR"), "{}", run.stdout);
}

// ------------------------------------------------------ zero denominators --

#[test]
fn zero_denominators_are_dash_and_null() {
    let env = Env::new();
    // z1 has no budget line at all; z2 is cancelled.
    env.write(
        "zero.toml",
        r#"[plan]
title = "Zéro"
year = 2024

[[source]]
id = "ETAT"
name = "État"

[[axis]]
id = "Z"
title = "Axe"

[[action]]
id = "Z.1"
axis = "Z"
title = "Action"

[[activity]]
id = "z1"
action = "Z.1"
title = "Sans budget"
budget = []
"#,
    );
    env.write(
        "zero.progress.toml",
        "[[record]]\nactivity = \"z1\"\ndate = 2024-05-01\nprogress = 25\n",
    );
    let j = summary(&env, "zero.toml", &[]);
    assert_fig(
        &j,
        &Fig {
            activities: 1,
            cancelled: 0,
            done: 0,
            budget: "0",
            cancelled_budget: "0",
            spent: "0",
            committed: "0",
            balance: "0",
            secured: "0",
            pledged: "0",
            unfunded: "0",
            // physical 25 / 1; completion 0 / 1; no budget: the money rates are undefined
            rates: rates![25, 0, null, null, null],
        },
        "plan without budget",
    );
    let run = env.run(&["summary", "zero.toml"]);
    let total = run
        .stdout
        .lines()
        .find(|l| l.contains("TOTAL"))
        .expect("total row");
    assert_eq!(total.matches('—').count(), 3, "{total}");
    assert!(!run.stdout.contains("NaN"), "{}", run.stdout);

    // Budget weighting with no budget at all: the physical rate itself is undefined.
    let run = env.run(&["summary", "zero.toml", "--weighting", "budget"]);
    assert_eq!(
        run.stdout.lines().next(),
        Some("Taux d'exécution physique : — — 1 action / 1 activité")
    );
    let j = summary(&env, "zero.toml", &["--weighting", "budget"]);
    assert!(j["rates"]["physical"].is_null(), "{j}");

    // Every activity cancelled: no rate is defined.
    env.write(
        "zero.progress.toml",
        "[[record]]\nactivity = \"z1\"\ndate = 2024-05-01\nstatus = \"cancelled\"\n",
    );
    let j = summary(&env, "zero.toml", &[]);
    assert_fig(
        &j,
        &Fig {
            activities: 1,
            cancelled: 1,
            done: 0,
            budget: "0",
            cancelled_budget: "0",
            spent: "0",
            committed: "0",
            balance: "0",
            secured: "0",
            pledged: "0",
            unfunded: "0",
            rates: rates![null, null, null, null, null],
        },
        "all cancelled",
    );
    assert_eq!(
        j["headline"],
        "Taux d'exécution physique : — — 1 action / 1 activité, dont 1 abandonnée"
    );
    let run = env.run(&["summary", "zero.toml", "--format", "csv"]);
    let rows = parse_csv(&run.stdout);
    assert_eq!(&rows[1][15..], ["", "", "", "", ""], "{rows:?}");
    let run = env.run(&["summary", "zero.toml", "--format", "markdown"]);
    assert!(
        run.stdout.contains("| — | — | — | — | — |"),
        "{}",
        run.stdout
    );
}

// ------------------------------------------- CSV and Markdown agree with JSON --

/// French display of a raw amount ("-1000000.5" → "-1 000 000,50" for 2 decimals).
fn fr_amount(raw: &str, decimals: usize) -> String {
    let (neg, body) = match raw.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, raw),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if decimals > 0 {
        out.push(',');
        let mut f = frac.to_string();
        while f.len() < decimals {
            f.push('0');
        }
        out.push_str(&f);
    }
    out
}

fn fr_rate(v: &Value) -> String {
    match v.as_f64() {
        None => "—".to_string(),
        Some(x) => format!("{x:.2} %").replace('.', ","),
    }
}

#[test]
fn csv_and_markdown_agree_with_json() {
    let env = styles_env();
    env.fixture("cents-eur.toml");
    env.fixture("suivi/cents-eur.journal.toml");
    let cases: [(&str, usize); 2] = [("styles-xof.toml", 0), ("cents-eur.toml", 2)];
    for (plan, decimals) in cases {
        for by in ["axis", "action", "source", "responsible", "quarter"] {
            for as_of in ["2024-06-30", "2024-12-31"] {
                let what = format!("{plan} --by {by} --as-of {as_of}");
                let base = [
                    "summary",
                    plan,
                    "--by",
                    by,
                    "--as-of",
                    as_of,
                    "--lang",
                    "fr",
                    "--precision",
                    "2",
                ];
                let json = {
                    let mut a = base.to_vec();
                    a.extend(["--format", "json"]);
                    env.run(&a).json()
                };
                let csv = {
                    let mut a = base.to_vec();
                    a.extend(["--format", "csv"]);
                    parse_csv(&env.run(&a).stdout)
                };
                let md = {
                    let mut a = base.to_vec();
                    a.extend(["--format", "markdown"]);
                    env.run(&a).stdout
                };
                let groups = json["groups"].as_array().unwrap();
                let header = &csv[0];
                assert_eq!(
                    csv.len(),
                    groups.len() + 2,
                    "{what}: one CSV row per group + plan"
                );
                let col = |name: &str| {
                    header
                        .iter()
                        .position(|h| h == name)
                        .unwrap_or_else(|| panic!("{what}: no CSV column {name}"))
                };
                let objs = std::iter::once((&json, "plan")).chain(groups.iter().map(|g| (g, by)));
                for ((obj, kind), row) in objs.zip(&csv[1..]) {
                    assert_eq!(row.len(), header.len(), "{what}: {row:?}");
                    assert_eq!(row[col("by")], kind, "{what}");
                    if kind != "plan" {
                        assert_eq!(row[col("id")], obj["id"].as_str().unwrap(), "{what}");
                        assert_eq!(row[col("title")], obj["title"].as_str().unwrap(), "{what}");
                    }
                    for k in ["activities", "cancelled", "done"] {
                        assert_eq!(row[col(k)], obj[k].to_string(), "{what}: {k}");
                    }
                    for k in [
                        "budget",
                        "cancelled_budget",
                        "spent",
                        "committed",
                        "balance",
                        "secured",
                        "pledged",
                        "unfunded",
                    ] {
                        assert_eq!(row[col(k)], obj[k].as_str().unwrap(), "{what}: {k}");
                    }
                    for k in RATE_KEYS {
                        let cell = &row[col(k)];
                        match obj["rates"][k].as_f64() {
                            None => assert_eq!(cell, "", "{what}: {k}"),
                            Some(x) => assert_eq!(
                                cell.parse::<f64>().ok(),
                                Some(x),
                                "{what}: {k} `{cell}`"
                            ),
                        }
                    }
                }

                // Markdown: the headline, then one row per group and the total.
                assert!(
                    md.starts_with(&format!("**{}**", json["headline"].as_str().unwrap())),
                    "{what}:\n{md}"
                );
                let md_rows: Vec<Vec<String>> = md
                    .lines()
                    .filter(|l| l.starts_with("| ") && !l.contains("Intitulé"))
                    .map(|l| {
                        l.trim_matches('|')
                            .split(" | ")
                            .map(|c| c.trim().to_string())
                            .collect()
                    })
                    .collect();
                assert_eq!(md_rows.len(), groups.len() + 1, "{what}:\n{md}");
                let objs = groups
                    .iter()
                    .map(|g| (g, g["id"].as_str().unwrap().to_string()))
                    .chain(std::iter::once((&json, "TOTAL".to_string())));
                for ((obj, code), cells) in objs.zip(&md_rows) {
                    let mut want = vec![
                        code,
                        obj.get("title")
                            .and_then(Value::as_str)
                            .filter(|_| obj.get("by").is_some())
                            .unwrap_or("")
                            .to_string(),
                        obj["activities"].to_string(),
                        fr_amount(obj["budget"].as_str().unwrap(), decimals),
                        fr_amount(obj["spent"].as_str().unwrap(), decimals),
                    ];
                    want.extend(RATE_KEYS.iter().map(|k| fr_rate(&obj["rates"][k])));
                    assert_eq!(cells, &want, "{what}:\n{md}");
                }
            }
        }
    }
}

/// Text from the plan never reaches a CSV cell as a formula (`=`, `+`, `-`,
/// `@` are prefixed with `'`), and never breaks a Markdown table.
#[test]
fn csv_and_markdown_cells_are_inert() {
    let env = Env::new();
    env.write(
        "p.toml",
        r#"[plan]
title = "=HYPERLINK(""http://x"", ""clic"")"
year = 2024

[[source]]
id = "ETAT"
name = "@SUM(A1:A9)"

[[axis]]
id = "A"
title = "+33 6 00 00 00"

[[action]]
id = "A.1"
axis = "A"
title = "-moins | barre"

[[activity]]
id = "a"
action = "A.1"
title = "x"
responsible = "=1+1"
budget = [{ source = "ETAT", amount = 100 }]
"#
        .replace("\"\"", "\\\""),
    );
    for (by, title) in [
        ("axis", "'+33 6 00 00 00"),
        ("action", "'-moins | barre"),
        ("source", "'@SUM(A1:A9)"),
        ("responsible", "'=1+1"),
    ] {
        let run = env.run(&["summary", "p.toml", "--format", "csv", "--by", by]);
        assert_eq!(run.code, 0, "{run:?}");
        let rows = parse_csv(&run.stdout);
        assert_eq!(rows[1][2], "'=HYPERLINK(\"http://x\", \"clic\")", "{by}");
        assert_eq!(rows[2][2], title, "{by}");
        for row in &rows {
            for cell in row {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{by}: {cell}");
            }
        }
    }
    let run = env.run(&[
        "summary", "p.toml", "--format", "markdown", "--by", "action",
    ]);
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("| A.1 "))
        .unwrap();
    assert!(row.contains("-moins \\| barre"), "{row}");
    assert_eq!(row.matches(" | ").count(), 9, "{row}");
}

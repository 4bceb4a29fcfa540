//! The narrative paragraph after the `summary` table (SPEC §6b), in French
//! and English: figures checked by hand on `tests/data/workshop/atelier.toml`
//! (with a cancelled activity) and on a plan with a zero budget.
//!
//! atelier, as of 30/09/2024: physical (40 + 100 + 0 + 30) / 4 = 42.5 → 43 %
//! (A2.1.2 is cancelled); financial 6 000 000 / (32 000 000 − 3 000 000)
//! = 20.69 → 21 %; A1 (40 + 100) / 2 = 70 %, A2 (0 + 30) / 2 = 15 %; to be
//! found 4 000 000 + 2 000 000 = 6 000 000, 21 % of 29 000 000; late: A1.1.1,
//! A2.1.1, A2.1.3.

use crate::support::Env;

/// The last line of `summary`'s table output.
fn paragraph(env: &Env, args: &[&str]) -> String {
    let r = env.run(args);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[lines.len() - 2], "", "{}", r.stdout);
    lines[lines.len() - 1].to_string()
}

#[test]
fn with_a_cancelled_activity_in_both_languages() {
    let e = Env::new();
    e.fixture("workshop/atelier.toml");
    e.fixture("workshop/atelier.progress.toml");
    assert_eq!(
        paragraph(&e, &["summary", "workshop/atelier.toml"]),
        "Au 30/09/2024, le taux d'exécution physique est de 43 % et le taux d'exécution financière de 21 %. \
         L'axe A1 (Prévention) a le taux d'exécution physique le plus élevé (70 %), l'axe A2 (Protection des victimes) le plus bas (15 %). \
         Le financement à rechercher s'élève à 6 000 000 FCFA, soit 21 % du budget. \
         3 activités sont en retard sur le chronogramme. \
         1 activité a été abandonnée : elle sort des taux d'exécution physique et de réalisation, \
         et 3 000 000 FCFA de budget sans aucune dépense ni engagement sont mis à part."
    );
    // The same paragraph whatever the grouping of the table.
    assert_eq!(
        paragraph(
            &e,
            &[
                "summary",
                "workshop/atelier.toml",
                "--lang",
                "en",
                "--by",
                "source"
            ]
        ),
        "As of 2024-09-30, the physical execution rate is 43% and the financial execution rate 21%. \
         Axis A1 (Prévention) has the highest physical execution rate (70%), axis A2 (Protection des victimes) the lowest (15%). \
         Funding still to be found amounts to 6,000,000 FCFA, 21% of the budget. \
         3 activities are behind schedule. \
         1 activity was cancelled: it leaves the physical execution and completion rates, \
         and 3,000,000 FCFA of budget with nothing spent or committed is set apart."
    );
    // Earlier: on 29/06 only A1.1.1 is late, nothing is spent but A1.1.2's
    // 2 000 000 (6.90 %), A1 at (0 + 100) / 2 = 50 %, A2 at (0 + 25) / 2.
    assert_eq!(
        paragraph(
            &e,
            &[
                "summary",
                "workshop/atelier.toml",
                "--as-of",
                "2024-06-29",
                "--precision",
                "1"
            ]
        ),
        "Au 29/06/2024, le taux d'exécution physique est de 31,3 % et le taux d'exécution financière de 6,9 %. \
         L'axe A1 (Prévention) a le taux d'exécution physique le plus élevé (50,0 %), l'axe A2 (Protection des victimes) le plus bas (12,5 %). \
         Le financement à rechercher s'élève à 6 000 000 FCFA, soit 20,7 % du budget. \
         1 activité est en retard sur le chronogramme. \
         1 activité a été abandonnée : elle sort des taux d'exécution physique et de réalisation, \
         et 3 000 000 FCFA de budget sans aucune dépense ni engagement sont mis à part."
    );
    // Not in the machine formats.
    let j = e.run(&["summary", "workshop/atelier.toml", "--format", "csv"]);
    assert!(!j.stdout.contains("chronogramme"), "{}", j.stdout);
}

const ZERO: &str = r#"
[plan]
title = "Plan sans budget"
year = 2024
currency = "XOF"

[[source]]
id = "ETAT"
name = "État"
status = "secured"

[[axis]]
id = "A1"
title = "Gouvernance"

[[action]]
id = "A1.1"
axis = "A1"
title = "Coordonner"

[[activity]]
id = "A1.1.1"
action = "A1.1"
title = "Réunions du comité"
quarters = [1, 2]
budget = [{ source = "ETAT", amount = 0 }]

[[activity]]
id = "A1.1.2"
action = "A1.1"
title = "Rapport annuel"
quarters = [1]
budget = [{ source = "ETAT", amount = 0 }]
"#;

const ZERO_LOG: &str = r#"
[[record]]
activity = "A1.1.1"
date = 2024-06-30
status = "done"
"#;

#[test]
fn with_a_zero_budget() {
    let e = Env::new();
    e.write("zero.toml", ZERO);
    // No record: no date, nothing late, rates of plain zeros.
    assert_eq!(
        paragraph(&e, &["summary", "zero.toml"]),
        "Sans enregistrement de suivi, le taux d'exécution physique est de 0 % et le taux d'exécution financière de — (budget nul). \
         Aucune activité n'est en retard sur le chronogramme."
    );
    e.write("zero.progress.toml", ZERO_LOG);
    // (100 + 0) / 2; one axis only: no comparison; no budget: no gap
    // sentence; A1.1.2 planned in T1 at 0 % on 30/06: late.
    assert_eq!(
        paragraph(&e, &["summary", "zero.toml"]),
        "Au 30/06/2024, le taux d'exécution physique est de 50 % et le taux d'exécution financière de — (budget nul). \
         1 activité est en retard sur le chronogramme."
    );
    assert_eq!(
        paragraph(&e, &["summary", "zero.toml", "--lang", "en"]),
        "As of 2024-06-30, the physical execution rate is 50% and the financial execution rate — (zero budget). \
         1 activity is behind schedule."
    );
}

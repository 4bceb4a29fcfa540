//! `ptba convert`: plan TOML → plan workbook (docs/workbook-layout.md) and
//! plan → TOML, losing nothing.

mod xlsx_util;

use calamine::Data;
use xlsx_util::*;

const BYS: [&str; 5] = ["axis", "action", "source", "responsible", "quarter"];
const AS_OF: [Option<&str>; 5] = [
    None,
    Some("2025-01-31"),
    Some("2025-04-30"),
    Some("2025-06-30"),
    Some("2025-12-31"),
];

fn full() -> Env {
    let env = Env::new();
    env.copy("convert/full.toml", "full.toml");
    env.copy("convert/full-journal.toml", "full-journal.toml");
    env
}

/// `summary --format json` of a plan, for every grouping and as-of date
/// (and every weighting), without the plan paths.
fn summaries(env: &Env, plan: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for by in BYS {
        for as_of in AS_OF {
            let mut args = vec!["summary", plan, "--format", "json", "--by", by];
            if let Some(d) = as_of {
                args.extend(["--as-of", d]);
            }
            out.push(without_paths(env.json(&args)));
        }
    }
    for w in ["activities", "budget", "weight"] {
        out.push(without_paths(env.json(&[
            "summary",
            plan,
            "--format",
            "json",
            "--weighting",
            w,
        ])));
    }
    out
}

#[test]
fn toml_to_toml_keeps_every_figure() {
    let env = full();
    std::fs::create_dir(env.path("out")).unwrap();
    let msg = env.ok(&["convert", "full.toml", "-o", "out/copy.toml"]);
    assert!(msg.contains("out/copy.toml"), "{msg}");
    // The plan names its log: the log goes where the new plan looks for it.
    assert!(env.path("out/full-journal.toml").exists());
    let check = env.ok(&["check", "out/copy.toml"]);
    assert!(
        check.contains("valide (0 erreur, 0 avertissement)"),
        "{check}"
    );
    assert_eq!(
        summaries(&env, "full.toml"),
        summaries(&env, "out/copy.toml")
    );

    // Readable: one table per line of the framework, every field spelled out.
    let text = std::fs::read_to_string(env.path("out/copy.toml")).unwrap();
    for piece in [
        "[plan]",
        "currency = \"EUR\"",
        "weighting = \"weight\"",
        "budget_total = 189_475.75",
        "[[axis.indicator]]",
        "[[action.indicator]]",
        "[[activity.indicator]]",
        "partners = [\"UNICEF\", \"Plan International\", \"ONG « Avenir », Mopti\"]",
        "quarters = [4, 1]",
        "start = 2025-01-15",
        "weight = 2.5",
        "{ source = \"UE\", quantity = 1_250, unit_cost = 45.5, category = \"Fournitures\" }",
        "{ source = \"AFD\", amount = 30_000, quantity = 3, unit_cost = 10_000 }",
        "title = '=HYPERLINK(\"http://x\",\"y\")'",
        "baseline = 61.5",
        "target = -2.5",
    ] {
        assert!(text.contains(piece), "{piece} missing from:\n{text}");
    }
    let log = std::fs::read_to_string(env.path("out/full-journal.toml")).unwrap();
    assert_eq!(log.matches("\n[[record]]\n").count(), 7);
    assert!(log.contains("spent = 15_000.05"), "{log}");

    // Converting the copy again gives the same text: nothing drifts.
    std::fs::create_dir(env.path("again")).unwrap();
    env.ok(&["convert", "out/copy.toml", "-o", "again/copy.toml"]);
    assert_eq!(
        std::fs::read_to_string(env.path("again/copy.toml")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read_to_string(env.path("again/full-journal.toml")).unwrap(),
        log
    );
}

#[test]
fn toml_to_toml_report_fixture() {
    let env = Env::new();
    env.copy("report/plan.toml", "plan.toml");
    env.copy("report/plan.progress.toml", "plan.progress.toml");
    env.ok(&["convert", "plan.toml", "-o", "copie.toml"]);
    // Without `progress` in the plan, the log is <stem>.progress.toml.
    assert!(env.path("copie.progress.toml").exists());
    let a = summaries(&env, "plan.toml");
    let b = summaries(&env, "copie.toml");
    assert_eq!(a, b);
}

#[test]
fn refuses_to_overwrite_without_force() {
    let env = full();
    std::fs::create_dir(env.path("out")).unwrap();
    let plan = env.write("out/copy.toml", "ancien plan");
    let r = env.run(&["convert", "full.toml", "-o", "out/copy.toml"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "ancien plan");
    assert!(
        !env.path("out/full-journal.toml").exists(),
        "nothing written"
    );

    // The log alone existing is enough to refuse.
    std::fs::remove_file(&plan).unwrap();
    let log = env.write("out/full-journal.toml", "ancien journal");
    let r = env.run(&["convert", "full.toml", "-o", "out/copy.toml"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(!plan.exists());
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "ancien journal");

    env.ok(&["convert", "full.toml", "-o", "out/copy.toml", "--force"]);
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("[[record]]")
    );

    // Same for a workbook.
    let x = env.write("plan.xlsx", "old");
    assert_eq!(
        env.run(&["convert", "full.toml", "-o", "plan.xlsx"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(std::fs::read_to_string(&x).unwrap(), "old");
    env.ok(&["convert", "full.toml", "-o", "plan.xlsx", "--force"]);
    assert!(Book::open(&x).names().contains(&"Plan".to_string()));
}

#[test]
fn invalid_plans_and_bad_outputs() {
    let env = Env::new();
    env.write(
        "bad.toml",
        "[plan]\ntitle = \"x\"\nyear = 2024\nbugdet = 3\n",
    );
    let r = env.run(&["convert", "bad.toml", "-o", "out.xlsx"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("bugdet"));
    assert!(!env.path("out.xlsx").exists());
    let r = env.run(&["convert", "bad.toml", "-o", "out.toml"]);
    assert_eq!(r.status.code(), Some(1));
    assert!(!env.path("out.toml").exists());
    assert!(!env.path("out.progress.toml").exists());

    let env = full();
    for out in ["plan.csv", "plan", "missing-dir/plan.xlsx"] {
        let r = env.run(&["convert", "full.toml", "-o", out]);
        assert_eq!(r.status.code(), Some(2), "{out}");
    }
    assert_eq!(
        env.run(&["convert", "absent.toml", "-o", "x.xlsx"])
            .status
            .code(),
        Some(2)
    );
    // Not over its own input without --force.
    let before = std::fs::read(env.path("full.toml")).unwrap();
    let r = env.run(&["convert", "full.toml", "-o", "full.toml"]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read(env.path("full.toml")).unwrap(), before);
}

fn sheet_header(r: &calamine::Range<Data>) -> Vec<String> {
    let width = r.end().map_or(0, |e| e.1 + 1);
    (0..width).map(|c| text(r, 0, c)).collect()
}

#[test]
fn plan_workbook_layout() {
    let env = full();
    let msg = env.ok(&["convert", "full.toml", "-o", "plan.xlsx"]);
    assert!(
        msg.contains("4 activités, 7 enregistrements de suivi"),
        "{msg}"
    );
    let mut book = Book::open(&env.path("plan.xlsx"));
    assert_eq!(
        book.names(),
        [
            "Plan",
            "Sources",
            "Axes",
            "Actions",
            "Activités",
            "Budget",
            "Indicateurs",
            "Suivi"
        ]
    );

    let p = book.values("Plan");
    assert_eq!(sheet_header(&p), ["Clé", "Valeur"]);
    let keys: Vec<String> = (1..p.height() as u32).map(|r| text(&p, r, 0)).collect();
    assert_eq!(
        keys,
        [
            "title",
            "organization",
            "year",
            "currency",
            "lang",
            "progress",
            "budget_total",
            "weighting"
        ]
    );
    assert_eq!(text(&p, 1, 1), "Programme conjoint 2025 — « Égalité » 🌍");
    assert_eq!(num(&p, 3, 1), 2025.0);
    assert_eq!(num(&p, 7, 1), 189475.75);
    assert_eq!(text(&p, 8, 1), "weight");

    let s = book.values("Sources");
    assert_eq!(sheet_header(&s), ["Code", "Nom", "Statut"]);
    assert_eq!(text(&s, 2, 0), "AFD");
    assert_eq!(text(&s, 2, 2), "promis");
    assert_eq!(text(&s, 3, 2), "à rechercher");
    assert_eq!(text(&s, 4, 0), "ÉTAT");

    let ax = book.values("Axes");
    assert_eq!(text(&ax, 1, 1), "=HYPERLINK(\"http://x\",\"y\")");
    let ac = book.values("Actions");
    assert_eq!(sheet_header(&ac), ["Code", "Axe", "Intitulé"]);
    assert_eq!(text(&ac, 2, 2), "@Coordination interministérielle");

    let a = book.values("Activités");
    assert_eq!(
        sheet_header(&a),
        [
            "Code axe",
            "Axe",
            "Code action",
            "Action",
            "Code",
            "Activité",
            "Responsable",
            "Partenaires",
            "T1",
            "T2",
            "T3",
            "T4",
            "Début",
            "Fin",
            "Pondération",
            "UE",
            "AFD",
            "GAP",
            "ÉTAT"
        ]
    );
    assert_eq!(text(&a, 1, 0), "AX-1");
    assert_eq!(text(&a, 1, 1), "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(text(&a, 1, 3), "+Renforcer les écoles");
    assert_eq!(text(&a, 1, 4), "1.1.1");
    assert_eq!(
        text(&a, 1, 5),
        "-Kits scolaires pour les filles\navec retour à la ligne"
    );
    assert_eq!(
        text(&a, 1, 7),
        "UNICEF; Plan International; ONG « Avenir », Mopti"
    );
    assert_eq!(
        (8..12).map(|c| text(&a, 1, c)).collect::<Vec<_>>(),
        ["x", "x", "x", ""]
    );
    match get(&a, 1, 12) {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 45672.0, "2025-01-15"),
        other => panic!("start date: {other:?}"),
    }
    assert_eq!(num(&a, 1, 14), 2.5);
    assert_eq!(num(&a, 1, 15), 1250.0 * 45.5 + 12000.25);
    assert_eq!(num(&a, 1, 16), 30000.0);
    assert_eq!(num(&a, 1, 17), 0.5);
    assert_eq!(get(&a, 1, 18), Data::Empty);
    // 2.1.1: quarters [4, 1], a zero line from ÉTAT is still a line.
    assert_eq!(
        (8..12).map(|c| text(&a, 3, c)).collect::<Vec<_>>(),
        ["x", "", "", "x"]
    );
    assert_eq!(num(&a, 3, 18), 0.0);
    assert_eq!(get(&a, 4, 14), Data::Empty, "no weight: blank");

    let b = book.values("Budget");
    assert_eq!(
        sheet_header(&b),
        [
            "Activité",
            "Source",
            "Montant",
            "Quantité",
            "Coût unitaire",
            "Catégorie"
        ]
    );
    assert_eq!(b.height(), 8, "header + 7 lines");
    assert_eq!(get(&b, 1, 2), Data::Empty, "quantity × unit cost only");
    assert_eq!(num(&b, 1, 3), 1250.0);
    assert_eq!(num(&b, 1, 4), 45.5);
    assert_eq!(text(&b, 1, 5), "Fournitures");
    assert_eq!(num(&b, 3, 2), 30000.0);
    assert_eq!(num(&b, 3, 3), 3.0);

    let i = book.values("Indicateurs");
    assert_eq!(
        sheet_header(&i),
        [
            "Niveau",
            "Code",
            "Indicateur",
            "Unité",
            "Référence",
            "Cible"
        ]
    );
    let levels: Vec<String> = (1..i.height() as u32).map(|r| text(&i, r, 0)).collect();
    assert_eq!(levels, ["axe", "axe", "action", "activité", "activité"]);
    assert_eq!(num(&i, 1, 4), 61.5);
    assert_eq!(get(&i, 5, 4), Data::Empty);
    assert_eq!(num(&i, 5, 5), -2.5);

    let l = book.values("Suivi");
    assert_eq!(
        sheet_header(&l),
        [
            "Activité",
            "Date",
            "Statut",
            "Avancement",
            "Engagé",
            "Décaissé",
            "Source",
            "Indicateurs",
            "Note"
        ]
    );
    assert_eq!(l.height(), 8);
    assert_eq!(text(&l, 1, 2), "en cours");
    assert_eq!(num(&l, 1, 3), 12.5);
    assert_eq!(num(&l, 1, 4), 40000.1);
    assert_eq!(num(&l, 1, 5), 15000.05);
    assert_eq!(
        text(&l, 1, 7),
        "\"Kits distribués\" = 300, \"Écoles équipées\" = 4, \"Taux de scolarisation des filles\" = 63.2"
    );
    assert_eq!(text(&l, 1, 8), "=HYPERLINK(\"http://evil\",\"clic\")");
    assert_eq!(text(&l, 3, 2), "réalisée");
    assert_eq!(text(&l, 4, 2), "reportée");
    assert_eq!(text(&l, 5, 2), "abandonnée");

    // Nothing is a formula.
    for sheet in book.names() {
        let f = book.formulas(&sheet);
        assert!(f.used_cells().all(|(_, _, x)| x.is_empty()), "{sheet}");
    }

    // Bold frozen headers, dropdowns on statuses and sources.
    let st = book.styles("Activités");
    assert!(st.get((0, 0)).unwrap().font.as_ref().unwrap().is_bold());
    for n in 1..=8 {
        let xml = book.part(&format!("xl/worksheets/sheet{n}.xml")).unwrap();
        assert!(xml.contains("state=\"frozen\""), "sheet{n} frozen");
    }
    let sources = book.part("xl/worksheets/sheet2.xml").unwrap();
    assert!(
        sources.contains("<formula1>\"acquis,promis,à rechercher\"</formula1>"),
        "{sources}"
    );
    let budget = book.part("xl/worksheets/sheet6.xml").unwrap();
    assert!(
        budget.contains("<formula1>'Sources'!$A$2:$A$5</formula1>"),
        "{budget}"
    );
    let log = book.part("xl/worksheets/sheet8.xml").unwrap();
    assert!(
        log.contains("prévue,en cours,réalisée,reportée,abandonnée"),
        "{log}"
    );
    assert!(log.contains("<formula1>'Sources'!$A$2:$A$5</formula1>"));
}

#[test]
fn plan_workbook_in_english_and_reproducible() {
    let env = full();
    env.ok(&["--lang", "en", "convert", "full.toml", "-o", "a.xlsx"]);
    env.ok(&["--lang", "en", "convert", "full.toml", "-o", "b.xlsx"]);
    assert!(
        std::fs::read(env.path("a.xlsx")).unwrap() == std::fs::read(env.path("b.xlsx")).unwrap()
    );
    let mut book = Book::open(&env.path("a.xlsx"));
    assert_eq!(
        book.names(),
        [
            "Plan",
            "Sources",
            "Axes",
            "Actions",
            "Activities",
            "Budget lines",
            "Indicators",
            "Progress"
        ]
    );
    let s = book.values("Sources");
    assert_eq!(sheet_header(&s), ["Code", "Name", "Status"]);
    assert_eq!(text(&s, 1, 2), "secured");
    let l = book.values("Progress");
    assert_eq!(text(&l, 3, 2), "done");
    let core = zip_part(&env.path("a.xlsx"), "docProps/core.xml").unwrap();
    assert!(core.contains("2025-10-15T00:00:00Z"), "{core}");
}

#[test]
fn amounts_a_double_cannot_hold_are_written_as_exact_text() {
    let env = Env::new();
    env.write(
        "p.toml",
        r#"[plan]
title = "Gros montants"
year = 2024
currency = "XOF"

[[source]]
id = "S"
name = "S"

[[axis]]
id = "A"
title = "A"

[[action]]
id = "A.1"
axis = "A"
title = "A.1"

[[activity]]
id = "a"
action = "A.1"
title = "a"
budget = [{ source = "S", amount = 123_456_789_012_345_678 }]
"#,
    );
    env.ok(&["convert", "p.toml", "-o", "p.xlsx"]);
    let mut book = Book::open(&env.path("p.xlsx"));
    let b = book.values("Budget");
    assert_eq!(get(&b, 1, 2), Data::String("123456789012345678".into()));
    env.ok(&["convert", "p.toml", "-o", "q.toml"]);
    let text = std::fs::read_to_string(env.path("q.toml")).unwrap();
    assert!(text.contains("amount = 123_456_789_012_345_678"), "{text}");
}

#[test]
fn toml_to_toml_example_plan() {
    let env = Env::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    for f in ["exemple-2024.toml", "exemple-2024.progress.toml"] {
        std::fs::copy(dir.join(f), env.path(f)).unwrap();
    }
    env.ok(&["convert", "exemple-2024.toml", "-o", "copie.toml"]);
    let check = env.ok(&["check", "copie.toml"]);
    assert!(check.contains("valide"), "{check}");
    let mut a = Vec::new();
    let mut b = Vec::new();
    for by in BYS {
        for as_of in [
            None,
            Some("2024-03-31"),
            Some("2024-06-30"),
            Some("2024-09-30"),
        ] {
            for (plan, out) in [("exemple-2024.toml", &mut a), ("copie.toml", &mut b)] {
                let mut args = vec!["summary", plan, "--format", "json", "--by", by];
                if let Some(d) = as_of {
                    args.extend(["--as-of", d]);
                }
                out.push(without_paths(env.json(&args)));
            }
        }
    }
    assert_eq!(a, b);
}

//! The other families of real workbooks (SPEC §7, round 2): the fixtures of
//! tests/data/families (made by tests/data/make_families.py, saved by
//! LibreOffice) read with no flag, exact to the unit; the near-misses of
//! tests/data/families/bad are refused with the reason; `initial` on a
//! budget line survives TOML → workbook → TOML.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::ptba;

fn data(name: &str) -> PathBuf {
    crate::support::data("families").join(name)
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn initial_amount_survives_the_plan_workbook_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/exemple-2024.toml"),
    )
    .unwrap();
    let line = "{ source = \"ETAT\", amount = 18_000_000, category = \"Biens et services\" }";
    assert!(base.contains(line));
    let revised = base.replacen(
        line,
        "{ source = \"ETAT\", amount = 18_000_000, category = \"Biens et services\", initial = 15_000_000 }",
        1,
    );
    let plan = dir.path().join("revise.toml");
    std::fs::write(&plan, &revised).unwrap();
    let (code, out, err) = ptba(&["check", plan.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let xlsx = dir.path().join("revise.xlsx");
    let back = dir.path().join("back.toml");
    assert_eq!(
        ptba(&[
            "convert",
            plan.to_str().unwrap(),
            "-o",
            xlsx.to_str().unwrap()
        ])
        .0,
        0
    );
    let (code, _, err) = ptba(&[
        "convert",
        xlsx.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&back).unwrap();
    assert_eq!(text.matches("initial = ").count(), 1, "{text}");
    assert!(text.contains(
        "{ source = \"ETAT\", amount = 18_000_000, category = \"Biens et services\", initial = 15_000_000 }"
    ));
    // A negative or inexact initial amount is an error.
    for (bad, why) in [("-5", "E011"), ("\"15000000.5\"", "E012")] {
        let p = dir.path().join("bad.toml");
        std::fs::write(
            &p,
            revised.replace("initial = 15_000_000", &format!("initial = {bad}")),
        )
        .unwrap();
        let (code, out, err) = ptba(&["check", p.to_str().unwrap()]);
        assert_eq!(code, 1, "{bad}: {out}{err}");
        assert!(format!("{out}{err}").contains(why), "{bad}: {out}{err}");
    }
}

/// Reads one family in its three formats with no flag: counts, budget,
/// budget by source and by axis, and each activity's quarters (through the
/// TOML plan `convert` writes), exact to the unit.
fn family(name: &str) {
    let all: Value =
        serde_json::from_str(&std::fs::read_to_string(data("expected.json")).unwrap()).unwrap();
    let exp = &all[name];
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xlsx", "xls", "ods"] {
        let file = data(&format!("{name}.{ext}"));
        let f = file.to_str().unwrap();
        let label = format!("{name}.{ext}");
        let by = |group: &str| -> Value {
            let (code, out, err) = ptba(&["summary", f, "--by", group, "--format", "json"]);
            assert_eq!(code, 0, "{label}: {err}");
            serde_json::from_str(&out).unwrap()
        };
        let s = by("axis");
        for key in ["axes", "actions", "activities"] {
            assert_eq!(s[key], exp[key], "{label}: {key}");
        }
        assert_eq!(s["currency"], exp["currency"], "{label}");
        assert_eq!(dec(&s["budget"]), dec(&exp["budget"]), "{label}: budget");
        let groups = |s: &Value| -> Vec<(String, Decimal)> {
            let mut g: Vec<(String, Decimal)> = s["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| (g["id"].as_str().unwrap().to_string(), dec(&g["budget"])))
                .collect();
            g.sort();
            g
        };
        let want = |key: &str| -> Vec<(String, Decimal)> {
            let mut w: Vec<(String, Decimal)> = exp[key]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), dec(v)))
                .collect();
            w.sort();
            w
        };
        assert_eq!(groups(&s), want("by_axis"), "{label}: by axis");
        assert_eq!(
            groups(&by("source")),
            want("by_source"),
            "{label}: by source"
        );
        // Quarters, activity by activity, and the initial budget.
        let toml_path = dir.path().join(format!("{name}-{ext}.toml"));
        let (code, out, err) = ptba(&["convert", f, "-o", toml_path.to_str().unwrap()]);
        assert_eq!(code, 0, "{label}: {out}{err}");
        let plan: toml::Value =
            toml::from_str(&std::fs::read_to_string(&toml_path).unwrap()).unwrap();
        let mut initial = Decimal::ZERO;
        for a in plan["activity"].as_array().unwrap() {
            let id = a["id"].as_str().unwrap();
            let q: Vec<i64> = a
                .get("quarters")
                .and_then(|q| q.as_array())
                .map(|q| q.iter().map(|x| x.as_integer().unwrap()).collect())
                .unwrap_or_default();
            let want: Vec<i64> = exp["quarters"][id]
                .as_array()
                .unwrap_or_else(|| panic!("{label}: unexpected activity {id}"))
                .iter()
                .map(|x| x.as_i64().unwrap())
                .collect();
            assert_eq!(q, want, "{label}: quarters of {id}");
            for l in a["budget"].as_array().unwrap() {
                if let Some(i) = l.get("initial") {
                    initial += match i {
                        toml::Value::Integer(n) => Decimal::from(*n),
                        other => other.to_string().trim_matches('"').parse().unwrap(),
                    };
                }
            }
        }
        match exp.get("initial") {
            Some(i) => assert_eq!(initial, dec(i), "{label}: initial budget"),
            None => assert_eq!(initial, Decimal::ZERO, "{label}: initial budget"),
        }
    }
}

#[test]
fn donor_project_unit_composantes_monthly_thousands_in_title() {
    family("projet");
}

#[test]
fn english_awpb_components_funders_without_group() {
    family("awpb");
}

#[test]
fn resultats_produits_english_month_abbreviations_000_fcfa() {
    family("resultats");
}

#[test]
fn revised_ptba_os_banners_dotted_codes_hidden_row_and_column_two_budgets() {
    family("revise");
    // What was skipped, and the unit, are said.
    for ext in ["xlsx", "xls", "ods"] {
        let f = data(&format!("revise.{ext}"));
        let (code, out, err) = ptba(&["check", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{ext}: {out}{err}");
        assert!(
            out.contains("colonne(s) masquée(s) ignorée(s) : D « Montant »"),
            "{ext}: {out}"
        );
        assert!(
            out.contains("ligne(s) masquée(s) ignorée(s) : 14"),
            "{ext}: {out}"
        );
    }
    let f = data("projet.ods");
    let (_, out, _) = ptba(&["check", f.to_str().unwrap()]);
    assert!(
        out.contains("unité des montants : « (Montants en milliers de FCFA) » (ligne 4) ; les montants sont multipliés par 1 000"),
        "{out}"
    );
}

#[test]
fn ministry_one_sheet_per_programme_recap_cross_checked() {
    family("ministere");
    let f = data("ministere.xlsx");
    let (code, out, _) = ptba(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("plan lu sur 2 feuilles, une par axe : Programme 1, Programme 2"),
        "{out}"
    );
    assert!(
        out.contains(
            "feuille récapitulative « Récapitulatif » : 3 totaux comparés aux feuilles du plan"
        ),
        "{out}"
    );
}

/// Near-misses: each refused (exit 1), with the reason at the right cell
/// and the fix; none is ever called valid.
#[test]
fn near_misses_are_refused_with_the_reason() {
    let cases: &[(&str, &str, &str, &[&str])] = &[
        (
            "echelle-implicite",
            "E014",
            "PTBA 2025!F10",
            &[
                "quantité × coût unitaire = 50 × 400 000 = 20 000 000, mais le total est 20 000",
                "un facteur 1000 exactement",
                "scale = 1000",
            ],
        ),
        (
            "total-contredit",
            "E040",
            "PTBA 2025!F18",
            &[
                "« TOTAL GÉNÉRAL » (ligne 18) indique 157 400 000",
                "la somme calculée est 157 500 000 (écart -100 000)",
                "totals = \"warning\"",
            ],
        ),
        (
            "revise-total-contredit",
            "E040",
            "PTBA révisé!G5",
            &[
                "indique 52 000 000 dans la colonne « Budget révisé 2024 », la somme calculée est 53 000 000",
            ],
        ),
        (
            "recap-contredit",
            "E040",
            "Récapitulatif!B5",
            &[
                "la feuille récapitulative indique 26 200 000 pour « Programme 1 : Productions végétales » (ligne 5), les feuilles du plan donnent 26 500 000 (écart -300 000)",
            ],
        ),
        (
            "mots-de-niveau",
            "E041",
            "PTBA 2025!A6",
            &[
                "« Action de plaidoyer auprès des élus locaux » (ligne 6) : ligne de niveau (action) ou activité ?",
                "[levels] action = [\"Action\"]",
            ],
        ),
    ];
    for ((name, code, cell, says), ext) in cases
        .iter()
        .flat_map(|c| ["xlsx", "xls", "ods"].map(|e| (c, e)))
    {
        let f = data(&format!("bad/{name}.{ext}"));
        let name = format!("{name}.{ext}");
        let (exit, out, err) = ptba(&["check", f.to_str().unwrap(), "--format", "json"]);
        assert_eq!(exit, 1, "{name}: {out}{err}");
        let diags: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let d = diags
            .iter()
            .find(|d| d["code"] == *code && d["cell"].as_str().unwrap().ends_with(cell))
            .unwrap_or_else(|| panic!("{name}: no {code} at {cell}: {out}"));
        let (_, human, _) = ptba(&["check", f.to_str().unwrap()]);
        for s in *says {
            assert!(human.contains(s), "{name}: {s}\n{human}");
        }
        assert_eq!(d["severity"], "error", "{name}");
        let (exit, _, _) = ptba(&["summary", f.to_str().unwrap()]);
        assert_eq!(exit, 1, "{name}: summary must refuse");
    }
}

/// The fixes the errors give work: the mapping states the levels, or
/// confirms that the total is what is wrong.
#[test]
fn the_mapping_lines_the_errors_give_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.toml");
    // Level words that are activities: only "AXE" opens a section.
    std::fs::write(&m, "[levels]\naxis = [\"AXE\"]\naction = []\n").unwrap();
    let f = data("bad/mots-de-niveau.xlsx");
    let (code, out, err) = ptba(&[
        "summary",
        f.to_str().unwrap(),
        "--mapping",
        m.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["activities"], 3);
    assert_eq!(s["budget"], "6700000");
    // A wrong grand total, confirmed: a warning, and the rows' figures.
    std::fs::write(&m, "totals = \"warning\"\n").unwrap();
    let f = data("bad/total-contredit.xlsx");
    let (code, out, err) = ptba(&[
        "summary",
        f.to_str().unwrap(),
        "--mapping",
        m.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["budget"], "157500000");
    // An unknown value of totals, or a scale that is not a power of 1 000.
    for bad in ["totals = \"maybe\"\n", "scale = 500\n"] {
        std::fs::write(&m, bad).unwrap();
        let (code, out, _) = ptba(&[
            "check",
            f.to_str().unwrap(),
            "--mapping",
            m.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{bad}: {out}");
    }
}

/// No header anywhere: the error names the likeliest sheet (not the recap
/// that comes first) and lists every header found and recognised, whole.
#[test]
fn no_header_names_the_likeliest_sheet_and_lists_headers_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pta-2025.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let recap = wb.add_worksheet().set_name("Récapitulatif").unwrap();
    recap.write(0, 0, "Programme").unwrap();
    recap.write(0, 1, "Coût").unwrap();
    recap.write(1, 0, "Programme 1").unwrap();
    recap.write(1, 1, 12).unwrap();
    let ws = wb.add_worksheet().set_name("PTA 2025").unwrap();
    ws.write(0, 0, "PLAN DE TRAVAIL ANNUEL 2025").unwrap();
    let heads = [
        "N°",
        "Libellé de la tâche",
        "Structure responsable",
        "1er trim.",
        "2ème trim.",
        "3ème trim.",
        "4ème trim.",
        "Coût (en millions de FCFA)",
        "Source de financement",
        "Observations",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 1, "Former").unwrap();
    ws.write(3, 7, 2).unwrap();
    wb.save(&path).unwrap();
    let (code, out, _) = ptba(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("feuille PTA 2025 : aucune ligne d'en-tête reconnue"),
        "{out}"
    );
    assert!(out.contains("PTA 2025!A3"), "{out}");
    for h in heads {
        assert!(out.contains(&format!("« {h} »")), "{h}: {out}");
    }
    assert!(
        out.contains("« Source de financement » → source, « Observations » → ignore"),
        "{out}"
    );
    assert!(!out.contains("[…]"), "{out}");
}

/// `ptba inspect`: what was understood, and a mapping file that reads the
/// workbook the same way; written safely.
#[test]
fn inspect_says_what_was_understood_and_writes_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let f = data("revise.ods");
    let (code, out, err) = ptba(&["inspect", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    for want in [
        "Feuille « PTBA révisé » — en-tête ligne(s) 4",
        "A   Code               → id",
        "F   Budget 2024        → initial",
        "G   Budget révisé 2024 → amount",
        "E   Période            → period",
        "niveaux : axes : lignes de section (« OS 1 : Promouvoir les droits humains », ligne 7) ; actions : codes pointés des activités",
        "unité : ×1 : montants tels qu'écrits (aucune unité indiquée)",
        "lu : 2 axes, 4 actions, 5 activités ; budget 53 000 000 XOF (budget initial 50 000 000)",
        "ignoré : lignes masquées 14 ; colonnes masquées D",
        "deux budgets : « Budget révisé 2024 » est le budget, « Budget 2024 » est gardé comme budget initial",
    ] {
        assert!(out.contains(want), "{want}\n{out}");
    }
    let f = data("ministere.xls");
    let (code, out, _) = ptba(&["inspect", f.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    for want in [
        "Sheet \"Programme 1\" — header row(s) 5",
        "H   Coût (en millions de FCFA) → amount (×1,000,000)",
        "unit: each column's own header (above)",
        "read: 1 axis, 2 actions, 4 activities; budget 26,500,000 XOF",
        "Plan: 2 axes, 3 actions, 6 activities; budget 52,900,000 XOF",
    ] {
        assert!(out.contains(want), "{want}\n{out}");
    }
    // The mapping written reads the workbook to the same figures.
    let f = data("projet.xlsx");
    let m = dir.path().join("projet-mapping.toml");
    let (code, out, _) = ptba(&[
        "inspect",
        f.to_str().unwrap(),
        "--write-mapping",
        m.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(&m).unwrap();
    for want in [
        "sheet = \"PTBA 2025\"",
        "header_row = 7",
        "scale = 1000",
        "\"Composante / Sous-composante / Activités\" = \"title\"",
        "\"Gouvernement\" = \"source:ETAT\"",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    let (code, out, err) = ptba(&[
        "summary",
        f.to_str().unwrap(),
        "--mapping",
        m.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["budget"], "157500000");
    assert_eq!(s["activities"], 5);
    // Never overwritten without --force; never another extension; the file
    // is left as it was.
    std::fs::write(&m, "# mine\n").unwrap();
    let (code, _, err) = ptba(&[
        "inspect",
        f.to_str().unwrap(),
        "--write-mapping",
        m.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&m).unwrap(), "# mine\n");
    let (code, _, _) = ptba(&[
        "inspect",
        f.to_str().unwrap(),
        "--write-mapping",
        m.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&m)
            .unwrap()
            .contains("scale = 1000")
    );
    let bad = dir.path().join("mapping.xlsx");
    let (code, _, err) = ptba(&[
        "inspect",
        f.to_str().unwrap(),
        "--write-mapping",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(!bad.exists());
    // A near-miss: inspect says what it read and exits 1 with the reason.
    let f = data("bad/total-contredit.xlsx");
    let (code, out, _) = ptba(&["inspect", f.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("E040"), "{out}");
}

/// Rows numbered "1", "1.1", "1.1.1" with no level word: the codes that
/// other codes extend are the axes and actions (their amounts subtotals);
/// a fourth level of codes (tâches under activités) is refused.
#[test]
fn hierarchy_from_dotted_codes_alone_and_four_levels_refused() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rows: &[(&str, &str, Option<f64>)], name: &str| -> PathBuf {
        let path = dir.path().join(name);
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, "PTA 2025 de la Direction des études")
            .unwrap();
        for (c, h) in ["Code", "Intitulé", "Coût (FCFA)"].iter().enumerate() {
            ws.write(2, c as u16, *h).unwrap();
        }
        for (i, (code, title, amount)) in rows.iter().enumerate() {
            let r = 3 + i as u32;
            ws.write(r, 0, *code).unwrap();
            ws.write(r, 1, *title).unwrap();
            if let Some(a) = amount {
                ws.write(r, 2, *a).unwrap();
            }
        }
        wb.save(&path).unwrap();
        path
    };
    let three = write(
        &[
            ("1", "Qualité de l'enseignement", Some(9_000_000.0)),
            ("1.1", "Former les enseignants", Some(9_000_000.0)),
            ("1.1.1", "Sessions de formation", Some(6_000_000.0)),
            ("1.1.2", "Guides pédagogiques", Some(3_000_000.0)),
            ("2", "Pilotage", Some(2_500_000.0)),
            ("2.1", "Suivi", None),
            ("2.1.1", "Revue annuelle", Some(2_500_000.0)),
        ],
        "trois.xlsx",
    );
    let (code, out, err) = ptba(&["summary", three.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            s["axes"].clone(),
            s["actions"].clone(),
            s["activities"].clone()
        ),
        (2.into(), 2.into(), 3.into())
    );
    assert_eq!(s["budget"], "11500000");
    // A parent row whose amount disagrees is said (a subtotal: a warning).
    let wrong = write(
        &[
            ("1", "Qualité", Some(9_500_000.0)),
            ("1.1", "Former", None),
            ("1.1.1", "Sessions", Some(9_000_000.0)),
        ],
        "faux.xlsx",
    );
    let (code, out, _) = ptba(&["check", wrong.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("W111") && out.contains("9 500 000"), "{out}");
    let four = write(
        &[
            ("1", "Programme", None),
            ("1.1", "Action", None),
            ("1.1.1", "Activité", Some(5_000_000.0)),
            ("1.1.1.1", "Tâche a", Some(2_000_000.0)),
            ("1.1.1.2", "Tâche b", Some(3_000_000.0)),
        ],
        "quatre.xlsx",
    );
    let (code, out, _) = ptba(&["check", four.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "« 1.1.1 » (ligne 6) a des lignes en dessous (« 1.1.1.1 »…) : 4 niveaux de codes"
        ),
        "{out}"
    );
}

/// The mapping states the budget column and the period column.
#[test]
fn mapping_states_budget_and_period_columns() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(&m, "[columns]\n\"Budget 2024\" = \"amount\"\n").unwrap();
    let f = data("revise.xlsx");
    let (code, out, err) = ptba(&[
        "summary",
        f.to_str().unwrap(),
        "--mapping",
        m.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        s["budget"], "50000000",
        "the adopted budget, as the user chose"
    );
    // The period column set aside by the mapping: no quarters from it.
    std::fs::write(&m, "[columns]\n\"Période\" = \"ignore\"\n").unwrap();
    let (code, _, err) = ptba(&[
        "convert",
        f.to_str().unwrap(),
        "-o",
        dir.path().join("p.toml").to_str().unwrap(),
        "--mapping",
        m.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let plan = std::fs::read_to_string(dir.path().join("p.toml")).unwrap();
    assert!(!plan.contains("quarters = [2, 3]"), "{plan}");
    // In English, the refusal says why too.
    let f = data("bad/total-contredit.xlsx");
    let (code, out, _) = ptba(&["check", f.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("row \"TOTAL GÉNÉRAL\" (row 18) says 157,400,000 in column \"Coût total\", the computed sum is 157,500,000 (difference -100,000)"),
        "{out}"
    );
    assert!(out.contains("totals = \"warning\""), "{out}");
}

#[test]
fn ifad_summary_table_tags_revised_spent_initial_timing() {
    family("ifad");
    let f = data("ifad.xls");
    let (code, out, _) = ptba(&["inspect", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Budget / Spent (cumulative) → ignorée"),
        "{out}"
    );
    assert!(
        out.contains("Budget / Revised (USD)      → amount"),
        "{out}"
    );
    assert!(!out.contains("W111"), "{out}");
}

/// A hidden sheet (last year's plan kept out of sight) is not read, and said.
#[test]
fn hidden_sheets_are_skipped_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ptba.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, year, hidden, amount) in [
        ("PTBA 2024", 2024, false, 4_000_000),
        // (the first sheet cannot be hidden: it is the active one)
        ("PTBA 2023 (ancien)", 2023, true, 9_000_000),
    ] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        ws.write(0, 0, format!("PLAN DE TRAVAIL BUDGÉTISÉ ANNUEL {year}"))
            .unwrap();
        for (c, h) in [
            "Axe",
            "Action",
            "Code",
            "Activité",
            "Responsable",
            "T1",
            "Montant",
        ]
        .iter()
        .enumerate()
        {
            ws.write(2, c as u16, *h).unwrap();
        }
        ws.write(3, 0, "Axe 1 : Prévention").unwrap();
        ws.write(3, 1, "1.1 Sensibiliser").unwrap();
        ws.write(3, 2, "1.1.1").unwrap();
        ws.write(3, 3, "Campagnes").unwrap();
        ws.write(3, 4, "DGCOM").unwrap();
        ws.write(3, 5, "x").unwrap();
        ws.write(3, 6, amount).unwrap();
        if hidden {
            // Its header is recognised better: still not read.
            ws.write(2, 7, "Partenaires").unwrap();
            ws.write(2, 8, "T2").unwrap();
            ws.set_hidden(true);
        }
    }
    wb.save(&path).unwrap();
    let (code, out, err) = ptba(&["summary", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["budget"], "4000000");
    let (_, out, _) = ptba(&["check", path.to_str().unwrap()]);
    assert!(
        out.contains("feuille(s) masquée(s) ignorée(s) : PTBA 2023 (ancien)"),
        "{out}"
    );
}

/// "État" over "En cours" is a status, not the State's money: not read as
/// a funder, and said; "Government" over figures is one.
#[test]
fn a_funder_name_over_text_is_not_a_funder_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pta-2024.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "PTA 2024").unwrap();
    for (c, h) in ["Axe", "Activité", "Government", "État"].iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 0, "Axe 1 : Prévention").unwrap();
    ws.write(3, 1, "Former").unwrap();
    ws.write(3, 2, 1_500_000).unwrap();
    ws.write(3, 3, "En cours").unwrap();
    wb.save(&path).unwrap();
    let (code, out, err) = ptba(&[
        "summary",
        path.to_str().unwrap(),
        "--by",
        "source",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["budget"], "1500000");
    assert_eq!(s["groups"][0]["id"], "ETAT");
    let (_, out, _) = ptba(&["check", path.to_str().unwrap()]);
    assert!(
        out.contains("« État » nomme un financeur, mais la colonne contient du texte"),
        "{out}"
    );
}

/// "Budget 2024" and "Budget 2025", none revised: which one is the plan's
/// budget is not proven: refused, with the mapping lines; then read.
#[test]
fn two_budget_years_without_a_revised_one_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pta.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "PTA 2025").unwrap();
    for (c, h) in ["Axe", "Activité", "Budget 2024", "Budget 2025"]
        .iter()
        .enumerate()
    {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 0, "Axe 1 : Prévention").unwrap();
    ws.write(3, 1, "Former").unwrap();
    ws.write(3, 2, 1_000_000).unwrap();
    ws.write(3, 3, 1_200_000).unwrap();
    wb.save(&path).unwrap();
    let (code, out, _) = ptba(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("deux colonnes de budget, « Budget 2024 » et « Budget 2025 »"),
        "{out}"
    );
    let m = dir.path().join("m.toml");
    std::fs::write(
        &m,
        "[columns]\n\"Budget 2025\" = \"amount\"\n\"Budget 2024\" = \"initial\"\n",
    )
    .unwrap();
    let (code, out, err) = ptba(&[
        "summary",
        path.to_str().unwrap(),
        "--mapping",
        m.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["budget"], "1200000");
}

//! The plan workbook of docs/workbook-layout.md read back: the plan, its
//! budget lines, indicators and the records of its Suivi sheet; every
//! problem at its cell.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::ptba_in as ptba;

fn rows(wb: &mut Workbook, name: &str, rows: &[&[&str]]) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            // Numbers as numbers, the rest as text, as the writer does.
            match v.parse::<f64>() {
                Ok(n) if r > 0 => {
                    ws.write_number(r as u32, c as u16, n).unwrap();
                }
                _ => {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
    }
}

/// A plan workbook; `etat_cell` is what Activités says for A1.1.1 / ETAT.
fn plan(dir: &Path, etat_cell: &str, status: &str) {
    let mut wb = Workbook::new();
    rows(
        &mut wb,
        "Plan",
        &[
            &["Clé", "Valeur"],
            &["title", "PTBA 2024"],
            &["organization", "CNLTP"],
            &["year", "2024"],
            &["currency", "XOF"],
        ],
    );
    rows(
        &mut wb,
        "Sources",
        &[
            &["Code", "Nom", "Statut"],
            &["ETAT", "Budget de l'État", "acquis"],
            &["GAP", "Financement à rechercher", "à rechercher"],
        ],
    );
    {
        let ws = wb.add_worksheet();
        ws.set_name("Activités").unwrap();
        let head = [
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
            "ETAT",
            "GAP",
        ];
        for (c, h) in head.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let acts: [(&str, &str, &str, &str, &str, &str); 2] = [
            (
                "A1",
                "Prévention",
                "A1.1",
                "Sensibiliser",
                "A1.1.1",
                "Campagnes",
            ),
            (
                "A2",
                "Protection",
                "A2.1",
                "Prendre en charge",
                "A2.1.1",
                "Centres",
            ),
        ];
        for (i, a) in acts.iter().enumerate() {
            let r = i as u32 + 1;
            for (c, v) in [a.0, a.1, a.2, a.3, a.4, a.5, "CNLTP", "UNICEF; OIM"]
                .iter()
                .enumerate()
            {
                ws.write_string(r, c as u16, *v).unwrap();
            }
            ws.write_string(r, 8, "x").unwrap();
            ws.write_string(r, 9, "x").unwrap();
            ws.write_datetime_with_format(
                r,
                12,
                ExcelDateTime::from_ymd(2024, 2, 1).unwrap(),
                &date,
            )
            .unwrap();
            ws.write_string(r, 13, "30/06/2024").unwrap();
        }
        ws.write_string(1, 15, etat_cell).unwrap();
        ws.write_number(1, 16, 8_000_000).unwrap();
        ws.write_number(2, 15, 25_000_000).unwrap();
    }
    rows(
        &mut wb,
        "Budget",
        &[
            &[
                "Activité",
                "Source",
                "Montant",
                "Quantité",
                "Coût unitaire",
                "Catégorie",
            ],
            &["A1.1.1", "ETAT", "12500000", "", "", "Biens et services"],
            &["A1.1.1", "GAP", "", "5", "1600000", ""],
            &["A2.1.1", "ETAT", "25000000", "", "", ""],
        ],
    );
    rows(
        &mut wb,
        "Indicateurs",
        &[
            &[
                "Niveau",
                "Code",
                "Indicateur",
                "Unité",
                "Référence",
                "Cible",
            ],
            &[
                "activité",
                "A1.1.1",
                "Campagnes réalisées",
                "campagnes",
                "0",
                "5",
            ],
        ],
    );
    rows(
        &mut wb,
        "Suivi",
        &[
            &[
                "Activité",
                "Date",
                "Statut",
                "Avancement",
                "Engagé",
                "Décaissé",
                "Source",
                "Indicateurs",
                "Note",
            ],
            &[
                "A1.1.1",
                "31/03/2024",
                status,
                "40",
                "7000000",
                "5000000",
                "ETAT",
                "\"Campagnes réalisées\" = 2",
                "Deux campagnes",
            ],
            &[
                "A2.1.1",
                "2024-06-30",
                "réalisée",
                "",
                "",
                "25000000",
                "",
                "",
                "",
            ],
        ],
    );
    wb.save(dir.join("plan.xlsx")).unwrap();
}

#[test]
fn reads_the_plan_its_budget_and_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    plan(d, "12 500 000", "en cours");
    let (code, out, err) = ptba(d, &["summary", "plan.xlsx", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["axes"], 2);
    assert_eq!(s["actions"], 2);
    assert_eq!(s["activities"], 2);
    assert_eq!(s["budget"], "45500000");
    assert_eq!(s["unfunded"], "8000000");
    assert_eq!(s["spent"], "30000000");
    assert_eq!(s["committed"], "7000000");
    // (40 + 100) / 2
    assert_eq!(s["rates"]["physical"], 70.0);
    let (code, out, _) = ptba(d, &["check", "plan.xlsx"]);
    assert_eq!(code, 0, "{out}");
    // Its records are in the workbook: record refuses to write elsewhere.
    let (code, _, err) = ptba(
        d,
        &[
            "record",
            "plan.xlsx",
            "A1.1.1",
            "--progress",
            "50",
            "--date",
            "2024-04-01",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Suivi"), "{err}");
    assert!(!d.join("plan.progress.toml").exists());
}

#[test]
fn problems_are_reported_at_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    plan(d, "12 000 000", "commencée");
    let (code, out, _) = ptba(d, &["check", "plan.xlsx", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let cells: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["severity"] == "error")
        .map(|d| d["cell"].as_str().unwrap_or("").to_string())
        .collect();
    // The per-source cell that disagrees with the Budget sheet, and the status.
    assert!(cells.contains(&"Activités!P2".to_string()), "{out}");
    assert!(cells.contains(&"Suivi!C2".to_string()), "{out}");
    assert!(out.contains("500 000"), "{out}");
    // Sheet by sheet, in workbook order (not row by row across sheets).
    let at = |c: &str| cells.iter().position(|x| x == c).unwrap();
    assert!(at("Activités!P2") < at("Suivi!C2"), "{cells:?}");
}

/// The synthetic plan of the benchmarks as a plan workbook (what
/// `examples/synth.rs --format xlsx` writes) reads back to the same figures
/// as its TOML files.
#[test]
fn synthetic_plan_as_a_workbook_gives_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, log) = ptba::synth::generate(600, 2_400, 5);
    std::fs::write(dir.path().join("s.toml"), &plan).unwrap();
    std::fs::write(dir.path().join("s.progress.toml"), &log).unwrap();
    let project = ptba::synth::project(&plan, &log).unwrap();
    let mut wb = ptba::output::plan_workbook::build(&project, ptba::i18n::Lang::Fr).unwrap();
    std::fs::create_dir(dir.path().join("x")).unwrap();
    ptba::output::xlsx::save(&mut wb, &dir.path().join("x/s.xlsx"), ptba::i18n::Lang::Fr).unwrap();
    let json = |plan: &str| {
        let (code, out, err) = ptba(dir.path(), &["summary", plan, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let mut v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v.as_object_mut().unwrap().remove("plans");
        v
    };
    let (code, out, err) = ptba(dir.path(), &["check", "x/s.xlsx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(json("s.toml"), json("x/s.xlsx"));
}

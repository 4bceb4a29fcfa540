//! `import` takes the template back only as issued (SPEC §8): no row that
//! was not issued (changed code or source, added row), no change to a locked
//! cell, no added sheet, and one situation per activity and date — refused
//! naming the cells, nothing imported.

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;

use crate::support::Env;

/// A cell edit: (sheet, 0-based row, 0-based column, text or number).
type Edit<'a> = (&'a str, u32, u16, &'a str);

/// Writes `out` from the workbook `template` with `edits` applied (a value
/// that parses as a number is written as one) and, if given, one more sheet:
/// what a focal point's spreadsheet saves.
fn rebuild(
    template: &std::path::Path,
    out: &std::path::Path,
    edits: &[Edit<'_>],
    extra: Option<&str>,
) {
    let mut book: Xlsx<_> = open_workbook(template).expect("open template");
    let mut wb = Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        let ws = wb.add_worksheet();
        ws.set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r0 + r as u32, (c0 + c as u32) as u16);
                match cell {
                    Data::String(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    Data::Float(f) => {
                        ws.write_number(r, c, *f).unwrap();
                    }
                    Data::Int(i) => {
                        ws.write_number(r, c, *i as f64).unwrap();
                    }
                    // A date as its serial number (what Excel stores).
                    Data::DateTime(d) => {
                        ws.write_number(r, c, d.as_f64()).unwrap();
                    }
                    _ => {}
                }
            }
        }
        for &(sheet, r, c, v) in edits.iter().filter(|e| e.0 == name) {
            let _ = sheet;
            match v.parse::<f64>() {
                Ok(x) if !v.contains('/') => ws.write_number(r, c, x).unwrap(),
                _ => ws.write_string(r, c, v).unwrap(),
            };
        }
    }
    if let Some(extra) = extra {
        let ws = wb.add_worksheet();
        ws.set_name(extra).unwrap();
        ws.write_string(0, 0, "mes calculs").unwrap();
    }
    wb.save(out).unwrap();
}

/// The import plan and the template of CNLTP's activities: rows 2–4 are
/// A1.1.1/ETAT, A1.1.1/UNICEF, A1.1.3/UNICEF.
fn env() -> Env {
    let env = Env::new();
    env.fixture_as("import/plan.toml", "plan.toml");
    env.run(&[
        "template",
        "plan.toml",
        "-o",
        "saisie.xlsx",
        "--responsible",
        "CNLTP",
    ])
    .ok();
    env
}

fn import(env: &Env, edits: &[Edit<'_>], extra: Option<&str>) -> crate::support::Run {
    rebuild(
        &env.path("saisie.xlsx"),
        &env.path("rempli.xlsx"),
        edits,
        extra,
    );
    env.run(&["import", "plan.toml", "rempli.xlsx"])
}

/// Row 2 filled: date and progress (G, I).
const FILLED: [Edit<'static>; 2] = [("Saisie", 1, 6, "30/06/2024"), ("Saisie", 1, 8, "40")];

#[test]
fn the_template_as_issued_imports() {
    let env = env();
    let run = import(&env, &FILLED, None);
    assert_eq!(run.code, 0, "{run:?}");
}

#[track_caller]
fn refused(env: &Env, run: &crate::support::Run, want: &[&str]) {
    assert_eq!(run.code, 1, "{run:?}");
    for w in want {
        assert!(run.stderr.contains(w), "want {w:?} in:\n{}", run.stderr);
    }
    assert!(!env.exists("plan.progress.toml"), "nothing may be imported");
}

#[test]
fn a_code_changed_to_another_responsibles_activity_is_refused() {
    let env = env();
    let mut edits = FILLED.to_vec();
    edits.extend([
        ("Saisie", 2, 0, "A1.1.2"),
        ("Saisie", 2, 3, "ETAT"),
        ("Saisie", 2, 6, "30/06/2024"),
        ("Saisie", 2, 10, "3000000"),
    ]);
    let run = import(&env, &edits, None);
    refused(
        &env,
        &run,
        &[
            "Saisie!A3",
            "ligne absente du modèle tel qu'il a été émis (code « A1.1.2 », source « ETAT ») : code ou source changé, ou ligne ajoutée ; rien n'est importé",
        ],
    );
}

#[test]
fn an_added_row_is_refused() {
    let env = env();
    let mut edits = FILLED.to_vec();
    // Row 5 (index 4), below the issued rows: another responsible's activity.
    edits.extend([
        ("Saisie", 4, 0, "A1.1.2"),
        ("Saisie", 4, 3, "ETAT"),
        ("Saisie", 4, 6, "30/06/2024"),
        ("Saisie", 4, 8, "50"),
    ]);
    let run = import(&env, &edits, None);
    refused(&env, &run, &["Saisie!A5", "ligne absente du modèle"]);
    // A copy of an issued row is a duplicate, not a second import of it.
    let mut edits = FILLED.to_vec();
    edits.extend([
        ("Saisie", 4, 0, "A1.1.1"),
        (
            "Saisie",
            4,
            1,
            "Campagnes de sensibilisation dans cinq régions",
        ),
        ("Saisie", 4, 2, "CNLTP"),
        ("Saisie", 4, 3, "ETAT"),
        ("Saisie", 4, 4, "12500000"),
        ("Saisie", 4, 5, "0"),
        ("Saisie", 4, 6, "30/06/2024"),
        ("Saisie", 4, 10, "1000000"),
    ]);
    let run = import(&env, &edits, None);
    refused(&env, &run, &["Saisie!A5", "ligne en double"]);
}

#[test]
fn a_changed_locked_cell_is_refused() {
    let env = env();
    let mut edits = FILLED.to_vec();
    edits.extend([("Saisie", 1, 4, "99000000"), ("Saisie", 3, 2, "DGCOM")]);
    let run = import(&env, &edits, None);
    refused(
        &env,
        &run,
        &[
            "Saisie!E2",
            "cellule verrouillée « Budget » modifiée : émise 12500000, trouvée « 99000000 »",
            "Saisie!C4",
            "cellule verrouillée « Responsable » modifiée : émise « CNLTP », trouvée « DGCOM »",
        ],
    );
}

#[test]
fn an_added_sheet_is_refused() {
    let env = env();
    let run = import(&env, &FILLED, Some("Calculs"));
    refused(
        &env,
        &run,
        &["feuille « Calculs » ajoutée au modèle : seule la feuille Saisie est lue"],
    );
}

#[test]
fn two_rows_of_one_activity_for_one_date_must_agree() {
    let env = env();
    let mut edits = FILLED.to_vec();
    // A1.1.1's UNICEF row, same date, progress 20 instead of 40.
    edits.extend([("Saisie", 2, 6, "30/06/2024"), ("Saisie", 2, 8, "20")]);
    let run = import(&env, &edits, None);
    refused(
        &env,
        &run,
        &[
            "Saisie!I3",
            "`A1.1.1` au 30/06/2024 : cette ligne et la ligne de Saisie!I2 disent des choses différentes (statut ou avancement)",
        ],
    );
    // The same progress on both rows, each with its source's spending: fine.
    let mut edits = FILLED.to_vec();
    edits.extend([
        ("Saisie", 1, 10, "1000000"),
        ("Saisie", 2, 6, "30/06/2024"),
        ("Saisie", 2, 8, "40"),
        ("Saisie", 2, 10, "500000"),
    ]);
    let run = import(&env, &edits, None);
    assert_eq!(run.code, 0, "{run:?}");
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(j["spent"], "1500000");
}

#[test]
fn fingerprints_travel_through_the_plan_workbook() {
    let env = env();
    rebuild(
        &env.path("saisie.xlsx"),
        &env.path("rempli.xlsx"),
        &FILLED,
        None,
    );
    env.run(&["import", "plan.toml", "rempli.xlsx"]).ok();
    let log = env.read_text("plan.progress.toml");
    let mark = log
        .lines()
        .find(|l| l.starts_with("# import sha256="))
        .expect("fingerprint line")
        .to_string();
    // TOML → workbook → TOML.
    env.run(&["convert", "plan.toml", "-o", "plan.xlsx"]).ok();
    let check = env.run(&["check", "plan.xlsx"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(!check.stdout.contains("Imports"), "{}", check.stdout);
    env.run(&["convert", "plan.xlsx", "-o", "retour.toml"]).ok();
    let back = env.read_text("retour.progress.toml");
    assert!(back.contains(&format!("{mark}\n")), "{back}");
    // The same filled template is refused a second time, spending not doubled.
    let run = env.run(&["import", "retour.toml", "rempli.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("a déjà été importé"), "{}", run.stderr);
    assert_eq!(env.read_text("retour.progress.toml"), back);
}

/// The plan workbook's Suivi sheet is read against the plan's currency too.
#[test]
fn a_suivi_amount_in_another_currency_is_refused_at_its_cell() {
    let env = env();
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"A1.1.2\"\ndate = 2024-03-31\nspent = 100_000\n",
    );
    env.run(&["convert", "plan.toml", "-o", "plan.xlsx"]).ok();
    std::fs::rename(env.path("plan.progress.toml"), env.path("ancien.toml")).unwrap();
    rebuild(
        &env.path("plan.xlsx"),
        &env.path("modifie.xlsx"),
        &[("Suivi", 1, 5, "2,5 M FCFA")],
        None,
    );
    let run = env.run(&["summary", "modifie.xlsx", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["spent"], "2500000");
    rebuild(
        &env.path("plan.xlsx"),
        &env.path("modifie.xlsx"),
        &[("Suivi", 1, 5, "1 000 USD")],
        None,
    );
    let run = env.run(&["check", "modifie.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("Suivi!F2"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("« USD » n'est pas la devise du plan (XOF) (nombre lu : 1 000)"),
        "{}",
        run.stdout
    );
}

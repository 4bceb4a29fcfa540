//! The other families of real workbooks (SPEC §7, round 2): the fixtures of
//! tests/data/families (made by tests/data/make_families.py, saved by
//! LibreOffice) read with no flag, exact to the unit; the near-misses of
//! tests/data/families/bad are refused with the reason; `initial` on a
//! budget line survives TOML → workbook → TOML.

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_decimal::Decimal;
use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/families")
        .join(name)
}

fn ptba(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ptba"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run ptba");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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

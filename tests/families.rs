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

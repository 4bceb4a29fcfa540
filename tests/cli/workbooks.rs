//! Hand-made PTBA workbooks (tests/data/workbooks, made by
//! tests/data/make_workbooks.py through LibreOffice) import with the right
//! counts, budgets per source and per axis to the franc, and a warning at
//! every total row that disagrees with the computed sum.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::ptba;

fn data(name: &str) -> PathBuf {
    crate::support::data("workbooks").join(name)
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(data("expected.json")).unwrap()).unwrap()
}

/// A mapping file confirming that a workbook total disagreeing with its
/// rows is the total that is wrong (SPEC §7: otherwise an error).
fn confirm_totals() -> PathBuf {
    // Written once: tests run on several threads, and a file rewritten
    // while another test reads it could be read empty.
    static PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let path = std::env::temp_dir().join(format!("ptba-totals-{}.toml", std::process::id()));
        std::fs::write(&path, "totals = \"warning\"\n").unwrap();
        path
    })
    .clone()
}

/// The extra arguments a layout is read with: `merged` has a wrong grand
/// total, which is refused unless the user confirms it.
fn extra(file: &Path) -> Vec<String> {
    if file.file_stem().is_some_and(|s| s == "merged") {
        vec!["--mapping".into(), confirm_totals().display().to_string()]
    } else {
        Vec::new()
    }
}

fn summary(file: &Path, by: &str) -> Value {
    let f = file.to_str().unwrap();
    let more = extra(file);
    let mut args = vec!["summary", f, "--by", by, "--format", "json"];
    args.extend(more.iter().map(String::as_str));
    let (code, out, err) = ptba(&args);
    assert_eq!(code, 0, "{f}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{f}: {e}\n{out}"))
}

fn groups(s: &Value) -> Vec<(String, String)> {
    s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap().to_string(),
                g["budget"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn layout(name: &str) {
    let exp = &expected()[name];
    for ext in ["xlsx", "xls", "ods"] {
        let file = data(&format!("{name}.{ext}"));
        let label = file.display().to_string();
        let by_axis = summary(&file, "axis");
        for key in ["axes", "actions", "activities"] {
            assert_eq!(by_axis[key], exp[key], "{label}: {key}");
        }
        assert_eq!(
            by_axis["budget"].as_str().unwrap(),
            exp["budget"].to_string(),
            "{label}: budget"
        );
        let want: Vec<(String, String)> = exp["by_axis"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        assert_eq!(groups(&by_axis), want, "{label}: budget per axis");
        let by_source = summary(&file, "source");
        let mut got = groups(&by_source);
        got.sort();
        let mut want: Vec<(String, String)> = exp["by_source"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect();
        want.sort();
        assert_eq!(got, want, "{label}: budget per source");
        // The grand total that is wrong is an error, unless confirmed.
        let grand: Vec<&Value> = exp["wrong_totals"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["grand"] == true)
            .collect();
        if !grand.is_empty() {
            let (code, out, _) = ptba(&["check", file.to_str().unwrap(), "--format", "json"]);
            assert_eq!(code, 1, "{label}: {out}");
            let e040: Vec<Value> = out
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .filter(|d| d["code"] == "E040")
                .collect();
            assert_eq!(e040.len(), grand.len(), "{label}: {out}");
            for g in &grand {
                let cell = format!("!{}", g["cell"].as_str().unwrap());
                assert!(
                    e040.iter()
                        .any(|d| d["cell"].as_str().unwrap().ends_with(&cell)),
                    "{label}: {out}"
                );
            }
        }
        // The total rows that are wrong, and only those, are warned about.
        let more = extra(&file);
        let mut args = vec![file.to_str().unwrap(), "--format", "json"];
        args.extend(more.iter().map(String::as_str));
        args.insert(0, "check");
        let (code, out, _) = ptba(&args);
        assert_eq!(code, 0, "{label}: {out}");
        let diags: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let w111: Vec<&Value> = diags.iter().filter(|d| d["code"] == "W111").collect();
        let wrong = exp["wrong_totals"].as_array().unwrap();
        assert_eq!(w111.len(), wrong.len(), "{label}: {out}");
        for w in wrong {
            let cell = w["cell"].as_str().unwrap();
            let d = w111
                .iter()
                .find(|d| d["cell"].as_str().unwrap().ends_with(&format!("!{cell}")))
                .unwrap_or_else(|| panic!("{label}: no warning at {cell}: {out}"));
            let msg = d["message"].as_str().unwrap();
            let fmt = |v: &Value| {
                let n = v.as_i64().unwrap();
                let s = n.abs().to_string();
                let mut o = String::new();
                for (i, c) in s.chars().enumerate() {
                    if i > 0 && (s.len() - i).is_multiple_of(3) {
                        o.push(' ');
                    }
                    o.push(c);
                }
                o
            };
            assert!(msg.contains(&fmt(&w["declared"])), "{label}: {msg}");
            assert!(msg.contains(&fmt(&w["computed"])), "{label}: {msg}");
            let diff = serde_json::json!(
                w["declared"].as_i64().unwrap() - w["computed"].as_i64().unwrap()
            );
            assert!(msg.contains(&fmt(&diff)), "{label}: {msg}");
        }
    }
}

#[test]
fn banner_two_row_header_merged_axes() {
    layout("merged");
}

#[test]
fn section_rows_text_amounts_one_row_per_source() {
    layout("sections");
}

#[test]
fn written_once_blank_below_with_dates() {
    layout("blank-below");
}

#[test]
fn unknown_headers_list_what_was_found_and_expected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inconnu.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "Tâche").unwrap();
    ws.write(0, 1, "Qui").unwrap();
    ws.write(0, 2, "Combien").unwrap();
    ws.write(1, 0, "Former").unwrap();
    wb.save(&path).unwrap();
    let (code, out, _) = ptba(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("« Tâche »") && out.contains("« Combien »"),
        "{out}"
    );
    assert!(
        out.contains("title") && out.contains("responsible"),
        "{out}"
    );
    // A mapping file names them.
    let mapping = dir.path().join("map.toml");
    std::fs::write(
        &mapping,
        "[plan]\nyear = 2024\n[columns]\n\"Tâche\" = \"title\"\n\"Qui\" = \"responsible\"\n\"Combien\" = \"amount\"\n",
    )
    .unwrap();
    let (code, out, err) = ptba(&[
        "summary",
        path.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let s: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["activities"], 1);
    // A field name that does not exist is refused, with the nearest one.
    std::fs::write(&mapping, "[columns]\n\"Tâche\" = \"titel\"\n").unwrap();
    let (code, out, _) = ptba(&[
        "check",
        path.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`title`"), "{out}");
}

#[test]
fn sheet_option_picks_a_sheet_and_names_the_others() {
    let file = data("merged.xlsx");
    let (code, out, _) = ptba(&["check", file.to_str().unwrap(), "--sheet", "Budget 2023"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("PTBA 2024"), "{out}");
    let confirm = confirm_totals();
    let (code, _, err) = ptba(&[
        "summary",
        file.to_str().unwrap(),
        "--sheet",
        "ptba 2024",
        "--format",
        "json",
        "--mapping",
        confirm.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
}

/// `ptba convert their.xls -o plan.toml`: the TOML plan has the same figures,
/// and TOML → plan workbook → TOML gives the same plan back.
#[test]
fn convert_hand_made_to_toml_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let exp = expected();
    for (name, ext) in [
        ("merged", "xls"),
        ("sections", "ods"),
        ("blank-below", "xlsx"),
    ] {
        let src = data(&format!("{name}.{ext}"));
        let toml = dir.path().join(format!("{name}.toml"));
        let more = extra(&src);
        let mut args = vec![
            "convert",
            src.to_str().unwrap(),
            "-o",
            toml.to_str().unwrap(),
        ];
        args.extend(more.iter().map(String::as_str));
        let (code, out, err) = ptba(&args);
        assert_eq!(code, 0, "{out}{err}");
        let s = summary(&toml, "axis");
        assert_eq!(s["activities"], exp[name]["activities"], "{name}");
        assert_eq!(
            s["budget"].as_str().unwrap(),
            exp[name]["budget"].to_string(),
            "{name}"
        );
        let xlsx = dir.path().join(format!("{name}-plan.xlsx"));
        let back = dir.path().join(format!("{name}-back.toml"));
        for (from, to) in [(&toml, &xlsx), (&xlsx, &back)] {
            let (code, out, err) = ptba(&[
                "convert",
                from.to_str().unwrap(),
                "-o",
                to.to_str().unwrap(),
            ]);
            assert_eq!(code, 0, "{out}{err}");
        }
        let strip = |p: &Path| -> String {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&toml), strip(&back), "{name}");
    }
}

/// "Coût (en milliers de FCFA)": the figures are thousands.
#[test]
fn amounts_in_thousands() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ptba-2024.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "PTBA 2024").unwrap();
    for (c, h) in ["Axe", "Activité", "Coût (en milliers de FCFA)"]
        .iter()
        .enumerate()
    {
        ws.write(2, c as u16, *h).unwrap();
    }
    ws.write(3, 0, "Axe 1 : Prévention").unwrap();
    ws.write(3, 1, "Former").unwrap();
    ws.write(3, 2, 12_500).unwrap();
    ws.write(4, 1, "Informer").unwrap();
    ws.write(4, 2, "2 250,5").unwrap();
    ws.write(5, 1, "Total").unwrap();
    ws.write(5, 2, 14_750.5).unwrap();
    wb.save(&path).unwrap();
    let s = summary(&path, "axis");
    assert_eq!(s["budget"], "14750500");
    let (code, out, _) = ptba(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("multipliés par 1000"), "{out}");
    assert!(!out.contains("W111"), "{out}");
}

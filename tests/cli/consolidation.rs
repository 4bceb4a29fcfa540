//! Consolidation (SPEC §4): the same plan given twice is an error, not a
//! double count; axes and actions merged by id are counted once.

use crate::support::Env;

fn region(title: &str, second_action: &str, prefix: &str) -> String {
    format!(
        r#"[plan]
title = "{title}"
organization = "Ministère du Plan"
year = 2024

[[source]]
id = "ETAT"
name = "État"

[[axis]]
id = "A1"
title = "Prévention"

[[axis]]
id = "A2"
title = "Protection"

[[action]]
id = "A1.1"
axis = "A1"
title = "Sensibiliser"

[[action]]
id = "{second_action}"
axis = "A2"
title = "Accueillir"

[[activity]]
id = "{prefix}1"
action = "A1.1"
title = "Campagnes"
budget = [{{ source = "ETAT", amount = 1_000_000 }}]

[[activity]]
id = "{prefix}2"
action = "{second_action}"
title = "Centres"
budget = [{{ source = "ETAT", amount = 3_000_000 }}]
"#
    )
}

fn env() -> Env {
    let env = Env::new();
    env.write("nord.toml", region("PTBA région Nord", "A2.1", "n"));
    env.write("sud.toml", region("PTBA région Sud", "A2.2", "s"));
    env
}

#[test]
fn merged_axes_and_actions_are_counted_once() {
    let env = env();
    let j = env
        .run(&["summary", "nord.toml", "sud.toml", "--format", "json"])
        .json();
    // A1, A2 in both; actions A1.1 (both), A2.1 (Nord), A2.2 (Sud).
    assert_eq!(j["axes"], 2);
    assert_eq!(j["actions"], 3);
    assert_eq!(j["activities"], 4);
    assert_eq!(j["budget"], "8000000");
    assert_eq!(
        j["headline"],
        "Taux d'exécution physique : 0 % — 3 actions / 4 activités"
    );
    let groups = j["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{groups:?}");
}

#[test]
fn the_same_file_twice_is_refused() {
    let env = env();
    let run = env.run(&["summary", "nord.toml", "nord.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "nord.toml est le même plan que nord.toml (c'est le même fichier) : le consolider deux fois compterait tout en double"
        ),
        "{}",
        run.stderr
    );
    // Under another name: a hard link is the same file.
    std::fs::hard_link(env.path("nord.toml"), env.path("copie.toml")).unwrap();
    let run = env.run(&["summary", "nord.toml", "copie.toml", "--lang", "en"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("copie.toml is the same plan as nord.toml (it is the same file)"),
        "{}",
        run.stderr
    );
    let run = env.run(&[
        "report",
        "nord.toml",
        "sud.toml",
        "nord.toml",
        "-o",
        "r.xlsx",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!env.exists("r.xlsx"));
}

#[test]
fn a_plan_and_its_workbook_are_the_same_plan() {
    let env = env();
    env.run(&["convert", "nord.toml", "-o", "nord.xlsx"]).ok();
    let run = env.run(&["summary", "nord.toml", "nord.xlsx", "sud.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "nord.xlsx est le même plan que nord.toml (même titre, organisation et année, et mêmes activités)"
        ),
        "{}",
        run.stderr
    );
    // A copy with another title is another plan (a region's draft).
    env.write(
        "nord-bis.toml",
        env.read_text("nord.toml")
            .replace("PTBA région Nord", "PTBA région Nord (bis)"),
    );
    let j = env
        .run(&["summary", "nord.toml", "nord-bis.toml", "--format", "json"])
        .json();
    assert_eq!(j["activities"], 4);
    assert_eq!(j["axes"], 2);
    assert_eq!(j["actions"], 2);
}

//! Ids that look alike (SPEC §2): Latin `A` and Cyrillic `А` are duplicates
//! to the eye, so an error; an id mixing scripts is a warning.

use crate::support::Env;

fn plan(activity2: &str, source2: &str) -> String {
    format!(
        r#"[plan]
title = "Plan"
year = 2024

[[source]]
id = "PTF"
name = "Partenaire"

[[source]]
id = "{source2}"
name = "Autre"

[[axis]]
id = "A1"
title = "Axe"

[[action]]
id = "A1.1"
axis = "A1"
title = "Action"

[[activity]]
id = "A1.1.1"
action = "A1.1"
title = "Latin"
budget = [{{ source = "PTF", amount = 1_000_000 }}]

[[activity]]
id = "{activity2}"
action = "A1.1"
title = "Seconde"
budget = [{{ source = "PTF", amount = 2_000_000 }}]
"#
    )
}

#[test]
fn a_cyrillic_twin_is_a_duplicate() {
    let env = Env::new();
    // "А" is U+0410 CYRILLIC CAPITAL LETTER A.
    env.write("plan.toml", plan("\u{410}1.1.1", "ETAT"));
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains(
            "erreur[E033 look-alike-ids]: identifiant `\u{410}1.1.1` identique à l'œil à `A1.1.1`, déjà utilisé : ce sont des caractères différents (\u{410} (U+0410))"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("plan.toml:29:6"), "{}", run.stdout);
    // summary refuses it too: no double plan of two "A1.1.1".
    let run = env.run(&["summary", "plan.toml"]);
    assert_eq!(run.code, 1, "{run:?}");
}

#[test]
fn look_alike_sources_and_greek_letters() {
    let env = Env::new();
    // "РТF": Cyrillic Р and Т; an activity id in Greek capitals.
    env.write("plan.toml", plan("\u{391}1.1.1", "\u{420}\u{422}F"));
    let run = env.run(&["check", "plan.toml", "--lang", "en", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let codes: Vec<String> = run
        .json_lines()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        codes.iter().filter(|c| c.starts_with("E033")).count(),
        2,
        "{codes:?}"
    );
}

#[test]
fn an_id_mixing_scripts_is_a_warning() {
    let env = Env::new();
    // "Aх1.2": Latin A, Cyrillic х — no twin, but suspicious.
    env.write("plan.toml", plan("A\u{445}1.2", "ETAT"));
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains(
            "avertissement[W121 mixed-script-id]: l'identifiant `A\u{445}1.2` mêle des alphabets (latin, cyrillique, grec…) : \u{445} (U+0445)"
        ),
        "{}",
        run.stdout
    );
    let run = env.run(&["check", "plan.toml", "--deny-warnings"]);
    assert_eq!(run.code, 1, "{run:?}");
    // An id wholly in another script is fine.
    env.write("plan.toml", plan("Ж1", "ETAT"));
    let run = env.run(&["check", "plan.toml"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("W121"), "{}", run.stdout);
}

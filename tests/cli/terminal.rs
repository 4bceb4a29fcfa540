//! `summary` in a real terminal (a pseudo-terminal made by util-linux
//! `script`, its width set with `stty cols`): the table fits, no amount is
//! split across lines, every column header reads whole (SPEC §9, Terminal).

use std::process::Command;

use crate::support::*;

fn example(env: &Env) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in ["exemple-2024.toml", "exemple-2024.progress.toml"] {
        env.write(
            &format!("plans/{f}"),
            std::fs::read(root.join("plans").join(f)).expect("example plan"),
        );
    }
}

/// What the terminal shows for `ptba ARGS` in `cols` columns.
fn in_terminal(env: &Env, cols: u16, args: &str, no_color: bool) -> String {
    let cmd = format!("stty cols {cols} rows 200; exec {BIN} {args}");
    let mut c = Command::new("script");
    c.args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .current_dir(env.dir.path())
        .env_remove("PTBA_LANG")
        .env_remove("NO_COLOR");
    if no_color {
        c.env("NO_COLOR", "1");
    }
    let out = c
        .output()
        .expect("util-linux `script` is needed for this test");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

/// 1265700000 → "1 265 700 000", written here independently of ptba.
fn grouped(raw: &str) -> String {
    let digits: Vec<char> = raw.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}

const HEADERS: &[&str] = &[
    "Axe",
    "Intitulé",
    "Activités",
    "Act.",
    "Budget (FCFA)",
    "Décaissé (FCFA)",
    "Exéc. physique",
    "Phys.",
    "Réalisation",
    "Réal.",
    "Exéc. financière",
    "Fin.",
    "Engagement",
    "Eng.",
    "Mobilisation",
    "Mob.",
];

/// The header cells of the table, each rebuilt from its lines.
fn headers(screen: &str) -> Vec<String> {
    let lines: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.starts_with('┌'))
        .skip(1)
        .take_while(|l| !l.starts_with('╞'))
        .collect();
    let mut cols: Vec<Vec<String>> = Vec::new();
    for l in lines {
        let cells: Vec<&str> = l.trim_matches('│').split('┆').collect();
        cols.resize(cols.len().max(cells.len()), Vec::new());
        for (i, c) in cells.iter().enumerate() {
            if !c.trim().is_empty() {
                cols[i].push(c.trim().to_string());
            }
        }
    }
    cols.into_iter().map(|parts| parts.join(" ")).collect()
}

#[test]
fn summary_fits_80_and_120_columns_without_splitting_a_number() {
    let env = Env::new();
    example(&env);
    let json = env
        .run(&["summary", "plans/exemple-2024.toml", "--format", "json"])
        .json();
    let mut amounts = vec![
        grouped(json["budget"].as_str().unwrap()),
        grouped(json["spent"].as_str().unwrap()),
    ];
    for g in json["groups"].as_array().unwrap() {
        amounts.push(grouped(g["budget"].as_str().unwrap()));
        amounts.push(grouped(g["spent"].as_str().unwrap()));
    }
    assert!(amounts.contains(&"256 100 000".to_string()), "{amounts:?}");
    for cols in [80usize, 120] {
        let screen = in_terminal(&env, cols as u16, "summary plans/exemple-2024.toml", true);
        assert!(
            screen.starts_with("Taux d'exécution physique : 67 % — 48 actions / 82 activités\n"),
            "{screen}"
        );
        for line in screen.lines() {
            assert!(
                line.chars().count() <= cols,
                "{cols} columns: a line of {} characters\n{line}\n{screen}",
                line.chars().count()
            );
        }
        let table: Vec<&str> = screen.lines().filter(|l| l.starts_with('│')).collect();
        for a in &amounts {
            assert!(
                table.iter().any(|l| l.contains(&format!(" {a} "))),
                "{cols} columns: {a} is not whole on one line of the table\n{screen}"
            );
        }
        let hs = headers(&screen);
        assert!(hs.len() >= 7, "{cols} columns: {hs:?}\n{screen}");
        for h in &hs {
            assert!(
                HEADERS.contains(&h.as_str()),
                "{cols} columns: header `{h}` does not read whole\n{screen}"
            );
        }
        // Figures the narrow table leaves out are named, and the totals
        // under the table keep their amounts whole.
        assert!(screen.contains("1 265 700 000 FCFA"), "{screen}");
        assert!(screen.contains("757 787 000 FCFA"), "{screen}");
        if hs.len() < 10 {
            assert!(
                screen.contains("Colonnes omises, faute de largeur"),
                "{screen}"
            );
        }
    }
    // Wide enough: the table is the one a pipe gets (a terminal adds the
    // bars, and wraps the narrative paragraph to its width, same words).
    let wide = in_terminal(&env, 250, "summary plans/exemple-2024.toml", true);
    let piped = env.run(&["summary", "plans/exemple-2024.toml"]).stdout;
    let table = |s: &str| s.split("\n\n").next().unwrap().to_string();
    assert_eq!(table(&wide), table(&piped));
    let narrative = |s: &str| {
        s.trim_end()
            .rsplit("\n\n")
            .next()
            .unwrap()
            .replace('\n', " ")
    };
    assert_eq!(narrative(&wide), narrative(&piped));
    assert!(wide.lines().all(|l| l.chars().count() <= 250), "{wide}");
}

#[test]
fn a_very_narrow_terminal_gets_one_block_per_group() {
    let env = Env::new();
    example(&env);
    let screen = in_terminal(&env, 50, "summary plans/exemple-2024.toml", true);
    assert!(
        screen.contains("\nA1 — Prévention et sensibilisation\n"),
        "{screen}"
    );
    assert!(
        screen.contains("\n  Budget (FCFA)    256 100 000\n"),
        "{screen}"
    );
    assert!(
        screen.contains("\nTOTAL\n  Activités        82\n"),
        "{screen}"
    );
}

#[test]
fn colours_on_a_terminal_only() {
    let env = Env::new();
    example(&env);
    let plan = "summary plans/exemple-2024.toml";
    let esc = '\u{1b}';
    assert!(
        in_terminal(&env, 120, plan, false).contains(esc),
        "no colour on a terminal"
    );
    assert!(
        !in_terminal(&env, 120, plan, true).contains(esc),
        "NO_COLOR ignored"
    );
    let never = format!("{plan} --color never");
    assert!(!in_terminal(&env, 120, &never, false).contains(esc));
    // clap's help follows --color too.
    assert!(in_terminal(&env, 120, "--help", false).contains(esc));
    assert!(!in_terminal(&env, 120, "--help --color never", false).contains(esc));
    // Piped: none, unless asked.
    let piped = env.run(&["summary", "plans/exemple-2024.toml"]).stdout;
    assert!(!piped.contains(esc));
    let mut c = env.command(&["summary", "plans/exemple-2024.toml", "--color", "always"]);
    let forced = String::from_utf8(c.output().unwrap().stdout).unwrap();
    assert!(forced.contains(esc), "--color always");
}

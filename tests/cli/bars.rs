//! `summary` draws one bar per group in a terminal only (SPEC §6b): run
//! under `script` (a pseudo-terminal) it does; piped, or in another format,
//! it does not.

use crate::support::{BIN, Env};

/// stdout of `ptba ARGS` run in a pseudo-terminal, or `None` without `script`.
fn in_terminal(env: &Env, args: &str) -> Option<String> {
    if !std::path::Path::new("/usr/bin/script").exists() {
        println!("bars: /usr/bin/script not found, the terminal case is skipped");
        return None;
    }
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &format!("{BIN} {args}"), "/dev/null"])
        .current_dir(env.dir.path())
        .env("NO_COLOR", "1")
        .env_remove("PTBA_LANG")
        .output()
        .expect("script");
    assert!(out.status.success());
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

#[test]
fn bars_in_a_terminal_only() {
    let e = Env::new();
    e.fixture("workshop/atelier.toml");
    e.fixture("workshop/atelier.progress.toml");
    // 70 % of 30 characters = 21; 15 % = 4.5 (4 and a half-block).
    let a1 = format!("A1 {}{} 70 %", "█".repeat(21), " ".repeat(9));
    let a2 = format!("A2 {}▌{} 15 %", "█".repeat(4), " ".repeat(25));
    let piped = e.run(&["summary", "workshop/atelier.toml"]);
    piped.ok();
    assert!(!piped.stdout.contains('█'), "{}", piped.stdout);
    let Some(tty) = in_terminal(&e, "summary workshop/atelier.toml") else {
        return;
    };
    assert!(
        tty.contains(&format!("Exécution physique — Axe\n{a1}\n{a2}\n")),
        "{tty}"
    );
    // Other formats never draw bars, in a terminal either.
    let md = in_terminal(&e, "summary workshop/atelier.toml --format markdown").unwrap();
    assert!(!md.contains('█'), "{md}");
}

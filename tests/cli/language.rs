//! The language of the command line itself: `--help`, usage errors, system
//! errors, enumerated values, `--lang` and `PTBA_LANG` (SPEC §9, Language).

use crate::support::*;

fn with_example(env: &Env) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in ["exemple-2024.toml", "exemple-2024.progress.toml"] {
        env.write(
            &format!("plans/{f}"),
            std::fs::read(root.join("plans").join(f)).expect("example plan"),
        );
    }
}

fn run_env(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let mut c = env.command(args);
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c.output().expect("run ptba");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_sane(&run, &args.join(" "));
    run
}

/// Help text with its line wrapping undone (clap wraps at 100 columns).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const FRENCH_HEADLINE: &str = "Taux d'exécution physique : 67 % — 48 actions / 82 activités";
const ENGLISH_HEADLINE: &str = "Physical execution: 67% — 48 actions / 82 activities";

#[test]
fn help_is_english_only_with_lang_en() {
    let env = Env::new();
    let r = env.run(&["--lang", "en", "summary", "--help"]);
    assert_eq!(r.code, 0);
    let h = &flat(&r.stdout);
    assert!(
        h.starts_with("Execution rates and a table by group. "),
        "{h}"
    );
    assert!(
        h.contains(" Usage: ptba summary [OPTIONS] <PLAN>... "),
        "{h}"
    );
    assert!(h.contains("Grouping of the table. Values: axis, action, source, responsible, quarter. Default: axis."), "{h}");
    assert!(h.contains("-h, --help") && h.contains("Print help."), "{h}");
    for french in [
        "Taux",
        "Regroupement",
        "Défaut",
        "Valeurs",
        "Affiche",
        "Utilisation",
    ] {
        assert!(
            !h.contains(french),
            "French word `{french}` in the English help:\n{h}"
        );
    }
}

#[test]
fn help_is_french_only_by_default() {
    let env = Env::new();
    let r = env.run(&["record", "--help"]);
    assert_eq!(r.code, 0);
    let h = &flat(&r.stdout);
    assert!(
        h.starts_with("Ajoute un enregistrement au journal de suivi. "),
        "{h}"
    );
    assert!(
        h.contains(" Utilisation : ptba record [OPTIONS] <PLAN> <ACTIVITY> Arguments : <PLAN> Le plan (TOML ou classeur). <ACTIVITY> Identifiant"),
        "{h}"
    );
    assert!(
        h.contains("Identifiant de l'activité (par ex. A1.1.1)."),
        "{h}"
    );
    assert!(
        h.contains("Avancement physique en %, 0 à 100 (40 ou 40%)."),
        "{h}"
    );
    assert!(
        h.contains("Affiche l'aide.") && h.contains("Affiche la version."),
        "{h}"
    );
    for english in [
        "Usage:",
        "Print help",
        "Append one",
        "Default:",
        "Physical progress",
    ] {
        assert!(
            !h.contains(english),
            "English `{english}` in the French help:\n{h}"
        );
    }
    // The list of commands, in French.
    let top = env.run(&["--help"]).stdout;
    assert!(top.contains("Commandes\u{a0}:\n"), "{top}");
    assert!(
        top.contains("  summary      Taux d'exécution et tableau par groupe."),
        "{top}"
    );
    assert!(
        top.contains("  help         Affiche l'aide de ptba ou d'une commande."),
        "{top}"
    );
}

#[test]
fn every_argument_has_help_in_both_languages() {
    let missing = ptba::i18n::help::undocumented();
    assert!(
        missing.is_empty(),
        "arguments or commands without an entry in i18n::help::HELP (add `command.id` or `id` \
         with a French and an English text): {missing:?}"
    );
    // And every entry of the table is used by some argument or command.
    let env = Env::new();
    let help =
        flat(&(env.run(&["record", "--help"]).stdout + &env.run(&["summary", "--help"]).stdout));
    assert!(help.contains("Valeur atteinte d'un indicateur, NOM=VALEUR ; répétable."));
    assert!(
        help.contains(
            "Forme de la sortie. Valeurs : tableau (table), json, csv, csv-fr, markdown. Défaut : tableau."
        ),
        "{help}"
    );
}

#[test]
fn usage_errors_are_french_by_default() {
    let env = Env::new();
    with_example(&env);
    let r = env.run(&["summary", "plans/exemple-2024.toml", "--by", "nope"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "erreur : valeur `nope` invalide pour `--by <BY>`\n\n  astuce : valeurs possibles : \
         axe (axis), action, source, responsable (responsible), trimestre (quarter)\n\n\
         Pour en savoir plus : `ptba summary --help`.\n"
    );
    assert!(r.stdout.is_empty());

    let r = env.run(&["sumary", "plans/exemple-2024.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "erreur : commande inconnue `sumary`\n\n  astuce : vouliez-vous dire `summary` ?\n"
        ),
        "{}",
        r.stderr
    );

    let r = env.run(&["summary"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "erreur : argument obligatoire absent : `<PLAN>...`\n\nUtilisation : ptba summary <PLAN>...\n\n\
         Pour en savoir plus : `ptba summary --help`.\n"
    );

    let r = env.run(&[
        "record",
        "plans/exemple-2024.toml",
        "A1.1.1",
        "--dat",
        "2024-01-01",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("erreur : argument inattendu `--dat`\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("un argument proche existe : `--date`"),
        "{}",
        r.stderr
    );

    let r = env.run(&["summary", "plans/exemple-2024.toml", "--precision", "9"]);
    assert!(r.stderr.starts_with("erreur : valeur `9` invalide pour `--precision <PRECISION>` : 9 n'est pas entre 0 et 6\n"), "{}", r.stderr);

    let r = env.run(&[
        "record",
        "plans/exemple-2024.toml",
        "A1.1.1",
        "--date",
        "31/02/2024",
        "--note",
        "x",
    ]);
    assert!(r.stderr.starts_with("erreur : valeur `31/02/2024` invalide pour `--date <DATE>` : date attendue sous la forme AAAA-MM-JJ ou JJ/MM/AAAA\n"), "{}", r.stderr);

    // In English, clap's own words.
    let r = env.run(&[
        "--lang",
        "en",
        "summary",
        "plans/exemple-2024.toml",
        "--by",
        "nope",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: invalid value 'nope' for '--by <BY>'"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("erreur"), "{}", r.stderr);
}

#[test]
fn french_values_are_accepted_for_every_enumerated_flag() {
    let env = Env::new();
    with_example(&env);
    let plan = "plans/exemple-2024.toml";
    for (fr, en) in [
        ("axe", "axis"),
        ("Trimestre", "quarter"),
        ("responsable", "responsible"),
        ("ACTION", "action"),
    ] {
        let a = env.run(&["summary", plan, "--by", fr, "--format", "json"]);
        let b = env.run(&["summary", plan, "--by", en, "--format", "json"]);
        assert_eq!(a.code, 0, "--by {fr}: {}", a.stderr);
        assert_eq!(a.stdout, b.stdout, "--by {fr} differs from --by {en}");
        assert!(a.json()["groups"].as_array().is_some_and(|g| !g.is_empty()));
    }
    let a = env.run(&["summary", plan, "--format", "tableau"]);
    assert_eq!(a.stdout, env.run(&["summary", plan]).stdout);
    assert!(a.stdout.starts_with(FRENCH_HEADLINE));
    let a = env.run(&["summary", plan, "--weighting", "poids", "--format", "json"]);
    assert_eq!(a.json()["weighting"], "weight");
    let a = env.run(&["check", plan, "--format", "humain"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
}

#[test]
fn ptba_lang_is_tolerant_of_case_and_region() {
    let env = Env::new();
    with_example(&env);
    let plan = "plans/exemple-2024.toml";
    for v in ["EN", "en_US", "EN_us", "en-GB", "en_US.UTF-8", "English"] {
        let r = run_env(&env, &[("PTBA_LANG", v)], &["summary", plan]);
        assert_eq!(r.code, 0, "PTBA_LANG={v}: {}", r.stderr);
        assert!(
            r.stdout.starts_with(ENGLISH_HEADLINE),
            "PTBA_LANG={v}: {}",
            r.stdout
        );
    }
    for v in ["FR", "fr_FR.UTF-8", "fr_CI", "fr-SN"] {
        let r = run_env(&env, &[("PTBA_LANG", v)], &["summary", plan]);
        assert!(
            r.stdout.starts_with(FRENCH_HEADLINE),
            "PTBA_LANG={v}: {}",
            r.stdout
        );
    }
    // --lang wins over the variable, whatever its spelling.
    let r = run_env(
        &env,
        &[("PTBA_LANG", "en")],
        &["--lang=FR", "summary", plan],
    );
    assert!(r.stdout.starts_with(FRENCH_HEADLINE), "{}", r.stdout);
    // The help follows the variable too.
    let r = run_env(&env, &[("PTBA_LANG", "EN_us")], &["--help"]);
    assert!(
        r.stdout.contains("Usage: ptba [OPTIONS] <COMMAND>"),
        "{}",
        r.stdout
    );
    // An unknown language is a usage error that says which ones exist.
    let r = run_env(&env, &[("PTBA_LANG", "de_DE")], &["summary", plan]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("langue inconnue : fr ou en"),
        "{}",
        r.stderr
    );
}

#[test]
fn system_errors_are_in_the_chosen_language() {
    let env = Env::new();
    let r = env.run(&["summary", "absent.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "ptba: absent.toml : fichier ou dossier introuvable\n"
    );
    let r = env.run(&["--lang", "en", "summary", "absent.toml"]);
    assert_eq!(r.stderr, "ptba: absent.toml: file or folder not found\n");
    let r = run_env(&env, &[("PTBA_LANG", "en_US")], &["check", "absent.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("file or folder not found"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("os error"), "{}", r.stderr);
}

#[test]
fn progress_takes_a_percent_sign() {
    let env = Env::new();
    with_example(&env);
    let plan = "plans/exemple-2024.toml";
    for (typed, logged) in [("40%", "progress = 40"), ("45 %", "progress = 45")] {
        let r = env.run(&[
            "record",
            plan,
            "A1.1.1",
            "--date",
            "2024-12-20",
            "--progress",
            typed,
        ]);
        assert_eq!(r.code, 0, "--progress {typed}: {}", r.stderr);
        let log = env.read_text("plans/exemple-2024.progress.toml");
        assert!(
            log.trim_end().ends_with(logged),
            "--progress {typed}:\n{}",
            &log[log.len() - 200..]
        );
    }
    let r = env.run(&["record", plan, "A1.1.1", "--progress", "40%%"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn a_negative_amount_is_a_value_not_a_flag() {
    let env = Env::new();
    with_example(&env);
    let before = env.snapshot();
    let r = env.run(&[
        "record",
        "plans/exemple-2024.toml",
        "A1.1.1",
        "--date",
        "2024-06-30",
        "--spent",
        "-1000",
    ]);
    // Whatever the rule for negative amounts, `-1000` reached it as the value
    // of --spent (clap would otherwise call it an unexpected argument).
    assert!(r.stderr.contains("--spent -1000"), "{}", r.stderr);
    assert!(!r.stderr.contains("argument inattendu"), "{}", r.stderr);
    if r.code != 0 {
        assert_unchanged(&before, &env.snapshot(), "refused negative amount");
    }
}

#[test]
fn unsafe_code_lives_in_console_rs_only() {
    fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, found);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("src/console.rs") {
                let text = std::fs::read_to_string(&p).expect("source");
                if text.contains("unsafe ") || text.contains("unsafe_code") {
                    found.push(p.display().to_string());
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(found.is_empty(), "unsafe outside src/console.rs: {found:?}");
}

/// French help at any width: a `:` or `;` never starts a line (the space
/// before it is a no-break space), and clap's headings are French with the
/// same space. The shipped binary wraps help (clap's `wrap_help`), as the
/// test binary does.
#[test]
fn french_help_never_starts_a_line_with_a_colon() {
    let env = Env::new();
    for width in ["40", "60", "80", "100"] {
        for cmd in [
            "check",
            "summary",
            "report",
            "record",
            "list",
            "import",
            "completions",
        ] {
            let out = env
                .command(&[cmd, "--help"])
                .env("COLUMNS", width)
                .output()
                .expect("run ptba");
            let h = String::from_utf8(out.stdout).expect("utf-8");
            for line in h.lines() {
                let t = line.trim_start();
                assert!(
                    !t.starts_with(':') && !t.starts_with(';'),
                    "{cmd} --help at {width} columns: a line starts with a sign: {line:?}\n{h}"
                );
            }
            assert!(h.contains("Options\u{a0}:\n"), "{h}");
            assert!(!h.contains("Options:"), "{h}");
            assert!(!h.contains("possible values"), "clap's English in: {h}");
        }
    }
}

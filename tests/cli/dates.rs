//! Dates of new records (SPEC §3, §4): `record` and `import` refuse a date
//! outside the plan year unless `--force`; `record` without `--date` outside
//! the plan year asks for one; the default as-of date never goes past the
//! plan year; dates in cells past 31/12/9999 or with two-digit years are
//! refused with the cell named.

use chrono::Datelike;

use crate::support::{Env, assert_unchanged, fill_template};

fn log_env() -> Env {
    let env = Env::new();
    env.fixture_as("log-base.toml", "plan.toml");
    env
}

fn snapshot(env: &Env) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut s = env.snapshot();
    s.remove(".plan.progress.toml.lock");
    s
}

#[test]
fn record_refuses_a_date_outside_the_plan_year_unless_forced() {
    let env = log_env();
    let before = snapshot(&env);
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2062-03-31",
        "--progress",
        "10",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "--date 31/03/2062 : hors de l'année du plan (2024) ; corriger la date, ou --force pour une vraie exception"
        ),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &snapshot(&env), "refused date");
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "2025-01-15",
        "--progress",
        "10",
        "--force",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        env.read_text("plan.progress.toml")
            .contains("date = 2025-01-15\n")
    );
}

#[test]
fn record_without_a_date_outside_the_plan_year_asks_for_one() {
    let env = log_env();
    let this_year = chrono::Local::now().year();
    assert_ne!(this_year, 2024, "this test needs a clock past 2024");
    let before = snapshot(&env);
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--progress",
        "10",
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "is outside the plan year (2024): give the date of the situation with --date (for instance --date 2024-12-31)"
        ),
        "{}",
        run.stderr
    );
    assert_unchanged(&before, &snapshot(&env), "no date");
    // A plan of this year takes today.
    env.write(
        "plan.toml",
        env.read_text("plan.toml")
            .replace("year = 2024", &format!("year = {this_year}")),
    );
    let run = env.run(&["record", "plan.toml", "a1", "--progress", "10"]);
    assert_eq!(run.code, 0, "{run:?}");
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    assert!(
        env.read_text("plan.progress.toml")
            .contains(&format!("date = {today}\n"))
    );
}

#[test]
fn the_default_as_of_date_stays_in_the_plan_year() {
    let env = log_env();
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"a1\"\ndate = 2024-06-30\nspent = 100_000\n\n\
         [[record]]\nactivity = \"a1\"\ndate = 2062-03-31\nprogress = 20\n",
    );
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(j["as_of"], "2024-12-31");
    let t = env.run(&["summary", "plan.toml"]);
    assert!(t.stdout.contains("Situation au 31/12/2024"), "{}", t.stdout);
    assert!(!t.stdout.contains("2062"), "{}", t.stdout);
    // Within the year: the latest record's date, as before.
    env.write(
        "plan.progress.toml",
        "[[record]]\nactivity = \"a1\"\ndate = 2024-06-30\nspent = 100_000\n",
    );
    let j = env
        .run(&["summary", "plan.toml", "--format", "json"])
        .json();
    assert_eq!(j["as_of"], "2024-06-30");
}

/// The import plan's template with rows 2 and 3 given a date and progress.
fn template(date2: &str, date3: &str) -> Env {
    let env = Env::new();
    env.fixture_as("import/plan.toml", "plan.toml");
    env.run(&["template", "plan.toml", "-o", "saisie.xlsx"])
        .ok();
    let cells: Vec<(String, String)> = [("G2", date2), ("I2", "30"), ("G3", date3), ("I3", "40")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    fill_template(&env.path("saisie.xlsx"), &env.path("rempli.xlsx"), &cells);
    env
}

#[test]
fn import_refuses_dates_outside_the_plan_year_naming_the_cells() {
    let env = template("30/06/2024", "31/03/2062");
    let before = snapshot(&env);
    let run = env.run(&["import", "plan.toml", "rempli.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "erreur[E035 new-record-outside-year]: date 31/03/2062 hors de l'année du plan (2024)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Saisie!G3"), "{}", run.stderr);
    assert!(!run.stderr.contains("Saisie!G2"), "{}", run.stderr);
    assert_unchanged(&before, &snapshot(&env), "refused import");
    let run = env.run(&["import", "plan.toml", "rempli.xlsx", "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn two_digit_years_are_refused_naming_the_cell() {
    let env = template("1/2/24", "30/06/2024");
    let run = env.run(&["import", "plan.toml", "rempli.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains(
            "« 1/2/24 » : année sur deux chiffres ; écrire l'année en entier (jj/mm/aaaa)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Saisie!G2"), "{}", run.stderr);
    // On the command line too.
    let env = log_env();
    let run = env.run(&[
        "record",
        "plan.toml",
        "a1",
        "--date",
        "1/2/24",
        "--progress",
        "5",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn a_date_cell_past_9999_is_refused_naming_the_cell() {
    let env = template("30/06/2024", "PLACEHOLDER");
    // Make G3 a number: the Excel serial of 01/01/10000.
    rewrite_cell(&env.path("rempli.xlsx"), "PLACEHOLDER", "2958466");
    let run = env.run(&["import", "plan.toml", "rempli.xlsx"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("date au-delà du 31/12/9999"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Saisie!G3"), "{}", run.stderr);
    assert!(!env.exists("plan.progress.toml"));
}

/// Turns the inline-string cell holding `marker` into a number cell.
fn rewrite_cell(path: &std::path::Path, marker: &str, number: &str) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let w = std::fs::File::create(path).unwrap();
    let mut zout = zip::ZipWriter::new(w);
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut body = String::new();
        e.read_to_string(&mut body).unwrap();
        let body = body.replace(
            &format!(" t=\"inlineStr\"><is><t>{marker}</t></is></c>"),
            &format!("><v>{number}</v></c>"),
        );
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(body.as_bytes()).unwrap();
    }
    zout.finish().unwrap();
}

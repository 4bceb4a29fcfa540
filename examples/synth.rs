//! A large synthetic plan and its progress log, for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example synth -- --activities 50000 --records 200000 --seed 1 -o big.toml
//! ```
//!
//! Writes `big.toml` and `big.progress.toml`: several axes, about ten
//! activities per action, six funding sources, indicators, and records spread
//! over the year. The same seed gives the same files.
//!
//! With `--format xlsx` (or an `-o` ending in `.xlsx`), writes the same plan
//! as one plan workbook instead (records in its Suivi sheet), as
//! `ptba convert big.toml -o big.xlsx` would:
//!
//! ```text
//! cargo run --release --example synth -- --activities 50000 --records 200000 --format xlsx -o big.xlsx
//! ```

use std::path::PathBuf;

struct Args {
    activities: usize,
    records: usize,
    seed: u64,
    output: PathBuf,
    xlsx: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        activities: 1000,
        records: 4000,
        seed: 1,
        output: PathBuf::from("synth.toml"),
        xlsx: false,
    };
    let mut format = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--activities" => {
                a.activities = value()?.parse().map_err(|e| format!("--activities: {e}"))?
            }
            "--records" => a.records = value()?.parse().map_err(|e| format!("--records: {e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "-o" | "--output" => a.output = PathBuf::from(value()?),
            "--format" => match value()?.as_str() {
                "toml" => format = Some(false),
                "xlsx" => format = Some(true),
                other => return Err(format!("--format {other}: toml or xlsx")),
            },
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if a.activities == 0 {
        return Err("--activities must be at least 1".into());
    }
    a.xlsx = format.unwrap_or_else(|| a.output.extension().is_some_and(|e| e == "xlsx"));
    Ok(a)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "synth: {e}\nusage: synth --activities N --records R --seed S [--format toml|xlsx] -o FILE"
            );
            std::process::exit(2);
        }
    };
    let (plan, log) = ptba::synth::generate(args.activities, args.records, args.seed);
    if args.xlsx {
        if let Err(e) = write_workbook(&plan, &log, &args.output) {
            eprintln!("synth: {e}");
            std::process::exit(2);
        }
        println!("{}", args.output.display());
        return;
    }
    let log_path = args.output.with_file_name(format!(
        "{}.progress.toml",
        args.output
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    if let Err(e) = std::fs::write(&args.output, plan).and_then(|_| std::fs::write(&log_path, log))
    {
        eprintln!("synth: {e}");
        std::process::exit(2);
    }
    println!("{} + {}", args.output.display(), log_path.display());
}

/// The plan and its log as one plan workbook.
fn write_workbook(plan: &str, log: &str, output: &std::path::Path) -> Result<(), String> {
    use ptba::i18n::Lang;
    let project = ptba::synth::project(plan, log)?;
    let mut wb =
        ptba::output::plan_workbook::build(&project, Lang::Fr).map_err(|e| e.to_string())?;
    ptba::output::xlsx::save(&mut wb, output, Lang::Fr).map_err(|e| e.to_string())
}

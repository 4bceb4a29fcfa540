//! ptba — annual work plans (PTBA / PTA): check, track progress, report.
//!
//! Data flows one way: `load` → `model` → `check` → `compute` → `output`.

pub mod check;
pub mod cli;
pub mod collect;
pub mod commands;
pub mod compute;
pub mod confusables;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod i18n;
pub mod init;
pub mod load;
pub mod model;
pub mod money;
pub mod output;
pub mod progress;
pub mod rollover;
pub mod synth;
pub mod text;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub use error::Error;
use i18n::Lang;

/// Runs the command line; returns the exit code, or an error (exit 2).
pub fn run<I, T>(args: I) -> Result<ExitCode, Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return Ok(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    let lang = cli.lang.map(|l| match l {
        cli::LangArg::Fr => Lang::Fr,
        cli::LangArg::En => Lang::En,
    });
    let msg_lang = lang.unwrap_or_default();
    use cli::Command;
    match &cli.command {
        Command::Check {
            plans,
            format,
            deny_warnings,
            all,
            input,
        } => commands::check(
            plans,
            *format,
            *deny_warnings,
            *all,
            msg_lang,
            &commands::load_options(input),
        ),
        Command::Summary {
            plans,
            calc,
            by,
            format,
            precision,
            input,
        } => commands::summary(
            plans,
            calc,
            *by,
            *format,
            *precision,
            lang,
            &commands::load_options(input),
        ),
        Command::Record(args) => commands::record(args, lang),
        Command::Report {
            plans,
            output,
            calc,
            scope,
            input,
        } => commands::excel::report(
            plans,
            output,
            calc,
            scope,
            lang,
            &commands::load_options(input),
        ),
        Command::Convert {
            input,
            output,
            force,
            input_args,
        } => commands::excel::convert(
            input,
            output,
            *force,
            lang,
            &commands::load_options(input_args),
        ),
        Command::Template(args) => collect::template(args, lang),
        Command::Import(args) => collect::import(args, lang),
        Command::Inspect(args) => commands::inspect::run(args, msg_lang),
        Command::Diff(args) => commands::diff::run(args, lang),
        Command::Rollover(args) => commands::rollover::run(args, lang),
        Command::Init {
            output,
            year,
            organization,
        } => commands::init(output.as_deref(), *year, organization.as_deref(), msg_lang),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut cli::Cli::command(), "ptba", &mut out);
            commands::emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

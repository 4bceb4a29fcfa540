//! ptba — annual work plans (PTBA / PTA): check, track progress, report.
//!
//! Data flows one way: `load` → `model` → `check` → `compute` → `output`.

pub mod check;
pub(crate) mod cli;
pub mod commands;
pub mod compute;
pub(crate) mod confusables;
pub mod console;
pub mod diagnostic;
pub(crate) mod diff;
pub(crate) mod error;
pub(crate) mod fsutil;
pub mod i18n;
pub mod layout;
pub mod load;
pub(crate) mod log_text;
pub mod model;
pub mod money;
pub mod output;
pub(crate) mod platform;
pub mod progress;
pub(crate) mod rollover;
pub(crate) mod session;
pub mod synth;
pub(crate) mod text;

use std::process::ExitCode;

pub use error::Error;
use i18n::Lang;

/// Runs the command line; an error carries the exit code
/// ([`Error::code`]: 1 invalid input, 2 usage or I/O).
pub fn run<I, T>(args: I) -> Result<(), Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match i18n::help::parse(args) {
        Ok(c) => c,
        // Help and version shown: success; a usage error already printed.
        Err(code) if code == ExitCode::SUCCESS => return Ok(()),
        Err(_) => return Err(Error::UsageShown),
    };
    console::decide(match cli.color {
        cli::ColorArg::Auto => console::ColorChoice::Auto,
        cli::ColorArg::Always => console::ColorChoice::Always,
        cli::ColorArg::Never => console::ColorChoice::Never,
    });
    let lang = cli.lang.map(|l| match l {
        cli::LangArg::Fr => Lang::Fr,
        cli::LangArg::En => Lang::En,
    });
    let msg_lang = lang.unwrap_or_default();
    fsutil::install_interrupt_handler();
    use cli::Command;
    match &cli.command {
        Command::Check(args) => commands::check::run(args, msg_lang),
        Command::Summary(args) => commands::summary::run(args, lang),
        Command::Record(args) => commands::record::run(args, lang),
        Command::Report(args) => commands::report::run(args, lang),
        Command::Convert(args) => commands::convert::run(args, lang),
        Command::Template(args) => commands::template::run(args, lang),
        Command::Import(args) => commands::import::run(args, lang),
        Command::Inspect(args) => commands::inspect::run(args, msg_lang),
        Command::List(args) => commands::list::run(args, lang),
        Command::History(args) => commands::history::run(args, lang),
        Command::Dashboard(args) => commands::dashboard::run(args, lang),
        Command::Diff(args) => commands::diff::run(args, lang),
        Command::Rollover(args) => commands::rollover::run(args, lang),
        Command::Init(args) => commands::init::run(args, msg_lang),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut i18n::help::command(msg_lang), "ptba", &mut out);
            session::emit(&String::from_utf8_lossy(&out))
        }
    }
}

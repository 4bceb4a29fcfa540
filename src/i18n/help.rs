//! The command line in the user's language: `--help`, usage errors and the
//! values of enumerated flags follow `--lang` / `PTBA_LANG` (French by
//! default), like every other message.
//!
//! clap speaks English only, so `src/cli.rs` stays a plain clap definition
//! and this module localises the built command at run time: every
//! subcommand's about and every argument's help come from [`HELP`], looked up
//! by argument id (`command.id` first, then `id`), and clap's usage errors
//! are rewritten in French from their parts. A test walks the whole command
//! and names every id without text in both languages.

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::cli::{Cli, LangArg};
use crate::i18n::Lang;

mod table;
use table::FRENCH_VALUES;
pub use table::HELP;

/// The help text of `id` in `command` (`None` for the root).
pub fn help_text(command: Option<&str>, id: &str, lang: Lang) -> Option<&'static str> {
    let specific = command.map(|c| format!("{c}.{id}"));
    let find = |key: &str| HELP.iter().find(|(k, _, _)| *k == key);
    specific
        .as_deref()
        .and_then(find)
        .or_else(|| find(id))
        .map(|(_, fr, en)| lang.pick(fr, en))
}

fn about_text(command: &str, lang: Lang) -> Option<&'static str> {
    HELP.iter()
        .find(|(k, _, _)| k.strip_prefix("cmd:") == Some(command))
        .map(|(_, fr, en)| lang.pick(fr, en))
}

/// `fr`, `FR`, `fr_FR.UTF-8`, `en-US`, `EN_us`, `english`… → the language.
pub fn parse_lang(s: &str) -> Option<Lang> {
    let s = s.trim();
    // Drop the encoding and modifier of a locale name (`fr_FR.UTF-8@euro`),
    // then the region (`fr_FR`, `en-US`).
    let s = s.split(['.', '@']).next().unwrap_or(s);
    let s = s.split(['_', '-']).next().unwrap_or(s);
    Lang::parse(s)
}

/// The value parser of `--lang` and `PTBA_LANG`.
pub fn lang_value(s: &str) -> Result<LangArg, String> {
    match parse_lang(s) {
        Some(Lang::Fr) => Ok(LangArg::Fr),
        Some(Lang::En) => Ok(LangArg::En),
        None => Err(match ui_lang() {
            Lang::Fr => "langue inconnue : fr ou en".to_string(),
            Lang::En => "unknown language: fr or en".to_string(),
        }),
    }
}

static UI_LANG: AtomicU8 = AtomicU8::new(0);

/// The language of the command line's messages, known before clap parses it
/// (for the messages of value parsers).
pub fn ui_lang() -> Lang {
    match UI_LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Fr,
    }
}

/// The language asked for on the command line (`--lang X`, `--lang=X`, up to
/// a `--`), else by `PTBA_LANG`, else French. An unknown value counts as
/// French here; clap then refuses it, in French.
pub fn arg_lang<T: AsRef<std::ffi::OsStr>>(args: &[T]) -> Lang {
    let asked = flag_value(args, "--lang").or_else(|| std::env::var("PTBA_LANG").ok());
    asked.as_deref().and_then(parse_lang).unwrap_or_default()
}

/// The last value given to `flag` (`--flag X` or `--flag=X`), up to a `--`.
fn flag_value<T: AsRef<std::ffi::OsStr>>(args: &[T], flag: &str) -> Option<String> {
    let mut it = args.iter().skip(1).map(|a| a.as_ref().to_string_lossy());
    let mut asked = None;
    let with_equals = format!("{flag}=");
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == flag {
            asked = it.next().map(|v| v.into_owned());
        } else if let Some(v) = a.strip_prefix(&with_equals) {
            asked = Some(v.to_string());
        }
    }
    asked
}

/// clap's own colours (help, errors in English) follow `--color` too.
fn clap_color<T: AsRef<std::ffi::OsStr>>(args: &[T]) -> clap::ColorChoice {
    match flag_value(args, "--color")
        .map(|v| v.to_lowercase())
        .as_deref()
    {
        Some("never" | "jamais") => clap::ColorChoice::Never,
        Some("always" | "toujours") => clap::ColorChoice::Always,
        _ => clap::ColorChoice::Auto,
    }
}

/// The whole command line, in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command()
        .bin_name("ptba")
        .subcommand_value_name(lang.pick("COMMANDE", "COMMAND"))
        .subcommand_help_heading(lang.pick("Commandes", "Commands"));
    cmd.build();
    localise(cmd, None, lang)
}

fn localise(cmd: Command, name: Option<&str>, lang: Lang) -> Command {
    let about = match name {
        None => help_text(None, "about", lang),
        Some(n) => about_text(n, lang),
    };
    let mut cmd = cmd.mut_args(|a| localise_arg(a, name, lang));
    if let Some(about) = about {
        let about = match lang {
            Lang::Fr => unbreakable(about),
            Lang::En => about.to_string(),
        };
        cmd = cmd.about(about).long_about(None);
    }
    if lang == Lang::Fr {
        let template = french_template(&cmd);
        cmd = cmd.help_template(template);
    }
    cmd.mut_subcommands(|sub| {
        let n = sub.get_name().to_string();
        localise(sub, Some(&n), lang)
    })
}

fn localise_arg(a: Arg, command: Option<&str>, lang: Lang) -> Arg {
    let a = native_paths(a);
    let id = a.get_id().as_str().to_string();
    let Some(text) = help_text(command, &id, lang) else {
        return a;
    };
    let mut text = text.to_string();
    let values = a.get_possible_values();
    let visible: Vec<_> = values.iter().filter(|v| !v.is_hide_set()).collect();
    let mut a = a;
    if command == Some("completions") && id == "shell" {
        // The help text names the shells already.
        a = a.hide_possible_values(true);
    } else if !visible.is_empty() {
        let names: Vec<String> = visible
            .iter()
            .map(|v| {
                let en = v.get_name();
                match (lang, french_value(en)) {
                    (Lang::Fr, Some(fr)) => format!("{fr} ({en})"),
                    _ => en.to_string(),
                }
            })
            .collect();
        text.push_str(&match lang {
            Lang::Fr => format!(" Valeurs : {}.", names.join(", ")),
            Lang::En => format!(" Values: {}.", names.join(", ")),
        });
        a = a.hide_possible_values(true).ignore_case(true);
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !matches!(a.get_action(), ArgAction::SetTrue | ArgAction::Help) {
        let d = defaults.join(", ");
        let d = match lang {
            Lang::Fr => french_value(&d).map_or(d.clone(), str::to_string),
            Lang::En => d,
        };
        text.push_str(&match lang {
            Lang::Fr => format!(" Défaut : {d}."),
            Lang::En => format!(" Default: {d}."),
        });
        a = a.hide_default_value(true);
    }
    if lang == Lang::Fr {
        text = unbreakable(&text);
    }
    a.help(text).long_help(None).hide_env(true)
}

/// French typography keeps a space before `:` and `;`; clap wraps help at
/// spaces, and would start a line with "Défaut\n : humain". A no-break
/// space (U+00A0) keeps the sign on the line of its word.
fn unbreakable(text: &str) -> String {
    text.replace(" :", "\u{a0}:").replace(" ;", "\u{a0};")
}

/// The French help page: clap's headings ("Arguments:", "Options:",
/// "Commands:") become "Arguments :", "Options :", "Commandes :", each shown
/// only when the command has such entries.
fn french_template(cmd: &Command) -> String {
    let mut t = String::from("{before-help}{about-with-newline}\nUtilisation\u{a0}: {usage}\n");
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        t.push_str("\nArguments\u{a0}:\n{positionals}\n");
    }
    if cmd.has_subcommands() {
        t.push_str("\nCommandes\u{a0}:\n{subcommands}\n");
    }
    if cmd.get_opts().any(|a| !a.is_hide_set())
        || cmd
            .get_arguments()
            .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        t.push_str("\nOptions\u{a0}:\n{options}\n");
    }
    t.push_str("{after-help}");
    t
}

/// On Windows, a path typed `plans/exemple.toml` is read as
/// `plans\exemple.toml`, so that it and every path made from it print with
/// one separator (see [`crate::platform::native`]).
fn native_paths(a: Arg) -> Arg {
    use clap::builder::TypedValueParser;
    if cfg!(windows)
        && a.get_value_parser().type_id() == std::any::TypeId::of::<std::path::PathBuf>()
    {
        let parser = clap::builder::PathBufValueParser::new()
            .map(|p: std::path::PathBuf| crate::platform::native(&p));
        a.value_parser(parser)
    } else {
        a
    }
}

fn french_value(en: &str) -> Option<&'static str> {
    FRENCH_VALUES
        .iter()
        .find(|(e, _)| *e == en)
        .map(|(_, fr)| *fr)
}

/// Every argument id and command without help text in both languages
/// (`command.id`), for the test that keeps the table complete.
pub fn undocumented() -> Vec<String> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut missing = Vec::new();
    walk(&cmd, None, &mut missing);
    missing
}

fn walk(cmd: &Command, name: Option<&str>, missing: &mut Vec<String>) {
    if let Some(n) = name
        && about_text(n, Lang::Fr).is_none()
    {
        missing.push(format!("cmd:{n}"));
    }
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if help_text(name, id, Lang::Fr).is_none() {
            missing.push(format!("{}.{id}", name.unwrap_or("ptba")));
        }
    }
    for sub in cmd.get_subcommands() {
        walk(sub, Some(sub.get_name()), missing);
    }
}

/// Parses the command line in the user's language. `Err` carries the exit
/// code once help, the version or a usage error has been printed.
pub fn parse<I, T>(args: I) -> Result<Cli, ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let lang = arg_lang(&args);
    UI_LANG.store(u8::from(lang == Lang::En), Ordering::Relaxed);
    let mut cmd = command(lang).color(clap_color(&args));
    let result = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => Ok(cli),
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            match (lang, e.kind()) {
                (
                    Lang::Fr,
                    ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand,
                )
                | (Lang::En, _) => {
                    let _ = e.print();
                }
                (Lang::Fr, _) => {
                    let sub = subcommand_of(&cmd, &args);
                    eprint!("{}", french_error(&e, &cmd, sub.as_deref()));
                }
            }
            Err(ExitCode::from(code))
        }
    }
}

/// The subcommand named on the command line, if any.
fn subcommand_of(cmd: &Command, args: &[OsString]) -> Option<String> {
    args.iter()
        .skip(1)
        .map(|a| a.to_string_lossy())
        .find(|a| cmd.find_subcommand(a.as_ref()).is_some())
        .map(|a| a.into_owned())
}

fn context_strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn first(e: &clap::Error, kind: ContextKind) -> String {
    context_strings(e, kind)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// A clap usage error, in French: the problem, a hint, the usage line, and
/// where to read more.
pub fn french_error(e: &clap::Error, cmd: &Command, sub: Option<&str>) -> String {
    let arg = first(e, ContextKind::InvalidArg);
    let value = first(e, ContextKind::InvalidValue);
    let mut tips: Vec<String> = Vec::new();
    let problem = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = french_values_of(cmd, sub, &arg)
                .unwrap_or_else(|| context_strings(e, ContextKind::ValidValue));
            if !valid.is_empty() {
                tips.push(format!("valeurs possibles : {}", valid.join(", ")));
            }
            if value.is_empty() {
                format!("une valeur est attendue après `{arg}`")
            } else {
                format!("valeur `{value}` invalide pour `{arg}`")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| french_reason(&s.to_string()))
                .unwrap_or_default();
            format!("valeur `{value}` invalide pour `{arg}` : {why}")
        }
        ErrorKind::UnknownArgument => {
            for s in context_strings(e, ContextKind::SuggestedArg) {
                tips.push(format!("un argument proche existe : `{s}`"));
            }
            format!("argument inattendu `{arg}`")
        }
        ErrorKind::InvalidSubcommand => {
            let name = first(e, ContextKind::InvalidSubcommand);
            for s in context_strings(e, ContextKind::SuggestedSubcommand) {
                tips.push(format!("vouliez-vous dire `{s}` ?"));
            }
            format!("commande inconnue `{name}`")
        }
        ErrorKind::MissingRequiredArgument => {
            let list = context_strings(e, ContextKind::InvalidArg);
            format!(
                "argument obligatoire absent : {}",
                list.iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        ErrorKind::MissingSubcommand => "une commande est attendue".to_string(),
        ErrorKind::ArgumentConflict => {
            let other = first(e, ContextKind::PriorArg);
            format!("`{arg}` ne peut pas être utilisé avec `{other}`")
        }
        ErrorKind::NoEquals => format!("`{arg}` s'écrit avec `=` suivi de la valeur"),
        ErrorKind::TooManyValues => {
            format!("valeur en trop `{value}` pour `{arg}`")
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour `{arg}`")
        }
        ErrorKind::InvalidUtf8 => "argument qui n'est pas de l'UTF-8 valide".to_string(),
        _ => format!("ligne de commande invalide ({})", e.kind()),
    };
    let mut out = format!("erreur : {problem}\n");
    if !tips.is_empty() {
        out.push('\n');
        for t in &tips {
            out.push_str(&format!("  astuce : {t}\n"));
        }
    }
    let usage = first(e, ContextKind::Usage);
    if let Some(u) = usage.strip_prefix("Usage:") {
        out.push_str(&format!("\nUtilisation : {}\n", u.trim()));
    }
    let help = match sub {
        Some(s) => format!("ptba {s} --help"),
        None => "ptba --help".to_string(),
    };
    out.push_str(&format!("\nPour en savoir plus : `{help}`.\n"));
    out
}

/// The accepted values of the argument shown as `--by <BY>`, French names
/// first.
fn french_values_of(cmd: &Command, sub: Option<&str>, shown: &str) -> Option<Vec<String>> {
    let long = shown.strip_prefix("--")?.split([' ', '=']).next()?;
    let c = match sub {
        Some(s) => cmd.find_subcommand(s)?,
        None => cmd,
    };
    let a = c.get_arguments().find(|a| a.get_long() == Some(long))?;
    let names: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match french_value(v.get_name()) {
            Some(fr) => format!("{fr} ({})", v.get_name()),
            None => v.get_name().to_string(),
        })
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The reasons clap's own number parsers give, in French.
fn french_reason(en: &str) -> String {
    if en.contains("cannot parse integer from empty string") {
        return "valeur vide".to_string();
    }
    if en.contains("invalid digit") || en.contains("cannot parse integer") {
        return "un nombre entier est attendu".to_string();
    }
    if en.contains("too large") || en.contains("too small") {
        return "nombre hors des limites".to_string();
    }
    if let Some((n, range)) = en.split_once(" is not in ") {
        if let Some((lo, hi)) = range.split_once("..=") {
            return format!("{n} n'est pas entre {lo} et {hi}");
        }
        return format!("{n} hors de l'intervalle {range}");
    }
    en.to_string()
}

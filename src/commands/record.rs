//! `ptba record`: appends one record to a plan's progress log.

use std::path::Path;

use rust_decimal::Decimal;

use crate::cli::RecordArgs;
use crate::diagnostic::{self, Code, Diagnostic, Files, Severity};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::model::{Loc, Project};
use crate::money;
use crate::output::summary as out;
use crate::progress::{self, NewRecord};

use crate::session::{emit, eprint, load, refuse_errors, sort_diags};

fn parse_number_arg(
    flag: &str,
    s: &str,
    signed: bool,
    currency: Option<&crate::money::Currency>,
    lang: Lang,
) -> Result<Decimal, Error> {
    // "1.250": 1 250 as a typed amount, 1.25 as a number — nothing in a
    // command line says which was meant.
    if let Some((thousands, decimal)) = money::ambiguity(s) {
        return Err(Error::Usage(i18n::commands::ambiguous_number(
            lang, flag, s, &thousands, &decimal,
        )));
    }
    let r = if signed {
        money::parse_decimal_in(s, currency)
    } else {
        money::parse_amount_in(s, currency)
    };
    r.map_err(|e| {
        let mut m = format!("--{flag} {s}: {}", e.message(lang));
        if e == money::AmountError::Negative && matches!(flag, "spent" | "committed") {
            m.push_str(i18n::commands::reverse_hint(lang));
        }
        Error::Usage(m)
    })
}

/// Builds the record from the command line (usage errors only; the rules of
/// the log are checked against the plan afterwards).
fn new_record(
    a: &RecordArgs,
    currency: &crate::money::Currency,
    year: i32,
    lang: Lang,
) -> Result<NewRecord, Error> {
    // The errors in the order a user fixes them: a given date, the status,
    // the indicators, then today outside the plan year.
    let given = a.date.map(|_| record_date(a, year, lang)).transpose()?;
    let status = a
        .status
        .as_deref()
        .map(|s| parse_status(s, lang))
        .transpose()?;
    let indicators = indicators(a, lang)?;
    let date = match given {
        Some(d) => d,
        None => record_date(a, year, lang)?,
    };
    let r = NewRecord {
        activity: a.activity.clone(),
        date,
        status,
        progress: a
            .progress
            .as_deref()
            // "40%", "40 %": the sign import accepts too.
            .map(|s| {
                let s = s.trim();
                let s = s.strip_suffix('%').map_or(s, str::trim_end);
                parse_number_arg("progress", s, true, None, lang)
            })
            .transpose()?,
        committed: a
            .committed
            .as_deref()
            .map(|s| parse_number_arg("committed", s, a.correction, Some(currency), lang))
            .transpose()?,
        spent: a
            .spent
            .as_deref()
            .map(|s| parse_number_arg("spent", s, a.correction, Some(currency), lang))
            .transpose()?,
        source: a.source.clone(),
        category: a.category.clone(),
        indicators,
        note: a.note.clone(),
        correction: a.correction,
    };
    refuse_incomplete(&r, lang)?;
    Ok(r)
}

/// The date of the record: `--date` within the plan year (unless
/// `--force`), else today, unless today is outside the plan year.
fn record_date(a: &RecordArgs, year: i32, lang: Lang) -> Result<chrono::NaiveDate, Error> {
    if let Some(d) = a.date {
        if !a.force && year != 0 && chrono::Datelike::year(&d) != year {
            return Err(Error::Usage(i18n::commands::record_date_outside_year(
                lang,
                out::format_date(d, lang),
                year,
            )));
        }
        return Ok(d);
    }
    // Today, unless today is outside the plan year: a 2025 plan recorded in
    // 2026 needs its date said.
    let today = chrono::Local::now().date_naive();
    if year != 0 && chrono::Datelike::year(&today) != year {
        return Err(Error::Usage(i18n::commands::today_outside_year(
            lang,
            out::format_date(today, lang),
            year,
        )));
    }
    Ok(today)
}

fn parse_status(s: &str, lang: Lang) -> Result<crate::model::Status, Error> {
    crate::model::Status::parse(s)
        .ok_or_else(|| Error::Usage(i18n::commands::record_unknown_status(lang, s)))
}

/// The `--indicator NAME=VALUE` values.
fn indicators(a: &RecordArgs, lang: Lang) -> Result<Vec<(String, Decimal)>, Error> {
    let mut indicators = Vec::new();
    for item in &a.indicators {
        let Some((name, value)) = item.rsplit_once('=') else {
            return Err(Error::Usage(i18n::commands::indicator_form(lang, item)));
        };
        indicators.push((
            name.trim().to_string(),
            parse_number_arg("indicator", value, true, None, lang)?,
        ));
    }
    Ok(indicators)
}

/// A correction says what it corrects and by how much; a record says
/// something.
fn refuse_incomplete(r: &NewRecord, lang: Lang) -> Result<(), Error> {
    if r.correction && r.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(Error::Usage(
            i18n::commands::correction_needs_note(lang).to_string(),
        ));
    }
    if r.correction && r.spent.is_none() && r.committed.is_none() {
        return Err(Error::Usage(
            i18n::commands::correction_needs_amount(lang).to_string(),
        ));
    }
    if r.status.is_none()
        && r.progress.is_none()
        && r.committed.is_none()
        && r.spent.is_none()
        && r.indicators.is_empty()
        && r.note.is_none()
    {
        return Err(Error::Usage(
            i18n::commands::nothing_to_record(lang).to_string(),
        ));
    }
    Ok(())
}

/// Appends records to a project's log: under the lock, re-reads the log,
/// validates the new text against the plan, and writes it atomically.
/// Returns the diagnostics of the new records (nothing is written if any is
/// an error) and the files to render them.
pub fn append_records(
    plan_path: &Path,
    project: &Project,
    records: &[NewRecord],
    lang: Lang,
) -> Result<(Files, Vec<Diagnostic>, bool), Error> {
    let (files, diags, outcome) = append_records_marked(plan_path, project, records, None, lang)?;
    Ok((files, diags, outcome == Appended::Written))
}

/// What [`append_records_marked`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Appended {
    Written,
    /// An error in the new records: nothing written.
    Refused,
    /// The log already has the marker: nothing written.
    AlreadyThere,
}

/// [`append_records`] with a marker: `(key, line)` writes the comment
/// `line` before the records, and, unless `force`, writes nothing when a
/// line of the log already starts with `key` (checked under the lock).
///
/// The folder of a log that does not exist yet (`[plan] progress =
/// "suivi/2024.toml"`) is created, once the records are known to be valid:
/// a refused record creates nothing.
pub(crate) fn append_records_marked(
    plan_path: &Path,
    project: &Project,
    records: &[NewRecord],
    marker: Option<(&str, &str, bool)>,
    lang: Lang,
) -> Result<(Files, Vec<Diagnostic>, Appended), Error> {
    let log = &project.log_path;
    let missing_dir = log
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
        .map(Path::to_path_buf);
    if let Some(dir) = &missing_dir {
        // No folder, no log: the records are checked against an empty one
        // (no lock needed), and the folder made only if they are valid.
        let dry = append_locked(plan_path, project, records, marker, lang, true)?;
        if dry.2 != Appended::Written {
            return Ok(dry);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::Io {
            path: dir.clone(),
            source: e,
        })?;
        eprint(&i18n::commands::log_folder_created(lang, dir.display()));
    }
    append_locked(plan_path, project, records, marker, lang, false)
}

/// Appends under the log's lock; `dry`: the log's folder does not exist, so
/// neither does the log: only checks the records against an empty log,
/// without locking or writing (`Written` then means "would be written").
fn append_locked(
    plan_path: &Path,
    project: &Project,
    records: &[NewRecord],
    marker: Option<(&str, &str, bool)>,
    lang: Lang,
    dry: bool,
) -> Result<(Files, Vec<Diagnostic>, Appended), Error> {
    let log = &project.log_path;
    let io = |e: std::io::Error| Error::Io {
        path: log.clone(),
        source: e,
    };
    // A log shared through a symlink is locked beside its target, where
    // every plan that links to it locks it; a read-only log is refused
    // before anything is checked or written.
    let _lock = if dry {
        None
    } else {
        crate::fsutil::refuse_read_only_file(log, lang)?;
        Some(progress::LogLock::acquire(&crate::fsutil::resolve(log)).map_err(io)?)
    };
    let old = if dry {
        None
    } else {
        progress::read_log(log).map_err(io)?
    };
    let mut files = Files::default();
    let old_text = match &old {
        Some(bytes) => match crate::load::decode(bytes, lang) {
            Ok(t) => t,
            Err((_, msg)) => {
                let id = files.add(log, None::<String>);
                return Ok((
                    files,
                    vec![Diagnostic::error(Code::Encoding, Loc::File(id), msg)],
                    Appended::Refused,
                ));
            }
        },
        None => "",
    };
    if let Some((key, _, false)) = marker
        && old_text.lines().any(|l| l.starts_with(key))
    {
        return Ok((files, Vec::new(), Appended::AlreadyThere));
    }
    let mut text = old_text.to_string();
    if old.is_none() {
        let name = plan_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        text.push_str(&progress::new_log_header(&name));
    } else if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    // Keep the original bytes (a BOM included) in front of what is added.
    let prefix_len = text.len();
    if let Some((_, line, _)) = marker {
        text.push('\n');
        text.push_str(line.trim_end());
        text.push('\n');
    }
    for r in records {
        text.push_str(&progress::render(r));
    }
    let text: std::sync::Arc<str> = text.into();
    let file = files.add(log, Some(text.clone()));
    let (parsed, mut diags) =
        crate::load::toml::parse_log_in(&text, file, lang, &project.plan.currency);
    let mut with_new = project.clone();
    with_new.records = parsed;
    diags.extend(crate::check::check(&with_new, lang));
    // Only what concerns the new records: the rest was there before.
    diags.retain(|d| match &d.loc {
        Loc::Span { file: f, start, .. } => *f == file && *start as usize >= prefix_len,
        _ => false,
    });
    sort_diags(&mut diags);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Ok((files, diags, Appended::Refused));
    }
    if dry {
        return Ok((files, diags, Appended::Written));
    }
    let mut bytes = old.unwrap_or_default();
    if bytes.is_empty() {
        bytes = text.as_bytes().to_vec();
    } else {
        if !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(&text.as_bytes()[prefix_len..]);
    }
    crate::fsutil::write_bytes(log, &bytes, lang)?;
    Ok((files, diags, Appended::Written))
}

pub fn run(a: &RecordArgs, cli_lang: Option<Lang>) -> Result<(), Error> {
    let lang = cli_lang.unwrap_or_default();
    let l = load(std::slice::from_ref(&a.plan), lang)?;
    refuse_errors(&l, lang, || {
        i18n::commands::record_plan_has_errors(lang).to_string()
    })?;
    let project = &l.projects[0];
    let r = new_record(a, &project.plan.currency, project.plan.year, lang)?;
    if super::import::records_in_workbook(project) {
        return Err(Error::Usage(i18n::commands::record_progress_in_workbook(
            lang,
            a.plan.display(),
        )));
    }
    let (files, mut diags, written) =
        append_records(&a.plan, project, std::slice::from_ref(&r), lang)?;
    super::origin::relocate(&mut diags, &files, 1, lang, |_, key, value| {
        flag_of(a, &r, key, value, lang)
    });
    for d in &diags {
        eprint(&(diagnostic::render_human(d, &files, lang) + "\n"));
    }
    if !written {
        eprint(i18n::commands::record_refused(lang));
        return Err(Error::Invalid);
    }
    emit(&i18n::commands::recorded(
        lang,
        &r.activity,
        out::format_date(r.date, lang),
        project.log_path.display(),
    ))?;
    Ok(())
}

/// The flag of `ptba record` that gave the field `key` of the record.
fn flag_of(
    a: &RecordArgs,
    r: &NewRecord,
    key: &str,
    value: &str,
    lang: Lang,
) -> Option<super::origin::Origin> {
    let flag = |name: &str, v: Option<&str>| v.map(|v| format!("--{name} {v}"));
    let label = match key {
        "activity" => Some(i18n::commands::activity_argument(lang, &a.activity)),
        "date" => Some(match a.date {
            Some(_) => format!("--date {}", r.date.format("%Y-%m-%d")),
            None => i18n::commands::date_not_given(lang, r.date.format("%Y-%m-%d")),
        }),
        "status" => flag("status", a.status.as_deref()),
        "progress" => flag("progress", a.progress.as_deref()),
        "spent" => flag("spent", a.spent.as_deref()),
        "committed" => flag("committed", a.committed.as_deref()),
        "source" => flag("source", a.source.as_deref()),
        "note" => Some("--note".to_string()),
        "indicators" => {
            let name = value.trim().trim_matches(['"', '\'']);
            a.indicators
                .iter()
                .find(|i| i.rsplit_once('=').is_some_and(|(n, _)| n.trim() == name))
                .or(a.indicators.first())
                .map(|i| format!("--indicator {i}"))
        }
        _ => None,
    }?;
    Some(super::origin::Origin {
        loc: Loc::None,
        label,
    })
}

//! From files to the model: reading bytes safely, then TOML (or, later,
//! workbooks) into `Plan` and `Record`s with diagnostics.

pub mod book;
pub(crate) mod cells;
pub(crate) mod families;
pub(crate) mod guard;
pub mod handmade;
pub(crate) mod logplace;
pub(crate) mod mapping;
pub(crate) mod pair;
pub mod plan_workbook;
pub mod scan;
pub mod template;
pub mod toml;
pub mod tree;
pub(crate) mod visual;

use crate::i18n;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Files};
use crate::i18n::Lang;
use crate::model::{FileId, Loc, Project};

/// Largest text file read: far above any real plan or log.
pub const MAX_TEXT_BYTES: u64 = 512 * 1024 * 1024;

/// An input that cannot be read at all (exit 2), as opposed to one that is
/// read and found invalid (diagnostics, exit 1).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A workbook that cannot be read: not a workbook, truncated, damaged.
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
}

impl LoadError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        LoadError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Frees a large value on another thread: at national scale, freeing
/// hundreds of thousands of records or cells takes longer than printing a
/// result, and the process may end before it is done.
pub fn free_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Reads a file as UTF-8 text. Encoding problems (UTF-16, binary, invalid
/// UTF-8) are diagnostics; a UTF-8 byte-order mark is dropped.
pub fn read_text(
    path: &Path,
    files: &mut Files,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Result<(FileId, Option<Arc<str>>), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::io(path, e))?;
    if meta.is_dir() {
        return Err(LoadError::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                i18n::load::is_a_directory(lang),
            ),
        ));
    }
    if !meta.is_file() {
        return Err(LoadError::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                i18n::load::not_a_regular_text_file(lang),
            ),
        ));
    }
    if meta.len() > MAX_TEXT_BYTES {
        let id = files.add(path, None::<String>);
        diags.push(Diagnostic::error(
            Code::TooLarge,
            Loc::File(id),
            i18n::load::text_file_too_large(lang, meta.len(), MAX_TEXT_BYTES),
        ));
        return Ok((id, None));
    }
    // Bounded by the bytes actually read, not by what the metadata said
    // (a file that grows while read, a special file that claims 0 bytes).
    let bytes = match read_bounded(path, MAX_TEXT_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => {
            let id = files.add(path, None::<String>);
            diags.push(Diagnostic::error(
                Code::TooLarge,
                Loc::File(id),
                i18n::load::text_file_grew_too_large(lang, MAX_TEXT_BYTES),
            ));
            return Ok((id, None));
        }
        Err(e) => return Err(LoadError::io(path, e)),
    };
    match decode(&bytes, lang) {
        Ok(text) => {
            // One copy, bytes to shared text (a national log is 30 MB).
            let text: Arc<str> = Arc::from(text);
            let id = files.add(path, Some(text.clone()));
            Ok((id, Some(text)))
        }
        Err((offset, message)) => {
            let id = files.add(path, None::<String>);
            let mut d = Diagnostic::error(Code::Encoding, Loc::File(id), message);
            if let Some(o) = offset {
                let line = bytes[..o].iter().filter(|&&b| b == b'\n').count() + 1;
                d.message = i18n::load::at_line(lang, d.message, line);
            }
            d.help = Some(i18n::load::save_as_utf8(lang).to_string());
            diags.push(d);
            Ok((id, None))
        }
    }
}

/// The bytes of a regular file, at most `max` (`None`: more than that).
pub fn read_bounded(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// Whether the project's log may be read and written where the plan puts
/// it ([`logplace::problem`]); if not, an E036 diagnostic at the plan's
/// `progress` key (or the plan), and its records stay empty.
pub fn log_place_ok(
    plan_path: &Path,
    project: &Project,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let progress = project.plan.progress.as_deref();
    match logplace::problem(plan_path, progress, &project.log_path, lang) {
        None => true,
        Some((message, help)) => {
            let loc = match (&project.plan.progress_loc, progress) {
                (Loc::None, _) | (_, None) => project.plan.loc.clone(),
                (l, Some(_)) => l.clone(),
            };
            diags.push(Diagnostic::error(Code::LogLocation, loc, message).with_help(help));
            false
        }
    }
}

/// UTF-8 text from bytes, or why not (with the byte offset of the problem).
pub fn decode(bytes: &[u8], lang: Lang) -> Result<&str, (Option<usize>, String)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((None, i18n::load::utf16(lang).to_string()));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Some(p) = body.iter().position(|&b| b == 0) {
        return Err((Some(p), i18n::load::nul_bytes(lang).to_string()));
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s),
        Err(e) => Err((
            Some(e.valid_up_to()),
            i18n::load::not_utf8(lang).to_string(),
        )),
    }
}

/// Where a plan's progress log is: `[plan] progress`, relative to the plan's
/// folder, or `<plan stem>.progress.toml` beside it.
pub fn log_path(plan_path: &Path, progress: Option<&str>) -> PathBuf {
    let dir = plan_path.parent().unwrap_or(Path::new(""));
    let path = match progress {
        Some(p) => dir.join(p),
        None => {
            let stem = plan_path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            dir.join(format!("{stem}.progress.toml"))
        }
    };
    // `[plan] progress = "suivi/2024.toml"` joined to `plans\` on Windows.
    crate::platform::native(&path)
}

/// How inputs are read: workbook limits, and for hand-made workbooks the
/// sheet and the mapping file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub limits: guard::Limits,
    /// `--sheet NAME`: the sheet holding the plan of a hand-made workbook.
    pub sheet: Option<String>,
    /// `--mapping FILE.toml`: headers → fields for a hand-made workbook.
    pub mapping: Option<PathBuf>,
}

/// Whether a path names a workbook (by extension): `.xlsx`, `.xlsm`, `.xls`, `.ods`.
fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "xlsx" | "xlsm" | "xls" | "ods"
        )
    })
}

/// Loads a plan and its progress log (absent log: no records). Diagnostics
/// here are the structural ones; `check::check` adds the rules of the plan.
pub fn load_project(
    path: &Path,
    files: &mut Files,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Result<Project, LoadError> {
    load_project_with(path, &LoadOptions::default(), files, lang, diags)
}

/// [`load_project`] with options; workbooks (by extension) are read by
/// [`plan_workbook::load`].
pub fn load_project_with(
    path: &Path,
    opts: &LoadOptions,
    files: &mut Files,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Result<Project, LoadError> {
    if is_workbook(path) {
        return plan_workbook::load(path, opts, files, lang, diags);
    }
    let (file, text) = read_text(path, files, lang, diags)?;
    let mut project = Project::default();
    project.plan.file = file;
    project.plan.loc = Loc::File(file);
    let Some(text) = text else {
        project.log_path = log_path(path, None);
        return Ok(project);
    };
    // The log is usually the default one beside the plan: read and parse it
    // while the plan is parsed; if the plan names another, parse that one after.
    let default_log = log_path(path, None);
    // Its diagnostics (encoding) count only if it is the plan's log.
    let mut default_diags = Vec::new();
    let default_allowed = logplace::problem(path, None, &default_log, lang).is_none();
    let default_text = match std::fs::metadata(&default_log) {
        Ok(_) if default_allowed => Some(read_text(&default_log, files, lang, &mut default_diags)?),
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(LoadError::io(&default_log, e)),
    };
    let ((plan, plan_diags), early) = std::thread::scope(|s| {
        let log = s.spawn(|| match &default_text {
            Some((id, Some(t))) => Some(toml::parse_log_pending(t, *id, lang)),
            _ => None,
        });
        (toml::parse_plan(&text, file, lang), log.join())
    });
    let plan_mark = pair::find(&text).map(str::to_string);
    drop(text);
    diags.extend(plan_diags);
    project.log_path = log_path(path, plan.progress.as_deref());
    project.plan = plan;
    if !log_place_ok(path, &project, lang, diags) {
        return Ok(project);
    }
    if project.log_path == default_log {
        diags.extend(default_diags);
        if let Some((_, Some(t))) = &default_text {
            check_pair(path, &project, plan_mark.as_deref(), t, lang, diags);
        }
        match early {
            Ok(Some((records, log_diags, pending))) => {
                diags.extend(log_diags);
                toml::check_log_currency(&pending, &project.plan.currency, lang, diags);
                if let Some((_, Some(t))) = &default_text {
                    project.imports = crate::log_text::import_marks(t);
                }
                project.records = records;
            }
            Ok(None) => {}
            Err(_) => {
                return Err(LoadError::io(
                    &default_log,
                    std::io::Error::other("log parser failed"),
                ));
            }
        }
        return Ok(project);
    }
    match std::fs::metadata(&project.log_path) {
        Ok(_) => {
            let (log_file, log_text) = read_text(&project.log_path, files, lang, diags)?;
            if let Some(log_text) = log_text {
                check_pair(path, &project, plan_mark.as_deref(), &log_text, lang, diags);
                let (records, log_diags) =
                    toml::parse_log_in(&log_text, log_file, lang, &project.plan.currency);
                diags.extend(log_diags);
                project.records = records;
                project.imports = crate::log_text::import_marks(&log_text);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(LoadError::io(&project.log_path, e)),
    }
    Ok(project)
}

/// An E037 diagnostic when the plan and its log carry different pair marks
/// ([`pair`]): a conversion interrupted between its two renames.
fn check_pair(
    plan_path: &Path,
    project: &Project,
    plan_mark: Option<&str>,
    log_text: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let plan_name = plan_path.display().to_string();
    let log_name = project.log_path.display().to_string();
    if let Some((message, help)) =
        pair::mismatch(plan_mark, pair::find(log_text), &plan_name, &log_name, lang)
    {
        diags.push(
            Diagnostic::error(Code::LogPair, project.plan.loc.clone(), message).with_help(help),
        );
    }
}

/// Reads the TOML progress log at `project.log_path` if it exists.
pub fn load_log(
    project: &mut Project,
    files: &mut Files,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Result<(), LoadError> {
    match std::fs::metadata(&project.log_path) {
        Ok(_) => {
            let (log_file, log_text) = read_text(&project.log_path, files, lang, diags)?;
            if let Some(log_text) = log_text {
                let (records, log_diags) =
                    toml::parse_log_in(&log_text, log_file, lang, &project.plan.currency);
                diags.extend(log_diags);
                project.records.extend(records);
                project
                    .imports
                    .extend(crate::log_text::import_marks(&log_text));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(LoadError::io(&project.log_path, e)),
    }
}

//! The output policy of every command that writes a file (SPEC §5), in one
//! place:
//!
//! - never onto one of the command's inputs (the same file by identity —
//!   device and inode on Unix — not by spelling), even with `--force`;
//! - never over an existing file without `--force`, never over a read-only
//!   file, never over a folder;
//! - only the extension the command writes;
//! - through a temporary file in the target's folder, locked while written,
//!   flushed, renamed over the target at the end; removed on every failure
//!   path (an error, a panic of a library, Ctrl-C, SIGTERM); one left by a
//!   killed process (SIGKILL, power cut) is removed by the next write of the
//!   same file;
//! - a symlink is written through to its target (the link stays a link);
//! - an error names the file or the folder, never the temporary file.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;
use crate::i18n::{self, Lang};

/// Temporary files being written, removed if the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Held during an uninterruptible section (the renames of a plan and its
/// log), so that a signal waits for the section to end.
static SECTION: Mutex<()> = Mutex::new(());
/// A stop was asked while a section was running: stop at its end.
static STOP_ASKED: AtomicBool = AtomicBool::new(false);
/// Exit code after SIGINT/SIGTERM: 128 + SIGINT, as shells report it.
const INTERRUPTED: i32 = 130;

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs the Ctrl-C / SIGTERM / SIGHUP handler that removes the
/// temporary files being written, then exits. Called once by `run`.
pub fn install_interrupt_handler() {
    let _ = ctrlc::try_set_handler(|| stop_now(INTERRUPTED));
}

/// Removes every temporary file being written and exits: waits for a
/// running uninterruptible section to finish first.
fn stop_now(code: i32) -> ! {
    let _section = SECTION.lock().unwrap_or_else(|e| e.into_inner());
    let mut list = pending();
    for p in list.drain(..) {
        let _ = fs::remove_file(p);
    }
    let _ = io::stderr()
        .write_all(crate::i18n::commands::files::interrupted(Lang::default()).as_bytes());
    std::process::exit(code)
}

/// Runs `f` with interruptions held back: a Ctrl-C or SIGTERM that arrives
/// meanwhile takes effect when `f` returns.
pub fn uninterrupted<T>(f: impl FnOnce() -> T) -> T {
    let guard = SECTION.lock().unwrap_or_else(|e| e.into_inner());
    IN_SECTION.with(|s| s.set(true));
    let out = f();
    IN_SECTION.with(|s| s.set(false));
    drop(guard);
    if STOP_ASKED.load(Ordering::SeqCst) {
        stop_now(INTERRUPTED);
    }
    out
}

thread_local! {
    static IN_SECTION: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Test builds only (debug assertions): `PTBA_FAILPOINT=N` stops the
/// process at the N-th write or rename of a file, as a signal would
/// (`N:term`, the default: temporary files removed, exit 130) or as a kill
/// would (`N:kill`: abort, nothing cleaned). Release builds have no
/// failpoints.
#[cfg(debug_assertions)]
pub fn failpoint(what: &str) {
    use std::sync::atomic::AtomicU32;
    static HITS: AtomicU32 = AtomicU32::new(0);
    let Ok(spec) = std::env::var("PTBA_FAILPOINT") else {
        return;
    };
    let (n, mode) = spec.split_once(':').unwrap_or((spec.as_str(), "term"));
    let hit = HITS.fetch_add(1, Ordering::SeqCst) + 1;
    if std::env::var_os("PTBA_FAILPOINT_TRACE").is_some() {
        eprintln!("failpoint {hit}: {what}");
    }
    if n.parse::<u32>().ok() != Some(hit) {
        return;
    }
    match mode {
        "kill" => std::process::abort(),
        _ => {
            if IN_SECTION.with(|s| s.get()) {
                STOP_ASKED.store(true, Ordering::SeqCst);
            } else {
                stop_now(INTERRUPTED);
            }
        }
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn failpoint(_what: &str) {}

/// The extension of a path, lowercased.
pub fn extension(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What makes a file the same file whatever its spelling: device and inode
/// on Unix, the canonical path elsewhere; for a file that does not exist
/// yet, the canonical path of its folder and its name.
#[derive(Debug, PartialEq, Eq)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(p: &Path) -> Option<Identity> {
    match fs::metadata(p) {
        Ok(_meta) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                Some(Identity::Inode(_meta.dev(), _meta.ino()))
            }
            #[cfg(not(unix))]
            {
                fs::canonicalize(p).ok().map(Identity::Path)
            }
        }
        Err(_) => {
            // A dangling symlink names the file it will create.
            if let Ok(target) = fs::read_link(p) {
                let target = folder_of(p).join(target);
                if target != p {
                    return identity(&target);
                }
            }
            let dir = fs::canonicalize(folder_of(p)).ok()?;
            Some(Identity::Path(dir.join(p.file_name()?)))
        }
    }
}

/// Whether two paths name the same file (existing or not).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (identity(a), identity(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// The folder of a path (`.` for a bare file name).
pub fn folder_of(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// An output file that passed the policy: write it with [`Output::write`].
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
}

/// Checks an output path against the policy: extension among `exts`, not
/// one of `inputs`, not a folder, not existing unless `force`, not
/// read-only.
pub fn output(
    path: &Path,
    exts: &[&str],
    inputs: &[&Path],
    force: bool,
    lang: Lang,
) -> Result<Output, Error> {
    let ext = extension(path);
    if !exts.contains(&ext.as_str()) {
        let wanted: Vec<String> = exts.iter().map(|e| format!(".{e}")).collect();
        return Err(Error::Usage(i18n::commands::files::wrong_extension(
            lang,
            path.display(),
            wanted.join(i18n::commands::files::or_word(lang)),
        )));
    }
    if let Some(i) = inputs.iter().find(|i| same_file(i, path)) {
        return Err(Error::Usage(i18n::commands::files::output_is_input(
            lang,
            path.display(),
            i.display(),
        )));
    }
    check_replaceable(path, force, lang)?;
    Ok(Output {
        path: path.to_path_buf(),
    })
}

/// Refuses a folder, an existing file without `force`, a read-only file.
pub fn check_replaceable(path: &Path, force: bool, lang: Lang) -> Result<(), Error> {
    let Ok(meta) = fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(Error::Usage(i18n::commands::files::output_is_folder(
            lang,
            path.display(),
        )));
    }
    if !force {
        return Err(Error::Usage(i18n::commands::files::output_exists(
            lang,
            path.display(),
        )));
    }
    refuse_read_only(path, &meta, lang)
}

/// Refuses `path` if it exists and is read-only (links followed).
pub fn refuse_read_only_file(path: &Path, lang: Lang) -> Result<(), Error> {
    match fs::metadata(path) {
        Ok(meta) => refuse_read_only(path, &meta, lang),
        Err(_) => Ok(()),
    }
}

/// A read-only file is never replaced (exit 2).
fn refuse_read_only(path: &Path, meta: &fs::Metadata, lang: Lang) -> Result<(), Error> {
    if meta.permissions().readonly() || !meta.is_file() {
        return Err(read_only(path, lang));
    }
    Ok(())
}

fn read_only(path: &Path, lang: Lang) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::PermissionDenied,
            i18n::commands::files::read_only_file(lang),
        ),
    }
}

/// Where a write lands: a symlink's final target (the link is kept).
pub fn resolve(path: &Path) -> PathBuf {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && let Ok(real) = fs::canonicalize(path)
    {
        return real;
    }
    path.to_path_buf()
}

/// Temporary files of `path` start with this (`.ptba-NAME-`).
pub fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".ptba-{name}-")
}

/// Removes the temporary files of `path` left by a writer that was killed
/// (SIGKILL, power cut): a live writer holds a lock on its temporary file,
/// a dead one does not. Returns how many were removed.
pub fn remove_stale_temps(path: &Path) -> usize {
    let prefix = temp_prefix(path);
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(&prefix) && n.ends_with(".tmp")
        })
        .filter(|e| {
            let Ok(f) = File::options().read(true).open(e.path()) else {
                return false;
            };
            f.try_lock().is_ok() && fs::remove_file(e.path()).is_ok()
        })
        .count()
}

/// A temporary file being written: removed when dropped unless persisted,
/// and removed by the interrupt handler meanwhile.
struct Temp {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Temp {
    fn new(target: &Path, lang: Lang) -> Result<Temp, Error> {
        let dir = folder_of(target);
        remove_stale_temps(target);
        let mut list = pending();
        let file = tempfile::Builder::new()
            .prefix(&temp_prefix(target))
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| folder_error(dir, &e, lang))?;
        // A lock tells a later writer that this file is not abandoned.
        let _ = file.as_file().try_lock();
        let path = file.path().to_path_buf();
        list.push(path.clone());
        Ok(Temp {
            file: Some(file),
            path,
        })
    }

    fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("temporary file").as_file_mut()
    }

    /// Renames the temporary file over `target`.
    fn persist(mut self, target: &Path, lang: Lang) -> Result<(), Error> {
        let file = self.file.take().expect("temporary file");
        let result = file.persist(target);
        pending().retain(|p| *p != self.path);
        match result {
            Ok(f) => {
                let _ = f.unlock();
                if let Ok(d) = File::open(folder_of(target)) {
                    let _ = d.sync_all();
                }
                Ok(())
            }
            // Replacing a file another program holds open (Excel on
            // Windows: access denied at the rename) is about that file, not
            // its folder: the system's error names it, in the user's words.
            Err(e) if e.error.kind() == io::ErrorKind::PermissionDenied && target.exists() => {
                Err(Error::Io {
                    path: target.to_path_buf(),
                    source: bare(&e.error),
                })
            }
            Err(e) => Err(file_error(target, &e.error, lang)),
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(f) = self.file.take() {
            let _ = f.close();
        }
        pending().retain(|p| *p != self.path);
    }
}

/// The OS error without the temporary path that `tempfile` adds.
fn bare(e: &io::Error) -> io::Error {
    match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code),
        None => io::Error::new(e.kind(), e.kind().to_string()),
    }
}

/// A write that failed in a folder (no space, no permission, missing).
fn folder_error(dir: &Path, e: &io::Error, lang: Lang) -> Error {
    let shown = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let hint = match e.kind() {
        io::ErrorKind::NotFound => i18n::commands::files::folder_missing(lang),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            i18n::commands::files::folder_not_writable(lang)
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded | io::ErrorKind::FileTooLarge => {
            i18n::commands::files::disk_full(lang)
        }
        _ => i18n::commands::files::check_folder(lang),
    };
    let detail = match e.raw_os_error() {
        Some(code) => format!(" ({})", io::Error::from_raw_os_error(code)),
        None => String::new(),
    };
    Error::Usage(i18n::commands::files::cannot_write_in_folder(
        lang,
        shown.display(),
        &detail,
        hint,
    ))
}

/// A write of `target` that failed: says the folder when the folder is the
/// problem, never the temporary file.
fn file_error(target: &Path, e: &io::Error, lang: Lang) -> Error {
    match e.kind() {
        io::ErrorKind::NotFound
        | io::ErrorKind::PermissionDenied
        | io::ErrorKind::ReadOnlyFilesystem
        | io::ErrorKind::StorageFull
        | io::ErrorKind::QuotaExceeded
        | io::ErrorKind::FileTooLarge => folder_error(folder_of(target), e, lang),
        _ => Error::Io {
            path: target.to_path_buf(),
            source: if e.raw_os_error().is_some() {
                bare(e)
            } else {
                io::Error::new(e.kind(), e.to_string())
            },
        },
    }
}

/// Runs `f`, turning a panic of a library (rust_xlsxwriter panics when its
/// temporary folder fills up) into an error; the panic message is not
/// printed.
pub fn no_panic<T>(
    lang: Lang,
    what: &Path,
    f: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    match r {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("");
            let tmp = std::env::temp_dir();
            Err(Error::Usage(i18n::commands::files::workbook_write_failed(
                lang,
                what.display(),
                msg.split(':').next().unwrap_or(msg).trim(),
                tmp.display(),
            )))
        }
    }
}

/// Replaces `path` with what `write` puts in a temporary file of the same
/// folder: flushed to disk, given the original's permissions (0644 for a
/// new file), renamed over it (through a symlink to its target). A
/// read-only file is refused. On any failure the temporary file is removed
/// and `path` is unchanged.
pub fn write_with(
    path: &Path,
    lang: Lang,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), Error> {
    let target = prepare(path, lang)?;
    let mut tmp = Temp::new(&target, lang)?;
    fill(&mut tmp, &target, lang, write)?;
    failpoint("rename");
    tmp.persist(&target, lang)
}

/// [`write_with`] with the bytes given.
pub fn write_bytes(path: &Path, bytes: &[u8], lang: Lang) -> Result<(), Error> {
    write_with(path, lang, |f| f.write_all(bytes))
}

/// The real file to replace, refused if read-only.
fn prepare(path: &Path, lang: Lang) -> Result<PathBuf, Error> {
    let target = resolve(path);
    if let Ok(meta) = fs::metadata(&target) {
        refuse_read_only(path, &meta, lang)?;
    }
    Ok(target)
}

fn fill(
    tmp: &mut Temp,
    target: &Path,
    lang: Lang,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), Error> {
    failpoint("write");
    let file = tmp.file();
    let written = no_panic(lang, target, || {
        write(file)
            .and_then(|_| file.sync_all())
            .map_err(|e| file_error(target, &e, lang))
    });
    written?;
    let perms = match fs::metadata(target) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                Some(fs::Permissions::from_mode(0o644))
            }
            #[cfg(not(unix))]
            {
                None
            }
        }
    };
    if let Some(p) = perms {
        tmp.file()
            .set_permissions(p)
            .map_err(|e| file_error(target, &e, lang))?;
    }
    Ok(())
}

/// Writes two files as a pair (a plan and its log): both written to
/// temporary files first, then renamed one after the other with
/// interruptions held back, so that Ctrl-C or SIGTERM never separates
/// them. (A kill that cannot be caught can; the pair marker written in
/// both files lets `load` explain it.)
pub fn write_pair(first: (&Path, &[u8]), second: (&Path, &[u8]), lang: Lang) -> Result<(), Error> {
    let t1 = prepare(first.0, lang)?;
    let t2 = prepare(second.0, lang)?;
    let mut tmp1 = Temp::new(&t1, lang)?;
    fill(&mut tmp1, &t1, lang, |f| f.write_all(first.1))?;
    let mut tmp2 = Temp::new(&t2, lang)?;
    fill(&mut tmp2, &t2, lang, |f| f.write_all(second.1))?;
    uninterrupted(|| {
        failpoint("rename");
        tmp1.persist(&t1, lang)?;
        failpoint("rename");
        tmp2.persist(&t2, lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_file_by_identity_not_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("plan.toml");
        fs::write(&a, "x").unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        assert!(same_file(&a, &sub.join("../plan.toml")));
        assert!(same_file(
            &dir.path().join("new.toml"),
            &sub.join("..").join("new.toml")
        ));
        assert!(!same_file(&a, &dir.path().join("other.toml")));
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.toml");
            fs::hard_link(&a, &hard).unwrap();
            assert!(same_file(&a, &hard));
            let link = dir.path().join("link.toml");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert!(same_file(&a, &link));
        }
    }

    #[test]
    fn failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.xlsx");
        fs::write(&out, "old").unwrap();
        let e = write_with(&out, Lang::En, |f| {
            f.write_all(b"half")?;
            Err(io::Error::other("boom"))
        })
        .unwrap_err();
        assert!(!e.to_string().contains(".ptba-"), "{e}");
        assert_eq!(fs::read(&out).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let e = write_with(&out, Lang::En, |_| panic!("Couldn't write to xml file")).unwrap_err();
        assert!(e.to_string().contains("TMPDIR"), "{e}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn abandoned_temporary_files_are_removed_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.xlsx");
        let dead = dir.path().join(".ptba-r.xlsx-dead.tmp");
        fs::write(&dead, "half").unwrap();
        let live_path = dir.path().join(".ptba-r.xlsx-live.tmp");
        let live = File::create(&live_path).unwrap();
        live.lock().unwrap();
        assert_eq!(remove_stale_temps(&out), 1);
        assert!(!dead.exists());
        assert!(live_path.exists());
    }
}

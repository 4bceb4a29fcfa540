//! Appending to a progress log without ever losing it: a lock on a sidecar
//! file, the existing text kept byte for byte, the result re-parsed and
//! validated, then written to a temporary file in the same folder and
//! renamed over the log.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

pub use crate::log_text::{
    IMPORT_MARK, NewRecord, comment_text, import_marks, new_log_header, number, render,
};

/// The sidecar lock file of a log: `.<name>.lock` beside it.
pub fn lock_path(log: &Path) -> PathBuf {
    let name = log
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    log.with_file_name(format!(".{name}.lock"))
}

/// An exclusive lock on a log, held until dropped. The OS releases it if the
/// process dies, so a killed writer never blocks the next one.
pub struct LogLock {
    file: File,
}

impl LogLock {
    pub fn acquire(log: &Path) -> std::io::Result<LogLock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path(log))?;
        file.lock()?;
        // Now no live writer owns a temporary file of this log.
        remove_stale_temps(log);
        Ok(LogLock { file })
    }
}

impl Drop for LogLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Reads the current log text (`None` when it does not exist yet), bounded
/// by the bytes actually read.
pub fn read_log(log: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match crate::load::read_bounded(log, crate::load::MAX_TEXT_BYTES) {
        Ok(Some(b)) => Ok(Some(b)),
        Ok(None) => Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            "log above the size limit",
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Removes temporary files left by a writer of `path` that was killed
/// before its rename ([`crate::fsutil::remove_stale_temps`]).
pub fn remove_stale_temps(path: &Path) -> usize {
    crate::fsutil::remove_stale_temps(path)
}

/// Replaces `path` with `contents` atomically ([`crate::fsutil::write_bytes`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    crate::fsutil::write_bytes(path, contents, crate::i18n::Lang::En)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn stale_temporary_files_are_removed_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("p.progress.toml");
        let other = dir.path().join(".ptba-q.progress.toml-abc.tmp");
        fs::write(dir.path().join(".ptba-p.progress.toml-x1.tmp"), "half").unwrap();
        fs::write(&other, "another log's").unwrap();
        let _lock = LogLock::acquire(&log).unwrap();
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert!(other.exists());
        assert_eq!(left.len(), 2, "{left:?}"); // the lock file and the other log's temp
        write_atomic(&log, b"x").unwrap();
        assert_eq!(fs::read(&log).unwrap(), b"x");
    }
}

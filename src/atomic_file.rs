//! Crash-safe file writes, shared by the cache and the exporters: a temporary file in the same
//! directory, synced, then renamed over the target. A killed run leaves the old file or the new
//! one, never half of either, and at most a temporary file named `.citegraph-tmp-*` that the
//! next run removes ([`tidy_dir`]). Also the lock a build holds on its output directory
//! ([`lock_dir`]), so two builds never mix their files.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};

/// How every temporary file of ours starts, so a later run knows it for litter.
pub const TEMP_PREFIX: &str = ".citegraph-tmp-";

/// How old a temporary file in a directory shared by concurrent runs (the cache) must be before
/// a run removes it: a live one is written and renamed within seconds, so one untouched this long
/// was left by a killed run.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// The advisory lock file a build holds in its output directory.
pub const LOCK_FILE: &str = ".citegraph.lock";

/// Writes `bytes` to `path` atomically, creating the parent directory if needed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_if(path, bytes, || Ok(()))
}

/// As [`write_atomically`], but calls `check` after the temporary file is written and just
/// before it replaces `path`; an error from `check` leaves `path` untouched (used to refuse
/// overwriting a file that changed since it was read).
pub fn write_atomically_if(path: &Path, bytes: &[u8], check: impl FnOnce() -> Result<()>) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the directory {}", dir.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // A plain `File::create` gives 0o666 less the umask; tempfile's default is 0o600, which would
    // make shared output unreadable to the group and others.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(said_once)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    check()?;
    tmp.persist(path).map_err(|e| said_once(e.error)).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The error with its cause said once: tempfile's errors display their cause and also return it
/// as their source, so an error chain printed with `{:#}` said it twice ("Is a directory (os
/// error 21): Is a directory (os error 21)").
fn said_once(error: std::io::Error) -> std::io::Error {
    match error.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(error.kind(), error.to_string()),
    }
}

/// Fails with a clear message when `dir` exists but is not a directory (`flag` names the option
/// that chose it), then removes the temporary files of ours ([`TEMP_PREFIX`], and `.tmp-XXXXXX`
/// of earlier versions) in it and in its direct subdirectories that were last modified at least
/// `stale_after` ago. Removal is best effort: a file that cannot be removed is left.
pub fn tidy_dir(dir: &Path, flag: &str, stale_after: Duration) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("{flag} {} is a file, not a directory: give a directory (it is created if missing)", dir.display());
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if let Ok(inner) = std::fs::read_dir(&path) {
                inner.flatten().for_each(|e| remove_if_stale(&e.path(), now, stale_after));
            }
        } else {
            remove_if_stale(&path, now, stale_after);
        }
    }
    Ok(())
}

/// Removes `path` if it is a temporary file of ours not modified for `stale_after`.
fn remove_if_stale(path: &Path, now: SystemTime, stale_after: Duration) {
    let ours = path.file_name().and_then(|n| n.to_str()).is_some_and(|name| {
        name.starts_with(TEMP_PREFIX)
            || name.strip_prefix(".tmp-").is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
    });
    if !ours {
        return;
    }
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    let age = meta.modified().ok().and_then(|m| now.duration_since(m).ok()).unwrap_or(Duration::ZERO);
    if meta.is_file() && age >= stale_after {
        let _ = std::fs::remove_file(path);
    }
}

/// An exclusive advisory lock on a directory, held until dropped.
#[derive(Debug)]
pub struct DirLock {
    _file: Option<File>,
    /// The lock file.
    pub path: PathBuf,
}

/// Creates `dir` if needed and takes the exclusive lock of [`LOCK_FILE`] in it without waiting;
/// fails at once, naming the directory, when another process (another build) holds it. `flag`
/// names the option that chose the directory. Holding the lock, it removes every temporary file
/// of ours in `dir` whatever its age ([`tidy_dir`]): no one else writes there meanwhile. On a
/// file system without locks, it goes on unlocked.
pub fn lock_dir(dir: &Path, flag: &str) -> Result<DirLock> {
    tidy_dir(dir, flag, STALE_AFTER)?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the directory {} (check {flag})", dir.display()))?;
    let path = dir.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open the lock file {} (check {flag})", path.display()))?;
    let file = match file.try_lock() {
        Ok(()) => Some(file),
        Err(std::fs::TryLockError::WouldBlock) => bail!(
            "another citegraph build is writing into {} (it holds {}): wait for it to finish, or give \
             another {flag}",
            dir.display(),
            path.display()
        ),
        Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => None,
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {} (check {flag})", path.display()));
        }
    };
    tidy_dir(dir, flag, Duration::ZERO)?;
    Ok(DirLock { _file: file, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_the_whole_file_and_leave_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("f.txt");
        write_atomically(&path, b"first, longer content").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> =
            std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["f.txt"]);
    }

    #[test]
    fn temporary_files_have_our_prefix_and_errors_say_their_cause_once() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        std::fs::create_dir_all(target.join("inside")).unwrap();
        let err = write_atomically(&target, b"x").unwrap_err();
        let text = format!("{err:#}");
        assert_eq!(text.matches("(os error").count(), 1, "{text}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["taken"], "the temporary file is removed after a failed rename");
    }

    #[test]
    fn tidying_removes_only_our_stale_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("batch");
        std::fs::create_dir_all(&sub).unwrap();
        let old = |p: &Path| {
            std::fs::write(p, b"x").unwrap();
            let past = SystemTime::now() - Duration::from_secs(3600);
            File::options().write(true).open(p).unwrap().set_modified(past).unwrap();
        };
        let (stale, legacy, fresh) =
            (sub.join(".citegraph-tmp-a1"), dir.path().join(".tmp-AbC123"), sub.join(".citegraph-tmp-b2"));
        let (theirs, entry) = (dir.path().join(".tmp-notes.txt"), sub.join("entry.json"));
        for p in [&stale, &legacy, &theirs, &entry] {
            old(p);
        }
        std::fs::write(&fresh, b"x").unwrap();
        tidy_dir(dir.path(), "--cache-dir", STALE_AFTER).unwrap();
        assert!(!stale.exists() && !legacy.exists());
        assert!(fresh.exists() && theirs.exists() && entry.exists());
        tidy_dir(dir.path(), "--cache-dir", Duration::ZERO).unwrap();
        assert!(!fresh.exists() && theirs.exists() && entry.exists());
        let err = tidy_dir(&entry, "--cache-dir", STALE_AFTER).unwrap_err().to_string();
        assert!(err.contains("--cache-dir") && err.contains("is a file"), "{err}");
    }

    #[test]
    fn a_locked_directory_cannot_be_locked_again_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let lock = lock_dir(&out, "--out-dir").unwrap();
        let err = format!("{:#}", lock_dir(&out, "--out-dir").unwrap_err());
        assert!(err.contains("another citegraph build") && err.contains(&out.display().to_string()), "{err}");
        drop(lock);
        lock_dir(&out, "--out-dir").unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn files_get_the_permissions_of_an_ordinary_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let atomic = dir.path().join("atomic.txt");
        let plain = dir.path().join("plain.txt");
        write_atomically(&atomic, b"x").unwrap();
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&atomic), mode(&plain));
    }
}

//! Crash-safe file writes, shared by the cache and the exporters: a temporary file in the same
//! directory, synced, then renamed over the target. A killed run leaves the old file or the new
//! one, never half of either.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

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
    builder.prefix(".tmp-");
    // A plain `File::create` gives 0o666 less the umask; tempfile's default is 0o600, which would
    // make shared output unreadable to the group and others.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp =
        builder.tempfile_in(dir).with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    check()?;
    tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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

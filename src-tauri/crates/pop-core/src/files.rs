//! Reading and writing the user's files (exports, imports) safely: a size limit before
//! reading, and writes that never leave half a file behind.

use crate::error::{CoreError, Result};
use std::path::Path;

fn file_error(path: &Path, e: &std::io::Error, writing: bool) -> CoreError {
    CoreError::File {
        path: path.to_owned(),
        reason: e.to_string(),
        writing,
    }
}

/// Reads a whole file of at most `max` bytes. The limit is enforced while reading (a
/// special file such as `/dev/zero` reports no size), and only regular files are read.
pub fn read_limited(path: &Path, max: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    // Look before opening: opening a FIFO for reading would wait for a writer.
    let before = std::fs::metadata(path).map_err(|e| file_error(path, &e, false))?;
    if !before.is_file() && !before.is_dir() {
        let e = std::io::Error::other("not a regular file");
        return Err(file_error(path, &e, false));
    }
    let file = std::fs::File::open(path).map_err(|e| file_error(path, &e, false))?;
    let meta = file.metadata().map_err(|e| file_error(path, &e, false))?;
    if meta.is_dir() {
        let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder");
        return Err(file_error(path, &e, false));
    }
    if !meta.is_file() {
        let e = std::io::Error::other("not a regular file");
        return Err(file_error(path, &e, false));
    }
    if meta.len() > max as u64 {
        return Err(CoreError::Import(
            crate::exchange::ImportProblem::TooLarge {
                bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            },
        ));
    }
    let mut bytes = Vec::new();
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(path, &e, false))?;
    if bytes.len() > max {
        return Err(CoreError::Import(
            crate::exchange::ImportProblem::TooLarge { bytes: bytes.len() },
        ));
    }
    Ok(bytes)
}

/// Refuses an output file that is the store or belongs to it (its WAL, lock files, a
/// backup, anything in `backups/`), through links and other spellings of the path: an
/// export must never overwrite the data it was made from.
pub fn check_output(store: &pop_store::Store, path: &Path) -> Result<()> {
    match store.path() {
        Some(db) if pop_store::backup::is_store_file(db, path) => Err(CoreError::OutputIsStore {
            path: path.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// Writes an export of `store` to `path` (see [`write_atomic`]), after [`check_output`].
pub fn write_output(store: &pop_store::Store, path: &Path, bytes: &[u8]) -> Result<()> {
    check_output(store, path)?;
    write_atomic(path, bytes)
}

/// Writes a file so that it is whole or not there: into a unique temporary file in the same
/// folder, flushed to disk, then renamed over the target. A symbolic link is written
/// through (its target is replaced, the link stays); a folder, a device or a FIFO as the
/// target is refused.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| file_error(path, &e, true))?
        }
        _ => path.to_owned(),
    };
    if let Ok(m) = std::fs::metadata(&target) {
        if !m.is_file() {
            let e = std::io::Error::other(if m.is_dir() {
                "is a folder"
            } else {
                "not a regular file"
            });
            return Err(file_error(path, &e, true));
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(|e| file_error(path, &e, true))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| file_error(path, &e, true))?;
    tmp.persist(&target)
        .map_err(|e| file_error(path, &e.error, true))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_is_complete_and_leaves_no_part_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.pop.json");
        write_atomic(&path, b"{}\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writing_into_a_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("nope/plan.pop.json"), b"{}").unwrap_err();
        assert!(
            matches!(err, CoreError::File { writing: true, .. }),
            "{err:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_special_file_is_not_read_and_not_written() {
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 1024).unwrap_err(),
            CoreError::File { writing: false, .. }
        ));
        assert!(matches!(
            write_atomic(Path::new("/dev/null"), b"x").unwrap_err(),
            CoreError::File { writing: true, .. }
        ));
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, b"old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        assert!(matches!(
            read_limited(&path, 1024).unwrap_err(),
            CoreError::Import(crate::exchange::ImportProblem::TooLarge { bytes: 2048 })
        ));
        assert_eq!(read_limited(&path, 4096).unwrap().len(), 2048);
    }
}

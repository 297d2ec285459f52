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

/// Reads a whole file, refusing anything larger than `max` bytes before reading it.
pub fn read_limited(path: &Path, max: usize) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| file_error(path, &e, false))?;
    if meta.is_dir() {
        let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder");
        return Err(file_error(path, &e, false));
    }
    if meta.len() > max as u64 {
        return Err(CoreError::Import(
            crate::exchange::ImportProblem::TooLarge {
                bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
            },
        ));
    }
    std::fs::read(path).map_err(|e| file_error(path, &e, false))
}

/// Writes next to the target first and renames, so a failed write never leaves half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            file_error(path, &e, true)
        })
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

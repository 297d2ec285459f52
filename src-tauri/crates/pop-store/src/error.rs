//! What can go wrong in the store.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database (or is damaged).
    #[error("{path} is not a Groeikoers database or is damaged")]
    NotADatabase { path: PathBuf },
    /// The file or its folder cannot be opened or written.
    #[error("cannot open {path}: {reason}")]
    CannotOpen { path: PathBuf, reason: String },
    /// The file was written by a newer Groeikoers.
    #[error(
        "{path} has schema version {found}; this version of Groeikoers supports up to {supported}"
    )]
    TooNew {
        path: PathBuf,
        found: usize,
        supported: usize,
    },
    /// The file is encrypted (or damaged in a way that cannot be told apart) and no
    /// passphrase was given.
    #[error("{path} is encrypted: a passphrase is needed")]
    NeedsPassphrase { path: PathBuf },
    /// The passphrase does not open the file (or the encrypted file is damaged).
    #[error("the passphrase does not open {path}")]
    WrongPassphrase { path: PathBuf },
    /// A backup file to restore cannot be used; the current store is untouched.
    #[error("backup {path} cannot be used: {reason}")]
    BadBackup { path: PathBuf, reason: String },
    /// Another program is re-keying or restoring the store; nothing was written.
    #[error("{path} is being re-keyed or restored by another program")]
    Swapping { path: PathBuf },
    /// The store was re-keyed or restored by another program since it was opened here, and
    /// the new file does not open with what this program has; nothing was written.
    #[error("{path} was re-keyed or restored by another program")]
    Replaced { path: PathBuf },
    /// Other programs kept writing, so a re-key or restore could not start; nothing changed.
    #[error("other programs kept writing to {path}")]
    KeptBusy { path: PathBuf },
    /// The checked copy of a re-key differs from the store it was made from; the store
    /// itself was not changed.
    #[error("the re-keyed copy {path} does not match the store")]
    CopyMismatch { path: PathBuf },
    #[error("migration failed: {0}")]
    Migration(String),
    /// A stored value does not fit the domain (for example a hand-edited row).
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    /// A use case refused the write inside a transaction; the transaction was rolled back.
    #[error("rejected: {0}")]
    Rejected(Box<dyn std::error::Error + Send + Sync>),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

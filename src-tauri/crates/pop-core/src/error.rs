//! Errors of the use cases and their shape at the IPC boundary.

use crate::messages;
use pop_domain::{Field, Language, ValidationError};
use pop_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of thing was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Person,
    Plan,
    JournalEntry,
    Clause,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{0}")]
    Validation(#[from] ValidationError),
    #[error("{what:?} {id} not found")]
    NotFound { what: Entity, id: String },
    /// The plan is no longer a draft; its content cannot change.
    #[error("plan {id} is locked")]
    Locked { id: String },
    /// The thing already exists (for example a plan imported twice).
    #[error("plan {id} already exists")]
    PlanExists { id: String },
    /// A version already has a next version; a second one is refused.
    #[error("plan {id} already has a next version {next}")]
    NextVersionExists { id: String, next: String },
    /// A sealed version whose seal no longer matches what it covers.
    #[error("the seal of plan {plan_id} is broken: {problems:?}")]
    SealBroken {
        plan_id: String,
        problems: Vec<pop_domain::seal::SealProblem>,
    },
    /// A package for a person not on this computer yet: choose one or make a new one.
    #[error("the person {full_name} is not known here")]
    PersonNeeded { full_name: String },
    /// A package in a person's exchange folder holds someone else's plan.
    #[error("the package belongs to another person")]
    OtherPerson,
    /// A package from a device that is not paired with this computer: nothing is imported
    /// until a person compares its fingerprint and pairs it.
    #[error("the package comes from device {name}, which is not paired here")]
    Unpaired { name: String, public_key: String },
    /// A signature, share or package from a key not paired for that party here.
    #[error("{part}: not accepted from {device}: {why:?}")]
    Untrusted {
        part: String,
        /// Who signed (empty for what is not a signature).
        signer: String,
        device: String,
        why: crate::pairing::Distrust,
    },
    /// A plan never seen here arrived through an exchange folder on the owner's computer: it
    /// waits until the owner looks at it and takes it in (or refuses it).
    #[error("a new plan {title} from {device} waits for confirmation")]
    ToConfirm { title: String, device: String },
    /// `exchange accept` of a file that is not (or no longer) the new plan listed as waiting.
    #[error("{file} is not a new plan waiting to be confirmed")]
    NotWaiting { file: String },
    /// The device's secret key is kept in the OS secret store, which has none for it here
    /// (a data file copied from another computer).
    #[error("the device key is not in this computer's secret store")]
    KeyMissing,
    /// An import would overwrite a draft edited on both computers.
    #[error("import conflict: {0:?}")]
    Conflict(crate::exchange::Conflict),
    /// A plan exchange file that cannot be read.
    #[error("import: {0:?}")]
    Import(crate::exchange::ImportProblem),
    /// A file not chosen by the user in a dialog of the app (the page named it).
    #[error("file {path:?} was not chosen in a dialog")]
    NotChosen { path: std::path::PathBuf },
    /// A file the user chose cannot be read or written.
    #[error("file {path:?}: {reason}")]
    File {
        path: std::path::PathBuf,
        reason: String,
        writing: bool,
    },
    /// An output file that is the store itself or belongs to it (WAL, a backup, ...).
    #[error("file {path:?} is the data file or belongs to it")]
    OutputIsStore { path: std::path::PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Validation(_) => ErrorCode::Validation,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Locked { .. } => ErrorCode::Locked,
            CoreError::PlanExists { .. } => ErrorCode::Conflict,
            CoreError::NextVersionExists { .. } => ErrorCode::Conflict,
            CoreError::SealBroken { .. } => ErrorCode::Storage,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::PersonNeeded { .. } => ErrorCode::Validation,
            CoreError::OtherPerson => ErrorCode::Validation,
            CoreError::Unpaired { .. } => ErrorCode::Unpaired,
            CoreError::ToConfirm { .. } => ErrorCode::Validation,
            CoreError::NotWaiting { .. } => ErrorCode::Validation,
            CoreError::KeyMissing => ErrorCode::Storage,
            CoreError::Untrusted { .. } => ErrorCode::Validation,
            CoreError::Import(_) => ErrorCode::Validation,
            CoreError::File { .. } => ErrorCode::Io,
            CoreError::NotChosen { .. } => ErrorCode::Io,
            CoreError::OutputIsStore { .. } => ErrorCode::Io,
            CoreError::Store(StoreError::CannotOpen { .. }) => ErrorCode::Io,
            CoreError::Store(
                StoreError::NeedsPassphrase { .. } | StoreError::WrongPassphrase { .. },
            ) => ErrorCode::Passphrase,
            CoreError::Store(StoreError::BadBackup { .. }) => ErrorCode::Io,
            CoreError::Store(_) => ErrorCode::Storage,
        }
    }

    pub fn field(&self) -> Option<Field> {
        match self {
            CoreError::Validation(v) => Some(v.field),
            CoreError::PersonNeeded { .. } => Some(Field::Person),
            _ => None,
        }
    }

    /// The error as the UI receives it, with its message in `lang`.
    pub fn to_command_error(&self, lang: Language) -> CommandError {
        CommandError {
            code: self.code(),
            message: messages::describe(self, lang),
            field: self.field(),
        }
    }
}

/// The kinds of failure the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub enum ErrorCode {
    NotFound,
    Validation,
    Conflict,
    Locked,
    Storage,
    Io,
    /// A package from a device not paired here: the UI asks to compare and pair.
    Unpaired,
    /// The store is encrypted and locked, or the passphrase given does not open it.
    Passphrase,
    Internal,
}

/// Every failed command reaches the UI in this shape; `message` is in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<Field>,
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

pub type Result<T> = std::result::Result<T, CoreError>;

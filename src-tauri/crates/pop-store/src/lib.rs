//! The Groeikoers store: one SQLite file, opened safely, migrated from append-only SQL files,
//! with one repository module per table.

pub mod backup;
pub mod budget;
pub mod device;
pub mod direction;
pub mod due;
pub mod error;
pub mod exchange;
pub(crate) mod gate;
pub mod journal;
mod open;
pub mod pairing;
pub mod people;
pub mod plans;
pub mod privacy;
pub mod rhythm;
pub mod settings;
pub mod signing;

pub use error::StoreError;
pub use open::{migrations, probe, supported_schema_version, FileState, Store, StoreStamp};
pub use rusqlite;

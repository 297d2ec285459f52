//! The Groeikoers store: one SQLite file, opened safely, migrated from append-only SQL files,
//! with one repository module per table.

pub mod error;
pub mod people;
pub mod settings;
mod open;

pub use error::StoreError;
pub use rusqlite;
pub use open::{migrations, supported_schema_version, Store};

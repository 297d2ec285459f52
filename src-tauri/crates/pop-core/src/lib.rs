//! Groeikoers use cases. Each public function is one thing a user can ask for, from the
//! app (through a thin Tauri command of the same name) or from `groeikoers-cli`.

pub mod budget;
pub mod calendar;
pub mod demo;
pub mod device;
pub mod direction;
pub mod documents;
pub mod employer_share;
pub mod error;
pub mod examples;
pub mod exchange;
pub mod files;
pub mod folder;
pub mod journal;
pub mod messages;
pub mod overview;
pub mod package;
pub mod pairing;
pub mod paths;
pub mod people;
pub mod plans;
pub mod privacy;
pub mod results;
pub mod review;
pub mod rhythm;
pub mod security;
pub mod settings;
pub mod signing;

pub use error::{CommandError, CoreError, ErrorCode};
pub use pop_domain as domain;
pub use pop_store as store;
pub use pop_store::Store;

/// A new stable id: UUIDv7, sortable by creation time and unique across machines.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

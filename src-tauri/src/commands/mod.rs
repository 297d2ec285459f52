//! Tauri commands: each one a thin call of the `pop_core` use case of the same name.

pub mod budget;
pub mod direction;
pub mod files;
pub mod journal;
pub mod people;
pub mod plans;
pub mod privacy;
pub mod rhythm;
pub mod security;
pub mod settings;
pub mod signing;

//! Where the database lives, the same for the app and the CLI.

use std::path::PathBuf;

/// The app identifier; also the name of the data folder.
pub const APP_IDENTIFIER: &str = "nl.groeikoers.desktop";
/// The database file name inside the data folder.
pub const DB_FILE_NAME: &str = "groeikoers.sqlite3";
/// Environment variable that points the app (and the CLI) at another database file.
pub const DB_ENV: &str = "GROEIKOERS_DB";

/// `$GROEIKOERS_DB` when set, otherwise the file in the OS app-data folder
/// (Linux: `~/.local/share/nl.groeikoers.desktop/groeikoers.sqlite3`).
pub fn default_db_path() -> PathBuf {
    match std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join(APP_IDENTIFIER)
            .join(DB_FILE_NAME),
    }
}

//! The passphrase, locking, and backups: thin calls of `pop_core::security`.

use crate::confirm::{confirm, Act};
use crate::state::AppStore;
use pop_core::domain::AppState;
use pop_core::security::{self, BackupInfo, SecurityState};
use pop_core::{settings, CommandError};
use tauri::{AppHandle, State};

/// Opens the encrypted store with the passphrase; then the app state as at start.
#[tauri::command(async)]
pub fn unlock(state: State<'_, AppStore>, passphrase: String) -> Result<AppState, CommandError> {
    state.unlock(&passphrase)?;
    state.run(|store, _| settings::get_app_state(store))
}

/// Locks the app: the encrypted store is closed until the passphrase is given again.
/// Returns false when there is no passphrase to lock with.
#[tauri::command(async)]
pub fn lock_app(state: State<'_, AppStore>) -> Result<bool, CommandError> {
    state.lock()
}

#[tauri::command(async)]
pub fn security_state(state: State<'_, AppStore>) -> Result<SecurityState, CommandError> {
    state.run(|store, _| security::security_state(store))
}

/// Turns encryption on (`current` none), changes the passphrase, or turns it off (`new`
/// none).
#[tauri::command(async)]
pub fn set_passphrase(
    app: AppHandle,
    state: State<'_, AppStore>,
    current: Option<String>,
    new: Option<String>,
    repeat: Option<String>,
) -> Result<SecurityState, CommandError> {
    let encrypted = state.run(|store, _| Ok(store.is_encrypted()))?;
    let act = match (encrypted, &new) {
        (false, _) => Act::Encrypt,
        (true, Some(_)) => Act::ChangePassphrase,
        (true, None) => Act::Decrypt,
    };
    confirm(&app, state.lang_while_locked(), act)?;
    state.run(|store, _| {
        let pair = new
            .as_deref()
            .map(|n| (n, repeat.as_deref().unwrap_or_default()));
        security::set_passphrase(store, current.as_deref(), pair)
    })
}

#[tauri::command(async)]
pub fn set_security_options(
    app: AppHandle,
    state: State<'_, AppStore>,
    backup_keep: u32,
    lock_minutes: u32,
) -> Result<SecurityState, CommandError> {
    let now = state.run(|store, _| security::security_state(store))?;
    let keep = backup_keep.max(1) as usize;
    if now.backups.len() > keep {
        let removed = now.backups.len() - keep;
        confirm(
            &app,
            state.lang_while_locked(),
            Act::Prune { keep, removed },
        )?;
    }
    state.run(|store, _| security::set_security_options(store, backup_keep, lock_minutes))
}

#[tauri::command(async)]
pub fn make_backup(state: State<'_, AppStore>) -> Result<BackupInfo, CommandError> {
    state.run(|store, _| security::make_backup(store, "manual"))
}

/// Replaces the store with a backup (the current store is backed up first).
#[tauri::command(async)]
pub fn restore_backup(
    app: AppHandle,
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    path: String,
    passphrase: Option<String>,
) -> Result<SecurityState, CommandError> {
    confirm(&app, state.lang_while_locked(), Act::Restore)?;
    state.run(|store, _| {
        // A backup of the list (in the store's backup folder), or a file chosen in a dialog.
        let path = if security::is_backup(store, &path) {
            std::path::PathBuf::from(&path)
        } else {
            files.check_read(&path)?
        };
        security::restore_backup(store, &path, passphrase.as_deref())
    })
}

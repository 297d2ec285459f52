//! Keeping the data safe: the passphrase that encrypts the store (turn on, change, turn
//! off), rolling backups (daily, before every migration and re-key, keep the last N),
//! restoring a backup, and the idle time after which the app locks.

use crate::error::{CoreError, Result};
use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use pop_domain::{Field, Problem, ValidationError};
use pop_store::backup::{list_backups as files, prune, prune_except, BackupFile};
use pop_store::{settings, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Shortest passphrase accepted.
pub const MIN_PASSPHRASE: usize = 8;
/// Longest passphrase accepted (in characters).
pub const MAX_PASSPHRASE: usize = 1024;
/// How many backups are kept unless the user chooses otherwise.
pub const DEFAULT_KEEP: u32 = 10;
pub const MAX_KEEP: u32 = 100;
/// Longest idle time that can be chosen before the app locks, in minutes.
pub const MAX_LOCK_MINUTES: u32 = 24 * 60;

const KEEP_KEY: &str = "backup_keep";
const LOCK_KEY: &str = "lock_minutes";

/// A backup as the settings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// Local time the backup was made, `YYYY-MM-DDTHH:MM:SS`.
    pub made_at: String,
    /// Why it was made: `daily`, `manual`, `before-restore`, `before-passphrase`,
    /// `before-migration-vN`.
    pub reason: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// It does not open with the current passphrase (made under another one, or damaged):
    /// restoring it asks for its passphrase.
    pub needs_other_passphrase: bool,
}

/// Everything the "Security and backups" settings show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecurityState {
    pub encrypted: bool,
    /// Minutes without use before the app locks (0: never). Only used when encrypted.
    pub lock_minutes: u32,
    pub backup_keep: u32,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
    pub backup_folder: Option<String>,
}

fn made_at(stamp: &str) -> String {
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S")
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_default()
}

fn info(b: BackupFile) -> BackupInfo {
    BackupInfo {
        file_name: b
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: b.path.display().to_string(),
        made_at: made_at(&b.stamp),
        reason: b.reason,
        size_bytes: b.size,
        needs_other_passphrase: false,
    }
}

fn number(store: &Store, key: &str, default: u32) -> u32 {
    settings::get(store.conn(), key)
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn backup_keep(store: &Store) -> u32 {
    number(store, KEEP_KEY, DEFAULT_KEEP).clamp(1, MAX_KEEP)
}

pub fn lock_minutes(store: &Store) -> u32 {
    number(store, LOCK_KEY, 0).min(MAX_LOCK_MINUTES)
}

/// Whether `path` is one of the store's backups, told by the listing alone (no backup is
/// opened).
pub fn is_backup(store: &Store, path: &str) -> bool {
    store
        .path()
        .is_some_and(|p| files(p).iter().any(|b| b.path.as_os_str() == path))
}

/// The backups of the store, newest first (none for a store in memory).
pub fn list_backups(store: &Store) -> Vec<BackupInfo> {
    store
        .path()
        .map(|p| {
            files(p)
                .into_iter()
                .map(|b| {
                    let opens = pop_store::backup::backup_opens(&b.path, store.key_for_backups());
                    BackupInfo {
                        needs_other_passphrase: !opens,
                        ..info(b)
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

pub fn security_state(store: &Store) -> Result<SecurityState> {
    Ok(SecurityState {
        encrypted: store.is_encrypted(),
        lock_minutes: lock_minutes(store),
        backup_keep: backup_keep(store),
        backups: list_backups(store),
        backup_folder: store
            .path()
            .map(|p| pop_store::backup::backup_dir(p).display().to_string()),
    })
}

/// Sets how many backups are kept (1–100) and the idle minutes before locking (0–1440).
pub fn set_security_options(
    store: &mut Store,
    backup_keep: u32,
    lock_minutes: u32,
) -> Result<SecurityState> {
    if !(1..=MAX_KEEP).contains(&backup_keep) {
        return Err(ValidationError::new(
            Field::BackupKeep,
            Problem::OutOfRange {
                min: 1,
                max: i64::from(MAX_KEEP),
            },
        )
        .into());
    }
    if lock_minutes > MAX_LOCK_MINUTES {
        return Err(ValidationError::new(
            Field::LockMinutes,
            Problem::OutOfRange {
                min: 0,
                max: i64::from(MAX_LOCK_MINUTES),
            },
        )
        .into());
    }
    store.write(|tx| {
        settings::set(tx, KEEP_KEY, &backup_keep.to_string())?;
        settings::set(tx, LOCK_KEY, &lock_minutes.to_string())
    })?;
    if let Some(p) = store.path() {
        prune(p, backup_keep as usize)?;
    }
    security_state(store)
}

/// Makes a backup now into the backup folder and keeps the newest N.
pub fn make_backup(store: &Store, reason: &str) -> Result<BackupInfo> {
    let path = store.backup(reason)?;
    let keep = backup_keep(store) as usize;
    let db = store.path().map(Path::to_path_buf).unwrap_or_default();
    prune(&db, keep)?;
    Ok(files(&db)
        .into_iter()
        .find(|b| b.path == path)
        .map(info)
        .unwrap_or(BackupInfo {
            file_name: String::new(),
            path: path.display().to_string(),
            made_at: String::new(),
            reason: reason.to_owned(),
            size_bytes: 0,
            needs_other_passphrase: false,
        }))
}

/// Writes a backup of the store to a file the user chose (encrypted when the store is).
pub fn backup_to_file(store: &Store, path: &Path) -> Result<()> {
    crate::files::check_output(store, path)?;
    store.backup_to(path).map_err(|e| CoreError::File {
        path: path.to_owned(),
        reason: e.to_string(),
        writing: true,
    })
}

/// The daily backup: made when the newest backup is older than a day (or there is none),
/// once the first run is done (a store with nothing in it needs none).
/// Returns the backup made, if any.
pub fn daily_backup(store: &Store, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
    let Some(db) = store.path() else {
        return Ok(None);
    };
    if !crate::settings::get_settings(store)?.onboarded {
        return Ok(None);
    }
    let newest = files(db).into_iter().find_map(|b| {
        let t = NaiveDateTime::parse_from_str(&b.stamp, "%Y%m%d-%H%M%S").ok()?;
        Local.from_local_datetime(&t).earliest()
    });
    match newest {
        Some(t) if now.signed_duration_since(t) < chrono::Duration::hours(24) => Ok(None),
        _ => make_backup(store, "daily").map(Some),
    }
}

/// Restores the backup at `path`: the current store is backed up first, then replaced.
/// `passphrase` is needed when the backup was made under another passphrase.
pub fn restore_backup(
    store: &mut Store,
    path: &Path,
    passphrase: Option<&str>,
) -> Result<SecurityState> {
    // Check the backup first: a refused restore changes nothing, not even `backups/`.
    let ready = store.prepare_restore(path, passphrase.filter(|p| !p.is_empty()))?;
    let made = store.backup("before-restore");
    let made = made.and_then(|_| {
        let db = store.path().map(Path::to_path_buf).unwrap_or_default();
        // The backup being restored is never the one pruned.
        prune_except(&db, backup_keep(store) as usize, Some(path))
    });
    if let Err(e) = made {
        ready.discard();
        return Err(e.into());
    }
    store.finish_restore(ready)?;
    security_state(store)
}

fn check_new(new: &str, repeat: &str) -> Result<()> {
    let n = new.chars().count();
    if n < MIN_PASSPHRASE {
        return Err(ValidationError::new(
            Field::NewPassphrase,
            Problem::TooShort {
                min: MIN_PASSPHRASE,
            },
        )
        .into());
    }
    if n > MAX_PASSPHRASE {
        return Err(ValidationError::new(
            Field::NewPassphrase,
            Problem::TooLong {
                max: MAX_PASSPHRASE,
                actual: n,
            },
        )
        .into());
    }
    if new.chars().any(char::is_control) {
        return Err(ValidationError::new(Field::NewPassphrase, Problem::ControlCharacters).into());
    }
    if new != repeat {
        return Err(ValidationError::new(Field::NewPassphrase, Problem::Mismatch).into());
    }
    Ok(())
}

/// Turns encryption on, changes the passphrase, or (with `new` = `None`) turns it off.
/// For an encrypted store the current passphrase must be given. A backup is made first;
/// the re-key itself is crash-safe (see `pop_store::backup`). The backups are re-keyed too.
pub fn set_passphrase(
    store: &mut Store,
    current: Option<&str>,
    new: Option<(&str, &str)>,
) -> Result<SecurityState> {
    if store.is_encrypted() && !store.key_matches(current.unwrap_or_default()) {
        return Err(ValidationError::new(Field::Passphrase, Problem::WrongPassphrase).into());
    }
    if let Some((new, repeat)) = new {
        check_new(new, repeat)?;
    } else if !store.is_encrypted() {
        // Nothing to remove: refused, and nothing changes.
        return Err(ValidationError::new(Field::Passphrase, Problem::NotEncrypted).into());
    }
    store.rekey_after_backup(new.map(|(n, _)| n), "before-passphrase")?;
    if let Some(db) = store.path().map(Path::to_path_buf) {
        prune(&db, backup_keep(store) as usize)?;
    }
    security_state(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path) -> Store {
        Store::open(&dir.join("g.sqlite3")).unwrap()
    }

    fn field(e: CoreError) -> (Field, Problem) {
        match e {
            CoreError::Validation(v) => (v.field, v.problem),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_new_passphrase_must_be_long_enough_repeated_and_the_current_one_right() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let e = set_passphrase(&mut s, None, Some(("kort", "kort"))).unwrap_err();
        assert_eq!(
            field(e),
            (Field::NewPassphrase, Problem::TooShort { min: 8 })
        );
        let e = set_passphrase(&mut s, None, Some(("lang genoeg", "lang genoeg!"))).unwrap_err();
        assert_eq!(field(e), (Field::NewPassphrase, Problem::Mismatch));
        let huge = "x".repeat(100_000);
        let e = set_passphrase(&mut s, None, Some((&huge, &huge))).unwrap_err();
        assert!(matches!(
            field(e),
            (Field::NewPassphrase, Problem::TooLong { .. })
        ));
        assert!(!s.is_encrypted(), "nothing changed");
        assert!(
            list_backups(&s).is_empty(),
            "no backup for a refused change"
        );

        let st = set_passphrase(&mut s, None, Some(("lang genoeg 🔐", "lang genoeg 🔐"))).unwrap();
        assert!(st.encrypted);
        assert_eq!(st.backups.len(), 1);
        assert_eq!(st.backups[0].reason, "before-passphrase");
        let e = set_passphrase(&mut s, Some("fout"), None).unwrap_err();
        assert_eq!(field(e), (Field::Passphrase, Problem::WrongPassphrase));
        assert!(s.is_encrypted());
        let st = set_passphrase(&mut s, Some("lang genoeg 🔐"), None).unwrap();
        assert!(!st.encrypted);
    }

    #[test]
    fn backups_roll_over_and_the_daily_one_is_made_once_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let e = set_security_options(&mut s, 0, 5).unwrap_err();
        assert_eq!(field(e).0, Field::BackupKeep);
        let e = set_security_options(&mut s, 3, 100_000).unwrap_err();
        assert_eq!(field(e).0, Field::LockMinutes);
        set_security_options(&mut s, 3, 15).unwrap();
        assert_eq!(lock_minutes(&s), 15);

        let now = Utc::now();
        assert!(
            daily_backup(&s, now).unwrap().is_none(),
            "not before the first run is done"
        );
        s.write(|tx| settings::set(tx, "onboarded", "1")).unwrap();
        assert!(daily_backup(&s, now).unwrap().is_some());
        assert!(
            daily_backup(&s, now).unwrap().is_none(),
            "not twice on one day"
        );
        assert!(daily_backup(&s, now + chrono::Duration::hours(25))
            .unwrap()
            .is_some());
        for _ in 0..4 {
            make_backup(&s, "manual").unwrap();
        }
        assert_eq!(list_backups(&s).len(), 3, "only the newest three are kept");
    }

    #[test]
    fn a_restore_keeps_the_current_data_as_a_backup_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        s.write(|tx| settings::set(tx, "x", "oud")).unwrap();
        let first = make_backup(&s, "manual").unwrap();
        s.write(|tx| settings::set(tx, "x", "nieuw")).unwrap();
        let st = restore_backup(&mut s, Path::new(&first.path), None).unwrap();
        assert_eq!(
            settings::get(s.conn(), "x").unwrap().as_deref(),
            Some("oud")
        );
        assert!(st.backups.iter().any(|b| b.reason == "before-restore"));
        let missing = restore_backup(&mut s, Path::new("/nonexistent/backup.sqlite3"), None);
        assert!(missing.is_err());
        assert_eq!(
            settings::get(s.conn(), "x").unwrap().as_deref(),
            Some("oud")
        );
    }
}

//! Backups, restore and changing the passphrase, each done so that a crash at any moment
//! leaves a store that opens:
//! - a backup is written with SQLite's online backup API to a temporary file, synced, then
//!   renamed into `backups/` (a backup of an encrypted store is encrypted with the same key);
//! - a restore checks a copy of the backup first, then swaps it in with one rename;
//! - a re-key exports the whole store to a new file under the new key (`sqlcipher_export`),
//!   checks that file, and only then swaps it in with one rename. Until that rename the old
//!   file is untouched and opens with the old key; after it, the new file with the new key.

use crate::error::{Result, StoreError};
use crate::gate::ExclusiveGate;
use crate::open::{apply_key, probe, FileState, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The folder with the backups of the store at `db`: `backups/` beside it.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "groeikoers".into())
}

/// A new, unused backup file name:
/// `backups/<name>-<YYYYMMDD-HHMMSS>-<mmm>-<reason>.sqlite3` (local time, milliseconds).
pub fn new_backup_path(db: &Path, reason: &str) -> PathBuf {
    let dir = backup_dir(db);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S-%3f");
    let base = format!("{}-{stamp}-{reason}", stem(db));
    let mut path = dir.join(format!("{base}.sqlite3"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.sqlite3"));
        n += 1;
    }
    path
}

/// A backup file found in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    /// `YYYYMMDD-HHMMSS`, local time, from the name.
    pub stamp: String,
    /// Milliseconds within that second (0 for names without them).
    pub millis: u32,
    pub reason: String,
    pub size: u64,
    /// When the file was written, to order backups made in the same millisecond.
    pub modified: Option<std::time::SystemTime>,
}

/// The backups of the store at `db`, newest first: by the time in their name to the
/// millisecond, then by when the file was written — never by the rest of the name.
pub fn list_backups(db: &Path) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(backup_dir(db)) else {
        return Vec::new();
    };
    let mut found: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".sqlite3")?;
            // YYYYMMDD-HHMMSS[-mmm]-reason
            let (stamp, after) = (rest.get(..15)?, rest.get(15..).unwrap_or_default());
            let digits = stamp.chars().filter(char::is_ascii_digit).count();
            if digits != 14 || stamp.as_bytes()[8] != b'-' {
                return None;
            }
            let after = after.strip_prefix('-').unwrap_or(after);
            let (millis, reason) = match after.get(..3) {
                Some(m)
                    if m.chars().all(|c| c.is_ascii_digit())
                        && matches!(after.as_bytes().get(3), None | Some(b'-')) =>
                {
                    (m.parse().unwrap_or(0), after.get(4..).unwrap_or_default())
                }
                _ => (0, after),
            };
            let meta = e.metadata().ok();
            Some(BackupFile {
                path: e.path(),
                stamp: stamp.to_owned(),
                millis,
                reason: reason.to_owned(),
                size: meta.as_ref().map(|m| m.len()).unwrap_or(0),
                modified: meta.and_then(|m| m.modified().ok()),
            })
        })
        .collect();
    found.sort_by(|a, b| (&b.stamp, b.millis, b.modified).cmp(&(&a.stamp, a.millis, a.modified)));
    found
}

/// Deletes all but the newest `keep` backups; returns how many were deleted.
pub fn prune(db: &Path, keep: usize) -> Result<usize> {
    prune_except(db, keep, None)
}

/// Like [`prune`], but never deletes `protect` (the backup being restored).
pub fn prune_except(db: &Path, keep: usize, protect: Option<&Path>) -> Result<usize> {
    let protect = protect.and_then(|p| std::fs::canonicalize(p).ok());
    let mut removed = 0;
    for old in list_backups(db).into_iter().skip(keep.max(1)) {
        if protect.is_some() && std::fs::canonicalize(&old.path).ok() == protect {
            continue;
        }
        remove_db_files(&old.path);
        removed += 1;
    }
    Ok(removed)
}

/// The names beside the store that belong to it: its WAL, shared memory, rollback journal,
/// the lock files, and the temporary files of a backup, restore or re-key.
const COMPANIONS: [&str; 9] = [
    "", "-wal", "-shm", "-journal", ".lock", ".gate", ".rekey", ".restore", ".partial",
];

/// Whether writing `target` would overwrite the store at `db` or a file that belongs to it:
/// the store itself, its WAL/SHM/journal, its lock files, a backup or anything inside
/// `backups/` — compared as the same file through symbolic links, hard links, `..` and
/// relative spellings, and by name for companions that do not exist right now.
pub fn is_store_file(db: &Path, target: &Path) -> bool {
    let Some(db) = resolve(db) else {
        return false;
    };
    let Some(target) = resolve(target) else {
        return false;
    };
    let fold = |p: &Path| -> String {
        let s = p.to_string_lossy().into_owned();
        // Windows and macOS compare names without regard to case.
        if cfg!(any(windows, target_os = "macos")) {
            s.to_lowercase()
        } else {
            s
        }
    };
    let (db_s, target_s) = (fold(&db), fold(&target));
    for suffix in COMPANIONS {
        for tail in ["", "-wal", "-shm", "-journal"] {
            if target_s == format!("{db_s}{suffix}{tail}") {
                return true;
            }
        }
    }
    if Path::new(&target_s).starts_with(fold(&backup_dir(&db))) {
        return true;
    }
    // A hard link (or another name on a case-folding file system) of an existing regular
    // file; anything else (a FIFO, a device) is never opened here — opening a FIFO waits.
    if std::fs::metadata(&target).is_ok_and(|m| m.is_file()) {
        let mut known: Vec<PathBuf> = COMPANIONS
            .iter()
            .flat_map(|s| ["", "-wal", "-shm"].map(|t| sibling(&db, &format!("{s}{t}"))))
            .collect();
        known.extend(list_backups(&db).into_iter().map(|b| b.path));
        return known
            .iter()
            .any(|k| k.exists() && same_file::is_same_file(k, &target).unwrap_or(false));
    }
    false
}

/// The absolute, link-free spelling of `path`; for a file that does not exist yet, its
/// folder's (a name cannot be a link until it exists).
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(resolve(&parent)?.join(name))
}

/// Held while a backup, restore or re-key writes temporary files, so a second program that
/// opens the store meanwhile does not take them for leftovers of a crash. An advisory lock
/// on `<store>.lock`, released by the system when the process ends — also when it is killed.
pub(crate) struct WorkLock(#[allow(dead_code)] Option<std::fs::File>);

pub(crate) fn work_lock(db: &Path) -> WorkLock {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sibling(db, ".lock"))
        .ok();
    // Never waits: held already (by this process, for a restore that makes its backup
    // first, or by another), the work goes on under that lock.
    WorkLock(file.filter(|f| f.try_lock().is_ok()))
}

/// Temporary files a crash during a backup, restore or re-key can leave beside the store
/// or in `backups/`; removed when the store opens (they are never a store or a backup).
pub(crate) fn remove_leftovers(db: &Path) {
    let Ok(lock) = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sibling(db, ".lock"))
    else {
        return;
    };
    // Another program is busy with a backup, restore or re-key: its files are not leftovers.
    if lock.try_lock().is_err() {
        return;
    }
    let mut candidates = Vec::new();
    for suffix in [".rekey", ".restore", ".partial"] {
        candidates.push(sibling(db, suffix));
    }
    if let Ok(entries) = std::fs::read_dir(backup_dir(db)) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".partial") || name.ends_with(".rekey") {
                candidates.push(e.path());
            }
        }
    }
    for c in candidates {
        remove_db_files(&c);
        let _ = std::fs::remove_file(sibling(&c, "-journal"));
    }
}

/// Backups still readable without a passphrase beside an encrypted store (a re-key was
/// interrupted after the swap): encrypted now with the store's key.
pub(crate) fn encrypt_plain_backups(db: &Path, key: &str) {
    for b in list_backups(db) {
        if probe(&b.path) == FileState::Plain {
            let _ = rekey_file(&b.path, None, Some(key));
        }
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Removes a database file with its WAL and shared-memory files.
fn remove_db_files(path: &Path) {
    for p in [
        path.to_path_buf(),
        sibling(path, "-wal"),
        sibling(path, "-shm"),
    ] {
        let _ = std::fs::remove_file(p);
    }
}

fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()
}

fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

fn io(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::CannotOpen {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

/// Copies the database behind `conn` to `dest` with the online backup API, under `key`.
/// The folder must exist (the backup folder is made by [`Store::backup`]).
pub(crate) fn backup_connection(conn: &Connection, key: Option<&str>, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(io(dir, "the folder does not exist"));
        }
    }
    let tmp = sibling(dest, ".partial");
    remove_db_files(&tmp);
    let result = (|| -> Result<()> {
        crate::open::sqlite_ready();
        let mut out = Connection::open(&tmp)?;
        if let Some(k) = key {
            apply_key(&out, k)?;
        }
        {
            let backup = rusqlite::backup::Backup::new(conn, &mut out)?;
            // Every page in one step, under one read transaction: a write by another program
            // cannot make the copy start over. Busy (a writer holding the destination, which
            // nobody else knows of) is waited for like the source's busy timeout.
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    rusqlite::backup::StepResult::More => {}
                    _ if std::time::Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(20))
                    }
                    _ => {
                        return Err(rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            Some("the store stayed busy while it was copied".into()),
                        )
                        .into())
                    }
                }
            }
        }
        // Leave a self-contained file: everything in the main file, no WAL beside it.
        out.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        out.pragma_update(None, "journal_mode", "DELETE")?;
        out.close().map_err(|(_, e)| e)?;
        sync_file(&tmp).map_err(|e| io(&tmp, e))?;
        std::fs::rename(&tmp, dest).map_err(|e| io(dest, e))?;
        sync_dir(dest);
        Ok(())
    })();
    if result.is_err() {
        remove_db_files(&tmp);
    }
    result
}

/// A read-only connection to `path` for copying it: a small page cache and no memory map.
fn copy_reader(path: &Path, key: Option<&str>) -> Result<Connection> {
    crate::open::sqlite_ready();
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(k) = key {
        apply_key(&conn, k)?;
    }
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "cache_size", -2048)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    Ok(conn)
}

/// Counts the rows of every table, to compare a copy with its original.
fn table_counts(conn: &Connection, schema: &str) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM {schema}.sqlite_schema WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ))?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for n in names {
        let q = format!(
            "SELECT count(*) FROM {schema}.\"{}\"",
            n.replace('"', "\"\"")
        );
        out.push((n, conn.query_row(&q, [], |r| r.get(0))?));
    }
    Ok(out)
}

/// Opens `path` with `key` as a bare connection and checks that it is a whole database.
fn check_copy(path: &Path, key: Option<&str>) -> Result<Connection> {
    crate::open::sqlite_ready();
    let conn = Connection::open(path)?;
    if let Some(k) = key {
        apply_key(&conn, k)?;
    }
    let bad = |e: rusqlite::Error| match (e.sqlite_error_code(), key) {
        (Some(rusqlite::ErrorCode::NotADatabase), Some(_)) => StoreError::WrongPassphrase {
            path: path.to_owned(),
        },
        (Some(rusqlite::ErrorCode::NotADatabase), None) => StoreError::NotADatabase {
            path: path.to_owned(),
        },
        _ => StoreError::Sqlite(e),
    };
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(bad)?;
    if check != "ok" {
        return Err(StoreError::NotADatabase {
            path: path.to_owned(),
        });
    }
    Ok(conn)
}

impl Store {
    fn file(&self) -> Result<PathBuf> {
        self.path.clone().ok_or_else(|| StoreError::CannotOpen {
            path: PathBuf::from(":memory:"),
            reason: "an in-memory store has no file".into(),
        })
    }

    /// Writes a backup of the store to `dest` (encrypted with the store's key).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let _busy = self.path.as_deref().map(work_lock);
        match self.path.as_deref() {
            // Copied through a connection of its own, closed when done: the pages a copy of
            // the whole store reads do not stay in this connection's cache (64 MiB) or its
            // memory map for the rest of the day (the app's daily backup).
            Some(path) => {
                backup_connection(&copy_reader(path, self.key_str())?, self.key_str(), dest)
            }
            None => backup_connection(&self.conn, self.key_str(), dest),
        }
    }

    /// Writes a backup into the backup folder (made when missing); returns its path.
    pub fn backup(&self, reason: &str) -> Result<PathBuf> {
        let db = self.file()?;
        let dir = backup_dir(&db);
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let dest = new_backup_path(&db, reason);
        self.backup_to(&dest)?;
        Ok(dest)
    }

    /// Closes the connection (everything checkpointed into the main file), so the file can
    /// be swapped; the store is unusable until [`Store::reopen`].
    fn close_for_swap(&mut self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = old.close() {
            // Still open: keep using it.
            self.conn = conn;
            return Err(e.into());
        }
        // Until the file is open again this store has no file: it reports none (the app
        // then shows the unlock screen), and no backup can be made of the empty placeholder.
        self.path = None;
        self.key = None;
        Ok(())
    }

    /// Puts the checked file `ready` in place of the store's file and opens it with `key`.
    fn swap_in(&mut self, ready: &Path, key: Option<&str>) -> Result<()> {
        let path = self.file()?;
        let old_key = self.key.clone();
        self.close_for_swap()?;
        let _ = std::fs::remove_file(sibling(&path, "-wal"));
        let _ = std::fs::remove_file(sibling(&path, "-shm"));
        if let Err(e) = std::fs::rename(ready, &path) {
            // The old file is still in place and whole: go back to it.
            *self = Store::open_with(&path, old_key.as_ref().map(|k| k.as_str()))?;
            return Err(io(&path, e));
        }
        sync_dir(&path);
        // The new file was checked before the swap, so it opens; should it not, the error is
        // reported and the store must be opened again (the app asks to restart).
        *self = Store::open_with(&path, key)?;
        Ok(())
    }

    /// Encrypts the store with `new_key`, changes its key, or (with `None`) decrypts it.
    /// The store is exported to a new file under the new key, that file is checked (every
    /// table's rows, the schema version, an integrity check), and only then swapped in.
    /// Existing backups are re-keyed the same way, so every backup opens with the current
    /// passphrase and none stays readable after encryption is turned on. Other programs
    /// cannot write from the export to the swap (they wait, then write into the new file).
    pub fn rekey(&mut self, new_key: Option<&str>) -> Result<()> {
        self.rekey_inner(new_key, None).map(|_| ())
    }

    /// [`Store::rekey`] after a backup (named by `reason`) made under the same hold, so the
    /// backup holds everything up to the swap; a re-key that fails removes that backup again
    /// (the store is unchanged, so it would only be a copy of it).
    pub fn rekey_after_backup(&mut self, new_key: Option<&str>, reason: &str) -> Result<PathBuf> {
        let made = self.rekey_inner(new_key, Some(reason))?;
        Ok(made.unwrap_or_default())
    }

    fn rekey_inner(
        &mut self,
        new_key: Option<&str>,
        backup_reason: Option<&str>,
    ) -> Result<Option<PathBuf>> {
        let path = self.file()?;
        let mut gate = ExclusiveGate::take(&path)?;
        // Another program swapped the file since this connection opened it: re-key the file
        // as it is now, never the one it replaced.
        self.catch_up()?;
        let _busy = work_lock(&path);
        let backup = match backup_reason {
            Some(reason) => Some(self.backup(reason)?),
            None => None,
        };
        let new_key = new_key.filter(|k| !k.is_empty());
        let tmp = sibling(&path, ".rekey");
        remove_db_files(&tmp);
        // Carried into the new file until the backups follow (see `PREVIOUS_KEY`).
        let previous = self
            .key_str()
            .filter(|old| new_key.is_some_and(|n| n != *old));
        let made =
            export_to(&self.conn, &tmp, new_key, previous).and_then(|()| gate.raise().map(|_| ()));
        if let Err(e) = made {
            remove_db_files(&tmp);
            if let Some(b) = &backup {
                remove_db_files(b);
            }
            return Err(e);
        }
        let old_key = self.key.clone();
        self.swap_in(&tmp, new_key)?;
        for b in list_backups(&path) {
            // A backup that cannot be re-keyed (damaged, or under an even older key) is
            // left as it is; it still opens with the passphrase it was made with.
            let _ = rekey_file(&b.path, old_key.as_ref().map(|k| k.as_str()), new_key);
        }
        finish_interrupted_rekey(self)?;
        Ok(backup)
    }

    /// Replaces the store with the backup at `from` (opened with `key`, or the store's own
    /// key when `None`). A copy of the backup is checked first — a damaged backup, a wrong
    /// passphrase or a backup from a newer version leaves the store exactly as it was.
    pub fn restore(&mut self, from: &Path, key: Option<&str>) -> Result<()> {
        let ready = self.prepare_restore(from, key)?;
        self.finish_restore(ready)
    }

    /// The first half of a restore: a checked copy of the backup beside the store. Nothing
    /// of the store or its backups changes; on an error the copy is gone again.
    /// From here until the swap (or until the copy is discarded) other programs cannot write.
    pub fn prepare_restore(&mut self, from: &Path, key: Option<&str>) -> Result<ReadyRestore> {
        let path = self.file()?;
        let gate = ExclusiveGate::take(&path)?;
        self.catch_up()?;
        let busy = work_lock(&path);
        let bad = |reason: String| StoreError::BadBackup {
            path: from.to_owned(),
            reason,
        };
        if from.is_dir() {
            return Err(bad("it is a folder".into()));
        }
        let key = match probe(from) {
            FileState::Plain => None,
            FileState::New => return Err(bad("the file is empty or missing".into())),
            FileState::Damaged => return Err(bad("the file is not a database".into())),
            FileState::EncryptedOrDamaged => match key.or(self.key_str()) {
                Some(k) => Some(k.to_owned()),
                None => {
                    return Err(StoreError::NeedsPassphrase {
                        path: from.to_owned(),
                    })
                }
            },
        };
        let tmp = sibling(&path, ".restore");
        remove_db_files(&tmp);
        let checked = (|| -> Result<()> {
            std::fs::copy(from, &tmp).map_err(|e| bad(e.to_string()))?;
            // A backup copied by hand may still have its WAL beside it.
            let wal = sibling(from, "-wal");
            if wal.exists() {
                std::fs::copy(&wal, sibling(&tmp, "-wal")).map_err(|e| bad(e.to_string()))?;
            }
            let conn = check_copy(&tmp, key.as_deref()).map_err(|e| match e {
                StoreError::WrongPassphrase { .. } => StoreError::WrongPassphrase {
                    path: from.to_owned(),
                },
                StoreError::NotADatabase { .. } => bad("the file is damaged".into()),
                other => other,
            })?;
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version as usize > crate::supported_schema_version() {
                return Err(StoreError::TooNew {
                    path: from.to_owned(),
                    found: version as usize,
                    supported: crate::supported_schema_version(),
                });
            }
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            conn.close().map_err(|(_, e)| e)?;
            sync_file(&tmp).map_err(|e| io(&tmp, e))?;
            Ok(())
        })();
        if let Err(e) = checked {
            remove_db_files(&tmp);
            return Err(e);
        }
        Ok(ReadyRestore {
            tmp,
            key,
            _busy: busy,
            gate,
        })
    }

    /// The second half: swaps the checked copy in.
    pub fn finish_restore(&mut self, ready: ReadyRestore) -> Result<()> {
        let ReadyRestore {
            tmp,
            key,
            _busy,
            mut gate,
        } = ready;
        let result = gate
            .raise()
            .and_then(|_| self.swap_in(&tmp, key.as_deref()));
        remove_db_files(&tmp);
        result
    }
}

/// A checked copy of a backup, ready to be swapped in ([`Store::finish_restore`]); dropped
/// unused, the copy is removed.
pub struct ReadyRestore {
    tmp: PathBuf,
    key: Option<String>,
    _busy: WorkLock,
    gate: ExclusiveGate,
}

impl ReadyRestore {
    /// Gives up the restore: the copy is removed.
    pub fn discard(self) {
        remove_db_files(&self.tmp);
    }
}

/// The setting that carries the previous passphrase into a store re-keyed from one
/// passphrase to another, until its backups have been re-keyed too: a re-key interrupted
/// between the swap and the backups is finished at the next open. It lives only inside the
/// file encrypted with the new passphrase, and is deleted once the backups follow.
pub(crate) const PREVIOUS_KEY: &str = "rekey_previous_passphrase";

/// Exports the database behind `conn` into a new file `dest` under `key` and checks it;
/// `previous` (the passphrase being replaced) is written into the copy as [`PREVIOUS_KEY`].
fn export_to(
    conn: &Connection,
    dest: &Path,
    key: Option<&str>,
    previous: Option<&str>,
) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
    let dest_str = dest.to_string_lossy().into_owned();
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        rusqlite::params![dest_str, key.unwrap_or("")],
    )?;
    let exported = (|| -> Result<Vec<(String, i64)>> {
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        conn.execute_batch(&format!("PRAGMA rekeyed.user_version = {version}"))?;
        let mut counts = table_counts(conn, "main")?;
        if let (Some(prev), Some(_)) = (previous, key) {
            let added = conn.execute(
                "INSERT OR IGNORE INTO rekeyed.setting (key, value) VALUES (?1, ?2)",
                rusqlite::params![PREVIOUS_KEY, prev],
            )?;
            conn.execute(
                "UPDATE rekeyed.setting SET value = ?2 WHERE key = ?1",
                rusqlite::params![PREVIOUS_KEY, prev],
            )?;
            for (table, n) in &mut counts {
                if table == "setting" {
                    *n += added as i64;
                }
            }
        }
        Ok(counts)
    })();
    conn.execute_batch("DETACH DATABASE rekeyed")?;
    let expected = exported?;
    let copy = check_copy(dest, key)?;
    let got = table_counts(&copy, "main")?;
    let got_version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if got != expected || got_version != version {
        return Err(StoreError::CopyMismatch {
            path: dest.to_owned(),
        });
    }
    copy.close().map_err(|(_, e)| e)?;
    sync_file(dest).map_err(|e| io(dest, e))?;
    Ok(())
}

/// Backups still under the previous passphrase after a re-key that was interrupted before
/// it re-keyed them (see [`PREVIOUS_KEY`]): re-keyed now to `key`; the previous passphrase
/// is forgotten once none is left that it opens.
pub(crate) fn finish_interrupted_rekey(store: &mut Store) -> Result<()> {
    let Some(key) = store.key.clone() else {
        return Ok(());
    };
    let Some(db) = store.path.clone() else {
        return Ok(());
    };
    let Some(previous) = crate::settings::get(&store.conn, PREVIOUS_KEY)? else {
        return Ok(());
    };
    for b in list_backups(&db) {
        if !backup_opens(&b.path, Some(key.as_str())) && backup_opens(&b.path, Some(&previous)) {
            let _ = rekey_file(&b.path, Some(&previous), Some(key.as_str()));
        }
    }
    let left = list_backups(&db).iter().any(|b| {
        !backup_opens(&b.path, Some(key.as_str())) && backup_opens(&b.path, Some(&previous))
    });
    if !left {
        store.conn.pragma_update(None, "secure_delete", "ON")?;
        store.write(|tx| crate::settings::delete(tx, PREVIOUS_KEY))?;
    }
    Ok(())
}

/// Re-keys a database file that is not open (a backup) the same safe way.
fn rekey_file(path: &Path, old: Option<&str>, new: Option<&str>) -> Result<()> {
    let old = if probe(path) == FileState::Plain {
        None
    } else {
        old
    };
    let conn = check_copy(path, old)?;
    let tmp = sibling(path, ".rekey");
    remove_db_files(&tmp);
    let made = export_to(&conn, &tmp, new, None);
    conn.close().map_err(|(_, e)| e)?;
    if let Err(e) = made {
        remove_db_files(&tmp);
        return Err(e);
    }
    let _ = std::fs::remove_file(sibling(path, "-wal"));
    let _ = std::fs::remove_file(sibling(path, "-shm"));
    std::fs::rename(&tmp, path).map_err(|e| io(path, e))?;
    sync_dir(path);
    Ok(())
}

/// Whether the backup at `path` opens with `key` (the store's passphrase, or none), read
/// without changing a byte of it.
pub fn backup_opens(path: &Path, key: Option<&str>) -> bool {
    let key = match probe(path) {
        FileState::Plain => None,
        FileState::EncryptedOrDamaged => match key {
            Some(k) => Some(k),
            None => return false,
        },
        _ => return false,
    };
    let uri = immutable_uri(path);
    crate::open::sqlite_ready();
    let Ok(conn) = Connection::open_with_flags(
        &uri,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    ) else {
        return false;
    };
    if let Some(k) = key {
        if apply_key(&conn, k).is_err() {
            return false;
        }
    }
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

fn immutable_uri(path: &Path) -> String {
    format!(
        "file:{}?immutable=1",
        path.to_string_lossy()
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23")
    )
}

/// The last event of the log in a backup file (sequence number and hash), read without
/// changing a byte of it; `None` when the backup has no event log or no events.
pub fn backup_log_head(path: &Path, key: Option<&str>) -> Result<Option<(i64, String)>> {
    use rusqlite::OptionalExtension;
    let uri = immutable_uri(path);
    crate::open::sqlite_ready();
    let conn = Connection::open_with_flags(
        &uri,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )?;
    if let Some(k) = key {
        apply_key(&conn, k)?;
    }
    let bad = |e: rusqlite::Error| match (e.sqlite_error_code(), key) {
        (Some(rusqlite::ErrorCode::NotADatabase), Some(_)) => StoreError::WrongPassphrase {
            path: path.to_owned(),
        },
        (Some(rusqlite::ErrorCode::NotADatabase), _) => StoreError::NotADatabase {
            path: path.to_owned(),
        },
        _ => StoreError::Sqlite(e),
    };
    let has_log: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'event_log'",
            [],
            |r| r.get(0),
        )
        .map_err(bad)?;
    if has_log == 0 {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_that_cannot_rename_goes_back_to_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("g.sqlite3");
        let mut store = Store::open_with(&db, Some("geheim")).unwrap();
        store
            .write(|tx| crate::settings::set(tx, "x", "blijft"))
            .unwrap();
        let err = store.swap_in(&dir.path().join("missing.sqlite3"), None);
        assert!(err.is_err());
        assert!(store.is_encrypted());
        assert_eq!(
            crate::settings::get(store.conn(), "x").unwrap().as_deref(),
            Some("blijft")
        );
    }

    #[test]
    fn backups_left_under_the_previous_passphrase_follow_at_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("g.sqlite3");
        let mut store = Store::open_with(&db, Some("eerste zin")).unwrap();
        store
            .write(|tx| crate::settings::set(tx, "x", "blijft"))
            .unwrap();
        let backup = store.backup("manual").unwrap();
        store.rekey(Some("tweede zin")).unwrap();
        assert!(backup_opens(&backup, Some("tweede zin")));
        assert_eq!(
            crate::settings::get(store.conn(), PREVIOUS_KEY).unwrap(),
            None,
            "a finished re-key forgets the previous passphrase"
        );
        // As a re-key killed after the swap leaves it: the backup still under the previous
        // passphrase, which the new file carries.
        rekey_file(&backup, Some("tweede zin"), Some("eerste zin")).unwrap();
        store
            .write(|tx| crate::settings::set(tx, PREVIOUS_KEY, "eerste zin"))
            .unwrap();
        drop(store);
        let store = Store::open_with(&db, Some("tweede zin")).unwrap();
        assert!(
            backup_opens(&backup, Some("tweede zin")),
            "the next open re-keys the backup"
        );
        assert_eq!(
            crate::settings::get(store.conn(), PREVIOUS_KEY).unwrap(),
            None
        );
        assert_eq!(
            crate::settings::get(store.conn(), "x").unwrap().as_deref(),
            Some("blijft")
        );
    }

    #[test]
    fn a_swap_whose_file_does_not_open_leaves_a_store_without_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("g.sqlite3");
        let mut store = Store::open(&db).unwrap();
        let bad = dir.path().join("bad.sqlite3");
        std::fs::write(&bad, vec![9u8; 8192]).unwrap();
        assert!(store.swap_in(&bad, None).is_err());
        assert_eq!(
            store.path(),
            None,
            "no file behind it: the app shows the unlock screen"
        );
        assert!(
            store.backup("manual").is_err(),
            "no backup of the empty placeholder"
        );
    }
}

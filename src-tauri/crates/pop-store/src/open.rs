//! Opening the database file without harming it: nothing is written before the file has
//! been read successfully and its schema version accepted. A file can be encrypted with
//! SQLCipher; it then opens only with its passphrase, and its WAL and backups are encrypted
//! too. Before a migration changes a file, a backup of it is made.

use crate::error::{Result, StoreError};
use include_dir::{include_dir, Dir};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::Migrations;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

static MIGRATIONS_DIR: Dir = include_dir!("$CARGO_MANIFEST_DIR/migrations");

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::from_directory(&MIGRATIONS_DIR).expect("migrations folder is well formed")
});

/// The migrations compiled into this binary.
pub fn migrations() -> &'static Migrations<'static> {
    &MIGRATIONS
}

/// The newest schema version this binary knows.
pub fn supported_schema_version() -> usize {
    MIGRATIONS_DIR
        .dirs()
        .filter(|d| d.get_file(d.path().join("up.sql")).is_some())
        .count()
}

/// An open, migrated database.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: Option<PathBuf>,
    /// The passphrase of an encrypted file (kept to make encrypted backups); wiped from
    /// memory when the store is dropped (for example when the app locks).
    pub(crate) key: Option<zeroize::Zeroizing<String>>,
    /// Which connection this is, unique in the process (see [`Store::stamp`]).
    pub(crate) serial: u64,
    /// Keeps this connection's writes off the file while another program swaps it (a
    /// re-key or restore), and tells when it was swapped (see `gate`).
    pub(crate) gate: Option<crate::gate::Gate>,
}

/// Says whether a store may have changed: equal stamps of the same store mean that no row
/// was written, by this connection or any other, in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreStamp {
    serial: u64,
    own_changes: u64,
    data_version: i64,
}

static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("encrypted", &self.key.is_some())
            .finish()
    }
}

/// What the first bytes of a database file say about it, read without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file, or an empty one: a new store.
    New,
    /// A plain SQLite file.
    Plain,
    /// Whole pages without the SQLite header: encrypted, or damaged beyond telling.
    EncryptedOrDamaged,
    /// Not a database: no header and not whole pages.
    Damaged,
}

/// The state of the file at `path` (without opening it as a database).
pub fn probe(path: &Path) -> FileState {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return FileState::New;
    };
    let Ok(meta) = file.metadata() else {
        return FileState::New;
    };
    let len = meta.len();
    // A folder is refused later, by opening.
    if !meta.is_file() || len == 0 {
        return FileState::New;
    }
    let mut head = [0u8; 16];
    if file.read_exact(&mut head).is_ok() && &head == b"SQLite format 3\0" {
        return FileState::Plain;
    }
    if len >= 1024 && len % 512 == 0 {
        FileState::EncryptedOrDamaged
    } else {
        FileState::Damaged
    }
}

/// Makes sure SQLite (with SQLCipher) has finished setting itself up before any connection of
/// the store is opened or keyed. SQLite marks itself initialised before SQLCipher's own start
/// (its logging and crypto provider, run at the end of `sqlite3_initialize`) has finished, so
/// a second thread opening and keying a connection in that moment failed with "An error
/// occurred with PRAGMA key or rekey" (seen in CI). The first caller opens one connection to
/// the end; every other waits for it.
pub(crate) fn sqlite_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        if let Ok(conn) = Connection::open_in_memory() {
            let _ = conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0));
        }
    });
}

/// Gives a connection its key (SQLCipher), quietly: nothing is logged to stderr.
pub(crate) fn apply_key(conn: &Connection, key: &str) -> rusqlite::Result<()> {
    // SQLCipher sets up its process-wide state (logging, the crypto provider) on first use;
    // two connections keyed at the same moment on different threads could race there and
    // fail with "An error occurred with PRAGMA key" (seen once in CI). One at a time.
    static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    sqlite_ready();
    let _one = KEYING.lock().unwrap_or_else(|p| p.into_inner());
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.pragma_update(None, "key", key)
}

impl Store {
    /// Opens (or creates) the database file at `path` and brings it to the latest schema.
    /// A damaged file, a file from a newer version, or an unwritable location is refused
    /// with the file left exactly as it was.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with(path, None)
    }

    /// Opens the file at `path` with `key` when it is encrypted. A new file is created
    /// encrypted when a key is given. A plain file opens without the key. An encrypted file
    /// without a key is [`StoreError::NeedsPassphrase`]; with the wrong key
    /// [`StoreError::WrongPassphrase`] — the file is left as it was in both cases.
    pub fn open_with(path: &Path, key: Option<&str>) -> Result<Self> {
        let state = probe(path);
        match (state, key) {
            (FileState::EncryptedOrDamaged, None) => {
                return Err(StoreError::NeedsPassphrase {
                    path: path.to_owned(),
                })
            }
            (FileState::Damaged, _) => {
                return Err(StoreError::NotADatabase {
                    path: path.to_owned(),
                })
            }
            _ => {}
        }
        let key = match state {
            FileState::Plain => None,
            _ => key.filter(|k| !k.is_empty()),
        };
        let cannot_open = |reason: String| StoreError::CannotOpen {
            path: path.to_owned(),
            reason,
        };
        if path.is_dir() {
            return Err(cannot_open("it is a folder".into()));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| cannot_open(e.to_string()))?;
        }
        // Held shared until the connection is open and migrated: a re-key or restore by
        // another program finishes first, so this connection opens the file as it is after.
        let (gate, opening) = crate::gate::Gate::open(path)?;
        sqlite_ready();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| cannot_open(e.to_string()))?;
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            return Err(cannot_open("the file is read-only".into()));
        }
        if let Some(key) = key {
            apply_key(&conn, key)?;
        }
        let mut store = Self::prepare(
            conn,
            Some(path.to_owned()),
            key.map(|k| zeroize::Zeroizing::new(k.to_owned())),
        )?;
        store.gate = Some(gate);
        // What a crash during a backup, restore or re-key left: temporary files go, and
        // backups still readable without a passphrase beside an encrypted store are encrypted.
        // Still under the shared gate: no re-key or restore of another program is under way,
        // so its temporary files are not taken for leftovers.
        crate::backup::remove_leftovers(path);
        if let Some(k) = key {
            crate::backup::encrypt_plain_backups(path, k);
            crate::backup::finish_interrupted_rekey(&mut store)?;
        }
        drop(opening);
        Ok(store)
    }

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Self> {
        sqlite_ready();
        Self::prepare(Connection::open_in_memory()?, None, None)
    }

    fn prepare(
        mut conn: Connection,
        path: Option<PathBuf>,
        key: Option<zeroize::Zeroizing<String>>,
    ) -> Result<Self> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        conn.busy_timeout(Duration::from_secs(5))?;
        // The first read: a damaged file, a file that is not SQLite or a wrong key fails
        // here, before anything is written.
        let wrong_key = |e: StoreError| match (e, &key) {
            (StoreError::NotADatabase { path }, Some(_)) => StoreError::WrongPassphrase { path },
            (e, _) => e,
        };
        let found: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map_err(|e| wrong_key(classify(e, &shown)))?
            .try_into()
            .unwrap_or(usize::MAX);
        let supported = supported_schema_version();
        if found > supported {
            return Err(StoreError::TooNew {
                path: shown,
                found,
                supported,
            });
        }
        // A schema read also catches files whose header is fine but whose pages are not.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|e| wrong_key(classify(e, &shown)))?;
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| classify(e, &shown))?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Reads of a large store without a system call per page: the file is mapped (plain
        // stores; SQLCipher reads encrypted pages itself) and up to 64 MiB of pages stay
        // cached, so the board, overview and calendar do not wait for the kernel.
        conn.pragma_update(None, "cache_size", -65_536)?;
        if path.is_some() && key.is_none() {
            conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        }
        // A file with data that a migration is about to change is backed up first.
        if let (Some(p), true) = (&path, found > 0 && found < supported) {
            let reason = format!("before-migration-v{found}");
            let dir = crate::backup::backup_dir(p);
            std::fs::create_dir_all(&dir).map_err(|e| StoreError::CannotOpen {
                path: dir.clone(),
                reason: e.to_string(),
            })?;
            crate::backup::backup_connection(
                &conn,
                key.as_ref().map(|k| k.as_str()),
                &crate::backup::new_backup_path(p, &reason),
            )?;
        }
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        let serial = SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut store = Self {
            conn,
            path,
            key,
            serial,
            gate: None,
        };
        store.fill_summaries()?;
        Ok(store)
    }

    /// Whether the file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Whether `passphrase` is the one this store was opened with.
    pub fn key_matches(&self, passphrase: &str) -> bool {
        self.key_str() == Some(passphrase)
    }

    pub(crate) fn key_str(&self) -> Option<&str> {
        self.key.as_ref().map(|k| k.as_str())
    }

    /// The passphrase backups of this store are under (none for a plain store).
    pub fn key_for_backups(&self) -> Option<&str> {
        self.key_str()
    }

    /// The file behind this store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<usize> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(v as usize)
    }

    /// Runs `f` in one transaction: everything it writes lands, or nothing does. The
    /// transaction takes the write lock at its start (immediate), so a second writer waits
    /// for the busy timeout instead of failing when its reads turn into a write. Inside
    /// [`Store::batch`] it is a savepoint of the batch's transaction.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Connection) -> std::result::Result<T, crate::StoreError>,
    ) -> Result<T> {
        if !self.conn.is_autocommit() {
            let sp = self.conn.savepoint()?;
            let value = f(&sp)?;
            sp.commit()?;
            return Ok(value);
        }
        let _gate = self.enter_write()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        crate::due::refresh(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` — any number of use cases — in one transaction: all of it lands, or (when
    /// `f` fails) none of it does.
    pub fn batch<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        let _gate = self.enter_write()?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(StoreError::from)?;
        match f(self) {
            Ok(v) => {
                if let Err(e) = crate::due::refresh(&self.conn) {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    return Err(e.into());
                }
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(StoreError::from)?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Writes the summaries of plans that have none (a store from before summaries, or a
    /// plan added behind the app's back). Nothing is written when none is missing.
    fn fill_summaries(&mut self) -> Result<()> {
        // Every summary belongs to a plan (a foreign key), so equal counts mean none is
        // missing; the counts read the smallest index, not the plans.
        let (plans, summaries): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM plan), (SELECT count(*) FROM plan_summary)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if plans != summaries {
            self.write(|tx| crate::plans::fill_missing_summaries(tx).map(|_| ()))?;
        }
        // What is due of series changed behind the store's back (or never worked out yet).
        let marked: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM due_dirty)", [], |r| r.get(0))?;
        if marked {
            self.write(|_| Ok(()))?;
        }
        Ok(())
    }

    /// Before a write: holds the gate shared (waiting while another program re-keys or
    /// restores the file), and when the file was swapped since this connection opened it,
    /// opens the new file with the same passphrase — or, when that does not open it,
    /// refuses with [`StoreError::Replaced`], so nothing is written into the old file.
    fn enter_write(&mut self) -> Result<Option<crate::gate::SharedHold>> {
        let Some(gate) = self.gate.as_mut() else {
            return Ok(None);
        };
        let hold = gate.shared()?;
        if !gate.replaced() {
            return Ok(Some(hold));
        }
        drop(hold);
        self.catch_up()?;
        match self.gate.as_mut() {
            Some(gate) => {
                let hold = gate.shared()?;
                if gate.replaced() {
                    return Err(self.replaced_error());
                }
                Ok(Some(hold))
            }
            None => Ok(None),
        }
    }

    /// Opens the store's file again when another program swapped it since this connection
    /// opened it (same passphrase); [`StoreError::Replaced`] when that does not open it.
    pub(crate) fn catch_up(&mut self) -> Result<()> {
        if !self.gate.as_mut().is_some_and(|g| g.replaced()) {
            return Ok(());
        }
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let key = self.key.clone();
        match Store::open_with(&path, key.as_ref().map(|k| k.as_str())) {
            Ok(fresh) => {
                *self = fresh;
                Ok(())
            }
            Err(_) => Err(self.replaced_error()),
        }
    }

    fn replaced_error(&self) -> StoreError {
        StoreError::Replaced {
            path: self.path.clone().unwrap_or_default(),
        }
    }

    /// Read access for repositories.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Rebuilds the file without free pages (VACUUM) and empties the WAL, so rows deleted
    /// before leave no bytes behind. `false` when another connection kept the WAL from
    /// being emptied (it is emptied when that one closes).
    pub fn compact(&mut self) -> Result<bool> {
        let _gate = self.enter_write()?;
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        self.conn.execute_batch("VACUUM")?;
        self.compact_wal()
    }

    /// Copies the WAL into the file and empties it; `false` when another connection kept it.
    pub fn compact_wal(&mut self) -> Result<bool> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// Reads pages through SQLite's own cache instead of mapping the file. For a long-running
    /// process (the app), whose cache stays warm: with the file mapped, each page read let the
    /// kernel map its cached neighbours too, so most of a large store counted as the app's
    /// memory. The CLI, which starts cold every time, keeps the mapping.
    pub fn read_without_mmap(&self) -> Result<()> {
        self.conn.pragma_update(None, "mmap_size", 0)?;
        Ok(())
    }

    /// This store's stamp now: rows this connection changed, and SQLite's data version,
    /// which moves when another connection (the CLI, a second app) commits.
    pub fn stamp(&self) -> Result<StoreStamp> {
        Ok(StoreStamp {
            serial: self.serial,
            own_changes: self.conn.total_changes(),
            data_version: self
                .conn
                .query_row("PRAGMA data_version", [], |r| r.get(0))?,
        })
    }
}

fn classify(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase {
                path: path.to_owned(),
            }
        }
        Some(rusqlite::ErrorCode::CannotOpen)
        | Some(rusqlite::ErrorCode::ReadOnly)
        | Some(rusqlite::ErrorCode::PermissionDenied) => StoreError::CannotOpen {
            path: path.to_owned(),
            reason: e.to_string(),
        },
        _ => StoreError::Sqlite(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_valid() {
        migrations().validate().expect("migrations validate");
    }

    #[test]
    fn every_migration_runs_from_empty() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), supported_schema_version());
        assert!(supported_schema_version() >= 1);
    }

    #[test]
    fn what_is_due_of_series_changed_behind_the_stores_back_is_written_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.sqlite3");
        let marked = |s: &Store| -> i64 {
            s.conn()
                .query_row("SELECT count(*) FROM due_dirty", [], |r| r.get(0))
                .unwrap()
        };
        {
            let store = Store::open(&path).unwrap();
            // Not through the store's writes (an older app, a hand edit): marks stay.
            store
                .conn()
                .execute("INSERT INTO due_dirty (series_id) VALUES ('gone')", [])
                .unwrap();
            assert_eq!(marked(&store), 1);
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(marked(&store), 0, "the open wrote them");
        // And every write clears what it marked before it commits.
        store
            .write(|tx| {
                tx.execute("INSERT INTO due_dirty (series_id) VALUES ('x')", [])?;
                Ok(())
            })
            .unwrap();
        assert_eq!(marked(&store), 0);
    }

    #[test]
    fn a_plain_file_is_mapped_for_the_cli_and_read_through_the_cache_for_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("g.sqlite3")).unwrap();
        let mmap = |s: &Store| -> i64 {
            s.conn()
                .query_row("PRAGMA mmap_size", [], |r| r.get(0))
                .unwrap()
        };
        assert!(mmap(&store) > 0);
        store.read_without_mmap().unwrap();
        assert_eq!(mmap(&store), 0);
        store
            .conn()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        assert_eq!(
            store
                .conn()
                .query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0))
                .unwrap(),
            1
        );
    }

    #[test]
    fn a_new_file_uses_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("sub/groeikoers.db")).unwrap();
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groeikoers.db");
        // Not whole pages: this cannot be an encrypted store either.
        let junk: Vec<u8> = (0..8000u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &junk).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::NotADatabase { .. }),
            "expected NotADatabase, got {err:?}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            junk,
            "file must be untouched"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no side files were created: {names:?}");
    }

    #[test]
    fn whole_pages_without_a_header_ask_for_a_passphrase_and_stay_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groeikoers.db");
        let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &junk).unwrap();
        assert!(matches!(
            Store::open(&path),
            Err(StoreError::NeedsPassphrase { .. })
        ));
        assert!(matches!(
            Store::open_with(&path, Some("any")),
            Err(StoreError::WrongPassphrase { .. })
        ));
        assert_eq!(std::fs::read(&path).unwrap(), junk);
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groeikoers.db");
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", 999).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(
            matches!(err, StoreError::TooNew { found: 999, .. }),
            "expected TooNew, got {err:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_folder_is_not_a_database_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::CannotOpen { .. }), "{err:?}");
    }
}

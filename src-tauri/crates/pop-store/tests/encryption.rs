//! Encryption at rest, backups and restore on real files: the bytes on disk (file, WAL,
//! backups) never hold a marker written into an encrypted store; a missing or wrong
//! passphrase fails cleanly; re-keying round trips; a bad backup leaves the store alone.

use pop_store::backup::list_backups;
use pop_store::{settings, FileState, Store, StoreError};
use std::path::{Path, PathBuf};

const MARKER: &str = "GEHEIM-MARKER-7f3a9c";

fn bytes_contain(path: &Path, needle: &str) -> bool {
    std::fs::read(path)
        .map(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .unwrap_or(false)
}

/// Every file of the store: the database, its WAL and shm, and every backup.
fn all_files(db: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        db.parent().unwrap().to_path_buf(),
        db.parent().unwrap().join("backups"),
    ] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            out.extend(
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.is_file()),
            );
        }
    }
    out
}

fn write_marker(store: &mut Store, value: &str) {
    store
        .write(|tx| settings::set(tx, "marker", value))
        .unwrap();
}

fn read_marker(store: &Store) -> Option<String> {
    settings::get(store.conn(), "marker").unwrap()
}

#[test]
fn an_encrypted_store_keeps_the_marker_off_the_disk_and_needs_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("groeikoers.sqlite3");
    {
        let mut store = Store::open_with(&db, Some("correct horse 🐎")).unwrap();
        assert!(store.is_encrypted());
        for i in 0..200 {
            write_marker(&mut store, &format!("{MARKER} {i}"));
        }
        store.backup("test").unwrap();
        // While open, the WAL holds the recent pages: they must be encrypted too.
        for f in all_files(&db) {
            assert!(
                !bytes_contain(&f, MARKER),
                "the marker is readable in {}",
                f.display()
            );
        }
    }
    assert_eq!(pop_store::probe(&db), FileState::EncryptedOrDamaged);
    for f in all_files(&db) {
        assert!(
            !bytes_contain(&f, MARKER),
            "the marker is readable in {}",
            f.display()
        );
    }
    let before = std::fs::read(&db).unwrap();
    assert!(matches!(
        Store::open(&db),
        Err(StoreError::NeedsPassphrase { .. })
    ));
    assert!(matches!(
        Store::open_with(&db, Some("wrong")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a failed open changes nothing"
    );
    let store = Store::open_with(&db, Some("correct horse 🐎")).unwrap();
    assert_eq!(read_marker(&store).unwrap(), format!("{MARKER} 199"));
    // The backup is encrypted with the same passphrase.
    let backup = &list_backups(&db)[0];
    assert!(matches!(
        Store::open(&backup.path),
        Err(StoreError::NeedsPassphrase { .. })
    ));
}

#[test]
fn rekeying_round_trips_and_takes_the_backups_along() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("groeikoers.sqlite3");
    let mut store = Store::open(&db).unwrap();
    write_marker(&mut store, MARKER);
    store.backup("plain").unwrap();
    assert!(
        bytes_contain(&list_backups(&db)[0].path, MARKER),
        "a plain backup is plain"
    );

    store.rekey(Some("eerste wachtwoordzin")).unwrap();
    assert!(store.is_encrypted());
    assert_eq!(read_marker(&store).as_deref(), Some(MARKER));
    drop(store);
    for f in all_files(&db) {
        assert!(
            !bytes_contain(&f, MARKER),
            "after encrypting, {} is readable",
            f.display()
        );
    }
    let mut store = Store::open_with(&db, Some("eerste wachtwoordzin")).unwrap();
    store.rekey(Some("tweede")).unwrap();
    drop(store);
    assert!(matches!(
        Store::open_with(&db, Some("eerste wachtwoordzin")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let mut store = Store::open_with(&db, Some("tweede")).unwrap();
    assert_eq!(read_marker(&store).as_deref(), Some(MARKER));
    // The old backup now opens with the current passphrase.
    Store::open_with(&list_backups(&db)[0].path, Some("tweede")).unwrap();

    store.rekey(None).unwrap();
    assert!(!store.is_encrypted());
    drop(store);
    assert_eq!(pop_store::probe(&db), FileState::Plain);
    let store = Store::open(&db).unwrap();
    assert_eq!(read_marker(&store).as_deref(), Some(MARKER));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".rekey"))
        .collect();
    assert!(names.is_empty(), "no temporary files are left: {names:?}");
}

#[test]
fn restore_brings_back_a_backup_and_a_bad_backup_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("groeikoers.sqlite3");
    let mut store = Store::open_with(&db, Some("pw")).unwrap();
    write_marker(&mut store, "eerste");
    let backup = store.backup("manual").unwrap();
    write_marker(&mut store, "tweede");

    // A damaged backup, a plain file of junk and a wrong passphrase: refused, store as it was.
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    assert!(matches!(
        store.restore(&junk, None),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let half = dir.path().join("half.sqlite3");
    std::fs::write(&half, vec![7u8; 1000]).unwrap();
    assert!(matches!(
        store.restore(&half, None),
        Err(StoreError::BadBackup { .. })
    ));
    assert!(matches!(
        store.restore(&backup, Some("not it")),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_eq!(read_marker(&store).as_deref(), Some("tweede"));

    store.restore(&backup, None).unwrap();
    assert_eq!(read_marker(&store).as_deref(), Some("eerste"));
    assert!(store.is_encrypted());
    assert!(backup.exists(), "the backup itself stays");
}

#[test]
fn an_old_schema_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("groeikoers.sqlite3");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/schema-v1.sqlite3");
    std::fs::copy(fixture, &db).unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        pop_store::supported_schema_version()
    );
    let backups = list_backups(&db);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].reason, "before-migration-v1");
    let old = pop_store::rusqlite::Connection::open(&backups[0].path).unwrap();
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version, 1,
        "the backup is the file as it was before the migration"
    );
}

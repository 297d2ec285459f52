//! A process killed while it changes the passphrase leaves a store that opens with the old
//! or the new passphrase, with every journal entry still there and searchable. The real
//! `groeikoers-cli passphrase set` is killed (SIGKILL) at delays spread over the time a
//! whole re-key takes, so the kill lands before, during and after the swap.

use pop_core::domain::FixedClock;
use pop_core::journal::{add_journal_entry, search_journal, JournalInput};
use pop_core::store::StoreError;
use pop_core::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const OLD: &str = "oude wachtwoordzin";
const NEW: &str = "nieuwe wachtwoordzin";
const ENTRIES: usize = 1_500;

fn clock() -> FixedClock {
    use chrono::TimeZone;
    FixedClock(chrono::Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap())
}

/// An encrypted store with many journal entries, made once.
fn pristine(dir: &Path) -> PathBuf {
    let db = dir.join("pristine.sqlite3");
    let mut store = Store::open_with(&db, Some(OLD)).unwrap();
    for i in 0..ENTRIES {
        add_journal_entry(
            &mut store,
            &clock(),
            JournalInput {
                text: format!(
                    "Gesprek over coördinatie en begroting, regel {i} {}",
                    "tekst ".repeat(40)
                ),
                ..Default::default()
            },
        )
        .unwrap();
    }
    drop(store);
    db
}

fn rekey_command(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"));
    c.arg("--db")
        .arg(db)
        .args(["passphrase", "set"])
        .env("GROEIKOERS_PASSPHRASE", OLD)
        .env("GROEIKOERS_NEW_PASSPHRASE", NEW)
        .env("LANG", "en_GB.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn copy_store(from: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let db = dir.join("groeikoers.sqlite3");
    std::fs::copy(from, &db).unwrap();
    db
}

/// Opens with either passphrase; returns which one worked.
fn open_either(db: &Path) -> (&'static str, Store) {
    match Store::open_with(db, Some(OLD)) {
        Ok(s) => ("old", s),
        Err(StoreError::WrongPassphrase { .. }) => (
            "new",
            Store::open_with(db, Some(NEW)).expect("the store opens with the new passphrase"),
        ),
        Err(e) => panic!("the store opens with neither passphrase: {e:?}"),
    }
}

#[test]
fn a_rekey_killed_at_any_moment_leaves_a_store_that_opens_with_no_data_lost() {
    let dir = tempfile::tempdir().unwrap();
    let pristine = pristine(dir.path());

    // How long a whole re-key takes here.
    let db = copy_store(&pristine, &dir.path().join("full"));
    let started = Instant::now();
    assert!(rekey_command(&db).status().unwrap().success());
    let full = started.elapsed();
    assert_eq!(open_either(&db).0, "new");

    let mut seen = Vec::new();
    let steps = 8u32;
    for i in 0..=steps {
        // Spread over the whole re-key; the last one comes well after it (a busy machine
        // may be slower than the measured run).
        let delay = if i == steps {
            full * 3
        } else {
            full.mul_f64(f64::from(i) / f64::from(steps))
        };
        let db = copy_store(&pristine, &dir.path().join(format!("kill-{i}")));
        let mut child = rekey_command(&db).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let (which, store) = open_either(&db);
        let count: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM journal_entry", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            count as usize, ENTRIES,
            "killed after {delay:?} ({which} passphrase)"
        );
        assert!(!search_journal(&store, "coordinatie").unwrap().is_empty());
        seen.push((delay, which));
    }
    eprintln!("whole re-key: {full:?}; killed at: {seen:?}");
    assert!(
        seen.iter().any(|(_, w)| *w == "old"),
        "some kills landed before the swap"
    );
    assert!(
        seen.iter().any(|(_, w)| *w == "new"),
        "some kills landed after the swap"
    );
}

#[test]
fn a_wrong_current_passphrase_refuses_the_change_and_leaves_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    drop(Store::open_with(&db, Some(OLD)).unwrap());
    let before = std::fs::read(&db).unwrap();
    let status = rekey_command(&db)
        .env("GROEIKOERS_PASSPHRASE", "niet goed")
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// Every file in the store's folder and `backups/`.
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn turning_encryption_on_killed_at_any_moment_leaves_no_readable_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    // A plain store with entries and three plain backups.
    let plain = dir.path().join("plain/groeikoers.sqlite3");
    std::fs::create_dir_all(plain.parent().unwrap()).unwrap();
    {
        let mut store = Store::open(&plain).unwrap();
        for i in 0..300 {
            add_journal_entry(
                &mut store,
                &clock(),
                JournalInput {
                    text: format!("Leesbaar-merkteken {i} {}", "tekst ".repeat(40)),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        for _ in 0..3 {
            store.backup("manual").unwrap();
        }
    }
    let set = |db: &Path| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"));
        c.arg("--db")
            .arg(db)
            .args(["passphrase", "set"])
            .env_remove("GROEIKOERS_PASSPHRASE")
            .env("GROEIKOERS_NEW_PASSPHRASE", NEW)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    };
    let copy = |name: &str| -> PathBuf {
        let to = dir.path().join(name);
        std::fs::create_dir_all(to.join("backups")).unwrap();
        for f in all_files(plain.parent().unwrap()) {
            let rel = f.strip_prefix(plain.parent().unwrap()).unwrap();
            std::fs::copy(&f, to.join(rel)).unwrap();
        }
        to.join("groeikoers.sqlite3")
    };
    let db = copy("full");
    let started = Instant::now();
    assert!(set(&db).status().unwrap().success());
    let full = started.elapsed();
    let steps = 8u32;
    let mut seen = Vec::new();
    for i in 0..=steps {
        let delay = full.mul_f64(f64::from(i) * 1.2 / f64::from(steps));
        let db = copy(&format!("kill-{i}"));
        let mut child = set(&db).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        // The next open: plain (the swap did not happen) or with the new passphrase.
        let (which, store) = match Store::open(&db) {
            Ok(s) => ("plain", s),
            Err(StoreError::NeedsPassphrase { .. }) => (
                "encrypted",
                Store::open_with(&db, Some(NEW)).expect("opens with the new passphrase"),
            ),
            Err(e) => panic!("killed after {delay:?}: {e:?}"),
        };
        let count: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM journal_entry", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 300, "killed after {delay:?}");
        drop(store);
        for f in all_files(db.parent().unwrap()) {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                !(name.ends_with(".rekey")
                    || name.ends_with(".partial")
                    || name.ends_with("-journal")),
                "killed after {delay:?}: leftover {name} after the next open"
            );
            if which == "encrypted" {
                let bytes = std::fs::read(&f).unwrap();
                assert!(
                    !bytes.windows(18).any(|w| w == b"Leesbaar-merkteken"),
                    "killed after {delay:?}: {name} is readable without the passphrase"
                );
            }
        }
        seen.push((delay, which));
    }
    eprintln!("whole first encryption: {full:?}; killed at: {seen:?}");
    assert!(seen.iter().any(|(_, w)| *w == "plain"));
    assert!(seen.iter().any(|(_, w)| *w == "encrypted"));
}

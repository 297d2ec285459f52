//! A re-key or restore holds every other writer off. Beside each `passphrase set`, change,
//! `passphrase remove` and `restore` (6 of each by default; the lost writes these tests were
//! written for showed in the first round; GROEIKOERS_SWAP_ROUNDS=50 for a long soak), a
//! second CLI writes without pausing:
//! every write it was told succeeded (exit 0) is there afterwards — in the store, or, for a
//! restore that replaced the data by design, in the backup that restore made of the data it
//! replaced — and no re-key fails because someone else wrote.

mod support;

use pop_core::domain::FixedClock;
use pop_core::journal::{add_journal_entry, JournalInput};
use pop_core::store::rusqlite::Connection;
use pop_core::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const P1: &str = "eerste wachtwoordzin";
const P2: &str = "tweede wachtwoordzin";
fn rounds() -> usize {
    std::env::var("GROEIKOERS_SWAP_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6)
}

fn cli(db: &Path, args: &[&str], key: Option<&str>, new: Option<&str>) -> Command {
    let mut c = support::command(db, args);
    c.env_remove("GROEIKOERS_NEW_PASSPHRASE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(k) = key {
        c.env("GROEIKOERS_PASSPHRASE", k);
    }
    if let Some(n) = new {
        c.env("GROEIKOERS_NEW_PASSPHRASE", n);
    }
    c
}

/// A store with some bulk, so a swap takes long enough for many writes beside it.
fn bulky_store(db: &Path) {
    use chrono::TimeZone;
    let clock = FixedClock(chrono::Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    let mut store = Store::open(db).unwrap();
    store
        .batch(|s| -> Result<(), pop_core::CoreError> {
            for i in 0..400 {
                add_journal_entry(
                    s,
                    &clock,
                    JournalInput {
                        text: format!("Notitie {i}: {}", "over de planning ".repeat(20)),
                        ..Default::default()
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    // One backup kept: every re-key also re-keys the backups, each a key derivation or two.
    pop_core::security::set_security_options(&mut store, 1, 0).unwrap();
}

/// The names of the people in the database at `path` (opened with whichever key opens it).
fn names(path: &Path) -> BTreeSet<String> {
    for key in [None, Some(P1), Some(P2)] {
        let Ok(c) = Connection::open(path) else {
            continue;
        };
        if let Some(k) = key {
            c.pragma_update(None, "cipher_log_level", "NONE").unwrap();
            c.pragma_update(None, "key", k).unwrap();
        }
        let Ok(mut stmt) = c.prepare("SELECT full_name FROM person") else {
            continue;
        };
        return stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
    }
    panic!("{} opens with no passphrase of the test", path.display());
}

/// The writer: adds people, one CLI process after another, without pausing, until `swap`
/// has ended; returns the names of the writes that succeeded. A write refused because the
/// passphrase changed under it is tried with the next passphrase.
fn write_beside(db: &Path, mut swap: Child, next: &mut usize, what: &str) -> BTreeSet<String> {
    let mut acknowledged = BTreeSet::new();
    let mut keys = vec![None, Some(P1), Some(P2)];
    loop {
        let done = swap.try_wait().unwrap();
        *next += 1;
        let name = format!("Schrijver {next}");
        for i in 0..keys.len() {
            let out = cli(db, &["person", "add", "--name", &name], keys[i], None)
                .output()
                .unwrap();
            if out.status.success() {
                acknowledged.insert(name.clone());
                // The passphrase that worked is tried first next time.
                let k = keys.remove(i);
                keys.insert(0, k);
                break;
            }
        }
        if let Some(status) = done {
            let out = swap.wait_with_output().unwrap();
            assert!(
                status.success(),
                "{what} failed beside a writer: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            return acknowledged;
        }
    }
}

#[test]
fn writes_beside_rounds_of_set_change_and_remove_are_all_kept() {
    let rounds = rounds();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    bulky_store(&db);
    let mut next = 0;
    let mut acknowledged = 0;
    for round in 0..rounds {
        for (what, key, new, args) in [
            ("passphrase set", None, Some(P1), &["passphrase", "set"][..]),
            (
                "passphrase change",
                Some(P1),
                Some(P2),
                &["passphrase", "set"][..],
            ),
            (
                "passphrase remove",
                Some(P2),
                None,
                &["passphrase", "remove"][..],
            ),
        ] {
            let swap = cli(&db, args, key, new).spawn().unwrap();
            let written = write_beside(&db, swap, &mut next, what);
            acknowledged += written.len();
            let now = names(&db);
            let lost: Vec<_> = written.difference(&now).collect();
            assert!(
                lost.is_empty(),
                "round {round}, {what}: acknowledged writes lost: {lost:?}"
            );
        }
    }
    assert!(
        acknowledged >= rounds * 3,
        "the writer should have written beside the re-keys ({acknowledged})"
    );
    let c = Connection::open(&db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn writes_beside_restores_are_in_the_store_or_in_the_backup_of_what_it_replaced() {
    let rounds = rounds();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    bulky_store(&db);
    // The backup to restore, kept outside `backups/` so no pruning takes it.
    let source: PathBuf = dir.path().join("bron.sqlite3");
    let out = cli(&db, &["backup", "-o", source.to_str().unwrap()], None, None)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut next = 0;
    let mut acknowledged = 0;
    for round in 0..rounds {
        let swap = cli(&db, &["restore", source.to_str().unwrap()], None, None)
            .spawn()
            .unwrap();
        let written = write_beside(&db, swap, &mut next, "restore");
        acknowledged += written.len();
        let newest_before_restore = pop_core::store::backup::list_backups(&db)
            .into_iter()
            .find(|b| b.reason == "before-restore")
            .expect("the restore backed up what it replaced");
        let mut kept = names(&db);
        kept.extend(names(&newest_before_restore.path));
        let lost: Vec<_> = written.difference(&kept).collect();
        assert!(
            lost.is_empty(),
            "round {round}: writes acknowledged during the restore vanished: {lost:?}"
        );
    }
    assert!(
        acknowledged >= rounds,
        "the writer should have written beside the restores ({acknowledged})"
    );
}

//! Nothing lost, whatever happens: every refused operation leaves the store, its WAL and
//! `backups/` byte for byte as they were; a restore never prunes the backup it restores;
//! backups sort by the time they were made; special files are refused; leftovers of a crash
//! are cleaned up at the next open.

mod support;

use support::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn store_with_backups(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("store")).unwrap();
    let db = dir.path().join("store/groeikoers.sqlite3");
    ok(&db, &["person", "add", "--name", "Zoë Çelik"]);
    for _ in 0..n {
        ok(&db, &["backup"]);
    }
    (dir, db)
}

#[test]
fn every_refused_operation_changes_no_file_of_the_store_or_its_backups() {
    let (dir, db) = store_with_backups(3);
    let store = dir.path().join("store");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let junk = outside.join("junk.sqlite3");
    std::fs::write(&junk, vec![7u8; 5000]).unwrap();
    let empty = outside.join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    let fifo = outside.join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let people: serde_json::Value =
        serde_json::from_str(&ok(&db, &["person", "list", "--json"])).unwrap();
    let person = people[0]["id"].as_str().unwrap().to_owned();
    let plan = ok(&db, &["plan", "new", "--person", &person]);
    let before = files(&store);
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["restore".into(), "/nonexistent/backup.sqlite3".into()],
            "empty or missing",
        ),
        (vec!["restore".into(), s(&outside)], "folder"),
        (vec!["restore".into(), s(&junk)], "not a database"),
        (vec!["restore".into(), s(&empty)], "empty or missing"),
        (vec!["passphrase".into(), "remove".into()], "not encrypted"),
        (
            vec![
                "backup".into(),
                "-o".into(),
                "/nonexistent-dir/b.sqlite3".into(),
            ],
            "b.sqlite3",
        ),
        (
            vec![
                "plan".into(),
                "import".into(),
                "/dev/zero".into(),
                "--new-person".into(),
            ],
            "not a regular file",
        ),
        (
            vec![
                "plan".into(),
                "import".into(),
                s(&fifo),
                "--new-person".into(),
            ],
            "not a regular file",
        ),
        (
            vec![
                "plan".into(),
                "pdf".into(),
                plan.clone(),
                "-o".into(),
                s(&fifo),
            ],
            "not a regular file",
        ),
        (
            vec![
                "plan".into(),
                "pdf".into(),
                plan.clone(),
                "-o".into(),
                s(&outside),
            ],
            "is a folder",
        ),
        (
            vec![
                "plan".into(),
                "export".into(),
                plan.clone(),
                "-o".into(),
                "/dev/null".into(),
            ],
            "not a regular file",
        ),
    ];
    for (args, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = cli(&db, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected {needle:?} in {err}"
        );
        assert_eq!(
            files(&store),
            before,
            "{args:?}: a file of the store or its backups changed"
        );
    }
    assert!(
        !std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_file(),
        "the FIFO is still a FIFO"
    );
}

#[test]
fn restoring_the_oldest_of_ten_backups_works_and_keeps_it() {
    let (_dir, db) = store_with_backups(10);
    ok(&db, &["person", "add", "--name", "Na de kopieën"]);
    let list: serde_json::Value = serde_json::from_str(&ok(&db, &["backups", "--json"])).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 10);
    let oldest = list.last().unwrap()["path"].as_str().unwrap().to_owned();
    let out = cli(&db, &["restore", &oldest]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        Path::new(&oldest).exists(),
        "the restored backup was not pruned"
    );
    let people: serde_json::Value =
        serde_json::from_str(&ok(&db, &["person", "list", "--json"])).unwrap();
    assert_eq!(
        people.as_array().unwrap().len(),
        1,
        "the store is as it was in that backup"
    );
    let after: serde_json::Value = serde_json::from_str(&ok(&db, &["backups", "--json"])).unwrap();
    assert_eq!(
        after[0]["reason"], "before-restore",
        "the newest is the one made first"
    );
}

#[test]
fn backups_made_in_the_same_second_sort_by_the_time_they_were_made() {
    let (_dir, db) = store_with_backups(0);
    let first = ok(&db, &["backup"]);
    let second = ok(&db, &["backup"]);
    let third = ok(&db, &["backup"]);
    let list: serde_json::Value = serde_json::from_str(&ok(&db, &["backups", "--json"])).unwrap();
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [third.as_str(), second.as_str(), first.as_str()]);
}

#[test]
fn leftovers_of_a_crash_are_removed_at_the_next_open_and_plain_backups_encrypted() {
    let (dir, db) = store_with_backups(1);
    let pass = [("GROEIKOERS_NEW_PASSPHRASE", "lang genoeg wachtwoord")];
    let out = cli_env(&db, &["passphrase", "set"], &pass);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What a kill can leave: temporary copies, and a backup still in plaintext.
    let backups = dir.path().join("store/backups");
    for name in [
        "groeikoers.sqlite3.rekey",
        "groeikoers.sqlite3.restore",
        "groeikoers.sqlite3.rekey-journal",
    ] {
        std::fs::write(dir.path().join("store").join(name), b"half").unwrap();
    }
    std::fs::write(
        backups.join("groeikoers-20990101-000000-manual.sqlite3.partial"),
        b"half",
    )
    .unwrap();
    let plain = backups.join("groeikoers-20200101-000000-000-manual.sqlite3");
    {
        let c = pop_core::store::rusqlite::Connection::open(&plain).unwrap();
        c.execute_batch("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('geheim-merkteken');")
            .unwrap();
    }
    let out = cli_env(
        &db,
        &["person", "list"],
        &[("GROEIKOERS_PASSPHRASE", "lang genoeg wachtwoord")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (path, bytes) in files(&dir.path().join("store")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.ends_with(".rekey")
                && !name.ends_with(".restore")
                && !name.ends_with(".partial")
                && !name.ends_with("-journal"),
            "leftover {name}"
        );
        assert!(
            !bytes.windows(16).any(|w| w == b"geheim-merkteken"),
            "{name} is readable without the passphrase"
        );
    }
}

#[test]
fn passphrase_remove_on_a_plain_store_is_refused() {
    let (dir, db) = store_with_backups(0);
    let before = files(dir.path());
    let out = cli(&db, &["passphrase", "remove"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not encrypted"));
    assert_eq!(files(dir.path()), before);
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_or_the_restored_store() {
    let (dir, db) = store_with_backups(0);
    for i in 0..200 {
        ok(
            &db,
            &["journal", "add", "--text", &format!("voor de kopie {i}")],
        );
    }
    let backup = dir.path().join("kopie.sqlite3");
    ok(&db, &["backup", "-o", backup.to_str().unwrap()]);
    ok(&db, &["person", "add", "--name", "Na de kopie"]);
    let people = |db: &Path| -> usize {
        let v: serde_json::Value =
            serde_json::from_str(&ok(db, &["person", "list", "--json"])).unwrap();
        v.as_array().unwrap().len()
    };
    // How long a whole restore takes, on a copy.
    let time_one = {
        let work = tempfile::tempdir().unwrap();
        let copy = work.path().join("g.sqlite3");
        std::fs::copy(&db, &copy).unwrap();
        let start = std::time::Instant::now();
        ok(&copy, &["restore", backup.to_str().unwrap()]);
        start.elapsed()
    };
    let mut seen = BTreeMap::new();
    for i in 0..16u32 {
        let work = tempfile::tempdir().unwrap();
        let copy = work.path().join("g.sqlite3");
        std::fs::copy(&db, &copy).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"))
            .arg("--db")
            .arg(&copy)
            .args(["restore", backup.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(time_one.mul_f64(f64::from(i) * 1.3 / 16.0));
        let _ = child.kill(); // SIGKILL, this child only
        let _ = child.wait();
        let state = match people(&copy) {
            2 => "old",
            1 => "restored",
            n => panic!("half a restore: {n} people"),
        };
        ok(&copy, &["log", "verify"]);
        for f in files(work.path()).keys() {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                !name.ends_with(".restore") && !name.ends_with(".partial"),
                "leftover {name}"
            );
        }
        *seen.entry(state).or_insert(0) += 1;
    }
    eprintln!("restore alone {time_one:?}; after 16 kills: {seen:?}");
    assert!(
        seen.contains_key("old") && seen.contains_key("restored"),
        "{seen:?}"
    );
}

#[test]
fn backups_that_need_another_passphrase_are_listed_as_such() {
    let (_dir, db) = store_with_backups(1);
    let first = [("GROEIKOERS_NEW_PASSPHRASE", "eerste lange zin")];
    assert!(cli_env(&db, &["passphrase", "set"], &first)
        .status
        .success());
    let unlock = |p: &'static str| [("GROEIKOERS_PASSPHRASE", p)];
    // Change the passphrase, then put back a backup made under the first one by hand.
    let out = cli_env(&db, &["backup"], &unlock("eerste lange zin"));
    let under_first = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let kept = std::fs::read(&under_first).unwrap();
    let change = [
        ("GROEIKOERS_PASSPHRASE", "eerste lange zin"),
        ("GROEIKOERS_NEW_PASSPHRASE", "tweede lange zin"),
    ];
    assert!(cli_env(&db, &["passphrase", "set"], &change)
        .status
        .success());
    std::fs::write(&under_first, kept).unwrap();
    let out = cli_env(&db, &["backups", "--json"], &unlock("tweede lange zin"));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flagged: Vec<bool> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["needsOtherPassphrase"].as_bool().unwrap())
        .collect();
    assert_eq!(flagged.iter().filter(|f| **f).count(), 1, "{list}");
}

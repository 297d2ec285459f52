//! No export ever lands on the store or what belongs to it: every command that takes `-o`
//! refuses the store itself, its WAL, its lock files, a backup, a new file inside
//! `backups/`, a symbolic or hard link to the store, and the store spelled with `..` or
//! relative to the working folder — with a message naming the file and every file beside
//! the store unchanged, byte for byte.

mod support;

use std::path::Path;
use std::process::Output;
use support::*;

/// Runs the CLI in `cwd` on `--db db` (which may be relative to `cwd`).
fn cli_in(cwd: &Path, db: &str, args: &[&str]) -> Output {
    command(Path::new(db), args)
        .current_dir(cwd)
        .output()
        .expect("groeikoers-cli runs")
}

#[test]
fn no_command_writes_its_output_over_the_store_or_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let person = ok(&db, &["person", "add", "--name", "Zoë Çelik"]);
    let plan = ok(
        &db,
        &[
            "plan",
            "new",
            "--person",
            &person,
            "--example",
            "winkelmedewerker-naar-ploegleider",
        ],
    );
    ok(
        &db,
        &["journal", "add", "--text", "Eerste week als ploegleider."],
    );
    ok(&db, &["backup"]);
    let backup = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "sqlite3"))
        .expect("a backup was made");
    // Links to the store made the way a user (or an attacker) might.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::os::unix::fs::symlink(&db, dir.path().join("link.pdf")).unwrap();
    std::fs::hard_link(&db, sub.join("hard.pdf")).unwrap();

    let abs = |p: &Path| p.to_string_lossy().into_owned();
    let targets: Vec<(String, String)> = vec![
        // (working-folder-relative --db, -o)
        (abs(&db), abs(&db)),
        (abs(&db), format!("{}-wal", abs(&db))),
        (abs(&db), format!("{}-shm", abs(&db))),
        (abs(&db), format!("{}.lock", abs(&db))),
        (abs(&db), abs(&backup)),
        (abs(&db), abs(&dir.path().join("backups/new.pdf"))),
        (abs(&db), abs(&dir.path().join("link.pdf"))),
        (abs(&db), abs(&sub.join("hard.pdf"))),
        (abs(&db), format!("{}/../g.sqlite3", abs(&sub))),
        ("g.sqlite3".into(), "./g.sqlite3".into()),
        ("./sub/../g.sqlite3".into(), "g.sqlite3".into()),
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["plan", "pdf", &plan, "-o"],
        vec!["plan", "prep-pdf", &plan, "-o"],
        vec!["plan", "eval-pdf", &plan, "-o"],
        vec!["plan", "ics", &plan, "-o"],
        vec!["plan", "export", &plan, "-o"],
        vec![
            "plan",
            "feedback-form",
            &plan,
            "--goal",
            "1",
            "--measure",
            "1",
            "-o",
        ],
        vec!["person", "export", &person, "-o"],
        vec!["calendar", "-o"],
        vec!["overview", "-o"],
        vec!["results", "-o"],
        vec![
            "journal",
            "pdf",
            "--from",
            "2026-01-01",
            "--to",
            "2027-12-31",
            "-o",
        ],
        vec!["direction", "pdf", "-o"],
        vec!["backup", "-o"],
    ];
    // Every command works with an ordinary file name (the refusals below are not because
    // the command fails anyway).
    for c in &commands {
        let mut args = c.clone();
        let out = dir.path().join("elsewhere").join("out.csv");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let out = abs(&out);
        args.push(&out);
        ok(&db, &args);
    }
    std::fs::remove_dir_all(dir.path().join("elsewhere")).unwrap();
    let before = files(dir.path());
    for (db_arg, target) in &targets {
        for c in &commands {
            let mut args = c.clone();
            args.push(target);
            let out = cli_in(dir.path(), db_arg, &args);
            let err = stderr(&out);
            assert!(
                !out.status.success(),
                "{args:?} with --db {db_arg} wrote over the store: {}",
                stdout(&out)
            );
            assert!(
                err.contains("data file or belongs to it") && err.contains("Nothing was written"),
                "{args:?} -o {target}: the message should say why: {err}"
            );
            assert_eq!(
                files(dir.path()),
                before,
                "{args:?} -o {target} changed a file"
            );
        }
    }
    whole(&db);
}

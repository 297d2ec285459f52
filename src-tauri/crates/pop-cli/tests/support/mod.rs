//! Helpers shared by the CLI tests: run `groeikoers-cli` on a store, read every file of a
//! folder byte for byte, check that a store is whole.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The CLI on `db` in English, without a passphrase from the environment and with the device
/// key in the store file, not started yet.
pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("GROEIKOERS_PASSPHRASE")
        // The device key stays in the test's store, never in the secret store of the
        // machine running the tests (`keystore.rs` tests the secret store on its own bus).
        .env("GROEIKOERS_KEYSTORE", "file");
    c
}

/// Runs the CLI on `db` in English, with extra environment variables.
pub fn cli_env(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = command(db, args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("groeikoers-cli runs")
}

pub fn cli(db: &Path, args: &[&str]) -> Output {
    cli_env(db, args, &[])
}

/// Runs the CLI, which must succeed; its standard output, trimmed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every regular file under `dir` (the store, its WAL, `backups/`), byte for byte.
pub fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The store passes SQLite's integrity check and `log verify`.
pub fn whole(db: &Path) {
    let c = pop_core::store::rusqlite::Connection::open(db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(c);
    ok(db, &["log", "verify"]);
}

/// Runs the CLI on `db` in Dutch (for tests that check its messages).
pub fn cli_nl(db: &Path, args: &[&str]) -> Output {
    cli_env(db, args, &[("LANG", "nl_NL.UTF-8")])
}

/// Runs the CLI in Dutch, which must succeed; its standard output, trimmed.
pub fn ok_nl(db: &Path, args: &[&str]) -> String {
    let out = cli_nl(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Runs a refused command (in Dutch): exit `code`, a message that contains `says`, and no
/// file beside the store changed.
pub fn refused_nl(db: &Path, args: &[&str], code: i32, says: &str) {
    let dir = db.parent().unwrap();
    let before = files(dir);
    let out = cli_nl(db, args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?} should be refused: {err}"
    );
    assert!(err.contains(says), "{args:?}: {err}");
    assert_eq!(files(dir), before, "{args:?} changed a file");
}

/// The text of a PDF as `pdftotext` reads it.
pub fn pdf_text(pdf: &Path) -> String {
    String::from_utf8(
        Command::new("pdftotext")
            .arg(pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed")
            .stdout,
    )
    .unwrap()
}

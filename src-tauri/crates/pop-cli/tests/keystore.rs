//! The device's secret key lives in the operating system's secret store when there is one
//! (here: gnome-keyring's Secret Service on a private session bus, as on a Linux desktop),
//! not in the data file: a copied data file cannot sign as that device. Without a secret
//! store the key stays in the file, and `device show` says so.

mod support;

use pop_core::store::rusqlite::Connection;
use std::path::Path;
use std::process::Command;
use support::*;

fn secret_in_store(db: &Path) -> String {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT secret_key FROM device", [], |r| r.get(0))
        .unwrap()
}

/// Runs `script` in a private session bus with an unlocked gnome-keyring; `$CLI` is the
/// command line program. Its standard output.
fn in_desktop_session(dir: &Path, script: &str) -> String {
    let out = Command::new("dbus-run-session")
        .args([
            "--",
            "sh",
            "-euc",
            &format!(
                "printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1\n{script}"
            ),
        ])
        .current_dir(dir)
        .env("CLI", env!("CARGO_BIN_EXE_groeikoers-cli"))
        .env("LANG", "en_GB.UTF-8")
        .env_remove("GROEIKOERS_KEYSTORE")
        .env_remove("GROEIKOERS_PASSPHRASE")
        .output()
        .expect("dbus-run-session and gnome-keyring are installed by the test command");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_device_key_lives_in_the_secret_store_and_a_copied_file_cannot_sign() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    // On the desktop: a person, a plan, a signature; the key is read back from the store.
    let out = in_desktop_session(
        dir.path(),
        r#"P=$($CLI --db g.sqlite3 person add --name "Zoë Çelik")
PLAN=$($CLI --db g.sqlite3 plan new --person "$P" --example winkelmedewerker-naar-ploegleider)
$CLI --db g.sqlite3 plan sign "$PLAN" --party employee --name "Zoë Çelik" --consent >/dev/null
echo "plan=$PLAN"
KEY=$($CLI --db g.sqlite3 device show --json | sed 's/.*"publicKey":"\([0-9a-f]*\)".*/\1/')
echo "secret=$(secret-tool lookup service Groeikoers username device-key-$KEY 2>/dev/null || secret-tool search --all service Groeikoers 2>/dev/null | sed -n 's/^secret = //p')"
$CLI --db g.sqlite3 device show 2>&1"#,
    );
    let secret = out
        .lines()
        .find_map(|l| l.strip_prefix("secret="))
        .unwrap()
        .trim()
        .to_owned();
    let plan = out
        .lines()
        .find_map(|l| l.strip_prefix("plan="))
        .unwrap()
        .to_owned();
    assert_eq!(secret.len(), 64, "the secret store holds the key: {out}");
    assert!(
        out.contains("in the operating system's secret store"),
        "{out}"
    );
    assert_eq!(secret_in_store(&db), "os-secret-store");
    // Not one byte of the key in the data file (or its WAL).
    for f in files(dir.path()).iter().filter(|(p, _)| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("g.sqlite3"))
    }) {
        let text = String::from_utf8_lossy(f.1);
        assert!(
            !text.contains(&secret),
            "{} holds the secret key",
            f.0.display()
        );
    }

    // The data file copied to a computer without that secret store: it reads, but it cannot
    // sign as that device, says what to do, and changes nothing.
    let copy = tempfile::tempdir().unwrap();
    let copied = copy.path().join("g.sqlite3");
    std::fs::copy(&db, &copied).unwrap();
    let mut show = command(&copied, &["device", "show"]);
    show.env_remove("GROEIKOERS_KEYSTORE")
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    let shown = show.output().unwrap();
    assert!(
        stderr(&shown).contains("missing from this computer's secret store"),
        "{}",
        stderr(&shown)
    );
    let before = files(copy.path());
    let out = cli(
        &copied,
        &[
            "plan",
            "sign",
            &plan,
            "--party",
            "manager",
            "--name",
            "Henk",
            "--consent",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("device new-key"), "{}", stderr(&out));
    assert_eq!(
        files(copy.path()),
        before,
        "a refused signature changed a file"
    );
    // A new key: signing works again (in the file, as there is no secret store here), and
    // the signature made with the old key still verifies.
    let old = ok(&copied, &["device", "show"]);
    let new = ok(&copied, &["device", "new-key"]);
    assert_ne!(old.split('\t').nth(1), new.split('\t').nth(1));
    ok(
        &copied,
        &[
            "plan",
            "sign",
            &plan,
            "--party",
            "manager",
            "--name",
            "Henk",
            "--consent",
        ],
    );
    ok(&copied, &["log", "verify"]);
}

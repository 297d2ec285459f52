//! The `groeikoers-cli` surface that scripts depend on: output, exit codes, and a database
//! that stays exactly as it was when input is refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("groeikoers-cli runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A database with one person, and its bytes after a clean checkpoint.
fn db_with_one_person() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let out = cli(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Zoë Çelik",
            "--role",
            "Shift lead",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_owned();
    (dir, db, id)
}

/// Every file beside the database (the store, its WAL, `backups/`), byte for byte.
fn files(db: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![db.parent().unwrap().to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn people_json(db: &Path) -> serde_json::Value {
    let out = cli(db, &["person", "list", "--all", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn person_add_prints_the_new_id_and_list_shows_the_person() {
    let (_dir, db, id) = db_with_one_person();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let out = cli(&db, &["person", "list"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains(&id) && text.contains("Zoë Çelik") && text.contains("Shift lead"));
}

#[test]
fn person_add_with_json_prints_the_record() {
    let (_dir, db, manager) = db_with_one_person();
    let out = cli(
        &db,
        &[
            "person",
            "add",
            "--name",
            "Bram",
            "--manager",
            &manager,
            "--start",
            "2024-02-29",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["fullName"], "Bram");
    assert_eq!(v["managerId"], manager.as_str());
    assert_eq!(v["startDate"], "2024-02-29");
    assert_eq!(v["status"], "active");
}

#[test]
fn person_list_json_is_an_array_with_manager_names() {
    let (_dir, db, manager) = db_with_one_person();
    cli(
        &db,
        &["person", "add", "--name", "Bram", "--manager", &manager],
    );
    let list = people_json(&db);
    let bram = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["fullName"] == "Bram")
        .unwrap();
    assert_eq!(bram["managerName"], "Zoë Çelik");
}

#[test]
fn rejected_input_exits_1_with_a_clear_message_and_changes_nothing() {
    let (_dir, db, id) = db_with_one_person();
    let before = people_json(&db);
    let before_files = files(&db);
    let long = "x".repeat(100_000);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["person", "add", "--name", "   "], "Name is required"),
        (vec!["person", "add", "--name", &long], "Name is too long"),
        (
            vec!["person", "add", "--name", "A", "--start", "2026-02-30"],
            "Start date is not a valid date",
        ),
        (
            vec!["person", "add", "--name", "A", "--manager", "nobody"],
            "Manager does not exist",
        ),
        (
            vec!["journal", "add", "--text", "x", "--date", "2026-02-30"],
            "Date of the entry is not a valid date",
        ),
        (
            vec![
                "journal",
                "pdf",
                "--from",
                "2026-02-30",
                "--to",
                "2026-03-01",
                "-o",
                "x.pdf",
            ],
            "Start of the range is not a valid date",
        ),
        (
            vec!["person", "add", "--name", "A", "--email", "not-an-email"],
            "Email is not a valid email address",
        ),
        (
            vec!["person", "leave", &id, "--on", "1800-01-01"],
            "Date of leaving is not between 1900 and 2200",
        ),
        (vec!["person", "leave", "no-such-id"], "no longer exists"),
    ];
    for (args, expected) in cases {
        let out = cli(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?} should be rejected");
        let err = stderr(&out);
        assert!(err.contains(expected), "{args:?}: stderr was {err:?}");
        assert!(stdout(&out).is_empty(), "{args:?} printed to stdout");
    }
    assert_eq!(people_json(&db), before, "the database is unchanged");
    assert_eq!(files(&db), before_files, "no file changed");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    for args in [
        vec!["person", "add"],
        vec!["person", "frobnicate"],
        vec!["person", "add", "--name"],
    ] {
        let out = cli(&db, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&out).is_empty());
    }
}

#[test]
fn messages_follow_a_dutch_locale() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"))
        .arg("--db")
        .arg(dir.path().join("g.sqlite3"))
        .args(["person", "add", "--name", ""])
        .env("LANG", "nl_NL.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Naam is verplicht"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_corrupt_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let junk = b"this is not a database at all, just some text that is long enough".repeat(100);
    std::fs::write(&db, &junk).unwrap();
    let out = cli(&db, &["person", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a Groeikoers database or is damaged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&db).unwrap(), junk);
}

#[test]
fn example_list_names_every_worked_example() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(
        &dir.path().join("g.sqlite3"),
        &["example", "list", "--json"],
    );
    assert!(out.status.success());
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(list.as_array().unwrap().len() >= 6);
    assert!(stdout(&out).contains("vakman-met-leerling"));
}

#[test]
fn plan_new_check_export_import_round_trip() {
    let (dir, db, boss) = db_with_one_person();
    // A person with a manager: the example's names become theirs, nothing is left to fill in.
    let person = ok(
        &db,
        &["person", "add", "--name", "Bram de Wit", "--manager", &boss],
    )
    .trim()
    .to_owned();
    let out = cli(
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
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = stdout(&out).trim().to_owned();
    let check = cli(&db, &["plan", "check", &plan]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    let file = dir.path().join("plan.pop.json");
    let out = cli(
        &db,
        &["plan", "export", &plan, "-o", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let other = dir.path().join("other.sqlite3");
    // From a computer not paired here: refused, naming the device and its fingerprint.
    let fingerprint = stdout(&cli(&db, &["device", "show"]))
        .trim()
        .split('\t')
        .nth(1)
        .unwrap()
        .to_owned();
    let out = cli(
        &other,
        &["plan", "import", file.to_str().unwrap(), "--new-person"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not paired") && stderr(&out).contains(&fingerprint),
        "{}",
        stderr(&out)
    );
    let out = cli(
        &other,
        &[
            "plan",
            "import",
            file.to_str().unwrap(),
            "--new-person",
            "--pair",
            &fingerprint,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), plan, "the plan keeps its id");
    let again = cli(&other, &["plan", "export", &plan]);
    let versions = |text: &str| -> serde_json::Value {
        serde_json::from_str::<serde_json::Value>(text).unwrap()["versions"].clone()
    };
    assert_eq!(
        versions(&stdout(&again)),
        versions(&std::fs::read_to_string(&file).unwrap()),
        "every version arrives as it was"
    );
    // The same package again: nothing changes, exit 0.
    let before = std::fs::read(&other).unwrap();
    let out = cli(&other, &["plan", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("up to date"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&other).unwrap(), before, "no byte changed");

    let list = cli(&other, &["plan", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&list)).unwrap();
    assert_eq!(list[0]["personName"], "Bram de Wit");
}

#[test]
fn plan_check_exits_3_for_errors_and_1_for_warnings_only() {
    let (dir, db, person) = db_with_one_person();
    let out = cli(&db, &["plan", "new", "--person", &person]);
    let empty = stdout(&out).trim().to_owned();
    let check = cli(&db, &["plan", "check", &empty, "--json"]);
    assert_eq!(check.status.code(), Some(3));
    let findings: serde_json::Value = serde_json::from_str(&stdout(&check)).unwrap();
    assert!(findings
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "noGoals" && f["severity"] == "error"));

    // The bad fixture imported, then check: errors.
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/bad-plan.pop.json");
    let out = cli(
        &db,
        &["plan", "import", bad.to_str().unwrap(), "--person", &person],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_owned();
    assert_eq!(cli(&db, &["plan", "check", &id]).status.code(), Some(3));
    drop(dir);
}

#[test]
fn plan_commands_refuse_bad_input_and_change_nothing() {
    let (dir, db, person) = db_with_one_person();
    let before = people_json(&db);
    let junk = dir.path().join("junk.pop.json");
    std::fs::write(&junk, "{\"format\": \"groeikoers-pop\", \"version\": 99}").unwrap();
    let before_files = files(&db);
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["plan", "new", "--person", "ghost"],
            1,
            "Person does not exist",
        ),
        (
            vec!["plan", "new", "--person", &person, "--example", "nope"],
            1,
            "Example does not exist",
        ),
        (vec!["plan", "check", "ghost"], 1, "no longer exists"),
        (
            vec!["plan", "import", junk.to_str().unwrap(), "--new-person"],
            1,
            "format version 99",
        ),
        (
            vec!["plan", "import", "/nonexistent/x.json", "--new-person"],
            1,
            "cannot be read",
        ),
        (
            vec!["plan", "import", junk.to_str().unwrap()],
            1,
            "format version 99",
        ),
        (
            vec!["plan", "import", junk.to_str().unwrap(), "--take", "nobody"],
            2,
            "--take",
        ),
    ];
    for (args, code, expected) in cases {
        let out = cli(&db, &args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(people_json(&db), before);
    assert_eq!(files(&db), before_files, "no file changed");
    let plans = cli(&db, &["plan", "list", "--json"]);
    assert_eq!(stdout(&plans).trim(), "[]");
}

#[test]
fn sign_verify_and_a_tampered_log_from_the_command_line() {
    let (dir, db, person) = db_with_one_person();
    let out = cli(
        &db,
        &[
            "plan",
            "new",
            "--person",
            &person,
            "--example",
            "vakman-met-leerling",
        ],
    );
    let plan = stdout(&out).trim().to_owned();
    let no_consent = cli(
        &db,
        &[
            "plan",
            "sign",
            &plan,
            "--party",
            "employee",
            "--name",
            "Zoë Çelik",
        ],
    );
    assert_eq!(no_consent.status.code(), Some(1));
    assert!(stderr(&no_consent).contains("Consent statement is required"));
    let first = cli(
        &db,
        &[
            "plan",
            "sign",
            &plan,
            "--party",
            "employee",
            "--name",
            "Zoë Çelik",
            "--consent",
        ],
    );
    assert_eq!(stdout(&first).trim(), "draft");
    let second = cli(
        &db,
        &[
            "plan",
            "sign",
            &plan,
            "--party",
            "manager",
            "--name",
            "Erik Smit",
            "--consent",
        ],
    );
    let fp = stdout(&second).trim().to_owned();
    assert!(fp.starts_with("GK-"), "{fp}");

    let pdf = dir.path().join("plan.pdf");
    assert!(
        cli(&db, &["plan", "pdf", &plan, "-o", pdf.to_str().unwrap()])
            .status
            .success()
    );
    let verified = cli(&db, &["plan", "verify", pdf.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", stderr(&verified));
    assert!(stdout(&verified).contains(&fp) && stdout(&verified).contains("Zoë Çelik"));
    let unknown = cli(&db, &["plan", "verify", "GK-0000-0000-0000"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("No signed plan matches"));

    assert!(cli(&db, &["log", "verify"]).status.success());
    let conn = pop_core::store::rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TRIGGER event_log_no_update; UPDATE event_log SET at = '2020-01-01T00:00:00Z' WHERE seq = 2;")
        .unwrap();
    drop(conn);
    let broken = cli(&db, &["log", "verify"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stderr(&broken).contains("event 2 does not match"),
        "{}",
        stderr(&broken)
    );
}

#[test]
fn journal_add_and_search_ignore_case_and_diacritics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    let out = cli(
        &db,
        &[
            "journal",
            "add",
            "--text",
            "Eén gesprek over coördinatie",
            "--tag",
            "feedback",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let found = cli(&db, &["journal", "search", "EEN coordinatie", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&found)).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["entry"]["tags"][0], "feedback");
    let odd = cli(&db, &["journal", "search", "\"(*"]);
    assert!(odd.status.success(), "special characters: {}", stderr(&odd));
    let empty = cli(&db, &["journal", "add", "--text", "  "]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(stderr(&empty).contains("Text is required"));
}

#[test]
fn overview_lists_people_and_writes_csv_and_xlsx() {
    let (dir, db, id) = db_with_one_person();
    let out = cli(&db, &["overview", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(rows[0]["personId"], id.as_str());
    assert_eq!(rows[0]["overdue"], 0);
    assert!(rows[0]["planId"].is_null());

    let csv = dir.path().join("overview.csv");
    let out = cli(&db, &["overview", "-o", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}Name,Role,Status,Plan"), "{text}");
    assert!(text.contains("Zoë Çelik,Shift lead,no plan"), "{text}");

    let xlsx = dir.path().join("overview.XLSX");
    let out = cli(&db, &["overview", "-o", xlsx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");

    let out = cli(&db, &["overview", "-o", "/nonexistent-dir/o.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("o.csv"), "{}", stderr(&out));
}

#[test]
fn due_at_a_bad_moment_says_how_to_write_one() {
    let (_dir, db, _) = db_with_one_person();
    for bad in ["2026-13-01T09:00", "tomorrow", "2026-03-01"] {
        let out = cli(&db, &["due", "--at", bad]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(
            stderr(&out).contains("yyyy-mm-ddThh:mm"),
            "{bad}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn backup_restore_and_journal_extract_refuse_bad_input_and_change_nothing() {
    let (dir, db, _) = db_with_one_person();
    let before = people_json(&db);
    for (args, needle) in [
        (vec!["restore", "/nonexistent/backup.sqlite3"], "backup"),
        (
            vec!["backup", "-o", "/nonexistent-dir/b.sqlite3"],
            "b.sqlite3",
        ),
        (
            vec![
                "journal",
                "pdf",
                "--from",
                "2026-03-31",
                "--to",
                "2026-03-01",
                "-o",
                "x.pdf",
            ],
            "before the start date",
        ),
        (
            vec![
                "journal",
                "pdf",
                "--from",
                "2026-02-30",
                "--to",
                "2026-03-01",
                "-o",
                "x.pdf",
            ],
            "not a valid date",
        ),
    ] {
        let out = cli(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(people_json(&db), before);

    // A backup to a file and a restore of it round trip.
    let backup = dir.path().join("kopie.sqlite3");
    assert!(cli(&db, &["backup", "-o", backup.to_str().unwrap()])
        .status
        .success());
    let out = cli(&db, &["person", "add", "--name", "Na de kopie"]);
    assert!(out.status.success());
    assert_eq!(people_json(&db).as_array().unwrap().len(), 2);
    let out = cli(&db, &["restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(people_json(&db), before);
    let out = cli(&db, &["backups", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list[0]["reason"], "before-restore");
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let (_dir, db, _) = db_with_one_person();
    for _ in 0..30 {
        cli(&db, &["person", "add", "--name", "Bram de Wit"]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"))
        .arg("--db")
        .arg(&db)
        .args(["person", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the command writes (as `| head -0` would).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "no panic message: {}",
        stderr(&out)
    );
}

#[test]
fn plan_new_from_an_example_honours_the_start_date() {
    let (_dir, db, person) = db_with_one_person();
    let out = cli(
        &db,
        &[
            "plan",
            "new",
            "--person",
            &person,
            "--example",
            "winkelmedewerker-naar-ploegleider",
            "--start",
            "2023-01-02",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&cli(&db, &["plan", "list", "--json"]))).unwrap();
    assert_eq!(list[0]["periodStart"], "2023-01-02");
    let bad = cli(
        &db,
        &[
            "plan",
            "new",
            "--person",
            &person,
            "--example",
            "winkelmedewerker-naar-ploegleider",
            "--start",
            "2023-02-30",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
}

/// Runs a command that must succeed; its standard output.
fn ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn due_json(db: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(db, &["due", "--json"])).unwrap()
}

#[test]
fn an_ended_plan_is_one_evaluate_item_until_it_is_evaluated_or_closed() {
    let (_dir, db, person) = db_with_one_person();
    let new_plan = |start: &str| {
        ok(
            &db,
            &[
                "plan",
                "new",
                "--person",
                &person,
                "--example",
                "winkelmedewerker-naar-ploegleider",
                "--start",
                start,
            ],
        )
        .trim()
        .to_owned()
    };
    let old = new_plan("2022-01-03");
    let due = due_json(&db);
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0]["kind"], "evaluation");
    for party in ["employee", "manager"] {
        ok(
            &db,
            &[
                "plan",
                "sign",
                &old,
                "--party",
                party,
                "--name",
                "Zoë Çelik",
                "--consent",
            ],
        );
    }
    // Nonsense is refused with a message saying how to write it, and nothing changes.
    let before = files(&db);
    for (args, says) in [
        (vec!["--goal", "9=achieved"], "between 1 and"),
        (vec!["--goal", "1=misschien"], "N=achieved"),
        (vec!["--goal", "achieved"], "N=achieved"),
        (vec!["--carry", "0"], "between 1 and"),
    ] {
        let mut all = vec!["plan", "evaluate", old.as_str()];
        all.extend(args);
        let out = cli(&db, &all);
        assert_eq!(out.status.code(), Some(1), "{all:?}");
        assert!(stderr(&out).contains(says), "{all:?}: {}", stderr(&out));
    }
    assert_eq!(files(&db), before, "refused evaluations change no file");
    ok(
        &db,
        &[
            "plan",
            "evaluate",
            &old,
            "--goal",
            "1=achieved",
            "--carry",
            "1",
        ],
    );
    assert!(due_json(&db).is_empty(), "an evaluated plan is not due");
    // A draft given up: closed, nothing of it is due.
    let draft = new_plan("2022-06-01");
    assert_eq!(due_json(&db).len(), 1);
    ok(&db, &["plan", "close", &draft]);
    assert!(due_json(&db).is_empty());
    let out = cli(&db, &["plan", "close", "no-such-plan"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn demo_writes_a_new_store_and_never_overwrites_one() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.sqlite3");
    let out = cli(
        &dir.path().join("unused.sqlite3"),
        &["demo", "--people", "4", "--years", "2", "--seed", "3", "-o"],
    );
    assert_eq!(out.status.code(), Some(2), "-o needs a file");
    let made = ok(
        &dir.path().join("unused.sqlite3"),
        &[
            "demo",
            "--people",
            "4",
            "--years",
            "2",
            "--seed",
            "3",
            "-o",
            demo.to_str().unwrap(),
        ],
    );
    assert!(made.starts_with("4 people, 8 plans"), "{made}");
    let people: serde_json::Value =
        serde_json::from_str(&ok(&demo, &["person", "list", "--all", "--json"])).unwrap();
    assert_eq!(people.as_array().unwrap().len(), 4);
    let log = cli(&demo, &["log", "verify"]);
    assert!(log.status.success(), "{}", stderr(&log));
    let before = std::fs::read(&demo).unwrap();
    let again = cli(
        &dir.path().join("unused.sqlite3"),
        &["demo", "-o", demo.to_str().unwrap()],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read(&demo).unwrap(), before);
    let bad = dir.path().join("bad.sqlite3");
    let out = cli(
        &dir.path().join("unused.sqlite3"),
        &["demo", "--people", "0", "-o", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bad"))
        .collect();
    assert!(left.is_empty(), "nothing left of a refused demo: {left:?}");
}

#[test]
fn a_plan_with_errors_is_signed_only_when_that_is_confirmed() {
    let (_dir, db, person) = db_with_one_person();
    let blank = ok(&db, &["plan", "new", "--person", &person])
        .trim()
        .to_owned();
    let sign = |extra: &[&str]| {
        let mut args = vec![
            "plan",
            "sign",
            blank.as_str(),
            "--party",
            "employee",
            "--name",
            "Zoë Çelik",
            "--consent",
        ];
        args.extend(extra);
        cli(&db, &args)
    };
    let before = files(&db);
    let refused = sign(&[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("error(s) in this plan"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("--despite-findings"));
    assert_eq!(files(&db), before, "a refused signature changes no file");
    let signed = sign(&["--despite-findings"]);
    assert!(signed.status.success(), "{}", stderr(&signed));
    assert_eq!(
        stdout(&signed).trim(),
        "draft",
        "the manager still has to sign"
    );
}

#[test]
fn a_draft_nobody_signed_can_be_deleted_and_a_signed_plan_never() {
    let (_dir, db, person) = db_with_one_person();
    let list = |db: &Path| -> Vec<serde_json::Value> {
        serde_json::from_str(&ok(db, &["plan", "list", "--json"])).unwrap()
    };
    let mistake = ok(&db, &["plan", "new", "--person", &person])
        .trim()
        .to_owned();
    ok(&db, &["plan", "delete", &mistake]);
    assert!(list(&db).is_empty(), "the draft is gone");

    let signed = ok(&db, &["plan", "new", "--person", &person])
        .trim()
        .to_owned();
    ok(
        &db,
        &[
            "plan",
            "sign",
            &signed,
            "--party",
            "employee",
            "--name",
            "Zoë Çelik",
            "--consent",
            "--despite-findings",
        ],
    );
    let talked = ok(
        &db,
        &[
            "plan",
            "new",
            "--person",
            &person,
            "--example",
            "winkelmedewerker-naar-ploegleider",
        ],
    )
    .trim()
    .to_owned();
    ok(
        &db,
        &["plan", "checkin", &talked, "--reality", "Eerste gesprek"],
    );
    let before = files(&db);
    for (id, says) in [
        (signed.as_str(), "never deleted"),
        (talked.as_str(), "check-ins"),
        ("no-such-plan", "no longer exists"),
    ] {
        let out = cli(&db, &["plan", "delete", id]);
        assert_eq!(out.status.code(), Some(1), "{id}");
        assert!(stderr(&out).contains(says), "{id}: {}", stderr(&out));
    }
    assert_eq!(files(&db), before, "a refused delete changes no file");
    assert_eq!(list(&db).len(), 2);
}

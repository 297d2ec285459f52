//! Power cuts and a second program: writer loops of the real CLI (person add, plan new,
//! journal add, check-in, sign) killed with SIGKILL at random moments — at least 200 kills —
//! then an integrity check, `log verify`, and every acknowledged write present; and two
//! writers at once for a while: no "database is locked", no lost write.

mod support;

use support::*;

use pop_core::store::rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small, seeded random number generator: the same moments every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn count(db: &Path, sql: &str, arg: &str) -> i64 {
    let c = Connection::open(db).unwrap();
    c.query_row(sql, [arg], |r| r.get(0)).unwrap()
}

enum Write {
    Person(String),
    Plan,
    Journal(String),
    Checkin(String),
    Sign(String),
}

#[test]
fn two_hundred_kills_during_writes_lose_no_acknowledged_write() {
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
    let mut rng = Lcg(20261201);
    let mut drafts: Vec<String> = Vec::new();
    let mut acknowledged: Vec<Write> = Vec::new();
    let (mut kills, mut finished) = (0, 0);
    let mut n = 0;
    while kills < 200 {
        n += 1;
        let (args, write): (Vec<String>, Write) = match n % 5 {
            0 => {
                let name = format!("Medewerker {n}");
                (
                    vec!["person".into(), "add".into(), "--name".into(), name.clone()],
                    Write::Person(name),
                )
            }
            1 => (
                vec![
                    "plan".into(),
                    "new".into(),
                    "--person".into(),
                    person.clone(),
                ],
                Write::Plan,
            ),
            2 => {
                let text = format!("dagboek {n}");
                (
                    vec![
                        "journal".into(),
                        "add".into(),
                        "--text".into(),
                        text.clone(),
                    ],
                    Write::Journal(text),
                )
            }
            3 => {
                let text = format!("gesprek {n}");
                (
                    vec![
                        "plan".into(),
                        "checkin".into(),
                        plan.clone(),
                        "--reality".into(),
                        text.clone(),
                    ],
                    Write::Checkin(text),
                )
            }
            _ => match drafts.pop() {
                Some(d) => (
                    vec![
                        "plan".into(),
                        "sign".into(),
                        d.clone(),
                        "--party".into(),
                        "employee".into(),
                        "--name".into(),
                        "Zoë Çelik".into(),
                        "--consent".into(),
                    ],
                    Write::Sign(d),
                ),
                None => continue,
            },
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"))
            .arg("--db")
            .arg(&db)
            .args(&args)
            .env("LANG", "en_GB.UTF-8")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Most runs are killed somewhere in their 5–30 ms; some finish first.
        std::thread::sleep(Duration::from_micros(rng.below(30_000)));
        let done = child.try_wait().unwrap();
        if done.is_none() {
            child.kill().unwrap(); // SIGKILL, this child only
            kills += 1;
        }
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            finished += 1;
            let stdout = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            match write {
                Write::Plan => drafts.push(stdout),
                other => acknowledged.push(other),
            }
        }
        if n % 50 == 0 {
            whole(&db);
        }
    }
    whole(&db);
    for w in &acknowledged {
        let (sql, arg) = match w {
            Write::Person(name) => ("SELECT count(*) FROM person WHERE full_name = ?1", name),
            Write::Journal(text) => ("SELECT count(*) FROM journal_entry WHERE body = ?1", text),
            Write::Checkin(text) => (
                "SELECT count(*) FROM checkin WHERE json_extract(grow, '$.reality') = ?1",
                text,
            ),
            Write::Sign(id) => ("SELECT count(*) FROM plan_signature WHERE plan_id = ?1", id),
            Write::Plan => continue,
        };
        assert_eq!(
            count(&db, sql, arg),
            1,
            "acknowledged but lost: {sql} {arg}"
        );
    }
    for d in &drafts {
        assert_eq!(count(&db, "SELECT count(*) FROM plan WHERE id = ?1", d), 1);
    }
    eprintln!(
        "runs: {n}, kills: {kills}, finished: {finished}, acknowledged writes checked: {}, lost: 0",
        acknowledged.len() + drafts.len()
    );
}

fn writer(db: PathBuf, who: &'static str, until: Instant) -> (usize, Vec<String>, Vec<String>) {
    let (mut n, mut done, mut failures) = (0, Vec::new(), Vec::new());
    while Instant::now() < until {
        n += 1;
        let text = format!("{who} schrijft {n}");
        let out = cli(&db, &["journal", "add", "--text", &text]);
        if out.status.success() {
            done.push(text);
        } else {
            failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
    }
    (n, done, failures)
}

#[test]
fn two_writers_at_once_wait_for_each_other_and_lose_nothing() {
    let seconds: u64 = std::env::var("GROEIKOERS_WRITERS_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.sqlite3");
    ok(&db, &["person", "add", "--name", "Bram de Wit"]);
    let until = Instant::now() + Duration::from_secs(seconds);
    let a = {
        let db = db.clone();
        std::thread::spawn(move || writer(db, "a", until))
    };
    let b = {
        let db = db.clone();
        std::thread::spawn(move || writer(db, "b", until))
    };
    let (ra, rb) = (a.join().unwrap(), b.join().unwrap());
    let failures: Vec<&String> = ra.2.iter().chain(&rb.2).collect();
    assert!(
        failures.is_empty(),
        "{} failed, e.g. {:?}",
        failures.len(),
        failures.first()
    );
    let acknowledged: Vec<&String> = ra.1.iter().chain(&rb.1).collect();
    let stored = count(
        &db,
        "SELECT count(*) FROM journal_entry WHERE body LIKE ?1",
        "% schrijft %",
    );
    assert_eq!(
        stored as usize,
        acknowledged.len(),
        "every acknowledged write is there"
    );
    whole(&db);
    eprintln!(
        "two writers for {seconds} s: {} + {} writes, {} failures, {} lost",
        ra.0,
        rb.0,
        failures.len(),
        acknowledged.len() - stored as usize
    );
}

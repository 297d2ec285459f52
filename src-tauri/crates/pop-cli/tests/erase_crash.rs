//! A power cut during an erasure: the real `groeikoers-cli person erase --yes` is killed
//! (SIGKILL) at delays spread over the time a whole erasure takes (the delete, the file
//! rebuild, the WAL truncation). Afterwards the store is whole, `log verify` passes, and the
//! person is either all there or all gone — and once gone, the next open finishes the rebuild,
//! so no byte of their name is left in any file.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use support::{files, ok, whole};

fn erase_command(db: &Path, id: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"));
    c.arg("--db")
        .arg(db)
        .args(["person", "erase", id, "--yes"])
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

fn holds(dir: &Path, needle: &str) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|(_, b)| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(p, _)| p)
        .collect()
}

#[test]
fn an_erasure_killed_at_any_moment_leaves_the_person_all_there_or_all_gone() {
    let dir = tempfile::tempdir().unwrap();
    let pristine = dir.path().join("pristine.sqlite3");
    ok(
        &pristine,
        &[
            "demo",
            "--people",
            "40",
            "--years",
            "3",
            "-o",
            pristine.to_str().unwrap(),
        ],
    );
    // A person with a name of their own (unique in the team, not the owner's) who manages
    // nobody: a manager's name also stands in their reports' sealed plans, which an erasure
    // keeps.
    let owner = {
        let store = pop_core::Store::open(&pristine).unwrap();
        pop_core::settings::owner_name(&store).unwrap()
    };
    let people: serde_json::Value =
        serde_json::from_str(&ok(&pristine, &["person", "list", "--all", "--json"])).unwrap();
    let people = people.as_array().unwrap();
    let named = |n: &str| people.iter().filter(|p| p["fullName"] == n).count();
    let manages = |id: &str| people.iter().any(|p| p["managerId"] == id);
    let person = people
        .iter()
        .find(|p| {
            let n = p["fullName"].as_str().unwrap();
            named(n) == 1 && n != owner && !manages(p["id"].as_str().unwrap())
        })
        .expect("someone with a unique name who manages nobody");
    let id = person["id"].as_str().unwrap().to_owned();
    let name = person["fullName"].as_str().unwrap().to_owned();
    let plans = ok(&pristine, &["plan", "list", "--person", &id])
        .lines()
        .count();
    assert!(plans > 0);

    let db = copy_store(&pristine, &dir.path().join("full"));
    let started = Instant::now();
    assert!(erase_command(&db, &id).status().unwrap().success());
    let full = started.elapsed();
    assert!(holds(db.parent().unwrap(), &name).is_empty());

    let mut seen = Vec::new();
    let steps = 8u32;
    for i in 0..=steps {
        let delay = if i == steps {
            full * 3
        } else {
            // Denser at the start, where the delete itself runs.
            full.mul_f64((f64::from(i) / f64::from(steps)).powi(2))
        };
        let db = copy_store(&pristine, &dir.path().join(format!("kill-{i}")));
        let mut child = erase_command(&db, &id).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        // The next program to open the store (here: a list) finishes what was left.
        let listed = ok(&db, &["person", "list", "--all"]);
        let still = listed.contains(&id);
        let left_plans = ok(&db, &["plan", "list", "--person", &id]).lines().count();
        whole(&db);
        if still {
            assert_eq!(left_plans, plans, "killed after {delay:?}: half erased");
        } else {
            assert_eq!(left_plans, 0, "killed after {delay:?}: plans left");
            let traces = holds(db.parent().unwrap(), &name);
            assert!(
                traces.is_empty(),
                "killed after {delay:?}: {traces:?} hold {name:?}"
            );
        }
        seen.push((delay, still));
    }
    eprintln!("whole erasure: {full:?}; killed at (still there?): {seen:?}");
    assert!(
        seen.iter().any(|(_, s)| !*s),
        "some kills landed after the erasure"
    );
}

//! Two stores standing for two computers — the employee's (personal mode) and the owner's —
//! driven through `groeikoers-cli`: a plan drafted by the employee travels to the owner,
//! is signed there or on both computers, and comes back with its check-ins; the fingerprint,
//! history, signatures and check-ins end the same on both. Bad packages are refused with a
//! message naming the part, and no byte of any file changes. Kills during `plan sign` and
//! `plan import` leave a whole store in the old or the new state.

mod support;

use support::*;

use pop_core::store::rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Computer {
    dir: tempfile::TempDir,
    person: String,
}

impl Computer {
    fn db(&self) -> PathBuf {
        self.dir.path().join("store/groeikoers.sqlite3")
    }

    fn folder(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// A computer with one person on it; in personal mode that person is the user.
fn computer(name: &str, personal: bool) -> Computer {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("store")).unwrap();
    let c = Computer {
        dir,
        person: String::new(),
    };
    let person = ok(&c.db(), &["person", "add", "--name", name]);
    let device = if personal {
        "Laptop Zoë"
    } else {
        "Kantoor-pc"
    };
    ok(&c.db(), &["device", "rename", device]);
    if personal {
        let conn = Connection::open(c.db()).unwrap();
        conn.execute_batch(&format!(
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('mode', 'personal'), ('me', '{person}'), ('onboarded', '1');"
        ))
        .unwrap();
    }
    Computer { person, ..c }
}

/// A plan for `person` from the worked example used throughout; its id.
fn example_plan(c: &Computer, person: &str) -> String {
    ok(
        &c.db(),
        &[
            "plan",
            "new",
            "--person",
            person,
            "--example",
            "winkelmedewerker-naar-ploegleider",
        ],
    )
}

fn history(c: &Computer, plan: &str) -> serde_json::Value {
    let h: serde_json::Value =
        serde_json::from_str(&ok(&c.db(), &["plan", "history", plan, "--json"])).unwrap();
    h["versions"].clone()
}

fn schedule(c: &Computer, plan: &str) -> serde_json::Value {
    serde_json::from_str(&ok(&c.db(), &["plan", "schedule", plan, "--json"])).unwrap()
}

fn sign(c: &Computer, plan: &str, party: &str, name: &str) -> String {
    ok(
        &c.db(),
        &[
            "plan",
            "sign",
            plan,
            "--party",
            party,
            "--name",
            name,
            "--consent",
        ],
    )
}

fn export(c: &Computer, plan: &str, name: &str) -> PathBuf {
    let file = c.file(name);
    ok(
        &c.db(),
        &["plan", "export", plan, "-o", file.to_str().unwrap()],
    );
    file
}

/// Imports `file`, pairing the computer that made it in the same step (the person compared
/// the fingerprint; `pairing.rs` tests what happens without that).
fn import(c: &Computer, file: &Path, extra: &[&str]) -> Output {
    let key = maker_key(file);
    let mut args = vec!["plan", "import", file.to_str().unwrap()];
    if !key.is_empty() {
        args.extend_from_slice(&["--pair", &key]);
    }
    args.extend_from_slice(extra);
    cli(&c.db(), &args)
}

/// The public key of the computer that made a package.
fn maker_key(file: &Path) -> String {
    std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["madeBy"]["publicKey"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[test]
fn the_round_trip_both_users_need_ends_the_same_on_both_computers() {
    let zoe = computer("Zoë Çelik", true);
    let owner = computer("Zoë Çelik", false);
    // The employee drafts the plan in personal mode and sends it.
    let plan = example_plan(&zoe, &zoe.person);
    let p1 = export(&zoe, &plan, "from-zoe.pop.json");

    // The owner previews it: it names the person and changes nothing.
    let before = files(&owner.folder());
    let preview = ok(
        &owner.db(),
        &["plan", "import", p1.to_str().unwrap(), "--dry-run"],
    );
    assert!(preview.contains("Zoë Çelik (not here yet"), "{preview}");
    assert!(preview.contains("Add version 1 (draft)"), "{preview}");
    let refused = import(&owner, &p1, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("not on this computer yet"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        files(&owner.folder()),
        before,
        "a preview and a refusal change nothing"
    );
    // The first time, the owner says who it is.
    let out = import(&owner, &p1, &["--person", &owner.person]);
    assert!(out.status.success(), "{}", stderr(&out));

    // They discuss and sign on the owner's computer; a check-in is held there.
    assert_eq!(sign(&owner, &plan, "employee", "Zoë Çelik"), "draft");
    let fp = sign(&owner, &plan, "manager", "Henk de Bakker");
    assert!(fp.starts_with("GK-"), "{fp}");
    ok(
        &owner.db(),
        &[
            "plan",
            "checkin",
            &plan,
            "--slot",
            "1",
            "--reality",
            "Twee zaterdagen zelf ingedeeld",
            "--agree",
            "Taakbord bijwerken",
        ],
    );
    let back = export(&owner, &plan, "from-owner.pop.json");

    // On the employee's computer the signed version and the check-in arrive.
    let out = import(&zoe, &back, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let verified = ok(&zoe.db(), &["plan", "verify", &fp]);
    assert!(verified.contains("intact"), "{verified}");
    let h_zoe = history(&zoe, &plan);
    let h_owner = history(&owner, &plan);
    assert_eq!(
        h_zoe, h_owner,
        "the same history, signatures and devices on both"
    );
    assert_eq!(h_zoe[0]["fingerprint"], fp.as_str());
    let devices = h_zoe[0]["devices"].to_string();
    assert!(devices.contains("Kantoor-pc (K-"), "{devices}");
    let without_person = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("personId");
        v
    };
    assert_eq!(
        without_person(schedule(&zoe, &plan)),
        without_person(schedule(&owner, &plan)),
        "the same check-ins and agreements"
    );
    let text = ok(&zoe.db(), &["plan", "history", &plan]);
    assert!(text.contains("on Kantoor-pc (K-"), "{text}");
    for c in [&zoe, &owner] {
        ok(&c.db(), &["log", "verify"]);
    }

    // The same package again changes no byte of either store.
    for (c, file) in [(&zoe, &back), (&owner, &p1)] {
        let before = files(&c.folder());
        let out = import(c, file, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("Already up to date"),
            "{}",
            stderr(&out)
        );
        assert_eq!(files(&c.folder()), before, "nothing changed");
    }

    // The next plan for the same person is matched by the person id, without asking.
    let plan2 = ok(&zoe.db(), &["plan", "new", "--person", &zoe.person]);
    let p2 = export(&zoe, &plan2, "second.pop.json");
    let out = import(&owner, &p2, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = ok(&owner.db(), &["plan", "list", "--person", &owner.person]);
    assert!(list.contains(&plan2), "{list}");
}

#[test]
fn each_signs_on_their_own_computer_and_the_seal_is_the_same() {
    let zoe = computer("Zoë Çelik", true);
    let owner = computer("Zoë Çelik", false);
    let plan = example_plan(&zoe, &zoe.person);
    let p1 = export(&zoe, &plan, "a.pop.json");
    let out = import(&owner, &p1, &["--person", &owner.person]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A plan that travelled is agreed by two, also in personal mode.
    assert_eq!(sign(&zoe, &plan, "employee", "Zoë Çelik"), "draft");
    assert_eq!(sign(&owner, &plan, "manager", "Henk de Bakker"), "draft");
    // The owner's signature reaches the employee: both are there, so it is sealed there.
    let from_owner = export(&owner, &plan, "b.pop.json");
    let out = import(&zoe, &from_owner, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let h = history(&zoe, &plan);
    let fp = h[0]["fingerprint"]
        .as_str()
        .expect("sealed on the employee's computer")
        .to_owned();
    // And back: the owner gets the seal, not a second one.
    let from_zoe = export(&zoe, &plan, "c.pop.json");
    let out = import(&owner, &from_zoe, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(history(&owner, &plan), history(&zoe, &plan));
    assert!(ok(&owner.db(), &["plan", "verify", &fp]).contains("intact"));
    for c in [&zoe, &owner] {
        ok(&c.db(), &["log", "verify"]);
    }
}

/// This computer's device secret, read from its store file as a forger holding the file
/// would.
fn secret_of(c: &Computer) -> String {
    Connection::open(c.db())
        .unwrap()
        .query_row("SELECT secret_key FROM device", [], |r| r.get(0))
        .unwrap()
}

/// A package edited in place and signed again as the README describes (the signature
/// over `groeikoers-package\n` and the package's compact JSON), with `secret`.
fn forged(file: &Path, secret: &str, edit: impl Fn(&mut serde_json::Value)) -> String {
    let text = edited(file, edit);
    resign(&text, secret)
}

fn resign(text: &str, secret: &str) -> String {
    use pop_core::package::{PlanPackage, SIGNED_PREFIX};
    let mut p: PlanPackage = serde_json::from_str(text).unwrap();
    p.signature = None;
    let (public, _) = {
        let seed: Vec<u8> = (0..32)
            .map(|i| u8::from_str_radix(&secret[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        pop_core::domain::seal::key_pair(seed.try_into().unwrap())
    };
    p.made_by.public_key = public;
    let message = format!("{SIGNED_PREFIX}{}", serde_json::to_string(&p).unwrap());
    p.signature = pop_core::domain::seal::device_sign(secret, &message);
    serde_json::to_string_pretty(&p).unwrap()
}

/// A package edited in place, as a person with a text editor (or an attacker) would.
fn edited(file: &Path, edit: impl Fn(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn bad_packages_are_refused_naming_the_part_and_nothing_changes() {
    let owner = computer("Zoë Çelik", false);
    let plan = example_plan(&owner, &owner.person);
    sign(&owner, &plan, "employee", "Zoë Çelik");
    sign(&owner, &plan, "manager", "Henk de Bakker");
    let good = export(&owner, &plan, "good.pop.json");
    let text = std::fs::read_to_string(&good).unwrap();
    // The employee's computer, which pairs the owner's as the employer's.
    let other = computer("Someone", true);
    let unknown_key = {
        // A signature re-made with a key the package does not list.
        let (public, secret) = pop_core::domain::seal::key_pair([5; 32]);
        edited(&good, |v| {
            let version = &mut v["versions"][0];
            let mut s: pop_core::domain::signing::Signature =
                serde_json::from_value(version["signatures"][0].clone()).unwrap();
            let content: pop_core::domain::plan::PlanContent =
                serde_json::from_value(version["content"].clone()).unwrap();
            s.device_key = public.clone();
            s.device_signature = pop_core::domain::seal::device_sign(
                &secret,
                &pop_core::domain::seal::statement(&plan, 1, &content, &s),
            )
            .unwrap();
            version["signatures"][0] = serde_json::to_value(&s).unwrap();
        })
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "truncated",
            text[..text.len() / 3].to_owned(),
            "not valid JSON",
        ),
        (
            "wrong format",
            text.replacen("groeikoers-pop", "other-app", 1),
            "not a Groeikoers plan file",
        ),
        (
            "newer version",
            text.replacen("\"version\": 2,", "\"version\": 7,", 1),
            "format version 7",
        ),
        (
            "flipped byte in the content",
            edited(&good, |v| {
                v["versions"][0]["content"]["focus"] = "Vervalst".into();
            }),
            "device signature does not verify",
        ),
        (
            "flipped byte in a signature",
            edited(&good, |v| {
                v["versions"][0]["signatures"][1]["fullName"] = "Henk Bakker".into();
            }),
            "signatures[1]: the device signature does not verify",
        ),
        (
            "flipped byte in the seal",
            edited(&good, |v| {
                let c = v["versions"][0]["seal"]["canonical"]
                    .as_str()
                    .unwrap()
                    .replacen("Zoë", "Zoe", 1);
                v["versions"][0]["seal"]["canonical"] = c.into();
            }),
            "versions[0].seal: the sealed document does not match its SHA-256",
        ),
        (
            "unknown key",
            unknown_key,
            "signed with an unknown device key",
        ),
        (
            "signed status without a seal",
            edited(&good, |v| {
                v["versions"][0]["seal"] = serde_json::Value::Null;
            }),
            "\"active\" but the version has no seal",
        ),
        (
            "absurd person id",
            edited(&good, |v| {
                v["person"]["id"] = "x".repeat(100_000).into();
            }),
            "person.id: an id must be 1 to 64",
        ),
        (
            "absurd plan id",
            edited(&good, |v| {
                v["versions"][0]["id"] = "p".repeat(5_000).into();
            }),
            "versions[0].id: an id must be 1 to 64",
        ),
        (
            "repeated item ids",
            edited(&good, |v| {
                let goal = &mut v["versions"][0]["content"]["goals"][0];
                let first = goal["actions"][0]["id"].clone();
                goal["actions"][1]["id"] = first;
            }),
            "is used twice",
        ),
        (
            "empty item id",
            edited(&good, |v| {
                v["versions"][0]["content"]["goals"][0]["actions"][0]["id"] = "".into();
            }),
            "goals[0].actions[0].id: an id must be",
        ),
    ];
    for (what, bytes, expected) in cases {
        let file = other.file("bad.pop.json");
        std::fs::write(&file, bytes).unwrap();
        let before = files(&other.folder());
        let out = import(&other, &file, &["--new-person"]);
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{what}: expected {expected:?} in {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("Nothing was imported"),
            "{what}: {}",
            stderr(&out)
        );
        assert_eq!(files(&other.folder()), before, "{what}: nothing changed");
    }
    // The good package itself imports.
    let out = import(&other, &good, &["--new-person"]);
    assert!(out.status.success(), "{}", stderr(&out));
    ok(&other.db(), &["log", "verify"]);
}

#[test]
fn a_format_1_file_always_arrives_as_a_draft() {
    let owner = computer("Bram de Wit", false);
    let file = owner.file("v1.pop.json");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/bad-plan.pop.json");
    let text = std::fs::read_to_string(fixture).unwrap().replacen(
        "\"status\": \"draft\"",
        "\"status\": \"active\"",
        1,
    );
    assert!(text.contains("\"status\": \"active\""));
    // Saved by an editor that writes a byte-order mark: read all the same.
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(text.as_bytes());
    std::fs::write(&file, with_bom).unwrap();
    let refused = import(&owner, &file, &[]);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "a format-1 file needs its person"
    );
    assert!(
        stderr(&refused).contains("not on this computer yet"),
        "{}",
        stderr(&refused)
    );
    let id = ok(
        &owner.db(),
        &[
            "plan",
            "import",
            file.to_str().unwrap(),
            "--person",
            &owner.person,
        ],
    );
    let list = ok(&owner.db(), &["plan", "list", "--json"]);
    assert!(list.contains(&id) && list.contains("\"draft\""), "{list}");
    ok(&owner.db(), &["log", "verify"]);
}

/// Starts the CLI and kills it with SIGKILL after `delay`; returns whether it finished first.
fn kill_after(db: &Path, args: &[&str], delay: std::time::Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_groeikoers-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_GB.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    if !finished {
        child.kill().unwrap(); // SIGKILL, this child only.
    }
    child.wait().unwrap();
    finished
}

#[test]
fn kills_during_sign_and_import_leave_the_old_or_the_new_state() {
    let mut outcomes = BTreeMap::new();
    let owner = computer("Zoë Çelik", false);
    let plan = example_plan(&owner, &owner.person);
    sign(&owner, &plan, "employee", "Zoë Çelik");
    let package = {
        let other = computer("X", false);
        let p = example_plan(&other, &other.person);
        sign(&other, &p, "employee", "X Y");
        sign(&other, &p, "manager", "M N");
        let f = export(&other, &p, "pkg.pop.json");
        // The owner's second computer, paired as the employer's.
        ok(
            &owner.db(),
            &[
                "device",
                "pair",
                &maker_key(&f),
                "--owner",
                "--name",
                "Tweede pc",
            ],
        );
        let target = owner.file("pkg.pop.json");
        std::fs::copy(&f, &target).unwrap();
        target
    };
    let sign_args = [
        "plan",
        "sign",
        &plan,
        "--party",
        "manager",
        "--name",
        "Henk",
        "--consent",
    ];
    let import_args = ["plan", "import", package.to_str().unwrap(), "--new-person"];
    // How long each takes when left alone, so the kills spread from the very start of the
    // process to a little after its end.
    let time = |args: &[&str]| {
        let work = tempfile::tempdir().unwrap();
        let db = work.path().join("g.sqlite3");
        std::fs::copy(owner.db(), &db).unwrap();
        let start = std::time::Instant::now();
        ok(&db, args);
        start.elapsed()
    };
    let (sign_time, import_time) = (time(&sign_args), time(&import_args));
    let kills = 60u32;
    for i in 0..kills {
        let work = tempfile::tempdir().unwrap();
        let db = work.path().join("g.sqlite3");
        std::fs::copy(owner.db(), &db).unwrap();
        let alone = if i % 2 == 0 { sign_time } else { import_time };
        // The last kill of each command comes long after its end, so the new state is seen
        // however loaded the machine is (sibling tests run beside this one).
        let delay = if i >= kills - 2 {
            alone * 20
        } else {
            alone * (i / 2) * 5 / 4 / (kills / 2)
        };
        let (args, what): (Vec<&str>, &str) = if i % 2 == 0 {
            (sign_args.to_vec(), "sign")
        } else {
            (import_args.to_vec(), "import")
        };
        let finished = kill_after(&db, &args, delay);
        whole(&db);
        let state = if what == "sign" {
            let h: serde_json::Value =
                serde_json::from_str(&ok(&db, &["plan", "history", &plan, "--json"])).unwrap();
            let h = &h["versions"];
            match (
                h[0]["signatures"].as_array().unwrap().len(),
                h[0]["fingerprint"].is_string(),
            ) {
                (1, false) => "old",
                (2, true) => "new",
                other => panic!("sign killed at {delay:?}: half a state {other:?}"),
            }
        } else {
            let list = ok(&db, &["plan", "list", "--json"]);
            let n = serde_json::from_str::<serde_json::Value>(&list)
                .unwrap()
                .as_array()
                .unwrap()
                .len();
            match n {
                1 => "old",
                2 => {
                    assert!(list.contains("\"active\""), "imported whole: {list}");
                    "new"
                }
                n => panic!("import killed at {delay:?}: {n} plans"),
            }
        };
        *outcomes.entry((what, state, finished)).or_insert(0) += 1;
    }
    eprintln!(
        "kills: {kills} (sign alone {sign_time:?}, import alone {import_time:?}); outcomes (command, state, finished before the kill): {outcomes:?}"
    );
    for what in ["sign", "import"] {
        for state in ["old", "new"] {
            assert!(
                outcomes.keys().any(|(w, s, _)| *w == what && *s == state),
                "{what}: no run ended in the {state} state: {outcomes:?}"
            );
        }
    }
}

fn folder_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// Nothing in the folder was overwritten or deleted: every file from before is still there
/// with the same bytes.
fn only_added(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) {
    for (name, bytes) in before {
        assert_eq!(
            after.get(name),
            Some(bytes),
            "{name} was changed or removed"
        );
    }
}

#[test]
fn an_exchange_folder_carries_the_plan_both_ways_and_is_never_overwritten() {
    let zoe = computer("Zoë Çelik", true);
    let owner = computer("Zoë Çelik", false);
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap().to_owned();
    let sync = |c: &Computer| cli(&c.db(), &["exchange", "sync", "--folder", &folder]);
    let plan = example_plan(&zoe, &zoe.person);
    // A plan nobody sent stays private: nothing is written.
    let out = sync(&zoe);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        folder_files(shared.path()).is_empty(),
        "a private plan is not written"
    );
    // Once sent (exported), it travels through the folder.
    export(&zoe, &plan, "sent.pop.json");
    let out = sync(&zoe);
    assert!(String::from_utf8_lossy(&out.stdout).contains("written\tgroeikoers-"));
    let first = folder_files(shared.path());
    assert_eq!(first.len(), 1);
    // The owner does not know the person yet: the package waits for the user.
    let out = sync(&owner);
    assert!(
        out.status.success(),
        "waiting is not refused: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("waiting"), "{}", stderr(&out));
    let name = first.keys().next().unwrap().clone();
    let file = shared.path().join(&name);
    let out = import(&owner, &file, &["--person", &owner.person]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Signed at the owner's; the folder brings the seal back.
    sign(&owner, &plan, "employee", "Zoë Çelik");
    let fp = sign(&owner, &plan, "manager", "Henk de Bakker");
    let out = sync(&owner);
    assert!(out.status.success(), "{}", stderr(&out));
    let second = folder_files(shared.path());
    only_added(&first, &second);
    assert_eq!(second.len(), 2, "{:?}", second.keys());
    // The owner's package waits on the employee's computer until she pairs that computer.
    let out = sync(&zoe);
    assert!(stderr(&out).contains("not paired"), "{}", stderr(&out));
    let pending: serde_json::Value =
        serde_json::from_str(&ok(&zoe.db(), &["device", "pending", "--json"])).unwrap();
    let fingerprint = pending[0]["keyFingerprint"].as_str().unwrap().to_owned();
    assert_eq!(pending[0]["name"], "Kantoor-pc");
    assert_eq!(
        fingerprint,
        ok(&owner.db(), &["device", "show"])
            .split('\t')
            .nth(1)
            .unwrap()
    );
    ok(&zoe.db(), &["device", "pair", &fingerprint, "--owner"]);
    assert!(ok(&zoe.db(), &["device", "pending"]).is_empty());
    let out = sync(&zoe);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("imported\t"),
        "{}",
        stderr(&out)
    );
    assert!(ok(&zoe.db(), &["plan", "verify", &fp]).contains("intact"));
    assert_eq!(history(&zoe, &plan), history(&owner, &plan));
    // Both agree now: further passes write nothing and change no file of either store.
    for _ in 0..2 {
        for c in [&zoe, &owner] {
            let out = sync(c);
            assert!(out.status.success(), "{}", stderr(&out));
        }
    }
    let settled = folder_files(shared.path());
    only_added(&second, &settled);
    let before = (files(&zoe.folder()), files(&owner.folder()));
    for c in [&zoe, &owner] {
        let out = sync(c);
        assert!(
            String::from_utf8_lossy(&out.stdout).is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert_eq!(
        (files(&zoe.folder()), files(&owner.folder())),
        before,
        "an idle pass writes nothing"
    );
    assert_eq!(folder_files(shared.path()), settled);
    // A damaged file in the folder is refused with its reason, and left there.
    std::fs::write(
        shared.path().join("kapot.pop.json"),
        b"{\"format\": \"groeikoers-pop\"",
    )
    .unwrap();
    let out = sync(&zoe);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("refused\tkapot.pop.json"),
        "{}",
        stderr(&out)
    );
    assert!(shared.path().join("kapot.pop.json").exists());
}

#[test]
fn a_folder_shared_with_one_person_carries_only_their_plans() {
    let owner = computer("Zoë Çelik", false);
    let bram = ok(&owner.db(), &["person", "add", "--name", "Bram de Wit"]);
    let (zoe_plan, bram_plan) = (
        example_plan(&owner, &owner.person),
        example_plan(&owner, &bram),
    );
    let bram_file = export(&owner, &bram_plan, "bram.pop.json");
    export(&owner, &zoe_plan, "zoe.pop.json");
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap().to_owned();
    let out = cli(
        &owner.db(),
        &[
            "exchange",
            "sync",
            "--folder",
            &folder,
            "--person",
            &owner.person,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let written = folder_files(shared.path());
    assert_eq!(written.len(), 1, "only Zoë's plan goes into Zoë's folder");
    let text = String::from_utf8(written.values().next().unwrap().clone()).unwrap();
    assert!(text.contains(&zoe_plan) && !text.contains(&bram_plan));
    // Bram's package put into Zoë's folder is not taken in there.
    std::fs::copy(&bram_file, shared.path().join("bram.pop.json")).unwrap();
    let out = cli(
        &owner.db(),
        &[
            "exchange",
            "sync",
            "--folder",
            &folder,
            "--person",
            &owner.person,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("someone other than the person"),
        "{}",
        stderr(&out)
    );
}

/// The owner's computer shares the person's budget and study-cost clauses inside the plan
/// package (format 3, signed by its device); the employee's computer keeps them read-only
/// and shows them with `budget received`. A share edited on the way is refused with every
/// file unchanged; the employee's own package back carries no share.
#[test]
fn the_employee_receives_their_budget_and_clauses_read_only_with_the_plan() {
    let zoe = computer("Zoë Çelik", true);
    let owner = computer("Zoë Çelik", false);
    let plan = example_plan(&zoe, &zoe.person);
    let p1 = export(&zoe, &plan, "from-zoe.pop.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&p1).unwrap()).unwrap();
    assert_eq!(v["version"], 2, "the employee's package carries no share");
    assert!(v.get("employer").is_none());
    assert!(import(&owner, &p1, &["--person", &owner.person])
        .status
        .success());
    assert_eq!(
        ok(&zoe.db(), &["budget", "received"]),
        "Nothing received from the employer's computer yet."
    );

    // The owner sets a budget and agrees a clause, both sign it before the training.
    let o = owner.db();
    ok(
        &o,
        &[
            "budget",
            "scheme",
            "--from",
            "2020-01-01",
            "--euro-per-year",
            "500",
        ],
    );
    ok(
        &o,
        &[
            "budget",
            "spend",
            &owner.person,
            "--on",
            "2026-02-01",
            "--euro",
            "120",
            "--for",
            "Boek 📚",
        ],
    );
    let clause = ok(
        &o,
        &[
            "clause",
            "new",
            "--person",
            &owner.person,
            "--course",
            "Hbo Bedrijfskunde",
            "--tuition",
            "2500",
            "--exam",
            "500",
            "--training-start",
            "2027-09-01",
            "--training-end",
            "2029-06-30",
            "--months",
            "24",
        ],
    );
    for (party, name) in [("employee", "Zoë Çelik"), ("employer", "Henk de Bakker")] {
        ok(
            &o,
            &[
                "clause",
                "sign",
                &clause,
                "--party",
                party,
                "--name",
                name,
                "--consent",
            ],
        );
    }
    let owner_budget: serde_json::Value =
        serde_json::from_str(&ok(&o, &["budget", "show", &owner.person, "--json"])).unwrap();
    let back = export(&owner, &plan, "from-owner.pop.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&back).unwrap()).unwrap();
    assert_eq!(v["version"], 3);
    assert_eq!(v["employer"]["clauses"].as_array().unwrap().len(), 1);

    // Edited on the way (a higher balance): refused, nothing changes on the employee's side.
    let forged = edited(&back, |v| {
        v["employer"]["budget"]["euroCents"] = serde_json::json!(9_999_900);
    });
    let forged_file = zoe.file("forged.pop.json");
    std::fs::write(&forged_file, forged).unwrap();
    let before = files(&zoe.folder());
    let out = import(&zoe, &forged_file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not signed by the computer that made the package"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        files(&zoe.folder()),
        before,
        "a refused share changes no file"
    );

    // The real package: the preview names the update; then the employee sees it read-only.
    let preview = ok(
        &zoe.db(),
        &["plan", "import", back.to_str().unwrap(), "--dry-run"],
    );
    assert!(
        preview.contains("Update the employer's budget and study-cost clauses"),
        "{preview}"
    );
    assert_eq!(files(&zoe.folder()), before, "a preview changes no file");
    assert!(import(&zoe, &back, &[]).status.success());
    let got: serde_json::Value =
        serde_json::from_str(&ok(&zoe.db(), &["budget", "received", "--json"])).unwrap();
    assert_eq!(got["euro"]["balance"], owner_budget["euro"]["balance"]);
    assert_eq!(got["ledger"], owner_budget["ledger"]);
    assert!(
        got["fromDevice"]
            .as_str()
            .unwrap()
            .starts_with("Kantoor-pc (K-"),
        "{}",
        got["fromDevice"]
    );
    assert_eq!(got["clauses"][0]["clause"]["course"], "Hbo Bedrijfskunde");
    assert_eq!(
        got["clauses"][0]["clause"]["costs"]["tuitionCents"],
        250_000
    );
    assert_eq!(
        got["clauses"][0]["binding"], true,
        "the signatures check out here too"
    );
    assert_eq!(got["clauses"][0]["intact"], true);
    let text = ok(&zoe.db(), &["budget", "received"]);
    assert!(
        text.contains("Hbo Bedrijfskunde\t€3,000.00\tbinding"),
        "{text}"
    );

    // The same package again changes nothing; the employee's package back has no share.
    let before = files(&zoe.folder());
    assert!(import(&zoe, &back, &[]).status.success());
    assert_eq!(
        files(&zoe.folder()),
        before,
        "an old share is not kept again"
    );
    let again = export(&zoe, &plan, "again.pop.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&again).unwrap()).unwrap();
    assert!(v.get("employer").is_none());
    for c in [&zoe, &owner] {
        ok(&c.db(), &["log", "verify"]);
    }
}

/// A package whose check-in or agreement carries an id that belongs to another plan here is
/// refused naming that plan, and changes no file; in an exchange folder it is recorded as
/// refused, the next file is still taken in, and it is not tried again on the next pass.
#[test]
fn ids_of_another_plan_are_refused_and_one_bad_file_never_stops_the_exchange() {
    let owner = computer("Zoë Çelik", false);
    let checkin = |plan: &str, agree: &str| {
        ok(
            &owner.db(),
            &[
                "plan",
                "checkin",
                plan,
                "--slot",
                "1",
                "--reality",
                "Twee zaterdagen zelf ingedeeld",
                "--agree",
                agree,
            ],
        );
    };
    let (a, b) = (
        example_plan(&owner, &owner.person),
        example_plan(&owner, &owner.person),
    );
    for p in [&a, &b] {
        sign(&owner, p, "employee", "Zoë Çelik");
        sign(&owner, p, "manager", "Henk de Bakker");
    }
    checkin(&a, "Taakbord bijwerken");
    checkin(&b, "Rooster delen");
    let file_a = export(&owner, &a, "a.pop.json");
    let file_b = export(&owner, &b, "b.pop.json");
    let json_b: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file_b).unwrap()).unwrap();
    let b_checkin = json_b["checkins"][0]["id"].as_str().unwrap().to_owned();
    let b_agreement = json_b["followUps"][0]["id"].as_str().unwrap().to_owned();
    let owner_secret = secret_of(&owner);
    let forged_checkin = forged(&file_a, &owner_secret, |v| {
        v["checkins"][0]["id"] = b_checkin.clone().into();
        v["checkins"][0]["reality"] = "Overschreven".into();
        v["checkins"][0]["revision"] = 99.into();
    });
    let forged_agreement = forged(&file_a, &owner_secret, |v| {
        v["followUps"][0]["id"] = b_agreement.clone().into();
    });
    for (what, text, id) in [
        ("check-in", &forged_checkin, &b_checkin),
        ("agreement", &forged_agreement, &b_agreement),
    ] {
        let file = owner.file("forged.pop.json");
        std::fs::write(&file, text).unwrap();
        let before = files(&owner.folder());
        let out = import(&owner, &file, &[]);
        assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("{what} with id {id}")) && err.contains(&b),
            "{what}: the message names the id and the plan it belongs to: {err}"
        );
        assert_eq!(files(&owner.folder()), before, "{what}: a file changed");
    }

    // A check-in held on this computer is never rewritten from outside, whatever revision
    // the package claims: the rest of the package still arrives.
    let schedule_before = schedule(&owner, &a);
    let rewritten = forged(&file_a, &owner_secret, |v| {
        v["checkins"][0]["revision"] = 99.into();
        v["checkins"][0]["updatedAt"] = "2030-01-01T00:00:00Z".into();
        v["checkins"][0]["skipReason"] = "Herschreven van buitenaf".into();
    });
    let file = owner.file("rewritten.pop.json");
    std::fs::write(&file, rewritten).unwrap();
    let out = import(&owner, &file, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        schedule(&owner, &a),
        schedule_before,
        "the check-in held here was rewritten by a package"
    );

    // A slot the store would refuse is refused by the import itself, in words.
    let slot_zero = edited(&file_a, |v| v["checkins"][0]["slot"] = 0.into());
    let file = owner.file("slot.pop.json");
    std::fs::write(&file, slot_zero).unwrap();
    let out = import(&owner, &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("checkins[0].slot: check-ins are numbered from 1"),
        "{}",
        stderr(&out)
    );

    // In an exchange folder: the forged file first (by name), then a good one of a plan
    // new here, from the employee's computer.
    let zoe = computer("Zoë Çelik", true);
    let hers = example_plan(&zoe, &zoe.person);
    let good = export(&zoe, &hers, "hers.pop.json");
    ok(
        &owner.db(),
        &[
            "device",
            "pair",
            &maker_key(&good),
            "--person",
            &owner.person,
            "--name",
            "Laptop Zoë",
        ],
    );
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(shared.path().join("0-forged.pop.json"), &forged_agreement).unwrap();
    std::fs::copy(&good, shared.path().join("1-good.pop.json")).unwrap();
    let folder = shared.path().to_str().unwrap().to_owned();
    let sync = || {
        cli(
            &owner.db(),
            &[
                "exchange",
                "sync",
                "--folder",
                &folder,
                "--person",
                &owner.person,
            ],
        )
    };
    let out = sync();
    assert!(
        stderr(&out).contains("0-forged.pop.json") && stderr(&out).contains(&b),
        "the refused file is reported with its reason: {}",
        stderr(&out)
    );
    // The good file after the bad one was read: a plan new here, so it waits for the owner.
    assert!(
        stderr(&out).contains("1-good.pop.json") && stderr(&out).contains("New plan"),
        "{}",
        stderr(&out)
    );
    assert!(!ok(&owner.db(), &["plan", "list", "--json"]).contains(&hers));
    let pending = ok(&owner.db(), &["exchange", "pending"]);
    assert!(
        pending.contains("1-good.pop.json") && !pending.contains("0-forged"),
        "{pending}"
    );
    let waiting = shared.path().join("1-good.pop.json");
    ok(
        &owner.db(),
        &["exchange", "accept", waiting.to_str().unwrap()],
    );
    let list = ok(&owner.db(), &["plan", "list", "--json"]);
    assert!(
        list.contains(&hers),
        "the good file after the bad one was taken in once accepted"
    );
    assert!(ok(&owner.db(), &["exchange", "pending"]).is_empty());
    // The next pass does not try the refused file again: nothing changes.
    let before = files(&owner.folder());
    let again = sync();
    assert!(
        !stderr(&again).contains("0-forged.pop.json"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        files(&owner.folder()),
        before,
        "a second pass changed a file"
    );
}

/// The forger's tools: a package's version rebuilt with a seal recomputed over what they
/// changed, exactly as the README and the package format describe it.
fn reseal(version: &mut serde_json::Value, plan_id: &str, number: u32, previous: Option<&str>) {
    use pop_core::domain::{plan::PlanContent, seal, signing::Signature};
    let content: PlanContent = serde_json::from_value(version["content"].clone()).unwrap();
    let sigs: Vec<Signature> = serde_json::from_value(version["signatures"].clone()).unwrap();
    let canonical =
        seal::SealedVersion::new(plan_id, number, previous, "Zoë Çelik", &content, &sigs)
            .canonical();
    let (sha, fp) = seal::seal_of(&canonical);
    version["seal"] = serde_json::json!({
        "canonical": canonical,
        "sha256": sha,
        "fingerprint": fp,
        "sealedAt": "2026-12-07T10:00:00Z",
    });
}

/// A forger adds version 2 of a signed plan with changed content, "signed" by both people
/// with the device key and device signature left empty and the seal recomputed: refused
/// on the employee's computer, naming the signature without a device signature, every file
/// unchanged.
#[test]
fn a_new_sealed_version_without_device_signatures_is_refused() {
    let zoe = computer("Zoë Çelik", true);
    let owner = computer("Zoë Çelik", false);
    let plan = example_plan(&zoe, &zoe.person);
    let p1 = export(&zoe, &plan, "a.pop.json");
    let out = import(&owner, &p1, &["--person", &owner.person]);
    assert!(out.status.success(), "{}", stderr(&out));
    sign(&owner, &plan, "employee", "Zoë Çelik");
    sign(&owner, &plan, "manager", "Henk de Bakker");
    let back = export(&owner, &plan, "b.pop.json");
    assert!(import(&zoe, &back, &[]).status.success());
    let v2_id = "01930000-0000-7000-8000-00000000f0f0";
    // The forger holds the owner's store file, so the package is signed with its key.
    let forged = forged(&back, &secret_of(&owner), |v| {
        let mut v2 = v["versions"][0].clone();
        v2["id"] = v2_id.into();
        v2["version"] = 2.into();
        v2["previousVersion"] = plan.clone().into();
        v2["content"]["focus"] =
            "Een loonsverhoging van 30 procent, betaald uit het budget.".into();
        for s in v2["signatures"].as_array_mut().unwrap() {
            s["deviceKey"] = "".into();
            s["deviceSignature"] = "".into();
            s["deviceName"] = "".into();
        }
        reseal(&mut v2, v2_id, 2, Some(&plan));
        v["versions"].as_array_mut().unwrap().push(v2);
    });
    let file = zoe.file("forged.pop.json");
    std::fs::write(&file, forged).unwrap();
    let before = files(&zoe.folder());
    let out = import(&zoe, &file, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("without a device signature"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files(&zoe.folder()), before, "a file changed");
}

/// A draft the employee signed on their own computer, "sealed" by a crafted package whose
/// employee and manager signatures the forger made with a key of their own (device
/// signatures and seal recomputed, the key listed in the package): the package would
/// replace the signature made on this computer, so it is refused, every file unchanged.
#[test]
fn a_package_never_replaces_a_signature_made_on_this_computer() {
    use pop_core::domain::{plan::PlanContent, seal, signing::Signature};
    let zoe = computer("Zoë Çelik", true);
    let plan = example_plan(&zoe, &zoe.person);
    let draft = export(&zoe, &plan, "draft.pop.json");
    assert_eq!(sign(&zoe, &plan, "employee", "Zoë Çelik"), "draft");
    let signed_here = export(&zoe, &plan, "signed.pop.json");
    let (public, secret) = seal::key_pair([7; 32]);
    // The strongest forger: their key is paired here as the employer's (a stolen computer
    // of the owner's), and they sign the package with it.
    ok(
        &zoe.db(),
        &["device", "pair", &public, "--owner", "--name", "Kantoor-pc"],
    );
    let forged = forged(&draft, &secret, |v| {
        let mut sigs: Vec<Signature> = serde_json::from_value(
            serde_json::from_slice::<serde_json::Value>(&std::fs::read(&signed_here).unwrap())
                .unwrap()["versions"][0]["signatures"]
                .clone(),
        )
        .unwrap();
        let mut manager = sigs[0].clone();
        manager.party = pop_core::domain::signing::Party::Manager;
        manager.full_name = "Henk de Bakker".into();
        sigs.push(manager);
        let version = &mut v["versions"][0];
        version["content"]["focus"] = "Iets anders dan Zoë tekende.".into();
        let content: PlanContent = serde_json::from_value(version["content"].clone()).unwrap();
        for s in &mut sigs {
            s.full_name = if s.party == pop_core::domain::signing::Party::Employee {
                "Zoë Çelik".into()
            } else {
                s.full_name.clone()
            };
            s.device_key = public.clone();
            s.device_name = "Laptop Zoë".into();
            s.device_signature =
                seal::device_sign(&secret, &seal::statement(&plan, 1, &content, s)).unwrap();
        }
        version["signatures"] = serde_json::to_value(&sigs).unwrap();
        version["status"] = "active".into();
        reseal(version, &plan, 1, None);
        v["devices"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({ "publicKey": public, "name": "Laptop Zoë" }));
    });
    let file = zoe.file("forged.pop.json");
    std::fs::write(&file, forged).unwrap();
    let before = files(&zoe.folder());
    let out = import(&zoe, &file, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("signature of Zoë Çelik made on this computer"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files(&zoe.folder()), before, "a file changed");
}

//! Paired computers (issue "A signature means a person"), driven through `groeikoers-cli` on
//! stores standing for the owner's computer and the employee's laptops. The forgeries are
//! made the way a forger works: with the README, the package format and an Ed25519 library
//! (here the same functions the format names), recomputing every seal and signature they
//! change, with keys they made themselves or read from a store file. Each is refused with a
//! message naming what failed, and no byte of any file of the receiving store changes.

mod support;

use pop_core::domain::plan::PlanContent;
use pop_core::domain::seal;
use pop_core::domain::signing::{Party, Signature};
use pop_core::package::{PlanPackage, SIGNED_PREFIX};
use pop_core::store::rusqlite::Connection;
use std::path::{Path, PathBuf};
use support::*;

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
    fn fingerprint(&self) -> String {
        ok(&self.db(), &["device", "show"])
            .split('\t')
            .nth(1)
            .unwrap()
            .to_owned()
    }
    fn secret(&self) -> String {
        Connection::open(self.db())
            .unwrap()
            .query_row("SELECT secret_key FROM device", [], |r| r.get(0))
            .unwrap()
    }
}

fn computer(person: &str, device: &str, personal: bool) -> Computer {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("store")).unwrap();
    let db = dir.path().join("store/groeikoers.sqlite3");
    let person = ok(&db, &["person", "add", "--name", person]);
    ok(&db, &["device", "rename", device]);
    if personal {
        Connection::open(&db)
            .unwrap()
            .execute_batch(&format!(
                "INSERT OR REPLACE INTO setting (key, value) VALUES ('mode', 'personal'), ('me', '{person}'), ('onboarded', '1');"
            ))
            .unwrap();
    }
    Computer { dir, person }
}

fn new_plan(c: &Computer, person: &str) -> String {
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

fn import(c: &Computer, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["plan", "import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    cli(&c.db(), &args)
}

/// A forged package is refused with `says` in the message, and nothing changes.
fn refused(c: &Computer, text: &str, says: &[&str]) {
    let file = c.file("forged.pop.json");
    std::fs::write(&file, text).unwrap();
    let before = files(&c.folder());
    let out = import(c, &file, &[]);
    assert_eq!(out.status.code(), Some(1), "accepted: {}", stdout(&out));
    for s in says {
        assert!(stderr(&out).contains(s), "{s:?} not in {}", stderr(&out));
    }
    assert_eq!(
        files(&c.folder()),
        before,
        "a refused package changed a file"
    );
}

fn hex_seed(secret: &str) -> [u8; 32] {
    let v: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(&secret[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    v.try_into().unwrap()
}

/// The forger's tool: the package re-signed as the README says, with `madeBy` set to the
/// key of `secret` (or kept as it is with `keep_maker`, to pose as another computer).
fn resign(p: &mut PlanPackage, secret: &str, name: &str, keep_maker: bool) -> String {
    if !keep_maker {
        p.made_by.public_key = seal::key_pair(hex_seed(secret)).0;
        p.made_by.name = name.into();
    }
    p.signature = None;
    let text = format!("{SIGNED_PREFIX}{}", serde_json::to_string(&p).unwrap());
    p.signature = seal::device_sign(secret, &text);
    serde_json::to_string_pretty(&p).unwrap()
}

/// Adds version 2 of the newest version with `focus`, signed by both parties with the keys
/// in `signers` (party → secret, device name), sealed as the format describes.
fn add_version(p: &mut PlanPackage, focus: &str, signers: &[(Party, &str, &str)]) {
    let v1 = p.versions.last().unwrap().clone();
    let id = "01930000-0000-7000-8000-00000000abcd".to_owned();
    let mut v2 = v1.clone();
    v2.id = id.clone();
    v2.version = v1.version + 1;
    v2.previous_version = Some(v1.id.clone());
    v2.content.focus = focus.into();
    let content: PlanContent = v2.content.clone();
    for (party, secret, device) in signers {
        let s: &mut Signature = v2
            .signatures
            .iter_mut()
            .find(|s| s.party == *party)
            .unwrap();
        s.device_key = seal::key_pair(hex_seed(secret)).0;
        s.device_name = (*device).into();
        s.device_signature =
            seal::device_sign(secret, &seal::statement(&id, v2.version, &content, s)).unwrap();
        if !p.devices.iter().any(|d| d.public_key == s.device_key) {
            p.devices.push(pop_core::package::PackageDevice {
                public_key: s.device_key.clone(),
                name: (*device).into(),
            });
        }
    }
    let canonical = seal::SealedVersion::new(
        &id,
        v2.version,
        Some(&v1.id),
        &p.person.full_name,
        &content,
        &v2.signatures,
    )
    .canonical();
    let (sha, fp) = seal::seal_of(&canonical);
    v2.seal = Some(pop_core::package::PackageSeal {
        canonical,
        sha256: sha,
        fingerprint: fp,
        sealed_at: "2026-12-07T10:00:00Z".into(),
    });
    p.versions.push(v2);
}

fn package(file: &Path) -> PlanPackage {
    serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap()
}

/// Zoë drafts on her laptop; the owner pairs it and signs; her laptop pairs the owner's
/// computer and she signs there: sealed on both. Returns (owner, laptop, plan, package).
fn signed_on_both() -> (Computer, Computer, String, PathBuf) {
    let owner = computer("Zoë Çelik", "PC Bram", false);
    let zoe = computer("Zoë Çelik", "Laptop Zoë", true);
    let plan = new_plan(&zoe, &zoe.person);
    let first = export(&zoe, &plan, "first.pop.json");
    let out = import(
        &owner,
        &first,
        &["--person", &owner.person, "--pair", &zoe.fingerprint()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    sign(&owner, &plan, "manager", "Henk de Bakker");
    let to_zoe = export(&owner, &plan, "to-zoe.pop.json");
    let out = import(&zoe, &to_zoe, &["--pair", &owner.fingerprint()]);
    assert!(out.status.success(), "{}", stderr(&out));
    sign(&zoe, &plan, "employee", "Zoë Çelik");
    let back = export(&zoe, &plan, "back.pop.json");
    let out = import(&owner, &back, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    (owner, zoe, plan, back)
}

#[test]
fn forged_packages_are_refused_naming_what_failed() {
    let (owner, zoe, _plan, back) = signed_on_both();
    let from_owner = export(&owner, &_plan, "from-owner.pop.json");
    let (_, forger) = seal::key_pair([9; 32]);

    // 1. Version 2 with another goal, "signed" by both under the owner's device name with a
    //    key the forger made; the package signed with that key. Zoë's laptop never paired it.
    let mut p = package(&from_owner);
    add_version(
        &mut p,
        "Een loonsverhoging van 30 procent, betaald uit het budget.",
        &[
            (Party::Employee, &forger, "PC Bram"),
            (Party::Manager, &forger, "PC Bram"),
        ],
    );
    let forged = resign(&mut p, &forger, "PC Bram", false);
    let forger_code = seal::key_fingerprint(&seal::key_pair([9; 32]).0);
    refused(&zoe, &forged, &["PC Bram", &forger_code, "not paired"]);

    // 2. The same posing as the owner's real computer (its public key in madeBy), signed
    //    with the forger's key: the package signature does not verify.
    let mut p = package(&from_owner);
    add_version(
        &mut p,
        "Anders",
        &[
            (Party::Employee, &forger, "PC Bram"),
            (Party::Manager, &forger, "PC Bram"),
        ],
    );
    let posing = resign(&mut p, &forger, "", true);
    refused(&zoe, &posing, &["signature", "does not verify"]);

    // 3. The employee forges the manager's signature with her own laptop's key (read from
    //    her store file), her laptop paired on the owner's computer as hers: refused there.
    let mut p = package(&back);
    add_version(
        &mut p,
        "Zelf verzonnen",
        &[
            (Party::Employee, &zoe.secret(), "Laptop Zoë"),
            (Party::Manager, &zoe.secret(), "Laptop Zoë"),
        ],
    );
    let insider = resign(&mut p, &zoe.secret(), "Laptop Zoë", false);
    refused(
        &owner,
        &insider,
        &["Henk de Bakker", "for the employer", "Laptop Zoë"],
    );

    // 4. A forged employer's share (a balance of 99 999 euro) in a package signed with the
    //    employee's laptop key: the owner's computer is the only one that shares budgets.
    let mut p = package(&back);
    p.employer = package(&from_owner).employer.or_else(|| {
        Some(pop_core::employer_share::EmployerShare {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            organisation: "Bakkerij".into(),
            budget: None,
            clauses: vec![],
            signature: String::new(),
        })
    });
    if let Some(share) = &mut p.employer {
        share.signature = seal::device_sign(
            &zoe.secret(),
            &pop_core::employer_share::statement(&p.person.id, share),
        )
        .unwrap();
    }
    p.version = pop_core::package::SHARE_VERSION;
    let share = resign(&mut p, &zoe.secret(), "Laptop Zoë", false);
    refused(
        &owner,
        &share,
        &["employer", "not paired here as the employer's computer"],
    );

    // Both stores still hold their signed plan, intact.
    for c in [&owner, &zoe] {
        ok(&c.db(), &["log", "verify"]);
    }
}

#[test]
fn a_device_paired_for_one_person_cannot_file_a_plan_under_another() {
    let owner = computer("Zoë Çelik", "PC Bram", false);
    let daan = ok(&owner.db(), &["person", "add", "--name", "Daan de Vries"]);
    let zoe = computer("Zoë Çelik", "Laptop Zoë", true);
    let plan = new_plan(&zoe, &zoe.person);
    let first = export(&zoe, &plan, "first.pop.json");
    let out = import(
        &owner,
        &first,
        &["--person", &owner.person, "--pair", &zoe.fingerprint()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // A second plan from Zoë's laptop with Daan's person id written in (ids travel in
    // packages), the package signed again with her laptop's key read from her store.
    let other = new_plan(&zoe, &zoe.person);
    let file = export(&zoe, &other, "other.pop.json");
    let mut p = package(&file);
    p.person.id = daan.clone();
    p.person.full_name = "Daan de Vries".into();
    let forged = resign(&mut p, &zoe.secret(), "Laptop Zoë", false);
    refused(
        &owner,
        &forged,
        &["paired here for someone else", "Laptop Zoë"],
    );
    // The same offered for Daan by hand goes to Zoë all the same: the laptop is hers.
    let out = import(&owner, &file, &["--person", &daan]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!ok(&owner.db(), &["plan", "list", "--person", &daan, "--json"]).contains(&other));
    let list = ok(
        &owner.db(),
        &["plan", "list", "--person", &owner.person, "--json"],
    );
    assert!(list.contains(&other), "{list}");
}

#[test]
fn a_new_laptop_is_paired_and_the_old_one_revoked() {
    let (owner, old_laptop, plan, _) = signed_on_both();
    let fingerprint = ok(&owner.db(), &["plan", "history", &plan, "--json"]);
    let fp: serde_json::Value = serde_json::from_str(&fingerprint).unwrap();
    let fp = fp["versions"][0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();

    // Zoë's new laptop: her next plan, signed there, paired on the owner's computer.
    let new_laptop = computer("Zoë Çelik", "Nieuwe laptop Zoë", true);
    let next = new_plan(&new_laptop, &new_laptop.person);
    sign(&new_laptop, &next, "employee", "Zoë Çelik");
    let file = export(&new_laptop, &next, "next.pop.json");
    let out = import(
        &owner,
        &file,
        &[
            "--person",
            &owner.person,
            "--pair",
            &new_laptop.fingerprint(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let list: serde_json::Value =
        serde_json::from_str(&ok(&owner.db(), &["device", "list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["personName"] == "Zoë Çelik" && d["role"] == "employee"));

    // The old laptop is revoked: what it signed before stays valid ...
    ok(
        &owner.db(),
        &["device", "revoke", &old_laptop.fingerprint()],
    );
    assert!(ok(&owner.db(), &["plan", "verify", &fp]).contains("intact"));
    ok(&owner.db(), &["log", "verify"]);
    let list = ok(&owner.db(), &["device", "list"]);
    assert!(
        list.lines()
            .any(|l| l.starts_with(&old_laptop.fingerprint()) && !l.ends_with("\t-")),
        "{list}"
    );
    // ... and what it signs after is refused, every file unchanged.
    let late = new_plan(&old_laptop, &old_laptop.person);
    sign(&old_laptop, &late, "employee", "Zoë Çelik");
    let file = export(&old_laptop, &late, "late.pop.json");
    let before = files(&owner.folder());
    let out = import(&owner, &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("revoked"), "{}", stderr(&out));
    assert_eq!(files(&owner.folder()), before);
    // The wrong code is refused, naming nothing new.
    let out = cli(&owner.db(), &["device", "revoke", "K-0000-0000-0000"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_new_plan_in_the_exchange_folder_waits_for_the_owner() {
    let owner = computer("Zoë Çelik", "PC Bram", false);
    let zoe = computer("Zoë Çelik", "Laptop Zoë", true);
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap().to_owned();
    let plan = new_plan(&zoe, &zoe.person);
    let file = export(&zoe, &plan, "plan.pop.json");
    std::fs::copy(&file, shared.path().join("a.pop.json")).unwrap();
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
    // First the laptop waits to be paired; nothing is imported.
    let out = sync();
    assert!(stderr(&out).contains("not paired"), "{}", stderr(&out));
    let pending: serde_json::Value =
        serde_json::from_str(&ok(&owner.db(), &["device", "pending", "--json"])).unwrap();
    assert_eq!(pending[0]["keyFingerprint"], zoe.fingerprint().as_str());
    assert_eq!(pending[0]["personName"], "Zoë Çelik");
    ok(
        &owner.db(),
        &[
            "device",
            "pair",
            &zoe.fingerprint(),
            "--person",
            &owner.person,
        ],
    );
    // Paired: the plan, new here, waits for the owner.
    let out = sync();
    assert!(stderr(&out).contains("New plan"), "{}", stderr(&out));
    assert_eq!(ok(&owner.db(), &["plan", "list", "--json"]), "[]");
    // Refused: never tried again until the file changes.
    let waiting = shared.path().join("a.pop.json");
    ok(
        &owner.db(),
        &["exchange", "refuse", waiting.to_str().unwrap()],
    );
    assert!(ok(&owner.db(), &["exchange", "pending"]).is_empty());
    let before = files(&owner.folder());
    let out = sync();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files(&owner.folder()),
        before,
        "a refused file was tried again"
    );
    assert_eq!(ok(&owner.db(), &["plan", "list", "--json"]), "[]");
}

/// Found by the outside forger: with her laptop's key, the employee sends back the draft
/// the owner signed, without his signature and with other content; and a seal whose
/// document names another person. Both refused on the owner's computer, nothing changed.
#[test]
fn a_signed_draft_stays_locked_and_a_seal_names_who_signed() {
    let owner = computer("Zoë Çelik", "PC Bram", false);
    let zoe = computer("Zoë Çelik", "Laptop Zoë", true);
    let plan = new_plan(&zoe, &zoe.person);
    let first = export(&zoe, &plan, "first.pop.json");
    let out = import(
        &owner,
        &first,
        &["--person", &owner.person, "--pair", &zoe.fingerprint()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    sign(&owner, &plan, "manager", "Henk de Bakker");
    let to_zoe = export(&owner, &plan, "to-zoe.pop.json");
    let out = import(&zoe, &to_zoe, &["--pair", &owner.fingerprint()]);
    assert!(out.status.success(), "{}", stderr(&out));

    // The manager's signature dropped and the title changed.
    let mut p = package(&export(&zoe, &plan, "zoe.pop.json"));
    p.versions[0]
        .signatures
        .retain(|s| s.party != Party::Manager);
    p.versions[0].content.title = "Iets anders dan Henk tekende".into();
    let dropped = resign(&mut p, &zoe.secret(), "Laptop Zoë", false);
    refused(
        &owner,
        &dropped,
        &["versions[0].content", "signed here by Henk de Bakker"],
    );

    // Signed by both honestly, then the seal's document names someone else (the device
    // signatures do not cover that name): refused, naming both names.
    sign(&zoe, &plan, "employee", "Zoë Çelik");
    let mut p = package(&export(&zoe, &plan, "sealed.pop.json"));
    let v = &mut p.versions[0];
    let seal = v.seal.as_mut().unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&seal.canonical).unwrap();
    doc["personName"] = "Eva Jansen".into();
    seal.canonical = serde_json::to_string(&doc).unwrap();
    let (sha, fp) = seal::seal_of(&seal.canonical);
    seal.sha256 = sha;
    seal.fingerprint = fp;
    let renamed = resign(&mut p, &zoe.secret(), "Laptop Zoë", false);
    refused(&owner, &renamed, &["Eva Jansen", "Zoë Çelik", "seal"]);
}

/// Found by the outside forger: the waiting file replaced between the listing and
/// `exchange accept` — only the file that was shown can be taken in.
#[test]
fn only_the_new_plan_that_was_shown_can_be_taken_in() {
    let owner = computer("Zoë Çelik", "PC Bram", false);
    let zoe = computer("Zoë Çelik", "Laptop Zoë", true);
    ok(
        &owner.db(),
        &[
            "device",
            "pair",
            &seal::key_pair(hex_seed(&zoe.secret())).0,
            "--person",
            &owner.person,
            "--name",
            "Laptop Zoë",
        ],
    );
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap().to_owned();
    let shown = export(&zoe, &new_plan(&zoe, &zoe.person), "a.pop.json");
    let other_plan = new_plan(&zoe, &zoe.person);
    let swapped = export(&zoe, &other_plan, "b.pop.json");
    let waiting = shared.path().join("new.pop.json");
    std::fs::copy(&shown, &waiting).unwrap();
    ok(
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
    assert!(ok(&owner.db(), &["exchange", "pending"]).contains("new.pop.json"));
    std::fs::copy(&swapped, &waiting).unwrap();
    let before = files(&owner.folder());
    let out = cli(
        &owner.db(),
        &["exchange", "accept", waiting.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("changed since it was shown"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files(&owner.folder()), before);
    assert_eq!(ok(&owner.db(), &["plan", "list", "--json"]), "[]");
}

/// Each package carries its maker's log head signed by its key, and the heads its computer
/// keeps of the other: the owner's computer gets back its own head as Zoë's laptop saw it.
/// Events cut from the end of the owner's log (the event-log triggers dropped, as someone
/// with the store file in hand can) are then found by `log verify`, naming who saw them.
#[test]
fn a_log_cut_short_is_found_against_the_head_the_other_computer_acknowledged() {
    let (owner, zoe, _plan, _) = signed_on_both();
    let acked: i64 = Connection::open(owner.db())
        .unwrap()
        .query_row(
            "SELECT h.seq FROM device_head h JOIN device d ON d.public_key = h.device_key",
            [],
            |r| r.get(0),
        )
        .expect("the owner's computer keeps its own head as Zoë's laptop acknowledged it");
    let out = ok(&owner.db(), &["log", "verify"]);
    assert!(out.contains("Laptop Zoë"), "{out}");
    // Zoë's laptop keeps the owner's head too (signed by the owner's key).
    let kept: i64 = Connection::open(zoe.db())
        .unwrap()
        .query_row("SELECT count(*) FROM device_head", [], |r| r.get(0))
        .unwrap();
    assert!(kept >= 1);

    // Cut the owner's log back to before the acknowledged event.
    let conn = Connection::open(owner.db()).unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER IF EXISTS event_log_no_delete; DELETE FROM event_log WHERE seq >= {acked};"
    ))
    .unwrap();
    drop(conn);
    let out = cli(&owner.db(), &["log", "verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("Laptop Zoë") && stderr(&out).contains("missing"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("Log intact"), "{}", stdout(&out));

    // The forger also deletes the acknowledged head from the same file (here the cut took
    // a sealing event too, which the seal still names; a cut after the last seal would go
    // unnoticed by this store alone, as the README says) — but the other computer
    // remembers, and its next package brings the head back with a warning.
    Connection::open(owner.db())
        .unwrap()
        .execute_batch("DELETE FROM device_head WHERE device_key = (SELECT public_key FROM device)")
        .unwrap();
    let next = export(&zoe, &_plan, "next.pop.json");
    let out = import(&owner, &next, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("WARNING: Laptop Zoë") && stderr(&out).contains("no longer here"),
        "{}",
        stderr(&out)
    );
    let out = cli(&owner.db(), &["log", "verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

//! Signing across crates: both parties sign, the version freezes and refuses edits, its
//! fingerprint is stable, a new version shows what changed, PDFs are verified by their
//! fingerprint, and the event log notices a row changed behind the app's back.

use groeikoers_tests::clock;
use pop_core::domain::plan::PlanStatus;
use pop_core::domain::signing::{
    canonical, fingerprint, sha256_hex, Party, SignInput, Snapshot, SnapshotSignature,
};
use pop_core::domain::{Language, PersonInput};
use pop_core::{documents, people, plans, signing, ErrorCode, Store};

fn sign(party: Party, name: &str) -> SignInput {
    SignInput {
        party,
        full_name: name.into(),
        signed_on: Some("2026-11-24".into()),
        consent: true,
        strokes: Some(vec![vec![[0.1, 0.8], [0.3, 0.2], [0.5, 0.7], [0.9, 0.3]]]),
    }
}

fn signed_plan() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("g.sqlite3")).unwrap();
    let p = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Sanne de Boer".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let plan = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::Nl,
        &p.id,
        "projectcoordinator-naar-projectleider",
    )
    .unwrap();
    (dir, store, plan.id)
}

#[test]
fn the_fingerprint_of_a_fixed_plan_is_always_the_same() {
    // A small plan written out here, so the expected value does not move when the worked
    // examples are edited.
    let content = pop_core::domain::plan::PlanContent {
        title: "Op weg naar projectleider".into(),
        period_start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        period_end: chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
        focus: "Regie nemen in overleg; één ‘doel’ – € 250,00".into(),
        ..Default::default()
    };
    let snapshot = Snapshot {
        format: "groeikoers-signed-plan/1".into(),
        plan_id: "0190ffff-0000-7000-8000-000000000001".into(),
        version: 1,
        person_name: "Sanne de Boer".into(),
        content,
        signatures: vec![SnapshotSignature {
            party: Party::Employee,
            full_name: "Sanne de Boer".into(),
            signed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        }],
    };
    let sha = sha256_hex(canonical(&snapshot).as_bytes());
    assert_eq!(
        sha,
        "951e2eff25fa69edf7e3d3a7c7cdba65e3fc794c9dc9dbd2778a96d46a29d50d"
    );
    assert_eq!(fingerprint(&sha), "GK-951E-2EFF-25FA");
}

#[test]
fn signing_by_both_freezes_the_version_and_edits_are_refused() {
    let (_dir, mut store, id) = signed_plan();
    let view = signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Employee, "Sanne de Boer"),
        "sanne",
    )
    .unwrap();
    assert_eq!(
        view.plan.status,
        PlanStatus::Draft,
        "one signature is not enough"
    );
    assert!(view.signing.fingerprint.is_none());
    // Once someone signed, the content is locked.
    let err = plans::save_plan_content(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        view.plan.content.clone(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    let again = signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Employee, "Sanne"),
        "sanne",
    )
    .unwrap_err();
    assert_eq!(
        again.code(),
        ErrorCode::Validation,
        "the same party cannot sign twice"
    );

    let view = signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Manager, "Mia Jansen"),
        "mia",
    )
    .unwrap();
    assert_eq!(view.plan.status, PlanStatus::Active);
    let fp = view.signing.fingerprint.clone().expect("frozen");
    assert_eq!(view.signing.signatures.len(), 2);
    assert_eq!(view.signing.signatures[0].device_user, "sanne");
    let mut changed = view.plan.content.clone();
    changed.focus = "Anders".into();
    let err =
        plans::save_plan_content(&mut store, &clock(), Language::Nl, &id, changed).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(pop_core::messages::describe(&err, Language::Nl).contains("nieuwe versie"));

    // The PDF carries the fingerprint, on every page and in its metadata.
    let pdf = documents::plan_pdf(&store, &clock(), Language::Nl, &id).unwrap();
    let found = signing::verify_pdf(&store, &pdf)
        .unwrap()
        .expect("the PDF is recognised");
    assert_eq!(found.fingerprint, fp);
    assert_eq!(found.person_name, "Sanne de Boer");
    assert!(found.intact);
    assert_eq!(
        signing::verify(&store, &fp.to_lowercase())
            .unwrap()
            .unwrap()
            .plan_id,
        id
    );
    assert!(signing::verify(&store, "GK-0000-0000-0001")
        .unwrap()
        .is_none());
}

#[test]
fn a_new_version_is_a_draft_linked_to_the_signed_one_with_its_changes() {
    let (_dir, mut store, id) = signed_plan();
    signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Employee, "Sanne de Boer"),
        "s",
    )
    .unwrap();
    signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Manager, "Mia Jansen"),
        "m",
    )
    .unwrap();
    let v2 = signing::new_version(&mut store, &clock(), &id, "Tweede doel bijgesteld").unwrap();
    assert_eq!((v2.version, v2.status), (2, PlanStatus::Draft));
    let mut content = v2.content.clone();
    content.goals[1].title = "Ik maak per project binnen 3 werkdagen een begroting".into();
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &v2.id, content).unwrap();
    let history = signing::plan_history(&store, &id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].version, 2);
    assert_eq!(history[0].reason, "Tweede doel bijgesteld");
    assert_eq!(history[0].changes.len(), 1, "{:?}", history[0].changes);
    assert_eq!(history[0].changes[0].path, "goals[1].title");
    assert_eq!(history[1].signatures.len(), 2);
    assert!(history[1].fingerprint.is_some());
}

#[test]
fn the_event_log_finds_a_row_changed_directly_in_the_database() {
    let (dir, mut store, id) = signed_plan();
    signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Employee, "Sanne de Boer"),
        "s",
    )
    .unwrap();
    assert!(matches!(signing::verify_log(&store).unwrap(), Ok(2)));
    drop(store);
    // Someone edits the SQLite file with another tool.
    let conn = pop_core::store::rusqlite::Connection::open(dir.path().join("g.sqlite3")).unwrap();
    conn.execute_batch(
        "DROP TRIGGER event_log_no_update; UPDATE event_log SET detail = 'employee: Iemand Anders' WHERE kind = 'signed';",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&dir.path().join("g.sqlite3")).unwrap();
    let seq: i64 = store
        .conn()
        .query_row("SELECT seq FROM event_log WHERE kind = 'signed'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(signing::verify_log(&store).unwrap(), Err(seq));
}

//! Signing across crates: both parties sign, the version is sealed over its content and every
//! signature and refuses edits, its fingerprint is stable, a new version shows what changed,
//! PDFs are drawn from the seal and verified by their fingerprint, and every edit of the
//! database behind the app's back — a content row, a signature row, the seal, the log's end —
//! is found.

use groeikoers_tests::clock;
use pop_core::domain::plan::PlanStatus;
use pop_core::domain::seal::{seal_of, SealedVersion};
use pop_core::domain::signing::{
    canonical, fingerprint, sha256_hex, Party, SignInput, Signature, Snapshot, SnapshotSignature,
};
use pop_core::domain::{Language, PersonInput};
use pop_core::store::rusqlite::Connection;
use pop_core::{documents, people, plans, signing, CoreError, ErrorCode, Store};
use std::path::{Path, PathBuf};

fn sign(party: Party, name: &str) -> SignInput {
    SignInput {
        party,
        full_name: name.into(),
        signed_on: Some("2026-11-24".into()),
        consent: true,
        strokes: Some(vec![vec![[0.1, 0.8], [0.3, 0.2], [0.5, 0.7], [0.9, 0.3]]]),
        despite_findings: false,
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

/// Both parties sign; returns the fingerprint.
fn sign_both(store: &mut Store, id: &str) -> String {
    signing::sign_plan(
        store,
        &clock(),
        Language::Nl,
        id,
        sign(Party::Employee, "Sanne de Boer"),
        "sanne",
    )
    .unwrap();
    signing::sign_plan(
        store,
        &clock(),
        Language::Nl,
        id,
        sign(Party::Manager, "Mia Jansen"),
        "mia",
    )
    .unwrap()
    .signing
    .fingerprint
    .expect("sealed")
}

fn db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("g.sqlite3")
}

/// Edits the database file with another tool (the app's triggers dropped where needed).
fn edit_behind_the_back(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn the_fingerprint_of_a_fixed_legacy_plan_is_always_the_same() {
    // A small plan written out here, so the expected value does not move when the worked
    // examples are edited (format 1, as older versions sealed it).
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
fn the_seal_of_a_fixed_plan_with_a_fixed_device_key_is_always_the_same() {
    let content = pop_core::domain::plan::PlanContent {
        title: "Op weg naar projectleider".into(),
        period_start: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        period_end: chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
        focus: "Regie nemen in overleg; één ‘doel’ – € 250,00".into(),
        ..Default::default()
    };
    let (public, secret) = pop_core::domain::seal::key_pair([42; 32]);
    let mut s = Signature {
        party: Party::Employee,
        full_name: "Sanne de Boer".into(),
        signed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        signed_at: chrono::DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z")
            .unwrap()
            .to_utc(),
        device_user: "sanne".into(),
        strokes: None,
        consent_text: pop_core::domain::seal::consent_text(Language::Nl).into(),
        device_name: "Laptop Sanne".into(),
        device_key: public,
        device_signature: String::new(),
    };
    let id = "0190ffff-0000-7000-8000-000000000001";
    s.device_signature = pop_core::domain::seal::device_sign(
        &secret,
        &pop_core::domain::seal::statement(id, 1, &content, &s),
    )
    .unwrap();
    let doc = SealedVersion::new(id, 1, None, "S. de Boer", &content, &[s]);
    let (sha, fp) = seal_of(&doc.canonical());
    // Ed25519 signatures are deterministic: same key, same bytes, same seal everywhere.
    assert_eq!(fp, fingerprint(&sha));
    assert_eq!(
        seal_of(
            &SealedVersion::new(id, 1, None, "S. de Boer", &content, &doc.signatures).canonical()
        ),
        (sha.clone(), fp.clone())
    );
    assert_eq!(doc.person_name, "Sanne de Boer", "named as signed");
    assert_eq!(fp, "GK-FACC-6194-7C4C", "sha {sha}");
}

#[test]
fn signing_by_both_seals_the_version_and_edits_are_refused() {
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
    let s = &view.signing.signatures[0];
    assert_eq!(s.device_key.len(), 64, "signed by this device's key");
    assert!(s.consent_text.contains("gelezen"), "{}", s.consent_text);
    assert_eq!(
        s.consent_text, view.signing.consent_text,
        "the text recorded is the text the dialog shows"
    );
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
    let fp = view.signing.fingerprint.clone().expect("sealed");
    assert_eq!(view.signing.signatures.len(), 2);
    assert_eq!(view.signing.signatures[0].device_user, "sanne");
    let mut changed = view.plan.content.clone();
    changed.focus = "Anders".into();
    let err =
        plans::save_plan_content(&mut store, &clock(), Language::Nl, &id, changed).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(pop_core::messages::describe(&err, Language::Nl).contains("nieuwe versie"));

    // The PDF carries the fingerprint and the log head, on every page and in its metadata.
    let pdf = documents::plan_pdf(&store, &clock(), Language::Nl, &id).unwrap();
    let found = signing::verify_pdf(&store, Language::Nl, &pdf)
        .unwrap()
        .expect("the PDF is recognised");
    assert_eq!(found.fingerprint, fp);
    assert_eq!(found.person_name, "Sanne de Boer");
    assert!(found.intact, "{:?}", found.problems);
    assert_eq!(
        signing::verify(&store, Language::Nl, &fp.to_lowercase())
            .unwrap()
            .unwrap()
            .plan_id,
        id
    );
    assert!(signing::verify(&store, Language::Nl, "GK-0000-0000-0001")
        .unwrap()
        .is_none());
    let report = signing::verify_log(&store, Language::En).unwrap();
    assert!(report.intact(), "{report:?}");
    assert_eq!(report.seals, 1);
}

#[test]
fn a_new_version_is_a_draft_linked_to_the_signed_one_with_its_changes() {
    let (_dir, mut store, id) = signed_plan();
    sign_both(&mut store, &id);
    let v2 = signing::new_version(&mut store, &clock(), &id, "Tweede doel bijgesteld").unwrap();
    assert_eq!((v2.version, v2.status), (2, PlanStatus::Draft));
    let mut content = v2.content.clone();
    content.goals[1].title = "Ik maak per project binnen 3 werkdagen een begroting".into();
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &v2.id, content).unwrap();
    let history = signing::plan_history(&store, Language::Nl, &id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].version, 2);
    assert_eq!(history[0].reason, "Tweede doel bijgesteld");
    assert_eq!(history[0].changes.len(), 1, "{:?}", history[0].changes);
    assert_eq!(history[0].changes[0].path, "goals[1].title");
    assert_eq!(history[1].signatures.len(), 2);
    assert!(history[1].fingerprint.is_some());
    assert!(
        history[1].devices[0].contains("(K-"),
        "{:?}",
        history[1].devices
    );
    assert!(history[1].seal_problems.is_empty());

    // A second new version of the same signed version is refused, clearly.
    let err = signing::new_version(&mut store, &clock(), &id, "nog een").unwrap_err();
    assert!(
        matches!(err, CoreError::NextVersionExists { .. }),
        "{err:?}"
    );
    assert!(pop_core::messages::describe(&err, Language::En).contains("already exists"));
    // And by the schema, for a writer that skips the check.
    let dup = store.conn().execute(
        "INSERT INTO plan (id, person_id, status, title, period_start, period_end, content, created_at, updated_at, version, previous_version) \
         SELECT 'dup', person_id, 'draft', title, period_start, period_end, content, created_at, updated_at, 2, id FROM plan WHERE id = ?1",
        [&id],
    );
    assert!(dup.is_err(), "the schema refuses a second next version");
}

#[test]
fn every_edit_behind_the_apps_back_is_found_and_the_pdf_is_not_printed_as_signed() {
    let cases: &[(&str, &str)] = &[
        (
            "content row",
            "UPDATE plan SET content = json_set(content, '$.focus', 'Vervalst') WHERE status = 'active';",
        ),
        (
            "signature name",
            "UPDATE plan_signature SET full_name = 'Henk Bakker' WHERE party = 'manager';",
        ),
        (
            "signature date",
            "UPDATE plan_signature SET signed_on = '2020-01-01' WHERE party = 'employee';",
        ),
        (
            "snapshot",
            "UPDATE plan_snapshot SET canonical = replace(canonical, 'Sanne', 'Sandra');",
        ),
        (
            "seal",
            "UPDATE plan_snapshot SET sha256 = CASE WHEN substr(sha256, 1, 1) = '0' THEN '1' ELSE '0' END || substr(sha256, 2);",
        ),
        (
            "log end",
            "DROP TRIGGER event_log_no_delete; DELETE FROM event_log WHERE seq >= (SELECT max(log_seq) FROM plan_snapshot);",
        ),
        ("whole log", "DROP TRIGGER event_log_no_delete; DELETE FROM event_log;"),
    ];
    for (what, sql) in cases {
        let (dir, mut store, id) = signed_plan();
        let fp = sign_both(&mut store, &id);
        drop(store);
        edit_behind_the_back(&db(&dir), sql);
        let store = Store::open(&db(&dir)).unwrap();
        let report = signing::verify_log(&store, Language::En).unwrap();
        assert!(!report.intact(), "{what}: log verify must fail: {report:?}");
        let found = signing::verify(&store, Language::En, &fp).unwrap();
        if let Some(m) = found {
            assert!(!m.intact, "{what}: plan verify must fail");
            assert!(!m.problems.is_empty());
        }
        let err = documents::plan_pdf(&store, &clock(), Language::En, &id).unwrap_err();
        let message = pop_core::messages::describe(&err, Language::En);
        assert!(
            message.contains("no longer matches its seal"),
            "{what}: {message}"
        );
        let history = signing::plan_history(&store, Language::En, &id).unwrap();
        assert!(
            !history[0].seal_problems.is_empty(),
            "{what}: history says so"
        );
    }
}

#[test]
fn the_pdf_of_a_sealed_version_is_drawn_from_the_seal() {
    let (dir, mut store, id) = signed_plan();
    sign_both(&mut store, &id);
    let pdf = documents::plan_pdf(&store, &clock(), Language::Nl, &id).unwrap();
    // The person's name changes here later: the signed PDF still names them as signed.
    drop(store);
    edit_behind_the_back(&db(&dir), "UPDATE person SET full_name = 'Iemand Anders';");
    let store = Store::open(&db(&dir)).unwrap();
    let again = documents::plan_pdf(&store, &clock(), Language::Nl, &id).unwrap();
    let subject = signing::pdf_subject(&again).unwrap();
    assert!(subject.contains("log:"), "{subject}");
    assert_eq!(
        signing::fingerprint_in_pdf(&pdf),
        signing::fingerprint_in_pdf(&again)
    );
    assert!(!String::from_utf8_lossy(&again).contains("Iemand Anders"));
}

#[test]
fn a_long_non_ascii_pdf_subject_does_not_panic() {
    let mut pdf = b"%PDF-1.7\n/Subject (".to_vec();
    pdf.extend("é".repeat(300).as_bytes());
    pdf.extend(b")\n");
    assert_eq!(signing::fingerprint_in_pdf(&pdf), None);
}

#[test]
fn a_store_left_signed_but_not_sealed_is_repaired_when_it_opens() {
    let (dir, mut store, id) = signed_plan();
    let fp = sign_both(&mut store, &id);
    assert!(!fp.is_empty());
    drop(store);
    // The state an older Groeikoers could leave after a kill between its transactions.
    edit_behind_the_back(
        &db(&dir),
        "DELETE FROM plan_snapshot; UPDATE plan SET status = 'draft';",
    );
    let mut store = Store::open(&db(&dir)).unwrap();
    assert_eq!(signing::repair_unsealed(&mut store, &clock()).unwrap(), 1);
    let view = plans::get_plan_view(&store, Language::Nl, &id).unwrap();
    assert_eq!(view.plan.status, PlanStatus::Active);
    assert_eq!(
        view.signing.fingerprint.as_deref(),
        Some(fp.as_str()),
        "the same seal"
    );
    assert!(signing::verify_log(&store, Language::En).unwrap().intact());
    assert_eq!(signing::repair_unsealed(&mut store, &clock()).unwrap(), 0);
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
    let report = signing::verify_log(&store, Language::En).unwrap();
    assert_eq!((report.events, report.broken_at), (2, None));
    drop(store);
    edit_behind_the_back(
        &db(&dir),
        "DROP TRIGGER event_log_no_update; UPDATE event_log SET detail = 'employee: Iemand Anders' WHERE kind = 'signed';",
    );
    let store = Store::open(&db(&dir)).unwrap();
    let seq: i64 = store
        .conn()
        .query_row("SELECT seq FROM event_log WHERE kind = 'signed'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        signing::verify_log(&store, Language::En).unwrap().broken_at,
        Some(seq)
    );
}

#[test]
fn log_verify_against_a_pdf_or_backup_finds_events_removed_since() {
    let (dir, mut store, id) = signed_plan();
    sign_both(&mut store, &id);
    let pdf_path = dir.path().join("plan.pdf");
    documents::plan_pdf_to_file(&store, &clock(), Language::Nl, &id, &pdf_path).unwrap();
    let backup = store.backup("manual").unwrap();
    assert!(matches!(
        signing::verify_against(&mut store, &clock(), &pdf_path).unwrap(),
        signing::AgainstOutcome::Holds { .. }
    ));
    assert!(matches!(
        signing::verify_against(&mut store, &clock(), &backup).unwrap(),
        signing::AgainstOutcome::Holds { since: 0, .. }
    ));
    let backup_bytes = std::fs::read(&backup).unwrap();
    drop(store);
    edit_behind_the_back(
        &db(&dir),
        "DROP TRIGGER event_log_no_delete; DELETE FROM event_log WHERE seq > 3;",
    );
    let mut store = Store::open(&db(&dir)).unwrap();
    for file in [&pdf_path, &backup] {
        let outcome = signing::verify_against(&mut store, &clock(), file).unwrap();
        assert!(
            matches!(outcome, signing::AgainstOutcome::Missing { from: 4, .. }),
            "{file:?}: {outcome:?}"
        );
        assert!(signing::describe_against(&outcome, Language::En).contains("missing"));
    }
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        backup_bytes,
        "the backup is only read"
    );
}

#[test]
fn the_plan_list_names_who_still_has_to_sign_a_half_signed_draft() {
    let (_dir, mut store, id) = signed_plan();
    let listed = |store: &Store| {
        plans::list_plans(store, None)
            .unwrap()
            .into_iter()
            .find(|p| p.id == id)
            .unwrap()
    };
    assert!(listed(&store).waiting_for.is_empty(), "nobody signed yet");
    signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Employee, "Sanne de Boer"),
        "sanne",
    )
    .unwrap();
    let half = listed(&store);
    assert_eq!(half.status, PlanStatus::Draft);
    assert_eq!(half.waiting_for, vec![Party::Manager]);
    signing::sign_plan(
        &mut store,
        &clock(),
        Language::Nl,
        &id,
        sign(Party::Manager, "Mia Jansen"),
        "mia",
    )
    .unwrap();
    let done = listed(&store);
    assert_eq!(done.status, PlanStatus::Active);
    assert!(done.waiting_for.is_empty());
}

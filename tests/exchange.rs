//! Merging plan packages between two stores (two computers): a draft edited on one side is
//! taken without a question, a draft edited on both is a conflict the user resolves (keep
//! mine, take theirs, keep both), and check-ins recorded on either side reach the other.

use groeikoers_tests::clock;
use pop_core::domain::{Language, PersonInput};
use pop_core::exchange::ImportTarget;
use pop_core::package::{self, ImportReport, Take};
use pop_core::rhythm::{self, CheckinInput, CheckinTarget};
use pop_core::{messages, people, plans, CoreError, Store};

struct Two {
    _dir: tempfile::TempDir,
    mine: Store,
    theirs: Store,
    plan: String,
}

/// A draft made here, sent there once, so both have the same version and the same base.
fn two_computers() -> Two {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = Store::open(&dir.path().join("mine.sqlite3")).unwrap();
    let mut theirs = Store::open(&dir.path().join("theirs.sqlite3")).unwrap();
    let p = people::create_person(
        &mut mine,
        &clock(),
        PersonInput {
            full_name: "Fatima El Amrani".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let plan = plans::create_plan_from_example(
        &mut mine,
        &clock(),
        Language::Nl,
        &p.id,
        "winkelmedewerker-naar-ploegleider",
    )
    .unwrap();
    let file = dir.path().join("first.pop.json");
    pop_core::exchange::export_plan_to_file(&mut mine, &clock(), &plan.id, &file).unwrap();
    // Each computer is paired with the other as the person's (both keep Fatima's plan).
    let bytes = std::fs::read(&file).unwrap();
    let mine_key = pop_core::device::device_info(&mut mine, &clock()).unwrap();
    package::import_package(
        &mut theirs,
        &clock(),
        Language::En,
        &bytes,
        package::ImportOptions {
            target: Some(ImportTarget::NewPerson),
            pair: Some(mine_key.key_fingerprint),
            ..Default::default()
        },
    )
    .unwrap();
    let theirs_key = pop_core::device::device_info(&mut theirs, &clock()).unwrap();
    pop_core::pairing::pair_device(
        &mut mine,
        &clock(),
        &theirs_key.public_key,
        pop_core::pairing::PairAs::Person(p.id.clone()),
        Some("Hun computer"),
    )
    .unwrap();
    Two {
        _dir: dir,
        mine,
        theirs,
        plan: plan.id,
    }
}

fn edit(store: &mut Store, id: &str, focus: &str) {
    let mut content = plans::get_plan(store, id).unwrap().content;
    content.focus = focus.into();
    plans::save_plan_content(store, &clock(), Language::Nl, id, content).unwrap();
}

fn focus(store: &Store, id: &str) -> String {
    plans::get_plan(store, id).unwrap().content.focus
}

/// Their package, as exported on their computer.
fn package_from(store: &mut Store, id: &str) -> Vec<u8> {
    let text = pop_core::exchange::export_plan(store, id).unwrap();
    // Exporting to a file records what was exchanged; do the same here.
    let dir = tempfile::tempdir().unwrap();
    pop_core::exchange::export_plan_to_file(store, &clock(), id, &dir.path().join("p.pop.json"))
        .unwrap();
    text.into_bytes()
}

fn import(
    store: &mut Store,
    bytes: &[u8],
    take: Option<Take>,
) -> pop_core::error::Result<ImportReport> {
    package::import_bytes(store, &clock(), Language::En, bytes, None, take, false)
}

#[test]
fn a_draft_edited_on_one_side_only_is_taken_without_a_question() {
    let mut t = two_computers();
    edit(&mut t.theirs, &t.plan, "Aangepast op de andere computer");
    let bytes = package_from(&mut t.theirs, &t.plan);
    let report = import(&mut t.mine, &bytes, None).unwrap();
    assert!(report.applied, "{report:?}");
    assert!(report.changes[0].contains("take the content"), "{report:?}");
    assert_eq!(focus(&t.mine, &t.plan), "Aangepast op de andere computer");

    // Now only this side edits; their (older) package again keeps mine.
    edit(&mut t.mine, &t.plan, "Daarna hier aangepast");
    let report = import(&mut t.mine, &bytes, None).unwrap();
    assert!(report.up_to_date, "{report:?}");
    assert_eq!(focus(&t.mine, &t.plan), "Daarna hier aangepast");
}

#[test]
fn a_draft_edited_on_both_sides_is_a_conflict_resolved_by_the_user() {
    let mut t = two_computers();
    edit(&mut t.mine, &t.plan, "Mijn versie");
    edit(&mut t.theirs, &t.plan, "Hun versie");
    let bytes = package_from(&mut t.theirs, &t.plan);

    // The preview names the conflict; importing without a choice is refused, nothing changes.
    let preview = package::import_bytes(
        &mut t.mine,
        &clock(),
        Language::Nl,
        &bytes,
        None,
        None,
        true,
    )
    .unwrap();
    assert_eq!(preview.conflicts.len(), 1, "{preview:?}");
    assert!(
        preview.conflicts[0].contains("op beide computers bewerkt"),
        "{preview:?}"
    );
    let err = import(&mut t.mine, &bytes, None).unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    assert!(messages::describe(&err, Language::En).contains("--take mine|theirs|both"));
    assert_eq!(focus(&t.mine, &t.plan), "Mijn versie");

    // Keep mine: nothing of theirs is taken, and the same package does not ask again.
    import(&mut t.mine, &bytes, Some(Take::Mine)).unwrap();
    assert_eq!(focus(&t.mine, &t.plan), "Mijn versie");
    let again = import(&mut t.mine, &bytes, None).unwrap();
    assert!(again.up_to_date && again.conflicts.is_empty(), "{again:?}");
}

#[test]
fn take_theirs_replaces_the_draft_and_keep_both_adds_a_separate_draft() {
    let mut t = two_computers();
    edit(&mut t.mine, &t.plan, "Mijn versie");
    edit(&mut t.theirs, &t.plan, "Hun versie");
    let bytes = package_from(&mut t.theirs, &t.plan);
    // The same situation twice: once "both", once "theirs".
    let person = plans::get_plan(&t.mine, &t.plan).unwrap().person_id;
    let before = plans::list_plans(&t.mine, Some(&person)).unwrap().len();
    import(&mut t.mine, &bytes, Some(Take::Both)).unwrap();
    let after = plans::list_plans(&t.mine, Some(&person)).unwrap();
    assert_eq!(after.len(), before + 1, "theirs kept as a separate draft");
    assert_eq!(
        focus(&t.mine, &t.plan),
        "Mijn versie",
        "mine kept as it was"
    );
    let other = after.iter().find(|p| p.id != t.plan).unwrap();
    assert_eq!(focus(&t.mine, &other.id), "Hun versie");

    let mut t = two_computers();
    edit(&mut t.mine, &t.plan, "Mijn versie");
    edit(&mut t.theirs, &t.plan, "Hun versie");
    let bytes = package_from(&mut t.theirs, &t.plan);
    import(&mut t.mine, &bytes, Some(Take::Theirs)).unwrap();
    assert_eq!(focus(&t.mine, &t.plan), "Hun versie");
}

#[test]
fn check_ins_recorded_on_either_side_reach_the_other() {
    let mut t = two_computers();
    let record = |store: &mut Store, plan: &str, slot: u32, reality: &str| {
        rhythm::record_checkin(
            store,
            &clock(),
            plan,
            CheckinInput {
                target: CheckinTarget {
                    slot: Some(slot),
                    id: None,
                },
                grow: pop_core::domain::checkin::Grow {
                    reality: reality.into(),
                    ..Default::default()
                },
                ..Default::default()
            },
        )
        .unwrap();
    };
    record(&mut t.mine, &t.plan, 1, "Hier besproken");
    record(&mut t.theirs, &t.plan, 2, "Daar besproken");
    let from_theirs = package_from(&mut t.theirs, &t.plan);
    import(&mut t.mine, &from_theirs, None).unwrap();
    let from_mine = package_from(&mut t.mine, &t.plan);
    import(&mut t.theirs, &from_mine, None).unwrap();
    let held = |store: &Store| {
        let mut r: Vec<String> = rhythm::plan_rhythm(store, &t.plan)
            .unwrap()
            .history
            .into_iter()
            .map(|c| c.grow.reality)
            .collect();
        r.sort();
        r
    };
    assert_eq!(held(&t.mine), ["Daar besproken", "Hier besproken"]);
    assert_eq!(held(&t.mine), held(&t.theirs));
    assert!(pop_core::signing::verify_log(&t.mine, Language::En)
        .unwrap()
        .intact());
}

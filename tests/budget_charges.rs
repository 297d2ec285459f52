//! What a signed plan takes from the personal development budget: the actions the budget pays
//! are charged when the last party signs, in the same transaction; training that is free by
//! law (art. 7:611a BW) never is; a new version takes only what changed and gives back what
//! went; without a budget scheme nothing is booked.

use chrono::NaiveDate;
use groeikoers_tests::clock;
use pop_core::domain::budget::EntryKind;
use pop_core::domain::check::Rule;
use pop_core::domain::clause::TrainingKind;
use pop_core::domain::plan::{Action, ActionKind, Payer};
use pop_core::domain::signing::{Party, SignInput};
use pop_core::domain::{Language, PersonInput};
use pop_core::{budget, plans, signing, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn sign(store: &mut Store, id: &str, party: Party, name: &str) {
    let input = SignInput {
        party,
        full_name: name.into(),
        signed_on: Some("2026-11-24".into()),
        consent: true,
        strokes: None,
        despite_findings: true,
    };
    signing::sign_plan(store, &clock(), Language::Nl, id, input, "test").unwrap();
}

fn sign_both(store: &mut Store, id: &str) {
    sign(store, id, Party::Employee, "Sanne de Boer");
    sign(store, id, Party::Manager, "Mia Jansen");
}

fn course(id: &str, what: &str, cents: i64, paid_by: Payer, training: TrainingKind) -> Action {
    Action {
        id: id.into(),
        description: what.into(),
        kind: ActionKind::Course,
        owner: "Sanne".into(),
        due: Some(d("2027-03-01")),
        cost_cents: Some(cents),
        paid_by: Some(paid_by),
        training: Some(training),
        ..Default::default()
    }
}

/// A person with €500 a year from 2026 (€500 on 24 November 2026), and a draft plan.
fn setup(with_scheme: bool) -> (tempfile::TempDir, Store, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("g.sqlite3")).unwrap();
    let p = pop_core::people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Sanne de Boer".into(),
            start_date: Some("2020-01-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    if with_scheme {
        budget::set_scheme(&mut store, &clock(), budget::yearly(d("2026-01-01"), 500)).unwrap();
    }
    let plan = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::Nl,
        &p.id,
        "projectcoordinator-naar-projectleider",
    )
    .unwrap();
    (dir, store, p.id, plan.id)
}

fn with_actions(store: &mut Store, id: &str, actions: Vec<Action>) {
    let mut content = plans::get_plan(store, id).unwrap().content;
    for g in &mut content.goals {
        g.actions.retain(|a| a.cost_cents.is_none());
    }
    content.goals[0].actions.extend(actions);
    content.support.iter_mut().for_each(|s| s.cost_cents = None);
    plans::save_plan_content(store, &clock(), Language::Nl, id, content).unwrap();
}

fn euro(store: &Store, person: &str) -> i64 {
    budget::person_budget(store, person, d("2026-11-24"))
        .unwrap()
        .euro_cents
}

fn plan_lines(store: &Store, person: &str) -> Vec<(EntryKind, i64, String)> {
    budget::person_budget(store, person, d("2026-11-24"))
        .unwrap()
        .ledger
        .into_iter()
        .filter(|e| matches!(e.kind, EntryKind::Spend | EntryKind::Correction))
        .map(|e| (e.kind, e.euro_cents, e.text))
        .collect()
}

#[test]
fn signing_charges_what_the_budget_pays_and_never_training_that_is_free_by_law() {
    let (_dir, mut store, person, id) = setup(true);
    with_actions(
        &mut store,
        &id,
        vec![
            course(
                "a",
                "Cursus projectleiding",
                300 * 100,
                Payer::Budget,
                TrainingKind::Voluntary,
            ),
            course(
                "b",
                "VCA-diploma",
                250 * 100,
                Payer::Budget,
                TrainingKind::Required,
            ),
            course(
                "c",
                "Training plannen",
                700 * 100,
                Payer::Employer,
                TrainingKind::Necessary,
            ),
            course(
                "e",
                "Vakbeurs",
                90 * 100,
                Payer::Subsidy,
                TrainingKind::Voluntary,
            ),
        ],
    );
    // The POP-check says why the required course is not charged, naming the article.
    let view = plans::get_plan_view(&store, Language::Nl, &id).unwrap();
    let free = view
        .findings
        .iter()
        .find(|f| f.rule == Rule::FreeTrainingFromBudget)
        .expect("the required course set to the budget is found");
    assert!(free.hint.contains("art. 7:611a BW"), "{}", free.hint);

    assert_eq!(euro(&store, &person), 500 * 100);
    sign(&mut store, &id, Party::Employee, "Sanne de Boer");
    assert_eq!(
        euro(&store, &person),
        500 * 100,
        "one signature takes nothing"
    );
    sign(&mut store, &id, Party::Manager, "Mia Jansen");
    let lines = plan_lines(&store, &person);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].0, EntryKind::Spend);
    assert_eq!(lines[0].1, -300 * 100);
    assert!(
        lines[0].2.contains("Cursus projectleiding"),
        "{}",
        lines[0].2
    );
    assert!(lines[0].2.contains("versie 1"), "{}", lines[0].2);
    assert_eq!(euro(&store, &person), 200 * 100);
}

#[test]
fn a_new_version_takes_only_what_changed_and_gives_back_what_went() {
    let (_dir, mut store, person, v1) = setup(true);
    with_actions(
        &mut store,
        &v1,
        vec![
            course(
                "a",
                "Cursus projectleiding",
                300 * 100,
                Payer::Budget,
                TrainingKind::Voluntary,
            ),
            course(
                "b",
                "Boek",
                40 * 100,
                Payer::Budget,
                TrainingKind::Voluntary,
            ),
        ],
    );
    sign_both(&mut store, &v1);
    assert_eq!(euro(&store, &person), 160 * 100);

    // Version 2: the course costs €450, the book moves to the employer.
    let v2 = signing::new_version(&mut store, &clock(), &v1, "duurdere cursus")
        .unwrap()
        .id;
    let mut content = plans::get_plan(&store, &v2).unwrap().content;
    for a in content.goals.iter_mut().flat_map(|g| g.actions.iter_mut()) {
        match a.id.as_str() {
            "a" => a.cost_cents = Some(450 * 100),
            "b" => a.paid_by = Some(Payer::Employer),
            _ => {}
        }
    }
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &v2, content).unwrap();
    sign_both(&mut store, &v2);
    let lines = plan_lines(&store, &person);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!((lines[2].0, lines[2].1), (EntryKind::Spend, -150 * 100));
    assert_eq!((lines[3].0, lines[3].1), (EntryKind::Correction, 40 * 100));
    assert!(lines[3].2.contains("terug"), "{}", lines[3].2);
    assert_eq!(euro(&store, &person), 50 * 100, "500 − 450");

    // Version 3 signed unchanged: nothing more.
    let v3 = signing::new_version(&mut store, &clock(), &v2, "")
        .unwrap()
        .id;
    sign_both(&mut store, &v3);
    assert_eq!(plan_lines(&store, &person).len(), 4);
    assert_eq!(euro(&store, &person), 50 * 100);
}

#[test]
fn without_a_budget_scheme_signing_books_nothing() {
    let (_dir, mut store, person, id) = setup(false);
    with_actions(
        &mut store,
        &id,
        vec![course(
            "a",
            "Cursus",
            300 * 100,
            Payer::Budget,
            TrainingKind::Voluntary,
        )],
    );
    sign_both(&mut store, &id);
    assert!(plan_lines(&store, &person).is_empty());
}

#[test]
fn a_plan_above_the_balance_is_still_booked_whole_and_the_ledger_shows_why() {
    let (_dir, mut store, person, id) = setup(true);
    with_actions(
        &mut store,
        &id,
        vec![course(
            "a",
            "Opleiding",
            800 * 100,
            Payer::Budget,
            TrainingKind::Voluntary,
        )],
    );
    sign_both(&mut store, &id);
    assert_eq!(euro(&store, &person), -300 * 100);
    assert!(plan_lines(&store, &person)[0].2.contains("ondertekend"));
}

#[test]
fn hours_the_budget_pays_are_charged_from_the_hours_at_signing_and_given_back_when_dropped() {
    let (_dir, mut store, person, v1) = setup(false);
    // 83 hours a year besides the euros.
    budget::set_scheme(
        &mut store,
        &clock(),
        pop_core::domain::budget::Scheme {
            minutes_per_year: 83 * 60,
            ..budget::yearly(d("2026-01-01"), 500)
        },
    )
    .unwrap();
    let hours = |store: &Store| {
        budget::person_budget(store, &person, d("2026-11-24"))
            .unwrap()
            .minutes
    };
    let study = |id: &str, minutes: i64, paid_by: Payer, training: TrainingKind| Action {
        minutes: Some(minutes),
        cost_cents: None,
        ..course(id, "Studie-uren", 0, paid_by, training)
    };
    with_actions(
        &mut store,
        &v1,
        vec![
            Action {
                minutes: Some(16 * 60),
                ..course(
                    "a",
                    "Cursus projectleiding",
                    300 * 100,
                    Payer::Budget,
                    TrainingKind::Voluntary,
                )
            },
            study("b", 90, Payer::Budget, TrainingKind::Voluntary),
            study("c", 40 * 60, Payer::Budget, TrainingKind::Required),
            study("e", 8 * 60, Payer::Employer, TrainingKind::Voluntary),
        ],
    );
    assert_eq!(hours(&store), 83 * 60);
    sign_both(&mut store, &v1);
    // 16 h + 1,5 h from the hours; the required training and the employer's hours never.
    assert_eq!(hours(&store), 83 * 60 - 16 * 60 - 90);
    assert_eq!(euro(&store, &person), 200 * 100, "the euros apart");
    let ledger = budget::person_budget(&store, &person, d("2026-11-24"))
        .unwrap()
        .ledger;
    let hour_lines: Vec<_> = ledger
        .iter()
        .filter(|e| e.kind == EntryKind::Spend && e.minutes != 0)
        .collect();
    assert_eq!(hour_lines.len(), 2, "{ledger:?}");
    assert!(hour_lines.iter().all(|e| e.euro_cents == 0));

    // Version 2 drops the 1,5 hours: they come back; the course's hours stay booked once.
    let v2 = signing::new_version(&mut store, &clock(), &v1, "minder uren")
        .unwrap()
        .id;
    let mut content = plans::get_plan(&store, &v2).unwrap().content;
    for a in content.goals.iter_mut().flat_map(|g| g.actions.iter_mut()) {
        if a.id == "b" {
            a.status = pop_core::domain::plan::ActionStatus::Dropped;
        }
    }
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &v2, content).unwrap();
    sign_both(&mut store, &v2);
    assert_eq!(hours(&store), 83 * 60 - 16 * 60);
    assert_eq!(euro(&store, &person), 200 * 100);

    // More than 2 000 hours on one action is refused, and nothing is saved.
    let mut content = plans::get_plan(&store, &v2).unwrap().content;
    content.goals[0].actions[0].minutes = Some(2_001 * 60);
    let v3 = signing::new_version(&mut store, &clock(), &v2, "te veel")
        .unwrap()
        .id;
    let before = plans::get_plan(&store, &v3).unwrap().content;
    assert!(
        plans::save_plan_content(&mut store, &clock(), Language::Nl, &v3, content.clone()).is_err()
    );
    assert_eq!(plans::get_plan(&store, &v3).unwrap().content, before);
    // The editor's autosave keeps it back by name, and still changes nothing else.
    let saved =
        plans::autosave_plan_content(&mut store, &clock(), Language::Nl, &v3, content).unwrap();
    assert_eq!(saved.unsaved.len(), 1);
    assert_eq!(saved.unsaved[0].field, pop_core::domain::Field::ActionHours);
    assert_eq!(plans::get_plan(&store, &v3).unwrap().content, before);
}

#[test]
fn hours_are_not_booked_where_the_organisation_keeps_no_hours_budget() {
    let (_dir, mut store, person, id) = setup(true);
    with_actions(
        &mut store,
        &id,
        vec![Action {
            minutes: Some(90),
            ..course(
                "a",
                "Cursus projectleiding",
                300 * 100,
                Payer::Budget,
                TrainingKind::Voluntary,
            )
        }],
    );
    sign_both(&mut store, &id);
    let b = budget::person_budget(&store, &person, d("2026-11-24")).unwrap();
    assert_eq!((b.euro_cents, b.minutes), (200 * 100, 0));
}

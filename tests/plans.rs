//! Plans across crates: every worked example becomes a plan that passes the POP-check, the
//! plan package keeps every version byte for byte, and malformed files are refused with the
//! database unchanged.

use groeikoers_tests::{clock, fixture};
use pop_core::domain::check::Rule;
use pop_core::domain::plan::PlanStatus;
use pop_core::domain::{Clock, Language, PersonInput};
use pop_core::exchange::{self, ImportTarget};
use pop_core::package;
use pop_core::plans::{self, NewPlanInput};
use pop_core::{examples, messages, people, CoreError, ErrorCode, Store};

fn store_with_person() -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    let p = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Sanne de Boer".into(),
            role: "Projectcoördinator".into(),
            ..Default::default()
        },
    )
    .unwrap();
    (store, p.id)
}

/// Everything a user could see change: all plans and all people, as JSON.
fn snapshot(store: &Store) -> String {
    let plans = plans::list_plans(store, None).unwrap();
    let exported: Vec<String> = plans
        .iter()
        .map(|p| exchange::export_plan(store, &p.id).unwrap())
        .collect();
    let people = people::list_people(
        store,
        people::PeopleQuery {
            search: None,
            include_left: true,
        },
    )
    .unwrap();
    format!("{exported:?}{people:?}")
}

#[test]
fn a_plan_from_every_example_passes_the_check_without_errors() {
    let (mut store, person) = store_with_person();
    for e in examples::all() {
        for lang in [Language::Nl, Language::En] {
            let plan =
                plans::create_plan_from_example(&mut store, &clock(), lang, &person, &e.slug)
                    .unwrap();
            assert_eq!(plan.content.period_start, clock().today(), "{}", e.slug);
            assert_eq!(
                plan.content.role, "Projectcoördinator",
                "the person's role is used"
            );
            let view = plans::get_plan_view(&store, lang, &plan.id).unwrap();
            let errors: Vec<_> = view
                .findings
                .iter()
                .filter(|f| f.severity == pop_core::domain::check::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{} ({lang:?}): {errors:?}", e.slug);
        }
    }
    assert_eq!(
        plans::list_plans(&store, Some(&person)).unwrap().len(),
        examples::all().len() * 2
    );
}

#[test]
fn export_then_import_then_export_keeps_every_version_byte_for_byte() {
    let (mut store, person) = store_with_person();
    let plan = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::Nl,
        &person,
        "kantoormedewerker-na-verlof",
    )
    .unwrap();
    // A package is signed by the computer that made it; the other computer pairs it.
    let device = pop_core::device::device_info(&mut store, &clock()).unwrap();
    let first = exchange::export_plan(&store, &plan.id).unwrap();
    let mut other = Store::open_in_memory().unwrap();
    let report = package::import_package(
        &mut other,
        &clock(),
        Language::En,
        first.as_bytes(),
        package::ImportOptions {
            target: Some(ImportTarget::NewPerson),
            pair: Some(device.key_fingerprint),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(report.plan_id, plan.id, "the plan keeps its id");
    let second = exchange::export_plan(&other, &plan.id).unwrap();
    let versions = |text: &str| -> (serde_json::Value, serde_json::Value) {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        (v["versions"].clone(), v["person"].clone())
    };
    assert_eq!(versions(&first), versions(&second));
    // The same package again changes nothing.
    let again = package::import_bytes(
        &mut other,
        &clock(),
        Language::En,
        first.as_bytes(),
        None,
        None,
        false,
    )
    .unwrap();
    assert!(again.up_to_date && !again.applied, "{again:?}");
}

#[test]
fn a_deliberately_bad_plan_yields_exactly_the_expected_findings() {
    let bytes = std::fs::read(fixture("bad-plan.pop.json")).unwrap();
    let file = exchange::parse_exchange(&bytes).unwrap();
    let rules: Vec<Rule> = pop_core::domain::check::check(&file.plan.content)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(
        rules,
        [
            Rule::NoFocus,
            Rule::TooManyGoals,
            Rule::NoRhythm,
            Rule::TrainingOnly,
            Rule::SupportWithoutOwner,
            Rule::VagueGoal,
            Rule::MissingWhy,
            Rule::GoalWithoutDate,
            Rule::ActionWithoutDate,
            // A course with a cost that does not say who pays it.
            Rule::CostWithoutPayer,
            Rule::GoalWithoutMeasure,
            Rule::VagueGoal,
            Rule::GoalWithoutActions,
            Rule::MeasureWithoutObserver,
            Rule::GoalWithoutActions,
            Rule::GoalWithoutMeasure,
        ]
    );
}

#[test]
fn malformed_files_are_refused_clearly_and_nothing_is_imported() {
    let (mut store, person) = store_with_person();
    let plan = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::En,
        &person,
        "vakman-met-leerling",
    )
    .unwrap();
    let good = exchange::export_plan(&store, &plan.id).unwrap();
    // The good file, for a plan id that is not yet in the target store.
    let fresh = good.replace(&plan.id, "0190aaaa-0000-7000-8000-000000000001");
    let before = snapshot(&store);
    let huge = format!("\"{}\"", "x".repeat(10 * 1024 * 1024));
    let cases: Vec<(String, ErrorCode, &str)> = vec![
        (
            fresh[..fresh.len() / 2].to_owned(),
            ErrorCode::Validation,
            "not valid JSON",
        ),
        ("".into(), ErrorCode::Validation, "not valid JSON"),
        (
            fresh.replace(
                "\"version\": 2,\n  \"madeBy\"",
                "\"version\": 4,\n  \"madeBy\"",
            ),
            ErrorCode::Validation,
            "format version 4",
        ),
        (
            fresh.replace("groeikoers-pop", "something-else"),
            ErrorCode::Validation,
            "not a Groeikoers plan file",
        ),
        (
            fresh.replace("\"iterationWeeks\": 8", "\"iterationWeeks\": \"eight\""),
            ErrorCode::Validation,
            "versions[0].content.rhythm.iterationWeeks: invalid type",
        ),
        (
            fresh.replace(
                "\"ambition\":",
                "\"colour\": \"blue\",\n      \"ambition\":",
            ),
            ErrorCode::Validation,
            "unknown field `colour`",
        ),
        (
            fresh.replacen("\"focus\": \"", &format!("\"focus\": {huge}, \"x\": \""), 1),
            ErrorCode::Validation,
            "too large",
        ),
        (
            fresh.replacen(
                "\"focus\": \"",
                &format!("\"focus\": \"{}", "y".repeat(30_000)),
                1,
            ),
            ErrorCode::Validation,
            "Development focus is too long",
        ),
        (
            fresh.replace("\"periodEnd\": \"", "\"periodEnd\": \"1999"),
            ErrorCode::Validation,
            "versions[0].content.periodEnd: input contains invalid characters",
        ),
        (
            fresh.replacen("\"status\": \"draft\"", "\"status\": \"active\"", 1),
            ErrorCode::Validation,
            "has no seal",
        ),
    ];
    for (text, code, expected) in cases {
        let err = package::import_bytes(
            &mut store,
            &clock(),
            Language::En,
            text.as_bytes(),
            Some(ImportTarget::Person(person.clone())),
            None,
            false,
        )
        .unwrap_err();
        let message = messages::describe(&err, Language::En);
        assert_eq!(err.code(), code, "{expected}: {message}");
        assert!(
            message.contains(expected),
            "expected {expected:?} in {message:?}"
        );
        assert_eq!(snapshot(&store), before, "{expected}: the store changed");
    }
    // An end date before the start is named by field.
    let reversed = fresh.replacen("\"periodEnd\": \"2027", "\"periodEnd\": \"2020", 1);
    let err = package::parse_package(reversed.as_bytes()).unwrap_err();
    assert_eq!(
        messages::describe(&err, Language::Nl),
        "Einddatum van het plan ligt vóór de startdatum."
    );
}

#[test]
fn a_plan_that_is_no_longer_a_draft_is_locked() {
    let (mut store, person) = store_with_person();
    let plan = plans::create_plan(
        &mut store,
        &clock(),
        Language::Nl,
        NewPlanInput {
            person_id: person,
            period_start: None,

            language: None,
        },
    )
    .unwrap();
    plans::set_plan_status(
        &mut store,
        &clock(),
        Language::Nl,
        &plan.id,
        PlanStatus::Active,
    )
    .unwrap();
    let mut content = plan.content.clone();
    content.focus = "Iets nieuws".into();
    let err = plans::save_plan_content(&mut store, &clock(), Language::Nl, &plan.id, content)
        .unwrap_err();
    assert!(matches!(err, CoreError::Locked { .. }));
    assert_eq!(err.code(), ErrorCode::Locked);
    assert_eq!(
        plans::get_plan(&store, &plan.id).unwrap().content,
        plan.content
    );
    let back = plans::set_plan_status(
        &mut store,
        &clock(),
        Language::Nl,
        &plan.id,
        PlanStatus::Draft,
    );
    assert!(back.is_err(), "an active plan cannot go back to draft");
}

#[test]
fn unfinished_goals_carry_into_the_next_plan() {
    let (mut store, person) = store_with_person();
    let mut plan = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::Nl,
        &person,
        "kantoormedewerker-na-verlof",
    )
    .unwrap();
    // The first goal is finished: all its actions done.
    for a in &mut plan.content.goals[0].actions {
        a.status = pop_core::domain::plan::ActionStatus::Done;
    }
    plans::save_plan_content(
        &mut store,
        &clock(),
        Language::Nl,
        &plan.id,
        plan.content.clone(),
    )
    .unwrap();
    let next = plans::carry_over(&mut store, &clock(), &plan.id).unwrap();
    assert_eq!(next.carried_from.as_deref(), Some(plan.id.as_str()));
    assert_eq!(next.content.goals.len(), 1);
    assert_eq!(next.content.goals[0].title, plan.content.goals[1].title);
    assert_eq!(
        next.content.period_start,
        plan.content.period_end.succ_opt().unwrap()
    );
    assert_ne!(
        next.content.goals[0].id, plan.content.goals[1].id,
        "new ids"
    );
}

#[test]
fn the_guided_route_feeds_the_plan_and_a_locked_plan_refuses_it() {
    let (mut store, person) = store_with_person();
    let plan = plans::create_plan(
        &mut store,
        &clock(),
        Language::Nl,
        NewPlanInput {
            person_id: person,
            period_start: None,

            language: None,
        },
    )
    .unwrap();
    let mut content = plan.content.clone();
    content.guide.current.work = "Ik coördineer projecten".into();
    content.guide.vision = "Over twee jaar leid ik zelf projecten".into();
    content.guide.differences = "Ik zit nog geen overleg voor".into();
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &plan.id, content).unwrap();
    let view = plans::apply_guide_to_plan(&mut store, &clock(), Language::Nl, &plan.id).unwrap();
    assert_eq!(
        view.plan.content.starting_situation,
        "Ik coördineer projecten"
    );
    assert_eq!(
        view.plan.content.ambition,
        "Over twee jaar leid ik zelf projecten"
    );
    assert_eq!(view.plan.content.focus, "Ik zit nog geen overleg voor");
    assert!(
        !view.findings.iter().any(|f| f.rule == Rule::NoFocus),
        "the focus finding went away"
    );
    plans::set_plan_status(
        &mut store,
        &clock(),
        Language::Nl,
        &plan.id,
        PlanStatus::Active,
    )
    .unwrap();
    let err = plans::apply_guide_to_plan(&mut store, &clock(), Language::Nl, &plan.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
}

#[test]
fn plan_lists_come_from_summaries_kept_on_write_and_rebuilt_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let p = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Fatima El Amrani".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let slug = examples::all()[0].slug.clone();
    let plan =
        plans::create_plan_from_example(&mut store, &clock(), Language::Nl, &p.id, &slug).unwrap();
    let mut content = plan.content.clone();
    content.title = "Bakken op niveau 🍞".into();
    content.goals.truncate(1);
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &plan.id, content).unwrap();
    let listed = plans::list_plans(&store, None).unwrap();
    assert_eq!(
        listed[0].title, "Bakken op niveau 🍞",
        "the summary follows the edit"
    );
    assert_eq!(listed[0].goal_count, 1);
    assert_eq!(listed[0].person_name, "Fatima El Amrani");
    // A store from before summaries (or with a plan added behind the app's back): the
    // summaries are rebuilt from the documents when it opens.
    store
        .conn()
        .execute("DELETE FROM plan_summary", [])
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(plans::list_plans(&store, None).unwrap(), listed);
}

#[test]
fn a_plan_from_an_example_names_the_real_people_and_counts_each_cost_once() {
    let strangers = [
        "Lotte", "Henk", "Daan", "Ilse", "Joyce", "Peter", "Fatima", "Noor", "Kees", "Marieke",
        "Sanne", "Mia", "Joost", "Ahmed", "Erik",
    ];
    let mut store = Store::open_in_memory().unwrap();
    let boss = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Bram de Wit".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let zoe = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Zoë Çelik".into(),
            manager_id: Some(boss.id.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    let alone = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Fatou Diallo".into(),
            ..Default::default()
        },
    )
    .unwrap();
    for e in examples::all() {
        for lang in [Language::Nl, Language::En] {
            let p = plans::create_plan_from_example(&mut store, &clock(), lang, &zoe.id, &e.slug)
                .unwrap();
            let text = serde_json::to_string(&p.content).unwrap();
            for name in strangers {
                assert!(!text.contains(name), "{} ({lang:?}) names {name}", e.slug);
            }
            assert!(!text.contains("{employee}"), "{}", e.slug);
            assert!(!text.contains("{manager"), "{}", e.slug);
            assert_eq!(p.content.manager_name, "Bram de Wit", "{}", e.slug);
            let owners: Vec<_> = p
                .content
                .goals
                .iter()
                .flat_map(|g| &g.actions)
                .map(|a| &a.owner)
                .collect();
            assert!(
                owners.iter().any(|o| o.contains("Zoë")),
                "{}: {owners:?}",
                e.slug
            );
            let review = pop_core::domain::check::check(&p.content);
            assert!(
                !review.iter().any(|f| f.rule == Rule::Placeholder),
                "{}",
                e.slug
            );
            // Each cost once: a support item does not repeat what an action already costs.
            let action_costs: Vec<i64> = p
                .content
                .goals
                .iter()
                .flat_map(|g| &g.actions)
                .filter_map(|a| a.cost_cents)
                .collect();
            for s in &p.content.support {
                if let Some(c) = s.cost_cents {
                    assert!(
                        !action_costs.contains(&c),
                        "{}: {} counted twice",
                        e.slug,
                        c
                    );
                }
            }
            // Without a manager: a placeholder the POP-check names, and no made-up manager.
            let q = plans::create_plan_from_example(&mut store, &clock(), lang, &alone.id, &e.slug)
                .unwrap();
            assert_eq!(q.content.manager_name, "", "{}", e.slug);
            let text = serde_json::to_string(&q.content).unwrap();
            for name in strangers {
                assert!(!text.contains(name), "{} ({lang:?}) names {name}", e.slug);
            }
            let review = pop_core::domain::check::check(&q.content);
            let uses_manager = e
                .content(lang)
                .goals
                .iter()
                .flat_map(|g| &g.actions)
                .any(|a| a.owner.contains("{manager}"))
                || e.content(lang)
                    .support
                    .iter()
                    .any(|s| s.from_whom.contains("{manager}"))
                || e.content(lang)
                    .goals
                    .iter()
                    .flat_map(|g| &g.measures)
                    .any(|m| m.observer.contains("{manager}"));
            assert_eq!(
                review.iter().any(|f| f.rule == Rule::Placeholder),
                uses_manager,
                "{} ({lang:?})",
                e.slug
            );
        }
    }
}

#[test]
fn an_autosave_keeps_back_only_the_bad_field_and_saves_the_rest() {
    let (mut store, person) = store_with_person();
    let plan = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::Nl,
        &person,
        "kantoormedewerker-na-verlof",
    )
    .unwrap();
    let mut content = plan.content.clone();
    content.period_end = content.period_start.pred_opt().unwrap();
    content.goals[0].title = "x".repeat(100_000);
    content.focus = "Weer op snelheid komen 🚀".into();
    let before = plans::get_plan(&store, &plan.id).unwrap().content;
    assert!(
        plans::save_plan_content(
            &mut store,
            &clock(),
            Language::Nl,
            &plan.id,
            content.clone()
        )
        .is_err(),
        "a plain save refuses it whole"
    );
    assert_eq!(plans::get_plan(&store, &plan.id).unwrap().content, before);
    let v = plans::autosave_plan_content(&mut store, &clock(), Language::Nl, &plan.id, content)
        .unwrap();
    let stored = plans::get_plan(&store, &plan.id).unwrap().content;
    assert_eq!(
        stored.focus, "Weer op snelheid komen 🚀",
        "the good edit is saved"
    );
    assert_eq!(stored.period_end, plan.content.period_end);
    assert_eq!(stored.goals[0].title, plan.content.goals[0].title);
    let unsaved: Vec<_> = v.unsaved.iter().map(|u| u.pointer.as_str()).collect();
    assert_eq!(unsaved, ["/goals/0/title", "/periodEnd"]);
    assert!(
        v.unsaved[1].message.contains("startdatum"),
        "{:?}",
        v.unsaved
    );
}

#[test]
fn a_follow_up_plan_is_named_after_its_years() {
    let (mut store, person) = store_with_person();
    let plan = plans::create_plan_from_example(
        &mut store,
        &clock(),
        Language::Nl,
        &person,
        "kantoormedewerker-na-verlof",
    )
    .unwrap();
    let next = plans::carry_over(&mut store, &clock(), &plan.id).unwrap();
    let (a, b) = (
        next.content.period_start.format("%Y").to_string(),
        next.content.period_end.format("%Y").to_string(),
    );
    assert_eq!(
        next.content.title,
        format!("{} ({a}–{b})", plan.content.title)
    );
    // A follow-up of the follow-up replaces the years instead of adding more.
    let third = plans::carry_over(&mut store, &clock(), &next.id).unwrap();
    assert!(third
        .content
        .title
        .starts_with(&format!("{} (", plan.content.title)));
    assert_eq!(
        third.content.title.matches('(').count(),
        1,
        "{}",
        third.content.title
    );
    assert_ne!(third.content.title, next.content.title);
    // A title that ends in brackets of its own keeps them.
    let mut own = third.content.clone();
    own.title = "Cursus (2)".into();
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &third.id, own).unwrap();
    let fourth = plans::carry_over(&mut store, &clock(), &third.id).unwrap();
    assert!(
        fourth.content.title.starts_with("Cursus (2) ("),
        "{}",
        fourth.content.title
    );
}

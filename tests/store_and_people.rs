//! Use cases over a real database file: what is stored survives reopening, released schemas
//! upgrade, and refused input leaves the file as it was.

use groeikoers_tests::{clock, fixture_copy};
use pop_core::domain::{Language, Mode, OnboardingInput, PersonInput};
use pop_core::people::{self, PeopleQuery};
use pop_core::{settings, Store};
use pop_store::{supported_schema_version, StoreError};

fn named(name: &str) -> PersonInput {
    PersonInput {
        full_name: name.into(),
        ..Default::default()
    }
}

#[test]
fn people_and_settings_survive_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        settings::complete_onboarding(
            &mut store,
            &clock(),
            OnboardingInput {
                language: Language::En,
                mode: Mode::Owner,
                organisation_name: Some("Installatiebedrijf Jansen".into()),
                my_name: None,
                device_name: None,
                device_name_proposal: None,
            },
        )
        .unwrap();
        let boss = people::create_person(&mut store, &clock(), named("Mia Jansen")).unwrap();
        let mut apprentice = named("Ahmed El Amrani");
        apprentice.manager_id = Some(boss.id);
        apprentice.role = "Leerling-installateur".into();
        people::create_person(&mut store, &clock(), apprentice).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let state = settings::get_app_state(&store).unwrap();
    assert!(state.settings.onboarded);
    assert_eq!(state.settings.language, Language::En);
    assert_eq!(state.organisation.name, "Installatiebedrijf Jansen");
    let listed = people::list_people(&store, PeopleQuery::default()).unwrap();
    let names: Vec<_> = listed.iter().map(|p| p.person.full_name.as_str()).collect();
    assert_eq!(names, ["Ahmed El Amrani", "Mia Jansen"]);
    assert_eq!(listed[0].manager_name.as_deref(), Some("Mia Jansen"));
}

#[test]
fn a_database_of_schema_1_opens_and_upgrades_with_its_people_intact() {
    // schema-v1.sqlite3 was written by the first release's `groeikoers-cli person add`.
    let (_dir, path) = fixture_copy("schema-v1.sqlite3");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), supported_schema_version());
    let listed = people::list_people(
        &store,
        PeopleQuery {
            search: None,
            include_left: true,
        },
    )
    .unwrap();
    let names: Vec<_> = listed.iter().map(|p| p.person.full_name.as_str()).collect();
    assert_eq!(names, ["Bram de Wit", "Zoë Çelik"]);
    assert_eq!(listed[0].manager_name.as_deref(), Some("Zoë Çelik"));
}

#[test]
fn refused_input_leaves_the_file_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        people::create_person(&mut store, &clock(), named("Sanne")).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    {
        let mut store = Store::open(&path).unwrap();
        let long = "é".repeat(100_000);
        for bad in [named(""), named(&long), named("line\nbreak")] {
            assert!(people::create_person(&mut store, &clock(), bad).is_err());
        }
        let mut bad_date = named("Ok");
        bad_date.start_date = Some("2026-13-01".into());
        assert!(people::create_person(&mut store, &clock(), bad_date).is_err());
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_truncated_database_file_is_refused_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..200 {
            people::create_person(&mut store, &clock(), named(&format!("Person {i}"))).unwrap();
        }
    }
    let full = std::fs::read(&path).unwrap();
    let cut = &full[..full.len() / 3];
    std::fs::write(&path, cut).unwrap();
    let result = Store::open(&path).and_then(|store| {
        people::list_people(&store, PeopleQuery::default())
            .map_err(|e| StoreError::Corrupt(e.to_string()))
    });
    assert!(
        result.is_err(),
        "a truncated file must not read as a good one"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        cut,
        "the file was not touched"
    );
}

//! Use cases for the people of the organisation: add, edit, mark as left, list and search.

use crate::error::{CoreError, Entity, Result};
use crate::new_id;
use pop_domain::text::{fold, optional_date};
use pop_domain::{
    validate_person, would_create_cycle, Clock, Field, Person, PersonInput, PersonStatus, Problem,
    ValidationError,
};
use pop_store::{people as repo, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Which people to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeopleQuery {
    /// Words to find in name, role or email; case and diacritics are ignored.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub search: Option<String>,
    /// Also list people who have left.
    #[serde(default)]
    pub include_left: bool,
}

/// A person as listed, with the manager's name resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonSummary {
    #[serde(flatten)]
    pub person: Person,
    /// `None` when the person reports to the owner.
    pub manager_name: Option<String>,
}

pub fn create_person(store: &mut Store, clock: &dyn Clock, input: PersonInput) -> Result<Person> {
    let valid = validate_person(&input)?;
    let now = clock.now();
    let person = Person {
        id: new_id(),
        full_name: valid.full_name,
        role: valid.role,
        manager_id: valid.manager_id,
        start_date: valid.start_date,
        email: valid.email,
        status: PersonStatus::Active,
        left_on: None,
        created_at: now,
        updated_at: now,
    };
    store
        .write(|tx| {
            check_manager(tx, &person.id, person.manager_id.as_deref(), None).map_err(wrap)?;
            repo::insert(tx, &person)
        })
        .map_err(unwrap)?;
    Ok(person)
}

pub fn update_person(
    store: &mut Store,
    clock: &dyn Clock,
    id: &str,
    input: PersonInput,
) -> Result<Person> {
    let valid = validate_person(&input)?;
    let existing = get_person(store, id)?;
    let mut person = existing.clone();
    person.full_name = valid.full_name;
    person.role = valid.role;
    person.manager_id = valid.manager_id;
    person.start_date = valid.start_date;
    person.email = valid.email;
    if let (Some(start), Some(left)) = (person.start_date, person.left_on) {
        if left < start {
            return Err(ValidationError::new(Field::StartDate, Problem::LeftBeforeStart).into());
        }
    }
    if person == existing {
        return Ok(existing);
    }
    person.updated_at = clock.now();
    store
        .write(|tx| {
            check_manager(
                tx,
                &person.id,
                person.manager_id.as_deref(),
                existing.manager_id.as_deref(),
            )
            .map_err(wrap)?;
            repo::update(tx, &person)
        })
        .map_err(unwrap)?;
    Ok(person)
}

/// Marks a person as having left on `left_on` (today when not given). Nobody is deleted:
/// their plans and history stay.
pub fn mark_person_left(
    store: &mut Store,
    clock: &dyn Clock,
    id: &str,
    left_on: Option<String>,
) -> Result<Person> {
    let mut person = get_person(store, id)?;
    let date = optional_date(Field::LeftOn, left_on.as_deref())?.unwrap_or_else(|| clock.today());
    if person.start_date.is_some_and(|start| date < start) {
        return Err(ValidationError::new(Field::LeftOn, Problem::LeftBeforeStart).into());
    }
    person.status = PersonStatus::Left;
    person.left_on = Some(date);
    person.updated_at = clock.now();
    store.write(|tx| repo::update(tx, &person))?;
    Ok(person)
}

/// Undoes [`mark_person_left`].
pub fn mark_person_active(store: &mut Store, clock: &dyn Clock, id: &str) -> Result<Person> {
    let mut person = get_person(store, id)?;
    if person.status == PersonStatus::Active {
        return Ok(person);
    }
    person.status = PersonStatus::Active;
    person.left_on = None;
    person.updated_at = clock.now();
    store.write(|tx| {
        repo::update(tx, &person)?;
        // Back at work: why they had left no longer applies.
        pop_store::budget::set_left_reason(tx, id, None)
    })?;
    Ok(person)
}

pub fn get_person(store: &Store, id: &str) -> Result<Person> {
    repo::get(store.conn(), id)?.ok_or_else(|| CoreError::NotFound {
        what: Entity::Person,
        id: id.to_owned(),
    })
}

/// People in name order, filtered by `query`. Every word of the search must occur in the
/// name, role or email, ignoring case and diacritics ("zoe" finds "Zoë").
pub fn list_people(store: &Store, query: PeopleQuery) -> Result<Vec<PersonSummary>> {
    let everyone = repo::list(store.conn())?;
    let names: HashMap<&str, &str> = everyone
        .iter()
        .map(|p| (p.id.as_str(), p.full_name.as_str()))
        .collect();
    let words: Vec<String> = query
        .search
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    Ok(everyone
        .iter()
        .filter(|p| query.include_left || p.status == PersonStatus::Active)
        .filter(|p| {
            let haystack = fold(&format!(
                "{} {} {}",
                p.full_name,
                p.role,
                p.email.as_deref().unwrap_or("")
            ));
            words.iter().all(|w| haystack.contains(w.as_str()))
        })
        .map(|p| PersonSummary {
            manager_name: p
                .manager_id
                .as_deref()
                .and_then(|m| names.get(m))
                .map(|n| (*n).to_owned()),
            person: p.clone(),
        })
        .collect())
}

/// The manager rules that need the team: the manager exists, is not the person, does not
/// report to the person, and (when newly chosen) has not left.
fn check_manager(
    conn: &pop_store::rusqlite::Connection,
    person: &str,
    manager: Option<&str>,
    previous: Option<&str>,
) -> std::result::Result<(), ValidationError> {
    let Some(manager) = manager else {
        return Ok(());
    };
    let invalid = |p| ValidationError::new(Field::Manager, p);
    if manager == person {
        return Err(invalid(Problem::SelfManager));
    }
    let team = repo::list(conn).map_err(|_| invalid(Problem::UnknownManager))?;
    let by_id: HashMap<&str, &Person> = team.iter().map(|p| (p.id.as_str(), p)).collect();
    let Some(m) = by_id.get(manager) else {
        return Err(invalid(Problem::UnknownManager));
    };
    if m.status == PersonStatus::Left && previous != Some(manager) {
        return Err(invalid(Problem::ManagerHasLeft));
    }
    if would_create_cycle(person, manager, |id| {
        by_id.get(id).and_then(|p| p.manager_id.as_deref())
    }) {
        return Err(invalid(Problem::ManagerCycle));
    }
    Ok(())
}

// A validation failure inside a store transaction travels as a store error and is turned
// back into a validation error once the transaction has been rolled back.
fn wrap(e: ValidationError) -> pop_store::StoreError {
    pop_store::StoreError::Rejected(Box::new(e))
}

fn unwrap(e: pop_store::StoreError) -> CoreError {
    match e {
        pop_store::StoreError::Rejected(inner) => match inner.downcast::<ValidationError>() {
            Ok(v) => CoreError::Validation(*v),
            Err(other) => CoreError::Store(pop_store::StoreError::Rejected(other)),
        },
        other => CoreError::Store(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use pop_domain::FixedClock;

    fn clock() -> FixedClock {
        FixedClock(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap())
    }

    fn named(name: &str) -> PersonInput {
        PersonInput {
            full_name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_empty_name_adds_nobody() {
        let mut store = Store::open_in_memory().unwrap();
        let err = create_person(&mut store, &clock(), named("   ")).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Validation);
        assert_eq!(err.field(), Some(Field::FullName));
        assert!(list_people(&store, PeopleQuery::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn an_unknown_manager_is_a_validation_error_and_adds_nobody() {
        let mut store = Store::open_in_memory().unwrap();
        let mut input = named("Ann");
        input.manager_id = Some("ghost".into());
        let err = create_person(&mut store, &clock(), input).unwrap_err();
        assert_eq!(err.field(), Some(Field::Manager), "{err:?}");
        assert!(list_people(&store, PeopleQuery::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_manager_cycle_is_refused_on_edit() {
        let mut store = Store::open_in_memory().unwrap();
        let a = create_person(&mut store, &clock(), named("Ann")).unwrap();
        let mut b_input = named("Bram");
        b_input.manager_id = Some(a.id.clone());
        let b = create_person(&mut store, &clock(), b_input).unwrap();
        let mut a_input = named("Ann");
        a_input.manager_id = Some(b.id.clone());
        let err = update_person(&mut store, &clock(), &a.id, a_input).unwrap_err();
        assert!(
            matches!(&err, CoreError::Validation(v) if v.problem == Problem::ManagerCycle),
            "{err:?}"
        );
        assert_eq!(get_person(&store, &a.id).unwrap(), a, "Ann unchanged");
    }

    #[test]
    fn search_ignores_case_and_diacritics_and_needs_every_word() {
        let mut store = Store::open_in_memory().unwrap();
        let mut z = named("Zoë Jansen");
        z.role = "Bakker".into();
        create_person(&mut store, &clock(), z).unwrap();
        create_person(&mut store, &clock(), named("Bram de Wit")).unwrap();
        let find = |q: &str| -> Vec<String> {
            list_people(
                &store,
                PeopleQuery {
                    search: Some(q.into()),
                    include_left: false,
                },
            )
            .unwrap()
            .into_iter()
            .map(|p| p.person.full_name)
            .collect()
        };
        assert_eq!(find("ZOE"), ["Zoë Jansen"]);
        assert_eq!(find("jansen bakker"), ["Zoë Jansen"]);
        assert_eq!(find("wit bakker"), Vec::<String>::new());
        assert_eq!(find(""), ["Bram de Wit", "Zoë Jansen"]);
    }

    #[test]
    fn a_person_who_left_is_hidden_unless_asked_and_can_come_back() {
        let mut store = Store::open_in_memory().unwrap();
        let p = create_person(&mut store, &clock(), named("Ann")).unwrap();
        let left = mark_person_left(&mut store, &clock(), &p.id, None).unwrap();
        assert_eq!(left.status, PersonStatus::Left);
        assert_eq!(left.left_on, Some(clock().today()));
        assert!(list_people(&store, PeopleQuery::default())
            .unwrap()
            .is_empty());
        let all = PeopleQuery {
            search: None,
            include_left: true,
        };
        assert_eq!(list_people(&store, all).unwrap().len(), 1);
        let back = mark_person_active(&mut store, &clock(), &p.id).unwrap();
        assert_eq!(back.status, PersonStatus::Active);
        assert_eq!(back.left_on, None);
    }

    #[test]
    fn leaving_before_the_start_date_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut input = named("Ann");
        input.start_date = Some("2026-06-01".into());
        let p = create_person(&mut store, &clock(), input).unwrap();
        let err =
            mark_person_left(&mut store, &clock(), &p.id, Some("2026-05-31".into())).unwrap_err();
        assert_eq!(err.field(), Some(Field::LeftOn));
        assert_eq!(
            get_person(&store, &p.id).unwrap().status,
            PersonStatus::Active
        );
    }

    #[test]
    fn a_new_manager_who_has_left_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let m = create_person(&mut store, &clock(), named("Mia")).unwrap();
        mark_person_left(&mut store, &clock(), &m.id, None).unwrap();
        let mut input = named("Ann");
        input.manager_id = Some(m.id.clone());
        let err = create_person(&mut store, &clock(), input).unwrap_err();
        assert!(
            matches!(&err, CoreError::Validation(v) if v.problem == Problem::ManagerHasLeft),
            "{err:?}"
        );
    }

    #[test]
    fn editing_a_missing_person_is_not_found() {
        let mut store = Store::open_in_memory().unwrap();
        let err = update_person(&mut store, &clock(), "nope", named("X")).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::NotFound);
    }
}

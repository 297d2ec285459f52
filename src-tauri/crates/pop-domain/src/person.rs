//! The people of a small business: who they are, who they report to, whether they still work here.

use crate::text::{optional_date, optional_line, required_line};
use crate::validation::{Field, Problem, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_NAME_LEN: usize = 200;
pub const MAX_ROLE_LEN: usize = 200;
pub const MAX_EMAIL_LEN: usize = 254;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PersonStatus {
    Active,
    Left,
}

impl PersonStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonStatus::Active => "active",
            PersonStatus::Left => "left",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(PersonStatus::Active),
            "left" => Some(PersonStatus::Left),
            _ => None,
        }
    }
}

/// A person as stored. `manager_id` of `None` means the person reports to the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub full_name: String,
    pub role: String,
    pub manager_id: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub email: Option<String>,
    pub status: PersonStatus,
    pub left_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a user types to create or edit a person. Dates arrive as text so a bad date gets a
/// message instead of a deserialisation failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonInput {
    pub full_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub manager_id: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub start_date: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub email: Option<String>,
}

/// Input that passed [`validate_person`], ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPerson {
    pub full_name: String,
    pub role: String,
    pub manager_id: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub email: Option<String>,
}

/// Checks the fields that need no knowledge of other people. Manager rules need the team:
/// see [`would_create_cycle`].
pub fn validate_person(input: &PersonInput) -> Result<ValidPerson, ValidationError> {
    let full_name = required_line(Field::FullName, &input.full_name, MAX_NAME_LEN)?;
    let role = optional_line(Field::Role, Some(&input.role), MAX_ROLE_LEN)?.unwrap_or_default();
    let start_date = optional_date(Field::StartDate, input.start_date.as_deref())?;
    let email = optional_line(Field::Email, input.email.as_deref(), MAX_EMAIL_LEN)?;
    if let Some(email) = &email {
        if !looks_like_email(email) {
            return Err(ValidationError::new(Field::Email, Problem::InvalidEmail));
        }
    }
    let manager_id = input
        .manager_id
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_owned);
    Ok(ValidPerson {
        full_name,
        role,
        manager_id,
        start_date,
        email,
    })
}

/// A plain plausibility check: one `@`, something before it, a dotted domain after it, no spaces.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// Whether making `manager` the manager of `person` would make someone their own
/// (indirect) manager. `manager_of` gives each person's current manager.
pub fn would_create_cycle<'a>(
    person: &str,
    manager: &'a str,
    manager_of: impl Fn(&str) -> Option<&'a str>,
) -> bool {
    let mut current = Some(manager);
    // A chain can never be longer than the team; the bound guards against a cycle
    // that is already in the data.
    for _ in 0..10_000 {
        match current {
            None => return false,
            Some(id) if id == person => return true,
            Some(id) => current = manager_of(id),
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn input(name: &str) -> PersonInput {
        PersonInput {
            full_name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_person_needs_a_name() {
        let err = validate_person(&input(" \t ")).unwrap_err();
        assert_eq!(
            err,
            ValidationError::new(Field::FullName, Problem::Required)
        );
    }

    #[test]
    fn a_name_of_100_000_characters_is_too_long() {
        let err = validate_person(&input(&"a".repeat(100_000))).unwrap_err();
        assert_eq!(
            err.problem,
            Problem::TooLong {
                max: MAX_NAME_LEN,
                actual: 100_000
            }
        );
    }

    #[test]
    fn emoji_and_diacritics_are_fine_in_a_name() {
        let ok = validate_person(&input("  Zoë 🌱 de Vries ")).unwrap();
        assert_eq!(ok.full_name, "Zoë 🌱 de Vries");
    }

    #[test]
    fn blank_optional_fields_become_none() {
        let ok = validate_person(&PersonInput {
            full_name: "Ann".into(),
            role: "  ".into(),
            manager_id: Some(" ".into()),
            start_date: Some("".into()),
            email: Some(" ".into()),
        })
        .unwrap();
        assert_eq!(ok.role, "");
        assert_eq!(ok.manager_id, None);
        assert_eq!(ok.start_date, None);
        assert_eq!(ok.email, None);
    }

    #[test]
    fn an_email_must_look_like_one() {
        for bad in [
            "ann", "ann@", "@x.nl", "ann@x", "a b@x.nl", "a@@x.nl", "a@x..nl",
        ] {
            let mut i = input("Ann");
            i.email = Some(bad.into());
            assert_eq!(
                validate_person(&i).unwrap_err(),
                ValidationError::new(Field::Email, Problem::InvalidEmail),
                "{bad} should be refused"
            );
        }
        let mut i = input("Ann");
        i.email = Some("ann@bakkerij-de-vries.nl".into());
        assert!(validate_person(&i).is_ok());
    }

    #[test]
    fn a_bad_start_date_is_named() {
        let mut i = input("Ann");
        i.start_date = Some("2026-02-30".into());
        assert_eq!(
            validate_person(&i).unwrap_err(),
            ValidationError::new(Field::StartDate, Problem::InvalidDate)
        );
    }

    #[test]
    fn a_manager_chain_that_leads_back_is_a_cycle() {
        // b reports to a, c reports to b.
        let team: HashMap<&str, &str> = [("b", "a"), ("c", "b")].into_iter().collect();
        let lookup = |id: &str| team.get(id).copied();
        assert!(would_create_cycle("a", "c", lookup), "a under c loops");
        assert!(would_create_cycle("a", "a", lookup), "own manager loops");
        assert!(!would_create_cycle("d", "c", lookup), "d under c is fine");
    }
}

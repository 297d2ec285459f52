//! The plan exchange file (`*.pop.json`): a documented, versioned JSON format. Format 2 is
//! the plan package (see [`crate::package`]): the whole series with seals, signatures,
//! check-ins and events, merged on import. Format 1 (content only) still imports, always as
//! a draft. The JSON Schema is generated from the package types (`schema/pop.schema.json`).

use crate::error::{CoreError, Result};
use crate::people::get_person;
use crate::plans::get_plan;
use chrono::{DateTime, Utc};
use pop_domain::plan::{validate_content, Plan, PlanContent, PlanStatus};
use pop_domain::{
    validate_person, Clock, Field, Language, PersonInput, PersonStatus, Problem, ValidationError,
};
use pop_store::{people as people_repo, plans as plans_repo, Store};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of `format` in every exchange file.
pub const FORMAT: &str = "groeikoers-pop";
/// The newest format version this build writes and reads.
pub const VERSION: u32 = crate::package::PACKAGE_VERSION;
/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// A Groeikoers plan exchange file of format 1 (content only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExchangeFile {
    /// Always "groeikoers-pop".
    pub format: String,
    /// The format version; a reader refuses versions newer than it knows.
    pub version: u32,
    /// Who the plan is for, so it can be imported as a new person.
    pub person: ExchangePerson,
    pub plan: ExchangePlan,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExchangePerson {
    pub full_name: String,
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExchangePlan {
    /// Stable across machines (UUID).
    pub id: String,
    pub status: PlanStatus,
    #[serde(default)]
    pub carried_from: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub content: PlanContent,
}

/// Only the header, read leniently first so a newer version is recognised as such.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    TooLarge {
        bytes: usize,
    },
    NotJson {
        detail: String,
    },
    WrongFormat,
    NewerVersion {
        found: u64,
    },
    Invalid {
        detail: String,
    },
    /// A check-in or agreement whose id belongs to another plan on this computer: taking it
    /// in would change that plan.
    ForeignId {
        agreement: bool,
        id: String,
        plan_id: String,
    },
}

/// Where an imported plan goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportTarget {
    Person(String),
    NewPerson,
}

/// The package of the plan series `id` belongs to (format 2, deterministic bytes).
pub fn export_plan(store: &Store, id: &str) -> Result<String> {
    get_plan(store, id)?;
    crate::package::export_package(store, id)
}

/// Writes the package of a plan to `path`.
pub fn export_plan_to_file(
    store: &mut Store,
    clock: &dyn Clock,
    id: &str,
    path: &std::path::Path,
) -> Result<()> {
    crate::package::export_package_to_file(store, clock, id, path)
}

pub use crate::package::{describe_conflict, package_head, Conflict};

/// Checks what every exchange file must be — not too large, JSON, `format` right — and
/// returns its format version, read leniently so a newer version is recognised as such.
pub(crate) fn read_header(bytes: &[u8]) -> Result<Option<u64>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::Import(ImportProblem::TooLarge {
            bytes: bytes.len(),
        }));
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| {
        CoreError::Import(ImportProblem::NotJson {
            detail: e.to_string(),
        })
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(CoreError::Import(ImportProblem::WrongFormat));
    }
    Ok(header.version)
}

/// Reads and checks an exchange file completely, without touching the store.
pub fn parse_exchange(bytes: &[u8]) -> Result<ExchangeFile> {
    if let Some(v) = read_header(bytes)?.filter(|v| *v > 1) {
        return Err(CoreError::Import(ImportProblem::NewerVersion { found: v }));
    }
    // The path names the field: "plan.content.periodEnd: input contains invalid characters".
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let file: ExchangeFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        CoreError::Import(ImportProblem::Invalid {
            detail: e.to_string(),
        })
    })?;
    let content = validate_content(file.plan.content.clone())?;
    if content != file.plan.content {
        // Stored plans are always trimmed; a file that is not was written by hand. Accept it
        // in its normalised form.
        return Ok(ExchangeFile {
            plan: ExchangePlan {
                content,
                ..file.plan
            },
            ..file
        });
    }
    Ok(file)
}

/// Imports an exchange file for an existing person or as a new person. Everything is
/// checked first; the person (when new) and the plan are written in one transaction.
pub fn import_plan(
    store: &mut Store,
    clock: &dyn Clock,
    bytes: &[u8],
    target: ImportTarget,
) -> Result<Plan> {
    let file = parse_exchange(bytes)?;
    if plans_repo::get(store.conn(), &file.plan.id)?.is_some() {
        return Err(CoreError::PlanExists { id: file.plan.id });
    }
    let new_person = match &target {
        ImportTarget::Person(id) => {
            get_person(store, id)
                .map_err(|_| ValidationError::new(Field::Person, Problem::UnknownPerson))?;
            None
        }
        ImportTarget::NewPerson => {
            let valid = validate_person(&PersonInput {
                full_name: file.person.full_name.clone(),
                role: file.person.role.clone(),
                ..Default::default()
            })?;
            let now = clock.now();
            Some(pop_domain::Person {
                id: crate::new_id(),
                full_name: valid.full_name,
                role: valid.role,
                manager_id: None,
                start_date: None,
                email: None,
                status: PersonStatus::Active,
                left_on: None,
                created_at: now,
                updated_at: now,
            })
        }
    };
    let person_id = match (&target, &new_person) {
        (ImportTarget::Person(id), _) => id.clone(),
        (_, Some(p)) => p.id.clone(),
        _ => unreachable!("a new person is made for NewPerson"),
    };
    let plan = Plan {
        id: file.plan.id,
        person_id,
        // A format-1 file carries no seal or signatures: whatever its status says, it
        // arrives as a draft.
        status: PlanStatus::Draft,
        // The plan it came from may not exist on this machine.
        carried_from: file
            .plan
            .carried_from
            .filter(|id| plans_repo::get(store.conn(), id).ok().flatten().is_some()),
        content: file.plan.content,
        created_at: file.plan.created_at,
        updated_at: file.plan.updated_at,
        version: 1,
        previous_version: None,
        version_reason: String::new(),
    };
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        if let Some(p) = &new_person {
            people_repo::insert(tx, p)?;
        }
        plans_repo::insert(tx, &plan)?;
        pop_store::signing::log_event(tx, &at, Some(&plan.id), "imported", "format 1")
    })?;
    Ok(plan)
}

/// The JSON Schema of the exchange file (format 2, the plan package).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(crate::package::PlanPackage);
    let mut text = serde_json::to_string_pretty(&schema).expect("schema serialises");
    text.push('\n');
    text
}

/// Words for an import problem.
pub fn describe(p: &ImportProblem, lang: Language) -> String {
    use Language::*;
    match (p, lang) {
        (ImportProblem::TooLarge { bytes }, Nl) => format!(
            "Het bestand is te groot ({} MB; maximaal {} MB). Er is niets geïmporteerd.",
            bytes / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ),
        (ImportProblem::TooLarge { bytes }, En) => format!(
            "The file is too large ({} MB; at most {} MB). Nothing was imported.",
            bytes / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ),
        (ImportProblem::NotJson { detail }, Nl) => format!(
            "Het bestand is geen leesbaar POP-bestand (geen geldige JSON: {detail}). Er is niets geïmporteerd."
        ),
        (ImportProblem::NotJson { detail }, En) => format!(
            "The file is not a readable plan file (not valid JSON: {detail}). Nothing was imported."
        ),
        (ImportProblem::WrongFormat, Nl) => {
            "Het bestand is geen planbestand van Groeikoers (een .pop.json die Groeikoers bij Exporteren maakt). Er is niets geïmporteerd.".into()
        }
        (ImportProblem::WrongFormat, En) => {
            "The file is not a Groeikoers plan file (a .pop.json that Groeikoers makes with Export). Nothing was imported.".into()
        }
        (ImportProblem::NewerVersion { found }, Nl) => format!(
            "Het bestand heeft formaatversie {found}; deze Groeikoers kent tot en met versie {VERSION}. Installeer de nieuwste versie. Er is niets geïmporteerd."
        ),
        (ImportProblem::NewerVersion { found }, En) => format!(
            "The file has format version {found}; this Groeikoers reads up to version {VERSION}. Install the latest version. Nothing was imported."
        ),
        (ImportProblem::Invalid { detail }, Nl) => format!(
            "Het bestand klopt niet: {detail}. Er is niets geïmporteerd."
        ),
        (ImportProblem::Invalid { detail }, En) => {
            format!("The file is not valid: {detail}. Nothing was imported.")
        }
        (
            ImportProblem::ForeignId {
                agreement,
                id,
                plan_id,
            },
            Nl,
        ) => format!(
            "Het bestand bevat {} met id {id}, maar dat id hoort hier bij een ander plan ({plan_id}). Overnemen zou dat plan veranderen; er is niets geïmporteerd.",
            if *agreement { "een afspraak" } else { "een gesprek" }
        ),
        (
            ImportProblem::ForeignId {
                agreement,
                id,
                plan_id,
            },
            En,
        ) => format!(
            "The file holds {} with id {id}, but that id belongs to another plan here ({plan_id}). Taking it in would change that plan; nothing was imported.",
            if *agreement { "an agreement" } else { "a check-in" }
        ),
    }
}

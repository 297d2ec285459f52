//! Pure Groeikoers domain: the types the app, the CLI and the UI share, and the rules that
//! decide whether input is acceptable. Nothing here does I/O; time comes in as an argument.

pub mod budget;
pub mod check;
pub mod checkin;
pub mod clause;
pub mod clock;
pub mod direction;
pub mod person;
pub mod plan;
pub mod rhythm;
pub mod seal;
pub mod settings;
pub mod signing;
pub mod text;
pub mod validation;

pub use clock::{Clock, FixedClock, SystemClock};
pub use person::{
    validate_person, would_create_cycle, Person, PersonInput, PersonStatus, ValidPerson,
    MAX_EMAIL_LEN, MAX_NAME_LEN, MAX_ROLE_LEN,
};
pub use settings::{
    validate_organisation_name, AppState, Language, Mode, OnboardingInput, Organisation, Settings,
    SettingsInput, MAX_ORGANISATION_LEN,
};
pub use validation::{Field, Problem, ValidationError};

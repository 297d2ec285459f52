//! Error messages in the user's language. Every message names the field and what to do.

use crate::error::{CoreError, Entity};
use pop_domain::{Field, Language, Problem};
use pop_store::StoreError;

fn field_name(field: Field, lang: Language) -> &'static str {
    use Language::*;
    match (field, lang) {
        (Field::FullName, Nl) => "Naam",
        (Field::FullName, En) => "Name",
        (Field::Role, Nl) => "Functie",
        (Field::Role, En) => "Role",
        (Field::Manager, Nl) => "Leidinggevende",
        (Field::Manager, En) => "Manager",
        (Field::StartDate, Nl) => "Startdatum",
        (Field::StartDate, En) => "Start date",
        (Field::LeftOn, Nl) => "Datum uit dienst",
        (Field::LeftOn, En) => "Date of leaving",
        (Field::Email, Nl) => "E-mail",
        (Field::Email, En) => "Email",
        (Field::OrganisationName, Nl) => "Naam van de organisatie",
        (Field::OrganisationName, En) => "Organisation name",
        (Field::Language, Nl) => "Taal",
        (Field::Language, En) => "Language",
        (Field::Mode, Nl) => "Gebruik",
        (Field::Mode, En) => "Use",
    }
}

fn problem_text(problem: &Problem, lang: Language) -> String {
    use Language::*;
    match (problem, lang) {
        (Problem::Required, Nl) => "is verplicht. Vul het in.".into(),
        (Problem::Required, En) => "is required. Please fill it in.".into(),
        (Problem::TooLong { max, actual }, Nl) => {
            format!("is te lang: {actual} tekens, maximaal {max}.")
        }
        (Problem::TooLong { max, actual }, En) => {
            format!("is too long: {actual} characters, at most {max}.")
        }
        (Problem::ControlCharacters, Nl) => {
            "mag geen regeleinden of andere besturingstekens bevatten.".into()
        }
        (Problem::ControlCharacters, En) => {
            "may not contain line breaks or other control characters.".into()
        }
        (Problem::InvalidDate, Nl) => {
            "is geen geldige datum. Gebruik jjjj-mm-dd, bijvoorbeeld 2026-03-01.".into()
        }
        (Problem::InvalidDate, En) => {
            "is not a valid date. Use yyyy-mm-dd, for example 2026-03-01.".into()
        }
        (Problem::DateOutOfRange, Nl) => "ligt niet tussen 1900 en 2200.".into(),
        (Problem::DateOutOfRange, En) => "is not between 1900 and 2200.".into(),
        (Problem::LeftBeforeStart, Nl) => "ligt vóór de startdatum.".into(),
        (Problem::LeftBeforeStart, En) => "is before the start date.".into(),
        (Problem::InvalidEmail, Nl) => {
            "is geen geldig e-mailadres, bijvoorbeeld naam@bedrijf.nl.".into()
        }
        (Problem::InvalidEmail, En) => {
            "is not a valid email address, for example name@company.com.".into()
        }
        (Problem::UnknownManager, Nl) => "bestaat niet (meer). Kies iemand uit de lijst.".into(),
        (Problem::UnknownManager, En) => "does not exist. Choose someone from the list.".into(),
        (Problem::SelfManager, Nl) => "kan niet de persoon zelf zijn.".into(),
        (Problem::SelfManager, En) => "cannot be the person themselves.".into(),
        (Problem::ManagerCycle, Nl) => {
            "valt zelf (via via) onder deze persoon. Kies een ander.".into()
        }
        (Problem::ManagerCycle, En) => {
            "reports (indirectly) to this person. Choose someone else.".into()
        }
        (Problem::ManagerHasLeft, Nl) => "is uit dienst. Kies iemand die nog actief is.".into(),
        (Problem::ManagerHasLeft, En) => "has left. Choose someone who is still active.".into(),
    }
}

/// One sentence (or two) saying what went wrong and what to do, in `lang`.
pub fn describe(err: &CoreError, lang: Language) -> String {
    use Language::*;
    match err {
        CoreError::Validation(v) => {
            format!(
                "{} {}",
                field_name(v.field, lang),
                problem_text(&v.problem, lang)
            )
        }
        CoreError::NotFound {
            what: Entity::Person,
            ..
        } => match lang {
            Nl => "Deze persoon bestaat niet (meer). Ververs de lijst.".into(),
            En => "This person no longer exists. Refresh the list.".into(),
        },
        CoreError::Store(e) => store_message(e, lang),
    }
}

/// Messages for a store that cannot be used; also shown in the native dialog at start.
pub fn store_message(e: &StoreError, lang: Language) -> String {
    use Language::*;
    match (e, lang) {
        (StoreError::NotADatabase { path }, Nl) => format!(
            "Het bestand {} is geen Groeikoers-database of is beschadigd. \
             Het is niet aangeraakt. Zet een reservekopie terug of kies een ander bestand.",
            path.display()
        ),
        (StoreError::NotADatabase { path }, En) => format!(
            "The file {} is not a Groeikoers database or is damaged. It has not been touched. \
             Restore a backup or choose another file.",
            path.display()
        ),
        (StoreError::CannotOpen { path, reason }, Nl) => format!(
            "Het bestand {} kan niet worden geopend of beschreven ({reason}). \
             Controleer of de map bestaat en schrijfbaar is.",
            path.display()
        ),
        (StoreError::CannotOpen { path, reason }, En) => format!(
            "The file {} cannot be opened or written ({reason}). \
             Check that the folder exists and is writable.",
            path.display()
        ),
        (
            StoreError::TooNew {
                path,
                found,
                supported,
            },
            Nl,
        ) => format!(
            "Het bestand {} is gemaakt met een nieuwere versie van Groeikoers \
             (schemaversie {found}; deze versie kent tot en met {supported}). \
             Installeer de nieuwste versie. Het bestand is niet aangeraakt.",
            path.display()
        ),
        (
            StoreError::TooNew {
                path,
                found,
                supported,
            },
            En,
        ) => format!(
            "The file {} was written by a newer version of Groeikoers \
             (schema version {found}; this version supports up to {supported}). \
             Install the latest version. The file has not been touched.",
            path.display()
        ),
        (StoreError::Migration(reason), Nl) => {
            format!("De database kon niet worden bijgewerkt: {reason}. Er is niets gewijzigd.")
        }
        (StoreError::Migration(reason), En) => {
            format!("The database could not be upgraded: {reason}. Nothing was changed.")
        }
        (StoreError::Corrupt(what), Nl) => {
            format!("Opgeslagen gegevens zijn ongeldig ({what}). Zet een reservekopie terug.")
        }
        (StoreError::Corrupt(what), En) => {
            format!("Stored data is not valid ({what}). Restore a backup.")
        }
        (StoreError::Sqlite(e), Nl) => {
            format!("Opslaan of lezen is mislukt: {e}. Er is niets gewijzigd.")
        }
        (StoreError::Sqlite(e), En) => {
            format!("Saving or reading failed: {e}. Nothing was changed.")
        }
        (StoreError::Rejected(e), Nl) => format!("Niet opgeslagen: {e}."),
        (StoreError::Rejected(e), En) => format!("Not saved: {e}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pop_domain::ValidationError;

    #[test]
    fn a_validation_message_names_the_field_in_each_language() {
        let err = CoreError::Validation(ValidationError::new(Field::FullName, Problem::Required));
        assert_eq!(
            describe(&err, Language::Nl),
            "Naam is verplicht. Vul het in."
        );
        assert_eq!(
            describe(&err, Language::En),
            "Name is required. Please fill it in."
        );
    }
}

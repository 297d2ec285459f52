//! First-run choices and settings: language, mode, and the organisation's name.

use crate::person::Person;
use crate::text::{optional_line, required_line};
use crate::validation::{Field, ValidationError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_ORGANISATION_LEN: usize = 200;

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Language {
    #[default]
    Nl,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "nl" => Some(Language::Nl),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    /// The language a POSIX locale such as `nl_NL.UTF-8` asks for; English otherwise.
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("nl") {
            Language::Nl
        } else {
            Language::En
        }
    }
}

/// "I manage a team" or "I keep my own plan".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    #[default]
    Owner,
    Personal,
}

impl Mode {
    pub fn code(self) -> &'static str {
        match self {
            Mode::Owner => "owner",
            Mode::Personal => "personal",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "owner" => Some(Mode::Owner),
            "personal" => Some(Mode::Personal),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub language: Language,
    pub mode: Mode,
    /// False until the first-run choices have been made.
    pub onboarded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub name: String,
    /// The owner's own name (owner mode): the manager and signer of plans of people who
    /// report to the owner. Empty until given.
    pub owner_name: String,
}

/// Everything the UI needs at start: the settings, the organisation and, in personal mode,
/// the person whose plan this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppState {
    pub settings: Settings,
    pub organisation: Organisation,
    pub me: Option<Person>,
    /// The database file, so the user knows what to back up (`None` for an in-memory store).
    pub data_file: Option<String>,
    /// Whether any plan exists: the app opens on the Overview once there is one.
    pub has_plans: bool,
}

/// The first-run choices. In owner mode the organisation's name is asked (and, optionally,
/// the owner's own name in `my_name`); in personal mode the user's own name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OnboardingInput {
    pub language: Language,
    pub mode: Mode,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub organisation_name: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub my_name: Option<String>,
    /// What this computer is called with every signature made here, as typed: replaces the
    /// name it has.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub device_name: Option<String>,
    /// The name proposed when none was typed ("Computer van Zoë"): used only while the
    /// computer still has its first, host-derived name (a name chosen earlier stays).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub device_name_proposal: Option<String>,
}

/// A change on the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsInput {
    pub language: Language,
    pub mode: Mode,
    pub organisation_name: String,
    /// The owner's own name; `None` keeps it as it is.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub owner_name: Option<String>,
}

/// The organisation's name may be empty (a personal user need not give one) but not too long.
pub fn validate_organisation_name(name: &str, required: bool) -> Result<String, ValidationError> {
    if required {
        required_line(Field::OrganisationName, name, MAX_ORGANISATION_LEN)
    } else {
        Ok(
            optional_line(Field::OrganisationName, Some(name), MAX_ORGANISATION_LEN)?
                .unwrap_or_default(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;

    #[test]
    fn dutch_locales_choose_dutch_and_others_english() {
        assert_eq!(Language::from_locale("nl_NL.UTF-8"), Language::Nl);
        assert_eq!(Language::from_locale("nl_BE"), Language::Nl);
        assert_eq!(Language::from_locale("C"), Language::En);
        assert_eq!(Language::from_locale("en_GB.UTF-8"), Language::En);
    }

    #[test]
    fn codes_round_trip() {
        for l in [Language::Nl, Language::En] {
            assert_eq!(Language::parse(l.code()), Some(l));
        }
        for m in [Mode::Owner, Mode::Personal] {
            assert_eq!(Mode::parse(m.code()), Some(m));
        }
    }

    #[test]
    fn an_owner_must_name_the_organisation() {
        assert_eq!(
            validate_organisation_name("  ", true).unwrap_err().problem,
            Problem::Required
        );
        assert_eq!(validate_organisation_name("  ", false).unwrap(), "");
        assert_eq!(
            validate_organisation_name(" Bakkerij Zoë ", true).unwrap(),
            "Bakkerij Zoë"
        );
    }

    #[test]
    fn language_serialises_as_its_code() {
        assert_eq!(serde_json::to_string(&Language::Nl).unwrap(), "\"nl\"");
        assert_eq!(
            serde_json::to_string(&Mode::Personal).unwrap(),
            "\"personal\""
        );
    }
}

//! What the command groups share: passphrases from the environment or a prompt, moments,
//! JSON output.

use pop_core::domain::Language;
use pop_core::CoreError;

pub const PASSPHRASE_ENV: &str = "GROEIKOERS_PASSPHRASE";
pub const NEW_PASSPHRASE_ENV: &str = "GROEIKOERS_NEW_PASSPHRASE";
pub const BACKUP_PASSPHRASE_ENV: &str = "GROEIKOERS_BACKUP_PASSPHRASE";

/// Asks for a passphrase on the terminal without echoing it; `None` without a terminal.
pub fn ask(prompt: &str) -> Option<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    rpassword::prompt_password(prompt)
        .ok()
        .filter(|p| !p.is_empty())
}

/// `--at YYYY-MM-DDTHH:MM` as local time, or now.
pub fn moment(
    at: Option<&str>,
    _lang: Language,
) -> Result<chrono::DateTime<chrono::Utc>, CoreError> {
    let Some(at) = at else {
        return Ok(chrono::Utc::now());
    };
    let bad = || {
        CoreError::Validation(pop_core::domain::ValidationError::new(
            pop_core::domain::Field::At,
            pop_core::domain::Problem::InvalidMoment,
        ))
    };
    let local =
        chrono::NaiveDateTime::parse_from_str(at.trim(), "%Y-%m-%dT%H:%M").map_err(|_| bad())?;
    Ok(pop_core::domain::rhythm::local_instant(
        &chrono::Local,
        local,
    ))
}

pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("domain types serialise")
}

/// The CLI speaks the language of the shell's locale: Dutch for `nl_*`, English otherwise.
pub fn cli_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map(|l| Language::from_locale(&l))
        .unwrap_or(Language::En)
}

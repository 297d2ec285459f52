//! Use cases for the first run and the settings screen.

use crate::error::Result;
use crate::people::{create_person, get_person, update_person};
use pop_domain::{
    validate_organisation_name, AppState, Clock, Language, Mode, OnboardingInput, Organisation,
    Person, PersonInput, Settings, SettingsInput,
};
use pop_store::{settings as repo, Store};

const LANGUAGE: &str = "language";
const MODE: &str = "mode";
const ONBOARDED: &str = "onboarded";
const ME: &str = "me";
const OWNER_NAME: &str = "owner_name";

/// The owner's own name (empty until given): the manager of people who report to the owner.
pub fn owner_name(store: &Store) -> Result<String> {
    Ok(repo::get(store.conn(), OWNER_NAME)?.unwrap_or_default())
}

fn valid_owner_name(name: Option<&str>) -> Result<Option<String>> {
    Ok(match name {
        None => None,
        Some(n) => Some(
            pop_domain::text::optional_line(
                pop_domain::Field::FullName,
                Some(n),
                pop_domain::MAX_NAME_LEN,
            )?
            .unwrap_or_default(),
        ),
    })
}

/// The language messages should be in: the stored choice; before the first run the
/// system's language when it is Dutch or English, Dutch otherwise.
pub fn language(store: &Store) -> Language {
    repo::get(store.conn(), LANGUAGE)
        .ok()
        .flatten()
        .and_then(|l| Language::parse(&l))
        .unwrap_or_else(system_language)
}

/// The system's language from the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, then
/// `LANGUAGE`'s first entry): English for `en…`, Dutch otherwise.
pub fn system_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map(|v| v.to_ascii_lowercase())
        .map_or(Language::Nl, |v| {
            if v.starts_with("en") {
                Language::En
            } else {
                Language::Nl
            }
        })
}

pub fn get_settings(store: &Store) -> Result<Settings> {
    let conn = store.conn();
    Ok(Settings {
        language: language(store),
        mode: repo::get(conn, MODE)?
            .and_then(|m| Mode::parse(&m))
            .unwrap_or_default(),
        onboarded: repo::get(conn, ONBOARDED)?.as_deref() == Some("1"),
    })
}

/// Everything the UI needs at start.
pub fn get_app_state(store: &Store) -> Result<AppState> {
    let me = match repo::get(store.conn(), ME)? {
        Some(id) => get_person(store, &id).ok(),
        None => None,
    };
    Ok(AppState {
        settings: get_settings(store)?,
        organisation: Organisation {
            name: repo::organisation_name(store.conn())?,
            owner_name: owner_name(store)?,
        },
        me,
        data_file: store.path().map(|p| p.display().to_string()),
        has_plans: pop_store::plans::any(store.conn())?,
    })
}

/// Stores the first-run choices. An owner names the organisation; a personal user gives
/// their own name, which becomes their person record.
pub fn complete_onboarding(
    store: &mut Store,
    clock: &dyn Clock,
    input: OnboardingInput,
) -> Result<AppState> {
    let org = validate_organisation_name(
        input.organisation_name.as_deref().unwrap_or(""),
        input.mode == Mode::Owner,
    )?;
    let my_input = (input.mode == Mode::Personal).then(|| PersonInput {
        full_name: input.my_name.clone().unwrap_or_default(),
        ..Default::default()
    });
    if let Some(mine) = &my_input {
        pop_domain::validate_person(mine)?;
    }
    let owner = match input.mode {
        Mode::Owner => valid_owner_name(input.my_name.as_deref())?,
        Mode::Personal => None,
    };
    // Checked before anything is written: a bad name leaves the store as it was.
    let valid = |n: Option<&str>| {
        n.map(|n| pop_domain::text::required_line(pop_domain::Field::DeviceName, n, 60))
            .transpose()
    };
    let typed = valid(input.device_name.as_deref())?;
    // A proposal (made from a long organisation name, say) never blocks the first run: cut to
    // the limit, or left out.
    let proposal = input.device_name_proposal.as_deref().and_then(|p| {
        let cut: String = p.trim().chars().take(60).collect();
        valid(Some(&cut)).ok().flatten()
    });
    if let Some(mine) = my_input {
        save_my_profile(store, clock, mine)?;
    }
    store.write(|tx| {
        repo::set(tx, LANGUAGE, input.language.code())?;
        repo::set(tx, MODE, input.mode.code())?;
        repo::set_organisation_name(tx, &org)?;
        if let Some(owner) = &owner {
            repo::set(tx, OWNER_NAME, owner)?;
        }
        repo::set(tx, ONBOARDED, "1")
    })?;
    match (typed, proposal) {
        (Some(name), _) => {
            crate::device::rename_device(store, clock, &name)?;
        }
        (None, Some(name)) if crate::device::has_first_name(store, clock)? => {
            crate::device::rename_device(store, clock, &name)?;
        }
        _ => {}
    }
    get_app_state(store)
}

/// The settings screen: language, mode and the organisation's name.
pub fn update_settings(store: &mut Store, input: SettingsInput) -> Result<AppState> {
    let org = validate_organisation_name(&input.organisation_name, input.mode == Mode::Owner)?;
    let owner = valid_owner_name(input.owner_name.as_deref())?;
    store.write(|tx| {
        repo::set(tx, LANGUAGE, input.language.code())?;
        repo::set(tx, MODE, input.mode.code())?;
        if let Some(owner) = &owner {
            repo::set(tx, OWNER_NAME, owner)?;
        }
        repo::set_organisation_name(tx, &org)
    })?;
    get_app_state(store)
}

/// In personal mode: creates or edits the person whose plan this is.
pub fn save_my_profile(store: &mut Store, clock: &dyn Clock, input: PersonInput) -> Result<Person> {
    let existing = repo::get(store.conn(), ME)?.filter(|id| get_person(store, id).is_ok());
    match existing {
        Some(id) => update_person(store, clock, &id, input),
        None => {
            let me = create_person(store, clock, input)?;
            store.write(|tx| repo::set(tx, ME, &me.id))?;
            Ok(me)
        }
    }
}

/// What the settings screen shows under "In the background" (the shell fills in what only
/// it knows: the login item and whether the desktop has a tray).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackgroundSettings {
    /// Closing the window keeps Groeikoers running in the tray.
    pub run_in_tray: bool,
    /// Groeikoers starts (hidden, in the tray) when the user logs in.
    pub start_at_login: bool,
    /// False when this desktop shows no tray icon: closing the window then quits.
    pub tray_available: bool,
}

const RUN_IN_TRAY: &str = "run_in_tray";

/// Whether closing the window keeps Groeikoers running in the tray, so reminders still fire
/// (on until switched off).
pub fn run_in_tray(store: &Store) -> Result<bool> {
    Ok(repo::get(store.conn(), RUN_IN_TRAY)?.as_deref() != Some("0"))
}

pub fn set_run_in_tray(store: &mut Store, on: bool) -> Result<bool> {
    store.write(|tx| repo::set(tx, RUN_IN_TRAY, if on { "1" } else { "0" }))?;
    Ok(on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{list_people, PeopleQuery};
    use chrono::{TimeZone, Utc};
    use pop_domain::{Field, FixedClock};

    fn clock() -> FixedClock {
        FixedClock(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap())
    }

    #[test]
    fn before_the_first_run_the_app_speaks_dutch_and_is_not_onboarded() {
        let store = Store::open_in_memory().unwrap();
        let state = get_app_state(&store).unwrap();
        assert_eq!(state.settings.language, Language::Nl);
        assert!(!state.settings.onboarded);
        assert_eq!(state.me, None);
    }

    #[test]
    fn the_first_run_names_this_computer_and_a_bad_name_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let input = |device: &str| OnboardingInput {
            language: Language::Nl,
            mode: Mode::Owner,
            organisation_name: Some("Bakkerij Zoë".into()),
            my_name: Some("Anouk van Dijk".into()),
            device_name: Some(device.into()),
            device_name_proposal: None,
        };
        for bad in ["   ", &"x".repeat(61)] {
            let err = complete_onboarding(&mut store, &clock(), input(bad)).unwrap_err();
            assert!(
                matches!(&err, crate::CoreError::Validation(v) if v.field == Field::DeviceName),
                "{err:?}"
            );
            assert!(!get_app_state(&store).unwrap().settings.onboarded);
        }
        complete_onboarding(&mut store, &clock(), input(" Computer van Anouk ")).unwrap();
        let device = crate::device::device_info(&mut store, &clock()).unwrap();
        assert_eq!(device.name, "Computer van Anouk");

        // A proposal names a computer that still has its host name, never one named before.
        let proposed = |store: &mut Store| {
            complete_onboarding(
                store,
                &clock(),
                OnboardingInput {
                    language: Language::Nl,
                    mode: Mode::Owner,
                    organisation_name: Some("Bakkerij Zoë".into()),
                    my_name: None,
                    device_name: None,
                    device_name_proposal: Some("Computer van Bakkerij Zoë".into()),
                },
            )
            .unwrap();
            crate::device::device_info(store, &clock()).unwrap().name
        };
        let mut fresh = Store::open_in_memory().unwrap();
        assert_eq!(proposed(&mut fresh), "Computer van Bakkerij Zoë");
        let mut named = Store::open_in_memory().unwrap();
        crate::device::rename_device(&mut named, &clock(), "Kantoor-pc").unwrap();
        assert_eq!(proposed(&mut named), "Kantoor-pc");

        // A proposal longer than a name may be is cut, never a reason to refuse the first run.
        let mut long = Store::open_in_memory().unwrap();
        complete_onboarding(
            &mut long,
            &clock(),
            OnboardingInput {
                language: Language::Nl,
                mode: Mode::Owner,
                organisation_name: Some("Stichting Kinderopvang De Vrolijke Vlinders Noord".into()),
                my_name: None,
                device_name: None,
                device_name_proposal: Some(
                    "Computer van Stichting Kinderopvang De Vrolijke Vlinders Noord".into(),
                ),
            },
        )
        .unwrap();
        let name = crate::device::device_info(&mut long, &clock())
            .unwrap()
            .name;
        assert_eq!(name.chars().count(), 60, "{name}");
    }

    #[test]
    fn an_owner_onboards_with_the_organisation_name() {
        let mut store = Store::open_in_memory().unwrap();
        let state = complete_onboarding(
            &mut store,
            &clock(),
            OnboardingInput {
                language: Language::En,
                mode: Mode::Owner,
                organisation_name: Some(" Bakkerij Zoë ".into()),
                my_name: None,
                device_name: None,
                device_name_proposal: None,
            },
        )
        .unwrap();
        assert!(state.settings.onboarded);
        assert_eq!(state.settings.language, Language::En);
        assert_eq!(state.organisation.name, "Bakkerij Zoë");
        assert_eq!(
            state.organisation.owner_name, "",
            "the owner's name is optional"
        );
    }

    #[test]
    fn the_owner_names_themselves_and_manages_who_reports_to_nobody() {
        let mut store = Store::open_in_memory().unwrap();
        let state = complete_onboarding(
            &mut store,
            &clock(),
            OnboardingInput {
                language: Language::Nl,
                mode: Mode::Owner,
                organisation_name: Some("Bakkerij De Korenaar".into()),
                my_name: Some(" Anouk van Dijk ".into()),
                device_name: None,
                device_name_proposal: None,
            },
        )
        .unwrap();
        assert_eq!(state.organisation.owner_name, "Anouk van Dijk");
        assert!(
            list_people(&store, PeopleQuery::default())
                .unwrap()
                .is_empty(),
            "the owner is not one of the team"
        );
        let zoe = crate::people::create_person(
            &mut store,
            &clock(),
            PersonInput {
                full_name: "Zoë Çelik".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let plan = crate::plans::create_plan(
            &mut store,
            &clock(),
            Language::Nl,
            crate::plans::NewPlanInput {
                person_id: zoe.id,
                period_start: None,

                language: None,
            },
        )
        .unwrap();
        assert_eq!(plan.content.manager_name, "Anouk van Dijk");

        let too_long = update_settings(
            &mut store,
            SettingsInput {
                language: Language::Nl,
                mode: Mode::Owner,
                organisation_name: "Bakkerij De Korenaar".into(),
                owner_name: Some("x".repeat(100_000)),
            },
        )
        .unwrap_err();
        assert_eq!(too_long.field(), Some(Field::FullName));
        assert_eq!(
            owner_name(&store).unwrap(),
            "Anouk van Dijk",
            "nothing changed"
        );
        let renamed = update_settings(
            &mut store,
            SettingsInput {
                language: Language::Nl,
                mode: Mode::Owner,
                organisation_name: "Bakkerij De Korenaar".into(),
                owner_name: Some("Anouk de Vries".into()),
            },
        )
        .unwrap();
        assert_eq!(renamed.organisation.owner_name, "Anouk de Vries");
    }

    #[test]
    fn an_owner_without_organisation_name_is_refused_and_nothing_is_stored() {
        let mut store = Store::open_in_memory().unwrap();
        let err = complete_onboarding(
            &mut store,
            &clock(),
            OnboardingInput {
                language: Language::En,
                mode: Mode::Owner,
                organisation_name: Some("  ".into()),
                my_name: None,
                device_name: None,
                device_name_proposal: None,
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some(Field::OrganisationName));
        assert!(!get_settings(&store).unwrap().onboarded);
        assert_eq!(language(&store), Language::Nl);
    }

    #[test]
    fn a_personal_user_becomes_their_own_person() {
        let mut store = Store::open_in_memory().unwrap();
        let state = complete_onboarding(
            &mut store,
            &clock(),
            OnboardingInput {
                language: Language::Nl,
                mode: Mode::Personal,
                organisation_name: None,
                my_name: Some("Zoë".into()),
                device_name: None,
                device_name_proposal: None,
            },
        )
        .unwrap();
        assert_eq!(state.me.unwrap().full_name, "Zoë");
        assert_eq!(
            list_people(&store, PeopleQuery::default()).unwrap().len(),
            1
        );
    }

    #[test]
    fn a_personal_user_without_a_name_is_refused_and_nobody_is_added() {
        let mut store = Store::open_in_memory().unwrap();
        let err = complete_onboarding(
            &mut store,
            &clock(),
            OnboardingInput {
                language: Language::Nl,
                mode: Mode::Personal,
                organisation_name: None,
                my_name: Some(" ".into()),
                device_name: None,
                device_name_proposal: None,
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some(Field::FullName));
        assert!(list_people(&store, PeopleQuery::default())
            .unwrap()
            .is_empty());
        assert!(!get_settings(&store).unwrap().onboarded);
    }

    #[test]
    fn settings_change_language_and_mode_later() {
        let mut store = Store::open_in_memory().unwrap();
        let state = update_settings(
            &mut store,
            SettingsInput {
                language: Language::En,
                mode: Mode::Personal,
                organisation_name: String::new(),
                owner_name: None,
            },
        )
        .unwrap();
        assert_eq!(state.settings.language, Language::En);
        assert_eq!(state.settings.mode, Mode::Personal);
    }
}

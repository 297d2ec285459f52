use crate::state::AppStore;
use pop_core::domain::{AppState, OnboardingInput, Person, PersonInput, SettingsInput};
use pop_core::{settings, CommandError};
use tauri::State;

#[tauri::command(async)]
pub fn get_app_state(state: State<'_, AppStore>) -> Result<AppState, CommandError> {
    state.run(|store, _| settings::get_app_state(store))
}

#[tauri::command(async)]
pub fn complete_onboarding(
    state: State<'_, AppStore>,
    input: OnboardingInput,
) -> Result<AppState, CommandError> {
    state.run(|store, clock| settings::complete_onboarding(store, clock, input))
}

#[tauri::command(async)]
pub fn update_settings(
    app: tauri::AppHandle,
    state: State<'_, AppStore>,
    input: SettingsInput,
) -> Result<AppState, CommandError> {
    let app_state = state.run(|store, _| settings::update_settings(store, input))?;
    crate::background::retitle_tray(&app, app_state.settings.language);
    Ok(app_state)
}

/// The budget and study-cost clauses the employer's computer last shared (personal mode).
#[tauri::command(async)]
pub fn received_share(
    state: State<'_, AppStore>,
) -> Result<Option<pop_core::employer_share::ReceivedShare>, CommandError> {
    state.run(|store, _| pop_core::employer_share::received_for_me(store))
}

/// Saves the user's own person record (personal mode).
#[tauri::command(async)]
pub fn save_my_profile(
    state: State<'_, AppStore>,
    input: PersonInput,
) -> Result<Person, CommandError> {
    state.run(|store, clock| settings::save_my_profile(store, clock, input))
}

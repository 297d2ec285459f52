use crate::state::AppStore;
use pop_core::domain::{Person, PersonInput};
use pop_core::people::{self, PeopleQuery, PersonSummary};
use pop_core::CommandError;
use tauri::State;

#[tauri::command(async)]
pub fn list_people(
    state: State<'_, AppStore>,
    query: PeopleQuery,
) -> Result<Vec<PersonSummary>, CommandError> {
    state.run(|store, _| people::list_people(store, query))
}

#[tauri::command(async)]
pub fn get_person(state: State<'_, AppStore>, id: String) -> Result<Person, CommandError> {
    state.run(|store, _| people::get_person(store, &id))
}

#[tauri::command(async)]
pub fn create_person(
    state: State<'_, AppStore>,
    input: PersonInput,
) -> Result<Person, CommandError> {
    state.run(|store, clock| people::create_person(store, clock, input))
}

#[tauri::command(async)]
pub fn update_person(
    state: State<'_, AppStore>,
    id: String,
    input: PersonInput,
) -> Result<Person, CommandError> {
    state.run(|store, clock| people::update_person(store, clock, &id, input))
}

#[tauri::command(async)]
pub fn mark_person_left(
    state: State<'_, AppStore>,
    id: String,
    left_on: Option<String>,
    reason: Option<pop_core::domain::clause::LeaveReason>,
) -> Result<Person, CommandError> {
    state.run(|store, clock| pop_core::budget::leave(store, clock, &id, left_on, reason))
}

#[tauri::command(async)]
pub fn mark_person_active(state: State<'_, AppStore>, id: String) -> Result<Person, CommandError> {
    state.run(|store, clock| people::mark_person_active(store, clock, &id))
}

//! Each person's data rights (AVG): retention per kind of data, legal holds, who is due for
//! removal, the export of one person's data, and erasure.

use crate::confirm::{confirm, Act};
use crate::state::AppStore;
use pop_core::privacy::{
    self, DataKind, ErasureReport, RetentionOverview, RetentionPerson, RetentionRule,
};
use pop_core::CommandError;
use tauri::{AppHandle, State};

/// The retention rules and everyone who left, with when each kind of their data may go.
#[tauri::command(async)]
pub fn retention_overview(state: State<'_, AppStore>) -> Result<RetentionOverview, CommandError> {
    state.run_lang(|store, clock, lang| privacy::retention_overview(store, lang, clock.today()))
}

/// One person's retention today (none while they are employed).
#[tauri::command(async)]
pub fn person_retention(
    state: State<'_, AppStore>,
    person_id: String,
) -> Result<Option<RetentionPerson>, CommandError> {
    state.run_lang(|store, clock, lang| {
        privacy::retention_of(store, lang, &person_id, clock.today())
    })
}

#[tauri::command(async)]
pub fn set_retention(
    state: State<'_, AppStore>,
    kind: DataKind,
    months: u32,
    reason: Option<String>,
) -> Result<Vec<RetentionRule>, CommandError> {
    state.run_lang(|store, _, lang| {
        privacy::set_retention(store, lang, kind, months, reason.as_deref())
    })
}

#[tauri::command(async)]
pub fn set_legal_hold(
    state: State<'_, AppStore>,
    person_id: String,
    reason: String,
) -> Result<(), CommandError> {
    state.run(|store, clock| privacy::set_hold(store, clock, &person_id, &reason))
}

#[tauri::command(async)]
pub fn lift_legal_hold(
    state: State<'_, AppStore>,
    person_id: String,
) -> Result<bool, CommandError> {
    state.run(|store, _| privacy::lift_hold(store, &person_id))
}

/// Writes everything about one person (JSON and PDF in a ZIP) to a path chosen in a dialog.
#[tauri::command(async)]
pub fn export_person_data(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    person_id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        privacy::export_person(store, clock, lang, &person_id, &path)
    })
}

/// Removes one kind of a left person's data whose retention ran out (the person stays).
#[tauri::command(async)]
pub fn remove_due_data(
    app: AppHandle,
    state: State<'_, AppStore>,
    person_id: String,
    kind: privacy::DataKind,
    clause_id: Option<String>,
) -> Result<ErasureReport, CommandError> {
    confirm(&app, state.lang_while_locked(), Act::RemoveData)?;
    state.run_lang(|store, clock, lang| {
        privacy::remove_due(store, clock, lang, &person_id, kind, clause_id.as_deref())
    })
}

#[tauri::command(async)]
pub fn erase_person(
    app: AppHandle,
    state: State<'_, AppStore>,
    person_id: String,
) -> Result<ErasureReport, CommandError> {
    let person = state.run(|store, _| pop_core::people::get_person(store, &person_id))?;
    let name = &person.full_name;
    confirm(&app, state.lang_while_locked(), Act::Erase { name })?;
    state.run(|store, clock| privacy::erase_person(store, clock, &person_id))
}

use crate::state::AppStore;
use pop_core::journal::{self, JournalEntry, JournalInput, JournalPage};
use pop_core::CommandError;
use tauri::State;

#[tauri::command(async)]
pub fn add_journal_entry(
    state: State<'_, AppStore>,
    input: JournalInput,
) -> Result<JournalEntry, CommandError> {
    state.run(|store, clock| journal::add_journal_entry(store, clock, input))
}

#[tauri::command(async)]
pub fn journal_month(
    state: State<'_, AppStore>,
    year: i32,
    month: u32,
) -> Result<Vec<JournalEntry>, CommandError> {
    state.run(|store, _| journal::journal_month(store, year, month))
}

#[tauri::command(async)]
pub fn search_journal(
    state: State<'_, AppStore>,
    query: String,
    offset: Option<usize>,
) -> Result<JournalPage, CommandError> {
    state.run(|store, _| journal::search_journal_page(store, &query, offset.unwrap_or(0)))
}

/// Writes the writer's journal extract (entries from `from` to `to`) as PDF to `path`.
#[tauri::command(async)]
pub fn export_journal_pdf(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    from: String,
    to: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        pop_core::journal::journal_pdf_to_file(store, clock, lang, &from, &to, &path)
    })
}

/// The goals an entry can be linked to: those of the current plans of `person_id` (or all).
#[tauri::command(async)]
pub fn journal_goals(
    state: State<'_, AppStore>,
    person_id: Option<String>,
) -> Result<Vec<journal::GoalOption>, CommandError> {
    state.run(|store, _| journal::journal_goals(store, person_id.as_deref()))
}

#[tauri::command(async)]
pub fn update_journal_entry(
    state: State<'_, AppStore>,
    id: String,
    input: JournalInput,
) -> Result<JournalEntry, CommandError> {
    state.run(|store, clock| journal::update_journal_entry(store, clock, &id, input))
}

/// Deletes an entry; the answer is the entry as it was, for Undo.
#[tauri::command(async)]
pub fn delete_journal_entry(
    state: State<'_, AppStore>,
    id: String,
) -> Result<JournalEntry, CommandError> {
    state.run(|store, _| journal::delete_journal_entry(store, &id))
}

/// Undo of a delete: the entry back as it was.
#[tauri::command(async)]
pub fn restore_journal_entry(
    state: State<'_, AppStore>,
    entry: JournalEntry,
) -> Result<JournalEntry, CommandError> {
    state.run(|store, clock| journal::restore_journal_entry(store, clock, entry))
}

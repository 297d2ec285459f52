//! Native file dialogs, and the plan exchange files the user saves and opens with them.
//! `GROEIKOERS_E2E_DIALOG_PATH`, when set, answers every dialog with that path, so the
//! end-to-end tests can save and open files without a dialog window.

use crate::state::AppStore;
use pop_core::domain::plan::Plan;
use pop_core::exchange::{self, ImportTarget};
use pop_core::CommandError;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

const TEST_PATH_ENV: &str = "GROEIKOERS_E2E_DIALOG_PATH";

/// A file dialog that starts in the user's documents folder.
fn dialog(app: &AppHandle, title: &str) -> FileDialogBuilder<tauri::Wry> {
    let builder = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter("Groeikoers POP (*.pop.json)", &["json"]);
    match app.path().document_dir().or_else(|_| app.path().home_dir()) {
        Ok(dir) if dir.is_dir() => builder.set_directory(dir),
        _ => builder,
    }
}

fn answer(chosen: Option<tauri_plugin_dialog::FilePath>) -> Option<String> {
    if let Some(path) = std::env::var_os(TEST_PATH_ENV) {
        return Some(PathBuf::from(path).display().to_string());
    }
    chosen
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// The OS save dialog; `None` when the user cancels.
#[tauri::command(async)]
pub fn choose_save_path(app: AppHandle, title: String, file_name: String) -> Option<String> {
    if std::env::var_os(TEST_PATH_ENV).is_some() {
        return answer(None);
    }
    answer(
        dialog(&app, &title)
            .set_file_name(file_name)
            .blocking_save_file(),
    )
}

/// The OS open dialog; `None` when the user cancels.
#[tauri::command(async)]
pub fn choose_open_path(app: AppHandle, title: String) -> Option<String> {
    if std::env::var_os(TEST_PATH_ENV).is_some() {
        return answer(None);
    }
    answer(dialog(&app, &title).blocking_pick_file())
}

#[tauri::command(async)]
pub fn export_plan_to_file(
    state: State<'_, AppStore>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run(|store, _| exchange::export_plan_to_file(store, &id, path.as_ref()))
}

#[tauri::command(async)]
pub fn import_plan_file(
    state: State<'_, AppStore>,
    path: String,
    person_id: Option<String>,
) -> Result<Plan, CommandError> {
    let target = person_id.map_or(ImportTarget::NewPerson, ImportTarget::Person);
    state.run(|store, clock| exchange::import_plan_file(store, clock, path.as_ref(), target))
}

/// Opens the system print dialog for the current page (the page's print styles decide what
/// is printed). `window.print()` does nothing in every webview, so it goes through Tauri.
#[tauri::command]
pub fn print_page(window: tauri::WebviewWindow) -> Result<(), CommandError> {
    window.print().map_err(|e| CommandError {
        code: pop_core::ErrorCode::Internal,
        message: e.to_string(),
        field: None,
    })
}

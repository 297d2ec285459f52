//! Native file dialogs, and the plan exchange files the user saves and opens with them.
//! For the end-to-end tests, which cannot drive a GTK dialog reliably: when
//! `GROEIKOERS_E2E_SAVE_DIR` is set, save dialogs answer with the proposed file name in that
//! folder; when `GROEIKOERS_E2E_OPEN_FILE` is set, open dialogs answer with that file.

use crate::state::AppStore;
use pop_core::exchange::{self, ImportTarget};
use pop_core::package::{ImportReport, Take};
use pop_core::CommandError;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

const TEST_SAVE_DIR: &str = "GROEIKOERS_E2E_SAVE_DIR";
const TEST_OPEN_FILE: &str = "GROEIKOERS_E2E_OPEN_FILE";

/// Which kind of file a dialog is for.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FileKind {
    Pop,
    Pdf,
    Ics,
    Csv,
    Xlsx,
    Backup,
}

/// A file dialog that starts in the user's documents folder.
fn dialog(app: &AppHandle, title: &str, kind: FileKind) -> FileDialogBuilder<tauri::Wry> {
    let builder = app.dialog().file().set_title(title);
    let builder = match kind {
        FileKind::Pop => builder.add_filter("Groeikoers POP (*.pop.json)", &["json"]),
        FileKind::Pdf => builder.add_filter("PDF", &["pdf"]),
        FileKind::Ics => builder.add_filter("iCalendar (*.ics)", &["ics"]),
        FileKind::Csv => builder.add_filter("CSV (*.csv)", &["csv"]),
        FileKind::Xlsx => builder.add_filter("Excel (*.xlsx)", &["xlsx"]),
        FileKind::Backup => builder.add_filter("Groeikoers (*.sqlite3)", &["sqlite3", "db"]),
    };
    match app.path().document_dir().or_else(|_| app.path().home_dir()) {
        Ok(dir) if dir.is_dir() => builder.set_directory(dir),
        _ => builder,
    }
}

fn answer(chosen: Option<tauri_plugin_dialog::FilePath>) -> Option<String> {
    chosen
        .and_then(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
}

/// The OS save dialog; `None` when the user cancels.
#[tauri::command(async)]
pub fn choose_save_path(
    app: AppHandle,
    title: String,
    file_name: String,
    kind: FileKind,
) -> Option<String> {
    if let Some(dir) = std::env::var_os(TEST_SAVE_DIR) {
        return Some(PathBuf::from(dir).join(file_name).display().to_string());
    }
    answer(
        dialog(&app, &title, kind)
            .set_file_name(file_name)
            .blocking_save_file(),
    )
}

/// The OS open dialog; `None` when the user cancels.
#[tauri::command(async)]
pub fn choose_open_path(app: AppHandle, title: String, kind: Option<FileKind>) -> Option<String> {
    if let Some(file) = std::env::var_os(TEST_OPEN_FILE) {
        return Some(PathBuf::from(file).display().to_string());
    }
    answer(dialog(&app, &title, kind.unwrap_or(FileKind::Pop)).blocking_pick_file())
}

#[tauri::command(async)]
pub fn export_plan_to_file(
    state: State<'_, AppStore>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run(|store, clock| exchange::export_plan_to_file(store, clock, &id, path.as_ref()))
}

/// Imports (merges) a plan package. With `dry_run` nothing is written: the report is the
/// preview the user confirms. `person_id` / `new_person` are needed only the first time a
/// plan's person arrives here; `take` resolves a draft edited on both computers.
#[tauri::command(async)]
pub fn import_plan_file(
    state: State<'_, AppStore>,
    path: String,
    person_id: Option<String>,
    new_person: bool,
    take: Option<Take>,
    dry_run: bool,
) -> Result<ImportReport, CommandError> {
    let target = match (person_id, new_person) {
        (Some(id), _) => Some(ImportTarget::Person(id)),
        (None, true) => Some(ImportTarget::NewPerson),
        (None, false) => None,
    };
    state.run_lang(|store, clock, lang| {
        pop_core::package::import_file(store, clock, lang, path.as_ref(), target, take, dry_run)
    })
}

/// Writes the plan's PDF to `path` (chosen with [`choose_save_path`]).
#[tauri::command(async)]
pub fn export_plan_pdf(
    state: State<'_, AppStore>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        pop_core::documents::plan_pdf_to_file(store, clock, lang, &id, path.as_ref())
    })
}

/// The words of the preparation sheet, the same the PDF prints.
#[tauri::command(async)]
pub fn preparation_texts(
    state: State<'_, AppStore>,
    id: String,
) -> Result<pop_core::documents::PreparationTexts, CommandError> {
    state.run_lang(|store, _, lang| pop_core::documents::preparation_texts(store, lang, &id))
}

/// Writes the preparation and self-analysis sheet as PDF to `path`.
#[tauri::command(async)]
pub fn export_preparation_pdf(
    state: State<'_, AppStore>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        pop_core::documents::preparation_pdf_to_file(store, clock, lang, &id, path.as_ref())
    })
}

/// Writes the evaluation of the plan's period as PDF to `path`.
#[tauri::command(async)]
pub fn export_evaluation_pdf(
    state: State<'_, AppStore>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        pop_core::documents::evaluation_pdf_to_file(store, clock, lang, &id, path.as_ref())
    })
}

/// Opens a PDF the app has written with the system's viewer.
#[tauri::command(async)]
pub fn open_pdf(app: AppHandle, path: String) -> Result<(), CommandError> {
    use tauri_plugin_opener::OpenerExt;
    let internal = |message: String| CommandError {
        code: pop_core::ErrorCode::Io,
        message,
        field: None,
    };
    let p = std::path::Path::new(&path);
    if !p.is_file() || p.extension().is_none_or(|e| !e.eq_ignore_ascii_case("pdf")) {
        return Err(internal(format!("{path} is not a PDF file")));
    }
    app.opener()
        .open_path(path.clone(), None::<&str>)
        .map_err(|e| internal(e.to_string()))
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

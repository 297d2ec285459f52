//! Native file dialogs, and the plan exchange files the user saves and opens with them.
//! For the end-to-end tests, which cannot drive a GTK dialog reliably, a build with the `e2e`
//! feature (never a release) answers save dialogs with the proposed file name in the folder
//! `GROEIKOERS_E2E_SAVE_DIR`, and open dialogs with the file `GROEIKOERS_E2E_OPEN_FILE`.

use crate::state::AppStore;
use pop_core::exchange::{self, ImportTarget};
use pop_core::package::{ImportReport, Take};
use pop_core::CommandError;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

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
    Zip,
}

/// The files the user chose in a dialog of this app, each for what it was chosen for: a
/// file picked in an open dialog can be read, one named in a save dialog can be written. A
/// command that reads or writes a file takes only one of these: the page cannot name any
/// other file, and cannot have a file it may read overwritten by an export.
#[derive(Default)]
pub struct Granted(std::sync::Mutex<std::collections::HashMap<PathBuf, Access>>);

/// What a granted file may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

impl Granted {
    pub fn grant(&self, path: &std::path::Path, access: Access) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_owned(), access);
    }

    fn check(&self, path: &str, access: Access) -> Result<PathBuf, pop_core::CoreError> {
        let p = PathBuf::from(path);
        let granted = self
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&p)
            .copied();
        if granted == Some(access) {
            Ok(p)
        } else {
            Err(pop_core::CoreError::NotChosen { path: p })
        }
    }

    /// The path, if the user chose it in an open dialog; otherwise refused.
    pub fn check_read(&self, path: &str) -> Result<PathBuf, pop_core::CoreError> {
        self.check(path, Access::Read)
    }

    /// The path, if the user chose it in a save dialog; otherwise refused.
    pub fn check_write(&self, path: &str) -> Result<PathBuf, pop_core::CoreError> {
        self.check(path, Access::Write)
    }
}

/// Grants a path chosen in a dialog and hands it to the page (for display and to pass back).
fn granted(app: &AppHandle, path: Option<String>, access: Access) -> Option<String> {
    let path = path?;
    if let Some(g) = app.try_state::<Granted>() {
        g.grant(std::path::Path::new(&path), access);
    }
    Some(path)
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
        FileKind::Zip => builder.add_filter("ZIP", &["zip"]),
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
    if let Some(dir) = crate::e2e_hook!("GROEIKOERS_E2E_SAVE_DIR") {
        // Only the name's last part: a name from the page never leaves the folder.
        let name = std::path::Path::new(&file_name).file_name()?;
        let path = PathBuf::from(dir).join(name).display().to_string();
        return granted(&app, Some(path), Access::Write);
    }
    let chosen = answer(
        dialog(&app, &title, kind)
            .set_file_name(file_name)
            .blocking_save_file(),
    );
    granted(&app, chosen, Access::Write)
}

/// The OS open dialog; `None` when the user cancels.
#[tauri::command(async)]
pub fn choose_open_path(app: AppHandle, title: String, kind: Option<FileKind>) -> Option<String> {
    if let Some(file) = crate::e2e_hook!("GROEIKOERS_E2E_OPEN_FILE") {
        let path = PathBuf::from(file).display().to_string();
        return granted(&app, Some(path), Access::Read);
    }
    let chosen = answer(dialog(&app, &title, kind.unwrap_or(FileKind::Pop)).blocking_pick_file());
    granted(&app, chosen, Access::Read)
}

#[tauri::command(async)]
pub fn export_plan_to_file(
    state: State<'_, AppStore>,
    files: State<'_, Granted>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run(|store, clock| {
        exchange::export_plan_to_file(store, clock, &id, &files.check_write(&path)?)
    })
}

/// Imports (merges) a plan package. With `dry_run` nothing is written: the report is the
/// preview the user confirms. `person_id` / `new_person` are needed only the first time a
/// plan's person arrives here; `take` resolves a draft edited on both computers.
#[tauri::command(async)]
#[allow(clippy::too_many_arguments)]
pub fn import_plan_file(
    app: tauri::AppHandle,
    state: State<'_, AppStore>,
    files: State<'_, Granted>,
    path: String,
    person_id: Option<String>,
    new_person: bool,
    take: Option<Take>,
    dry_run: bool,
    pair: Option<String>,
) -> Result<ImportReport, CommandError> {
    let target = match (person_id, new_person) {
        (Some(id), _) => Some(ImportTarget::Person(id)),
        (None, true) => Some(ImportTarget::NewPerson),
        (None, false) => None,
    };
    // Pairing trusts a key for good: the person confirms it in a native dialog too.
    if let (Some(fingerprint), false) = (&pair, dry_run) {
        crate::confirm::confirm(
            &app,
            state.lang_while_locked(),
            crate::confirm::Act::Pair { fingerprint },
        )?;
    }
    state.run_lang(|store, clock, lang| {
        let path = files.check_read(&path)?;
        pop_core::package::import_file(
            store,
            clock,
            lang,
            &path,
            pop_core::package::ImportOptions {
                target,
                take,
                dry_run,
                pair,
                ..Default::default()
            },
        )
    })
}

/// Writes the plan's PDF to `path` (chosen with [`choose_save_path`]).
#[tauri::command(async)]
pub fn export_plan_pdf(
    state: State<'_, AppStore>,
    files: State<'_, Granted>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        pop_core::documents::plan_pdf_to_file(store, clock, lang, &id, &path)
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
    files: State<'_, Granted>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        pop_core::documents::preparation_pdf_to_file(store, clock, lang, &id, &path)
    })
}

/// Writes the evaluation of the plan's period as PDF to `path`.
#[tauri::command(async)]
pub fn export_evaluation_pdf(
    state: State<'_, AppStore>,
    files: State<'_, Granted>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        pop_core::documents::evaluation_pdf_to_file(store, clock, lang, &id, &path)
    })
}

/// Opens a PDF the app has written with the system's viewer.
#[tauri::command(async)]
pub fn open_pdf(
    app: AppHandle,
    files: State<'_, Granted>,
    path: String,
) -> Result<(), CommandError> {
    use tauri_plugin_opener::OpenerExt;
    let internal = |message: String| CommandError {
        code: pop_core::ErrorCode::Io,
        message,
        field: None,
    };
    // A PDF the app wrote (a save dialog) or one the user opened.
    if files.check_write(&path).is_err() && files.check_read(&path).is_err() {
        return Err(internal(format!("{path} was not chosen in a file dialog")));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_chosen_in_a_dialog_is_accepted() {
        let g = Granted::default();
        assert!(matches!(
            g.check_write("/home/zoe/.ssh/id_ed25519"),
            Err(pop_core::CoreError::NotChosen { .. })
        ));
        g.grant(
            std::path::Path::new("/home/zoe/Documenten/plan.pdf"),
            Access::Write,
        );
        assert!(g.check_write("/home/zoe/Documenten/plan.pdf").is_ok());
        assert!(g.check_write("/home/zoe/Documenten/../.bashrc").is_err());
    }

    #[test]
    fn a_file_chosen_for_reading_cannot_be_written_and_the_other_way_round() {
        let g = Granted::default();
        g.grant(
            std::path::Path::new("/home/zoe/plan.pop.json"),
            Access::Read,
        );
        g.grant(std::path::Path::new("/home/zoe/plan.pdf"), Access::Write);
        assert!(g.check_read("/home/zoe/plan.pop.json").is_ok());
        assert!(g.check_write("/home/zoe/plan.pop.json").is_err());
        assert!(g.check_read("/home/zoe/plan.pdf").is_err());
    }
}

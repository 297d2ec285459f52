//! The exchange folder in the running app: a pass at start, whenever the folder changes
//! (file watching with `notify`), and every half minute as a fallback; each pass imports
//! new packages and writes changed plans (see `pop_core::folder`). The UI hears `exchange`
//! when something was imported or written.

use crate::state::AppStore;
use notify::{RecursiveMode, Watcher};
use pop_core::folder::{self, FolderState, SyncReport};
use pop_core::CommandError;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// Wakes the watcher loop early (the folder was changed in Settings).
pub struct Wake(pub std::sync::Mutex<Option<mpsc::Sender<()>>>);

fn pass(app: &AppHandle) -> Option<SyncReport> {
    let state = app.try_state::<AppStore>()?;
    match state.run_lang(folder::sync_all) {
        Ok(report) => {
            if !report.imported.is_empty() || !report.written.is_empty() {
                let _ = app.emit("exchange", ());
            }
            Some(report)
        }
        Err(e) => {
            if e.code != pop_core::ErrorCode::Passphrase {
                eprintln!("groeikoers: exchange folder: {}", e.message);
            }
            None
        }
    }
}

/// Starts the loop that keeps the exchange folder in step.
pub fn start(app: AppHandle) {
    let (tx, rx) = mpsc::channel::<()>();
    if let Some(wake) = app.try_state::<Wake>() {
        if let Ok(mut w) = wake.0.lock() {
            *w = Some(tx.clone());
        }
    }
    std::thread::spawn(move || {
        let mut watched: Vec<PathBuf> = Vec::new();
        // Held so the watchers keep watching; replaced when the folders change.
        let mut _watchers: Vec<notify::RecommendedWatcher> = Vec::new();
        loop {
            pass(&app);
            let dirs: Vec<PathBuf> = app
                .try_state::<AppStore>()
                .and_then(|s| s.run(|store, _| folder::exchange_folders(store)).ok())
                .unwrap_or_default()
                .into_iter()
                .map(|(_, d)| d)
                .collect();
            if dirs != watched {
                _watchers = dirs
                    .iter()
                    .filter_map(|d| {
                        let tx = tx.clone();
                        let mut w =
                            notify::recommended_watcher(move |_: notify::Result<notify::Event>| {
                                let _ = tx.send(());
                            })
                            .ok()?;
                        w.watch(d, RecursiveMode::NonRecursive).ok()?;
                        Some(w)
                    })
                    .collect();
                watched = dirs;
            }
            let _ = rx.recv_timeout(Duration::from_secs(30));
            // A sync engine writes in bursts: let it finish, then take everything at once.
            std::thread::sleep(Duration::from_millis(500));
            while rx.try_recv().is_ok() {}
        }
    });
}

fn wake(app: &AppHandle) {
    if let Some(w) = app.try_state::<Wake>() {
        if let Some(tx) = w.0.lock().ok().and_then(|g| g.clone()) {
            let _ = tx.send(());
        }
    }
}

#[tauri::command(async)]
pub fn exchange_folder_state(state: State<'_, AppStore>) -> Result<FolderState, CommandError> {
    state.run(|store, _| folder::folder_state(store))
}

/// Opens the folder dialog (the webview never names a path) and shares the chosen folder
/// with `person_id`.
#[tauri::command(async)]
pub fn choose_exchange_folder(
    app: AppHandle,
    state: State<'_, AppStore>,
    person_id: String,
    title: String,
) -> Result<FolderState, CommandError> {
    let chosen = match crate::e2e_hook!("GROEIKOERS_E2E_EXCHANGE_DIR") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => app
            .dialog()
            .file()
            .set_title(title)
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(dir) = chosen else {
        return state.run(|store, _| folder::folder_state(store));
    };
    let result = state.run(|store, _| folder::set_exchange_folder(store, &person_id, Some(&dir)));
    wake(&app);
    result
}

#[tauri::command(async)]
pub fn clear_exchange_folder(
    state: State<'_, AppStore>,
    person_id: String,
) -> Result<FolderState, CommandError> {
    state.run(|store, _| folder::set_exchange_folder(store, &person_id, None))
}

/// One pass now.
#[tauri::command(async)]
pub fn sync_exchange_now(
    app: AppHandle,
    state: State<'_, AppStore>,
) -> Result<SyncReport, CommandError> {
    let report = state.run_lang(folder::sync_all)?;
    if !report.imported.is_empty() || !report.written.is_empty() {
        let _ = app.emit("exchange", ());
    }
    Ok(report)
}

/// The file name only: the page names a package that waits in an exchange folder, never a
/// path elsewhere.
fn waiting_name(file_name: &str) -> Result<PathBuf, CommandError> {
    match std::path::Path::new(file_name).file_name() {
        Some(name) if name == std::ffi::OsStr::new(file_name) => Ok(PathBuf::from(name)),
        _ => Err(CommandError {
            code: pop_core::ErrorCode::Validation,
            message: format!("{file_name}: not a file name"),
            field: None,
        }),
    }
}

/// Takes in a new plan that waits in an exchange folder (the owner looked at it).
#[tauri::command(async)]
pub fn accept_exchange_file(
    app: AppHandle,
    state: State<'_, AppStore>,
    file_name: String,
) -> Result<pop_core::package::ImportReport, CommandError> {
    let name = waiting_name(&file_name)?;
    let report =
        state.run_lang(|store, clock, lang| folder::accept_file(store, clock, lang, &name))?;
    let _ = app.emit("exchange", ());
    Ok(report)
}

/// Refuses a package that waits in an exchange folder.
#[tauri::command(async)]
pub fn refuse_exchange_file(
    state: State<'_, AppStore>,
    file_name: String,
) -> Result<FolderState, CommandError> {
    let name = waiting_name(&file_name)?;
    state.run_lang(|store, clock, lang| {
        folder::refuse_file(store, clock, lang, &name)?;
        folder::folder_state(store)
    })
}

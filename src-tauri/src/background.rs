//! Running in the background so reminders fire while the window is closed: a tray icon with a
//! small menu, closing the window hides it to the tray (a setting, on by default), and an
//! option to start at login (tauri-plugin-autostart), which starts Groeikoers hidden.

use crate::state::AppStore;
use pop_core::domain::Language;
use pop_core::settings::BackgroundSettings;
use pop_core::CommandError;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Manager, State, WindowEvent};
use tauri_plugin_autostart::ManagerExt;

/// The argument the login item starts Groeikoers with: no window, only the tray.
pub const HIDDEN_ARG: &str = "--hidden";
const TRAY_ID: &str = "groeikoers";

/// Whether a tray icon could be made (a desktop without a tray has none).
#[derive(Default)]
pub struct Tray(AtomicBool);

pub fn started_hidden() -> bool {
    std::env::args().any(|a| a == HIDDEN_ARG)
}

fn words(lang: Language) -> [&'static str; 4] {
    match lang {
        Language::Nl => [
            "Groeikoers openen",
            "Overzicht",
            "Afsluiten",
            "Groeikoers — herinneringen staan aan",
        ],
        Language::En => [
            "Open Groeikoers",
            "Overview",
            "Quit",
            "Groeikoers — reminders are on",
        ],
    }
}

/// The notice when Groeikoers starts at login with encrypted data.
pub fn locked_notice(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Nl => (
            "Groeikoers is vergrendeld",
            "Je gegevens zijn versleuteld. Open Groeikoers via het systeemvak en voer je wachtwoordzin in om herinneringen te krijgen.",
        ),
        Language::En => (
            "Groeikoers is locked",
            "Your data is encrypted. Open Groeikoers from the system tray and enter your passphrase to get reminders.",
        ),
    }
}

/// The notice when the app locked itself after the idle time.
pub fn idle_locked_notice(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Nl => (
            "Groeikoers is vergrendeld",
            "Groeikoers is na een tijd zonder gebruik vergrendeld. Herinneringen wachten tot je je wachtwoordzin weer invoert; daarna zie je ze alsnog.",
        ),
        Language::En => (
            "Groeikoers is locked",
            "Groeikoers locked itself after a while without use. Reminders wait until you enter your passphrase again; you will see them then.",
        ),
    }
}

/// Shows the main window again (and tells the UI which screen, if any).
pub fn show_main(app: &AppHandle, view: Option<&str>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    if let Some(view) = view {
        let _ = app.emit("navigate", view);
    }
}

/// Makes the tray icon; on a desktop without a tray this fails quietly and the window's
/// close button quits as usual.
pub fn setup_tray(app: &AppHandle, lang: Language) {
    let made = (|| -> tauri::Result<()> {
        let [open, overview, quit, tip] = words(lang);
        let open = MenuItem::with_id(app, "open", open, true, None::<&str>)?;
        let overview = MenuItem::with_id(app, "overview", overview, true, None::<&str>)?;
        let quit = MenuItem::with_id(app, "quit", quit, true, None::<&str>)?;
        let sep = PredefinedMenuItem::separator(app)?;
        let menu = Menu::with_items(app, &[&open, &overview, &sep, &quit])?;
        let mut tray = TrayIconBuilder::with_id(TRAY_ID)
            .tooltip(tip)
            .menu(&menu)
            .show_menu_on_left_click(false)
            .on_menu_event(|app, event| match event.id.as_ref() {
                "open" => show_main(app, None),
                "overview" => show_main(app, Some("overview")),
                "quit" => flush_then(app, |app| app.exit(0)),
                _ => {}
            })
            .on_tray_icon_event(|tray, event| {
                if let TrayIconEvent::Click {
                    button: MouseButton::Left,
                    button_state: MouseButtonState::Up,
                    ..
                } = event
                {
                    show_main(tray.app_handle(), None);
                }
            });
        if let Some(icon) = app.default_window_icon() {
            tray = tray.icon(icon.clone());
        }
        tray.build(app)?;
        Ok(())
    })();
    match made {
        Ok(()) => app.state::<Tray>().0.store(true, Ordering::Relaxed),
        Err(e) => eprintln!("groeikoers: no tray icon on this desktop ({e})"),
    }
}

/// The tray menu in the language just chosen.
pub fn retitle_tray(app: &AppHandle, lang: Language) {
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let _ = app.remove_tray_by_id(tray.id());
        setup_tray(app, lang);
    }
}

/// Closing the main window hides it while there is a tray and the setting is on; reminders
/// keep firing. Quit from the tray menu.
pub fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let app = window.app_handle();
        let tray = app.state::<Tray>().0.load(Ordering::Relaxed);
        let keep = app
            .try_state::<AppStore>()
            .and_then(|s| {
                s.run(|store, _| pop_core::settings::run_in_tray(store))
                    .ok()
            })
            .unwrap_or(false);
        if tray && keep && window.label() == "main" {
            api.prevent_close();
            let _ = window.hide();
        } else if window.label() == "main" {
            // Closing for good: the editor first writes what was typed in the last moment.
            api.prevent_close();
            let window = window.clone();
            flush_then(app, move |_| {
                let _ = window.destroy();
            });
        }
    }
}

/// Asks the UI to write its pending edits (`flush`), gives it a moment, then runs `then`.
fn flush_then(app: &AppHandle, then: impl FnOnce(&AppHandle) + Send + 'static) {
    let _ = app.emit("flush", ());
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        then(&app);
    });
}

fn autostart_error(lang: Language, e: impl std::fmt::Display) -> CommandError {
    CommandError {
        code: pop_core::ErrorCode::Io,
        message: match lang {
            Language::Nl => format!("Starten bij inloggen kon niet worden ingesteld: {e}"),
            Language::En => format!("Could not set starting at login: {e}"),
        },
        field: None,
    }
}

fn current(app: &AppHandle, state: &AppStore) -> Result<BackgroundSettings, CommandError> {
    Ok(BackgroundSettings {
        run_in_tray: state.run(|store, _| pop_core::settings::run_in_tray(store))?,
        start_at_login: app.autolaunch().is_enabled().unwrap_or(false),
        tray_available: app.state::<Tray>().0.load(Ordering::Relaxed),
    })
}

#[tauri::command(async)]
pub fn background_settings(
    app: AppHandle,
    state: State<'_, AppStore>,
) -> Result<BackgroundSettings, CommandError> {
    current(&app, &state)
}

#[tauri::command(async)]
pub fn set_background_settings(
    app: AppHandle,
    state: State<'_, AppStore>,
    run_in_tray: bool,
    start_at_login: bool,
) -> Result<BackgroundSettings, CommandError> {
    state.run(|store, _| pop_core::settings::set_run_in_tray(store, run_in_tray))?;
    let lang = state.run(|store, _| Ok(pop_core::settings::language(store)))?;
    let auto = app.autolaunch();
    if auto.is_enabled().unwrap_or(false) != start_at_login {
        let done = if start_at_login {
            auto.enable()
        } else {
            auto.disable()
        };
        done.map_err(|e| autostart_error(lang, e))?;
    }
    current(&app, &state)
}

/// The daily backup while the app runs: checked every quarter of an hour, made when the
/// newest backup is more than a day old (nothing happens while the store is locked).
pub fn start_daily_backups(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        // A copy of a large store takes a while: not before the first screen is up and the
        // person had a moment to start.
        crate::reminders::after_first_screen(&app).await;
        tokio::time::sleep(std::time::Duration::from_secs(10)).await;
        loop {
            if let Some(state) = app.try_state::<AppStore>() {
                if let Err(e) = state.run(|store, clock| {
                    pop_core::security::daily_backup(store, clock.now()).map(|_| ())
                }) {
                    if e.code != pop_core::ErrorCode::Passphrase {
                        eprintln!("groeikoers: daily backup failed: {}", e.message);
                    }
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(15 * 60)).await;
        }
    });
}

/// The idle lock, timed here rather than in the page (a hidden window's timers may be
/// slowed down): after the chosen minutes without use the UI writes its pending edits, the
/// encrypted store is closed (and the passphrase with it), and the UI shows the unlock screen.
pub fn start_idle_lock(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let Some(state) = app.try_state::<AppStore>() else {
            continue;
        };
        let Some(minutes) = state.idle_lock_minutes() else {
            continue;
        };
        // The end-to-end tests shorten a minute to a second (GROEIKOERS_E2E_IDLE_SECONDS).
        let unit = match crate::e2e_hook!("GROEIKOERS_E2E_IDLE_SECONDS") {
            Some(_) => 1,
            None => 60,
        };
        if state.idle_for() >= std::time::Duration::from_secs(u64::from(minutes) * unit) {
            let _ = app.emit("flush", ());
            std::thread::sleep(std::time::Duration::from_millis(500));
            if matches!(state.lock(), Ok(true)) {
                let _ = app.emit("locked", ());
                // Reminders cannot be read while the data is locked: say so once.
                let (title, body) = idle_locked_notice(state.lang_while_locked());
                crate::reminders::notify(&app, title, body);
            }
        }
    });
}

/// The user did something in the window (sent at most every few seconds by the UI).
#[tauri::command(async)]
pub fn touch_activity(state: State<'_, AppStore>) {
    state.touch();
}

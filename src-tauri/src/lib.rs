//! The Groeikoers desktop shell: opens the store, shows the window, and exposes thin commands
//! over `pop_core`. A store that cannot be opened is reported in a native dialog and the app
//! quits without touching the file.

/// A hook of the end-to-end tests: the environment variable `$name`, read only in builds
/// with the `e2e` feature. In every other build (a release, the installed app) the name is
/// not even compiled in, so no environment can change what a dialog answers.
#[macro_export]
macro_rules! e2e_hook {
    ($name:literal) => {{
        #[cfg(feature = "e2e")]
        let hook = std::env::var_os($name);
        #[cfg(not(feature = "e2e"))]
        let hook: Option<std::ffi::OsString> = None;
        hook
    }};
}

mod background;
mod commands;
mod confirm;
mod exchange;
mod opened;
mod reminders;
mod state;

use pop_core::domain::Language;
use pop_core::{messages, paths, Store};
use state::AppStore;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

pub fn run() {
    let started = std::time::Instant::now();
    let launch_files = opened::file_args(
        &std::env::args().collect::<Vec<_>>(),
        &std::env::current_dir().unwrap_or_default(),
    );
    tauri::Builder::default()
        // First, so that a second launch on the same data file hands over and exits before
        // anything else starts.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(opened::instance_id(&paths::default_db_path()))
                .callback(opened::second_launch)
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .app_name("Groeikoers")
                .arg(background::HIDDEN_ARG)
                .build(),
        )
        .manage(background::Tray::default())
        .manage(commands::files::Granted::default())
        .manage(opened::OpenedFiles::default())
        .on_window_event(background::on_window_event)
        .invoke_handler(tauri::generate_handler![
            commands::settings::get_app_state,
            commands::settings::complete_onboarding,
            commands::settings::update_settings,
            commands::settings::save_my_profile,
            commands::settings::received_share,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::create_person,
            commands::people::update_person,
            commands::people::mark_person_left,
            commands::people::mark_person_active,
            commands::plans::list_examples,
            commands::plans::list_plans,
            commands::plans::get_plan,
            commands::plans::create_plan,
            commands::plans::create_plan_from_example,
            commands::plans::save_plan_content,
            commands::plans::set_plan_status,
            commands::plans::delete_draft,
            commands::plans::undo_delete_draft,
            commands::plans::carry_over,
            commands::plans::apply_guide_to_plan,
            commands::files::choose_save_path,
            commands::files::choose_open_path,
            commands::files::export_plan_to_file,
            commands::files::import_plan_file,
            commands::files::print_page,
            commands::files::export_plan_pdf,
            commands::files::open_pdf,
            commands::files::export_preparation_pdf,
            commands::files::preparation_texts,
            commands::signing::sign_plan,
            commands::journal::add_journal_entry,
            commands::journal::journal_month,
            commands::journal::search_journal,
            commands::journal::export_journal_pdf,
            commands::journal::journal_goals,
            commands::plans::preview_example,
            commands::budget::budget_schemes,
            commands::budget::set_budget_scheme,
            commands::budget::person_budget,
            commands::budget::change_person_fte,
            commands::budget::sign_clause,
            commands::budget::stop_clause,
            commands::budget::clause_threshold,
            commands::budget::set_clause_threshold,
            commands::budget::person_settlement,
            commands::budget::new_clause,
            commands::budget::person_clauses,
            commands::budget::export_clause_pdf,
            commands::direction::get_direction,
            commands::direction::add_team_goal,
            commands::direction::update_team_goal,
            commands::direction::remove_team_goal,
            commands::direction::add_development,
            commands::direction::remove_development,
            commands::direction::export_direction_pdf,
            commands::direction::link_goal,
            commands::direction::plan_links,
            commands::direction::feedback_request,
            commands::direction::export_feedback_form,
            commands::direction::record_feedback,
            commands::direction::plan_feedback,
            commands::direction::checkin_feedback,
            commands::direction::team_results,
            commands::direction::export_results,
            commands::privacy::retention_overview,
            commands::privacy::person_retention,
            commands::privacy::set_retention,
            commands::privacy::set_legal_hold,
            commands::privacy::lift_legal_hold,
            commands::privacy::export_person_data,
            commands::privacy::erase_person,
            commands::privacy::remove_due_data,
            commands::journal::update_journal_entry,
            commands::journal::delete_journal_entry,
            commands::journal::restore_journal_entry,
            commands::signing::new_version,
            commands::signing::plan_history,
            commands::signing::verify_fingerprint,
            commands::signing::device_info,
            background::touch_activity,
            opened::take_opened_file,
            exchange::exchange_folder_state,
            exchange::choose_exchange_folder,
            exchange::clear_exchange_folder,
            exchange::sync_exchange_now,
            exchange::accept_exchange_file,
            exchange::refuse_exchange_file,
            commands::signing::rename_device,
            commands::signing::new_device_key,
            commands::signing::paired_devices,
            commands::signing::pending_devices,
            commands::signing::pair_device,
            commands::signing::revoke_device,
            commands::rhythm::plan_rhythm,
            commands::rhythm::move_checkin,
            commands::rhythm::skip_checkin,
            commands::rhythm::add_checkin,
            commands::rhythm::record_checkin,
            commands::rhythm::set_follow_up_done,
            commands::rhythm::evaluate_plan,
            commands::rhythm::due_board,
            commands::rhythm::reminder_leads,
            commands::rhythm::set_reminder_leads,
            commands::rhythm::export_ics,
            reminders::shown_reminders,
            commands::rhythm::owner_overview,
            commands::rhythm::export_overview,
            commands::files::export_evaluation_pdf,
            background::background_settings,
            background::set_background_settings,
            commands::security::unlock,
            commands::security::lock_app,
            commands::security::security_state,
            commands::security::set_passphrase,
            commands::security::set_security_options,
            commands::security::make_backup,
            commands::security::restore_backup,
        ])
        .on_page_load(move |webview, payload| {
            // For the start-up benchmark (tests/bench/startup.sh): how long from process
            // start until the UI page has loaded.
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                if let Some(ready) = webview.try_state::<reminders::UiReady>() {
                    ready.set();
                }
                if std::env::var_os("GROEIKOERS_STARTUP_PROBE").is_some() {
                    eprintln!("groeikoers: ui-ready {} ms", started.elapsed().as_millis());
                }
            }
        })
        .setup(move |app| {
            app.state::<opened::OpenedFiles>().push(launch_files);
            let path = paths::default_db_path();
            let mut locked = false;
            let opened = match Store::open(&path) {
                Ok(mut store) => {
                    // A running app keeps its page cache warm: no mapping of the whole file.
                    let _ = store.read_without_mmap();
                    // Repairs a crash may have left (a version signed by all, not sealed).
                    let _ =
                        pop_core::signing::after_open(&mut store, &pop_core::domain::SystemClock);
                    Ok(AppStore::new(store))
                }
                // Encrypted: the window asks for the passphrase.
                Err(pop_core::store::StoreError::NeedsPassphrase { .. }) => {
                    locked = true;
                    Ok(AppStore::locked(path.clone(), system_language()))
                }
                Err(e) => Err(e),
            };
            match opened {
                Ok(state) => {
                    let lang = state
                        .run(|store, _| Ok(pop_core::settings::language(store)))
                        .unwrap_or_else(|_| system_language());
                    app.manage(state);
                    app.manage(reminders::UiReady::default());
                    app.manage(commands::plans::Deleted::default());
                    background::setup_tray(app.handle(), lang);
                    open_main_window(app.handle(), !background::started_hidden())?;
                    reminders::start(app.handle().clone());
                    app.manage(exchange::Wake(std::sync::Mutex::new(None)));
                    exchange::start(app.handle().clone());
                    background::start_idle_lock(app.handle().clone());
                    background::start_daily_backups(app.handle().clone());
                    if locked && background::started_hidden() {
                        // Started at login with encrypted data: nothing can be read until
                        // the passphrase is given, so say once where to give it.
                        let (title, body) = background::locked_notice(system_language());
                        reminders::notify(app.handle(), title, body);
                    }
                }
                Err(e) => {
                    let lang = system_language();
                    let title = match lang {
                        Language::Nl => "Groeikoers kan niet starten",
                        Language::En => "Groeikoers cannot start",
                    };
                    let handle = app.handle().clone();
                    app.dialog()
                        .message(messages::store_message(&e, lang))
                        .title(title)
                        .kind(MessageDialogKind::Error)
                        .show(move |_| handle.exit(1));
                }
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("Tauri application builds")
        .run(|_app, _event| {});
}

fn open_main_window(app: &tauri::AppHandle, visible: bool) -> tauri::Result<()> {
    WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
        .title("Groeikoers")
        .visible(visible)
        .inner_size(1180.0, 760.0)
        .min_inner_size(760.0, 520.0)
        .build()?;
    Ok(())
}

/// Before the store is open the chosen language is unknown: follow the system locale.
fn system_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty() && v != "C"))
        .map(|l| Language::from_locale(&l))
        .unwrap_or(Language::Nl)
}

/// A command's name is written in four places; this test fails when they disagree.
#[cfg(test)]
mod command_lists {
    use std::collections::BTreeSet;

    fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
        let from = text.find(start).expect("start marker") + start.len();
        let to = from + text[from..].find(end).expect("end marker");
        &text[from..to]
    }

    fn quoted(text: &str) -> BTreeSet<String> {
        text.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn handlers_build_script_capability_and_ui_name_the_same_commands() {
        let handlers: BTreeSet<String> =
            between(include_str!("lib.rs"), "generate_handler![", "])")
                .split(',')
                .filter_map(|item| item.trim().rsplit("::").next())
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect();
        let built = quoted(between(
            include_str!("../build.rs"),
            "COMMANDS: &[&str] = &[",
            "];",
        ));
        let allowed: BTreeSet<String> = quoted(include_str!("../capabilities/main.json"))
            .into_iter()
            .filter_map(|p| p.strip_prefix("allow-").map(|n| n.replace('-', "_")))
            .collect();
        let ipc = include_str!("../../ui/src/lib/ipc/index.ts");
        let called: BTreeSet<String> = ipc
            .split("call<")
            .skip(2) // the definition of `call` itself
            .filter_map(|rest| {
                let name = rest.split_once("(\"")?.1.split_once('"')?.0;
                Some(name.to_owned())
            })
            .collect();
        assert!(handlers.len() > 50, "{handlers:?}");
        assert_eq!(
            built, handlers,
            "build.rs COMMANDS and generate_handler! differ"
        );
        assert_eq!(
            allowed, handlers,
            "capabilities/main.json and generate_handler! differ"
        );
        assert_eq!(
            called, handlers,
            "ui/src/lib/ipc and generate_handler! differ"
        );
    }
}

//! The reminder loop: a tokio task that asks `pop_core` which reminders are due, shows each
//! once as a native notification (what fired is remembered in the store, so a restart does
//! not repeat it), reports in one notification what was missed while the app was closed, and
//! tells the UI through the `reminders` event so the board refreshes.

use crate::state::AppStore;
use chrono::Local;
use pop_core::domain::rhythm::Reminder;
use pop_core::rhythm;
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

/// Reminders shown since the app started, newest last (the Overview lists the missed ones).
#[derive(Default)]
pub struct Shown(pub Mutex<Vec<Reminder>>);

/// How long the loop sleeps at most: it also notices check-ins added in the meantime.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// Set when the window has loaded its first screen. Work over all plans (the first reminder
/// tick, the daily backup) waits for it — or for [`FIRST_WORK_AT_MOST`] when the window
/// starts hidden — so start-up never waits for it.
pub struct UiReady(tokio::sync::watch::Sender<bool>);

impl Default for UiReady {
    fn default() -> Self {
        Self(tokio::sync::watch::channel(false).0)
    }
}

impl UiReady {
    pub fn set(&self) {
        self.0.send_replace(true);
    }
}

const FIRST_WORK_AT_MOST: Duration = Duration::from_secs(5);

/// Waits until the first screen has loaded (at most [`FIRST_WORK_AT_MOST`]).
pub async fn after_first_screen(app: &AppHandle) {
    let Some(ready) = app.try_state::<UiReady>() else {
        return;
    };
    let mut seen = ready.0.subscribe();
    let _ = tokio::time::timeout(FIRST_WORK_AT_MOST, seen.wait_for(|v| *v)).await;
}

pub fn start(app: AppHandle) {
    app.manage(Shown::default());
    tauri::async_runtime::spawn(async move {
        after_first_screen(&app).await;
        let mut watch = rhythm::ReminderWatch::default();
        loop {
            let wait = tick(&app, &mut watch).unwrap_or(MAX_SLEEP);
            tokio::time::sleep(wait).await;
        }
    });
}

/// Fires what is due now; returns how long to wait for the next one.
fn tick(app: &AppHandle, watch: &mut rhythm::ReminderWatch) -> Option<Duration> {
    let state = app.try_state::<AppStore>()?;
    let (fired, lang, today, next) = state
        .run_lang(|store, clock, lang| {
            let now = clock.now();
            let (fired, next) = watch.tick(store, &Local, now)?;
            Ok((fired, lang, clock.today(), next.map(|t| t - now)))
        })
        .ok()?;
    if !fired.is_empty() {
        let (missed, now): (Vec<_>, Vec<_>) = fired.iter().partition(|r| r.missed);
        for r in &now {
            let (title, body) = rhythm::reminder_text(r, lang, today);
            notify(app, &title, &body);
        }
        if !missed.is_empty() {
            let (title, body) = rhythm::missed_text(missed.len(), lang);
            notify(app, &title, &body);
        }
        if let Some(shown) = app.try_state::<Shown>() {
            if let Ok(mut list) = shown.0.lock() {
                list.extend(fired.iter().cloned());
            }
        }
        let _ = app.emit("reminders", &fired);
    }
    let next = next
        .and_then(|d| d.to_std().ok())
        .unwrap_or(MAX_SLEEP)
        .min(MAX_SLEEP);
    Some(next.max(Duration::from_secs(1)))
}

pub fn notify(app: &AppHandle, title: &str, body: &str) {
    // Delivery errors (no notification daemon) are not the user's problem: the board shows
    // the same things.
    let _ = app.notification().builder().title(title).body(body).show();
}

/// The reminders shown since the app started.
#[tauri::command(async)]
pub fn shown_reminders(shown: tauri::State<'_, Shown>) -> Vec<Reminder> {
    shown.0.lock().map(|l| l.clone()).unwrap_or_default()
}

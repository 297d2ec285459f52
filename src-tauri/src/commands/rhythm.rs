//! Check-ins, the board, the calendar file and reminder settings: thin calls of
//! `pop_core::rhythm` and `pop_core::calendar`.

use crate::state::AppStore;
use pop_core::domain::checkin::Evaluation;
use pop_core::domain::rhythm::{DueBoard, Lead};
use pop_core::rhythm::{self, CheckinInput, CheckinTarget, PlanRhythm};
use pop_core::CommandError;
use tauri::State;

#[tauri::command(async)]
pub fn plan_rhythm(state: State<'_, AppStore>, id: String) -> Result<PlanRhythm, CommandError> {
    state.run(|store, _| rhythm::plan_rhythm(store, &id))
}

#[tauri::command(async)]
pub fn move_checkin(
    state: State<'_, AppStore>,
    id: String,
    target: CheckinTarget,
    date: String,
) -> Result<PlanRhythm, CommandError> {
    state.run(|store, clock| rhythm::move_checkin(store, clock, &id, target, &date))
}

#[tauri::command(async)]
pub fn skip_checkin(
    state: State<'_, AppStore>,
    id: String,
    target: CheckinTarget,
    reason: String,
) -> Result<PlanRhythm, CommandError> {
    state.run(|store, clock| rhythm::skip_checkin(store, clock, &id, target, &reason))
}

#[tauri::command(async)]
pub fn add_checkin(
    state: State<'_, AppStore>,
    id: String,
    date: String,
) -> Result<PlanRhythm, CommandError> {
    state.run(|store, clock| rhythm::add_checkin(store, clock, &id, &date))
}

#[tauri::command(async)]
pub fn record_checkin(
    state: State<'_, AppStore>,
    id: String,
    input: CheckinInput,
) -> Result<PlanRhythm, CommandError> {
    state.run(|store, clock| rhythm::record_checkin(store, clock, &id, input))
}

#[tauri::command(async)]
pub fn set_follow_up_done(
    state: State<'_, AppStore>,
    id: String,
    follow_up_id: String,
    done: bool,
) -> Result<PlanRhythm, CommandError> {
    state.run(|store, clock| rhythm::set_follow_up_done(store, clock, &id, &follow_up_id, done))
}

#[tauri::command(async)]
pub fn evaluate_plan(
    state: State<'_, AppStore>,
    id: String,
    evaluation: Evaluation,
) -> Result<PlanRhythm, CommandError> {
    state.run(|store, clock| rhythm::evaluate_plan(store, clock, &id, evaluation))
}

#[tauri::command(async)]
/// A page of the board: the first `limit` items of each list, with how many each holds.
pub fn due_board(state: State<'_, AppStore>, limit: u32) -> Result<DueBoard, CommandError> {
    let limit = usize::try_from(limit.max(1)).unwrap_or(usize::MAX);
    state.run(|store, clock| rhythm::due_board_page(store, clock.today(), limit))
}

#[tauri::command(async)]
pub fn reminder_leads(state: State<'_, AppStore>) -> Result<Vec<Lead>, CommandError> {
    state.run(|store, _| rhythm::reminder_leads(store))
}

#[tauri::command(async)]
pub fn set_reminder_leads(
    state: State<'_, AppStore>,
    leads: Vec<Lead>,
) -> Result<Vec<Lead>, CommandError> {
    state.run(|store, _| rhythm::set_reminder_leads(store, leads))
}

/// Writes the plan's check-ins (or, without an id, every current plan's) as an ICS file.
#[tauri::command(async)]
pub fn export_ics(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    id: Option<String>,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        match &id {
            Some(id) => pop_core::calendar::plan_ics_to_file(store, lang, id, clock.now(), &path),
            None => pop_core::calendar::all_ics_to_file(store, lang, clock.now(), &path),
        }
    })
}

/// The owner's overview: every person's plan, check-ins, overdue items and planned costs.
#[tauri::command(async)]
pub fn owner_overview(
    state: State<'_, AppStore>,
) -> Result<Vec<pop_core::overview::PersonOverview>, CommandError> {
    state.run(|store, clock| pop_core::overview::owner_overview(store, clock.today()))
}

/// Writes the owner's overview as CSV or XLSX to `path`.
#[tauri::command(async)]
pub fn export_overview(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    format: pop_core::overview::SheetFormat,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        pop_core::overview::export_overview(store, clock.today(), lang, format, &path)
    })
}

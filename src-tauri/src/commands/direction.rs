//! The firm's direction, plan goals linked to it, and observers' feedback.

use crate::state::AppStore;
use pop_core::direction::{self, Direction, FeedbackRequest, FeedbackView, GoalLink};
use pop_core::domain::direction::{DevelopmentInput, FeedbackInput, TeamGoalInput};
use pop_core::CommandError;
use tauri::State;

#[tauri::command(async)]
pub fn get_direction(state: State<'_, AppStore>) -> Result<Direction, CommandError> {
    state.run(|store, _| direction::direction(store))
}

#[tauri::command(async)]
pub fn add_team_goal(
    state: State<'_, AppStore>,
    input: TeamGoalInput,
) -> Result<Direction, CommandError> {
    state.run(|store, clock| {
        direction::add_team_goal(store, clock, &input)?;
        direction::direction(store)
    })
}

#[tauri::command(async)]
pub fn update_team_goal(
    state: State<'_, AppStore>,
    id: String,
    input: TeamGoalInput,
) -> Result<Direction, CommandError> {
    state.run(|store, _| {
        direction::update_team_goal(store, &id, &input)?;
        direction::direction(store)
    })
}

#[tauri::command(async)]
pub fn remove_team_goal(state: State<'_, AppStore>, id: String) -> Result<Direction, CommandError> {
    state.run(|store, _| {
        direction::remove_team_goal(store, &id)?;
        direction::direction(store)
    })
}

#[tauri::command(async)]
pub fn add_development(
    state: State<'_, AppStore>,
    input: DevelopmentInput,
) -> Result<Direction, CommandError> {
    state.run(|store, clock| {
        direction::add_development(store, clock, &input)?;
        direction::direction(store)
    })
}

#[tauri::command(async)]
pub fn remove_development(
    state: State<'_, AppStore>,
    id: String,
) -> Result<Direction, CommandError> {
    state.run(|store, _| {
        direction::remove_development(store, &id)?;
        direction::direction(store)
    })
}

/// Writes the firm's direction as one page to a path chosen in a dialog.
#[tauri::command(async)]
pub fn export_direction_pdf(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        pop_core::files::write_output(store, &path, &direction::direction_pdf(store, clock, lang)?)
    })
}

/// Links goal `goal_id` of a plan to a team goal (`None`: unlinks); the plan's links.
#[tauri::command(async)]
pub fn link_goal(
    state: State<'_, AppStore>,
    plan_id: String,
    goal_id: String,
    team_goal_id: Option<String>,
) -> Result<Vec<GoalLink>, CommandError> {
    state.run(|store, clock| {
        direction::link_goal(store, clock, &plan_id, &goal_id, team_goal_id.as_deref())?;
        direction::plan_links(store, &plan_id)
    })
}

#[tauri::command(async)]
pub fn plan_links(
    state: State<'_, AppStore>,
    plan_id: String,
) -> Result<Vec<GoalLink>, CommandError> {
    state.run(|store, _| direction::plan_links(store, &plan_id))
}

/// The request for a measure point's observer, as text to paste.
#[tauri::command(async)]
pub fn feedback_request(
    state: State<'_, AppStore>,
    plan_id: String,
    goal_id: String,
    measure_id: String,
) -> Result<FeedbackRequest, CommandError> {
    state.run_lang(|store, _, lang| {
        direction::feedback_request(store, lang, &plan_id, &goal_id, &measure_id)
    })
}

#[tauri::command(async)]
pub fn export_feedback_form(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    plan_id: String,
    goal_id: String,
    measure_id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        let pdf =
            direction::feedback_form_pdf(store, clock, lang, &plan_id, &goal_id, &measure_id)?;
        pop_core::files::write_output(store, &path, &pdf)
    })
}

/// Records an observer's answer; the plan's feedback afterwards.
#[tauri::command(async)]
pub fn record_feedback(
    state: State<'_, AppStore>,
    plan_id: String,
    goal_id: String,
    measure_id: String,
    input: FeedbackInput,
) -> Result<Vec<FeedbackView>, CommandError> {
    state.run(|store, clock| {
        direction::record_feedback(store, clock, &plan_id, &goal_id, &measure_id, &input)?;
        direction::plan_feedback(store, &plan_id)
    })
}

#[tauri::command(async)]
pub fn plan_feedback(
    state: State<'_, AppStore>,
    plan_id: String,
) -> Result<Vec<FeedbackView>, CommandError> {
    state.run(|store, _| direction::plan_feedback(store, &plan_id))
}

/// What observers saw since the plan's last held check-in (for the next check-in's Reality).
#[tauri::command(async)]
pub fn checkin_feedback(
    state: State<'_, AppStore>,
    plan_id: String,
) -> Result<Vec<FeedbackView>, CommandError> {
    state.run(|store, _| direction::feedback_since_last_checkin(store, &plan_id))
}

/// What it cost and what it brought, per year for the team and per person.
#[tauri::command(async)]
pub fn team_results(
    state: State<'_, AppStore>,
) -> Result<pop_core::results::Results, CommandError> {
    state.run(|store, _| pop_core::results::results(store))
}

#[tauri::command(async)]
pub fn export_results(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    format: pop_core::overview::SheetFormat,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, _, lang| {
        let path = files.check_write(&path)?;
        pop_core::results::export_results(store, lang, format, &path)
    })
}

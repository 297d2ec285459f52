use crate::state::AppStore;
use pop_core::domain::plan::{Plan, PlanContent, PlanStatus};
use pop_core::examples::{self, ExampleSummary};
use pop_core::plans::{self, NewPlanInput, PlanSummary, PlanView};
use pop_core::CommandError;
use tauri::State;

#[tauri::command(async)]
pub fn list_examples(state: State<'_, AppStore>) -> Result<Vec<ExampleSummary>, CommandError> {
    state.run_lang(|_, _, lang| Ok(examples::list_examples(lang)))
}

/// A worked example as it would become the plan of `person_id`, in `language` (default
/// the app's), to look at before creating it.
#[tauri::command(async)]
pub fn preview_example(
    state: State<'_, AppStore>,
    person_id: String,
    slug: String,
    language: Option<pop_core::domain::Language>,
) -> Result<pop_core::domain::plan::PlanContent, CommandError> {
    state.run_lang(|store, clock, lang| {
        plans::preview_example(store, clock, language.unwrap_or(lang), &person_id, &slug)
    })
}

#[tauri::command(async)]
pub fn list_plans(
    state: State<'_, AppStore>,
    person_id: Option<String>,
) -> Result<Vec<PlanSummary>, CommandError> {
    state.run(|store, _| plans::list_plans(store, person_id.as_deref()))
}

#[tauri::command(async)]
pub fn get_plan(state: State<'_, AppStore>, id: String) -> Result<PlanView, CommandError> {
    state.run_lang(|store, _, lang| plans::get_plan_view(store, lang, &id))
}

#[tauri::command(async)]
pub fn create_plan(state: State<'_, AppStore>, input: NewPlanInput) -> Result<Plan, CommandError> {
    state.run_lang(|store, clock, lang| plans::create_plan(store, clock, lang, input))
}

#[tauri::command(async)]
pub fn create_plan_from_example(
    state: State<'_, AppStore>,
    person_id: String,
    slug: String,
    language: Option<pop_core::domain::Language>,
) -> Result<Plan, CommandError> {
    state.run_lang(|store, clock, lang| {
        plans::create_plan_from_example(store, clock, language.unwrap_or(lang), &person_id, &slug)
    })
}

#[tauri::command(async)]
pub fn save_plan_content(
    state: State<'_, AppStore>,
    id: String,
    content: PlanContent,
    partly: Option<bool>,
) -> Result<PlanView, CommandError> {
    state.run_lang(|store, clock, lang| {
        if partly == Some(true) {
            plans::autosave_plan_content(store, clock, lang, &id, content)
        } else {
            plans::save_plan_content(store, clock, lang, &id, content)
        }
    })
}

#[tauri::command(async)]
pub fn set_plan_status(
    state: State<'_, AppStore>,
    id: String,
    status: PlanStatus,
) -> Result<PlanView, CommandError> {
    state.run_lang(|store, clock, lang| plans::set_plan_status(store, clock, lang, &id, status))
}

#[tauri::command(async)]
pub fn carry_over(state: State<'_, AppStore>, id: String) -> Result<Plan, CommandError> {
    state.run(|store, clock| plans::carry_over(store, clock, &id))
}

#[tauri::command(async)]
pub fn apply_guide_to_plan(
    state: State<'_, AppStore>,
    id: String,
) -> Result<PlanView, CommandError> {
    state.run_lang(|store, clock, lang| plans::apply_guide_to_plan(store, clock, lang, &id))
}

/// Drafts deleted in this session, newest last: what Undo puts back.
#[derive(Default)]
pub struct Deleted(pub std::sync::Mutex<Vec<Plan>>);

/// Deletes a draft nobody signed; Undo ([`undo_delete_draft`]) puts it back.
#[tauri::command(async)]
pub fn delete_draft(
    state: State<'_, AppStore>,
    deleted: State<'_, Deleted>,
    id: String,
) -> Result<(), CommandError> {
    let plan = state.run(|store, clock| plans::delete_draft(store, clock, &id))?;
    if let Ok(mut list) = deleted.0.lock() {
        list.push(plan);
    }
    Ok(())
}

/// Puts back the draft deleted last; its id.
#[tauri::command(async)]
pub fn undo_delete_draft(
    state: State<'_, AppStore>,
    deleted: State<'_, Deleted>,
) -> Result<Option<String>, CommandError> {
    let Some(plan) = deleted.0.lock().ok().and_then(|mut l| l.pop()) else {
        return Ok(None);
    };
    match state.run(|store, clock| plans::restore_draft(store, clock, &plan)) {
        Ok(p) => Ok(Some(p.id)),
        Err(e) => {
            if let Ok(mut list) = deleted.0.lock() {
                list.push(plan);
            }
            Err(e)
        }
    }
}

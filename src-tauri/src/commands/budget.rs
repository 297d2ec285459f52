//! The employer's side: the budget scheme and a person's budget.

use crate::state::AppStore;
use pop_core::budget::{self, BudgetView};
use pop_core::domain::budget::Scheme;
use pop_core::CommandError;
use tauri::State;

/// Every budget scheme, oldest first (each from its start date until the next).
#[tauri::command(async)]
pub fn budget_schemes(state: State<'_, AppStore>) -> Result<Vec<Scheme>, CommandError> {
    state.run(|store, _| budget::schemes(store))
}

#[tauri::command(async)]
pub fn set_budget_scheme(
    state: State<'_, AppStore>,
    scheme: Scheme,
) -> Result<Vec<Scheme>, CommandError> {
    state.run(|store, clock| {
        budget::set_scheme(store, clock, scheme)?;
        budget::schemes(store)
    })
}

/// A person's budget today (or on `at`, `YYYY-MM-DD`).
#[tauri::command(async)]
pub fn person_budget(
    state: State<'_, AppStore>,
    person_id: String,
    at: Option<String>,
) -> Result<BudgetView, CommandError> {
    state.run(|store, clock| {
        let day = match at.as_deref() {
            Some(s) => {
                pop_core::domain::text::optional_date(pop_core::domain::Field::Budget, Some(s))?
                    .unwrap_or_else(|| clock.today())
            }
            None => clock.today(),
        };
        budget::person_budget(store, &person_id, day)
    })
}

/// Changes a person's FTE from a day on (as typed: "0,8"); their budget today afterwards.
#[tauri::command(async)]
pub fn change_person_fte(
    state: State<'_, AppStore>,
    person_id: String,
    from: String,
    fte: String,
) -> Result<BudgetView, CommandError> {
    state.run(|store, clock| budget::change_fte(store, &person_id, &from, &fte, clock.today()))
}

/// What leaving settles for a person who left: per clause what is owed, the set-off against
/// the final pay above the protected amount, what is left to invoice, the budget lapsed.
#[tauri::command(async)]
pub fn person_settlement(
    state: State<'_, AppStore>,
    person_id: String,
    final_pay_cents: i64,
    protected_cents: i64,
) -> Result<budget::Settlement, CommandError> {
    state.run(|store, _| budget::settlement(store, &person_id, final_pay_cents, protected_cents))
}

/// Agrees a study-cost clause (refused for training free by law, a rising scale, …).
#[tauri::command(async)]
pub fn new_clause(
    state: State<'_, AppStore>,
    input: budget::ClauseInput,
) -> Result<budget::ClauseView, CommandError> {
    state.run(|store, clock| budget::new_clause(store, clock, input))
}

/// The owner's threshold for study-cost clauses in cents (`None`: none).
#[tauri::command(async)]
pub fn clause_threshold(state: State<'_, AppStore>) -> Result<Option<i64>, CommandError> {
    state.run(|store, _| budget::clause_threshold(store))
}

/// Sets the threshold (`None` or 0 removes it); the threshold afterwards.
#[tauri::command(async)]
pub fn set_clause_threshold(
    state: State<'_, AppStore>,
    cents: Option<i64>,
) -> Result<Option<i64>, CommandError> {
    state.run(|store, _| budget::set_clause_threshold(store, cents))
}

/// One party signs a clause (before the training starts); the clause afterwards.
#[tauri::command(async)]
pub fn sign_clause(
    state: State<'_, AppStore>,
    id: String,
    input: pop_core::domain::signing::SignInput,
) -> Result<budget::ClauseView, CommandError> {
    state.run(|store, clock| budget::sign_clause(store, clock, &id, input))
}

/// The employee stopped the clause's training without good reason (a trigger); the clause
/// afterwards, with what that owes.
#[tauri::command(async)]
pub fn stop_clause(
    state: State<'_, AppStore>,
    id: String,
    on: String,
    note: Option<String>,
) -> Result<budget::ClauseView, CommandError> {
    state.run(|store, clock| budget::stop_clause(store, clock, &id, &on, note.as_deref()))
}

#[tauri::command(async)]
pub fn person_clauses(
    state: State<'_, AppStore>,
    person_id: String,
) -> Result<Vec<budget::ClauseView>, CommandError> {
    state.run(|store, _| budget::clauses_of(store, &person_id))
}

/// Writes a clause's A4 annex to a path chosen in a dialog.
#[tauri::command(async)]
pub fn export_clause_pdf(
    state: State<'_, AppStore>,
    files: State<'_, crate::commands::files::Granted>,
    id: String,
    path: String,
) -> Result<(), CommandError> {
    state.run_lang(|store, clock, lang| {
        let path = files.check_write(&path)?;
        budget::clause_pdf_to_file(store, clock, lang, &id, &path)
    })
}

//! Use cases for plans: create (blank or from a worked example), edit with the POP-check,
//! move through the lifecycle, carry unfinished goals into a next plan, list.

use crate::error::{CoreError, Entity, Result};
use crate::examples;
use crate::new_id;
use crate::people::get_person;
use crate::review::{review, CheckFinding};
use pop_domain::plan::{
    default_period, validate_content, ActionStatus, Plan, PlanContent, PlanStatus,
};
use pop_domain::text::optional_date;
use pop_domain::{Clock, Field, Language, Problem, ValidationError};
use pop_store::{people as people_repo, plans as repo, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A plan with what the editor shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub plan: Plan,
    pub person_name: String,
    pub findings: Vec<CheckFinding>,
    pub signing: crate::signing::SigningState,
    /// What the last save kept back (empty: everything was saved).
    #[serde(default, skip_deserializing)]
    pub unsaved: Vec<UnsavedChange>,
}

/// A change a save kept back because it would make the plan invalid, while every other
/// change was saved: where in the plan (a JSON pointer such as `/goals/0/title`), which
/// field, and the message in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnsavedChange {
    pub pointer: String,
    pub field: pop_domain::Field,
    pub message: String,
}

/// A plan as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub id: String,
    pub person_id: String,
    pub person_name: String,
    pub title: String,
    pub status: PlanStatus,
    pub period_start: chrono::NaiveDate,
    pub period_end: chrono::NaiveDate,
    pub goal_count: u32,
    pub error_count: u32,
    pub warning_count: u32,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// A draft one party has signed: who still has to sign (empty otherwise). Such a draft
    /// can no longer be changed; the list names the state ("waiting for the manager").
    pub waiting_for: Vec<pop_domain::signing::Party>,
}

/// A new, empty plan for a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPlanInput {
    pub person_id: String,
    /// Start of the period (default today); the period runs twelve months.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub period_start: Option<String>,
    /// The plan's language (default: the app's).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub language: Option<Language>,
}

fn not_found(id: &str) -> CoreError {
    CoreError::NotFound {
        what: Entity::Plan,
        id: id.to_owned(),
    }
}

fn person_or_invalid(store: &Store, person_id: &str) -> Result<pop_domain::Person> {
    get_person(store, person_id)
        .map_err(|_| ValidationError::new(Field::Person, Problem::UnknownPerson).into())
}

/// The manager's name as the plan should show it: the person's manager, else the owner's
/// own name (empty when the owner has not given it).
fn manager_name(store: &Store, person: &pop_domain::Person) -> Result<String> {
    Ok(match &person.manager_id {
        Some(id) => people_repo::get(store.conn(), id)?
            .map(|m| m.full_name)
            .unwrap_or_default(),
        None => crate::settings::owner_name(store)?,
    })
}

pub fn create_plan(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    input: NewPlanInput,
) -> Result<Plan> {
    let person = person_or_invalid(store, &input.person_id)?;
    let lang = input.language.unwrap_or(lang);
    let start = optional_date(Field::PeriodStart, input.period_start.as_deref())?
        .unwrap_or_else(|| clock.today());
    let (period_start, period_end) = default_period(start);
    let title = match lang {
        Language::Nl => format!("Ontwikkelplan {}", start.format("%Y")),
        Language::En => format!("Development plan {}", start.format("%Y")),
    };
    let content = PlanContent {
        title,
        period_start,
        period_end,
        role: person.role.clone(),
        manager_name: manager_name(store, &person)?,
        language: Some(lang),
        ..Default::default()
    };
    insert_new(store, clock, &person.id, content, None)
}

/// Makes an editable plan for `person_id` from a worked example, in `lang`, moved to start
/// today (every date keeps its distance to the start).
pub fn create_plan_from_example(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    person_id: &str,
    slug: &str,
) -> Result<Plan> {
    create_plan_from_example_at(store, clock, lang, person_id, slug, None)
}

/// Like [`create_plan_from_example`], with the period starting on `start` (`YYYY-MM-DD`)
/// instead of today.
pub fn create_plan_from_example_at(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    person_id: &str,
    slug: &str,
    start: Option<&str>,
) -> Result<Plan> {
    let content = example_content(store, clock, lang, person_id, slug, start)?;
    insert_new(store, clock, person_id, content, None)
}

/// What a plan made from a worked example would hold for `person_id` (their names in it, the
/// dates from `start` or today) — the preview before creating it; nothing is stored.
pub fn preview_example(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    person_id: &str,
    slug: &str,
) -> Result<PlanContent> {
    example_content(store, clock, lang, person_id, slug, None)
}

fn example_content(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    person_id: &str,
    slug: &str,
    start: Option<&str>,
) -> Result<PlanContent> {
    let person = person_or_invalid(store, person_id)?;
    let example = examples::find(slug)
        .ok_or_else(|| ValidationError::new(Field::Example, Problem::UnknownExample))?;
    let start =
        pop_domain::text::optional_date(Field::PeriodStart, start)?.unwrap_or(clock.today());
    let mut content = example.content(lang).clone();
    content.language = Some(lang);
    examples::shift_dates(&mut content, start);
    examples::fresh_ids(&mut content);
    if !person.role.is_empty() {
        content.role = person.role.clone();
    }
    let manager = manager_name(store, &person)?;
    examples::fill_people(
        &mut content,
        lang,
        &examples::People {
            employee: &person.full_name,
            manager: Some(manager.as_str()).filter(|m| !m.is_empty()),
        },
    );
    Ok(content)
}

fn insert_new(
    store: &mut Store,
    clock: &dyn Clock,
    person_id: &str,
    content: PlanContent,
    carried_from: Option<String>,
) -> Result<Plan> {
    let content = validate_content(content)?;
    let now = clock.now();
    let plan = Plan {
        id: new_id(),
        person_id: person_id.to_owned(),
        status: PlanStatus::Draft,
        carried_from,
        content,
        created_at: now,
        updated_at: now,
        version: 1,
        previous_version: None,
        version_reason: String::new(),
    };
    let at = now.to_rfc3339();
    store.write(|tx| {
        repo::insert(tx, &plan)?;
        pop_store::signing::log_event(tx, &at, Some(&plan.id), "created", "")
    })?;
    Ok(plan)
}

pub fn get_plan(store: &Store, id: &str) -> Result<Plan> {
    repo::get(store.conn(), id)?.ok_or_else(|| not_found(id))
}

/// The plan with its person's name and its POP-check findings in `lang`.
pub fn get_plan_view(store: &Store, lang: Language, id: &str) -> Result<PlanView> {
    let plan = get_plan(store, id)?;
    view(store, lang, plan)
}

fn view(store: &Store, lang: Language, plan: Plan) -> Result<PlanView> {
    let person_name = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let findings = review(&plan.content, lang);
    let signing = crate::signing::signing_state(store, &plan.id)?;
    Ok(PlanView {
        plan,
        person_name,
        findings,
        signing,
        unsaved: Vec::new(),
    })
}

/// Saves the whole content of a draft plan and returns the fresh POP-check. Invalid content
/// is refused whole (nothing changes); a plan that is no longer a draft is refused with
/// `Locked`.
pub fn save_plan_content(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    content: PlanContent,
) -> Result<PlanView> {
    save_content(store, clock, lang, id, content, false)
}

/// The editor's autosave: as [`save_plan_content`], but one bad field (an end before the
/// start, a title of 100 000 characters) never holds back the other edits — they are saved,
/// it is kept back and named in the view's `unsaved`.
pub fn autosave_plan_content(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    content: PlanContent,
) -> Result<PlanView> {
    save_content(store, clock, lang, id, content, true)
}

fn save_content(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    content: PlanContent,
    partly: bool,
) -> Result<PlanView> {
    let mut plan = get_plan(store, id)?;
    if !plan.status.is_editable() || crate::signing::has_signatures(store, id)? {
        return Err(CoreError::Locked { id: id.to_owned() });
    }
    let (content, refused) = match validate_content(content.clone()) {
        Ok(valid) => (valid, Vec::new()),
        Err(first) if !partly => return Err(first.into()),
        Err(first) => match pop_domain::plan::salvage_content(&content, &plan.content) {
            (salvaged, refused) if !refused.is_empty() => (salvaged, refused),
            _ => return Err(first.into()),
        },
    };
    let unsaved: Vec<UnsavedChange> = refused
        .into_iter()
        .map(|r| UnsavedChange {
            pointer: r.pointer,
            field: r.error.field,
            message: crate::messages::describe(&CoreError::Validation(r.error), lang),
        })
        .collect();
    if content != plan.content {
        plan.content = content;
        plan.updated_at = clock.now();
        // One "edited" event per ten minutes of editing is enough for the log.
        let recent = pop_store::signing::last_event(store.conn(), id)?.is_some_and(|(kind, at)| {
            kind == "edited"
                && chrono::DateTime::parse_from_rfc3339(&at).is_ok_and(|t| {
                    clock.now() - t.with_timezone(&chrono::Utc) < chrono::TimeDelta::minutes(10)
                })
        });
        let at = clock.now().to_rfc3339();
        store.write(|tx| {
            repo::update(tx, &plan)?;
            if !recent {
                pop_store::signing::log_event(tx, &at, Some(id), "edited", "")?;
            }
            Ok(())
        })?;
    }
    let mut v = view(store, lang, plan)?;
    v.unsaved = unsaved;
    Ok(v)
}

/// Step 5 of the guided route: fills the plan's empty blocks from the route's answers.
pub fn apply_guide_to_plan(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
) -> Result<PlanView> {
    let content = pop_domain::plan::apply_guide(get_plan(store, id)?.content);
    save_plan_content(store, clock, lang, id, content)
}

/// Moves a plan to the next stage of its lifecycle.
pub fn set_plan_status(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    status: PlanStatus,
) -> Result<PlanView> {
    let mut plan = get_plan(store, id)?;
    if plan.status == status {
        return view(store, lang, plan);
    }
    if !plan.status.can_become(status) {
        return Err(ValidationError::new(Field::Status, Problem::InvalidTransition).into());
    }
    if plan.status == PlanStatus::Draft && status == PlanStatus::Active {
        // Signed on paper: the version is sealed as it is, with the signatures it has, and
        // activated in the same transaction.
        crate::signing::freeze_and_activate(store, clock, &mut plan)?;
        return view(store, lang, plan);
    }
    plan.status = status;
    plan.updated_at = clock.now();
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::update(tx, &plan)?;
        pop_store::signing::log_event(tx, &at, Some(&plan.id), "status", status.as_str())
    })?;
    view(store, lang, plan)
}

/// Deletes a draft nobody has signed, that has no check-ins, agreements or evaluation and
/// never travelled to another computer. A signed plan is never deleted. Returns the plan as
/// it was, for [`restore_draft`] (the app's Undo).
pub fn delete_draft(store: &mut Store, clock: &dyn Clock, id: &str) -> Result<Plan> {
    let plan = get_plan(store, id)?;
    if plan.status != PlanStatus::Draft || crate::signing::has_signatures(store, id)? {
        return Err(ValidationError::new(Field::Status, Problem::SignedKept).into());
    }
    let conn = store.conn();
    let count = |sql: &str| -> Result<i64> {
        Ok(conn
            .query_row(sql, [id], |r| r.get(0))
            .map_err(pop_store::StoreError::from)?)
    };
    let records = count(
        "SELECT (SELECT count(*) FROM checkin WHERE plan_id = ?1) \
         + (SELECT count(*) FROM follow_up WHERE plan_id = ?1) \
         + (SELECT count(*) FROM evaluation WHERE plan_id = ?1) \
         + (SELECT count(*) FROM observer_feedback WHERE series_id = ?1)",
    )?;
    if records > 0 {
        return Err(ValidationError::new(Field::Status, Problem::HasRecords).into());
    }
    if count("SELECT count(*) FROM exchange_state WHERE plan_id = ?1")? > 0 {
        return Err(ValidationError::new(Field::Status, Problem::AlreadyShared).into());
    }
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::delete(tx, id)?;
        pop_store::signing::log_event(tx, &at, Some(id), "deleted", &plan.content.title)
    })?;
    Ok(plan)
}

/// Puts back a draft [`delete_draft`] removed (the app's Undo), exactly as it was.
pub fn restore_draft(store: &mut Store, clock: &dyn Clock, plan: &Plan) -> Result<Plan> {
    if plan.status != PlanStatus::Draft {
        return Err(CoreError::Locked {
            id: plan.id.clone(),
        });
    }
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::insert(tx, plan)?;
        pop_store::signing::log_event(tx, &at, Some(&plan.id), "restored", "")
    })?;
    get_plan(store, &plan.id)
}

/// A new draft for the same person that carries on the goals of `from` chosen in its
/// evaluation, or, without one, the goals not yet finished (a goal is finished when all its
/// live actions are done). The new period starts
/// the day after the old one ends.
pub fn carry_over(store: &mut Store, clock: &dyn Clock, from: &str) -> Result<Plan> {
    let old = get_plan(store, from)?;
    let mut content = old.content.clone();
    // After an evaluation, the goals marked "carry" go on; without one, the unfinished goals.
    let chosen: Option<Vec<String>> =
        pop_store::rhythm::get_evaluation(store.conn(), from)?.map(|(e, _)| {
            e.goals
                .into_iter()
                .filter(|g| g.carry)
                .map(|g| g.goal_id)
                .collect()
        });
    content.goals.retain(|g| {
        if let Some(ids) = &chosen {
            return ids.contains(&g.id);
        }
        let live: Vec<_> = g
            .actions
            .iter()
            .filter(|a| a.status != ActionStatus::Dropped)
            .collect();
        live.is_empty() || live.iter().any(|a| a.status != ActionStatus::Done)
    });
    for g in &mut content.goals {
        g.actions
            .retain(|a| !matches!(a.status, ActionStatus::Done | ActionStatus::Dropped));
        g.reflection.clear();
    }
    content.reflection.clear();
    let start = content.period_end.succ_opt().unwrap_or(content.period_end);
    let (period_start, period_end) = default_period(start);
    let shift = period_start - content.period_start;
    examples::shift_all(&mut content, shift);
    content.period_start = period_start;
    content.period_end = period_end;
    content.title = follow_up_title(&content.title, period_start, period_end);
    examples::fresh_ids(&mut content);
    insert_new(store, clock, &old.person_id, content, Some(old.id))
}

/// "2027" or "2027–2028": the years a follow-up title ends with ("Cursus (2)" is not).
fn is_years(s: &str) -> bool {
    let year = |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
    match s.split_once('–') {
        Some((a, b)) => year(a) && year(b),
        None => year(s),
    }
}

/// The title of a follow-up plan: the old title with the new period's years, so the two are
/// told apart in every list ("Naar projectleider (2027–2028)"); years an earlier follow-up
/// added are replaced, not piled up. Stays within the title's length limit.
fn follow_up_title(old: &str, start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let years = if start.year() == end.year() {
        format!("({})", start.year())
    } else {
        format!("({}–{})", start.year(), end.year())
    };
    let base = old.trim();
    let base = match base.rfind(" (") {
        Some(i) if base.ends_with(')') && is_years(&base[i + 2..base.len() - 1]) => &base[..i],
        _ => base,
    };
    let room = pop_domain::plan::MAX_LINE - years.chars().count() - 1;
    let base: String = base.chars().take(room).collect();
    format!("{} {years}", base.trim_end())
}

/// Plans, newest first, with their check counts; of one person when given.
pub fn list_plans(store: &Store, person_id: Option<&str>) -> Result<Vec<PlanSummary>> {
    let heads = repo::list_heads(store.conn(), person_id)?;
    let personal = crate::signing::personal(store)?;
    let mut waiting = std::collections::HashMap::new();
    for (id, signed) in pop_store::signing::signed_drafts(store.conn())? {
        if let Some(plan) = repo::get(store.conn(), &id)? {
            let required = crate::signing::required_for(store.conn(), personal, &plan)?;
            let open: Vec<_> = required
                .iter()
                .copied()
                .filter(|p| !signed.contains(p))
                .collect();
            waiting.insert(id, open);
        }
    }
    let names: std::collections::HashMap<String, String> = people_repo::list(store.conn())?
        .into_iter()
        .map(|p| (p.id, p.full_name))
        .collect();
    Ok(heads
        .into_iter()
        .map(|p| PlanSummary {
            person_name: names.get(&p.person_id).cloned().unwrap_or_default(),
            waiting_for: waiting.remove(&p.id).unwrap_or_default(),
            id: p.id,
            person_id: p.person_id,
            title: p.title,
            status: p.status,
            period_start: p.period_start,
            period_end: p.period_end,
            goal_count: p.goal_count,
            error_count: p.error_count,
            warning_count: p.warning_count,
            updated_at: p.updated_at,
        })
        .collect())
}

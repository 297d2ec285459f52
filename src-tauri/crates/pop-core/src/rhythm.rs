//! Use cases of the follow-up rhythm: a plan's check-in schedule and its edits, recording a
//! GROW check-in with progress and agreements, the evaluation, what is due (the board, the
//! CLI's `due`) and which reminders fire. Check-ins belong to a plan *series* (the first
//! version of a plan and every new version made from it), so signing a new version keeps them.

use crate::error::{CoreError, Entity, Result};
use crate::new_id;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use pop_domain::checkin::{
    validate_evaluation, validate_follow_up, validate_grow, validate_progress, Checkin, Evaluation,
    FollowUp, FollowUpInput, GoalProgress, Grow,
};
use pop_domain::plan::{Plan, PlanStatus};
use pop_domain::rhythm::{
    self, checkin_weeks, derived_checkins, merge_schedule, CheckinEdit, CheckinStatus, DueBoard,
    DueItem, DueKind, Lead, Reminder, ScheduleEntry,
};
use pop_domain::text::{optional_date, required_line};
use pop_domain::{Clock, Field, Problem, ValidationError};
use pop_store::{people as people_repo, plans as plans_repo, rhythm as repo, settings, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which check-in of the schedule: a slot of the rhythm, or a stored check-in by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckinTarget {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub slot: Option<u32>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<String>,
}

/// What the person records after a check-in conversation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckinInput {
    /// The scheduled check-in this was; none for an extra conversation.
    #[serde(default)]
    pub target: CheckinTarget,
    /// `YYYY-MM-DD` the conversation was held, default today.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub held_on: Option<String>,
    #[serde(default)]
    pub grow: Grow,
    #[serde(default)]
    pub progress: Vec<GoalProgress>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUpInput>,
}

/// A goal of the plan, for progress entry and the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalRef {
    pub id: String,
    pub title: String,
}

/// Everything the check-in screen shows for one plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanRhythm {
    /// The newest version of the plan.
    pub plan_id: String,
    /// The first version: where check-ins are kept.
    pub series_id: String,
    pub person_id: String,
    pub person_name: String,
    pub plan_title: String,
    pub status: PlanStatus,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub every_weeks: u8,
    pub schedule: Vec<ScheduleEntry>,
    /// Held check-ins, newest first.
    pub history: Vec<Checkin>,
    pub follow_ups: Vec<FollowUp>,
    pub goals: Vec<GoalRef>,
    pub evaluation: Option<Evaluation>,
    pub evaluated_on: Option<NaiveDate>,
    pub evaluation_due: NaiveDate,
    /// The local time a check-in starts at in the calendar ("10:00"), shown with each date.
    pub checkin_time: String,
}

fn plan_not_found(id: &str) -> CoreError {
    CoreError::NotFound {
        what: Entity::Plan,
        id: id.to_owned(),
    }
}

fn edits(checkins: &[Checkin]) -> Vec<CheckinEdit> {
    checkins
        .iter()
        .map(|c| CheckinEdit {
            id: c.id.clone(),
            slot: c.slot,
            date: c.due_on,
            status: c.status,
            revision: c.revision,
        })
        .collect()
}

/// The schedule of a period: the rhythm's slots with what people changed about them.
pub(crate) fn schedule_from(
    start: NaiveDate,
    end: NaiveDate,
    weeks: u8,
    edits: &[CheckinEdit],
) -> Vec<ScheduleEntry> {
    merge_schedule(&derived_checkins(start, end, weeks), edits)
}

fn schedule_of(plan: &Plan, checkins: &[Checkin]) -> Vec<ScheduleEntry> {
    let c = &plan.content;
    schedule_from(
        c.period_start,
        c.period_end,
        checkin_weeks(&c.rhythm),
        &edits(checkins),
    )
}

/// The schedule, history, agreements and evaluation of the plan `id` (any version).
pub fn plan_rhythm(store: &Store, id: &str) -> Result<PlanRhythm> {
    let latest = plans_repo::latest_of(store.conn(), id)?.ok_or_else(|| plan_not_found(id))?;
    let latest = &latest;
    let root =
        plans_repo::series_of(store.conn(), &latest.id)?.ok_or_else(|| plan_not_found(id))?;
    let checkins = repo::checkins_of(store.conn(), &root)?;
    let person_name = people_repo::get(store.conn(), &latest.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let evaluation = repo::get_evaluation(store.conn(), &latest.id)?;
    let c = &latest.content;
    let mut history: Vec<Checkin> = checkins
        .iter()
        .filter(|c| c.status == CheckinStatus::Done)
        .cloned()
        .collect();
    history.sort_by(|a, b| {
        b.held_on
            .unwrap_or(b.due_on)
            .cmp(&a.held_on.unwrap_or(a.due_on))
            .then(b.created_at.cmp(&a.created_at))
    });
    Ok(PlanRhythm {
        schedule: schedule_of(latest, &checkins),
        history,
        follow_ups: repo::follow_ups(store.conn(), Some(&root))?,
        goals: c
            .goals
            .iter()
            .map(|g| GoalRef {
                id: g.id.clone(),
                title: g.title.clone(),
            })
            .collect(),
        evaluated_on: evaluation.as_ref().map(|(_, on)| *on),
        evaluation: evaluation.map(|(e, _)| e),
        evaluation_due: rhythm::evaluation_date(c.period_start, c.period_end),
        checkin_time: format!(
            "{:02}:{:02}",
            crate::calendar::CHECKIN_START.0,
            crate::calendar::CHECKIN_START.1
        ),
        every_weeks: checkin_weeks(&c.rhythm),
        plan_id: latest.id.clone(),
        series_id: root,
        person_id: latest.person_id.clone(),
        person_name,
        plan_title: c.title.clone(),
        status: latest.status,
        period_start: c.period_start,
        period_end: c.period_end,
    })
}

/// The stored check-in a target names, or a new one for a slot nobody touched yet.
fn resolve(
    store: &Store,
    clock: &dyn Clock,
    r: &PlanRhythm,
    target: &CheckinTarget,
) -> Result<Checkin> {
    let unknown = || ValidationError::new(Field::Checkin, Problem::UnknownCheckin);
    if let Some(id) = &target.id {
        return repo::get_checkin(store.conn(), id)?
            .filter(|c| c.plan_id == r.series_id)
            .ok_or_else(|| unknown().into());
    }
    let slot = target.slot.ok_or_else(unknown)?;
    if let Some(c) = repo::checkin_by_slot(store.conn(), &r.series_id, slot)? {
        return Ok(c);
    }
    let entry = r
        .schedule
        .iter()
        .find(|e| e.slot == Some(slot))
        .ok_or_else(unknown)?;
    Ok(fresh(clock, &r.series_id, Some(slot), entry.date))
}

fn fresh(clock: &dyn Clock, series: &str, slot: Option<u32>, due_on: NaiveDate) -> Checkin {
    Checkin {
        id: new_id(),
        plan_id: series.to_owned(),
        slot,
        due_on,
        status: CheckinStatus::Planned,
        skip_reason: String::new(),
        held_on: None,
        grow: Grow::default(),
        progress: Vec::new(),
        revision: 0,
        created_at: clock.now(),
        updated_at: clock.now(),
    }
}

fn date_in_period(r: &PlanRhythm, field: Field, value: &str) -> Result<NaiveDate> {
    let date = optional_date(field, Some(value))?
        .ok_or_else(|| ValidationError::new(field, Problem::Required))?;
    if date < r.period_start || date > r.period_end {
        return Err(ValidationError::new(field, Problem::OutsidePeriod).into());
    }
    Ok(date)
}

fn save(store: &mut Store, clock: &dyn Clock, c: &Checkin, what: &str) -> Result<()> {
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::save_checkin(tx, c)?;
        pop_store::signing::log_event(tx, &at, Some(&c.plan_id), what, &c.id)
    })?;
    Ok(())
}

/// Moves a planned (or skipped) check-in to another date in the plan's period; a skipped
/// one becomes planned again.
pub fn move_checkin(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    target: CheckinTarget,
    date: &str,
) -> Result<PlanRhythm> {
    let r = plan_rhythm(store, plan_id)?;
    let date = date_in_period(&r, Field::CheckinDate, date)?;
    let mut c = resolve(store, clock, &r, &target)?;
    if c.status == CheckinStatus::Done {
        return Err(ValidationError::new(Field::Checkin, Problem::AlreadyDone).into());
    }
    c.due_on = date;
    c.status = CheckinStatus::Planned;
    c.skip_reason.clear();
    c.revision += 1;
    c.updated_at = clock.now();
    save(store, clock, &c, "checkin moved")?;
    plan_rhythm(store, plan_id)
}

/// Skips a planned check-in, with the reason why.
pub fn skip_checkin(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    target: CheckinTarget,
    reason: &str,
) -> Result<PlanRhythm> {
    let reason = required_line(Field::SkipReason, reason, pop_domain::plan::MAX_LINE)?;
    let r = plan_rhythm(store, plan_id)?;
    let mut c = resolve(store, clock, &r, &target)?;
    if c.status == CheckinStatus::Done {
        return Err(ValidationError::new(Field::Checkin, Problem::AlreadyDone).into());
    }
    c.status = CheckinStatus::Skipped;
    c.skip_reason = reason;
    c.revision += 1;
    c.updated_at = clock.now();
    save(store, clock, &c, "checkin skipped")?;
    plan_rhythm(store, plan_id)
}

/// Adds an extra check-in on a date in the plan's period.
pub fn add_checkin(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    date: &str,
) -> Result<PlanRhythm> {
    let r = plan_rhythm(store, plan_id)?;
    let date = date_in_period(&r, Field::CheckinDate, date)?;
    let c = fresh(clock, &r.series_id, None, date);
    save(store, clock, &c, "checkin added")?;
    plan_rhythm(store, plan_id)
}

/// Records a held check-in: GROW notes, progress per goal and the agreements as follow-up
/// actions. Recording a check-in that was already held again replaces its notes and
/// progress and adds the new agreements.
pub fn record_checkin(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    input: CheckinInput,
) -> Result<PlanRhythm> {
    let r = plan_rhythm(store, plan_id)?;
    validate_grow(&input.grow)?;
    validate_progress(&input.progress)?;
    if input.follow_ups.len() > pop_domain::checkin::MAX_FOLLOW_UPS {
        return Err(ValidationError::new(
            Field::FollowUp,
            Problem::TooMany {
                max: pop_domain::checkin::MAX_FOLLOW_UPS,
            },
        )
        .into());
    }
    let held_on =
        optional_date(Field::CheckinDate, input.held_on.as_deref())?.unwrap_or(clock.today());
    // A conversation is recorded once it took place: a day still to come is a typing slip
    // (or a conversation to move in the schedule), never saved as held.
    if held_on > clock.today() {
        return Err(ValidationError::new(Field::CheckinDate, Problem::InFuture).into());
    }
    let follow_ups = input
        .follow_ups
        .iter()
        .map(|f| validate_follow_up(f, Some(held_on)))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut c = if input.target == CheckinTarget::default() {
        fresh(clock, &r.series_id, None, held_on)
    } else {
        resolve(store, clock, &r, &input.target)?
    };
    c.status = CheckinStatus::Done;
    c.held_on = Some(held_on);
    c.skip_reason.clear();
    c.grow = input.grow;
    c.progress = input
        .progress
        .into_iter()
        .map(|mut p| {
            if let Some(g) = r.goals.iter().find(|g| g.id == p.goal_id) {
                p.goal_title = g.title.clone();
            }
            p
        })
        .collect();
    c.updated_at = clock.now();
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::save_checkin(tx, &c)?;
        for f in &follow_ups {
            repo::insert_follow_up(
                tx,
                &FollowUp {
                    id: new_id(),
                    plan_id: r.series_id.clone(),
                    checkin_id: Some(c.id.clone()),
                    description: f.description.clone(),
                    owner: f.owner.clone(),
                    due: f.due,
                    done: false,
                },
                &at,
            )?;
        }
        pop_store::signing::log_event(tx, &at, Some(&r.series_id), "checkin held", &c.id)
    })?;
    plan_rhythm(store, plan_id)
}

/// Ticks off (or reopens) an agreement.
pub fn set_follow_up_done(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    follow_up_id: &str,
    done: bool,
) -> Result<PlanRhythm> {
    let r = plan_rhythm(store, plan_id)?;
    if !r.follow_ups.iter().any(|f| f.id == follow_up_id) {
        return Err(ValidationError::new(Field::FollowUp, Problem::UnknownCheckin).into());
    }
    let at = clock.now().to_rfc3339();
    store.write(|tx| repo::set_follow_up_done(tx, follow_up_id, done, &at).map(|_| ()))?;
    plan_rhythm(store, plan_id)
}

/// Saves the evaluation of a plan's period. An active plan becomes evaluated; the goals
/// marked `carry` are what [`crate::plans::carry_over`] takes into the next plan.
pub fn evaluate_plan(
    store: &mut Store,
    clock: &dyn Clock,
    plan_id: &str,
    mut evaluation: Evaluation,
) -> Result<PlanRhythm> {
    validate_evaluation(&evaluation)?;
    let r = plan_rhythm(store, plan_id)?;
    for g in &mut evaluation.goals {
        if let Some(known) = r.goals.iter().find(|x| x.id == g.goal_id) {
            g.goal_title = known.title.clone();
        }
    }
    let mut plan =
        plans_repo::get(store.conn(), &r.plan_id)?.ok_or_else(|| plan_not_found(plan_id))?;
    let at = clock.now().to_rfc3339();
    let activate = plan.status == PlanStatus::Active;
    if activate {
        plan.status = PlanStatus::Evaluated;
        plan.updated_at = clock.now();
    }
    store.write(|tx| {
        repo::save_evaluation(tx, &plan.id, &evaluation, clock.today(), &at)?;
        if activate {
            plans_repo::update(tx, &plan)?;
            pop_store::signing::log_event(tx, &at, Some(&plan.id), "status", "evaluated")?;
        }
        pop_store::signing::log_event(tx, &at, Some(&plan.id), "evaluated", "")
    })?;
    plan_rhythm(store, plan_id)
}

/// An evaluation from the command line's words: `outcomes` like `2=achieved` (goal 2 of the
/// plan, counted from 1; `achieved`/`behaald`, `partly`/`deels`, `not`/`niet`), `carry` the
/// goal numbers to carry into the next plan. Goals not named count as partly achieved.
pub fn evaluation_from_words(
    goals: &[GoalRef],
    outcomes: &[String],
    carry: &[usize],
    reflection: String,
) -> Result<Evaluation> {
    use pop_domain::checkin::{GoalEvaluation, Outcome};
    let number = |n: usize| -> Result<usize> {
        if n == 0 || n > goals.len() {
            return Err(ValidationError::new(
                Field::Goals,
                Problem::OutOfRange {
                    min: 1,
                    max: goals.len() as i64,
                },
            )
            .into());
        }
        Ok(n - 1)
    };
    let mut chosen = vec![Outcome::Partly; goals.len()];
    for word in outcomes {
        let bad = || ValidationError::new(Field::Outcome, Problem::UnknownOutcome);
        let (n, outcome) = word.split_once('=').ok_or_else(bad)?;
        let n = number(n.trim().parse().map_err(|_| bad())?)?;
        chosen[n] = match outcome.trim().to_lowercase().as_str() {
            "achieved" | "behaald" => Outcome::Achieved,
            "partly" | "deels" => Outcome::Partly,
            "not" | "niet" => Outcome::NotAchieved,
            _ => return Err(bad().into()),
        };
    }
    let mut carried = vec![false; goals.len()];
    for n in carry {
        carried[number(*n)?] = true;
    }
    Ok(Evaluation {
        goals: goals
            .iter()
            .enumerate()
            .map(|(i, g)| GoalEvaluation {
                goal_id: g.id.clone(),
                goal_title: g.title.clone(),
                outcome: chosen[i],
                reflection: String::new(),
                carry: carried[i],
            })
            .collect(),
        reflection,
    })
}

/// Everything open with a date, over the newest version of every plan that is a draft or
/// active, of people who have not left. A plan whose period ended before `today` shows one
/// item, its evaluation, instead of everything it ever had. Read from the items the store
/// keeps on write (see `pop_store::due`): no schedule is worked out on a read.
pub fn due_items(store: &Store, today: NaiveDate) -> Result<Vec<DueItem>> {
    due_until(store, today, NaiveDate::MAX)
}

/// [`due_items`] dated on or before `until` (the board looks five weeks ahead, `due` not at
/// all): only those rows are read.
fn due_until(store: &Store, today: NaiveDate, until: NaiveDate) -> Result<Vec<DueItem>> {
    Ok(pop_store::due::items_until(store.conn(), today, until)?)
}

/// The board for `today`: overdue, this week, the four weeks after — each list whole.
pub fn due_board(store: &Store, today: NaiveDate) -> Result<DueBoard> {
    Ok(rhythm::board(
        due_until(store, today, rhythm::board_end(today))?,
        today,
    ))
}

/// The first `limit` items of each list of the board, with how many each holds: what the
/// window shows (a team's years of overdue items are thousands; a page of them is enough).
pub fn due_board_page(store: &Store, today: NaiveDate, limit: usize) -> Result<DueBoard> {
    Ok(due_board(store, today)?.page(limit))
}

/// What is due or overdue at a moment: everything overdue and what falls on that day.
pub fn due_at(store: &Store, day: NaiveDate) -> Result<Vec<DueItem>> {
    let mut items: Vec<_> = due_until(store, day, day)?
        .into_iter()
        .filter(|i| i.date <= day)
        .collect();
    items.sort_by(|a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));
    Ok(items)
}

const LEADS_KEY: &str = "reminder_leads";

/// The user's reminder lead times (the defaults until changed).
pub fn reminder_leads(store: &Store) -> Result<Vec<Lead>> {
    Ok(settings::get(store.conn(), LEADS_KEY)?
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_else(rhythm::default_leads))
}

/// Sets the reminder lead times: at most five, each at most 30 days before.
pub fn set_reminder_leads(store: &mut Store, leads: Vec<Lead>) -> Result<Vec<Lead>> {
    if leads.len() > rhythm::MAX_LEADS {
        return Err(ValidationError::new(
            Field::Leads,
            Problem::TooMany {
                max: rhythm::MAX_LEADS,
            },
        )
        .into());
    }
    if leads.iter().any(|l| l.days_before > rhythm::MAX_LEAD_DAYS) {
        return Err(ValidationError::new(
            Field::Leads,
            Problem::OutOfRange {
                min: 0,
                max: i64::from(rhythm::MAX_LEAD_DAYS),
            },
        )
        .into());
    }
    let json = serde_json::to_string(&leads).expect("leads serialise");
    store.write(|tx| settings::set(tx, LEADS_KEY, &json))?;
    Ok(leads)
}

/// The reminders due at `now` that have not fired yet, each remembered as fired in the same
/// transaction, so no reminder is shown twice — not even after a restart.
pub fn fire_reminders<Tz: TimeZone>(
    store: &mut Store,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<Vec<Reminder>> {
    Ok(reminder_tick(store, tz, now)?.0)
}

/// One tick of the reminder loop: fires what is due (as [`fire_reminders`]) and says when
/// the next reminder fires after `now` — from one reading of what is due.
pub fn reminder_tick<Tz: TimeZone>(
    store: &mut Store,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<(Vec<Reminder>, Option<DateTime<Utc>>)> {
    let today = now.with_timezone(tz).date_naive();
    // Nothing further away can fire before the loop looks again (it wakes every minute).
    let horizon = today + chrono::Duration::days(i64::from(rhythm::MAX_LEAD_DAYS) + 2);
    // Nothing dated before this can fire any more: a reminder fires on or before its item's
    // day, and one more than MISSED_HORIZON_DAYS late is dropped (a day more for time zones).
    // The years of overdue items before it are not read: an empty answer costs as little on
    // a large store as on a small one.
    let from = today - chrono::Duration::days(rhythm::MISSED_HORIZON_DAYS + 2);
    let items = pop_store::due::items_between(store.conn(), today, from, horizon)?;
    let leads = reminder_leads(store)?;
    let next = rhythm::next_fire(tz, &items, &leads, now);
    let fired: std::collections::BTreeSet<String> =
        repo::fired_keys(store.conn())?.into_iter().collect();
    let due = rhythm::pending_reminders(tz, &items, &leads, now, &fired);
    if due.is_empty() {
        return Ok((due, next));
    }
    let at = now.to_rfc3339();
    store.write(|tx| {
        for r in &due {
            // Every lead of the item up to now counts as shown: one notification per item.
            for lead in &leads {
                if rhythm::fire_at(tz, r.item.date, *lead) <= now {
                    let key = rhythm::reminder_key(&r.item, *lead);
                    repo::mark_fired(tx, &key, &r.item.series_id, &at, r.missed)?;
                }
            }
        }
        Ok(())
    })?;
    Ok((due, next))
}

/// The reminder loop's memory: a tick on the same day, before the next reminder is due and
/// with nothing written to the store since the last tick, has nothing to fire and is
/// answered without reading any plan (the loop wakes every minute; the store rarely changes).
#[derive(Debug, Default)]
pub struct ReminderWatch {
    last: Option<(pop_store::StoreStamp, NaiveDate, Option<DateTime<Utc>>)>,
}

impl ReminderWatch {
    /// As [`reminder_tick`], skipped when it cannot find anything new.
    pub fn tick<Tz: TimeZone>(
        &mut self,
        store: &mut Store,
        tz: &Tz,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Reminder>, Option<DateTime<Utc>>)> {
        let today = now.with_timezone(tz).date_naive();
        let stamp = store.stamp()?;
        if let Some((seen, day, next)) = self.last {
            // Items further away than the tick's horizon fire two days later at the
            // earliest, so a skip is safe within the same day.
            if seen == stamp && day == today && next.is_none_or(|n| now < n) {
                return Ok((Vec::new(), next));
            }
        }
        let (fired, next) = reminder_tick(store, tz, now)?;
        self.last = Some((store.stamp()?, today, next));
        Ok((fired, next))
    }
}

/// When the next reminder fires after `now`, if any.
pub fn next_reminder<Tz: TimeZone>(
    store: &Store,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let today = now.with_timezone(tz).date_naive();
    Ok(rhythm::next_fire(
        tz,
        &due_items(store, today)?,
        &reminder_leads(store)?,
        now,
    ))
}

/// The words of a notification: a title and a line, in `lang`.
pub fn reminder_text(
    r: &Reminder,
    lang: pop_domain::Language,
    today: NaiveDate,
) -> (String, String) {
    use pop_domain::Language::{En, Nl};
    let i = &r.item;
    let when = match ((i.date - today).num_days(), lang) {
        (0, Nl) => "vandaag".to_owned(),
        (0, En) => "today".to_owned(),
        (1, Nl) => "morgen".to_owned(),
        (1, En) => "tomorrow".to_owned(),
        (n, Nl) if n < 0 => format!("{} dagen geleden", -n),
        (n, En) if n < 0 => format!("{} days ago", -n),
        (_, Nl) => format!("op {}", i.date.format("%d-%m-%Y")),
        (_, En) => format!("on {}", i.date.format("%Y-%m-%d")),
    };
    let title = match (i.kind, lang) {
        (DueKind::Checkin, Nl) => format!("POP-gesprek {when}: {}", i.person_name),
        (DueKind::Checkin, En) => format!("Check-in {when}: {}", i.person_name),
        (DueKind::Action, Nl) => format!("Actie {when}: {}", i.person_name),
        (DueKind::Action, En) => format!("Action due {when}: {}", i.person_name),
        (DueKind::FollowUp, Nl) => format!("Afspraak {when}: {}", i.person_name),
        (DueKind::FollowUp, En) => format!("Agreement due {when}: {}", i.person_name),
        (DueKind::Evaluation, Nl) => format!("Tijd voor de evaluatie: {}", i.person_name),
        (DueKind::Evaluation, En) => format!("Time for the evaluation: {}", i.person_name),
        (DueKind::PlanEnd, Nl) => format!("Plan loopt af {when}: {}", i.person_name),
        (DueKind::PlanEnd, En) => format!("Plan ends {when}: {}", i.person_name),
    };
    let body = if i.label.is_empty() {
        i.plan_title.clone()
    } else {
        format!("{} — {}", i.label, i.plan_title)
    };
    (title, body)
}

/// One notification for everything missed while the app was closed.
pub fn missed_text(count: usize, lang: pop_domain::Language) -> (String, String) {
    match lang {
        pop_domain::Language::Nl => (
            format!("{count} herinnering(en) gemist"),
            "Terwijl Groeikoers dicht was. Kijk in het Overzicht wat er openstaat.".to_owned(),
        ),
        pop_domain::Language::En => (
            format!("{count} reminder(s) missed"),
            "While Groeikoers was closed. See the Overview for what is open.".to_owned(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::{create_plan_from_example, set_plan_status};
    use chrono::TimeZone;
    use pop_domain::{FixedClock, Language, PersonInput};

    fn clock() -> FixedClock {
        FixedClock(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap())
    }

    fn setup() -> (Store, String) {
        let mut store = Store::open_in_memory().unwrap();
        let person = crate::people::create_person(
            &mut store,
            &clock(),
            PersonInput {
                full_name: "Zoë Çelik".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let slug = crate::examples::all()[0].slug.clone();
        let plan = create_plan_from_example(&mut store, &clock(), Language::Nl, &person.id, &slug)
            .unwrap();
        (store, plan.id)
    }

    fn slot(n: u32) -> CheckinTarget {
        CheckinTarget {
            slot: Some(n),
            id: None,
        }
    }

    #[test]
    fn a_new_plan_has_a_schedule_from_its_rhythm() {
        let (store, id) = setup();
        let r = plan_rhythm(&store, &id).unwrap();
        assert!(!r.schedule.is_empty());
        let step = chrono::Duration::weeks(i64::from(r.every_weeks));
        assert_eq!(r.schedule[0].date, r.period_start + step);
        assert!(r
            .schedule
            .iter()
            .all(|e| e.status == CheckinStatus::Planned));
    }

    #[test]
    fn move_skip_and_add_change_the_schedule_and_bad_dates_change_nothing() {
        let (mut store, id) = setup();
        let r = plan_rhythm(&store, &id).unwrap();
        let first = r.schedule[0].date;
        let moved = (first + chrono::Duration::days(2)).to_string();
        let r = move_checkin(&mut store, &clock(), &id, slot(1), &moved).unwrap();
        assert_eq!(r.schedule[0].moved_from, Some(first));
        let r = skip_checkin(&mut store, &clock(), &id, slot(2), " Ziek ").unwrap();
        assert_eq!(r.schedule[1].status, CheckinStatus::Skipped);
        let before = plan_rhythm(&store, &id).unwrap();
        for bad in ["2026-02-30", "1999-01-01", "", "😀"] {
            assert!(move_checkin(&mut store, &clock(), &id, slot(1), bad).is_err());
            assert!(add_checkin(&mut store, &clock(), &id, bad).is_err());
        }
        assert!(skip_checkin(&mut store, &clock(), &id, slot(3), "  ").is_err());
        assert!(skip_checkin(&mut store, &clock(), &id, slot(999), "x").is_err());
        assert_eq!(plan_rhythm(&store, &id).unwrap(), before, "nothing changed");
        let extra = (r.period_start + chrono::Duration::days(3)).to_string();
        let r = add_checkin(&mut store, &clock(), &id, &extra).unwrap();
        assert_eq!(r.schedule[0].slot, None, "the added one comes first");
    }

    #[test]
    fn a_check_in_dated_after_today_is_refused_and_nothing_is_recorded() {
        let (mut store, id) = setup();
        let before = plan_rhythm(&store, &id).unwrap();
        let tomorrow = (clock().today() + chrono::Duration::days(1)).to_string();
        let err = record_checkin(
            &mut store,
            &clock(),
            &id,
            CheckinInput {
                target: slot(1),
                held_on: Some(tomorrow),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(
            matches!(&err, CoreError::Validation(v) if v.field == Field::CheckinDate && v.problem == Problem::InFuture),
            "{err:?}"
        );
        assert_eq!(
            plan_rhythm(&store, &id).unwrap(),
            before,
            "nothing recorded"
        );
        // Today itself is fine.
        record_checkin(
            &mut store,
            &clock(),
            &id,
            CheckinInput {
                target: slot(1),
                held_on: Some(clock().today().to_string()),
                ..Default::default()
            },
        )
        .unwrap();
    }

    #[test]
    fn recording_a_check_in_keeps_notes_progress_and_agreements() {
        let (mut store, id) = setup();
        let r = plan_rhythm(&store, &id).unwrap();
        let goal = r.goals[0].clone();
        let held = r.schedule[0].date.to_string();
        // Recorded on the evening of the day it was held (a day to come is refused).
        let evening =
            FixedClock(Utc.from_utc_datetime(&r.schedule[0].date.and_hms_opt(17, 0, 0).unwrap()));
        let r = record_checkin(
            &mut store,
            &evening,
            &id,
            CheckinInput {
                target: slot(1),
                held_on: Some(held.clone()),
                grow: Grow {
                    reality: "Twee overleggen geleid 🎯".into(),
                    ..Default::default()
                },
                progress: vec![GoalProgress {
                    goal_id: goal.id.clone(),
                    goal_title: String::new(),
                    score: 6,
                    state: pop_domain::checkin::GoalState::OnTrack,
                }],
                follow_ups: vec![FollowUpInput {
                    description: "Agenda zelf opstellen".into(),
                    owner: "Zoë".into(),
                    due: Some(held.clone()),
                }],
            },
        )
        .unwrap();
        assert_eq!(r.schedule[0].status, CheckinStatus::Done);
        assert_eq!(r.history.len(), 1);
        assert_eq!(r.history[0].progress[0].goal_title, goal.title);
        assert_eq!(r.follow_ups.len(), 1);
        let items = due_items(&store, clock().today()).unwrap();
        assert!(items.iter().any(|i| i.kind == DueKind::FollowUp));
        assert!(
            !items.iter().any(|i| i.key.ends_with(":s1")),
            "a held check-in is no longer due"
        );
        assert!(
            move_checkin(&mut store, &clock(), &id, slot(1), &held).is_err(),
            "a held check-in cannot move"
        );
    }

    #[test]
    fn a_bad_check_in_is_refused_and_nothing_is_stored() {
        let (mut store, id) = setup();
        let before = plan_rhythm(&store, &id).unwrap();
        let bad = [
            CheckinInput {
                grow: Grow {
                    will: "x".repeat(100_000),
                    ..Default::default()
                },
                ..Default::default()
            },
            CheckinInput {
                follow_ups: vec![FollowUpInput {
                    description: " ".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
            CheckinInput {
                held_on: Some("2026-03-01".into()),
                follow_ups: vec![FollowUpInput {
                    description: "Te vroeg".into(),
                    due: Some("2026-02-01".into()),
                    ..Default::default()
                }],
                ..Default::default()
            },
        ];
        for input in bad {
            assert!(record_checkin(&mut store, &clock(), &id, input).is_err());
        }
        assert_eq!(plan_rhythm(&store, &id).unwrap(), before);
    }

    /// What the store keeps on write, against every series worked out again from scratch.
    fn kept_and_from_scratch(store: &Store, today: NaiveDate) -> (Vec<DueItem>, Vec<DueItem>) {
        let kept = due_items(store, today).unwrap();
        let c = store.conn();
        c.execute_batch(
            "DELETE FROM due_item; \
             INSERT INTO due_dirty (series_id) SELECT DISTINCT series_id FROM plan_summary;",
        )
        .unwrap();
        let scratch = due_items(store, today).unwrap();
        (kept, scratch)
    }

    #[test]
    fn the_items_kept_on_write_are_the_items_worked_out_from_scratch() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::generate(
            &mut store,
            crate::demo::DemoSpec {
                people: 6,
                years: 2,
                seed: 3,
                today,
            },
        )
        .unwrap();
        let heads = pop_store::plans::latest_heads(store.conn()).unwrap();
        let active: Vec<_> = heads
            .iter()
            .filter(|h| h.status == PlanStatus::Active)
            .collect();
        let first_planned = |id: &str| {
            plan_rhythm(&store, id)
                .unwrap()
                .schedule
                .into_iter()
                .find(|e| e.status == CheckinStatus::Planned && e.slot.is_some())
                .unwrap()
        };
        let (pa, pb) = (first_planned(&active[0].id), first_planned(&active[1].id));
        let (a, b) = (pa.slot.unwrap(), pb.slot.unwrap());
        let r = plan_rhythm(&store, &active[0].id).unwrap();
        let c = &clock();
        let moved_to = (pa.date - chrono::Duration::days(1)).to_string();
        move_checkin(&mut store, c, &active[0].id, slot(a), &moved_to).unwrap();
        skip_checkin(&mut store, c, &active[1].id, slot(b), "Ziek").unwrap();
        add_checkin(&mut store, c, &active[2].id, &r.period_end.to_string()).ok();
        // One person leaves: their items go off the board.
        let leaver = active[3].person_id.clone();
        store
            .write(|tx| {
                tx.execute("UPDATE person SET status = 'left' WHERE id = ?1", [&leaver])?;
                Ok(())
            })
            .unwrap();
        for day in [
            today,
            r.period_start,
            r.period_end + chrono::Duration::days(1),
        ] {
            let (kept, scratch) = kept_and_from_scratch(&store, day);
            assert!(!kept.is_empty() || day > r.period_end);
            assert_eq!(kept, scratch, "on {day}");
            assert!(kept.iter().all(|i| i.person_id != leaver));
            // The overview's counts: the aggregate and the fallback agree too.
            let fallback = pop_store::due::per_person(store.conn(), day).unwrap();
            store.write(|_| Ok(())).unwrap();
            assert_eq!(
                pop_store::due::per_person(store.conn(), day).unwrap(),
                fallback
            );
        }
        let moved = due_items(&store, today)
            .unwrap()
            .into_iter()
            .find(|i| i.key == format!("checkin:{}:s{a}", active[0].series_id))
            .unwrap();
        assert_eq!(moved.date.to_string(), moved_to);
        assert!(!due_items(&store, today)
            .unwrap()
            .iter()
            .any(|i| i.key == format!("checkin:{}:s{b}", active[1].series_id)));
    }

    #[test]
    fn a_check_in_written_behind_the_stores_back_is_due_at_once() {
        let (mut store, id) = setup();
        let today = clock().today();
        let before = due_items(&store, today).unwrap().len();
        // Not through the store's writes: the trigger marks the series, the read works it
        // out on the spot.
        store
            .conn()
            .execute(
                &format!(
                    "INSERT INTO checkin (id, plan_id, due_on, status, created_at, updated_at) \
                     VALUES ('extra', '{id}', '{today}', 'planned', 't', 't')"
                ),
                [],
            )
            .unwrap();
        let items = due_items(&store, today).unwrap();
        assert_eq!(items.len(), before + 1);
        assert!(items.iter().any(|i| i.key == format!("checkin:{id}:extra")));
        // The next write keeps it.
        store.write(|_| Ok(())).unwrap();
        let marked: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM due_dirty", [], |r| r.get(0))
            .unwrap();
        assert_eq!(marked, 0);
        assert_eq!(due_items(&store, today).unwrap(), items);
    }

    #[test]
    fn a_new_version_keeps_the_check_ins_of_the_series() {
        let (mut store, id) = setup();
        record_checkin(&mut store, &clock(), &id, CheckinInput::default()).unwrap();
        set_plan_status(&mut store, &clock(), Language::Nl, &id, PlanStatus::Active).unwrap();
        let v2 = crate::signing::new_version(&mut store, &clock(), &id, "meer tijd").unwrap();
        let r = plan_rhythm(&store, &v2.id).unwrap();
        assert_eq!(r.history.len(), 1);
        assert_eq!(r.plan_id, v2.id);
        assert_eq!(r.series_id, id);
        assert_eq!(plan_rhythm(&store, &id).unwrap().plan_id, v2.id);
        let plans: std::collections::HashSet<_> = due_items(&store, clock().today())
            .unwrap()
            .into_iter()
            .map(|i| i.plan_id)
            .collect();
        assert_eq!(plans.len(), 1, "only the newest version is due");
    }

    #[test]
    fn evaluating_an_active_plan_marks_it_evaluated_and_takes_it_off_the_board() {
        let (mut store, id) = setup();
        set_plan_status(&mut store, &clock(), Language::Nl, &id, PlanStatus::Active).unwrap();
        let r = plan_rhythm(&store, &id).unwrap();
        let e = Evaluation {
            goals: vec![pop_domain::checkin::GoalEvaluation {
                goal_id: r.goals[0].id.clone(),
                goal_title: String::new(),
                outcome: pop_domain::checkin::Outcome::Partly,
                reflection: "Halverwege".into(),
                carry: true,
            }],
            reflection: "Goed jaar".into(),
        };
        let r = evaluate_plan(&mut store, &clock(), &id, e).unwrap();
        assert_eq!(r.status, PlanStatus::Evaluated);
        assert_eq!(r.evaluation.unwrap().goals[0].goal_title, r.goals[0].title);
        assert!(due_items(&store, clock().today()).unwrap().is_empty());
    }

    #[test]
    fn an_ended_plan_shows_one_evaluate_item_and_an_evaluated_or_closed_one_nothing() {
        let (mut store, id) = setup();
        let r = plan_rhythm(&store, &id).unwrap();
        let during = due_items(&store, r.period_start).unwrap();
        assert!(during.len() > 3, "check-ins, actions, evaluation and end");
        let after = due_items(&store, r.period_end + chrono::Duration::days(1)).unwrap();
        assert_eq!(after.len(), 1);
        assert_eq!(after[0].kind, DueKind::Evaluation);
        assert_eq!(after[0].key, format!("evaluation:{id}"));
        set_plan_status(&mut store, &clock(), Language::Nl, &id, PlanStatus::Active).unwrap();
        let e =
            evaluation_from_words(&r.goals, &["1=achieved".into()], &[1], "Klaar".into()).unwrap();
        assert!(e.goals[0].carry);
        evaluate_plan(&mut store, &clock(), &id, e).unwrap();
        assert!(due_items(&store, r.period_end + chrono::Duration::days(1))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn evaluation_words_that_make_no_sense_are_refused() {
        let goals = vec![GoalRef {
            id: "g".into(),
            title: "Doel".into(),
        }];
        for bad in [
            "2=achieved",
            "0=achieved",
            "1=misschien",
            "achieved",
            "x=niet",
        ] {
            let e = evaluation_from_words(&goals, &[bad.into()], &[], String::new());
            assert!(e.is_err(), "{bad}");
        }
        assert!(evaluation_from_words(&goals, &[], &[2], String::new()).is_err());
        let e = evaluation_from_words(&goals, &["1 = Niet".into()], &[], String::new()).unwrap();
        assert_eq!(
            e.goals[0].outcome,
            pop_domain::checkin::Outcome::NotAchieved
        );
    }

    #[test]
    fn the_reminders_of_an_evaluated_plan_are_forgotten() {
        let (mut store, id) = setup();
        set_plan_status(&mut store, &clock(), Language::Nl, &id, PlanStatus::Active).unwrap();
        let r = plan_rhythm(&store, &id).unwrap();
        let late = Utc.with_ymd_and_hms(2026, 12, 20, 9, 0, 0).unwrap();
        let fired = fire_reminders(&mut store, &chrono_tz::Europe::Amsterdam, late).unwrap();
        assert!(!fired.is_empty());
        assert!(!repo::fired_keys(store.conn()).unwrap().is_empty());
        let e = evaluation_from_words(&r.goals, &[], &[], String::new()).unwrap();
        evaluate_plan(&mut store, &clock(), &id, e).unwrap();
        assert!(repo::fired_keys(store.conn()).unwrap().is_empty());
    }

    #[test]
    fn a_batch_of_use_cases_lands_whole_or_not_at_all() {
        let (mut store, id) = setup();
        let before = plan_rhythm(&store, &id).unwrap();
        let failed: Result<()> = store.batch(|store| {
            add_checkin(store, &clock(), &id, &before.period_start.to_string())?;
            record_checkin(store, &clock(), &id, CheckinInput::default())?;
            Err(CoreError::NotFound {
                what: Entity::Plan,
                id: "weg".into(),
            })
        });
        assert!(failed.is_err());
        assert_eq!(plan_rhythm(&store, &id).unwrap(), before, "nothing landed");
        store
            .batch(|store| -> Result<()> {
                add_checkin(store, &clock(), &id, &before.period_start.to_string())?;
                record_checkin(store, &clock(), &id, CheckinInput::default())?;
                Ok(())
            })
            .unwrap();
        assert_eq!(plan_rhythm(&store, &id).unwrap().history.len(), 1);
    }
}

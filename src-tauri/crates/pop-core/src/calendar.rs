//! Calendar export: the check-ins and evaluation moments of one plan, or of every current
//! plan, as an ICS file that calendars import (and re-import without doubling events).

use crate::error::Result;
use crate::rhythm::{plan_rhythm, PlanRhythm};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use pop_domain::rhythm::{evaluation_date, CheckinStatus, ScheduleEntry};
use pop_domain::Language;
use pop_export::ics::{calendar, IcsEvent, IcsOptions};
use pop_store::Store;
use std::collections::HashMap;

/// Local start time and length of a check-in in the calendar.
pub const CHECKIN_START: (u32, u32) = (10, 0);
pub const CHECKIN_MINUTES: i64 = 45;

fn options(lang: Language, name: String, stamp: DateTime<Utc>) -> IcsOptions {
    IcsOptions {
        name,
        start: NaiveTime::from_hms_opt(CHECKIN_START.0, CHECKIN_START.1, 0).expect("valid time"),
        minutes: CHECKIN_MINUTES,
        alarm_before: chrono::Duration::days(1),
        alarm_text: match lang {
            Language::Nl => "Morgen: POP-gesprek".into(),
            Language::En => "Tomorrow: development check-in".into(),
        },
        stamp,
    }
}

/// What the calendar shows of one plan.
struct Entry<'a> {
    series_id: &'a str,
    person_name: &'a str,
    plan_title: &'a str,
    schedule: &'a [ScheduleEntry],
    evaluation_due: NaiveDate,
}

impl<'a> From<&'a PlanRhythm> for Entry<'a> {
    fn from(r: &'a PlanRhythm) -> Self {
        Entry {
            series_id: &r.series_id,
            person_name: &r.person_name,
            plan_title: &r.plan_title,
            schedule: &r.schedule,
            evaluation_due: r.evaluation_due,
        }
    }
}

fn events(r: Entry<'_>, lang: Language) -> Vec<IcsEvent> {
    let mut out = Vec::new();
    let total = r.schedule.len();
    for (n, e) in r.schedule.iter().enumerate() {
        let which = match (&e.slot, &e.id) {
            (Some(s), _) => format!("s{s}"),
            (None, Some(id)) => id.clone(),
            (None, None) => continue,
        };
        out.push(IcsEvent {
            uid: format!("checkin-{}-{which}@groeikoers", r.series_id),
            summary: match lang {
                Language::Nl => format!("POP-gesprek {}", r.person_name),
                Language::En => format!("Development check-in {}", r.person_name),
            },
            description: match lang {
                Language::Nl => format!("Gesprek {} van {total} — {}", n + 1, r.plan_title),
                Language::En => format!("Check-in {} of {total} — {}", n + 1, r.plan_title),
            },
            date: e.date,
            cancelled: e.status == CheckinStatus::Skipped,
            sequence: e.revision,
        });
    }
    out.push(IcsEvent {
        uid: format!("evaluation-{}@groeikoers", r.series_id),
        summary: match lang {
            Language::Nl => format!("Evaluatie POP {}", r.person_name),
            Language::En => format!("Plan evaluation {}", r.person_name),
        },
        description: r.plan_title.to_owned(),
        date: r.evaluation_due,
        cancelled: false,
        sequence: 0,
    });
    out
}

/// The ICS of one plan's check-ins and evaluation.
pub fn plan_ics(
    store: &Store,
    lang: Language,
    plan_id: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let r = plan_rhythm(store, plan_id)?;
    // The plan's own language, like its PDF.
    let lang = pop_store::plans::get(store.conn(), &r.plan_id)?
        .map_or(lang, |p| p.content.language_or(lang));
    let name = format!("Groeikoers — {}", r.person_name);
    Ok(calendar(
        &options(lang, name, now),
        &events((&r).into(), lang),
    ))
}

/// The ICS of every current plan (drafts and active plans, newest versions). Linear in the
/// number of current plans: their summaries and check-in edits are read once.
pub fn all_ics(store: &Store, lang: Language, now: DateTime<Utc>) -> Result<String> {
    let conn = store.conn();
    let names: HashMap<String, String> = pop_store::people::list(conn)?
        .into_iter()
        .map(|p| (p.id, p.full_name))
        .collect();
    let mut edits = pop_store::rhythm::current_schedule_edits(conn)?;
    let mut all = Vec::new();
    for plan in pop_store::plans::current_heads(conn)? {
        let own = edits.remove(&plan.series_id).unwrap_or_default();
        let schedule = crate::rhythm::schedule_from(
            plan.period_start,
            plan.period_end,
            plan.every_weeks,
            &own,
        );
        let entry = Entry {
            series_id: &plan.series_id,
            person_name: names.get(&plan.person_id).map_or("", String::as_str),
            plan_title: &plan.title,
            schedule: &schedule,
            evaluation_due: evaluation_date(plan.period_start, plan.period_end),
        };
        all.extend(events(entry, lang));
    }
    Ok(calendar(&options(lang, "Groeikoers".into(), now), &all))
}

/// Writes [`plan_ics`] to `path` (atomically).
pub fn plan_ics_to_file(
    store: &Store,
    lang: Language,
    plan_id: &str,
    now: DateTime<Utc>,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::write_output(store, path, plan_ics(store, lang, plan_id, now)?.as_bytes())
}

/// Writes [`all_ics`] to `path` (atomically).
pub fn all_ics_to_file(
    store: &Store,
    lang: Language,
    now: DateTime<Utc>,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::write_output(store, path, all_ics(store, lang, now)?.as_bytes())
}

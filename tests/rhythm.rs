//! The rhythm across crates on a real store file: reminders fire once, also across a
//! restart, and what was missed while the app was closed is reported at start; the calendar
//! file parses back with the `icalendar` crate and with Python's `icalendar` and
//! `recurring-ical-events`, with the expected local times across a DST switch.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use groeikoers_tests::{clock, python};
use pop_core::domain::rhythm::{CheckinStatus, DueKind};
use pop_core::domain::{Language, PersonInput};
use pop_core::plans::{self, NewPlanInput};
use pop_core::rhythm::{self, CheckinTarget};
use pop_core::{calendar, people, Store};
use std::path::Path;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A store file with one person and an empty plan from 2027-01-04 (check-ins every six
/// weeks: 2027-02-15 in winter time, 2027-03-29 the day after summer time starts).
fn store_with_plan(path: &Path) -> String {
    let mut store = Store::open(path).unwrap();
    let p = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Zoë Çelik".into(),
            ..Default::default()
        },
    )
    .unwrap();
    plans::create_plan(
        &mut store,
        &clock(),
        Language::Nl,
        NewPlanInput {
            person_id: p.id,
            period_start: Some("2027-01-04".into()),

            language: None,
        },
    )
    .unwrap()
    .id
}

#[test]
fn each_reminder_fires_once_across_a_restart_and_missed_ones_are_reported_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    let plan = store_with_plan(&path);

    // The day before the first check-in, 09:00 Amsterdam (08:00 UTC in winter).
    let mut store = Store::open(&path).unwrap();
    let fired =
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-02-14T08:00:30Z")).unwrap();
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert_eq!(fired[0].item.kind, DueKind::Checkin);
    assert_eq!(
        fired[0].item.date,
        NaiveDate::from_ymd_opt(2027, 2, 15).unwrap()
    );
    assert!(!fired[0].missed);
    assert!(
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-02-14T08:05:00Z"))
            .unwrap()
            .is_empty()
    );
    drop(store);

    // A restart a minute later: nothing fires again.
    let mut store = Store::open(&path).unwrap();
    assert!(
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-02-14T08:06:00Z"))
            .unwrap()
            .is_empty(),
        "a reminder fired before the restart must not fire again"
    );
    drop(store);

    // Closed through the morning of the check-in (08:30 local); opened at noon.
    let mut store = Store::open(&path).unwrap();
    let at_start =
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-02-15T11:00:00Z")).unwrap();
    assert_eq!(at_start.len(), 1);
    assert!(at_start[0].missed, "reported as missed while closed");
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert!(
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-02-15T11:01:00Z"))
            .unwrap()
            .is_empty()
    );

    // The next check-in falls after the switch to summer time: 09:00 local is 07:00 UTC.
    assert_eq!(
        rhythm::next_reminder(&store, &Amsterdam, utc("2027-02-16T00:00:00Z")).unwrap(),
        Some(utc("2027-03-28T07:00:00Z"))
    );
    // Holding that check-in early takes its reminders away.
    rhythm::record_checkin(
        &mut store,
        &pop_core::domain::FixedClock(utc("2027-03-20T16:00:00Z")),
        &plan,
        rhythm::CheckinInput {
            target: CheckinTarget {
                slot: Some(2),
                id: None,
            },
            held_on: Some("2027-03-20".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-03-29T07:00:00Z"))
            .unwrap()
            .iter()
            .all(|r| r.item.kind != DueKind::Checkin)
    );
}

#[test]
fn a_reminder_missed_for_up_to_two_weeks_is_still_reported_and_an_older_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    store_with_plan(&path);
    let checkin_of_15_feb = |fired: &[pop_core::domain::rhythm::Reminder]| {
        fired
            .iter()
            .filter(|r| r.item.date == NaiveDate::from_ymd_opt(2027, 2, 15).unwrap())
            .count()
    };
    // Its reminder was due on 14 February, 08:00 UTC; the app stayed closed.
    let late = dir.path().join("late.sqlite3");
    std::fs::copy(&path, &late).unwrap();
    let mut store = Store::open(&late).unwrap();
    let fired =
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-02-27T07:00:00Z")).unwrap();
    assert_eq!(checkin_of_15_feb(&fired), 1, "13 days late: {fired:?}");
    assert!(fired.iter().all(|r| r.missed));
    let mut store = Store::open(&path).unwrap();
    let fired =
        rhythm::fire_reminders(&mut store, &Amsterdam, utc("2027-03-05T07:00:00Z")).unwrap();
    assert_eq!(checkin_of_15_feb(&fired), 0, "19 days late: {fired:?}");
}

fn read_with_python(ics: &Path, from: &str, to: &str) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("ics_check.py");
    let out = std::process::Command::new(python())
        .arg(script)
        .arg(ics)
        .args([from, to])
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python could not read the calendar: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_calendar_parses_back_with_local_times_across_the_dst_switch_and_stable_uids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    let plan = store_with_plan(&path);
    let mut store = Store::open(&path).unwrap();
    let ics = dir.path().join("plan.ics");
    calendar::plan_ics_to_file(&store, Language::Nl, &plan, clock().0, &ics).unwrap();
    let text = std::fs::read_to_string(&ics).unwrap();

    // The crate's own parser.
    let parsed: icalendar::Calendar = text.parse().expect("the crate parses the file");
    let schedule = rhythm::plan_rhythm(&store, &plan).unwrap().schedule;
    assert_eq!(
        parsed.events().count(),
        schedule.len() + 1,
        "check-ins and the evaluation"
    );

    // Python, as a calendar would read it.
    let v = read_with_python(&ics, "2027-01-01", "2027-05-31");
    assert_eq!(v["timezones"], serde_json::json!(["Europe/Amsterdam"]));
    let events = v["events"].as_array().unwrap();
    let starts: Vec<&str> = events
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2027-02-15T10:00:00+01:00",
            "2027-03-29T10:00:00+02:00",
            "2027-05-10T10:00:00+02:00"
        ],
        "10:00 local before and after summer time starts on 2027-03-28"
    );
    for e in events {
        assert_eq!(e["tzid"], "Europe/Amsterdam");
        assert_eq!(
            e["alarms"],
            serde_json::json!([{"action": "DISPLAY", "seconds": -86400}]),
            "each occurrence has its alarm a day before"
        );
    }
    let uids: Vec<String> = events
        .iter()
        .map(|e| e["uid"].as_str().unwrap().into())
        .collect();

    // Move the first check-in and skip the second: same UIDs, a higher SEQUENCE, and the
    // skipped one cancelled, so importing again updates the calendar instead of doubling it.
    rhythm::move_checkin(
        &mut store,
        &clock(),
        &plan,
        CheckinTarget {
            slot: Some(1),
            id: None,
        },
        "2027-02-17",
    )
    .unwrap();
    let r = rhythm::skip_checkin(
        &mut store,
        &clock(),
        &plan,
        CheckinTarget {
            slot: Some(2),
            id: None,
        },
        "Vakantie",
    )
    .unwrap();
    assert_eq!(r.schedule[1].status, CheckinStatus::Skipped);
    let later = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    calendar::plan_ics_to_file(&store, Language::Nl, &plan, later, &ics).unwrap();
    let v = read_with_python(&ics, "2027-01-01", "2027-05-31");
    let events = v["events"].as_array().unwrap();
    let again: Vec<String> = events
        .iter()
        .map(|e| e["uid"].as_str().unwrap().into())
        .collect();
    assert_eq!(again, uids, "stable UIDs");
    assert_eq!(events[0]["start"], "2027-02-17T10:00:00+01:00");
    assert_eq!(events[0]["sequence"], 1);
    assert_eq!(events[1]["status"], "CANCELLED");
}

#[test]
fn the_calendar_of_everything_holds_every_current_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    let first = store_with_plan(&path);
    let mut store = Store::open(&path).unwrap();
    let p = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Bram de Wit".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let slug = pop_core::examples::all()[0].slug.clone();
    let second =
        plans::create_plan_from_example(&mut store, &clock(), Language::En, &p.id, &slug).unwrap();
    let text = calendar::all_ics(&store, Language::En, clock().0).unwrap();
    let parsed: icalendar::Calendar = text.parse().unwrap();
    let expected = rhythm::plan_rhythm(&store, &first).unwrap().schedule.len()
        + rhythm::plan_rhythm(&store, &second.id)
            .unwrap()
            .schedule
            .len()
        + 2;
    assert_eq!(parsed.events().count(), expected);
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
}

#[test]
fn the_reminder_watch_skips_a_tick_only_when_nothing_can_have_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groeikoers.sqlite3");
    store_with_plan(&path);
    let mut store = Store::open(&path).unwrap();
    let mut watch = rhythm::ReminderWatch::default();

    // The evening before the day-before reminder: nothing yet, the next one at 09:00.
    let evening = utc("2027-02-13T20:00:00Z");
    let (fired, next) = watch.tick(&mut store, &Amsterdam, evening).unwrap();
    assert!(fired.is_empty());
    assert_eq!(next, Some(utc("2027-02-14T08:00:00Z")));
    // The next day at 09:00: a new day and the moment itself, so the tick looks and fires.
    let (fired, _) = watch
        .tick(&mut store, &Amsterdam, utc("2027-02-14T08:00:30Z"))
        .unwrap();
    assert_eq!(fired.len(), 1);

    // Another program (the CLI) adds an extra check-in for tomorrow: the watch sees the
    // other connection's commit and fires its reminder without waiting for a new day.
    let mut other = Store::open(&path).unwrap();
    let plan = plans::list_plans(&other, None).unwrap()[0].id.clone();
    rhythm::add_checkin(&mut other, &clock(), &plan, "2027-02-15").unwrap();
    drop(other);
    let (fired, _) = watch
        .tick(&mut store, &Amsterdam, utc("2027-02-14T08:01:30Z"))
        .unwrap();
    assert_eq!(fired.len(), 1, "{fired:?}");
    assert_eq!(fired[0].item.kind, DueKind::Checkin);
    // Nothing changed since: the same answer, and nothing fires twice.
    let (again, _) = watch
        .tick(&mut store, &Amsterdam, utc("2027-02-14T08:02:30Z"))
        .unwrap();
    assert!(again.is_empty());
}

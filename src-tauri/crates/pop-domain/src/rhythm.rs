//! The follow-up rhythm of a plan: which check-ins it has (derived from the plan's rhythm and
//! edited by people), what is due or overdue at a moment, and when a reminder fires.
//! Pure: the time zone and "now" come in as arguments, so the maths is tested with a fixed
//! clock across DST switches, month ends and leap days.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Weeks between check-ins when a plan names no rhythm.
pub const DEFAULT_CHECKIN_WEEKS: u8 = 6;
/// Most check-ins one plan derives (a very long period at a short rhythm is cut here).
pub const MAX_DERIVED: usize = 260;
/// How far back a reminder that was never shown still counts as "missed" (older ones are
/// on the board as overdue, not in a notification).
pub const MISSED_HORIZON_DAYS: i64 = 14;
/// A reminder shown this long after its moment is reported as missed (the app was closed).
pub const LATE_AFTER_MINUTES: i64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum CheckinStatus {
    Planned,
    Done,
    Skipped,
}

impl CheckinStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckinStatus::Planned => "planned",
            CheckinStatus::Done => "done",
            CheckinStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            CheckinStatus::Planned,
            CheckinStatus::Done,
            CheckinStatus::Skipped,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// The check-in dates a plan's rhythm gives: every `every_weeks` weeks after the start,
/// strictly before the end (the end itself is the evaluation).
pub fn derived_checkins(start: NaiveDate, end: NaiveDate, every_weeks: u8) -> Vec<NaiveDate> {
    let step = u64::from(every_weeks.max(1)) * 7;
    (1..=MAX_DERIVED as u64)
        .map_while(|k| start.checked_add_days(Days::new(step * k)))
        .take_while(|d| *d < end)
        .collect()
}

/// The rhythm a plan's content asks for: its check-in interval, else its iteration
/// length, else the default.
pub fn checkin_weeks(rhythm: &crate::plan::Rhythm) -> u8 {
    rhythm
        .checkin_every_weeks
        .or(rhythm.iteration_weeks)
        .filter(|w| (1..=52).contains(w))
        .unwrap_or(DEFAULT_CHECKIN_WEEKS)
}

/// What people changed about one check-in, as stored: a derived slot moved, skipped or done,
/// or a check-in added by hand (`slot` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinEdit {
    pub id: String,
    pub slot: Option<u32>,
    pub date: NaiveDate,
    pub status: CheckinStatus,
    pub revision: u32,
}

/// One check-in of the schedule: the date it is due and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleEntry {
    /// The stored check-in, when people have touched it.
    pub id: Option<String>,
    /// The n-th check-in of the rhythm (1-based), or none for one added by hand.
    pub slot: Option<u32>,
    pub date: NaiveDate,
    /// The date the rhythm gave, when the check-in was moved.
    pub moved_from: Option<NaiveDate>,
    pub status: CheckinStatus,
    /// How often it was moved or skipped (the calendar's SEQUENCE).
    pub revision: u32,
}

/// The schedule: the derived slots with people's edits laid over them, plus added check-ins,
/// in date order.
pub fn merge_schedule(derived: &[NaiveDate], edits: &[CheckinEdit]) -> Vec<ScheduleEntry> {
    let mut out: Vec<ScheduleEntry> = derived
        .iter()
        .enumerate()
        .map(|(i, &date)| {
            let slot = i as u32 + 1;
            match edits.iter().find(|e| e.slot == Some(slot)) {
                Some(e) => ScheduleEntry {
                    id: Some(e.id.clone()),
                    slot: Some(slot),
                    date: e.date,
                    moved_from: (e.date != date).then_some(date),
                    status: e.status,
                    revision: e.revision,
                },
                None => ScheduleEntry {
                    id: None,
                    slot: Some(slot),
                    date,
                    moved_from: None,
                    status: CheckinStatus::Planned,
                    revision: 0,
                },
            }
        })
        .collect();
    // Edits of slots the rhythm no longer gives (the rhythm changed) are kept when something
    // happened in them; a mere move of a vanished slot is dropped.
    for e in edits {
        let vanished = e.slot.is_some_and(|s| s as usize > derived.len());
        if e.slot.is_none() || (vanished && e.status == CheckinStatus::Done) {
            out.push(ScheduleEntry {
                id: Some(e.id.clone()),
                slot: e.slot.filter(|_| !vanished),
                date: e.date,
                moved_from: None,
                status: e.status,
                revision: e.revision,
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.slot.cmp(&b.slot)));
    out
}

/// What a reminder or the board is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DueKind {
    /// A planned check-in (POP-gesprek).
    Checkin,
    /// An action of the plan with a due date.
    Action,
    /// An agreement made in a check-in.
    FollowUp,
    /// Time to hold the evaluation: two weeks before the end.
    Evaluation,
    /// The last day of the plan's period.
    PlanEnd,
}

impl DueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::Checkin => "checkin",
            DueKind::Action => "action",
            DueKind::FollowUp => "followUp",
            DueKind::Evaluation => "evaluation",
            DueKind::PlanEnd => "planEnd",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            DueKind::Checkin,
            DueKind::Action,
            DueKind::FollowUp,
            DueKind::Evaluation,
            DueKind::PlanEnd,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Days before the end of a period at which the evaluation is due.
pub const EVALUATION_DAYS_BEFORE_END: u64 = 14;

/// When the evaluation of a period is due: two weeks before its end, never before its start.
pub fn evaluation_date(start: NaiveDate, end: NaiveDate) -> NaiveDate {
    end.checked_sub_days(Days::new(EVALUATION_DAYS_BEFORE_END))
        .filter(|d| *d >= start)
        .unwrap_or(end)
}

/// Something that has to happen on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    /// Stable across runs: the kind and the ids of what it is about (not the date).
    pub key: String,
    pub kind: DueKind,
    pub date: NaiveDate,
    pub plan_id: String,
    /// The plan's series (its first version), which check-ins and agreements belong to.
    pub series_id: String,
    pub person_id: String,
    pub person_name: String,
    pub plan_title: String,
    /// What to do (an action's description, a follow-up's agreement); empty for check-ins.
    pub label: String,
}

/// The board: what is overdue, and what is due this week (Monday to Sunday) from today on.
/// A page of it holds the first items of each list; the totals say how many there are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueBoard {
    pub today: Option<NaiveDate>,
    pub overdue: Vec<DueItem>,
    pub this_week: Vec<DueItem>,
    /// The next four weeks after this one.
    pub coming: Vec<DueItem>,
    /// How many items each list has in all (a page may show fewer).
    pub overdue_total: u32,
    pub this_week_total: u32,
    pub coming_total: u32,
}

impl DueBoard {
    /// The first `limit` items of each list, the totals kept.
    pub fn page(mut self, limit: usize) -> DueBoard {
        self.overdue.truncate(limit);
        self.this_week.truncate(limit);
        self.coming.truncate(limit);
        self
    }
}

/// Monday of the week `day` is in.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Sorts open items onto the board for `today`.
/// The last day the board shows: the end of the fourth week after this one.
pub fn board_end(today: NaiveDate) -> NaiveDate {
    week_start(today) + chrono::Duration::days(6 + 28)
}

pub fn board(mut items: Vec<DueItem>, today: NaiveDate) -> DueBoard {
    items.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.person_name.cmp(&b.person_name))
            .then(a.key.cmp(&b.key))
    });
    let week_end = week_start(today) + chrono::Duration::days(6);
    let coming_end = week_end + chrono::Duration::days(28);
    let mut b = DueBoard {
        today: Some(today),
        ..Default::default()
    };
    for item in items {
        if item.date < today {
            b.overdue.push(item);
        } else if item.date <= week_end {
            b.this_week.push(item);
        } else if item.date <= coming_end {
            b.coming.push(item);
        }
    }
    let count = |v: &[DueItem]| u32::try_from(v.len()).unwrap_or(u32::MAX);
    b.overdue_total = count(&b.overdue);
    b.this_week_total = count(&b.this_week);
    b.coming_total = count(&b.coming);
    b
}

/// When, relative to a due date, a reminder fires: `days_before` days earlier at `at` local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Lead {
    pub days_before: u8,
    #[ts(type = "string")]
    pub at: NaiveTime,
}

pub const MAX_LEAD_DAYS: u8 = 30;
pub const MAX_LEADS: usize = 5;

/// The defaults: the day before at 09:00, and the morning itself at 08:30.
pub fn default_leads() -> Vec<Lead> {
    vec![
        Lead {
            days_before: 1,
            at: NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
        },
        Lead {
            days_before: 0,
            at: NaiveTime::from_hms_opt(8, 30, 0).expect("valid time"),
        },
    ]
}

/// A local date and time as an instant in `tz`. A time that does not exist (the hour skipped
/// when summer time starts) moves forward by the gap; an ambiguous one (the hour repeated
/// when it ends) takes the first.
pub fn local_instant<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local;
    for _ in 0..4 {
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return t.with_timezone(&Utc);
        }
        probe += chrono::Duration::minutes(30);
    }
    // No zone has a gap this long; treat the time as UTC rather than fail.
    Utc.from_utc_datetime(&local)
}

/// The moment a reminder with `lead` fires for something due on `date`.
pub fn fire_at<Tz: TimeZone>(tz: &Tz, date: NaiveDate, lead: Lead) -> DateTime<Utc> {
    let day = date
        .checked_sub_days(Days::new(u64::from(lead.days_before)))
        .unwrap_or(date);
    local_instant(tz, day.and_time(lead.at))
}

/// One reminder to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    /// Unique per item, due date and lead: fired once, remembered in the store.
    pub key: String,
    pub item: DueItem,
    pub fire_at: DateTime<Utc>,
    /// It should have fired well before now (the app was closed).
    pub missed: bool,
}

/// The key under which a reminder is remembered: the item, its due date and the lead
/// itself (days before and time) — not its place in the settings list, so reordering or
/// removing lead times changes no key. The date is part of it, so a moved check-in reminds
/// again.
pub fn reminder_key(item: &DueItem, lead: Lead) -> String {
    format!(
        "{}{}d{}",
        key_prefix(item),
        lead.days_before,
        lead.at.format("%H%M")
    )
}

fn key_prefix(item: &DueItem) -> String {
    format!("{}@{}#", item.key, item.date)
}

/// The moments at which reminders for `item` were already shown, read from the fired keys.
/// Keys of older versions end in the lead's index in the list; they are read against the
/// list as it is now.
fn fired_moments<Tz: TimeZone>(
    tz: &Tz,
    item: &DueItem,
    leads: &[Lead],
    fired: &std::collections::BTreeSet<String>,
) -> Vec<DateTime<Utc>> {
    let prefix = key_prefix(item);
    fired
        .range(prefix.clone()..)
        .take_while(|k| k.starts_with(&prefix))
        .filter_map(|k| {
            let suffix = &k[prefix.len()..];
            let lead = match suffix.split_once('d') {
                Some((days, hhmm)) => Lead {
                    days_before: days.parse().ok()?,
                    at: NaiveTime::parse_from_str(hhmm, "%H%M").ok()?,
                },
                None => *leads.get(suffix.parse::<usize>().ok()?)?,
            };
            Some(fire_at(tz, item.date, lead))
        })
        .collect()
}

/// The reminders due at `now` that have not fired yet, oldest first. A lead whose moment
/// is not later than a reminder already shown for the same item and date does not fire (so
/// editing the lead times never shows a reminder twice). Those more than
/// [`LATE_AFTER_MINUTES`] late are marked missed; those older than [`MISSED_HORIZON_DAYS`]
/// are left to the board.
pub fn pending_reminders<Tz: TimeZone>(
    tz: &Tz,
    items: &[DueItem],
    leads: &[Lead],
    now: DateTime<Utc>,
    fired: &std::collections::BTreeSet<String>,
) -> Vec<Reminder> {
    let horizon = now - chrono::Duration::days(MISSED_HORIZON_DAYS);
    let late = now - chrono::Duration::minutes(LATE_AFTER_MINUTES);
    let mut out = Vec::new();
    for item in items {
        let shown = fired_moments(tz, item, leads, fired);
        for lead in leads {
            let at = fire_at(tz, item.date, *lead);
            if at > now || at < horizon || shown.iter().any(|s| *s >= at) {
                continue;
            }
            out.push(Reminder {
                key: reminder_key(item, *lead),
                item: item.clone(),
                fire_at: at,
                missed: at < late,
            });
        }
    }
    out.sort_by(|a, b| a.fire_at.cmp(&b.fire_at).then(a.key.cmp(&b.key)));
    // Two leads of one item that are both due (after a long closed spell) remind once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|r| seen.insert(r.item.key.clone()));
    out
}

/// The next moment after `now` at which a reminder fires, so a loop can sleep until then.
pub fn next_fire<Tz: TimeZone>(
    tz: &Tz,
    items: &[DueItem],
    leads: &[Lead],
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    items
        .iter()
        .flat_map(|item| leads.iter().map(|l| fire_at(tz, item.date, *l)))
        .filter(|t| *t > now)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Amsterdam;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn item(key: &str, date: &str) -> DueItem {
        DueItem {
            key: key.into(),
            kind: DueKind::Checkin,
            date: d(date),
            plan_id: "p".into(),
            series_id: "p".into(),
            person_id: "x".into(),
            person_name: "Zoë".into(),
            plan_title: "Plan".into(),
            label: String::new(),
        }
    }

    #[test]
    fn check_ins_fall_every_n_weeks_strictly_before_the_end() {
        let dates = derived_checkins(d("2026-01-05"), d("2026-03-02"), 4);
        assert_eq!(dates, [d("2026-02-02")], "03-02 is the end itself");
        let year = derived_checkins(d("2026-01-01"), d("2026-12-31"), 6);
        assert_eq!(year.len(), 8);
        assert!(year
            .iter()
            .all(|x| x.weekday() == d("2026-01-01").weekday()));
    }

    #[test]
    fn a_rhythm_across_month_ends_and_a_leap_day_keeps_its_weekday() {
        let dates = derived_checkins(d("2028-01-31"), d("2028-04-30"), 4);
        assert_eq!(dates, [d("2028-02-28"), d("2028-03-27"), d("2028-04-24")]);
        let dates = derived_checkins(d("2028-02-01"), d("2028-03-31"), 4);
        assert_eq!(
            dates,
            [d("2028-02-29"), d("2028-03-28")],
            "leap day is a date"
        );
    }

    #[test]
    fn a_period_shorter_than_the_rhythm_has_no_check_ins_and_a_huge_one_is_capped() {
        assert!(derived_checkins(d("2026-01-01"), d("2026-01-10"), 6).is_empty());
        assert_eq!(
            derived_checkins(d("2026-01-01"), d("2199-12-31"), 1).len(),
            MAX_DERIVED
        );
    }

    #[test]
    fn the_rhythm_falls_back_to_the_iteration_then_the_default() {
        use crate::plan::Rhythm;
        let r = |c, i| Rhythm {
            checkin_every_weeks: c,
            iteration_weeks: i,
            notes: String::new(),
        };
        assert_eq!(checkin_weeks(&r(Some(4), Some(8))), 4);
        assert_eq!(checkin_weeks(&r(None, Some(8))), 8);
        assert_eq!(checkin_weeks(&r(None, None)), DEFAULT_CHECKIN_WEEKS);
        assert_eq!(checkin_weeks(&r(Some(0), None)), DEFAULT_CHECKIN_WEEKS);
    }

    #[test]
    fn edits_move_skip_and_add_check_ins() {
        let derived = [d("2026-02-01"), d("2026-03-01"), d("2026-04-01")];
        let edits = [
            CheckinEdit {
                id: "a".into(),
                slot: Some(2),
                date: d("2026-03-05"),
                status: CheckinStatus::Planned,
                revision: 0,
            },
            CheckinEdit {
                id: "b".into(),
                slot: Some(3),
                date: d("2026-04-01"),
                status: CheckinStatus::Skipped,
                revision: 0,
            },
            CheckinEdit {
                id: "c".into(),
                slot: None,
                date: d("2026-02-15"),
                status: CheckinStatus::Done,
                revision: 0,
            },
            CheckinEdit {
                id: "gone".into(),
                slot: Some(9),
                date: d("2026-09-01"),
                status: CheckinStatus::Planned,
                revision: 0,
            },
        ];
        let s = merge_schedule(&derived, &edits);
        let dates: Vec<_> = s.iter().map(|e| e.date).collect();
        assert_eq!(
            dates,
            [
                d("2026-02-01"),
                d("2026-02-15"),
                d("2026-03-05"),
                d("2026-04-01")
            ]
        );
        assert_eq!(s[2].moved_from, Some(d("2026-03-01")));
        assert_eq!(s[3].status, CheckinStatus::Skipped);
        assert_eq!(s[1].slot, None, "added by hand");
        assert!(
            s.iter().all(|e| e.id.as_deref() != Some("gone")),
            "a moved slot the rhythm no longer gives is dropped"
        );
    }

    #[test]
    fn reminders_fire_at_local_times_across_the_spring_dst_switch() {
        let leads = default_leads();
        // Summer time starts on Sunday 2026-03-29 at 02:00 in Amsterdam.
        assert_eq!(
            fire_at(&Amsterdam, d("2026-03-29"), leads[0]),
            utc("2026-03-28T08:00:00Z"),
            "the day before, still winter time (+01:00)"
        );
        assert_eq!(
            fire_at(&Amsterdam, d("2026-03-30"), leads[0]),
            utc("2026-03-29T07:00:00Z"),
            "09:00 on the switch day is summer time (+02:00)"
        );
        assert_eq!(
            fire_at(&Amsterdam, d("2026-03-30"), leads[1]),
            utc("2026-03-30T06:30:00Z")
        );
    }

    #[test]
    fn a_reminder_in_the_skipped_hour_moves_forward_and_one_in_the_repeated_hour_takes_the_first() {
        let lead = |h, m| Lead {
            days_before: 0,
            at: NaiveTime::from_hms_opt(h, m, 0).unwrap(),
        };
        assert_eq!(
            fire_at(&Amsterdam, d("2026-03-29"), lead(2, 30)),
            utc("2026-03-29T01:00:00Z"),
            "02:30 does not exist; 03:00 CEST"
        );
        assert_eq!(
            fire_at(&Amsterdam, d("2026-10-25"), lead(2, 30)),
            utc("2026-10-25T00:30:00Z"),
            "02:30 happens twice; the first is CEST"
        );
        assert_eq!(
            fire_at(&Amsterdam, d("2026-10-26"), lead(9, 0)),
            utc("2026-10-26T08:00:00Z"),
            "back to winter time"
        );
    }

    #[test]
    fn the_day_before_crosses_month_ends_and_the_leap_day() {
        let before = default_leads()[0];
        assert_eq!(
            fire_at(&Amsterdam, d("2028-03-01"), before),
            utc("2028-02-29T08:00:00Z")
        );
        assert_eq!(
            fire_at(&Amsterdam, d("2027-03-01"), before),
            utc("2027-02-28T08:00:00Z")
        );
        assert_eq!(
            fire_at(&Amsterdam, d("2027-01-01"), before),
            utc("2026-12-31T08:00:00Z")
        );
    }

    #[test]
    fn pending_reminders_fire_once_and_report_missed_ones() {
        let items = [item("checkin:p:1", "2026-03-30")];
        let leads = default_leads();
        let fired = std::cell::RefCell::new(std::collections::BTreeSet::<String>::new());
        let check = |now: &str| {
            let out = pending_reminders(&Amsterdam, &items, &leads, utc(now), &fired.borrow());
            for r in &out {
                fired.borrow_mut().insert(r.key.clone());
            }
            out
        };
        assert!(check("2026-03-29T06:59:00Z").is_empty(), "too early");
        let first = check("2026-03-29T07:00:00Z");
        assert_eq!(first.len(), 1);
        assert!(!first[0].missed);
        assert!(check("2026-03-29T07:01:00Z").is_empty(), "fires once");
        let morning = check("2026-03-30T09:00:00Z");
        assert_eq!(morning.len(), 1, "the morning reminder");
        assert!(morning[0].missed, "2.5 hours late: the app was closed");
        assert!(check("2026-03-30T10:00:00Z").is_empty());
    }

    #[test]
    fn reordering_or_editing_lead_times_never_shows_a_reminder_twice() {
        let items = [item("checkin:p:1", "2026-03-30")];
        let leads = default_leads();
        let now = utc("2026-03-29T08:00:00Z");
        let mut fired = std::collections::BTreeSet::new();
        for r in pending_reminders(&Amsterdam, &items, &leads, now, &fired) {
            fired.insert(r.key);
        }
        assert_eq!(fired.len(), 1, "the day before, 09:00");
        let mut reordered = leads.clone();
        reordered.reverse();
        assert!(pending_reminders(&Amsterdam, &items, &reordered, now, &fired).is_empty());
        assert!(pending_reminders(&Amsterdam, &items, &leads[..1], now, &fired).is_empty());
        // A lead added earlier than the one shown does not fire either.
        let earlier = [Lead {
            days_before: 2,
            at: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        }];
        assert!(
            pending_reminders(&Amsterdam, &items, &[earlier[0], leads[0]], now, &fired).is_empty()
        );
        // The morning itself still reminds, whatever the order.
        let later = utc("2026-03-30T07:00:00Z");
        assert_eq!(
            pending_reminders(&Amsterdam, &items, &reordered, later, &fired).len(),
            1
        );
        // A key of an older version (the lead's index) still counts as shown.
        let old: std::collections::BTreeSet<String> =
            ["checkin:p:1@2026-03-30#0".to_owned()].into();
        assert!(pending_reminders(&Amsterdam, &items, &leads, now, &old).is_empty());
    }

    #[test]
    fn after_a_long_absence_an_item_reminds_once_and_old_ones_stay_on_the_board() {
        let items = [
            item("checkin:p:1", "2026-03-10"),
            item("checkin:p:2", "2026-01-01"),
        ];
        let out = pending_reminders(
            &Amsterdam,
            &items,
            &default_leads(),
            utc("2026-03-12T12:00:00Z"),
            &Default::default(),
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].item.key, "checkin:p:1");
        assert!(out[0].missed);
    }

    #[test]
    fn next_fire_is_the_earliest_future_moment() {
        let items = [item("a", "2026-03-30"), item("b", "2026-03-20")];
        assert_eq!(
            next_fire(
                &Amsterdam,
                &items,
                &default_leads(),
                utc("2026-03-19T09:00:00Z")
            ),
            Some(utc("2026-03-20T07:30:00Z"))
        );
    }

    #[test]
    fn the_board_splits_overdue_this_week_and_coming() {
        // 2026-11-25 is a Wednesday.
        let items = vec![
            item("late", "2026-11-24"),
            item("sun", "2026-11-29"),
            item("today", "2026-11-25"),
            item("next", "2026-12-01"),
            item("far", "2027-06-01"),
        ];
        let b = board(items, d("2026-11-25"));
        let keys = |v: &[DueItem]| v.iter().map(|i| i.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&b.overdue), ["late"]);
        assert_eq!(keys(&b.this_week), ["today", "sun"]);
        assert_eq!(keys(&b.coming), ["next"]);
        assert_eq!(week_start(d("2026-11-29")), d("2026-11-23"));
        assert_eq!(
            (b.overdue_total, b.this_week_total, b.coming_total),
            (1, 2, 1)
        );
    }

    #[test]
    fn a_page_of_the_board_holds_the_first_items_of_each_list_and_every_total() {
        // 2026-11-25 is a Wednesday: 7 overdue, 3 this week, 4 coming.
        let mut items: Vec<_> = (1..=7)
            .map(|n| item(&format!("late{n}"), &format!("2026-11-{:02}", 10 + n)))
            .collect();
        items.extend(["2026-11-25", "2026-11-27", "2026-11-29"].map(|day| item(day, day)));
        items.extend((1..=4).map(|n| item(&format!("next{n}"), &format!("2026-12-0{n}"))));
        let b = board(items, d("2026-11-25")).page(2);
        let keys = |v: &[DueItem]| v.iter().map(|i| i.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&b.overdue), ["late1", "late2"], "the oldest first");
        assert_eq!(keys(&b.this_week), ["2026-11-25", "2026-11-27"]);
        assert_eq!(keys(&b.coming), ["next1", "next2"]);
        assert_eq!(
            (b.overdue_total, b.this_week_total, b.coming_total),
            (7, 3, 4)
        );
    }

    #[test]
    fn the_evaluation_is_due_two_weeks_before_the_end() {
        assert_eq!(
            evaluation_date(d("2026-01-01"), d("2026-12-31")),
            d("2026-12-17")
        );
        assert_eq!(
            evaluation_date(d("2026-12-25"), d("2026-12-31")),
            d("2026-12-31")
        );
    }
}

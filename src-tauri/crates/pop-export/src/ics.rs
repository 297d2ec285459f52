//! The calendar file (ICS) of check-ins: one event per check-in with a reminder (VALARM),
//! at local Amsterdam time with the VTIMEZONE written out (the `icalendar` crate writes none),
//! and stable UIDs so importing the file again updates the events instead of doubling them.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};

pub const TZID: &str = "Europe/Amsterdam";

/// Europe/Amsterdam since 1996: summer time from the last Sunday of March 02:00 to the last
/// Sunday of October 03:00.
pub const VTIMEZONE_AMSTERDAM: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Amsterdam\r\n\
X-LIC-LOCATION:Europe/Amsterdam\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// One event of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable: the same check-in always has the same UID.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub date: NaiveDate,
    /// A skipped check-in: kept with STATUS:CANCELLED so a calendar removes it on re-import.
    pub cancelled: bool,
    /// Goes up when the event moved, so calendars take the new date.
    pub sequence: u32,
}

/// What every event of one file shares.
#[derive(Debug, Clone)]
pub struct IcsOptions {
    pub name: String,
    /// Local time the conversations start.
    pub start: NaiveTime,
    pub minutes: i64,
    /// The reminder, this long before the start.
    pub alarm_before: chrono::Duration,
    pub alarm_text: String,
    /// DTSTAMP of every event.
    pub stamp: DateTime<Utc>,
}

/// The ICS text of `events`.
pub fn calendar(opts: &IcsOptions, events: &[IcsEvent]) -> String {
    let mut cal = Calendar::new();
    cal.name(&opts.name).timezone(TZID);
    for e in events {
        let start = e.date.and_time(opts.start);
        let at = |t| CalendarDateTime::WithTimezone {
            date_time: t,
            tzid: TZID.to_owned(),
        };
        let mut ev = Event::new();
        ev.uid(&e.uid)
            .sequence(e.sequence)
            .timestamp(opts.stamp)
            .summary(&e.summary)
            .description(&e.description)
            .starts(at(start))
            .ends(at(start + chrono::Duration::minutes(opts.minutes)))
            .alarm(
                Alarm::display(&opts.alarm_text, -opts.alarm_before)
                    .uid(&format!("alarm-{}", e.uid))
                    .timestamp(opts.stamp)
                    .done(),
            );
        if e.cancelled {
            ev.status(EventStatus::Cancelled);
        }
        cal.push(ev.done());
    }
    let text = cal.done().to_string();
    // The time zone definition goes before the first event (or before the end).
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{}{}", &text[..at], VTIMEZONE_AMSTERDAM, &text[at..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn opts() -> IcsOptions {
        IcsOptions {
            name: "Groeikoers".into(),
            start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            minutes: 45,
            alarm_before: chrono::Duration::days(1),
            alarm_text: "POP-gesprek morgen".into(),
            stamp: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    fn event(uid: &str, date: &str, cancelled: bool) -> IcsEvent {
        IcsEvent {
            uid: uid.into(),
            summary: "POP-gesprek Zoë Çelik".into(),
            description: "Check-in 1, plan: Naar ploegleider; € 250".into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            cancelled,
            sequence: 2,
        }
    }

    #[test]
    fn events_carry_local_times_a_timezone_an_alarm_and_a_stable_uid() {
        let text = calendar(
            &opts(),
            &[
                event("a@groeikoers", "2026-03-30", false),
                event("b@groeikoers", "2026-04-27", true),
            ],
        );
        assert!(text.contains("BEGIN:VTIMEZONE"));
        assert!(text.find("BEGIN:VTIMEZONE") < text.find("BEGIN:VEVENT"));
        assert!(text.contains("DTSTART;TZID=Europe/Amsterdam:20260330T100000"));
        assert!(text.contains("UID:a@groeikoers"));
        assert!(text.contains("STATUS:CANCELLED"));
        assert_eq!(text.matches("BEGIN:VALARM").count(), 2);
        assert!(text.contains("TRIGGER:-PT86400S"), "{text}");
        let parsed: Calendar = text.parse().expect("the crate parses its own output back");
        assert_eq!(parsed.events().count(), 2);
        assert_eq!(
            calendar(&opts(), &[event("a@groeikoers", "2026-03-30", false)]),
            calendar(&opts(), &[event("a@groeikoers", "2026-03-30", false)]),
            "the same input gives the same file"
        );
    }

    #[test]
    fn an_empty_calendar_still_defines_its_timezone() {
        let text = calendar(&opts(), &[]);
        assert!(text.contains("BEGIN:VTIMEZONE") && text.ends_with("END:VCALENDAR\r\n"));
    }
}

"""Reads an ICS file with Python's icalendar and recurring-ical-events, the way a calendar
would, and prints every occurrence in a date range as JSON: uid, local start with its UTC
offset, status, sequence and the alarm triggers (seconds relative to the start)."""
import datetime
import json
import sys

import icalendar
import recurring_ical_events

path = sys.argv[1]
start, end = (datetime.date.fromisoformat(a) for a in sys.argv[2:4])
with open(path, "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())

tzids = [str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")]
out = []
for ev in recurring_ical_events.of(cal).between(start, end):
    alarms = []
    for alarm in ev.walk("VALARM"):
        trigger = alarm.decoded("TRIGGER")
        alarms.append({"action": str(alarm.get("ACTION")), "seconds": int(trigger.total_seconds())})
    dtstart = ev.decoded("DTSTART")
    out.append(
        {
            "uid": str(ev.get("UID")),
            "start": dtstart.isoformat(),
            "tzid": str(ev["DTSTART"].params.get("TZID", "")),
            "status": str(ev.get("STATUS", "CONFIRMED")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "alarms": alarms,
        }
    )
print(json.dumps({"timezones": tzids, "events": out}))

//! The `checkin`, `follow_up`, `evaluation` and `reminder_fired` tables.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use pop_domain::checkin::{Checkin, Evaluation, FollowUp};
use pop_domain::rhythm::{CheckinEdit, CheckinStatus};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::{HashMap, HashSet};

const CHECKIN_COLUMNS: &str = "id, plan_id, slot, due_on, status, skip_reason, held_on, grow, \
                               progress, revision, created_at, updated_at";

/// Inserts the check-in, or replaces the stored one with the same id.
pub fn save_checkin(conn: &Connection, c: &Checkin) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO checkin ({CHECKIN_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
             ?10, ?11, ?12) ON CONFLICT (id) DO UPDATE SET due_on = excluded.due_on, \
             status = excluded.status, skip_reason = excluded.skip_reason, \
             held_on = excluded.held_on, grow = excluded.grow, progress = excluded.progress, \
             revision = excluded.revision, updated_at = excluded.updated_at"
        ),
        params![
            c.id,
            c.plan_id,
            c.slot,
            c.due_on.to_string(),
            c.status.as_str(),
            c.skip_reason,
            c.held_on.map(|d| d.to_string()),
            json(&c.grow)?,
            json(&c.progress)?,
            c.revision,
            c.created_at.to_rfc3339(),
            c.updated_at.to_rfc3339(),
        ],
    )?;
    Ok(())
}

pub fn get_checkin(conn: &Connection, id: &str) -> Result<Option<Checkin>> {
    conn.query_row(
        &format!("SELECT {CHECKIN_COLUMNS} FROM checkin WHERE id = ?1"),
        [id],
        checkin_row,
    )
    .optional()?
    .transpose()
}

/// Whether the check-in `id` of the series `plan_id` was held (or skipped) on this computer:
/// what the people wrote here, which a package from outside never replaces.
pub fn checkin_written_here(conn: &Connection, plan_id: &str, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM event_log WHERE plan_id = ?1 \
         AND kind IN ('checkin held', 'checkin skipped') AND detail = ?2)",
        [plan_id, id],
        |r| r.get(0),
    )?)
}

/// The plan an agreement with this id belongs to, if there is one here.
pub fn follow_up_plan(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT plan_id FROM follow_up WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn checkin_by_slot(conn: &Connection, plan_id: &str, slot: u32) -> Result<Option<Checkin>> {
    conn.query_row(
        &format!("SELECT {CHECKIN_COLUMNS} FROM checkin WHERE plan_id = ?1 AND slot = ?2"),
        params![plan_id, slot],
        checkin_row,
    )
    .optional()?
    .transpose()
}

/// The check-ins of one plan series, in date order.
pub fn checkins_of(conn: &Connection, plan_id: &str) -> Result<Vec<Checkin>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CHECKIN_COLUMNS} FROM checkin WHERE plan_id = ?1 ORDER BY due_on, created_at"
    ))?;
    let rows = stmt.query_map([plan_id], checkin_row)?;
    rows.map(|r| r?).collect()
}

/// Every stored check-in, in date order (for the board and the overview).
pub fn all_checkins(conn: &Connection) -> Result<Vec<Checkin>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CHECKIN_COLUMNS} FROM checkin ORDER BY plan_id, due_on, created_at"
    ))?;
    let rows = stmt.query_map([], checkin_row)?;
    rows.map(|r| r?).collect()
}

fn checkin_row(r: &Row<'_>) -> rusqlite::Result<Result<Checkin>> {
    let id: String = r.get(0)?;
    let due: String = r.get(3)?;
    let status: String = r.get(4)?;
    let held: Option<String> = r.get(6)?;
    let grow: String = r.get(7)?;
    let progress: String = r.get(8)?;
    let created: String = r.get(10)?;
    let updated: String = r.get(11)?;
    let (plan_id, slot, skip_reason, revision) = (r.get(1)?, r.get(2)?, r.get(5)?, r.get(9)?);
    Ok((|| {
        let bad = |what: &str| StoreError::Corrupt(format!("check-in {id}: {what}"));
        Ok(Checkin {
            due_on: date(&due).ok_or_else(|| bad("date"))?,
            status: CheckinStatus::parse(&status).ok_or_else(|| bad("status"))?,
            held_on: match held {
                Some(h) => Some(date(&h).ok_or_else(|| bad("held on"))?),
                None => None,
            },
            grow: serde_json::from_str(&grow).map_err(|_| bad("notes"))?,
            progress: serde_json::from_str(&progress).map_err(|_| bad("progress"))?,
            created_at: time(&created).ok_or_else(|| bad("time"))?,
            updated_at: time(&updated).ok_or_else(|| bad("time"))?,
            plan_id,
            slot,
            skip_reason,
            revision,
            id: id.clone(),
        })
    })())
}

const FOLLOW_UP_COLUMNS: &str = "id, plan_id, checkin_id, description, owner, due_on, done";

pub fn insert_follow_up(conn: &Connection, f: &FollowUp, at: &str) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO follow_up ({FOLLOW_UP_COLUMNS}, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
        ),
        params![
            f.id,
            f.plan_id,
            f.checkin_id,
            f.description,
            f.owner,
            f.due.map(|d| d.to_string()),
            f.done,
            at
        ],
    )?;
    Ok(())
}

/// Marks a follow-up done or open again. False when there is none with that id.
pub fn set_follow_up_done(conn: &Connection, id: &str, done: bool, at: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE follow_up SET done = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, done, at],
    )? == 1)
}

/// Follow-ups of one plan series (or all with `None`), by due date, undated last.
pub fn follow_ups(conn: &Connection, plan_id: Option<&str>) -> Result<Vec<FollowUp>> {
    match plan_id {
        Some(id) => follow_ups_where(conn, "WHERE plan_id = ?1", [id]),
        None => follow_ups_where(conn, "", []),
    }
}

/// The open follow-ups with a date of one series.
pub fn open_follow_ups_of(conn: &Connection, series: &str) -> Result<Vec<FollowUp>> {
    follow_ups_where(
        conn,
        "WHERE plan_id = ?1 AND done = 0 AND due_on IS NOT NULL",
        [series],
    )
}

/// The series of the current plans (the newest version is a draft or active).
const CURRENT_SERIES: &str = "SELECT series_id FROM plan_summary \
                              WHERE latest = 1 AND status IN ('draft', 'active')";

/// What the schedule needs of the stored check-ins of one series: the edits, no notes.
pub fn schedule_edits(conn: &Connection, series: &str) -> Result<Vec<CheckinEdit>> {
    Ok(edits_where(conn, "WHERE plan_id = ?1", [series])?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// The schedule edits of every current plan's series, by series.
pub fn current_schedule_edits(conn: &Connection) -> Result<HashMap<String, Vec<CheckinEdit>>> {
    let mut out: HashMap<String, Vec<CheckinEdit>> = HashMap::new();
    for (series, e) in edits_where(conn, &format!("WHERE plan_id IN ({CURRENT_SERIES})"), [])? {
        out.entry(series).or_default().push(e);
    }
    Ok(out)
}

fn edits_where(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<(String, CheckinEdit)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT plan_id, id, slot, due_on, status, revision FROM checkin {filter} \
         ORDER BY plan_id, due_on, created_at"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut out: Vec<(String, CheckinEdit)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(1)?;
        let bad = |what: &str| StoreError::Corrupt(format!("check-in {id}: {what}"));
        let series = r.get_ref(0)?.as_str().map_err(|_| bad("plan"))?;
        // Rows come by series: the series id is copied once per series, not per row.
        let series = match out.last() {
            Some((last, _)) if last == series => last.clone(),
            _ => series.to_owned(),
        };
        let due = r.get_ref(3)?.as_str().map_err(|_| bad("date"))?;
        let status = r.get_ref(4)?.as_str().map_err(|_| bad("status"))?;
        let edit = CheckinEdit {
            date: date(due).ok_or_else(|| bad("date"))?,
            status: CheckinStatus::parse(status).ok_or_else(|| bad("status"))?,
            slot: r.get(2)?,
            revision: r.get(5)?,
            id,
        };
        out.push((series, edit));
    }
    Ok(out)
}

/// The most recent held check-in of each person, over all their plans.
pub fn last_held_by_person(conn: &Connection) -> Result<HashMap<String, NaiveDate>> {
    // Kept on write by triggers on `checkin` (migration 17): one row per person.
    let mut stmt = conn.prepare_cached("SELECT person_id, held_on FROM person_last_held")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (person, held) = row?;
        let held = date(&held).ok_or_else(|| StoreError::Corrupt(format!("held on {held:?}")))?;
        out.insert(person, held);
    }
    Ok(out)
}

fn follow_ups_where(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up {filter} \
         ORDER BY due_on IS NULL, due_on, created_at"
    ))?;
    let rows = stmt.query_map(params, |r| {
        let id: String = r.get(0)?;
        let due: Option<String> = r.get(5)?;
        Ok((|| {
            Ok(FollowUp {
                due: match due {
                    Some(d) => Some(
                        date(&d)
                            .ok_or_else(|| StoreError::Corrupt(format!("follow-up {id}: date")))?,
                    ),
                    None => None,
                },
                plan_id: r.get(1)?,
                checkin_id: r.get(2)?,
                description: r.get(3)?,
                owner: r.get(4)?,
                done: r.get(6)?,
                id: id.clone(),
            })
        })())
    })?;
    rows.map(|r| r?).collect()
}

pub fn save_evaluation(
    conn: &Connection,
    plan_id: &str,
    e: &Evaluation,
    on: NaiveDate,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO evaluation (plan_id, content, evaluated_on, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (plan_id) DO UPDATE SET \
         content = excluded.content, evaluated_on = excluded.evaluated_on, \
         updated_at = excluded.updated_at",
        params![plan_id, json(e)?, on.to_string(), at],
    )?;
    Ok(())
}

pub fn get_evaluation(conn: &Connection, plan_id: &str) -> Result<Option<(Evaluation, NaiveDate)>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT content, evaluated_on FROM evaluation WHERE plan_id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(content, on)| {
        let bad = || StoreError::Corrupt(format!("evaluation of {plan_id}"));
        Ok((
            serde_json::from_str(&content).map_err(|_| bad())?,
            date(&on).ok_or_else(bad)?,
        ))
    })
    .transpose()
}

/// The keys of every reminder that has fired.
pub fn fired_keys(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached("SELECT key FROM reminder_fired")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Remembers that a reminder of the plan series `series` fired. True when it had not fired
/// before.
pub fn mark_fired(
    conn: &Connection,
    key: &str,
    series: &str,
    at: &str,
    missed: bool,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO reminder_fired (key, fired_at, missed, series_id) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO NOTHING",
        )?
        .execute(params![key, at, missed, series])?
        == 1)
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn date(s: &str) -> Option<NaiveDate> {
    pop_domain::text::iso_day(s)
}

fn time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_reminder_is_marked_fired_once() {
        let store = Store::open_in_memory().unwrap();
        assert!(mark_fired(store.conn(), "k", "s", "2026-01-01T00:00:00Z", false).unwrap());
        assert!(!mark_fired(store.conn(), "k", "s", "2026-01-02T00:00:00Z", true).unwrap());
        assert_eq!(fired_keys(store.conn()).unwrap().len(), 1);
    }

    #[test]
    fn the_last_held_check_in_of_a_person_follows_inserts_edits_and_removals() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        let t = "2026-01-01T00:00:00Z";
        c.execute_batch(&format!(
            "INSERT INTO person (id, full_name, created_at, updated_at) VALUES ('p', 'Zoë', '{t}', '{t}');
             INSERT INTO plan (id, person_id, title, period_start, period_end, content, created_at, updated_at)
             VALUES ('a', 'p', 'A', '2024-01-01', '2024-12-31', '{{}}', '{t}', '{t}'),
                    ('b', 'p', 'B', '2025-01-01', '2025-12-31', '{{}}', '{t}', '{t}');"
        ))
        .unwrap();
        let held = |id: &str, plan: &str, on: Option<&str>, status: &str| {
            c.execute(
                "INSERT INTO checkin (id, plan_id, due_on, status, held_on, created_at, updated_at) \
                 VALUES (?1, ?2, '2024-01-01', ?3, ?4, ?5, ?5) ON CONFLICT (id) DO UPDATE SET \
                 status = excluded.status, held_on = excluded.held_on",
                params![id, plan, status, on, t],
            )
            .unwrap();
        };
        let last = || last_held_by_person(c).unwrap().get("p").copied();
        let d = |s: &str| date(s);
        assert_eq!(last(), None);
        held("1", "a", Some("2024-03-01"), "done");
        held("2", "b", Some("2025-02-01"), "done");
        held("3", "a", None, "planned");
        assert_eq!(last(), d("2025-02-01"), "the newest over both plans");
        held("2", "b", Some("2025-01-15"), "done");
        assert_eq!(last(), d("2025-01-15"), "an earlier date after an edit");
        held("2", "b", None, "skipped");
        assert_eq!(last(), d("2024-03-01"), "skipped: the one before counts");
        c.execute("DELETE FROM checkin WHERE id = '1'", []).unwrap();
        assert_eq!(last(), None, "removed: nothing held");
    }
}

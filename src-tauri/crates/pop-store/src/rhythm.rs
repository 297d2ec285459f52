//! The `checkin`, `follow_up`, `evaluation` and `reminder_fired` tables.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use pop_domain::checkin::{Checkin, Evaluation, FollowUp};
use pop_domain::rhythm::CheckinStatus;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::HashSet;

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
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up WHERE ?1 IS NULL OR plan_id = ?1 \
         ORDER BY due_on IS NULL, due_on, created_at"
    ))?;
    let rows = stmt.query_map([plan_id], |r| {
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

/// Remembers that a reminder fired. True when it had not fired before.
pub fn mark_fired(conn: &Connection, key: &str, at: &str, missed: bool) -> Result<bool> {
    Ok(conn.execute(
        "INSERT INTO reminder_fired (key, fired_at, missed) VALUES (?1, ?2, ?3) \
         ON CONFLICT (key) DO NOTHING",
        params![key, at, missed],
    )? == 1)
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
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
        assert!(mark_fired(store.conn(), "k", "2026-01-01T00:00:00Z", false).unwrap());
        assert!(!mark_fired(store.conn(), "k", "2026-01-02T00:00:00Z", true).unwrap());
        assert_eq!(fired_keys(store.conn()).unwrap().len(), 1);
    }
}

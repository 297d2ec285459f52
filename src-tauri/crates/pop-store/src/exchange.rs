//! What was last exchanged with another computer: content hashes of drafts at the last
//! exchange, person ids from elsewhere, and the events other computers logged.

use crate::error::Result;
use crate::signing::EventRow;
use rusqlite::{params, Connection, OptionalExtension};

/// The content hash of a version at its last exchange, if it was ever exchanged.
pub fn base(conn: &Connection, plan_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT content_sha256 FROM exchange_state WHERE plan_id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records a version's content hash as exchanged; false when it already was that.
pub fn set_base(conn: &Connection, plan_id: &str, sha: &str, at: &str) -> Result<bool> {
    if base(conn, plan_id)?.as_deref() == Some(sha) {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO exchange_state (plan_id, content_sha256, at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (plan_id) DO UPDATE SET content_sha256 = excluded.content_sha256, at = excluded.at",
        params![plan_id, sha, at],
    )?;
    Ok(true)
}

/// Whether any version of these plans was ever exchanged.
pub fn any_exchanged(conn: &Connection, plan_ids: &[String]) -> Result<bool> {
    for id in plan_ids {
        if base(conn, id)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn alias(conn: &Connection, remote_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT person_id FROM person_alias WHERE remote_id = ?1",
            [remote_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_alias(conn: &Connection, remote_id: &str, person_id: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO person_alias (remote_id, person_id) VALUES (?1, ?2) \
         ON CONFLICT (remote_id) DO UPDATE SET person_id = excluded.person_id",
        params![remote_id, person_id],
    )?;
    Ok(())
}

/// Stores events another device logged; true when any was new.
pub fn add_foreign_events(
    conn: &Connection,
    device_key: &str,
    events: &[EventRow],
) -> Result<bool> {
    let mut stmt = conn.prepare(
        "INSERT OR IGNORE INTO foreign_event (device_key, seq, at, plan_id, kind, detail, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut any = false;
    for e in events {
        any |= stmt.execute(params![
            device_key, e.seq, e.at, e.plan_id, e.kind, e.detail, e.hash
        ])? == 1;
    }
    Ok(any)
}

/// Whether all these events of a device are stored already.
pub fn has_foreign_events(
    conn: &Connection,
    device_key: &str,
    events: &[EventRow],
) -> Result<bool> {
    let mut stmt = conn.prepare(
        "SELECT count(*) FROM foreign_event WHERE device_key = ?1 AND seq = ?2 AND hash = ?3",
    )?;
    for e in events {
        let n: i64 = stmt.query_row(params![device_key, e.seq, e.hash], |r| r.get(0))?;
        if n == 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

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

/// A package file in the exchange folder, as last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    pub file_name: String,
    pub sha256: String,
    pub outcome: String,
    pub reason: String,
    pub at: String,
}

pub fn folder_file(conn: &Connection, name: &str) -> Result<Option<FolderFile>> {
    Ok(conn
        .query_row(
            "SELECT file_name, sha256, outcome, reason, at FROM exchange_file WHERE file_name = ?1",
            [name],
            folder_row,
        )
        .optional()?)
}

fn folder_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FolderFile> {
    Ok(FolderFile {
        file_name: r.get(0)?,
        sha256: r.get(1)?,
        outcome: r.get(2)?,
        reason: r.get(3)?,
        at: r.get(4)?,
    })
}

/// Files that were refused or wait for the user, newest first.
pub fn folder_problems(conn: &Connection) -> Result<Vec<FolderFile>> {
    let mut stmt = conn.prepare(
        "SELECT file_name, sha256, outcome, reason, at FROM exchange_file \
         WHERE outcome IN ('waiting', 'confirm', 'refused') ORDER BY at DESC, file_name LIMIT 100",
    )?;
    let rows = stmt.query_map([], folder_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_folder_file(conn: &Connection, f: &FolderFile) -> Result<()> {
    conn.execute(
        "INSERT INTO exchange_file (file_name, sha256, outcome, reason, at) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (file_name) DO UPDATE SET sha256 = excluded.sha256, outcome = excluded.outcome, \
         reason = excluded.reason, at = excluded.at",
        params![f.file_name, f.sha256, f.outcome, f.reason, f.at],
    )?;
    Ok(())
}

/// The state of a series last written to (or read from) the folder.
pub fn written_state(conn: &Connection, series_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT state_sha256 FROM exchange_written WHERE series_id = ?1",
            [series_id],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_written_state(conn: &Connection, series_id: &str, sha: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO exchange_written (series_id, state_sha256, at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (series_id) DO UPDATE SET state_sha256 = excluded.state_sha256, at = excluded.at",
        params![series_id, sha, at],
    )?;
    Ok(())
}

/// The first version of every plan series that has travelled (was exported or imported).
/// Of one person only, when `person_id` is given.
pub fn travelled_series(conn: &Connection, person_id: Option<&str>) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "WITH RECURSIVE up(id, prev, person) AS ( \
             SELECT p.id, p.previous_version, p.person_id FROM plan p \
             JOIN exchange_state e ON e.plan_id = p.id \
             UNION SELECT p.id, p.previous_version, p.person_id FROM plan p JOIN up ON p.id = up.prev) \
         SELECT DISTINCT id FROM up WHERE prev IS NULL AND (?1 IS NULL OR person = ?1) ORDER BY id",
    )?;
    let rows = stmt.query_map([person_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The exchange folders, per person: (person id, folder).
pub fn folders(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT person_id, folder FROM exchange_folder ORDER BY person_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_folder(conn: &Connection, person_id: &str, folder: Option<&str>) -> Result<()> {
    match folder {
        Some(f) => conn.execute(
            "INSERT INTO exchange_folder (person_id, folder) VALUES (?1, ?2) \
             ON CONFLICT (person_id) DO UPDATE SET folder = excluded.folder",
            params![person_id, f],
        )?,
        None => conn.execute(
            "DELETE FROM exchange_folder WHERE person_id = ?1",
            [person_id],
        )?,
    };
    Ok(())
}

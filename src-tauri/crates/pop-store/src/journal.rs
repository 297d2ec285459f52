//! The `journal_entry` table and its full-text index.

use crate::error::{Result, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A stored entry; dates and times as stored text, parsed by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub id: String,
    pub entry_date: String,
    pub body: String,
    pub tags: Vec<String>,
    pub goal_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// With search: the body with matches between `\u{2}` and `\u{3}`.
    pub highlighted: Option<String>,
}

const COLUMNS: &str = "e.id, e.entry_date, e.body, e.tags, e.goal_id, e.created_at, e.updated_at";

pub fn insert(conn: &Connection, e: &EntryRow) -> Result<()> {
    conn.execute(
        "INSERT INTO journal_entry (id, entry_date, body, tags, goal_id, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.id,
            e.entry_date,
            e.body,
            serde_json::to_string(&e.tags).expect("tags serialise"),
            e.goal_id,
            e.created_at,
            e.updated_at
        ],
    )?;
    Ok(())
}

fn from_row(r: &Row<'_>, highlighted: bool) -> rusqlite::Result<Result<EntryRow>> {
    let tags: String = r.get(3)?;
    let id: String = r.get(0)?;
    Ok(Ok(EntryRow {
        entry_date: r.get(1)?,
        body: r.get(2)?,
        tags: match serde_json::from_str(&tags) {
            Ok(t) => t,
            Err(_) => {
                return Ok(Err(StoreError::Corrupt(format!(
                    "journal entry {id}: tags"
                ))))
            }
        },
        goal_id: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        highlighted: if highlighted { r.get(7)? } else { None },
        id,
    }))
}

/// One entry by id.
pub fn get(conn: &Connection, id: &str) -> Result<Option<EntryRow>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM journal_entry e WHERE e.id = ?1"
    ))?
    .query_row([id], |r| from_row(r, false))
    .optional()?
    .transpose()
}

/// Replaces an entry's date, text, tags and goal (the full-text index follows by trigger).
pub fn update(conn: &Connection, e: &EntryRow) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE journal_entry SET entry_date = ?2, body = ?3, tags = ?4, goal_id = ?5, \
         updated_at = ?6 WHERE id = ?1",
        params![
            e.id,
            e.entry_date,
            e.body,
            serde_json::to_string(&e.tags).expect("tags serialise"),
            e.goal_id,
            e.updated_at
        ],
    )? == 1)
}

pub fn delete(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM journal_entry WHERE id = ?1", [id])? == 1)
}

/// Entries between two dates (inclusive, `YYYY-MM-DD`), newest first.
pub fn between(conn: &Connection, from: &str, to: &str) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM journal_entry e WHERE e.entry_date BETWEEN ?1 AND ?2 \
         ORDER BY e.entry_date DESC, e.created_at DESC"
    ))?;
    let rows = stmt.query_map([from, to], |r| from_row(r, false))?;
    rows.map(|r| r?).collect()
}

/// Full-text search with an FTS5 match expression; best matches (bm25) first, `limit` of
/// them from `offset` on. SQLite ranks and cuts off; only the rows returned are read from
/// the journal and highlighted.
pub fn search(
    conn: &Connection,
    fts_query: &str,
    limit: usize,
    offset: usize,
) -> Result<Vec<EntryRow>> {
    let best: Vec<i64> = conn
        .prepare_cached(
            "SELECT rowid FROM journal_fts WHERE journal_fts MATCH ?1 \
             ORDER BY rank LIMIT ?2 OFFSET ?3",
        )?
        .query_map(params![fts_query, limit as i64, offset as i64], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, highlight(journal_fts, 0, char(2), char(3)) FROM journal_fts \
         JOIN journal_entry e ON e.rowid = journal_fts.rowid \
         WHERE journal_fts MATCH ?1 AND journal_fts.rowid = ?2"
    ))?;
    let mut out = Vec::with_capacity(best.len());
    for rowid in best {
        if let Some(row) = stmt
            .query_row(params![fts_query, rowid], |r| from_row(r, true))
            .optional()?
        {
            out.push(row?);
        }
    }
    Ok(out)
}

pub fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM journal_entry", [], |r| r.get(0))?;
    Ok(n as usize)
}

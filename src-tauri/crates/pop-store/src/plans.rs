//! The `plan` table. The content is stored as JSON; title and period are copied out so lists
//! need not parse it.

use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use pop_domain::plan::{Plan, PlanContent, PlanStatus};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, person_id, status, carried_from, content, created_at, updated_at, \
                       version, previous_version, version_reason";

pub fn insert(conn: &Connection, p: &Plan) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO plan ({COLUMNS}, title, period_start, period_end) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        ),
        params![
            p.id,
            p.person_id,
            p.status.as_str(),
            p.carried_from,
            to_json(&p.content)?,
            p.created_at.to_rfc3339(),
            p.updated_at.to_rfc3339(),
            p.version,
            p.previous_version,
            p.version_reason,
            p.content.title,
            p.content.period_start.to_string(),
            p.content.period_end.to_string(),
        ],
    )?;
    Ok(())
}

/// Writes status, content and update time of an existing plan. False when there is none.
pub fn update(conn: &Connection, p: &Plan) -> Result<bool> {
    let n = conn.execute(
        "UPDATE plan SET status = ?2, content = ?3, updated_at = ?4, title = ?5, \
         period_start = ?6, period_end = ?7 WHERE id = ?1",
        params![
            p.id,
            p.status.as_str(),
            to_json(&p.content)?,
            p.updated_at.to_rfc3339(),
            p.content.title,
            p.content.period_start.to_string(),
            p.content.period_end.to_string(),
        ],
    )?;
    Ok(n == 1)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Plan>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM plan WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .transpose()
}

/// Plans, newest period first; of one person when `person_id` is given.
pub fn list(conn: &Connection, person_id: Option<&str>) -> Result<Vec<Plan>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM plan WHERE ?1 IS NULL OR person_id = ?1 \
         ORDER BY period_start DESC, created_at DESC"
    ))?;
    let rows = stmt.query_map([person_id], from_row)?;
    let mut plans = Vec::new();
    for row in rows {
        plans.push(row??);
    }
    Ok(plans)
}

fn to_json(content: &PlanContent) -> Result<String> {
    serde_json::to_string(content).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<Plan>> {
    let id: String = row.get(0)?;
    let status: String = row.get(2)?;
    let content: String = row.get(4)?;
    let created: String = row.get(5)?;
    let updated: String = row.get(6)?;
    let person_id: String = row.get(1)?;
    let carried_from: Option<String> = row.get(3)?;
    let version: u32 = row.get(7)?;
    let previous_version: Option<String> = row.get(8)?;
    let version_reason: String = row.get(9)?;
    Ok((|| {
        Ok(Plan {
            status: PlanStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("plan {id}: status {status:?}")))?,
            content: serde_json::from_str(&content)
                .map_err(|e| StoreError::Corrupt(format!("plan {id}: {e}")))?,
            created_at: time(&created)?,
            updated_at: time(&updated)?,
            person_id,
            carried_from,
            version,
            previous_version,
            version_reason,
            id,
        })
    })())
}

fn time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("timestamp {s:?}")))
}

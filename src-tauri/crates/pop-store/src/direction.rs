//! The firm's direction (developments, team goals), plan goals linked to team goals, and
//! observers' feedback on measure points.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use pop_domain::direction::{Development, Feedback, TeamGoal};
use rusqlite::{params, Connection, OptionalExtension, Row};

fn day(s: &str, what: &str) -> Result<NaiveDate> {
    pop_domain::text::iso_day(s).ok_or_else(|| StoreError::Corrupt(format!("{what}: date {s:?}")))
}

fn time(s: &str, what: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("{what}: time {s:?}")))
}

pub fn insert_team_goal(conn: &Connection, g: &TeamGoal) -> Result<()> {
    conn.execute(
        "INSERT INTO team_goal (id, title, why, until, roles, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            g.id,
            g.title,
            g.why,
            g.until.map(|d| d.to_string()),
            g.roles,
            g.created_at.to_rfc3339()
        ],
    )?;
    Ok(())
}

pub fn update_team_goal(conn: &Connection, g: &TeamGoal) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE team_goal SET title = ?2, why = ?3, until = ?4, roles = ?5 WHERE id = ?1",
        params![
            g.id,
            g.title,
            g.why,
            g.until.map(|d| d.to_string()),
            g.roles
        ],
    )? == 1)
}

/// Removes a team goal; its links go with it (the plans' own goals stay).
pub fn delete_team_goal(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM team_goal WHERE id = ?1", [id])? == 1)
}

const TEAM_GOAL_COLUMNS: &str = "id, title, why, until, roles, created_at";

fn team_goal_row(r: &Row<'_>) -> rusqlite::Result<Result<TeamGoal>> {
    let id: String = r.get(0)?;
    let until: Option<String> = r.get(3)?;
    let created: String = r.get(5)?;
    let (title, why, roles) = (r.get(1)?, r.get(2)?, r.get(4)?);
    Ok((|| {
        Ok(TeamGoal {
            until: until.map(|u| day(&u, "team goal")).transpose()?,
            created_at: time(&created, "team goal")?,
            title,
            why,
            roles,
            id,
        })
    })())
}

pub fn team_goal(conn: &Connection, id: &str) -> Result<Option<TeamGoal>> {
    conn.query_row(
        &format!("SELECT {TEAM_GOAL_COLUMNS} FROM team_goal WHERE id = ?1"),
        [id],
        team_goal_row,
    )
    .optional()?
    .transpose()
}

/// Every team goal: the nearest date first, those without a date last.
pub fn team_goals(conn: &Connection) -> Result<Vec<TeamGoal>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TEAM_GOAL_COLUMNS} FROM team_goal \
         ORDER BY until IS NULL, until, created_at, id"
    ))?;
    let rows = stmt.query_map([], team_goal_row)?;
    rows.map(|r| r?).collect()
}

pub fn insert_development(conn: &Connection, d: &Development, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO firm_development (id, noted_on, text, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![d.id, d.noted_on.to_string(), d.text, at],
    )?;
    Ok(())
}

pub fn delete_development(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM firm_development WHERE id = ?1", [id])? == 1)
}

/// Every development, newest first.
pub fn developments(conn: &Connection) -> Result<Vec<Development>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, noted_on, text FROM firm_development ORDER BY noted_on DESC, created_at DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let on: String = r.get(1)?;
        Ok((r.get::<_, String>(0)?, on, r.get::<_, String>(2)?))
    })?;
    rows.map(|r| {
        let (id, on, text) = r?;
        Ok(Development {
            noted_on: day(&on, "development")?,
            id,
            text,
        })
    })
    .collect()
}

/// Links the goal `goal_id` of the series to a team goal (replacing an earlier link).
pub fn link(
    conn: &Connection,
    series: &str,
    goal_id: &str,
    team_goal: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO goal_link (series_id, goal_id, team_goal_id, linked_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (series_id, goal_id) DO UPDATE SET team_goal_id = excluded.team_goal_id, \
         linked_at = excluded.linked_at",
        params![series, goal_id, team_goal, at],
    )?;
    Ok(())
}

pub fn unlink(conn: &Connection, series: &str, goal_id: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM goal_link WHERE series_id = ?1 AND goal_id = ?2",
        params![series, goal_id],
    )? == 1)
}

/// The links of one series: (goal id, team goal id).
pub fn links_of(conn: &Connection, series: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT goal_id, team_goal_id FROM goal_link WHERE series_id = ?1 ORDER BY goal_id",
    )?;
    let rows = stmt.query_map([series], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The links to one team goal: (series id, goal id).
pub fn links_to(conn: &Connection, team_goal: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT series_id, goal_id FROM goal_link WHERE team_goal_id = ?1 ORDER BY linked_at",
    )?;
    let rows = stmt.query_map([team_goal], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_feedback(conn: &Connection, f: &Feedback) -> Result<()> {
    conn.execute(
        "INSERT INTO observer_feedback (id, series_id, goal_id, measure_id, from_name, seen_on, \
         seen, score, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            f.id,
            f.series_id,
            f.goal_id,
            f.measure_id,
            f.from_name,
            f.seen_on.to_string(),
            f.seen,
            f.score,
            f.note,
            f.created_at.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// The feedback on a series, oldest first.
pub fn feedback_of(conn: &Connection, series: &str) -> Result<Vec<Feedback>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, series_id, goal_id, measure_id, from_name, seen_on, seen, score, note, \
         created_at FROM observer_feedback WHERE series_id = ?1 ORDER BY seen_on, created_at",
    )?;
    let rows = stmt.query_map([series], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ),
            (
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, u8>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ),
        ))
    })?;
    rows.map(|r| {
        let ((id, series_id, goal_id, measure_id, from_name), (on, seen, score, note, at)) = r?;
        Ok(Feedback {
            seen_on: day(&on, "feedback")?,
            created_at: time(&at, "feedback")?,
            id,
            series_id,
            goal_id,
            measure_id,
            from_name,
            seen,
            score,
            note,
        })
    })
    .collect()
}

/// Every person's id and name (for the costs-and-results table).
pub fn person_names(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, full_name FROM person")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every evaluation: (plan id, its JSON).
pub fn evaluations(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT plan_id, content FROM evaluation")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the development budget spent, per person and calendar year: (person, year, cents,
/// minutes). Corrections change a balance, they are not spending — except what a new version
/// of a signed plan gave back of what an earlier one charged, which undoes spending.
pub fn spending_by_year(conn: &Connection) -> Result<Vec<(String, i32, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, CAST(substr(on_date, 1, 4) AS INTEGER), \
         sum(CASE correction WHEN 0 THEN euro_cents ELSE -euro_cents END), \
         sum(CASE correction WHEN 0 THEN minutes ELSE -minutes END) \
         FROM budget_entry WHERE correction = 0 OR source IS NOT NULL GROUP BY 1, 2",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! The `plan` table. The content is stored as JSON; title and period are copied out so lists
//! need not parse it.

use crate::error::{Result, StoreError};
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use pop_domain::plan::{DueAction, Plan, PlanContent, PlanStatus};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, person_id, status, carried_from, content, created_at, updated_at, \
                       version, previous_version, version_reason";

pub fn insert(conn: &Connection, p: &Plan) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO plan ({COLUMNS}, title, period_start, period_end, series_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
             COALESCE((SELECT series_id FROM plan WHERE id = ?9), ?1))"
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
    write_summary(conn, p)?;
    if let Some(prev) = &p.previous_version {
        conn.execute(
            "UPDATE plan_summary SET latest = 0 WHERE plan_id = ?1",
            [prev],
        )?;
    }
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
    if n == 1 {
        write_summary(conn, p)?;
    }
    Ok(n == 1)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Plan>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM plan WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .transpose()
}

/// Whether the store holds any plan at all (one index probe).
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM plan)", [], |r| r.get(0))?)
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

/// Writes the summary row of `p` (its series and whether it is the newest version are read
/// from the store).
fn write_summary(conn: &Connection, p: &Plan) -> Result<()> {
    let c = &p.content;
    let findings = pop_domain::check::check(c);
    let errors = findings
        .iter()
        .filter(|f| f.severity == pop_domain::check::Severity::Error)
        .count();
    let due =
        serde_json::to_string(&c.due_actions()).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO plan_summary (plan_id, series_id, person_id, status, latest, \
         title, period_start, period_end, updated_at, version, every_weeks, planned_cents, \
         goal_count, error_count, warning_count, due_actions) \
         SELECT id, series_id, person_id, ?2, \
         NOT EXISTS (SELECT 1 FROM plan n WHERE n.previous_version = plan.id), \
         ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 FROM plan WHERE id = ?1",
    )?
    .execute(params![
        p.id,
        p.status.as_str(),
        c.title,
        c.period_start.to_string(),
        c.period_end.to_string(),
        p.updated_at.to_rfc3339(),
        p.version,
        pop_domain::rhythm::checkin_weeks(&c.rhythm),
        c.planned_cents(),
        c.goals.len() as i64,
        errors as i64,
        (findings.len() - errors) as i64,
        due,
    ])?;
    if !matches!(p.status, PlanStatus::Draft | PlanStatus::Active) {
        // An evaluated or closed plan never reminds again: its fired reminders go (a newer
        // version keeps the series current, so nothing is lost there).
        conn.prepare_cached(
            "DELETE FROM reminder_fired WHERE series_id = (SELECT series_id FROM plan_summary \
             WHERE plan_id = ?1 AND latest = 1)",
        )?
        .execute([&p.id])?;
    }
    Ok(())
}

/// Fills the summary of every plan that has none (plans of a store made before summaries
/// existed). Returns how many were written.
pub fn fill_missing_summaries(conn: &Connection) -> Result<usize> {
    let ids: Vec<String> = conn
        .prepare(
            "SELECT id FROM plan WHERE NOT EXISTS \
             (SELECT 1 FROM plan_summary s WHERE s.plan_id = plan.id)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        if let Some(p) = get(conn, id)? {
            write_summary(conn, &p)?;
        }
    }
    Ok(ids.len())
}

/// Removes a plan version that nothing else refers to (the use case checks that); the
/// version before it is the newest of its series again.
pub fn delete(conn: &Connection, id: &str) -> Result<bool> {
    let previous: Option<String> = conn
        .query_row(
            "SELECT previous_version FROM plan WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let n = conn.execute("DELETE FROM plan WHERE id = ?1", [id])?;
    if let Some(prev) = previous {
        conn.execute(
            "UPDATE plan_summary SET latest = 1 WHERE plan_id = ?1",
            [prev],
        )?;
    }
    Ok(n == 1)
}

/// What lists and the board need of one plan version, read without its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanHead {
    pub id: String,
    pub series_id: String,
    pub person_id: String,
    pub status: PlanStatus,
    /// Whether this is the newest version of its series.
    pub latest: bool,
    pub title: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub updated_at: DateTime<Utc>,
    pub version: u32,
    pub every_weeks: u8,
    pub planned_cents: i64,
    pub goal_count: u32,
    pub error_count: u32,
    pub warning_count: u32,
    due_actions: String,
}

impl PlanHead {
    /// The open actions with a date (parsed on demand).
    pub fn due_actions(&self) -> Result<Vec<DueAction>> {
        serde_json::from_str(&self.due_actions)
            .map_err(|e| StoreError::Corrupt(format!("plan {}: {e}", self.id)))
    }
}

const HEAD_COLUMNS: &str = "plan_id, series_id, person_id, status, latest, title, period_start, \
                            period_end, updated_at, version, every_weeks, planned_cents, \
                            goal_count, error_count, warning_count, due_actions";

fn head_row(row: &Row<'_>) -> rusqlite::Result<Result<PlanHead>> {
    let id: String = row.get(0)?;
    let status: String = row.get(3)?;
    let start: String = row.get(6)?;
    let end: String = row.get(7)?;
    let updated: String = row.get(8)?;
    let head = (
        row.get(1)?,
        row.get(2)?,
        row.get::<_, bool>(4)?,
        row.get(5)?,
        row.get(9)?,
        row.get(10)?,
        row.get(11)?,
        row.get(12)?,
        row.get(13)?,
        row.get(14)?,
        row.get(15)?,
    );
    Ok((|| {
        let bad = |what: &str| StoreError::Corrupt(format!("plan {id}: {what}"));
        let (series_id, person_id, latest, title, version, weeks, cents, goals, errs, warns, due) =
            head;
        Ok(PlanHead {
            status: PlanStatus::parse(&status).ok_or_else(|| bad("status"))?,
            period_start: day(&start).ok_or_else(|| bad("period"))?,
            period_end: day(&end).ok_or_else(|| bad("period"))?,
            updated_at: time(&updated)?,
            series_id,
            person_id,
            latest,
            title,
            version,
            every_weeks: weeks,
            planned_cents: cents,
            goal_count: goals,
            error_count: errs,
            warning_count: warns,
            due_actions: due,
            id,
        })
    })())
}

fn heads(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<PlanHead>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {HEAD_COLUMNS} FROM plan_summary {sql}"))?;
    let rows = stmt.query_map(params, head_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// Every version's head, newest period first; of one person when `person_id` is given.
/// For a list: without the open actions (a team's years of them are megabytes, which the
/// list neither shows nor should sort); their `due_actions()` is empty.
pub fn list_heads(conn: &Connection, person_id: Option<&str>) -> Result<Vec<PlanHead>> {
    let columns = HEAD_COLUMNS.replace("due_actions", "'[]'");
    let sql = format!(
        "SELECT {columns} FROM plan_summary WHERE ?1 IS NULL OR person_id = ?1 \
         ORDER BY period_start DESC, plan_id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([person_id], head_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// The newest version of every series.
pub fn latest_heads(conn: &Connection) -> Result<Vec<PlanHead>> {
    heads(conn, "WHERE latest = 1", [])
}

/// What the owner's overview needs of the newest version of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanBrief {
    pub id: String,
    pub person_id: String,
    pub status: PlanStatus,
    pub title: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub planned_cents: i64,
}

/// The newest version of every series, read from one covering index (no documents, no
/// due actions).
pub fn latest_briefs(conn: &Connection) -> Result<Vec<PlanBrief>> {
    let mut stmt = conn.prepare_cached(
        "SELECT plan_id, person_id, status, title, period_start, period_end, planned_cents \
         FROM plan_summary WHERE latest = 1",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let bad = |what: &str| StoreError::Corrupt(format!("plan {id}: {what}"));
        let status = r.get_ref(2)?.as_str().map_err(|_| bad("status"))?;
        let start = r.get_ref(4)?.as_str().map_err(|_| bad("period"))?;
        let end = r.get_ref(5)?.as_str().map_err(|_| bad("period"))?;
        out.push(PlanBrief {
            status: PlanStatus::parse(status).ok_or_else(|| bad("status"))?,
            period_start: day(start).ok_or_else(|| bad("period"))?,
            period_end: day(end).ok_or_else(|| bad("period"))?,
            person_id: r.get(1)?,
            title: r.get(3)?,
            planned_cents: r.get(6)?,
            id,
        });
    }
    Ok(out)
}

/// The newest version of every series that is a draft or active: the current plans.
pub fn current_heads(conn: &Connection) -> Result<Vec<PlanHead>> {
    heads(
        conn,
        "WHERE latest = 1 AND status IN ('draft', 'active') ORDER BY plan_id",
        [],
    )
}

/// The current heads (as [`current_heads`]) of one person.
pub fn current_heads_of(conn: &Connection, person_id: &str) -> Result<Vec<PlanHead>> {
    heads(
        conn,
        "WHERE latest = 1 AND person_id = ?1 AND status IN ('draft', 'active') ORDER BY plan_id",
        [person_id],
    )
}

/// The head of a series' newest version when it is a draft or active.
pub fn current_head_of_series(conn: &Connection, series: &str) -> Result<Option<PlanHead>> {
    Ok(heads(
        conn,
        "WHERE series_id = ?1 AND latest = 1 AND status IN ('draft', 'active')",
        [series],
    )?
    .into_iter()
    .next())
}

/// The head of one version.
pub fn head(conn: &Connection, id: &str) -> Result<Option<PlanHead>> {
    Ok(heads(conn, "WHERE plan_id = ?1", [id])?.into_iter().next())
}

/// The newest version of the series `plan_id` belongs to (any version of it).
pub fn latest_of(conn: &Connection, plan_id: &str) -> Result<Option<Plan>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM plan WHERE id = (SELECT s.plan_id FROM plan_summary s \
         WHERE s.latest = 1 AND s.series_id = \
         (SELECT series_id FROM plan_summary WHERE plan_id = ?1) LIMIT 1)"
    ))?
    .query_row([plan_id], from_row)
    .optional()?
    .transpose()
}

/// The series (the first version's id) of the plan `id`.
pub fn series_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT series_id FROM plan WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

fn day(s: &str) -> Option<NaiveDate> {
    pop_domain::text::iso_day(s)
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

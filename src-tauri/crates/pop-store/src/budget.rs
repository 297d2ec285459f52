//! Budget schemes, FTE changes, the recorded budget lines and study-cost clauses.

use crate::error::{Result, StoreError};
use rusqlite::{params, Connection, OptionalExtension};

/// Stores a scheme from its start date (a scheme already starting that day is replaced: it
/// was never in force yet, or is being corrected).
pub fn set_scheme(conn: &Connection, from: &str, scheme_json: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO budget_scheme (from_date, scheme, created_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (from_date) DO UPDATE SET scheme = excluded.scheme, created_at = excluded.created_at",
        params![from, scheme_json, at],
    )?;
    Ok(())
}

/// Every scheme as stored JSON, oldest first.
pub fn schemes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT scheme FROM budget_scheme ORDER BY from_date")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_fte(conn: &Connection, person_id: &str, from: &str, permille: u32) -> Result<()> {
    conn.execute(
        "INSERT INTO person_fte (person_id, from_date, permille) VALUES (?1, ?2, ?3) \
         ON CONFLICT (person_id, from_date) DO UPDATE SET permille = excluded.permille",
        params![person_id, from, permille],
    )?;
    Ok(())
}

/// A person's FTE changes: (from, per mille), oldest first.
pub fn fte(conn: &Connection, person_id: &str) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_date, permille FROM person_fte WHERE person_id = ?1 ORDER BY from_date",
    )?;
    let rows = stmt.query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_left_reason(conn: &Connection, person_id: &str, reason: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE person SET left_reason = ?2 WHERE id = ?1",
        params![person_id, reason],
    )?;
    Ok(())
}

pub fn left_reason(conn: &Connection, person_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT left_reason FROM person WHERE id = ?1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// A recorded line: spending or a correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryRow {
    pub on_date: String,
    pub euro_cents: i64,
    pub minutes: i64,
    pub correction: bool,
    pub text: String,
}

pub fn add_entry(conn: &Connection, person_id: &str, e: &EntryRow, at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO budget_entry (person_id, on_date, euro_cents, minutes, correction, text, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![person_id, e.on_date, e.euro_cents, e.minutes, e.correction, e.text, at],
    )?;
    Ok(())
}

/// A line booked for an action of a signed plan, named by `source` ('plan:SERIES:ACTION').
pub fn add_charge(
    conn: &Connection,
    person_id: &str,
    e: &EntryRow,
    source: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO budget_entry (person_id, on_date, euro_cents, minutes, correction, text, created_at, source) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![person_id, e.on_date, e.euro_cents, e.minutes, e.correction, e.text, at, source],
    )?;
    Ok(())
}

/// Per source starting with `prefix`, what its lines took from the budget in cents (spending
/// counts up, a correction that gave back counts down).
pub fn charged(conn: &Connection, person_id: &str, prefix: &str) -> Result<Vec<(String, i64)>> {
    charged_in(conn, person_id, prefix, "euro_cents")
}

/// Like [`charged`], in minutes of the hours budget.
pub fn charged_minutes(
    conn: &Connection,
    person_id: &str,
    prefix: &str,
) -> Result<Vec<(String, i64)>> {
    charged_in(conn, person_id, prefix, "minutes")
}

fn charged_in(
    conn: &Connection,
    person_id: &str,
    prefix: &str,
    column: &'static str,
) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT source, sum(CASE correction WHEN 1 THEN -{column} ELSE {column} END) \
         FROM budget_entry WHERE person_id = ?1 AND source IS NOT NULL \
         AND substr(source, 1, length(?2)) = ?2 GROUP BY source ORDER BY min(id)"
    ))?;
    let rows = stmt.query_map(params![person_id, prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's recorded lines in the order they were booked.
pub fn entries(conn: &Connection, person_id: &str) -> Result<Vec<EntryRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, euro_cents, minutes, correction, text FROM budget_entry \
         WHERE person_id = ?1 ORDER BY on_date, id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(EntryRow {
            on_date: r.get(0)?,
            euro_cents: r.get(1)?,
            minutes: r.get(2)?,
            correction: r.get(3)?,
            text: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add_clause(
    conn: &Connection,
    id: &str,
    person_id: &str,
    json: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO study_clause (id, person_id, clause, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, person_id, json, at],
    )?;
    Ok(())
}

/// Records that the training of a clause was stopped without good reason (one record per
/// clause; a second is refused by the key).
pub fn add_clause_abandoned(
    conn: &Connection,
    clause_id: &str,
    stopped_on: &str,
    note: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO clause_abandoned (clause_id, stopped_on, note, created_at)          VALUES (?1, ?2, ?3, ?4)",
        params![clause_id, stopped_on, note, at],
    )?;
    Ok(())
}

/// The day the training of a clause was stopped and the note with it, if recorded.
pub fn clause_abandoned(conn: &Connection, clause_id: &str) -> Result<Option<(String, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT stopped_on, note FROM clause_abandoned WHERE clause_id = ?1")?;
    let mut rows = stmt.query_map([clause_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.next().transpose()?)
}

/// A party's signature under a clause (one per party; a second is refused by the key).
pub fn add_clause_signature(
    conn: &Connection,
    clause_id: &str,
    s: &pop_domain::clause::ClauseSignature,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO clause_signature (clause_id, party, full_name, signed_on, signed_at, \
         device_name, device_key, device_signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            clause_id,
            s.party.as_str(),
            s.full_name,
            s.signed_on.to_string(),
            at,
            s.device_name,
            s.device_key,
            s.device_signature
        ],
    )?;
    Ok(())
}

/// The signatures under a clause, the employee's first.
pub fn clause_signatures(
    conn: &Connection,
    clause_id: &str,
) -> Result<Vec<pop_domain::clause::ClauseSignature>> {
    use pop_domain::signing::Party;
    let mut stmt = conn.prepare_cached(
        "SELECT party, full_name, signed_on, device_name, device_key, device_signature \
         FROM clause_signature WHERE clause_id = ?1 ORDER BY party",
    )?;
    let rows = stmt.query_map([clause_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (party, full_name, on, device_name, device_key, device_signature) = row?;
        let party = match party.as_str() {
            "employee" => Party::Employee,
            "manager" => Party::Manager,
            other => {
                return Err(StoreError::Corrupt(format!(
                    "clause signature party {other}"
                )))
            }
        };
        let signed_on = chrono::NaiveDate::parse_from_str(&on, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("clause signature date {on}")))?;
        out.push(pop_domain::clause::ClauseSignature {
            party,
            full_name,
            signed_on,
            device_name,
            device_key,
            device_signature,
        });
    }
    Ok(out)
}

/// A clause: (person id, stored JSON).
pub fn clause(conn: &Connection, id: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT person_id, clause FROM study_clause WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Clauses of a person: (id, JSON), oldest first.
pub fn clauses_of(conn: &Connection, person_id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, clause FROM study_clause WHERE person_id = ?1 ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses JSON that does not parse as `T` (a row edited behind the app's back).
pub fn parse<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|_| StoreError::Corrupt(format!("{what}: not readable")))
}

/// The share kept for a person (personal mode): (as of, JSON).
pub fn received_share(conn: &Connection, person_id: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT as_of, share FROM received_share WHERE person_id = ?1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The name of the computer whose share is kept for a person.
pub fn received_share_device(conn: &Connection, person_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT made_by FROM received_share WHERE person_id = ?1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Keeps (or replaces) the share for a person.
pub fn set_received_share(
    conn: &Connection,
    person_id: &str,
    as_of: &str,
    json: &str,
    made_by: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO received_share (person_id, as_of, share, made_by, received_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![person_id, as_of, json, made_by, at],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn the_ledger_is_append_only() {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO person (id, full_name, created_at, updated_at) VALUES ('p', 'Zoë', 'x', 'x')",
            )
            .unwrap();
        let e = EntryRow {
            on_date: "2025-03-01".into(),
            euro_cents: 12_500,
            minutes: 0,
            correction: false,
            text: "Cursus".into(),
        };
        add_entry(store.conn(), "p", &e, "now").unwrap();
        assert_eq!(entries(store.conn(), "p").unwrap(), vec![e]);
        let err = store
            .conn()
            .execute("UPDATE budget_entry SET euro_cents = 1", [])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
    }

    #[test]
    fn what_a_plan_charged_is_summed_per_action_with_give_backs_taken_off() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        c.execute_batch(
            "INSERT INTO person (id, full_name, created_at, updated_at) VALUES ('p', 'Zoë', 'x', 'x')",
        )
        .unwrap();
        let line = |cents: i64, correction: bool| EntryRow {
            on_date: "2025-03-01".into(),
            euro_cents: cents,
            minutes: 0,
            correction,
            text: "POP 2025: cursus".into(),
        };
        add_charge(c, "p", &line(300 * 100, false), "plan:s1:a", "t").unwrap();
        add_charge(c, "p", &line(50 * 100, false), "plan:s1:b", "t").unwrap();
        add_charge(c, "p", &line(50 * 100, true), "plan:s1:b", "t").unwrap();
        add_charge(c, "p", &line(90 * 100, false), "plan:s10:a", "t").unwrap();
        add_entry(c, "p", &line(20 * 100, false), "t").unwrap();
        assert_eq!(
            charged(c, "p", "plan:s1:").unwrap(),
            [
                ("plan:s1:a".to_owned(), 300 * 100),
                ("plan:s1:b".to_owned(), 0)
            ]
        );
        assert_eq!(
            entries(c, "p").unwrap().len(),
            5,
            "charges are ledger lines like any other"
        );
    }
}

//! A person's data rights: legal holds, settled clauses, everything stored about one person
//! (for an export), and erasing it.

use crate::error::Result;
use crate::signing::{log_event, ERASED, REMOVED};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

/// The legal hold on a person: its reason and since when.
pub fn hold(conn: &Connection, person_id: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT reason, since FROM legal_hold WHERE person_id = ?1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

pub fn set_hold(conn: &Connection, person_id: &str, reason: &str, since: &str) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO legal_hold (person_id, reason, since) VALUES (?1, ?2, ?3)",
        params![person_id, reason, since],
    )?;
    Ok(())
}

pub fn lift_hold(conn: &Connection, person_id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM legal_hold WHERE person_id = ?1", [person_id])? == 1)
}

pub fn set_settled(conn: &Connection, clause_id: &str, on: &str, at: &str) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO clause_settled (clause_id, settled_on, created_at) VALUES (?1, ?2, ?3)",
        params![clause_id, on, at],
    )?;
    Ok(())
}

pub fn settled_on(conn: &Connection, clause_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT settled_on FROM clause_settled WHERE clause_id = ?1",
            [clause_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Columns that hold JSON documents: exported as JSON, not as strings.
const JSON_COLUMNS: &[&str] = &[
    "content", "grow", "progress", "clause", "strokes", "tags", "share",
];

/// The rows `sql` selects, each as an object of its columns.
fn rows(conn: &Connection, sql: &str, param: &str) -> Result<Vec<Value>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut rows = stmt.query([param])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut obj = Map::new();
        for (i, name) in names.iter().enumerate() {
            let v = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(x) => Value::from(x),
                ValueRef::Text(t) => {
                    let t = String::from_utf8_lossy(t).into_owned();
                    if JSON_COLUMNS.contains(&name.as_str()) {
                        serde_json::from_str(&t).unwrap_or(Value::String(t))
                    } else {
                        Value::String(t)
                    }
                }
                ValueRef::Blob(b) => Value::String(format!("{} bytes", b.len())),
            };
            obj.insert(name.clone(), v);
        }
        out.push(Value::Object(obj));
    }
    Ok(out)
}

/// Everything the store keeps about one person, table by table: the person, part-time
/// factors, budget ledger, study-cost clauses, legal hold, exchange folder, and per plan
/// version its signatures, seal, check-ins, agreements, evaluation and logged events.
/// `None` when there is no such person.
pub fn person_data(conn: &Connection, person_id: &str) -> Result<Option<Value>> {
    let Some(person) = rows(conn, "SELECT * FROM person WHERE id = ?1", person_id)?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let mut plans = Vec::new();
    for mut plan in rows(
        conn,
        "SELECT * FROM plan WHERE person_id = ?1 ORDER BY period_start, version",
        person_id,
    )? {
        let id = plan["id"].as_str().unwrap_or_default().to_owned();
        let series = plan["series_id"].as_str().unwrap_or(&id).to_owned();
        let obj = plan.as_object_mut().expect("a row is an object");
        obj.insert(
            "signatures".into(),
            Value::Array(rows(
                conn,
                "SELECT * FROM plan_signature WHERE plan_id = ?1 ORDER BY signed_at",
                &id,
            )?),
        );
        obj.insert(
            "seal".into(),
            rows(
                conn,
                "SELECT plan_id, sha256, fingerprint, frozen_at, log_seq, log_hash \
                 FROM plan_snapshot WHERE plan_id = ?1",
                &id,
            )?
            .into_iter()
            .next()
            .unwrap_or(Value::Null),
        );
        obj.insert(
            "evaluation".into(),
            rows(conn, "SELECT * FROM evaluation WHERE plan_id = ?1", &id)?
                .into_iter()
                .next()
                .unwrap_or(Value::Null),
        );
        obj.insert(
            "events".into(),
            Value::Array(rows(
                conn,
                "SELECT seq, at, kind, detail FROM event_log WHERE plan_id = ?1 ORDER BY seq",
                &id,
            )?),
        );
        // Check-ins and agreements belong to the series (its first version).
        if series == id {
            obj.insert(
                "checkins".into(),
                Value::Array(rows(
                    conn,
                    "SELECT * FROM checkin WHERE plan_id = ?1 ORDER BY due_on, created_at",
                    &id,
                )?),
            );
            obj.insert(
                "followUps".into(),
                Value::Array(rows(
                    conn,
                    "SELECT * FROM follow_up WHERE plan_id = ?1 ORDER BY created_at",
                    &id,
                )?),
            );
            obj.insert(
                "observerFeedback".into(),
                Value::Array(rows(
                    conn,
                    "SELECT * FROM observer_feedback WHERE series_id = ?1 \
                     ORDER BY seen_on, created_at",
                    &id,
                )?),
            );
            obj.insert(
                "teamGoalLinks".into(),
                Value::Array(rows(
                    conn,
                    "SELECT l.goal_id, l.team_goal_id, t.title AS team_goal, l.linked_at \
                     FROM goal_link l JOIN team_goal t ON t.id = l.team_goal_id \
                     WHERE l.series_id = ?1 ORDER BY l.goal_id",
                    &id,
                )?),
            );
        }
        plans.push(plan);
    }
    let table = |sql: &str| rows(conn, sql, person_id).map(Value::Array);
    let mut out = Map::new();
    out.insert("person".into(), person);
    out.insert(
        "fte".into(),
        table(
            "SELECT from_date, permille FROM person_fte WHERE person_id = ?1 ORDER BY from_date",
        )?,
    );
    out.insert(
        "budgetEntries".into(),
        table("SELECT * FROM budget_entry WHERE person_id = ?1 ORDER BY on_date, id")?,
    );
    out.insert(
        "studyClauses".into(),
        table(
            "SELECT c.*, s.settled_on, a.stopped_on, a.note AS stopped_note \
             FROM study_clause c LEFT JOIN clause_settled s ON s.clause_id = c.id \
             LEFT JOIN clause_abandoned a ON a.clause_id = c.id \
             WHERE c.person_id = ?1 ORDER BY c.created_at",
        )?,
    );
    out.insert(
        "clauseSignatures".into(),
        table(
            "SELECT g.* FROM clause_signature g JOIN study_clause c ON c.id = g.clause_id \
             WHERE c.person_id = ?1 ORDER BY g.clause_id, g.party",
        )?,
    );
    out.insert(
        "receivedFromEmployer".into(),
        rows(
            conn,
            "SELECT * FROM received_share WHERE person_id = ?1",
            person_id,
        )?
        .into_iter()
        .next()
        .unwrap_or(Value::Null),
    );
    out.insert(
        "legalHold".into(),
        rows(
            conn,
            "SELECT * FROM legal_hold WHERE person_id = ?1",
            person_id,
        )?
        .into_iter()
        .next()
        .unwrap_or(Value::Null),
    );
    out.insert(
        "exchangeFolder".into(),
        rows(
            conn,
            "SELECT * FROM exchange_folder WHERE person_id = ?1",
            person_id,
        )?
        .into_iter()
        .next()
        .unwrap_or(Value::Null),
    );
    out.insert("plans".into(), Value::Array(plans));
    Ok(Some(Value::Object(out)))
}

/// What an erasure removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    pub plans: usize,
    pub checkins: usize,
    pub budget_entries: usize,
    pub clauses: usize,
    /// Events of the log emptied (their time and kind stay, so the chain still holds).
    pub events: usize,
}

/// Removes every row about `person_id` — plans of every version with their signatures,
/// seals, check-ins, agreements, evaluations, reminders and exchange state, the budget
/// ledger, clauses, hold and the person — and empties the log events of those plans (plan
/// and detail), recording one `erased` event that names only the emptied sequence numbers.
/// People they managed get no manager (the owner). Run inside a transaction.
pub fn erase_person(conn: &Connection, person_id: &str, at: &str) -> Result<Erased> {
    let count = |sql: &str| -> Result<usize> {
        Ok(conn.query_row(sql, [person_id], |r| r.get::<_, i64>(0))? as usize)
    };
    let budget_entries = count("SELECT count(*) FROM budget_entry WHERE person_id = ?1")?;
    let clauses = count("SELECT count(*) FROM study_clause WHERE person_id = ?1")?;
    let removed = remove_plans(conn, person_id)?;
    conn.execute(
        "UPDATE person SET manager_id = NULL WHERE manager_id = ?1",
        [person_id],
    )?;
    // Budget lines, FTE, clauses, hold, aliases and the exchange folder go with the person.
    conn.execute("DELETE FROM person WHERE id = ?1", [person_id])?;
    forget_devices(conn, &removed.devices)?;
    let events = empty_events(conn, removed.seqs)?;
    let detail = serde_json::json!({ "emptied": events.1 }).to_string();
    log_event(conn, at, None, ERASED, &detail)?;
    // Until the file is rebuilt, freed pages and the WAL may still hold the person: if the
    // program stops before that, the next open finishes it.
    crate::settings::set(conn, COMPACT_PENDING, at)?;
    Ok(Erased {
        plans: removed.plans,
        checkins: removed.checkins,
        budget_entries,
        clauses,
        events: events.0,
    })
}

/// One kind of a person's data removed after its retention (the person stays): `plans`
/// (every plan with what hangs on it, their log events emptied), `budget` (ledger and FTE)
/// or one `clause` (with its signatures). Logs a `removed` event naming only the kind and the
/// emptied sequence numbers. Run inside a transaction; the file is rebuilt afterwards like an
/// erasure.
pub fn remove_kind(
    conn: &Connection,
    person_id: &str,
    kind: &str,
    clause_id: Option<&str>,
    at: &str,
) -> Result<Erased> {
    let mut done = Erased::default();
    let mut emptied = Vec::new();
    match kind {
        "plans" => {
            let removed = remove_plans(conn, person_id)?;
            forget_devices(conn, &removed.devices)?;
            let (n, ranges) = empty_events(conn, removed.seqs)?;
            done.plans = removed.plans;
            done.checkins = removed.checkins;
            done.events = n;
            emptied = ranges;
        }
        "budget" => {
            done.budget_entries =
                conn.execute("DELETE FROM budget_entry WHERE person_id = ?1", [person_id])?;
            conn.execute("DELETE FROM person_fte WHERE person_id = ?1", [person_id])?;
        }
        "clause" => {
            done.clauses = conn.execute(
                "DELETE FROM study_clause WHERE id = ?1 AND person_id = ?2",
                params![clause_id.unwrap_or_default(), person_id],
            )?;
        }
        other => {
            return Err(crate::StoreError::Corrupt(format!(
                "no kind of data {other:?}"
            )))
        }
    }
    let detail = serde_json::json!({ "kind": kind, "emptied": emptied }).to_string();
    log_event(conn, at, None, REMOVED, &detail)?;
    crate::settings::set(conn, COMPACT_PENDING, at)?;
    Ok(done)
}

/// What removing a person's plans took away, and what is left to clean up.
struct RemovedPlans {
    plans: usize,
    checkins: usize,
    /// Log events about the plans, to be emptied.
    seqs: Vec<i64>,
    /// Devices that signed or sent these plans (forgotten when nothing else names them).
    devices: Vec<String>,
}

/// Removes every plan of `person_id` (all versions) with everything that hangs on it.
fn remove_plans(conn: &Connection, person_id: &str) -> Result<RemovedPlans> {
    let plan_ids: Vec<String> = conn
        .prepare("SELECT id FROM plan WHERE person_id = ?1")?
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut done = RemovedPlans {
        plans: plan_ids.len(),
        checkins: 0,
        seqs: Vec::new(),
        devices: Vec::new(),
    };
    // The computers that signed or sent only this person's plans are forgotten too (their
    // names are often the person's).
    for id in &plan_ids {
        for sql in [
            "SELECT device_key FROM plan_signature WHERE plan_id = ?1 AND device_key <> ''",
            "SELECT device_key FROM foreign_event WHERE plan_id = ?1",
        ] {
            let mut stmt = conn.prepare_cached(sql)?;
            for key in stmt.query_map([id], |r| r.get::<_, String>(0))? {
                done.devices.push(key?);
            }
        }
    }
    done.devices.sort();
    done.devices.dedup();
    for id in &plan_ids {
        done.checkins += conn.execute("DELETE FROM checkin WHERE plan_id = ?1", [id])?;
        for sql in [
            "DELETE FROM follow_up WHERE plan_id = ?1",
            "DELETE FROM evaluation WHERE plan_id = ?1",
            "DELETE FROM plan_signature WHERE plan_id = ?1",
            "DELETE FROM plan_snapshot WHERE plan_id = ?1",
            "DELETE FROM reminder_fired WHERE series_id = ?1",
            "DELETE FROM exchange_written WHERE series_id = ?1",
            "DELETE FROM foreign_event WHERE plan_id = ?1",
            "DELETE FROM observer_feedback WHERE series_id = ?1",
            "DELETE FROM goal_link WHERE series_id = ?1",
        ] {
            conn.execute(sql, [id])?;
        }
        let mut stmt = conn.prepare_cached("SELECT seq FROM event_log WHERE plan_id = ?1")?;
        for seq in stmt.query_map([id], |r| r.get(0))? {
            done.seqs.push(seq?);
        }
    }
    // Versions point at the version before: unlink them first, then remove them all.
    conn.execute(
        "UPDATE plan SET previous_version = NULL, carried_from = NULL WHERE person_id = ?1",
        [person_id],
    )?;
    conn.execute(
        "UPDATE plan SET carried_from = NULL WHERE carried_from IN \
         (SELECT id FROM plan WHERE person_id = ?1)",
        [person_id],
    )?;
    conn.execute("DELETE FROM plan WHERE person_id = ?1", [person_id])?;
    Ok(done)
}

/// Forgets devices no signature or received event names any more.
fn forget_devices(conn: &Connection, devices: &[String]) -> Result<()> {
    for key in devices {
        conn.execute(
            "DELETE FROM known_device WHERE public_key = ?1 \
             AND NOT EXISTS (SELECT 1 FROM plan_signature WHERE device_key = ?1) \
             AND NOT EXISTS (SELECT 1 FROM foreign_event WHERE device_key = ?1)",
            [key],
        )?;
    }
    Ok(())
}

/// Empties the plan and detail of these log events (their time and kind stay, so the chain
/// still verifies); returns how many, and their sequence numbers as ranges.
fn empty_events(conn: &Connection, mut seqs: Vec<i64>) -> Result<(usize, Vec<(i64, i64)>)> {
    seqs.sort_unstable();
    if !seqs.is_empty() {
        conn.execute_batch("DROP TRIGGER event_log_no_update;")?;
        {
            let mut stmt =
                conn.prepare("UPDATE event_log SET plan_id = NULL, detail = '' WHERE seq = ?1")?;
            for seq in &seqs {
                stmt.execute([seq])?;
            }
        }
        conn.execute_batch(
            "CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log
             BEGIN
                 SELECT RAISE(ABORT, 'the event log is append-only');
             END;",
        )?;
    }
    let n = seqs.len();
    let mut ranges: Vec<(i64, i64)> = Vec::new();
    for seq in seqs {
        match ranges.last_mut() {
            Some((_, to)) if *to + 1 == seq => *to = seq,
            _ => ranges.push((seq, seq)),
        }
    }
    Ok((n, ranges))
}

const COMPACT_PENDING: &str = "erasure_compact_pending";

/// Whether an erasure still has to rebuild the file (it was interrupted).
pub fn compact_pending(conn: &Connection) -> Result<bool> {
    Ok(crate::settings::get(conn, COMPACT_PENDING)?.is_some())
}

/// The end of an erasure: the file rebuilt and the WAL emptied, and only then the pending
/// mark removed (a kill anywhere before leaves the mark, so the next open does it again).
/// `false` when another connection kept the WAL from being emptied.
pub fn finish_erasure(store: &mut crate::Store) -> Result<bool> {
    let emptied = store.compact()?;
    store
        .conn()
        .execute("DELETE FROM setting WHERE key = ?1", [COMPACT_PENDING])?;
    let again = store.compact_wal()?;
    Ok(emptied && again)
}

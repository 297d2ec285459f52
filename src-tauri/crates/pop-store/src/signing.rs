//! Signatures, frozen snapshots, and the append-only event log with its hash chain.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use pop_domain::signing::{event_hash, Party, Signature, GENESIS};
use rusqlite::{params, Connection, OptionalExtension};

pub fn insert_signature(conn: &Connection, plan_id: &str, s: &Signature) -> Result<()> {
    let strokes = s
        .strokes
        .as_ref()
        .map(|st| serde_json::to_string(st).expect("strokes serialise"));
    conn.execute(
        "INSERT INTO plan_signature (plan_id, party, full_name, signed_on, signed_at, device_user, strokes, \
         consent_text, device_name, device_key, device_signature) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            plan_id,
            s.party.as_str(),
            s.full_name,
            s.signed_on.to_string(),
            s.signed_at.to_rfc3339(),
            s.device_user,
            strokes,
            s.consent_text,
            s.device_name,
            s.device_key,
            s.device_signature,
        ],
    )?;
    Ok(())
}

pub fn signatures(conn: &Connection, plan_id: &str) -> Result<Vec<Signature>> {
    let mut stmt = conn.prepare_cached(
        "SELECT party, full_name, signed_on, signed_at, device_user, strokes, consent_text, \
         device_name, device_key, device_signature FROM plan_signature \
         WHERE plan_id = ?1 ORDER BY party",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ),
            (
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (
            (party, full_name, on, at, device_user, strokes),
            (consent_text, device_name, device_key, device_signature),
        ) = row?;
        let bad = |what: &str| StoreError::Corrupt(format!("signature of {plan_id}: {what}"));
        out.push(Signature {
            party: Party::parse(&party).ok_or_else(|| bad("party"))?,
            full_name,
            signed_on: NaiveDate::parse_from_str(&on, "%Y-%m-%d").map_err(|_| bad("date"))?,
            signed_at: DateTime::parse_from_rfc3339(&at)
                .map_err(|_| bad("time"))?
                .with_timezone(&Utc),
            device_user,
            strokes: strokes
                .map(|s| serde_json::from_str(&s))
                .transpose()
                .map_err(|_| bad("strokes"))?,
            consent_text,
            device_name,
            device_key,
            device_signature,
        });
    }
    Ok(out)
}

/// A frozen version: its canonical JSON, SHA-256 and fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotRow {
    pub plan_id: String,
    pub canonical: String,
    pub sha256: String,
    pub fingerprint: String,
    pub frozen_at: String,
    /// The sealing event in this store's log: its sequence number and hash.
    pub log_seq: Option<i64>,
    pub log_hash: Option<String>,
}

pub fn insert_snapshot(conn: &Connection, s: &SnapshotRow) -> Result<()> {
    conn.execute(
        "INSERT INTO plan_snapshot (plan_id, canonical, sha256, fingerprint, frozen_at, log_seq, log_hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![s.plan_id, s.canonical, s.sha256, s.fingerprint, s.frozen_at, s.log_seq, s.log_hash],
    )?;
    Ok(())
}

const SNAPSHOT_COLUMNS: &str =
    "plan_id, canonical, sha256, fingerprint, frozen_at, log_seq, log_hash";

fn snapshot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotRow> {
    Ok(SnapshotRow {
        plan_id: r.get(0)?,
        canonical: r.get(1)?,
        sha256: r.get(2)?,
        fingerprint: r.get(3)?,
        frozen_at: r.get(4)?,
        log_seq: r.get(5)?,
        log_hash: r.get(6)?,
    })
}

fn snapshot_where(conn: &Connection, column: &str, value: &str) -> Result<Option<SnapshotRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {SNAPSHOT_COLUMNS} FROM plan_snapshot WHERE {column} = ?1"),
            [value],
            snapshot_row,
        )
        .optional()?)
}

/// Every seal, in the order they were made.
pub fn all_snapshots(conn: &Connection) -> Result<Vec<SnapshotRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SNAPSHOT_COLUMNS} FROM plan_snapshot ORDER BY log_seq, plan_id"
    ))?;
    let rows = stmt.query_map([], snapshot_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Drafts that carry at least one signature (a first party signed, the other has not yet),
/// with the parties that signed; found through the plan status index.
pub fn signed_drafts(conn: &Connection) -> Result<Vec<(String, Vec<Party>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.plan_id, s.party FROM plan p JOIN plan_signature s ON s.plan_id = p.id \
         WHERE p.status = 'draft' ORDER BY s.plan_id, s.party",
    )?;
    let mut out: Vec<(String, Vec<Party>)> = Vec::new();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, party) = row?;
        let Some(party) = Party::parse(&party) else {
            continue;
        };
        match out.last_mut() {
            Some((last, parties)) if *last == id => parties.push(party),
            _ => out.push((id, vec![party])),
        }
    }
    Ok(out)
}

/// Every signature of every plan, by plan id.
pub fn all_signatures(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<Signature>>> {
    let mut ids = conn.prepare("SELECT DISTINCT plan_id FROM plan_signature")?;
    let ids: Vec<String> = ids
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = std::collections::HashMap::new();
    for id in ids {
        let sigs = signatures(conn, &id)?;
        out.insert(id, sigs);
    }
    Ok(out)
}

pub fn snapshot(conn: &Connection, plan_id: &str) -> Result<Option<SnapshotRow>> {
    snapshot_where(conn, "plan_id", plan_id)
}

pub fn snapshot_by_fingerprint(
    conn: &Connection,
    fingerprint: &str,
) -> Result<Option<SnapshotRow>> {
    snapshot_where(conn, "fingerprint", fingerprint)
}

/// The last event of the log: its sequence number and hash (0 and the genesis hash when
/// the log is empty).
pub fn log_head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM event_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_owned())))
}

/// Appends an event, chained to the last one.
pub fn log_event(
    conn: &Connection,
    at: &str,
    plan_id: Option<&str>,
    kind: &str,
    detail: &str,
) -> Result<()> {
    log_event_at(conn, at, plan_id, kind, detail).map(|_| ())
}

/// Appends an event and returns its sequence number and hash.
pub fn log_event_at(
    conn: &Connection,
    at: &str,
    plan_id: Option<&str>,
    kind: &str,
    detail: &str,
) -> Result<(i64, String)> {
    let (last_seq, prev) = log_head(conn)?;
    let seq = last_seq + 1;
    let plan = plan_id.unwrap_or("");
    let hash = event_hash(&prev, seq, at, plan, kind, detail);
    conn.execute(
        "INSERT INTO event_log (seq, at, plan_id, kind, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, at, plan_id, kind, detail, prev, hash],
    )?;
    Ok((seq, hash))
}

/// One logged event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub seq: i64,
    pub at: String,
    pub plan_id: String,
    pub kind: String,
    pub detail: String,
    pub hash: String,
}

/// The event with sequence number `seq`, if the log has it.
pub fn event(conn: &Connection, seq: i64) -> Result<Option<EventRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq, at, coalesce(plan_id, ''), kind, detail, hash FROM event_log WHERE seq = ?1",
        )?
        .query_row([seq], event_row)
        .optional()?)
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        seq: r.get(0)?,
        at: r.get(1)?,
        plan_id: r.get(2)?,
        kind: r.get(3)?,
        detail: r.get(4)?,
        hash: r.get(5)?,
    })
}

/// The events of some plans, in log order.
pub fn plan_events(conn: &Connection, plan_ids: &[String]) -> Result<Vec<EventRow>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, coalesce(plan_id, ''), kind, detail, hash FROM event_log WHERE plan_id = ?1 ORDER BY seq",
    )?;
    let mut out = Vec::new();
    for id in plan_ids {
        for row in stmt.query_map([id], event_row)? {
            out.push(row?);
        }
    }
    out.sort_by_key(|e| e.seq);
    Ok(out)
}

/// The last event of a plan: its kind and time.
pub fn last_event(conn: &Connection, plan_id: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT kind, at FROM event_log WHERE plan_id = ?1 ORDER BY seq DESC LIMIT 1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The kind of the event that records an erasure; its detail lists the events it emptied.
pub const ERASED: &str = "erased";
/// The kind of the event that records one kind of a person's data removed after its
/// retention; its detail names the kind and lists the events it emptied.
pub const REMOVED: &str = "removed";

/// The events emptied by erasures, as the `erased` events list them (`[[from, to], ..]`).
fn redacted_events(conn: &Connection) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare("SELECT detail FROM event_log WHERE kind IN (?1, ?2)")?;
    let mut out = Vec::new();
    for detail in stmt.query_map([ERASED, REMOVED], |r| r.get::<_, String>(0))? {
        let ranges: Vec<(i64, i64)> = serde_json::from_str::<serde_json::Value>(&detail?)
            .ok()
            .and_then(|v| v.get("emptied").cloned())
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        out.extend(ranges);
    }
    Ok(out)
}

/// Walks the whole chain. `Ok(count)` when intact, `Err(seq)` at the first broken entry.
///
/// An event an erasure emptied (no plan, no detail: the personal data is gone) cannot be
/// hashed again; it still has to sit in its place in the chain, and a later `erased` event,
/// itself checked, has to name it.
pub fn verify_log(conn: &Connection) -> Result<std::result::Result<usize, i64>> {
    let redacted = redacted_events(conn)?;
    let emptied = |seq: i64| redacted.iter().any(|&(a, b)| a <= seq && seq <= b);
    let mut stmt = conn.prepare(
        "SELECT seq, at, coalesce(plan_id, ''), kind, detail, prev_hash, hash FROM event_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut expected_seq = 1i64;
    let mut count = 0usize;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, plan, kind, detail): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let (prev_hash, hash): (String, String) = (r.get(5)?, r.get(6)?);
        let blank = plan.is_empty() && detail.is_empty() && emptied(seq);
        if seq != expected_seq
            || prev_hash != prev
            || (!blank && hash != event_hash(&prev, seq, &at, &plan, &kind, &detail))
        {
            return Ok(Err(seq.min(expected_seq)));
        }
        prev = hash;
        expected_seq += 1;
        count += 1;
    }
    Ok(Ok(count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn an_emptied_event_holds_only_where_a_later_erasure_names_it() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        for i in 0..5 {
            log_event(
                c,
                &format!("2026-11-24T10:0{i}:00Z"),
                Some("p"),
                "signed",
                "Zoë",
            )
            .unwrap();
        }
        c.execute_batch(
            "DROP TRIGGER event_log_no_update; \
             UPDATE event_log SET plan_id = NULL, detail = '' WHERE seq IN (2, 3);",
        )
        .unwrap();
        // Emptied behind the log's back: broken at the first.
        assert_eq!(verify_log(c).unwrap(), Err(2));
        // An erasure that names only event 2 does not cover event 3.
        log_event(
            c,
            "2026-11-24T11:00:00Z",
            None,
            ERASED,
            r#"{"emptied":[[2,2]]}"#,
        )
        .unwrap();
        assert_eq!(verify_log(c).unwrap(), Err(3));
        log_event(
            c,
            "2026-11-24T11:01:00Z",
            None,
            ERASED,
            r#"{"emptied":[[3,3]]}"#,
        )
        .unwrap();
        assert_eq!(verify_log(c).unwrap(), Ok(7));
        // An emptied event that still has a detail is not an emptied event.
        c.execute("UPDATE event_log SET detail = 'x' WHERE seq = 2", [])
            .unwrap();
        assert_eq!(verify_log(c).unwrap(), Err(2));
        // And changing the erasure's own list breaks it.
        c.execute("UPDATE event_log SET detail = '' WHERE seq = 2", [])
            .unwrap();
        c.execute(
            "UPDATE event_log SET detail = '{\"emptied\":[[1,5]]}' WHERE seq = 7",
            [],
        )
        .unwrap();
        assert_eq!(verify_log(c).unwrap(), Err(7));
    }

    #[test]
    fn an_intact_log_verifies_and_a_changed_row_is_found() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        for i in 0..5 {
            log_event(
                c,
                &format!("2026-11-24T10:0{i}:00Z"),
                Some("p"),
                "edited",
                "{}",
            )
            .unwrap();
        }
        assert_eq!(verify_log(c).unwrap(), Ok(5));
        assert!(
            c.execute("UPDATE event_log SET detail = 'x' WHERE seq = 3", [])
                .is_err(),
            "append-only"
        );
        c.execute_batch(
            "DROP TRIGGER event_log_no_update; UPDATE event_log SET detail = 'x' WHERE seq = 3;",
        )
        .unwrap();
        assert_eq!(verify_log(c).unwrap(), Err(3));
    }

    #[test]
    fn a_removed_row_breaks_the_chain_there() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        for i in 0..4 {
            log_event(c, &format!("t{i}"), None, "created", "").unwrap();
        }
        c.execute_batch("DROP TRIGGER event_log_no_delete; DELETE FROM event_log WHERE seq = 2;")
            .unwrap();
        assert_eq!(verify_log(c).unwrap(), Err(2));
    }
}

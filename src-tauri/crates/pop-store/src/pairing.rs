//! Paired devices (keys a person confirmed) and devices waiting to be paired.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A key this computer trusts, and for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedRow {
    pub public_key: String,
    pub name: String,
    /// `None`: the employer's computer; otherwise the person whose device it is.
    pub person_id: Option<String>,
    pub paired_at: String,
    pub revoked_at: Option<String>,
}

/// A device that sent a package nobody has paired yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRow {
    pub public_key: String,
    pub name: String,
    pub person_id: Option<String>,
    pub file_name: String,
    pub first_seen: String,
}

fn paired_row(r: &Row) -> rusqlite::Result<PairedRow> {
    Ok(PairedRow {
        public_key: r.get(0)?,
        name: r.get(1)?,
        person_id: r.get(2)?,
        paired_at: r.get(3)?,
        revoked_at: r.get(4)?,
    })
}

const PAIRED: &str = "SELECT public_key, name, person_id, paired_at, revoked_at FROM paired_device";

pub fn paired(conn: &Connection, public_key: &str) -> Result<Option<PairedRow>> {
    Ok(conn
        .query_row(
            &format!("{PAIRED} WHERE public_key = ?1"),
            [public_key],
            paired_row,
        )
        .optional()?)
}

/// Every paired device, the employer's first, then by person and date.
pub fn all_paired(conn: &Connection) -> Result<Vec<PairedRow>> {
    let mut st = conn.prepare(&format!(
        "{PAIRED} ORDER BY person_id IS NOT NULL, person_id, paired_at, public_key"
    ))?;
    let rows = st.query_map([], paired_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pairs a key (again): a revoked key paired again is trusted from now on.
pub fn pair(conn: &Connection, row: &PairedRow) -> Result<()> {
    conn.execute(
        "INSERT INTO paired_device (public_key, name, person_id, paired_at, revoked_at) \
         VALUES (?1, ?2, ?3, ?4, NULL) \
         ON CONFLICT (public_key) DO UPDATE SET name = excluded.name, \
         person_id = excluded.person_id, paired_at = excluded.paired_at, revoked_at = NULL",
        params![row.public_key, row.name, row.person_id, row.paired_at],
    )?;
    conn.execute(
        "DELETE FROM pending_device WHERE public_key = ?1",
        [&row.public_key],
    )?;
    Ok(())
}

/// Revokes a paired key from `at` on; false when it is not paired or already revoked.
pub fn revoke(conn: &Connection, public_key: &str, at: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE paired_device SET revoked_at = ?2 WHERE public_key = ?1 AND revoked_at IS NULL",
        params![public_key, at],
    )? == 1)
}

fn pending_row(r: &Row) -> rusqlite::Result<PendingRow> {
    Ok(PendingRow {
        public_key: r.get(0)?,
        name: r.get(1)?,
        person_id: r.get(2)?,
        file_name: r.get(3)?,
        first_seen: r.get(4)?,
    })
}

pub fn all_pending(conn: &Connection) -> Result<Vec<PendingRow>> {
    let mut st = conn.prepare(
        "SELECT public_key, name, person_id, file_name, first_seen FROM pending_device \
         ORDER BY first_seen, public_key",
    )?;
    let rows = st.query_map([], pending_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Remembers a device waiting to be paired; the first sighting is kept.
pub fn add_pending(conn: &Connection, row: &PendingRow) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO pending_device (public_key, name, person_id, file_name, first_seen) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![row.public_key, row.name, row.person_id, row.file_name, row.first_seen],
    )?;
    Ok(())
}

/// A device's log head, signed by that device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadRow {
    pub device_key: String,
    pub seq: i64,
    pub hash: String,
    pub signature: String,
    /// Who passed it on (for this computer's own head: the computer that acknowledged it).
    pub via: String,
    pub at: String,
}

fn head_row(r: &Row) -> rusqlite::Result<HeadRow> {
    Ok(HeadRow {
        device_key: r.get(0)?,
        seq: r.get(1)?,
        hash: r.get(2)?,
        signature: r.get(3)?,
        via: r.get(4)?,
        at: r.get(5)?,
    })
}

const HEADS: &str = "SELECT device_key, seq, hash, signature, via, at FROM device_head";

pub fn head(conn: &Connection, device_key: &str) -> Result<Option<HeadRow>> {
    Ok(conn
        .query_row(
            &format!("{HEADS} WHERE device_key = ?1"),
            [device_key],
            head_row,
        )
        .optional()?)
}

/// Every head kept here, by device key.
pub fn all_heads(conn: &Connection) -> Result<Vec<HeadRow>> {
    let mut st = conn.prepare(&format!("{HEADS} ORDER BY device_key"))?;
    let rows = st.query_map([], head_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Keeps a head unless a newer one (a higher sequence number) is kept already.
pub fn keep_head(conn: &Connection, h: &HeadRow) -> Result<()> {
    conn.execute(
        "INSERT INTO device_head (device_key, seq, hash, signature, via, at)          VALUES (?1, ?2, ?3, ?4, ?5, ?6)          ON CONFLICT (device_key) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,          signature = excluded.signature, via = excluded.via, at = excluded.at          WHERE excluded.seq > device_head.seq",
        params![h.device_key, h.seq, h.hash, h.signature, h.via, h.at],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn pairing_again_lifts_a_revocation_and_clears_the_waiting_entry() {
        let mut store = Store::open_in_memory().unwrap();
        let key = "a".repeat(64);
        store
            .write(|tx| {
                add_pending(
                    tx,
                    &PendingRow {
                        public_key: key.clone(),
                        name: "Laptop".into(),
                        person_id: None,
                        file_name: "x.pop.json".into(),
                        first_seen: "2026-12-01T00:00:00Z".into(),
                    },
                )?;
                let row = PairedRow {
                    public_key: key.clone(),
                    name: "Laptop".into(),
                    person_id: None,
                    paired_at: "2026-12-02T00:00:00Z".into(),
                    revoked_at: None,
                };
                pair(tx, &row)?;
                assert!(revoke(tx, &key, "2026-12-03T00:00:00Z")?);
                assert!(!revoke(tx, &key, "2026-12-04T00:00:00Z")?);
                pair(tx, &row)
            })
            .unwrap();
        assert!(all_pending(store.conn()).unwrap().is_empty());
        let p = paired(store.conn(), &key).unwrap().unwrap();
        assert_eq!(p.revoked_at, None);
        assert_eq!(all_paired(store.conn()).unwrap().len(), 1);
    }
}

//! This installation's key pair, and the devices met in imported packages.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The installation's identity. The secret key never leaves the store.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceRow {
    pub name: String,
    pub public_key: String,
    pub secret_key: String,
    pub created_at: String,
}

impl std::fmt::Debug for DeviceRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceRow")
            .field("name", &self.name)
            .field("public_key", &self.public_key)
            .finish_non_exhaustive()
    }
}

pub fn get(conn: &Connection) -> Result<Option<DeviceRow>> {
    Ok(conn
        .query_row(
            "SELECT name, public_key, secret_key, created_at FROM device WHERE id = 1",
            [],
            |r| {
                Ok(DeviceRow {
                    name: r.get(0)?,
                    public_key: r.get(1)?,
                    secret_key: r.get(2)?,
                    created_at: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Stores the identity unless one exists (a second writer that got there first wins).
pub fn insert(conn: &Connection, d: &DeviceRow) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO device (id, name, public_key, secret_key, created_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![d.name, d.public_key, d.secret_key, d.created_at],
    )?;
    Ok(())
}

/// What the store keeps of the secret: the secret itself, or a mark that it is elsewhere.
pub fn set_secret(conn: &Connection, secret_key: &str) -> Result<()> {
    conn.execute(
        "UPDATE device SET secret_key = ?1 WHERE id = 1",
        [secret_key],
    )?;
    Ok(())
}

/// A new key pair for this installation (the old public key stays in what it signed).
pub fn replace_key(conn: &Connection, public_key: &str, secret_key: &str, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE device SET public_key = ?1, secret_key = ?2, created_at = ?3 WHERE id = 1",
        params![public_key, secret_key, at],
    )?;
    Ok(())
}

pub fn rename(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("UPDATE device SET name = ?1 WHERE id = 1", [name])?;
    Ok(())
}

/// The name a known device (or this one) goes by.
pub fn known_name(conn: &Connection, public_key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM device WHERE public_key = ?1 \
             UNION ALL SELECT name FROM known_device WHERE public_key = ?1 LIMIT 1",
            [public_key],
            |r| r.get(0),
        )
        .optional()?)
}

/// Remembers a device seen in a package; true when it was new.
pub fn remember(conn: &Connection, public_key: &str, name: &str, at: &str) -> Result<bool> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO known_device (public_key, name, first_seen) VALUES (?1, ?2, ?3)",
        params![public_key, name, at],
    )?;
    Ok(n == 1)
}

/// Every device met in a package: (public key, name).
pub fn known_devices(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare("SELECT public_key, name FROM known_device ORDER BY first_seen")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

//! The `setting` key/value table and the single `organisation` row.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Removes a setting (nothing happens when it is not there).
pub fn delete(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM setting WHERE key = ?1", [key])?;
    Ok(())
}

pub fn organisation_name(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT name FROM organisation WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

pub fn set_organisation_name(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("UPDATE organisation SET name = ?1 WHERE id = 1", [name])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_setting_is_stored_and_replaced() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(get(store.conn(), "language").unwrap(), None);
        set(store.conn(), "language", "nl").unwrap();
        set(store.conn(), "language", "en").unwrap();
        assert_eq!(
            get(store.conn(), "language").unwrap().as_deref(),
            Some("en")
        );
    }

    #[test]
    fn the_organisation_starts_without_a_name() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(organisation_name(store.conn()).unwrap(), "");
        set_organisation_name(store.conn(), "Bakkerij Zoë").unwrap();
        assert_eq!(organisation_name(store.conn()).unwrap(), "Bakkerij Zoë");
    }
}

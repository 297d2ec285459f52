//! The `person` table.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use pop_domain::{Person, PersonStatus};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, full_name, role, manager_id, start_date, email, status, left_on, \
                       created_at, updated_at";

pub fn insert(conn: &Connection, p: &Person) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO person ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        params![
            p.id,
            p.full_name,
            p.role,
            p.manager_id,
            p.start_date.map(|d| d.to_string()),
            p.email,
            p.status.as_str(),
            p.left_on.map(|d| d.to_string()),
            p.created_at.to_rfc3339(),
            p.updated_at.to_rfc3339(),
        ],
    )?;
    Ok(())
}

/// Writes every field of an existing person. Returns false when there is no such person.
pub fn update(conn: &Connection, p: &Person) -> Result<bool> {
    let n = conn.execute(
        "UPDATE person SET full_name = ?2, role = ?3, manager_id = ?4, start_date = ?5, \
         email = ?6, status = ?7, left_on = ?8, updated_at = ?9 WHERE id = ?1",
        params![
            p.id,
            p.full_name,
            p.role,
            p.manager_id,
            p.start_date.map(|d| d.to_string()),
            p.email,
            p.status.as_str(),
            p.left_on.map(|d| d.to_string()),
            p.updated_at.to_rfc3339(),
        ],
    )?;
    Ok(n == 1)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Person>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM person WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .transpose()
}

/// Everyone, in name order (case-insensitive).
pub fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM person ORDER BY full_name COLLATE NOCASE, id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    let mut people = Vec::new();
    for row in rows {
        people.push(row??);
    }
    Ok(people)
}

pub fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM person", [], |r| r.get(0))?;
    Ok(n as usize)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Result<Person>> {
    let status: String = row.get(6)?;
    let start: Option<String> = row.get(4)?;
    let left: Option<String> = row.get(7)?;
    let created: String = row.get(8)?;
    let updated: String = row.get(9)?;
    let id: String = row.get(0)?;
    let build = || -> Result<Person> {
        Ok(Person {
            full_name: row.get(1)?,
            role: row.get(2)?,
            manager_id: row.get(3)?,
            start_date: parse_date(start.as_deref())?,
            email: row.get(5)?,
            status: PersonStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("person {id}: status {status:?}")))?,
            left_on: parse_date(left.as_deref())?,
            created_at: parse_time(&created)?,
            updated_at: parse_time(&updated)?,
            id: id.clone(),
        })
    };
    Ok(build())
}

fn parse_date(s: Option<&str>) -> Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
    })
    .transpose()
}

fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt(format!("timestamp {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn person(id: &str, name: &str, manager: Option<&str>) -> Person {
        let t = DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        Person {
            id: id.into(),
            full_name: name.into(),
            role: "Bakker".into(),
            manager_id: manager.map(Into::into),
            start_date: NaiveDate::from_ymd_opt(2020, 2, 29),
            email: Some("a@b.nl".into()),
            status: PersonStatus::Active,
            left_on: None,
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn a_person_round_trips_through_the_table() {
        let store = Store::open_in_memory().unwrap();
        let p = person("p1", "Zoë 🌱", None);
        insert(store.conn(), &p).unwrap();
        assert_eq!(get(store.conn(), "p1").unwrap(), Some(p));
        assert_eq!(get(store.conn(), "nobody").unwrap(), None);
    }

    #[test]
    fn people_are_listed_by_name_ignoring_case() {
        let store = Store::open_in_memory().unwrap();
        insert(store.conn(), &person("1", "bram", None)).unwrap();
        insert(store.conn(), &person("2", "Anna", None)).unwrap();
        insert(store.conn(), &person("3", "Cor", Some("2"))).unwrap();
        let names: Vec<_> = list(store.conn())
            .unwrap()
            .into_iter()
            .map(|p| p.full_name)
            .collect();
        assert_eq!(names, ["Anna", "bram", "Cor"]);
        assert_eq!(count(store.conn()).unwrap(), 3);
    }

    #[test]
    fn an_unknown_manager_is_refused_by_the_foreign_key() {
        let store = Store::open_in_memory().unwrap();
        assert!(insert(store.conn(), &person("1", "Ann", Some("ghost"))).is_err());
        assert_eq!(count(store.conn()).unwrap(), 0);
    }

    #[test]
    fn updating_a_missing_person_reports_false() {
        let store = Store::open_in_memory().unwrap();
        assert!(!update(store.conn(), &person("x", "X", None)).unwrap());
    }
}

//! What is due, kept on write (the `due_item` and `due_dirty` tables, migration 18).
//!
//! Every open item with a date of every current plan — the newest version of a series that
//! is a draft or active — is one row: its planned check-ins, open actions with a date, open
//! agreements with a date, the evaluation and the plan's end. Triggers mark a series in
//! `due_dirty` whenever its check-ins, agreements or plan versions change, whatever wrote
//! them; [`refresh`] writes the marked series' rows again (the store calls it before every
//! commit and when it opens). A read never trusts the rows of a series that is still marked
//! (written behind the store's back): it works that series out on the spot.
//!
//! So the board, `due` and the reminder tick read the rows up to a date, and the overview
//! one aggregate per person, instead of every current plan's schedule on each read.

use crate::error::{Result, StoreError};
use chrono::NaiveDate;
use pop_domain::rhythm::{
    derived_checkins, evaluation_date, merge_schedule, CheckinStatus, DueItem, DueKind,
};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};

/// Dates are stored as `YYYY-MM-DD`: a bound outside years 1 to 9999 ("no bound") is
/// clamped to them, so the text comparison holds.
fn bound(d: NaiveDate) -> String {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).expect("a day");
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day");
    d.clamp(first, last).to_string()
}

/// Every item of one series, whatever its date (person names left empty): nothing when
/// its newest version is not a draft or active.
pub fn series_items(conn: &Connection, series: &str) -> Result<Vec<DueItem>> {
    let Some(plan) = crate::plans::current_head_of_series(conn, series)? else {
        return Ok(Vec::new());
    };
    let root = plan.series_id.clone();
    let item = |key: String, kind: DueKind, date: NaiveDate, label: String| DueItem {
        key,
        kind,
        date,
        plan_id: plan.id.clone(),
        series_id: root.clone(),
        person_id: plan.person_id.clone(),
        person_name: String::new(),
        plan_title: plan.title.clone(),
        label,
    };
    let mut out = Vec::new();
    let edits = crate::rhythm::schedule_edits(conn, &root)?;
    let derived = derived_checkins(plan.period_start, plan.period_end, plan.every_weeks);
    for e in merge_schedule(&derived, &edits) {
        if e.status != CheckinStatus::Planned {
            continue;
        }
        let which = match (&e.slot, &e.id) {
            (Some(s), _) => format!("s{s}"),
            (None, Some(id)) => id.clone(),
            (None, None) => continue,
        };
        out.push(item(
            format!("checkin:{root}:{which}"),
            DueKind::Checkin,
            e.date,
            String::new(),
        ));
    }
    for a in plan.due_actions()? {
        out.push(item(
            format!("action:{root}:{}", a.id),
            DueKind::Action,
            a.due,
            a.description,
        ));
    }
    for f in crate::rhythm::open_follow_ups_of(conn, &root)? {
        if let Some(due) = f.due {
            out.push(item(
                format!("followUp:{}", f.id),
                DueKind::FollowUp,
                due,
                f.description,
            ));
        }
    }
    out.push(item(
        format!("evaluation:{root}"),
        DueKind::Evaluation,
        evaluation_date(plan.period_start, plan.period_end),
        String::new(),
    ));
    out.push(item(
        format!("planEnd:{root}"),
        DueKind::PlanEnd,
        plan.period_end,
        String::new(),
    ));
    Ok(out)
}

/// The series whose rows are not to be trusted (changed since they were written).
fn dirty(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT series_id FROM due_dirty")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes the rows of every marked series again and clears the marks; how many series.
/// Call inside a transaction.
pub fn refresh(conn: &Connection) -> Result<usize> {
    let marked = dirty(conn)?;
    if marked.is_empty() {
        return Ok(0);
    }
    let mut clear = conn.prepare_cached("DELETE FROM due_item WHERE series_id = ?1")?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO due_item (series_id, key, kind, due_on, person_id, plan_id, \
         plan_title, period_end, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for series in &marked {
        clear.execute([series])?;
        let items = series_items(conn, series)?;
        let end = match items.iter().find(|i| i.kind == DueKind::PlanEnd) {
            Some(i) => i.date.to_string(),
            None => continue,
        };
        for i in &items {
            insert.execute(params![
                i.series_id,
                i.key,
                i.kind.as_str(),
                i.date.to_string(),
                i.person_id,
                i.plan_id,
                i.plan_title,
                end,
                i.label
            ])?;
        }
    }
    conn.execute("DELETE FROM due_dirty", [])?;
    Ok(marked.len())
}

/// The items of the marked series that count on `today` (worked out now; names are filled in
/// by the caller).
fn live_items(conn: &Connection, marked: &[String], today: NaiveDate) -> Result<Vec<DueItem>> {
    let mut items = Vec::new();
    for series in marked {
        let all = series_items(conn, series)?;
        let ended = all
            .iter()
            .any(|i| i.kind == DueKind::PlanEnd && i.date < today);
        items.extend(
            all.into_iter()
                .filter(|i| !ended || i.kind == DueKind::Evaluation),
        );
    }
    Ok(items)
}

/// Everything open with a date on or before `until`, of people who have not left, as it
/// stands on `today`: a plan whose period ended before `today` shows its evaluation only.
/// By date, then key.
pub fn items_until(conn: &Connection, today: NaiveDate, until: NaiveDate) -> Result<Vec<DueItem>> {
    items_between(conn, today, NaiveDate::MIN, until)
}

/// As [`items_until`], only the items dated on or after `from`: what can still remind (the
/// reminder tick), read on the date index without the years of overdue items before it.
pub fn items_between(
    conn: &Connection,
    today: NaiveDate,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<DueItem>> {
    let marked = dirty(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT key, kind, due_on, plan_id, series_id, person_id, plan_title, label \
         FROM due_item WHERE due_on >= ?3 AND due_on <= ?2 \
         AND (period_end >= ?1 OR kind = 'evaluation') ORDER BY due_on, key",
    )?;
    let mut rows = stmt.query(params![bound(today), bound(until), bound(from)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        let bad = |what: &str| StoreError::Corrupt(format!("due item {key}: {what}"));
        let series: String = r.get(4)?;
        if !marked.is_empty() && marked.contains(&series) {
            continue;
        }
        let kind = DueKind::parse(r.get_ref(1)?.as_str().map_err(|_| bad("kind"))?)
            .ok_or_else(|| bad("kind"))?;
        let date = pop_domain::text::iso_day(r.get_ref(2)?.as_str().map_err(|_| bad("date"))?)
            .ok_or_else(|| bad("date"))?;
        out.push(DueItem {
            kind,
            date,
            plan_id: r.get(3)?,
            series_id: series,
            person_id: r.get(5)?,
            person_name: String::new(),
            plan_title: r.get(6)?,
            label: r.get(7)?,
            key,
        });
    }
    if !marked.is_empty() {
        out.extend(
            live_items(conn, &marked, today)?
                .into_iter()
                .filter(|i| from <= i.date && i.date <= until),
        );
        out.sort_by(|a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));
    }
    // Names of the people the items are about; items of people who left are dropped.
    let names = employed_names(conn, out.iter().map(|i| i.person_id.as_str()))?;
    out.retain_mut(|i| match names.get(&i.person_id) {
        Some(name) => {
            i.person_name = name.clone();
            true
        }
        None => false,
    });
    Ok(out)
}

/// The names of those of `ids` still employed: a seek per person for a few (a reminder tick
/// on a large team reads a handful, not the whole team), one read of everyone for many.
fn employed_names<'a>(
    conn: &Connection,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashMap<String, String>> {
    let wanted: std::collections::BTreeSet<&str> = ids.collect();
    let mut names = HashMap::new();
    if wanted.len() <= 64 {
        let mut one =
            conn.prepare_cached("SELECT full_name FROM person WHERE id = ?1 AND status != 'left'")?;
        for id in wanted {
            if let Some(name) = one.query_row([id], |r| r.get::<_, String>(0)).optional()? {
                names.insert(id.to_owned(), name);
            }
        }
    } else {
        let mut people =
            conn.prepare_cached("SELECT id, full_name FROM person WHERE status != 'left'")?;
        let mut rows = people.query([])?;
        while let Some(r) = rows.next()? {
            names.insert(r.get(0)?, r.get(1)?);
        }
    }
    Ok(names)
}

/// Per person still employed: how many items are overdue on `today` and the first planned
/// check-in from `today` on.
pub fn per_person(
    conn: &Connection,
    today: NaiveDate,
) -> Result<HashMap<String, (u32, Option<NaiveDate>)>> {
    let marked = dirty(conn)?;
    let mut out: HashMap<String, (u32, Option<NaiveDate>)> = HashMap::new();
    let mut add = |person: &str, overdue: u32, next: Option<NaiveDate>| {
        let e = out.entry(person.to_owned()).or_default();
        e.0 += overdue;
        e.1 = match (e.1, next) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    };
    let day = bound(today);
    if marked.is_empty() {
        let mut left = conn.prepare_cached("SELECT id FROM person WHERE status = 'left'")?;
        let left: HashSet<String> = left
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // One pass over the person index (no seek per item).
        let mut stmt = conn.prepare_cached(
            "SELECT person_id, sum(due_on < ?1), \
             min(CASE WHEN kind = 'checkin' AND due_on >= ?1 THEN due_on END) \
             FROM due_item WHERE period_end >= ?1 OR kind = 'evaluation' GROUP BY person_id",
        )?;
        let mut rows = stmt.query([&day])?;
        while let Some(r) = rows.next()? {
            let person = r.get_ref(0)?.as_str().unwrap_or_default();
            if left.contains(person) {
                continue;
            }
            let overdue: i64 = r.get(1)?;
            let next: Option<String> = r.get(2)?;
            add(
                person,
                u32::try_from(overdue).unwrap_or(u32::MAX),
                next.as_deref().and_then(pop_domain::text::iso_day),
            );
        }
    } else {
        // Rare (the store was written behind its back): every item, counted here.
        for i in items_until(conn, today, NaiveDate::MAX)? {
            if i.date < today {
                add(&i.person_id, 1, None);
            } else if i.kind == DueKind::Checkin {
                add(&i.person_id, 0, Some(i.date));
            } else {
                add(&i.person_id, 0, None);
            }
        }
    }
    // Someone with nothing open is not listed.
    out.retain(|_, (n, next)| *n > 0 || next.is_some());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_compare_as_text() {
        assert_eq!(bound(NaiveDate::MAX), "9999-12-31");
        assert_eq!(bound(NaiveDate::MIN), "0001-01-01");
        let d = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        assert_eq!(bound(d), "2026-03-04");
    }
}

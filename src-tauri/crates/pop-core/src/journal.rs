//! The private development journal: write entries, browse by month, search them with
//! full-text search that ignores case and diacritics ("een" finds "één").
//! Entries are private: nothing in exports, PDFs or the owner's overview uses them — only
//! the extract the writer chooses to print ([`journal_pdf`]).

use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use pop_domain::text::{optional_date, required_line};
use pop_domain::{Clock, Field, Problem, ValidationError};
use pop_store::{journal as repo, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest entry, in characters (about 25 pages of text).
pub const MAX_TEXT: usize = 50_000;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_LEN: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    pub id: String,
    pub date: NaiveDate,
    pub text: String,
    pub tags: Vec<String>,
    pub goal_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalInput {
    /// `YYYY-MM-DD`, default today.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<String>,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub goal_id: Option<String>,
}

/// A search result: the entry, and its text with the matches marked as
/// `[[match]]`-free segments: `parts` alternates plain and matched text, starting plain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalHit {
    pub entry: JournalEntry,
    pub parts: Vec<String>,
}

fn validate(
    input: &JournalInput,
    today: NaiveDate,
) -> std::result::Result<(NaiveDate, String, Vec<String>), ValidationError> {
    let text = input.text.trim();
    if text.is_empty() {
        return Err(ValidationError::new(Field::JournalText, Problem::Required));
    }
    let n = text.chars().count();
    if n > MAX_TEXT {
        return Err(ValidationError::new(
            Field::JournalText,
            Problem::TooLong {
                max: MAX_TEXT,
                actual: n,
            },
        ));
    }
    if input.tags.len() > MAX_TAGS {
        return Err(ValidationError::new(
            Field::Tags,
            Problem::TooMany { max: MAX_TAGS },
        ));
    }
    let mut tags = Vec::new();
    for t in &input.tags {
        let t = required_line(Field::Tags, t, MAX_TAG_LEN)?;
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if let Some(g) = input.goal_id.as_deref() {
        let n = g.chars().count();
        if n > 100 || g.chars().any(char::is_control) {
            return Err(ValidationError::new(
                Field::Goals,
                Problem::TooLong {
                    max: 100,
                    actual: n,
                },
            ));
        }
    }
    let date = optional_date(Field::JournalDate, input.date.as_deref())?.unwrap_or(today);
    Ok((date, text.to_owned(), tags))
}

fn entry(row: repo::EntryRow) -> Result<JournalEntry> {
    let bad =
        |what: &str| pop_store::StoreError::Corrupt(format!("journal entry {}: {what}", row.id));
    let time = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| bad("time"))
    };
    Ok(JournalEntry {
        date: NaiveDate::parse_from_str(&row.entry_date, "%Y-%m-%d").map_err(|_| bad("date"))?,
        created_at: time(&row.created_at)?,
        updated_at: time(&row.updated_at)?,
        text: row.body,
        tags: row.tags,
        goal_id: row.goal_id,
        id: row.id,
    })
}

pub fn add_journal_entry(
    store: &mut Store,
    clock: &dyn Clock,
    input: JournalInput,
) -> Result<JournalEntry> {
    let (date, text, tags) = validate(&input, clock.today())?;
    let now = clock.now().to_rfc3339();
    let row = repo::EntryRow {
        id: crate::new_id(),
        entry_date: date.to_string(),
        body: text,
        tags,
        goal_id: input.goal_id.filter(|g| !g.trim().is_empty()),
        created_at: now.clone(),
        updated_at: now,
        highlighted: None,
    };
    store.write(|tx| repo::insert(tx, &row))?;
    entry(row)
}

fn entry_not_found(id: &str) -> crate::CoreError {
    crate::CoreError::NotFound {
        what: crate::error::Entity::JournalEntry,
        id: id.to_owned(),
    }
}

/// Changes an entry: its date, text, tags and goal, checked like a new one. The entry keeps
/// its id and when it was first written.
pub fn update_journal_entry(
    store: &mut Store,
    clock: &dyn Clock,
    id: &str,
    input: JournalInput,
) -> Result<JournalEntry> {
    let (date, text, tags) = validate(&input, clock.today())?;
    let old = repo::get(store.conn(), id)?.ok_or_else(|| entry_not_found(id))?;
    let row = repo::EntryRow {
        entry_date: date.to_string(),
        body: text,
        tags,
        goal_id: input.goal_id.filter(|g| !g.trim().is_empty()),
        updated_at: clock.now().to_rfc3339(),
        ..old
    };
    store.write(|tx| repo::update(tx, &row).map(|_| ()))?;
    entry(row)
}

/// Deletes an entry and returns it as it was, so the app can offer Undo
/// ([`restore_journal_entry`]).
pub fn delete_journal_entry(store: &mut Store, id: &str) -> Result<JournalEntry> {
    let old = repo::get(store.conn(), id)?.ok_or_else(|| entry_not_found(id))?;
    store.write(|tx| repo::delete(tx, id).map(|_| ()))?;
    entry(old)
}

/// Puts a deleted entry back as it was (Undo): same id, dates and text, checked again.
pub fn restore_journal_entry(
    store: &mut Store,
    clock: &dyn Clock,
    e: JournalEntry,
) -> Result<JournalEntry> {
    let input = JournalInput {
        date: Some(e.date.to_string()),
        text: e.text.clone(),
        tags: e.tags.clone(),
        goal_id: e.goal_id.clone(),
    };
    let (date, text, tags) = validate(&input, clock.today())?;
    if repo::get(store.conn(), &e.id)?.is_some() {
        return Ok(e);
    }
    let row = repo::EntryRow {
        id: e.id,
        entry_date: date.to_string(),
        body: text,
        tags,
        goal_id: e.goal_id,
        created_at: e.created_at.to_rfc3339(),
        updated_at: e.updated_at.to_rfc3339(),
        highlighted: None,
    };
    store.write(|tx| repo::insert(tx, &row))?;
    entry(row)
}

/// Entries of one month, newest first.
pub fn journal_month(store: &Store, year: i32, month: u32) -> Result<Vec<JournalEntry>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| ValidationError::new(Field::JournalDate, Problem::InvalidDate))?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    repo::between(store.conn(), &first.to_string(), &last.to_string())?
        .into_iter()
        .map(entry)
        .collect()
}

/// Turns what a person types into a safe FTS5 query: every word must occur (as a prefix),
/// and characters with a meaning in FTS5 (quotes, brackets, `*`, `^`, `:`, `-`) are plain text.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(20)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// How many hits one page of search results holds.
pub const SEARCH_PAGE: usize = 50;

/// One page of search results, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalPage {
    pub hits: Vec<JournalHit>,
    /// There are more hits after these (ask again from `offset + hits.len()`).
    pub more: bool,
}

/// Searches the journal (the best page of hits); case and diacritics do not matter.
pub fn search_journal(store: &Store, query: &str) -> Result<Vec<JournalHit>> {
    Ok(search_journal_page(store, query, 0)?.hits)
}

/// The page of hits from `offset` on.
pub fn search_journal_page(store: &Store, query: &str, offset: usize) -> Result<JournalPage> {
    let Some(q) = fts_query(query) else {
        return Ok(JournalPage {
            hits: Vec::new(),
            more: false,
        });
    };
    let mut rows = repo::search(store.conn(), &q, SEARCH_PAGE + 1, offset)?;
    let more = rows.len() > SEARCH_PAGE;
    rows.truncate(SEARCH_PAGE);
    let hits = rows
        .into_iter()
        .map(|row| {
            let marked = row.highlighted.clone().unwrap_or_else(|| row.body.clone());
            let parts = marked
                .split(['\u{2}', '\u{3}'])
                .map(str::to_owned)
                .collect();
            Ok(JournalHit {
                entry: entry(row)?,
                parts,
            })
        })
        .collect::<Result<_>>()?;
    Ok(JournalPage { hits, more })
}

/// A goal a journal entry can be linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoalOption {
    pub id: String,
    pub title: String,
    pub plan_title: String,
}

/// The goals of the current plans (the newest version, draft or active) of `person_id`, or
/// of everyone when `None`: what an entry can be linked to.
pub fn journal_goals(store: &Store, person_id: Option<&str>) -> Result<Vec<GoalOption>> {
    let mut plans = Vec::new();
    let heads = match person_id {
        Some(id) => pop_store::plans::current_heads_of(store.conn(), id)?,
        None => pop_store::plans::current_heads(store.conn())?,
    };
    for head in heads {
        plans.extend(pop_store::plans::get(store.conn(), &head.id)?);
    }
    plans.sort_by(|a, b| a.content.title.cmp(&b.content.title).then(a.id.cmp(&b.id)));
    Ok(plans
        .iter()
        .flat_map(|p| {
            p.content.goals.iter().map(|g| GoalOption {
                id: g.id.clone(),
                title: g.title.clone(),
                plan_title: p.content.title.clone(),
            })
        })
        .collect())
}

/// Longest range one extract covers.
pub const MAX_EXTRACT_DAYS: i64 = 3 * 366;

/// The writer's extract of the journal from `from` to `to` (inclusive, `YYYY-MM-DD`) as PDF:
/// entries oldest first. Only ever made on the writer's own request.
pub fn journal_pdf(
    store: &Store,
    clock: &dyn Clock,
    lang: pop_domain::Language,
    from: &str,
    to: &str,
) -> Result<Vec<u8>> {
    use pop_export::pdf::{
        journal_blocks, journal_title, render, JournalPrintEntry, RenderOptions,
    };
    let from = optional_date(Field::RangeFrom, Some(from))?
        .ok_or_else(|| ValidationError::new(Field::RangeFrom, Problem::Required))?;
    let to = optional_date(Field::RangeTo, Some(to))?
        .ok_or_else(|| ValidationError::new(Field::RangeTo, Problem::Required))?;
    if to < from {
        return Err(ValidationError::new(Field::RangeTo, Problem::EndBeforeStart).into());
    }
    if (to - from).num_days() > MAX_EXTRACT_DAYS {
        return Err(ValidationError::new(
            Field::RangeTo,
            Problem::RangeTooLong {
                max_days: MAX_EXTRACT_DAYS,
            },
        )
        .into());
    }
    let mut entries: Vec<JournalPrintEntry> =
        repo::between(store.conn(), &from.to_string(), &to.to_string())?
            .into_iter()
            .map(entry)
            .map(|r| {
                r.map(|e| JournalPrintEntry {
                    date: e.date,
                    text: e.text,
                    tags: e.tags,
                })
            })
            .collect::<Result<_>>()?;
    entries.sort_by_key(|e| e.date);
    let writer = crate::settings::get_app_state(store)?
        .me
        .map(|p| p.full_name)
        .unwrap_or_default();
    let title = journal_title(lang);
    let opts = RenderOptions {
        title: title.to_owned(),
        author: writer.clone(),
        footer: if writer.is_empty() {
            title.to_owned()
        } else {
            format!("{title} · {writer}")
        },
        page_label: crate::documents::page_label(lang),
        created_unix: clock.now().timestamp(),
        subject: String::new(),
    };
    Ok(render(
        &journal_blocks(lang, &writer, from, to, &entries),
        &opts,
    ))
}

/// Writes the journal extract to `path`.
pub fn journal_pdf_to_file(
    store: &Store,
    clock: &dyn Clock,
    lang: pop_domain::Language,
    from: &str,
    to: &str,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::write_output(store, path, &journal_pdf(store, clock, lang, from, to)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use pop_domain::FixedClock;

    fn clock() -> FixedClock {
        FixedClock(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap())
    }

    fn add(store: &mut Store, text: &str) -> JournalEntry {
        add_journal_entry(
            store,
            &clock(),
            JournalInput {
                text: text.into(),
                ..Default::default()
            },
        )
        .unwrap()
    }

    #[test]
    fn an_entry_is_edited_deleted_and_restored_and_search_follows() {
        let mut store = Store::open_in_memory().unwrap();
        let e = add(&mut store, "Eerste **briefing** gegeven aan het team.");
        let hits = |store: &Store, q: &str| search_journal(store, q).unwrap().len();
        assert_eq!(hits(&store, "briefing"), 1);

        let edited = update_journal_entry(
            &mut store,
            &clock(),
            &e.id,
            JournalInput {
                text: "Eerste overleg geleid 🎯".into(),
                tags: vec!["leiden".into()],
                date: Some("2026-11-20".into()),
                goal_id: None,
            },
        )
        .unwrap();
        assert_eq!(edited.id, e.id);
        assert_eq!(edited.created_at, e.created_at);
        assert_eq!(edited.date.to_string(), "2026-11-20");
        assert_eq!(
            hits(&store, "briefing"),
            0,
            "the old words are out of the index"
        );
        assert_eq!(hits(&store, "overleg"), 1);

        // Bad input: a clear refusal, the entry as it was.
        for bad in ["   ".to_owned(), "x".repeat(MAX_TEXT + 1)] {
            let err = update_journal_entry(
                &mut store,
                &clock(),
                &e.id,
                JournalInput {
                    text: bad,
                    ..Default::default()
                },
            )
            .unwrap_err();
            assert_eq!(err.field(), Some(Field::JournalText));
        }
        assert_eq!(
            journal_month(&store, 2026, 11).unwrap(),
            vec![edited.clone()]
        );
        let missing = update_journal_entry(
            &mut store,
            &clock(),
            "nope",
            JournalInput {
                text: "tekst".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(missing.code(), crate::ErrorCode::NotFound);

        let gone = delete_journal_entry(&mut store, &e.id).unwrap();
        assert_eq!(gone, edited);
        assert!(journal_month(&store, 2026, 11).unwrap().is_empty());
        assert_eq!(hits(&store, "overleg"), 0);
        assert_eq!(
            delete_journal_entry(&mut store, &e.id).unwrap_err().code(),
            crate::ErrorCode::NotFound
        );
        let back = restore_journal_entry(&mut store, &clock(), gone).unwrap();
        assert_eq!(back, edited, "Undo brings it back exactly");
        assert_eq!(hits(&store, "overleg"), 1);
    }

    #[test]
    fn search_ignores_case_and_diacritics() {
        let mut store = Store::open_in_memory().unwrap();
        add(
            &mut store,
            "Vandaag één lastig gesprek gevoerd met een klant over de coördinatie.",
        );
        add(&mut store, "Cursus geënsceneerd, niets over klanten.");
        let texts = |q: &str| -> Vec<String> {
            search_journal(&store, q)
                .unwrap()
                .into_iter()
                .map(|h| h.entry.text)
                .collect()
        };
        assert_eq!(texts("EEN lastig").len(), 1, "één found by een");
        assert_eq!(texts("coordinatie").len(), 1);
        assert_eq!(texts("geensceneerd").len(), 1);
        assert_eq!(texts("klant").len(), 2, "prefix: klant finds klanten");
    }

    #[test]
    fn matches_are_marked_for_highlighting() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "Een goed gesprek met Mia");
        let hit = &search_journal(&store, "gesprek").unwrap()[0];
        assert_eq!(hit.parts, ["Een goed ", "gesprek", " met Mia"]);
    }

    #[test]
    fn special_characters_in_a_query_do_not_error() {
        let mut store = Store::open_in_memory().unwrap();
        add(&mut store, "NEAR AND OR not a problem");
        for q in [
            "\"",
            "(",
            "*",
            "a AND",
            "NEAR(",
            "-",
            "^x",
            "col:val",
            "\"unterminated",
            "😀",
            "   ",
        ] {
            assert!(search_journal(&store, q).is_ok(), "{q:?} errored");
        }
        assert_eq!(search_journal(&store, "\"AND\"").unwrap().len(), 1);
    }

    #[test]
    fn bad_entries_are_refused_and_nothing_is_stored() {
        let mut store = Store::open_in_memory().unwrap();
        for input in [
            JournalInput {
                text: "   ".into(),
                ..Default::default()
            },
            JournalInput {
                text: "x".repeat(100_000),
                ..Default::default()
            },
            JournalInput {
                text: "ok".into(),
                date: Some("2026-02-30".into()),
                ..Default::default()
            },
            JournalInput {
                text: "ok".into(),
                tags: vec!["a\nb".into()],
                ..Default::default()
            },
        ] {
            assert!(add_journal_entry(&mut store, &clock(), input).is_err());
        }
        assert_eq!(pop_store::journal::count(store.conn()).unwrap(), 0);
    }

    #[test]
    fn a_month_lists_its_entries_newest_first() {
        let mut store = Store::open_in_memory().unwrap();
        for d in ["2026-11-01", "2026-11-30", "2026-10-31", "2026-12-01"] {
            add_journal_entry(
                &mut store,
                &clock(),
                JournalInput {
                    text: d.into(),
                    date: Some(d.into()),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        let nov: Vec<_> = journal_month(&store, 2026, 11)
            .unwrap()
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(nov, ["2026-11-30", "2026-11-01"]);
    }

    #[test]
    fn goals_to_link_come_from_the_current_plans_of_the_writer() {
        let mut store = Store::open_in_memory().unwrap();
        let person = crate::people::create_person(
            &mut store,
            &clock(),
            pop_domain::PersonInput {
                full_name: "Joyce".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let slug = crate::examples::all()[0].slug.clone();
        let plan = crate::plans::create_plan_from_example(
            &mut store,
            &clock(),
            pop_domain::Language::Nl,
            &person.id,
            &slug,
        )
        .unwrap();
        let goals = journal_goals(&store, Some(&person.id)).unwrap();
        assert_eq!(goals.len(), plan.content.goals.len());
        assert_eq!(goals[0].id, plan.content.goals[0].id);
        assert_eq!(goals[0].plan_title, plan.content.title);
        assert_eq!(journal_goals(&store, None).unwrap(), goals);
        assert!(journal_goals(&store, Some("someone-else"))
            .unwrap()
            .is_empty());
    }
}

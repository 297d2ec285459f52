//! Each person's data rights (AVG/GDPR) in the owner's store: how long each kind of data is
//! kept after someone leaves (and why), legal holds, what is due for removal, an export of
//! everything about one person (art. 15 and 20: JSON and a readable PDF in one ZIP), and
//! erasure of one person (art. 17) that leaves no byte of them in the store file or its WAL
//! while the log's chain and other people's seals stay valid.

use crate::error::{Entity, Result};
use crate::people::get_person;
use chrono::{Months, NaiveDate};
use pop_domain::clause::LeaveReason;
use pop_domain::text::{optional_date, required_line};
use pop_domain::{Clock, Field, Language, PersonStatus, Problem, ValidationError};
use pop_store::{privacy as repo, settings as settings_repo, Store};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::Write;
use ts_rs::TS;

/// The kinds of personal data with a retention period of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DataKind {
    /// Development plans with their check-ins, agreements, evaluations and signatures.
    Plans,
    /// The development budget ledger and part-time factors.
    Budget,
    /// Study-cost clauses: kept until settled, then for the period.
    Clause,
}

impl DataKind {
    pub const ALL: [DataKind; 3] = [DataKind::Plans, DataKind::Budget, DataKind::Clause];

    pub fn code(self) -> &'static str {
        match self {
            DataKind::Plans => "plans",
            DataKind::Budget => "budget",
            DataKind::Clause => "clause",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s.trim())
            .ok_or_else(|| ValidationError::new(Field::Retention, Problem::UnknownDataKind).into())
    }

    pub fn name(self, lang: Language) -> &'static str {
        match (self, lang) {
            (DataKind::Plans, Language::Nl) => "Ontwikkelplannen en gesprekken",
            (DataKind::Plans, Language::En) => "Development plans and check-ins",
            (DataKind::Budget, Language::Nl) => "Ontwikkelbudget",
            (DataKind::Budget, Language::En) => "Development budget",
            (DataKind::Clause, Language::Nl) => "Studiekostenbeding",
            (DataKind::Clause, Language::En) => "Study-cost clause",
        }
    }

    fn default_reason(self, lang: Language) -> &'static str {
        match (self, lang) {
            (DataKind::Plans, Language::Nl) => "Om afspraken over ontwikkeling na vertrek te kunnen aantonen; daarna niet meer nodig.",
            (DataKind::Plans, Language::En) => "To show what was agreed about development after someone leaves; not needed after that.",
            (DataKind::Budget, Language::Nl) => "Om bestedingen uit het budget te kunnen verantwoorden en vragen erover te beantwoorden.",
            (DataKind::Budget, Language::En) => "To account for what the budget paid and answer questions about it.",
            (DataKind::Clause, Language::Nl) => "Tot de terugbetaling is afgerond, daarna om de afrekening te kunnen aantonen.",
            (DataKind::Clause, Language::En) => "Until any repayment is settled, then to show how it was settled.",
        }
    }
}

/// How long one kind of data is kept after someone leaves, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionRule {
    pub kind: DataKind,
    pub months: u32,
    /// The reason, in the user's words or (when they gave none) ours.
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct StoredRule {
    months: u32,
    #[serde(default)]
    reason: String,
}

const RETENTION_KEY: &str = "retention";
/// The default: two years after leaving (after settling, for a clause).
pub const DEFAULT_MONTHS: u32 = 24;
pub const MAX_MONTHS: u32 = 240;

fn stored_rules(store: &Store) -> std::collections::BTreeMap<String, StoredRule> {
    settings_repo::get(store.conn(), RETENTION_KEY)
        .ok()
        .flatten()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// The retention rules, one per kind of data.
pub fn retention_rules(store: &Store, lang: Language) -> Vec<RetentionRule> {
    let stored = stored_rules(store);
    DataKind::ALL
        .into_iter()
        .map(|kind| {
            let s = stored.get(kind.code()).cloned().unwrap_or(StoredRule {
                months: DEFAULT_MONTHS,
                reason: String::new(),
            });
            RetentionRule {
                kind,
                months: s.months,
                reason: if s.reason.trim().is_empty() {
                    kind.default_reason(lang).to_owned()
                } else {
                    s.reason
                },
            }
        })
        .collect()
}

/// Sets how long `kind` is kept after leaving (1–240 months), with an optional reason.
pub fn set_retention(
    store: &mut Store,
    lang: Language,
    kind: DataKind,
    months: u32,
    reason: Option<&str>,
) -> Result<Vec<RetentionRule>> {
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(ValidationError::new(
            Field::Retention,
            Problem::OutOfRange {
                min: 1,
                max: i64::from(MAX_MONTHS),
            },
        )
        .into());
    }
    let reason = match reason {
        Some(r) if !r.trim().is_empty() => required_line(Field::Hold, r, 500)?,
        _ => String::new(),
    };
    let mut stored = stored_rules(store);
    stored.insert(kind.code().to_owned(), StoredRule { months, reason });
    let json = serde_json::to_string(&stored).expect("rules serialise");
    store.write(|tx| settings_repo::set(tx, RETENTION_KEY, &json))?;
    Ok(retention_rules(store, lang))
}

/// Keeps a person's data beyond its retention (for example during a dispute), with the
/// reason; erasure is refused while it holds.
pub fn set_hold(store: &mut Store, clock: &dyn Clock, person_id: &str, reason: &str) -> Result<()> {
    get_person(store, person_id)?;
    let reason = required_line(Field::Hold, reason, 500)?;
    let since = clock.today().to_string();
    store.write(|tx| repo::set_hold(tx, person_id, &reason, &since))?;
    Ok(())
}

/// Lifts a legal hold; `false` when there was none.
pub fn lift_hold(store: &mut Store, person_id: &str) -> Result<bool> {
    get_person(store, person_id)?;
    Ok(store.write(|tx| repo::lift_hold(tx, person_id))?)
}

/// Records that a clause's repayment was settled on `on` (its retention counts from then).
pub fn settle_clause(
    store: &mut Store,
    clock: &dyn Clock,
    clause_id: &str,
    on: &str,
) -> Result<()> {
    crate::budget::get_clause(store, clause_id)?;
    let on = optional_date(Field::SignedOn, Some(on))?
        .ok_or_else(|| ValidationError::new(Field::SignedOn, Problem::Required))?;
    let at = clock.now().to_rfc3339();
    store.write(|tx| repo::set_settled(tx, clause_id, &on.to_string(), &at))?;
    Ok(())
}

/// One kind of a left person's data and when it is due for removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionItem {
    pub kind: DataKind,
    /// The clause this is about (for [`DataKind::Clause`]).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause_id: Option<String>,
    /// The day the retention counts from: leaving, or settling a clause; none while a
    /// clause is not settled.
    pub from: Option<NaiveDate>,
    /// The first day it may be removed; none while a clause is not settled.
    pub due_on: Option<NaiveDate>,
    pub due: bool,
    pub reason: String,
}

/// A person who left, with their data's retention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionPerson {
    pub person_id: String,
    pub person_name: String,
    pub left_on: Option<NaiveDate>,
    /// The reason of a legal hold: nothing is due while it holds.
    pub hold: Option<String>,
    pub items: Vec<RetentionItem>,
    /// Something is due for removal (and no hold keeps it).
    pub due: bool,
}

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The retention of one person who left (none for someone still employed).
fn person_retention(
    store: &Store,
    rules: &[RetentionRule],
    person: &pop_domain::Person,
    at: NaiveDate,
) -> Result<Option<RetentionPerson>> {
    if person.status != PersonStatus::Left {
        return Ok(None);
    }
    let left = person.left_on;
    let hold = repo::hold(store.conn(), &person.id)?.map(|(reason, _)| reason);
    let rule = |k: DataKind| rules.iter().find(|r| r.kind == k).expect("a rule per kind");
    let item = |kind: DataKind, clause_id: Option<String>, from: Option<NaiveDate>| {
        let r = rule(kind);
        let due_on = from.map(|f| add_months(f, r.months));
        RetentionItem {
            kind,
            clause_id,
            from,
            due_on,
            due: due_on.is_some_and(|d| d <= at) && hold.is_none(),
            reason: r.reason.clone(),
        }
    };
    let conn = store.conn();
    let has = |sql: &str| -> Result<bool> {
        let n: i64 = conn
            .query_row(sql, [&person.id], |r| r.get(0))
            .map_err(pop_store::StoreError::from)?;
        Ok(n > 0)
    };
    let mut items = Vec::new();
    if has("SELECT count(*) FROM plan WHERE person_id = ?1")? {
        items.push(item(DataKind::Plans, None, left));
    }
    if has(
        "SELECT (SELECT count(*) FROM budget_entry WHERE person_id = ?1) + \
            (SELECT count(*) FROM person_fte WHERE person_id = ?1)",
    )? {
        items.push(item(DataKind::Budget, None, left));
    }
    let reason = pop_store::budget::left_reason(conn, &person.id)?
        .and_then(|r| LeaveReason::parse(&r))
        .unwrap_or(LeaveReason::Resign);
    for (id, _) in pop_store::budget::clauses_of(conn, &person.id)? {
        let settled = match repo::settled_on(conn, &id)? {
            Some(d) => NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok(),
            // Nothing owed at leaving: settled on the day itself.
            None => match left {
                Some(l)
                    if crate::budget::clause_owed(store, &id, &l.to_string(), Some(reason))?
                        == 0 =>
                {
                    Some(l)
                }
                _ => None,
            },
        };
        items.push(item(DataKind::Clause, Some(id), settled));
    }
    let due = items.iter().any(|i| i.due);
    Ok(Some(RetentionPerson {
        person_id: person.id.clone(),
        person_name: person.full_name.clone(),
        left_on: left,
        hold,
        items,
        due,
    }))
}

/// Everyone who left, with each kind of their data and when it may go; those with something
/// due (or held) at `at` first.
pub fn retention(store: &Store, lang: Language, at: NaiveDate) -> Result<Vec<RetentionPerson>> {
    let rules = retention_rules(store, lang);
    let mut out = Vec::new();
    for p in pop_store::people::list(store.conn())? {
        if let Some(r) = person_retention(store, &rules, &p, at)? {
            out.push(r);
        }
    }
    out.sort_by(|a, b| {
        b.due
            .cmp(&a.due)
            .then_with(|| a.left_on.cmp(&b.left_on))
            .then_with(|| a.person_name.cmp(&b.person_name))
    });
    Ok(out)
}

/// One person's retention at `at` (none while they are employed).
pub fn retention_of(
    store: &Store,
    lang: Language,
    person_id: &str,
    at: NaiveDate,
) -> Result<Option<RetentionPerson>> {
    let person = get_person(store, person_id)?;
    person_retention(store, &retention_rules(store, lang), &person, at)
}

/// The people with data due for removal at `at`, or kept past it by a legal hold.
pub fn retention_due(store: &Store, lang: Language, at: NaiveDate) -> Result<Vec<RetentionPerson>> {
    Ok(retention(store, lang, at)?
        .into_iter()
        .filter(|p| {
            p.due || (p.hold.is_some() && p.items.iter().any(|i| i.due_on.is_some_and(|d| d <= at)))
        })
        .collect())
}

/// The retention rules and everyone who left, for the owner's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionOverview {
    pub rules: Vec<RetentionRule>,
    pub people: Vec<RetentionPerson>,
}

pub fn retention_overview(
    store: &Store,
    lang: Language,
    today: NaiveDate,
) -> Result<RetentionOverview> {
    Ok(RetentionOverview {
        rules: retention_rules(store, lang),
        people: retention(store, lang, today)?,
    })
}

fn not_found(id: &str) -> crate::CoreError {
    crate::CoreError::NotFound {
        what: Entity::Person,
        id: id.to_owned(),
    }
}

/// Everything stored about one person, with the retention that applies, as one JSON
/// document (the machine-readable half of an export).
pub fn person_json(store: &Store, clock: &dyn Clock, lang: Language, id: &str) -> Result<Value> {
    let data = repo::person_data(store.conn(), id)?.ok_or_else(|| not_found(id))?;
    let rules = retention_rules(store, lang);
    let organisation = settings_repo::organisation_name(store.conn())?;
    Ok(serde_json::json!({
        "format": "groeikoers-person-export",
        "formatVersion": 1,
        "madeAt": clock.now().to_rfc3339(),
        "organisation": organisation,
        "retention": rules,
        "data": data,
    }))
}

/// Labels of the stored fields in the readable PDF; other fields show their own name.
fn label(key: &str, lang: Language) -> String {
    let nl = lang == Language::Nl;
    let known: &[(&str, &str, &str)] = &[
        ("full_name", "Naam", "Name"),
        ("role", "Functie", "Role"),
        ("email", "E-mail", "Email"),
        ("start_date", "In dienst sinds", "Employed since"),
        ("left_on", "Uit dienst op", "Left on"),
        ("left_reason", "Reden van vertrek", "Reason for leaving"),
        ("status", "Status", "Status"),
        ("title", "Titel", "Title"),
        ("period_start", "Begin", "Start"),
        ("period_end", "Einde", "End"),
        ("content", "Inhoud", "Content"),
        ("version", "Versie", "Version"),
        ("signatures", "Handtekeningen", "Signatures"),
        ("checkins", "Gesprekken", "Check-ins"),
        ("followUps", "Afspraken", "Agreements"),
        ("evaluation", "Evaluatie", "Evaluation"),
        ("events", "Logboek", "Log"),
        ("seal", "Zegel", "Seal"),
        ("signed_on", "Getekend op", "Signed on"),
        ("party", "Partij", "Party"),
        ("due_on", "Gepland op", "Planned on"),
        ("held_on", "Gehouden op", "Held on"),
        ("grow", "GROW-aantekeningen", "GROW notes"),
        ("progress", "Voortgang", "Progress"),
        ("description", "Omschrijving", "Description"),
        ("on_date", "Datum", "Date"),
        ("euro_cents", "Bedrag (cent)", "Amount (cents)"),
        ("minutes", "Minuten", "Minutes"),
        ("text", "Omschrijving", "Description"),
        ("clause", "Beding", "Clause"),
        ("settled_on", "Afgerekend op", "Settled on"),
        ("permille", "Deeltijdfactor (‰)", "Part-time factor (‰)"),
        ("from_date", "Vanaf", "From"),
        ("reason", "Reden", "Reason"),
        ("folder", "Map", "Folder"),
        ("created_at", "Aangemaakt", "Created"),
        ("updated_at", "Gewijzigd", "Changed"),
    ];
    known
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, n, e)| if nl { *n } else { *e }.to_owned())
        .unwrap_or_else(|| key.replace('_', " "))
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A value as blocks: each object's plain fields as label/value rows under a heading that
/// names where it sits ("Ontwikkelplannen 1 › Inhoud › goals 2"), its nested parts after.
fn emit(path: &str, v: &Value, lang: Language, blocks: &mut Vec<pop_export::pdf::Block>) {
    use pop_export::pdf::{Block, Style};
    match v {
        Value::Object(map) => {
            let mut rows = Vec::new();
            let mut nested = Vec::new();
            for (k, v) in map {
                // Drawn signatures are kept in the JSON; here only that there is one.
                if k == "strokes" {
                    if !v.is_null() {
                        rows.push((
                            label(k, lang),
                            match lang {
                                Language::Nl => "getekende handtekening (zie JSON)".into(),
                                Language::En => "drawn signature (see the JSON)".into(),
                            },
                        ));
                    }
                    continue;
                }
                match v {
                    Value::Array(items)
                        if items.iter().all(|x| scalar(x).is_some() || x.is_null()) =>
                    {
                        let list: Vec<String> = items.iter().filter_map(scalar).collect();
                        if !list.is_empty() {
                            rows.push((label(k, lang), list.join(", ")));
                        }
                    }
                    Value::Object(_) | Value::Array(_) => nested.push((k, v)),
                    v => {
                        if let Some(s) = scalar(v) {
                            rows.push((label(k, lang), s));
                        }
                    }
                }
            }
            if !rows.is_empty() {
                if !path.is_empty() {
                    blocks.push(Block::Text {
                        style: Style::H2,
                        text: path.to_owned(),
                    });
                }
                blocks.push(Block::Fields(rows));
            }
            for (k, v) in nested {
                let p = if path.is_empty() {
                    label(k, lang)
                } else {
                    format!("{path} › {}", label(k, lang))
                };
                emit(&p, v, lang, blocks);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                emit(&format!("{path} {}", i + 1), v, lang, blocks);
            }
        }
        v => {
            if let Some(s) = scalar(v) {
                blocks.push(Block::Fields(vec![(path.to_owned(), s)]));
            }
        }
    }
}

/// The readable half of an export: a cover page (what is kept, why and how long), then
/// every stored field, section by section.
pub fn person_pdf(store: &Store, clock: &dyn Clock, lang: Language, id: &str) -> Result<Vec<u8>> {
    use pop_export::pdf::{render, Block, RenderOptions, Style};
    let doc = person_json(store, clock, lang, id)?;
    let person = get_person(store, id)?;
    let nl = lang == Language::Nl;
    let organisation = doc["organisation"].as_str().unwrap_or_default().to_owned();
    let title = if nl {
        format!("Gegevens van {}", person.full_name)
    } else {
        format!("Data about {}", person.full_name)
    };
    let today = clock.today();
    let organisation_part = if organisation.trim().is_empty() {
        String::new()
    } else {
        format!("{organisation} · ")
    };
    let mut blocks = vec![
        Block::Text {
            style: Style::Title,
            text: title.clone(),
        },
        Block::Text {
            style: Style::Subtitle,
            text: if nl {
                format!(
                    "{organisation_part}gemaakt op {} · op verzoek (art. 15 en 20 AVG)",
                    pop_export::pdf::plan::long_date(today, lang)
                )
            } else {
                format!(
                    "{organisation_part}made on {} · on request (GDPR art. 15 and 20)",
                    pop_export::pdf::plan::long_date(today, lang)
                )
            },
        },
        Block::Text {
            style: Style::H1,
            text: if nl {
                "Wat we bewaren, waarom en hoe lang".into()
            } else {
                "What we keep, why and for how long".into()
            },
        },
        Block::Text {
            style: Style::Body,
            text: if nl {
                "Dit overzicht bevat alles wat Groeikoers over u bewaart, op deze computer. Het bestand person.json in dezelfde ZIP bevat dezelfde gegevens in een vorm die een ander programma kan lezen.".into()
            } else {
                "This document holds everything Groeikoers keeps about you, on this computer. The file person.json in the same ZIP holds the same data in a form another program can read.".into()
            },
        },
    ];
    for r in retention_rules(store, lang) {
        let how_long = match (r.kind, nl) {
            (DataKind::Clause, true) => format!("tot de afrekening, daarna {} maanden", r.months),
            (DataKind::Clause, false) => format!("until settled, then {} months", r.months),
            (_, true) => format!("{} maanden na uitdiensttreding", r.months),
            (_, false) => format!("{} months after leaving", r.months),
        };
        blocks.push(Block::Bullet {
            text: format!("{}: {how_long}. {}", r.kind.name(lang), r.reason),
        });
    }
    blocks.push(Block::PageBreak);
    let sections: &[(&str, &str, &str)] = &[
        ("person", "Persoon", "Person"),
        ("fte", "Deeltijdfactor", "Part-time factor"),
        ("budgetEntries", "Ontwikkelbudget", "Development budget"),
        ("studyClauses", "Studiekostenbedingen", "Study-cost clauses"),
        (
            "clauseSignatures",
            "Handtekeningen onder studiekostenbedingen",
            "Signatures under study-cost clauses",
        ),
        ("legalHold", "Bewaarplicht", "Legal hold"),
        ("exchangeFolder", "Uitwisselmap", "Exchange folder"),
        ("plans", "Ontwikkelplannen", "Development plans"),
    ];
    let data = &doc["data"];
    for (key, n, e) in sections {
        let v = &data[*key];
        let name = if nl { *n } else { *e };
        blocks.push(Block::Text {
            style: Style::H1,
            text: name.to_owned(),
        });
        let before = blocks.len();
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    emit(&format!("{name} {}", i + 1), item, lang, &mut blocks);
                }
            }
            v => emit("", v, lang, &mut blocks),
        }
        if blocks.len() == before {
            blocks.push(Block::Text {
                style: Style::Small,
                text: if nl {
                    "Niets opgeslagen."
                } else {
                    "Nothing stored."
                }
                .into(),
            });
        }
    }
    let opts = RenderOptions {
        title: title.clone(),
        author: organisation,
        footer: title,
        page_label: crate::documents::page_label(lang),
        created_unix: clock.now().timestamp(),
        subject: String::new(),
    };
    Ok(render(&blocks, &opts))
}

/// One person's data as a ZIP: `person.json` (everything, machine-readable) and
/// `person.pdf` (the same, readable, with the cover page).
pub fn export_person(
    store: &Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    path: &std::path::Path,
) -> Result<()> {
    let json =
        serde_json::to_vec_pretty(&person_json(store, clock, lang, id)?).expect("JSON serialises");
    let pdf = person_pdf(store, clock, lang, id)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    let file_err = |e: std::io::Error| crate::CoreError::File {
        path: path.to_owned(),
        reason: e.to_string(),
        writing: true,
    };
    put("person.json", &json).map_err(file_err)?;
    put("person.pdf", &pdf).map_err(file_err)?;
    let bytes = zip
        .finish()
        .map_err(|e| file_err(std::io::Error::other(e)))?
        .into_inner();
    crate::files::write_output(store, path, &bytes)
}

/// What an erasure removed, and what still holds the person elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErasureReport {
    pub plans: usize,
    pub checkins: usize,
    pub budget_entries: usize,
    pub clauses: usize,
    /// Log events emptied (their time and kind stay, so the chain still verifies).
    pub events: usize,
    /// Backups made before the erasure still hold the person until they are rotated out.
    pub older_backups: usize,
    /// Whether the WAL could be emptied (another program with the store open can keep old
    /// pages in it until it closes).
    pub wal_emptied: bool,
}

/// Finishes an erasure that was interrupted before the file was rebuilt (at every open).
pub fn finish_interrupted_erasure(store: &mut Store) -> Result<()> {
    if repo::compact_pending(store.conn())? {
        repo::finish_erasure(store)?;
    }
    Ok(())
}

/// Erases one person: every row about them and their plans, the personal part of the log
/// events about those plans, then the file is rebuilt (VACUUM) and the WAL emptied, so no
/// byte of them is left in the store. Refused under a legal hold.
pub fn erase_person(store: &mut Store, clock: &dyn Clock, id: &str) -> Result<ErasureReport> {
    get_person(store, id)?;
    if repo::hold(store.conn(), id)?.is_some() {
        return Err(ValidationError::new(Field::Erasure, Problem::UnderLegalHold).into());
    }
    let at = clock.now().to_rfc3339();
    let done = store.write(|tx| repo::erase_person(tx, id, &at))?;
    let wal_emptied = repo::finish_erasure(store)?;
    Ok(ErasureReport {
        plans: done.plans,
        checkins: done.checkins,
        budget_entries: done.budget_entries,
        clauses: done.clauses,
        events: done.events,
        older_backups: crate::security::list_backups(store).len(),
        wal_emptied,
    })
}

/// Removes one kind of a left person's data whose retention has run out (the person and
/// the rest stay): their plans with everything on them, their budget ledger, or one clause
/// (`clause_id`). Refused with nothing changed: not due yet (the date named), under a legal
/// hold, nothing of that kind kept. Like an erasure, the file is rebuilt afterwards so no
/// byte of the removed data is left in the store.
pub fn remove_due(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    person_id: &str,
    kind: DataKind,
    clause_id: Option<&str>,
) -> Result<ErasureReport> {
    let refused =
        |p: Problem| -> crate::CoreError { ValidationError::new(Field::Removal, p).into() };
    let retention = retention_of(store, lang, person_id, clock.today())?
        .ok_or_else(|| refused(Problem::NotDueYet { due_on: None }))?;
    if retention.hold.is_some() {
        return Err(refused(Problem::UnderLegalHold));
    }
    let item = retention
        .items
        .iter()
        .find(|i| {
            i.kind == kind && (kind != DataKind::Clause || i.clause_id.as_deref() == clause_id)
        })
        .ok_or_else(|| refused(Problem::NothingToRemove))?;
    if !item.due {
        return Err(refused(Problem::NotDueYet {
            due_on: item.due_on,
        }));
    }
    let at = clock.now().to_rfc3339();
    let done = store.write(|tx| repo::remove_kind(tx, person_id, kind.code(), clause_id, &at))?;
    let wal_emptied = repo::finish_erasure(store)?;
    Ok(ErasureReport {
        plans: done.plans,
        checkins: done.checkins,
        budget_entries: done.budget_entries,
        clauses: done.clauses,
        events: done.events,
        older_backups: crate::security::list_backups(store).len(),
        wal_emptied,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_years_after_leaving_on_31_august_is_31_august() {
        let d = NaiveDate::from_ymd_opt(2025, 8, 31).unwrap();
        assert_eq!(
            add_months(d, 24),
            NaiveDate::from_ymd_opt(2027, 8, 31).unwrap()
        );
        // A month end that does not exist rounds down to the last day.
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(
            add_months(d, 12),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
        );
    }

    #[test]
    fn kinds_parse_from_their_codes_and_nothing_else() {
        for k in DataKind::ALL {
            assert_eq!(DataKind::parse(k.code()).unwrap(), k);
        }
        assert!(DataKind::parse("journal").is_err());
    }
}

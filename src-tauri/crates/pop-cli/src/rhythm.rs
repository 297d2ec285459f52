//! `due`, `remind`, `calendar` and `overview`: what is due, reminders, the team calendar and
//! the owner's overview.

use crate::util::{moment, to_json};
use pop_core::domain::Language;
use pop_core::{CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn due(
    store: &mut Store,
    lang: Language,
    at: Option<String>,
    json: bool,
) -> Result<ExitCode, CoreError> {
    let now = moment(at.as_deref(), lang)?;
    let day = now.with_timezone(&chrono::Local).date_naive();
    let items = pop_core::rhythm::due_at(store, day)?;
    if json {
        println!("{}", to_json(&items));
    } else {
        for i in items {
            let when = if i.date < day { "overdue" } else { "due" };
            println!(
                "{}\t{when}\t{}\t{}\t{}\t{}",
                i.date,
                i.kind.as_str(),
                i.person_name,
                i.plan_title,
                i.label
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn remind(
    store: &mut Store,
    lang: Language,
    at: Option<String>,
    json: bool,
) -> Result<ExitCode, CoreError> {
    let now = moment(at.as_deref(), lang)?;
    let fired = pop_core::rhythm::fire_reminders(store, &chrono::Local, now)?;
    if json {
        println!("{}", to_json(&fired));
    } else {
        for r in fired {
            let missed = if r.missed { "missed" } else { "now" };
            println!(
                "{}\t{missed}\t{}\t{}\t{}",
                r.item.date,
                r.item.kind.as_str(),
                r.item.person_name,
                r.item.plan_title
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn calendar(store: &mut Store, lang: Language, output: PathBuf) -> Result<ExitCode, CoreError> {
    pop_core::calendar::all_ics_to_file(store, lang, chrono::Utc::now(), &output)?;
    Ok(ExitCode::SUCCESS)
}

pub fn overview(
    store: &mut Store,
    lang: Language,
    output: Option<PathBuf>,
    json: bool,
) -> Result<ExitCode, CoreError> {
    use pop_core::overview::{export_overview, owner_overview, sheet_format_for};
    let today = chrono::Local::now().date_naive();
    match output {
        Some(path) => {
            let format = sheet_format_for(store, &path)?;
            export_overview(store, today, lang, format, &path)?;
        }
        None => {
            let rows = owner_overview(store, today)?;
            if json {
                println!("{}", to_json(&rows));
            } else {
                let date = |d: Option<chrono::NaiveDate>| {
                    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
                };
                for r in rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        r.person_name,
                        r.plan_status.map(|s| s.as_str()).unwrap_or("-"),
                        date(r.next_checkin),
                        r.overdue,
                        date(r.last_checkin),
                        r.costs_planned_cents,
                        r.plan_title.unwrap_or_default(),
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

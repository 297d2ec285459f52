//! `person`: the people of the organisation.

use crate::util::to_json;
use clap::{Args, Subcommand};
use pop_core::domain::{Language, PersonInput, PersonStatus, SystemClock};
use pop_core::people::{self, PeopleQuery};
use pop_core::{CoreError, Store};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Add a person; prints the new id (or the record with --json).
    Add(PersonFields),
    /// List people in name order.
    List {
        /// Only people whose name, role or email contain these words.
        #[arg(long)]
        search: Option<String>,
        /// Also list people who have left.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Mark a person as having left (nobody is deleted).
    Leave {
        id: String,
        /// Date of leaving, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// Why: resign, decline-extension, urgent-dismissal, employer-ends,
        /// fixed-term-not-renewed or mutual (study-cost clauses depend on it).
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct PersonFields {
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    role: String,
    /// The id of the person's manager (default: the owner).
    #[arg(long, value_name = "ID")]
    manager: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    start: Option<String>,
    #[arg(long)]
    email: Option<String>,
    /// Part-time factor, 0.1–1.0 (default full time), from the start date.
    #[arg(long, value_name = "0.1-1.0")]
    fte: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(
    command: PersonCommand,
    store: &mut Store,
    _lang: Language,
) -> Result<ExitCode, CoreError> {
    let clock = SystemClock;
    match command {
        PersonCommand::Add(f) => {
            let input = PersonInput {
                full_name: f.name,
                role: f.role,
                manager_id: f.manager,
                start_date: f.start,
                email: f.email,
            };
            // The FTE is checked before anyone is added.
            let fte = f
                .fte
                .as_deref()
                .map(pop_core::budget::parse_fte)
                .transpose()?;
            let person = match fte {
                None => people::create_person(store, &clock, input)?,
                Some(permille) => store.batch(|store| {
                    let p = people::create_person(store, &clock, input)?;
                    let from = p
                        .start_date
                        .unwrap_or_else(|| chrono::Local::now().date_naive())
                        .to_string();
                    pop_core::budget::set_fte(store, &p.id, &from, permille)?;
                    Ok::<_, CoreError>(p)
                })?,
            };
            if f.json {
                println!("{}", to_json(&person));
            } else {
                println!("{}", person.id);
            }
        }
        PersonCommand::List { search, all, json } => {
            let list = people::list_people(
                store,
                PeopleQuery {
                    search,
                    include_left: all,
                },
            )?;
            if json {
                println!("{}", to_json(&list));
            } else {
                for p in list {
                    let status = match p.person.status {
                        PersonStatus::Active => "active",
                        PersonStatus::Left => "left",
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        p.person.id,
                        p.person.full_name,
                        p.person.role,
                        p.manager_name.unwrap_or_default(),
                        status
                    );
                }
            }
        }
        PersonCommand::Leave {
            id,
            on,
            reason,
            json,
        } => {
            let reason = match reason.as_deref() {
                Some(r) => Some(pop_core::domain::clause::LeaveReason::parse(r).ok_or_else(
                    || {
                        CoreError::from(pop_core::domain::ValidationError::new(
                            pop_core::domain::Field::LeaveReason,
                            pop_core::domain::Problem::UnknownReason,
                        ))
                    },
                )?),
                None => None,
            };
            let person = pop_core::budget::leave(store, &clock, &id, on, reason)?;
            if json {
                println!("{}", to_json(&person));
            } else {
                println!("{}", person.id);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

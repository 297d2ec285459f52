//! `groeikoers-cli`: the Groeikoers use cases for scripts.
//!
//! Exit codes: 0 done, 1 the input was rejected (nothing stored), 2 usage error.

use clap::{Args, Parser, Subcommand};
use pop_core::domain::{Language, PersonInput, PersonStatus, SystemClock};
use pop_core::people::{self, PeopleQuery};
use pop_core::{messages, paths, CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "groeikoers-cli",
    version,
    about = "Groeikoers from the command line"
)]
struct Cli {
    /// The database file (default: $GROEIKOERS_DB or the app's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The people of the organisation.
    #[command(subcommand)]
    Person(PersonCommand),
}

#[derive(Subcommand)]
enum PersonCommand {
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
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct PersonFields {
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
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli_language();
    let path = cli.db.clone().unwrap_or_else(paths::default_db_path);
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("groeikoers-cli: {}", messages::store_message(&e, lang));
            return ExitCode::from(1);
        }
    };
    match run(cli.command, &mut store) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("groeikoers-cli: {}", messages::describe(&e, lang));
            ExitCode::from(1)
        }
    }
}

/// The CLI speaks the language of the shell's locale: Dutch for `nl_*`, English otherwise.
fn cli_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .map(|l| Language::from_locale(&l))
        .unwrap_or(Language::En)
}

fn run(command: Command, store: &mut Store) -> Result<(), CoreError> {
    let clock = SystemClock;
    match command {
        Command::Person(PersonCommand::Add(f)) => {
            let input = PersonInput {
                full_name: f.name,
                role: f.role,
                manager_id: f.manager,
                start_date: f.start,
                email: f.email,
            };
            let person = people::create_person(store, &clock, input)?;
            if f.json {
                println!("{}", to_json(&person));
            } else {
                println!("{}", person.id);
            }
        }
        Command::Person(PersonCommand::List { search, all, json }) => {
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
        Command::Person(PersonCommand::Leave { id, on, json }) => {
            let person = people::mark_person_left(store, &clock, &id, on)?;
            if json {
                println!("{}", to_json(&person));
            } else {
                println!("{}", person.id);
            }
        }
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("domain types serialise")
}

//! `retention`: how long each kind of data is kept after someone leaves, legal holds, and
//! who is due for removal.

use crate::util::to_json;
use clap::Subcommand;
use pop_core::domain::{Language, SystemClock};
use pop_core::privacy::{self, DataKind};
use pop_core::{CoreError, Store};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// The retention of each kind of data: months after leaving, and why.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Set how long a kind of data is kept after leaving (a clause: after it is settled).
    Set {
        /// plans (plans and check-ins), budget or clause.
        kind: String,
        #[arg(long, value_name = "N")]
        months: u32,
        /// Why it is kept that long (shown in exports).
        #[arg(long)]
        reason: Option<String>,
    },
    /// The people who left whose data is due for removal (or kept by a legal hold).
    Due {
        /// The day (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Keep a person's data beyond its retention, with the reason (erasure is refused
    /// while it holds).
    Hold {
        person: String,
        #[arg(long)]
        reason: String,
    },
    /// Lift a legal hold.
    Lift { person: String },
}

pub fn run(
    command: RetentionCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    let nl = lang == Language::Nl;
    match command {
        RetentionCommand::Show { json } => {
            let rules = privacy::retention_rules(store, lang);
            if json {
                println!("{}", to_json(&rules));
            } else {
                for r in rules {
                    println!("{}\t{}\t{}", r.kind.code(), r.months, r.reason);
                }
            }
        }
        RetentionCommand::Set {
            kind,
            months,
            reason,
        } => {
            let kind = DataKind::parse(&kind)?;
            privacy::set_retention(store, lang, kind, months, reason.as_deref())?;
        }
        RetentionCommand::Due { at, json } => {
            let at = match at {
                Some(d) => {
                    pop_core::domain::text::optional_date(pop_core::domain::Field::At, Some(&d))?
                        .unwrap_or_else(|| chrono::Local::now().date_naive())
                }
                None => chrono::Local::now().date_naive(),
            };
            let due = privacy::retention_due(store, lang, at)?;
            if json {
                println!("{}", to_json(&due));
            } else {
                for p in due {
                    let what: Vec<String> = p
                        .items
                        .iter()
                        .filter(|i| i.due_on.is_some_and(|d| d <= at))
                        .map(|i| format!("{} ({})", i.kind.code(), i.due_on.expect("due")))
                        .collect();
                    let state = match (&p.hold, nl) {
                        (Some(r), true) => format!("bewaarplicht: {r}"),
                        (Some(r), false) => format!("legal hold: {r}"),
                        (None, true) => "te verwijderen".into(),
                        (None, false) => "due for removal".into(),
                    };
                    println!(
                        "{}\t{}\t{}\t{state}",
                        p.person_id,
                        p.person_name,
                        what.join(", ")
                    );
                }
            }
        }
        RetentionCommand::Hold { person, reason } => {
            privacy::set_hold(store, &SystemClock, &person, &reason)?;
        }
        RetentionCommand::Lift { person } => {
            if !privacy::lift_hold(store, &person)? {
                eprintln!(
                    "groeikoers-cli: {}",
                    if nl {
                        "Voor deze persoon gold geen bewaarplicht; er is niets veranderd."
                    } else {
                        "There was no legal hold on this person; nothing changed."
                    }
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

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
    /// Change a person's part-time factor from a day on (the budget follows it from then);
    /// prints every FTE change (from, factor).
    Fte {
        id: String,
        /// The first day of the new factor.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// The new factor, 0.1–1.0.
        #[arg(long, value_name = "0.1-1.0")]
        fte: String,
        #[arg(long)]
        json: bool,
    },
    /// Everything stored about a person (art. 15/20 AVG) as a ZIP: person.json
    /// (machine-readable) and person.pdf (readable, with what is kept, why and how long).
    Export {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.zip")]
        output: std::path::PathBuf,
    },
    /// Erase a person (art. 17 AVG): their data, plans and check-ins are deleted for good;
    /// the log keeps only that an erasure happened. Needs --yes. Refused under a legal hold.
    Erase {
        id: String,
        /// Yes, erase for good (there is no undo).
        #[arg(long)]
        yes: bool,
    },
    /// Remove one kind of a left person's data once its retention has run out (see
    /// `retention due`); the person and their other data stay.
    Remove {
        id: String,
        #[arg(long, value_parser = ["plans", "budget", "clause"])]
        kind: String,
        /// The clause to remove (with --kind clause).
        #[arg(long, value_name = "ID")]
        clause: Option<String>,
        /// Yes, remove for good (there is no undo).
        #[arg(long)]
        yes: bool,
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
    lang: Language,
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
        PersonCommand::Fte {
            id,
            from,
            fte,
            json,
        } => {
            let today = chrono::Local::now().date_naive();
            let view = pop_core::budget::change_fte(store, &id, &from, &fte, today)?;
            if json {
                println!("{}", to_json(&crate::employer::fte_json(&view.fte)));
            } else {
                for c in &view.fte {
                    println!("{}\t{}", c.from, f64::from(c.permille) / 1000.0);
                }
            }
        }
        PersonCommand::Export { id, output } => {
            pop_core::privacy::export_person(store, &clock, lang, &id, &output)?;
        }
        PersonCommand::Erase { id, yes } => return erase(store, lang, &id, yes),
        PersonCommand::Remove {
            id,
            kind,
            clause,
            yes,
        } => {
            let kind = pop_core::privacy::DataKind::parse(&kind)?;
            let person = people::get_person(store, &id)?;
            if !yes {
                eprintln!(
                    "groeikoers-cli: {}",
                    if lang == Language::Nl {
                        format!("Verwijderen van {} van {} kan niet ongedaan worden gemaakt; geef --yes. Er is niets verwijderd.", kind.name(lang).to_lowercase(), person.full_name)
                    } else {
                        format!("Removing the {} of {} cannot be undone; give --yes. Nothing was removed.", kind.name(lang).to_lowercase(), person.full_name)
                    }
                );
                return Ok(ExitCode::from(2));
            }
            let r = pop_core::privacy::remove_due(
                store,
                &SystemClock,
                lang,
                &id,
                kind,
                clause.as_deref(),
            )?;
            report(&r, lang == Language::Nl, false);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn erase(store: &mut Store, lang: Language, id: &str, yes: bool) -> Result<ExitCode, CoreError> {
    let nl = lang == Language::Nl;
    let person = people::get_person(store, id)?;
    if !yes {
        eprintln!(
            "groeikoers-cli: {}",
            if nl {
                format!("Wissen van {} kan niet ongedaan worden gemaakt: alle gegevens, plannen en gesprekken verdwijnen. Maak eerst een export (person export) als die nodig is, en geef dan --yes. Er is niets gewist.", person.full_name)
            } else {
                format!("Erasing {} cannot be undone: all data, plans and check-ins go. Make an export first (person export) if one is needed, then give --yes. Nothing was erased.", person.full_name)
            }
        );
        return Ok(ExitCode::from(2));
    }
    let r = pop_core::privacy::erase_person(store, &SystemClock, id)?;
    report(&r, nl, true);
    Ok(ExitCode::SUCCESS)
}

/// What an erasure (`erased`) or a removal took away, and what may still hold it.
fn report(r: &pop_core::privacy::ErasureReport, nl: bool, erased: bool) {
    let (done_nl, done_en) = if erased {
        ("Gewist", "Erased")
    } else {
        ("Verwijderd", "Removed")
    };
    println!(
        "{}",
        if nl {
            format!(
                "{done_nl}: {} plannen, {} gesprekken, {} budgetregels, {} studiekostenbedingen; {} logboekregels leeggemaakt.",
                r.plans, r.checkins, r.budget_entries, r.clauses, r.events
            )
        } else {
            format!(
                "{done_en}: {} plans, {} check-ins, {} budget lines, {} study-cost clauses; {} log events emptied.",
                r.plans, r.checkins, r.budget_entries, r.clauses, r.events
            )
        }
    );
    if r.older_backups > 0 {
        eprintln!(
            "{}",
            if nl {
                match r.older_backups {
                    1 => "Let op: 1 eerdere back-up bevat deze persoon nog, tot die wordt vervangen door een nieuwere.".to_owned(),
                    n => format!("Let op: {n} eerdere back-ups bevatten deze persoon nog, tot ze worden vervangen door nieuwere."),
                }
            } else {
                match r.older_backups {
                    1 => "Note: 1 earlier backup still holds this person until a newer one replaces it.".to_owned(),
                    n => format!("Note: {n} earlier backups still hold this person until newer ones replace them."),
                }
            }
        );
    }
    if !r.wal_emptied {
        eprintln!(
            "{}",
            if nl {
                "Let op: een ander programma (de app?) heeft de database open; sluit het om ook de laatste sporen uit het WAL-bestand te halen."
            } else {
                "Note: another program (the app?) has the database open; close it to clear the last traces from the WAL file."
            }
        );
    }
}

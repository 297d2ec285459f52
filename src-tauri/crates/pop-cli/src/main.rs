//! `groeikoers-cli`: the Groeikoers use cases for scripts.
//!
//! Exit codes: 0 done, 1 the input was rejected (nothing stored), 2 usage error.
//!
//! An encrypted database opens with the passphrase from `$GROEIKOERS_PASSPHRASE` or, on a
//! terminal, from a prompt — never from an argument (arguments are visible to other users).

use clap::{ArgGroup, Args, Parser, Subcommand};
use pop_core::domain::check::Severity;
use pop_core::domain::{Language, PersonInput, PersonStatus, SystemClock};
use pop_core::exchange::{self, ImportTarget};
use pop_core::package::{PersonMatch, Take};
use pop_core::people::{self, PeopleQuery};
use pop_core::plans::{self, NewPlanInput};
use pop_core::review::{criterion_name, review};
use pop_core::{examples, messages, paths, CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

mod employer;

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
    /// The worked examples.
    #[command(subcommand)]
    Example(ExampleCommand),
    /// Personal development plans.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// The tamper-evident event log.
    #[command(subcommand)]
    Log(LogCommand),
    /// This installation's identity (name and signing key).
    #[command(subcommand)]
    Device(DeviceCommand),
    /// The exchange folder that a sync engine keeps the same on two computers.
    #[command(subcommand)]
    Exchange(ExchangeCommand),
    /// The private development journal.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// What is due or overdue at a moment: check-ins, actions, agreements, evaluations.
    Due {
        /// The moment, local time (default now).
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show the reminders due at a moment that have not been shown yet, and remember them
    /// as shown (what the app's notifications do).
    Remind {
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Every current plan's check-ins as one calendar file (ICS).
    Calendar {
        #[arg(short = 'o', long = "output", value_name = "FILE.ics")]
        output: PathBuf,
    },
    /// Write a backup of the database (encrypted when the database is). Without -o it goes
    /// into the backup folder beside the database, where the newest N are kept.
    Backup {
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The backups in the backup folder, newest first.
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Replace the database with a backup (the current database is backed up first). A
    /// backup made under another passphrase takes it from $GROEIKOERS_BACKUP_PASSPHRASE.
    Restore { file: PathBuf },
    /// Encrypt the database, change its passphrase, or remove it.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Write a new store with a plausible demo team (yearly plans from the worked examples,
    /// signatures, check-ins, evaluations, journal entries) to try the app with.
    Demo {
        #[arg(long, default_value_t = 12)]
        people: usize,
        #[arg(long, default_value_t = 3)]
        years: u32,
        /// The same seed makes the same team.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The new store (must not exist yet).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// The personal development budget: the organisation's scheme, a person's balance and
    /// spending.
    #[command(subcommand)]
    Budget(employer::BudgetCommand),
    /// Study-cost clauses (studiekostenbeding) and what they say is owed at leaving.
    #[command(subcommand)]
    Clause(employer::ClauseCommand),
    /// The owner's overview: every person with plan status, next and last check-in, what is
    /// overdue and the planned costs. With -o, written as CSV or XLSX (by the file's ending).
    Overview {
        #[arg(short = 'o', long = "output", value_name = "FILE.csv|FILE.xlsx")]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PassphraseCommand {
    /// Encrypt the database with a new passphrase, or change it. The new passphrase comes
    /// from $GROEIKOERS_NEW_PASSPHRASE or a prompt (asked twice). It cannot be recovered.
    Set,
    /// Decrypt the database: it is stored without a passphrase again.
    Remove,
}

#[derive(Subcommand)]
enum JournalCommand {
    /// Write an entry; prints its id.
    Add {
        #[arg(long)]
        text: String,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Date of the entry, YYYY-MM-DD (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Search entries, best matches first, a page of 50 at a time; case and diacritics do
    /// not matter.
    Search {
        query: String,
        /// Skip this many of the best matches (the next page: --offset 50).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long)]
        json: bool,
    },
    /// Print the entries of a date range (inclusive) as PDF: an extract you chose to share.
    Pdf {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum LogCommand {
    /// Check the hash chain and every seal; exit 1 and name what no longer matches.
    Verify {
        /// A package, backup or PDF made earlier: report events missing since then.
        #[arg(long, value_name = "FILE")]
        against: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ExchangeCommand {
    /// One pass: import the new packages in the folder, write a package for every plan that
    /// changed. Never overwrites or deletes a file there. Exit 1 when a package was refused.
    Sync {
        /// The folder (default: every folder set in the app, each with its person).
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
        /// With --folder: the folder is shared with this person only (their plans only).
        #[arg(long, value_name = "ID", requires = "folder")]
        person: Option<String>,
    },
}

#[derive(Subcommand)]
enum DeviceCommand {
    /// This device's name and key fingerprint.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Give this device another name (shown with the signatures made here).
    Rename { name: String },
}

#[derive(Subcommand)]
enum ExampleCommand {
    /// List the worked examples (slug, title, role).
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PlanCommand {
    /// Make a plan for a person, from a worked example or empty; prints the plan id.
    New {
        #[arg(long, value_name = "ID")]
        person: String,
        /// The slug of a worked example (see `example list`); empty plan without it.
        #[arg(long, value_name = "SLUG")]
        example: Option<String>,
        /// Start of the period (default today); an example's dates move along.
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<String>,
        /// The plan's own language (nl or en; default the app's): its PDF and calendar use it.
        #[arg(long, value_name = "nl|en", value_parser = ["nl", "en"])]
        lang: Option<String>,
    },
    /// List plans, newest first.
    List {
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Write the plan exchange file (JSON) to stdout or a file.
    Export {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import a plan package (or a format-1 file) and merge it; prints the plan id.
    /// Exit 1 when it is refused or conflicts with a draft edited here.
    #[command(group(ArgGroup::new("target").required(false).args(["person", "new_person"])))]
    Import {
        file: PathBuf,
        /// The first time a plan's person arrives here: import for this existing person.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// The first time a plan's person arrives here: create the person named in the file.
        #[arg(long)]
        new_person: bool,
        /// Show what would change and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// For a draft edited on both computers: keep mine, take theirs, or keep both.
        #[arg(long, value_parser = ["mine", "theirs", "both"])]
        take: Option<String>,
    },
    /// Write the plan as a printable A4 PDF ("print to sign").
    Pdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Write the manager's preparation and the self-analysis sheet as PDF.
    PrepPdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Write the evaluation of the plan's period as PDF (a form to fill in before it is saved).
    EvalPdf {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Sign a draft plan as one party (the last signature freezes the version).
    Sign {
        id: String,
        #[arg(long, value_parser = ["employee", "manager"])]
        party: String,
        /// The signer's full name, as typed.
        #[arg(long)]
        name: String,
        /// The date written next to the signature (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// Agree to the consent statement (required to sign).
        #[arg(long)]
        consent: bool,
        /// Sign although the POP-check finds errors in the plan (refused without it).
        #[arg(long)]
        despite_findings: bool,
    },
    /// Make a new draft version of a signed plan; prints its id.
    NewVersion {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Every version of a plan, who signed it, and what changed.
    History {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Which plan version a fingerprint (or a PDF with one) belongs to. Exit 1: no match.
    Verify {
        /// A code like GK-3F2A-91C0-77DE, or a PDF file made by Groeikoers.
        code_or_pdf: String,
    },
    /// The plan's check-ins as a calendar file (ICS).
    Ics {
        id: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.ics")]
        output: PathBuf,
    },
    /// The check-in schedule of a plan: date, status, slot.
    Schedule {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a held check-in (GROW notes); without --slot it is an extra conversation.
    Checkin {
        id: String,
        /// The n-th check-in of the schedule.
        #[arg(long)]
        slot: Option<u32>,
        /// The day it was held (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        #[arg(long, default_value = "")]
        goal: String,
        #[arg(long, default_value = "")]
        reality: String,
        #[arg(long, default_value = "")]
        options: String,
        #[arg(long, default_value = "")]
        will: String,
        /// An agreement from "Will", as a follow-up action (repeatable).
        #[arg(long = "agree", value_name = "TEXT")]
        agree: Vec<String>,
        /// Due date of the agreements.
        #[arg(long, value_name = "YYYY-MM-DD")]
        by: Option<String>,
    },
    /// Record the evaluation of a plan's period; an active plan becomes evaluated and leaves
    /// the list of what is due.
    Evaluate {
        id: String,
        /// The outcome of goal N (counted from 1): N=achieved, N=partly or N=not
        /// (repeatable; goals not named: partly).
        #[arg(long = "goal", value_name = "N=OUTCOME")]
        goals: Vec<String>,
        /// Carry goal N into the next plan (repeatable).
        #[arg(long, value_name = "N")]
        carry: Vec<usize>,
        /// A reflection on the period as a whole.
        #[arg(long, default_value = "")]
        reflection: String,
    },
    /// Delete a draft nobody signed (no check-ins, never shared). A signed plan is never
    /// deleted: close it instead.
    Delete { id: String },
    /// Close a plan (a draft given up, an active plan ended early, or an evaluated plan):
    /// nothing of it is due any more.
    Close { id: String },
    /// Review a plan. Exit 0: no findings; 1: warnings only; 3: errors.
    Check {
        id: String,
        #[arg(long)]
        json: bool,
    },
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
        /// Why: resign, decline-extension, urgent-dismissal, employer-ends,
        /// fixed-term-not-renewed or mutual (study-cost clauses depend on it).
        #[arg(long)]
        reason: Option<String>,
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
    /// Part-time factor, 0.1–1.0 (default full time), from the start date.
    #[arg(long, value_name = "0.1-1.0")]
    fte: Option<String>,
    #[arg(long)]
    json: bool,
}

/// A closed pipe (`groeikoers-cli plan list | head -1`) ends the program quietly: whatever
/// it wrote before was committed already. Any other panic is reported in one line.
fn quiet_on_closed_pipe() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Broken pipe") || message.contains("os error 32") {
            std::process::exit(0);
        }
        eprintln!("groeikoers-cli: internal error: {message}");
    }));
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let lang = cli_language();
    if let Command::Demo {
        people,
        years,
        seed,
        output,
    } = &cli.command
    {
        return demo_command(*people, *years, *seed, output, lang);
    }
    let path = cli.db.clone().unwrap_or_else(paths::default_db_path);
    let mut passphrase = std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty());
    let opened = match Store::open_with(&path, passphrase.as_deref()) {
        Err(pop_core::store::StoreError::NeedsPassphrase { .. }) if passphrase.is_none() => {
            passphrase = ask(match lang {
                Language::Nl => "Wachtwoordzin: ",
                Language::En => "Passphrase: ",
            });
            Store::open_with(&path, passphrase.as_deref())
        }
        other => other,
    };
    let mut store = match opened {
        Ok(s) => s,
        Err(e) => {
            eprintln!("groeikoers-cli: {}", messages::store_message(&e, lang));
            return ExitCode::from(1);
        }
    };
    if let Command::Passphrase(p) = cli.command {
        return passphrase_command(p, &mut store, passphrase, lang);
    }
    if let Err(e) = pop_core::signing::after_open(&mut store, &SystemClock) {
        eprintln!("groeikoers-cli: {}", messages::describe(&e, lang));
        return ExitCode::from(1);
    }
    match run(cli.command, &mut store, lang) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("groeikoers-cli: {}", messages::describe(&e, lang));
            ExitCode::from(1)
        }
    }
}

const PASSPHRASE_ENV: &str = "GROEIKOERS_PASSPHRASE";
const NEW_PASSPHRASE_ENV: &str = "GROEIKOERS_NEW_PASSPHRASE";
const BACKUP_PASSPHRASE_ENV: &str = "GROEIKOERS_BACKUP_PASSPHRASE";

/// Asks for a passphrase on the terminal without echoing it; `None` without a terminal.
fn ask(prompt: &str) -> Option<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    rpassword::prompt_password(prompt)
        .ok()
        .filter(|p| !p.is_empty())
}

/// Writes a demo store to `output` through a file beside it, renamed into place when whole:
/// an interrupted run leaves no half store under the chosen name.
fn demo_command(
    people: usize,
    years: u32,
    seed: u64,
    output: &PathBuf,
    lang: Language,
) -> ExitCode {
    let nl = lang == Language::Nl;
    if output.exists() {
        eprintln!(
            "groeikoers-cli: {}",
            if nl {
                format!("{} bestaat al; kies een nieuw bestand.", output.display())
            } else {
                format!("{} already exists; choose a new file.", output.display())
            }
        );
        return ExitCode::from(1);
    }
    let mut part = output.clone().into_os_string();
    part.push(".part");
    let part = PathBuf::from(part);
    let cleanup = |p: &PathBuf| {
        for end in ["", "-wal", "-shm", ".lock"] {
            let mut f = p.clone().into_os_string();
            f.push(end);
            let _ = std::fs::remove_file(f);
        }
    };
    cleanup(&part);
    let spec = pop_core::demo::DemoSpec {
        people,
        years,
        seed,
        today: chrono::Local::now().date_naive(),
    };
    let made = Store::open(&part)
        .map_err(CoreError::from)
        .and_then(|mut store| {
            pop_core::signing::after_open(&mut store, &SystemClock)?;
            pop_core::demo::generate(&mut store, spec)
        });
    let made = made.and_then(|r| {
        std::fs::rename(&part, output).map_err(|e| CoreError::File {
            path: output.clone(),
            reason: e.to_string(),
            writing: true,
        })?;
        Ok(r)
    });
    match made {
        Ok(r) => {
            let mut lock = part.clone().into_os_string();
            lock.push(".lock");
            let _ = std::fs::remove_file(lock);
            println!(
                "{}",
                if nl {
                    format!(
                        "{} mensen, {} plannen, {} gesprekken, {} notities in {}",
                        r.people,
                        r.plans,
                        r.checkins,
                        r.journal_entries,
                        output.display()
                    )
                } else {
                    format!(
                        "{} people, {} plans, {} check-ins, {} journal entries in {}",
                        r.people,
                        r.plans,
                        r.checkins,
                        r.journal_entries,
                        output.display()
                    )
                }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            cleanup(&part);
            eprintln!("groeikoers-cli: {}", messages::describe(&e, lang));
            ExitCode::from(1)
        }
    }
}

fn passphrase_command(
    command: PassphraseCommand,
    store: &mut Store,
    current: Option<String>,
    lang: Language,
) -> ExitCode {
    let nl = lang == Language::Nl;
    let new = match command {
        PassphraseCommand::Remove => None,
        PassphraseCommand::Set => {
            let (new, repeat) = match std::env::var(NEW_PASSPHRASE_ENV)
                .ok()
                .filter(|p| !p.is_empty())
            {
                Some(p) => (p.clone(), p),
                None => {
                    if nl {
                        eprintln!("Let op: een vergeten wachtwoordzin kan niet worden hersteld.");
                    } else {
                        eprintln!("Note: a forgotten passphrase cannot be recovered.");
                    }
                    let a = ask(if nl {
                        "Nieuwe wachtwoordzin: "
                    } else {
                        "New passphrase: "
                    });
                    let b = ask(if nl { "Nogmaals: " } else { "Again: " });
                    match (a, b) {
                        (Some(a), Some(b)) => (a, b),
                        _ => {
                            eprintln!(
                                "groeikoers-cli: {}",
                                if nl {
                                    "geen nieuwe wachtwoordzin: zet $GROEIKOERS_NEW_PASSPHRASE of gebruik een terminal."
                                } else {
                                    "no new passphrase: set $GROEIKOERS_NEW_PASSPHRASE or use a terminal."
                                }
                            );
                            return ExitCode::from(2);
                        }
                    }
                }
            };
            Some((new, repeat))
        }
    };
    let pair = new.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
    match pop_core::security::set_passphrase(store, current.as_deref(), pair) {
        Ok(s) => {
            println!(
                "{}",
                match (s.encrypted, nl) {
                    (true, true) => "De database is versleuteld.",
                    (true, false) => "The database is encrypted.",
                    (false, true) => "De database is niet meer versleuteld.",
                    (false, false) => "The database is no longer encrypted.",
                }
            );
            ExitCode::SUCCESS
        }
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

fn run(command: Command, store: &mut Store, lang: Language) -> Result<ExitCode, CoreError> {
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
        Command::Person(PersonCommand::Leave {
            id,
            on,
            reason,
            json,
        }) => {
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
        Command::Example(ExampleCommand::List { json }) => {
            let list = examples::list_examples(lang);
            if json {
                println!("{}", to_json(&list));
            } else {
                for e in list {
                    println!("{}\t{}\t{}", e.slug, e.title, e.role);
                }
            }
        }
        Command::Plan(cmd) => return run_plan(cmd, store, lang),
        Command::Budget(cmd) => return employer::run_budget(cmd, store, lang),
        Command::Clause(cmd) => return employer::run_clause(cmd, store, lang),
        Command::Journal(JournalCommand::Add { text, tags, date }) => {
            let e = pop_core::journal::add_journal_entry(
                store,
                &clock,
                pop_core::journal::JournalInput {
                    date,
                    text,
                    tags,
                    goal_id: None,
                },
            )?;
            println!("{}", e.id);
        }
        Command::Journal(JournalCommand::Pdf { from, to, output }) => {
            pop_core::journal::journal_pdf_to_file(store, &clock, lang, &from, &to, &output)?;
        }
        Command::Journal(JournalCommand::Search {
            query,
            offset,
            json,
        }) => {
            let page = pop_core::journal::search_journal_page(store, &query, offset)?;
            if page.more {
                let next = offset + page.hits.len();
                eprintln!(
                    "{}",
                    match lang {
                        Language::Nl => format!("Er zijn meer treffers: --offset {next}"),
                        Language::En => format!("There are more matches: --offset {next}"),
                    }
                );
            }
            let hits = page.hits;
            if json {
                println!("{}", to_json(&hits));
            } else {
                for h in hits {
                    let marked: String = h
                        .parts
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            if i % 2 == 1 {
                                format!("[{p}]")
                            } else {
                                p.clone()
                            }
                        })
                        .collect();
                    println!("{}\t{}\t{}", h.entry.date, h.entry.id, marked);
                }
            }
        }
        Command::Due { at, json } => {
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
        }
        Command::Remind { at, json } => {
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
        }
        Command::Calendar { output } => {
            pop_core::calendar::all_ics_to_file(store, lang, chrono::Utc::now(), &output)?;
        }
        Command::Backup { output } => match output {
            Some(path) => pop_core::security::backup_to_file(store, &path)?,
            None => println!("{}", pop_core::security::make_backup(store, "manual")?.path),
        },
        Command::Backups { json } => {
            let list = pop_core::security::list_backups(store);
            if json {
                println!("{}", to_json(&list));
            } else {
                for b in list {
                    let note = match (b.needs_other_passphrase, lang) {
                        (false, _) => "",
                        (true, Language::Nl) => "\tandere wachtwoordzin nodig",
                        (true, Language::En) => "\tneeds another passphrase",
                    };
                    println!(
                        "{}\t{}\t{}\t{}{note}",
                        b.made_at, b.reason, b.size_bytes, b.path
                    );
                }
            }
        }
        Command::Restore { file } => {
            let key = std::env::var(BACKUP_PASSPHRASE_ENV).ok();
            pop_core::security::restore_backup(store, &file, key.as_deref())?;
        }
        // Needs the passphrase the store was opened with: handled in `main`.
        Command::Passphrase(_) | Command::Demo { .. } => return Ok(ExitCode::from(2)),
        Command::Overview { output, json } => {
            use pop_core::overview::{export_overview, owner_overview, SheetFormat};
            let today = chrono::Local::now().date_naive();
            match output {
                Some(path) => {
                    let xlsx = path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
                    let format = if xlsx {
                        SheetFormat::Xlsx
                    } else {
                        SheetFormat::Csv
                    };
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
        }
        Command::Log(LogCommand::Verify { against }) => {
            let report = pop_core::signing::verify_log(store, lang)?;
            let mut ok = report.intact();
            match report.broken_at {
                None if !report.broken_seals.is_empty() => eprintln!(
                    "groeikoers-cli: {}",
                    match lang {
                        Language::Nl => format!(
                            "De keten van {} gebeurtenissen klopt, maar {} van de {} zegels niet:",
                            report.events, report.broken_seals.len(), report.seals
                        ),
                        Language::En => format!(
                            "The chain of {} events holds, but {} of {} seals do not:",
                            report.events, report.broken_seals.len(), report.seals
                        ),
                    }
                ),
                None => println!(
                    "{}",
                    match lang {
                        Language::Nl => format!(
                            "Logboek in orde: {} gebeurtenissen, de keten klopt; {} zegels gecontroleerd.",
                            report.events, report.seals
                        ),
                        Language::En => format!(
                            "Log intact: {} events, the chain holds; {} seals checked.",
                            report.events, report.seals
                        ),
                    }
                ),
                Some(seq) => eprintln!("groeikoers-cli: {}", match lang {
                    Language::Nl => format!("Het logboek is gewijzigd buiten Groeikoers om: gebeurtenis {seq} klopt niet (en alles daarna is niet meer te vertrouwen)."),
                    Language::En => format!("The log was changed outside Groeikoers: event {seq} does not match (and nothing after it can be trusted)."),
                }),
            }
            for b in &report.broken_seals {
                eprintln!(
                    "groeikoers-cli: {}",
                    match lang {
                        Language::Nl => format!(
                            "Zegel {} (plan {}) klopt niet: {}.",
                            b.fingerprint,
                            b.plan_id,
                            b.problems.join("; ")
                        ),
                        Language::En => format!(
                            "Seal {} (plan {}) does not match: {}.",
                            b.fingerprint,
                            b.plan_id,
                            b.problems.join("; ")
                        ),
                    }
                );
            }
            if let Some(file) = against {
                let outcome = pop_core::signing::verify_against(store, &SystemClock, &file)?;
                let text = pop_core::signing::describe_against(&outcome, lang);
                match outcome {
                    pop_core::signing::AgainstOutcome::Holds { .. } => println!("{text}"),
                    pop_core::signing::AgainstOutcome::Missing { .. }
                    | pop_core::signing::AgainstOutcome::Rewritten { .. } => {
                        ok = false;
                        eprintln!("groeikoers-cli: {text}");
                    }
                    _ => eprintln!("groeikoers-cli: {text}"),
                }
            }
            return Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        Command::Device(DeviceCommand::Show { json }) => {
            let d = pop_core::device::device_info(store, &SystemClock)?;
            if json {
                println!("{}", to_json(&d));
            } else {
                println!("{}\t{}", d.name, d.key_fingerprint);
            }
        }
        Command::Exchange(ExchangeCommand::Sync { folder, person }) => {
            let report = match folder {
                Some(dir) => {
                    if let Some(p) = &person {
                        pop_core::people::get_person(store, p)?;
                    }
                    pop_core::folder::sync_folder(
                        store,
                        &SystemClock,
                        lang,
                        &dir,
                        person.as_deref(),
                    )?
                }
                None => {
                    if pop_core::folder::exchange_folders(store)?.is_empty() {
                        eprintln!(
                            "groeikoers-cli: {}",
                            match lang {
                                Language::Nl =>
                                    "Er is geen uitwisselmap ingesteld: geef --folder DIR.",
                                Language::En => "No exchange folder is set: give --folder DIR.",
                            }
                        );
                        return Ok(ExitCode::from(2));
                    }
                    pop_core::folder::sync_all(store, &SystemClock, lang)?
                }
            };
            for f in &report.imported {
                println!("imported\t{f}");
            }
            for f in &report.written {
                println!("written\t{f}");
            }
            for p in &report.problems {
                eprintln!(
                    "groeikoers-cli: {}\t{}\t{}",
                    if p.waiting { "waiting" } else { "refused" },
                    p.file_name,
                    p.reason
                );
            }
            if report.problems.iter().any(|p| !p.waiting) {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Device(DeviceCommand::Rename { name }) => {
            let d = pop_core::device::rename_device(store, &SystemClock, &name)?;
            println!("{}\t{}", d.name, d.key_fingerprint);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_plan(
    command: PlanCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    let clock = SystemClock;
    match command {
        PlanCommand::New {
            person,
            example,
            start,
            lang: plan_lang,
        } => {
            let lang = plan_lang
                .as_deref()
                .and_then(pop_core::domain::Language::parse)
                .unwrap_or(lang);
            let plan = match example {
                Some(slug) => plans::create_plan_from_example_at(
                    store,
                    &clock,
                    lang,
                    &person,
                    &slug,
                    start.as_deref(),
                )?,
                None => plans::create_plan(
                    store,
                    &clock,
                    lang,
                    NewPlanInput {
                        person_id: person,
                        period_start: start,
                        language: None,
                    },
                )?,
            };
            println!("{}", plan.id);
        }
        PlanCommand::List { person, json } => {
            let list = plans::list_plans(store, person.as_deref())?;
            if json {
                println!("{}", to_json(&list));
            } else {
                for p in list {
                    println!(
                        "{}\t{}\t{}\t{}\t{} – {}",
                        p.id,
                        p.person_name,
                        p.title,
                        p.status.as_str(),
                        p.period_start,
                        p.period_end
                    );
                }
            }
        }
        PlanCommand::Export { id, output } => match output {
            None => print!("{}", exchange::export_plan(store, &id)?),
            Some(path) => exchange::export_plan_to_file(store, &clock, &id, &path)?,
        },
        PlanCommand::Import {
            file,
            person,
            new_person,
            dry_run,
            take,
        } => {
            let target = match (person, new_person) {
                (Some(id), _) => Some(ImportTarget::Person(id)),
                (None, true) => Some(ImportTarget::NewPerson),
                (None, false) => None,
            };
            let take = take.map(|t| match t.as_str() {
                "mine" => Take::Mine,
                "theirs" => Take::Theirs,
                _ => Take::Both,
            });
            let report =
                pop_core::package::import_file(store, &clock, lang, &file, target, take, dry_run)?;
            if dry_run {
                let who = match &report.person {
                    PersonMatch::Existing { full_name, .. } => full_name.clone(),
                    PersonMatch::New { full_name } => match lang {
                        Language::Nl => format!("{full_name} (nieuw)"),
                        Language::En => format!("{full_name} (new)"),
                    },
                    PersonMatch::Needed { full_name } => match lang {
                        Language::Nl => {
                            format!("{full_name} (nog niet hier: --person ID of --new-person)")
                        }
                        Language::En => {
                            format!("{full_name} (not here yet: --person ID or --new-person)")
                        }
                    },
                };
                println!("{}\t{}\t{who}", report.plan_id, report.title);
                if report.up_to_date {
                    println!(
                        "{}",
                        match lang {
                            Language::Nl => "Al bijgewerkt: niets te doen.",
                            Language::En => "Already up to date: nothing to do.",
                        }
                    );
                }
                for c in &report.changes {
                    println!("  + {c}");
                }
                for c in &report.conflicts {
                    println!("  ! {c}");
                }
                if !report.conflicts.is_empty() {
                    return Ok(ExitCode::from(1));
                }
            } else if report.up_to_date {
                eprintln!(
                    "{}",
                    match lang {
                        Language::Nl => "Al bijgewerkt: er is niets veranderd.",
                        Language::En => "Already up to date: nothing changed.",
                    }
                );
                println!("{}", report.plan_id);
            } else {
                for c in &report.changes {
                    eprintln!("  + {c}");
                }
                println!("{}", report.plan_id);
            }
        }
        PlanCommand::Sign {
            id,
            party,
            name,
            on,
            consent,
            despite_findings,
        } => {
            let input = pop_core::domain::signing::SignInput {
                party: pop_core::domain::signing::Party::parse(&party)
                    .expect("clap checks the value"),
                full_name: name,
                signed_on: on,
                consent,
                strokes: None,
                despite_findings,
            };
            let view = pop_core::signing::sign_plan(
                store,
                &clock,
                lang,
                &id,
                input,
                &pop_core::signing::device_user(),
            )
            .inspect_err(|e| {
                if let CoreError::Validation(v) = e {
                    if matches!(
                        v.problem,
                        pop_core::domain::Problem::ErrorsNotConfirmed { .. }
                    ) {
                        eprintln!(
                            "{}",
                            match lang {
                                Language::Nl =>
                                    "(`groeikoers-cli plan check ID` toont ze; toch tekenen: --despite-findings)",
                                Language::En =>
                                    "(`groeikoers-cli plan check ID` lists them; to sign anyway: --despite-findings)",
                            }
                        );
                    }
                }
            })?;
            match view.signing.fingerprint {
                Some(fp) => println!("{fp}"),
                None => println!("{}", view.plan.status.as_str()),
            }
        }
        PlanCommand::NewVersion { id, reason } => {
            println!(
                "{}",
                pop_core::signing::new_version(store, &clock, &id, &reason)?.id
            );
        }
        PlanCommand::History { id, json } => {
            let history = pop_core::signing::plan_history(store, lang, &id)?;
            if json {
                println!("{}", to_json(&history));
            } else {
                for v in history {
                    let signed: Vec<String> = v
                        .signatures
                        .iter()
                        .zip(&v.devices)
                        .map(|(s, d)| {
                            if d.is_empty() {
                                format!("{} ({}, {})", s.full_name, s.party.as_str(), s.signed_on)
                            } else {
                                format!(
                                    "{} ({}, {}, {} {d})",
                                    s.full_name,
                                    s.party.as_str(),
                                    s.signed_on,
                                    match lang {
                                        Language::Nl => "op",
                                        Language::En => "on",
                                    }
                                )
                            }
                        })
                        .collect();
                    println!(
                        "v{}\t{}\t{}\t{}\t{}",
                        v.version,
                        v.status.as_str(),
                        v.fingerprint.unwrap_or_default(),
                        signed.join(", "),
                        v.reason
                    );
                    for p in &v.seal_problems {
                        println!("    !! {p}");
                    }
                    for c in v.changes {
                        println!("    {}: {:?} -> {:?}", c.path, c.before, c.after);
                    }
                }
            }
        }
        PlanCommand::Verify { code_or_pdf } => {
            let found = if code_or_pdf.to_ascii_lowercase().ends_with(".pdf") {
                let path = std::path::Path::new(&code_or_pdf);
                let bytes =
                    pop_core::files::read_limited(path, 64 * 1024 * 1024).map_err(|e| match e {
                        CoreError::Import(pop_core::exchange::ImportProblem::TooLarge {
                            ..
                        }) => CoreError::File {
                            path: path.to_owned(),
                            reason: match lang {
                                Language::Nl => {
                                    "te groot voor een PDF van Groeikoers (meer dan 64 MB)".into()
                                }
                                Language::En => {
                                    "too large for a Groeikoers PDF (over 64 MB)".into()
                                }
                            },
                            writing: false,
                        },
                        other => other,
                    })?;
                pop_core::signing::verify_pdf(store, lang, &bytes)?
            } else {
                pop_core::signing::verify(store, lang, &code_or_pdf)?
            };
            match found {
                Some(m) => {
                    println!(
                        "{}\t{}\t{}\tv{}\t{}\t{}",
                        m.fingerprint,
                        m.person_name,
                        m.title,
                        m.version,
                        m.plan_id,
                        match (m.intact, lang) {
                            (true, _) => "intact",
                            (false, Language::Nl) => "ZEGEL KLOPT NIET",
                            (false, Language::En) => "SEAL BROKEN",
                        }
                    );
                    if !m.intact {
                        for p in &m.problems {
                            eprintln!("groeikoers-cli: {p}");
                        }
                        return Ok(ExitCode::from(1));
                    }
                }
                None => {
                    eprintln!(
                        "groeikoers-cli: {}",
                        match lang {
                            Language::Nl => "Geen ondertekend plan met deze code gevonden.",
                            Language::En => "No signed plan matches this code.",
                        }
                    );
                    return Ok(ExitCode::from(1));
                }
            }
        }
        PlanCommand::PrepPdf { id, output } => {
            pop_core::documents::preparation_pdf_to_file(store, &clock, lang, &id, &output)?;
        }
        PlanCommand::EvalPdf { id, output } => {
            pop_core::documents::evaluation_pdf_to_file(store, &clock, lang, &id, &output)?;
        }
        PlanCommand::Ics { id, output } => {
            pop_core::calendar::plan_ics_to_file(store, lang, &id, chrono::Utc::now(), &output)?;
        }
        PlanCommand::Schedule { id, json } => {
            let r = pop_core::rhythm::plan_rhythm(store, &id)?;
            if json {
                println!("{}", to_json(&r));
            } else {
                for e in r.schedule {
                    println!(
                        "{}\t{}\t{}\t{}",
                        e.date,
                        e.status.as_str(),
                        e.slot.map(|s| s.to_string()).unwrap_or_default(),
                        e.id.unwrap_or_default()
                    );
                }
            }
        }
        PlanCommand::Checkin {
            id,
            slot,
            on,
            goal,
            reality,
            options,
            will,
            agree,
            by,
        } => {
            use pop_core::domain::checkin::{FollowUpInput, Grow};
            let input = pop_core::rhythm::CheckinInput {
                target: pop_core::rhythm::CheckinTarget { slot, id: None },
                held_on: on,
                grow: Grow {
                    goal,
                    reality,
                    options,
                    will,
                },
                progress: Vec::new(),
                follow_ups: agree
                    .into_iter()
                    .map(|description| FollowUpInput {
                        description,
                        owner: String::new(),
                        due: by.clone(),
                    })
                    .collect(),
            };
            pop_core::rhythm::record_checkin(store, &clock, &id, input)?;
        }
        PlanCommand::Evaluate {
            id,
            goals,
            carry,
            reflection,
        } => {
            let r = pop_core::rhythm::plan_rhythm(store, &id)?;
            let e = pop_core::rhythm::evaluation_from_words(&r.goals, &goals, &carry, reflection)?;
            pop_core::rhythm::evaluate_plan(store, &clock, &id, e)?;
        }
        PlanCommand::Delete { id } => {
            let plan = plans::delete_draft(store, &clock, &id)?;
            println!("{}", plan.content.title);
        }
        PlanCommand::Close { id } => {
            let latest = pop_core::rhythm::plan_rhythm(store, &id)?.plan_id;
            plans::set_plan_status(
                store,
                &clock,
                lang,
                &latest,
                pop_core::domain::plan::PlanStatus::Closed,
            )?;
        }
        PlanCommand::Pdf { id, output } => {
            pop_core::documents::plan_pdf_to_file(store, &clock, lang, &id, &output)?;
        }
        PlanCommand::Check { id, json } => {
            let plan = plans::get_plan(store, &id)?;
            let findings = review(&plan.content, lang);
            if json {
                println!("{}", to_json(&findings));
            } else if findings.is_empty() {
                println!(
                    "{}",
                    match lang {
                        Language::Nl =>
                            "Geen bevindingen: dit plan is helder, haalbaar en meetbaar.",
                        Language::En => "No findings: this plan is clear, feasible and measurable.",
                    }
                );
            } else {
                for f in &findings {
                    let level = match (f.severity, lang) {
                        (Severity::Error, Language::Nl) => "fout",
                        (Severity::Error, Language::En) => "error",
                        (Severity::Warning, Language::Nl) => "let op",
                        (Severity::Warning, Language::En) => "warning",
                    };
                    println!(
                        "[{level}] {}: {}\n    {}",
                        criterion_name(f.criterion, lang),
                        f.message,
                        f.hint
                    );
                }
            }
            let worst = findings.iter().map(|f| f.severity).min();
            return Ok(match worst {
                None => ExitCode::SUCCESS,
                Some(Severity::Warning) => ExitCode::from(1),
                Some(Severity::Error) => ExitCode::from(3),
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--at YYYY-MM-DDTHH:MM` as local time, or now.
fn moment(at: Option<&str>, _lang: Language) -> Result<chrono::DateTime<chrono::Utc>, CoreError> {
    let Some(at) = at else {
        return Ok(chrono::Utc::now());
    };
    let bad = || {
        CoreError::Validation(pop_core::domain::ValidationError::new(
            pop_core::domain::Field::At,
            pop_core::domain::Problem::InvalidMoment,
        ))
    };
    let local =
        chrono::NaiveDateTime::parse_from_str(at.trim(), "%Y-%m-%dT%H:%M").map_err(|_| bad())?;
    Ok(pop_core::domain::rhythm::local_instant(
        &chrono::Local,
        local,
    ))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("domain types serialise")
}

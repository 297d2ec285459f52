//! `groeikoers-cli`: the Groeikoers use cases for scripts.
//!
//! Exit codes: 0 done, 1 the input was rejected (nothing stored), 2 usage error.
//!
//! An encrypted database opens with the passphrase from `$GROEIKOERS_PASSPHRASE` or, on a
//! terminal, from a prompt — never from an argument (arguments are visible to other users).

use clap::{Parser, Subcommand};
use pop_core::domain::{Language, SystemClock};
use pop_core::{messages, paths, CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

mod assets;
mod demo;
mod direction;
mod employer;
mod integrity;
mod journal;
mod person;
mod plan;
mod retention;
mod rhythm;
mod security;
mod util;

use util::{ask, cli_language, PASSPHRASE_ENV};

#[derive(Parser)]
#[command(
    name = "groeikoers-cli",
    version,
    about = "Groeikoers from the command line"
)]
pub(crate) struct Cli {
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
    Person(person::PersonCommand),
    /// The worked examples.
    #[command(subcommand)]
    Example(plan::ExampleCommand),
    /// Personal development plans.
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// The tamper-evident event log.
    #[command(subcommand)]
    Log(integrity::LogCommand),
    /// This installation's identity (name and signing key).
    #[command(subcommand)]
    Device(integrity::DeviceCommand),
    /// The exchange folder that a sync engine keeps the same on two computers.
    #[command(subcommand)]
    Exchange(integrity::ExchangeCommand),
    /// The private development journal.
    #[command(subcommand)]
    Journal(journal::JournalCommand),
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
    Passphrase(security::PassphraseCommand),
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
    /// How long each kind of personal data is kept after someone leaves, legal holds, and
    /// who is due for removal (AVG).
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// The firm's direction: developments the owner sees coming and the team goals plan
    /// goals can be linked to.
    #[command(subcommand)]
    Direction(direction::DirectionCommand),
    /// What it cost and what it brought: per year and person the money planned, what the
    /// budget spent and the goals achieved at evaluation. With -o, as CSV or XLSX.
    Results {
        #[arg(short = 'o', long = "output", value_name = "FILE.csv|FILE.xlsx")]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Write the man pages and shell completions for the package (hidden).
    #[command(hide = true)]
    GenerateAssets {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// The owner's overview: every person with plan status, next and last check-in, what is
    /// overdue and the planned costs. With -o, written as CSV or XLSX (by the file's ending).
    Overview {
        #[arg(short = 'o', long = "output", value_name = "FILE.csv|FILE.xlsx")]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
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
    if let Command::GenerateAssets { out } = &cli.command {
        return match assets::generate(out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("groeikoers-cli: {}: {e}", out.display());
                ExitCode::from(1)
            }
        };
    }
    if let Command::Demo {
        people,
        years,
        seed,
        output,
    } = &cli.command
    {
        return demo::run(*people, *years, *seed, output, lang);
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
        return security::passphrase(p, &mut store, passphrase, lang);
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

fn run(command: Command, store: &mut Store, lang: Language) -> Result<ExitCode, CoreError> {
    match command {
        Command::Person(cmd) => person::run(cmd, store, lang),
        Command::Example(cmd) => plan::run_example(cmd, lang),
        Command::Plan(cmd) => plan::run(cmd, store, lang),
        Command::Budget(cmd) => employer::run_budget(cmd, store, lang),
        Command::Clause(cmd) => employer::run_clause(cmd, store, lang),
        Command::Journal(cmd) => journal::run(cmd, store, lang),
        Command::Direction(cmd) => direction::run(cmd, store, lang),
        Command::Results { output, json } => direction::results(store, lang, output, json),
        Command::Retention(cmd) => retention::run(cmd, store, lang),
        Command::Due { at, json } => rhythm::due(store, lang, at, json),
        Command::Remind { at, json } => rhythm::remind(store, lang, at, json),
        Command::Calendar { output } => rhythm::calendar(store, lang, output),
        Command::Overview { output, json } => rhythm::overview(store, lang, output, json),
        Command::Backup { output } => security::backup(store, output),
        Command::Backups { json } => security::backups(store, lang, json),
        Command::Restore { file } => security::restore(store, file),
        Command::Log(cmd) => integrity::run_log(cmd, store, lang),
        Command::Device(cmd) => integrity::run_device(cmd, store, lang),
        Command::Exchange(cmd) => integrity::run_exchange(cmd, store, lang),
        // Need the passphrase the store was opened with, or no store: handled in `main`.
        Command::Passphrase(_) | Command::Demo { .. } | Command::GenerateAssets { .. } => {
            Ok(ExitCode::from(2))
        }
    }
}

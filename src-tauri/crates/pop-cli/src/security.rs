//! `backup`, `backups`, `restore` and `passphrase`: backups and encryption at rest.

use crate::util::to_json;
use crate::util::{ask, BACKUP_PASSPHRASE_ENV, NEW_PASSPHRASE_ENV};
use clap::Subcommand;
use pop_core::domain::Language;
use pop_core::{messages, CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum PassphraseCommand {
    /// Encrypt the database with a new passphrase, or change it. The new passphrase comes
    /// from $GROEIKOERS_NEW_PASSPHRASE or a prompt (asked twice). It cannot be recovered.
    Set,
    /// Decrypt the database: it is stored without a passphrase again.
    Remove,
}

pub fn backup(store: &mut Store, output: Option<PathBuf>) -> Result<ExitCode, CoreError> {
    match output {
        Some(path) => pop_core::security::backup_to_file(store, &path)?,
        None => println!("{}", pop_core::security::make_backup(store, "manual")?.path),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn backups(store: &mut Store, lang: Language, json: bool) -> Result<ExitCode, CoreError> {
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
    Ok(ExitCode::SUCCESS)
}

pub fn restore(store: &mut Store, file: PathBuf) -> Result<ExitCode, CoreError> {
    let key = std::env::var(BACKUP_PASSPHRASE_ENV).ok();
    pop_core::security::restore_backup(store, &file, key.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

pub fn passphrase(
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

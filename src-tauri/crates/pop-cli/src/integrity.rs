//! `log`, `device` and `exchange`: the tamper-evident log, this installation's identity
//! and the exchange folder.

use crate::util::to_json;
use clap::Subcommand;
use pop_core::domain::{Language, SystemClock};
use pop_core::{CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum LogCommand {
    /// Check the hash chain and every seal; exit 1 and name what no longer matches.
    Verify {
        /// A package, backup or PDF made earlier: report events missing since then.
        #[arg(long, value_name = "FILE")]
        against: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum ExchangeCommand {
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
    /// The packages that wait in the exchange folders: new plans to confirm, computers to
    /// pair, a person to choose, a conflict to resolve.
    Pending {
        #[arg(long)]
        json: bool,
    },
    /// Take in a package that waits (a new plan you looked at) for the folder's person.
    Accept {
        /// Its path, or its file name in an exchange folder.
        file: PathBuf,
    },
    /// Refuse a package that waits; it is not tried again until the file changes.
    Refuse { file: PathBuf },
}

#[derive(Subcommand)]
pub enum DeviceCommand {
    /// This device's name and key fingerprint.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Give this device another name (shown with the signatures made here).
    Rename { name: String },
    /// The paired devices: name, person or employer, fingerprint, paired on, revoked on.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Devices whose packages wait in an exchange folder until they are paired.
    Pending {
        #[arg(long)]
        json: bool,
    },
    /// Trust another computer's key, after comparing its fingerprint with the one its
    /// Settings → This device show: as a person's own device, or as the employer's computer.
    #[command(group(clap::ArgGroup::new("as").required(true).args(["person", "owner"])))]
    Pair {
        /// The code K-XXXX-XXXX-XXXX (or the whole key).
        fingerprint: String,
        /// The device is this person's own.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
        /// The device is the employer's (owner's) computer.
        #[arg(long)]
        owner: bool,
        /// With a whole key of a device that sent nothing yet: the name it goes by.
        #[arg(long)]
        name: Option<String>,
    },
    /// Stop trusting a paired device from now on; what it signed before stays valid.
    Revoke { fingerprint: String },
    /// Make a new key pair for this device (its key is missing here, or was exposed). What
    /// the old key signed stays valid; the other computer must pair the new key.
    NewKey,
}

pub fn run_log(
    command: LogCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    match command {
        LogCommand::Verify { against } => {
            let report = pop_core::signing::verify_log(store, lang)?;
            let mut ok = report.intact();
            // The log against what was seen of it outside: a tail cut off is found here.
            for check in pop_core::signing::verify_heads(store, lang)? {
                use pop_core::signing::AgainstOutcome as O;
                let words = pop_core::signing::describe_against(&check.outcome, lang);
                match check.outcome {
                    O::Missing { .. } | O::Rewritten { .. } => {
                        ok = false;
                        eprintln!("groeikoers-cli: {}: {words}", check.source);
                    }
                    _ => println!("{}: {words}", check.source),
                }
            }
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
                // The chain holds, but events seen outside are gone (named above).
                None if !ok => eprintln!(
                    "groeikoers-cli: {}",
                    match lang {
                        Language::Nl => format!(
                            "De keten van {} gebeurtenissen klopt, maar er ontbreken gebeurtenissen aan het eind: het logboek is niet in orde.",
                            report.events
                        ),
                        Language::En => format!(
                            "The chain of {} events holds, but events are missing from its end: the log is not intact.",
                            report.events
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
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

pub fn run_device(
    command: DeviceCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    match command {
        DeviceCommand::Show { json } => {
            let d = pop_core::device::device_info(store, &SystemClock)?;
            if json {
                println!("{}", to_json(&d));
            } else {
                println!("{}\t{}", d.name, d.key_fingerprint);
                eprintln!(
                    "{}",
                    match (lang, d.key_missing, d.key_in_os_store) {
                        (Language::Nl, true, _) => "De sleutel ontbreekt in de sleutelbos van deze computer: voer `device new-key` uit.",
                        (Language::En, true, _) => "The key is missing from this computer's secret store: run `device new-key`.",
                        (Language::Nl, false, true) => "De geheime sleutel staat in de sleutelbos van het besturingssysteem.",
                        (Language::En, false, true) => "The secret key is in the operating system's secret store.",
                        (Language::Nl, false, false) => "De geheime sleutel staat in het gegevensbestand (er is hier geen sleutelbos): een wachtwoordzin beschermt hem.",
                        (Language::En, false, false) => "The secret key is in the data file (no secret store here): a passphrase protects it.",
                    }
                );
            }
        }
        DeviceCommand::Rename { name } => {
            let d = pop_core::device::rename_device(store, &SystemClock, &name)?;
            println!("{}\t{}", d.name, d.key_fingerprint);
        }
        DeviceCommand::List { json } => {
            let list = pop_core::pairing::list_devices(store)?;
            if json {
                println!("{}", to_json(&list));
            } else {
                for d in list {
                    println!("{}", paired_line(&d));
                }
            }
        }
        DeviceCommand::Pending { json } => {
            let list = pop_core::pairing::pending_devices(store)?;
            if json {
                println!("{}", to_json(&list));
            } else {
                for d in list {
                    println!(
                        "{}\t{}\t{}\t{}",
                        d.key_fingerprint,
                        d.name,
                        d.person_name.unwrap_or_default(),
                        d.file_name
                    );
                }
            }
        }
        DeviceCommand::Pair {
            fingerprint,
            person,
            owner: _,
            name,
        } => {
            let as_ = match person {
                Some(p) => pop_core::pairing::PairAs::Person(p),
                None => pop_core::pairing::PairAs::Owner,
            };
            let d = pop_core::pairing::pair_device(
                store,
                &SystemClock,
                &fingerprint,
                as_,
                name.as_deref(),
            )?;
            println!("{}", paired_line(&d));
        }
        DeviceCommand::NewKey => {
            let d = pop_core::device::new_key(store, &SystemClock)?;
            println!("{}\t{}", d.name, d.key_fingerprint);
        }
        DeviceCommand::Revoke { fingerprint } => {
            let d = pop_core::pairing::revoke_device(store, &SystemClock, &fingerprint)?;
            println!("{}", paired_line(&d));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_exchange(
    command: ExchangeCommand,
    store: &mut Store,
    lang: Language,
) -> Result<ExitCode, CoreError> {
    match command {
        ExchangeCommand::Pending { json } => {
            let list = pop_core::folder::waiting_files(store)?;
            if json {
                println!("{}", to_json(&list));
            } else {
                for f in list {
                    println!("{}\t{}", f.file_name, f.reason);
                }
            }
        }
        ExchangeCommand::Accept { file } => {
            let report = pop_core::folder::accept_file(store, &SystemClock, lang, &file)?;
            for c in &report.changes {
                eprintln!("  + {c}");
            }
            println!("{}", report.plan_id);
        }
        ExchangeCommand::Refuse { file } => {
            pop_core::folder::refuse_file(store, &SystemClock, lang, &file)?;
        }
        ExchangeCommand::Sync { folder, person } => {
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
    }
    Ok(ExitCode::SUCCESS)
}

/// fingerprint, name, role (person), paired on, revoked on: tab-separated.
fn paired_line(d: &pop_core::pairing::PairedDevice) -> String {
    let who = match &d.person_name {
        Some(p) => format!("{} ({p})", d.role),
        None => d.role.clone(),
    };
    format!(
        "{}\t{}\t{who}\t{}\t{}",
        d.key_fingerprint,
        d.name,
        d.paired_on.get(..10).unwrap_or(&d.paired_on),
        d.revoked_on
            .as_deref()
            .map(|r| r.get(..10).unwrap_or(r))
            .unwrap_or("-")
    )
}

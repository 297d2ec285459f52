//! `demo`: a new store with a plausible demo team.

use pop_core::domain::{Language, SystemClock};
use pop_core::{messages, CoreError, Store};
use std::path::PathBuf;
use std::process::ExitCode;

/// Writes a demo store to `output` through a file beside it, renamed into place when whole:
/// an interrupted run leaves no half store under the chosen name.
pub fn run(people: usize, years: u32, seed: u64, output: &PathBuf, lang: Language) -> ExitCode {
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
        for end in ["", "-wal", "-shm", ".lock", ".gate"] {
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
            for end in [".lock", ".gate"] {
                let mut lock = part.clone().into_os_string();
                lock.push(end);
                let _ = std::fs::remove_file(lock);
            }
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

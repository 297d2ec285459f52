//! The exchange folder: a folder that an existing sync engine (Syncthing, Nextcloud,
//! OneDrive, a network share, a USB stick) keeps the same on two computers. Groeikoers writes
//! each change of a plan that has travelled as a new, immutable package named by its content
//! hash, and imports the packages it finds there. It never overwrites or deletes a file in
//! the folder, and has no network code of its own.

use crate::error::{CoreError, Result};
use crate::exchange::MAX_FILE_BYTES;
use crate::package::{self, Incoming};
use pop_domain::seal::content_sha256;
use pop_domain::signing::sha256_hex;
use pop_domain::{Clock, Field, Language, Problem, ValidationError};
use pop_store::exchange::{self as repo, FolderFile};
use pop_store::{settings as settings_repo, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const LAST_SYNC: &str = "exchange_last_sync";
/// The outcome of a new plan that waits for the owner.
const CONFIRM: &str = "confirm";

/// A package in the folder that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FolderProblem {
    pub file_name: String,
    /// The reason, in the user's language.
    pub reason: String,
    /// It waits for the user (a person to choose, a conflict to resolve, a computer to
    /// pair, a new plan to confirm) rather than being refused for good.
    pub waiting: bool,
    /// A plan never seen here: it waits until the owner takes it in or refuses it
    /// ([`accept_file`], [`refuse_file`]).
    pub to_confirm: bool,
    pub at: String,
}

/// A folder shared with one person (in personal mode: the user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FolderLink {
    pub person_id: String,
    pub person_name: String,
    pub folder: String,
}

/// What Settings shows of the exchange folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FolderState {
    /// One folder per person it is shared with: a plan is only written to its own person's.
    pub folders: Vec<FolderLink>,
    /// When a package was last imported from or written to the folder.
    pub last_sync: Option<String>,
    pub problems: Vec<FolderProblem>,
}

/// What one pass did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Files imported with changes.
    pub imported: Vec<String>,
    /// Files written.
    pub written: Vec<String>,
    /// Files not taken in this pass.
    pub problems: Vec<FolderProblem>,
}

pub fn folder_state(store: &Store) -> Result<FolderState> {
    let mut folders = Vec::new();
    for (person_id, folder) in repo::folders(store.conn())? {
        let person_name = pop_store::people::get(store.conn(), &person_id)?
            .map(|p| p.full_name)
            .unwrap_or_default();
        folders.push(FolderLink {
            person_id,
            person_name,
            folder,
        });
    }
    Ok(FolderState {
        folders,
        last_sync: settings_repo::get(store.conn(), LAST_SYNC)?,
        problems: repo::folder_problems(store.conn())?
            .into_iter()
            .map(problem)
            .collect(),
    })
}

fn problem(f: FolderFile) -> FolderProblem {
    FolderProblem {
        waiting: f.outcome == "waiting" || f.outcome == CONFIRM,
        to_confirm: f.outcome == CONFIRM,
        file_name: f.file_name,
        reason: f.reason,
        at: f.at,
    }
}

/// The folder shared with `person_id` (`None` stops exchanging with them). It must be an
/// existing folder, and not the folder of someone else.
pub fn set_exchange_folder(
    store: &mut Store,
    person_id: &str,
    folder: Option<&Path>,
) -> Result<FolderState> {
    crate::people::get_person(store, person_id)?;
    match folder {
        Some(dir) => {
            if !dir.is_dir() {
                return Err(ValidationError::new(Field::File, Problem::Required).into());
            }
            let text = dir.display().to_string();
            if repo::folders(store.conn())?
                .iter()
                .any(|(p, f)| f == &text && p != person_id)
            {
                return Err(ValidationError::new(Field::File, Problem::SharedFolder).into());
            }
            store.write(|tx| repo::set_folder(tx, person_id, Some(&text)))?;
        }
        None => store.write(|tx| repo::set_folder(tx, person_id, None))?,
    }
    folder_state(store)
}

/// Every folder set in Settings, with the person it is shared with.
pub fn exchange_folders(store: &Store) -> Result<Vec<(String, PathBuf)>> {
    Ok(repo::folders(store.conn())?
        .into_iter()
        .map(|(p, f)| (p, PathBuf::from(f)))
        .collect())
}

/// One pass over every folder set in Settings.
pub fn sync_all(store: &mut Store, clock: &dyn Clock, lang: Language) -> Result<SyncReport> {
    let mut all = SyncReport {
        imported: vec![],
        written: vec![],
        problems: vec![],
    };
    for (person, dir) in exchange_folders(store)? {
        match sync_folder(store, clock, lang, &dir, Some(&person)) {
            Ok(r) => {
                all.imported.extend(r.imported);
                all.written.extend(r.written);
                all.problems.extend(r.problems);
            }
            // The store failing stops the pass; a folder that cannot be read or written
            // (unplugged, no rights) is reported and the next folder goes on.
            Err(CoreError::Store(e)) => return Err(CoreError::Store(e)),
            Err(e) => all.problems.push(FolderProblem {
                file_name: dir.display().to_string(),
                reason: crate::messages::describe(&e, lang),
                waiting: false,
                to_confirm: false,
                at: clock.now().to_rfc3339(),
            }),
        }
    }
    Ok(all)
}

/// Whether the store refused what a package holds (a constraint, data it cannot take), as
/// opposed to the store itself failing.
fn refused_by_the_store(e: &pop_store::StoreError) -> bool {
    use pop_store::StoreError as S;
    match e {
        S::Rejected(_) | S::Corrupt(_) => true,
        S::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(
                pop_store::rusqlite::ErrorCode::ConstraintViolation
                    | pop_store::rusqlite::ErrorCode::TypeMismatch
                    | pop_store::rusqlite::ErrorCode::TooBig
            )
        ),
        _ => false,
    }
}

/// Package files in the folder, by name (regular files ending in `.pop.json` only).
fn packages_in(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| CoreError::File {
        path: dir.to_owned(),
        reason: e.to_string(),
        writing: false,
    })?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if is_file && name.ends_with(".pop.json") && !name.starts_with('.') {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// One pass: imports the packages in `dir` not seen before, then writes a package for every
/// travelled plan whose state changed since it was last written or read there. With
/// `person`, the folder is shared with that person only: only their plans are written, a
/// package of someone else's plan is refused, and a plan of theirs that is new here is
/// imported for them without asking.
pub fn sync_folder(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    dir: &Path,
    person: Option<&str>,
) -> Result<SyncReport> {
    let mut report = SyncReport {
        imported: vec![],
        written: vec![],
        problems: vec![],
    };
    let at = clock.now().to_rfc3339();
    // On the owner's computer a plan never seen here waits for the owner.
    let new_plans_wait =
        crate::settings::get_settings(store)?.mode == pop_domain::Mode::Owner && person.is_some();
    for (name, path) in packages_in(dir)? {
        let Ok(bytes) = crate::files::read_limited(&path, MAX_FILE_BYTES) else {
            continue; // Still being written by the sync engine: next pass.
        };
        let sha = sha256_hex(&bytes);
        let seen = repo::folder_file(store.conn(), &name)?;
        match &seen {
            Some(f) if f.sha256 == sha && f.outcome != "waiting" => continue,
            _ => {}
        }
        let options = package::ImportOptions {
            target: person.map(|p| crate::exchange::ImportTarget::Person(p.to_owned())),
            new_plans_wait,
            ..Default::default()
        };
        let outcome = match person {
            Some(p) if package::person_here(store, &bytes)?.is_some_and(|other| other != p) => {
                Err(CoreError::OtherPerson)
            }
            _ => package::import_package(store, clock, lang, &bytes, options),
        };
        let (state, reason) = match outcome {
            Ok(r) => {
                if r.applied {
                    report.imported.push(name.clone());
                }
                ("imported", String::new())
            }
            Err(e @ (CoreError::PersonNeeded { .. } | CoreError::Conflict(_))) => {
                ("waiting", crate::messages::describe(&e, lang))
            }
            // Not tried again on the next pass: the owner takes it in or refuses it.
            Err(e @ CoreError::ToConfirm { .. }) => (CONFIRM, crate::messages::describe(&e, lang)),
            // From a device nobody paired yet: it waits until a person compares the
            // fingerprint and pairs it (Settings, `device pair`), then the next pass takes it.
            Err(e @ CoreError::Unpaired { .. }) => {
                if let CoreError::Unpaired {
                    name: device,
                    public_key,
                } = &e
                {
                    crate::pairing::add_pending(store, clock, public_key, device, person, &name)?;
                }
                ("waiting", crate::messages::describe(&e, lang))
            }
            // The store itself failing (busy, full, being re-keyed) is not this file's
            // fault: the pass stops and the file is tried again next time. A row the store
            // refuses (a constraint) or data it cannot take is: refused like any bad file.
            Err(CoreError::Store(e)) if !refused_by_the_store(&e) => {
                return Err(CoreError::Store(e))
            }
            Err(e) => ("refused", crate::messages::describe(&e, lang)),
        };
        let file = FolderFile {
            file_name: name.clone(),
            sha256: sha,
            outcome: state.into(),
            reason,
            at: at.clone(),
        };
        if state != "imported" {
            report.problems.push(problem(file.clone()));
        }
        // Remember what was read; if this computer now agrees with it, it need not echo it.
        let agreed = match state {
            "imported" => agreed_state(store, &bytes)?,
            _ => None,
        };
        let same = seen.as_ref().is_some_and(|f| {
            (&f.sha256, &f.outcome, &f.reason) == (&file.sha256, &file.outcome, &file.reason)
        });
        if !same {
            store.write(|tx| {
                repo::set_folder_file(tx, &file)?;
                if let Some((series, state)) = &agreed {
                    repo::set_written_state(tx, series, state, &at)?;
                }
                Ok(())
            })?;
        }
    }
    for series in repo::travelled_series(store.conn(), person)? {
        // Cheap when nothing changed: the state is compared before anything is written out.
        let p = package::build_package(store, &series)?;
        let state = package::state_sha256(&p);
        if repo::written_state(store.conn(), &series)?.as_deref() == Some(state.as_str()) {
            continue;
        }
        let text = package::export_package_shared(store, clock, &series)?;
        let sha = sha256_hex(text.as_bytes());
        let name = format!("groeikoers-{}.pop.json", &sha[..16]);
        let path = dir.join(&name);
        if !path.exists() {
            write_new(&path, text.as_bytes())?;
            report.written.push(name.clone());
        }
        store.write(|tx| {
            repo::set_written_state(tx, &series, &state, &at)?;
            repo::set_folder_file(
                tx,
                &FolderFile {
                    file_name: name.clone(),
                    sha256: sha.clone(),
                    outcome: "written".into(),
                    reason: String::new(),
                    at: at.clone(),
                },
            )?;
            for v in &p.versions {
                repo::set_base(tx, &v.id, &content_sha256(&v.content), &at)?;
            }
            Ok(())
        })?;
    }
    if !report.imported.is_empty() || !report.written.is_empty() {
        store.write(|tx| settings_repo::set(tx, LAST_SYNC, &at))?;
    }
    Ok(report)
}

/// The series and state a package read here describes, when this computer now holds the
/// same state (so it need not write it back).
fn agreed_state(store: &Store, bytes: &[u8]) -> Result<Option<(String, String)>> {
    Ok(match package::parse_package(bytes) {
        Ok(Incoming::V2(p)) => {
            let series = package::series_of(&p).to_owned();
            let mine = package::build_package(store, &series)?;
            let theirs = package::state_sha256(&p);
            (package::state_sha256(&mine) == theirs).then_some((series, theirs))
        }
        _ => None,
    })
}

/// Where a package that waits in an exchange folder is: `file` is its path, or its name in
/// one of the folders. With the person the folder is shared with.
fn waiting_file(store: &Store, file: &Path) -> Result<(PathBuf, String, Option<String>)> {
    let folders = exchange_folders(store)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let same_dir = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if file.is_file() {
        let parent = file.parent().unwrap_or(Path::new("."));
        let person = folders
            .iter()
            .find(|(_, d)| same_dir(d, parent))
            .map(|(p, _)| p.clone());
        return Ok((file.to_owned(), name, person));
    }
    folders
        .into_iter()
        .map(|(p, d)| (d.join(&name), p))
        .find(|(path, _)| path.is_file())
        .map(|(path, p)| (path, name.clone(), Some(p)))
        .ok_or_else(|| CoreError::File {
            path: file.to_owned(),
            reason: "not found in an exchange folder set in Settings; give the file's path".into(),
            writing: false,
        })
}

/// The packages that wait for the user in the exchange folders: new plans to confirm,
/// computers to pair, a person to choose, a conflict to resolve.
pub fn waiting_files(store: &Store) -> Result<Vec<FolderProblem>> {
    Ok(repo::folder_problems(store.conn())?
        .into_iter()
        .map(problem)
        .filter(|p| p.waiting)
        .collect())
}

/// Takes in a package that waits in an exchange folder (a new plan the owner looked at),
/// for the person the folder is shared with.
pub fn accept_file(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    file: &Path,
) -> Result<package::ImportReport> {
    let (path, name, person) = waiting_file(store, file)?;
    let bytes = crate::files::read_limited(&path, MAX_FILE_BYTES)?;
    // Only the file that was listed as waiting: one replaced since then is read again by
    // the next pass, and listed anew.
    let listed = repo::folder_file(store.conn(), &name)?;
    if !listed.is_some_and(|f| f.outcome == CONFIRM && f.sha256 == sha256_hex(&bytes)) {
        return Err(CoreError::NotWaiting { file: name });
    }
    let report = package::import_package(
        store,
        clock,
        lang,
        &bytes,
        package::ImportOptions {
            target: person.map(crate::exchange::ImportTarget::Person),
            ..Default::default()
        },
    )?;
    let at = clock.now().to_rfc3339();
    let agreed = agreed_state(store, &bytes)?;
    store.write(|tx| {
        repo::set_folder_file(
            tx,
            &FolderFile {
                file_name: name.clone(),
                sha256: sha256_hex(&bytes),
                outcome: "imported".into(),
                reason: String::new(),
                at: at.clone(),
            },
        )?;
        if let Some((series, state)) = &agreed {
            repo::set_written_state(tx, series, state, &at)?;
        }
        Ok(())
    })?;
    Ok(report)
}

/// Refuses a package that waits in an exchange folder for good (until the file changes).
pub fn refuse_file(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    file: &Path,
) -> Result<()> {
    let (path, name, _) = waiting_file(store, file)?;
    let bytes = crate::files::read_limited(&path, MAX_FILE_BYTES)?;
    let reason = match lang {
        Language::Nl => "Geweigerd door jou.",
        Language::En => "Refused by you.",
    };
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::set_folder_file(
            tx,
            &FolderFile {
                file_name: name.clone(),
                sha256: sha256_hex(&bytes),
                outcome: "refused".into(),
                reason: reason.into(),
                at: at.clone(),
            },
        )
    })?;
    Ok(())
}

/// Writes a new file that must not exist yet: never replaces one (another computer's file
/// with the same name has the same content).
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let err = |e: std::io::Error| CoreError::File {
        path: path.to_owned(),
        reason: e.to_string(),
        writing: true,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".groeikoers-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(err(e.error)),
    }
}

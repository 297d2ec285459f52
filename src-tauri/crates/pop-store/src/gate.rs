//! Keeps every other writer off while a re-key or a restore swaps the store's file.
//!
//! A re-key or restore makes a new file and renames it over the store. A program that had
//! the old file open (the app, a second CLI) would otherwise go on writing into the old file
//! after the swap, and what it was told was saved would be gone. So:
//! - every write transaction holds a *shared* lock on `<store>.gate` (an advisory lock the
//!   system drops when the process ends, also when it is killed);
//! - a re-key or restore holds it *exclusively* from its export or check to the swap, so no
//!   write can land in between (and its row counts cannot change under it);
//! - before the swap it raises the generation number written in the gate file. A connection
//!   notes the generation when it opens; a writer that finds another one opens the new file
//!   (same passphrase) or reports that the file was replaced, and writes nothing.

use crate::error::{Result, StoreError};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a writer waits for a re-key or restore to finish, and a re-key or restore for
/// the writers in progress to finish, before giving up with a clear message.
const WAIT: Duration = Duration::from_secs(30);

/// The stores whose gate this process holds exclusively: their own writes (opening the
/// swapped-in file, its migrations) go through without waiting for themselves.
static HELD: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn held(db: &Path) -> bool {
    HELD.lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .any(|p| p == db)
}

fn gate_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".gate");
    PathBuf::from(s)
}

fn open_file(db: &Path) -> Result<File> {
    let path = gate_path(db);
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::CannotOpen {
            path,
            reason: e.to_string(),
        })
}

fn generation_of(mut file: &File) -> u64 {
    let mut bytes = [0u8; 8];
    match file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.read_exact(&mut bytes))
    {
        Ok(()) => u64::from_le_bytes(bytes),
        // A new (empty) gate file: generation 0.
        Err(_) => 0,
    }
}

/// Waits for `try_lock` to succeed, up to [`WAIT`].
fn wait_for(mut try_lock: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        if try_lock() {
            return true;
        }
        if start.elapsed() >= WAIT {
            return false;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// The gate of one open store: its file (opened at the first write when it did not exist
/// yet, so a refused open leaves no new file) and the generation its connection opened.
pub(crate) struct Gate {
    db: PathBuf,
    file: Option<File>,
    seen: u64,
}

/// A shared hold on the gate; released when dropped.
pub(crate) struct SharedHold(Option<File>);

impl Drop for SharedHold {
    fn drop(&mut self) {
        if let Some(f) = self.0.take() {
            let _ = f.unlock();
        }
    }
}

impl Gate {
    /// The gate of the store at `db`, held shared while the store is being opened (unless
    /// this process holds it exclusively), so the generation read here is the one of the
    /// file the connection opens. Without a gate file nobody ever swapped the store:
    /// generation 0.
    pub(crate) fn open(db: &Path) -> Result<(Gate, SharedHold)> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(gate_path(db))
            .ok();
        let mut gate = Gate {
            db: db.to_owned(),
            file,
            seen: 0,
        };
        // No gate file: no swap ever ran here, and opening creates nothing. Should one start
        // in this moment, its raised generation tells this connection at its first write.
        if gate.file.is_none() {
            return Ok((gate, SharedHold(None)));
        }
        let hold = gate.shared()?;
        gate.seen = gate.file.as_ref().map(generation_of).unwrap_or(0);
        Ok((gate, hold))
    }

    /// Holds the gate shared, waiting while a re-key or restore holds it.
    pub(crate) fn shared(&mut self) -> Result<SharedHold> {
        if held(&self.db) {
            return Ok(SharedHold(None));
        }
        let file = match &self.file {
            Some(f) => f,
            None => self.file.insert(open_file(&self.db)?),
        };
        let file = file.try_clone().map_err(|e| StoreError::CannotOpen {
            path: gate_path(&self.db),
            reason: e.to_string(),
        })?;
        if !wait_for(|| file.try_lock_shared().is_ok()) {
            return Err(StoreError::Swapping {
                path: self.db.clone(),
            });
        }
        Ok(SharedHold(Some(file)))
    }

    /// Whether the file was swapped since this connection opened it.
    pub(crate) fn replaced(&mut self) -> bool {
        if self.file.is_none() {
            self.file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(gate_path(&self.db))
                .ok();
        }
        self.file.as_ref().map(generation_of).unwrap_or(0) != self.seen
    }
}

/// The gate held exclusively by a re-key or restore; released when dropped.
pub(crate) struct ExclusiveGate {
    db: PathBuf,
    file: File,
}

impl ExclusiveGate {
    /// Waits until no write is in progress, then keeps every other writer off.
    pub(crate) fn take(db: &Path) -> Result<ExclusiveGate> {
        let file = open_file(db)?;
        if !wait_for(|| file.try_lock().is_ok()) {
            return Err(StoreError::KeptBusy {
                path: db.to_owned(),
            });
        }
        HELD.lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(db.to_owned());
        Ok(ExclusiveGate {
            db: db.to_owned(),
            file,
        })
    }

    /// Raises the generation just before the swap: connections opened on the old file
    /// notice it at their next write.
    pub(crate) fn raise(&mut self) -> Result<u64> {
        let next = generation_of(&self.file).wrapping_add(1);
        let written = self
            .file
            .seek(SeekFrom::Start(0))
            .and_then(|_| self.file.write_all(&next.to_le_bytes()))
            .and_then(|_| self.file.sync_all());
        written.map_err(|e| StoreError::CannotOpen {
            path: gate_path(&self.db),
            reason: e.to_string(),
        })?;
        Ok(next)
    }
}

impl Drop for ExclusiveGate {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(i) = held.iter().position(|p| p == &self.db) {
            held.remove(i);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_generation_is_seen_by_a_gate_opened_before() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("g.sqlite3");
        let (mut gate, hold) = Gate::open(&db).unwrap();
        drop(hold);
        assert!(!gate.replaced());
        drop(gate.shared().unwrap());
        let mut ex = ExclusiveGate::take(&db).unwrap();
        ex.raise().unwrap();
        drop(ex);
        assert!(gate.replaced(), "the old connection must notice the swap");
        let (mut again, _hold) = Gate::open(&db).unwrap();
        assert!(!again.replaced());
    }

    #[test]
    fn opening_creates_no_gate_file_and_the_first_write_does() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("g.sqlite3");
        let (mut gate, hold) = Gate::open(&db).unwrap();
        drop(hold);
        assert!(
            !gate_path(&db).exists(),
            "a refused open must leave no new file"
        );
        drop(gate.shared().unwrap());
        assert!(gate_path(&db).exists());
        assert!(!gate.replaced());
    }

    #[test]
    fn an_exclusive_holder_in_this_process_does_not_wait_for_itself() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("g.sqlite3");
        let _ex = ExclusiveGate::take(&db).unwrap();
        let (mut gate, _hold) = Gate::open(&db).expect("no wait for our own exclusive hold");
        gate.shared().expect("no wait for our own exclusive hold");
    }
}

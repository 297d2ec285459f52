//! Helpers shared by the integration tests.

use chrono::{TimeZone, Utc};
use pop_core::domain::FixedClock;
use std::path::{Path, PathBuf};

/// 24 November 2026, 09:00 UTC.
pub fn clock() -> FixedClock {
    FixedClock(Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap())
}

/// A fixture file from `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A copy of a fixture in a temporary folder, so a test may change it.
pub fn fixture_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap();
    (dir, path)
}

/// The Python that reads our files back (ICS, XLSX) with the packages of
/// `tests/requirements.txt`: `$GROEIKOERS_PYTHON`, else `target/pyenv` made by the test command.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("GROEIKOERS_PYTHON") {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pyenv/bin/python");
    assert!(
        venv.exists(),
        "this test reads files back with Python packages: run .scripts/test-all (it makes \
         target/pyenv), or set GROEIKOERS_PYTHON"
    );
    venv
}

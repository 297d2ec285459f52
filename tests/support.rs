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

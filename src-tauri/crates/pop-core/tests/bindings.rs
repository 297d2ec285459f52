//! The TypeScript types in `ui/src/lib/bindings` are generated from the Rust types. This test
//! regenerates them and fails when the committed files differ (drift). To update them:
//! `UPDATE_BINDINGS=1 cargo test -p pop-core --test bindings`.

use pop_core::domain::{AppState, OnboardingInput, PersonInput, SettingsInput};
use pop_core::people::{PeopleQuery, PersonSummary};
use pop_core::CommandError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::{Config, TS};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/lib/bindings")
}

fn read_ts_files(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ts") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    files
}

fn generate(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir);
    AppState::export_all(&cfg).unwrap();
    OnboardingInput::export_all(&cfg).unwrap();
    SettingsInput::export_all(&cfg).unwrap();
    PersonInput::export_all(&cfg).unwrap();
    PeopleQuery::export_all(&cfg).unwrap();
    PersonSummary::export_all(&cfg).unwrap();
    CommandError::export_all(&cfg).unwrap();
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());
    let generated = read_ts_files(fresh.path());
    assert!(
        generated.len() >= 10,
        "expected the bindings, got {generated:?}"
    );
    let target = committed_dir();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(&target).unwrap();
        for old in read_ts_files(&target).keys() {
            std::fs::remove_file(target.join(old)).unwrap();
        }
        for (name, text) in &generated {
            std::fs::write(target.join(name), text).unwrap();
        }
        return;
    }
    let committed = read_ts_files(&target);
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        generated.keys().collect::<Vec<_>>(),
        "the set of binding files drifted: run UPDATE_BINDINGS=1 cargo test -p pop-core --test bindings"
    );
    for (name, text) in &generated {
        assert_eq!(
            &committed[name], text,
            "ui/src/lib/bindings/{name} drifted from the Rust type: \
             run UPDATE_BINDINGS=1 cargo test -p pop-core --test bindings"
        );
    }
}

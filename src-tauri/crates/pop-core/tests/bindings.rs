//! The TypeScript types in `ui/src/lib/bindings` are generated from the Rust types. This test
//! regenerates them and fails when the committed files differ (drift). To update them:
//! `UPDATE_BINDINGS=1 cargo test -p pop-core --test bindings`.

use pop_core::domain::{AppState, OnboardingInput, PersonInput, SettingsInput};
use pop_core::examples::ExampleSummary;
use pop_core::people::{PeopleQuery, PersonSummary};
use pop_core::plans::{NewPlanInput, PlanSummary, PlanView};
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
    pop_core::direction::Direction::export_all(&cfg).unwrap();
    pop_core::results::Results::export_all(&cfg).unwrap();
    pop_core::direction::GoalLink::export_all(&cfg).unwrap();
    pop_core::direction::FeedbackView::export_all(&cfg).unwrap();
    pop_core::direction::FeedbackRequest::export_all(&cfg).unwrap();
    pop_core::domain::direction::TeamGoalInput::export_all(&cfg).unwrap();
    pop_core::domain::direction::DevelopmentInput::export_all(&cfg).unwrap();
    pop_core::domain::direction::FeedbackInput::export_all(&cfg).unwrap();
    PersonSummary::export_all(&cfg).unwrap();
    CommandError::export_all(&cfg).unwrap();
    PlanView::export_all(&cfg).unwrap();
    PlanSummary::export_all(&cfg).unwrap();
    NewPlanInput::export_all(&cfg).unwrap();
    ExampleSummary::export_all(&cfg).unwrap();
    pop_core::signing::VersionEntry::export_all(&cfg).unwrap();
    pop_core::signing::VerifyMatch::export_all(&cfg).unwrap();
    pop_core::domain::signing::SignInput::export_all(&cfg).unwrap();
    pop_core::documents::PreparationTexts::export_all(&cfg).unwrap();
    pop_core::journal::JournalInput::export_all(&cfg).unwrap();
    pop_core::journal::JournalHit::export_all(&cfg).unwrap();
    pop_core::journal::JournalPage::export_all(&cfg).unwrap();
    pop_core::budget::BudgetView::export_all(&cfg).unwrap();
    pop_core::budget::Settlement::export_all(&cfg).unwrap();
    pop_core::budget::ClauseInput::export_all(&cfg).unwrap();
    pop_core::budget::ClauseView::export_all(&cfg).unwrap();
    pop_core::employer_share::ReceivedShare::export_all(&cfg).unwrap();
    pop_core::privacy::RetentionOverview::export_all(&cfg).unwrap();
    pop_core::privacy::ErasureReport::export_all(&cfg).unwrap();
    pop_core::domain::budget::Scheme::export_all(&cfg).unwrap();
    pop_core::journal::GoalOption::export_all(&cfg).unwrap();
    pop_core::rhythm::PlanRhythm::export_all(&cfg).unwrap();
    pop_core::rhythm::CheckinInput::export_all(&cfg).unwrap();
    pop_core::domain::rhythm::DueBoard::export_all(&cfg).unwrap();
    pop_core::domain::rhythm::Reminder::export_all(&cfg).unwrap();
    pop_core::domain::rhythm::Lead::export_all(&cfg).unwrap();
    pop_core::overview::PersonOverview::export_all(&cfg).unwrap();
    pop_core::overview::SheetFormat::export_all(&cfg).unwrap();
    pop_core::settings::BackgroundSettings::export_all(&cfg).unwrap();
    pop_core::security::SecurityState::export_all(&cfg).unwrap();
    pop_core::security::BackupInfo::export_all(&cfg).unwrap();
    pop_core::device::DeviceInfo::export_all(&cfg).unwrap();
    pop_core::pairing::PairedDevice::export_all(&cfg).unwrap();
    pop_core::pairing::PendingDevice::export_all(&cfg).unwrap();
    pop_core::package::ImportReport::export_all(&cfg).unwrap();
    pop_core::package::Take::export_all(&cfg).unwrap();
    pop_core::folder::FolderState::export_all(&cfg).unwrap();
    pop_core::folder::SyncReport::export_all(&cfg).unwrap();
}

/// The JSON Schema of the plan exchange file is generated too, and checked the same way.
#[test]
fn the_exchange_json_schema_matches_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/pop.schema.json");
    let fresh = pop_core::exchange::json_schema();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, fresh,
        "schema/pop.schema.json drifted: run UPDATE_BINDINGS=1 cargo test -p pop-core --test bindings"
    );
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

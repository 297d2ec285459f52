//! The owner's overview on a real store, exported as XLSX and read back by a spreadsheet
//! library (Python's openpyxl): the right sheet, headings, real dates and euro amounts.

use groeikoers_tests::{clock, python};
use pop_core::domain::plan::Support;
use pop_core::domain::{Language, PersonInput};
use pop_core::overview::{export_overview, SheetFormat};
use pop_core::plans::{self, NewPlanInput};
use pop_core::{people, Store};
use serde_json::{json, Value};
use std::path::Path;

fn read_xlsx(path: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("xlsx_check.py");
    let out = std::process::Command::new(python())
        .arg(script)
        .arg(path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "openpyxl could not read the workbook: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_xlsx_export_reads_back_with_dates_and_amounts() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("g.sqlite3")).unwrap();
    let zoe = people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "Zoë Çelik".into(),
            role: "Ploegleider".into(),
            ..Default::default()
        },
    )
    .unwrap();
    people::create_person(
        &mut store,
        &clock(),
        PersonInput {
            full_name: "=1+1".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let plan = plans::create_plan(
        &mut store,
        &clock(),
        Language::Nl,
        NewPlanInput {
            person_id: zoe.id.clone(),
            period_start: Some("2027-01-04".into()),

            language: None,
        },
    )
    .unwrap();
    let mut content = plan.content.clone();
    content.title = "Leidinggeven 🌱".into();
    content.support.push(Support {
        id: "s1".into(),
        from_whom: "Opleidingsbudget".into(),
        what: "Cursus".into(),
        cost_cents: Some(125_050),
    });
    plans::save_plan_content(&mut store, &clock(), Language::Nl, &plan.id, content).unwrap();

    // A budget scheme: the budget columns fill in (what it holds, spent this year).
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    pop_core::budget::set_scheme(
        &mut store,
        &clock(),
        pop_core::budget::yearly(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), 500),
    )
    .unwrap();
    pop_core::budget::spend(
        &mut store,
        &clock(),
        &zoe.id,
        "2027-01-02",
        12_500,
        0,
        "Boek",
    )
    .unwrap();
    let xlsx = dir.path().join("overzicht.xlsx");
    export_overview(&store, today, Language::Nl, SheetFormat::Xlsx, &xlsx).unwrap();
    let sheet = read_xlsx(&xlsx);
    assert_eq!(sheet["name"], "Overzicht POP");
    assert_eq!(sheet["freeze"], "A2");
    assert_eq!(sheet["filter"], "A1:K3");
    let rows = sheet["rows"].as_array().unwrap();
    assert_eq!(rows[0][0], json!({"text": "Naam"}));
    assert_eq!(rows[0][8], json!({"text": "Geplande kosten"}));
    // Sorted by name: "=1+1" first, stored as text, never as a formula.
    assert_eq!(rows[1][0], json!({"text": "=1+1"}));
    assert_eq!(rows[1][2], json!({"text": "geen plan"}));
    let z = &rows[2];
    assert_eq!(z[0], json!({"text": "Zoë Çelik"}));
    assert_eq!(z[1], json!({"text": "Ploegleider"}));
    assert_eq!(z[2], json!({"text": "concept"}));
    assert_eq!(z[3], json!({"text": "Leidinggeven 🌱"}));
    assert!(z[4]["date"].is_string(), "plan end is a date: {z}");
    assert!(z[5]["date"].is_string(), "next check-in is a date: {z}");
    assert_eq!(z[6], json!({"number": 0}));
    assert_eq!(z[7], Value::Null);
    assert_eq!(z[8], json!({"number": 1250.5}));
    assert_eq!(rows[0][9], json!({"text": "Budget beschikbaar"}));
    assert_eq!(z[9], json!({"number": 375}));
    assert_eq!(z[10], json!({"number": 125}));
}

#[test]
fn an_export_to_a_folder_that_does_not_exist_fails_cleanly() {
    let store = Store::open_in_memory().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let bad = Path::new("/nonexistent-folder/overzicht.csv");
    let err = export_overview(&store, today, Language::Nl, SheetFormat::Csv, bad).unwrap_err();
    let msg = err.to_command_error(Language::Nl).message;
    assert!(msg.contains("overzicht.csv"), "{msg}");
}

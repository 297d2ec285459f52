//! Generates the permission set of the app's own commands, so capabilities can name exactly
//! the commands the UI calls.

const COMMANDS: &[&str] = &[
    "get_app_state",
    "complete_onboarding",
    "update_settings",
    "save_my_profile",
    "list_people",
    "get_person",
    "create_person",
    "update_person",
    "mark_person_left",
    "mark_person_active",
    "list_examples",
    "list_plans",
    "get_plan",
    "create_plan",
    "create_plan_from_example",
    "save_plan_content",
    "set_plan_status",
    "carry_over",
    "apply_guide_to_plan",
    "choose_save_path",
    "choose_open_path",
    "export_plan_to_file",
    "import_plan_file",
    "print_page",
    "export_plan_pdf",
    "open_pdf",
    "export_preparation_pdf",
    "preparation_texts",
    "sign_plan",
    "add_journal_entry",
    "journal_month",
    "search_journal",
    "new_version",
    "plan_history",
    "verify_fingerprint",
    "plan_rhythm",
    "move_checkin",
    "skip_checkin",
    "add_checkin",
    "record_checkin",
    "set_follow_up_done",
    "evaluate_plan",
    "due_board",
    "reminder_leads",
    "set_reminder_leads",
    "export_ics",
    "shown_reminders",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}

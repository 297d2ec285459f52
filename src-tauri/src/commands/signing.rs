use crate::confirm::{confirm, Act};
use crate::state::AppStore;
use pop_core::device::DeviceInfo;
use pop_core::domain::plan::Plan;
use pop_core::domain::signing::SignInput;
use pop_core::pairing::{self, PairedDevice, PendingDevice};
use pop_core::plans::PlanView;
use pop_core::signing::{self, VerifyMatch, VersionEntry};
use pop_core::CommandError;
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn sign_plan(
    state: State<'_, AppStore>,
    id: String,
    input: SignInput,
) -> Result<PlanView, CommandError> {
    state.run_lang(|store, clock, lang| {
        signing::sign_plan(store, clock, lang, &id, input, &signing::device_user())
    })
}

#[tauri::command(async)]
pub fn new_version(
    state: State<'_, AppStore>,
    id: String,
    reason: String,
) -> Result<Plan, CommandError> {
    state.run(|store, clock| signing::new_version(store, clock, &id, &reason))
}

#[tauri::command(async)]
pub fn plan_history(
    state: State<'_, AppStore>,
    id: String,
) -> Result<Vec<VersionEntry>, CommandError> {
    state.run_lang(|store, _, lang| signing::plan_history(store, lang, &id))
}

#[tauri::command(async)]
pub fn verify_fingerprint(
    state: State<'_, AppStore>,
    code: String,
) -> Result<Option<VerifyMatch>, CommandError> {
    state.run_lang(|store, _, lang| signing::verify(store, lang, &code))
}

/// This installation's name and key fingerprint (made at first use).
#[tauri::command(async)]
pub fn device_info(state: State<'_, AppStore>) -> Result<DeviceInfo, CommandError> {
    state.run(pop_core::device::device_info)
}

#[tauri::command(async)]
pub fn rename_device(state: State<'_, AppStore>, name: String) -> Result<DeviceInfo, CommandError> {
    state.run(|store, clock| pop_core::device::rename_device(store, clock, &name))
}

/// A new key pair for this device (its key is missing here). Confirmed in a native dialog.
#[tauri::command(async)]
pub fn new_device_key(
    app: AppHandle,
    state: State<'_, AppStore>,
) -> Result<DeviceInfo, CommandError> {
    confirm(&app, state.lang_while_locked(), Act::NewKey)?;
    state.run(pop_core::device::new_key)
}

/// The computers paired with this one (Settings → Paired computers).
#[tauri::command(async)]
pub fn paired_devices(state: State<'_, AppStore>) -> Result<Vec<PairedDevice>, CommandError> {
    state.run(|store, _| pairing::list_devices(store))
}

/// Computers whose packages wait in an exchange folder until they are paired.
#[tauri::command(async)]
pub fn pending_devices(state: State<'_, AppStore>) -> Result<Vec<PendingDevice>, CommandError> {
    state.run(|store, _| pairing::pending_devices(store))
}

/// Pairs a computer that sent a package: as this person's device, or (no person) as the
/// employer's computer. Confirmed in a native dialog.
#[tauri::command(async)]
pub fn pair_device(
    app: AppHandle,
    state: State<'_, AppStore>,
    fingerprint: String,
    person_id: Option<String>,
) -> Result<PairedDevice, CommandError> {
    confirm(
        &app,
        state.lang_while_locked(),
        Act::Pair {
            fingerprint: &fingerprint,
        },
    )?;
    let as_ = match person_id {
        Some(p) => pairing::PairAs::Person(p),
        None => pairing::PairAs::Owner,
    };
    state.run(|store, clock| pairing::pair_device(store, clock, &fingerprint, as_, None))
}

/// Stops trusting a paired computer from now on. Confirmed in a native dialog.
#[tauri::command(async)]
pub fn revoke_device(
    app: AppHandle,
    state: State<'_, AppStore>,
    fingerprint: String,
) -> Result<PairedDevice, CommandError> {
    confirm(
        &app,
        state.lang_while_locked(),
        Act::Revoke {
            fingerprint: &fingerprint,
        },
    )?;
    state.run(|store, clock| pairing::revoke_device(store, clock, &fingerprint))
}

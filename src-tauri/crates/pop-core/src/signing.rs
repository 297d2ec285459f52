//! Use cases for signing: sign, freeze the signed version (canonical snapshot, SHA-256,
//! fingerprint), make a new version, show the history, verify a code or PDF, and check the
//! event log's hash chain.

use crate::error::{CoreError, Result};
use crate::plans::{get_plan, get_plan_view, PlanView};
use crate::settings;
use pop_domain::plan::{Plan, PlanStatus};
use pop_domain::signing::{
    canonical, field_changes, find_fingerprint, fingerprint, parse_fingerprint, required_parties,
    sha256_hex, validate_sign_input, FieldChange, Party, SignInput, Signature, Snapshot,
    SnapshotSignature,
};
use pop_domain::{Clock, Field, Language, Mode, Problem, ValidationError};
use pop_store::signing::{self as repo, SnapshotRow};
use pop_store::{people as people_repo, plans as plans_repo, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who signed a plan version, who still has to, and its fingerprint once frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningState {
    pub signatures: Vec<Signature>,
    pub required: Vec<Party>,
    pub fingerprint: Option<String>,
    pub sha256: Option<String>,
}

/// One version in a plan's history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VersionEntry {
    pub plan_id: String,
    pub version: u32,
    pub status: PlanStatus,
    pub signatures: Vec<Signature>,
    pub fingerprint: Option<String>,
    pub reason: String,
    /// What changed compared with the version before it.
    pub changes: Vec<FieldChange>,
}

/// What a fingerprint matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VerifyMatch {
    pub fingerprint: String,
    pub plan_id: String,
    pub person_name: String,
    pub title: String,
    pub version: u32,
    pub sha256: String,
    /// The stored snapshot still hashes to its recorded SHA-256.
    pub intact: bool,
}

/// The device's user name, recorded with a signature.
pub fn device_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

pub(crate) fn log(
    store: &Store,
    clock: &dyn Clock,
    plan_id: Option<&str>,
    kind: &str,
    detail: &str,
) -> Result<()> {
    repo::log_event(
        store.conn(),
        &clock.now().to_rfc3339(),
        plan_id,
        kind,
        detail,
    )?;
    Ok(())
}

fn personal(store: &Store) -> Result<bool> {
    Ok(settings::get_settings(store)?.mode == Mode::Personal)
}

pub fn signing_state(store: &Store, plan_id: &str) -> Result<SigningState> {
    let snapshot = repo::snapshot(store.conn(), plan_id)?;
    Ok(SigningState {
        signatures: repo::signatures(store.conn(), plan_id)?,
        required: required_parties(personal(store)?).to_vec(),
        fingerprint: snapshot.as_ref().map(|s| s.fingerprint.clone()),
        sha256: snapshot.map(|s| s.sha256),
    })
}

/// Whether anyone has signed this version: then its content can no longer change.
pub fn has_signatures(store: &Store, plan_id: &str) -> Result<bool> {
    Ok(!repo::signatures(store.conn(), plan_id)?.is_empty())
}

/// Freezes a plan version: canonical snapshot with its signatures, SHA-256, fingerprint.
pub(crate) fn freeze(store: &mut Store, clock: &dyn Clock, plan: &Plan) -> Result<SnapshotRow> {
    if let Some(existing) = repo::snapshot(store.conn(), &plan.id)? {
        return Ok(existing);
    }
    let person_name = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let signatures = repo::signatures(store.conn(), &plan.id)?;
    let snapshot = Snapshot {
        format: "groeikoers-signed-plan/1".into(),
        plan_id: plan.id.clone(),
        version: plan.version,
        person_name,
        content: plan.content.clone(),
        signatures: signatures
            .iter()
            .map(|s| SnapshotSignature {
                party: s.party,
                full_name: s.full_name.clone(),
                signed_on: s.signed_on,
            })
            .collect(),
    };
    let text = canonical(&snapshot);
    let sha = sha256_hex(text.as_bytes());
    let row = SnapshotRow {
        plan_id: plan.id.clone(),
        fingerprint: fingerprint(&sha),
        sha256: sha,
        canonical: text,
        frozen_at: clock.now().to_rfc3339(),
    };
    store.write(|tx| {
        repo::insert_snapshot(tx, &row)?;
        repo::log_event(
            tx,
            &row.frozen_at,
            Some(&plan.id),
            "frozen",
            &row.fingerprint,
        )
    })?;
    Ok(row)
}

/// One party signs a draft. When the last required party has signed, the version is frozen
/// and becomes active.
pub fn sign_plan(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    input: SignInput,
    device_user: &str,
) -> Result<PlanView> {
    let mut plan = get_plan(store, id)?;
    if plan.status != PlanStatus::Draft {
        return Err(CoreError::Locked { id: id.to_owned() });
    }
    let (full_name, signed_on) = validate_sign_input(&input, clock.today())?;
    let required = required_parties(personal(store)?);
    if !required.contains(&input.party) {
        return Err(ValidationError::new(Field::Party, Problem::NotAParty).into());
    }
    let existing = repo::signatures(store.conn(), id)?;
    if existing.iter().any(|s| s.party == input.party) {
        return Err(ValidationError::new(Field::Party, Problem::AlreadySigned).into());
    }
    let signature = Signature {
        party: input.party,
        full_name,
        signed_on,
        signed_at: clock.now(),
        device_user: device_user.to_owned(),
        strokes: input.strokes,
    };
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::insert_signature(tx, id, &signature)?;
        repo::log_event(
            tx,
            &at,
            Some(id),
            "signed",
            &format!("{}: {}", signature.party.as_str(), signature.full_name),
        )
    })?;
    let signed: Vec<Party> = existing
        .iter()
        .map(|s| s.party)
        .chain([input.party])
        .collect();
    if required.iter().all(|p| signed.contains(p)) {
        freeze(store, clock, &plan)?;
        plan.status = PlanStatus::Active;
        plan.updated_at = clock.now();
        store.write(|tx| plans_repo::update(tx, &plan))?;
    }
    get_plan_view(store, lang, id)
}

/// A new draft version of a signed (or otherwise finished) plan, linked to it.
pub fn new_version(store: &mut Store, clock: &dyn Clock, id: &str, reason: &str) -> Result<Plan> {
    let old = get_plan(store, id)?;
    if old.status == PlanStatus::Draft && !has_signatures(store, id)? {
        return Err(ValidationError::new(Field::Status, Problem::InvalidTransition).into());
    }
    let reason =
        pop_domain::text::single_line(Field::Reflection, reason, pop_domain::plan::MAX_LINE)?;
    let now = clock.now();
    let plan = Plan {
        id: crate::new_id(),
        person_id: old.person_id.clone(),
        status: PlanStatus::Draft,
        carried_from: old.carried_from.clone(),
        content: old.content.clone(),
        created_at: now,
        updated_at: now,
        version: old.version + 1,
        previous_version: Some(old.id.clone()),
        version_reason: reason,
    };
    store.write(|tx| {
        plans_repo::insert(tx, &plan)?;
        repo::log_event(
            tx,
            &now.to_rfc3339(),
            Some(&plan.id),
            "new-version",
            &old.id,
        )
    })?;
    Ok(plan)
}

/// Every version of the plan `id` belongs to, newest first, with what changed each time.
pub fn plan_history(store: &Store, id: &str) -> Result<Vec<VersionEntry>> {
    // Find the newest version: follow "previous_version" links backwards from all plans.
    let all = plans_repo::list(store.conn(), Some(&get_plan(store, id)?.person_id))?;
    let mut newest = get_plan(store, id)?;
    while let Some(next) = all
        .iter()
        .find(|p| p.previous_version.as_deref() == Some(&newest.id))
    {
        newest = next.clone();
    }
    let mut chain = vec![newest];
    while let Some(prev) = chain.last().and_then(|p| p.previous_version.clone()) {
        match plans_repo::get(store.conn(), &prev)? {
            Some(p) => chain.push(p),
            None => break,
        }
    }
    let mut out = Vec::new();
    for (i, p) in chain.iter().enumerate() {
        let changes = chain
            .get(i + 1)
            .map(|older| field_changes(&older.content, &p.content))
            .unwrap_or_default();
        out.push(VersionEntry {
            plan_id: p.id.clone(),
            version: p.version,
            status: p.status,
            signatures: repo::signatures(store.conn(), &p.id)?,
            fingerprint: repo::snapshot(store.conn(), &p.id)?.map(|s| s.fingerprint),
            reason: p.version_reason.clone(),
            changes,
        });
    }
    Ok(out)
}

/// What a fingerprint (as typed, or found in a PDF's bytes) matches, if anything.
pub fn verify(store: &Store, code_or_text: &str) -> Result<Option<VerifyMatch>> {
    let Some(fp) = parse_fingerprint(code_or_text).or_else(|| find_fingerprint(code_or_text))
    else {
        return Ok(None);
    };
    let Some(snap) = repo::snapshot_by_fingerprint(store.conn(), &fp)? else {
        return Ok(None);
    };
    let plan = get_plan(store, &snap.plan_id)?;
    let person_name = people_repo::get(store.conn(), &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    Ok(Some(VerifyMatch {
        intact: sha256_hex(snap.canonical.as_bytes()) == snap.sha256,
        fingerprint: fp,
        plan_id: plan.id,
        person_name,
        title: plan.content.title,
        version: plan.version,
        sha256: snap.sha256,
    }))
}

/// The fingerprint a Groeikoers PDF carries in its metadata (Subject, UTF-16 hex or plain).
pub fn fingerprint_in_pdf(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let start = text.find("/Subject")? + "/Subject".len();
    let rest = text[start..].trim_start();
    if let Some(hex) = rest.strip_prefix('<') {
        let hex = &hex[..hex.find('>')?];
        let raw: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
            .collect();
        let units: Vec<u16> = raw
            .chunks(2)
            .filter(|c| c.len() == 2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        find_fingerprint(&String::from_utf16_lossy(&units))
    } else {
        find_fingerprint(&rest[..rest.find(')').unwrap_or(rest.len()).min(200)])
    }
}

/// What the fingerprint of a Groeikoers PDF matches, if anything.
pub fn verify_pdf(store: &Store, bytes: &[u8]) -> Result<Option<VerifyMatch>> {
    match fingerprint_in_pdf(bytes) {
        Some(fp) => verify(store, &fp),
        None => Ok(None),
    }
}

/// The event log's hash chain: `Ok(count)` when intact, `Err(seq)` of the first broken entry.
pub fn verify_log(store: &Store) -> Result<std::result::Result<usize, i64>> {
    Ok(repo::verify_log(store.conn())?)
}

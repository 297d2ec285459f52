//! Use cases for signing: sign (one transaction: signature, seal, status and log event),
//! seal the signed version over its content and every signature, make a new version, show
//! the history, verify a code, a PDF or the whole store, and check the event log's end
//! against a package, backup or PDF made earlier.

use crate::error::{CoreError, Result};
use crate::plans::{get_plan, get_plan_view, PlanView};
use crate::settings;
use pop_domain::plan::{Plan, PlanStatus};
use pop_domain::seal::{
    check_seal, consent_text, device_sign, seal_of, statement, SealDocument, SealProblem,
    SealedVersion,
};
use pop_domain::signing::{
    field_changes, find_fingerprint, parse_fingerprint, required_parties, validate_sign_input,
    FieldChange, Party, SignInput, Signature,
};
use pop_domain::{Clock, Field, Language, Mode, Problem, ValidationError};
use pop_store::rusqlite::Connection;
use pop_store::signing::{self as repo, SnapshotRow};
use pop_store::{people as people_repo, plans as plans_repo, Store, StoreError};
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
    /// The consent statement a signer agrees to, in the user's language: shown in the sign
    /// dialog and recorded, word for word, with the signature.
    pub consent_text: String,
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
    /// Per signature (same order): the device it was signed on, "Laptop Zoë (K-7F3A-…)".
    pub devices: Vec<String>,
    /// What no longer matches the seal, in the user's language (empty when intact).
    pub seal_problems: Vec<String>,
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
    /// The seal still covers the content and every signature, and its log event is there.
    pub intact: bool,
    /// What no longer matches, in the user's language.
    pub problems: Vec<String>,
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

pub(crate) fn personal(store: &Store) -> Result<bool> {
    Ok(settings::get_settings(store)?.mode == Mode::Personal)
}

/// The ids of a version and every version before it.
pub(crate) fn lineage(
    conn: &Connection,
    plan: &Plan,
) -> std::result::Result<Vec<String>, StoreError> {
    let mut ids = vec![plan.id.clone()];
    let mut prev = plan.previous_version.clone();
    while let Some(id) = prev {
        if ids.contains(&id) {
            break;
        }
        prev = plans_repo::get(conn, &id)?.and_then(|p| p.previous_version);
        ids.push(id);
    }
    Ok(ids)
}

/// Who must sign this version. In personal mode the employee alone — unless the plan has
/// travelled to or from another computer: a plan that is exchanged is agreed by two.
pub(crate) fn required_for(
    conn: &Connection,
    personal: bool,
    plan: &Plan,
) -> std::result::Result<&'static [Party], StoreError> {
    let exchanged = personal && pop_store::exchange::any_exchanged(conn, &lineage(conn, plan)?)?;
    Ok(required_parties(personal && !exchanged))
}

pub fn signing_state(store: &Store, plan_id: &str) -> Result<SigningState> {
    let snapshot = repo::snapshot(store.conn(), plan_id)?;
    let required = match plans_repo::get(store.conn(), plan_id)? {
        Some(plan) => required_for(store.conn(), personal(store)?, &plan)?,
        None => required_parties(personal(store)?),
    };
    Ok(SigningState {
        signatures: repo::signatures(store.conn(), plan_id)?,
        required: required.to_vec(),
        fingerprint: snapshot.as_ref().map(|s| s.fingerprint.clone()),
        sha256: snapshot.map(|s| s.sha256),
        consent_text: consent_text(settings::language(store)).to_owned(),
    })
}

/// Whether anyone has signed this version: then its content can no longer change.
pub fn has_signatures(store: &Store, plan_id: &str) -> Result<bool> {
    Ok(!repo::signatures(store.conn(), plan_id)?.is_empty())
}

/// Seals a version inside the caller's transaction: the canonical document over its
/// content and `signatures`, its SHA-256 and fingerprint, and the log event (whose sequence
/// number and hash the seal records). `kind` is "frozen" here, "sealed-import" for a seal
/// that arrived in a package.
pub(crate) fn seal_in(
    tx: &Connection,
    plan: &Plan,
    signatures: &[Signature],
    at: &str,
) -> std::result::Result<SnapshotRow, StoreError> {
    if let Some(existing) = repo::snapshot(tx, &plan.id)? {
        return Ok(existing);
    }
    let person_name = people_repo::get(tx, &plan.person_id)?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let canonical = SealedVersion::new(
        &plan.id,
        plan.version,
        plan.previous_version.as_deref(),
        &person_name,
        &plan.content,
        signatures,
    )
    .canonical();
    store_seal(tx, &plan.id, canonical, at, "frozen")
}

/// Stores a seal whose canonical document is given, with its log event.
pub(crate) fn store_seal(
    tx: &Connection,
    plan_id: &str,
    canonical: String,
    at: &str,
    kind: &str,
) -> std::result::Result<SnapshotRow, StoreError> {
    let (sha256, fingerprint) = seal_of(&canonical);
    let (seq, hash) = repo::log_event_at(tx, at, Some(plan_id), kind, &fingerprint)?;
    let row = SnapshotRow {
        plan_id: plan_id.to_owned(),
        canonical,
        sha256,
        fingerprint,
        frozen_at: at.to_owned(),
        log_seq: Some(seq),
        log_hash: Some(hash),
    };
    repo::insert_snapshot(tx, &row)?;
    Ok(row)
}

/// Seals a version with the signatures it has and makes it active, in one transaction
/// (activating a plan signed on paper).
pub(crate) fn freeze_and_activate(
    store: &mut Store,
    clock: &dyn Clock,
    plan: &mut Plan,
) -> Result<()> {
    let at = clock.now().to_rfc3339();
    plan.status = PlanStatus::Active;
    plan.updated_at = clock.now();
    let plan = &*plan;
    store.write(|tx| {
        let sigs = repo::signatures(tx, &plan.id)?;
        seal_in(tx, plan, &sigs, &at)?;
        plans_repo::update(tx, plan)?;
        crate::budget::charge_signed_in(tx, plan, clock.today(), &at)?;
        repo::log_event(
            tx,
            &at,
            Some(&plan.id),
            "status",
            PlanStatus::Active.as_str(),
        )
    })?;
    Ok(())
}

/// One party signs a draft. The signature is signed by this device's key. When the last
/// required party has signed, the version is sealed and becomes active — all in one
/// transaction, so a crash leaves the plan as it was or signed and sealed.
pub fn sign_plan(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    id: &str,
    input: SignInput,
    device_user: &str,
) -> Result<PlanView> {
    let plan = get_plan(store, id)?;
    if plan.status != PlanStatus::Draft {
        return Err(CoreError::Locked { id: id.to_owned() });
    }
    let (full_name, signed_on) = validate_sign_input(&input, clock.today())?;
    let errors = pop_domain::check::check(&plan.content)
        .iter()
        .filter(|f| f.severity == pop_domain::check::Severity::Error)
        .count();
    if errors > 0 && !input.despite_findings {
        return Err(ValidationError::new(
            Field::Findings,
            Problem::ErrorsNotConfirmed { count: errors },
        )
        .into());
    }
    let required = required_for(store.conn(), personal(store)?, &plan)?;
    if !required.contains(&input.party) {
        return Err(ValidationError::new(Field::Party, Problem::NotAParty).into());
    }
    if repo::signatures(store.conn(), id)?
        .iter()
        .any(|s| s.party == input.party)
    {
        return Err(ValidationError::new(Field::Party, Problem::AlreadySigned).into());
    }
    let device = crate::device::identity(store, clock)?;
    let mut signature = Signature {
        party: input.party,
        full_name,
        signed_on,
        signed_at: clock.now(),
        device_user: device_user.to_owned(),
        strokes: input.strokes,
        consent_text: consent_text(lang).to_owned(),
        device_name: device.name.clone(),
        device_key: device.public_key.clone(),
        device_signature: String::new(),
    };
    signature.device_signature = device_sign(
        &crate::device::secret(&device)?,
        &statement(id, plan.version, &plan.content, &signature),
    )
    .ok_or_else(|| StoreError::Corrupt("the device key cannot sign".into()))?;
    let at = clock.now().to_rfc3339();
    let outcome = store.write(|tx| {
        // Read again inside the transaction: another writer may have signed meanwhile.
        let mut plan = plans_repo::get(tx, id)?.ok_or_else(|| StoreError::Corrupt(id.into()))?;
        let existing = repo::signatures(tx, id)?;
        if plan.status != PlanStatus::Draft {
            return Ok(Err(CoreError::Locked { id: id.to_owned() }));
        }
        if existing.iter().any(|s| s.party == signature.party) {
            return Ok(Err(ValidationError::new(
                Field::Party,
                Problem::AlreadySigned,
            )
            .into()));
        }
        repo::insert_signature(tx, id, &signature)?;
        repo::log_event(
            tx,
            &at,
            Some(id),
            "signed",
            &format!("{}: {}", signature.party.as_str(), signature.full_name),
        )?;
        let mut all = existing;
        all.push(signature.clone());
        if required.iter().all(|p| all.iter().any(|s| s.party == *p)) {
            seal_in(tx, &plan, &all, &at)?;
            plan.status = PlanStatus::Active;
            plan.updated_at = clock.now();
            plans_repo::update(tx, &plan)?;
            crate::budget::charge_signed_in(tx, &plan, clock.today(), &at)?;
            repo::log_event(tx, &at, Some(id), "status", PlanStatus::Active.as_str())?;
        }
        Ok(Ok(()))
    })?;
    outcome?;
    get_plan_view(store, lang, id)
}

/// Repairs versions a crash of an older Groeikoers left signed by every required party but
/// never sealed: they are sealed and activated now. Returns how many were repaired.
pub fn repair_unsealed(store: &mut Store, clock: &dyn Clock) -> Result<usize> {
    let personal = personal(store)?;
    let candidates: Vec<String> = {
        let mut stmt = store
            .conn()
            .prepare(
                // Drafts (found by their index) that carry a signature but no seal; the
                // status is checked again on the few found.
                "SELECT DISTINCT p.id FROM plan p INDEXED BY plan_status \
             JOIN plan_signature s ON s.plan_id = p.id WHERE p.status = 'draft' \
             AND NOT EXISTS (SELECT 1 FROM plan_snapshot n WHERE n.plan_id = p.id)",
            )
            .map_err(StoreError::from)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(StoreError::from)?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(StoreError::from)?
    };
    let mut repaired = 0;
    for id in candidates {
        let mut plan = get_plan(store, &id)?;
        if plan.status != PlanStatus::Draft {
            continue;
        }
        let required = required_for(store.conn(), personal, &plan)?;
        let sigs = repo::signatures(store.conn(), &id)?;
        if required.iter().all(|p| sigs.iter().any(|s| s.party == *p)) {
            freeze_and_activate(store, clock, &mut plan)?;
            repaired += 1;
        }
    }
    Ok(repaired)
}

/// What to run after a store opens (app and CLI): this installation's key pair is made at
/// first run, and repairs a crash left are done.
pub fn after_open(store: &mut Store, clock: &dyn Clock) -> Result<()> {
    crate::device::identity(store, clock)?;
    crate::privacy::finish_interrupted_erasure(store)?;
    repair_unsealed(store, clock).map(|_| ())
}

/// A new draft version of a signed (or otherwise finished) plan, linked to it. A version
/// has at most one next version.
pub fn new_version(store: &mut Store, clock: &dyn Clock, id: &str, reason: &str) -> Result<Plan> {
    let old = get_plan(store, id)?;
    if old.status == PlanStatus::Draft && !has_signatures(store, id)? {
        return Err(ValidationError::new(Field::Status, Problem::InvalidTransition).into());
    }
    let reason =
        pop_domain::text::single_line(Field::VersionReason, reason, pop_domain::plan::MAX_LINE)?;
    if let Some(next) = next_version(store.conn(), id)? {
        return Err(CoreError::NextVersionExists {
            id: id.to_owned(),
            next,
        });
    }
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
    let outcome = store.write(|tx| {
        // Checked again inside the transaction (and by the schema) for a second writer.
        if let Some(next) = next_version(tx, id)? {
            return Ok(Err(CoreError::NextVersionExists {
                id: id.to_owned(),
                next,
            }));
        }
        plans_repo::insert(tx, &plan)?;
        repo::log_event(
            tx,
            &now.to_rfc3339(),
            Some(&plan.id),
            "new-version",
            &old.id,
        )?;
        Ok(Ok(()))
    })?;
    outcome?;
    Ok(plan)
}

/// The version made from `id`, if any.
pub(crate) fn next_version(
    conn: &Connection,
    id: &str,
) -> std::result::Result<Option<String>, StoreError> {
    use pop_store::rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT id FROM plan WHERE previous_version = ?1 LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every version of the plan `id` belongs to, newest first, with what changed each time.
pub fn plan_history(store: &Store, lang: Language, id: &str) -> Result<Vec<VersionEntry>> {
    let mut newest = get_plan(store, id)?;
    let mut seen = vec![newest.id.clone()];
    while let Some(next) = next_version(store.conn(), &newest.id)? {
        if seen.contains(&next) {
            break;
        }
        seen.push(next.clone());
        newest = get_plan(store, &next)?;
    }
    let mut chain = vec![newest];
    while let Some(prev) = chain.last().and_then(|p| p.previous_version.clone()) {
        if chain.iter().any(|p| p.id == prev) {
            break;
        }
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
        let signatures = repo::signatures(store.conn(), &p.id)?;
        let snapshot = repo::snapshot(store.conn(), &p.id)?;
        let seal_problems = match &snapshot {
            Some(snap) => check_version(store.conn(), snap)?
                .iter()
                .map(|problem| problem.describe(lang))
                .collect(),
            None => Vec::new(),
        };
        out.push(VersionEntry {
            plan_id: p.id.clone(),
            version: p.version,
            status: p.status,
            devices: signatures
                .iter()
                .map(|s| crate::device::describe_device(&s.device_name, &s.device_key))
                .collect(),
            signatures,
            fingerprint: snapshot.map(|s| s.fingerprint),
            reason: p.version_reason.clone(),
            changes,
            seal_problems,
        });
    }
    Ok(out)
}

/// Everything that no longer matches for one seal: the sealed document against its hash
/// and fingerprint, the plan's content row, its signature rows and their device signatures,
/// and the log event recorded when it was sealed.
pub(crate) fn check_version(
    conn: &Connection,
    snap: &SnapshotRow,
) -> std::result::Result<Vec<SealProblem>, StoreError> {
    Ok(judge(snap, &load_sealed(conn, snap)?))
}

/// What a seal is checked against, read from the store.
struct Sealed {
    plan: Option<Plan>,
    signatures: Vec<Signature>,
    event_ok: bool,
}

fn load_sealed(conn: &Connection, snap: &SnapshotRow) -> std::result::Result<Sealed, StoreError> {
    let plan = plans_repo::get(conn, &snap.plan_id).or_else(|e| match e {
        StoreError::Corrupt(_) => Ok(None),
        e => Err(e),
    })?;
    let signatures = repo::signatures(conn, &snap.plan_id).unwrap_or_default();
    let event_ok = match (snap.log_seq, &snap.log_hash) {
        (Some(seq), Some(hash)) => repo::event(conn, seq)?.is_some_and(|e| {
            &e.hash == hash && e.plan_id == snap.plan_id && e.detail == snap.fingerprint
        }),
        _ => false,
    };
    Ok(Sealed {
        plan,
        signatures,
        event_ok,
    })
}

/// The pure part of the check (hashes, device signatures): no store needed.
fn judge(snap: &SnapshotRow, sealed: &Sealed) -> Vec<SealProblem> {
    let Some(plan) = &sealed.plan else {
        return vec![SealProblem::ContentChanged];
    };
    let mut problems = check_seal(
        &snap.canonical,
        &snap.sha256,
        &snap.fingerprint,
        &plan.id,
        plan.version,
        &plan.content,
        &sealed.signatures,
    );
    if !sealed.event_ok {
        problems.push(SealProblem::LogEvent);
    }
    problems
}

/// The seal of a version and what no longer matches (empty: intact); `None` if unsealed.
pub fn seal_state(store: &Store, plan_id: &str) -> Result<Option<(SnapshotRow, Vec<SealProblem>)>> {
    match repo::snapshot(store.conn(), plan_id)? {
        Some(snap) => {
            let problems = check_version(store.conn(), &snap)?;
            Ok(Some((snap, problems)))
        }
        None => Ok(None),
    }
}

/// What a fingerprint (as typed, or found in a PDF's bytes) matches, if anything, and
/// whether that version is still exactly as it was sealed.
pub fn verify(store: &Store, lang: Language, code_or_text: &str) -> Result<Option<VerifyMatch>> {
    let Some(fp) = parse_fingerprint(code_or_text).or_else(|| find_fingerprint(code_or_text))
    else {
        return Ok(None);
    };
    let Some(snap) = repo::snapshot_by_fingerprint(store.conn(), &fp)? else {
        return Ok(None);
    };
    let problems = check_version(store.conn(), &snap)?;
    let doc = SealDocument::parse(&snap.canonical);
    let version = match &doc {
        Some(d) => d.version(),
        None => plans_repo::get(store.conn(), &snap.plan_id)?.map_or(0, |p| p.version),
    };
    Ok(Some(VerifyMatch {
        intact: problems.is_empty(),
        problems: problems.iter().map(|p| p.describe(lang)).collect(),
        fingerprint: fp,
        plan_id: snap.plan_id,
        person_name: doc
            .as_ref()
            .map(|d| d.person_name().to_owned())
            .unwrap_or_default(),
        title: doc
            .as_ref()
            .map(|d| d.content().title.clone())
            .unwrap_or_default(),
        version,
        sha256: snap.sha256,
    }))
}

/// The metadata a Groeikoers PDF carries in its Subject (UTF-16 hex or a plain string).
pub fn pdf_subject(bytes: &[u8]) -> Option<String> {
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
        Some(String::from_utf16_lossy(&units))
    } else {
        let body = rest.strip_prefix('(').unwrap_or(rest);
        let end = body.find(')').unwrap_or(body.len());
        // At most 400 characters, cut on a character boundary.
        Some(body[..end].chars().take(400).collect())
    }
}

/// The fingerprint a Groeikoers PDF carries in its metadata.
pub fn fingerprint_in_pdf(bytes: &[u8]) -> Option<String> {
    find_fingerprint(&pdf_subject(bytes)?)
}

/// What the fingerprint of a Groeikoers PDF matches, if anything.
pub fn verify_pdf(store: &Store, lang: Language, bytes: &[u8]) -> Result<Option<VerifyMatch>> {
    match fingerprint_in_pdf(bytes) {
        Some(fp) => verify(store, lang, &fp),
        None => Ok(None),
    }
}

/// A seal that no longer matches, found by [`verify_log`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BrokenSeal {
    pub plan_id: String,
    pub fingerprint: String,
    pub problems: Vec<String>,
}

/// The whole store checked: the log's hash chain, and every seal against its rows and its
/// event in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogReport {
    /// Events in the log.
    pub events: usize,
    /// The first event that does not match the chain, if any.
    pub broken_at: Option<i64>,
    /// Seals checked.
    pub seals: usize,
    pub broken_seals: Vec<BrokenSeal>,
    pub head_seq: i64,
    pub head_hash: String,
}

impl LogReport {
    pub fn intact(&self) -> bool {
        self.broken_at.is_none() && self.broken_seals.is_empty()
    }
}

/// Checks the event log's hash chain and every seal.
pub fn verify_log(store: &Store, lang: Language) -> Result<LogReport> {
    let chain = repo::verify_log(store.conn())?;
    let (head_seq, head_hash) = repo::log_head(store.conn())?;
    let snapshots = repo::all_snapshots(store.conn())?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .max(1);
    // A batch at a time: read it (one connection), then check its seals on every core —
    // hashing and the device signatures are the work. Memory stays that of one batch, not
    // of every plan ever signed.
    let mut problems: Vec<Vec<SealProblem>> = Vec::with_capacity(snapshots.len());
    for batch in snapshots.chunks(256 * threads) {
        let loaded = batch
            .iter()
            .map(|snap| load_sealed(store.conn(), snap))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let chunk = batch.len().div_ceil(threads).max(1);
        problems.extend(std::thread::scope(|scope| {
            let workers: Vec<_> = batch
                .chunks(chunk)
                .zip(loaded.chunks(chunk))
                .map(|(snaps, sealed)| {
                    scope.spawn(move || {
                        snaps
                            .iter()
                            .zip(sealed)
                            .map(|(snap, s)| judge(snap, s))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("a seal check does not panic"))
                .collect::<Vec<_>>()
        }));
    }
    let broken_seals = snapshots
        .iter()
        .zip(problems)
        .filter(|(_, p)| !p.is_empty())
        .map(|(snap, problems)| BrokenSeal {
            plan_id: snap.plan_id.clone(),
            fingerprint: snap.fingerprint.clone(),
            problems: problems.iter().map(|p| p.describe(lang)).collect(),
        })
        .collect();
    Ok(LogReport {
        events: match chain {
            Ok(n) => n,
            Err(seq) => usize::try_from(seq - 1).unwrap_or(0),
        },
        broken_at: chain.err(),
        seals: snapshots.len(),
        broken_seals,
        head_seq,
        head_hash,
    })
}

/// A log head recorded elsewhere: in a package, a backup or a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedHead {
    pub seq: i64,
    pub hash: String,
    /// The device whose log it is, when the file says (packages do).
    pub device_key: Option<String>,
}

/// The outcome of comparing this store's log with a head recorded earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgainstOutcome {
    /// The log still holds the recorded head; `since` events were added after it.
    Holds { seq: i64, since: i64 },
    /// Events `from..=to` that the file saw are no longer in the log.
    Missing { from: i64, to: i64 },
    /// The event at `seq` is there but is not the one the file saw: rewritten.
    Rewritten { seq: i64 },
    /// The file records another device's log; it says nothing about this one.
    OtherDevice { name: String },
    /// The file carries no log head.
    NoHead,
}

/// Reads the log head a file recorded: a plan package (JSON), a backup (SQLite, under the
/// store's passphrase when encrypted) or a Groeikoers PDF.
pub fn recorded_head(store: &Store, path: &std::path::Path) -> Result<Option<RecordedHead>> {
    let bytes = crate::files::read_limited(path, 64 * 1024 * 1024)?;
    if bytes.starts_with(b"%PDF") {
        return Ok(pdf_subject(&bytes).and_then(|s| parse_head_text(&s)));
    }
    if bytes.first() == Some(&b'{') {
        return crate::exchange::package_head(&bytes);
    }
    Ok(
        pop_store::backup::backup_log_head(path, store.key_for_backups())?.map(|(seq, hash)| {
            RecordedHead {
                seq,
                hash,
                device_key: None,
            }
        }),
    )
}

/// The head as a PDF records it: `log:SEQ:HASH` in its Subject.
pub(crate) fn head_text(seq: i64, hash: &str) -> String {
    format!("log:{seq}:{hash}")
}

fn parse_head_text(s: &str) -> Option<RecordedHead> {
    let i = s.find("log:")?;
    let mut parts = s[i + 4..].split(':');
    let seq = parts.next()?.parse().ok()?;
    let hash: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (hash.len() == 64).then_some(RecordedHead {
        seq,
        hash,
        device_key: None,
    })
}

/// Compares this store's log with the head a file recorded when it was made.
pub fn verify_against(
    store: &mut Store,
    clock: &dyn Clock,
    path: &std::path::Path,
) -> Result<AgainstOutcome> {
    let Some(head) = recorded_head(store, path)? else {
        return Ok(AgainstOutcome::NoHead);
    };
    if let Some(key) = &head.device_key {
        let mine = crate::device::identity(store, clock)?;
        if key != &mine.public_key {
            let name = pop_store::device::known_name(store.conn(), key)?
                .unwrap_or_else(|| pop_domain::seal::key_fingerprint(key));
            return Ok(AgainstOutcome::OtherDevice { name });
        }
    }
    compare_head(store, head.seq, &head.hash)
}

/// Whether this store's log still holds the event `seq` with `hash`.
pub(crate) fn compare_head(store: &Store, seq: i64, hash: &str) -> Result<AgainstOutcome> {
    let head = RecordedHead {
        seq,
        hash: hash.to_owned(),
        device_key: None,
    };
    let (local_seq, _) = repo::log_head(store.conn())?;
    if head.seq == 0 {
        return Ok(AgainstOutcome::Holds {
            seq: 0,
            since: local_seq,
        });
    }
    match repo::event(store.conn(), head.seq)? {
        Some(e) if e.hash == head.hash => Ok(AgainstOutcome::Holds {
            seq: head.seq,
            since: local_seq - head.seq,
        }),
        Some(_) => Ok(AgainstOutcome::Rewritten { seq: head.seq }),
        None => Ok(AgainstOutcome::Missing {
            from: local_seq + 1,
            to: head.seq,
        }),
    }
}

/// This computer's log checked against a head recorded outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadCheck {
    /// Where the head was found, in the user's language.
    pub source: String,
    pub outcome: AgainstOutcome,
}

/// Checks this computer's log against every head of it found outside the log itself: the
/// head another computer acknowledged (signed by this device, sent back in its package) and
/// the newest package this device wrote to an exchange folder. A log cut short since then
/// is found, whatever the events were.
pub fn verify_heads(store: &Store, lang: Language) -> Result<Vec<HeadCheck>> {
    let conn = store.conn();
    let Some(me) = pop_store::device::get(conn)? else {
        return Ok(vec![]);
    };
    let mut out = Vec::new();
    if let Some(h) = pop_store::pairing::head(conn, &me.public_key)? {
        // Only a head this device really signed counts.
        if pop_domain::seal::device_verify(
            &me.public_key,
            &crate::package::head_statement(h.seq, &h.hash),
            &h.signature,
        ) {
            out.push(HeadCheck {
                source: match lang {
                    Language::Nl => format!("de stand die {} bevestigde", h.via),
                    Language::En => format!("the head {} acknowledged", h.via),
                },
                outcome: compare_head(store, h.seq, &h.hash)?,
            });
        }
    }
    let mut newest: Option<(RecordedHead, String)> = None;
    for (_, dir) in crate::folder::exchange_folders(store)? {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".pop.json") {
                continue;
            }
            let Ok(bytes) = crate::files::read_limited(&e.path(), crate::exchange::MAX_FILE_BYTES)
            else {
                continue;
            };
            if let Ok(Some(h)) = crate::exchange::package_head(&bytes) {
                if h.device_key.as_deref() == Some(me.public_key.as_str())
                    && newest.as_ref().is_none_or(|(n, _)| h.seq > n.seq)
                {
                    newest = Some((h, name));
                }
            }
        }
    }
    if let Some((h, name)) = newest {
        out.push(HeadCheck {
            source: match lang {
                Language::Nl => format!("het nieuwste pakket in de uitwisselmap ({name})"),
                Language::En => format!("the newest package in the exchange folder ({name})"),
            },
            outcome: compare_head(store, h.seq, &h.hash)?,
        });
    }
    Ok(out)
}

/// Words for the outcome of [`verify_against`].
pub fn describe_against(o: &AgainstOutcome, lang: Language) -> String {
    use Language::*;
    match (o, lang) {
        (AgainstOutcome::Holds { seq, since }, Nl) => format!("Het logboek bevat alles wat het bestand kende (tot en met gebeurtenis {seq}); daarna kwamen er {since} bij."),
        (AgainstOutcome::Holds { seq, since }, En) => format!("The log holds everything the file saw (up to event {seq}); {since} were added since."),
        (AgainstOutcome::Missing { from, to }, Nl) => format!("Er ontbreken gebeurtenissen in het logboek: {from} tot en met {to} stonden erin toen het bestand werd gemaakt en zijn nu weg."),
        (AgainstOutcome::Missing { from, to }, En) => format!("Events are missing from the log: {from} to {to} were there when the file was made and are gone now."),
        (AgainstOutcome::Rewritten { seq }, Nl) => format!("Het logboek is herschreven: gebeurtenis {seq} is niet meer dezelfde als toen het bestand werd gemaakt."),
        (AgainstOutcome::Rewritten { seq }, En) => format!("The log was rewritten: event {seq} is not the one it was when the file was made."),
        (AgainstOutcome::OtherDevice { name }, Nl) => format!("Dit bestand is gemaakt op een ander apparaat ({name}); het zegt niets over het logboek van deze computer."),
        (AgainstOutcome::OtherDevice { name }, En) => format!("This file was made on another device ({name}); it says nothing about this computer's log."),
        (AgainstOutcome::NoHead, Nl) => "Dit bestand bevat geen stand van het logboek.".into(),
        (AgainstOutcome::NoHead, En) => "This file records no log head.".into(),
    }
}

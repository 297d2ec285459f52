//! Plan packages (exchange format 2): one file with a plan's whole series — every version
//! with its status, reason and link, the seals and signatures with their device signatures,
//! the check-ins, agreements, evaluations and the plan's events — so a plan can travel
//! between the owner's and the employee's computer and stay provably the plan both signed.
//!
//! Import merges: what is new is added, the same package twice changes nothing, a draft
//! edited on both computers since they last exchanged is a conflict the user resolves, and a
//! sealed version is accepted only when its seal, fingerprint and device signatures verify.
//! Everything is checked before anything is written, and it is written in one transaction.

use crate::error::{CoreError, Result};
use crate::exchange::{self, ImportProblem, ImportTarget, FORMAT, MAX_FILE_BYTES};
use crate::signing::{lineage, next_version, seal_in, store_seal};
use chrono::{DateTime, NaiveDate, Utc};
use pop_domain::checkin::{Checkin, Evaluation, FollowUp};
use pop_domain::plan::{validate_content, Plan, PlanContent, PlanStatus};
use pop_domain::seal::{content_sha256, seal_of, signature_verifies, SealDocument};
use pop_domain::signing::{Party, Signature};
use pop_domain::{validate_person, Clock, Language, PersonInput, PersonStatus};
use pop_store::rusqlite::Connection;
use pop_store::signing::{self as sign_repo, EventRow};
use pop_store::{
    device as device_repo, exchange as repo, people as people_repo, plans as plans_repo,
    rhythm as rhythm_repo, Store, StoreError,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The format version of a plan package.
pub const PACKAGE_VERSION: u32 = 2;
/// The format version of a package that also carries the employer's share (the person's
/// budget and study-cost clauses, see [`crate::employer_share`]); the newest this build reads.
pub const SHARE_VERSION: u32 = 3;
/// Longest id accepted in a package (ours are 36-character UUIDs).
pub const MAX_ID_LEN: usize = 64;

/// A Groeikoers plan package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanPackage {
    /// Always "groeikoers-pop".
    pub format: String,
    /// 2 for a package; 1 is the older single-plan file (always imported as a draft).
    pub version: u32,
    /// The installation that made the package.
    pub made_by: PackageDevice,
    /// The maker's log head when the package was made (see `log verify --against`).
    pub log_head: LogHead,
    /// Who the plan is for, with an id that stays the same across computers.
    pub person: PackagePerson,
    /// Every version of the plan, oldest first; each links to the one before it.
    pub versions: Vec<PackageVersion>,
    /// Check-ins of the series (on the first version's id).
    #[serde(default)]
    pub checkins: Vec<Checkin>,
    /// Agreements made in check-ins.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    #[serde(default)]
    pub evaluations: Vec<PackageEvaluation>,
    /// The plan's events in the maker's log.
    #[serde(default)]
    pub events: Vec<PackageEvent>,
    /// Every device that signed a version in the package (public key and name).
    #[serde(default)]
    pub devices: Vec<PackageDevice>,
    /// Format 3: the person's budget and study-cost clauses as the owner's computer has them,
    /// signed by the device in `madeBy` (kept read-only on the employee's computer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<crate::employer_share::EmployerShare>,
    /// The Ed25519 signature (hex) of the device in `madeBy` over the package without this
    /// field: [`SIGNED_PREFIX`] followed by the package as compact JSON in this field order.
    /// A package without one, or with one that does not verify, is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// What a package signature covers, before the package's compact JSON.
pub const SIGNED_PREFIX: &str = "groeikoers-package\n";

/// The text a package's signature covers.
fn signed_text(p: &PlanPackage) -> String {
    let mut unsigned = p.clone();
    unsigned.signature = None;
    format!(
        "{SIGNED_PREFIX}{}",
        serde_json::to_string(&unsigned).expect("package types serialise")
    )
}

/// The package as its file holds it: signed by this device (when it has a key), pretty JSON
/// with a trailing newline.
fn package_text(store: &Store, mut p: PlanPackage) -> Result<String> {
    p.signature = None;
    if let Some(me) = device_repo::get(store.conn())? {
        if me.public_key == p.made_by.public_key {
            p.signature = pop_domain::seal::device_sign(&me.secret_key, &signed_text(&p));
        }
    }
    let mut text = serde_json::to_string_pretty(&p).expect("package types serialise");
    text.push('\n');
    Ok(text)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageDevice {
    /// Ed25519 public key, 64 hex digits.
    pub public_key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogHead {
    pub seq: i64,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackagePerson {
    pub id: String,
    pub full_name: String,
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageVersion {
    pub id: String,
    pub version: u32,
    pub status: PlanStatus,
    #[serde(default)]
    pub previous_version: Option<String>,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub carried_from: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub content: PlanContent,
    #[serde(default)]
    pub signatures: Vec<Signature>,
    /// Present for a sealed (signed) version.
    #[serde(default)]
    pub seal: Option<PackageSeal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageSeal {
    /// The sealed document, exactly as its SHA-256 was taken.
    pub canonical: String,
    pub sha256: String,
    pub fingerprint: String,
    pub sealed_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageEvaluation {
    pub plan_id: String,
    pub evaluated_on: NaiveDate,
    pub evaluation: Evaluation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackageEvent {
    pub seq: i64,
    pub at: String,
    pub plan_id: String,
    pub kind: String,
    pub detail: String,
    pub hash: String,
}

/// How to resolve a draft edited on both computers since they last exchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Take {
    /// Keep this computer's draft; the other one is not taken.
    Mine,
    /// Replace this computer's draft with the other one.
    Theirs,
    /// Keep this draft and add the other one as a separate draft plan.
    Both,
}

/// A draft edited on both computers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub version: u32,
    /// Where the two drafts differ (`focus`, `goals[0].title`, …), at most a few.
    pub fields: Vec<String>,
}

fn conflict(version: u32, mine: &PlanContent, theirs: &PlanContent) -> Conflict {
    let mut fields: Vec<String> = pop_domain::signing::field_changes(mine, theirs)
        .into_iter()
        .map(|c| c.path)
        .collect();
    if fields.len() > 5 {
        let more = fields.len() - 5;
        fields.truncate(5);
        fields.push(format!("+{more}"));
    }
    Conflict { version, fields }
}

/// Who the imported plan is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum PersonMatch {
    /// Already here (by the plan, by an earlier import, or chosen).
    Existing { id: String, full_name: String },
    /// Made from the package.
    New { full_name: String },
    /// Not known here yet: the user must choose a person or make a new one.
    Needed { full_name: String },
}

/// What an import will do (the preview) or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// The newest version of the plan in the package.
    pub plan_id: String,
    pub title: String,
    pub person: PersonMatch,
    /// Every change, in the user's language.
    pub changes: Vec<String>,
    /// Drafts edited on both computers, in the user's language (empty once resolved).
    pub conflicts: Vec<String>,
    /// Nothing to do: the package brings nothing new.
    pub up_to_date: bool,
    /// Whether the changes were written (false for a preview).
    pub applied: bool,
    /// The computer that made the package (none for an old single-plan file).
    pub made_by: Option<PackageMaker>,
}

/// How a conflict can be resolved.
fn describe_take_needed(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "Kies per conflict: mijn versie houden, die van de ander nemen, of allebei houden (CLI: --take mine|theirs|both).",
        Language::En => "Choose for each conflict: keep mine, take theirs, or keep both (CLI: --take mine|theirs|both).",
    }
}

/// Words for a conflict.
pub fn describe_conflict(c: &Conflict, lang: Language) -> String {
    match lang {
        Language::Nl => format!(
            "Versie {} is op beide computers bewerkt sinds de laatste uitwisseling (verschil in: {}). Er is niets geïmporteerd. {}",
            c.version, c.fields.join(", "), describe_take_needed(lang)
        ),
        Language::En => format!(
            "Version {} was edited on both computers since they last exchanged (differs in: {}). Nothing was imported. {}",
            c.version, c.fields.join(", "), describe_take_needed(lang)
        ),
    }
}

// ----------------------------------------------------------------------------------------
// Export

/// The first version of the series `id` belongs to, and every version in order.
fn series(conn: &Connection, id: &str) -> Result<Vec<Plan>> {
    let plan = plans_repo::get(conn, id)?.ok_or_else(|| CoreError::NotFound {
        what: crate::error::Entity::Plan,
        id: id.to_owned(),
    })?;
    let mut ids = lineage(conn, &plan)?;
    ids.reverse();
    let mut out = Vec::new();
    for id in &ids {
        if let Some(p) = plans_repo::get(conn, id)? {
            out.push(p);
        }
    }
    let mut last = plan.id.clone();
    while let Some(next) = next_version(conn, &last)? {
        if out.iter().any(|p| p.id == next) {
            break;
        }
        if let Some(p) = plans_repo::get(conn, &next)? {
            out.push(p);
        }
        last = next;
    }
    Ok(out)
}

/// The package of the plan series `id` belongs to (deterministic bytes: pretty JSON with a
/// fixed field order and a trailing newline).
pub fn export_package(store: &Store, id: &str) -> Result<String> {
    package_text(store, build_package(store, id)?)
}

/// Like [`export_package`], and on the owner's computer with the person's budget and
/// study-cost clauses signed by this device (format 3; format 2 when there is nothing to
/// share).
pub fn export_package_shared(store: &mut Store, clock: &dyn Clock, id: &str) -> Result<String> {
    let mut package = build_package(store, id)?;
    package.employer = crate::employer_share::build(store, clock, &package.person.id)?;
    if package.employer.is_some() {
        package.version = SHARE_VERSION;
    }
    package_text(store, package)
}

/// The package of the plan series `id` belongs to, as data.
pub(crate) fn build_package(store: &Store, id: &str) -> Result<PlanPackage> {
    let conn = store.conn();
    let versions = series(conn, id)?;
    let first = versions.first().expect("a series has a version").clone();
    let person = people_repo::get(conn, &first.person_id)?.ok_or_else(|| CoreError::NotFound {
        what: crate::error::Entity::Person,
        id: first.person_id.clone(),
    })?;
    let mut devices: Vec<PackageDevice> = Vec::new();
    let mut out_versions = Vec::new();
    for v in &versions {
        let signatures = sign_repo::signatures(conn, &v.id)?;
        for s in &signatures {
            if !s.device_key.is_empty() && !devices.iter().any(|d| d.public_key == s.device_key) {
                devices.push(PackageDevice {
                    public_key: s.device_key.clone(),
                    name: s.device_name.clone(),
                });
            }
        }
        let seal = sign_repo::snapshot(conn, &v.id)?.map(|s| PackageSeal {
            canonical: s.canonical,
            sha256: s.sha256,
            fingerprint: s.fingerprint,
            sealed_at: s.frozen_at,
        });
        out_versions.push(PackageVersion {
            id: v.id.clone(),
            version: v.version,
            status: v.status,
            previous_version: v.previous_version.clone(),
            reason: v.version_reason.clone(),
            carried_from: v.carried_from.clone(),
            created_at: v.created_at,
            updated_at: v.updated_at,
            content: v.content.clone(),
            signatures,
            seal,
        });
    }
    devices.sort_by(|a, b| a.public_key.cmp(&b.public_key));
    let ids: Vec<String> = versions.iter().map(|v| v.id.clone()).collect();
    let mut evaluations = Vec::new();
    for v in &versions {
        if let Some((evaluation, evaluated_on)) = rhythm_repo::get_evaluation(conn, &v.id)? {
            evaluations.push(PackageEvaluation {
                plan_id: v.id.clone(),
                evaluated_on,
                evaluation,
            });
        }
    }
    let me = device_repo::get(conn)?;
    let (seq, hash) = sign_repo::log_head(conn)?;
    let package = PlanPackage {
        format: FORMAT.into(),
        version: PACKAGE_VERSION,
        made_by: PackageDevice {
            public_key: me
                .as_ref()
                .map(|d| d.public_key.clone())
                .unwrap_or_default(),
            name: me.map(|d| d.name).unwrap_or_default(),
        },
        log_head: LogHead { seq, hash },
        person: PackagePerson {
            id: person.id,
            full_name: person.full_name,
            role: person.role,
        },
        checkins: rhythm_repo::checkins_of(conn, &first.id)?,
        follow_ups: rhythm_repo::follow_ups(conn, Some(&first.id))?,
        evaluations,
        events: sign_repo::plan_events(conn, &ids)?
            .into_iter()
            .map(|e| PackageEvent {
                seq: e.seq,
                at: e.at,
                plan_id: e.plan_id,
                kind: e.kind,
                detail: e.detail,
                hash: e.hash,
            })
            .collect(),
        versions: out_versions,
        devices,
        employer: None,
        signature: None,
    };
    Ok(package)
}

/// Writes the package of a plan to `path`, and remembers what was exchanged (so a later
/// import can tell which side edited a draft).
pub fn export_package_to_file(
    store: &mut Store,
    clock: &dyn Clock,
    id: &str,
    path: &std::path::Path,
) -> Result<()> {
    crate::files::check_output(store, path)?;
    crate::device::identity(store, clock)?;
    let text = export_package_shared(store, clock, id)?;
    crate::files::write_output(store, path, text.as_bytes())?;
    let versions = series(store.conn(), id)?;
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        for v in &versions {
            repo::set_base(tx, &v.id, &content_sha256(&v.content), &at)?;
        }
        sign_repo::log_event(tx, &at, Some(id), "exported", "package")
    })?;
    Ok(())
}

// ----------------------------------------------------------------------------------------
// Reading and checking a package

fn invalid(detail: impl Into<String>) -> CoreError {
    CoreError::Import(ImportProblem::Invalid {
        detail: detail.into(),
    })
}

fn check_id(what: &str, id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
            "{what}: an id must be 1 to {MAX_ID_LEN} letters, digits, '-' or '_' (found {} characters)",
            id.chars().count()
        )))
    }
}

/// Item ids inside a content (goals, actions, measure points, support) must be present and
/// unique: reminders and progress are keyed by them.
fn check_item_ids(at: &str, c: &PlanContent) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let mut items: Vec<(String, &str)> = Vec::new();
    for (g, goal) in c.goals.iter().enumerate() {
        items.push((format!("{at}.content.goals[{g}].id"), &goal.id));
        for (a, action) in goal.actions.iter().enumerate() {
            items.push((
                format!("{at}.content.goals[{g}].actions[{a}].id"),
                &action.id,
            ));
        }
        for (m, measure) in goal.measures.iter().enumerate() {
            items.push((
                format!("{at}.content.goals[{g}].measures[{m}].id"),
                &measure.id,
            ));
        }
    }
    for (i, s) in c.support.iter().enumerate() {
        items.push((format!("{at}.content.support[{i}].id"), &s.id));
    }
    for (path, id) in items {
        check_id(&path, id)?;
        if !seen.insert(id) {
            return Err(invalid(format!("{path}: the id {id:?} is used twice")));
        }
    }
    Ok(())
}

/// Reads a package or a format-1 file completely and checks everything that can be
/// checked without the store: ids, contents, the version chain, every seal and signature.
pub fn parse_package(bytes: &[u8]) -> Result<Incoming> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match exchange::read_header(bytes)? {
        Some(1) => return Ok(Incoming::V1(Box::new(exchange::parse_exchange(bytes)?))),
        Some(v) if v == u64::from(PACKAGE_VERSION) || v == u64::from(SHARE_VERSION) => {}
        Some(v) if v > u64::from(SHARE_VERSION) => {
            return Err(CoreError::Import(ImportProblem::NewerVersion { found: v }))
        }
        _ => return Err(invalid("version: must be 1, 2 or 3")),
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut p: PlanPackage = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        CoreError::Import(ImportProblem::Invalid {
            detail: e.to_string(),
        })
    })?;
    // What the maker signed, taken before the checks below normalise anything.
    let text = signed_text(&p);
    check_package(&mut p)?;
    if !lower_hex_key(&p.made_by.public_key) {
        return Err(invalid(
            "madeBy.publicKey: a public key must be 64 lower-case hex digits",
        ));
    }
    let signed = p
        .signature
        .as_deref()
        .is_some_and(|sig| pop_domain::seal::device_verify(&p.made_by.public_key, &text, sig));
    if !signed {
        return Err(invalid(if p.signature.is_none() {
            "signature: the package is not signed by the computer that made it"
        } else {
            "signature: the package's signature does not verify against madeBy (the package was changed after it was made)"
        }));
    }
    Ok(Incoming::V2(Box::new(p)))
}

/// What a file holds.
#[derive(Debug, Clone)]
pub enum Incoming {
    V1(Box<exchange::ExchangeFile>),
    V2(Box<PlanPackage>),
}

/// Keys are lower-case hex, so one key has one code (K-…) everywhere.
fn lower_hex_key(k: &str) -> bool {
    k.len() == 64 && k.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

fn check_package(p: &mut PlanPackage) -> Result<()> {
    check_id("person.id", &p.person.id)?;
    if let Some(share) = &p.employer {
        crate::employer_share::check(share, &p.made_by.public_key, &p.person.id)?;
    }
    validate_person(&PersonInput {
        full_name: p.person.full_name.clone(),
        role: p.person.role.clone(),
        ..Default::default()
    })?;
    if p.versions.is_empty() {
        return Err(invalid("versions: the package holds no version"));
    }
    if p.versions.len() > 200 {
        return Err(invalid("versions: more than 200 versions"));
    }
    for d in &p.devices {
        if !lower_hex_key(&d.public_key) {
            return Err(invalid(
                "devices: a public key must be 64 lower-case hex digits",
            ));
        }
        if d.name.chars().count() > 200 {
            return Err(invalid("devices: a device name is too long"));
        }
    }
    let mut ids = std::collections::HashSet::new();
    for i in 0..p.versions.len() {
        let at = format!("versions[{i}]");
        let prev_id = if i == 0 {
            None
        } else {
            Some(p.versions[i - 1].id.clone())
        };
        let prev_number = if i == 0 { 0 } else { p.versions[i - 1].version };
        let devices = p.devices.clone();
        let v = &mut p.versions[i];
        check_id(&format!("{at}.id"), &v.id)?;
        if !ids.insert(v.id.clone()) {
            return Err(invalid(format!(
                "{at}.id: the version {:?} appears twice",
                v.id
            )));
        }
        if v.previous_version != prev_id || v.version != prev_number + 1 {
            return Err(invalid(format!(
                "{at}: versions must follow each other (version {}, after {prev_number})",
                v.version
            )));
        }
        if let Some(c) = &v.carried_from {
            check_id(&format!("{at}.carriedFrom"), c)?;
        }
        if v.reason.chars().count() > pop_domain::plan::MAX_LINE {
            return Err(invalid(format!("{at}.reason: too long")));
        }
        let content = validate_content(v.content.clone())?;
        if content != v.content {
            if v.seal.is_some() {
                return Err(invalid(format!(
                    "{at}.content: not as it was sealed (it is not in its stored form)"
                )));
            }
            v.content = content;
        }
        check_item_ids(&at, &v.content)?;
        let mut parties = Vec::new();
        for (j, s) in v.signatures.iter().enumerate() {
            let sat = format!("{at}.signatures[{j}]");
            if parties.contains(&s.party) {
                return Err(invalid(format!("{sat}: two signatures of the same party")));
            }
            parties.push(s.party);
            pop_domain::signing::validate_sign_input(
                &pop_domain::signing::SignInput {
                    party: s.party,
                    full_name: s.full_name.clone(),
                    signed_on: Some(s.signed_on.to_string()),
                    consent: true,
                    strokes: s.strokes.clone(),
                    despite_findings: false,
                },
                s.signed_on,
            )?;
            if s.device_key.is_empty() && v.seal.is_none() {
                return Err(invalid(format!(
                    "{sat}: the signature has no device signature"
                )));
            }
            if !s.device_key.is_empty() {
                if !devices.iter().any(|d| d.public_key == s.device_key) {
                    return Err(invalid(format!("{sat}: signed with an unknown device key")));
                }
                if !signature_verifies(&v.id, v.version, &v.content, s) {
                    return Err(invalid(format!(
                        "{sat}: the device signature does not verify (the signature or the content was changed)"
                    )));
                }
            }
        }
        match (&v.seal, v.status) {
            (None, PlanStatus::Draft) => {}
            (None, status) => {
                return Err(invalid(format!(
                    "{at}.status: \"{}\" but the version has no seal",
                    status.as_str()
                )))
            }
            (Some(_), PlanStatus::Draft) => {
                return Err(invalid(format!("{at}.seal: a draft cannot be sealed")))
            }
            (Some(seal), _) => check_seal_of(&at, v, seal)?,
        }
    }
    let series = p.versions[0].id.clone();
    let mut checkin_ids = std::collections::HashSet::new();
    for (i, c) in p.checkins.iter().enumerate() {
        let at = format!("checkins[{i}]");
        check_id(&format!("{at}.id"), &c.id)?;
        if c.plan_id != series {
            return Err(invalid(format!("{at}.planId: not this plan")));
        }
        if !checkin_ids.insert(c.id.clone()) {
            return Err(invalid(format!("{at}.id: the check-in appears twice")));
        }
        if c.slot == Some(0) {
            return Err(invalid(format!("{at}.slot: check-ins are numbered from 1")));
        }
        pop_domain::checkin::validate_grow(&c.grow)?;
        pop_domain::checkin::validate_progress(&c.progress)?;
        if c.skip_reason.chars().count() > pop_domain::plan::MAX_LINE {
            return Err(invalid(format!("{at}.skipReason: too long")));
        }
    }
    let mut follow_up_ids = std::collections::HashSet::new();
    for (i, f) in p.follow_ups.iter().enumerate() {
        let at = format!("followUps[{i}]");
        check_id(&format!("{at}.id"), &f.id)?;
        if f.plan_id != series {
            return Err(invalid(format!("{at}.planId: not this plan")));
        }
        if !follow_up_ids.insert(f.id.clone()) {
            return Err(invalid(format!("{at}.id: the agreement appears twice")));
        }
        pop_domain::checkin::validate_follow_up(
            &pop_domain::checkin::FollowUpInput {
                description: f.description.clone(),
                owner: f.owner.clone(),
                due: f.due.map(|d| d.to_string()),
            },
            None,
        )?;
    }
    for (i, e) in p.evaluations.iter().enumerate() {
        if !ids.contains(&e.plan_id) {
            return Err(invalid(format!(
                "evaluations[{i}].planId: not a version in the package"
            )));
        }
        pop_domain::checkin::validate_evaluation(&e.evaluation)?;
    }
    if p.events.len() > 100_000 {
        return Err(invalid("events: too many"));
    }
    for (i, e) in p.events.iter().enumerate() {
        if !ids.contains(&e.plan_id) || e.detail.len() > 10_000 || e.kind.len() > 100 {
            return Err(invalid(format!("events[{i}]: not an event of this plan")));
        }
    }
    Ok(())
}

/// A seal in a package must hash to its fingerprint and cover exactly the version's content
/// and signatures, each device signature verifying.
fn check_seal_of(at: &str, v: &PackageVersion, seal: &PackageSeal) -> Result<()> {
    let (sha, fp) = seal_of(&seal.canonical);
    if sha != seal.sha256 {
        return Err(invalid(format!(
            "{at}.seal: the sealed document does not match its SHA-256"
        )));
    }
    if fp != seal.fingerprint {
        return Err(invalid(format!(
            "{at}.seal: the fingerprint does not belong to the seal"
        )));
    }
    let problems = pop_domain::seal::check_seal(
        &seal.canonical,
        &seal.sha256,
        &seal.fingerprint,
        &v.id,
        v.version,
        &v.content,
        &v.signatures,
    );
    if let Some(first) = problems.first() {
        return Err(invalid(format!(
            "{at}.seal: {}",
            first.describe(Language::En)
        )));
    }
    // What the seal says beside the content and signatures: the version it follows, and
    // the person as the employee signed (the device signatures do not cover these).
    if let Some(SealDocument::V2(doc)) = SealDocument::parse(&seal.canonical) {
        if doc.previous_version != v.previous_version {
            return Err(invalid(format!(
                "{at}.seal: the sealed document follows another version than the package says"
            )));
        }
        if let Some(employee) = v.signatures.iter().find(|s| s.party == Party::Employee) {
            if doc.person_name != employee.full_name {
                return Err(invalid(format!(
                    "{at}.seal: the sealed document names {:?}, not {:?} who signed as the employee",
                    doc.person_name, employee.full_name
                )));
            }
        }
    }
    if matches!(
        SealDocument::parse(&seal.canonical),
        Some(SealDocument::Legacy(_))
    ) && v.signatures.iter().any(|s| !s.device_key.is_empty())
    {
        return Err(invalid(format!(
            "{at}.seal: an old seal with new signatures"
        )));
    }
    Ok(())
}

/// The log head a package recorded, for `log verify --against`.
pub fn package_head(bytes: &[u8]) -> Result<Option<crate::signing::RecordedHead>> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Head {
        made_by: Option<PackageDevice>,
        log_head: Option<LogHead>,
    }
    let head: Head = serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| {
        CoreError::Import(ImportProblem::NotJson {
            detail: e.to_string(),
        })
    })?;
    Ok(head.log_head.map(|h| crate::signing::RecordedHead {
        seq: h.seq,
        hash: h.hash,
        device_key: head.made_by.map(|d| d.public_key).filter(|k| !k.is_empty()),
    }))
}

// ----------------------------------------------------------------------------------------
// Merging

/// One thing the merge does.
#[derive(Debug, Clone)]
enum Step {
    NewPerson(pop_domain::Person),
    Alias {
        remote: String,
        local: String,
    },
    AddVersion(usize),
    /// Take the other computer's content and signatures for a draft here.
    TakeDraft(usize),
    /// Keep both: the other draft becomes a separate plan.
    CopyAsPlan(usize, String),
    AddSignature(usize, Signature),
    ReplaceSignatures(usize),
    /// The seal arrives with the package.
    ImportSeal(usize),
    /// All required signatures are now here: seal on this computer.
    SealHere(usize),
    Status(usize, PlanStatus),
    AddCheckin(usize),
    UpdateCheckin(usize),
    AddFollowUp(usize),
    FollowUpDone(usize),
    AddEvaluation(usize),
    Devices,
    Events,
    Base,
    /// Keep the employer's share (budget and clauses) of a newer date (personal mode).
    KeepShare,
    /// Pair the package's device (`plan import --pair`, or confirmed in the app).
    Pair(pop_store::pairing::PairedRow),
}

struct Merge {
    person_id: String,
    person: PersonMatch,
    steps: Vec<Step>,
    conflicts: Vec<Conflict>,
    skipped: Vec<String>,
}

fn rank(s: PlanStatus) -> u8 {
    match s {
        PlanStatus::Draft => 0,
        PlanStatus::Active => 1,
        PlanStatus::Evaluated => 2,
        PlanStatus::Closed => 3,
    }
}

fn event_rows(p: &PlanPackage) -> Vec<EventRow> {
    p.events
        .iter()
        .map(|e| EventRow {
            seq: e.seq,
            at: e.at.clone(),
            plan_id: e.plan_id.clone(),
            kind: e.kind.clone(),
            detail: e.detail.clone(),
            hash: e.hash.clone(),
        })
        .collect()
}

fn plan_merge(
    store: &Store,
    clock: &dyn Clock,
    p: &PlanPackage,
    target: Option<&ImportTarget>,
    take: Option<Take>,
    trust: &crate::pairing::Trust,
) -> Result<Merge> {
    let conn = store.conn();
    let mut steps = Vec::new();
    // Who the plan is for: the plan's person when any version is here; a person id seen
    // before; the same id; else the user's choice.
    let here = p
        .versions
        .iter()
        .find_map(|v| plans_repo::get(conn, &v.id).ok().flatten());
    let known = match &here {
        Some(plan) => Some(plan.person_id.clone()),
        None => match repo::alias(conn, &p.person.id)? {
            Some(id) => Some(id),
            None => people_repo::get(conn, &p.person.id)?.map(|x| x.id),
        },
    };
    let (person_id, person) = match (known, target) {
        (Some(id), _) => {
            let name = people_repo::get(conn, &id)?
                .map(|x| x.full_name)
                .unwrap_or_default();
            (
                id.clone(),
                PersonMatch::Existing {
                    id,
                    full_name: name,
                },
            )
        }
        (None, Some(ImportTarget::Person(id))) => {
            let person = people_repo::get(conn, id)?.ok_or_else(|| {
                pop_domain::ValidationError::new(
                    pop_domain::Field::Person,
                    pop_domain::Problem::UnknownPerson,
                )
            })?;
            if person.id != p.person.id {
                steps.push(Step::Alias {
                    remote: p.person.id.clone(),
                    local: person.id.clone(),
                });
            }
            (
                person.id.clone(),
                PersonMatch::Existing {
                    id: person.id,
                    full_name: person.full_name,
                },
            )
        }
        (None, Some(ImportTarget::NewPerson)) => {
            let valid = validate_person(&PersonInput {
                full_name: p.person.full_name.clone(),
                role: p.person.role.clone(),
                ..Default::default()
            })?;
            let now = clock.now();
            steps.push(Step::NewPerson(pop_domain::Person {
                id: p.person.id.clone(),
                full_name: valid.full_name.clone(),
                role: valid.role,
                manager_id: None,
                start_date: None,
                email: None,
                status: PersonStatus::Active,
                left_on: None,
                created_at: now,
                updated_at: now,
            }));
            (
                p.person.id.clone(),
                PersonMatch::New {
                    full_name: valid.full_name,
                },
            )
        }
        (None, None) => (
            String::new(),
            PersonMatch::Needed {
                full_name: p.person.full_name.clone(),
            },
        ),
    };
    let mut conflicts = Vec::new();
    let mut skipped = Vec::new();
    // This computer's key: what it signed is never replaced or removed from outside.
    let own_key = device_repo::get(conn)?
        .map(|d| d.public_key)
        .unwrap_or_default();
    // A seal that is new here must carry a device signature for every signature: a seal
    // without one (the old format) is accepted only for versions already sealed here.
    let unsigned_seal = |i: usize, v: &PackageVersion| -> Result<()> {
        match v.signatures.iter().position(|s| s.device_key.is_empty()) {
            Some(j) if v.seal.is_some() => Err(invalid(format!(
                "versions[{i}].signatures[{j}]: a signature in a sealed version without a device signature"
            ))),
            _ => Ok(()),
        }
    };
    // A version skipped (kept mine) stops the versions after it.
    let mut stop = false;
    for (i, v) in p.versions.iter().enumerate() {
        if stop {
            skipped.push(v.id.clone());
            continue;
        }
        let Some(local) = plans_repo::get(conn, &v.id)? else {
            unsigned_seal(i, v)?;
            // A different next version of the same version here: made on both computers.
            if let Some(prev) = &v.previous_version {
                if let Some(other) = next_version(conn, prev)? {
                    let mine = plans_repo::get(conn, &other)?
                        .map(|x| x.content)
                        .unwrap_or_default();
                    match take {
                        Some(Take::Mine) => {
                            stop = true;
                            skipped.push(v.id.clone());
                        }
                        Some(Take::Both) | Some(Take::Theirs) => {
                            steps.push(Step::CopyAsPlan(i, crate::new_id()));
                            stop = true;
                        }
                        None => conflicts.push(conflict(v.version, &mine, &v.content)),
                    }
                    continue;
                }
            }
            steps.push(Step::AddVersion(i));
            continue;
        };
        if local.person_id != person_id && !person_id.is_empty() {
            return Err(invalid(format!(
                "versions[{i}]: this plan belongs to another person here"
            )));
        }
        let local_seal = sign_repo::snapshot(conn, &v.id)?;
        let local_sigs = sign_repo::signatures(conn, &v.id)?;
        match (&local_seal, &v.seal) {
            (Some(mine), Some(theirs)) => {
                if mine.fingerprint != theirs.fingerprint {
                    return Err(invalid(format!(
                        "versions[{i}].seal: version {} is sealed differently here ({} against {})",
                        v.version, mine.fingerprint, theirs.fingerprint
                    )));
                }
                if rank(v.status) > rank(local.status) {
                    steps.push(Step::Status(i, v.status));
                }
            }
            (Some(_), None) => {} // This computer is further along.
            (None, Some(_)) => {
                unsigned_seal(i, v)?;
                if let Some(mine) = local_sigs.iter().find(|s| {
                    !own_key.is_empty() && s.device_key == own_key && !v.signatures.contains(s)
                }) {
                    return Err(invalid(format!(
                        "versions[{i}].signatures: the package would replace the {} signature of {} made on this computer",
                        mine.party.as_str(),
                        mine.full_name
                    )));
                }
                let same = local.content == v.content;
                let base = repo::base(conn, &v.id)?;
                let edited_here = !same && base.as_deref() != Some(&content_sha256(&local.content));
                if edited_here {
                    match take {
                        Some(Take::Mine) => {
                            stop = true;
                            skipped.push(v.id.clone());
                            continue;
                        }
                        Some(Take::Both) => steps.push(Step::CopyAsPlan(i, crate::new_id())),
                        Some(Take::Theirs) => {}
                        None => {
                            conflicts.push(conflict(v.version, &local.content, &v.content));
                            continue;
                        }
                    }
                    if take == Some(Take::Both) {
                        stop = true;
                        continue;
                    }
                }
                if !same {
                    steps.push(Step::TakeDraft(i));
                } else if local_sigs.iter().any(|s| !v.signatures.contains(s)) {
                    steps.push(Step::ReplaceSignatures(i));
                } else {
                    for s in &v.signatures {
                        if !local_sigs.contains(s) {
                            steps.push(Step::AddSignature(i, s.clone()));
                        }
                    }
                }
                steps.push(Step::ImportSeal(i));
                steps.push(Step::Status(i, v.status));
            }
            (None, None) => {
                if local.status != PlanStatus::Draft {
                    // Activated here without a seal cannot happen; leave it.
                    continue;
                }
                let sha_mine = content_sha256(&local.content);
                let sha_theirs = content_sha256(&v.content);
                let base = repo::base(conn, &v.id)?;
                let mut sigs_after = local_sigs.clone();

                if sha_mine != sha_theirs {
                    let edited_here = base.as_deref() != Some(&sha_mine);
                    let edited_there = base.as_deref() != Some(&sha_theirs);
                    if !edited_there {
                        continue; // Only this computer changed it: keep mine.
                    }
                    // A draft signed here is locked: its content no longer changes from
                    // outside, and no signature recorded here is dropped with it.
                    if let Some(s) = local_sigs.first() {
                        return Err(invalid(format!(
                            "versions[{i}].content: version {} is signed here by {} ({}); its content can no longer change",
                            v.version,
                            s.full_name,
                            s.party.as_str()
                        )));
                    }
                    if edited_here {
                        match take {
                            Some(Take::Mine) => {
                                stop = true;
                                skipped.push(v.id.clone());
                                continue;
                            }
                            Some(Take::Both) => {
                                steps.push(Step::CopyAsPlan(i, crate::new_id()));
                                stop = true;
                                continue;
                            }
                            Some(Take::Theirs) => {}
                            None => {
                                conflicts.push(conflict(v.version, &local.content, &v.content));
                                continue;
                            }
                        }
                    }
                    steps.push(Step::TakeDraft(i));
                    sigs_after = v.signatures.clone();
                } else {
                    for s in &v.signatures {
                        if !local_sigs.iter().any(|l| l.party == s.party) {
                            steps.push(Step::AddSignature(i, s.clone()));
                            sigs_after.push(s.clone());
                        }
                    }
                }
                // Exchanged plans are agreed by both parties (see `required_for`).
                let required = pop_domain::signing::required_parties(false);
                let changed = sigs_after.len() > local_sigs.len() || sha_mine != sha_theirs;
                if changed
                    && required
                        .iter()
                        .all(|p| sigs_after.iter().any(|s| s.party == *p))
                {
                    steps.push(Step::SealHere(i));
                }
            }
        }
    }
    // Every signature that is new here must come from a key paired for its party.
    for step in &steps {
        let (i, new): (usize, Vec<&Signature>) = match step {
            Step::AddVersion(i)
            | Step::TakeDraft(i)
            | Step::ReplaceSignatures(i)
            | Step::CopyAsPlan(i, _) => (*i, p.versions[*i].signatures.iter().collect()),
            Step::AddSignature(i, s) => (*i, vec![s]),
            _ => continue,
        };
        let v = &p.versions[i];
        let local = sign_repo::signatures(conn, &v.id)?;
        for s in new {
            if local.contains(s) {
                continue;
            }
            let j = v.signatures.iter().position(|x| x == s).unwrap_or_default();
            trust.check_signer(
                conn,
                &format!("versions[{i}].signatures[{j}]"),
                &person_id,
                s,
            )?;
        }
    }
    // Ids are scoped to their plan: a check-in or agreement id that belongs to another plan
    // here is refused, naming it, instead of overwriting that plan's (or failing the store).
    let foreign = |agreement: bool, id: &str, plan_id: String| {
        CoreError::Import(ImportProblem::ForeignId {
            agreement,
            id: id.to_owned(),
            plan_id,
        })
    };
    for f in &p.follow_ups {
        if let Some(other) = rhythm_repo::follow_up_plan(conn, &f.id)? {
            if other != f.plan_id {
                return Err(foreign(true, &f.id, other));
            }
        }
    }
    for (i, c) in p.checkins.iter().enumerate() {
        match rhythm_repo::get_checkin(conn, &c.id)? {
            Some(mine) if mine.plan_id != c.plan_id => {
                return Err(foreign(false, &c.id, mine.plan_id));
            }
            None => {
                let slot_taken = match c.slot {
                    Some(slot) => rhythm_repo::checkin_by_slot(conn, &c.plan_id, slot)?.is_some(),
                    None => false,
                };
                if !slot_taken {
                    steps.push(Step::AddCheckin(i));
                }
            }
            // What was written in a check-in on this computer is never replaced from outside.
            Some(mine)
                if mine != *c && rhythm_repo::checkin_written_here(conn, &c.plan_id, &c.id)? => {}
            Some(mine) if mine != *c && c.revision > mine.revision => {
                steps.push(Step::UpdateCheckin(i))
            }
            Some(mine)
                if mine != *c && c.revision == mine.revision && c.updated_at > mine.updated_at =>
            {
                steps.push(Step::UpdateCheckin(i))
            }
            Some(_) => {}
        }
    }
    let local_follow_ups = rhythm_repo::follow_ups(conn, Some(&p.versions[0].id))?;
    for (i, f) in p.follow_ups.iter().enumerate() {
        match local_follow_ups.iter().find(|l| l.id == f.id) {
            None => steps.push(Step::AddFollowUp(i)),
            Some(l) if f.done && !l.done => steps.push(Step::FollowUpDone(i)),
            Some(_) => {}
        }
    }
    for (i, e) in p.evaluations.iter().enumerate() {
        if rhythm_repo::get_evaluation(conn, &e.plan_id)?.is_none() {
            steps.push(Step::AddEvaluation(i));
        }
    }
    let device_key = p.made_by.public_key.clone();
    let new_devices = p
        .devices
        .iter()
        .chain(std::iter::once(&p.made_by))
        .filter(|d| !d.public_key.is_empty())
        .any(|d| {
            device_repo::known_name(conn, &d.public_key)
                .ok()
                .flatten()
                .is_none()
        });
    if new_devices {
        steps.push(Step::Devices);
    }
    if !device_key.is_empty() && !repo::has_foreign_events(conn, &device_key, &event_rows(p))? {
        steps.push(Step::Events);
    }
    let base_changes = p
        .versions
        .iter()
        .try_fold(false, |any, v| -> Result<bool> {
            Ok(any
                || (plans_repo::get(conn, &v.id)?.is_some()
                    && repo::base(conn, &v.id)?.as_deref() != Some(&content_sha256(&v.content))))
        })?;
    let writes_versions = steps.iter().any(|s| {
        matches!(
            s,
            Step::AddVersion(_) | Step::TakeDraft(_) | Step::SealHere(_) | Step::ImportSeal(_)
        )
    });
    if base_changes || writes_versions {
        steps.push(Step::Base);
    }
    Ok(Merge {
        person_id,
        person,
        steps,
        conflicts,
        skipped,
    })
}

fn version_plan(
    v: &PackageVersion,
    person_id: &str,
    conn: &Connection,
) -> std::result::Result<Plan, StoreError> {
    Ok(Plan {
        id: v.id.clone(),
        person_id: person_id.to_owned(),
        status: v.status,
        carried_from: match &v.carried_from {
            Some(id) if plans_repo::get(conn, id)?.is_some() => Some(id.clone()),
            _ => None,
        },
        content: v.content.clone(),
        created_at: v.created_at,
        updated_at: v.updated_at,
        version: v.version,
        previous_version: v.previous_version.clone(),
        version_reason: v.reason.clone(),
    })
}

fn apply(store: &mut Store, clock: &dyn Clock, p: &PlanPackage, merge: &Merge) -> Result<()> {
    let at = clock.now().to_rfc3339();
    let today = clock.today();
    store.write(|tx| {
        for step in &merge.steps {
            match step {
                Step::NewPerson(person) => people_repo::insert(tx, person)?,
                Step::Alias { remote, local } => repo::set_alias(tx, remote, local)?,
                Step::AddVersion(i) => {
                    let v = &p.versions[*i];
                    let plan = version_plan(v, &merge.person_id, tx)?;
                    plans_repo::insert(tx, &plan)?;
                    for s in &v.signatures {
                        sign_repo::insert_signature(tx, &v.id, s)?;
                    }
                    if let Some(seal) = &v.seal {
                        store_seal(tx, &v.id, seal.canonical.clone(), &at, "sealed-import")?;
                    }
                    sign_repo::log_event(
                        tx,
                        &at,
                        Some(&v.id),
                        "imported",
                        &format!("version {}", v.version),
                    )?;
                }
                Step::TakeDraft(i) => {
                    let v = &p.versions[*i];
                    let mut plan = plans_repo::get(tx, &v.id)?
                        .ok_or_else(|| StoreError::Corrupt(v.id.clone()))?;
                    plan.content = v.content.clone();
                    plan.updated_at = v.updated_at;
                    plan.status = PlanStatus::Draft;
                    plans_repo::update(tx, &plan)?;
                    tx.execute("DELETE FROM plan_signature WHERE plan_id = ?1", [&v.id])?;
                    for s in &v.signatures {
                        sign_repo::insert_signature(tx, &v.id, s)?;
                    }
                    sign_repo::log_event(
                        tx,
                        &at,
                        Some(&v.id),
                        "imported",
                        "draft taken from package",
                    )?;
                }
                Step::CopyAsPlan(i, new_id) => {
                    let v = &p.versions[*i];
                    let mut content = v.content.clone();
                    content.title = format!("{} (2)", content.title)
                        .chars()
                        .take(pop_domain::plan::MAX_LINE)
                        .collect();
                    let now = clock.now();
                    let plan = Plan {
                        id: new_id.clone(),
                        person_id: merge.person_id.clone(),
                        status: PlanStatus::Draft,
                        carried_from: None,
                        content,
                        created_at: now,
                        updated_at: now,
                        version: 1,
                        previous_version: None,
                        version_reason: String::new(),
                    };
                    plans_repo::insert(tx, &plan)?;
                    sign_repo::log_event(
                        tx,
                        &at,
                        Some(new_id),
                        "imported",
                        &format!("copy of {}", v.id),
                    )?;
                }
                Step::AddSignature(i, s) => {
                    let v = &p.versions[*i];
                    sign_repo::insert_signature(tx, &v.id, s)?;
                    sign_repo::log_event(
                        tx,
                        &at,
                        Some(&v.id),
                        "signed",
                        &format!("{}: {} (imported)", s.party.as_str(), s.full_name),
                    )?;
                }
                Step::ReplaceSignatures(i) => {
                    let v = &p.versions[*i];
                    tx.execute("DELETE FROM plan_signature WHERE plan_id = ?1", [&v.id])?;
                    for s in &v.signatures {
                        sign_repo::insert_signature(tx, &v.id, s)?;
                    }
                }
                Step::ImportSeal(i) => {
                    let v = &p.versions[*i];
                    let seal = v.seal.as_ref().expect("only for sealed versions");
                    store_seal(tx, &v.id, seal.canonical.clone(), &at, "sealed-import")?;
                }
                Step::SealHere(i) => {
                    let v = &p.versions[*i];
                    let mut plan = plans_repo::get(tx, &v.id)?
                        .ok_or_else(|| StoreError::Corrupt(v.id.clone()))?;
                    let sigs = sign_repo::signatures(tx, &v.id)?;
                    seal_in(tx, &plan, &sigs, &at)?;
                    plan.status = PlanStatus::Active;
                    plans_repo::update(tx, &plan)?;
                    crate::budget::charge_signed_in(tx, &plan, today, &at)?;
                    sign_repo::log_event(tx, &at, Some(&v.id), "status", "active")?;
                }
                Step::Status(i, status) => {
                    let v = &p.versions[*i];
                    let mut plan = plans_repo::get(tx, &v.id)?
                        .ok_or_else(|| StoreError::Corrupt(v.id.clone()))?;
                    if plan.status != *status {
                        let signed_now =
                            plan.status == PlanStatus::Draft && *status == PlanStatus::Active;
                        plan.status = *status;
                        plans_repo::update(tx, &plan)?;
                        if signed_now {
                            crate::budget::charge_signed_in(tx, &plan, today, &at)?;
                        }
                        sign_repo::log_event(tx, &at, Some(&v.id), "status", status.as_str())?;
                    }
                }
                Step::AddCheckin(i) | Step::UpdateCheckin(i) => {
                    let c = &p.checkins[*i];
                    rhythm_repo::save_checkin(tx, c)?;
                    sign_repo::log_event(tx, &at, Some(&c.plan_id), "checkin imported", &c.id)?;
                }
                Step::AddFollowUp(i) => {
                    let mut f = p.follow_ups[*i].clone();
                    if let Some(c) = &f.checkin_id {
                        if rhythm_repo::get_checkin(tx, c)?.is_none() {
                            f.checkin_id = None;
                        }
                    }
                    rhythm_repo::insert_follow_up(tx, &f, &at)?;
                }
                Step::FollowUpDone(i) => {
                    rhythm_repo::set_follow_up_done(tx, &p.follow_ups[*i].id, true, &at)?;
                }
                Step::Pair(row) => pop_store::pairing::pair(tx, row)?,
                Step::KeepShare => {
                    let share = p.employer.as_ref().expect("only with a share");
                    // The computer by name and key, so the employee can compare the key with
                    // the one the owner's Settings show.
                    let from =
                        crate::device::describe_device(&p.made_by.name, &p.made_by.public_key);
                    crate::employer_share::keep(tx, &merge.person_id, share, &from, &at)?;
                    // No figures or names: an erasure must leave nothing of the person here.
                    sign_repo::log_event(
                        tx,
                        &at,
                        None,
                        "share-received",
                        &share.as_of.to_string(),
                    )?;
                }
                Step::AddEvaluation(i) => {
                    let e = &p.evaluations[*i];
                    rhythm_repo::save_evaluation(
                        tx,
                        &e.plan_id,
                        &e.evaluation,
                        e.evaluated_on,
                        &at,
                    )?;
                }
                Step::Devices => {
                    for d in p.devices.iter().chain(std::iter::once(&p.made_by)) {
                        if !d.public_key.is_empty() {
                            device_repo::remember(tx, &d.public_key, &d.name, &at)?;
                        }
                    }
                }
                Step::Events => {
                    repo::add_foreign_events(tx, &p.made_by.public_key, &event_rows(p))?;
                }
                Step::Base => {
                    for v in &p.versions {
                        if plans_repo::get(tx, &v.id)?.is_some() {
                            repo::set_base(tx, &v.id, &content_sha256(&v.content), &at)?;
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    Ok(())
}

fn describe_step(p: &PlanPackage, step: &Step, lang: Language) -> Option<String> {
    use Language::*;
    let v = |i: &usize| &p.versions[*i];
    let party = |s: &Signature| match (s.party, lang) {
        (Party::Employee, Nl) => "medewerker",
        (Party::Employee, En) => "employee",
        (Party::Manager, Nl) => "leidinggevende",
        (Party::Manager, En) => "manager",
    };
    Some(match (step, lang) {
        (Step::NewPerson(x), Nl) => format!("Nieuwe persoon: {}", x.full_name),
        (Step::NewPerson(x), En) => format!("New person: {}", x.full_name),
        (Step::Alias { .. }, _) => return None,
        (Step::Pair(row), Nl) => format!(
            "{} koppelen als {}",
            crate::device::describe_device(&row.name, &row.public_key),
            if row.person_id.is_some() {
                "apparaat van de medewerker"
            } else {
                "computer van de werkgever"
            }
        ),
        (Step::Pair(row), En) => format!(
            "Pair {} as {}",
            crate::device::describe_device(&row.name, &row.public_key),
            if row.person_id.is_some() {
                "the employee's device"
            } else {
                "the employer's computer"
            }
        ),
        (Step::KeepShare, Nl) => format!(
            "Budget en studiekostenbedingen van de werkgever bijwerken (stand van {})",
            p.employer.as_ref()?.as_of.format("%d-%m-%Y")
        ),
        (Step::KeepShare, En) => format!(
            "Update the employer's budget and study-cost clauses (as of {})",
            p.employer.as_ref()?.as_of
        ),
        (Step::AddVersion(i), Nl) => format!(
            "Versie {} toevoegen ({})",
            v(i).version,
            status_word(v(i).status, lang)
        ),
        (Step::AddVersion(i), En) => format!(
            "Add version {} ({})",
            v(i).version,
            status_word(v(i).status, lang)
        ),
        (Step::TakeDraft(i), Nl) => format!(
            "Versie {}: de inhoud van de andere computer overnemen",
            v(i).version
        ),
        (Step::TakeDraft(i), En) => format!(
            "Version {}: take the content from the other computer",
            v(i).version
        ),
        (Step::CopyAsPlan(i, _), Nl) => format!(
            "Versie {} van de andere computer als apart concept bewaren",
            v(i).version
        ),
        (Step::CopyAsPlan(i, _), En) => format!(
            "Keep version {} from the other computer as a separate draft",
            v(i).version
        ),
        (Step::AddSignature(i, s), Nl) => format!(
            "Versie {}: handtekening van {} ({}) op {}",
            v(i).version,
            s.full_name,
            party(s),
            s.device_name
        ),
        (Step::AddSignature(i, s), En) => format!(
            "Version {}: signature of {} ({}) on {}",
            v(i).version,
            s.full_name,
            party(s),
            s.device_name
        ),
        (Step::ReplaceSignatures(i), Nl) => format!(
            "Versie {}: de handtekeningen zoals ze verzegeld zijn",
            v(i).version
        ),
        (Step::ReplaceSignatures(i), En) => format!(
            "Version {}: the signatures as they were sealed",
            v(i).version
        ),
        (Step::ImportSeal(i), Nl) => format!(
            "Versie {} is ondertekend en verzegeld: {}",
            v(i).version,
            v(i).seal
                .as_ref()
                .map(|s| s.fingerprint.as_str())
                .unwrap_or("")
        ),
        (Step::ImportSeal(i), En) => format!(
            "Version {} is signed and sealed: {}",
            v(i).version,
            v(i).seal
                .as_ref()
                .map(|s| s.fingerprint.as_str())
                .unwrap_or("")
        ),
        (Step::SealHere(i), Nl) => format!(
            "Versie {} heeft nu beide handtekeningen en wordt verzegeld",
            v(i).version
        ),
        (Step::SealHere(i), En) => format!(
            "Version {} now has both signatures and is sealed",
            v(i).version
        ),
        (Step::Status(i, s), Nl) => {
            format!("Versie {}: status {}", v(i).version, status_word(*s, lang))
        }
        (Step::Status(i, s), En) => {
            format!("Version {}: status {}", v(i).version, status_word(*s, lang))
        }
        (Step::AddCheckin(i), Nl) => format!("Gesprek van {} toevoegen", p.checkins[*i].due_on),
        (Step::AddCheckin(i), En) => format!("Add the check-in of {}", p.checkins[*i].due_on),
        (Step::UpdateCheckin(i), Nl) => format!("Gesprek van {} bijwerken", p.checkins[*i].due_on),
        (Step::UpdateCheckin(i), En) => format!("Update the check-in of {}", p.checkins[*i].due_on),
        (Step::AddFollowUp(i), Nl) => {
            format!("Afspraak toevoegen: {}", p.follow_ups[*i].description)
        }
        (Step::AddFollowUp(i), En) => format!("Add agreement: {}", p.follow_ups[*i].description),
        (Step::FollowUpDone(i), Nl) => {
            format!("Afspraak afgerond: {}", p.follow_ups[*i].description)
        }
        (Step::FollowUpDone(i), En) => format!("Agreement done: {}", p.follow_ups[*i].description),
        (Step::AddEvaluation(_), Nl) => "Evaluatie toevoegen".into(),
        (Step::AddEvaluation(_), En) => "Add the evaluation".into(),
        (Step::Devices | Step::Events | Step::Base, _) => return None,
    })
}

fn status_word(s: PlanStatus, lang: Language) -> &'static str {
    match (s, lang) {
        (PlanStatus::Draft, Language::Nl) => "concept",
        (PlanStatus::Draft, Language::En) => "draft",
        (PlanStatus::Active, Language::Nl) => "ondertekend",
        (PlanStatus::Active, Language::En) => "signed",
        (PlanStatus::Evaluated, Language::Nl) => "geëvalueerd",
        (PlanStatus::Evaluated, Language::En) => "evaluated",
        (PlanStatus::Closed, Language::Nl) => "afgesloten",
        (PlanStatus::Closed, Language::En) => "closed",
    }
}

/// What importing `bytes` does: merges a package (or imports a format-1 file as a new
/// draft). With `dry_run` nothing is written and the report is the preview. A conflict
/// without `take` is refused ([`CoreError::Conflict`]); a plan whose person is not known
/// here needs `target` the first time.
pub fn import_bytes(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    bytes: &[u8],
    target: Option<ImportTarget>,
    take: Option<Take>,
    dry_run: bool,
) -> Result<ImportReport> {
    import_package(
        store,
        clock,
        lang,
        bytes,
        ImportOptions {
            target,
            take,
            dry_run,
            ..Default::default()
        },
    )
}

/// How to import a package.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The first time a plan's person arrives here: whose plan it is.
    pub target: Option<ImportTarget>,
    /// How to resolve a draft edited on both computers.
    pub take: Option<Take>,
    /// Only the preview: nothing is written.
    pub dry_run: bool,
    /// Pair the package's device in the same step; the fingerprint the user compared must
    /// be the one of the device that made the package.
    pub pair: Option<String>,
    /// A plan never seen here is not imported but refused with [`CoreError::ToConfirm`]
    /// (the exchange folder on the owner's computer: the owner decides what enters).
    pub new_plans_wait: bool,
}

/// The device that made a package, as the import preview names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackageMaker {
    pub name: String,
    pub key_fingerprint: String,
    /// This computer made it.
    pub own: bool,
    /// Paired here (and not revoked).
    pub paired: bool,
    /// "employer", "employee" or empty when not paired.
    pub role: String,
    pub paired_on: Option<String>,
    pub revoked_on: Option<String>,
}

/// Imports a package (see [`import_bytes`]) with every option, pairing included.
pub fn import_package(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ImportReport> {
    let ImportOptions {
        mut target,
        take,
        dry_run,
        pair,
        new_plans_wait,
    } = options;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let package = match parse_package(bytes)? {
        Incoming::V1(file) => {
            let Some(target) = target else {
                if !dry_run {
                    return Err(CoreError::PersonNeeded {
                        full_name: file.person.full_name.clone(),
                    });
                }
                return Ok(ImportReport {
                    plan_id: file.plan.id.clone(),
                    title: file.plan.content.title.clone(),
                    person: PersonMatch::Needed {
                        full_name: file.person.full_name.clone(),
                    },
                    changes: vec![],
                    conflicts: vec![],
                    up_to_date: false,
                    applied: false,
                    made_by: None,
                });
            };
            if dry_run {
                return Ok(ImportReport {
                    plan_id: file.plan.id.clone(),
                    title: file.plan.content.title.clone(),
                    person: match &target {
                        ImportTarget::NewPerson => PersonMatch::New {
                            full_name: file.person.full_name.clone(),
                        },
                        ImportTarget::Person(id) => PersonMatch::Existing {
                            id: id.clone(),
                            full_name: people_repo::get(store.conn(), id)?
                                .map(|p| p.full_name)
                                .unwrap_or_default(),
                        },
                    },
                    changes: vec![match lang {
                        Language::Nl => "Het plan toevoegen als concept".into(),
                        Language::En => "Add the plan as a draft".into(),
                    }],
                    conflicts: vec![],
                    up_to_date: false,
                    applied: false,
                    made_by: None,
                });
            }
            let plan = exchange::import_plan(store, clock, bytes, target)?;
            let full_name = people_repo::get(store.conn(), &plan.person_id)?
                .map(|p| p.full_name)
                .unwrap_or_default();
            return Ok(ImportReport {
                plan_id: plan.id,
                title: plan.content.title,
                person: PersonMatch::Existing {
                    id: plan.person_id,
                    full_name,
                },
                changes: vec![match lang {
                    Language::Nl => "Het plan is toegevoegd als concept".into(),
                    Language::En => "The plan was added as a draft".into(),
                }],
                conflicts: vec![],
                up_to_date: false,
                applied: true,
                made_by: None,
            });
        }
        Incoming::V2(p) => p,
    };
    let conn = store.conn();
    let key = package.made_by.public_key.clone();
    let paired = pop_store::pairing::paired(conn, &key)?;
    if let Some(fp) = &pair {
        if !crate::pairing::fingerprint_matches(fp, &key) {
            return Err(pop_domain::ValidationError::new(
                pop_domain::Field::DeviceKey,
                pop_domain::Problem::FingerprintMismatch,
            )
            .into());
        }
    }
    // A pairing about to be made: asked for, or shown in a preview as it would be made.
    let own = device_repo::get(conn)?.is_some_and(|d| d.public_key == key);
    let paired_now = paired.as_ref().is_some_and(|r| r.revoked_at.is_none());
    let about_to_pair = if own || paired_now || (pair.is_none() && (paired.is_some() || !dry_run)) {
        None
    } else {
        let person_here = match person_here(store, bytes)? {
            Some(p) => Some(p),
            None => match &target {
                Some(ImportTarget::Person(p)) => Some(p.clone()),
                Some(ImportTarget::NewPerson) => Some(package.person.id.clone()),
                None => None,
            },
        };
        let mode = crate::settings::get_settings(store)?.mode;
        let person_id = match crate::pairing::pair_as_for(mode, person_here.as_deref()) {
            Some(crate::pairing::PairAs::Owner) => None,
            Some(crate::pairing::PairAs::Person(p)) => Some(p),
            // The person is chosen later; the preview shows the pairing all the same.
            None if dry_run => Some(String::new()),
            None => {
                return Err(CoreError::PersonNeeded {
                    full_name: package.person.full_name.clone(),
                })
            }
        };
        Some(pop_store::pairing::PairedRow {
            public_key: key.clone(),
            name: package.made_by.name.chars().take(200).collect(),
            person_id,
            paired_at: clock.now().to_rfc3339(),
            revoked_at: None,
        })
    };
    let trust = crate::pairing::Trust::new(store.conn(), about_to_pair.clone())?;
    let maker = trust.maker(store.conn(), &key, &package.made_by.name)?;
    let device = crate::device::describe_device(&package.made_by.name, &key);
    let made_by = PackageMaker {
        name: package.made_by.name.clone(),
        key_fingerprint: pop_domain::seal::key_fingerprint(&key),
        own,
        paired: paired.as_ref().is_some_and(|r| r.revoked_at.is_none()),
        role: match &maker {
            crate::pairing::Maker::Own => String::new(),
            crate::pairing::Maker::Employer => "employer".into(),
            crate::pairing::Maker::Person(_) => "employee".into(),
        },
        paired_on: paired.as_ref().map(|r| r.paired_at.clone()),
        revoked_on: paired.as_ref().and_then(|r| r.revoked_at.clone()),
    };
    if new_plans_wait
        && !dry_run
        && maker != crate::pairing::Maker::Own
        && !package
            .versions
            .iter()
            .try_fold(false, |any, v| -> Result<bool> {
                Ok(any || plans_repo::get(store.conn(), &v.id)?.is_some())
            })?
    {
        let newest = package
            .versions
            .last()
            .expect("checked: at least one version");
        return Err(CoreError::ToConfirm {
            title: newest.content.title.clone(),
            device,
        });
    }
    // A device paired for a person sends that person's plans only.
    if let crate::pairing::Maker::Person(p) = &maker {
        if target.is_none() && !p.is_empty() {
            target = Some(ImportTarget::Person(p.clone()));
        }
    }
    let mut merge = plan_merge(store, clock, &package, target.as_ref(), take, &trust)?;
    if let crate::pairing::Maker::Person(p) = &maker {
        if !p.is_empty() && !merge.person_id.is_empty() && &merge.person_id != p {
            return Err(CoreError::Untrusted {
                part: "person".into(),
                signer: String::new(),
                device,
                why: crate::pairing::Distrust::OtherPerson,
            });
        }
    }
    if let Some(share) = &package.employer {
        match maker {
            crate::pairing::Maker::Employer => {
                if crate::employer_share::is_news(store, &merge.person_id, share)? {
                    merge.steps.push(Step::KeepShare);
                }
            }
            crate::pairing::Maker::Own => {}
            crate::pairing::Maker::Person(_) => {
                return Err(CoreError::Untrusted {
                    part: "employer".into(),
                    signer: String::new(),
                    device,
                    why: crate::pairing::Distrust::NotEmployer,
                })
            }
        }
    }
    if pair.is_some() {
        if let Some(row) = about_to_pair {
            merge.steps.push(Step::Pair(row));
        }
    }
    let newest = package
        .versions
        .last()
        .expect("checked: at least one version");
    let mut report = ImportReport {
        plan_id: newest.id.clone(),
        title: newest.content.title.clone(),
        person: merge.person.clone(),
        changes: merge
            .steps
            .iter()
            .filter_map(|s| describe_step(&package, s, lang))
            .chain(merge.skipped.iter().filter_map(|id| {
                let v = package.versions.iter().find(|v| &v.id == id)?;
                Some(match lang {
                    Language::Nl => format!("Versie {} van de andere computer niet overgenomen: deze computer houdt de eigen versie", v.version),
                    Language::En => format!("Version {} from the other computer not taken: this computer keeps its own", v.version),
                })
            }))
            .collect(),
        conflicts: merge
            .conflicts
            .iter()
            .map(|c| describe_conflict(c, lang))
            .collect(),
        up_to_date: merge.steps.is_empty() && merge.conflicts.is_empty(),
        applied: false,
        made_by: Some(made_by),
    };
    if dry_run || report.up_to_date {
        return Ok(report);
    }

    if let PersonMatch::Needed { full_name } = &merge.person {
        return Err(CoreError::PersonNeeded {
            full_name: full_name.clone(),
        });
    }
    if let Some(c) = merge.conflicts.first() {
        return Err(CoreError::Conflict(c.clone()));
    }
    apply(store, clock, &package, &merge)?;
    report.applied = true;
    Ok(report)
}

/// Reads the file at `path` and imports it (see [`import_bytes`]).
#[allow(clippy::too_many_arguments)]
pub fn import_file(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    path: &std::path::Path,
    target: Option<ImportTarget>,
    take: Option<Take>,
    dry_run: bool,
) -> Result<ImportReport> {
    let bytes = crate::files::read_limited(path, MAX_FILE_BYTES)?;
    import_bytes(store, clock, lang, &bytes, target, take, dry_run)
}

/// The state a package describes, without who made it, its log head, events or the
/// person's local details: two computers that agree on a plan give the same state.
pub(crate) fn state_sha256(p: &PlanPackage) -> String {
    let state = serde_json::json!({
        "versions": p.versions,
        "checkins": p.checkins,
        "followUps": p.follow_ups,
        "evaluations": p.evaluations,
    });
    pop_domain::signing::sha256_hex(state.to_string().as_bytes())
}

/// The person a package's plan belongs to on this computer, if it is known here already (by
/// the plan, an earlier import, or the same person id). `None` for a file that is not a
/// readable package (the import itself then says what is wrong).
pub(crate) fn person_here(store: &Store, bytes: &[u8]) -> Result<Option<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(Incoming::V2(p)) = parse_package(bytes) else {
        return Ok(None);
    };
    let conn = store.conn();
    for v in &p.versions {
        if let Some(plan) = plans_repo::get(conn, &v.id)? {
            return Ok(Some(plan.person_id));
        }
    }
    if let Some(id) = repo::alias(conn, &p.person.id)? {
        return Ok(Some(id));
    }
    Ok(people_repo::get(conn, &p.person.id)?.map(|x| x.id))
}

/// The series id (first version) of a package.
pub(crate) fn series_of(p: &PlanPackage) -> &str {
    &p.versions[0].id
}

//! The package format: what a `.pop.json` holds, the maker's signature over it, and
//! writing one (deterministic bytes).

use super::*;

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
    /// The newest signed log heads of other devices this computer keeps: the receiving
    /// computer checks its own log against the one it made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub heads: Vec<SignedHead>,
    /// The Ed25519 signature (hex) of the device in `madeBy` over the package without this
    /// field: [`SIGNED_PREFIX`] followed by the package as compact JSON in this field order.
    /// A package without one, or with one that does not verify, is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// What a package signature covers, before the package's compact JSON.
pub const SIGNED_PREFIX: &str = "groeikoers-package\n";

/// The text a package's signature covers.
pub(super) fn signed_text(p: &PlanPackage) -> String {
    let mut unsigned = p.clone();
    unsigned.signature = None;
    format!(
        "{SIGNED_PREFIX}{}",
        serde_json::to_string(&unsigned).expect("package types serialise")
    )
}

/// The package as its file holds it: signed by this device (when it has a key), pretty JSON
/// with a trailing newline.
pub(super) fn package_text(store: &Store, mut p: PlanPackage) -> Result<String> {
    p.signature = None;
    if let Some(me) = device_repo::get(store.conn())? {
        if me.public_key == p.made_by.public_key {
            let secret = crate::device::secret(&me)?;
            p.log_head.signature = pop_domain::seal::device_sign(
                &secret,
                &head_statement(p.log_head.seq, &p.log_head.hash),
            )
            .unwrap_or_default();
            p.signature =
                pop_domain::seal::device_sign(&crate::device::secret(&me)?, &signed_text(&p));
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
    /// The maker's Ed25519 signature over [`head_statement`], so the receiving computer can
    /// keep it, and show it back, as evidence of the maker's log at that point.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signature: String,
}

/// A device's log head signed by that device: kept by another computer and sent back in
/// its packages, so the device can check its own log against what the other one saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignedHead {
    pub device_key: String,
    pub seq: i64,
    pub hash: String,
    pub signature: String,
}

/// What a log head signature covers.
pub fn head_statement(seq: i64, hash: &str) -> String {
    format!("groeikoers-log-head\n{seq}\n{hash}")
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

// ----------------------------------------------------------------------------------------
// Export

/// The first version of the series `id` belongs to, and every version in order.
pub(super) fn series(conn: &Connection, id: &str) -> Result<Vec<Plan>> {
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
    let me_key = me.as_ref().map(|d| d.public_key.clone());
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
        log_head: LogHead {
            seq,
            hash,
            signature: String::new(),
        },
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
        heads: heads_kept(conn, me_key.as_deref())?,
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

/// The signed heads of other devices kept here, for a package.
fn heads_kept(conn: &Connection, me: Option<&str>) -> Result<Vec<SignedHead>> {
    Ok(pop_store::pairing::all_heads(conn)?
        .into_iter()
        .filter(|h| Some(h.device_key.as_str()) != me)
        .map(|h| SignedHead {
            device_key: h.device_key,
            seq: h.seq,
            hash: h.hash,
            signature: h.signature,
        })
        .collect())
}

//! Plan packages (exchange format 2): one file with a plan's whole series — every version
//! with its status, reason and link, the seals and signatures with their device signatures,
//! the check-ins, agreements, evaluations and the plan's events — so a plan can travel
//! between the owner's and the employee's computer and stay provably the plan both signed.
//!
//! Import merges: what is new is added, the same package twice changes nothing, a draft
//! edited on both computers since they last exchanged is a conflict the user resolves, and a
//! sealed version is accepted only when its seal, fingerprint and device signatures verify.
//! Everything is checked before anything is written, and it is written in one transaction.
//!
//! The rules live in one file each:
//! - `format.rs`: the package as JSON, signed by its maker, and writing one;
//! - `validate.rs`: reading a package and checking it on its own (ids, seals, signatures);
//! - `merge.rs`: deciding what a package changes here (who the plan is for, versions,
//!   signatures and the keys paired for them, check-ins), without writing anything;
//! - `apply.rs`: writing that decision in one transaction, and describing it;
//! - this file: the import itself — the maker's pairing, the owner's say, the preview.

mod apply;
mod format;
mod merge;
mod validate;

pub use format::*;
pub use merge::{describe_conflict, Conflict, PersonMatch, Take};
pub use validate::{package_head, parse_package, Incoming};

use apply::*;
use merge::*;
use validate::*;

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
    // Signed log heads: the maker's own, and this computer's as the maker acknowledged it.
    // Kept without a word; they change nothing the user sees.
    let visible = merge.steps.iter().any(|s| !matches!(s, Step::Head(_)));
    // The other computer saw more of this computer's log than is here now: say so loudly
    // (the head is kept all the same, so `log verify` keeps saying it too).
    let cut = cut_log_warning(store, &package, &device, lang)?;
    let visible = visible || cut.is_some();
    merge.steps.extend(
        new_heads(store.conn(), clock, &package, own)?
            .into_iter()
            .map(Step::Head),
    );
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
            .chain(cut)
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
        up_to_date: !visible && merge.conflicts.is_empty(),
        applied: false,
        made_by: Some(made_by),
    };
    if dry_run {
        return Ok(report);
    }
    if report.up_to_date {
        if !merge.steps.is_empty() {
            apply(store, clock, &package, &merge)?; // Only newer signed log heads.
        }
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

/// A warning when the package acknowledges events of this computer's log (signed by this
/// computer's key) that are no longer in it.
fn cut_log_warning(
    store: &Store,
    p: &PlanPackage,
    device: &str,
    lang: Language,
) -> Result<Option<String>> {
    let Some(me) = device_repo::get(store.conn())? else {
        return Ok(None);
    };
    for h in p.heads.iter().filter(|h| h.device_key == me.public_key) {
        if !pop_domain::seal::device_verify(
            &me.public_key,
            &head_statement(h.seq, &h.hash),
            &h.signature,
        ) {
            continue;
        }
        use crate::signing::AgainstOutcome as O;
        if let O::Missing { .. } | O::Rewritten { .. } =
            crate::signing::compare_head(store, h.seq, &h.hash)?
        {
            return Ok(Some(match lang {
                Language::Nl => format!("LET OP: {device} heeft het logboek van deze computer gezien tot en met gebeurtenis {}; die gebeurtenissen zijn hier niet meer (zie log verify)", h.seq),
                Language::En => format!("WARNING: {device} saw this computer's log up to event {}; those events are no longer here (see log verify)", h.seq),
            }));
        }
    }
    Ok(None)
}

/// The signed log heads a package brings that are newer than those kept here: its maker's,
/// and this computer's own as the maker saw it. Each is checked against its device's key.
fn new_heads(
    conn: &Connection,
    clock: &dyn Clock,
    p: &PlanPackage,
    own: bool,
) -> Result<Vec<pop_store::pairing::HeadRow>> {
    use pop_store::pairing::{head, HeadRow};
    let at = clock.now().to_rfc3339();
    let newer =
        |key: &str, seq: i64| -> Result<bool> { Ok(head(conn, key)?.is_none_or(|h| seq > h.seq)) };
    let signed = |key: &str, seq: i64, hash: &str, sig: &str| {
        pop_domain::seal::device_verify(key, &head_statement(seq, hash), sig)
    };
    let mut out = Vec::new();
    let maker = &p.made_by.public_key;
    let h = &p.log_head;
    if !own && signed(maker, h.seq, &h.hash, &h.signature) && newer(maker, h.seq)? {
        out.push(HeadRow {
            device_key: maker.clone(),
            seq: h.seq,
            hash: h.hash.clone(),
            signature: h.signature.clone(),
            via: p.made_by.name.clone(),
            at: at.clone(),
        });
    }
    if let Some(me) = device_repo::get(conn)? {
        for h in p.heads.iter().filter(|h| h.device_key == me.public_key) {
            if !own
                && signed(&me.public_key, h.seq, &h.hash, &h.signature)
                && newer(&me.public_key, h.seq)?
            {
                out.push(HeadRow {
                    device_key: me.public_key.clone(),
                    seq: h.seq,
                    hash: h.hash.clone(),
                    signature: h.signature.clone(),
                    via: crate::device::describe_device(&p.made_by.name, maker),
                    at: at.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Reads the file at `path` and imports it (see [`import_package`]).
pub fn import_file(
    store: &mut Store,
    clock: &dyn Clock,
    lang: Language,
    path: &std::path::Path,
    options: ImportOptions,
) -> Result<ImportReport> {
    let bytes = crate::files::read_limited(path, MAX_FILE_BYTES)?;
    import_package(store, clock, lang, &bytes, options)
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

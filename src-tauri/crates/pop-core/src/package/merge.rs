//! Deciding what a package changes on this computer, without writing: who the plan is
//! for, which versions, signatures (only from keys paired for their party), check-ins and
//! agreements are new, and what conflicts.

use super::*;

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

pub(super) fn conflict(version: u32, mine: &PlanContent, theirs: &PlanContent) -> Conflict {
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

/// How a conflict can be resolved.
pub(super) fn describe_take_needed(lang: Language) -> &'static str {
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
// Merging

/// One thing the merge does.
#[derive(Debug, Clone)]
pub(super) enum Step {
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
    /// Keep a newer signed log head (the maker's, or this computer's as acknowledged).
    Head(pop_store::pairing::HeadRow),
}

pub(super) struct Merge {
    pub(super) person_id: String,
    pub(super) person: PersonMatch,
    pub(super) steps: Vec<Step>,
    pub(super) conflicts: Vec<Conflict>,
    pub(super) skipped: Vec<String>,
}

pub(super) fn rank(s: PlanStatus) -> u8 {
    match s {
        PlanStatus::Draft => 0,
        PlanStatus::Active => 1,
        PlanStatus::Evaluated => 2,
        PlanStatus::Closed => 3,
    }
}

pub(super) fn event_rows(p: &PlanPackage) -> Vec<EventRow> {
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

pub(super) fn plan_merge(
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

//! Writing a merge decision in one transaction, and the words for each step.

use super::*;

pub(super) fn version_plan(
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

pub(super) fn apply(
    store: &mut Store,
    clock: &dyn Clock,
    p: &PlanPackage,
    merge: &Merge,
) -> Result<()> {
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
                Step::Head(row) => pop_store::pairing::keep_head(tx, row)?,
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

pub(super) fn describe_step(p: &PlanPackage, step: &Step, lang: Language) -> Option<String> {
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
        (Step::Alias { .. } | Step::Head(_), _) => return None,
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

pub(super) fn status_word(s: PlanStatus, lang: Language) -> &'static str {
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

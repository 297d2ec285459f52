//! Reading a package and checking it on its own, before anything here is looked at: ids,
//! sizes, content, seals and device signatures, and the maker's signature over the file.

use super::*;

// ----------------------------------------------------------------------------------------
// Reading and checking a package

pub(super) fn invalid(detail: impl Into<String>) -> CoreError {
    CoreError::Import(ImportProblem::Invalid {
        detail: detail.into(),
    })
}

pub(super) fn check_id(what: &str, id: &str) -> Result<()> {
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
pub(super) fn check_item_ids(at: &str, c: &PlanContent) -> Result<()> {
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
pub(super) fn lower_hex_key(k: &str) -> bool {
    k.len() == 64 && k.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

pub(super) fn check_package(p: &mut PlanPackage) -> Result<()> {
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
    if p.heads.len() > 100 {
        return Err(invalid("heads: too many"));
    }
    for (i, h) in p.heads.iter().enumerate() {
        if !lower_hex_key(&h.device_key) || h.hash.len() > 128 || h.signature.len() > 256 {
            return Err(invalid(format!("heads[{i}]: not a signed log head")));
        }
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
pub(super) fn check_seal_of(at: &str, v: &PackageVersion, seal: &PackageSeal) -> Result<()> {
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

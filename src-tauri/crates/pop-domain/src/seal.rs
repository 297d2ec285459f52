//! The seal of a signed plan version: one canonical document over the content and every
//! signature (party, typed name, date, consent text, drawn strokes, device identity), its
//! SHA-256, the fingerprint derived from it, and the Ed25519 device signatures that bind each
//! signature to the content it was given for. Everything here is pure: keys come in as bytes.

use crate::plan::PlanContent;
use crate::signing::{fingerprint, sha256_hex, Party, Signature, Snapshot};
use crate::Language;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

/// The `format` of a seal made by this version.
pub const SEAL_FORMAT: &str = "groeikoers-signed-plan/2";
/// The `format` of seals made before signatures and devices were sealed too.
pub const LEGACY_SEAL_FORMAT: &str = "groeikoers-signed-plan/1";
const STATEMENT_FORMAT: &str = "groeikoers-signature/1";

/// The consent statement a signer agrees to, as recorded with the signature.
pub fn consent_text(lang: Language) -> &'static str {
    match lang {
        Language::Nl => "Ik heb dit plan gelezen en ga akkoord met de afspraken erin. Ik weet dat een ondertekende versie niet meer verandert; wijzigingen komen in een nieuwe versie.",
        Language::En => "I have read this plan and agree to what it says. I know a signed version no longer changes; changes go into a new version.",
    }
}

/// A sealed version (format 2): what a reader of the signed plan trusts, and nothing else.
/// Serialised with a fixed field order and no whitespace it is the same bytes everywhere;
/// its SHA-256 is the seal and the fingerprint is derived from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SealedVersion {
    pub format: String,
    pub plan_id: String,
    pub version: u32,
    pub previous_version: Option<String>,
    /// The person as the employee signed (their typed name), else as the store knows them.
    pub person_name: String,
    pub content: PlanContent,
    /// Every signature, ordered by party.
    pub signatures: Vec<Signature>,
}

impl SealedVersion {
    pub fn new(
        plan_id: &str,
        version: u32,
        previous_version: Option<&str>,
        fallback_person_name: &str,
        content: &PlanContent,
        signatures: &[Signature],
    ) -> Self {
        let mut signatures = signatures.to_vec();
        signatures.sort_by_key(|s| s.party);
        let person_name = signatures
            .iter()
            .find(|s| s.party == Party::Employee)
            .map(|s| s.full_name.clone())
            .unwrap_or_else(|| fallback_person_name.to_owned());
        SealedVersion {
            format: SEAL_FORMAT.into(),
            plan_id: plan_id.to_owned(),
            version,
            previous_version: previous_version.map(str::to_owned),
            person_name,
            content: content.clone(),
            signatures,
        }
    }

    /// The canonical bytes.
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).expect("a sealed version serialises")
    }
}

/// The seal of canonical bytes: their SHA-256 (hex) and the fingerprint derived from it.
pub fn seal_of(canonical: &str) -> (String, String) {
    let sha = sha256_hex(canonical.as_bytes());
    let fp = fingerprint(&sha);
    (sha, fp)
}

/// A stored seal read back: either format.
#[derive(Debug, Clone, PartialEq)]
pub enum SealDocument {
    V2(SealedVersion),
    /// Format 1 covered the content and who signed on which date only.
    Legacy(Snapshot),
}

impl SealDocument {
    pub fn parse(canonical: &str) -> Option<Self> {
        #[derive(Deserialize)]
        struct Head {
            format: String,
        }
        let head: Head = serde_json::from_str(canonical).ok()?;
        match head.format.as_str() {
            SEAL_FORMAT => serde_json::from_str(canonical).ok().map(SealDocument::V2),
            LEGACY_SEAL_FORMAT => serde_json::from_str(canonical)
                .ok()
                .map(SealDocument::Legacy),
            _ => None,
        }
    }

    pub fn plan_id(&self) -> &str {
        match self {
            SealDocument::V2(s) => &s.plan_id,
            SealDocument::Legacy(s) => &s.plan_id,
        }
    }

    pub fn version(&self) -> u32 {
        match self {
            SealDocument::V2(s) => s.version,
            SealDocument::Legacy(s) => s.version,
        }
    }

    pub fn content(&self) -> &PlanContent {
        match self {
            SealDocument::V2(s) => &s.content,
            SealDocument::Legacy(s) => &s.content,
        }
    }

    pub fn person_name(&self) -> &str {
        match self {
            SealDocument::V2(s) => &s.person_name,
            SealDocument::Legacy(s) => &s.person_name,
        }
    }
}

/// What no longer matches in a sealed version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SealProblem {
    /// The sealed document cannot be read.
    Unreadable,
    /// The sealed document no longer hashes to its recorded seal.
    SealChanged,
    /// The fingerprint is not the one derived from the seal.
    FingerprintChanged,
    /// The sealed document names another plan or version.
    WrongPlan,
    /// The plan's content differs from the sealed content.
    ContentChanged,
    /// A signature differs from, is missing from, or is not in the seal.
    SignatureChanged(Party),
    /// A signature's device signature does not verify with its device key.
    DeviceSignature(Party),
    /// The log event recorded when the version was sealed is missing or changed.
    LogEvent,
}

impl SealProblem {
    pub fn describe(&self, lang: Language) -> String {
        let party = |p: &Party| match (p, lang) {
            (Party::Employee, Language::Nl) => "de medewerker",
            (Party::Employee, Language::En) => "the employee",
            (Party::Manager, Language::Nl) => "de leidinggevende",
            (Party::Manager, Language::En) => "the manager",
        };
        match (self, lang) {
            (SealProblem::Unreadable, Language::Nl) => {
                "het verzegelde document is onleesbaar".into()
            }
            (SealProblem::Unreadable, Language::En) => "the sealed document cannot be read".into(),
            (SealProblem::SealChanged, Language::Nl) => {
                "het verzegelde document past niet meer bij zijn zegel".into()
            }
            (SealProblem::SealChanged, Language::En) => {
                "the sealed document no longer matches its seal".into()
            }
            (SealProblem::FingerprintChanged, Language::Nl) => {
                "de vingerafdruk hoort niet bij het zegel".into()
            }
            (SealProblem::FingerprintChanged, Language::En) => {
                "the fingerprint does not belong to the seal".into()
            }
            (SealProblem::WrongPlan, Language::Nl) => {
                "het zegel hoort bij een ander plan of een andere versie".into()
            }
            (SealProblem::WrongPlan, Language::En) => {
                "the seal belongs to another plan or version".into()
            }
            (SealProblem::ContentChanged, Language::Nl) => {
                "de inhoud van het plan is gewijzigd na het ondertekenen".into()
            }
            (SealProblem::ContentChanged, Language::En) => {
                "the plan's content was changed after signing".into()
            }
            (SealProblem::SignatureChanged(p), Language::Nl) => {
                format!("de handtekening van {} is gewijzigd", party(p))
            }
            (SealProblem::SignatureChanged(p), Language::En) => {
                format!("the signature of {} was changed", party(p))
            }
            (SealProblem::DeviceSignature(p), Language::Nl) => format!(
                "de apparaathandtekening bij de handtekening van {} klopt niet",
                party(p)
            ),
            (SealProblem::DeviceSignature(p), Language::En) => format!(
                "the device signature of {}'s signature does not verify",
                party(p)
            ),
            (SealProblem::LogEvent, Language::Nl) => {
                "de gebeurtenis van het verzegelen ontbreekt in het logboek of is gewijzigd".into()
            }
            (SealProblem::LogEvent, Language::En) => {
                "the log event of the sealing is missing or changed".into()
            }
        }
    }
}

/// The bytes a device key signs for one signature: the signature's own fields and the
/// SHA-256 of the content it was given for, so it cannot be moved to another content.
pub fn statement(plan_id: &str, version: u32, content: &PlanContent, s: &Signature) -> String {
    statement_over(plan_id, version, &content_sha256(content), s)
}

/// The statement with the content's hash already computed (a seal's check hashes the
/// content once for all its signatures).
fn statement_over(plan_id: &str, version: u32, content_sha: &str, s: &Signature) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Statement<'a> {
        format: &'a str,
        plan_id: &'a str,
        version: u32,
        content_sha256: &'a str,
        party: Party,
        full_name: &'a str,
        signed_on: chrono::NaiveDate,
        signed_at: chrono::DateTime<chrono::Utc>,
        device_user: &'a str,
        consent_text: &'a str,
        strokes: &'a Option<crate::signing::Strokes>,
        device_name: &'a str,
        device_key: &'a str,
    }
    serde_json::to_string(&Statement {
        format: STATEMENT_FORMAT,
        plan_id,
        version,
        content_sha256: content_sha,
        party: s.party,
        full_name: &s.full_name,
        signed_on: s.signed_on,
        signed_at: s.signed_at,
        device_user: &s.device_user,
        consent_text: &s.consent_text,
        strokes: &s.strokes,
        device_name: &s.device_name,
        device_key: &s.device_key,
    })
    .expect("a statement serialises")
}

/// SHA-256 (hex) of a content's canonical JSON.
pub fn content_sha256(content: &PlanContent) -> String {
    sha256_hex(
        serde_json::to_string(content)
            .expect("content serialises")
            .as_bytes(),
    )
}

fn hex(bytes: &[u8]) -> String {
    crate::signing::hex_lower(bytes)
}

fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != 2 * N || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// A device key pair from its 32-byte secret seed: (public key hex, secret hex).
pub fn key_pair(seed: [u8; 32]) -> (String, String) {
    let key = SigningKey::from_bytes(&seed);
    (hex(key.verifying_key().as_bytes()), hex(&seed))
}

/// Signs `message` with the secret (hex); `None` when the secret is not a key.
pub fn device_sign(secret_hex: &str, message: &str) -> Option<String> {
    let seed = unhex::<32>(secret_hex)?;
    Some(hex(&SigningKey::from_bytes(&seed)
        .sign(message.as_bytes())
        .to_bytes()))
}

/// A device key, decompressed once per process: a store holds the keys of a few devices
/// and a full check verifies thousands of signatures with them.
fn verifying_key(pk: [u8; 32]) -> Option<VerifyingKey> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static KEYS: OnceLock<Mutex<HashMap<[u8; 32], VerifyingKey>>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(k) = keys.lock().ok()?.get(&pk) {
        return Some(*k);
    }
    let key = VerifyingKey::from_bytes(&pk).ok()?;
    if let Ok(mut map) = keys.lock() {
        if map.len() < 1024 {
            map.insert(pk, key);
        }
    }
    Some(key)
}

/// Whether `signature_hex` is the device key's signature over `message`.
pub fn device_verify(public_hex: &str, message: &str, signature_hex: &str) -> bool {
    let (Some(pk), Some(sig)) = (unhex::<32>(public_hex), unhex::<64>(signature_hex)) else {
        return false;
    };
    let Some(key) = verifying_key(pk) else {
        return false;
    };
    key.verify(
        message.as_bytes(),
        &ed25519_dalek::Signature::from_bytes(&sig),
    )
    .is_ok()
}

/// The short, readable form of a device key: `K-7F3A-91C0-77DE` (from its SHA-256).
pub fn key_fingerprint(public_hex: &str) -> String {
    let sha = sha256_hex(public_hex.as_bytes()).to_uppercase();
    format!("K-{}-{}-{}", &sha[0..4], &sha[4..8], &sha[8..12])
}

/// Whether a signature's device signature holds (signatures without a device key are
/// from before device keys and have nothing to check).
pub fn signature_verifies(
    plan_id: &str,
    version: u32,
    content: &PlanContent,
    s: &Signature,
) -> bool {
    signature_verifies_over(plan_id, version, &content_sha256(content), s)
}

fn signature_verifies_over(plan_id: &str, version: u32, content_sha: &str, s: &Signature) -> bool {
    if s.device_key.is_empty() && s.device_signature.is_empty() {
        return true;
    }
    device_verify(
        &s.device_key,
        &statement_over(plan_id, version, content_sha, s),
        &s.device_signature,
    )
}

/// Everything that no longer matches between a stored seal and the rows a reader trusts:
/// the plan's live content and its signature rows. Empty when the version is intact.
pub fn check_seal(
    canonical: &str,
    sha256: &str,
    fingerprint_recorded: &str,
    plan_id: &str,
    version: u32,
    live_content: &PlanContent,
    live_signatures: &[Signature],
) -> Vec<SealProblem> {
    let mut problems = Vec::new();
    let (sha, fp) = seal_of(canonical);
    if sha != sha256 {
        problems.push(SealProblem::SealChanged);
    }
    if fp != fingerprint_recorded || fingerprint(sha256) != fingerprint_recorded {
        problems.push(SealProblem::FingerprintChanged);
    }
    let Some(doc) = SealDocument::parse(canonical) else {
        problems.push(SealProblem::Unreadable);
        return problems;
    };
    if doc.plan_id() != plan_id || doc.version() != version {
        problems.push(SealProblem::WrongPlan);
    }
    if doc.content() != live_content {
        problems.push(SealProblem::ContentChanged);
    }
    let mut parties: Vec<Party> = live_signatures.iter().map(|s| s.party).collect();
    match &doc {
        SealDocument::V2(sealed) => {
            parties.extend(sealed.signatures.iter().map(|s| s.party));
            parties.sort();
            parties.dedup();
            let content_sha = content_sha256(&sealed.content);
            for p in parties {
                let live = live_signatures.iter().find(|s| s.party == p);
                let kept = sealed.signatures.iter().find(|s| s.party == p);
                if live != kept {
                    problems.push(SealProblem::SignatureChanged(p));
                }
                if let Some(s) = kept {
                    if !signature_verifies_over(&sealed.plan_id, sealed.version, &content_sha, s) {
                        problems.push(SealProblem::DeviceSignature(p));
                    }
                }
            }
        }
        SealDocument::Legacy(old) => {
            parties.extend(old.signatures.iter().map(|s| s.party));
            parties.sort();
            parties.dedup();
            for p in parties {
                let live = live_signatures
                    .iter()
                    .find(|s| s.party == p)
                    .map(|s| (s.full_name.as_str(), s.signed_on));
                let kept = old
                    .signatures
                    .iter()
                    .find(|s| s.party == p)
                    .map(|s| (s.full_name.as_str(), s.signed_on));
                if live != kept {
                    problems.push(SealProblem::SignatureChanged(p));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn content() -> PlanContent {
        PlanContent {
            title: "Ploegleider worden".into(),
            period_start: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
            focus: "Leiding geven aan de ochtendploeg".into(),
            ..Default::default()
        }
    }

    fn signed(party: Party, name: &str, secret: &str, public: &str) -> Signature {
        let mut s = Signature {
            party,
            full_name: name.into(),
            signed_on: NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
            signed_at: Utc.with_ymd_and_hms(2027, 1, 5, 9, 30, 0).unwrap(),
            device_user: "zoe".into(),
            strokes: Some(vec![vec![[0.1, 0.2], [0.3, 0.4]]]),
            consent_text: consent_text(Language::Nl).into(),
            device_name: "Laptop Zoë".into(),
            device_key: public.into(),
            device_signature: String::new(),
        };
        s.device_signature = device_sign(secret, &statement("p1", 1, &content(), &s)).unwrap();
        s
    }

    fn sealed() -> (String, String, String, Vec<Signature>) {
        let (public, secret) = key_pair([7; 32]);
        let sigs = vec![
            signed(Party::Manager, "Bram de Wit", &secret, &public),
            signed(Party::Employee, "Zoë Çelik", &secret, &public),
        ];
        let doc = SealedVersion::new("p1", 1, None, "Zoe", &content(), &sigs);
        let canonical = doc.canonical();
        let (sha, fp) = seal_of(&canonical);
        (canonical, sha, fp, sigs)
    }

    #[test]
    fn an_intact_seal_has_no_problems_and_names_the_person_as_signed() {
        let (canonical, sha, fp, sigs) = sealed();
        assert!(check_seal(&canonical, &sha, &fp, "p1", 1, &content(), &sigs).is_empty());
        let SealDocument::V2(doc) = SealDocument::parse(&canonical).unwrap() else {
            panic!("format 2")
        };
        assert_eq!(doc.person_name, "Zoë Çelik");
        assert_eq!(doc.signatures[0].party, Party::Employee, "ordered by party");
    }

    #[test]
    fn the_seal_is_the_same_bytes_whatever_the_order_of_signatures() {
        let (canonical, _, _, mut sigs) = sealed();
        sigs.reverse();
        assert_eq!(
            SealedVersion::new("p1", 1, None, "Zoe", &content(), &sigs).canonical(),
            canonical
        );
    }

    #[test]
    fn every_kind_of_edit_is_named() {
        let (canonical, sha, fp, sigs) = sealed();
        let mut edited = content();
        edited.focus = "Iets anders".into();
        assert_eq!(
            check_seal(&canonical, &sha, &fp, "p1", 1, &edited, &sigs),
            [SealProblem::ContentChanged]
        );
        let mut forged = sigs.clone();
        forged[1].full_name = "Henk Bakker".into();
        assert_eq!(
            check_seal(&canonical, &sha, &fp, "p1", 1, &content(), &forged),
            [SealProblem::SignatureChanged(forged[1].party)]
        );
        assert_eq!(
            check_seal(&canonical, &sha, &fp, "p1", 1, &content(), &sigs[..1]),
            [SealProblem::SignatureChanged(sigs[1].party)]
        );
        let tampered = canonical.replace("ochtendploeg", "avondploeg");
        let problems = check_seal(&tampered, &sha, &fp, "p1", 1, &content(), &sigs);
        assert!(problems.contains(&SealProblem::SealChanged), "{problems:?}");
        assert!(
            problems.contains(&SealProblem::ContentChanged),
            "{problems:?}"
        );
        // Re-hashing the tampered document does not help: the device signatures break.
        let (sha2, fp2) = seal_of(&tampered);
        let problems = check_seal(&tampered, &sha2, &fp2, "p1", 1, &content(), &sigs);
        assert!(
            problems.contains(&SealProblem::ContentChanged),
            "{problems:?}"
        );
        assert_eq!(
            check_seal(
                &canonical,
                &sha,
                "GK-0000-0000-0000",
                "p1",
                1,
                &content(),
                &sigs
            ),
            [SealProblem::FingerprintChanged]
        );
        assert_eq!(
            check_seal(&canonical, &sha, &fp, "p2", 1, &content(), &sigs),
            [SealProblem::WrongPlan]
        );
    }

    #[test]
    fn a_device_signature_binds_the_content_and_the_signer() {
        let (public, secret) = key_pair([9; 32]);
        let s = signed(Party::Employee, "Zoë", &secret, &public);
        assert!(signature_verifies("p1", 1, &content(), &s));
        let mut other = content();
        other.title = "Anders".into();
        assert!(!signature_verifies("p1", 1, &other, &s));
        assert!(!signature_verifies("p1", 2, &content(), &s));
        let mut renamed = s.clone();
        renamed.full_name = "Henk".into();
        assert!(!signature_verifies("p1", 1, &content(), &renamed));
        let mut wrong_key = s.clone();
        wrong_key.device_key = key_pair([1; 32]).0;
        assert!(!signature_verifies("p1", 1, &content(), &wrong_key));
        let mut junk = s;
        junk.device_signature = "zz".repeat(64);
        assert!(!signature_verifies("p1", 1, &content(), &junk));
    }

    #[test]
    fn key_fingerprints_are_short_and_stable() {
        let (public, _) = key_pair([3; 32]);
        let k = key_fingerprint(&public);
        assert!(k.starts_with("K-") && k.len() == 16, "{k}");
        assert_eq!(k, key_fingerprint(&public));
    }
}

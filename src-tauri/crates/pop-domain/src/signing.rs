//! Signing a plan: who signs, the canonical snapshot of a signed version and its SHA-256, the
//! short fingerprint printed on paper, the hash chain of the event log, and what changed
//! between two versions.

use crate::plan::PlanContent;
use crate::text::required_line;
use crate::validation::{Field, Problem, ValidationError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Party {
    Employee,
    Manager,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Employee => "employee",
            Party::Manager => "manager",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "employee" => Some(Party::Employee),
            "manager" => Some(Party::Manager),
            _ => None,
        }
    }
}

/// Who must sign: the employee and the manager, or in personal mode the employee alone.
pub fn required_parties(personal: bool) -> &'static [Party] {
    if personal {
        &[Party::Employee]
    } else {
        &[Party::Employee, Party::Manager]
    }
}

/// A drawn signature: strokes of points, each point `[x, y]` in a 0..1 box.
pub type Strokes = Vec<Vec<[f32; 2]>>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Signature {
    pub party: Party,
    pub full_name: String,
    pub signed_on: NaiveDate,
    pub signed_at: DateTime<Utc>,
    /// The user name on the device that signed.
    pub device_user: String,
    #[ts(type = "Array<Array<[number, number]>> | null")]
    pub strokes: Option<Strokes>,
    /// The consent statement the signer agreed to, word for word.
    #[serde(default)]
    pub consent_text: String,
    /// The name of the installation that recorded the signature ("Laptop Zoë").
    #[serde(default)]
    pub device_name: String,
    /// That installation's Ed25519 public key (hex); empty for signatures made before
    /// devices had keys.
    #[serde(default)]
    pub device_key: String,
    /// The device key's Ed25519 signature (hex) over [`crate::seal::statement`].
    #[serde(default)]
    pub device_signature: String,
}

/// What a person enters to sign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignInput {
    pub party: Party,
    pub full_name: String,
    /// The date written next to the signature (default today).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub signed_on: Option<String>,
    /// The consent statement was ticked.
    pub consent: bool,
    #[serde(default)]
    #[ts(optional = nullable, type = "Array<Array<[number, number]>> | null")]
    pub strokes: Option<Strokes>,
    /// The signer saw that the POP-check finds errors in the plan and signs anyway.
    #[serde(default)]
    pub despite_findings: bool,
}

/// Most strokes and points a drawn signature may have (a signature is small).
pub const MAX_STROKES: usize = 200;
pub const MAX_POINTS: usize = 20_000;

/// Checks a signature: a typed full name, consent, a real date, a sane drawing.
pub fn validate_sign_input(
    input: &SignInput,
    today: NaiveDate,
) -> Result<(String, NaiveDate), ValidationError> {
    let name = required_line(
        Field::SignatureName,
        &input.full_name,
        crate::person::MAX_NAME_LEN,
    )?;
    if !input.consent {
        return Err(ValidationError::new(Field::Consent, Problem::Required));
    }
    let date =
        crate::text::optional_date(Field::SignedOn, input.signed_on.as_deref())?.unwrap_or(today);
    if let Some(strokes) = &input.strokes {
        let points: usize = strokes.iter().map(Vec::len).sum();
        let in_box = strokes
            .iter()
            .flatten()
            .all(|[x, y]| (0.0..=1.0).contains(x) && (0.0..=1.0).contains(y));
        if strokes.len() > MAX_STROKES || points > MAX_POINTS || !in_box {
            return Err(ValidationError::new(
                Field::Strokes,
                Problem::TooMany { max: MAX_POINTS },
            ));
        }
    }
    Ok((name, date))
}

/// The signed version exactly as it is frozen. Serialised with a fixed field order and no
/// whitespace, it is the same bytes on every machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub format: String,
    pub plan_id: String,
    pub version: u32,
    pub person_name: String,
    pub content: PlanContent,
    pub signatures: Vec<SnapshotSignature>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotSignature {
    pub party: Party,
    pub full_name: String,
    pub signed_on: NaiveDate,
}

/// Canonical JSON of a snapshot.
pub fn canonical(snapshot: &Snapshot) -> String {
    serde_json::to_string(snapshot).expect("snapshot serialises")
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_lower(&Sha256::digest(bytes))
}

/// Bytes as lower-case hex.
pub fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// The short, readable code printed on paper: `GK-` and the first 12 hex digits of the
/// SHA-256 in three groups, e.g. `GK-3F2A-91C0-77DE`.
pub fn fingerprint(sha256: &str) -> String {
    let hex: String = sha256.chars().take(12).collect::<String>().to_uppercase();
    format!("GK-{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12])
}

/// Reads a fingerprint as people type it: any case, spaces or dashes, with or without `GK`.
pub fn parse_fingerprint(input: &str) -> Option<String> {
    let cleaned: String = input
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_uppercase();
    let hex = cleaned.strip_prefix("GK").unwrap_or(&cleaned);
    (hex.len() == 12 && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| format!("GK-{}-{}-{}", &hex[0..4], &hex[4..8], &hex[8..12]))
}

/// Finds a fingerprint anywhere in a text (or the bytes of a PDF).
pub fn find_fingerprint(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(16)).find_map(|i| {
        let candidate = text.get(i..i + 17)?;
        (candidate.starts_with("GK-")
            && candidate.as_bytes()[7] == b'-'
            && candidate.as_bytes()[12] == b'-')
            .then(|| parse_fingerprint(candidate))
            .flatten()
    })
}

/// The hash of one event-log entry, chained to the previous one.
pub fn event_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    plan_id: &str,
    kind: &str,
    detail: &str,
) -> String {
    sha256_hex(
        format!("{prev_hash}\u{1f}{seq}\u{1f}{at}\u{1f}{plan_id}\u{1f}{kind}\u{1f}{detail}")
            .as_bytes(),
    )
}

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One field that differs between two versions of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// Where, e.g. `goals[0].title`.
    pub path: String,
    pub before: String,
    pub after: String,
}

/// What changed from `old` to `new`, field by field.
pub fn field_changes(old: &PlanContent, new: &PlanContent) -> Vec<FieldChange> {
    fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&p, v, out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    flatten(&format!("{prefix}[{i}]"), v, out);
                }
            }
            serde_json::Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            serde_json::Value::Null => out.push((prefix.to_owned(), String::new())),
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let to_map = |c: &PlanContent| {
        let mut out = Vec::new();
        flatten(
            "",
            &serde_json::to_value(c).expect("content serialises"),
            &mut out,
        );
        out.into_iter()
            .filter(|(k, _)| !k.ends_with(".id") && k != "id")
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (a, b) = (to_map(old), to_map(new));
    let keys: std::collections::BTreeSet<_> = a.keys().chain(b.keys()).cloned().collect();
    keys.into_iter()
        .filter_map(|k| {
            let before = a.get(&k).cloned().unwrap_or_default();
            let after = b.get(&k).cloned().unwrap_or_default();
            (before != after).then_some(FieldChange {
                path: k,
                before,
                after,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SignInput {
        SignInput {
            party: Party::Employee,
            full_name: " Sanne de Boer ".into(),
            signed_on: None,
            consent: true,
            strokes: None,
            despite_findings: false,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn signing_needs_a_name_and_consent() {
        assert_eq!(
            validate_sign_input(&input(), today()).unwrap(),
            ("Sanne de Boer".into(), today())
        );
        let mut no_consent = input();
        no_consent.consent = false;
        assert_eq!(
            validate_sign_input(&no_consent, today()).unwrap_err(),
            ValidationError::new(Field::Consent, Problem::Required)
        );
        let mut no_name = input();
        no_name.full_name = "  ".into();
        assert_eq!(
            validate_sign_input(&no_name, today()).unwrap_err().field,
            Field::SignatureName
        );
    }

    #[test]
    fn a_drawing_outside_its_box_or_too_large_is_refused() {
        let mut i = input();
        i.strokes = Some(vec![vec![[0.1, 0.2], [1.5, 0.3]]]);
        assert_eq!(
            validate_sign_input(&i, today()).unwrap_err().field,
            Field::Strokes
        );
        i.strokes = Some(vec![vec![[0.5, 0.5]; MAX_POINTS + 1]]);
        assert_eq!(
            validate_sign_input(&i, today()).unwrap_err().field,
            Field::Strokes
        );
        i.strokes = Some(vec![vec![[0.1, 0.2], [0.9, 0.3]]]);
        assert!(validate_sign_input(&i, today()).is_ok());
    }

    #[test]
    fn the_fingerprint_is_the_first_twelve_hex_digits_grouped() {
        let sha = sha256_hex(b"groeikoers");
        let fp = fingerprint(&sha);
        assert!(fp.starts_with("GK-") && fp.len() == 17, "{fp}");
        assert_eq!(&fp[3..7], sha[0..4].to_uppercase());
        assert_eq!(
            parse_fingerprint(&fp.to_lowercase().replace('-', " ")),
            Some(fp.clone())
        );
        assert_eq!(parse_fingerprint(&fp[3..]), Some(fp.clone()));
        assert_eq!(parse_fingerprint("GK-XYZ"), None);
        assert_eq!(find_fingerprint(&format!("footer · {fp} · v1")), Some(fp));
    }

    #[test]
    fn sha256_matches_a_known_value() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_event_hash_depends_on_every_part() {
        let h = event_hash(GENESIS, 1, "t", "p", "signed", "d");
        assert_ne!(h, event_hash(GENESIS, 1, "t", "p", "signed", "e"));
        assert_ne!(h, event_hash(GENESIS, 2, "t", "p", "signed", "d"));
        assert_eq!(h, event_hash(GENESIS, 1, "t", "p", "signed", "d"));
    }

    #[test]
    fn changes_are_listed_per_field() {
        let old = PlanContent {
            title: "A".into(),
            focus: "oud".into(),
            ..Default::default()
        };
        let mut new = old.clone();
        new.focus = "nieuw".into();
        assert_eq!(
            field_changes(&old, &new),
            [FieldChange {
                path: "focus".into(),
                before: "oud".into(),
                after: "nieuw".into()
            }]
        );
    }
}

//! Paired computers. A computer trusts another computer's key only after a person compared
//! its fingerprint (`K-…`, Settings → This device on the other computer) and confirmed it.
//! The owner's computer pins an employee's device for that person; the employee's computer
//! pins the owner's device(s) as the employer. What a package says about its own keys counts
//! for nothing: a signature, an employer share and the package itself are accepted only
//! from a key paired here for the right party (or this computer's own key).

use crate::error::{CoreError, Result};
use pop_domain::seal::key_fingerprint;
use pop_domain::signing::{Party, Signature};
use pop_domain::{Clock, Field, Mode, Problem, ValidationError};
use pop_store::device as device_repo;
use pop_store::pairing::{self as repo, PairedRow, PendingRow};
use pop_store::rusqlite::Connection;
use pop_store::{people as people_repo, Store};
use serde::Serialize;
use ts_rs::TS;

/// A paired device as Settings and `device list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairedDevice {
    pub name: String,
    pub key_fingerprint: String,
    pub public_key: String,
    /// `None`: the employer's computer.
    pub person_id: Option<String>,
    pub person_name: Option<String>,
    /// "employer" or "employee".
    pub role: String,
    pub paired_on: String,
    pub revoked_on: Option<String>,
}

/// A device whose package waits in an exchange folder until it is paired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingDevice {
    pub name: String,
    pub key_fingerprint: String,
    pub public_key: String,
    /// The person whose exchange folder the package was in.
    pub person_id: Option<String>,
    pub person_name: Option<String>,
    pub file_name: String,
    pub first_seen: String,
}

/// For whom a key is paired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PairAs {
    /// The employer's (owner's) computer.
    Owner,
    /// A person's own device.
    Person(String),
}

/// Why a key is not accepted for what it signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Distrust {
    /// The key is not paired here.
    NotPaired,
    /// The key's pairing was revoked on this date, before it signed.
    Revoked { on: String },
    /// A manager's signature (or the employer's share) from a key that is not the employer's.
    NotEmployer,
    /// An employee's signature from a key paired for another person.
    OtherPerson,
    /// A signature without a device signature.
    Unsigned,
}

fn person_name(conn: &Connection, id: Option<&str>) -> Result<Option<String>> {
    Ok(match id {
        Some(id) => people_repo::get(conn, id)?.map(|p| p.full_name),
        None => None,
    })
}

fn paired_device(conn: &Connection, r: PairedRow) -> Result<PairedDevice> {
    Ok(PairedDevice {
        key_fingerprint: key_fingerprint(&r.public_key),
        person_name: person_name(conn, r.person_id.as_deref())?,
        role: if r.person_id.is_some() {
            "employee"
        } else {
            "employer"
        }
        .into(),
        name: r.name,
        public_key: r.public_key,
        person_id: r.person_id,
        paired_on: r.paired_at,
        revoked_on: r.revoked_at,
    })
}

/// Every paired device, the employer's first.
pub fn list_devices(store: &Store) -> Result<Vec<PairedDevice>> {
    let conn = store.conn();
    repo::all_paired(conn)?
        .into_iter()
        .map(|r| paired_device(conn, r))
        .collect()
}

/// Devices that sent a package to an exchange folder and wait to be paired.
pub fn pending_devices(store: &Store) -> Result<Vec<PendingDevice>> {
    let conn = store.conn();
    repo::all_pending(conn)?
        .into_iter()
        .map(|r| {
            Ok(PendingDevice {
                key_fingerprint: key_fingerprint(&r.public_key),
                person_name: person_name(conn, r.person_id.as_deref())?,
                name: r.name,
                public_key: r.public_key,
                person_id: r.person_id,
                file_name: r.file_name,
                first_seen: r.first_seen,
            })
        })
        .collect()
}

/// Whether `given` names `public_key`: its fingerprint (any case, with or without the `K-`
/// and dashes) or the whole key.
pub fn fingerprint_matches(given: &str, public_key: &str) -> bool {
    let norm = |s: &str| -> String {
        let s = s.trim().to_uppercase();
        let s = s.strip_prefix("K-").unwrap_or(&s);
        s.chars().filter(|c| c.is_ascii_hexdigit()).collect()
    };
    let given = norm(given);
    !given.is_empty() && (given == norm(&key_fingerprint(public_key)) || given == norm(public_key))
}

fn unknown_fingerprint() -> CoreError {
    ValidationError::new(Field::DeviceKey, Problem::UnknownDevice).into()
}

/// Pairs the device with this fingerprint (one that sent a package here, or one paired
/// before) for the employer or for a person. A whole public key (64 hex digits) may also be
/// paired before its first package, under `name`.
pub fn pair_device(
    store: &mut Store,
    clock: &dyn Clock,
    fingerprint: &str,
    as_: PairAs,
    name: Option<&str>,
) -> Result<PairedDevice> {
    let conn = store.conn();
    let mut candidates: Vec<(String, String)> = repo::all_pending(conn)?
        .into_iter()
        .map(|r| (r.public_key, r.name))
        .chain(
            repo::all_paired(conn)?
                .into_iter()
                .map(|r| (r.public_key, r.name)),
        )
        .collect();
    candidates.extend(device_repo::known_devices(conn)?);
    let whole = fingerprint.trim().to_ascii_lowercase();
    let (public_key, name) = match candidates
        .into_iter()
        .find(|(k, _)| fingerprint_matches(fingerprint, k))
    {
        Some((k, known)) => (k, name.map(str::to_owned).unwrap_or(known)),
        None if whole.len() == 64 && whole.chars().all(|c| c.is_ascii_hexdigit()) => {
            let name = pop_domain::text::required_line(Field::DeviceName, name.unwrap_or(""), 60)?;
            (whole, name)
        }
        None => return Err(unknown_fingerprint()),
    };
    let row = row_for(store, clock, &public_key, &name, as_)?;
    store.write(|tx| repo::pair(tx, &row))?;
    let row = repo::paired(store.conn(), &public_key)?.expect("just paired");
    paired_device(store.conn(), row)
}

/// The row that pairs `public_key`; this computer's own key is refused.
pub(crate) fn row_for(
    store: &Store,
    clock: &dyn Clock,
    public_key: &str,
    name: &str,
    as_: PairAs,
) -> Result<PairedRow> {
    let conn = store.conn();
    if device_repo::get(conn)?.is_some_and(|d| d.public_key == public_key) {
        return Err(ValidationError::new(Field::DeviceKey, Problem::OwnDevice).into());
    }
    let person_id = match as_ {
        PairAs::Owner => None,
        PairAs::Person(id) => Some(
            people_repo::get(conn, &id)?
                .ok_or_else(|| ValidationError::new(Field::Person, Problem::UnknownPerson))?
                .id,
        ),
    };
    Ok(PairedRow {
        public_key: public_key.to_owned(),
        name: name.chars().take(200).collect(),
        person_id,
        paired_at: clock.now().to_rfc3339(),
        revoked_at: None,
    })
}

/// Revokes a paired device: what it signed before now stays valid, anything it signs
/// later is refused.
pub fn revoke_device(
    store: &mut Store,
    clock: &dyn Clock,
    fingerprint: &str,
) -> Result<PairedDevice> {
    let row = repo::all_paired(store.conn())?
        .into_iter()
        .find(|r| fingerprint_matches(fingerprint, &r.public_key))
        .ok_or_else(unknown_fingerprint)?;
    let at = clock.now().to_rfc3339();
    store.write(|tx| repo::revoke(tx, &row.public_key, &at).map(|_| ()))?;
    let row = repo::paired(store.conn(), &row.public_key)?.expect("still paired");
    paired_device(store.conn(), row)
}

/// Remembers a device whose package waits in an exchange folder.
pub(crate) fn add_pending(
    store: &mut Store,
    clock: &dyn Clock,
    public_key: &str,
    name: &str,
    person_id: Option<&str>,
    file_name: &str,
) -> Result<()> {
    let row = PendingRow {
        public_key: public_key.to_owned(),
        name: name.chars().take(200).collect(),
        person_id: person_id.map(str::to_owned),
        file_name: file_name.to_owned(),
        first_seen: clock.now().to_rfc3339(),
    };
    store.write(|tx| repo::add_pending(tx, &row))?;
    Ok(())
}

/// The party a new pairing stands for when the user pairs while importing: on a personal
/// computer the employer, on the owner's the person the plan is for.
pub(crate) fn pair_as_for(mode: Mode, person_id: Option<&str>) -> Option<PairAs> {
    match mode {
        Mode::Personal => Some(PairAs::Owner),
        Mode::Owner => person_id
            .filter(|p| !p.is_empty())
            .map(|p| PairAs::Person(p.to_owned())),
    }
}

/// Who made a package, as this computer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Maker {
    /// This computer.
    Own,
    /// A key paired as the employer's.
    Employer,
    /// A key paired as this person's device.
    Person(String),
}

/// The keys this computer trusts, with at most one pairing about to be made (a preview, or
/// `plan import --pair`), which counts as made.
pub(crate) struct Trust {
    own_key: String,
    about_to_pair: Option<PairedRow>,
}

impl Trust {
    pub(crate) fn new(conn: &Connection, about_to_pair: Option<PairedRow>) -> Result<Self> {
        Ok(Trust {
            own_key: device_repo::get(conn)?
                .map(|d| d.public_key)
                .unwrap_or_default(),
            about_to_pair,
        })
    }

    fn row(&self, conn: &Connection, key: &str) -> Result<Option<PairedRow>> {
        if let Some(r) = self.about_to_pair.as_ref().filter(|r| r.public_key == key) {
            return Ok(Some(r.clone()));
        }
        Ok(repo::paired(conn, key)?)
    }

    /// Who made a package signed by `key` (its signature is checked already): refused when
    /// the key is not paired or was revoked.
    pub(crate) fn maker(&self, conn: &Connection, key: &str, name: &str) -> Result<Maker> {
        if !self.own_key.is_empty() && key == self.own_key {
            return Ok(Maker::Own);
        }
        match self.row(conn, key)? {
            None => Err(CoreError::Unpaired {
                name: name.to_owned(),
                public_key: key.to_owned(),
            }),
            Some(r) if r.revoked_at.is_some() => Err(CoreError::Untrusted {
                part: "madeBy".into(),
                signer: String::new(),
                device: crate::device::describe_device(name, key),
                why: Distrust::Revoked {
                    on: day(r.revoked_at.as_deref()),
                },
            }),
            Some(r) => Ok(match r.person_id {
                None => Maker::Employer,
                Some(p) => Maker::Person(p),
            }),
        }
    }

    /// Whether a signature that is new here may enter: made on this computer, or by a key
    /// paired for its party (an employee's signature also on the employer's computer, where
    /// they sign together) and not revoked before it was made.
    pub(crate) fn check_signer(
        &self,
        conn: &Connection,
        part: &str,
        person_id: &str,
        s: &Signature,
    ) -> Result<()> {
        let refuse = |why: Distrust| CoreError::Untrusted {
            part: part.to_owned(),
            signer: s.full_name.clone(),
            device: crate::device::describe_device(&s.device_name, &s.device_key),
            why,
        };
        if s.device_key.is_empty() || s.device_signature.is_empty() {
            return Err(refuse(Distrust::Unsigned));
        }
        if !self.own_key.is_empty() && s.device_key == self.own_key {
            return Ok(());
        }
        let Some(row) = self.row(conn, &s.device_key)? else {
            return Err(refuse(Distrust::NotPaired));
        };
        if let Some(revoked) = &row.revoked_at {
            let before = chrono::DateTime::parse_from_rfc3339(revoked)
                .map(|r| s.signed_at < r)
                .unwrap_or(false);
            if !before {
                return Err(refuse(Distrust::Revoked {
                    on: day(Some(revoked)),
                }));
            }
        }
        match (s.party, row.person_id.as_deref()) {
            (_, None) => Ok(()),
            (Party::Manager, Some(_)) => Err(refuse(Distrust::NotEmployer)),
            (Party::Employee, Some(p)) if p == person_id => Ok(()),
            (Party::Employee, Some(_)) => Err(refuse(Distrust::OtherPerson)),
        }
    }
}

fn day(at: Option<&str>) -> String {
    at.unwrap_or_default().chars().take(10).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use pop_domain::FixedClock;

    fn signature(party: Party, key: &str, at: chrono::DateTime<Utc>) -> Signature {
        Signature {
            party,
            full_name: "Zoë Çelik".into(),
            signed_on: at.date_naive(),
            signed_at: at,
            device_user: "zoe".into(),
            strokes: None,
            consent_text: String::new(),
            device_name: "Laptop Zoë".into(),
            device_key: key.into(),
            device_signature: "00".repeat(64),
        }
    }

    #[test]
    fn a_revoked_key_keeps_what_it_signed_before_and_signs_nothing_after() {
        let mut store = Store::open_in_memory().unwrap();
        let clock = FixedClock(Utc.with_ymd_and_hms(2026, 12, 3, 12, 0, 0).unwrap());
        let zoe = crate::people::create_person(
            &mut store,
            &clock,
            pop_domain::PersonInput {
                full_name: "Zoë Çelik".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let (laptop, _) = pop_domain::seal::key_pair([3; 32]);
        pair_device(
            &mut store,
            &clock,
            &laptop,
            PairAs::Person(zoe.id.clone()),
            Some("Laptop Zoë"),
        )
        .unwrap();
        revoke_device(&mut store, &clock, &laptop).unwrap();
        let trust = Trust::new(store.conn(), None).unwrap();
        let before = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let after = Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap();
        let check = |party, at| {
            trust.check_signer(store.conn(), "s", &zoe.id, &signature(party, &laptop, at))
        };
        check(Party::Employee, before).unwrap();
        assert!(matches!(
            check(Party::Employee, after),
            Err(CoreError::Untrusted {
                why: Distrust::Revoked { .. },
                ..
            })
        ));
        // An employee's device never signs for the employer, revoked or not.
        assert!(matches!(
            check(Party::Manager, before),
            Err(CoreError::Untrusted {
                why: Distrust::NotEmployer,
                ..
            })
        ));
        // Another person's plan: refused; an unknown key: not paired.
        assert!(matches!(
            trust.check_signer(
                store.conn(),
                "s",
                "someone-else",
                &signature(Party::Employee, &laptop, before)
            ),
            Err(CoreError::Untrusted {
                why: Distrust::OtherPerson,
                ..
            })
        ));
        let (stranger, _) = pop_domain::seal::key_pair([4; 32]);
        assert!(matches!(
            check_with(&trust, &store, &zoe.id, &stranger),
            Err(CoreError::Untrusted {
                why: Distrust::NotPaired,
                ..
            })
        ));
        assert!(fingerprint_matches(
            &key_fingerprint(&laptop).to_lowercase(),
            &laptop
        ));
        assert!(!fingerprint_matches("", &laptop));
    }

    fn check_with(trust: &Trust, store: &Store, person: &str, key: &str) -> Result<()> {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        trust.check_signer(
            store.conn(),
            "s",
            person,
            &signature(Party::Employee, key, at),
        )
    }
}

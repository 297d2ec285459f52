//! This installation's identity: a name people recognise ("Laptop Zoë") and an Ed25519 key
//! pair made at first use. Every signature recorded here is also signed by this key.

use crate::error::Result;
use pop_domain::seal::{key_fingerprint, key_pair};
use pop_domain::{Clock, Field};
use pop_store::device::{self as repo, DeviceRow};
use pop_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What Settings shows of this installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeviceInfo {
    pub name: String,
    /// `K-7F3A-91C0-77DE`: the short form of the public key.
    pub key_fingerprint: String,
    pub public_key: String,
    /// The secret key is in the operating system's secret store (Secret Service, Keychain,
    /// Credential Manager); false: in the data file, protected only by its passphrase.
    pub key_in_os_store: bool,
    /// The store says the key is in the secret store, but this computer's has none (a copied
    /// data file): nothing can be signed here until a new key is made.
    pub key_missing: bool,
}

/// What the store holds instead of the secret when it is in the OS secret store.
const IN_OS_STORE: &str = "os-secret-store";

/// The operating system's secret store, unless `GROEIKOERS_KEYSTORE=file` (tests, and
/// people who want the key in the data file).
mod os_store {
    fn enabled() -> bool {
        std::env::var("GROEIKOERS_KEYSTORE").map_or(true, |v| v != "file")
    }

    fn entry(public_key: &str) -> Option<keyring::Entry> {
        if !enabled() {
            return None;
        }
        keyring::Entry::new("Groeikoers", &format!("device-key-{public_key}")).ok()
    }

    /// Stores the secret and reads it back; false when there is no secret store.
    pub fn put(public_key: &str, secret: &str) -> bool {
        let Some(e) = entry(public_key) else {
            return false;
        };
        e.set_password(secret).is_ok() && e.get_password().ok().as_deref() == Some(secret)
    }

    pub fn get(public_key: &str) -> Option<String> {
        entry(public_key)?.get_password().ok()
    }

    pub fn remove(public_key: &str) {
        if let Some(e) = entry(public_key) {
            let _ = e.delete_credential();
        }
    }
}

/// The device's secret key, from wherever it is kept.
pub(crate) fn secret(d: &DeviceRow) -> Result<String> {
    if d.secret_key != IN_OS_STORE {
        return Ok(d.secret_key.clone());
    }
    os_store::get(&d.public_key)
        .filter(|s| key_pair_of(s).as_deref() == Some(d.public_key.as_str()))
        .ok_or(crate::CoreError::KeyMissing)
}

/// The public key of a secret (hex), if it is one.
fn key_pair_of(secret: &str) -> Option<String> {
    let bytes: Vec<u8> = (0..secret.len() / 2)
        .map(|i| u8::from_str_radix(secret.get(2 * i..2 * i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    let seed: [u8; 32] = bytes.try_into().ok()?;
    Some(key_pair(seed).0)
}

/// The default name: the computer's host name, else the user's.
fn default_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok());
    match host {
        Some(h) => h.chars().take(60).collect(),
        None => crate::signing::device_user(),
    }
}

fn fresh_seed() -> Result<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| {
        crate::CoreError::Store(pop_store::StoreError::Corrupt(format!(
            "no randomness for a device key: {e}"
        )))
    })?;
    Ok(seed)
}

/// The identity, made (and stored) now if this installation has none yet. A secret still
/// in the data file moves to the OS secret store when there is one.
pub(crate) fn identity(store: &mut Store, clock: &dyn Clock) -> Result<DeviceRow> {
    if let Some(d) = repo::get(store.conn())? {
        if d.secret_key != IN_OS_STORE && os_store::put(&d.public_key, &d.secret_key) {
            store.write(|tx| repo::set_secret(tx, IN_OS_STORE))?;
            return Ok(repo::get(store.conn())?.expect("still there"));
        }
        return Ok(d);
    }
    create_with_seed(store, clock, &default_name(), fresh_seed()?)
}

/// Makes the identity from a given seed (tests use a fixed one for stable fingerprints).
/// An existing identity is kept.
pub fn create_with_seed(
    store: &mut Store,
    clock: &dyn Clock,
    name: &str,
    seed: [u8; 32],
) -> Result<DeviceRow> {
    let (public_key, secret_key) = key_pair(seed);
    let in_os = os_store::put(&public_key, &secret_key);
    let row = DeviceRow {
        name: name.to_owned(),
        secret_key: if in_os {
            IN_OS_STORE.to_owned()
        } else {
            secret_key
        },
        public_key,
        created_at: clock.now().to_rfc3339(),
    };
    store.write(|tx| repo::insert(tx, &row))?;
    let stored = repo::get(store.conn())?.expect("just stored");
    if in_os && stored.public_key != row.public_key {
        os_store::remove(&row.public_key); // Another writer made the identity first.
    }
    Ok(stored)
}

/// Makes a new key pair for this installation (its key is missing here, or was exposed):
/// what was signed with the old key stays valid; the other computer must pair the new one.
pub fn new_key(store: &mut Store, clock: &dyn Clock) -> Result<DeviceInfo> {
    let old = identity(store, clock)?;
    let (public_key, secret_key) = key_pair(fresh_seed()?);
    let in_os = os_store::put(&public_key, &secret_key);
    let stored = if in_os {
        IN_OS_STORE.to_owned()
    } else {
        secret_key
    };
    let at = clock.now().to_rfc3339();
    store.write(|tx| {
        repo::replace_key(tx, &public_key, &stored, &at)?;
        pop_store::signing::log_event(tx, &at, None, "device-key", &public_key)
    })?;
    if old.secret_key == IN_OS_STORE {
        os_store::remove(&old.public_key);
    }
    device_info(store, clock)
}

/// This installation's name and key (made at first use).
pub fn device_info(store: &mut Store, clock: &dyn Clock) -> Result<DeviceInfo> {
    let d = identity(store, clock)?;
    let key_in_os_store = d.secret_key == IN_OS_STORE;
    Ok(DeviceInfo {
        key_fingerprint: key_fingerprint(&d.public_key),
        key_missing: key_in_os_store && secret(&d).is_err(),
        key_in_os_store,
        name: d.name,
        public_key: d.public_key,
    })
}

/// Whether this installation still has the name it was given when its key was made (the
/// host name), so a proposal may replace it; a name someone chose is kept.
pub fn has_first_name(store: &mut Store, clock: &dyn Clock) -> Result<bool> {
    Ok(identity(store, clock)?.name == default_name())
}

/// Gives this installation another name (shown with every signature made here from now on).
pub fn rename_device(store: &mut Store, clock: &dyn Clock, name: &str) -> Result<DeviceInfo> {
    let name = pop_domain::text::required_line(Field::DeviceName, name, 60)?;
    identity(store, clock)?;
    store.write(|tx| repo::rename(tx, &name))?;
    device_info(store, clock)
}

/// How a device is shown: "Laptop Zoë (K-7F3A-91C0-77DE)".
pub fn describe_device(name: &str, public_key: &str) -> String {
    if public_key.is_empty() {
        return String::new();
    }
    format!("{name} ({})", key_fingerprint(public_key))
}

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

/// The identity, made (and stored) now if this installation has none yet.
pub(crate) fn identity(store: &mut Store, clock: &dyn Clock) -> Result<DeviceRow> {
    if let Some(d) = repo::get(store.conn())? {
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
    let row = DeviceRow {
        name: name.to_owned(),
        public_key,
        secret_key,
        created_at: clock.now().to_rfc3339(),
    };
    store.write(|tx| repo::insert(tx, &row))?;
    Ok(repo::get(store.conn())?.expect("just stored"))
}

/// This installation's name and key (made at first use).
pub fn device_info(store: &mut Store, clock: &dyn Clock) -> Result<DeviceInfo> {
    let d = identity(store, clock)?;
    Ok(DeviceInfo {
        key_fingerprint: key_fingerprint(&d.public_key),
        name: d.name,
        public_key: d.public_key,
    })
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

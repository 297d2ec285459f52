-- Seals over everything a reader trusts, device keys, one next version per version, the log
-- head at sealing, and what was last exchanged with another computer.

-- This installation's identity: an Ed25519 key pair made at first use. The secret stays in
-- the store, so it is encrypted whenever the store is.
CREATE TABLE device (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Devices met in imported packages (their public keys and names).
CREATE TABLE known_device (
    public_key TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    first_seen TEXT NOT NULL
) STRICT;

-- A signature records the consent text and the device that recorded it, signed by that
-- device's key.
ALTER TABLE plan_signature ADD COLUMN consent_text TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_signature ADD COLUMN device_name TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_signature ADD COLUMN device_key TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_signature ADD COLUMN device_signature TEXT NOT NULL DEFAULT '';

-- The log head (the sealing event) of every seal, so a log cut short is found.
ALTER TABLE plan_snapshot ADD COLUMN log_seq INTEGER;
ALTER TABLE plan_snapshot ADD COLUMN log_hash TEXT;
UPDATE plan_snapshot SET
    log_seq = (SELECT e.seq FROM event_log e WHERE e.plan_id = plan_snapshot.plan_id
               AND e.kind = 'frozen' AND e.detail = plan_snapshot.fingerprint ORDER BY e.seq LIMIT 1),
    log_hash = (SELECT e.hash FROM event_log e WHERE e.plan_id = plan_snapshot.plan_id
                AND e.kind = 'frozen' AND e.detail = plan_snapshot.fingerprint ORDER BY e.seq LIMIT 1);

-- A version has at most one next version (checked here as well as in the use case; a
-- trigger, so stores that already hold two are not refused at upgrade).
CREATE INDEX plan_previous ON plan (previous_version) WHERE previous_version IS NOT NULL;
CREATE TRIGGER plan_one_next_version BEFORE INSERT ON plan
WHEN NEW.previous_version IS NOT NULL
 AND EXISTS (SELECT 1 FROM plan WHERE previous_version = NEW.previous_version)
BEGIN
    SELECT RAISE(ABORT, 'this version already has a next version');
END;
CREATE TRIGGER plan_one_next_version_update BEFORE UPDATE OF previous_version ON plan
WHEN NEW.previous_version IS NOT NULL
 AND EXISTS (SELECT 1 FROM plan WHERE previous_version = NEW.previous_version AND id <> NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'this version already has a next version');
END;

CREATE INDEX event_log_plan ON event_log (plan_id, seq);

-- Per plan version: the content hash at the last exchange (export or import), so a draft
-- edited on both computers since then is recognised as a conflict.
CREATE TABLE exchange_state (
    plan_id        TEXT PRIMARY KEY NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    content_sha256 TEXT NOT NULL,
    at             TEXT NOT NULL
) STRICT;

-- A person id from another computer and the person it is on this one.
CREATE TABLE person_alias (
    remote_id TEXT PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE
) STRICT;

-- Events of a plan logged on another computer, as its package carried them.
CREATE TABLE foreign_event (
    device_key TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    at         TEXT NOT NULL,
    plan_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (device_key, seq)
) STRICT;
CREATE INDEX foreign_event_plan ON foreign_event (plan_id);

-- The exchange folder: every package file seen or written there, and per plan series the
-- state last written (so an unchanged plan is not written again).
CREATE TABLE exchange_file (
    file_name TEXT PRIMARY KEY NOT NULL,
    sha256    TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('written', 'imported', 'waiting', 'refused')),
    reason    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
) STRICT;

CREATE TABLE exchange_written (
    series_id    TEXT PRIMARY KEY NOT NULL,
    state_sha256 TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;

-- Which folder is shared with whom: an owner shares one folder with each employee, so a
-- plan is only ever written to the folder of its own person.
CREATE TABLE exchange_folder (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    folder    TEXT NOT NULL
) STRICT;

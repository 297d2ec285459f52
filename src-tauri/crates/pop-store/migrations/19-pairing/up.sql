-- Paired devices: another computer's key, trusted here only after a person compared its
-- fingerprint and confirmed it. `person_id` NULL: the employer's (owner's) computer;
-- otherwise the person whose own device it is. A revoked key keeps what it signed before
-- `revoked_at` and is refused for anything after.
CREATE TABLE paired_device (
    public_key TEXT PRIMARY KEY NOT NULL CHECK (length(public_key) = 64),
    name       TEXT NOT NULL,
    person_id  TEXT REFERENCES person (id) ON DELETE CASCADE,
    paired_at  TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

-- Devices whose packages wait in an exchange folder until a person pairs them (or refuses).
CREATE TABLE pending_device (
    public_key TEXT PRIMARY KEY NOT NULL CHECK (length(public_key) = 64),
    name       TEXT NOT NULL,
    -- The person whose exchange folder the package was found in (NULL: personal mode).
    person_id  TEXT REFERENCES person (id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    first_seen TEXT NOT NULL
) STRICT;

-- A new plan in an exchange folder waits for the owner ('confirm'); the table is rebuilt to
-- allow that outcome (SQLite cannot change a CHECK in place).
CREATE TABLE exchange_file_new (
    file_name TEXT PRIMARY KEY NOT NULL,
    sha256    TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('written', 'imported', 'waiting', 'confirm', 'refused')),
    reason    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
) STRICT;
INSERT INTO exchange_file_new (file_name, sha256, outcome, reason, at)
SELECT file_name, sha256, outcome, reason, at FROM exchange_file;
DROP TABLE exchange_file;
ALTER TABLE exchange_file_new RENAME TO exchange_file;

-- The newest log head of each device, signed by that device's key: another computer's head
-- from its packages, and this computer's own head as another computer acknowledged it back
-- (`via`: who). `log verify` checks this computer's log against its acknowledged head.
CREATE TABLE device_head (
    device_key TEXT PRIMARY KEY NOT NULL,
    seq        INTEGER NOT NULL,
    hash       TEXT NOT NULL,
    signature  TEXT NOT NULL,
    via        TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
) STRICT;

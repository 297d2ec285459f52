-- Signing: signatures per plan version, the frozen canonical snapshot with its SHA-256 and
-- fingerprint, versions of a plan, and an append-only event log with a hash chain.

ALTER TABLE plan ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plan ADD COLUMN previous_version TEXT REFERENCES plan (id) ON DELETE SET NULL;
ALTER TABLE plan ADD COLUMN version_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE plan_signature (
    plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    party       TEXT NOT NULL CHECK (party IN ('employee', 'manager')),
    full_name   TEXT NOT NULL,
    signed_on   TEXT NOT NULL,
    signed_at   TEXT NOT NULL,
    device_user TEXT NOT NULL,
    strokes     TEXT CHECK (strokes IS NULL OR json_valid(strokes)),
    PRIMARY KEY (plan_id, party)
) STRICT;

CREATE TABLE plan_snapshot (
    plan_id     TEXT PRIMARY KEY NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    canonical   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    frozen_at   TEXT NOT NULL
) STRICT;

CREATE TABLE event_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    plan_id   TEXT,
    kind      TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

-- Append-only: the app never changes or removes a logged event.
CREATE TRIGGER event_log_no_update BEFORE UPDATE ON event_log
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
CREATE TRIGGER event_log_no_delete BEFORE DELETE ON event_log
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

-- The follow-up rhythm: check-ins (edits of the derived schedule and the GROW record), the
-- agreements made in them, the evaluation at the end of a period, and which reminders fired.
-- Check-ins hang on the first version of a plan (its series), so a new version keeps them.

CREATE TABLE checkin (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    slot        INTEGER CHECK (slot IS NULL OR slot > 0),
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'skipped')),
    skip_reason TEXT NOT NULL DEFAULT '',
    held_on     TEXT,
    grow        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(grow)),
    progress    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(progress)),
    revision    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX checkin_slot ON checkin (plan_id, slot) WHERE slot IS NOT NULL;
CREATE INDEX checkin_plan ON checkin (plan_id, due_on);

CREATE TABLE follow_up (
    id          TEXT PRIMARY KEY NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    checkin_id  TEXT REFERENCES checkin (id) ON DELETE SET NULL,
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    owner       TEXT NOT NULL DEFAULT '',
    due_on      TEXT,
    done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX follow_up_plan ON follow_up (plan_id);

CREATE TABLE evaluation (
    plan_id      TEXT PRIMARY KEY NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
    content      TEXT NOT NULL CHECK (json_valid(content)),
    evaluated_on TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- One row per reminder shown (or reported as missed), so none is shown twice.
CREATE TABLE reminder_fired (
    key      TEXT PRIMARY KEY NOT NULL,
    fired_at TEXT NOT NULL,
    missed   INTEGER NOT NULL DEFAULT 0 CHECK (missed IN (0, 1))
) STRICT;

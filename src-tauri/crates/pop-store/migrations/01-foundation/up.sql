-- Foundation: settings, the organisation, and its people.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE organisation (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL
) STRICT;

INSERT INTO organisation (id, name) VALUES (1, '');

CREATE TABLE person (
    id         TEXT PRIMARY KEY NOT NULL,
    full_name  TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    role       TEXT NOT NULL DEFAULT '',
    manager_id TEXT REFERENCES person (id) ON DELETE RESTRICT,
    start_date TEXT,
    email      TEXT,
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
    left_on    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (manager_id IS NULL OR manager_id <> id)
) STRICT;

CREATE INDEX person_manager ON person (manager_id);

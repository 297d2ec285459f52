-- On the employee's computer (personal mode): the newest budget and study-cost clauses the
-- owner's computer shared in a plan package, signed by that computer's device. Read-only
-- here; replaced by a newer share; goes with the person.
CREATE TABLE received_share (
    person_id   TEXT PRIMARY KEY NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    as_of       TEXT NOT NULL,
    share       TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    received_at TEXT NOT NULL
) STRICT;

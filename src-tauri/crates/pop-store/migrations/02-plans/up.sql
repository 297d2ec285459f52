-- Plans: one row per plan; the content (the seven blocks and the goals) is one JSON document,
-- edited, checked, exported and signed as a whole. Title and period are copied out for lists.

CREATE TABLE plan (
    id           TEXT PRIMARY KEY NOT NULL,
    person_id    TEXT NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'active', 'evaluated', 'closed')),
    carried_from TEXT REFERENCES plan (id) ON DELETE SET NULL,
    title        TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    content      TEXT NOT NULL CHECK (json_valid(content)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX plan_person ON plan (person_id, period_start);

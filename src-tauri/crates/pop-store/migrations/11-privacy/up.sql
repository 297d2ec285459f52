-- The data rights of people who left (AVG/GDPR): a legal hold keeps someone's data beyond
-- its retention period, with the reason; a study-cost clause counts its retention from the
-- day it was settled.
CREATE TABLE legal_hold (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    reason    TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    since     TEXT NOT NULL
) STRICT;

CREATE TABLE clause_settled (
    clause_id  TEXT PRIMARY KEY NOT NULL REFERENCES study_clause (id) ON DELETE CASCADE,
    settled_on TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

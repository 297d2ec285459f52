-- The employee stopped (or did not finish) the training without good reason: one of a
-- study-cost clause's triggers. Recorded beside the clause, never in its signed text, so the
-- signatures stay valid; it goes with the clause (and so with an erased person).
CREATE TABLE clause_abandoned (
    clause_id  TEXT PRIMARY KEY NOT NULL REFERENCES study_clause (id) ON DELETE CASCADE,
    stopped_on TEXT NOT NULL,
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

-- Both parties sign a study-cost clause before the training starts: one row per party, with
-- the name as typed, the date and this device's signature over the clause's stored text.
-- A clause is never edited, so a signature stays valid for as long as the clause exists.
CREATE TABLE clause_signature (
    clause_id        TEXT NOT NULL REFERENCES study_clause (id) ON DELETE CASCADE,
    party            TEXT NOT NULL CHECK (party IN ('employee', 'manager')),
    full_name        TEXT NOT NULL,
    signed_on        TEXT NOT NULL,
    signed_at        TEXT NOT NULL,
    device_name      TEXT NOT NULL,
    device_key       TEXT NOT NULL,
    device_signature TEXT NOT NULL,
    PRIMARY KEY (clause_id, party)
) STRICT;

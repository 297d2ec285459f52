-- The employer's side: the organisation's budget schemes (a change starts a new period;
-- history kept), each person's FTE with dated changes and why their employment ended, the
-- budget ledger's recorded lines (spending and corrections, append-only; credits, expiry and
-- lapse are computed from the schemes) and study-cost clauses.

CREATE TABLE budget_scheme (
    from_date  TEXT PRIMARY KEY NOT NULL,
    scheme     TEXT NOT NULL CHECK (json_valid(scheme)),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE person_fte (
    person_id TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    permille  INTEGER NOT NULL CHECK (permille BETWEEN 100 AND 1000),
    PRIMARY KEY (person_id, from_date)
) STRICT;

ALTER TABLE person ADD COLUMN left_reason TEXT;

CREATE TABLE budget_entry (
    id         INTEGER PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    on_date    TEXT NOT NULL,
    euro_cents INTEGER NOT NULL,
    minutes    INTEGER NOT NULL,
    correction INTEGER NOT NULL CHECK (correction IN (0, 1)),
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX budget_entry_person ON budget_entry (person_id, on_date);

-- A booked line is never changed: a mistake is undone with a correction that says why.
CREATE TRIGGER budget_entry_append_only BEFORE UPDATE ON budget_entry BEGIN
    SELECT RAISE(ABORT, 'the budget ledger is append-only');
END;

CREATE TABLE study_clause (
    id         TEXT PRIMARY KEY NOT NULL,
    person_id  TEXT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    clause     TEXT NOT NULL CHECK (json_valid(clause)),
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX study_clause_person ON study_clause (person_id);

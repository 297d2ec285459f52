-- Work proportional to the answer. What lists, the board, the calendar, the overview and the
-- reminders need of a plan is kept beside it, written with every insert and update of the
-- plan (computed by the store from the document), so no answer parses every plan.

-- The series a version belongs to: the id of its first version.
ALTER TABLE plan ADD COLUMN series_id TEXT;
WITH RECURSIVE s (id, root) AS (
    SELECT id, id FROM plan WHERE previous_version IS NULL
    UNION ALL
    SELECT p.id, s.root FROM plan p JOIN s ON p.previous_version = s.id
)
UPDATE plan SET series_id = (SELECT root FROM s WHERE s.id = plan.id);
UPDATE plan SET series_id = id WHERE series_id IS NULL;
CREATE INDEX plan_series ON plan (series_id);

-- One narrow row per plan version (the document itself stays in `plan`). Rows are filled for
-- existing plans by the store when it opens.
CREATE TABLE plan_summary (
    plan_id       TEXT PRIMARY KEY NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    series_id     TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    status        TEXT NOT NULL,
    latest        INTEGER NOT NULL CHECK (latest IN (0, 1)),
    title         TEXT NOT NULL,
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL,
    every_weeks   INTEGER NOT NULL,
    planned_cents INTEGER NOT NULL,
    goal_count    INTEGER NOT NULL,
    error_count   INTEGER NOT NULL,
    warning_count INTEGER NOT NULL,
    -- [{id, due, description}] of the open actions with a date.
    due_actions   TEXT NOT NULL CHECK (json_valid(due_actions))
) STRICT;
CREATE INDEX plan_summary_current ON plan_summary (latest, status);
CREATE INDEX plan_summary_person ON plan_summary (person_id, period_start);
CREATE INDEX plan_summary_series ON plan_summary (series_id);

-- The board, the calendar and reminders read a series' schedule edits from the index alone
-- (no notes), its open agreements, and its last held check-in by one seek.
DROP INDEX checkin_plan;
CREATE INDEX checkin_edits ON checkin (plan_id, due_on, created_at, id, slot, status, revision);
CREATE INDEX checkin_held ON checkin (plan_id, status, held_on);
CREATE INDEX follow_up_open ON follow_up (plan_id, done);

-- Which series a fired reminder belongs to, so the rows of ended plans can be removed.
ALTER TABLE reminder_fired ADD COLUMN series_id TEXT;
UPDATE reminder_fired SET series_id = CASE
    WHEN key LIKE 'followUp:%' THEN
        (SELECT f.plan_id FROM follow_up f
         WHERE f.id = substr(key, 10, instr(key, '@') - 10))
    WHEN instr(substr(key, instr(key, ':') + 1), ':') > 0 THEN
        substr(key, instr(key, ':') + 1, instr(substr(key, instr(key, ':') + 1), ':') - 1)
    ELSE substr(key, instr(key, ':') + 1, instr(key, '@') - instr(key, ':') - 1)
END;
CREATE INDEX reminder_fired_series ON reminder_fired (series_id);
-- Reminders of plans that are no longer current (evaluated, closed) can never fire again.
DELETE FROM reminder_fired WHERE series_id IS NULL OR series_id NOT IN (
    SELECT p.series_id FROM plan p WHERE p.status IN ('draft', 'active')
    AND NOT EXISTS (SELECT 1 FROM plan n WHERE n.previous_version = p.id));

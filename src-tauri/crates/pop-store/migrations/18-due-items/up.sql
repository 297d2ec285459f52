-- What is due, kept on write: every open item with a date of every current plan (the
-- newest version of a series that is a draft or active) as one row. The board, `due`, the
-- reminder tick and the overview read the rows they answer with (by date or by person)
-- instead of working out every current plan's schedule on each read.
--
-- Rows are written by the store (pop_store::due::refresh, before every commit and at
-- open) for the series marked in `due_dirty`. The triggers below mark a series whenever
-- its check-ins, agreements or plan versions change, whatever wrote them; a read computes
-- a series that is still marked on the spot, so a stale row is never used.
CREATE TABLE due_item (
    due_on     TEXT NOT NULL,
    -- Unique over the store: the kind and the ids of what it is about.
    key        TEXT NOT NULL,
    series_id  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    plan_id    TEXT NOT NULL,
    plan_title TEXT NOT NULL,
    -- The period's last day: once it has passed, only the evaluation counts.
    period_end TEXT NOT NULL,
    label      TEXT NOT NULL,
    -- Kept in date order: a read up to a date reads the rows it answers with, in a row.
    PRIMARY KEY (due_on, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX due_item_series ON due_item (series_id);
CREATE INDEX due_item_person ON due_item (person_id, kind, due_on, period_end);

CREATE TABLE due_dirty (
    series_id TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;

-- A trigger's statement takes the conflict policy of the statement that fired it (an
-- `INSERT OR REPLACE` or `UPDATE OR ABORT`), so the marks test for an existing row instead of
-- relying on `OR IGNORE`.

-- Every series is computed once, at the first open after this migration.
INSERT OR IGNORE INTO due_dirty (series_id) SELECT DISTINCT series_id FROM plan_summary;

CREATE TRIGGER due_dirty_checkin_insert AFTER INSERT ON checkin
BEGIN
    INSERT INTO due_dirty (series_id) SELECT NEW.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = NEW.plan_id);
END;
CREATE TRIGGER due_dirty_checkin_update AFTER UPDATE ON checkin
BEGIN
    INSERT INTO due_dirty (series_id) SELECT OLD.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = OLD.plan_id);
    INSERT INTO due_dirty (series_id) SELECT NEW.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = NEW.plan_id);
END;
CREATE TRIGGER due_dirty_checkin_delete AFTER DELETE ON checkin
BEGIN
    INSERT INTO due_dirty (series_id) SELECT OLD.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = OLD.plan_id);
END;

CREATE TRIGGER due_dirty_follow_up_insert AFTER INSERT ON follow_up
BEGIN
    INSERT INTO due_dirty (series_id) SELECT NEW.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = NEW.plan_id);
END;
CREATE TRIGGER due_dirty_follow_up_update AFTER UPDATE ON follow_up
BEGIN
    INSERT INTO due_dirty (series_id) SELECT OLD.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = OLD.plan_id);
    INSERT INTO due_dirty (series_id) SELECT NEW.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = NEW.plan_id);
END;
CREATE TRIGGER due_dirty_follow_up_delete AFTER DELETE ON follow_up
BEGIN
    INSERT INTO due_dirty (series_id) SELECT OLD.plan_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = OLD.plan_id);
END;

CREATE TRIGGER due_dirty_summary_insert AFTER INSERT ON plan_summary
BEGIN
    INSERT INTO due_dirty (series_id) SELECT NEW.series_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = NEW.series_id);
END;
CREATE TRIGGER due_dirty_summary_update AFTER UPDATE ON plan_summary
BEGIN
    INSERT INTO due_dirty (series_id) SELECT OLD.series_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = OLD.series_id);
    INSERT INTO due_dirty (series_id) SELECT NEW.series_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = NEW.series_id);
END;
CREATE TRIGGER due_dirty_summary_delete AFTER DELETE ON plan_summary
BEGIN
    INSERT INTO due_dirty (series_id) SELECT OLD.series_id WHERE NOT EXISTS
        (SELECT 1 FROM due_dirty WHERE series_id = OLD.series_id);
END;

-- The plan list (every version, newest period first) read in order from one index holding
-- the columns it shows, without the rows' open actions and without a sort.
CREATE INDEX plan_summary_list ON plan_summary (
    period_start, plan_id, series_id, person_id, status, latest, title, period_end,
    updated_at, version, every_weeks, planned_cents, goal_count, error_count, warning_count
);

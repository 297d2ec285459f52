-- The overview's "last check-in" per person, kept on write by triggers (every write path of
-- a check-in — the app, the CLI, an import, the demo — goes through them), so the overview
-- reads one row per person instead of one index seek per plan series ever made.
CREATE TABLE person_last_held (
    person_id TEXT PRIMARY KEY NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    held_on   TEXT NOT NULL
) STRICT;

INSERT INTO person_last_held (person_id, held_on)
SELECT p.person_id, max(c.held_on) FROM checkin c JOIN plan p ON p.id = c.plan_id
WHERE c.status = 'done' AND c.held_on IS NOT NULL
GROUP BY p.person_id;

-- A held check-in can only move the date forward.
CREATE TRIGGER person_last_held_insert AFTER INSERT ON checkin
WHEN NEW.status = 'done' AND NEW.held_on IS NOT NULL
BEGIN
    INSERT INTO person_last_held (person_id, held_on)
    SELECT person_id, NEW.held_on FROM plan WHERE id = NEW.plan_id
    ON CONFLICT (person_id) DO UPDATE SET held_on = max(held_on, excluded.held_on);
END;

-- A changed or removed check-in: the person's date is computed again from their check-ins.
CREATE TRIGGER person_last_held_update AFTER UPDATE OF status, held_on, plan_id ON checkin
BEGIN
    DELETE FROM person_last_held WHERE person_id IN
        (SELECT person_id FROM plan WHERE id IN (OLD.plan_id, NEW.plan_id));
    INSERT INTO person_last_held (person_id, held_on)
    SELECT p.person_id, max(c.held_on) FROM plan p
    JOIN plan s ON s.person_id = p.person_id
    JOIN checkin c ON c.plan_id = s.id AND c.status = 'done' AND c.held_on IS NOT NULL
    WHERE p.id IN (OLD.plan_id, NEW.plan_id)
    GROUP BY p.person_id;
END;

CREATE TRIGGER person_last_held_delete AFTER DELETE ON checkin
WHEN OLD.status = 'done'
BEGIN
    DELETE FROM person_last_held WHERE person_id IN
        (SELECT person_id FROM plan WHERE id = OLD.plan_id);
    INSERT INTO person_last_held (person_id, held_on)
    SELECT p.person_id, max(c.held_on) FROM plan p
    JOIN plan s ON s.person_id = p.person_id
    JOIN checkin c ON c.plan_id = s.id AND c.status = 'done' AND c.held_on IS NOT NULL
    WHERE p.id = OLD.plan_id
    GROUP BY p.person_id;
END;

-- The firm's direction: developments the owner sees coming and the team goals the team
-- needs; plan goals linked to a team goal; observers' feedback on measure points.
-- Links and feedback belong to a plan's series (every version of it), outside the signed
-- content: recording them never changes a signed version.

CREATE TABLE firm_development (
    id         TEXT PRIMARY KEY NOT NULL,
    noted_on   TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE team_goal (
    id         TEXT PRIMARY KEY NOT NULL,
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    why        TEXT NOT NULL DEFAULT '',
    until      TEXT,
    roles      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE goal_link (
    series_id    TEXT NOT NULL,
    goal_id      TEXT NOT NULL,
    team_goal_id TEXT NOT NULL REFERENCES team_goal (id) ON DELETE CASCADE,
    linked_at    TEXT NOT NULL,
    PRIMARY KEY (series_id, goal_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX goal_link_team ON goal_link (team_goal_id);

CREATE TABLE observer_feedback (
    id         TEXT PRIMARY KEY NOT NULL,
    series_id  TEXT NOT NULL,
    goal_id    TEXT NOT NULL,
    measure_id TEXT NOT NULL,
    from_name  TEXT NOT NULL CHECK (length(trim(from_name)) > 0),
    seen_on    TEXT NOT NULL,
    seen       TEXT NOT NULL CHECK (length(trim(seen)) > 0),
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX observer_feedback_series ON observer_feedback (series_id, seen_on);

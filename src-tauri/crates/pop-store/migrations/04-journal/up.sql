-- The private development journal, with full-text search that ignores case and diacritics.

CREATE TABLE journal_entry (
    id         TEXT PRIMARY KEY NOT NULL,
    entry_date TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
    tags       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
    goal_id    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX journal_by_date ON journal_entry (entry_date);

CREATE VIRTUAL TABLE journal_fts USING fts5 (
    body,
    tags,
    content = 'journal_entry',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER journal_ai AFTER INSERT ON journal_entry BEGIN
    INSERT INTO journal_fts (rowid, body, tags) VALUES (new.rowid, new.body, new.tags);
END;
CREATE TRIGGER journal_ad AFTER DELETE ON journal_entry BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, body, tags) VALUES ('delete', old.rowid, old.body, old.tags);
END;
CREATE TRIGGER journal_au AFTER UPDATE ON journal_entry BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, body, tags) VALUES ('delete', old.rowid, old.body, old.tags);
    INSERT INTO journal_fts (rowid, body, tags) VALUES (new.rowid, new.body, new.tags);
END;

-- What a signed plan took from a person's development budget: each ledger line booked for an
-- action of a signed plan names it ('plan:SERIES:ACTION'), so a new version of the plan takes
-- only what changed and gives back what went.
ALTER TABLE budget_entry ADD COLUMN source TEXT;

CREATE INDEX budget_entry_source ON budget_entry (person_id, source) WHERE source IS NOT NULL;

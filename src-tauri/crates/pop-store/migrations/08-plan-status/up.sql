-- The repair at every open looks for drafts that carry signatures but no seal; it reads the
-- plans' status, not their summaries (a file edited behind the app's back can make those
-- lag), and finds the drafts by this index instead of probing every signature.
CREATE INDEX plan_status ON plan (status);

-- The owner's overview and "last check-in held" read one small entry per series from this
-- index (no table rows, no due-actions documents): each person's newest versions, in
-- person order.
CREATE INDEX plan_summary_latest_person ON plan_summary (
    latest, person_id, status, period_start, plan_id, series_id, period_end, planned_cents, title
);

-- One row per time entry on the project up to the as-of date, newest first (at most 1,000); none
-- when its client is outside the viewer's scope ($visible).
SELECT
    entry_date, person, role, task, hours::DOUBLE AS hours, billable, cost_rate::DOUBLE AS cost_rate,
    cost_rate_source, labour_cost::DOUBLE AS labour_cost, notes
FROM time_entries
WHERE project_code = $project AND entry_date <= as_of_date() AND visible_to(client, $visible)
ORDER BY entry_date DESC, person
LIMIT 1000

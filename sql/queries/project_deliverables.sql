-- One row per deliverable of the project, by due date, with its status code as of the as-of date
-- (none when its client is outside the viewer's scope, $visible).
SELECT
    deliverable, due_date, delivered_date, status,
    -- Open and not yet due: blank, as 0 would read as delivered on time.
    CASE WHEN status <> 'open' THEN days_late END AS days_late
FROM deliverable_status
WHERE project_code = $project AND visible_to(client, $visible)
ORDER BY due_date, deliverable

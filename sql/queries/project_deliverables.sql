-- One row per deliverable of the project, by due date, with its status code as of the as-of date.
SELECT deliverable, due_date, delivered_date, status, days_late
FROM deliverable_status
WHERE project_code = $project
ORDER BY due_date, deliverable

-- One row per person, role and task with time on the project up to the as-of date (none when
-- its client is outside the viewer's scope, $visible).
SELECT
    person,
    coalesce(role, 'no role') AS role,
    coalesce(task, 'no task') AS task,
    sum(hours)::DOUBLE AS hours,
    sum(billable_hours)::DOUBLE AS billable_hours,
    sum(labour_cost)::DOUBLE AS labour_cost
FROM time_entries
WHERE project_code = $project AND entry_date <= as_of_date() AND visible_to(client, $visible)
GROUP BY ALL
ORDER BY hours DESC, person, task

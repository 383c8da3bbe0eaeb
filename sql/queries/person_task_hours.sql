-- One row per person, role and task with time in [$start, $end] for the filtered clients: hours,
-- billable hours and labour cost.
SELECT
    t.person,
    coalesce(t.role, 'no role') AS role,
    coalesce(t.task, 'no task') AS task,
    sum(t.hours)::DOUBLE AS hours,
    sum(t.billable_hours)::DOUBLE AS billable_hours,
    sum(t.labour_cost)::DOUBLE AS labour_cost
FROM time_entries t
JOIN clients c USING (client)
WHERE t.entry_date BETWEEN $start AND $end
    AND in_scope(c.account_manager, t.client, t.service_line, $manager, $client, $service_line,
                 $visible)
GROUP BY ALL
ORDER BY hours DESC, t.person, task

-- One row per role and billing basis (billed by the hour or not) with time in [$start, $end]
-- on the client's work ($client) or on one project ($project; NULL = any): hours, labour cost,
-- hours without a cost rate and the revenue the time earned by the hour; only the clients in
-- the viewer's scope ($visible).
SELECT
    coalesce(role, 'no role') AS role,
    coalesce(billing_model = 'time_and_materials', false) AS billed,
    sum(hours)::DOUBLE AS hours,
    coalesce(sum(labour_cost), 0)::DOUBLE AS labour_cost,
    coalesce(sum(hours) FILTER (labour_cost IS NULL), 0)::DOUBLE AS uncosted_hours,
    coalesce(sum(billable_value) FILTER (billing_model = 'time_and_materials'), 0)::DOUBLE
        AS revenue
FROM time_entries
WHERE ($client IS NULL OR client = $client)
    AND ($project IS NULL OR project_code = $project)
    AND entry_date BETWEEN $start AND least($end, as_of_date())
    AND visible_to(client, $visible)
GROUP BY ALL
HAVING sum(hours) > 0
ORDER BY billed DESC, hours DESC, role

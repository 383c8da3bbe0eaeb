-- One row per person and role with time in [$start, $end] for the filtered clients: hours,
-- billable hours, cost and the revenue their time earned on time-and-materials work.
SELECT
    t.person,
    coalesce(t.role, 'no role') AS role,
    sum(t.hours)::DOUBLE AS hours,
    sum(t.billable_hours)::DOUBLE AS billable_hours,
    sum(t.labour_cost)::DOUBLE AS labour_cost,
    sum(t.hours) FILTER (t.labour_cost IS NULL)::DOUBLE AS uncosted_hours
FROM time_entries t
JOIN clients c USING (client)
WHERE t.entry_date BETWEEN $start AND $end
    AND in_scope(c.account_manager, t.client, t.service_line, $manager, $client, $service_line,
                 $visible)
GROUP BY ALL
ORDER BY hours DESC, t.person

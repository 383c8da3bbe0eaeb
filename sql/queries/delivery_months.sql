-- One row per month of the 12 months ending with the as-of month: deliverables delivered early,
-- on time and late, and the on-time rate, for the filtered clients.
SELECT
    date_trunc('month', d.delivered_date)::DATE AS month,
    count(*) FILTER (d.status = 'early') AS early,
    count(*) FILTER (d.status = 'on_time') AS on_time,
    count(*) FILTER (d.status = 'late') AS late,
    on_time_rate(count(*) FILTER (d.status IN ('early', 'on_time')), count(*))::DOUBLE
        AS on_time_rate
FROM deliverable_status d
JOIN clients c USING (client)
LEFT JOIN projects p USING (project_code)
WHERE d.delivered_date BETWEEN date_trunc('month', $start::DATE) AND $end
    AND in_scope(c.account_manager, d.client, p.service_line, $manager, $client, $service_line,
                 $visible)
GROUP BY ALL
ORDER BY month

-- One row per client and one per service line with deliveries in [$start, $end]: early, on time,
-- late, on-time rate and average days late; `dimension` says which grouping a row belongs to.
WITH delivered AS (
    SELECT d.*, p.service_line
    FROM deliverable_status d
    JOIN clients c USING (client)
    LEFT JOIN projects p USING (project_code)
    WHERE d.delivered_date BETWEEN $start AND $end
        AND in_scope(c.account_manager, d.client, p.service_line, $manager, $client, $service_line,
                     $visible)
)
SELECT
    CASE WHEN grouping(client) = 0 THEN 'client' ELSE 'service_line' END AS dimension,
    coalesce(client, service_line, 'Unassigned') AS name,
    count(*) FILTER (status = 'early') AS early,
    count(*) FILTER (status = 'on_time') AS on_time,
    count(*) FILTER (status = 'late') AS late,
    on_time_rate(count(*) FILTER (status IN ('early', 'on_time')), count(*))::DOUBLE
        AS on_time_rate,
    avg(days_late) FILTER (status = 'late')::DOUBLE AS average_days_late
FROM delivered
GROUP BY GROUPING SETS ((client), (service_line))
ORDER BY dimension, on_time_rate, name

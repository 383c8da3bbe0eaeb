-- One row: deliveries in [$start, $end] for the filtered clients — delivered, on time, late,
-- on-time rate, average days late — and the deliverables open past due at the as-of date (not
-- those of projects cancelled or on hold, which wait on the client, as in Needs attention).
SELECT
    count(*) FILTER (d.delivered_date BETWEEN $start AND $end) AS delivered,
    count(*) FILTER (d.delivered_date BETWEEN $start AND $end AND d.status = 'late') AS late,
    on_time_rate(
        count(*) FILTER (d.delivered_date BETWEEN $start AND $end AND d.status IN ('early', 'on_time')),
        count(*) FILTER (d.delivered_date BETWEEN $start AND $end)
    )::DOUBLE AS on_time_rate,
    avg(d.days_late) FILTER (d.delivered_date BETWEEN $start AND $end AND d.status = 'late')::DOUBLE
        AS average_days_late,
    count(*) FILTER (d.status = 'open_overdue' AND NOT is_stopped(p.status)) AS open_overdue
FROM deliverable_status d
JOIN clients c USING (client)
LEFT JOIN projects p USING (project_code)
WHERE in_scope(c.account_manager, d.client, p.service_line, $manager, $client, $service_line,
               $visible)

-- One row per deliverable delivered in [$start, $end] or open past due at the as-of date (not of a
-- project cancelled or on hold), for the filtered clients, the open ones and the most days late
-- first; status as a code (labelled in metrics/labels.py).
SELECT
    d.project_code,
    p.project,
    d.client,
    d.deliverable,
    d.due_date,
    d.delivered_date,
    d.status,
    d.days_late
FROM deliverable_status d
JOIN clients c USING (client)
LEFT JOIN projects p USING (project_code)
WHERE (d.delivered_date BETWEEN $start AND $end
        OR (d.status = 'open_overdue' AND NOT is_stopped(p.status)))
    AND in_scope(c.account_manager, d.client, p.service_line, $manager, $client, $service_line,
                 $visible)
ORDER BY d.status = 'open_overdue' DESC, d.days_late DESC, d.due_date DESC

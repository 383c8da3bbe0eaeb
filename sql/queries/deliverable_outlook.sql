-- One row per deliverable of the filtered clients delivered in [$start, $end], open past due at
-- the as-of date, or due within 14 days after it (open ones only of projects neither cancelled nor
-- on hold): its stage code (labelled in metrics/labels.py), worst first.
WITH bounds AS (SELECT as_of_date() AS as_of)
SELECT
    d.project_code,
    p.project,
    d.client,
    d.deliverable,
    d.due_date,
    d.delivered_date,
    CASE
        WHEN d.status IN ('early', 'on_time') THEN 'delivered_on_time'
        WHEN d.status = 'late' THEN 'delivered_late'
        WHEN d.status = 'open_overdue' THEN 'open_overdue'
        ELSE 'due_soon'
    END AS stage,
    -- Open and not yet due: blank, as 0 would read as delivered on time.
    CASE WHEN d.status <> 'open' THEN d.days_late END AS days_late
FROM deliverable_status d
JOIN clients c USING (client)
LEFT JOIN projects p USING (project_code)
CROSS JOIN bounds b
WHERE (d.delivered_date BETWEEN $start AND $end
        -- Open ones of a project cancelled or on hold wait on the client, as in Needs attention.
        OR (NOT is_stopped(p.status)
            AND (d.status = 'open_overdue'
                 OR (d.status = 'open' AND d.due_date <= b.as_of + INTERVAL 14 DAY))))
    AND in_scope(c.account_manager, d.client, p.service_line, $manager, $client, $service_line,
                 $visible)
ORDER BY d.status = 'open_overdue' DESC, d.delivered_date IS NULL DESC, d.days_late DESC,
    d.due_date, d.project_code, d.deliverable

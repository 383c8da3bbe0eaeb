-- One row per project of the filtered clients with work earned but not yet invoiced (WIP) as of
-- the as-of date, largest first, and a total row (project_code NULL).
SELECT
    any_value(s.client) AS client,
    s.project_code,
    any_value(s.project) AS project,
    any_value(s.billing_model) AS billing_model,
    any_value(s.status) AS status,
    sum(s.earned_revenue)::DOUBLE AS earned_revenue,
    sum(s.billed_revenue)::DOUBLE AS billed_revenue,
    sum(s.uninvoiced_amount)::DOUBLE AS uninvoiced_amount
FROM project_summary s
JOIN clients c USING (client)
WHERE s.uninvoiced_amount > 0.5
    AND in_scope(c.account_manager, s.client, s.service_line, $manager, $client, $service_line,
                 $visible)
GROUP BY GROUPING SETS ((s.project_code), ())
ORDER BY s.project_code IS NOT NULL, uninvoiced_amount DESC

-- One row per month of the 12 months ending with the as-of month: revenue earned and invoiced
-- (net of tax) for the filtered clients.
SELECT
    m.month,
    sum(m.earned_revenue)::DOUBLE AS earned_revenue,
    sum(m.billed_revenue)::DOUBLE AS billed_revenue
FROM activity_month m
JOIN clients c USING (client)
LEFT JOIN projects p USING (project_code)
WHERE m.month BETWEEN date_trunc('month', $start::DATE) AND $end
    AND in_scope(c.account_manager, m.client, p.service_line, $manager, $client, $service_line,
                 $visible)
GROUP BY m.month
ORDER BY m.month

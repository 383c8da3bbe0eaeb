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
    AND ($manager IS NULL OR c.account_manager = $manager)
    AND ($client IS NULL OR m.client = $client)
    AND ($service_line IS NULL OR p.service_line = $service_line)
GROUP BY m.month
ORDER BY m.month

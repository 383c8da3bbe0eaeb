-- One row per service line with activity in [$start, $end]: revenue on the chosen basis, cost,
-- gross profit and margin, for the filtered clients.
SELECT
    coalesce(p.service_line, 'Not linked to a project') AS service_line,
    sum(CASE WHEN $basis = 'billed' THEN a.billed_revenue ELSE a.earned_revenue END)::DOUBLE
        AS revenue,
    sum(a.labour_cost + a.expense_cost)::DOUBLE AS cost,
    revenue - cost AS gross_profit,
    margin_pct(revenue - cost, revenue) AS margin_pct,
    sum(a.hours)::DOUBLE AS hours
FROM activity_day a
JOIN clients c USING (client)
LEFT JOIN projects p USING (project_code)
WHERE a.day BETWEEN $start AND $end
    AND in_scope(c.account_manager, a.client, p.service_line, $manager, $client, $service_line,
                 $visible)
GROUP BY ALL
HAVING revenue <> 0 OR cost <> 0
ORDER BY revenue DESC

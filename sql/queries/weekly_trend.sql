-- One row per week (Monday) of the 13 weeks ending with the as-of date: revenue on the chosen
-- basis, hours and gross margin.
WITH bounds AS (SELECT as_of_date() AS as_of),
weekly AS (
    SELECT
        date_trunc('week', a.day)::DATE AS week,
        sum(CASE WHEN $basis = 'billed' THEN a.billed_revenue ELSE a.earned_revenue END)::DOUBLE
            AS revenue,
        sum(a.hours)::DOUBLE AS hours,
        sum(a.labour_cost + a.expense_cost)::DOUBLE AS cost
    FROM activity_day a
    JOIN clients c USING (client)
    LEFT JOIN projects p USING (project_code)
    CROSS JOIN bounds b
    WHERE a.day >= date_trunc('week', b.as_of) - INTERVAL 12 WEEK
        AND in_scope(c.account_manager, a.client, p.service_line, $manager, $client, $service_line,
                     $visible)
    GROUP BY ALL
)
SELECT week, revenue, hours, margin_pct(revenue - cost, revenue) AS margin_pct
FROM weekly
ORDER BY week

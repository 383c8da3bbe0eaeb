-- One row per month from January of the as-of date's year to 12 months after the as-of month: earned revenue to date and the forecast's three layers, over the clients in scope.
WITH layers AS (
    SELECT m.client, m.month, m.earned_revenue AS actual
    FROM client_month m
    WHERE m.month >= date_trunc('year', as_of_date())
    UNION ALL BY NAME
    SELECT f.client, f.month, f.contracted, f.pipeline, f.baseline
    FROM revenue_forecast f
)
SELECT
    l.month,
    coalesce(sum(l.actual), 0)::DOUBLE AS actual,
    coalesce(sum(l.contracted), 0)::DOUBLE AS contracted,
    coalesce(sum(l.pipeline), 0)::DOUBLE AS pipeline,
    coalesce(sum(l.baseline), 0)::DOUBLE AS baseline,
    date_diff('month', date_trunc('month', as_of_date()), l.month) AS lead
FROM layers l
LEFT JOIN clients c USING (client)
WHERE in_scope(c.account_manager, l.client, NULL, $manager, $client, NULL, $visible)
GROUP BY l.month
ORDER BY l.month

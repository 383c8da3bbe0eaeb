-- One row per month from January of the as-of date's year to 12 months after the as-of month (every month, quiet ones as 0): earned revenue to date and the forecast's three layers, over the clients in scope.
WITH months AS (
    SELECT
        m::DATE AS month,
        date_diff('month', date_trunc('month', as_of_date()), m::DATE) AS lead
    FROM unnest(generate_series(date_trunc('year', as_of_date()),
                                date_trunc('month', as_of_date()) + INTERVAL 12 MONTH,
                                INTERVAL 1 MONTH)) AS t(m)
),
layers AS (
    SELECT m.client, m.month, m.earned_revenue AS actual
    FROM client_month m
    WHERE m.month >= date_trunc('year', as_of_date())
    UNION ALL BY NAME
    SELECT f.client, f.month, f.contracted, f.pipeline, f.baseline
    FROM revenue_forecast f
),
scoped AS (
    SELECT l.*
    FROM layers l
    LEFT JOIN clients c USING (client)
    WHERE in_scope(c.account_manager, l.client, NULL, $manager, $client, NULL, $visible)
)
SELECT
    months.month,
    coalesce(sum(s.actual), 0)::DOUBLE AS actual,
    coalesce(sum(s.contracted), 0)::DOUBLE AS contracted,
    coalesce(sum(s.pipeline), 0)::DOUBLE AS pipeline,
    coalesce(sum(s.baseline), 0)::DOUBLE AS baseline,
    months.lead
FROM months
LEFT JOIN scoped s USING (month)
GROUP BY months.month, months.lead
ORDER BY months.month

-- One row per client in scope (with revenue this year or a forecast) and month from January of the as-of date's year to 12 months after the as-of month (quiet months as 0): earned revenue to date and the forecast's three layers, with the client's account manager.
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
    SELECT * FROM layers WHERE visible_to(client, $visible)
)
SELECT
    c.client,
    coalesce(k.account_manager, '(unassigned)') AS account_manager,
    months.month,
    months.lead,
    coalesce(sum(s.actual), 0)::DOUBLE AS actual,
    coalesce(sum(s.contracted), 0)::DOUBLE AS contracted,
    coalesce(sum(s.pipeline), 0)::DOUBLE AS pipeline,
    coalesce(sum(s.baseline), 0)::DOUBLE AS baseline
FROM (SELECT DISTINCT client FROM scoped) c
CROSS JOIN months
LEFT JOIN scoped s ON s.client = c.client AND s.month = months.month
LEFT JOIN clients k ON k.client = c.client
GROUP BY c.client, k.account_manager, months.month, months.lead
ORDER BY c.client, months.month

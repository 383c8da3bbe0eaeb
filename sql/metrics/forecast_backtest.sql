-- One row per forecast origin, client and month 1 to 12 months after it: the forecast and the two naive methods beside the revenue earned (months complete on the as-of date).
WITH actual AS (
    SELECT client, month, earned_revenue AS revenue FROM client_month
),
months AS (
    SELECT o.origin, o.last_full_month, (o.last_full_month + to_months(l.lead))::DATE AS month, l.lead
    FROM forecast_origins o, range(1, 13) l(lead)
    WHERE o.last_full_month + to_months(l.lead)
        <= date_trunc('month', as_of_date() + 1) - INTERVAL 1 MONTH
),
clients AS (
    SELECT DISTINCT client FROM actual
),
run_rate AS (
    -- The average of the three full months before the origin.
    SELECT o.origin, a.client, sum(a.revenue) / 3 AS monthly
    FROM forecast_origins o
    JOIN actual a ON a.month BETWEEN o.last_full_month - INTERVAL 2 MONTH AND o.last_full_month
    GROUP BY ALL
)
SELECT
    m.origin,
    c.client,
    m.month,
    m.lead,
    coalesce(f.forecast, 0) AS forecast,
    coalesce(ly.revenue, 0) AS last_year,
    coalesce(r.monthly, 0) AS run_rate,
    coalesce(a.revenue, 0) AS actual
FROM months m
CROSS JOIN clients c
LEFT JOIN revenue_forecast f ON f.origin = m.origin AND f.client = c.client AND f.month = m.month
LEFT JOIN actual ly ON ly.client = c.client AND ly.month = m.month - INTERVAL 12 MONTH
LEFT JOIN run_rate r ON r.origin = m.origin AND r.client = c.client
LEFT JOIN actual a ON a.client = c.client AND a.month = m.month

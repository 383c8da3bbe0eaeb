-- One row per client with a plan, revenue or a forecast in the as-of date's year: its targets, its revenue, margin and on-time rate to date, and the earned revenue forecast for the rest of the year.
WITH this_year AS (
    SELECT year(as_of_date()) AS year, date_trunc('year', as_of_date())::DATE AS first_month
),
to_date AS (
    SELECT
        m.client,
        sum(m.earned_revenue) AS revenue,
        sum(m.gross_profit) AS gross_profit,
        sum(m.deliverables_delivered) AS delivered,
        sum(m.deliverables_on_time) AS on_time
    FROM client_month m, this_year y
    WHERE m.month >= y.first_month
    GROUP BY m.client
),
rest_of_year AS (
    SELECT f.client, sum(f.forecast) AS forecast, max(f.lead) AS last_lead
    FROM revenue_forecast f, this_year y
    WHERE year(f.month) = y.year
    GROUP BY f.client
),
plans AS (
    SELECT t.* FROM targets t, this_year y WHERE t.year = y.year
),
named AS (
    SELECT client FROM to_date
    UNION SELECT client FROM rest_of_year
    UNION SELECT client FROM plans
)
SELECT
    n.client,
    coalesce(c.account_manager, '(unassigned)') AS account_manager,
    p.revenue_target,
    p.margin_target,
    p.on_time_target,
    coalesce(d.revenue, 0)::DOUBLE AS revenue_to_date,
    margin_pct(d.gross_profit, d.revenue)::DOUBLE AS margin_to_date,
    on_time_rate(d.on_time, d.delivered)::DOUBLE AS on_time_to_date,
    coalesce(r.forecast, 0)::DOUBLE AS forecast_rest,
    coalesce(d.revenue, 0) + coalesce(r.forecast, 0) AS forecast_year,
    r.last_lead
FROM named n
LEFT JOIN clients c USING (client)
LEFT JOIN to_date d USING (client)
LEFT JOIN rest_of_year r USING (client)
LEFT JOIN plans p USING (client)
WHERE in_scope(c.account_manager, n.client, NULL, $manager, $client, NULL, $visible)
ORDER BY p.revenue_target DESC NULLS LAST, forecast_year DESC

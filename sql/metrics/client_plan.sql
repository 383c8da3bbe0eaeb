-- One row per client with a plan, earned revenue or a forecast in the plan year (the variable plan_year, else the as-of date's year): its targets, its revenue, margin and on-time rate to date, and the earned revenue forecast for the rest of the year.
WITH this_year AS (
    -- In December the director plans the year ahead: its revenue to date is none yet.
    SELECT year, make_date(year, 1, 1) AS first_month
    FROM (SELECT coalesce(getvariable('plan_year')::INT, year(as_of_date())) AS year)
),
to_date AS (
    SELECT
        m.client,
        sum(m.earned_revenue) AS revenue,
        sum(m.gross_profit) AS gross_profit,
        sum(m.deliverables_delivered) AS delivered,
        sum(m.deliverables_on_time) AS on_time
    FROM client_month m, this_year y
    WHERE year(m.month) = y.year
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
    p.revenue_target,
    p.margin_target,
    p.on_time_target,
    coalesce(d.revenue, 0)::DOUBLE AS revenue_to_date,
    margin_pct(d.gross_profit, d.revenue)::DOUBLE AS margin_to_date,
    on_time_rate(d.on_time, d.delivered)::DOUBLE AS on_time_to_date,
    coalesce(r.forecast, 0)::DOUBLE AS forecast_rest,
    coalesce(d.revenue, 0) + coalesce(r.forecast, 0) AS forecast_year,
    -- The forecast for the year ÷ the plan − 1 (NULL without a plan).
    forecast_year / nullif(p.revenue_target, 0) - 1 AS gap_pct,
    r.last_lead
FROM named n
LEFT JOIN to_date d USING (client)
LEFT JOIN rest_of_year r USING (client)
LEFT JOIN plans p USING (client)

-- One row per method and horizon: the weighted absolute percentage error (WAPE) of each method's monthly revenue per client over the latest $months origins whose horizon is complete.
WITH complete AS (
    SELECT (date_trunc('month', as_of_date() + 1) - INTERVAL 1 MONTH)::DATE AS last_full_month
),
tested AS (
    SELECT b.*, h.horizon
    FROM forecast_backtest b, unnest($horizons::INTEGER[]) h(horizon), complete c
    WHERE b.lead <= h.horizon
        AND date_trunc('month', b.origin) + to_months(h.horizon) <= c.last_full_month
        AND visible_to(b.client, $visible)
),
latest AS (
    SELECT * FROM tested
    QUALIFY dense_rank() OVER (PARTITION BY horizon ORDER BY origin DESC) <= $months
),
predictions AS (
    UNPIVOT latest ON forecast, last_year, run_rate INTO NAME method VALUE predicted
)
SELECT
    method,
    horizon,
    sum(abs(predicted - actual)) / nullif(sum(actual), 0) AS wape,
    count(DISTINCT client) FILTER (predicted <> 0 OR actual <> 0) AS clients,
    count(DISTINCT origin) AS origins
FROM predictions
GROUP BY method, horizon
ORDER BY horizon, array_position(['forecast', 'last_year', 'run_rate'], method)

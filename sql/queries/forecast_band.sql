-- One row per client and lead (months after the as-of month), and one per lead for all clients (client NULL): the 10th and 90th percentiles of actual ÷ forecast revenue summed over the months up to that lead, over the latest $months origins whose months are complete.
WITH complete AS (
    SELECT (date_trunc('month', as_of_date() + 1) - INTERVAL 1 MONTH)::DATE AS last_full_month
),
totals AS (
    SELECT
        b.origin,
        b.client,
        l.lead,
        sum(b.forecast) AS forecast,
        sum(b.actual) AS actual
    FROM forecast_backtest b, range(1, 13) l(lead), complete c
    WHERE b.lead <= l.lead
        AND date_trunc('month', b.origin) + to_months(l.lead) <= c.last_full_month
        AND visible_to(b.client, $visible)
    GROUP BY ALL
    HAVING sum(b.forecast) > 0
),
latest AS (
    SELECT * FROM totals
    QUALIFY dense_rank() OVER (PARTITION BY lead ORDER BY origin DESC) <= $months
)
SELECT
    client,
    lead,
    quantile_cont(actual / forecast, 0.1) AS low,
    quantile_cont(actual / forecast, 0.9) AS high,
    count(*) AS cases
FROM latest
GROUP BY GROUPING SETS ((client, lead), (lead))
ORDER BY client NULLS FIRST, lead

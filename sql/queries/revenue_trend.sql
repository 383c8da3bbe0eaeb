-- One row per client: its monthly revenue on the chosen basis over the months [$start, $end], as a list.
WITH months AS (
    SELECT m::DATE AS month
    FROM unnest(generate_series(date_trunc('month', $start::DATE), date_trunc('month', $end::DATE),
                                INTERVAL 1 MONTH)) AS t(m)
),
monthly AS (
    SELECT
        m.client,
        m.month,
        sum(CASE WHEN $basis = 'billed' THEN m.billed_revenue ELSE m.earned_revenue END)::DOUBLE
            AS revenue
    FROM client_month m
    JOIN clients c USING (client)
    WHERE m.month BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
        AND in_scope(c.account_manager, m.client, NULL, $manager, $client, NULL, $visible)
    GROUP BY ALL
)
SELECT c.client, list(coalesce(monthly.revenue, 0) ORDER BY months.month) AS revenue_trend
FROM (SELECT DISTINCT client FROM monthly) c
CROSS JOIN months
LEFT JOIN monthly ON monthly.client = c.client AND monthly.month = months.month
GROUP BY c.client

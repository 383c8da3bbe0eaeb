-- One row per month of the 24 months ending with the as-of month and per client among the eight
-- largest of the filtered clients over the last 12 of those months (the rest together as 'Other
-- clients'): revenue on the basis.
WITH filtered AS (
    SELECT
        m.month,
        m.client,
        (CASE WHEN $basis = 'billed' THEN m.billed_revenue ELSE m.earned_revenue END)::DOUBLE
            AS revenue
    FROM client_month m
    JOIN clients c USING (client)
    WHERE m.month BETWEEN date_trunc('month', $start::DATE) AND $end
        AND in_scope(c.account_manager, m.client, NULL, $manager, $client, NULL, $visible)
),
ranked AS (
    -- Ranked among the clients shown: the studio's eight largest may not be a manager's.
    SELECT
        client,
        row_number() OVER (
            ORDER BY sum(revenue) FILTER (
                month > date_trunc('month', $end::DATE) - INTERVAL 12 MONTH
            ) DESC NULLS LAST, client
        ) AS revenue_rank
    FROM filtered
    GROUP BY client
)
SELECT
    f.month,
    CASE WHEN r.revenue_rank <= 8 THEN f.client ELSE 'Other clients' END AS client,
    min(r.revenue_rank) AS revenue_rank,
    sum(f.revenue) AS revenue
FROM filtered f
JOIN ranked r USING (client)
GROUP BY ALL
ORDER BY f.month, revenue_rank

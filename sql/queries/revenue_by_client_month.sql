-- One row per month of the 24 months ending with the as-of month and per client among the eight
-- largest over the last 12 months (the rest together as 'Other clients'): revenue on the basis.
WITH ranked AS (
    SELECT client, revenue_rank FROM client_concentration WHERE basis = $basis
)
SELECT
    m.month,
    CASE WHEN r.revenue_rank <= 8 THEN m.client ELSE 'Other clients' END AS client,
    min(coalesce(r.revenue_rank, 99)) AS revenue_rank,
    sum(CASE WHEN $basis = 'billed' THEN m.billed_revenue ELSE m.earned_revenue END)::DOUBLE
        AS revenue
FROM client_month m
JOIN clients c USING (client)
LEFT JOIN ranked r USING (client)
WHERE m.month BETWEEN date_trunc('month', $start::DATE) AND $end
    AND in_scope(c.account_manager, m.client, NULL, $manager, $client, NULL, $visible)
GROUP BY ALL
ORDER BY m.month, revenue_rank

-- One row per month of the 24 months ending with the as-of month: revenue from clients in their
-- first 12 months with the studio (new) and from all others (repeat), on the chosen basis.
WITH revenue AS (
    SELECT
        m.client,
        m.month,
        CASE WHEN $basis = 'billed' THEN m.billed_revenue ELSE m.earned_revenue END AS revenue
    FROM client_month m
    JOIN clients c USING (client)
    WHERE in_scope(c.account_manager, m.client, NULL, $manager, $client, NULL, $visible)
),
firsts AS (
    SELECT client, min(month) AS first_month FROM revenue WHERE revenue > 0 GROUP BY client
)
SELECT
    r.month,
    sum(r.revenue) FILTER (r.month < f.first_month + INTERVAL 12 MONTH)::DOUBLE AS new_revenue,
    sum(r.revenue) FILTER (r.month >= f.first_month + INTERVAL 12 MONTH)::DOUBLE AS repeat_revenue
FROM revenue r
JOIN firsts f USING (client)
WHERE r.month BETWEEN date_trunc('month', $start::DATE) AND $end
GROUP BY r.month
ORDER BY r.month

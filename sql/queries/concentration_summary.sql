-- One row: the largest client's and the five largest clients' share of trailing-12-month revenue,
-- and how many clients are above the 20% threshold, on the chosen basis, among the viewer's
-- clients: the whole studio, or a manager's portfolio (client_ttm keeps the clients of the
-- scope that metrics/db.py sets from $visible, so the shares are of the portfolio's revenue).
SELECT
    sum(share_pct) FILTER (revenue_rank = 1)::DOUBLE AS top_1_share,
    sum(share_pct) FILTER (revenue_rank <= 5)::DOUBLE AS top_5_share,
    count(*) FILTER (above_threshold) AS clients_above_threshold
FROM client_concentration
WHERE basis = $basis AND visible_to(client, $visible)

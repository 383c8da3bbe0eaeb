-- One row per client that is new (revenue in the last 12 months, none in the 12 before) or lost
-- (the reverse), on the chosen basis, among the viewer's clients: the clients the retention tiles
-- count (revenue_retention), whatever manager or client the filters name.
SELECT
    CASE WHEN t.revenue_prior_ttm <= 0 THEN 'New' ELSE 'Lost' END AS change,
    t.client,
    c.account_manager,
    t.revenue_ttm,
    t.revenue_prior_ttm
FROM client_ttm t
JOIN clients c USING (client)
WHERE t.basis = $basis
    AND ((t.revenue_prior_ttm <= 0 AND t.revenue_ttm > 0) OR (t.revenue_prior_ttm > 0 AND t.revenue_ttm <= 0))
    AND in_scope(c.account_manager, t.client, NULL, NULL, NULL, NULL, $visible)
ORDER BY change DESC, greatest(t.revenue_ttm, t.revenue_prior_ttm) DESC

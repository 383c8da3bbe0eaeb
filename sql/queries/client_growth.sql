-- One row per filtered client with trailing-12-month revenue on the chosen basis, growth and share.
SELECT
    t.client,
    t.revenue_ttm,
    t.revenue_prior_ttm,
    t.ttm_growth_pct,
    k.share_pct,
    k.revenue_rank,
    c.account_manager
FROM client_ttm t
JOIN clients c USING (client)
LEFT JOIN client_concentration k USING (client, basis)
WHERE t.basis = $basis
    AND in_scope(c.account_manager, t.client, NULL, $manager, $client, NULL, $visible)
    AND (t.revenue_ttm <> 0 OR t.revenue_prior_ttm <> 0)
ORDER BY t.revenue_ttm DESC

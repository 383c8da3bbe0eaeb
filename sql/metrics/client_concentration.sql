-- One row per client and revenue basis with trailing-12-month revenue: its share and rank.
SELECT
    client,
    basis,
    revenue_ttm,
    revenue_ttm / nullif(sum(revenue_ttm) OVER (PARTITION BY basis), 0) AS share_pct,
    row_number() OVER (PARTITION BY basis ORDER BY revenue_ttm DESC, client) AS revenue_rank,
    -- The studio's own threshold: one client above a fifth of revenue is a dependency risk.
    revenue_ttm / nullif(sum(revenue_ttm) OVER (PARTITION BY basis), 0) > 0.20 AS above_threshold
FROM client_ttm
WHERE revenue_ttm > 0

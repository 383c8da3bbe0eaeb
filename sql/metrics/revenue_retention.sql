-- One row per revenue basis: net revenue retention, new and lost clients, trailing 12 months vs the 12 before.
SELECT
    basis,
    count(*) FILTER (revenue_prior_ttm > 0) AS prior_clients,
    count(*) FILTER (revenue_prior_ttm > 0 AND revenue_ttm > 0) AS retained_clients,
    count(*) FILTER (revenue_prior_ttm <= 0 AND revenue_ttm > 0) AS new_clients,
    count(*) FILTER (revenue_prior_ttm > 0 AND revenue_ttm <= 0) AS lost_clients,
    sum(revenue_prior_ttm) FILTER (revenue_prior_ttm > 0) AS prior_revenue,
    sum(revenue_ttm) FILTER (revenue_prior_ttm > 0) AS retained_revenue,
    sum(revenue_ttm) FILTER (revenue_prior_ttm <= 0 AND revenue_ttm > 0) AS new_revenue,
    sum(revenue_prior_ttm) FILTER (revenue_prior_ttm > 0 AND revenue_ttm <= 0) AS lost_prior_revenue,
    sum(revenue_ttm) FILTER (revenue_prior_ttm > 0)
        / nullif(sum(revenue_prior_ttm) FILTER (revenue_prior_ttm > 0), 0) AS net_revenue_retention_pct
FROM client_ttm
GROUP BY basis

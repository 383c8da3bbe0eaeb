-- One row per client and revenue basis (earned, billed): trailing-12-month revenue and growth,
-- for the clients in the viewer's scope (viewer_sees: all of them unless a scope is set).
WITH bounds AS (SELECT date_trunc('month', as_of_date())::DATE AS as_of_month),
monthly AS (
    SELECT client, month, 'earned' AS basis, earned_revenue AS revenue FROM client_month
    UNION ALL
    SELECT client, month, 'billed', billed_revenue FROM client_month
),
windows AS (
    SELECT
        m.client,
        m.basis,
        sum(m.revenue) FILTER (m.month > b.as_of_month - INTERVAL 12 MONTH) AS revenue_ttm,
        sum(m.revenue) FILTER (
            m.month <= b.as_of_month - INTERVAL 12 MONTH AND m.month > b.as_of_month - INTERVAL 24 MONTH
        ) AS revenue_prior_ttm
    FROM monthly m, bounds b
    WHERE viewer_sees(m.client)
    GROUP BY ALL
)
SELECT
    client,
    basis,
    coalesce(revenue_ttm, 0)::DOUBLE AS revenue_ttm,
    coalesce(revenue_prior_ttm, 0)::DOUBLE AS revenue_prior_ttm,
    growth_pct(coalesce(revenue_ttm, 0), revenue_prior_ttm)::DOUBLE AS ttm_growth_pct
FROM windows

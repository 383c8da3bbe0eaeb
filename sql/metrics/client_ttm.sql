-- One row per client and revenue basis (earned, billed): revenue in the 12 months to the as-of
-- date (the year ending on it, day by day: a month still running is not set against a whole one)
-- and in the 12 months before, and the growth, for the clients in the viewer's scope
-- (viewer_sees: all of them unless a scope is set).
WITH bounds AS (SELECT (as_of_date() - INTERVAL 12 MONTH)::DATE AS year_ago),
daily AS (
    SELECT client, day, 'earned' AS basis, earned_revenue AS revenue FROM activity_day
    UNION ALL
    SELECT client, day, 'billed', billed_revenue FROM activity_day
),
windows AS (
    SELECT
        d.client,
        d.basis,
        sum(d.revenue) FILTER (d.day > b.year_ago) AS revenue_ttm,
        sum(d.revenue) FILTER (
            d.day <= b.year_ago AND d.day > (b.year_ago - INTERVAL 12 MONTH)::DATE
        ) AS revenue_prior_ttm
    FROM daily d, bounds b
    WHERE viewer_sees(d.client)
    GROUP BY ALL
)
SELECT
    client,
    basis,
    coalesce(revenue_ttm, 0)::DOUBLE AS revenue_ttm,
    coalesce(revenue_prior_ttm, 0)::DOUBLE AS revenue_prior_ttm,
    growth_pct(coalesce(revenue_ttm, 0), revenue_prior_ttm)::DOUBLE AS ttm_growth_pct
FROM windows

-- One row per project with activity in [$start, $end]: the period's revenue, cost and margin,
-- with the project's budget burn, pace and estimate at completion as of the as-of date (blank
-- under a tenth of the way through).
WITH period AS (
    SELECT
        a.project_code,
        sum(CASE WHEN $basis = 'billed' THEN a.billed_revenue ELSE a.earned_revenue END)::DOUBLE
            AS revenue,
        sum(a.labour_cost + a.expense_cost)::DOUBLE AS cost,
        sum(a.hours)::DOUBLE AS hours
    FROM activity_day a
    JOIN clients c USING (client)
    WHERE a.day BETWEEN $start AND $end AND a.project_code IS NOT NULL
        AND in_scope(c.account_manager, a.client, NULL, $manager, $client, NULL, $visible)
    GROUP BY a.project_code
)
SELECT
    h.project_code,
    h.project,
    h.client,
    h.service_line,
    h.billing_model,
    h.status,
    h.due_date,
    period.revenue,
    period.hours,
    period.revenue - period.cost AS gross_profit,
    margin_pct(period.revenue - period.cost, period.revenue) AS margin_pct,
    h.hours_burn_pct,
    h.pace_pct,
    -- An estimate under a tenth of the way through is noise in a table (the Project page shows
    -- it, saying so).
    CASE WHEN NOT h.is_early_estimate THEN h.eac_burn_pct::DOUBLE END AS eac_burn_pct,
    CASE WHEN NOT h.is_early_estimate THEN h.eac_margin_pct::DOUBLE END AS eac_margin_pct
FROM period
JOIN project_health h USING (project_code)
WHERE ($service_line IS NULL OR h.service_line = $service_line)
ORDER BY period.revenue DESC, h.project_code

-- One row per period and client with activity in it (plus a total row per period, client NULL):
-- `now` is [$start, $end], `before` [$before_start, $before_end] (none when they are NULL; it may
-- end before the day before $start: a month so far is set against the same days of the month
-- before); revenue on the chosen basis ($basis: earned or billed), costs, gross profit, margin,
-- delivery.
WITH scoped AS (
    SELECT a.*, c.account_manager, CASE WHEN a.day >= $start THEN 'now' ELSE 'before' END AS period
    FROM activity_day a
    JOIN clients c USING (client)
    LEFT JOIN projects p USING (project_code)
    -- One range (both periods at once), which the days' stored order lets DuckDB skip to.
    WHERE a.day BETWEEN coalesce($before_start, $start) AND $end
        AND (a.day >= $start OR a.day <= $before_end)
        AND in_scope(c.account_manager, a.client, p.service_line, $manager, $client, $service_line,
                     $visible)
),
totals AS (
    SELECT
        period,
        client,
        CASE WHEN grouping(client) = 0 THEN any_value(account_manager) END AS account_manager,
        sum(hours)::DOUBLE AS hours,
        sum(billable_hours)::DOUBLE AS billable_hours,
        sum(uncosted_hours)::DOUBLE AS uncosted_hours,
        sum(earned_revenue)::DOUBLE AS earned_revenue,
        sum(billed_revenue)::DOUBLE AS billed_revenue,
        sum(labour_cost)::DOUBLE AS labour_cost,
        sum(expense_cost)::DOUBLE AS expense_cost,
        sum(pass_through_cost)::DOUBLE AS pass_through_cost,
        sum(standard_value)::DOUBLE AS standard_value,
        sum(deliverables_delivered)::BIGINT AS deliverables_delivered,
        sum(deliverables_on_time)::BIGINT AS deliverables_on_time
    FROM scoped
    GROUP BY GROUPING SETS ((period, client), (period))
)
SELECT
    *,
    CASE WHEN $basis = 'billed' THEN billed_revenue ELSE earned_revenue END AS revenue,
    revenue - labour_cost - expense_cost AS gross_profit,
    margin_pct(gross_profit, revenue) AS margin_pct,
    effective_rate(earned_revenue, hours) AS effective_rate,
    realization_pct(billed_revenue, standard_value) AS realization_pct,
    delivery_margin_pct(earned_revenue, pass_through_cost, labour_cost) AS delivery_margin_pct,
    on_time_rate(deliverables_on_time, deliverables_delivered) AS on_time_rate
FROM totals
WHERE hours <> 0 OR earned_revenue <> 0 OR billed_revenue <> 0 OR deliverables_delivered > 0
ORDER BY period DESC, client IS NOT NULL, revenue DESC, client

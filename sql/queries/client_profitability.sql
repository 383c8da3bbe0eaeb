-- One row per client with activity in [$start, $end], plus a total row (client NULL).
SELECT
    m.client,
    any_value(c.account_manager) AS account_manager,
    sum(m.hours)::DOUBLE AS hours,
    sum(m.billable_hours)::DOUBLE AS billable_hours,
    sum(m.earned_revenue)::DOUBLE AS earned_revenue,
    sum(m.billed_revenue)::DOUBLE AS billed_revenue,
    sum(m.labour_cost)::DOUBLE AS labour_cost,
    sum(m.expense_cost)::DOUBLE AS expense_cost,
    sum(m.gross_profit)::DOUBLE AS gross_profit,
    margin_pct(sum(m.gross_profit), sum(m.earned_revenue))::DOUBLE AS margin_pct
FROM client_month m
JOIN clients c USING (client)
WHERE m.month BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
    AND ($manager IS NULL OR c.account_manager = $manager)
    AND ($client IS NULL OR m.client = $client)
GROUP BY GROUPING SETS ((m.client), ())
HAVING sum(m.hours) <> 0 OR sum(m.earned_revenue) <> 0 OR sum(m.billed_revenue) <> 0
ORDER BY m.client IS NULL DESC, earned_revenue DESC, m.client

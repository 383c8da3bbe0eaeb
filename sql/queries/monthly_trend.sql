-- One row per month of the 12 months ending with the as-of month: revenue on the chosen basis,
-- hours and gross margin, for the filtered clients.
SELECT
    m.month,
    sum(CASE WHEN $basis = 'billed' THEN m.billed_revenue ELSE m.earned_revenue END)::DOUBLE
        AS revenue,
    sum(m.hours)::DOUBLE AS hours,
    margin_pct(
        sum(CASE WHEN $basis = 'billed' THEN m.billed_revenue ELSE m.earned_revenue END
            - m.labour_cost - m.expense_cost),
        sum(CASE WHEN $basis = 'billed' THEN m.billed_revenue ELSE m.earned_revenue END)
    )::DOUBLE AS margin_pct
FROM activity_month m
JOIN clients c USING (client)
LEFT JOIN projects p USING (project_code)
WHERE m.month BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
    AND in_scope(c.account_manager, m.client, p.service_line, $manager, $client, $service_line,
                 $visible)
GROUP BY m.month
ORDER BY m.month

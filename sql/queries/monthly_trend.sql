-- One row per month of the 12 months ending with the as-of month: revenue on the chosen basis,
-- hours and gross margin, for the filtered clients.
-- Summed from the days (activity_month sums every month before the range is cut), whose
-- stored day order lets the range skip the other months.
WITH months AS (
    SELECT
        date_trunc('month', a.day)::DATE AS month,
        sum(CASE WHEN $basis = 'billed' THEN a.billed_revenue ELSE a.earned_revenue END)
            AS revenue,
        sum(a.hours) AS hours,
        sum(a.labour_cost + a.expense_cost) AS cost
    FROM activity_day a
    JOIN clients c USING (client)
    LEFT JOIN projects p USING (project_code)
    WHERE a.day BETWEEN date_trunc('month', $start::DATE) AND $end::DATE
        AND in_scope(c.account_manager, a.client, p.service_line, $manager, $client,
                     $service_line, $visible)
    GROUP BY ALL
)
SELECT
    month,
    revenue::DOUBLE AS revenue,
    hours::DOUBLE AS hours,
    margin_pct(revenue - cost, revenue)::DOUBLE AS margin_pct
FROM months
ORDER BY month

-- One row per week of the 13 seven-day weeks ending on the as-of date (`week_end`, the week's last
-- day; the last week is the "This week" of week_changes): revenue on the chosen basis, hours and
-- gross margin. Weeks end on the as-of date so that no week is cut short and the chart and the
-- week-on-week figures count the same days.
WITH bounds AS (SELECT as_of_date() AS as_of),
weekly AS (
    SELECT
        (b.as_of - to_days(7 * (date_diff('day', a.day, b.as_of) // 7)))::DATE AS week_end,
        sum(CASE WHEN $basis = 'billed' THEN a.billed_revenue ELSE a.earned_revenue END)::DOUBLE
            AS revenue,
        sum(a.hours)::DOUBLE AS hours,
        sum(a.labour_cost + a.expense_cost)::DOUBLE AS cost
    FROM activity_day a
    JOIN clients c USING (client)
    LEFT JOIN projects p USING (project_code)
    CROSS JOIN bounds b
    WHERE a.day > b.as_of - INTERVAL 91 DAY
        AND in_scope(c.account_manager, a.client, p.service_line, $manager, $client, $service_line,
                     $visible)
    GROUP BY ALL
)
SELECT week_end, revenue, hours, margin_pct(revenue - cost, revenue) AS margin_pct
FROM weekly
ORDER BY week_end

-- One row per project with activity: its totals over every day the data covers (the metric view
-- project_summary takes away the days after the as-of date, so it never re-sums every day).
SELECT
    project_code,
    count(*) AS days,
    sum(hours) AS hours,
    sum(billable_hours) AS billable_hours,
    sum(labour_cost) AS labour_cost,
    sum(expense_cost) AS expense_cost,
    sum(earned_revenue) AS earned_revenue,
    sum(billed_revenue) AS billed_revenue
FROM daily_activity
WHERE project_code IS NOT NULL
GROUP BY project_code

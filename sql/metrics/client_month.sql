-- One row per client and calendar month with any activity, up to the as-of month (public view).
SELECT
    client,
    month,
    sum(hours) AS hours,
    sum(billable_hours) AS billable_hours,
    sum(labour_cost) AS labour_cost,
    sum(expense_cost) AS expense_cost,
    sum(earned_revenue) AS earned_revenue,
    sum(billed_revenue) AS billed_revenue,
    sum(earned_revenue) - sum(labour_cost) - sum(expense_cost) AS gross_profit,
    sum(deliverables_delivered) AS deliverables_delivered,
    sum(deliverables_on_time) AS deliverables_on_time
FROM activity_month
GROUP BY client, month

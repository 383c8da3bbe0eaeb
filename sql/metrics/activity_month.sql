-- One row per client, project (NULL when unlinked) and calendar month with activity, up to the as-of date.
SELECT
    client,
    project_code,
    date_trunc('month', day)::DATE AS month,
    sum(hours) AS hours,
    sum(billable_hours) AS billable_hours,
    sum(labour_cost) AS labour_cost,
    sum(uncosted_hours) AS uncosted_hours,
    sum(expense_cost) AS expense_cost,
    sum(pass_through_cost) AS pass_through_cost,
    sum(earned_revenue) AS earned_revenue,
    sum(billed_revenue) AS billed_revenue,
    sum(standard_value) AS standard_value,
    sum(deliverables_delivered) AS deliverables_delivered,
    sum(deliverables_on_time) AS deliverables_on_time
FROM activity_day
GROUP BY client, project_code, month

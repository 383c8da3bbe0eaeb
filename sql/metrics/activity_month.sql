-- One row per client, project (NULL when unlinked) and calendar month with activity, up to the as-of date.
WITH bounds AS (
    SELECT as_of_date() AS as_of, date_trunc('month', as_of_date())::DATE AS as_of_month
),
time_month AS (
    SELECT
        client, project_code, month,
        sum(hours) AS hours,
        sum(billable_hours) AS billable_hours,
        sum(labour_cost) AS labour_cost,
        sum(hours) FILTER (labour_cost IS NULL) AS uncosted_hours,
        sum(billable_value) FILTER (billing_model = 'time_and_materials') AS earned_revenue,
        sum(billable_hours * standard_bill_rate) AS standard_value
    FROM time_entries, bounds
    WHERE entry_date <= as_of
    GROUP BY ALL
),
expense_month AS (
    SELECT
        client, project_code, month,
        sum(amount) AS expense_cost,
        sum(amount) FILTER (pass_through) AS pass_through_cost,
        sum(amount) FILTER (billable AND billing_model = 'time_and_materials') AS earned_revenue
    FROM expenses, bounds
    WHERE expense_date <= as_of
    GROUP BY ALL
),
fixed_fee_month AS (
    -- The fee is earned evenly per day of the span (start to delivered, else due; inclusive).
    SELECT
        p.client, p.project_code, m.month::DATE AS month,
        p.budget_amount::DOUBLE
            * (date_diff('day', greatest(p.start_date, m.month::DATE),
                         least(p.end_date, (m.month + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE, b.as_of)) + 1)
            / (date_diff('day', p.start_date, p.end_date) + 1) AS earned_revenue
    FROM projects p, bounds b,
        unnest(generate_series(date_trunc('month', p.start_date),
                               date_trunc('month', least(p.end_date, b.as_of)),
                               INTERVAL 1 MONTH)) AS m(month)
    WHERE p.billing_model = 'fixed_fee' AND p.budget_amount IS NOT NULL
        AND p.start_date <= b.as_of AND p.end_date >= p.start_date
),
retainer_month AS (
    -- The monthly fee is earned in every calendar month from the start month to the end month.
    SELECT p.client, p.project_code, m.month::DATE AS month, p.budget_amount AS earned_revenue
    FROM projects p, bounds b,
        unnest(generate_series(date_trunc('month', p.start_date),
                               date_trunc('month', least(p.end_date, b.as_of)),
                               INTERVAL 1 MONTH)) AS m(month)
    WHERE p.billing_model = 'retainer' AND p.budget_amount IS NOT NULL
        AND p.start_date <= b.as_of AND p.end_date >= p.start_date
),
billed_month AS (
    SELECT client, project_code, date_trunc('month', issue_date)::DATE AS month,
        sum(amount) AS billed_revenue
    FROM invoices, bounds
    WHERE issue_date <= as_of
    GROUP BY ALL
),
delivered_month AS (
    SELECT client, project_code, date_trunc('month', delivered_date)::DATE AS month,
        count(*) AS deliverables_delivered,
        count(*) FILTER (delivered_date <= due_date) AS deliverables_on_time
    FROM deliverables, bounds
    WHERE delivered_date <= as_of
    GROUP BY ALL
)
SELECT
    client,
    project_code,
    month,
    coalesce(sum(hours), 0) AS hours,
    coalesce(sum(billable_hours), 0) AS billable_hours,
    coalesce(sum(labour_cost), 0) AS labour_cost,
    coalesce(sum(uncosted_hours), 0) AS uncosted_hours,
    coalesce(sum(expense_cost), 0) AS expense_cost,
    coalesce(sum(pass_through_cost), 0) AS pass_through_cost,
    coalesce(sum(earned_revenue::DOUBLE), 0) AS earned_revenue,
    coalesce(sum(billed_revenue), 0) AS billed_revenue,
    coalesce(sum(standard_value), 0) AS standard_value,
    coalesce(sum(deliverables_delivered), 0) AS deliverables_delivered,
    coalesce(sum(deliverables_on_time), 0) AS deliverables_on_time
FROM (
    SELECT * FROM time_month
    UNION ALL BY NAME SELECT * FROM expense_month
    UNION ALL BY NAME SELECT * FROM fixed_fee_month
    UNION ALL BY NAME SELECT * FROM retainer_month
    UNION ALL BY NAME SELECT * FROM billed_month
    UNION ALL BY NAME SELECT * FROM delivered_month
)
GROUP BY client, project_code, month

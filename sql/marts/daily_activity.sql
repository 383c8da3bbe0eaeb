-- One row per client, project (NULL when unlinked) and day with activity, on every day the data
-- covers (fees over a project's whole span): the metric view activity_day cuts it at the as-of date.
WITH expense_day AS (
    SELECT
        client, project_code, expense_date AS day,
        sum(amount) AS expense_cost,
        sum(amount) FILTER (pass_through) AS pass_through_cost,
        sum(amount) FILTER (billable AND billing_model = 'time_and_materials') AS earned_revenue
    FROM expenses
    GROUP BY ALL
),
fee_projects AS (
    -- A cancelled project earns what was billed for it (cancelled_fee_day), not its fee.
    SELECT *
    FROM projects
    WHERE budget_amount IS NOT NULL AND end_date >= start_date
        AND coalesce(status, '') <> 'cancelled'
),
fixed_fee_day AS (
    -- The fee is earned evenly per day of the span (start to delivered, else due; inclusive).
    SELECT
        p.client, p.project_code, d.day::DATE AS day,
        p.budget_amount::DOUBLE / (date_diff('day', p.start_date, p.end_date) + 1) AS earned_revenue
    FROM fee_projects p, unnest(generate_series(p.start_date, p.end_date, INTERVAL 1 DAY)) AS d(day)
    WHERE p.billing_model = 'fixed_fee'
),
retainer_day AS (
    -- The monthly fee is earned in every calendar month of the term, on the month's first day
    -- (or the start date in the first month).
    SELECT
        p.client, p.project_code, greatest(m.month::DATE, p.start_date) AS day,
        p.budget_amount AS earned_revenue
    FROM fee_projects p,
        unnest(generate_series(date_trunc('month', p.start_date), date_trunc('month', p.end_date),
                               INTERVAL 1 MONTH)) AS m(month)
    WHERE p.billing_model = 'retainer'
),
cancelled_fee_day AS (
    -- A cancelled fixed fee or retainer earns what was billed for it (a deposit or a
    -- cancellation fee, credit notes deducted) on the days it was billed: the exports give no
    -- day the work stopped, and the rest of the fee will never be billed.
    SELECT i.client, i.project_code, i.issue_date AS day, sum(i.amount) AS earned_revenue
    FROM invoices i
    JOIN projects p USING (project_code)
    WHERE p.status = 'cancelled' AND p.billing_model IN ('fixed_fee', 'retainer')
    GROUP BY ALL
),
billed_day AS (
    SELECT client, project_code, issue_date AS day, sum(amount) AS billed_revenue
    FROM invoices
    GROUP BY ALL
),
delivered_day AS (
    SELECT client, project_code, delivered_date AS day,
        count(*) AS deliverables_delivered,
        count(*) FILTER (delivered_date <= due_date) AS deliverables_on_time
    FROM deliverables
    WHERE delivered_date IS NOT NULL
    GROUP BY ALL
)
SELECT
    client,
    project_code,
    day,
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
    SELECT * FROM time_day
    UNION ALL BY NAME SELECT * FROM expense_day
    UNION ALL BY NAME SELECT * FROM fixed_fee_day
    UNION ALL BY NAME SELECT * FROM retainer_day
    UNION ALL BY NAME SELECT * FROM cancelled_fee_day
    UNION ALL BY NAME SELECT * FROM billed_day
    UNION ALL BY NAME SELECT * FROM delivered_day
)
GROUP BY client, project_code, day
-- Stored in day order: a period's queries then read only the row groups of its days.
ORDER BY day, client, project_code

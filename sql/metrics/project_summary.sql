-- One row per project, with its totals up to the as-of date (public view).
-- The totals of every day less those after the as-of date: the days are stored in day order,
-- so only the later days are read, where summing every day up to it read them all.
WITH later AS (
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
    WHERE day > as_of_date() AND project_code IS NOT NULL
    GROUP BY project_code
),
totals AS (
    SELECT
        a.project_code,
        a.hours - coalesce(l.hours, 0) AS hours,
        a.billable_hours - coalesce(l.billable_hours, 0) AS billable_hours,
        a.labour_cost - coalesce(l.labour_cost, 0) AS labour_cost,
        a.expense_cost - coalesce(l.expense_cost, 0) AS expense_cost,
        a.earned_revenue - coalesce(l.earned_revenue, 0) AS earned_revenue,
        a.billed_revenue - coalesce(l.billed_revenue, 0) AS billed_revenue
    FROM project_totals a
    LEFT JOIN later l USING (project_code)
    -- A project whose days all come later has no totals yet (not totals of zero).
    WHERE a.days > coalesce(l.days, 0)
)
SELECT
    p.project_code,
    p.project,
    p.client,
    p.service_line,
    p.billing_model,
    p.start_date,
    p.due_date,
    p.delivered_date,
    p.status,
    p.budget_hours,
    p.budget_amount,
    coalesce(t.hours, 0) AS hours,
    coalesce(t.billable_hours, 0) AS billable_hours,
    coalesce(t.labour_cost, 0) AS labour_cost,
    coalesce(t.expense_cost, 0) AS expense_cost,
    coalesce(t.earned_revenue, 0) AS earned_revenue,
    coalesce(t.billed_revenue, 0) AS billed_revenue,
    coalesce(t.earned_revenue, 0) - coalesce(t.labour_cost, 0) - coalesce(t.expense_cost, 0)
        AS gross_profit,
    margin_pct(t.earned_revenue - t.labour_cost - t.expense_cost, t.earned_revenue) AS margin_pct,
    hours_burn_pct(t.hours, p.budget_hours) AS hours_burn_pct,
    effective_rate(t.earned_revenue, t.hours) AS effective_rate,
    greatest(coalesce(t.earned_revenue, 0) - coalesce(t.billed_revenue, 0), 0) AS uninvoiced_amount
FROM projects p
LEFT JOIN totals t ON t.project_code = p.project_code

-- One row per project: schedule elapsed, budget burn, pace and estimate at completion as of the as-of date.
WITH bounds AS (SELECT as_of_date() AS as_of),
rebilled AS (
    -- Expenses billed on at cost earn what they cost once: they do not grow with the hours.
    SELECT e.project_code, sum(e.amount) AS rebilled_expenses
    FROM expenses e, bounds b
    WHERE e.billable AND e.billing_model = 'time_and_materials' AND e.expense_date <= b.as_of
    GROUP BY e.project_code
),
progress AS (
    SELECT project_code, count(*) AS deliverables, count(delivered_date) AS delivered
    FROM deliverable_status
    GROUP BY project_code
),
measured AS (
    SELECT
        s.*,
        b.as_of,
        CASE
            WHEN s.delivered_date <= b.as_of THEN 1.0
            WHEN s.start_date IS NULL OR s.due_date IS NULL OR s.due_date < s.start_date THEN NULL
            ELSE least(
                greatest(date_diff('day', s.start_date, b.as_of) + 1, 0)
                    / (date_diff('day', s.start_date, s.due_date) + 1),
                1.0
            )
        END AS schedule_elapsed_pct,
        p.delivered / nullif(p.deliverables, 0) AS deliverables_done_pct,
        coalesce(r.rebilled_expenses, 0) AS rebilled_expenses
    FROM project_summary s
    CROSS JOIN bounds b
    LEFT JOIN progress p USING (project_code)
    LEFT JOIN rebilled r USING (project_code)
),
progressed AS (
    SELECT
        *,
        greatest(coalesce(schedule_elapsed_pct, 0), coalesce(deliverables_done_pct, 0)) AS progress_pct,
        delivered_date <= as_of AS is_delivered,
        -- Under a tenth of the way, a day's hours move the estimate by as much as the budget.
        coalesce(delivered_date > as_of, true) AND progress_pct < 0.1 AS is_early_estimate
    FROM measured
),
estimated AS (
    SELECT
        *,
        CASE
            WHEN is_delivered THEN hours
            WHEN progress_pct > 0 THEN hours / progress_pct
        END AS eac_hours
    FROM progressed
),
priced AS (
    SELECT
        *,
        CASE billing_model
            -- A cancelled fee ends at what was billed for it (daily_activity).
            WHEN 'fixed_fee' THEN
                CASE WHEN status = 'cancelled' THEN earned_revenue ELSE budget_amount END
            WHEN 'time_and_materials' THEN
                (earned_revenue - rebilled_expenses) * eac_hours / nullif(hours, 0)
                    + rebilled_expenses
        END AS eac_revenue,
        labour_cost * eac_hours / nullif(hours, 0) + expense_cost AS eac_cost
    FROM estimated
)
SELECT
    project_code,
    project,
    client,
    service_line,
    billing_model,
    status,
    start_date,
    due_date,
    delivered_date,
    budget_hours,
    budget_amount,
    hours,
    hours_burn_pct,
    schedule_elapsed_pct,
    hours_burn_pct - schedule_elapsed_pct AS pace_pct,
    deliverables_done_pct,
    progress_pct,
    is_early_estimate,
    eac_hours,
    hours_burn_pct(eac_hours, budget_hours) AS eac_burn_pct,
    CASE
        WHEN is_delivered THEN 'actual: the project is delivered'
        WHEN eac_hours IS NULL THEN 'none: no progress yet'
        ELSE 'hours to date ÷ progress, progress being the larger of schedule elapsed '
            || 'and share of deliverables delivered'
            || CASE WHEN is_early_estimate
                THEN '; an early estimate: under a tenth of the way through, each day''s hours '
                    || 'move it a lot'
                ELSE '' END
    END AS eac_method,
    eac_revenue,
    eac_cost,
    margin_pct(eac_revenue - eac_cost, eac_revenue) AS eac_margin_pct
FROM priced

-- One row per forecast origin, project and month after the origin: the revenue the project's terms still hold (the contracted layer).
WITH known AS (
    SELECT
        o.origin,
        p.client,
        p.project_code,
        p.billing_model,
        p.status,
        p.start_date,
        p.budget_amount::DOUBLE AS budget_amount,
        -- A delivery after the origin was not known on it: until then the due date stands.
        CASE WHEN p.delivered_date <= o.origin THEN p.delivered_date ELSE p.due_date END AS term_end
    FROM forecast_origins o
    JOIN projects p ON p.start_date <= o.origin OR o.is_present
    WHERE p.budget_amount IS NOT NULL AND p.start_date IS NOT NULL
        -- A cancelled project's terms hold nothing more: it earned what was billed for it.
        AND coalesce(p.status, '') <> 'cancelled'
),
open_terms AS (
    SELECT *, greatest(start_date, origin + 1) AS from_day
    FROM known
    WHERE term_end > origin AND term_end >= start_date
),
time_and_materials_earned AS (
    SELECT t.origin, t.project_code, sum(a.earned_revenue) AS earned
    FROM open_terms t
    JOIN daily_activity a ON a.project_code = t.project_code AND a.day <= t.origin
    WHERE t.billing_model = 'time_and_materials'
    GROUP BY ALL
),
per_day AS (
    SELECT
        t.*,
        CASE t.billing_model
            -- The fee is earned evenly over the whole term, as earned_revenue counts it.
            WHEN 'fixed_fee' THEN t.budget_amount / (t.term_end - t.start_date + 1)
            -- The budget not yet worked, spread evenly over the days left; a stopped project has none.
            WHEN 'time_and_materials' THEN CASE
                WHEN NOT is_stopped(t.status)
                THEN greatest(t.budget_amount - coalesce(e.earned, 0), 0)
                    / (t.term_end - t.from_day + 1)
            END
        END AS amount_per_day
    FROM open_terms t
    LEFT JOIN time_and_materials_earned e USING (origin, project_code)
),
months AS (
    SELECT
        *,
        unnest(generate_series(date_trunc('month', from_day), date_trunc('month', term_end),
                               INTERVAL 1 MONTH))::DATE AS month
    FROM per_day
)
SELECT
    origin,
    client,
    project_code,
    billing_model,
    start_date,
    month,
    CASE
        WHEN billing_model = 'retainer' THEN budget_amount
        ELSE amount_per_day * (least(term_end, last_day(month)) - greatest(from_day, month) + 1)
    END AS amount
FROM months
-- A retainer's fee falls on the month's first day (or the start date): not one already earned.
WHERE billing_model <> 'retainer' OR greatest(month, start_date) > origin

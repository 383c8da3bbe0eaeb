-- One row per cancelled fixed-fee or retainer project: the share of its whole fee it earns.
-- A cancelled project earns what was billed for it (a deposit or a cancellation fee, credit
-- notes deducted), at most its whole fee: the exports give no day it stopped, so earned revenue
-- spreads that share over the term as it would the whole fee (daily_activity).
WITH fees AS (
    SELECT
        project_code,
        CASE billing_model
            WHEN 'fixed_fee' THEN budget_amount
            -- A retainer's fee is monthly: every calendar month of its term.
            WHEN 'retainer' THEN budget_amount
                * (date_diff('month', date_trunc('month', start_date), date_trunc('month', end_date)) + 1)
        END AS whole_fee
    FROM projects
    WHERE status = 'cancelled' AND billing_model IN ('fixed_fee', 'retainer')
        AND budget_amount > 0 AND end_date >= start_date
),
billed AS (
    SELECT project_code, sum(amount) AS billed
    FROM invoices
    WHERE project_code IN (SELECT project_code FROM fees)
    GROUP BY project_code
)
SELECT
    f.project_code,
    least(greatest(coalesce(b.billed, 0) / f.whole_fee, 0), 1)::DOUBLE AS fee_share
FROM fees f
LEFT JOIN billed b USING (project_code)

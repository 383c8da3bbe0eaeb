-- One row per invoice issued up to the as-of date, with its balance and age (public view).
WITH as_of AS (SELECT as_of_date() AS as_of),
settled AS (
    SELECT
        i.*,
        a.as_of,
        -- A payment dated after the as-of date had not arrived yet.
        CASE WHEN i.paid_date > a.as_of THEN 0 ELSE i.paid_amount END AS paid_by_as_of
    FROM invoices i, as_of a
    WHERE i.issue_date <= a.as_of
),
balanced AS (
    SELECT *, round(amount + tax - paid_by_as_of, 2) AS balance FROM settled
)
SELECT
    invoice_number,
    client,
    project_code,
    issue_date,
    due_date,
    amount,
    tax,
    paid_by_as_of AS paid_amount,
    -- When the payment arrived; empty when the invoices export does not say (Xero's does not).
    CASE WHEN paid_by_as_of <> 0 THEN paid_date END AS paid_date,
    balance,
    CASE
        WHEN amount < 0 THEN 'credit'
        WHEN balance <= 0 THEN 'paid'
        WHEN due_date < as_of THEN 'overdue'
        ELSE 'open'
    END AS status,
    CASE WHEN amount > 0 AND balance > 0 THEN greatest(date_diff('day', due_date, as_of), 0) ELSE 0 END
        AS days_overdue,
    CASE
        WHEN amount <= 0 OR balance <= 0 THEN NULL
        WHEN due_date >= as_of THEN 'current'
        WHEN date_diff('day', due_date, as_of) <= 30 THEN '1-30'
        WHEN date_diff('day', due_date, as_of) <= 60 THEN '31-60'
        WHEN date_diff('day', due_date, as_of) <= 90 THEN '61-90'
        ELSE '90+'
    END AS aging_bucket
FROM balanced

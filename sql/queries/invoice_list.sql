-- One row per invoice issued in [$start, $end] or still unpaid, for the filtered clients, as of
-- the as-of date: the overdue ones first, longest overdue on top, then the rest newest first.
SELECT
    s.invoice_number,
    s.client,
    s.project_code,
    s.issue_date,
    s.due_date,
    s.amount::DOUBLE AS amount,
    -- Payments and so balances include tax: the gross amount beside the net says why a balance
    -- can be larger than the invoice's net amount.
    (s.amount + s.tax)::DOUBLE AS gross_amount,
    s.balance::DOUBLE AS balance,
    s.status,
    s.days_overdue,
    s.aging_bucket
FROM invoice_status s
JOIN clients c USING (client)
WHERE (s.issue_date BETWEEN $start AND $end OR s.balance > 0)
    AND in_scope(c.account_manager, s.client, NULL, $manager, $client, NULL, $visible)
ORDER BY s.days_overdue > 0 DESC, s.days_overdue DESC, s.issue_date DESC, s.invoice_number DESC

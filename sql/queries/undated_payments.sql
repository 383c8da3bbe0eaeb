-- One row: of the filtered clients' invoices (not credit notes) issued up to the as-of date, how
-- many were paid on a date the invoices export does not give, and how many of those were past
-- due by then: what was outstanding (overdue) on that date is not known when any was.
SELECT
    count(*) AS issued,
    count(*) FILTER (s.due_date < as_of_date()) AS past_due
FROM invoice_status s
JOIN clients c USING (client)
WHERE s.amount > 0 AND s.paid_amount <> 0 AND s.paid_date IS NULL
    AND in_scope(c.account_manager, s.client, NULL, $manager, $client, NULL, $visible)

-- One row per client with an unpaid balance as of the as-of date (plus a total row, client NULL).
SELECT
    s.client,
    sum(s.balance) FILTER (s.status = 'overdue')::DOUBLE AS overdue,
    sum(s.balance)::DOUBLE AS outstanding,
    count(*) FILTER (s.status = 'overdue') AS overdue_invoices,
    max(s.days_overdue) AS oldest_days_overdue
FROM invoice_status s
JOIN clients c USING (client)
WHERE s.balance > 0 AND s.amount > 0
    AND in_scope(c.account_manager, s.client, NULL, $manager, $client, NULL, $visible)
GROUP BY GROUPING SETS ((s.client), ())
ORDER BY s.client IS NOT NULL, overdue DESC NULLS LAST, s.client

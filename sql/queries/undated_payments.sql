-- One row per client in the viewer's scope ($visible) with invoices (not credit notes) paid on a
-- day the invoices export does not give: the first such invoice's issue date and the first of
-- their due dates (what was outstanding, or overdue, on a day from then on is not known).
SELECT
    i.client,
    c.account_manager,
    min(i.issue_date) AS first_issued,
    min(i.due_date) AS first_due
FROM invoices i
JOIN clients c USING (client)
WHERE i.amount > 0 AND i.paid_amount <> 0 AND i.paid_date IS NULL
    AND visible_to(i.client, $visible)
GROUP BY ALL

-- One row per invoice or credit note of the project as of the as-of date, newest first, of the
-- clients in the viewer's scope ($visible).
SELECT invoice_number, issue_date, due_date, amount::DOUBLE AS amount,
    (amount + tax)::DOUBLE AS gross_amount, balance::DOUBLE AS balance, status, days_overdue
FROM invoice_status
WHERE project_code = $project AND visible_to(client, $visible)
ORDER BY issue_date DESC, invoice_number DESC

-- One row: the first and last dates with time or invoices, and the account managers and clients.
SELECT
    least((SELECT min(entry_date) FROM time_entries), (SELECT min(issue_date) FROM invoices)) AS first_date,
    greatest((SELECT max(entry_date) FROM time_entries), (SELECT max(issue_date) FROM invoices))
        AS last_date

-- One row: the first and last dates with time or invoices, and the account managers and clients.
SELECT
    least((SELECT min(day) FROM time_day), (SELECT min(issue_date) FROM invoices)) AS first_date,
    greatest((SELECT max(day) FROM time_day), (SELECT max(issue_date) FROM invoices))
        AS last_date

-- One row per client with an unpaid balance as of the as-of date, split by days past due.
SELECT
    client,
    sum(balance) FILTER (aging_bucket = 'current') AS current,
    sum(balance) FILTER (aging_bucket = '1-30') AS days_1_30,
    sum(balance) FILTER (aging_bucket = '31-60') AS days_31_60,
    sum(balance) FILTER (aging_bucket = '61-90') AS days_61_90,
    sum(balance) FILTER (aging_bucket = '90+') AS days_90_plus,
    sum(balance) FILTER (status = 'overdue') AS overdue,
    sum(balance) AS outstanding
FROM invoice_status
WHERE aging_bucket IS NOT NULL
GROUP BY client

-- One row per kind of data problem: how many rows it touches and the hours or amount involved.
SELECT 'no_cost_rate' AS problem, count(*) AS items, coalesce(sum(hours), 0)::DOUBLE AS hours,
       NULL::DOUBLE AS amount
FROM time_entries WHERE cost_rate IS NULL
UNION ALL
SELECT 'unknown_project', count(*), coalesce(sum(hours), 0)::DOUBLE, NULL
FROM time_entries WHERE project_code IS NULL
UNION ALL
SELECT 'invoice_without_client', count(*), NULL, coalesce(sum(amount), 0)::DOUBLE
FROM invoices WHERE client = '(no client)'
UNION ALL
SELECT 'unbudgeted_projects', count(*), coalesce(sum(t.hours), 0)::DOUBLE, NULL
FROM projects p
LEFT JOIN (SELECT project_code, sum(hours) AS hours FROM time_day GROUP BY ALL) t USING (project_code)
-- Running as Project health counts it: not delivered, cancelled or on hold, whatever the word.
WHERE p.budget_hours IS NULL AND p.delivered_date IS NULL
    AND NOT is_stopped(p.status) AND coalesce(p.status, '') <> 'delivered'
UNION ALL
SELECT 'rejected_rows', count(*), NULL, NULL FROM rejects
UNION ALL
SELECT 'undated_payments', count(*), NULL, coalesce(sum(paid_amount), 0)::DOUBLE
FROM invoices WHERE amount > 0 AND paid_amount <> 0 AND paid_date IS NULL

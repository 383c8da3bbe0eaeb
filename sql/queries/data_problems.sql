-- One row per kind of data problem: how many rows it touches, the hours or amount involved, and
-- which (people, projects or invoices) it is, the largest first (`which`, NULL when not listed).
WITH uncosted AS (
    SELECT person, count(*) AS entries, sum(hours) AS hours
    FROM time_entries WHERE cost_rate IS NULL
    GROUP BY person
),
unlinked AS (
    -- The project as the export writes it, with its client: what to confirm or import.
    SELECT concat_ws(' · ', client, coalesce(project, '(no project)')) AS named,
        count(*) AS entries, sum(hours) AS hours
    FROM time_entries WHERE project_code IS NULL
    GROUP BY ALL
),
unbudgeted AS (
    SELECT p.project_code, coalesce(t.hours, 0) AS hours
    FROM projects p
    LEFT JOIN (SELECT project_code, sum(hours) AS hours FROM time_day GROUP BY ALL) t
        USING (project_code)
    -- Running as Project health counts it: not delivered, cancelled or on hold, whatever the word.
    WHERE p.budget_hours IS NULL AND p.delivered_date IS NULL
        AND NOT is_stopped(p.status) AND coalesce(p.status, '') <> 'delivered'
)
SELECT 'no_cost_rate' AS problem, coalesce(sum(entries), 0)::BIGINT AS items,
    coalesce(sum(hours), 0)::DOUBLE AS hours, NULL::DOUBLE AS amount,
    first_five(list(format('{} ({:,.1f} h)', coalesce(person, '(no name)'), hours)
                    ORDER BY hours DESC, person)) AS which
FROM uncosted
UNION ALL
SELECT 'unknown_project', coalesce(sum(entries), 0)::BIGINT, coalesce(sum(hours), 0)::DOUBLE, NULL,
    first_five(list(format('{} ({:,.1f} h)', named, hours) ORDER BY hours DESC, named))
FROM unlinked
UNION ALL
SELECT 'invoice_without_client', count(*), NULL, coalesce(sum(amount), 0)::DOUBLE,
    first_five(list(invoice_number ORDER BY amount DESC, invoice_number))
FROM invoices WHERE client = '(no client)'
UNION ALL
-- An invoice naming another client's project is linked to none (sql/marts/invoices.sql).
SELECT 'invoice_other_clients_project', count(*), NULL, coalesce(sum(i.amount), 0)::DOUBLE,
    first_five(list(format('{} ({})', i.invoice_number, s.project_code)
                    ORDER BY i.amount DESC, i.invoice_number))
FROM invoices i
JOIN stg_invoices s USING (invoice_number)
JOIN projects p ON p.project_code = s.project_code
WHERE i.project_code IS NULL AND p.client <> i.client
UNION ALL
SELECT 'unbudgeted_projects', count(*), coalesce(sum(hours), 0)::DOUBLE, NULL,
    first_five(list(format('{} ({:,.1f} h)', project_code, hours)
                    ORDER BY hours DESC, project_code))
FROM unbudgeted
UNION ALL
SELECT 'rejected_rows', count(*), NULL, NULL, NULL FROM rejects
UNION ALL
SELECT 'undated_payments', count(*), NULL, coalesce(sum(paid_amount), 0)::DOUBLE, NULL
FROM invoices WHERE amount > 0 AND paid_amount <> 0 AND paid_date IS NULL
UNION ALL
-- Time trackers do not export negative durations: these are corrections typed by hand.
SELECT 'negative_hours', count(*), coalesce(sum(hours), 0)::DOUBLE, NULL,
    first_five(list(format('{} on {} ({:,.2f} h)', coalesce(person, '(no name)'),
                           strftime(entry_date, '%-d %b %Y'), hours)
                    ORDER BY hours, entry_date, person))
FROM time_entries WHERE hours < 0
UNION ALL
-- By more than half a cent: amounts converted from another currency are rounded one by one.
SELECT 'overpaid_invoices', count(*), NULL, coalesce(sum(paid_amount - amount - tax), 0)::DOUBLE,
    first_five(list(invoice_number ORDER BY paid_amount - amount - tax DESC, invoice_number))
FROM invoices WHERE amount > 0 AND paid_amount > amount + tax + 0.005

-- One row per reconciliation check: the total loaded from the files vs the total the views report.
WITH loaded AS (
    SELECT
        (SELECT coalesce(sum(hours), 0) FROM raw_time_entries) AS hours,
        (SELECT coalesce(sum(amount), 0) FROM raw_invoices) AS billed_revenue,
        (SELECT count(*) FROM raw_deliverables WHERE delivered_date IS NOT NULL)
            AS deliverables_delivered
),
reported AS (
    SELECT
        coalesce(sum(hours), 0) AS hours,
        coalesce(sum(billed_revenue), 0) AS billed_revenue,
        coalesce(sum(deliverables_delivered), 0) AS deliverables_delivered
    FROM client_month
)
SELECT 'hours' AS measure, l.hours::DOUBLE AS loaded, r.hours::DOUBLE AS reported
FROM loaded l, reported r
UNION ALL
SELECT 'billed_revenue', l.billed_revenue::DOUBLE, r.billed_revenue::DOUBLE FROM loaded l, reported r
UNION ALL
SELECT 'deliverables_delivered', l.deliverables_delivered::DOUBLE, r.deliverables_delivered::DOUBLE
FROM loaded l, reported r

-- One row per source format and kind of data: its files, latest import, rows now held, the dates they cover, rows rejected.
WITH latest AS (
    -- A file imported again counts once, as of its latest import.
    SELECT f.*, r.started_at
    FROM import_files f
    JOIN import_runs r USING (run_id)
    QUALIFY row_number() OVER (PARTITION BY f.file_id ORDER BY f.run_id DESC) = 1
),
held AS (
    SELECT 'time' AS kind, source_format, count(*) AS rows_held, min(entry_date) AS first_date,
           max(entry_date) AS last_date
    FROM raw_time_entries GROUP BY ALL
    UNION ALL SELECT 'invoices', source_format, count(*), min(issue_date), max(issue_date)
        FROM raw_invoices GROUP BY ALL
    UNION ALL SELECT 'invoice_lines', source_format, count(*), min(issue_date), max(issue_date)
        FROM raw_invoice_lines GROUP BY ALL
    UNION ALL SELECT 'expenses', source_format, count(*), min(expense_date), max(expense_date)
        FROM raw_expenses GROUP BY ALL
    UNION ALL SELECT 'projects', source_format, count(*), min(start_date), max(due_date)
        FROM raw_projects GROUP BY ALL
    UNION ALL SELECT 'deliverables', source_format, count(*), min(due_date), max(due_date)
        FROM raw_deliverables GROUP BY ALL
    UNION ALL SELECT 'rate_card', source_format, count(*), min(valid_from), max(valid_from)
        FROM raw_rate_card GROUP BY ALL
    UNION ALL SELECT 'exchange_rates', source_format, count(*), min(valid_from), max(valid_from)
        FROM raw_exchange_rates GROUP BY ALL
    UNION ALL SELECT 'targets', source_format, count(*), make_date(min(year), 1, 1),
        make_date(max(year), 12, 31) FROM raw_targets GROUP BY ALL
    UNION ALL SELECT 'pipeline', source_format, count(*), min(expected_start),
        max(coalesce(expected_end, expected_start)) FROM raw_pipeline GROUP BY ALL
    UNION ALL SELECT 'clients', source_format, count(*), NULL, NULL FROM raw_clients GROUP BY ALL
    UNION ALL SELECT 'aliases', source_format, count(*), NULL, NULL FROM raw_aliases GROUP BY ALL
)
SELECT
    coalesce(arg_max(l.source_label, l.run_id), l.source_format) AS source,
    l.kind,
    l.source_format,
    count(*) AS files,
    max(l.started_at) AS last_import,
    coalesce(any_value(h.rows_held), 0) AS rows_held,
    any_value(h.first_date) AS first_date,
    any_value(h.last_date) AS last_date,
    sum(l.rows_rejected) AS rows_rejected
FROM latest l
LEFT JOIN held h USING (kind, source_format)
GROUP BY l.kind, l.source_format
ORDER BY l.kind, last_import DESC

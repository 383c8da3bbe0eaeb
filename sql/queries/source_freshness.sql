-- One row per source format and kind of data: its files, latest import, rows now held, the dates they cover, rows rejected.
WITH latest AS (
    -- A file imported again counts once, as of its latest import.
    SELECT f.*, r.started_at
    FROM import_files f
    JOIN import_runs r USING (run_id)
    QUALIFY row_number() OVER (PARTITION BY f.file_id ORDER BY f.run_id DESC) = 1
),
held AS (
    SELECT source_format, count(*) AS rows_held, min(entry_date) AS first_date,
           max(entry_date) AS last_date
    FROM raw_time_entries GROUP BY 1
    UNION ALL SELECT source_format, count(*), min(issue_date), max(issue_date) FROM raw_invoices GROUP BY 1
    UNION ALL SELECT source_format, count(*), min(expense_date), max(expense_date) FROM raw_expenses GROUP BY 1
    UNION ALL SELECT source_format, count(*), min(start_date), max(due_date) FROM raw_projects GROUP BY 1
    UNION ALL SELECT source_format, count(*), min(due_date), max(due_date) FROM raw_deliverables GROUP BY 1
    UNION ALL SELECT source_format, count(*), min(valid_from), max(valid_from) FROM raw_rate_card GROUP BY 1
    UNION ALL SELECT source_format, count(*), min(valid_from), max(valid_from) FROM raw_exchange_rates GROUP BY 1
    UNION ALL SELECT source_format, count(*), NULL, NULL FROM raw_clients GROUP BY 1
    UNION ALL SELECT source_format, count(*), NULL, NULL FROM raw_aliases GROUP BY 1
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
LEFT JOIN held h USING (source_format)
GROUP BY l.kind, l.source_format
ORDER BY l.kind, last_import DESC

-- One row per import run, newest first: when, by whom, the rows read, loaded, rejected and skipped, the
-- earlier rows it replaced (how many, their hours or amount, of which files), and its files.
WITH replaced AS (
    SELECT
        run_id,
        string_agg(
            format('{:,} of {}', rows_replaced, replaced_file_name)
            || CASE
                WHEN hours IS NOT NULL THEN format(' ({:,.2f} h)', hours::DOUBLE)
                WHEN amount IS NOT NULL THEN format(' ({:,.2f})', amount::DOUBLE)
                ELSE ''
            END,
            '; ' ORDER BY replaced_file_name
        ) AS replaced
    FROM import_replacements
    GROUP BY run_id
),
files AS (
    SELECT run_id, string_agg(file_name, ', ' ORDER BY file_name) AS file_names
    FROM import_files
    GROUP BY run_id
)
SELECT
    r.run_id,
    r.started_at,
    coalesce(r.started_by, '—') AS started_by,
    r.rows_read,
    r.rows_loaded,
    r.rows_rejected,
    r.rows_skipped,
    r.rows_replaced,
    coalesce(p.replaced, '—') AS replaced,
    f.file_names
FROM import_runs r
LEFT JOIN files f USING (run_id)
LEFT JOIN replaced p USING (run_id)
ORDER BY r.run_id DESC

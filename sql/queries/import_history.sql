-- One row per import run, newest first: when, the files and the rows read, loaded and rejected.
SELECT
    r.run_id,
    r.started_at,
    string_agg(f.file_name, ', ' ORDER BY f.file_name) AS file_names,
    r.rows_read,
    r.rows_loaded,
    r.rows_rejected
FROM import_runs r
LEFT JOIN import_files f USING (run_id)
GROUP BY ALL
ORDER BY r.run_id DESC

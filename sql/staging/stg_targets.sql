-- One row per client and year of the targets template, with the file and the import run that
-- last loaded it.
SELECT
    t.file_id,
    trim(t.client) AS client,
    t.year,
    t.revenue_target,
    t.margin_target,
    t.on_time_target,
    -- Which import is newer: the mart settles two spellings of one client's year by it.
    f.run_id,
    t.line
FROM raw_targets t
LEFT JOIN (SELECT file_id, max(run_id) AS run_id FROM import_files GROUP BY file_id) f
    ON f.file_id = t.file_id

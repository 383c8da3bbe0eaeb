-- One row per opportunity of the pipeline template: stage in lower case, a blank end taken as the
-- start, with the file and the import run that last loaded it.
SELECT
    p.file_id,
    trim(p.client) AS client,
    trim(p.opportunity) AS opportunity,
    -- One spelling per service line, as for projects: 'PACKAGING' and 'packaging' are 'Packaging'.
    upper(trim(p.service_line)[1]) || lower(trim(p.service_line)[2:]) AS service_line,
    p.value,
    p.probability,
    p.expected_start,
    coalesce(p.expected_end, p.expected_start) AS expected_end,
    nullif(lower(trim(p.stage)), '') AS stage,
    -- Which import is newer: the mart settles two spellings of one client's opportunity by it.
    f.run_id,
    p.line
FROM raw_pipeline p
LEFT JOIN (SELECT file_id, max(run_id) AS run_id FROM import_files GROUP BY file_id) f
    ON f.file_id = p.file_id

-- One row per reconciliation measure of the latest import: the total in the files and in the views.
SELECT r.run_id, r.started_at, j.key AS measure, (j.value ->> 0)::DOUBLE AS loaded,
       (j.value ->> 1)::DOUBLE AS reported
FROM import_runs r, json_each(r.reconciliation) j
WHERE r.run_id = (SELECT max(run_id) FROM import_runs)

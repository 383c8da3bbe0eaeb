-- One row per deliverable of a project.
SELECT
    trim(project_code) AS project_code,
    trim(deliverable) AS deliverable,
    due_date,
    delivered_date,
    original_due_date
FROM raw_deliverables

-- One row per deliverable, linked to its project and client.
SELECT
    d.project_code,
    coalesce(p.client, '(no client)') AS client,
    p.service_line,
    d.deliverable,
    d.due_date,
    d.delivered_date,
    d.original_due_date
FROM stg_deliverables d
LEFT JOIN projects p ON p.project_code = d.project_code

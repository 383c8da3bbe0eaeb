-- One row per time entry, with its canonical client, project, cost and bill rates.
-- A view: the links are stored with each entry, so only the small client and project tables join.
SELECT
    e.file_id,
    e.line,
    e.source_format,
    e.entry_date,
    date_trunc('month', e.entry_date)::DATE AS month,
    coalesce(p.client, n.client, e.client, '(no client)') AS client,
    e.linked_project_code AS project_code,
    coalesce(p.project, e.project) AS project,
    p.service_line,
    p.billing_model,
    e.task,
    e.notes,
    coalesce(e.person, '(unknown person)') AS person,
    e.linked_role AS role,
    e.hours,
    e.billable,
    CASE WHEN e.billable THEN e.hours ELSE 0 END AS billable_hours,
    e.linked_cost_rate AS cost_rate,
    e.cost_rate_source,
    e.linked_bill_rate AS bill_rate,
    e.standard_bill_rate,
    e.hours * e.linked_cost_rate AS labour_cost,
    CASE WHEN e.billable THEN e.hours * e.linked_bill_rate ELSE 0 END AS billable_value
FROM stg_time_entries e
LEFT JOIN client_names n ON n.name_key = e.client_key
LEFT JOIN projects p ON p.project_code = e.linked_project_code

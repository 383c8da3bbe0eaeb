-- One row per expense line, linked to its project (by code, else client and project name).
WITH named AS (
    SELECT e.*, coalesce(n.client, e.client) AS client_name
    FROM stg_expenses e
    LEFT JOIN client_names n ON n.name_key = normalize_name(e.client)
)
SELECT
    e.file_id,
    e.line,
    e.expense_date,
    date_trunc('month', e.expense_date)::DATE AS month,
    coalesce(p.client, e.client_name, '(no client)') AS client,
    p.project_code,
    p.billing_model,
    e.category,
    e.amount,
    e.billable,
    e.pass_through
FROM named e
LEFT JOIN project_names u
    ON e.project_code IS NULL
    AND u.name_key = normalize_name(e.client)
    AND u.project_key = normalize_name(e.project)
LEFT JOIN projects p ON p.project_code = coalesce(e.project_code, u.project_code)

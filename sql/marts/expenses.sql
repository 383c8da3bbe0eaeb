-- One row per expense line, linked to its project and client.
SELECT
    e.file_id,
    e.line,
    e.expense_date,
    date_trunc('month', e.expense_date)::DATE AS month,
    coalesce(p.client, n.client, e.client, '(no client)') AS client,
    p.project_code,
    p.billing_model,
    e.category,
    e.amount,
    e.billable,
    e.pass_through
FROM stg_expenses e
LEFT JOIN projects p ON p.project_code = e.project_code
LEFT JOIN client_names n ON n.name_key = normalize_name(e.client)

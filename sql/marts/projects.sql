-- One row per project, with its canonical client and the end date its schedule runs to.
SELECT
    p.project_code,
    coalesce(p.project, p.project_code) AS project,
    coalesce(n.client, p.client, '(no client)') AS client,
    coalesce(p.service_line, 'Unassigned') AS service_line,
    -- Projects without a model are billed by the hour, the most common arrangement.
    coalesce(p.billing_model, 'time_and_materials') AS billing_model,
    p.budget_hours,
    p.budget_amount,
    p.start_date,
    p.due_date,
    p.delivered_date,
    coalesce(p.delivered_date, p.due_date) AS end_date,
    coalesce(p.status, CASE WHEN p.delivered_date IS NULL THEN 'active' ELSE 'delivered' END)
        AS status,
    coalesce(p.account_manager, c.account_manager) AS account_manager
FROM stg_projects p
LEFT JOIN client_names n ON n.name_key = normalize_name(p.client)
LEFT JOIN stg_clients c ON c.client = n.client

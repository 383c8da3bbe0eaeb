-- One row per project code, with the billing model and service line in canonical spelling.
SELECT
    trim(project_code) AS project_code,
    trim(project) AS project,
    trim(client) AS client,
    -- One spelling per service line: 'PACKAGING' and 'packaging' are 'Packaging'.
    upper(trim(service_line)[1]) || lower(trim(service_line)[2:]) AS service_line,
    CASE
        WHEN regexp_matches(lower(billing_model), 'fixed') THEN 'fixed_fee'
        WHEN regexp_matches(lower(billing_model), 'retainer|monthly') THEN 'retainer'
        WHEN regexp_matches(lower(billing_model), 'time|t&m|t\s*and\s*m|hourly') THEN 'time_and_materials'
    END AS billing_model,
    budget_hours,
    budget_amount,
    start_date,
    due_date,
    delivered_date,
    lower(trim(status)) AS status,
    nullif(trim(account_manager), '') AS account_manager
FROM raw_projects

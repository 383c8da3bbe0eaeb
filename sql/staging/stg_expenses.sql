-- One row per loaded expense line.
SELECT
    file_id,
    line,
    expense_date,
    nullif(trim(project_code), '') AS project_code,
    nullif(trim(client), '') AS client,
    nullif(trim(project), '') AS project,
    nullif(trim(category), '') AS category,
    amount,
    billable,
    pass_through
FROM raw_expenses

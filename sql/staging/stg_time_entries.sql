-- One row per loaded time entry, text trimmed.
SELECT
    file_id,
    line,
    source_format,
    entry_date,
    nullif(trim(client), '') AS client,
    nullif(trim(project), '') AS project,
    nullif(trim(project_code), '') AS project_code,
    nullif(trim(task), '') AS task,
    notes,
    nullif(trim(person), '') AS person,
    nullif(trim(role), '') AS role,
    hours,
    billable,
    bill_rate,
    cost_rate
FROM raw_time_entries

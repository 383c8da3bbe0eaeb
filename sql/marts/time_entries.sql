-- One row per time entry, linked to its project and client, with cost and bill rates resolved.
WITH client_map AS (
    -- Names are normalized once per distinct spelling, not once per entry.
    SELECT d.client, n.client AS canonical
    FROM (SELECT DISTINCT client FROM stg_time_entries WHERE client IS NOT NULL) d
    JOIN client_names n ON n.name_key = normalize_name(d.client)
),
entries AS (
    SELECT e.*, coalesce(m.canonical, e.client) AS client_name
    FROM stg_time_entries e
    LEFT JOIN client_map m ON m.client = e.client
),
by_code AS (
    SELECT e.*, p.project_code AS code_match
    FROM entries e
    LEFT JOIN projects p ON p.project_code = e.project_code
),
name_map AS (
    SELECT d.client_name, d.project, u.project_code
    FROM (SELECT DISTINCT client_name, project FROM by_code WHERE code_match IS NULL) d
    JOIN project_names u
        ON u.client = d.client_name AND u.project_key = normalize_name(d.project)
),
by_key AS (
    SELECT b.* EXCLUDE (code_match), coalesce(b.code_match, m.project_code) AS linked_code
    FROM by_code b
    LEFT JOIN name_map m
        ON b.code_match IS NULL AND m.client_name = b.client_name AND m.project = b.project
),
by_text AS (
    -- Last resort: exactly one known project code appears in the entry's text.
    SELECT b.file_id, b.line, min(p.project_code) AS project_code
    FROM by_key b
    JOIN projects p ON list_contains(
        regexp_extract_all(concat_ws(' ', b.project_code, b.project, b.notes), '[\w][\w./-]*'),
        p.project_code
    )
    WHERE b.linked_code IS NULL
    GROUP BY ALL
    HAVING count(*) = 1
),
linked AS (
    SELECT b.* EXCLUDE (linked_code), coalesce(b.linked_code, t.project_code) AS linked_code
    FROM by_key b
    LEFT JOIN by_text t ON t.file_id = b.file_id AND t.line = b.line
),
rated AS (
    -- Range joins on the validity period (cheaper here than ASOF joins on a million rows).
    SELECT
        l.*,
        coalesce(l.role, person_rate.role) AS resolved_role,
        person_rate.cost_rate AS person_cost_rate,
        person_rate.bill_rate AS person_bill_rate
    FROM linked l
    LEFT JOIN rate_card person_rate
        ON person_rate.person = l.person
        AND l.entry_date BETWEEN person_rate.valid_from AND person_rate.valid_to
),
role_rated AS (
    SELECT r.*, role_rate.cost_rate AS role_cost_rate, role_rate.bill_rate AS role_bill_rate
    FROM rated r
    LEFT JOIN (SELECT * FROM rate_card WHERE person IS NULL) role_rate
        ON role_rate.role = r.resolved_role
        AND r.entry_date BETWEEN role_rate.valid_from AND role_rate.valid_to
)
SELECT
    r.file_id,
    r.line,
    r.source_format,
    r.entry_date,
    date_trunc('month', r.entry_date)::DATE AS month,
    coalesce(p.client, r.client_name, '(no client)') AS client,
    r.linked_code AS project_code,
    coalesce(p.project, r.project) AS project,
    p.service_line,
    p.billing_model,
    r.task,
    r.notes,
    coalesce(r.person, '(unknown person)') AS person,
    r.resolved_role AS role,
    r.hours,
    r.billable,
    CASE WHEN r.billable THEN r.hours ELSE 0 END AS billable_hours,
    coalesce(r.cost_rate, r.person_cost_rate, r.role_cost_rate) AS cost_rate,
    CASE
        WHEN r.cost_rate IS NOT NULL THEN 'entry'
        WHEN r.person_cost_rate IS NOT NULL THEN 'rate card (person)'
        WHEN r.role_cost_rate IS NOT NULL THEN 'rate card (role)'
    END AS cost_rate_source,
    coalesce(r.bill_rate, r.person_bill_rate, r.role_bill_rate) AS bill_rate,
    coalesce(r.person_bill_rate, r.role_bill_rate) AS standard_bill_rate,
    r.hours * coalesce(r.cost_rate, r.person_cost_rate, r.role_cost_rate) AS labour_cost,
    CASE WHEN r.billable THEN r.hours * coalesce(r.bill_rate, r.person_bill_rate, r.role_bill_rate) ELSE 0 END
        AS billable_value
FROM role_rated r
LEFT JOIN projects p ON p.project_code = r.linked_code

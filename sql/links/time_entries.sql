-- One row per time entry of the temp view `time_entries_to_link` (raw_time_entries columns), with
-- its links resolved: client key, project (by code, else client and project name, else a code in
-- its text), role, cost and bill rates (entry, else the rate card by person, else by role).
WITH named AS MATERIALIZED (
    -- The client key and the project by code or name depend only on the entry's client, project
    -- and code: they are resolved once per combination of the three (names normalized once each).
    SELECT DISTINCT client, project, project_code FROM time_entries_to_link
),
resolved AS MATERIALIZED (
    SELECT
        n.client, n.project, n.project_code, n.client_key,
        coalesce(p.project_code, u.project_code) AS code_or_name_match
    FROM (SELECT *, normalize_name(client) AS client_key FROM named) n
    LEFT JOIN projects p ON p.project_code = n.project_code
    LEFT JOIN project_names u
        ON p.project_code IS NULL
        AND u.name_key = n.client_key AND u.project_key = normalize_name(n.project)
),
by_key AS NOT MATERIALIZED (
    SELECT e.* EXCLUDE (client_key), r.client_key, r.code_or_name_match
    FROM time_entries_to_link e
    LEFT JOIN resolved r
        ON r.client IS NOT DISTINCT FROM e.client
        AND r.project IS NOT DISTINCT FROM e.project
        AND r.project_code IS NOT DISTINCT FROM e.project_code
),
by_text AS (
    -- Last resort: exactly one known project code appears as a word in the entry's text.
    SELECT t.file_id, t.line, min(p.project_code) AS project_code
    FROM (
        SELECT b.file_id, b.line,
            unnest(regexp_extract_all(concat_ws(' ', b.project_code, b.project, b.notes),
                                      '[\w][\w./-]*')) AS word
        FROM by_key b
        WHERE b.code_or_name_match IS NULL
    ) t
    JOIN projects p ON p.project_code = t.word
    GROUP BY ALL
    HAVING count(DISTINCT p.project_code) = 1
),
linked AS (
    SELECT b.* EXCLUDE (code_or_name_match), coalesce(b.code_or_name_match, t.project_code) AS code
    FROM by_key b
    LEFT JOIN by_text t ON t.file_id = b.file_id AND t.line = b.line
),
person_rated AS (
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
    FROM person_rated r
    LEFT JOIN (SELECT * FROM rate_card WHERE person IS NULL) role_rate
        ON role_rate.role = r.resolved_role
        AND r.entry_date BETWEEN role_rate.valid_from AND role_rate.valid_to
)
SELECT
    r.* EXCLUDE (
        code, resolved_role, person_cost_rate, person_bill_rate, role_cost_rate, role_bill_rate,
        linked_project_code, linked_role, linked_cost_rate, cost_rate_source, linked_bill_rate,
        standard_bill_rate
    ),
    r.code AS linked_project_code,
    r.resolved_role AS linked_role,
    coalesce(r.cost_rate, r.person_cost_rate, r.role_cost_rate) AS linked_cost_rate,
    CASE
        WHEN r.cost_rate IS NOT NULL THEN 'entry'
        WHEN r.person_cost_rate IS NOT NULL THEN 'rate card (person)'
        WHEN r.role_cost_rate IS NOT NULL THEN 'rate card (role)'
    END AS cost_rate_source,
    coalesce(r.bill_rate, r.person_bill_rate, r.role_bill_rate) AS linked_bill_rate,
    coalesce(r.person_bill_rate, r.role_bill_rate) AS standard_bill_rate
FROM role_rated r

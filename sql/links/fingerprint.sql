-- One row: a digest of everything stored time-entry links depend on (project codes, the client
-- keys and names that name each project, the rate card); when it changes, entries are relinked.
-- Rows are hashed as lists of structs, so an empty value and the column it sits in both count.
SELECT md5(concat_ws('|',
    coalesce((SELECT list(project_code ORDER BY project_code) FROM projects)::VARCHAR, '[]'),
    coalesce((
        SELECT list((name_key, project_key, project_code) ORDER BY name_key, project_key)
        FROM project_names
    )::VARCHAR, '[]'),
    coalesce((
        SELECT list((person, role, valid_from, valid_to, cost_rate, bill_rate)
                    ORDER BY person, role, valid_from, valid_to, cost_rate, bill_rate)
        FROM rate_card
    )::VARCHAR, '[]')
)) AS fingerprint

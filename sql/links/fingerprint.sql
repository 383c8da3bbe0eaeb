-- One row: a digest of everything stored time-entry links depend on (projects, the client keys
-- that name each project's client, the rate card); when it changes, entries are relinked.
SELECT md5(concat_ws('|',
    (SELECT string_agg(project_code, ',' ORDER BY project_code) FROM projects),
    (SELECT string_agg(concat_ws(':', name_key, project_key, project_code), ','
        ORDER BY name_key, project_key) FROM project_names),
    (SELECT string_agg(concat_ws(':', person, role, valid_from, valid_to, cost_rate, bill_rate), ','
        ORDER BY person, role, valid_from) FROM rate_card)
)) AS fingerprint

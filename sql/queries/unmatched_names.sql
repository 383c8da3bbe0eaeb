-- One row per client or project name in the data that matches no known client or project, with the closest known one and the kinds of data it is found in.
WITH spellings AS MATERIALIZED (
    -- Each spelling once, so names are normalized per spelling rather than per row.
    SELECT name, count(*) AS entries, sum(hours) AS hours, sum(amount) AS amount,
           list(DISTINCT file_id ORDER BY file_id) AS file_ids,
           string_agg(DISTINCT found_in, ', ' ORDER BY found_in) AS found_in
    FROM (
        SELECT file_id, client AS name, hours, 0 AS amount, 'time entries' AS found_in
        FROM stg_time_entries
        UNION ALL SELECT file_id, client, 0, amount, 'expenses' FROM stg_expenses
        UNION ALL SELECT file_id, client, 0, amount, 'invoices' FROM stg_invoices
        -- A plan may name a prospect or misspell a client: it is listed to confirm or create,
        -- like any other name (its figures are plans, not amounts recorded).
        UNION ALL SELECT file_id, client, 0, 0, 'targets' FROM stg_targets
        UNION ALL SELECT file_id, client, 0, 0, 'pipeline' FROM stg_pipeline
    )
    WHERE name IS NOT NULL
    GROUP BY name
),
known_clients AS (
    -- Known: named in the clients template or owning a project.
    SELECT client, normalize_name(client) AS name_key
    FROM (SELECT client FROM stg_clients UNION SELECT client FROM projects WHERE client IS NOT NULL)
),
unknown_clients AS (
    SELECT s.*
    FROM spellings s
    LEFT JOIN client_names n ON n.name_key = normalize_name(s.name)
    WHERE coalesce(n.client, s.name) NOT IN (SELECT client FROM known_clients)
),
client_matches AS (
    SELECT u.name,
           arg_max(k.client, jaro_winkler_similarity(coalesce(normalize_name(u.name), ''), k.name_key))
               AS suggestion,
           max(jaro_winkler_similarity(coalesce(normalize_name(u.name), ''), k.name_key)) AS similarity
    FROM unknown_clients u, known_clients k
    GROUP BY u.name
),
unknown_projects AS (
    SELECT client, project AS name, count(*) AS entries, sum(hours) AS hours, 0 AS amount,
           list(DISTINCT file_id ORDER BY file_id) AS file_ids, 'time entries' AS found_in
    FROM time_entries
    WHERE project_code IS NULL AND project IS NOT NULL
    GROUP BY client, project
),
project_matches AS (
    -- The client's own projects first, then the most alike name.
    SELECT u.client, u.name,
           arg_max(p.project_code, [(p.client = u.client)::INT, similarity]) AS suggestion,
           arg_max(concat(p.project_code, ' · ', p.project, ' (', p.client, ')'),
                   [(p.client = u.client)::INT, similarity]) AS suggestion_label,
           arg_max(similarity, [(p.client = u.client)::INT, similarity]) AS similarity
    FROM unknown_projects u,
         LATERAL (SELECT *, jaro_winkler_similarity(coalesce(normalize_name(u.name), ''),
                  coalesce(normalize_name(project), '')) AS similarity FROM projects) p
    GROUP BY u.client, u.name
)
SELECT 'client' AS name_kind, NULL::VARCHAR AS client, u.name, u.entries, u.hours, u.amount,
       m.suggestion, m.suggestion AS suggestion_label, m.similarity, u.file_ids, u.found_in
FROM unknown_clients u
LEFT JOIN client_matches m USING (name)
UNION ALL
SELECT 'project', u.client, u.name, u.entries, u.hours, u.amount, m.suggestion, m.suggestion_label,
       m.similarity, u.file_ids, u.found_in
FROM unknown_projects u
LEFT JOIN project_matches m USING (client, name)
ORDER BY name_kind, hours DESC, amount DESC, name
